use super::AnswerProps;
use crate::app::components::markdown::Md;
use crate::engine::question::answer::Answer;
use crate::engine::question::ordering::Ordering;
use leptos::prelude::*;

/// Steps moved with up/down buttons: reliable on phones and with a keyboard or screen reader,
/// where drag and drop is not.
#[component]
pub fn OrderingInput(q: Ordering, md: Md, props: AnswerProps) -> impl IntoView {
    let (start, answered) = match &props.initial {
        Some(Answer::Order { order }) => (order.clone(), true),
        _ => (props.order.clone(), false),
    };
    let arrangement = RwSignal::new(start);
    let touched = RwSignal::new(answered);
    let on_change = props.on_change;
    let locked = props.locked;
    let items = q.items.clone();
    let commit = move || {
        touched.set(true);
        on_change.run(Some(Answer::Order {
            order: arrangement.get_untracked(),
        }));
    };
    let mv = move |pos: usize, up: bool| {
        if locked.get_untracked() {
            return;
        }
        arrangement.update(|a| {
            let other = if up {
                pos.checked_sub(1)
            } else {
                Some(pos + 1).filter(|&p| p < a.len())
            };
            if let Some(o) = other {
                a.swap(pos, o);
            }
        });
        commit();
    };
    view! {
        <div class="ordering">
            <p class="answer-hint">"用 ↑ ↓ 把步骤排成正确的先后顺序"</p>
            <ol class="order-list">
                {move || {
                    let a = arrangement.get();
                    let n = a.len();
                    a.into_iter().enumerate().map(|(pos, orig)| {
                        let content = items.get(orig).map(|b| md.blocks(b));
                        view! {
                            <li class="order-item">
                                <span class="order-pos" aria-hidden="true">{pos + 1}</span>
                                <span class="order-body">{content}</span>
                                <span class="order-buttons">
                                    <button type="button" class="icon-btn" aria-label=format!("上移第 {} 项", pos + 1)
                                        disabled=move || locked.get() || pos == 0 on:click=move |_| mv(pos, true)>"↑"</button>
                                    <button type="button" class="icon-btn" aria-label=format!("下移第 {} 项", pos + 1)
                                        disabled=move || locked.get() || pos + 1 == n on:click=move |_| mv(pos, false)>"↓"</button>
                                </span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ol>
            <Show when=move || !touched.get() && !locked.get()>
                <button type="button" class="btn secondary" on:click=move |_| commit()>"就按这个顺序作答"</button>
            </Show>
        </div>
    }
}

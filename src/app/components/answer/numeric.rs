use super::AnswerProps;
use crate::engine::question::answer::Answer;
use crate::engine::question::numeric::Numeric;
use leptos::prelude::*;

#[component]
pub fn NumericInput(q: Numeric, props: AnswerProps) -> impl IntoView {
    let initial = match props.initial {
        Some(Answer::Numeric { text }) => text,
        _ => String::new(),
    };
    let on_change = props.on_change;
    let locked = props.locked;
    let id = format!("{}-num", props.uid);
    view! {
        <div class="numeric">
            <label for=id.clone()>"你的答案"</label>
            <div class="numeric-row">
                <input type="text" inputmode="decimal" id=id autocomplete="off" value=initial
                    disabled=move || locked.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        on_change.run((!text.trim().is_empty()).then_some(Answer::Numeric { text }));
                    }/>
                {q.unit.map(|u| view! { <span class="unit">{u}</span> })}
            </div>
        </div>
    }
}

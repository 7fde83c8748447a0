use super::AnswerProps;
use crate::engine::question::answer::Answer;
use leptos::prelude::*;

#[component]
pub fn ReplyInput(props: AnswerProps) -> impl IntoView {
    let initial = match props.initial {
        Some(Answer::Reply { text }) => text,
        _ => String::new(),
    };
    let count = RwSignal::new(initial.chars().count());
    let on_change = props.on_change;
    let locked = props.locked;
    let id = format!("{}-reply", props.uid);
    view! {
        <div class="reply">
            <label for=id.clone()>"你的回复（像在千牛里回复顾客一样输入）"</label>
            <textarea id=id rows="5" placeholder="亲，您好……" disabled=move || locked.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    count.set(text.chars().count());
                    on_change.run((!text.trim().is_empty()).then_some(Answer::Reply { text }));
                }>{initial}</textarea>
            <p class="reply-count">{move || format!("{} 字", count.get())}</p>
        </div>
    }
}

use super::AnswerProps;
use crate::engine::question::answer::Answer;
use leptos::prelude::*;

#[component]
pub fn TrueFalseInput(props: AnswerProps) -> impl IntoView {
    let initial = match props.initial {
        Some(Answer::TrueFalse { value }) => Some(value),
        _ => None,
    };
    let value = RwSignal::new(initial);
    let on_change = props.on_change;
    let locked = props.locked;
    let name = props.uid.clone();
    let option = move |v: bool, label: &'static str| {
        let id = format!("{name}-{v}");
        let label_for = id.clone();
        view! {
            <label class="option tf" class:selected=move || value.get() == Some(v) for=label_for>
                <input type="radio" id=id name=name.clone() prop:checked=move || value.get() == Some(v)
                    disabled=move || locked.get()
                    on:change=move |_| {
                        if !locked.get_untracked() {
                            value.set(Some(v));
                            on_change.run(Some(Answer::TrueFalse { value: v }));
                        }
                    }/>
                <span class="letter" aria-hidden="true">{if v { "✓" } else { "✗" }}</span>
                <span class="option-body">{label}</span>
            </label>
        }
    };
    view! {
        <fieldset class="options tf-options">
            <legend class="visually-hidden">"判断对错"</legend>
            {option(true, "对")}
            {option(false, "错")}
        </fieldset>
    }
}

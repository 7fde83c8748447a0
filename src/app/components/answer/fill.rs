use super::AnswerProps;
use crate::app::components::markdown::{BlankView, Md};
use crate::engine::question::answer::Answer;
use leptos::prelude::*;
use std::sync::Arc;

/// A renderer for the stem whose blanks are text inputs bound to the answer.
pub fn fill_md(base: &str, count: usize, props: AnswerProps) -> Md {
    let initial = match &props.initial {
        Some(Answer::Fill { blanks }) => blanks.clone(),
        _ => Vec::new(),
    };
    let mut values = initial;
    values.resize(count, String::new());
    let values = RwSignal::new(values);
    let on_change = props.on_change;
    let locked = props.locked;
    let uid = props.uid.clone();
    let blank: BlankView = Arc::new(move |i: usize| {
        let id = format!("{uid}-blank-{i}");
        view! {
            <input class="blank-input" type="text" id=id autocomplete="off" autocapitalize="off"
                aria-label=format!("第 {} 空", i + 1)
                prop:value=move || values.with(|v| v.get(i).cloned().unwrap_or_default())
                disabled=move || locked.get()
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    values.update(|v| if let Some(slot) = v.get_mut(i) { *slot = text; });
                    let blanks = values.get_untracked();
                    let empty = blanks.iter().all(|b| b.trim().is_empty());
                    on_change.run((!empty).then_some(Answer::Fill { blanks }));
                }/>
        }
        .into_any()
    });
    Md {
        base: base.to_string(),
        blank: Some(blank),
    }
}

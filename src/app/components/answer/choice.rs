use super::AnswerProps;
use crate::app::components::markdown::Md;
use crate::engine::question::answer::Answer;
use crate::engine::question::choice::Choices;
use leptos::prelude::*;

/// The letter shown before the option at a display position (A, B, C...), also used by the
/// review so both name an option the same way.
pub fn option_letter(pos: usize) -> char {
    "ABCDEFGHIJKL".chars().nth(pos).unwrap_or('·')
}

#[component]
pub fn ChoiceInput(q: Choices, md: Md, props: AnswerProps) -> impl IntoView {
    let initial = match &props.initial {
        Some(Answer::Choice { selected }) => selected.clone(),
        _ => Vec::new(),
    };
    let selected = RwSignal::new(initial);
    let multiple = q.multiple;
    let on_change = props.on_change;
    let locked = props.locked;
    let name = props.uid.clone();
    let hint = if multiple {
        "（多选，选出所有正确项）"
    } else {
        "（单选）"
    };
    let options = props
        .order
        .iter()
        .enumerate()
        .filter_map(|(pos, &orig)| q.options.get(orig).map(|o| (pos, orig, o.clone())))
        .map(|(pos, orig, option)| {
            let id = format!("{name}-{pos}");
            let label_for = id.clone();
            let checked = move || selected.with(|s| s.contains(&orig));
            let toggle = move |_| {
                if locked.get_untracked() {
                    return;
                }
                selected.update(|s| {
                    if multiple {
                        if let Some(i) = s.iter().position(|&x| x == orig) {
                            s.remove(i);
                        } else {
                            s.push(orig);
                            s.sort_unstable();
                        }
                    } else {
                        *s = vec![orig];
                    }
                });
                let s = selected.get_untracked();
                on_change.run((!s.is_empty()).then_some(Answer::Choice { selected: s }));
            };
            let letter = option_letter(pos);
            view! {
                <label class="option" class:selected=checked for=label_for>
                    <input
                        type=if multiple { "checkbox" } else { "radio" }
                        id=id
                        name=name.clone()
                        prop:checked=checked
                        disabled=move || locked.get()
                        on:change=toggle
                    />
                    <span class="letter" aria-hidden="true">{letter}</span>
                    <span class="option-body">{md.blocks(&option.content)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="options">
            <legend class="visually-hidden">{format!("选项{hint}")}</legend>
            <p class="answer-hint">{hint}</p>
            {options}
        </fieldset>
    }
}

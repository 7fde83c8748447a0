use super::AnswerProps;
use crate::app::components::markdown::Md;
use crate::engine::question::answer::Answer;
use crate::engine::question::matching::Matching;
use crate::engine::text::rich::inline_text;
use leptos::prelude::*;

/// Each left item gets a native select of the (shuffled) right column: accessible and easy
/// to use on a phone.
#[component]
pub fn MatchingInput(q: Matching, md: Md, props: AnswerProps) -> impl IntoView {
    let n = q.pairs.len();
    let initial = match &props.initial {
        Some(Answer::Match { pairs }) => {
            let mut p = pairs.clone();
            p.resize(n, None);
            p
        }
        _ => vec![None; n],
    };
    let chosen = RwSignal::new(initial);
    let on_change = props.on_change;
    let locked = props.locked;
    let right: Vec<(usize, String)> = props
        .order
        .iter()
        .filter_map(|&i| q.pairs.get(i).map(|p| (i, inline_text(&p.1))))
        .collect();
    let rows = q
        .pairs
        .iter()
        .enumerate()
        .map(|(i, (left, _))| {
            let id = format!("{}-m{i}", props.uid);
            let opts = right
                .iter()
                .map(|(orig, text)| {
                    let orig = *orig;
                    view! { <option value=orig.to_string() selected=move || chosen.with(|c| c[i] == Some(orig))>{text.clone()}</option> }
                })
                .collect_view();
            view! {
                <div class="match-row">
                    <label class="match-left" for=id.clone()>{md.inlines(left)}</label>
                    <select id=id disabled=move || locked.get() on:change=move |ev| {
                        let v = event_target_value(&ev).parse::<usize>().ok();
                        chosen.update(|c| c[i] = v);
                        let pairs = chosen.get_untracked();
                        let any = pairs.iter().any(Option::is_some);
                        on_change.run(any.then_some(Answer::Match { pairs }));
                    }>
                        <option value="" selected=move || chosen.with(|c| c[i].is_none())>"请选择…"</option>
                        {opts}
                    </select>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="matching">
            <div class="match-head"><span>{md.inlines(&q.left_title)}</span><span>{md.inlines(&q.right_title)}</span></div>
            {rows}
        </div>
    }
}

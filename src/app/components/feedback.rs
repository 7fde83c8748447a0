//! The feedback lines of a graded question, each marked by what it is about (points found,
//! points missing, a negated point, a capped or zeroed score), in practice and in the review.

use crate::engine::attempt::behaviour::line_class;
use leptos::prelude::*;

#[component]
pub fn FeedbackLines(lines: Vec<String>, #[prop(optional)] redline: bool) -> impl IntoView {
    view! {
        <ul class="feedback" class:redline=redline>
            {lines.into_iter().map(|l| {
                let class = line_class(&l);
                view! { <li class=class>{l}</li> }
            }).collect_view()}
        </ul>
    }
}

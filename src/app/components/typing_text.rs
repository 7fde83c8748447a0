//! The passage with the typed text aligned under it: each passage character over what was
//! typed for it, wrong ones red, skipped ones marked, extra ones shown where they were typed.

use crate::engine::typing::typing::{align, Mark};
use leptos::prelude::*;

/// One column: the passage character above, the typed one below.
fn column(class: &'static str, expected: Option<char>, typed: Option<char>) -> AnyView {
    // A full-width space keeps an empty row as tall and wide as a Chinese character.
    let exp = expected.map_or('\u{3000}', |c| if c == ' ' { '\u{00a0}' } else { c });
    let got = typed.map_or('\u{3000}', |c| if c == ' ' { '\u{2423}' } else { c });
    view! {
        <span class=class><span class="exp">{exp.to_string()}</span><span class="got">{got.to_string()}</span></span>
    }
    .into_any()
}

/// `passage` with `typed` aligned under it; the untyped rest follows, its first character
/// marked as the cursor.
pub fn aligned_view(passage: &str, typed: &str, show_rest: bool) -> impl IntoView {
    let a = align(passage, typed);
    let mut cols: Vec<AnyView> = a
        .cells
        .iter()
        .map(|c| {
            let class = match c.mark {
                Mark::Correct => "tc ok",
                Mark::Wrong => "tc bad",
                Mark::Missed => "tc miss",
                Mark::Extra => "tc extra",
            };
            column(class, c.expected, c.typed)
        })
        .collect();
    if show_rest {
        for (i, ch) in passage.chars().skip(a.reached).enumerate() {
            let class = if i == 0 { "tc todo cursor" } else { "tc todo" };
            cols.push(column(class, Some(ch), None));
        }
    }
    let c = a.counts;
    let summary = format!(
        "已输入 {} 字：正确 {}，错字 {}，漏字 {}，多字 {}",
        typed.chars().count(),
        c.correct,
        c.wrong,
        c.missed,
        c.extra
    );
    view! {
        <div class="typing-text" lang="zh-CN" aria-hidden="true">{cols}</div>
        <p class="visually-hidden">{summary}</p>
    }
}

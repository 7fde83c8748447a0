//! The answer sheet: a grid of question numbers showing answered, flagged and current.

use leptos::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Cell {
    pub answered: bool,
    pub flagged: bool,
}

#[component]
pub fn Navigator(
    cells: Signal<Vec<Cell>>,
    current: Signal<usize>,
    on_pick: Callback<usize>,
    /// Questions before this one cannot be opened (a `one_way` exam).
    #[prop(optional, into)]
    first_open: Option<Signal<usize>>,
) -> impl IntoView {
    let closed = move |i: usize| first_open.is_some_and(|f| i < f.get());
    view! {
        <nav class="navigator" aria-label="答题卡">
            <div class="nav-legend" aria-hidden="true">
                <span><i class="dot answered"></i>"已答"</span>
                <span><i class="dot"></i>"未答"</span>
                <span><i class="dot flagged"></i>"标记"</span>
            </div>
            <div class="nav-grid">
                {move || cells.get().into_iter().enumerate().map(|(i, c)| {
                    let label = format!(
                        "第 {} 题，{}{}",
                        i + 1,
                        if c.answered { "已答" } else { "未答" },
                        if c.flagged { "，已标记" } else { "" }
                    );
                    view! {
                        <button type="button" class="nav-cell"
                            class:answered=c.answered class:flagged=c.flagged class:current=move || current.get() == i
                            aria-label=label
                            aria-current=move || (current.get() == i).then_some("step")
                            disabled=move || closed(i)
                            on:click=move |_| on_pick.run(i)>{i + 1}</button>
                    }
                }).collect_view()}
            </div>
        </nav>
    }
}

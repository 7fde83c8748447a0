//! The checker's problems and hints for the bank being edited, each with its `file:line:col`
//! as a button that moves the caret there.

use crate::engine::text::diagnostics::{Diagnostic, Severity};
use leptos::prelude::*;

#[component]
pub fn DiagnosticsList(
    diags: Signal<Vec<Diagnostic>>,
    /// The file being edited: only its places can be jumped to.
    path: Signal<String>,
    /// Called with `(line, col)` when a place is clicked.
    on_jump: Callback<(u32, u32)>,
) -> impl IntoView {
    let counts = move || {
        diags.with(|d| {
            let e = d.iter().filter(|x| x.severity == Severity::Error).count();
            (e, d.len() - e)
        })
    };
    view! {
        <section class="card diagnostics" aria-labelledby="diag-title">
            <h2 id="diag-title">"检查结果"</h2>
            <p class="diag-count" role="status">{move || {
                let (e, w) = counts();
                if e + w == 0 { "没有发现问题".to_string() } else { format!("{e} 个错误，{w} 个提示") }
            }}</p>
            <ul class="diag-list">
                {move || diags.get().into_iter().map(|d| {
                    let error = d.severity == Severity::Error;
                    let (line, col) = (d.line, d.col);
                    let place = format!("{}:{}:{}", d.file, d.line, d.col);
                    let own = path.with(|p| *p == d.file);
                    view! {
                        <li class:error=error class:hint=!error>
                            {if own {
                                view! { <button type="button" class="link-btn diag-place"
                                    on:click=move |_| on_jump.run((line, col))>{place}</button> }.into_any()
                            } else {
                                view! { <code class="diag-place">{place}</code> }.into_any()
                            }}
                            <span class="diag-level">{if error { "错误" } else { "提示" }}</span>
                            <span class="diag-message">{d.message}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

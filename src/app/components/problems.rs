//! Bank problems shown to people, as `file:line:col` with the message.

use crate::engine::text::diagnostics::{Diagnostic, Severity};
use leptos::prelude::*;

#[component]
pub fn Problems(diags: Vec<Diagnostic>, #[prop(into)] title: String) -> impl IntoView {
    let errors: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    (!errors.is_empty()).then(|| {
        view! {
            <section class="card problems" role="alert">
                <h2>{format!("{title}（{} 个错误）", errors.len())}</h2>
                <p class="muted">"请培训老师按下面的位置修改题库文件，保存后刷新页面即可。"</p>
                <ul>
                    {errors.into_iter().map(|d| view! {
                        <li><code>{format!("{}:{}:{}", d.file, d.line, d.col)}</code>" "{d.message}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

//! Opening a bank from a local file, by picker or drag and drop, for self-study.

use crate::app::fetch::read_file;
use crate::app::route::{go, Route};
use crate::app::state::{parse_local, AppState};
use crate::app::storage;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

fn open(state: AppState, file: web_sys::File) {
    spawn_local_scoped_with_cancellation(async move {
        match read_file(&file).await {
            Ok(text) => {
                let path = format!("local/{}", file.name());
                let (bank, diags) = parse_local(&path, &text);
                state.note(storage::save_local_bank(&path, &text));
                state.local.update(|m| {
                    m.insert(path.clone(), (bank, diags));
                });
                go(&Route::Start(path));
            }
            Err(e) => state.storage_problem.set(Some(e)),
        }
    });
}

#[component]
pub fn OpenFile() -> impl IntoView {
    let state = expect_context::<AppState>();
    let hover = RwSignal::new(false);
    view! {
        <section class="card dropzone" class:hover=move || hover.get()
            on:dragover=move |ev| { ev.prevent_default(); hover.set(true); }
            on:dragleave=move |_| hover.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                hover.set(false);
                if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                    open(state, file);
                }
            }>
            <h2>"自学：打开本地题库"</h2>
            <p class="muted">"选择或拖入一个 Markdown 题库文件（.md），格式见 exams/FORMAT.md。"</p>
            <label class="btn secondary file-btn">
                "选择题库文件"
                <input type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" class="visually-hidden"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|f| f.get(0)) {
                            open(state, file);
                        }
                        input.set_value("");
                    }/>
            </label>
        </section>
    }
}

//! 题库编辑 (`#/desk/editor`): a bank of the course, a local file or a new bank from a
//! template, edited as Markdown with line numbers; the checker's problems and hints as the
//! trainer types (debounced), a preview of the question under the caret where an answer can be
//! tried, saving (download, or back to the opened file), and exports to GIFT, Moodle XML and
//! .xlsx. The draft is kept in storage on every change.

use crate::app::components::diagnostics_list::DiagnosticsList;
use crate::app::components::line_editor::{move_caret, LineEditor};
use crate::app::components::question_try::QuestionTry;
use crate::app::export::{download_bank, download_export, file_access};
use crate::app::fetch::{fetch_text, read_file};
use crate::app::state::AppState;
use crate::app::storage::{self, EditorDraft};
use crate::engine::bank::bank::Bank;
use crate::engine::bank::library::Files;
use crate::engine::bank::templates::TEMPLATES;
use crate::engine::convert::{self, ExportFormat};
use crate::engine::lint::check::{check_bank, question_at};
use crate::engine::question::GradeContext;
use crate::engine::text::diagnostics::Diagnostic;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use std::collections::BTreeSet;
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// How long typing pauses before the bank is checked again.
const DEBOUNCE_MS: u32 = 300;

/// What one check of the draft gave.
struct EditorCheck {
    diags: Vec<Diagnostic>,
    bank: Option<Arc<Bank>>,
    /// A typing bank's passage count (it has no questions to preview).
    typing: Option<usize>,
    ctx: GradeContext,
}

/// The file name a path is saved under (`exams/a.md` → `a.md`).
fn file_name(path: &str) -> String {
    let base = path.rsplit('/').next().unwrap_or(path);
    if base.ends_with(".md") || base.ends_with(".markdown") {
        base.to_string()
    } else {
        format!("{base}.md")
    }
}

fn stem(path: &str) -> String {
    let name = file_name(path);
    name.rsplit_once('.')
        .map_or(name.clone(), |(s, _)| s.to_string())
}

/// The editor's signals, shared by its parts.
#[derive(Clone, Copy)]
struct Editor {
    path: RwSignal<String>,
    text: RwSignal<String>,
    saved: RwSignal<bool>,
    /// The text last checked (set after a pause in typing).
    checked: RwSignal<String>,
    message: RwSignal<Option<(bool, String)>>,
    /// The file handle to write back to (File System Access API), if the bank came from one.
    handle: StoredValue<Option<JsValue>, LocalStorage>,
    timer: StoredValue<Option<gloo_timers::callback::Timeout>, LocalStorage>,
    has_previous: RwSignal<bool>,
}

impl Editor {
    fn draft(&self) -> EditorDraft {
        EditorDraft {
            path: self.path.get_untracked(),
            text: self.text.get_untracked(),
            saved: self.saved.get_untracked(),
        }
    }

    fn persist(&self) {
        if let Err(e) = storage::save_editor_draft(&self.draft()) {
            let why = match e {
                storage::SaveError::Unavailable => "此浏览器不允许保存数据".to_string(),
                storage::SaveError::Full(n) => format!("浏览器存储空间已满（{n}）"),
            };
            self.say(
                false,
                format!("{why}：草稿没能保存在本机，请及时下载 .md 文件。"),
            );
        }
    }

    fn say(&self, ok: bool, text: impl Into<String>) {
        self.message.set(Some((ok, text.into())));
    }

    /// Opens `text` as `path`. A draft with unsaved changes is kept aside first, so opening
    /// another bank never loses it.
    fn open(&self, path: String, text: String, handle: Option<JsValue>) {
        let old = self.draft();
        if !old.saved && !old.text.trim().is_empty() && old.text != text {
            if storage::save_editor_previous(&old).is_ok() {
                self.has_previous.set(true);
                self.say(
                    true,
                    format!(
                        "已打开 {path}；之前没保存的草稿（{}）已另存，可点“恢复上一份草稿”取回。",
                        old.path
                    ),
                );
            } else {
                // Storage refused the copy: offer the old draft as a download instead.
                let _ = download_bank(&file_name(&old.path), &old.text);
                self.say(
                    true,
                    format!(
                        "已打开 {path}；之前没保存的草稿已下载为 {}。",
                        file_name(&old.path)
                    ),
                );
            }
        } else {
            self.say(true, format!("已打开 {path}"));
        }
        self.handle.set_value(handle);
        self.timer.set_value(None);
        self.path.set(path);
        self.text.set(text.clone());
        self.saved.set(true);
        self.checked.set(text);
        self.persist();
    }

    fn edit(&self, text: String) {
        self.text.set(text);
        self.saved.set(false);
        self.persist();
        let this = *self;
        let t = gloo_timers::callback::Timeout::new(DEBOUNCE_MS, move || {
            this.checked.set(this.text.get_untracked());
        });
        self.timer.set_value(Some(t));
    }

    fn mark_saved(&self, text: &str) {
        if self.text.get_untracked() == text {
            self.saved.set(true);
            self.persist();
        }
    }
}

#[component]
pub fn EditorPage() -> impl IntoView {
    let app = expect_context::<AppState>();
    // A first visit starts from the first template, so there is something to read and try.
    let restored = storage::load_editor_draft().or_else(|| {
        Some(EditorDraft {
            path: "新题库.md".into(),
            text: TEMPLATES[0].text.to_string(),
            saved: true,
        })
    });
    let ed = Editor {
        path: RwSignal::new(
            restored
                .as_ref()
                .map_or("新题库.md".into(), |d| d.path.clone()),
        ),
        text: RwSignal::new(restored.as_ref().map_or(String::new(), |d| d.text.clone())),
        saved: RwSignal::new(restored.as_ref().is_none_or(|d| d.saved)),
        checked: RwSignal::new(restored.as_ref().map_or(String::new(), |d| d.text.clone())),
        message: RwSignal::new(
            restored
                .as_ref()
                .filter(|d| !d.saved)
                .map(|d| (true, format!("已恢复上次没保存的草稿（{}）。", d.path))),
        ),
        handle: StoredValue::new_local(None),
        timer: StoredValue::new_local(None),
        has_previous: RwSignal::new(storage::load_editor_previous().is_some()),
    };
    let caret = RwSignal::new(1u32);
    let area = NodeRef::<leptos::html::Textarea>::new();

    // The course's lists and concepts, and any file the bank names that was fetched since.
    let aux = RwSignal::new(Files::new());
    let asked = StoredValue::new(BTreeSet::<String>::new());
    Effect::new(move |_| {
        if let Some(lib) = app.library() {
            aux.update(|f| {
                for (p, t) in &lib.list_sources {
                    f.entry(p.clone()).or_insert_with(|| t.clone());
                }
                if let Some((p, t)) = &lib.concept_source {
                    f.entry(p.clone()).or_insert_with(|| Some(t.clone()));
                }
            });
        }
    });

    let result = RwSignal::new(None::<Arc<EditorCheck>>);
    Effect::new(move |_| {
        let text = ed.checked.get();
        let path = ed.path.get();
        let mut files = aux.get();
        files.insert(path.clone(), Some(text));
        let checked = check_bank(&path, &files);
        let fetch: Vec<String> = checked
            .library
            .missing
            .iter()
            .filter(|p| asked.with_value(|a| !a.contains(*p)))
            .cloned()
            .collect();
        if !fetch.is_empty() {
            asked.update_value(|a| a.extend(fetch.iter().cloned()));
            // Not cancelled when the effect runs again (the next keystroke): these files are
            // asked for once. `update` on a screen that has gone does nothing.
            leptos::task::spawn_local(async move {
                for p in fetch {
                    let text = fetch_text(&p).await.ok().flatten();
                    aux.update(|f| {
                        f.insert(p, text);
                    });
                }
            });
        }
        let bank = checked.library.banks.get(&path).cloned();
        let course = app.library().filter(|l| l.banks.contains_key(&path));
        let mut ctx = match &course {
            Some(l) => l.grade_context(&path),
            None => checked.library.grade_context(&path),
        };
        if let Some(p) = bank.as_ref().and_then(|b| b.settings.platform.clone()) {
            ctx.platforms.insert(path.clone(), p);
        }
        result.set(Some(Arc::new(EditorCheck {
            diags: checked.diagnostics,
            typing: checked.library.typing.get(&path).map(|t| t.passages.len()),
            bank,
            ctx,
        })));
    });

    let diags = Signal::derive(move || {
        result.with(|r| r.as_ref().map(|r| r.diags.clone()).unwrap_or_default())
    });
    let current = Memo::new(move |_| {
        let line = caret.get();
        result.with(|r| {
            r.as_ref()
                .and_then(|r| r.bank.as_ref())
                .and_then(|b| question_at(b, line).cloned())
        })
    });
    // Its own memo: the preview is drawn again only when the question or the kind of bank
    // changes, not at every check (a tried answer stays while the trainer types elsewhere).
    let typing = Memo::new(move |_| result.with(|r| r.as_ref().and_then(|r| r.typing)));
    let jump = Callback::new(move |(line, col): (u32, u32)| {
        if let Some(a) = area.get_untracked() {
            move_caret(&a, line, col);
            caret.set(line);
        }
    });

    view! {
        <OpenBar ed/>
        <div class="editor-grid">
            <section class="card editor-main" aria-labelledby="editor-file">
                <div class="editor-bar">
                    <h2 id="editor-file" class="editor-file">{move || file_name(&ed.path.get())}</h2>
                    <span class="muted small" role="status">{move || if ed.saved.get() { "已保存" } else { "有未保存的修改（草稿已存在本机）" }}</span>
                </div>
                <LineEditor text=ed.text caret_line=caret node_ref=area label="题库 Markdown"
                    on_edit=Callback::new(move |t| ed.edit(t))/>
                <SaveBar ed/>
            </section>
            <div class="editor-side">
                <DiagnosticsList diags path=ed.path.into() on_jump=jump/>
                <section class="card editor-preview" aria-labelledby="preview-title">
                    <h2 id="preview-title">"预览：光标所在的题"</h2>
                    {move || {
                        if let Some(n) = typing.get() {
                            return view! { <p class="muted">{format!("打字测试题库，共 {n} 段文章：学员在打字测试页看到它们。")}</p> }.into_any();
                        }
                        match current.get() {
                            Some(q) => {
                                let ctx = result.with_untracked(|r| r.as_ref().map(|r| r.ctx.clone()).unwrap_or_default());
                                view! { <QuestionTry q ctx/> }.into_any()
                            }
                            None => view! { <p class="muted">"把光标放在一道题里（从 ## 标题到下一个标题），这里显示学员看到的样子。"</p> }.into_any(),
                        }
                    }}
                </section>
            </div>
        </div>
        <ExportBar ed/>
    }
}

/// Opening: a bank of the course, a local file, a new bank from a template, the draft kept
/// aside; and the last message.
#[component]
fn OpenBar(ed: Editor) -> impl IntoView {
    let app = expect_context::<AppState>();
    let course_pick = RwSignal::new(String::new());
    let template_pick = RwSignal::new(0usize);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let banks = move || {
        app.library()
            .map(|l| {
                l.banks
                    .iter()
                    .map(|(p, b)| (p.clone(), b.title.clone()))
                    .chain(l.typing.iter().map(|(p, t)| (p.clone(), t.title.clone())))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let open_course = move |_| {
        let path = course_pick.get_untracked();
        let path = if path.is_empty() {
            banks().first().map(|b| b.0.clone()).unwrap_or_default()
        } else {
            path
        };
        if path.is_empty() {
            return;
        }
        spawn_local_scoped_with_cancellation(async move {
            match fetch_text(&path).await {
                Ok(Some(text)) => ed.open(path, text, None),
                Ok(None) => ed.say(false, format!("找不到 {path}")),
                Err(e) => ed.say(false, e),
            }
        });
    };
    let open_local = move |_| {
        if file_access::available() {
            spawn_local_scoped_with_cancellation(async move {
                if let Some((handle, name, text)) = file_access::open().await {
                    ed.open(name, text, Some(handle));
                }
            });
        } else if let Some(input) = file_input.get_untracked() {
            input.click();
        }
    };
    let restore = move |_| {
        if let Some(prev) = storage::load_editor_previous() {
            ed.open(prev.path, prev.text, None);
            // Restored text is not saved anywhere but here.
            ed.saved.set(false);
            ed.persist();
        }
    };
    view! {
        <section class="card editor-open">
            <h1>"题库编辑"</h1>
            <div class="open-row">
                <label for="open-course">"课程里的题库"</label>
                <select id="open-course" on:change=move |ev| course_pick.set(event_target_value(&ev))>
                    {move || banks().into_iter().map(|(p, title)| view! {
                        <option value=p.clone()>{format!("{title}（{p}）")}</option>
                    }).collect_view()}
                </select>
                <button type="button" class="btn secondary" on:click=open_course>"打开"</button>
            </div>
            <div class="open-row">
                <label for="new-template">"新建题库，从模板"</label>
                <select id="new-template" on:change=move |ev| template_pick.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {TEMPLATES.iter().enumerate().map(|(i, t)| view! { <option value=i.to_string()>{t.label}</option> }).collect_view()}
                </select>
                <button type="button" class="btn secondary" on:click=move |_| {
                    let t = &TEMPLATES[template_pick.get_untracked().min(TEMPLATES.len() - 1)];
                    ed.open("新题库.md".into(), t.text.to_string(), None);
                    ed.saved.set(false);
                    ed.persist();
                }>"新建"</button>
            </div>
            <div class="open-row">
                <button type="button" class="btn secondary" on:click=open_local>"打开本地文件…"</button>
                <input type="file" id="open-local" node_ref=file_input accept=".md,.markdown,.txt,text/markdown,text/plain"
                    class="visually-hidden" tabindex="-1" aria-label="选择本地题库文件"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|f| f.get(0)) {
                            spawn_local_scoped_with_cancellation(async move {
                                match read_file(&file).await {
                                    Ok(text) => ed.open(file.name(), text, None),
                                    Err(e) => ed.say(false, e),
                                }
                            });
                        }
                        input.set_value("");
                    }/>
                <Show when=move || ed.has_previous.get()>
                    <button type="button" class="btn secondary" on:click=restore>"恢复上一份草稿"</button>
                </Show>
            </div>
            {move || ed.message.get().map(|(ok, m)| view! {
                <p class=if ok { "editor-message" } else { "editor-message error" } role="status">{m}</p>
            })}
        </section>
    }
}

/// Saving: back to the opened file where the browser allows it, else a download.
#[component]
fn SaveBar(ed: Editor) -> impl IntoView {
    let can_pick = file_access::available();
    let download = move || {
        let text = ed.text.get_untracked();
        let name = file_name(&ed.path.get_untracked());
        match download_bank(&name, &text) {
            Ok(()) => {
                ed.mark_saved(&text);
                ed.say(true, format!("已下载 {name}"));
            }
            Err(e) => ed.say(false, e),
        }
    };
    let save = move |_| {
        let Some(handle) = ed.handle.get_value() else {
            download();
            return;
        };
        let text = ed.text.get_untracked();
        // A write is never cancelled half-way: it finishes even if the trainer leaves the
        // editor, which then has nothing left to tell.
        leptos::task::spawn_local(async move {
            let written = file_access::write(&handle, &text).await;
            if ed.text.is_disposed() {
                return;
            }
            match written {
                Ok(()) => {
                    ed.mark_saved(&text);
                    ed.say(
                        true,
                        format!("已保存到 {}", file_name(&ed.path.get_untracked())),
                    );
                }
                Err(e) => ed.say(false, e),
            }
        });
    };
    let save_as = move |_| {
        let text = ed.text.get_untracked();
        let name = file_name(&ed.path.get_untracked());
        // Like a write to the opened file: never cancelled half-way.
        leptos::task::spawn_local(async move {
            let saved = file_access::save_as(&name, &text).await;
            if ed.text.is_disposed() {
                return;
            }
            match saved {
                Ok(Some((handle, saved_name))) => {
                    ed.handle.set_value(Some(handle));
                    ed.path.set(saved_name.clone());
                    ed.mark_saved(&text);
                    ed.say(true, format!("已保存到 {saved_name}"));
                }
                Ok(None) => {}
                Err(e) => ed.say(false, e),
            }
        });
    };
    view! {
        <div class="actions editor-save">
            <button type="button" class="btn primary" on:click=save>
                {move || if ed.handle.with_value(Option::is_some) { "保存到文件" } else { "保存（下载 .md）" }}
            </button>
            <button type="button" class="btn secondary" on:click=move |_| download()>"下载 .md"</button>
            {can_pick.then(|| view! { <button type="button" class="btn secondary" on:click=save_as>"另存为…"</button> })}
        </div>
    }
}

/// Exports of the draft, with what did not map.
#[component]
fn ExportBar(ed: Editor) -> impl IntoView {
    let notes = RwSignal::new(Vec::<String>::new());
    let export = move |format: ExportFormat, ext: &'static str| {
        let path = ed.path.get_untracked();
        let text = ed.text.get_untracked();
        match convert::export(&path, &text, format) {
            Ok((bytes, report)) => {
                let name = format!("{}.{ext}", stem(&path));
                let mut lines: Vec<String> = report.notes.iter().map(|n| n.to_string()).collect();
                match download_export(&name, &bytes) {
                    Ok(()) => lines.insert(0, format!("已导出 {name}")),
                    Err(e) => lines.insert(0, e),
                }
                notes.set(lines);
            }
            Err(e) => notes.set(vec![e]),
        }
    };
    view! {
        <section class="card editor-export" aria-labelledby="export-title">
            <h2 id="export-title">"导出到其他系统"</h2>
            <div class="actions">
                <button type="button" class="btn secondary" on:click=move |_| export(ExportFormat::Gift, "gift")>"导出 GIFT"</button>
                <button type="button" class="btn secondary" on:click=move |_| export(ExportFormat::MoodleXml, "xml")>"导出 Moodle XML"</button>
                <button type="button" class="btn secondary" on:click=move |_| export(ExportFormat::Xlsx, "xlsx")>"导出表格（.xlsx）"</button>
            </div>
            <p class="muted small">"表格用中文考试平台常见的模板，可在 Excel 里修改后从“导入题库”导回。格式不能表达的内容列在下面。"</p>
            <ul class="export-notes" role="status">
                {move || notes.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        </section>
    }
}

/// Opens `text` in the editor from another screen (an import): the editor's unsaved draft is
/// kept aside as in `Editor::open`, then the editor shows the new text as not yet saved.
pub fn open_in_editor(path: String, text: String) -> Result<(), String> {
    if let Some(old) = storage::load_editor_draft() {
        if !old.saved && !old.text.trim().is_empty() && old.text != text {
            storage::save_editor_previous(&old).map_err(|_| {
                "编辑器里有没保存的草稿，而浏览器存储已满：请先在编辑器里下载它".to_string()
            })?;
        }
    }
    storage::save_editor_draft(&EditorDraft {
        path,
        text,
        saved: false,
    })
    .map_err(|_| "浏览器不允许保存数据：请下载 .md 文件，再在编辑器里打开".to_string())?;
    crate::app::route::go(&crate::app::route::Route::Desk("editor".into()));
    Ok(())
}

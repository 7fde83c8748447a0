//! 导入题库 (`#/desk/import`): a spreadsheet (.xlsx, .csv in UTF-8 or GBK), GIFT, Moodle XML,
//! Aiken or quizdown file converted by the engine into a Markdown bank, with the conversion
//! report (row or line, and why); for a spreadsheet the column mapping as detected, which the
//! trainer can correct and convert again. The result opens in the editor or downloads.

use super::editor::open_in_editor;
use crate::app::export::download_bank;
use crate::app::fetch::read_bytes;
use crate::engine::convert::sheet::{self, all_fields, mapping_for, Columns, Field, Mapping};
use crate::engine::convert::{self, Imported, Level};
use crate::engine::text::diagnostics::Severity;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

/// A picked file and what converting it gave.
#[derive(Clone)]
struct Picked {
    name: String,
    bytes: std::sync::Arc<Vec<u8>>,
    /// The columns as detected without overrides (spreadsheets only).
    detected: Option<Columns>,
}

fn md_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    format!("{stem}.md")
}

fn field_value(f: Option<Field>) -> String {
    f.filter(|f| *f != Field::Ignore)
        .map_or("忽略".into(), Field::label)
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let picked = RwSignal::new(None::<Picked>);
    // The field chosen for each column (spreadsheets).
    let wanted = RwSignal::new(Vec::<Option<Field>>::new());
    let result = RwSignal::new(None::<Result<Imported, String>>);
    let message = RwSignal::new(None::<String>);
    let hover = RwSignal::new(false);

    let convert_now = move || {
        let Some(p) = picked.get_untracked() else {
            return;
        };
        let mapping = match &p.detected {
            Some(c) => mapping_for(&c.fields, &wanted.get_untracked()),
            None => Mapping::default(),
        };
        result.set(Some(convert::import(&p.name, &p.bytes, &mapping)));
    };
    let take = move |file: web_sys::File| {
        spawn_local_scoped_with_cancellation(async move {
            match read_bytes(&file).await {
                Ok(bytes) => {
                    let name = file.name();
                    let detected = match convert::sheet_rows(&name, &bytes) {
                        Some(Ok(rows)) => Some(sheet::columns(&rows, &Mapping::default())),
                        _ => None,
                    };
                    wanted.set(
                        detected
                            .as_ref()
                            .map(|c| c.fields.clone())
                            .unwrap_or_default(),
                    );
                    picked.set(Some(Picked {
                        name,
                        bytes: std::sync::Arc::new(bytes),
                        detected,
                    }));
                    message.set(None);
                    convert_now();
                }
                Err(e) => message.set(Some(e)),
            }
        });
    };

    view! {
        <section class="card dropzone import-pick" class:hover=move || hover.get()
            on:dragover=move |ev| { ev.prevent_default(); hover.set(true); }
            on:dragleave=move |_| hover.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                hover.set(false);
                if let Some(f) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                    take(f);
                }
            }>
            <h1>"导入题库"</h1>
            <p class="muted">"把已有的题目转换成本系统的 Markdown 题库：Excel 表格（.xlsx）、CSV（UTF-8 或 Excel 另存的 GBK）、GIFT（.gift/.txt）、Moodle XML（.xml）、Aiken（.txt）、quizdown（.md）。文件只在这台电脑上转换，不会上传。"</p>
            <label class="btn primary file-btn">"选择要导入的文件"
                <input type="file" id="import-file" class="visually-hidden"
                    accept=".xlsx,.xlsm,.csv,.tsv,.txt,.gift,.xml,.md,.markdown"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(f) = input.files().and_then(|f| f.get(0)) {
                            take(f);
                        }
                        input.set_value("");
                    }/>
            </label>
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </section>
        {move || picked.get().and_then(|p| p.detected).map(|c| view! {
            <ColumnMapping columns=c wanted on_convert=Callback::new(move |_| convert_now())/>
        })}
        {move || result.get().map(|r| match r {
            Ok(done) => {
                let name = picked.with_untracked(|p| p.as_ref().map(|p| md_name(&p.name)).unwrap_or_default());
                view! { <ImportResult done name/> }.into_any()
            }
            Err(e) => view! { <section class="card"><p class="error" role="alert">{e}</p></section> }.into_any(),
        })}
    }
}

/// The detected column mapping, one select per column, and a button to convert again.
#[component]
fn ColumnMapping(
    columns: Columns,
    wanted: RwSignal<Vec<Option<Field>>>,
    on_convert: Callback<()>,
) -> impl IntoView {
    let header = match columns.header_row {
        Some(r) => format!(
            "表头在第 {r} 行。每一列按下面的对应导入，认错的列可以改，然后点“按新的对应重新转换”。"
        ),
        None => "没有找到表头：请为各列选择内容（至少要有题干和答案或题型），第一行当作表头。"
            .to_string(),
    };
    let fields = all_fields();
    view! {
        <section class="card import-mapping" aria-labelledby="mapping-title">
            <h2 id="mapping-title">"列的对应"</h2>
            <p class="muted small">{header}</p>
            <div class="mapping-grid">
                {columns.headers.iter().enumerate().map(|(i, h)| {
                    let id = format!("map-col-{i}");
                    let letter = sheet::column_letter(i);
                    let current = field_value(columns.fields.get(i).copied().flatten());
                    let fields = fields.clone();
                    view! {
                        <div class="mapping-col">
                            <label for=id.clone()>{format!("{letter} 列“{}”", h.trim())}</label>
                            <select id=id data-col=i.to_string() on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let f = Field::from_header(&v).filter(|f| *f != Field::Ignore);
                                wanted.update(|w| {
                                    if w.len() <= i { w.resize(i + 1, None); }
                                    w[i] = f;
                                });
                            }>
                                {fields.into_iter().map(|f| {
                                    let v = field_value(Some(f));
                                    let selected = v == current;
                                    let text = if f == Field::Ignore { "不导入".to_string() } else { v.clone() };
                                    view! { <option value=v selected=selected>{text}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            </div>
            <button type="button" class="btn secondary" on:click=move |_| on_convert.run(())>"按新的对应重新转换"</button>
        </section>
    }
}

/// The report and the Markdown, with what to do next.
#[component]
fn ImportResult(done: Imported, name: String) -> impl IntoView {
    let report = done.report;
    let refused = report.refused();
    let changed = report
        .notes
        .iter()
        .filter(|n| n.level == Level::Changed)
        .count();
    let summary = format!(
        "转换完成：{} 道题，{refused} 处未转换，{changed} 处有改动，生成的题库 {} 个错误",
        report.converted,
        report.errors()
    );
    let markdown = done.markdown;
    let message = RwSignal::new(None::<String>);
    let md_open = markdown.clone();
    let name_open = name.clone();
    let md_dl = markdown.clone();
    let name_dl = name.clone();
    view! {
        <section class="card import-report" aria-labelledby="report-title">
            <h2 id="report-title">"转换报告"</h2>
            <p class="import-summary" class:error=report.failed() role="status">{summary}</p>
            <ul class="report-list">
                {report.notes.into_iter().map(|n| {
                    let class = match n.level { Level::Refused => "refused", Level::Changed => "changed", Level::Info => "info" };
                    view! { <li class=class>{n.to_string()}</li> }
                }).collect_view()}
                {report.diagnostics.into_iter().map(|d| {
                    let class = if d.severity == Severity::Error { "refused" } else { "info" };
                    view! { <li class=class>{d.to_string()}</li> }
                }).collect_view()}
            </ul>
            <div class="actions">
                <button type="button" class="btn primary" on:click=move |_| {
                    if let Err(e) = open_in_editor(name_open.clone(), md_open.clone()) { message.set(Some(e)); }
                }>"在编辑器中打开"</button>
                <button type="button" class="btn secondary" on:click=move |_| {
                    message.set(download_bank(&name_dl, &md_dl).err());
                }>"下载 .md"</button>
            </div>
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </section>
        <section class="card" aria-labelledby="md-title">
            <h2 id="md-title">{format!("生成的题库（{name}）")}</h2>
            <pre class="import-markdown" tabindex="0" aria-labelledby="md-title">{markdown}</pre>
        </section>
    }
}

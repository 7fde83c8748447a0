//! The trainer desk (培训老师): collect many trainees' result files (or scan their codes), then the cohort table, the
//! re-grade dry run, the marking queue, the item analysis and the exports, one tab each.
//! Everything stays in this browser; the cohort is kept under its own storage key.

use super::desk_marking::MarkingTab;
use super::desk_regrade::RegradeTab;
use super::desk_scan::ScanTab;
use super::desk_stats::StatsTab;
use super::desk_table::TableTab;
use super::editor::EditorPage;
use super::import::ImportPage;
use crate::app::clock::now;
use crate::app::components::confirm::ConfirmDialog;
use crate::app::desk_state::{runs_memo, DeskState};
use crate::app::export::{download_cohort_csv, download_cohort_json};
use crate::app::fetch::read_file;
use crate::app::json::BrowserJson;
use crate::app::route::Route;
use crate::app::state::AppState;
use crate::app::storage;
use crate::engine::trainer::cohort::{Cohort, FileReport};
use crate::engine::trainer::cohort_csv::cohort_csv;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

fn add_files(desk: DeskState, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    spawn_local_scoped_with_cancellation(async move {
        let mut reports = Vec::new();
        for f in files {
            let name = f.name();
            let report = match read_file(&f).await {
                Ok(text) => desk.update(|c| c.add_file_with::<BrowserJson>(&name, &text)),
                Err(e) => FileReport {
                    name,
                    added: 0,
                    duplicates: 0,
                    problems: vec![e],
                    refused: true,
                },
            };
            reports.push(report);
        }
        desk.reports.set(reports);
    });
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

const TABS: &[(&str, &str)] = &[
    ("", "成绩表"),
    ("scan", "扫码收集"),
    ("regrade", "重新评分"),
    ("marking", "批改回复"),
    ("stats", "题目分析"),
    ("export", "导出"),
    ("editor", "题库编辑"),
    ("import", "导入题库"),
];

/// The desk's tabs, the current one marked.
#[component]
fn DeskTabs(tab: String) -> impl IntoView {
    view! {
        <nav class="desk-tabs no-print" aria-label="培训老师">
            {TABS.iter().map(|(t, label)| {
                let current = *t == tab;
                view! {
                    <a href=Route::Desk(t.to_string()).href() class:active=current
                        aria-current=if current { Some("page") } else { None }>{*label}</a>
                }
            }).collect_view()}
        </nav>
    }
}

#[component]
pub fn DeskPage(tab: String) -> impl IntoView {
    // The bank tools work on banks, not on the cohort: no drop zone for result files.
    match tab.as_str() {
        "editor" => return view! { <DeskTabs tab/><EditorPage/> }.into_any(),
        "import" => return view! { <DeskTabs tab/><ImportPage/> }.into_any(),
        _ => {}
    }
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    desk.ensure_loaded();
    let hover = RwSignal::new(false);
    // The other tabs keep the drop zone but not its explanations, so their content starts
    // on a phone's first screen.
    let compact = !tab.is_empty();
    let count = move || desk.cohort.with(|c| (c.trainees().len(), c.attempts.len()));
    let body = match tab.as_str() {
        "regrade" => view! { <RegradeTab/> }.into_any(),
        "scan" => view! { <ScanTab/> }.into_any(),
        "marking" => view! { <MarkingTab/> }.into_any(),
        "stats" => view! { <StatsTab/> }.into_any(),
        "export" => view! { <ExportTab/> }.into_any(),
        _ => view! { <TableTab/> }.into_any(),
    };
    let _ = app;
    view! {
        <section class="card desk-collect dropzone no-print" class:hover=move || hover.get() class:compact=compact
            on:dragover=move |ev| { ev.prevent_default(); hover.set(true); }
            on:dragleave=move |_| hover.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                hover.set(false);
                add_files(desk, file_list(ev.data_transfer().and_then(|d| d.files())));
            }>
            <h1>"培训老师"</h1>
            {(!compact).then(|| view! { <p class="muted">"把学员导出的成绩文件（JSON）拖到这里，或一次选择多个文件。文件只保存在这台电脑的浏览器里，不会上传。"</p> })}
            <label class="btn primary file-btn">"选择成绩文件"
                <input type="file" multiple accept=".json,application/json" class="visually-hidden"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        add_files(desk, file_list(input.files()));
                        input.set_value("");
                    }/>
            </label>
            {(tab != "scan").then(|| view! {
                <a class="btn secondary" href=Route::Desk("scan".into()).href()>"扫码收集"</a>
            })}
            <p class="desk-count">{move || { let (t, a) = count(); format!("已收集 {t} 名学员的 {a} 条记录") }}</p>
            {move || {
                let reports = desk.reports.get();
                (!compact && !reports.is_empty()).then(|| view! {
                    <ul class="desk-reports" role="status">
                        {reports.into_iter().map(|r| view! {
                            <li class:error=r.refused>{r.message()}</li>
                        }).collect_view()}
                    </ul>
                })
            }}
            {move || desk.problem.get().map(|p| view! { <p class="banner warn" role="alert">{p}</p> })}
        </section>
        {(!compact).then(|| view! { <super::desk_paste::PasteCodes/> })}
        <DeskTabs tab/>
        {body}
    }
    .into_any()
}

#[component]
fn ExportTab() -> impl IntoView {
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    let runs = runs_memo(app, desk);
    let message = RwSignal::new(None::<String>);
    let confirm_clear = RwSignal::new(false);
    let csv = move |_| {
        let lib = app.library();
        let course = lib.as_ref().and_then(|l| l.course.as_ref());
        let runs = runs.get_untracked().unwrap_or_default();
        let text = desk.cohort.with_untracked(|c| cohort_csv(c, course, &runs));
        message.set(download_cohort_csv(&text).err());
    };
    let json = move |marks_only: bool| {
        let text = desk.cohort.with_untracked(|c| {
            if marks_only {
                Cohort {
                    attempts: Vec::new(),
                    marks: c.marks.clone(),
                }
                .write::<BrowserJson>(now())
            } else {
                c.write::<BrowserJson>(now())
            }
        });
        message.set(download_cohort_json(&text, marks_only).err());
    };
    view! {
        <section class="card">
            <h2>"导出"</h2>
            <div class="actions">
                <button type="button" class="btn primary" on:click=csv>"下载班级成绩表（CSV）"</button>
                <a class="btn secondary" href=Route::Desk(String::new()).href()>"打印成绩表（在成绩表页打印）"</a>
                <button type="button" class="btn secondary" on:click=move |_| json(false)>"导出整个班级（JSON，给其他老师）"</button>
                <button type="button" class="btn secondary" on:click=move |_| json(true)>"导出批改意见（JSON，发给学员）"</button>
            </div>
            <p class="muted small">"CSV 可直接用 Excel 打开。整个班级的 JSON 含全部记录和批改，另一位老师在这里导入即可；批改意见文件只含分数和评语，学员在“成绩记录”里导入后，能在自己的成绩页看到老师的评语。"</p>
            {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </section>
        <section class="card">
            <h2>"清空"</h2>
            <p class="muted">"清空这台电脑上收集的全部记录和批改。清空前请先导出整个班级。"</p>
            <button type="button" class="btn danger" on:click=move |_| confirm_clear.set(true)>"清空班级数据"</button>
        </section>
        <Show when=move || confirm_clear.get()>
            <ConfirmDialog title="清空全部班级数据？".to_string() cancel_label="取消" confirm_label="确定清空" tone="danger"
                on_cancel=Callback::new(move |_| confirm_clear.set(false))
                on_confirm=Callback::new(move |_| {
                    desk.cohort.set(Cohort::default());
                    desk.reports.set(Vec::new());
                    storage::delete_desk();
                    confirm_clear.set(false);
                })>
                <p>"删除后无法恢复。"</p>
            </ConfirmDialog>
        </Show>
    }
}

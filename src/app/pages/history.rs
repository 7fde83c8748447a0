//! Every attempt on this device: a chart of scores over time, delete one or clear all (with
//! confirmation), export all as JSON or CSV, and import a JSON export without duplicates.

use crate::app::clock::local_offset_min;
use crate::app::components::chart::{Point, ScoreChart};
use crate::app::components::confirm::ConfirmDialog;
use crate::app::export::{download_csv, download_json};
use crate::app::fetch::read_file;
use crate::app::json::BrowserJson;
use crate::app::route::Route;
use crate::app::state::AppState;
use crate::engine::attempt::attempt::Mode;
use crate::engine::attempt::report::import_with;
use crate::engine::question::numeric::fmt_num;
use crate::engine::time::timing::datetime;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

#[component]
pub fn HistoryPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let message = RwSignal::new(None::<String>);
    let confirm_clear = RwSignal::new(false);
    let confirm_delete = RwSignal::new(None::<String>);
    let offset = local_offset_min();
    let export = move |csv: bool| {
        let all = state.attempts.get_untracked();
        let r = if csv {
            download_csv(&all)
        } else {
            download_json(&all)
        };
        message.set(r.err());
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local_scoped_with_cancellation(async move {
            let text = match read_file(&file).await {
                Ok(t) => t,
                Err(e) => return message.set(Some(e)),
            };
            // A trainer's file: keep only the comments on this device's attempts.
            let mine: Vec<String> = state
                .attempts
                .with_untracked(|a| a.iter().map(|r| r.id.clone()).collect());
            let ids: Vec<&str> = mine.iter().map(String::as_str).collect();
            let had = crate::app::storage::load_feedback();
            if let Some((kept, n)) = crate::engine::trainer::cohort::trainer_feedback_with::<
                BrowserJson,
            >(&text, &ids, had.as_deref())
            {
                state.note(crate::app::storage::save_feedback(
                    &kept.write::<BrowserJson>(crate::app::clock::now()),
                ));
                return message.set(Some(format!(
                    "导入了培训老师的批改：{n} 条属于这台设备上的成绩，打开成绩页即可看到评语"
                )));
            }
            match import_with::<BrowserJson>(&text) {
                Err(e) => message.set(Some(e)),
                Ok((records, problems)) => {
                    let existing: Vec<String> = state
                        .attempts
                        .with_untracked(|a| a.iter().map(|r| r.id.clone()).collect());
                    let mut added = 0;
                    let mut skipped = 0;
                    for r in records {
                        if existing.contains(&r.id) {
                            skipped += 1;
                        } else {
                            state.save_attempt(&r);
                            added += 1;
                        }
                    }
                    state.update_attempts(|a| crate::app::storage::sort_by_start(a));
                    let mut msg = format!("导入了 {added} 条记录");
                    if skipped > 0 {
                        msg.push_str(&format!("，{skipped} 条已存在，未重复导入"));
                    }
                    if !problems.is_empty() {
                        msg.push_str(&format!("；{}", problems.join("；")));
                    }
                    message.set(Some(msg));
                }
            }
        });
    };
    view! {
        <section class="card">
            <h1>"成绩记录"</h1>
            <p class="muted">"这台设备上的全部考试和练习。导出的 JSON 文件可交给培训老师，也可在新手机上导入。"</p>
            <div class="actions">
                <button type="button" class="btn primary" on:click=move |_| export(false)>"导出全部（JSON）"</button>
                <button type="button" class="btn secondary" on:click=move |_| export(true)>"导出全部（CSV 表格）"</button>
                <label class="btn secondary file-btn">"导入 JSON"
                    <input type="file" accept=".json,application/json" class="visually-hidden" on:change=import/>
                </label>
                <button type="button" class="btn danger" on:click=move |_| confirm_clear.set(true)>"清空全部"</button>
            </div>
            {move || message.get().map(|m| view! { <p class="banner info" role="status">{m}</p> })}
        </section>
        {move || {
            let exams: Vec<Point> = state.attempts.with(|a| a.iter()
                .filter(|r| r.mode == Mode::Exam)
                .filter_map(|r| r.result.as_ref().map(|o| Point { percent: o.percent, pass: r.pass_percent, label: format!("{} {}", datetime(r.started_at, offset), r.bank.title) }))
                .collect());
            (!exams.is_empty()).then(|| view! { <section class="card"><h2>"考试成绩走势"</h2><ScoreChart points=exams/></section> })
        }}
        <super::typing_result::TypingHistoryChart/>
        <section class="card">
            {move || {
                let all = state.attempts.get();
                if all.is_empty() {
                    return view! { <p class="muted">"还没有记录。"</p> }.into_any();
                }
                view! {
                    <ul class="history">
                        {all.into_iter().rev().map(|r| {
                            let id = r.id.clone();
                            let link = if r.is_submitted() { Route::Result(r.id.clone()) } else { Route::Attempt(r.id.clone()) };
                            let score = r.result.as_ref().map(|o| format!("{}%（{}/{}）", fmt_num(o.percent), fmt_num(o.score), fmt_num(o.max)))
                                .or_else(|| super::typing_result::history_score(&r));
                            let passed = r.result.as_ref().map(|o| o.passed).or_else(|| super::typing_result::history_passed(&r));
                            view! {
                                <li class="history-row">
                                    <a href=link.href() class="history-main">
                                        <span class="exam-title">{r.bank.title.clone()}</span>
                                        <span class="muted">{format!("{} · {}", datetime(r.started_at, offset), match (r.mode == Mode::Exam, r.typing.is_some()) { (true, false) => "考试", (false, false) => "练习", (true, true) => "打字测试", (false, true) => "打字练习" })}</span>
                                    </a>
                                    <span class="history-score">
                                        {score.unwrap_or_else(|| "未交卷".into())}
                                        {passed.map(|p| view! { <span class=if p { "badge ok" } else { "badge bad" }>{if p { "及格" } else { "不及格" }}</span> })}
                                    </span>
                                    {r.is_submitted().then(|| view! {
                                        <a class="link-btn handover-link" href=Route::Handover(r.id.clone()).href()
                                            aria-label=format!("把 {} 的这条成绩交给老师", r.bank.title)>"交给老师"</a>
                                    })}
                                    <button type="button" class="link-btn" aria-label=format!("删除 {} 的这条记录", r.bank.title)
                                        on:click=move |_| confirm_delete.set(Some(id.clone()))>"删除"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <Show when=move || confirm_clear.get() || confirm_delete.get().is_some()>
            <ConfirmDialog
                title=Signal::derive(move || if confirm_clear.get() { "清空全部记录？" } else { "删除这条记录？" }.to_string())
                cancel_label="取消"
                confirm_label="确定删除"
                tone="danger"
                on_cancel=Callback::new(move |_| { confirm_clear.set(false); confirm_delete.set(None); })
                on_confirm=Callback::new(move |_| {
                    if confirm_clear.get_untracked() {
                        let ids: Vec<String> = state.attempts.with_untracked(|a| a.iter().map(|r| r.id.clone()).collect());
                        for id in ids { state.delete_attempt(&id); }
                    } else if let Some(id) = confirm_delete.get_untracked() {
                        state.delete_attempt(&id);
                    }
                    confirm_clear.set(false);
                    confirm_delete.set(None);
                })>
                <p>"删除后无法恢复。如需保留，请先导出。"</p>
            </ConfirmDialog>
        </Show>
    }
}

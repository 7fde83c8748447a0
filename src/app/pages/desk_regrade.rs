//! The re-grade dry run: which attempts' scores would change against the banks the site hosts
//! now, and why; the trainer commits the new score or keeps the stored one (both are kept).

use crate::app::clock::now;
use crate::app::desk_state::{runs_memo, DeskState};
use crate::app::route::Route;
use crate::app::state::AppState;
use crate::engine::question::numeric::fmt_num;
use crate::engine::typing::typing::fmt1;
use leptos::prelude::*;

pub const FORGERY_NOTE: &str = "请注意：成绩文件保存在学员自己的设备上，有心人可以伪造一份看起来完全正常的文件。这里能发现的是：被改过的分数、考试之后修改过的题库，以及前后矛盾的记录。";

#[component]
pub fn RegradeTab() -> impl IntoView {
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    let runs = runs_memo(app, desk);
    view! {
        <section class="card">
            <h2>"重新评分（试运行）"</h2>
            <p class="banner warn desk-forgery">{FORGERY_NOTE}</p>
            <p class="muted">"每条考试记录都按它自己的答案、用网站现在的题库重新评分。下面列出分数会变或有疑点的记录，在你点“采用新分数”之前，什么都不会改；原来的分数始终保留。"</p>
            {move || {
                let Some(all) = runs.get() else {
                    return view! { <p class="loading">"正在加载题库……"</p> }.into_any();
                };
                let flagged: Vec<_> = all.into_iter().filter(|r| !r.findings.is_empty() || r.would_change()).collect();
                let checked = desk.cohort.with(|c| c.attempts.iter().filter(|r| r.is_submitted()).count());
                if flagged.is_empty() {
                    return view! { <p class="banner info">{format!("检查了 {checked} 条记录：分数都与按答案重新评分一致，没有发现问题。")}</p> }.into_any();
                }
                let suspicious = flagged.iter().filter(|r| r.suspicious()).count();
                view! {
                    <p><strong>{format!("检查了 {checked} 条记录：{} 条有发现，其中 {suspicious} 条疑似被改过。", flagged.len())}</strong></p>
                    <ul class="desk-runs">
                        {flagged.into_iter().map(|run| {
                            let id = run.attempt_id.clone();
                            let (who, exam, committed, typed) = desk.cohort.with(|c| {
                                let r = c.attempt(&id);
                                (
                                    r.map(|r| format!("{} {}", r.trainee.name, r.trainee.employee_no)).unwrap_or_default(),
                                    r.map(|r| r.bank.title.clone()).unwrap_or_default(),
                                    c.marks.regrade_for(&id).is_some(),
                                    r.and_then(|r| r.typing.as_ref()?.result.clone()),
                                )
                            });
                            // A typing test has no exam score: its stored figures, which the
                            // notes below check against its typed text.
                            let change = if let Some(t) = &typed {
                                format!("打字测试：记录 {} 字/分，准确率 {}%", fmt1(t.net_cpm), fmt1(t.accuracy))
                            } else { match (&run.stored, &run.regraded) {
                                (Some(s), Some(n)) => format!("记录 {}%（{}） → 重新评分 {}%（{}）",
                                    fmt_num(s.percent), if s.passed { "及格" } else { "不及格" },
                                    fmt_num(n.percent), if n.passed { "及格" } else { "不及格" }),
                                (Some(s), None) => format!("记录 {}%，无法重新评分", fmt_num(s.percent)),
                                _ => String::new(),
                            }};
                            let would = run.would_change();
                            let run2 = run.clone();
                            let id2 = id.clone();
                            view! {
                                <li class="desk-run" class:bad=run.suspicious()>
                                    <p class="desk-run-head"><a href=Route::DeskAttempt(id.clone()).href()>{format!("{who} · {exam}")}</a></p>
                                    <p>{change}</p>
                                    <ul class="desk-notes">
                                        {run.reasons().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                                    </ul>
                                    {would.then(|| if committed {
                                        view! {
                                            <p class="desk-run-state">"已采用新分数（原分数仍保留）。"
                                                <button type="button" class="btn ghost" on:click=move |_| desk.update(|c| c.marks.keep_stored(&id2))>"改回原分数"</button></p>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <div class="actions">
                                                <button type="button" class="btn primary" on:click=move |_| {
                                                    let Some(new) = run2.regraded.clone() else { return };
                                                    let reasons = run2.reasons();
                                                    desk.update(|c| {
                                                        if let Some(r) = c.attempt(&run2.attempt_id).cloned() {
                                                            c.marks.commit_regrade(&r, new, reasons, now());
                                                        }
                                                    });
                                                }>"采用新分数"</button>
                                                <span class="muted small">"不点则保留原分数"</span>
                                            </div>
                                        }.into_any()
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

//! The result of an attempt: score, pass/fail, time used, breakdown by section, and a review
//! of every question (unless the bank hides answers). Prints as a one-page report.

use crate::app::components::handover_codes::HandoverCodes;
use crate::app::components::review::ReviewItem;
use crate::app::export::{download_csv, download_json, print};
use crate::app::route::Route;
use crate::app::state::{AppState, CourseLoad};
use crate::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason};
use crate::engine::question::numeric::fmt_num;
use crate::engine::time::events::{span_cn, Summary};
use crate::engine::time::timing::{datetime, duration_cn};
use leptos::prelude::*;

#[component]
pub fn ResultPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        if let Some(r) = state.attempt(&id).filter(|r| r.typing.is_some()) {
            return view! { <super::typing_result::TypingResultView record=r/> }.into_any();
        }
        let loading = matches!(state.course.get(), CourseLoad::Loading);
        match state.attempt(&id) {
            Some(r) if r.result.is_some() => view! { <ResultView record=r loading=loading/> }.into_any(),
            Some(r) => view! {
                <section class="card"><h1>"这次考试还没有交卷"</h1>
                <a class="btn primary" href=Route::Attempt(r.id.clone()).href()>"继续作答"</a></section>
            }
            .into_any(),
            None => view! {
                <section class="card"><h1>"找不到这条成绩"</h1><a class="btn secondary" href="#/history">"查看成绩记录"</a></section>
            }
            .into_any(),
        }
    }
}

#[component]
fn ResultView(record: AttemptRecord, loading: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let res = record.result.clone().unwrap_or_default();
    let offset = crate::app::clock::local_offset_min();
    let export_error = RwSignal::new(None::<String>);
    let saved = !state.unsaved.with_untracked(|u| u.contains(&record.id));
    let r1 = record.clone();
    let r2 = record.clone();
    let handover = RwSignal::new(false);
    let review = {
        let record = record.clone();
        let res = res.clone();
        move || {
            let bank = state.bank_for(&record)?;
            let show = record.show_answers;
            Some(
                record
                    .questions
                    .iter()
                    .zip(&res.questions)
                    .enumerate()
                    .filter_map(|(i, (aq, score))| {
                        let (_, q) = bank.find(&aq.key)?;
                        Some(view! {
                            <ReviewItem q=q.clone() number=i + 1 order=aq.order.clone()
                                answer=record.answers.get(&aq.key).cloned() score=score.clone() show_answers=show/>
                        })
                    })
                    .collect_view(),
            )
        }
    };
    let passed = res.passed;
    let timeout = record.submit_reason == Some(SubmitReason::Timeout);
    let retry = Route::Start(record.bank.path.clone()).href();
    let course_title = state
        .library()
        .and_then(|l| l.course.as_ref().map(|c| c.title.clone()))
        .unwrap_or_else(|| "客服上岗考试".into());
    view! {
        <section class="card result" class:passed=passed>
            <p class="print-only print-title">{format!("成绩单 · {}", course_title)}</p>
            <p class="muted">{format!("{} · {}", if record.mode == Mode::Practice { "练习" } else { "考试" }, record.bank.title)}</p>
            <h1 class="score">
                <span class="score-num">{fmt_num(res.percent)}</span><span class="score-unit">"%"</span>
                <span class=if passed { "verdict ok" } else { "verdict bad" }>{if passed { "及格" } else { "不及格" }}</span>
            </h1>
            <dl class="facts">
                <div><dt>"得分"</dt><dd>{format!("{} / {}", fmt_num(res.score), fmt_num(res.max))}</dd></div>
                <div><dt>"及格线"</dt><dd>{format!("{}%", fmt_num(record.pass_percent))}</dd></div>
                <div><dt>"用时"</dt><dd>{duration_cn(record.time_used_ms(record.submitted_at.unwrap_or(record.started_at)))}</dd></div>
                <div><dt>"交卷"</dt><dd>{record.submitted_at.map(|t| datetime(t, offset)).unwrap_or_default()}</dd></div>
            </dl>
            <p class="muted">{format!("学员：{} {}", record.trainee.name, record.trainee.employee_no)}</p>
            {timeout.then(|| view! { <p class="banner info">"时间到，系统已按时间截止前的答案自动交卷。"</p> })}
            {(record.submit_reason == Some(SubmitReason::MaxAway)).then(|| view! {
                <p class="banner info">"离开考试页面的次数达到本考试的上限，系统已按当时的答案自动交卷。"</p>
            })}
            {(!saved).then(|| view! {
                <p class="banner warn" role="alert">"这次成绩没能保存到本机浏览器。请现在下载结果文件保存，或发给培训老师。"</p>
            })}
            {(!res.missing.is_empty()).then(|| view! {
                <p class="banner warn">{format!("题库已修改，有 {} 道题找不到了，按 0 分计算。", res.missing.len())}</p>
            })}
            <div class="actions no-print">
                <button type="button" class="btn primary" on:click=move |_| export_error.set(download_json(std::slice::from_ref(&r1)).err())>"下载结果（JSON）"</button>
                <button type="button" class="btn secondary" on:click=move |_| export_error.set(download_csv(std::slice::from_ref(&r2)).err())>"下载表格（CSV）"</button>
                <button type="button" class="btn secondary" on:click=move |_| print()>"打印成绩单"</button>
                <button type="button" class="btn secondary" aria-expanded=move || handover.get().to_string()
                    on:click=move |_| handover.update(|v| *v = !*v)>"交给老师"</button>
                <a class="btn ghost" href=retry>"再考一次"</a>
                <a class="btn ghost" href="#/">"返回课程"</a>
            </div>
            {move || export_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {let record = record.clone(); move || handover.get().then(|| view! { <HandoverCodes record=record.clone()/> })}
        </section>
        {(record.mode == Mode::Exam).then(|| view! { <IntegrityCard record=record.clone()/> })}
        <section class="card">
            <h2>"各部分得分"</h2>
            <table class="breakdown">
                <thead><tr><th scope="col">"部分"</th><th scope="col">"题数"</th><th scope="col">"得分"</th><th scope="col">"得分率"</th></tr></thead>
                <tbody>
                    {res.sections.iter().map(|s| {
                        let pct = if s.max > 0.0 { s.score / s.max * 100.0 } else { 0.0 };
                        view! {
                            <tr>
                                <th scope="row">{if s.title.is_empty() { "全部".to_string() } else { s.title.clone() }}</th>
                                <td>{s.questions}</td>
                                <td>{format!("{} / {}", fmt_num(s.score), fmt_num(s.max))}</td>
                                <td><span class="bar" aria-hidden="true"><i style=format!("width:{:.0}%", pct)></i></span>{format!(" {:.0}%", pct)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <TrainerComments record=record.clone()/>
        <section class="card review-list">
            <h2>"逐题回顾"</h2>
            {(!record.show_answers).then(|| view! { <p class="muted">"本考试设置为交卷后不显示正确答案和解析。"</p> })}
            {move || if loading { Some(view! { <p class="loading">"正在加载题目……"</p> }.into_any()) } else { None }}
            <ol class="reviews">{review.clone()}</ol>
        </section>
    }
}

/// The trainer's scores and comments on this attempt, from a trainer's file the trainee
/// imported in 成绩记录.
#[component]
fn TrainerComments(record: AttemptRecord) -> impl IntoView {
    let marks = crate::app::storage::load_feedback()
        .and_then(|t| {
            crate::engine::trainer::cohort::Cohort::read::<crate::app::json::BrowserJson>(&t).ok()
        })
        .map(|c| c.marks.for_attempts(&[record.id.as_str()]))
        .unwrap_or_default();
    if marks.overrides.is_empty() && marks.regrades.is_empty() {
        return None;
    }
    let eff = crate::engine::trainer::overrides::effective_outcome(&record, &marks);
    let number = |key: &str| {
        record
            .questions
            .iter()
            .position(|q| q.key == key)
            .map_or(0, |i| i + 1)
    };
    Some(view! {
        <section class="card trainer-comments">
            <h2>"培训老师的批改"</h2>
            {eff.map(|o| view! { <p><strong>{format!("老师批改后的成绩：{}%（{} / {}）{}", fmt_num(o.percent), fmt_num(o.score), fmt_num(o.max), if o.passed { "，及格" } else { "，不及格" })}</strong></p> })}
            {marks.regrades.iter().map(|r| view! {
                <p class="muted">{format!("老师按更新后的题库重新评分：{}% → {}%", fmt_num(r.old.percent), fmt_num(r.new.percent))}</p>
            }).collect_view()}
            <ul>
                {marks.overrides.iter().map(|o| view! {
                    <li>{format!("第 {} 题：老师给 {} / {} 分（自动评分 {} 分）", number(&o.key), fmt_num(o.score), fmt_num(o.max), fmt_num(o.auto_score))}
                        {(!o.comment.is_empty()).then(|| view! { <div class="comment">{format!("评语：{}", o.comment)}</div> })}</li>
                }).collect_view()}
            </ul>
        </section>
    })
}

/// What the browser observed during the exam, for the trainer: facts, not a verdict.
#[component]
fn IntegrityCard(record: AttemptRecord) -> impl IntoView {
    let sum = Summary::of(&record);
    let lines = sum.lines();
    let rules = record.rules.describe();
    let times: Vec<(usize, i64)> = record
        .questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| sum.question_ms.get(&q.key).map(|ms| (i + 1, *ms)))
        .collect();
    view! {
        <section class="card integrity">
            <h2>"考试过程记录"</h2>
            {if lines.is_empty() {
                view! { <p class="integrity-none">"没有记录到离开页面、时钟变化或多个标签页。"</p> }.into_any()
            } else {
                view! { <ul class="integrity-lines">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
            }}
            {(!rules.is_empty()).then(|| view! { <p class="muted small">{format!("考试规则：{}。", rules.join("；"))}</p> })}
            {(!times.is_empty()).then(|| view! {
                <details class="question-times">
                    <summary>"每题用时"</summary>
                    <ul>{times.into_iter().map(|(n, ms)| view! { <li>{format!("第 {n} 题：{}", span_cn(ms))}</li> }).collect_view()}</ul>
                </details>
            })}
            <p class="muted small">"以上是浏览器能观察到的情况，供培训老师参考，不作为作弊的判定；完整记录在结果文件（JSON）中。"</p>
        </section>
    }
}

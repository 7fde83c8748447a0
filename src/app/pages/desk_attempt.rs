//! One collected attempt as the trainer sees it: the same review the trainee saw, plus what a
//! trainer needs: the re-grade findings, times the trainee left the page, when each answer was
//! given, and a score and comment for any question.

use super::desk_marking::MarkForm;
use crate::app::clock::local_offset_min;
use crate::app::components::review::ReviewItem;
use crate::app::desk_state::DeskState;
use crate::app::pages::typing_result::{TypedUnderPassage, TypingFigures};
use crate::app::route::Route;
use crate::app::state::AppState;
use crate::engine::attempt::attempt::{AttemptRecord, Mode};
use crate::engine::question::numeric::fmt_num;
use crate::engine::time::events::{span_cn, Summary};
use crate::engine::time::timing::{clock, datetime, duration_cn};
use crate::engine::trainer::cohort::answer_times;
use crate::engine::trainer::overrides::effective_outcome;
use crate::engine::trainer::regrade_findings::{dry_run_on_site, DryRun};
use crate::engine::typing::typing::TypingRecord;
use leptos::prelude::*;

#[component]
pub fn DeskAttemptPage(id: String) -> impl IntoView {
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    desk.ensure_loaded();
    let offset = local_offset_min();
    let back = Route::Desk(String::new()).href();
    // A memo of the record alone: marking a question must not rebuild the page (and its forms).
    let record = Memo::new(move |_| desk.cohort.with(|c| c.attempt(&id).cloned()));
    move || {
        let Some(r) = record.get() else {
            return view! {
                <section class="card"><h1>"找不到这条记录"</h1><a class="btn secondary" href=back.clone()>"返回成绩表"</a></section>
            }
            .into_any();
        };
        if let Some(typing) = r.typing.clone() {
            return view! { <DeskTypingAttempt record=r typing back=back.clone()/> }.into_any();
        }
        let eff = desk
            .cohort
            .with_untracked(|c| effective_outcome(&r, &c.marks));
        let bank = app.bank(&r.bank.path);
        let lib = app.library();
        let run = lib.as_ref().map(|l| dry_run_on_site(&r, l));
        let stored = r.result.clone();
        let times = answer_times(&r);
        // What the browser observed (schema 2 records): departures, clock jumps, other tabs,
        // and the time spent on each question.
        let observed = Summary::of(&r);
        let review = bank.clone().map(|bank| {
            let eff = eff.clone().unwrap_or_default();
            r.questions.iter().enumerate().filter_map(|(i, aq)| {
                let (_, q) = bank.find(&aq.key)?;
                let score = eff.questions.iter().find(|s| s.key == aq.key).cloned()?;
                let when = times.get(&aq.key).map(|(since_start, since_prev)| {
                    format!("作答于开始后 {}（距上一次作答 {}）", clock(*since_start), clock(*since_prev))
                });
                let stayed = observed.question_ms.get(&aq.key).map(|ms| format!("；在这道题上停留 {}", span_cn(*ms)));
                let changed = aq.hash != q.hash.as_str();
                Some(view! {
                    <ReviewItem q=q.clone() number=i + 1 order=aq.order.clone()
                        answer=r.answers.get(&aq.key).cloned() score=score show_answers=true/>
                    <li class="desk-mark">
                        <p class="muted small">{when.unwrap_or_else(|| "没有作答时间记录".into())}{stayed}
                            {changed.then_some("；注意：这道题在考试之后被修改过，上面显示的是现在的题目")}</p>
                        <details>
                            <summary>"老师批改这道题"</summary>
                            <MarkForm attempt_id=r.id.clone() key=aq.key.clone()/>
                        </details>
                    </li>
                })
            }).collect_view()
        });
        let used = r.time_used_ms(r.submitted_at.unwrap_or(r.started_at));
        view! {
            <section class="card">
                <p><a href=back.clone()>"← 返回成绩表"</a></p>
                <h1>{format!("{} {} · {}", r.trainee.name, r.trainee.employee_no, r.bank.title)}</h1>
                <dl class="facts">
                    <div><dt>"得分"</dt><dd>{eff.as_ref().map_or("未交卷".into(), |o| format!("{}%（{} / {}）{}", fmt_num(o.percent), fmt_num(o.score), fmt_num(o.max), if o.passed { " 及格" } else { " 不及格" }))}</dd></div>
                    <div><dt>"记录里的得分"</dt><dd>{stored.as_ref().map_or("—".into(), |o| format!("{}%", fmt_num(o.percent)))}</dd></div>
                    <div><dt>"用时"</dt><dd>{duration_cn(used)}</dd></div>
                    <div><dt>"离开页面"</dt><dd>{format!("{} 次", r.focus_lost)}</dd></div>
                </dl>
                <ObservedLines observed=observed.clone()/>
                <p class="muted">{format!("{} · 开始 {} · 交卷 {}", if r.mode == Mode::Exam { "考试" } else { "练习" }, datetime(r.started_at, offset),
                    r.submitted_at.map(|t| datetime(t, offset)).unwrap_or_else(|| "未交卷".into()))}</p>
                <Findings run/>
            </section>
            <CommentLink record=r.clone()/>
            <section class="card review-list">
                <h2>"逐题回顾"</h2>
                {match review {
                    Some(items) => view! { <ol class="reviews">{items}</ol> }.into_any(),
                    None => view! { <p class="muted">"网站上已没有这份题库，无法显示题目。"</p> }.into_any(),
                }}
            </section>
        }
        .into_any()
    }
}

/// A collected typing test: its figures as the trainee saw them, what the browser observed,
/// the desk's check of its figures and passages, and the typed text under the passage.
#[component]
fn DeskTypingAttempt(record: AttemptRecord, typing: TypingRecord, back: String) -> impl IntoView {
    let app = expect_context::<AppState>();
    let offset = local_offset_min();
    let run = app.library().map(|l| dry_run_on_site(&record, &l));
    let t = typing;
    view! {
        <section class="card result typing-result">
            <p><a href=back>"← 返回成绩表"</a></p>
            <h1>{format!("{} {} · {}", record.trainee.name, record.trainee.employee_no, record.bank.title)}</h1>
            {match t.result.is_some() {
                true => view! { <TypingFigures record=record.clone()/> }.into_any(),
                false => view! { <p class="muted">"这次打字测试没有结束，没有成绩。"</p> }.into_any(),
            }}
            <p class="muted">{format!("{} · 开始 {}", if record.mode == Mode::Exam { "打字测试" } else { "打字练习" }, datetime(record.started_at, offset))}
                {record.submitted_at.map(|s| format!(" · 结束 {}", datetime(s, offset)))}
                {format!(" · 离开页面 {} 次", record.focus_lost)}
                {(t.paste_refused > 0).then(|| format!(" · 拒绝粘贴 {} 次", t.paste_refused))}</p>
            <ObservedLines observed=Summary::of(&record)/>
            <Findings run/>
        </section>
        <TypedUnderPassage typing=t who="学员"/>
    }
}

/// What the browser observed during an attempt (departures, clock jumps, other tabs), if
/// anything.
#[component]
fn ObservedLines(observed: Summary) -> impl IntoView {
    let lines = observed.lines();
    (!lines.is_empty()).then(|| view! {
        <ul class="integrity-lines">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
    })
}

/// What the desk's re-grade found in one attempt, if anything.
#[component]
fn Findings(run: Option<DryRun>) -> impl IntoView {
    run.filter(|d| !d.findings.is_empty()).map(|d| {
        view! {
            <div class=if d.suspicious() { "banner warn" } else { "banner info" }>
                <p><strong>"重新评分发现："</strong></p>
                <ul>{d.reasons().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

/// The trainer's marks on this attempt sent back without a file: a QR code of a link to the
/// site (`#/comments/<code>`, nothing after `#` reaches a server) that the trainee scans with
/// the phone's camera, and the same link to copy into a chat.
#[component]
fn CommentLink(record: crate::engine::attempt::attempt::AttemptRecord) -> impl IntoView {
    use crate::app::components::copy_text::CopyText;
    use crate::app::components::qr::QrSvg;
    use crate::engine::attempt::handover::qr::text_qr;
    use crate::engine::trainer::comment_link::comment_code;
    let desk = expect_context::<DeskState>();
    let link = Memo::new(move |_| {
        desk.cohort
            .with(|c| comment_code(&record, &c.marks))
            .map(|code| format!("{}{}", trainee_page(), Route::Comments(code).href()))
    });
    view! {
        <section class="card comment-link no-print">
            <h2>"把批改发回学员"</h2>
            {move || match link.get() {
                None => view! { <p class="muted">"给题目打分、写评语或确认重新评分后，这里会出现发回学员的二维码和链接。"</p> }.into_any(),
                Some(url) => {
                    let copy = url.clone();
                    view! {
                        <p class="muted small">"学员用考试时的手机扫这个码（或打开下面复制的链接），就能在自己的成绩页看到老师的分数和评语。"</p>
                        {text_qr(&url).map(|image| view! {
                            <QrSvg image class="comment-link-code" label="发回学员的批改链接二维码".to_string() text=url.clone()/>
                        })}
                        <CopyText label="复制链接" what="链接" class="comment-link-text"
                            text=Callback::new(move |_| Ok(copy.clone()))/>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The address of the trainee's app, where a comment link opens: this page's, without its
/// hash.
fn trainee_page() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!(
                "{}{}{}",
                l.origin().ok()?,
                l.pathname().ok()?,
                l.search().ok()?
            ))
        })
        .unwrap_or_default()
}

//! An attempt in progress. Exam mode: countdown from the stored deadline, automatic submission
//! at the deadline, feedback only at the end. Practice mode: untimed, each question checked on
//! demand with its explanation, wrong answers go to the wrong-answer book. Every answer is saved
//! the moment it is given, so a reload resumes exactly here.

use crate::app::components::answer::AnswerProps;
use crate::app::components::confirm::ConfirmDialog;
use crate::app::components::countdown::Countdown;
use crate::app::components::feedback::FeedbackLines;
use crate::app::components::markdown::Md;
use crate::app::components::navigator::{Cell, Navigator};
use crate::app::components::question::QuestionView;
use crate::app::components::review::correct_text;
use crate::app::route::{go, Route};
use crate::app::state::{AppState, CourseLoad};
use crate::app::watcher::{request_fullscreen, Watch};
use crate::engine::attempt::attempt::{AnswerError, AttemptRecord, Mode, SubmitReason};
use crate::engine::attempt::behaviour;
use crate::engine::bank::bank::Bank;
use crate::engine::question::answer::Answer;
use crate::engine::question::numeric::fmt_num;
use crate::engine::question::Status;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

#[component]
pub fn AttemptPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        // A typing test needs no bank: checked before the course, so its loading never redraws it.
        if let Some(r) = state.attempt(&id).filter(|r| r.typing.is_some()) {
            return super::typing::typing_attempt(r);
        }
        let Some(record) = state.attempt(&id) else {
            return view! {
                <section class="card"><h1>"找不到这次考试"</h1><a class="btn secondary" href="#/">"返回课程"</a></section>
            }
            .into_any();
        };
        if record.is_submitted() {
            go(&Route::Result(record.id.clone()));
            return view! { <p class="loading">"已交卷，正在打开成绩……"</p> }.into_any();
        }
        let bank = state.bank_for(&record);
        // The course's loading is followed only while the bank is not there yet: once the
        // exam is on screen, the course arriving (a local bank's exam starts before it does)
        // must not draw the exam again under the trainee's fingers.
        let loading = bank.as_ref().is_none_or(|b| b.question_count() == 0)
            && matches!(state.course.get(), CourseLoad::Loading);
        match bank {
            Some(bank) if !(loading && bank.question_count() == 0) => view! { <AttemptView record=record bank=bank/> }.into_any(),
            _ if loading => view! { <p class="loading" role="status">"正在加载题库……"</p> }.into_any(),
            _ => view! {
                <section class="card problems" role="alert">
                    <h1>"题库无法加载"</h1>
                    <p>{format!("这次考试所用的题库“{}”现在无法加载。你的答案已保存在本机，恢复后可继续。", record.bank.title)}</p>
                    <a class="btn secondary" href="#/">"返回课程"</a>
                </section>
            }
            .into_any(),
        }
    }
}

fn is_typing_target(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                && el.get_attribute("type").as_deref() != Some("radio")
                && el.get_attribute("type").as_deref() != Some("checkbox")
        })
        .unwrap_or(false)
}

/// Clicks the n-th option of the question on screen (number keys on desktop).
fn pick_option(n: u32) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(list) = doc.query_selector_all(".question .options input") {
        if let Some(el) = list
            .get(n.saturating_sub(1))
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        {
            el.click();
            let _ = el.focus();
        }
    }
}

#[component]
fn AttemptView(record: AttemptRecord, bank: Arc<Bank>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let ctx = state.grade_context_for(&record);
    let practice = record.mode == Mode::Practice;
    let deadline = record.deadline;
    let total = record.questions.len();
    let title = record.bank.title.clone();
    let rules = record.rules;
    let rec = RwSignal::new(record);
    // Time, saving, leaving the page and other tabs: see `watcher`.
    let watch = Watch::new(rec, state);
    let clock = watch.clock;
    let confirming = RwSignal::new(false);
    let current = Memo::new(move |_| rec.with(|r| r.current.min(total.saturating_sub(1))));

    let save = move || watch.save();

    let submit = {
        let bank = bank.clone();
        Callback::new(move |reason: SubmitReason| {
            if rec.with_untracked(|r| r.is_submitted()) || watch.superseded.get_untracked() {
                return;
            }
            let t = watch.before_submit();
            rec.update(|r| state.finish(r, &bank, t, reason));
            go(&Route::Result(rec.with_untracked(|r| r.id.clone())));
        })
    };
    watch.install(submit);

    let goto = move |i: usize| {
        if watch.goto(i) {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("q-title"))
            {
                el.scroll_into_view();
            }
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if confirming.get_untracked()
            || is_typing_target(&ev)
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.alt_key()
        {
            return;
        }
        match ev.key().as_str() {
            "ArrowLeft" => goto(current.get_untracked().saturating_sub(1)),
            "ArrowRight" => goto(current.get_untracked() + 1),
            k => {
                if let Some(n) = k.parse::<u32>().ok().filter(|n| (1..=9).contains(n)) {
                    pick_option(n);
                }
            }
        }
    });
    on_cleanup(move || keys.remove());

    let cells = Memo::new(move |_| {
        rec.with(|r| {
            r.questions
                .iter()
                .map(|q| Cell {
                    answered: r.answers.contains_key(&q.key),
                    flagged: r.flagged.contains(&q.key),
                })
                .collect::<Vec<_>>()
        })
    });
    let unanswered = move || cells.with(|c| c.iter().filter(|c| !c.answered).count());
    let flagged = move || cells.with(|c| c.iter().filter(|c| c.flagged).count());

    let question = {
        let bank = bank.clone();
        move || {
            let idx = current.get();
            let (key, order) = rec.with_untracked(|r| {
                r.questions
                    .get(idx)
                    .map(|q| (q.key.clone(), q.order.clone()))
            })?;
            let q = bank.find(&key).map(|(_, q)| q.clone())?;
            let initial = rec.with_untracked(|r| r.answers.get(&key).cloned());
            let k = key.clone();
            let locked =
                Signal::derive(move || rec.with(|r| r.checked.contains(&k) || r.is_submitted()));
            let k = key.clone();
            let on_change = Callback::new(move |a: Option<Answer>| {
                let t = watch.now();
                let result = rec.try_update(|r| r.set_answer(&k, a, t));
                match result {
                    Some(Err(AnswerError::Expired)) => submit.run(SubmitReason::Timeout),
                    Some(Err(_)) => {}
                    _ => save(),
                }
            });
            let uid = format!("q{idx}");
            Some(
                view! { <QuestionView q=q number=idx + 1 total=total props=AnswerProps { uid, initial, order, locked, on_change }/> },
            )
        }
    };

    let feedback = {
        let bank = bank.clone();
        let ctx = ctx.clone();
        move || {
            if !practice {
                return None;
            }
            let idx = current.get();
            let (key, order, show_answers) = rec.with(|r| {
                r.questions
                    .get(idx)
                    .filter(|q| behaviour::shows_feedback(r, &q.key))
                    .map(|q| (q.key.clone(), q.order.clone(), r.show_answers))
            })?;
            let q = bank.find(&key).map(|(_, q)| q.clone())?;
            let answer = rec.with_untracked(|r| r.answers.get(&key).cloned());
            // What shows follows show_answers, as in the result review.
            let fb = behaviour::feedback(&q, answer.as_ref(), &ctx, show_answers);
            let (label, class) = match fb.status {
                Status::Correct => ("回答正确", "ok"),
                Status::Partial => ("部分正确", "partial"),
                _ => ("回答错误", "bad"),
            };
            let md = Md::new(&q.bank);
            let score = format!("{} / {} 分", fmt_num(fb.score), fmt_num(fb.max));
            Some(view! {
                <section class=format!("practice-feedback {class}") role="status" aria-live="polite">
                    <p class="status-line"><strong>{label}</strong>" "<span class="q-points">{score}</span></p>
                    <FeedbackLines lines=fb.lines redline=fb.redline.is_some()/>
                    {fb.show_answer.then(|| view! { <p><span class="muted">"正确答案："</span>{correct_text(&q, &order)}</p> })}
                    {(fb.show_answer && !q.explanation.is_empty()).then(|| view! { <div class="explanation"><p class="explanation-label">"解析"</p>{md.blocks(&q.explanation)}</div> })}
                </section>
            })
        }
    };

    let check = {
        let bank = bank.clone();
        let ctx = ctx.clone();
        move |_| {
            let idx = current.get_untracked();
            let Some(key) = rec.with_untracked(|r| r.questions.get(idx).map(|q| q.key.clone()))
            else {
                return;
            };
            let Some((_, q)) = bank.find(&key) else {
                return;
            };
            let change = rec
                .try_update(|r| behaviour::check(r, q, &ctx).map(|(_, change)| change))
                .flatten();
            save();
            if let Some(change) = change {
                state.apply_book_change(&change);
            }
        }
    };
    let is_checked = move || {
        rec.with(|r| {
            r.questions
                .get(current.get())
                .is_some_and(|q| r.checked.contains(&q.key))
        })
    };
    let is_flagged = move || {
        rec.with(|r| {
            r.questions
                .get(current.get())
                .is_some_and(|q| r.flagged.contains(&q.key))
        })
    };
    let toggle_flag = move |_| {
        let idx = current.get_untracked();
        rec.update(|r| {
            if let Some(k) = r.questions.get(idx).map(|q| q.key.clone()) {
                r.toggle_flag(&k);
            }
        });
        save();
    };

    let rule_notes = rules.describe();
    let away_warning = move || {
        rec.with(|r| {
            let max = r.rules.max_away?;
            (r.focus_lost + 1 == max).then(|| {
                format!(
                    "你已离开考试页面 {} 次。再离开 1 次，系统将自动交卷。",
                    r.focus_lost
                )
            })
        })
    };
    view! {
        <Show when=move || watch.superseded.get()>
            <section class="card takeover" role="alert">
                <h1>"这场考试已在另一个标签页中打开"</h1>
                <p>"为了不让两个页面互相覆盖答案，本页已停止保存。在本页给出的答案都已保存，不会丢失。"</p>
                <button type="button" class="btn primary" on:click=move |_| {
                    let _ = web_sys::window().map(|w| w.location().reload());
                }>"在本页继续作答"</button>
            </section>
        </Show>
        <div class="attempt" hidden=move || watch.superseded.get()>
            <div class="attempt-bar">
                <h1 class="attempt-title">
                    <span class="badge">{if practice { "练习" } else { "考试" }}</span>
                    <span>{title}</span>
                </h1>
                {deadline.map(|d| view! { <Countdown deadline=d now=clock.into()/> })}
                {(rules.fullscreen && !practice).then(|| view! {
                    <Show when=move || !watch.fullscreen.get()>
                        <button type="button" class="btn secondary small" on:click=move |_| request_fullscreen()>"进入全屏"</button>
                    </Show>
                })}
                <button type="button" class="btn primary small" on:click=move |_| confirming.set(true)>
                    {if practice { "结束练习" } else { "交卷" }}
                </button>
            </div>
            {(!rule_notes.is_empty()).then(|| view! { <p class="rules-note muted small">{format!("本场考试：{}。", rule_notes.join("；"))}</p> })}
            {move || away_warning().map(|w| view! { <p class="banner warn away-warning" role="alert">{w}</p> })}
            <div class="attempt-body">
                <div class="attempt-main">
                    {question}
                    {feedback}
                    <div class="q-actions">
                        {(!rules.one_way).then(|| view! {
                            <button type="button" class="btn secondary" disabled=move || current.get() == 0
                                on:click=move |_| goto(current.get_untracked().saturating_sub(1))>"← 上一题"</button>
                        })}
                        <button type="button" class="btn ghost" aria-pressed=move || is_flagged().to_string()
                            class:flag-on=is_flagged on:click=toggle_flag>
                            {move || if is_flagged() { "★ 已标记" } else { "☆ 标记" }}
                        </button>
                        {practice.then(|| view! {
                            <button type="button" class="btn secondary" disabled=is_checked on:click=check.clone()>"检查答案"</button>
                        })}
                        {move || if current.get() + 1 < total {
                            view! { <button type="button" class="btn primary" on:click=move |_| goto(current.get_untracked() + 1)>"下一题 →"</button> }.into_any()
                        } else {
                            view! { <button type="button" class="btn primary" on:click=move |_| confirming.set(true)>{if practice { "结束练习" } else { "交卷" }}</button> }.into_any()
                        }}
                    </div>
                    <p class="muted small key-hint">"电脑键盘：数字键选择选项，← → 切换题目"</p>
                </div>
                <aside class="attempt-side">
                    <Navigator cells=cells.into() current=current.into() on_pick=Callback::new(goto)
                        first_open=Signal::derive(move || if rules.one_way { current.get() } else { 0 })/>
                    <p class="muted small">{move || format!("已答 {} 题，未答 {} 题，标记 {} 题", total - unanswered(), unanswered(), flagged())}</p>
                </aside>
            </div>
            <Show when=move || confirming.get()>
                <ConfirmDialog
                    title=if practice { "结束练习？" } else { "确定交卷？" }.to_string()
                    cancel_label="继续作答"
                    confirm_label=if practice { "结束并查看结果" } else { "确定交卷" }
                    tone="primary"
                    on_cancel=Callback::new(move |_| confirming.set(false))
                    on_confirm=Callback::new(move |_| { confirming.set(false); submit.run(SubmitReason::Manual); })>
                    <p>{move || {
                        let u = unanswered();
                        if u > 0 { format!("还有 {u} 题未作答，交卷后未答的题记 0 分。") } else { "所有题目都已作答。".to_string() }
                    }}</p>
                    {move || (flagged() > 0).then(|| view! { <p>{format!("有 {} 题标记了需要检查。", flagged())}</p> })}
                </ConfirmDialog>
            </Show>
        </div>
    }
}

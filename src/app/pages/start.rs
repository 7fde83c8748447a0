//! The start screen of a bank: questions, time limit, pass mark and attempts left, then exam
//! or practice. Problems in the bank are shown instead of a start button.

use crate::app::clock::{new_seed, now};
use crate::app::components::markdown::Md;
use crate::app::components::problems::Problems;
use crate::app::components::trainee_form::TraineeForm;
use crate::app::route::{go, replace, Route};
use crate::app::state::{AppState, CourseLoad};
use crate::engine::attempt::attempt::{AttemptRecord, Mode, Trainee};
use crate::engine::attempt::summary::AttemptSummary;
use crate::engine::bank::bank::Bank;
use crate::engine::question::numeric::fmt_num;
use crate::engine::text::diagnostics::{Diagnostic, Severity};
use crate::engine::text::rich::inline_text;
use leptos::prelude::*;
use std::sync::Arc;

/// What the start buttons do, provided by the program: the trainee's program creates the
/// attempt and opens it (`StartAction::CREATE`); the first screen hands the start to the
/// trainee's program (`first_screen`), so the first screen's program never builds or stores a
/// record.
#[derive(Clone, Copy)]
pub struct StartAction(pub fn(AppState, &Bank, Mode, Trainee));

impl StartAction {
    pub const CREATE: StartAction = StartAction(|state, bank, mode, trainee| {
        let id = create(state, bank, mode, trainee);
        go(&Route::Attempt(id));
    });
}

/// Creates a new attempt of the bank and stores it; returns its id.
fn create(state: AppState, bank: &Bank, mode: Mode, trainee: Trainee) -> String {
    // Earlier attempts of this exam in the same mode by this trainee: the new draw prefers the
    // questions they showed least, so retries rotate through the pool.
    let seen: Vec<String> = state.attempts.with_untracked(|all| {
        all.iter()
            .filter(|r| r.bank.path == bank.path && r.mode == mode && r.trainee == trainee)
            .flat_map(|r| r.keys())
            .collect()
    });
    let record = AttemptRecord::start_rotating(bank, mode, trainee, new_seed(), now(), &seen);
    state.save_attempt(&record);
    record.id
}

/// The bank's problems: a local file's own, or the course's for it.
fn bank_diagnostics(state: &AppState, path: &str) -> Vec<Diagnostic> {
    match (
        state.local.with(|m| m.get(path).map(|(_, d)| d.clone())),
        state.library(),
    ) {
        (Some(d), _) => d,
        (None, Some(lib)) => lib.diagnostics_for(path).cloned().collect(),
        _ => Vec::new(),
    }
}

/// The id of the exam attempt of this bank still open, if any, and how many attempts are left (`None`:
/// no limit): what the start screen's buttons and `#/begin/` both go by.
fn exam_standing(state: &AppState, bank: &Bank) -> (Option<String>, Option<u32>) {
    state.with_exam_attempts(&bank.path, |used| {
        let left = bank
            .settings
            .attempts
            .map(|a| a.saturating_sub(used.len() as u32));
        let open = AttemptSummary::latest_open(used.iter().copied());
        (open.map(|r| r.id.clone()), left)
    })
}

/// The trainee, if a new attempt can start now; otherwise the screen to show instead (the
/// open attempt, or the start screen with its reason).
fn may_start(state: &AppState, bank: &Bank, mode: Mode, broken: bool) -> Result<Trainee, Route> {
    let start = || Route::Start(bank.path.clone());
    let trainee = state
        .trainee
        .get_untracked()
        .filter(|_| !broken)
        .ok_or_else(start)?;
    if mode == Mode::Exam {
        match exam_standing(state, bank) {
            (Some(open), _) => return Err(Route::Attempt(open)),
            (None, Some(0)) => return Err(start()),
            _ => {}
        }
    }
    Ok(trainee)
}

/// `#/begin/...` in the trainee's program: starts the attempt the first screen asked for, or shows
/// the start screen when it cannot start (no trainee, a broken bank, no attempts left).
#[component]
pub fn BeginPage(mode: Mode, path: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(bank) = state.bank(&path) else {
            let loading = matches!(state.course.get(), CourseLoad::Loading);
            if loading && state.local.with(|m| !m.contains_key(&path)) {
                return false;
            }
            replace(&Route::Start(path.clone()));
            return true;
        };
        let broken = bank_diagnostics(&state, &path)
            .iter()
            .any(|d| d.severity == Severity::Error);
        match may_start(&state, &bank, mode, broken) {
            Ok(trainee) => replace(&Route::Attempt(create(state, &bank, mode, trainee))),
            Err(route) => replace(&route),
        }
        true
    });
    view! { <p class="loading" role="status">"正在开始……"</p> }
}

#[component]
pub fn StartPage(path: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let loading = matches!(state.course.get(), CourseLoad::Loading);
        let local = state.local.with(|m| m.contains_key(&path));
        let diags = bank_diagnostics(&state, &path);
        match state.bank(&path) {
            None if loading && !local => {
                view! { <p class="loading" role="status">"正在加载题库……"</p> }.into_any()
            }
            None => view! {
                <section class="card problems" role="alert">
                    <h1>"找不到这个题库"</h1>
                    <p>{format!("“{path}”不在课程中。")}</p>
                    <Problems diags=diags title="题库有错误"/>
                    <a class="btn secondary" href="#/">"返回课程"</a>
                </section>
            }
            .into_any(),
            Some(bank) => {
                let broken = diags.iter().any(|d| d.severity == Severity::Error);
                view! { <StartCard bank=bank broken=broken/> <Problems diags=diags title="题库有错误"/> }.into_any()
            }
        }
    }
}

#[component]
fn StartCard(bank: Arc<Bank>, broken: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let standing = {
        let bank = bank.clone();
        move || exam_standing(&state, &bank)
    };
    let start = {
        let bank = bank.clone();
        let action = expect_context::<StartAction>();
        move |mode: Mode| {
            let Some(trainee) = state.trainee.get_untracked() else {
                return;
            };
            // Asked for on the tap itself: a browser grants full screen only to a user gesture.
            if mode == Mode::Exam && bank.settings.rules.fullscreen {
                crate::app::watcher::request_fullscreen();
            }
            (action.0)(state, &bank, mode, trainee);
        }
    };
    let start_exam = start.clone();
    let md = Md::new(&bank.path);
    let rules = bank.settings.rules.describe();
    let limit = bank.settings.time_limit.map_or("不限时".into(), |t| {
        format!("{} 分钟", fmt_num(f64::from(t) / 60.0))
    });
    let sections: Vec<String> = bank
        .sections
        .iter()
        .map(|s| inline_text(&s.title))
        .filter(|t| !t.is_empty())
        .collect();
    view! {
        <section class="card start">
            <h1>{bank.title.clone()}</h1>
            {(!bank.settings.description.is_empty()).then(|| view! { <p class="muted">{bank.settings.description.clone()}</p> })}
            <div class="intro">{md.blocks(&bank.intro)}</div>
            <dl class="facts">
                <div><dt>"题量"</dt><dd>{format!("{} 题", bank.attempt_size())}</dd></div>
                <div><dt>"时间"</dt><dd>{limit}</dd></div>
                <div><dt>"及格线"</dt><dd>{format!("{}%", fmt_num(bank.settings.pass_percent))}</dd></div>
                <div><dt>"剩余次数"</dt><dd>{let standing = standing.clone(); move || standing().1.map_or("不限".into(), |l| format!("{l} 次"))}</dd></div>
            </dl>
            {(!sections.is_empty()).then(|| view! { <p class="muted">{format!("内容：{}", sections.join("、"))}</p> })}
            {(!rules.is_empty()).then(|| view! { <p class="rules-note">{format!("考试规则：{}。", rules.join("；"))}</p> })}
            {move || state.trainee.get().is_none().then(|| view! {
                <p class="muted">"开始前请先填写学员信息："</p>
                <TraineeForm/>
            })}
            <div class="actions">
                {move || {
                    let start_exam = start_exam.clone();
                    let start_practice = start.clone();
                    let no_trainee = state.trainee.get().is_none();
                    if broken {
                        return view! { <p class="error">"这个题库有错误，暂时不能考试。"</p> }.into_any();
                    }
                    let (unfinished, left) = standing();
                    if let Some(id) = unfinished {
                        return view! {
                            <a class="btn primary" href=Route::Attempt(id).href()>"继续未交卷的考试"</a>
                        }.into_any();
                    }
                    let exhausted = left == Some(0);
                    view! {
                        <button type="button" class="btn primary" disabled=no_trainee || exhausted
                            on:click=move |_| start_exam(Mode::Exam)>"开始考试"</button>
                        <button type="button" class="btn secondary" disabled=no_trainee
                            on:click=move |_| start_practice(Mode::Practice)>"练习模式（不计时，即时看解析）"</button>
                        {exhausted.then(|| view! { <p class="error">"考试次数已用完，可以继续用练习模式复习。"</p> })}
                    }.into_any()
                }}
            </div>
            <p class="muted small">"考试开始后会自动保存每一个答案；刷新或关闭页面后回来可继续。时间到会自动交卷。"</p>
        </section>
    }
}

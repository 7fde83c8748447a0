//! Home: the course's days in order, each exam with the trainee's best score, pass state and
//! attempts used; the trainee's details; an unfinished attempt to resume; self-study files.

use crate::app::components::markdown::Md;
use crate::app::components::open_file::OpenFile;
use crate::app::components::problems::Problems;
use crate::app::components::trainee_form::TraineeForm;
use crate::app::route::Route;
use crate::app::state::{AppState, CourseLoad, INDEX};
use crate::engine::attempt::summary::AttemptSummary;
use crate::engine::bank::course::ExamLink;
use crate::engine::question::numeric::fmt_num;
use crate::engine::text::diagnostics::Severity;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let editing = RwSignal::new(false);
    view! {
        {move || {
            let t = state.trainee.get();
            match (t, editing.get()) {
                (Some(t), false) => view! {
                    <p class="trainee-line">
                        {format!("学员：{}", t.name)}
                        {(!t.employee_no.is_empty()).then(|| format!("（工号 {}）", t.employee_no))}
                        " "<button type="button" class="link-btn" on:click=move |_| editing.set(true)>"修改"</button>
                    </p>
                }.into_any(),
                _ => view! { <TraineeForm on_done=Callback::new(move |_| editing.set(false))/> }.into_any(),
            }
        }}
        <ResumeBanner/>
        {move || {
            let bad = state.corrupt.get();
            (!bad.is_empty()).then(|| view! {
                <div class="banner warn" role="alert">{bad.join("；")}</div>
            })
        }}
        {move || match state.course.get() {
            CourseLoad::Loading => view! { <p class="loading" role="status">"正在加载课程……"</p> }.into_any(),
            CourseLoad::Failed(e) => view! {
                <section class="card problems" role="alert">
                    <h2>"无法加载课程"</h2>
                    <p>{e}</p>
                    <p class="muted">{format!("课程目录应位于 {INDEX}。离线时，仍可打开本地题库文件自学。")}</p>
                </section>
            }.into_any(),
            CourseLoad::Loaded(lib) => {
                let Some(course) = lib.course.clone() else {
                    return view! { <Problems diags=lib.diagnostics.clone() title="课程目录有错误"/> }.into_any();
                };
                let md = Md::new(INDEX);
                let days = course.days.iter().enumerate().map(|(i, day)| {
                    let exams = day.exams.iter().map(|e| view! { <ExamRow link=e.clone()/> }).collect_view();
                    view! {
                        <li class="card day">
                            <h2><span class="day-no">{format!("{}", i + 1)}</span>{md.inlines(&day.title)}</h2>
                            <div class="day-desc">{md.blocks(&day.description)}</div>
                            <ul class="exam-list">{exams}</ul>
                        </li>
                    }
                }).collect_view();
                view! {
                    <section class="course-head">
                        <h1>{course.title.clone()}</h1>
                        {(!course.description.is_empty()).then(|| view! { <p class="muted">{course.description.clone()}</p> })}
                        <p class="tip">"提示：成绩只保存在这台设备的浏览器里。iPhone 的 Safari 在 7 天不访问后可能清除数据，请在“成绩记录”里定期导出。"</p>
                    </section>
                    <Problems diags=lib.diagnostics.clone() title="题库有错误"/>
                    <ol class="days">{days}</ol>
                }.into_any()
            }
        }}
        <LocalBanks/>
        <OpenFile/>
    }
}

/// Best percent, passed, and attempts used for one bank.
pub fn stats(records: &[&AttemptSummary]) -> (Option<f64>, bool, usize) {
    let (mut best, mut passed) = (None::<f64>, false);
    for s in records.iter().filter_map(|r| r.score) {
        best = Some(best.map_or(s.percent, |b| b.max(s.percent)));
        passed |= s.passed;
    }
    (best, passed, records.len())
}

#[component]
fn ExamRow(link: ExamLink) -> impl IntoView {
    let state = expect_context::<AppState>();
    let path = link.path.clone();
    if let Some(t) = state.library().and_then(|l| l.typing.get(&path).cloned()) {
        return view! { <super::typing_result::TypingRow link=link bank=t/> }.into_any();
    }
    let bank = state.bank(&path);
    let has_errors = state.library().is_some_and(|l| {
        l.diagnostics_for(&path)
            .any(|d| d.severity == Severity::Error)
    });
    let info = bank.as_ref().map(|b| {
        let limit = b
            .settings
            .time_limit
            .map_or("不限时".into(), |s| format!("{} 分钟", s / 60));
        format!(
            "{} 题 · {} · 及格 {}%",
            b.attempt_size(),
            limit,
            fmt_num(b.settings.pass_percent)
        )
    });
    let allowed = bank.as_ref().and_then(|b| b.settings.attempts);
    let p = path.clone();
    let status = move || {
        let (best, passed, used) = state.with_exam_attempts(&p, stats);
        let used_text = match allowed {
            Some(a) => format!("已考 {used}/{a} 次"),
            None => format!("已考 {used} 次"),
        };
        view! {
            <span class="exam-status">
                {best.map(|b| view! { <span class="best">{format!("最高 {}%", fmt_num(b))}</span> })}
                {passed.then(|| view! { <span class="badge ok">"已及格"</span> })}
                {(!passed && best.is_some()).then(|| view! { <span class="badge bad">"未及格"</span> })}
                <span class="muted">{used_text}</span>
            </span>
        }
    };
    view! {
        <li class="exam">
            <a class="exam-link" href=Route::Start(path.clone()).href()>
                <span class="exam-title">{link.title.clone()}</span>
                {info.map(|i| view! { <span class="exam-info muted">{i}</span> })}
                {has_errors.then(|| view! { <span class="badge bad">"题库有错误"</span> })}
                {bank.is_none().then(|| view! { <span class="badge bad">"题库缺失"</span> })}
            </a>
            {status}
        </li>
    }
    .into_any()
}

#[component]
fn ResumeBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let open = state
            .summaries
            .with(|a| AttemptSummary::latest_open(a).map(|r| (r.id.clone(), r.bank.title.clone())));
        open.map(|(id, title)| {
            view! {
                <div class="banner info">
                    {format!("你有一场未交卷的考试：《{title}》")}
                    " "<a class="btn primary small" href=Route::Attempt(id).href()>"继续考试"</a>
                </div>
            }
        })
    }
}

#[component]
fn LocalBanks() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let local = state.local.get();
        (!local.is_empty()).then(|| {
            view! {
                <section class="card">
                    <h2>"我打开过的本地题库"</h2>
                    <ul class="exam-list">
                        {local.iter().map(|(path, (bank, _))| {
                            let p = path.clone();
                            view! {
                                <li class="exam">
                                    <a class="exam-link" href=Route::Start(path.clone()).href()>
                                        <span class="exam-title">{bank.title.clone()}</span>
                                        <span class="exam-info muted">{format!("{} 题 · {}", bank.question_count(), path)}</span>
                                    </a>
                                    <button type="button" class="link-btn" aria-label=format!("移除本地题库 {}", bank.title)
                                        on:click=move |_| {
                                            crate::app::storage::delete_local_bank(&p);
                                            state.local.update(|m| { m.remove(&p); });
                                        }>"移除"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

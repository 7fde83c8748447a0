//! The cohort table: one row per trainee, one column per exam (best and latest score, passed,
//! attempts, time), sortable, filtered by day and by "not yet passed"; a trainee's row opens
//! their attempts.

use crate::app::clock::local_offset_min;
use crate::app::desk_state::{runs_memo, DeskState};
use crate::app::export::print;
use crate::app::pages::typing_result;
use crate::app::route::Route;
use crate::app::state::AppState;
use crate::engine::attempt::attempt::{Mode, Trainee};
use crate::engine::question::numeric::fmt_num;
use crate::engine::time::timing::{datetime, duration_cn};
use crate::engine::trainer::cohort::{columns, table, Cell, Column, Row};
use crate::engine::trainer::overrides::effective_outcome;
use crate::engine::trainer::regrade_findings::DryRun;
use leptos::prelude::*;

/// What a column's attempts of a trainee show in the table: an edited file, or a bank edited
/// since (the first one wins: it is the one the trainer must look at first).
fn cell_flag(runs: &[DryRun], ids: &[String]) -> Option<(&'static str, &'static str)> {
    let mine: Vec<&DryRun> = runs
        .iter()
        .filter(|r| ids.contains(&r.attempt_id))
        .collect();
    if mine.iter().any(|r| r.suspicious()) {
        Some(("⚠ 分数被改", "flag bad"))
    } else if mine.iter().any(|r| !r.findings.is_empty()) {
        Some(("题库已改", "flag warn"))
    } else {
        None
    }
}

/// A cell's best or latest figure (a percent or a typing speed), or a dash.
fn shown(c: &Cell, p: Option<f64>) -> String {
    p.map_or("—".into(), |_| c.figure(p))
}

#[component]
pub fn TableTab() -> impl IntoView {
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    let runs = runs_memo(app, desk);
    let day = RwSignal::new(String::new());
    let failing_only = RwSignal::new(false);
    // Sort key: "name", "no", or a column path (by best score); and descending.
    let sort = RwSignal::new(("name".to_string(), false));
    let open = RwSignal::new(None::<Trainee>);
    let cols = Memo::new(move |_| {
        let lib = app.library();
        desk.cohort
            .with(|c| columns(lib.as_ref().and_then(|l| l.course.as_ref()), c))
    });
    let days = move || {
        let mut d: Vec<String> = Vec::new();
        for c in cols.get() {
            if !c.day.is_empty() && !d.contains(&c.day) {
                d.push(c.day.clone());
            }
        }
        d
    };
    let shown_cols = move || -> Vec<Column> {
        let d = day.get();
        cols.get()
            .into_iter()
            .filter(|c| d.is_empty() || c.day == d)
            .collect()
    };
    let rows = move || -> Vec<Row> {
        let sc = shown_cols();
        let mut rows = desk.cohort.with(|c| table(c, &sc));
        if failing_only.get() {
            rows.retain(|r| !r.passed_all(&sc));
        }
        let (key, desc) = sort.get();
        rows.sort_by(|a, b| {
            let o = match key.as_str() {
                "name" => a.trainee.name.cmp(&b.trainee.name),
                "no" => a.trainee.employee_no.cmp(&b.trainee.employee_no),
                path => {
                    let best = |r: &Row| r.cells.get(path).and_then(|c| c.best).unwrap_or(-1.0);
                    best(a).total_cmp(&best(b))
                }
            };
            if desc {
                o.reverse()
            } else {
                o
            }
        });
        rows
    };
    let sort_by = move |k: String| {
        sort.update(|(key, desc)| {
            if *key == k {
                *desc = !*desc;
            } else {
                *key = k;
                *desc = false;
            }
        })
    };
    let arrow = move |k: &str| {
        let (key, desc) = sort.get();
        if key == k {
            if desc {
                " ↓"
            } else {
                " ↑"
            }
        } else {
            ""
        }
    };
    view! {
        <section class="card">
            <h2>"班级成绩表"</h2>
            <div class="desk-filters no-print">
                <label>"天："
                    <select on:change=move |ev| day.set(event_target_value(&ev)) prop:value=move || day.get()>
                        <option value="">"全部"</option>
                        {move || days().into_iter().map(|d| view! { <option value=d.clone()>{d.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="check"><input type="checkbox" prop:checked=move || failing_only.get()
                    on:change=move |ev| failing_only.set(event_target_checked(&ev))/>"只看未通过"</label>
                <button type="button" class="btn secondary" on:click=move |_| print()>"打印成绩表"</button>
            </div>
            <p class="muted small">"每格：最高 / 最近得分率，考试次数和最近一次用时。点表头排序，点姓名查看这位学员的每次考试。"</p>
            <p class="muted small">"“分数被改”“题库已改”来自重新评分的核对。成绩文件在学员手里，有心人可以伪造；能发现的是被改过的分数、考试后改过的题库和前后矛盾的记录。"</p>
            {move || {
                if desk.cohort.with(|c| c.attempts.is_empty()) {
                    return view! { <p class="muted">"还没有收集成绩文件。"</p> }.into_any();
                }
                let sc = shown_cols();
                let all_runs = runs.get().unwrap_or_default();
                view! {
                    <div class="table-wrap">
                        <table class="cohort">
                            <thead><tr>
                                <th scope="col"><button type="button" class="link-btn" on:click=move |_| sort_by("name".into())>{move || format!("姓名{}", arrow("name"))}</button></th>
                                <th scope="col"><button type="button" class="link-btn" on:click=move |_| sort_by("no".into())>{move || format!("工号{}", arrow("no"))}</button></th>
                                {sc.iter().map(|c| {
                                    let p = c.path.clone();
                                    let p2 = c.path.clone();
                                    let title = c.title.clone();
                                    view! {
                                        <th scope="col"><button type="button" class="link-btn" title=c.day.clone()
                                            on:click=move |_| sort_by(p.clone())>{move || format!("{}{}", title, arrow(&p2))}</button></th>
                                    }
                                }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {rows().into_iter().map(|row| {
                                    let t = row.trainee.clone();
                                    let t2 = t.clone();
                                    view! {
                                        <tr class:selected=move || open.get().as_ref() == Some(&t2)>
                                            <th scope="row"><button type="button" class="link-btn"
                                                on:click=move |_| open.set(Some(t.clone()))>{row.trainee.name.clone()}</button></th>
                                            <td>{row.trainee.employee_no.clone()}</td>
                                            {sc.iter().map(|c| {
                                                let ids: Vec<String> = desk.cohort.with_untracked(|co| co.attempts_of(&row.trainee)
                                                    .filter(|r| r.bank.path == c.path).map(|r| r.id.clone()).collect());
                                                let flag = cell_flag(&all_runs, &ids);
                                                view! { <td>{cell_view(row.cells.get(&c.path), flag)}</td> }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        {move || open.get().map(|t| view! { <TraineeAttempts trainee=t/> })}
    }
}

fn cell_view(cell: Option<&Cell>, flag: Option<(&'static str, &'static str)>) -> AnyView {
    let Some(c) = cell else {
        return view! { <span class="muted">"未考"</span> }.into_any();
    };
    let verdict = match (c.best, c.passed) {
        (None, _) => view! { <span class="badge">"未交卷"</span> }.into_any(),
        (_, true) => view! { <span class="badge ok">"已通过"</span> }.into_any(),
        (_, false) => view! { <span class="badge bad">"未通过"</span> }.into_any(),
    };
    view! {
        <div class="cohort-cell">
            <span class="cohort-score">{format!("{} / {}", shown(c, c.best), shown(c, c.latest))}</span>
            {verdict}
            <span class="muted small">{format!("{} 次{}", c.attempts, c.time_ms.map(|t| format!(" · {}", duration_cn(t))).unwrap_or_default())}</span>
            {c.marked.then(|| view! { <span class="flag note">"已批改"</span> })}
            {flag.map(|(label, class)| view! { <span class=class>{label}</span> })}
        </div>
    }
    .into_any()
}

#[component]
fn TraineeAttempts(trainee: Trainee) -> impl IntoView {
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    let runs = runs_memo(app, desk);
    let offset = local_offset_min();
    let title = format!("{} {} 的考试记录", trainee.name, trainee.employee_no);
    view! {
        <section class="card desk-trainee no-print">
            <h2>{title}</h2>
            <ul class="history">
                {move || {
                    let all_runs = runs.get().unwrap_or_default();
                    desk.cohort.with(|c| c.attempts_of(&trainee).map(|r| {
                        let eff = effective_outcome(r, &c.marks);
                        let stored = r.result.as_ref().map(|o| o.percent);
                        // A typing test has no exam score: its speed and verdict instead.
                        let typed = typing_result::history_score(r).zip(typing_result::history_passed(r));
                        let score = eff.as_ref().map_or("未交卷".to_string(), |o| {
                            let mut s = format!("{}%（{}/{}）", fmt_num(o.percent), fmt_num(o.score), fmt_num(o.max));
                            if stored.is_some_and(|p| (p - o.percent).abs() > 0.001) {
                                s.push_str(&format!("，原记录 {}%", fmt_num(stored.unwrap_or_default())));
                            }
                            s
                        });
                        let run = all_runs.iter().find(|d| d.attempt_id == r.id);
                        let notes: Vec<String> = run.map(|d| d.reasons()).unwrap_or_default();
                        let suspicious = run.is_some_and(|d| d.suspicious());
                        view! {
                            <li class="history-row">
                                <a class="history-main" href=Route::DeskAttempt(r.id.clone()).href()>
                                    <span class="exam-title">{r.bank.title.clone()}</span>
                                    <span class="muted">{format!("{} · {}{}", datetime(r.started_at, offset),
                                        if r.typing.is_some() { "打字测试" } else if r.mode == Mode::Exam { "考试" } else { "练习" },
                                        if r.focus_lost > 0 { format!(" · 离开页面 {} 次", r.focus_lost) } else { String::new() })}</span>
                                </a>
                                <span class="history-score">{match typed {
                                    Some((speed, ok)) => view! { {speed}<span class=if ok { "badge ok" } else { "badge bad" }>{if ok { "达标" } else { "未达标" }}</span> }.into_any(),
                                    None => view! { {score}
                                        {eff.map(|o| view! { <span class=if o.passed { "badge ok" } else { "badge bad" }>{if o.passed { "及格" } else { "不及格" }}</span> })}
                                    }.into_any(),
                                }}
                                </span>
                                {(!notes.is_empty()).then(|| view! {
                                    <ul class=if suspicious { "desk-notes bad" } else { "desk-notes" }>
                                        {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                                    </ul>
                                })}
                            </li>
                        }
                    }).collect_view())
                }}
            </ul>
        </section>
    }
}

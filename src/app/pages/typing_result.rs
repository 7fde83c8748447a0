//! A typing test's result, its row on home, and its lines in history.

use crate::app::clock::local_offset_min;
use crate::app::components::speed_chart::{SpeedChart, SpeedPoint};
use crate::app::components::typing_text::aligned_view;
use crate::app::export::{download_csv, download_json, print};
use crate::app::route::Route;
use crate::app::state::AppState;
use crate::engine::attempt::attempt::{AttemptRecord, Mode};
use crate::engine::bank::course::ExamLink;
use crate::engine::text::diagnostics::Severity;
use crate::engine::time::timing::{datetime, duration_cn};
use crate::engine::typing::bank::TypingBank;
use crate::engine::typing::typing::{fmt1, verdict, TypingEnd, TypingRecord, TypingResult};
use leptos::prelude::*;

/// The definitions, stated where the figures are shown (FORMAT.md section 10 says the same).
const DEFINITIONS: &[(&str, &str)] = &[
    ("净速度", " = 打对的字数（标点也算字）÷ 打字的分钟数。计时从第一次输入开始，到时间、打完全文或你点“结束”为止。"),
    ("总速度", " = 打出的全部字数（包括打错的）÷ 分钟数。"),
    ("对齐", "：打出的文字先和原文逐字对齐（按最少改动对齐），所以漏打或多打一个字只算一处错，后面的字照样算对。"),
    ("准确率", " = 正确字数 ÷（正确 + 错字 + 漏字 + 多字）。全角、半角标点算同一个字（“，”和“,”），英文大小写不同算错。"),
    ("改正次数", " = 打出后又删掉或改掉的字数。"),
    ("达到目标", " = 净速度不低于该目标；题库要求最低准确率时，准确率也要达到。"),
    ("只算上屏的字", "：输入法里还在拼写、没有上屏的字不计数；粘贴的文字不接受。"),
];

#[component]
pub fn TypingDefinitions() -> impl IntoView {
    view! {
        <section class="card typing-defs">
            <h2>"怎么计算"</h2>
            <ul>
                {DEFINITIONS.iter().map(|(term, text)| view! { <li><strong>{*term}</strong>{*text}</li> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn TypingResultView(record: AttemptRecord) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(t) = record.typing.clone() else {
        return ().into_any();
    };
    if t.result.is_none() {
        return view! {
            <section class="card"><h1>"这次打字测试还没有结束"</h1>
            <a class="btn primary" href=Route::Attempt(record.id.clone()).href()>"继续打字"</a></section>
        }
        .into_any();
    }
    let offset = local_offset_min();
    let export_error = RwSignal::new(None::<String>);
    let saved = !state.unsaved.with_untracked(|u| u.contains(&record.id));
    let (r1, r2) = (record.clone(), record.clone());
    let ok = history_passed(&record).unwrap_or(false);
    view! {
        <section class="card result typing-result" class:passed=ok>
            <p class="muted">{format!("{} · {}", if record.mode == Mode::Practice { "打字练习" } else { "打字测试" }, record.bank.title)}</p>
            <TypingFigures record=record.clone()/>
            <p class="muted">{format!("学员：{} {}", record.trainee.name, record.trainee.employee_no)}
                {record.submitted_at.map(|s| format!(" · {}", datetime(s, offset)))}
                {(t.paste_refused > 0).then(|| format!(" · 拒绝粘贴 {} 次", t.paste_refused))}
                {(record.focus_lost > 0).then(|| format!(" · 测试中离开页面 {} 次", record.focus_lost))}</p>
            {(!saved).then(|| view! {
                <p class="banner warn" role="alert">"这次成绩没能保存到本机浏览器。请现在下载结果文件保存，或发给培训老师。"</p>
            })}
            <div class="actions no-print">
                <button type="button" class="btn primary" on:click=move |_| export_error.set(download_json(std::slice::from_ref(&r1)).err())>"下载结果（JSON）"</button>
                <button type="button" class="btn secondary" on:click=move |_| export_error.set(download_csv(std::slice::from_ref(&r2)).err())>"下载表格（CSV）"</button>
                <button type="button" class="btn secondary" on:click=move |_| print()>"打印成绩单"</button>
                <a class="btn ghost" href=Route::Typing(record.bank.path.clone()).href()>"再测一次"</a>
                <a class="btn ghost" href="#/">"返回课程"</a>
            </div>
            {move || export_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <super::handover::SendToTrainer record=record.clone()/>
        </section>
        <TypedUnderPassage typing=t who="你"/>
        <TypingDefinitions/>
    }
    .into_any()
}

/// A finished typing test's figures, as the trainee and the trainer see them: the speed and
/// verdict, the targets, the facts and the counts.
#[component]
pub fn TypingFigures(record: AttemptRecord) -> impl IntoView {
    let Some(t) = record.typing.clone() else {
        return ().into_any();
    };
    let Some(res) = t.result.clone() else {
        return ().into_any();
    };
    let ended = match t.end {
        Some(TypingEnd::TimeUp) => "时间到",
        Some(TypingEnd::EndOfText) => "打完全文",
        _ => "提前结束",
    };
    let c = res.counts;
    let ok = verdict(&res) != "未达标";
    let accuracy = match t.min_accuracy {
        Some(m) => format!("{}%（要求 {}%）", fmt1(res.accuracy), fmt1(m)),
        None => format!("{}%", fmt1(res.accuracy)),
    };
    let facts = [
        (
            "净速度",
            "net-speed",
            format!("{} 字/分", fmt1(res.net_cpm)),
        ),
        ("总速度", "", format!("{} 字/分", fmt1(res.gross_cpm))),
        ("准确率", "accuracy", accuracy),
        ("改正次数", "", res.corrections.to_string()),
        ("打字用时", "", duration_cn(res.elapsed_ms)),
        ("结束方式", "", ended.to_string()),
    ];
    view! {
        <h1 class="score">
            <span class="score-num">{fmt1(res.net_cpm)}</span><span class="score-unit typing-unit">"字/分"</span>
            <span class=if ok { "verdict ok" } else { "verdict bad" }>{verdict(&res)}</span>
        </h1>
        <ul class="typing-targets result-targets">
            {res.targets.iter().map(|g| view! {
                <li class=if g.met { "met" } else { "unmet" }>
                    {if g.met { "✓ 达到 " } else { "✗ 未达到 " }}
                    {format!("{} 字/分", g.cpm)}
                    {(!g.label.is_empty()).then(|| format!("（{}）", g.label))}
                </li>
            }).collect_view()}
        </ul>
        <dl class="facts">
            {facts.into_iter().map(|(term, class, value)| view! { <div><dt>{term}</dt><dd class=class>{value}</dd></div> }).collect_view()}
        </dl>
        <p class="muted typing-counts">{format!("正确 {} 字，错字 {}，漏字 {}，多字 {}；共打出 {} 字", c.correct, c.wrong, c.missed, c.extra, res.typed_chars)}</p>
    }
    .into_any()
}

/// 逐字对照: the typed text under the passage, marked (`who` typed it: 你 for the trainee,
/// 学员 at the desk).
#[component]
pub fn TypedUnderPassage(typing: TypingRecord, who: &'static str) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"逐字对照"</h2>
            <p class="muted small">{format!("上行是原文，下行是{who}打的字：红色是错字，虚线框是漏打的字，黄色是多打的字。")}</p>
            <div class="typing-scroll review">{aligned_view(&typing.text, &typing.typed, false)}</div>
        </section>
    }
}

fn finished(r: &AttemptRecord) -> Option<&TypingResult> {
    r.typing.as_ref()?.result.as_ref()
}

/// History's score cell for a typing record.
pub fn history_score(r: &AttemptRecord) -> Option<String> {
    finished(r).map(|t| format!("{} 字/分 · 准确率 {}%", fmt1(t.net_cpm), fmt1(t.accuracy)))
}

/// History's pass badge for a typing record: the lowest speed target met.
pub fn history_passed(r: &AttemptRecord) -> Option<bool> {
    finished(r).map(|t| verdict(t) != "未达标")
}

/// Timed typing tests over the days (the weekly tests of the course), with the targets.
#[component]
pub fn TypingHistoryChart() -> impl IntoView {
    let state = expect_context::<AppState>();
    let offset = local_offset_min();
    move || {
        let (points, targets) = state.attempts.with(|all| {
            let timed: Vec<&AttemptRecord> = all
                .iter()
                .filter(|r| r.mode == Mode::Exam && finished(r).is_some())
                .collect();
            let targets: Vec<u32> = timed
                .last()
                .and_then(|r| finished(r))
                .map(|t| t.targets.iter().map(|g| g.cpm).collect())
                .unwrap_or_default();
            let points: Vec<SpeedPoint> = timed
                .iter()
                .filter_map(|r| {
                    let t = finished(r)?;
                    let when = datetime(r.submitted_at.unwrap_or(r.started_at), offset);
                    Some(SpeedPoint {
                        cpm: t.net_cpm,
                        day: when.get(5..10).unwrap_or_default().to_string(),
                        label: format!("{when} {}", r.bank.title),
                    })
                })
                .collect();
            (points, targets)
        });
        (!points.is_empty()).then(|| {
            view! {
                <section class="card"><h2>"打字速度走势（字/分）"</h2><SpeedChart points=points targets=targets/></section>
            }
        })
    }
}

/// A typing bank on home: its facts, the best timed speed and the tests taken.
#[component]
pub fn TypingRow(link: ExamLink, bank: TypingBank) -> impl IntoView {
    let state = expect_context::<AppState>();
    let path = link.path.clone();
    let has_errors = state.library().is_some_and(|l| {
        l.diagnostics_for(&path)
            .any(|d| d.severity == Severity::Error)
    });
    let targets: Vec<String> = bank.targets.iter().map(|t| t.cpm.to_string()).collect();
    let info = format!(
        "打字测试 · {} 分钟 · 目标 {} 字/分",
        bank.duration / 60,
        targets.join("/")
    );
    let p = path.clone();
    let status = move || {
        let (best, ok, used) = state.summaries.with(|a| {
            let (mut best, mut ok, mut used) = (None::<f64>, false, 0);
            for r in a
                .iter()
                .filter(|r| r.bank.path == p && r.typing && r.mode == Mode::Exam)
            {
                used += 1;
                if let Some(t) = r.typing_score {
                    best = Some(best.map_or(t.net_cpm, |b| b.max(t.net_cpm)));
                    ok |= t.reached;
                }
            }
            (best, ok, used)
        });
        view! {
            <span class="exam-status">
                {best.map(|b| view! { <span class="best">{format!("最快 {} 字/分", fmt1(b))}</span> })}
                {ok.then(|| view! { <span class="badge ok">"已达标"</span> })}
                {(!ok && best.is_some()).then(|| view! { <span class="badge bad">"未达标"</span> })}
                <span class="muted">{format!("已测 {used} 次")}</span>
            </span>
        }
    };
    view! {
        <li class="exam">
            <a class="exam-link" href=Route::Typing(path.clone()).href()>
                <span class="exam-title">{link.title.clone()}</span>
                <span class="exam-info muted">{info}</span>
                {has_errors.then(|| view! { <span class="badge bad">"题库有错误"</span> })}
            </a>
            {status}
        </li>
    }
}

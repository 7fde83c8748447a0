//! Item analysis per exam (Moodle's definitions, computed in the engine): the test's alpha,
//! error ratio and standard error, and per question facility, SD, discrimination, efficiency,
//! flags and option picks; with a chart a trainer reads at a glance.

use crate::app::components::answer::choice::option_letter;
use crate::app::components::item_chart::ItemChart;
use crate::app::desk_state::{runs_memo, DeskState};
use crate::app::state::AppState;
use crate::engine::text::rich::inline_text;
use crate::engine::trainer::cohort::{columns, exam_stats, first_attempts, option_counts};
use crate::engine::trainer::regrade_findings::suspicious_ids;
use crate::engine::trainer::stats::Flag;
use leptos::prelude::*;

fn num(x: Option<f64>, unit: &str) -> String {
    // `+ 0.0` turns a negative zero (an alpha of exactly 0 after rounding) into "0.0".
    x.map_or("—".into(), |v| {
        format!("{:.1}{unit}", (v * 10.0).round() / 10.0 + 0.0)
    })
}

#[component]
pub fn StatsTab() -> impl IntoView {
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    let runs = runs_memo(app, desk);
    let exclude = Memo::new(move |_| runs.get().map(|r| suspicious_ids(&r)).unwrap_or_default());
    // Exams with at least one submitted attempt, in course order.
    let exams = Memo::new(move |_| {
        let lib = app.library();
        desk.cohort.with(|c| {
            columns(lib.as_ref().and_then(|l| l.course.as_ref()), c)
                .into_iter()
                .filter(|col| !first_attempts(c, &col.path, &[]).is_empty())
                .map(|col| (col.path, col.title))
                .collect::<Vec<_>>()
        })
    });
    let picked = RwSignal::new(String::new());
    let current = move || {
        let p = picked.get();
        let ex = exams.get();
        if ex.iter().any(|(path, _)| *path == p) {
            Some(p)
        } else {
            ex.first().map(|(p, _)| p.clone())
        }
    };
    view! {
        <section class="card">
            <h2>"题目分析"</h2>
            <p class="muted">"按 Moodle 的定义，用每位学员第一次考试计算：通过率（难易度）、标准差、区分度（这道题得分与其余题目总分的相关）、区分效率；整卷的 Cronbach α（内部一致性）、误差比和标准误。份数少时数字不稳定，α 至少要 3 份。"</p>
            {move || {
                let ex = exams.get();
                if ex.is_empty() {
                    return view! { <p class="muted">"还没有交卷的考试记录。"</p> }.into_any();
                }
                view! {
                    <label class="no-print">"考试："
                        <select on:change=move |ev| picked.set(event_target_value(&ev)) prop:value=move || current().unwrap_or_default()>
                            {ex.into_iter().map(|(p, t)| view! { <option value=p>{t}</option> }).collect_view()}
                        </select>
                    </label>
                }.into_any()
            }}
        </section>
        {move || current().map(|path| {
            let ex = exclude.get();
            let t = desk.cohort.with(|c| exam_stats(c, &path, &ex));
            let left_out = desk.cohort.with(|c| first_attempts(c, &path, &[]).len()) - t.s;
            let bank = app.bank(&path);
            let picks: Vec<Option<String>> = desk.cohort.with(|c| {
                let firsts = first_attempts(c, &path, &ex);
                t.items.iter().map(|it| {
                    let counts = bank.as_ref().and_then(|b| option_counts(b, &it.key, &firsts))?;
                    Some(counts.iter().enumerate().map(|(i, o)| format!("{}{} {} 人", option_letter(i), if o.correct { "✓" } else { "" }, o.picked)).collect::<Vec<_>>().join(" · "))
                }).collect()
            });
            let title_of = |key: &str| bank.as_ref().and_then(|b| b.find(key).map(|(_, q)| inline_text(&q.title))).unwrap_or_else(|| format!("{key}（已不在题库）"));
            let items = t.items.clone();
            view! {
                <section class="card">
                    <dl class="facts">
                        <div><dt>"份数"</dt><dd>{t.s}</dd></div>
                        <div><dt>"平均分"</dt><dd>{num(t.mean, " 分")}</dd></div>
                        <div><dt>"标准差"</dt><dd>{num(t.sd, " 分")}</dd></div>
                        <div><dt>"Cronbach α"</dt><dd>{num(t.cic, "%")}</dd></div>
                        <div><dt>"误差比"</dt><dd>{num(t.error_ratio, "%")}</dd></div>
                        <div><dt>"标准误"</dt><dd>{num(t.standard_error, " 分")}</dd></div>
                    </dl>
                    {(left_out > 0).then(|| view! { <p class="banner warn">{format!("有 {left_out} 份记录疑似被改过（见“重新评分”），没有计入题目分析。")}</p> })}
                    <ItemChart items=items/>
                    <div class="table-wrap">
                        <table class="item-table">
                            <thead><tr>
                                <th scope="col">"题"</th><th scope="col">"题目"</th><th scope="col">"人数"</th>
                                <th scope="col">"通过率"</th><th scope="col">"标准差"</th><th scope="col">"区分度"</th>
                                <th scope="col">"区分效率"</th><th scope="col">"提示"</th>
                            </tr></thead>
                            <tbody>
                                {t.items.iter().zip(picks).enumerate().map(|(i, (it, pick))| view! {
                                    <tr class:flagged=!it.flags.is_empty()>
                                        <td>{i + 1}</td>
                                        <td>{title_of(&it.key)}{pick.map(|p| view! { <div class="muted small">{format!("选项：{p}")}</div> })}</td>
                                        <td>{it.s}</td>
                                        <td>{num(it.facility, "%")}</td>
                                        <td>{num(it.sd, "%")}</td>
                                        <td>{num(it.discrimination, "")}</td>
                                        <td>{num(it.efficiency, "%")}</td>
                                        <td>{it.flags.iter().map(|f| view! {
                                            <span class=if *f == Flag::NegativeDiscrimination { "flag bad" } else { "flag warn" }>{f.label()}</span>
                                        }).collect_view()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <p class="muted small">"提示的依据（Moodle 文档）：通过率 ≥90% 太容易，≤20% 太难；区分度为负说明成绩好的学员反而更常答错，答案或题目措辞可能有问题；区分度 <20 很弱，≥30 合格。"</p>
                </section>
            }
        })}
    }
}

//! Marking the scenario replies (Moodle's manual grading): every reply answer of the cohort,
//! grouped by question, with the automatic score and the rubric hits; the trainer sets a score
//! (0 to the question's points) and a comment, kept beside the automatic score. Where the two
//! differ, the rubric change that would make them agree is shown as Markdown to copy.

use crate::app::clock::now;
use crate::app::desk_state::DeskState;
use crate::app::state::AppState;
use crate::engine::attempt::attempt::Mode;
use crate::engine::grading::rubric_advice::{advise, Advice};
use crate::engine::question::answer::Answer;
use crate::engine::question::numeric::fmt_num;
use crate::engine::question::Kind;
use crate::engine::text::rich::inline_text;
use leptos::prelude::*;

/// One reply to mark.
#[derive(Clone, PartialEq)]
struct Item {
    attempt_id: String,
    who: String,
    text: String,
}

/// The trainer's score and comment for one question of one attempt. Shows the automatic score
/// and feedback next to it.
#[component]
pub fn MarkForm(attempt_id: String, key: String) -> impl IntoView {
    let desk = expect_context::<DeskState>();
    let current = {
        let (id, k) = (attempt_id.clone(), key.clone());
        Memo::new(move |_| desk.cohort.with(|c| c.marks.override_for(&id, &k).cloned()))
    };
    let machine = {
        let (id, k) = (attempt_id.clone(), key.clone());
        desk.cohort.with_untracked(|c| {
            c.attempt(&id)
                .and_then(|r| c.marks.machine_outcome(r))
                .and_then(|o| o.questions.iter().find(|q| q.key == k).cloned())
        })
    };
    let init = current.get_untracked();
    let score = RwSignal::new(init.as_ref().map(|o| fmt_num(o.score)).unwrap_or_default());
    let comment = RwSignal::new(init.map(|o| o.comment).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let field = format!("mark-{}-{}", attempt_id, key).replace(['#', '/', '.', ' '], "-");
    let (id1, k1) = (attempt_id.clone(), key.clone());
    let save = move |_| {
        let Ok(v) = score.get_untracked().trim().parse::<f64>() else {
            error.set(Some("请填写分数（数字）".into()));
            return;
        };
        let res = desk.update(|c| {
            let r = c
                .attempt(&id1)
                .cloned()
                .ok_or("找不到这条记录".to_string())?;
            c.marks
                .set_override(&r, &k1, v, &comment.get_untracked(), now())
                .map_err(|e| e.message())
        });
        saved.set(res.is_ok());
        error.set(res.err());
    };
    let (id2, k2) = (attempt_id.clone(), key.clone());
    let auto = machine.as_ref().map(|q| {
        format!(
            "自动评分 {} / {} 分{}",
            fmt_num(q.score),
            fmt_num(q.max),
            if q.feedback.is_empty() {
                String::new()
            } else {
                format!("：{}", q.feedback.join("；"))
            }
        )
    });
    let max = machine.map_or(0.0, |q| q.max);
    view! {
        <div class="mark-form">
            <p class="muted small mark-auto">{auto}</p>
            <div class="mark-fields">
                <label for=format!("{field}-score")>{format!("老师给分（0–{}）", fmt_num(max))}</label>
                <input id=format!("{field}-score") class="mark-score" type="number" min="0" max=max step="0.5" inputmode="decimal"
                    prop:value=move || score.get() on:input=move |ev| { score.set(event_target_value(&ev)); saved.set(false); }/>
                <label for=format!("{field}-comment")>"评语"</label>
                <textarea id=format!("{field}-comment") class="mark-comment" rows="2"
                    prop:value=move || comment.get() on:input=move |ev| { comment.set(event_target_value(&ev)); saved.set(false); }></textarea>
            </div>
            <div class="actions">
                <button type="button" class="btn primary" on:click=save>"保存批改"</button>
                {move || current.get().map(|_| {
                    let (id, k) = (id2.clone(), k2.clone());
                    view! { <button type="button" class="btn ghost" on:click=move |_| {
                        desk.update(|c| c.marks.clear_override(&id, &k));
                        score.set(String::new());
                        comment.set(String::new());
                    }>"撤销批改"</button> }
                })}
            </div>
            {
                let (id, k) = (attempt_id.clone(), key.clone());
                move || current.get().map(|o| view! {
                    <RubricAdvice attempt_id=id.clone() key=k.clone() trainer=o.score max=max/>
                })
            }
            {move || current.get().map(|o| view! {
                <p class="mark-state" role="status">{format!("{}已批改：{} 分（自动 {} 分）{}", if saved.get() { "已保存。" } else { "" },
                    fmt_num(o.score), fmt_num(o.auto_score), if o.comment.is_empty() { String::new() } else { format!("，评语：{}", o.comment) })}</p>
            })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}

/// The rubric change that would make the grader agree with the trainer's score for one reply.
#[component]
fn RubricAdvice(attempt_id: String, key: String, trainer: f64, max: f64) -> impl IntoView {
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    let text = desk.cohort.with_untracked(|c| {
        c.attempt(&attempt_id)
            .and_then(|r| match r.answers.get(&key) {
                Some(Answer::Reply { text }) => Some(text.clone()),
                _ => None,
            })
    });
    let bank = key
        .rsplit_once('#')
        .map(|(b, _)| b)
        .unwrap_or("")
        .to_string();
    let advice: Vec<Advice> = app
        .bank(&bank)
        .zip(text)
        .and_then(|(b, text)| {
            let (_, q) = b.find(&key)?;
            let Kind::Reply(r) = &q.kind else { return None };
            let ctx = app.grade_context(&q.bank);
            let rules = ctx.reply_rules(&q.bank, r.platform.as_deref());
            Some(advise(
                r,
                &rules,
                &text,
                if max > 0.0 { trainer / max } else { 0.0 },
            ))
        })
        .unwrap_or_default();
    if advice.is_empty() {
        return ().into_any();
    }
    view! {
        <details class="rubric-advice" open>
            <summary>"让自动评分和你一致"</summary>
            {advice.into_iter().map(|a| view! {
                <p class="small">{a.text}</p>
                {a.markdown.map(|m| view! { <pre class="advice-md"><code>{m}</code></pre> })}
            }).collect_view()}
        </details>
    }
    .into_any()
}

#[component]
pub fn MarkingTab() -> impl IntoView {
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    let unmarked_only = RwSignal::new(false);
    // Question key → its replies, in the order the questions first appear.
    let groups = Memo::new(move |_| {
        desk.cohort.with(|c| {
            let mut groups: Vec<(String, Vec<Item>)> = Vec::new();
            for r in c
                .attempts
                .iter()
                .filter(|r| r.mode == Mode::Exam && r.is_submitted())
            {
                for q in &r.questions {
                    let Some(Answer::Reply { text }) = r.answers.get(&q.key) else {
                        continue;
                    };
                    let item = Item {
                        attempt_id: r.id.clone(),
                        who: format!("{} {}", r.trainee.name, r.trainee.employee_no),
                        text: text.clone(),
                    };
                    match groups.iter_mut().find(|(k, _)| *k == q.key) {
                        Some((_, v)) => v.push(item),
                        None => groups.push((q.key.clone(), vec![item])),
                    }
                }
            }
            groups
        })
    });
    let title_of = move |key: &str| {
        let bank = key.rsplit_once('#').map(|(b, _)| b).unwrap_or("");
        app.bank(bank)
            .and_then(|b| b.find(key).map(|(_, q)| inline_text(&q.title)))
            .unwrap_or_else(|| format!("{key}（题库里已没有这道题）"))
    };
    view! {
        <section class="card">
            <h2>"批改情景回复"</h2>
            <p class="muted">"自动评分按题目的评分细则计算（要点、禁用词、错误做法）。觉得不公平时，在这里给分（0 到本题分值）并写评语：老师的分数记在自动分数旁边，成绩表和导出都按老师的分数计算；和自动评分不一致时，下面会给出让评分细则和你一致的改法。"</p>
            <label class="check no-print"><input type="checkbox" prop:checked=move || unmarked_only.get()
                on:change=move |ev| unmarked_only.set(event_target_checked(&ev))/>"只看未批改"</label>
            {move || {
                let gs = groups.get();
                if gs.is_empty() {
                    return view! { <p class="muted">"收集的记录里没有情景回复题的答案。"</p> }.into_any();
                }
                let only = unmarked_only.get();
                gs.into_iter().map(|(key, items)| {
                    let ids: Vec<String> = items.iter().map(|i| i.attempt_id.clone()).collect();
                    let total = items.len();
                    let k = key.clone();
                    let marked = move || desk.cohort.with(|c| ids.iter().filter(|id| c.marks.override_for(id, &k).is_some()).count());
                    let shown: Vec<Item> = if only {
                        desk.cohort.with_untracked(|c| items.into_iter().filter(|i| c.marks.override_for(&i.attempt_id, &key).is_none()).collect())
                    } else { items };
                    view! {
                        <section class="mark-group">
                            <h3>{title_of(&key)}</h3>
                            <p class="muted small">{let key = key.clone(); move || format!("{key} · {total} 份回复，已批改 {} 份", marked())}</p>
                            <ul class="mark-list">
                                {shown.into_iter().map(|i| view! {
                                    <li class="mark-item">
                                        <p class="mark-who">{i.who.clone()}</p>
                                        <blockquote class="mark-reply">{i.text.clone()}</blockquote>
                                        <MarkForm attempt_id=i.attempt_id.clone() key=key.clone()/>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                }).collect_view().into_any()
            }}
        </section>
    }
}

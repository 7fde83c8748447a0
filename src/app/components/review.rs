//! A graded question in review: the trainee's answer, the correct one, the feedback and the
//! explanation. Used by the result page and by practice feedback.

use super::feedback::FeedbackLines;
use super::markdown::Md;
use crate::engine::attempt::behaviour::visible_lines;
use crate::engine::grading::grade::QuestionScore;
use crate::engine::question::answer::Answer;
use crate::engine::question::numeric::fmt_num;
use crate::engine::question::reply::concept_ref;
use crate::engine::question::{Kind, Question, Status};
use crate::engine::text::rich::{blocks_text, inline_text, Block, Inline};
use leptos::prelude::*;

use super::answer::choice::option_letter as letter;

/// Plain text of the trainee's answer, in the display order they saw.
pub fn answer_text(q: &Question, order: &[usize], answer: Option<&Answer>) -> String {
    let Some(a) = answer else {
        return "未作答".into();
    };
    let pos_of = |orig: usize| order.iter().position(|&o| o == orig).unwrap_or(orig);
    match (&q.kind, a) {
        (Kind::Choice(c), Answer::Choice { selected }) => selected
            .iter()
            .filter_map(|&i| {
                c.options
                    .get(i)
                    .map(|o| format!("{}. {}", letter(pos_of(i)), blocks_text(&o.content)))
            })
            .collect::<Vec<_>>()
            .join("；"),
        (Kind::TrueFalse(_), Answer::TrueFalse { value }) => {
            if *value { "对" } else { "错" }.into()
        }
        (Kind::Fill(_), Answer::Fill { blanks }) => blanks
            .iter()
            .enumerate()
            .map(|(i, b)| format!("第{}空：{}", i + 1, b))
            .collect::<Vec<_>>()
            .join("；"),
        (Kind::Order(o), Answer::Order { order }) => order
            .iter()
            .filter_map(|&i| o.items.get(i).map(|b| blocks_text(b)))
            .collect::<Vec<_>>()
            .join(" → "),
        (Kind::Match(m), Answer::Match { pairs }) => m
            .pairs
            .iter()
            .zip(pairs)
            .map(|((l, _), r)| {
                format!(
                    "{} → {}",
                    inline_text(l),
                    r.and_then(|r| m.pairs.get(r))
                        .map_or("（未选）".into(), |p| inline_text(&p.1))
                )
            })
            .collect::<Vec<_>>()
            .join("；"),
        (Kind::Numeric(n), Answer::Numeric { text }) => {
            format!("{}{}", text, n.unit.clone().unwrap_or_default())
        }
        (Kind::Reply(_), Answer::Reply { text }) => text.clone(),
        _ => "（答案与题型不符）".into(),
    }
}

pub fn correct_text(q: &Question, order: &[usize]) -> String {
    let pos_of = |orig: usize| order.iter().position(|&o| o == orig).unwrap_or(orig);
    match &q.kind {
        Kind::Choice(c) => c
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(i, o)| format!("{}. {}", letter(pos_of(i)), blocks_text(&o.content)))
            .collect::<Vec<_>>()
            .join("；"),
        Kind::TrueFalse(t) => if t.answer { "对" } else { "错" }.into(),
        Kind::Fill(f) => f
            .blanks
            .iter()
            .enumerate()
            .map(|(i, a)| format!("第{}空：{}", i + 1, a.join(" 或 ")))
            .collect::<Vec<_>>()
            .join("；"),
        Kind::Order(o) => o
            .items
            .iter()
            .map(|b| blocks_text(b))
            .collect::<Vec<_>>()
            .join(" → "),
        Kind::Match(m) => m
            .pairs
            .iter()
            .map(|(l, r)| format!("{} → {}", inline_text(l), inline_text(r)))
            .collect::<Vec<_>>()
            .join("；"),
        Kind::Numeric(n) => n.answer_text(),
        Kind::Reply(r) => {
            // A concept (`【核实】`) shows by its name, as in the feedback.
            let points = r
                .keypoints
                .iter()
                .map(|v| {
                    v.iter()
                        .map(|x| concept_ref(x).unwrap_or(x))
                        .collect::<Vec<_>>()
                        .join(" / ")
                })
                .collect::<Vec<_>>()
                .join("；");
            let mut text = format!("要点：{points}");
            let words: Vec<&str> = r.forbidden.iter().map(|f| f.word.as_str()).collect();
            if !words.is_empty() {
                text.push_str(&format!("。禁用词：{}", words.join("、")));
            }
            let wrong: Vec<String> = r.wrong.iter().map(|w| w.variants.join(" / ")).collect();
            if !wrong.is_empty() {
                text.push_str(&format!("。错误做法：{}", wrong.join("；")));
            }
            text
        }
    }
}

fn status_label(s: Status) -> (&'static str, &'static str) {
    match s {
        Status::Correct => ("正确", "ok"),
        Status::Partial => ("部分正确", "partial"),
        Status::Wrong => ("错误", "bad"),
        Status::Unanswered => ("未作答", "bad"),
    }
}

#[component]
pub fn ReviewItem(
    q: Question,
    number: usize,
    order: Vec<usize>,
    answer: Option<Answer>,
    score: QuestionScore,
    show_answers: bool,
) -> impl IntoView {
    let md = Md::new(&q.bank);
    let (label, class) = status_label(score.status);
    let title: Vec<Inline> = q.title.clone();
    let explanation: Vec<Block> = q.explanation.clone();
    let option_notes: Vec<(char, Vec<Block>)> = match &q.kind {
        Kind::Choice(c) => c
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| !o.explanation.is_empty())
            .map(|(i, o)| {
                (
                    letter(order.iter().position(|&x| x == i).unwrap_or(i)),
                    o.explanation.clone(),
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    // The same lines as practice feedback: what the reply missed only where answers show.
    let lines = visible_lines(&score.feedback, show_answers);
    let yours = answer_text(&q, &order, answer.as_ref());
    let correct = correct_text(&q, &order);
    view! {
        <li class=format!("review {class}")>
            <div class="review-head">
                <span class="q-number">{format!("第 {number} 题")}</span>
                <span class=format!("status {class}")>{label}</span>
                <span class="q-points">{format!("{} / {} 分", fmt_num(score.score), fmt_num(score.max))}</span>
            </div>
            <p class="review-title">{md.inlines(&title)}</p>
            <div class="q-stem">{md.blocks(&q.stem)}</div>
            <dl class="review-answers">
                <dt>"你的答案"</dt><dd class="yours">{yours}</dd>
                {show_answers.then(|| view! { <dt>"正确答案"</dt><dd class="correct">{correct.clone()}</dd> })}
            </dl>
            {(!lines.is_empty()).then(|| view! { <FeedbackLines lines=lines redline=score.redline.is_some()/> })}
            {(show_answers && !option_notes.is_empty()).then(|| view! {
                <ul class="option-notes">
                    {option_notes.into_iter().map(|(l, b)| view! { <li><strong>{format!("{l}：")}</strong>{md.blocks(&b)}</li> }).collect_view()}
                </ul>
            })}
            {(show_answers && !explanation.is_empty()).then(|| view! {
                <div class="explanation"><p class="explanation-label">"解析"</p>{md.blocks(&explanation)}</div>
            })}
        </li>
    }
}

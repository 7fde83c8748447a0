//! One question on screen: type and points, title, stem, and the input for its type.

use super::answer::choice::ChoiceInput;
use super::answer::fill::fill_md;
use super::answer::matching::MatchingInput;
use super::answer::numeric::NumericInput;
use super::answer::ordering::OrderingInput;
use super::answer::reply::ReplyInput;
use super::answer::truefalse::TrueFalseInput;
use super::answer::AnswerProps;
use super::markdown::Md;
use crate::engine::question::numeric::fmt_num;
use crate::engine::question::{Kind, Question};
use leptos::prelude::*;

#[component]
pub fn QuestionView(q: Question, number: usize, total: usize, props: AnswerProps) -> impl IntoView {
    let plain = Md::new(&q.bank);
    let stem_md = match &q.kind {
        Kind::Fill(f) => fill_md(&q.bank, f.blanks.len(), props.clone()),
        _ => plain.clone(),
    };
    let type_name = q.kind.type_name();
    let input = match q.kind.clone() {
        Kind::Choice(c) => view! { <ChoiceInput q=c md=plain.clone() props=props/> }.into_any(),
        Kind::TrueFalse(_) => view! { <TrueFalseInput props=props/> }.into_any(),
        Kind::Fill(_) => view! { <p class="answer-hint">"在题目中的横线处填写答案"</p> }.into_any(),
        Kind::Order(o) => view! { <OrderingInput q=o md=plain.clone() props=props/> }.into_any(),
        Kind::Match(m) => view! { <MatchingInput q=m md=plain.clone() props=props/> }.into_any(),
        Kind::Numeric(n) => view! { <NumericInput q=n props=props/> }.into_any(),
        Kind::Reply(_) => view! { <ReplyInput props=props/> }.into_any(),
    };
    let is_reply = matches!(q.kind, Kind::Reply(_));
    view! {
        <article class="question" aria-labelledby="q-title">
            <p class="q-meta">
                <span class="q-number">{format!("第 {number} / {total} 题")}</span>
                <span class="badge">{type_name.label()}</span>
                <span class="q-points">{format!("{} 分", fmt_num(q.points))}</span>
            </p>
            <h2 id="q-title" class="q-title">{stem_md.inlines(&q.title)}</h2>
            <div class="q-stem" class:chat=is_reply>{stem_md.blocks(&q.stem)}</div>
            {input}
        </article>
    }
}

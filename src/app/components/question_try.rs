//! A question as a trainee sees it, with its answer tried on the spot: the score and feedback
//! the engine grades it with (for a reply, against its rubric and the red lines in force).

use super::answer::AnswerProps;
use super::feedback::FeedbackLines;
use super::question::QuestionView;
use crate::engine::question::answer::Answer;
use crate::engine::question::numeric::fmt_num;
use crate::engine::question::{grade_question, GradeContext, Question};
use leptos::prelude::*;

#[component]
pub fn QuestionTry(q: Question, ctx: GradeContext) -> impl IntoView {
    let answer = RwSignal::new(None::<Answer>);
    let order: Vec<usize> = (0..q.kind.shuffle_len()).collect();
    let props = AnswerProps {
        uid: "try".into(),
        initial: None,
        order,
        locked: Signal::from(false),
        on_change: Callback::new(move |a| answer.set(a)),
    };
    let points = q.points;
    let graded = {
        let q = q.clone();
        Memo::new(move |_| answer.with(|a| a.as_ref().map(|a| grade_question(&q, Some(a), &ctx))))
    };
    view! {
        <QuestionView q=q number=1 total=1 props/>
        <div class="try-result" role="status" aria-live="polite">
            {move || match graded.get() {
                None => view! { <p class="muted small">"试着作答，这里显示得分和反馈。"</p> }.into_any(),
                Some(g) => view! {
                    <p class="try-score">{format!("试答得分：{} / {} 分", fmt_num(g.fraction * points), fmt_num(points))}</p>
                    <FeedbackLines lines=g.feedback redline=g.redline.is_some()/>
                }.into_any(),
            }}
        </div>
    }
}

//! One feedback behaviour for practice and exam. They differ only in *when* feedback shows
//! (Moodle's immediate vs deferred feedback): practice shows a question's feedback once the
//! trainee checks it, an exam shows all of it after submission. *What* shows is the same in
//! both and follows `show_answers`:
//! - always: correct / partly / wrong, the score, and the feedback about what the trainee wrote
//!   (for a reply: the key points found, a key point negated, the phrase that capped or zeroed
//!   the score);
//! - only when the bank shows answers: the right answer, the explanation (a reply's model
//!   answer) and the key points the reply missed (they are the answer).
//!
//! The wrong-answer book follows the same rule in both modes: a question answered wrongly or
//! partly goes in, one answered right comes out, an unanswered one is left as it is, and a bank
//! that hides its answers files nothing (the book would show them).

use crate::engine::attempt::attempt::{AttemptRecord, Mode};
use crate::engine::grading::grade::round2;
use crate::engine::question::answer::Answer;
use crate::engine::question::reply::MISSING_PREFIX;
use crate::engine::question::{grade_question, status_of, GradeContext, Question, Status};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    /// After each question is checked (practice).
    Immediate,
    /// After the attempt is submitted (exam).
    Deferred,
}

pub fn timing(mode: Mode) -> Timing {
    match mode {
        Mode::Practice => Timing::Immediate,
        Mode::Exam => Timing::Deferred,
    }
}

/// Whether the feedback of question `key` is shown now.
pub fn shows_feedback(record: &AttemptRecord, key: &str) -> bool {
    record.is_submitted()
        || (timing(record.mode) == Timing::Immediate && record.checked.contains(key))
}

/// The feedback lines a trainee may see: the missing key points only where answers are shown.
pub fn visible_lines(lines: &[String], show_answers: bool) -> Vec<String> {
    lines
        .iter()
        .filter(|l| show_answers || !l.starts_with(MISSING_PREFIX))
        .cloned()
        .collect()
}

/// What the trainee is shown about one graded question.
#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    pub status: Status,
    pub score: f64,
    pub max: f64,
    pub lines: Vec<String>,
    pub redline: Option<String>,
    /// Whether the right answer and the explanation (the model reply) are shown.
    pub show_answer: bool,
}

/// Grades one answer and says what of it the trainee sees.
pub fn feedback(
    q: &Question,
    answer: Option<&Answer>,
    ctx: &GradeContext,
    show_answers: bool,
) -> Feedback {
    let g = grade_question(q, answer, ctx);
    let answered = answer.is_some_and(|a| !a.is_empty());
    Feedback {
        status: status_of(g.fraction, answered),
        score: round2(q.points * g.fraction),
        max: q.points,
        lines: visible_lines(&g.feedback, show_answers),
        redline: g.redline,
        show_answer: show_answers,
    }
}

/// Changes to the wrong-answer book (question key → its bank's path).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BookChange {
    pub add: Vec<String>,
    pub remove: Vec<String>,
}

impl BookChange {
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }

    pub fn apply(&self, book: &mut BTreeMap<String, String>) {
        for k in &self.add {
            let bank = k.rsplit_once('#').map(|(b, _)| b).unwrap_or_default();
            book.insert(k.clone(), bank.to_string());
        }
        for k in &self.remove {
            book.remove(k);
        }
    }
}

/// The book rule for graded questions, in practice and exam alike.
pub fn book_change<'a>(
    show_answers: bool,
    results: impl IntoIterator<Item = (&'a str, Status)>,
) -> BookChange {
    let mut change = BookChange::default();
    if !show_answers {
        return change;
    }
    for (key, status) in results {
        match status {
            Status::Wrong | Status::Partial => change.add.push(key.to_string()),
            Status::Correct => change.remove.push(key.to_string()),
            Status::Unanswered => {}
        }
    }
    change
}

/// The book change once an attempt is submitted.
pub fn book_after_submit(record: &AttemptRecord) -> BookChange {
    match &record.result {
        Some(res) => book_change(
            record.show_answers,
            res.questions.iter().map(|q| (q.key.as_str(), q.status)),
        ),
        None => BookChange::default(),
    }
}

/// Checks one practice question: locks its answer, grades it, and says what the trainee sees
/// and how the wrong-answer book changes. `None` outside practice, after submission, or for a
/// question not in the attempt.
pub fn check(
    record: &mut AttemptRecord,
    q: &Question,
    ctx: &GradeContext,
) -> Option<(Feedback, BookChange)> {
    let key = q.key();
    if timing(record.mode) != Timing::Immediate
        || record.is_submitted()
        || !record.questions.iter().any(|a| a.key == key)
    {
        return None;
    }
    record.checked.insert(key.clone());
    let fb = feedback(q, record.answers.get(&key), ctx, record.show_answers);
    let change = book_change(record.show_answers, [(key.as_str(), fb.status)]);
    Some((fb, change))
}

/// What a feedback line is about, for its look: found points, missing points, a negated
/// point, a capped score, a red line, or anything else.
pub fn line_class(line: &str) -> &'static str {
    use crate::engine::question::reply::{CAPPED_PREFIX, FOUND_PREFIX, NEGATED_MARK};
    if line.starts_with("触碰红线") {
        "fb-redline"
    } else if line.starts_with(MISSING_PREFIX) {
        "fb-missing"
    } else if line.contains(NEGATED_MARK) {
        "fb-negated"
    } else if line.starts_with(CAPPED_PREFIX) || line.contains("本题最多得") {
        "fb-capped"
    } else if line.starts_with(FOUND_PREFIX) {
        "fb-found"
    } else {
        "fb-plain"
    }
}

//! Grading a whole attempt: per-question scores and feedback, total, percent, pass/fail and a
//! breakdown by section. The same function serves the exam's end, practice feedback and a
//! trainer's re-grade.

use crate::engine::bank::bank::Bank;
use crate::engine::question::answer::Answer;
use crate::engine::question::{grade_question, status_of, GradeContext, Status};
use crate::engine::text::rich::inline_text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionScore {
    pub key: String,
    pub score: f64,
    pub max: f64,
    pub status: Status,
    #[serde(default)]
    pub feedback: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redline: Option<String>,
    /// Its place in `Outcome::sections`, so a trainer's score changes the section's subtotal too.
    /// Records graded before it was kept have none; their subtotals stay as stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionScore {
    pub title: String,
    pub score: f64,
    pub max: f64,
    pub questions: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub score: f64,
    pub max: f64,
    pub percent: f64,
    pub passed: bool,
    pub questions: Vec<QuestionScore>,
    pub sections: Vec<SectionScore>,
    /// Keys of the attempt that the bank no longer has (edited since): scored zero.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// The pass rule: some points to score, and the percent at or above the mark.
pub fn passes(percent: f64, max: f64, pass_percent: f64) -> bool {
    max > 0.0 && percent + 1e-9 >= pass_percent
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl Outcome {
    /// Total, section subtotals, percent and verdict from the question scores, as every total
    /// is computed: at grading, and again when a trainer's score replaces a question's.
    pub fn retotal(&mut self, pass_percent: f64) {
        let n = self.sections.len();
        if self
            .questions
            .iter()
            .all(|q| q.section.is_some_and(|i| i < n))
        {
            for s in &mut self.sections {
                (s.score, s.max, s.questions) = (0.0, 0.0, 0);
            }
            for q in &self.questions {
                let s = &mut self.sections[q.section.unwrap_or_default()];
                s.score = round2(s.score + q.score);
                s.max = round2(s.max + q.max);
                s.questions += 1;
            }
        }
        self.score = round2(self.questions.iter().map(|q| q.score).sum());
        self.max = round2(self.questions.iter().map(|q| q.max).sum());
        self.percent = if self.max > 0.0 {
            round2(self.score / self.max * 100.0)
        } else {
            0.0
        };
        self.passed = passes(self.percent, self.max, pass_percent);
    }
}

/// Grades `answers` for the questions `keys` (in attempt order) against `bank`.
pub fn grade_attempt(
    bank: &Bank,
    keys: &[String],
    answers: &BTreeMap<String, Answer>,
    ctx: &GradeContext,
) -> Outcome {
    let mut questions = Vec::new();
    let mut sections: Vec<SectionScore> = Vec::new();
    let mut missing = Vec::new();
    for key in keys {
        let Some((si, q)) = bank.find(key) else {
            missing.push(key.clone());
            continue;
        };
        let answer = answers.get(key);
        // The question's own bank decides its red lines, wherever it is graded.
        let g = grade_question(q, answer, ctx);
        let answered = answer.is_some_and(|a| !a.is_empty());
        let score = round2(q.points * g.fraction);
        let title = inline_text(&bank.sections[si].title);
        let section = match sections.iter().position(|s| s.title == title) {
            Some(i) => i,
            None => {
                sections.push(SectionScore {
                    title,
                    score: 0.0,
                    max: 0.0,
                    questions: 0,
                });
                sections.len() - 1
            }
        };
        questions.push(QuestionScore {
            key: key.clone(),
            score,
            max: q.points,
            status: status_of(g.fraction, answered),
            feedback: g.feedback,
            redline: g.redline,
            section: Some(section),
        });
    }
    let mut outcome = Outcome {
        questions,
        sections,
        missing,
        ..Outcome::default()
    };
    outcome.retotal(bank.settings.pass_percent);
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(key: &str, score: f64, max: f64, section: Option<usize>) -> QuestionScore {
        QuestionScore {
            key: key.into(),
            score,
            max,
            status: Status::Wrong,
            feedback: Vec::new(),
            redline: None,
            section,
        }
    }

    fn sec(title: &str, score: f64, max: f64, questions: usize) -> SectionScore {
        SectionScore {
            title: title.into(),
            score,
            max,
            questions,
        }
    }

    #[test]
    fn a_trainers_score_moves_its_sections_subtotal_with_the_total() {
        // 规则 1/2 and 回复 1/3 (40%); the trainer gives the reply 3/3: 4/5, 80%, passed at 80.
        let mut o = Outcome {
            questions: vec![
                q("a", 1.0, 1.0, Some(0)),
                q("b", 0.0, 1.0, Some(0)),
                q("r", 3.0, 3.0, Some(1)),
            ],
            sections: vec![sec("规则", 1.0, 2.0, 2), sec("回复", 1.0, 3.0, 1)],
            ..Outcome::default()
        };
        o.retotal(80.0);
        assert_eq!(
            (o.score, o.max, o.percent, o.passed),
            (4.0, 5.0, 80.0, true)
        );
        assert_eq!(
            o.sections,
            vec![sec("规则", 1.0, 2.0, 2), sec("回复", 3.0, 3.0, 1)]
        );
    }

    #[test]
    fn a_record_graded_before_sections_were_kept_keeps_its_stored_subtotals() {
        let mut o = Outcome {
            questions: vec![q("a", 1.0, 1.0, None), q("r", 3.0, 3.0, None)],
            sections: vec![sec("规则", 1.0, 1.0, 1), sec("回复", 1.0, 3.0, 1)],
            ..Outcome::default()
        };
        o.retotal(60.0);
        assert_eq!((o.score, o.percent, o.passed), (4.0, 100.0, true));
        assert_eq!(o.sections[1], sec("回复", 1.0, 3.0, 1));
    }
}

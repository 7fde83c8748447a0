//! The trainer's marks on imported attempts, kept beside what the machine gave and never
//! written into the trainee's record: a manual score with a comment per attempt and question
//! (Moodle's manual grading), and committed re-grades that keep the old outcome next to the new.
//!
//! The effective score of a question is, in order: the trainer's override, the committed
//! re-grade, the score stored in the record. The cohort table, exports and item analysis all
//! read it through [`effective_outcome`], so they agree.

use crate::engine::attempt::attempt::AttemptRecord;
use crate::engine::grading::grade::{round2, Outcome};
use serde::{Deserialize, Serialize};

/// A trainer's score and comment for one question of one attempt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Override {
    pub attempt_id: String,
    /// The question key in the attempt (`bank#id`).
    pub key: String,
    pub score: f64,
    #[serde(default)]
    pub comment: String,
    /// The automatic score it replaces, so both can be shown.
    pub auto_score: f64,
    pub max: f64,
    /// When it was set (ms since the epoch).
    pub at: i64,
}

/// A re-grade the trainer accepted: the record's own outcome stays in the record, this holds
/// the new one and why it changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommittedRegrade {
    pub attempt_id: String,
    pub old: Outcome,
    pub new: Outcome,
    #[serde(default)]
    pub reasons: Vec<String>,
    pub at: i64,
}

/// Every mark a trainer made on a cohort.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Marks {
    #[serde(default)]
    pub overrides: Vec<Override>,
    #[serde(default)]
    pub regrades: Vec<CommittedRegrade>,
}

#[derive(Debug, PartialEq)]
pub enum MarkError {
    /// The score is outside 0..=points.
    OutOfRange {
        max: f64,
    },
    UnknownQuestion,
    NotSubmitted,
}

impl MarkError {
    pub fn message(&self) -> String {
        match self {
            MarkError::OutOfRange { max } => format!(
                "分数应在 0 到 {} 分之间",
                crate::engine::question::numeric::fmt_num(*max)
            ),
            MarkError::UnknownQuestion => "这次考试里没有这道题".into(),
            MarkError::NotSubmitted => "这次考试还没有交卷，不能批改".into(),
        }
    }
}

impl Marks {
    pub fn override_for(&self, attempt_id: &str, key: &str) -> Option<&Override> {
        self.overrides
            .iter()
            .find(|o| o.attempt_id == attempt_id && o.key == key)
    }

    pub fn regrade_for(&self, attempt_id: &str) -> Option<&CommittedRegrade> {
        self.regrades.iter().find(|r| r.attempt_id == attempt_id)
    }

    /// Sets (or replaces) the trainer's score and comment for a question of an attempt.
    /// The score must lie in 0..=the question's points.
    pub fn set_override(
        &mut self,
        record: &AttemptRecord,
        key: &str,
        score: f64,
        comment: &str,
        now: i64,
    ) -> Result<(), MarkError> {
        let outcome = self
            .machine_outcome(record)
            .ok_or(MarkError::NotSubmitted)?;
        let q = outcome
            .questions
            .iter()
            .find(|q| q.key == key)
            .ok_or(MarkError::UnknownQuestion)?;
        if !score.is_finite() || score < 0.0 || score > q.max + 1e-9 {
            return Err(MarkError::OutOfRange { max: q.max });
        }
        let o = Override {
            attempt_id: record.id.clone(),
            key: key.to_string(),
            score: round2(score),
            comment: comment.trim().to_string(),
            auto_score: q.score,
            max: q.max,
            at: now,
        };
        match self
            .overrides
            .iter_mut()
            .find(|x| x.attempt_id == record.id && x.key == key)
        {
            Some(x) => *x = o,
            None => self.overrides.push(o),
        }
        Ok(())
    }

    pub fn clear_override(&mut self, attempt_id: &str, key: &str) {
        self.overrides
            .retain(|o| !(o.attempt_id == attempt_id && o.key == key));
    }

    /// Accepts a re-grade: the new outcome counts from now on, the old one is kept.
    pub fn commit_regrade(
        &mut self,
        record: &AttemptRecord,
        new: Outcome,
        reasons: Vec<String>,
        now: i64,
    ) {
        let Some(old) = record.result.clone() else {
            return;
        };
        self.regrades.retain(|r| r.attempt_id != record.id);
        self.regrades.push(CommittedRegrade {
            attempt_id: record.id.clone(),
            old,
            new,
            reasons,
            at: now,
        });
    }

    /// Keeps the stored score: undoes a committed re-grade.
    pub fn keep_stored(&mut self, attempt_id: &str) {
        self.regrades.retain(|r| r.attempt_id != attempt_id);
    }

    /// What the machine says: the committed re-grade, else the stored result.
    pub fn machine_outcome<'a>(&'a self, record: &'a AttemptRecord) -> Option<&'a Outcome> {
        match self.regrade_for(&record.id) {
            Some(r) => Some(&r.new),
            None => record.result.as_ref(),
        }
    }

    /// Merges another trainer's marks: theirs replace ours where both marked the same thing
    /// and theirs is newer.
    pub fn merge(&mut self, other: Marks) {
        for o in other.overrides {
            match self
                .overrides
                .iter_mut()
                .find(|x| x.attempt_id == o.attempt_id && x.key == o.key)
            {
                Some(x) if x.at < o.at => *x = o,
                Some(_) => {}
                None => self.overrides.push(o),
            }
        }
        for r in other.regrades {
            match self
                .regrades
                .iter_mut()
                .find(|x| x.attempt_id == r.attempt_id)
            {
                Some(x) if x.at < r.at => *x = r,
                Some(_) => {}
                None => self.regrades.push(r),
            }
        }
    }

    /// Only the marks on the given attempts (what a trainee gets back).
    pub fn for_attempts(&self, ids: &[&str]) -> Marks {
        Marks {
            overrides: self
                .overrides
                .iter()
                .filter(|o| ids.contains(&o.attempt_id.as_str()))
                .cloned()
                .collect(),
            regrades: self
                .regrades
                .iter()
                .filter(|r| ids.contains(&r.attempt_id.as_str()))
                .cloned()
                .collect(),
        }
    }
}

/// The outcome that counts: the machine's (committed re-grade or stored), with the trainer's
/// overrides in place of the automatic question scores, totals and verdict recomputed with the
/// pass mark the attempt started with. `None` while the attempt is not submitted.
pub fn effective_outcome(record: &AttemptRecord, marks: &Marks) -> Option<Outcome> {
    let mut out = marks.machine_outcome(record)?.clone();
    let mut touched = false;
    for q in &mut out.questions {
        if let Some(o) = marks.override_for(&record.id, &q.key) {
            q.score = o.score.min(q.max);
            touched = true;
        }
    }
    if touched {
        out.retotal(record.pass_percent);
    }
    Some(out)
}

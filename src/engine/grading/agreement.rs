//! How far the reply grader agrees with a trainer: a corpus of trainee replies, each with the
//! score a trainer gave, graded with the course's rubrics (see `src/bin/replyreport.rs`).
//!
//! Agreement is "within one key point": the grader's fraction is at most `1 / 要点数` away from
//! the trainer's. A false pass is the grader giving more than that over the trainer, a false
//! fail less. Pass-side agreement: both scores at or above `PASS_SIDE` (2/3), or both below.
//! A violation (a reply the trainer labelled `wrong-action` or `redline`) must score 0; a
//! brush-off at most 1/3.

use crate::engine::bank::library::Library;
use crate::engine::question::answer::Answer;
use crate::engine::question::reply::parse_fraction;
use crate::engine::question::{grade_question, Kind};

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub key: String,
    pub expected: f64,
    pub kind: String,
    pub text: String,
    pub line: u32,
}

/// Kinds of reply whose score must stay at or below 1/3.
pub const CAPPED_KINDS: &[&str] = &["wrong-action", "brush-off"];
/// Kinds of reply that break a rule and must score 0.
pub const VIOLATION_KINDS: &[&str] = &["wrong-action", "redline"];
pub const KINDS: &[&str] = &[
    "good",
    "partial",
    "negated",
    "wrong-action",
    "brush-off",
    "redline",
    "foreign",
];

/// The score that passes a reply, for pass-side agreement.
pub const PASS_SIDE: f64 = 2.0 / 3.0;

/// Reads the corpus: `key<TAB>score<TAB>kind<TAB>reply`, `#` comments and blank lines skipped.
pub fn parse_corpus(text: &str) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.splitn(4, '\t').collect();
        let [key, score, kind, reply] = cols[..] else {
            return Err(format!(
                "第 {n} 行应有 4 列（题目、得分、类别、回复），用 Tab 分开"
            ));
        };
        let expected =
            parse_fraction(score).ok_or_else(|| format!("第 {n} 行的得分“{score}”无法识别"))?;
        if !KINDS.contains(&kind) {
            return Err(format!(
                "第 {n} 行的类别“{kind}”不认识，可用：{}",
                KINDS.join(", ")
            ));
        }
        rows.push(Row {
            key: key.to_string(),
            expected,
            kind: kind.to_string(),
            text: reply.to_string(),
            line: n,
        });
    }
    Ok(rows)
}

#[derive(Clone, Debug)]
pub struct Graded {
    pub row: Row,
    pub got: f64,
    /// One key point of this question, as a fraction.
    pub step: f64,
    pub feedback: Vec<String>,
}

impl Graded {
    pub fn agrees(&self) -> bool {
        (self.got - self.row.expected).abs() <= self.step + 1e-9
    }
    pub fn false_pass(&self) -> bool {
        self.got > self.row.expected + self.step + 1e-9
    }
    pub fn false_fail(&self) -> bool {
        self.got < self.row.expected - self.step - 1e-9
    }
    /// A reply the trainer labelled a violation that the grader gave points.
    pub fn scored_violation(&self) -> bool {
        VIOLATION_KINDS.contains(&self.row.kind.as_str()) && self.got > 1e-9
    }
    /// Grader and trainer on the same side of the pass mark.
    pub fn same_side(&self) -> bool {
        (self.got + 1e-9 >= PASS_SIDE) == (self.row.expected + 1e-9 >= PASS_SIDE)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub graded: Vec<Graded>,
    /// Rows whose question the course does not have.
    pub unknown: Vec<Row>,
}

impl Report {
    pub fn agreement(&self) -> f64 {
        let n = self.graded.len().max(1) as f64;
        self.graded.iter().filter(|g| g.agrees()).count() as f64 / n
    }
    /// Exact agreement, for information.
    pub fn exact(&self) -> f64 {
        let n = self.graded.len().max(1) as f64;
        let same = self
            .graded
            .iter()
            .filter(|g| (g.got - g.row.expected).abs() < 1e-6)
            .count();
        same as f64 / n
    }
    pub fn pass_side(&self) -> f64 {
        let n = self.graded.len().max(1) as f64;
        self.graded.iter().filter(|g| g.same_side()).count() as f64 / n
    }
    /// The highest score given to a reply labelled as a violation (wrong action, red line).
    pub fn max_violation(&self) -> f64 {
        self.graded
            .iter()
            .filter(|g| VIOLATION_KINDS.contains(&g.row.kind.as_str()))
            .map(|g| g.got)
            .fold(0.0, f64::max)
    }
    pub fn false_passes(&self) -> usize {
        self.graded.iter().filter(|g| g.false_pass()).count()
    }
    pub fn false_fails(&self) -> usize {
        self.graded.iter().filter(|g| g.false_fail()).count()
    }
    /// The highest score given to a reply labelled wrong-action or brush-off.
    pub fn max_capped(&self) -> f64 {
        self.graded
            .iter()
            .filter(|g| CAPPED_KINDS.contains(&g.row.kind.as_str()))
            .map(|g| g.got)
            .fold(0.0, f64::max)
    }
}

/// Grades every corpus row with its question's rubric and red lines.
pub fn evaluate(lib: &Library, rows: Vec<Row>) -> Report {
    let ctx = lib.grade_context("");
    let mut report = Report::default();
    for row in rows {
        let q = lib
            .banks
            .values()
            .flat_map(|b| b.questions())
            .find(|q| q.key() == row.key);
        let Some(q) = q else {
            report.unknown.push(row);
            continue;
        };
        let Kind::Reply(r) = &q.kind else {
            report.unknown.push(row);
            continue;
        };
        let g = grade_question(
            q,
            Some(&Answer::Reply {
                text: row.text.clone(),
            }),
            &ctx,
        );
        report.graded.push(Graded {
            step: 1.0 / r.keypoints.len().max(1) as f64,
            got: g.fraction,
            feedback: g.feedback,
            row,
        });
    }
    report
}

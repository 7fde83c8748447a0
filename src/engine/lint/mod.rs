//! Item-writing lints: hints (never errors) about questions that can be answered without
//! knowing the job, and about exams that never show part of their pool. Run by the checker
//! over a whole course, so a trainer's own banks get the same care as the default course.
//!
//! Each hint names its lint in brackets (`[length-cue]`), which is also the name a trainer
//! writes to silence it with a reason (see `silence`).

pub mod check;
mod coverage;
mod exam;
mod items;
mod silence;
mod similar;

use crate::engine::bank::bank::Bank;
use crate::engine::bank::course::Course;
use crate::engine::bank::library::Files;
use crate::engine::question::Question;
use crate::engine::text::diagnostics::{Diagnostic, Severity};
use crate::engine::text::rich::{blocks_text, inline_text};
use std::collections::BTreeMap;

pub use coverage::{exam_coverage, Coverage};
pub use similar::{bigrams, jaccard, normalized};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lint {
    /// Share of 对 among a bank's true/false questions outside 40–60%.
    TfBalance,
    /// Single choice whose right option is much longer than every distractor.
    LengthCue,
    /// Multiple choice where ticking every option scores over half.
    TickAll,
    /// A stem about "the text" (文中, 课件…), which the trainee never sees.
    AboutText,
    /// Two stems (almost) the same anywhere in the course.
    NearDuplicate,
    /// Matching whose right column repeats words of the left.
    EchoMatch,
    /// An exam whose draws and attempts never show some of its questions.
    Coverage,
    /// True/false where "错 with an absolute word, 对 without" scores over 60%.
    CueWords,
    /// A stem or option that holds another question's key in the same exam.
    KeyLeak,
    /// Option A holds the key in over 35% of a bank's single-choice questions, as written.
    KeyPosition,
    /// A number with its unit, or a named rule, that one attempt can ask more than twice.
    FactRepeat,
    /// A silencing without a reason, or naming no known lint. Cannot itself be silenced.
    LintOk,
}

impl Lint {
    pub const ALL: [Lint; 12] = [
        Lint::TfBalance,
        Lint::LengthCue,
        Lint::TickAll,
        Lint::AboutText,
        Lint::NearDuplicate,
        Lint::EchoMatch,
        Lint::Coverage,
        Lint::CueWords,
        Lint::KeyLeak,
        Lint::KeyPosition,
        Lint::FactRepeat,
        Lint::LintOk,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Lint::TfBalance => "tf-balance",
            Lint::LengthCue => "length-cue",
            Lint::TickAll => "tick-all",
            Lint::AboutText => "about-text",
            Lint::NearDuplicate => "near-duplicate",
            Lint::EchoMatch => "echo-match",
            Lint::Coverage => "coverage",
            Lint::CueWords => "cue-words",
            Lint::KeyLeak => "key-leak",
            Lint::KeyPosition => "key-position",
            Lint::FactRepeat => "fact-repeat",
            Lint::LintOk => "lint-ok",
        }
    }

    /// The lints a trainer may silence (all but `lint-ok`).
    pub fn parse(code: &str) -> Option<Lint> {
        Lint::ALL
            .into_iter()
            .find(|l| l.code() == code && *l != Lint::LintOk)
    }
}

/// One hint, before it is turned into a diagnostic.
#[derive(Clone, Debug, PartialEq)]
pub struct Hint {
    pub lint: Lint,
    pub file: String,
    pub line: u32,
    pub message: String,
    /// The other question of a near-duplicate pair: silencing either silences the pair.
    pub other: Option<(String, u32)>,
}

impl Hint {
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            file: self.file.clone(),
            line: self.line,
            col: 1,
            severity: Severity::Warning,
            message: format!("[{}] {}", self.lint.code(), self.message),
        }
    }
}

/// What the lints found in one bank file, for its summary line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BankLint {
    pub tf_true: usize,
    pub tf_total: usize,
    /// Hints shown, by lint.
    pub hints: BTreeMap<Lint, usize>,
    /// Hints a written reason in the bank silenced.
    pub silenced: usize,
    /// For exams: how many questions all attempts together can show, of how many.
    pub coverage: Option<Coverage>,
}

impl BankLint {
    /// `出题检查：…`, one line for the checker's summary of the bank.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.tf_total > 0 {
            parts.push(format!(
                "判断题 {} 道，答案为“对”的 {} 道（{}%）",
                self.tf_total,
                self.tf_true,
                (self.tf_true * 100 + self.tf_total / 2) / self.tf_total
            ));
        }
        if let Some(c) = &self.coverage {
            parts.push(if c.all_seen() {
                format!("历次考试能看到全部 {} 题", c.pool)
            } else {
                format!("历次考试最多看到 {}/{} 题", c.reachable, c.pool)
            });
        }
        let total: usize = self.hints.values().sum();
        if total == 0 {
            parts.push("没有提示".into());
        } else {
            let by: Vec<String> = self
                .hints
                .iter()
                .map(|(l, n)| format!("{} {n}", l.code()))
                .collect();
            parts.push(format!("{total} 条提示（{}）", by.join("，")));
        }
        if self.silenced > 0 {
            parts.push(format!("{} 条已写明理由放过", self.silenced));
        }
        format!("出题检查：{}", parts.join("；"))
    }
}

#[derive(Clone, Debug, Default)]
pub struct LintReport {
    /// Shown hints, ordered by file and line.
    pub hints: Vec<Hint>,
    pub banks: BTreeMap<String, BankLint>,
}

impl LintReport {
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.hints.iter().map(Hint::to_diagnostic).collect()
    }
}

/// Lints `banks` (imports resolved). Questions are linted in the file they are written in;
/// stems are compared across all of them. Exams for the coverage lint: each day's exams when
/// there is a `course`, otherwise every bank given. `files` holds the sources, for the
/// silencing comments and attributes.
pub fn lint(banks: &BTreeMap<String, Bank>, course: Option<&Course>, files: &Files) -> LintReport {
    let text = |p: &str| files.get(p).cloned().flatten().unwrap_or_default();
    let mut raw: Vec<Hint> = Vec::new();
    let mut report = LintReport::default();
    let mut silences = BTreeMap::new();
    for bank in banks.values() {
        let src = text(&bank.path);
        let s = silence::read(&bank.path, &src);
        raw.extend(s.problems.iter().cloned());
        silences.insert(bank.path.clone(), s);
        let entry = report.banks.entry(bank.path.clone()).or_default();
        let own: Vec<_> = bank
            .sections
            .iter()
            .filter(|s| s.import.is_none())
            .flat_map(|s| s.questions.iter())
            .collect();
        let (t, n) = items::tf_counts(&own);
        entry.tf_true = t;
        entry.tf_total = n;
        raw.extend(items::tf_balance(&bank.path, t, n));
        raw.extend(items::cue_balance(&bank.path, &own));
        raw.extend(items::key_position(&bank.path, &own));
        for q in &own {
            raw.extend(items::question_hints(q));
        }
    }
    let all: Vec<_> = banks
        .values()
        .flat_map(|b| b.sections.iter().filter(|s| s.import.is_none()))
        .flat_map(|s| s.questions.iter())
        .collect();
    raw.extend(similar::near_duplicates(&all));

    let exams: Vec<(String, Option<&crate::engine::bank::course::Day>)> = match course {
        Some(c) => c
            .days
            .iter()
            .flat_map(|d| d.exams.iter().map(move |e| (e.path.clone(), Some(d))))
            .collect(),
        None => banks.keys().map(|k| (k.clone(), None)).collect(),
    };
    let index_text = course.map(|c| text(&c.path)).unwrap_or_default();
    for (path, day) in exams {
        let Some(bank) = banks.get(&path) else {
            continue;
        };
        raw.extend(exam::key_leaks(bank));
        raw.extend(exam::fact_repeats(bank));
        let cov = exam_coverage(bank);
        let src = text(&path);
        let found = coverage::hints(bank, &cov, &src, day.map(|d| &d.title[..]));
        if bank.attempt_size() < bank.question_count() {
            report.banks.entry(path.clone()).or_default().coverage = Some(cov);
        }
        let plan = match (course, day) {
            (Some(c), Some(d)) => coverage::day_marker(c, d, &index_text),
            _ => coverage::Marker::None,
        };
        match plan {
            coverage::Marker::Reason if !found.is_empty() => {
                report.banks.entry(path).or_default().silenced += found.len();
            }
            coverage::Marker::Missing(line) => {
                raw.push(coverage::missing_reason(course, line));
                raw.extend(found);
            }
            _ => raw.extend(found),
        }
    }

    raw.sort_by(|a, b| (&a.file, a.line, a.lint).cmp(&(&b.file, b.line, b.lint)));
    raw.dedup();
    // One exam-wide hint per question and pair (or fact), however many exams show both.
    let mut seen = std::collections::BTreeSet::new();
    raw.retain(|h| match h.lint {
        Lint::KeyLeak => seen.insert((
            h.lint,
            h.file.clone(),
            h.line,
            h.other.clone(),
            String::new(),
        )),
        Lint::FactRepeat => {
            let fact = h.message.split('”').next().unwrap_or("").to_string();
            seen.insert((h.lint, h.file.clone(), h.line, None, fact))
        }
        _ => true,
    });
    for hint in raw {
        let silenced_by = |file: &str, line: u32| {
            silences
                .get(file)
                .is_some_and(|s: &silence::Silences| s.allows(hint.lint, line))
        };
        let silenced = hint.lint != Lint::LintOk
            && (silenced_by(&hint.file, hint.line)
                || hint.other.as_ref().is_some_and(|(f, l)| silenced_by(f, *l)));
        let entry = report.banks.entry(hint.file.clone()).or_default();
        if silenced {
            entry.silenced += 1;
        } else {
            *entry.hints.entry(hint.lint).or_insert(0) += 1;
            report.hints.push(hint);
        }
    }
    report
}

/// Title and stem as plain text (what "the stem" means for these lints).
pub fn stem_text(q: &Question) -> String {
    let mut s = inline_text(&q.title);
    let rest = blocks_text(&q.stem);
    if !rest.is_empty() {
        s.push('\n');
        s.push_str(&rest);
    }
    s
}

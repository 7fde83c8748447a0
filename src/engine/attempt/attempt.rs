//! The attempt record: what is stored on the device and exported for the trainer. It holds
//! everything needed to re-grade it against the bank later: seed, bank and question hashes,
//! the display order, every answer with timestamps, and the trainee.
//!
//! Versioned: `schema` is checked on load and older versions are migrated (`attempt::migrate`).

use crate::engine::attempt::assemble::{assemble_rotating, PlannedQuestion};
use crate::engine::bank::bank::Bank;
use crate::engine::grading::grade::{grade_attempt, passes, Outcome};
use crate::engine::question::answer::Answer;
use crate::engine::question::GradeContext;
use crate::engine::text::json::Codec;
#[cfg(not(target_arch = "wasm32"))]
use crate::engine::text::json::SerdeJson;
use crate::engine::time::events::{Event, EventKind, Summary};
use crate::engine::time::exam_clock::ExamClock;
use crate::engine::time::integrity::Rules;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// 2: the event log, the attempt's clock and its rules (see `migrate_v1`).
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Timed, feedback at the end.
    Exam,
    /// Untimed, feedback after each answer.
    Practice,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trainee {
    pub name: String,
    pub employee_no: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BankRef {
    pub path: String,
    pub title: String,
    pub hash: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttemptQuestion {
    pub key: String,
    pub hash: String,
    pub points: f64,
    pub order: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmitReason {
    Manual,
    /// The deadline passed: submitted with the answers given before it.
    Timeout,
    /// The trainee left the page as often as the bank's `max_away` allows.
    MaxAway,
}

/// Deserialised through `AnyRecord`, so any reader of a record migrates old versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "crate::engine::attempt::migrate::AnyRecord")]
pub struct AttemptRecord {
    pub schema: u32,
    pub id: String,
    pub mode: Mode,
    pub bank: BankRef,
    pub trainee: Trainee,
    /// Below 2^53 so it survives JavaScript and JSON tools unchanged.
    pub seed: u64,
    pub pass_percent: f64,
    pub show_answers: bool,
    pub questions: Vec<AttemptQuestion>,
    pub answers: BTreeMap<String, Answer>,
    /// When each answer was last changed (ms since the Unix epoch).
    #[serde(default)]
    pub answered_at: BTreeMap<String, i64>,
    #[serde(default)]
    pub flagged: BTreeSet<String>,
    /// Practice: questions whose feedback was shown (their answers are then locked).
    #[serde(default)]
    pub checked: BTreeSet<String>,
    /// The question on screen, so a reload resumes exactly there.
    #[serde(default)]
    pub current: usize,
    pub started_at: i64,
    pub deadline: Option<i64>,
    pub submitted_at: Option<i64>,
    pub submit_reason: Option<SubmitReason>,
    pub result: Option<Outcome>,
    /// Times the trainee left the exam page (tab switch, app switch): the `left` events, and
    /// for schema 1 records the only count there is. Recorded, not proof: see `events`.
    #[serde(default)]
    pub focus_lost: u32,
    /// A typing test instead of questions (optional: other records load and save unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typing: Option<crate::engine::typing::typing::TypingRecord>,
    /// The attempt's own time line: the latest time seen (see `exam_clock`).
    #[serde(default)]
    pub clock: ExamClock,
    /// The bank's exam rules when the attempt started (`fullscreen`, `one_way`, `max_away`).
    #[serde(default, skip_serializing_if = "Rules::is_default")]
    pub rules: Rules,
    /// Append-only log of what the browser observed (see `events`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
}

#[derive(Debug, PartialEq)]
pub enum AnswerError {
    Submitted,
    Expired,
    UnknownQuestion,
    /// `one_way`: the trainee has moved past this question.
    Passed,
}

impl AttemptRecord {
    pub fn start(bank: &Bank, mode: Mode, trainee: Trainee, seed: u64, now: i64) -> AttemptRecord {
        Self::start_rotating(bank, mode, trainee, seed, now, &[])
    }

    /// `start` for a trainee who already took this exam: `seen` are the question keys of the
    /// earlier attempts, and the draw prefers the questions seen least (see `assemble_rotating`).
    /// The record keeps the drawn keys, so re-grading never needs `seen`.
    pub fn start_rotating(
        bank: &Bank,
        mode: Mode,
        trainee: Trainee,
        seed: u64,
        now: i64,
        seen: &[String],
    ) -> AttemptRecord {
        let plan = assemble_rotating(bank, seed, seen);
        let questions = plan
            .into_iter()
            .filter_map(|p| {
                let (_, q) = bank.find(&p.key)?;
                Some(AttemptQuestion {
                    key: p.key,
                    hash: q.hash.as_str().to_owned(),
                    points: q.points,
                    order: p.order,
                })
            })
            .collect();
        let deadline = match mode {
            Mode::Exam => bank.settings.time_limit.map(|s| now + i64::from(s) * 1000),
            Mode::Practice => None,
        };
        AttemptRecord {
            schema: SCHEMA_VERSION,
            id: format!("{}-{:x}", now, seed),
            mode,
            bank: BankRef {
                path: bank.path.clone(),
                title: bank.title.clone(),
                hash: bank.hash.as_str().to_owned(),
            },
            trainee,
            seed,
            pass_percent: bank.settings.pass_percent,
            show_answers: bank.settings.show_answers,
            questions,
            answers: BTreeMap::new(),
            answered_at: BTreeMap::new(),
            flagged: BTreeSet::new(),
            checked: BTreeSet::new(),
            current: 0,
            started_at: now,
            deadline,
            submitted_at: None,
            submit_reason: None,
            result: None,
            focus_lost: 0,
            typing: None,
            clock: ExamClock::new(now),
            rules: match mode {
                Mode::Exam => bank.settings.rules,
                Mode::Practice => Rules::default(),
            },
            events: Vec::new(),
        }
    }

    pub fn is_submitted(&self) -> bool {
        self.submitted_at.is_some()
    }

    pub fn is_expired(&self, now: i64) -> bool {
        self.deadline.is_some_and(|d| now >= d)
    }

    /// Records (or clears, with `None`) an answer. Refused once submitted or past the deadline,
    /// so nothing given after the time ran out counts.
    pub fn set_answer(
        &mut self,
        key: &str,
        answer: Option<Answer>,
        now: i64,
    ) -> Result<(), AnswerError> {
        if self.is_submitted() {
            return Err(AnswerError::Submitted);
        }
        if self.is_expired(now) {
            return Err(AnswerError::Expired);
        }
        if !self.questions.iter().any(|q| q.key == key) {
            return Err(AnswerError::UnknownQuestion);
        }
        if self.checked.contains(key) {
            return Err(AnswerError::Submitted);
        }
        let index = self.questions.iter().position(|q| q.key == key);
        if index.is_some_and(|i| !self.rules.may_go(self.current, i)) {
            return Err(AnswerError::Passed);
        }
        match answer.filter(|a| !a.is_empty()) {
            Some(a) => {
                self.answers.insert(key.to_string(), a);
            }
            None => {
                self.answers.remove(key);
            }
        }
        self.answered_at.insert(key.to_string(), now);
        Ok(())
    }

    pub fn toggle_flag(&mut self, key: &str) {
        if !self.flagged.remove(key) {
            self.flagged.insert(key.to_string());
        }
    }

    pub fn unanswered(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| !self.answers.contains_key(&q.key))
            .count()
    }

    pub fn keys(&self) -> Vec<String> {
        self.questions.iter().map(|q| q.key.clone()).collect()
    }

    /// Grades and closes the attempt. At a time-out the submission time is the deadline itself.
    pub fn submit(&mut self, bank: &Bank, ctx: &GradeContext, now: i64, reason: SubmitReason) {
        if self.is_submitted() {
            return;
        }
        let at = match (reason, self.deadline) {
            (SubmitReason::Timeout, Some(d)) => d.min(now),
            _ => now,
        };
        self.result = Some(self.grade(bank, ctx));
        self.submitted_at = Some(at);
        self.submit_reason = Some(reason);
    }

    /// Grades the answers against `bank`, judged by the pass mark the attempt started with
    /// (a later edit of the bank's pass mark does not change an old attempt's verdict).
    fn grade(&self, bank: &Bank, ctx: &GradeContext) -> Outcome {
        let mut outcome = grade_attempt(bank, &self.keys(), &self.answers, ctx);
        outcome.passed = passes(outcome.percent, outcome.max, self.pass_percent);
        outcome
    }

    /// Whether the exam's time is up and it should be submitted automatically.
    pub fn needs_timeout_submit(&self, now: i64) -> bool {
        !self.is_submitted() && self.is_expired(now)
    }

    pub fn time_used_ms(&self, now: i64) -> i64 {
        let end = self.submitted_at.unwrap_or(now);
        let end = self.deadline.map_or(end, |d| end.min(d));
        (end - self.started_at).max(0)
    }

    pub fn plan(&self) -> Vec<PlannedQuestion> {
        self.questions
            .iter()
            .map(|q| PlannedQuestion {
                key: q.key.clone(),
                order: q.order.clone(),
            })
            .collect()
    }

    /// Re-grades against `bank` as it is now, saying which questions changed since the attempt.
    pub fn regrade(&self, bank: &Bank, ctx: &GradeContext) -> Regrade {
        let changed = self
            .questions
            .iter()
            .filter(|q| {
                bank.find(&q.key)
                    .is_none_or(|(_, bq)| bq.hash.as_str() != q.hash)
            })
            .map(|q| q.key.clone())
            .collect();
        let outcome = self.grade(bank, ctx);
        Regrade {
            bank_changed: bank.hash.as_str() != self.bank.hash,
            changed_questions: changed,
            outcome,
        }
    }

    /// The record as JSON text, the stored and exported form.
    pub fn write<C: Codec>(&self) -> String {
        C::write(self)
    }

    /// Loads a record of any known schema version, migrating old ones (see `attempt::migrate`).
    pub fn read<C: Codec>(text: &str) -> Result<AttemptRecord, String> {
        let node = C::parse(text).map_err(|e| format!("不是有效的 JSON：{e}"))?;
        Self::from_node::<C>(&node)
    }

    /// `read` for one record inside a parsed file.
    pub fn from_node<C: Codec>(node: &C::Node) -> Result<AttemptRecord, String> {
        decode_record::<C, AttemptRecord>(node)
    }
}

/// A stored record read as `T` (the whole record, or its `AttemptSummary`), with one wording
/// of what is wrong for both.
pub(crate) fn decode_record<C: Codec, T: serde::de::DeserializeOwned>(
    node: &C::Node,
) -> Result<T, String> {
    // The version first, so a newer record is named as such rather than by a field that
    // changed shape.
    #[derive(Deserialize)]
    struct Peek {
        schema: Option<u64>,
    }
    let peek: Peek = C::decode(node).map_err(|e| format!("不是考试记录：{e}"))?;
    let version = peek.schema.ok_or("不是考试记录：缺少 schema 版本号")?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(format!(
            "这条记录来自更新版本的程序（schema {version}），请更新后再导入"
        ));
    }
    C::decode(node).map_err(|e| format!("考试记录格式不对：{e}"))
}

/// Native shorthands (serde_json); the app passes its own codec to `read`/`write`.
#[cfg(not(target_arch = "wasm32"))]
impl AttemptRecord {
    pub fn to_json(&self) -> String {
        self.write::<SerdeJson>()
    }

    pub fn from_json(text: &str) -> Result<AttemptRecord, String> {
        Self::read::<SerdeJson>(text)
    }

    pub fn from_value(value: serde_json::Value) -> Result<AttemptRecord, String> {
        Self::from_node::<SerdeJson>(&value)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Regrade {
    pub bank_changed: bool,
    pub changed_questions: Vec<String>,
    pub outcome: Outcome,
}

/// The event log's summary of a record (what a trainer reads about it), built here, by the
/// record's layer: it also reads the record's count of departures from before the log.
impl Summary {
    pub fn of(record: &AttemptRecord) -> Summary {
        let mut s = Summary::default();
        let mut opened = 0u32;
        for e in &record.events {
            match &e.kind {
                EventKind::Opened { closed_ms, .. } => {
                    opened += 1;
                    s.closed_ms += closed_ms;
                }
                EventKind::Left { .. } => s.departures += 1,
                EventKind::Returned { away_ms } => s.away_ms += away_ms,
                EventKind::ClockBack { by_ms } => {
                    s.clock_back += 1;
                    s.clock_back_ms += by_ms;
                }
                EventKind::ClockForward { by_ms } => {
                    s.clock_forward += 1;
                    s.clock_forward_ms += by_ms;
                }
                EventKind::TakeOver { .. } => s.takeovers += 1,
                EventKind::FullscreenLeft => s.fullscreen_left += 1,
                EventKind::Question { key, ms } => {
                    *s.question_ms.entry(key.clone()).or_insert(0) += ms;
                }
            }
        }
        s.reopened = opened.saturating_sub(1);
        s.untimed_departures = record.focus_lost.saturating_sub(s.departures);
        s.departures = s.departures.max(record.focus_lost);
        s
    }
}

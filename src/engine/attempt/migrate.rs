//! Loading an attempt record of any schema version: it is read into `AnyRecord`, which accepts
//! every version's fields, and converted to the current `AttemptRecord`. Typed rather than an
//! edit of a JSON tree, so it works with any serde deserializer (serde_json natively, the
//! browser's JSON in the app) and the migration exists once.

use crate::engine::attempt::attempt::{
    AttemptQuestion, AttemptRecord, BankRef, Mode, SubmitReason, Trainee, SCHEMA_VERSION,
};
use crate::engine::grading::grade::Outcome;
use crate::engine::question::answer::Answer;
use crate::engine::time::events::Event;
use crate::engine::time::exam_clock::ExamClock;
use crate::engine::time::integrity::Rules;
use crate::engine::typing::typing::TypingRecord;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// Every field any schema version had. Required where every version requires it.
#[derive(Deserialize)]
pub struct AnyRecord {
    schema: u32,
    id: String,
    mode: Mode,
    bank: BankRef,
    /// Schema 1 and later.
    trainee: Option<Trainee>,
    /// Schema 0: the trainee at the top level, `employee` for the employee number.
    name: Option<String>,
    employee: Option<String>,
    seed: u64,
    pass_percent: f64,
    /// Required from schema 1; schema 0 always showed the answers.
    show_answers: Option<bool>,
    questions: Vec<AttemptQuestion>,
    answers: BTreeMap<String, Answer>,
    #[serde(default)]
    answered_at: BTreeMap<String, i64>,
    #[serde(default)]
    flagged: BTreeSet<String>,
    #[serde(default)]
    checked: BTreeSet<String>,
    #[serde(default)]
    current: usize,
    started_at: i64,
    deadline: Option<i64>,
    submitted_at: Option<i64>,
    submit_reason: Option<SubmitReason>,
    result: Option<Outcome>,
    #[serde(default)]
    focus_lost: u32,
    #[serde(default)]
    typing: Option<TypingRecord>,
    /// Schema 2: the attempt's time line. Earlier records start it from their times.
    clock: Option<ExamClock>,
    #[serde(default)]
    rules: Rules,
    #[serde(default)]
    events: Vec<Event>,
}

/// A record from a newer program cannot be read: the whole read and the summary say so alike.
pub(crate) fn readable_schema(schema: u32) -> Result<(), String> {
    if schema > SCHEMA_VERSION {
        return Err(format!(
            "这条记录来自更新版本的程序（schema {schema}），请更新后再导入"
        ));
    }
    Ok(())
}

impl TryFrom<AnyRecord> for AttemptRecord {
    type Error = String;

    fn try_from(a: AnyRecord) -> Result<AttemptRecord, String> {
        readable_schema(a.schema)?;
        // Schema 0 was the pre-release draft: `employee` instead of `trainee.employee_no`, and
        // no `show_answers`. Kept as the pattern for future migrations.
        let v0 = a.schema == 0;
        let trainee = match (a.employee, a.trainee) {
            (Some(employee_no), _) if v0 => Trainee {
                name: a.name.unwrap_or_default(),
                employee_no,
            },
            (_, Some(t)) => t,
            (_, None) => return Err("missing field `trainee`".into()),
        };
        let show_answers = match a.show_answers {
            Some(s) => s,
            None if v0 => true,
            None => return Err("missing field `show_answers`".into()),
        };
        // Schema 1 had no event log and read the device clock directly. Its `focus_lost` count
        // stays (it has no times, and the summary says so); the attempt's clock starts at the
        // latest time the record shows, so an exam in progress during the upgrade neither
        // gains nor loses time; the log starts empty and the rules are none (none existed).
        let clock = match a.clock {
            Some(c) if a.schema >= 2 => c,
            None if a.schema >= 2 => ExamClock::default(),
            _ => {
                let answered = a.answered_at.values().copied().max();
                let seen = [Some(a.started_at), a.submitted_at, answered]
                    .into_iter()
                    .flatten()
                    .max()
                    .unwrap_or(0);
                ExamClock { seen, behind: 0 }
            }
        };
        Ok(AttemptRecord {
            schema: SCHEMA_VERSION,
            id: a.id,
            mode: a.mode,
            bank: a.bank,
            trainee,
            seed: a.seed,
            pass_percent: a.pass_percent,
            show_answers,
            questions: a.questions,
            answers: a.answers,
            answered_at: a.answered_at,
            flagged: a.flagged,
            checked: a.checked,
            current: a.current,
            started_at: a.started_at,
            deadline: a.deadline,
            submitted_at: a.submitted_at,
            submit_reason: a.submit_reason,
            result: a.result,
            focus_lost: a.focus_lost,
            typing: a.typing,
            clock,
            rules: a.rules,
            events: a.events,
        })
    }
}

//! What home and a bank's start screen show of an attempt: best score and pass
//! state, attempts used, an unfinished exam to resume, a typing test's best speed.
//!
//! Read straight from a stored record of any schema version: serde skips every field not
//! named here, so the answers, events and question scores are never built, and their readers
//! stay out of the first screen's program. Only fields every version has with the same shape
//! are read (schema 0 and 1 differ from 2 in the trainee, `show_answers` and the clock, none of
//! which a summary needs). `From<&AttemptRecord>` gives the same summary from a loaded record.

use crate::engine::attempt::attempt::{AttemptRecord, BankRef, Mode};
use crate::engine::text::json::Codec;
use crate::engine::typing::typing::{verdict, TargetMet};
use serde::de::IgnoredAny;
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "Stored")]
pub struct AttemptSummary {
    pub id: String,
    pub mode: Mode,
    pub bank: BankRef,
    pub started_at: i64,
    pub submitted: bool,
    /// Once graded.
    pub score: Option<Score>,
    /// A typing test rather than questions.
    pub typing: bool,
    /// A typing test's figures, once it ended.
    pub typing_score: Option<TypingScore>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    pub percent: f64,
    pub passed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TypingScore {
    pub net_cpm: f64,
    /// The lowest speed target met (`typing::verdict` is not "未达标").
    pub reached: bool,
}

impl AttemptSummary {
    /// The exam still open that started last (of equal starts, the later in `all`): the one
    /// to resume. Any order of `all` gives the same answer as oldest-first order.
    pub fn latest_open<'a>(
        all: impl IntoIterator<Item = &'a AttemptSummary>,
    ) -> Option<&'a AttemptSummary> {
        all.into_iter()
            .filter(|r| !r.submitted && r.mode == Mode::Exam)
            .max_by_key(|r| r.started_at)
    }

    /// A stored record's summary, with the errors `AttemptRecord::read` gives for text that is
    /// not a record, a newer record, or a record missing a field every version has.
    pub fn read<C: Codec>(text: &str) -> Result<AttemptSummary, String> {
        let node = C::parse(text).map_err(|e| format!("不是有效的 JSON：{e}"))?;
        crate::engine::attempt::attempt::decode_record::<C, AttemptSummary>(&node)
    }
}

impl From<&AttemptRecord> for AttemptSummary {
    fn from(r: &AttemptRecord) -> AttemptSummary {
        let typing_result = r.typing.as_ref().and_then(|t| t.result.as_ref());
        AttemptSummary {
            id: r.id.clone(),
            mode: r.mode,
            bank: r.bank.clone(),
            started_at: r.started_at,
            submitted: r.is_submitted(),
            score: r.result.as_ref().map(|o| Score {
                percent: o.percent,
                passed: o.passed,
            }),
            typing: r.typing.is_some(),
            typing_score: typing_result.map(|t| TypingScore {
                net_cpm: t.net_cpm,
                reached: verdict(t) != "未达标",
            }),
        }
    }
}

/// The stored record's fields a summary reads. The ignored ones are required by every schema
/// version, so a record without them is reported as broken here too.
#[derive(Deserialize)]
struct Stored {
    schema: u32,
    id: String,
    mode: Mode,
    bank: BankRef,
    started_at: i64,
    submitted_at: Option<i64>,
    result: Option<StoredScore>,
    #[serde(default)]
    typing: Option<StoredTyping>,
    #[serde(rename = "seed")]
    _seed: IgnoredAny,
    #[serde(rename = "pass_percent")]
    _pass_percent: IgnoredAny,
    #[serde(rename = "questions")]
    _questions: IgnoredAny,
    #[serde(rename = "answers")]
    _answers: IgnoredAny,
}

#[derive(Deserialize)]
struct StoredScore {
    percent: f64,
    passed: bool,
}

#[derive(Deserialize)]
struct StoredTyping {
    #[serde(default)]
    result: Option<StoredTypingResult>,
}

#[derive(Deserialize)]
struct StoredTypingResult {
    net_cpm: f64,
    targets: Vec<TargetMet>,
}

impl TryFrom<Stored> for AttemptSummary {
    type Error = String;

    fn try_from(s: Stored) -> Result<AttemptSummary, String> {
        crate::engine::attempt::migrate::readable_schema(s.schema)?;
        let typing = s.typing.is_some();
        Ok(AttemptSummary {
            id: s.id,
            mode: s.mode,
            bank: s.bank,
            started_at: s.started_at,
            submitted: s.submitted_at.is_some(),
            score: s.result.map(|o| Score {
                percent: o.percent,
                passed: o.passed,
            }),
            typing,
            typing_score: s.typing.and_then(|t| t.result).map(|t| TypingScore {
                net_cpm: t.net_cpm,
                // As `verdict`: the lowest target decides; no targets, nothing to miss.
                reached: t.targets.iter().min_by_key(|g| g.cpm).is_none_or(|g| g.met),
            }),
        })
    }
}

//! A typing test as an attempt: a typing bank starts an ordinary attempt record (same store,
//! history and exports) carrying the test, and the record is closed at the end of the text or
//! when time runs out. Here rather than in typing/ because it builds and closes the record,
//! which holds a typing record from below.

use crate::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason, Trainee};
use crate::engine::bank::bank::{Bank, Settings};
use crate::engine::text::fingerprint::Fingerprint;
use crate::engine::typing::bank::TypingBank;
use crate::engine::typing::typing::{CommitError, TypingEnd, TypingRecord};
use std::sync::Arc;

impl TypingBank {
    /// Starts an attempt: an ordinary attempt record (same store, history and exports)
    /// carrying the typing test. Practice has no time limit.
    pub fn start(&self, mode: Mode, trainee: Trainee, seed: u64, now: i64) -> AttemptRecord {
        let shell = Bank {
            path: self.path.clone(),
            title: self.title.clone(),
            settings: Settings::default(),
            intro: Vec::new(),
            sections: Vec::new(),
            hash: Fingerprint::known(Arc::from(self.hash.as_str())),
        };
        let mut rec = AttemptRecord::start(&shell, mode, trainee, seed, now);
        let plan = self.plan(seed);
        rec.typing = Some(TypingRecord::new(
            plan.iter().map(|&i| self.passages[i].id.clone()).collect(),
            self.text_for(&plan),
            (mode == Mode::Exam).then_some(self.duration),
            self.targets.clone(),
            self.min_accuracy,
        ));
        rec
    }
}

/// Every attempt on typing banks, for the trainer desk: the plain one-line summary of a record
/// (`None` when it is not a finished typing test).
pub fn record_summary(rec: &AttemptRecord) -> Option<String> {
    let r = rec.typing.as_ref()?.result.as_ref()?;
    Some(crate::engine::typing::typing::summary(r))
}

/// Ends the typing test of `rec` and closes the record like a submitted exam (a time-out is
/// dated at the deadline).
pub fn close(rec: &mut AttemptRecord, now: i64, end: TypingEnd) {
    let Some(t) = rec.typing.as_mut() else { return };
    t.finish(now, end);
    if rec.submitted_at.is_none() {
        rec.submitted_at = t.ended_at;
        rec.submit_reason = Some(match t.end {
            Some(TypingEnd::TimeUp) => SubmitReason::Timeout,
            _ => SubmitReason::Manual,
        });
    }
}

/// A typing test whose time ran out while no page had it open is closed at its deadline.
/// `wall` is the device clock; the test's time is the attempt's own (`exam_clock`), so a
/// device clock set back cannot keep an expired test open. Returns whether it was closed.
pub fn close_if_expired(rec: &mut AttemptRecord, wall: i64) -> bool {
    let now = rec.clock.peek(wall);
    if !rec.typing.as_ref().is_some_and(|t| t.needs_timeout(now)) {
        return false;
    }
    close(rec, now, TypingEnd::TimeUp);
    true
}

/// Takes the committed text; at the end of the text the record is closed. `Ok(true)` when
/// the test is over.
pub fn commit(rec: &mut AttemptRecord, committed: &str, now: i64) -> Result<bool, CommitError> {
    let t = rec.typing.as_mut().ok_or(CommitError::Ended)?;
    let done = t.commit(committed, now)?;
    if done {
        close(rec, now, TypingEnd::EndOfText);
    }
    Ok(done)
}

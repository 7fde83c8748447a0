//! What the exam page does with each thing it observes, as plain functions over the record, so
//! the page only wires browser events to them. Exams only: practice is not watched (its clock
//! is still read, harmlessly, since it has no deadline).

use crate::engine::attempt::attempt::{AttemptRecord, Mode};
use crate::engine::time::events::{self, EventKind, Via};
use crate::engine::time::integrity::Away;

fn watched(r: &AttemptRecord) -> bool {
    r.mode == Mode::Exam && !r.is_submitted()
}

/// Reads the clock (see `exam_clock::ExamClock::read`), records a jump, and returns the
/// attempt's time now.
pub fn read_clock(r: &mut AttemptRecord, wall: i64, mono: Option<i64>) -> i64 {
    let (now, jump) = r.clock.read(wall, mono);
    if let (Some(j), true) = (jump, watched(r)) {
        events::push_jump(&mut r.events, now, j);
    }
    now
}

/// The page was loaded with this attempt in tab `tab`: the first reading of the clock (no
/// monotonic time yet), the opening recorded with the time no page had the attempt open, and
/// a departure left open by a page that was closed while away is closed now (the time it was
/// closed counts as away: the trainee had left before closing it).
pub fn opened(r: &mut AttemptRecord, wall: i64, tab: &str) -> i64 {
    let before = r.clock.seen;
    let now = read_clock(r, wall, None);
    if watched(r) {
        events::come_back(&mut r.events, now);
        // The same page drawing the exam again (after the course loaded) is not a new opening.
        let last = r.events.iter().rev().find_map(|e| match &e.kind {
            EventKind::Opened { tab, .. } => Some(tab.as_str()),
            _ => None,
        });
        if last != Some(tab) {
            let closed_ms = if last.is_some() { now - before } else { 0 };
            let tab = tab.into();
            events::push(&mut r.events, now, EventKind::Opened { tab, closed_ms });
        }
    }
    now
}

/// The trainee left the page. `None` when not counted (already away, practice, submitted);
/// otherwise what the bank's `max_away` says follows.
pub fn left(r: &mut AttemptRecord, at: i64, via: Via) -> Option<Away> {
    if !watched(r) || !events::leave(&mut r.events, at, via) {
        return None;
    }
    r.focus_lost = r.focus_lost.max(events::departures(&r.events));
    Some(r.rules.after_departures(r.focus_lost))
}

/// Back on the page: how long the trainee was away, if a departure was open.
pub fn returned(r: &mut AttemptRecord, at: i64) -> Option<i64> {
    if !watched(r) {
        return None;
    }
    events::come_back(&mut r.events, at)
}

/// One visit of question `key` ended after `ms`.
pub fn question_time(r: &mut AttemptRecord, at: i64, key: &str, ms: i64) {
    if watched(r) && ms > 0 {
        let key = key.to_string();
        events::push(&mut r.events, at, EventKind::Question { key, ms });
    }
}

/// Tab `tab` took the attempt over from tab `from`, which had it open.
pub fn took_over(r: &mut AttemptRecord, at: i64, tab: &str, from: &str) {
    if watched(r) {
        let (tab, from) = (tab.to_string(), from.to_string());
        events::push(&mut r.events, at, EventKind::TakeOver { tab, from });
    }
}

pub fn fullscreen_left(r: &mut AttemptRecord, at: i64) {
    if watched(r) && r.rules.fullscreen {
        events::push(&mut r.events, at, EventKind::FullscreenLeft);
    }
}

/// Moves to question `to` if the rules allow it (`one_way`). Returns whether it moved.
pub fn go_to(r: &mut AttemptRecord, to: usize) -> bool {
    if to >= r.questions.len() || !r.rules.may_go(r.current, to) {
        return false;
    }
    r.current = to;
    true
}

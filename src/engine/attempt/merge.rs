//! Two versions of one attempt record (two tabs, or a tab and what is stored) made into one,
//! answer by answer, so no answer given in either is lost.
//!
//! - Each answer: the version changed last (`answered_at`) wins, including a deliberate clear;
//!   at equal times an answer beats no answer.
//! - Flags and practice checks: the union. The event log: the union, in time order.
//! - The clock: the later `seen` (time never goes back).
//! - A submitted version is final (it was graded with its answers); of two, the first
//!   submission counts. The other's events are still kept.

use crate::engine::attempt::attempt::AttemptRecord;
use crate::engine::time::events::{departures, Event};
use std::collections::BTreeSet;

/// Merges `theirs` into `ours`. Where neither rule above decides, `ours` is kept (the question
/// on screen, for one).
pub fn merge(ours: &AttemptRecord, theirs: &AttemptRecord) -> AttemptRecord {
    if ours.id != theirs.id {
        return ours.clone();
    }
    let mut out = match (ours.submitted_at, theirs.submitted_at) {
        (Some(a), Some(b)) if b < a => theirs.clone(),
        (Some(_), _) => ours.clone(),
        (None, Some(_)) => theirs.clone(),
        (None, None) => merge_answers(ours, theirs),
    };
    out.events = merge_events(&ours.events, &theirs.events);
    out.clock.seen = ours.clock.seen.max(theirs.clock.seen);
    out.focus_lost = ours
        .focus_lost
        .max(theirs.focus_lost)
        .max(departures(&out.events));
    out
}

fn merge_answers(ours: &AttemptRecord, theirs: &AttemptRecord) -> AttemptRecord {
    let mut out = ours.clone();
    let keys: BTreeSet<&String> = theirs
        .answers
        .keys()
        .chain(theirs.answered_at.keys())
        .collect();
    for key in keys {
        let mine = ours.answered_at.get(key);
        let other = theirs.answered_at.get(key);
        let take_theirs = match mine.cmp(&other) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => {
                !ours.answers.contains_key(key) && theirs.answers.contains_key(key)
            }
        };
        if take_theirs {
            match theirs.answers.get(key) {
                Some(a) => out.answers.insert(key.clone(), a.clone()),
                None => out.answers.remove(key),
            };
            if let Some(t) = other {
                out.answered_at.insert(key.clone(), *t);
            }
        }
    }
    out.flagged.extend(theirs.flagged.iter().cloned());
    out.checked.extend(theirs.checked.iter().cloned());
    if out.rules.one_way {
        // Going back is not allowed: the furthest question reached stays the floor.
        out.current = ours.current.max(theirs.current);
    }
    out
}

/// The union of two logs that share a prefix (both grew from one stored version), in time
/// order; an event present in both is kept once.
fn merge_events(a: &[Event], b: &[Event]) -> Vec<Event> {
    let mut out: Vec<Event> = a.to_vec();
    let mut left: Vec<&Event> = a.iter().collect();
    for e in b {
        if let Some(i) = left.iter().position(|x| *x == e) {
            left.swap_remove(i);
        } else {
            out.push(e.clone());
        }
    }
    out.sort_by_key(|e| e.at);
    out
}

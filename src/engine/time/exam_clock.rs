//! The attempt's own time line: elapsed exam time never decreases, whatever the device clock does.
//!
//! With no server the device clock is all there is, and a trainee (or a phone's time sync) can
//! move it. So an attempt keeps the latest time it has seen (`seen`, saved with every answer and
//! periodically) and reads the clock against it:
//! - within one page the monotonic clock (`performance.now`) says how much time really passed, so
//!   a device clock that jumps back costs nothing and gains nothing: time runs on as measured;
//! - after a reload only the device clock is left: one behind `seen` counts as no time passing
//!   (the jump is recorded), one ahead counts in full, as before: a clock set forward past the
//!   deadline submits the exam, and so does time the page spent closed.
//!
//! The deadline stays `started_at + time limit` on this time line.

use serde::{Deserialize, Serialize};

/// Differences between the device clock and the monotonic clock up to this are noise
/// (timer jitter, clock slewing), not a jump.
pub const JUMP_TOLERANCE_MS: i64 = 2_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamClock {
    /// The latest time seen for the attempt (ms since the Unix epoch, on the attempt's time
    /// line). Never decreases.
    pub seen: i64,
    /// How far the device clock was behind `seen` at the last reading, so a clock already known
    /// to be behind is reported once, not at every reading.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub behind: i64,
}

fn is_zero(v: &i64) -> bool {
    *v == 0
}

/// A change of the device clock noticed at a reading (ms).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Jump {
    Back(i64),
    /// Within a page only: the device clock ran ahead of the monotonic clock (set forward, or
    /// the device slept, which some systems do not count on the monotonic clock).
    Forward(i64),
}

impl ExamClock {
    pub fn new(now: i64) -> ExamClock {
        ExamClock {
            seen: now,
            behind: 0,
        }
    }

    /// Reads the clock. `wall` is the device clock (`Date.now()`); `mono` is the monotonic time
    /// since this page's previous reading, `None` at the first reading after a page load.
    /// Returns the attempt's time now and the clock jump noticed, if any.
    pub fn read(&mut self, wall: i64, mono: Option<i64>) -> (i64, Option<Jump>) {
        let expected = self.seen + mono.unwrap_or(0).max(0);
        // The device clock's offset from the time line before and now: a change is a jump.
        let shift = (wall - expected) + self.behind;
        let jump = if shift < -JUMP_TOLERANCE_MS {
            Some(Jump::Back(-shift))
        } else if shift > JUMP_TOLERANCE_MS && mono.is_some() {
            Some(Jump::Forward(shift))
        } else {
            None
        };
        let now = expected.max(wall);
        self.seen = now;
        self.behind = (now - wall).max(0);
        (now, jump)
    }

    /// The attempt's time now without recording anything (for attempts not on screen).
    pub fn peek(&self, wall: i64) -> i64 {
        self.seen.max(wall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_795_395_600_000;
    const MIN: i64 = 60_000;

    #[test]
    fn a_steady_clock_reports_nothing() {
        let mut c = ExamClock::new(T0);
        assert_eq!(c.read(T0 + 500, Some(500)), (T0 + 500, None));
        assert_eq!(c.read(T0 + 1000, None), (T0 + 1000, None));
    }

    #[test]
    fn a_clock_behind_is_reported_once() {
        let mut c = ExamClock::new(T0);
        assert_eq!(
            c.read(T0 - 59 * MIN, Some(MIN)),
            (T0 + MIN, Some(Jump::Back(60 * MIN)))
        );
        assert_eq!(c.read(T0 - 58 * MIN, Some(MIN)), (T0 + 2 * MIN, None));
        // Put right again: reported as a jump forward, and no time is lost.
        assert_eq!(
            c.read(T0 + 3 * MIN, Some(MIN)),
            (T0 + 3 * MIN, Some(Jump::Forward(60 * MIN)))
        );
    }
}

//! Reading an attempt's own clock (`engine::time::exam_clock`) in a page: the device clock checked
//! against the monotonic clock (`performance.now`) since this page's previous reading, so a
//! device clock moved during the attempt neither gives nor takes time. Shared by the exam's
//! watch and the typing test; the decisions are `engine::attempt::watch::read_clock`'s.

use super::clock::{mono, now};
use crate::engine::attempt::attempt::AttemptRecord;
use crate::engine::attempt::watch;
use crate::engine::time::exam_clock::ExamClock;
use leptos::prelude::*;

thread_local! {
    /// This page's latest reading of an attempt's clock and the monotonic time of it, for an
    /// attempt view drawn again in the same page.
    static LAST_READING: std::cell::RefCell<Option<(String, ExamClock, f64)>> =
        const { std::cell::RefCell::new(None) };
}

fn remember(r: &AttemptRecord, mono_at: f64) {
    LAST_READING.with(|l| *l.borrow_mut() = Some((r.id.clone(), r.clock, mono_at)));
}

#[derive(Clone, Copy)]
pub struct PageClock {
    /// The monotonic time of this page's previous reading.
    mono_at: StoredValue<f64>,
}

impl PageClock {
    /// The page's first reading of `r`'s clock. Drawn again in the same page, the monotonic
    /// clock goes on from the last reading; otherwise this is a page load, read by `on_load`
    /// (the exam records its opening there) with the device clock. Returns the attempt's time.
    pub fn open(
        r: &mut AttemptRecord,
        on_load: impl FnOnce(&mut AttemptRecord, i64) -> i64,
    ) -> (PageClock, i64) {
        let earlier = LAST_READING
            .with(|l| l.borrow().clone())
            .filter(|(i, ..)| *i == r.id);
        let t = match earlier {
            Some((_, clock, at)) => {
                if clock.seen >= r.clock.seen {
                    r.clock = clock;
                }
                watch::read_clock(r, now(), Some((mono() - at).round() as i64))
            }
            None => on_load(r, now()),
        };
        let m = mono();
        remember(r, m);
        let clock = PageClock {
            mono_at: StoredValue::new(m),
        };
        (clock, t)
    }

    /// The attempt's time now; a clock jump, if any, goes to `r`'s event log.
    pub fn read(&self, r: &mut AttemptRecord) -> i64 {
        let m = mono();
        let dm = (m - self.mono_at.get_value()).round() as i64;
        self.mono_at.set_value(m);
        let t = watch::read_clock(r, now(), Some(dm));
        remember(r, m);
        t
    }
}

//! The exam page's watch: wires browser events (the clocks, leaving and coming back, full
//! screen, other tabs) to `engine::attempt::watch`, and saves. The decisions are the engine's;
//! this file only observes and writes.
//!
//! Leaving is noticed three ways, because each misses cases: `visibilitychange` (another tab,
//! the home screen; misses a window put in front on a desktop), window `blur` (catches that),
//! and `document.hasFocus()` checked at every tick (the return is only counted once the page is
//! both visible and focused, and a missed `visibilitychange` is caught on the next tick).

use super::attempt_clock::PageClock;
use super::json::BrowserJson;
use super::route::{go, Route};
use super::state::AppState;
use super::storage;
use super::tabs::{self, Msg};
use crate::engine::attempt::attempt::{AttemptRecord, SubmitReason};
use crate::engine::attempt::merge::merge;
use crate::engine::attempt::watch;
use crate::engine::time::events::Via;
use crate::engine::time::integrity::Away;
use leptos::prelude::*;
use std::time::Duration;

/// The record is saved at least this often (attempt time), keeping `clock.seen` fresh.
const SAVE_EVERY_MS: i64 = 10_000;

#[derive(Clone, Copy)]
pub struct Watch {
    rec: RwSignal<AttemptRecord>,
    state: AppState,
    /// The attempt's time (see `engine::time::exam_clock`), for the countdown.
    pub clock: RwSignal<i64>,
    /// Another tab took this attempt over: this page no longer writes.
    pub superseded: RwSignal<bool>,
    pub fullscreen: RwSignal<bool>,
    page_clock: PageClock,
    /// The question on screen and since when (attempt time), for the time per question.
    viewing: StoredValue<Option<(usize, i64)>>,
    saved_at: StoredValue<i64>,
    /// The page is being reloaded or closed (`pagehide`): the page then turns hidden, which is
    /// not the trainee leaving; the next page load records the reopening instead.
    unloading: StoredValue<bool>,
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn page_hidden() -> bool {
    document().is_some_and(|d| d.hidden())
}

fn page_focused() -> bool {
    document().is_some_and(|d| !d.hidden() && d.has_focus().unwrap_or(true))
}

fn in_fullscreen() -> bool {
    document().is_some_and(|d| d.fullscreen_element().is_some())
}

/// Asks for full screen (must run inside a click). Refusal is fine: leaving is what is recorded.
pub fn request_fullscreen() {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        let _ = el.request_fullscreen();
    }
}

impl Watch {
    /// Takes the attempt over in this tab and reads the clock for the first time.
    pub fn new(rec: RwSignal<AttemptRecord>, state: AppState) -> Watch {
        let id = rec.with_untracked(|r| r.id.clone());
        tabs::claim(&id);
        let mut r = rec.get_untracked();
        // Another tab may have written since this page loaded its copy.
        if let Some(stored) = storage::load_attempt(&id) {
            r = merge(&r, &stored);
        }
        // The exam drawn again in the same page (after the course loaded) goes on from the last
        // reading, and nothing is lost; a page load records the opening.
        let (page_clock, t) =
            PageClock::open(&mut r, |r, wall| watch::opened(r, wall, &tabs::me()));
        rec.set(r);
        let w = Watch {
            rec,
            state,
            clock: RwSignal::new(t),
            superseded: RwSignal::new(false),
            fullscreen: RwSignal::new(in_fullscreen()),
            page_clock,
            viewing: StoredValue::new(None),
            saved_at: StoredValue::new(t),
            unloading: StoredValue::new(false),
        };
        w.save();
        w.start_view(t);
        w
    }

    /// Whether this page still writes the attempt. Also false once the exam view is gone: a
    /// timer or listener can outlive it (seen when the view is drawn again after the course
    /// loads), and touching its disposed signals would abort the app.
    fn active(&self) -> bool {
        !self.rec.is_disposed() && !self.superseded.get_untracked()
    }

    /// The attempt's time now, recording a clock jump if there was one.
    pub fn now(&self) -> i64 {
        let before = self.rec.with_untracked(|r| r.events.len());
        let mut t = 0;
        self.rec.update_untracked(|r| t = self.page_clock.read(r));
        if self.rec.with_untracked(|r| r.events.len()) != before {
            self.rec.notify();
            self.save();
        }
        self.clock.set(t);
        t
    }

    /// Saves (merged with what is stored). A tab that finds another tab now writes this attempt
    /// saves this once, merged, and stops.
    pub fn save(&self) {
        if !self.active() {
            return;
        }
        let id = self.rec.with_untracked(|r| r.id.clone());
        let writer = tabs::is_writer(&id);
        let merged = self.state.save_attempt(&self.rec.get_untracked());
        self.saved_at.set_value(merged.clock.seen);
        if self.rec.with_untracked(|r| *r != merged) {
            self.rec.set(merged);
        }
        if !writer {
            self.superseded.set(true);
        }
    }

    fn start_view(&self, t: i64) {
        let i = self.rec.with_untracked(|r| r.current);
        self.viewing.set_value(Some((i, t)));
    }

    fn end_view(&self, t: i64) {
        if let Some((i, since)) = self.viewing.get_value() {
            self.viewing.set_value(None);
            self.rec.update_untracked(|r| {
                if let Some(key) = r.questions.get(i).map(|q| q.key.clone()) {
                    watch::question_time(r, t, &key, t - since);
                }
            });
        }
    }

    /// Moves to question `i` if the rules allow it.
    pub fn goto(&self, i: usize) -> bool {
        if !self.active() {
            return false;
        }
        let t = self.now();
        let allowed = self.rec.with_untracked(|r| {
            i < r.questions.len() && r.rules.may_go(r.current, i) && r.current != i
        });
        if !allowed {
            return false;
        }
        self.end_view(t);
        self.rec.update(|r| {
            watch::go_to(r, i);
        });
        self.start_view(t);
        self.save();
        true
    }

    /// Closes the visit of the question on screen; returns the attempt time to submit at.
    pub fn before_submit(&self) -> i64 {
        let t = self.now();
        self.end_view(t);
        t
    }

    fn leave(&self, via: Via, submit: Callback<SubmitReason>) {
        if !self.active() || self.unloading.get_value() {
            return;
        }
        let t = self.now();
        let mut action = None;
        self.rec
            .update_untracked(|r| action = watch::left(r, t, via));
        let Some(action) = action else { return };
        self.end_view(t);
        self.rec.notify();
        if action == Away::Submit {
            submit.run(SubmitReason::MaxAway);
        } else {
            self.save();
        }
    }

    fn come_back(&self) {
        if !self.active() || !page_focused() {
            return;
        }
        let t = self.now();
        let mut back = None;
        self.rec.update_untracked(|r| back = watch::returned(r, t));
        if back.is_some() {
            self.rec.notify();
            self.start_view(t);
            self.save();
        }
    }

    fn tick(&self, submit: Callback<SubmitReason>) {
        if !self.active() {
            return;
        }
        let t = self.now();
        if page_hidden() {
            self.leave(Via::Hidden, submit);
        } else {
            self.come_back();
        }
        if t - self.saved_at.get_value() >= SAVE_EVERY_MS {
            self.save();
        }
    }

    /// Starts watching: the ticker, the page's events, the other tabs, and the deadline.
    pub fn install(self, submit: Callback<SubmitReason>) {
        let w = self;
        if let Ok(h) = set_interval_with_handle(move || w.tick(submit), Duration::from_millis(500))
        {
            on_cleanup(move || h.clear());
        }
        let handles = [
            window_event_listener(leptos::ev::visibilitychange, move |_| {
                if page_hidden() {
                    w.leave(Via::Hidden, submit);
                } else {
                    w.come_back();
                }
            }),
            window_event_listener(leptos::ev::blur, move |_| w.leave(Via::Blur, submit)),
            window_event_listener(leptos::ev::focus, move |_| w.come_back()),
            window_event_listener(leptos::ev::pagehide, move |e| {
                if !w.active() {
                    return;
                }
                if e.persisted() {
                    // Kept in the back-forward cache: the trainee went to another page and may
                    // come back to this one; that is leaving.
                    w.leave(Via::Hidden, submit);
                    return;
                }
                w.unloading.set_value(true);
                let t = w.now();
                w.end_view(t);
                w.save();
            }),
            // Back from the back-forward cache: the same page, watching again.
            window_event_listener(leptos::ev::pageshow, move |_| {
                if !w.rec.is_disposed() {
                    w.unloading.set_value(false);
                }
            }),
            window_event_listener(leptos::ev::storage, move |e| w.on_storage(&e)),
            window_event_listener_untyped("fullscreenchange", move |_| {
                if w.rec.is_disposed() {
                    return;
                }
                let full = in_fullscreen();
                w.fullscreen.set(full);
                if !full && w.active() {
                    let t = w.now();
                    w.rec.update(|r| watch::fullscreen_left(r, t));
                    w.save();
                }
            }),
        ];
        on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
        let token = tabs::set_handler(move |msg| w.on_message(msg));
        on_cleanup(move || tabs::clear(token));
        // Submitted in another tab (merged in): show the result.
        Effect::new(move |_| {
            if let Some(id) = w.rec.with(|r| r.is_submitted().then(|| r.id.clone())) {
                go(&Route::Result(id));
            }
        });
        Effect::new(move |_| {
            let t = w.clock.get();
            if w.rec.with_untracked(|r| r.needs_timeout_submit(t)) {
                submit.run(SubmitReason::Timeout);
            }
        });
    }

    fn on_message(&self, msg: Msg) {
        if self.rec.is_disposed() {
            return;
        }
        let id = self.rec.with_untracked(|r| r.id.clone());
        let me = tabs::me();
        match msg {
            Msg::Claim { attempt, tab }
                if attempt == id && tab != me && !self.superseded.get_untracked() =>
            {
                self.superseded.set(true);
                let yielded = Msg::Yield {
                    attempt,
                    tab: me,
                    to: tab,
                };
                tabs::send(&yielded);
            }
            Msg::Yield { attempt, tab, to } if attempt == id && to == me => {
                let t = self.now();
                self.rec.update(|r| watch::took_over(r, t, &me, &tab));
                self.save();
            }
            _ => {}
        }
    }

    /// Another tab wrote: a message (fallback channel), or this attempt (merged in, so the
    /// answer sheet shows it and the next write keeps it).
    fn on_storage(&self, e: &web_sys::StorageEvent) {
        if self.rec.is_disposed() {
            return;
        }
        let key = e.key().unwrap_or_default();
        let value = e.new_value().unwrap_or_default();
        let id = self.rec.with_untracked(|r| r.id.clone());
        match storage::own_key(&key) {
            Some("signal") => tabs::receive_signal(&value),
            Some(k) if k.strip_prefix("attempt:") == Some(id.as_str()) => {
                if let Ok(theirs) = AttemptRecord::read::<BrowserJson>(&value) {
                    let merged = self.rec.with_untracked(|r| merge(r, &theirs));
                    if self.rec.with_untracked(|r| *r != merged) {
                        self.rec.set(merged);
                    }
                }
            }
            _ => {}
        }
    }
}

//! The attempt's event log: what the browser could observe during an exam (leaving the page,
//! clock jumps, another tab, full screen, time per question), appended and never edited, and
//! its summary for the trainer. Signals, not verdicts: a notification pulled down on a phone is
//! a departure too, so the summary states facts (how often, how long) and nothing else.

use super::attempt::AttemptRecord;
use super::exam_clock::Jump;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// On the attempt's time line (see `exam_clock`), ms since the Unix epoch.
    pub at: i64,
    #[serde(flatten)]
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The exam page was opened in a tab (at the start, after a reload, in another tab);
    /// `closed_ms`: how long no page had it open before (reloading or closing the page is not
    /// counted as leaving it: a reload is a common fix, and `max_away` must not punish it).
    Opened {
        tab: String,
        #[serde(default, skip_serializing_if = "is_zero")]
        closed_ms: i64,
    },
    /// The trainee left the exam page; `via` is how it was noticed.
    Left {
        via: Via,
    },
    /// Back on the exam page after `away_ms`.
    Returned {
        away_ms: i64,
    },
    ClockBack {
        by_ms: i64,
    },
    /// The device clock ran ahead of the time measured in the page (set forward, or the
    /// device slept).
    ClockForward {
        by_ms: i64,
    },
    /// Tab `tab` opened the attempt while tab `from` had it open, and took over writing.
    TakeOver {
        tab: String,
        from: String,
    },
    FullscreenLeft,
    /// One visit of a question lasted `ms` (written when the trainee moves on or leaves).
    Question {
        key: String,
        ms: i64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// The page was hidden (`visibilitychange`: another tab, the home screen, the lock screen).
    Hidden,
    /// The window lost focus (`blur`, `document.hasFocus()`: another window or app in front).
    Blur,
}

fn is_zero(v: &i64) -> bool {
    *v == 0
}

/// Appends `kind` at `at`. The only way events enter a log.
pub fn push(log: &mut Vec<Event>, at: i64, kind: EventKind) {
    log.push(Event { at, kind });
}

pub fn push_jump(log: &mut Vec<Event>, at: i64, jump: Jump) {
    let kind = match jump {
        Jump::Back(by_ms) => EventKind::ClockBack { by_ms },
        Jump::Forward(by_ms) => EventKind::ClockForward { by_ms },
    };
    push(log, at, kind);
}

/// When the trainee left, if they have not come back yet.
pub fn away_since(log: &[Event]) -> Option<i64> {
    log.iter().rev().find_map(|e| match e.kind {
        EventKind::Left { .. } => Some(Some(e.at)),
        EventKind::Returned { .. } => Some(None),
        _ => None,
    })?
}

/// Records a departure unless one is open already (a tab switch fires both `blur` and
/// `visibilitychange`: one departure). Returns whether it was new.
pub fn leave(log: &mut Vec<Event>, at: i64, via: Via) -> bool {
    if away_since(log).is_some() {
        return false;
    }
    push(log, at, EventKind::Left { via });
    true
}

/// Closes an open departure. Returns how long it lasted.
pub fn come_back(log: &mut Vec<Event>, at: i64) -> Option<i64> {
    let since = away_since(log)?;
    let away_ms = (at - since).max(0);
    push(log, at, EventKind::Returned { away_ms });
    Some(away_ms)
}

pub fn departures(log: &[Event]) -> u32 {
    log.iter()
        .filter(|e| matches!(e.kind, EventKind::Left { .. }))
        .count() as u32
}

/// What a trainer reads about an attempt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub departures: u32,
    /// Total time away over the closed departures.
    pub away_ms: i64,
    /// Departures counted before the log existed (schema 1), whose durations are unknown.
    pub untimed_departures: u32,
    pub clock_back: u32,
    pub clock_back_ms: i64,
    pub clock_forward: u32,
    pub clock_forward_ms: i64,
    pub takeovers: u32,
    pub fullscreen_left: u32,
    /// Times the page was opened again after the first (reloads, restored tabs).
    pub reopened: u32,
    /// Time the attempt had no page open in between.
    pub closed_ms: i64,
    /// Time on each question, summed over its visits.
    pub question_ms: BTreeMap<String, i64>,
}

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

    /// One line per kind of signal seen, in Chinese; empty when there is nothing to report.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.departures > 0 {
            let timed = self.departures - self.untimed_departures;
            out.push(if timed == 0 {
                format!("离开页面 {} 次（时长未记录）", self.departures)
            } else {
                format!(
                    "离开页面 {} 次，共 {}",
                    self.departures,
                    span_cn(self.away_ms)
                )
            });
        }
        if self.clock_back > 0 {
            out.push(format!(
                "时钟回拨 {} 次，共 {}（回拨期间不计时间）",
                self.clock_back,
                span_cn(self.clock_back_ms)
            ));
        }
        if self.clock_forward > 0 {
            out.push(format!(
                "时钟前跳或设备休眠 {} 次，共 {}（计入用时）",
                self.clock_forward,
                span_cn(self.clock_forward_ms)
            ));
        }
        if self.takeovers > 0 {
            out.push(format!(
                "在另一个标签页打开并接管 {} 次（答案已合并保存）",
                self.takeovers
            ));
        }
        if self.fullscreen_left > 0 {
            out.push(format!("退出全屏 {} 次", self.fullscreen_left));
        }
        if self.reopened > 0 {
            out.push(if self.closed_ms >= 1000 {
                format!(
                    "页面重新打开 {} 次（其间页面关闭共 {}）",
                    self.reopened,
                    span_cn(self.closed_ms)
                )
            } else {
                format!("页面重新打开 {} 次", self.reopened)
            });
        }
        out
    }
}

/// `2 分 10 秒`, `45 秒`, `1 小时 5 分`: spaced, as the trainer reads it in a sentence.
pub fn span_cn(ms: i64) -> String {
    let secs = (ms.max(0) + 500) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h, m) {
        (0, 0) => format!("{s} 秒"),
        (0, _) => format!("{m} 分 {s} 秒"),
        _ => format!("{h} 小时 {m} 分"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_a_sentence() {
        assert_eq!(span_cn(130_000), "2 分 10 秒");
        assert_eq!(span_cn(400), "0 秒");
        assert_eq!(span_cn(45_000), "45 秒");
        assert_eq!(span_cn(3_900_000), "1 小时 5 分");
    }

    #[test]
    fn a_tab_switch_seen_twice_is_one_departure() {
        let mut log = Vec::new();
        assert!(leave(&mut log, 10, Via::Blur));
        assert!(!leave(&mut log, 11, Via::Hidden));
        assert_eq!(come_back(&mut log, 1010), Some(1000));
        assert_eq!(come_back(&mut log, 1020), None);
        assert_eq!(departures(&log), 1);
    }
}

//! The attempt's event log: what the browser could observe during an exam (leaving the page,
//! clock jumps, another tab, full screen, time per question), appended and never edited, and
//! its summary for the trainer. Signals, not verdicts: a notification pulled down on a phone is
//! a departure too, so the summary states facts (how often, how long) and nothing else.

use crate::engine::text::json::required;
use crate::engine::time::exam_clock::Jump;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Stored as `{"at":…,"type":"left","via":"blur"}`: read and written through the flat `Stored`
/// form rather than a flattened, internally tagged enum, whose buffering cost about 15 KB of
/// wasm in every program. The text is the same either way (tests below).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Stored", into = "Stored")]
pub struct Event {
    /// On the attempt's time line (see `exam_clock`), ms since the Unix epoch.
    pub at: i64,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// The exam page was opened in a tab (at the start, after a reload, in another tab);
    /// `closed_ms`: how long no page had it open before (reloading or closing the page is not
    /// counted as leaving it: a reload is a common fix, and `max_away` must not punish it).
    Opened {
        tab: String,
        /// Not written when 0.
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

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Opened,
    Left,
    Returned,
    ClockBack,
    ClockForward,
    TakeOver,
    FullscreenLeft,
    Question,
}

/// Every event's fields side by side, in the order each writes them; `type` says which.
#[derive(Serialize, Deserialize)]
struct Stored {
    at: i64,
    #[serde(rename = "type")]
    kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tab: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    closed_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    via: Option<Via>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    away_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by_ms: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ms: Option<i64>,
}

impl Stored {
    fn new(at: i64, kind: Kind) -> Stored {
        Stored {
            at,
            kind,
            tab: None,
            from: None,
            closed_ms: None,
            via: None,
            away_ms: None,
            by_ms: None,
            key: None,
            ms: None,
        }
    }
}

impl TryFrom<Stored> for Event {
    type Error = String;
    fn try_from(s: Stored) -> Result<Event, String> {
        let kind = match s.kind {
            Kind::Opened => EventKind::Opened {
                tab: required(s.tab, "tab")?,
                closed_ms: s.closed_ms.unwrap_or(0),
            },
            Kind::Left => EventKind::Left {
                via: required(s.via, "via")?,
            },
            Kind::Returned => EventKind::Returned {
                away_ms: required(s.away_ms, "away_ms")?,
            },
            Kind::ClockBack => EventKind::ClockBack {
                by_ms: required(s.by_ms, "by_ms")?,
            },
            Kind::ClockForward => EventKind::ClockForward {
                by_ms: required(s.by_ms, "by_ms")?,
            },
            Kind::TakeOver => EventKind::TakeOver {
                tab: required(s.tab, "tab")?,
                from: required(s.from, "from")?,
            },
            Kind::FullscreenLeft => EventKind::FullscreenLeft,
            Kind::Question => EventKind::Question {
                key: required(s.key, "key")?,
                ms: required(s.ms, "ms")?,
            },
        };
        Ok(Event { at: s.at, kind })
    }
}

impl From<Event> for Stored {
    fn from(e: Event) -> Stored {
        let at = e.at;
        match e.kind {
            EventKind::Opened { tab, closed_ms } => Stored {
                tab: Some(tab),
                closed_ms: (closed_ms != 0).then_some(closed_ms),
                ..Stored::new(at, Kind::Opened)
            },
            EventKind::Left { via } => Stored {
                via: Some(via),
                ..Stored::new(at, Kind::Left)
            },
            EventKind::Returned { away_ms } => Stored {
                away_ms: Some(away_ms),
                ..Stored::new(at, Kind::Returned)
            },
            EventKind::ClockBack { by_ms } => Stored {
                by_ms: Some(by_ms),
                ..Stored::new(at, Kind::ClockBack)
            },
            EventKind::ClockForward { by_ms } => Stored {
                by_ms: Some(by_ms),
                ..Stored::new(at, Kind::ClockForward)
            },
            EventKind::TakeOver { tab, from } => Stored {
                tab: Some(tab),
                from: Some(from),
                ..Stored::new(at, Kind::TakeOver)
            },
            EventKind::FullscreenLeft => Stored::new(at, Kind::FullscreenLeft),
            EventKind::Question { key, ms } => Stored {
                key: Some(key),
                ms: Some(ms),
                ..Stored::new(at, Kind::Question)
            },
        }
    }
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
    fn every_event_is_stored_as_before_and_reads_back() {
        let ev = |at, kind| Event { at, kind };
        let cases = [
            (
                ev(
                    1,
                    EventKind::Opened {
                        tab: "t1".into(),
                        closed_ms: 0,
                    },
                ),
                r#"{"at":1,"type":"opened","tab":"t1"}"#,
            ),
            (
                ev(
                    2,
                    EventKind::Opened {
                        tab: "t1".into(),
                        closed_ms: 5,
                    },
                ),
                r#"{"at":2,"type":"opened","tab":"t1","closed_ms":5}"#,
            ),
            (
                ev(3, EventKind::Left { via: Via::Hidden }),
                r#"{"at":3,"type":"left","via":"hidden"}"#,
            ),
            (
                ev(4, EventKind::Left { via: Via::Blur }),
                r#"{"at":4,"type":"left","via":"blur"}"#,
            ),
            (
                ev(5, EventKind::Returned { away_ms: 900 }),
                r#"{"at":5,"type":"returned","away_ms":900}"#,
            ),
            (
                ev(6, EventKind::ClockBack { by_ms: 60000 }),
                r#"{"at":6,"type":"clock_back","by_ms":60000}"#,
            ),
            (
                ev(7, EventKind::ClockForward { by_ms: 7 }),
                r#"{"at":7,"type":"clock_forward","by_ms":7}"#,
            ),
            (
                ev(
                    8,
                    EventKind::TakeOver {
                        tab: "b".into(),
                        from: "a".into(),
                    },
                ),
                r#"{"at":8,"type":"take_over","tab":"b","from":"a"}"#,
            ),
            (
                ev(9, EventKind::FullscreenLeft),
                r#"{"at":9,"type":"fullscreen_left"}"#,
            ),
            (
                ev(
                    10,
                    EventKind::Question {
                        key: "q1".into(),
                        ms: 3000,
                    },
                ),
                r#"{"at":10,"type":"question","key":"q1","ms":3000}"#,
            ),
        ];
        for (event, text) in cases {
            assert_eq!(serde_json::to_string(&event).unwrap(), text);
            assert_eq!(serde_json::from_str::<Event>(text).unwrap(), event);
        }
        // Older logs wrote no closed_ms for an opening after no gap; a missing field is refused by name.
        assert!(
            serde_json::from_str::<Event>(r#"{"at":1,"type":"returned"}"#)
                .unwrap_err()
                .to_string()
                .contains("away_ms")
        );
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

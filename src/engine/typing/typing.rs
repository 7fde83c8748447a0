//! The typing test's arithmetic and its record.
//!
//! The typed text is aligned to the passage by edit distance (as `diff` does), so one
//! omitted or extra character costs one error and does not shift every later character into
//! "wrong". From the alignment:
//! - net speed   = correct characters (punctuation included) ÷ minutes;
//! - gross speed = every character in the typed text ÷ minutes;
//! - accuracy    = correct ÷ (correct + wrong + missed + extra);
//! - corrections = committed characters deleted or replaced while typing.
//!
//! Only committed text reaches this module: what an input method is still composing is the
//! app's business to hold back (see `app/pages/typing.rs`).

use serde::{Deserialize, Serialize};

/// One of the bank's speed targets, e.g. 75 字/分 “生手最低要求”.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub cpm: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Correct,
    /// The typed character differs from the passage's.
    Wrong,
    /// A passage character with no typed character (skipped).
    Missed,
    /// A typed character with no passage character.
    Extra,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub expected: Option<char>,
    pub typed: Option<char>,
    pub mark: Mark,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub correct: u32,
    pub wrong: u32,
    pub missed: u32,
    pub extra: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alignment {
    pub cells: Vec<Cell>,
    /// How many passage characters the typed text has reached.
    pub reached: usize,
    pub counts: Counts,
}

/// How far the typed text may drift from the passage (skipped or doubled characters in a
/// row) and still be aligned; beyond it the DP would cost too much on a phone.
const BAND: usize = 64;

/// Width forms and Chinese/ASCII punctuation that a trainer treats as the same character
/// (`，` and `,`, `：` and `:`): the same folding as answers elsewhere, but case-sensitive.
pub fn same_char(a: char, b: char) -> bool {
    crate::engine::text::normalize::fold_width(a) == crate::engine::text::normalize::fold_width(b)
}

/// Aligns `typed` to the start of `passage`. The passage's untyped rest is not counted.
pub fn align(passage: &str, typed: &str) -> Alignment {
    let p: Vec<char> = passage.chars().collect();
    let all: Vec<char> = typed.chars().collect();
    // Typed characters beyond the passage's end and the band can only be extra.
    let cut = all.len().min(p.len() + BAND);
    let (t, beyond) = all.split_at(cut);
    let (n, m) = (p.len(), t.len());
    const INF: u32 = u32::MAX / 2;
    let w = 2 * BAND + 1;
    // d[i][j] for |i - j| <= BAND, stored at column j + BAND - i.
    let mut d = vec![INF; (m + 1) * w];
    let at = |i: usize, j: usize| -> Option<usize> {
        (j + BAND >= i && j <= i + BAND && j <= n).then(|| i * w + j + BAND - i)
    };
    let get = |d: &[u32], i: usize, j: usize| at(i, j).map_or(INF, |k| d[k]);
    for i in 0..=m {
        let lo = i.saturating_sub(BAND);
        let hi = (i + BAND).min(n);
        for j in lo..=hi {
            let v = if i == 0 {
                j as u32
            } else if j == 0 {
                i as u32
            } else {
                let sub = u32::from(!same_char(t[i - 1], p[j - 1]));
                (get(&d, i - 1, j - 1) + sub)
                    .min(get(&d, i - 1, j) + 1)
                    .min(get(&d, i, j - 1) + 1)
            };
            if let Some(k) = at(i, j) {
                d[k] = v;
            }
        }
    }
    // The end: the cheapest point of the passage, the further one on a tie (a wrong last
    // character is a substitution, not an extra character before the next one).
    let lo = m.saturating_sub(BAND);
    let hi = (m + BAND).min(n);
    let mut end = lo;
    for j in lo..=hi {
        if get(&d, m, j) <= get(&d, m, end) {
            end = j;
        }
    }
    let (mut i, mut j) = (m, end);
    let mut cells = Vec::with_capacity(m + 8);
    // Walking back: a match first; then, among equal costs, a skipped passage character
    // before a wrong one, so that a wrong character stands for the one the typist was at
    // (`快道单` for `快到截单`: 到 typed as 道, 截 skipped).
    while i > 0 || j > 0 {
        let here = get(&d, i, j);
        let diag = |same: bool| i > 0 && j > 0 && get(&d, i - 1, j - 1) + u32::from(!same) == here;
        let same = i > 0 && j > 0 && same_char(t[i - 1], p[j - 1]);
        let missed = j > 0 && get(&d, i, j - 1) + 1 == here;
        if (same && diag(true)) || (!same && !missed && diag(false)) {
            cells.push(Cell {
                expected: Some(p[j - 1]),
                typed: Some(t[i - 1]),
                mark: if same { Mark::Correct } else { Mark::Wrong },
            });
            i -= 1;
            j -= 1;
            continue;
        }
        if missed {
            cells.push(Cell {
                expected: Some(p[j - 1]),
                typed: None,
                mark: Mark::Missed,
            });
            j -= 1;
        } else {
            cells.push(Cell {
                expected: None,
                typed: t.get(i.wrapping_sub(1)).copied(),
                mark: Mark::Extra,
            });
            i = i.saturating_sub(1);
        }
    }
    cells.reverse();
    cells.extend(beyond.iter().map(|&c| Cell {
        expected: None,
        typed: Some(c),
        mark: Mark::Extra,
    }));
    let mut counts = Counts::default();
    for c in &cells {
        match c.mark {
            Mark::Correct => counts.correct += 1,
            Mark::Wrong => counts.wrong += 1,
            Mark::Missed => counts.missed += 1,
            Mark::Extra => counts.extra += 1,
        }
    }
    Alignment {
        cells,
        reached: end,
        counts,
    }
}

/// Characters of `before` that are gone in `after` (deleted or overwritten): the
/// corrections one edit made. Measured on text, not keys, so it is the same for a PC
/// keyboard's Backspace, a phone keyboard and an input method replacing a word.
pub fn removed_chars(before: &str, after: &str) -> u32 {
    let b: Vec<char> = before.chars().collect();
    let a: Vec<char> = after.chars().collect();
    let prefix = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let suffix = b[prefix..]
        .iter()
        .rev()
        .zip(a[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (b.len() - prefix - suffix) as u32
}

/// What may enter the typed text: line breaks are not part of a passage (Enter confirms an
/// input method's choice on some phones), and iOS pinyin's U+2006 only separates syllables
/// while composing.
pub fn clean_committed(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\n' | '\r' | '\u{2006}'))
        .collect()
}

/// Whether a text still holds an iOS pinyin composition (U+2006 between syllables): such a
/// value is not committed yet, whatever the events said.
pub fn looks_composing(text: &str) -> bool {
    text.contains('\u{2006}')
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetMet {
    pub cpm: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    pub met: bool,
}

/// The figures of one typing test.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypingResult {
    pub counts: Counts,
    /// Characters in the final typed text.
    pub typed_chars: u32,
    pub elapsed_ms: i64,
    /// 字/分, one decimal.
    pub net_cpm: f64,
    pub gross_cpm: f64,
    /// Percent, one decimal.
    pub accuracy: f64,
    pub corrections: u32,
    pub targets: Vec<TargetMet>,
    /// `None` when the bank sets no minimum accuracy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accuracy_ok: Option<bool>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The figures for `typed` against `passage` after `elapsed_ms` of typing.
pub fn measure(
    passage: &str,
    typed: &str,
    elapsed_ms: i64,
    corrections: u32,
    targets: &[Target],
    min_accuracy: Option<f64>,
) -> TypingResult {
    let counts = align(passage, typed).counts;
    let typed_chars = typed.chars().count() as u32;
    let minutes = elapsed_ms.max(0) as f64 / 60_000.0;
    let per_min = |n: u32| {
        if minutes > 0.0 {
            round1(f64::from(n) / minutes)
        } else {
            0.0
        }
    };
    let net_cpm = per_min(counts.correct);
    let all = counts.correct + counts.wrong + counts.missed + counts.extra;
    let accuracy = if all > 0 {
        round1(f64::from(counts.correct) * 100.0 / f64::from(all))
    } else {
        0.0
    };
    let accuracy_ok = min_accuracy.map(|m| accuracy + 1e-9 >= m);
    TypingResult {
        counts,
        typed_chars,
        elapsed_ms: elapsed_ms.max(0),
        net_cpm,
        gross_cpm: per_min(typed_chars),
        accuracy,
        corrections,
        targets: targets
            .iter()
            .map(|t| TargetMet {
                cpm: t.cpm,
                label: t.label.clone(),
                met: net_cpm + 1e-9 >= f64::from(t.cpm) && accuracy_ok != Some(false),
            })
            .collect(),
        accuracy_ok,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypingEnd {
    /// The time limit was reached.
    TimeUp,
    /// The last character of the text was typed.
    EndOfText,
    /// The trainee stopped.
    Stopped,
}

/// The typing part of an attempt record (`AttemptRecord::typing`): the text set, what was
/// typed, and the result. Everything needed to recompute the figures later is kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypingRecord {
    /// Passage ids in the order of this attempt.
    pub passages: Vec<String>,
    /// The passages joined: the text to type.
    pub text: String,
    /// Seconds; `None` in practice (no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<u32>,
    #[serde(default)]
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_accuracy: Option<f64>,
    /// The committed text so far.
    #[serde(default)]
    pub typed: String,
    /// The first input (the clock starts here, not when the page opens).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub began_at: Option<i64>,
    /// When counting stopped (the deadline at a time-out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<TypingEnd>,
    #[serde(default)]
    pub corrections: u32,
    /// Pastes and drops refused during the test (pasting is not typing).
    #[serde(default)]
    pub paste_refused: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<TypingResult>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum CommitError {
    Ended,
    Expired,
}

impl TypingRecord {
    pub fn new(
        passages: Vec<String>,
        text: String,
        duration_s: Option<u32>,
        targets: Vec<Target>,
        min_accuracy: Option<f64>,
    ) -> TypingRecord {
        TypingRecord {
            passages,
            text,
            duration_s,
            targets,
            min_accuracy,
            typed: String::new(),
            began_at: None,
            ended_at: None,
            end: None,
            corrections: 0,
            paste_refused: 0,
            result: None,
        }
    }

    pub fn is_ended(&self) -> bool {
        self.end.is_some()
    }

    pub fn deadline(&self) -> Option<i64> {
        Some(self.began_at? + i64::from(self.duration_s?) * 1000)
    }

    pub fn is_expired(&self, now: i64) -> bool {
        self.deadline().is_some_and(|d| now >= d)
    }

    /// The first sign of typing (an input method starting to compose counts) starts the clock.
    pub fn begin(&mut self, now: i64) {
        if !self.is_ended() {
            self.began_at.get_or_insert(now);
        }
    }

    /// Takes the committed text as it now stands. Returns whether this reached the end of the
    /// text (the test is then over). Refused after the end or the deadline.
    pub fn commit(&mut self, committed: &str, now: i64) -> Result<bool, CommitError> {
        if self.is_ended() {
            return Err(CommitError::Ended);
        }
        if self.is_expired(now) {
            return Err(CommitError::Expired);
        }
        let text = clean_committed(committed);
        if text == self.typed {
            return Ok(false);
        }
        self.begin(now);
        self.corrections += removed_chars(&self.typed, &text);
        self.typed = text;
        let total = self.text.chars().count();
        let done = total > 0 && align(&self.text, &self.typed).reached >= total;
        if done {
            self.finish(now, TypingEnd::EndOfText);
        }
        Ok(done)
    }

    /// Milliseconds of typing up to `now` (capped at the deadline).
    pub fn elapsed_ms(&self, now: i64) -> i64 {
        let Some(b) = self.began_at else { return 0 };
        let end = self.ended_at.unwrap_or(now);
        let end = self.deadline().map_or(end, |d| end.min(d));
        (end - b).max(0)
    }

    /// The figures so far (live) or final.
    pub fn measure(&self, now: i64) -> TypingResult {
        measure(
            &self.text,
            &self.typed,
            self.elapsed_ms(now),
            self.corrections,
            &self.targets,
            self.min_accuracy,
        )
    }

    /// Ends the test: at a time-out the end is the deadline itself, whenever it is noticed.
    pub fn finish(&mut self, now: i64, end: TypingEnd) {
        if self.is_ended() {
            return;
        }
        let at = match (end, self.deadline()) {
            (TypingEnd::TimeUp, Some(d)) => d.min(now),
            (_, Some(d)) => now.min(d),
            _ => now,
        };
        self.began_at.get_or_insert(at);
        self.ended_at = Some(at);
        self.end = Some(end);
        self.result = Some(self.measure(at));
    }

    pub fn needs_timeout(&self, now: i64) -> bool {
        !self.is_ended() && self.is_expired(now)
    }
}

/// The speeds (字/分) of the targets a result met, in the bank's order.
pub fn targets_met(r: &TypingResult) -> Vec<String> {
    r.targets
        .iter()
        .filter(|t| t.met)
        .map(|t| t.cpm.to_string())
        .collect()
}

/// One line for a trainer: `92 字/分（总速度 95），准确率 97.5%，改正 3 次，达到 75、90`.
pub fn summary(r: &TypingResult) -> String {
    let met = targets_met(r);
    let met = if r.targets.is_empty() {
        String::new()
    } else if met.is_empty() {
        "，未达到任何目标".into()
    } else {
        format!("，达到 {} 字/分", met.join("、"))
    };
    format!(
        "{} 字/分（总速度 {}），准确率 {}%，改正 {} 次{met}",
        fmt1(r.net_cpm),
        fmt1(r.gross_cpm),
        fmt1(r.accuracy),
        r.corrections
    )
}

/// `92`, `92.5`: one decimal at most, none when whole.
pub fn fmt1(x: f64) -> String {
    let r = round1(x);
    // `decimal::fixed` is `format!("{r:.0}")` / `{r:.1}` without core's float formatting.
    crate::engine::text::decimal::fixed(r, if r.fract() == 0.0 { 0 } else { 1 })
}

/// The typing columns of the CSV export (empty for other attempts).
pub const CSV_HEADER: &[&str] = &[
    "打字净速度（字/分）",
    "打字总速度（字/分）",
    "打字准确率",
    "改正次数",
    "打字用时",
    "达到的速度目标",
    "拒绝粘贴次数",
];

pub fn csv_cells(t: Option<&TypingRecord>) -> Vec<String> {
    let Some((t, r)) = t.and_then(|t| t.result.as_ref().map(|r| (t, r))) else {
        return vec![String::new(); CSV_HEADER.len()];
    };
    let met: Vec<String> = r
        .targets
        .iter()
        .filter(|x| x.met)
        .map(|x| x.cpm.to_string())
        .collect();
    vec![
        fmt1(r.net_cpm),
        fmt1(r.gross_cpm),
        format!("{}%", fmt1(r.accuracy)),
        r.corrections.to_string(),
        crate::engine::time::timing::duration_cn(r.elapsed_ms),
        if met.is_empty() {
            "无".into()
        } else {
            met.join("、")
        },
        t.paste_refused.to_string(),
    ]
}

/// The verdict column for a typing attempt: the lowest target met (for a beginner, the
/// seed's minimum) or not.
pub fn verdict(r: &TypingResult) -> &'static str {
    match r.targets.iter().min_by_key(|t| t.cpm) {
        Some(t) if t.met => "达标",
        Some(_) => "未达标",
        None => "已完成",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_chars_counts_deleted_and_replaced() {
        assert_eq!(removed_chars("亲在的", "亲在"), 1);
        assert_eq!(removed_chars("亲再的", "亲在的"), 1);
        assert_eq!(removed_chars("亲", "亲在"), 0);
        assert_eq!(removed_chars("", ""), 0);
    }

    #[test]
    fn ios_separator_and_line_breaks_are_not_committed() {
        assert_eq!(clean_committed("ni\u{2006}hao\n好"), "nihao好");
        assert!(looks_composing("ni\u{2006}hao"));
    }
}

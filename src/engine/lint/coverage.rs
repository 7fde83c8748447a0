//! Coverage of a day by its exam: whether all attempts together can show every question.
//!
//! Retries rotate through the pool (`assemble_rotating` prefers questions not yet seen), so a
//! section drawing `d` of `n` questions shows all of them over `a` attempts exactly when
//! `d × a ≥ n`; the same holds for the bank's own `draw` over what its sections give.
//! Unlimited attempts count as covered. A day whose plan in `index.md` has a paragraph
//! `其余题目：<how the rest is practised>` is covered by that plan instead.

use super::{Hint, Lint};
use crate::engine::bank::bank::Bank;
use crate::engine::bank::course::{Course, Day};
use crate::engine::bank::parse::draw_offset;
use crate::engine::text::diagnostics::LineIndex;
use crate::engine::text::rich::{inline_text, Inline};

/// The marker that starts a day's paragraph saying how the rest of its questions is practised.
pub const MARKER: &str = "其余题目";

#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    /// Questions in the exam.
    pub pool: usize,
    /// Questions that all attempts together can show.
    pub reachable: usize,
    /// Parts that leave questions unseen.
    pub gaps: Vec<Gap>,
}

impl Coverage {
    pub fn all_seen(&self) -> bool {
        self.reachable >= self.pool
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// Section index, or `None` for the bank's own `draw`.
    pub section: Option<usize>,
    pub size: usize,
    pub draw: usize,
    pub attempts: u32,
}

pub fn exam_coverage(bank: &Bank) -> Coverage {
    let pool = bank.question_count();
    let Some(a) = bank.settings.attempts else {
        return Coverage {
            pool,
            reachable: pool,
            gaps: Vec::new(),
        };
    };
    let times = a as usize;
    let mut gaps = Vec::new();
    let mut reach = 0;
    let mut per_attempt = 0;
    for (i, s) in bank.sections.iter().enumerate() {
        let n = s.questions.len();
        let d = s.draw.unwrap_or(n).min(n);
        per_attempt += d;
        let r = n.min(d * times);
        if r < n {
            gaps.push(Gap {
                section: Some(i),
                size: n,
                draw: d,
                attempts: a,
            });
        }
        reach += r;
    }
    if let Some(k) = bank.settings.draw {
        if k < per_attempt && k * times < reach {
            gaps.push(Gap {
                section: None,
                size: reach,
                draw: k,
                attempts: a,
            });
            reach = k * times;
        }
    }
    Coverage {
        pool,
        reachable: reach,
        gaps,
    }
}

/// One hint per gap: on the section heading, or on the front matter's `draw`.
pub fn hints(bank: &Bank, cov: &Coverage, text: &str, day: Option<&[Inline]>) -> Vec<Hint> {
    let who = day.map_or(String::new(), |d| format!("{}：", inline_text(d)));
    let index = LineIndex::new(text);
    cov.gaps
        .iter()
        .map(|g| {
            let (line, what) = match g.section {
                Some(i) => {
                    let s = &bank.sections[i];
                    (s.line, format!("分组“{}”", inline_text(&s.title).trim()))
                }
                None => (
                    draw_offset(text).map_or(1, |o| index.line_col(o).0),
                    "整场考试".to_string(),
                ),
            };
            let (n, d, a) = (g.size, g.draw, g.attempts as usize);
            Hint {
                lint: Lint::Coverage,
                file: bank.path.clone(),
                line,
                message: format!(
                    "{who}{what}有 {n} 题，每次抽 {d} 题、可考 {a} 次，至少 {} 题永远不会出现：把 draw 提到 {}，或把 attempts 提到 {}，或在 index.md 当天的说明里写一段“{MARKER}：……”说明其余题目怎么练",
                    n - d * a,
                    n.div_ceil(a),
                    n.div_ceil(d.max(1)),
                ),
                other: None,
            }
        })
        .collect()
}

pub enum Marker {
    None,
    /// `其余题目：` with a reason.
    Reason,
    /// `其余题目：` with nothing after it, at this line of the index.
    Missing(u32),
}

/// The `其余题目：…` paragraph in a day's part of the index.
pub fn day_marker(course: &Course, day: &Day, index_text: &str) -> Marker {
    let next = course
        .days
        .iter()
        .map(|d| d.line)
        .filter(|&l| l > day.line)
        .min()
        .unwrap_or(u32::MAX);
    for (i, line) in index_text.lines().enumerate() {
        let n = i as u32 + 1;
        if n <= day.line || n >= next {
            continue;
        }
        let Some(rest) = line.trim().strip_prefix(MARKER) else {
            continue;
        };
        let Some(reason) = rest
            .trim_start()
            .strip_prefix('：')
            .or_else(|| rest.trim_start().strip_prefix(':'))
        else {
            continue;
        };
        return if reason.trim().is_empty() {
            Marker::Missing(n)
        } else {
            Marker::Reason
        };
    }
    Marker::None
}

pub fn missing_reason(course: Option<&Course>, line: u32) -> Hint {
    Hint {
        lint: Lint::LintOk,
        file: course.map(|c| c.path.clone()).unwrap_or_default(),
        line,
        message: format!("“{MARKER}：”后面没有写其余题目怎么练，不能代替考试覆盖"),
        other: None,
    }
}

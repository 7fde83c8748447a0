//! Lints on single questions (and a bank's true/false balance): answers a trainee could guess
//! without knowing the job.

use super::similar::{bigrams, normalized};
use super::{stem_text, Hint, Lint};
use crate::engine::question::matching::Matching;
use crate::engine::question::{Kind, Question};
use crate::engine::text::rich::{blocks_text, inline_text};

/// Below this many true/false questions a bank's balance says nothing.
pub const TF_MIN: usize = 4;
/// The share of 对 a bank's true/false questions should keep, in percent, inclusive.
pub const TF_RANGE: (usize, usize) = (40, 60);
/// A right option longer than this times the longest distractor stands out…
pub const LENGTH_RATIO: f64 = 1.3;
/// …when it is also at least this many characters longer (so 是/不是 is no cue).
pub const LENGTH_MIN_EXTRA: usize = 4;
/// Words by which a stem points at an article, slides or handout the trainee never sees.
pub const ABOUT_TEXT: &[&str] = &["文中", "文章", "课件", "资料", "本文", "作者", "材料"];

/// (true/false questions answered 对, true/false questions).
pub fn tf_counts(questions: &[&Question]) -> (usize, usize) {
    let tfs = questions.iter().filter_map(|q| match &q.kind {
        Kind::TrueFalse(t) => Some(t.answer),
        _ => None,
    });
    tfs.fold((0, 0), |(t, n), a| (t + usize::from(a), n + 1))
}

pub fn tf_balance(path: &str, t: usize, n: usize) -> Option<Hint> {
    // Outside 40–60% in whole numbers: t/n < 0.4 or t/n > 0.6.
    let off = n >= TF_MIN && (t * 100 < TF_RANGE.0 * n || t * 100 > TF_RANGE.1 * n);
    off.then(|| Hint {
        lint: Lint::TfBalance,
        file: path.to_string(),
        line: 1,
        message: format!(
            "{n} 道判断题中答案为“对”的有 {t} 道（{}%），应在 {}%–{}% 之间：否则一律答“{}”就能得高分",
            (t * 100 + n / 2) / n,
            TF_RANGE.0,
            TF_RANGE.1,
            if t * 2 > n { "对" } else { "错" }
        ),
        other: None,
    })
}

/// The per-question lints for one question.
pub fn question_hints(q: &Question) -> Vec<Hint> {
    let hint = |lint, message: String| Hint {
        lint,
        file: q.bank.to_string(),
        line: q.line,
        message,
        other: None,
    };
    let mut out = Vec::new();
    let stem = stem_text(q);
    if let Some(w) = ABOUT_TEXT.iter().find(|w| stem.contains(*w)) {
        out.push(hint(
            Lint::AboutText,
            format!("题干说“{w}”，但学员看不到原文：请改成工作中的情景（如“顾客问……”“你看到……”）"),
        ));
    }
    match &q.kind {
        Kind::Choice(c) if !c.multiple => {
            let len = |o: &crate::engine::question::choice::Choice| {
                normalized(&blocks_text(&o.content)).chars().count()
            };
            let right = c.options.iter().filter(|o| o.correct).map(len).max();
            let longest = c.options.iter().filter(|o| !o.correct).map(len).max();
            if let (Some(r), Some(d)) = (right, longest) {
                if r as f64 > LENGTH_RATIO * d as f64 && r >= d + LENGTH_MIN_EXTRA {
                    out.push(hint(
                        Lint::LengthCue,
                        format!("正确选项 {r} 字，最长的干扰项只有 {d} 字：考生可能凭“最长的就是答案”猜对，请把干扰项写得一样具体，或把正确选项写短"),
                    ));
                }
            }
        }
        Kind::Choice(c) => {
            let all: Vec<usize> = (0..c.options.len()).collect();
            let f = c.grade(&all).fraction;
            if f > 0.5 {
                let wrong = c.options.iter().filter(|o| !o.correct).count();
                out.push(hint(
                    Lint::TickAll,
                    format!("全部勾选就能得 {}% 的分（{} 个正确项、{wrong} 个错误项）：请增加似是而非的错误项，或给这道题写 scoring=all", (f * 100.0).round(), c.options.len() - wrong),
                ));
            }
        }
        Kind::Match(m) => {
            let echo = echo_rows(m);
            // "Most rows": at least two, and more than half.
            if echo >= 2 && echo * 2 > m.pairs.len() {
                out.push(hint(
                    Lint::EchoMatch,
                    format!("{} 行中有 {echo} 行的右列重复了左列的字词（别的行右列没有）：不用懂内容也能按字面连对，请换一种说法", m.pairs.len()),
                ));
            }
        }
        _ => {}
    }
    out
}

/// Rows whose left and right cells share two consecutive characters that no other row's right
/// cell contains: the words that point from a left item to its own answer. Words common to the
/// whole right column (e.g. 话术 in every category) point nowhere and do not count.
pub fn echo_rows(m: &Matching) -> usize {
    let rights: Vec<_> = m
        .pairs
        .iter()
        .map(|(_, r)| bigrams(&inline_text(r)))
        .collect();
    m.pairs
        .iter()
        .enumerate()
        .filter(|(i, (l, _))| {
            bigrams(&inline_text(l)).intersection(&rights[*i]).any(|g| {
                rights
                    .iter()
                    .enumerate()
                    .all(|(j, r)| j == *i || !r.contains(g))
            })
        })
        .count()
}

/// Absolute or dismissive words that make a statement sound wrong to a reader who does not know
/// the job (`等……再……` is matched as 等 followed by 再 in the same sentence).
pub const CUE_WORDS: &[&str] = &[
    "只", "就行", "即可", "不必", "不用", "直接", "马上", "一定", "所有",
];
/// Below this many true/false questions the cue-word rule says nothing.
pub const CUE_MIN: usize = 4;
/// The share, in percent, that "错 with a cue word, 对 without" may score at most.
pub const CUE_MAX_SCORE: usize = 60;

/// The cue word a statement carries, if any.
pub fn cue_word(text: &str) -> Option<String> {
    if let Some(w) = CUE_WORDS.iter().find(|w| text.contains(*w)) {
        return Some((*w).to_string());
    }
    for sentence in text.split(['。', '；', ';', '！', '？', '\n']) {
        if let Some(i) = sentence.find('等') {
            if sentence[i..].contains('再') {
                return Some("等……再……".into());
            }
        }
    }
    None
}

/// `cue-words`: answering 错 to every statement with a cue word and 对 to the rest scores
/// over `CUE_MAX_SCORE`% of a bank's true/false questions.
pub fn cue_balance(path: &str, questions: &[&Question]) -> Option<Hint> {
    let tfs: Vec<(bool, bool)> = questions
        .iter()
        .filter_map(|q| match &q.kind {
            Kind::TrueFalse(t) => Some((t.answer, cue_word(&stem_text(q)).is_some())),
            _ => None,
        })
        .collect();
    let n = tfs.len();
    let right = tfs.iter().filter(|(a, cue)| a != cue).count();
    let yes = tfs.iter().filter(|(a, _)| *a).count();
    // Only when the words themselves tell: answering all 对 (or all 错) is tf-balance's case.
    if n < CUE_MIN || right * 100 <= CUE_MAX_SCORE * n || right <= yes.max(n - yes) {
        return None;
    }
    let false_cue = tfs.iter().filter(|(a, c)| !a && *c).count();
    let true_cue = tfs.iter().filter(|(a, c)| *a && *c).count();
    let falses = tfs.iter().filter(|(a, _)| !a).count();
    Some(Hint {
        lint: Lint::CueWords,
        file: path.to_string(),
        line: 1,
        message: format!(
            "判断题里“错”的 {falses} 道中 {false_cue} 道带有绝对或轻率的字眼（{}、等……再……），“对”的 {} 道中只有 {true_cue} 道：见到这些字就答“错”、否则答“对”能答对 {right}/{n}（{}%，应不超过 {CUE_MAX_SCORE}%）。请把一些正确的说法也写成带这些字眼的（“只有……才……”“一定要先……”），或把错误的说法写得平实",
            CUE_WORDS.join("、"),
            n - falses,
            (right * 100 + n / 2) / n
        ),
        other: None,
    })
}

/// Below this many single-choice questions the key positions say nothing.
pub const POSITION_MIN: usize = 5;
/// The share, in percent, of single-choice keys written as option A that is still fair.
pub const POSITION_MAX_A: usize = 35;

/// `key-position`: option A (as written) holds the key in over `POSITION_MAX_A`% of a bank's
/// single-choice questions. The exam shuffles options, but printed and exported views do not.
pub fn key_position(path: &str, questions: &[&Question]) -> Option<Hint> {
    let mut at = [0usize; 6];
    let mut n = 0;
    for q in questions {
        if let Kind::Choice(c) = &q.kind {
            if c.multiple {
                continue;
            }
            if let Some(i) = c.options.iter().position(|o| o.correct) {
                at[i.min(5)] += 1;
                n += 1;
            }
        }
    }
    if n < POSITION_MIN || at[0] * 100 <= POSITION_MAX_A * n {
        return None;
    }
    let by: Vec<String> = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .zip(at)
        .filter(|(_, k)| *k > 0)
        .map(|(l, k)| format!("{l} {k}"))
        .collect();
    Some(Hint {
        lint: Lint::KeyPosition,
        file: path.to_string(),
        line: 1,
        message: format!(
            "{n} 道单选题中有 {} 道的正确选项写在第一个（{}）：考试会打乱选项，但打印、导出和看原文时一眼就能看出，请把正确选项写在不同位置（A 不超过 {POSITION_MAX_A}%）",
            at[0],
            by.join("，")
        ),
        other: None,
    })
}

//! Scenario reply: free text to a customer, graded by a rubric a trainer can read and score by
//! hand (exams/FORMAT.md §3.8):
//! 1. a reply not written in Chinese (pinyin, English) scores 0;
//! 2. a red-line word (the question's `禁用词` or a list in force) zeroes the reply, unless it
//!    only occurs inside one of its listed exceptions or outside its listed uses;
//! 3. otherwise each key point said (any variant or concept phrasing, or a same-sounding slip
//!    of one, not negated or dismissed) earns `1 / 要点数`;
//! 4. a wrong action (`错误做法`, or a course-wide one in force) caps the score at its cap (0
//!    unless written);
//! 5. a curt brush-off (short, no courtesy word) is capped at 1/3.

use super::scan::{find_colon, trim};
use super::{Forbidden, Graded, ReplyRules};
use crate::engine::question::concepts::Concepts;
use crate::engine::question::rubric::{is_brush_off, Text, Use, BRUSH_OFF_CAP, BRUSH_OFF_LEN};
use crate::engine::text::diagnostics::Reporter;
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Reply {
    /// Each key point with its accepted wordings; `【名字】` stands for a course concept.
    pub keypoints: Vec<Vec<String>>,
    /// The line of each key point in the bank file.
    pub keypoint_lines: Vec<u32>,
    /// Indices of key points matched as written, without the negation check (`（原样匹配）`).
    pub as_written: Vec<usize>,
    pub forbidden: Vec<Forbidden>,
    /// Wrong actions: phrases that cap (or zero) the score.
    pub wrong: Vec<WrongAction>,
    /// Example replies with the score a trainer expects; verified by the checker.
    pub examples: Vec<Example>,
    /// `platform=京东` on the question: which platform's red lines apply (else the bank's).
    pub platform: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WrongAction {
    pub variants: Vec<String>,
    /// The most the reply can score when it says this, as a fraction of the points.
    pub cap: f64,
    /// How the cap was written (`0`, `1/3`), for feedback.
    pub cap_text: String,
    pub reason: String,
    pub as_written: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub text: String,
    pub expected: f64,
    /// As written: `满分`, `1/3`, `0`.
    pub label: String,
    pub line: u32,
}

/// Feedback lines that start with this give the answer away (what the reply missed): shown
/// only where the bank shows answers.
pub const MISSING_PREFIX: &str = "缺少的要点：";

/// The first feedback line of a graded reply: the key points found.
pub const FOUND_PREFIX: &str = "命中要点";
/// A line about a wrong action.
pub const CAPPED_PREFIX: &str = "错误做法：";
/// In a line about a key point said but negated.
pub const NEGATED_MARK: &str = "被否定了";

/// Marker after a key point or wrong action: match as written, no negation check.
pub const AS_WRITTEN: &str = "（原样匹配）";

/// The lines read under a reply's labels, each with its byte offset in the file; borrowed
/// from the bank's text where it is one run.
#[derive(Default)]
pub struct ReplyLines<'a> {
    pub keypoints: Vec<(Cow<'a, str>, usize)>,
    pub forbidden: Vec<(Cow<'a, str>, usize)>,
    pub wrong: Vec<(Cow<'a, str>, usize)>,
    pub examples: Vec<(Cow<'a, str>, usize)>,
}

impl Reply {
    /// The reply rubric from its `要点：`, `禁用词：`, `错误做法：` and `示例：` lines.
    pub fn from_lines(lines: ReplyLines<'_>, at: usize, rep: &mut Reporter) -> Option<Reply> {
        if lines.keypoints.is_empty() {
            rep.error(at, "情景回复题至少要有一个要点：在“要点：”下面每行写一个");
            return None;
        }
        let mut points = Vec::with_capacity(lines.keypoints.len());
        let mut point_lines = Vec::with_capacity(lines.keypoints.len());
        let mut as_written = Vec::new();
        for (i, (text, off)) in lines.keypoints.iter().enumerate() {
            let (text, literal) = strip_as_written(text);
            let variants = Reply::variants(text);
            if variants.is_empty() {
                rep.error(*off, "要点是空的");
                return None;
            }
            if literal {
                as_written.push(i);
            }
            points.push(variants);
            point_lines.push(rep.line_of(*off));
        }
        let mut words = Vec::with_capacity(lines.forbidden.len());
        for (t, off) in lines.forbidden {
            match split_forbidden(&t) {
                Ok(f) if !f.word.is_empty() => words.push(f),
                Ok(_) => {}
                Err(msg) => rep.error(off, msg),
            }
        }
        let mut actions = Vec::new();
        for (t, off) in lines.wrong {
            match split_wrong_action(&t) {
                Ok(w) => actions.push(w),
                Err(msg) => rep.error(off, msg),
            }
        }
        let mut ex = Vec::new();
        for (t, off) in lines.examples {
            let Some((label, text)) = t.split_once(['：', ':']) else {
                rep.error(
                    off,
                    format!("示例回复“{t}”缺少预期得分：请写成“满分：回复”“1/3：回复”或“0：回复”"),
                );
                continue;
            };
            match parse_fraction(label) {
                Some(expected) if !text.trim().is_empty() => ex.push(Example {
                    text: text.trim().to_string(),
                    expected,
                    label: label.trim().to_string(),
                    line: rep.line_of(off),
                }),
                Some(_) => rep.error(off, "示例回复是空的"),
                None => rep.error(
                    off,
                    format!(
                        "示例回复的预期得分“{}”无法识别：请写 满分、0 或分数如 1/3",
                        label.trim()
                    ),
                ),
            }
        }
        Some(Reply {
            keypoints: points,
            keypoint_lines: point_lines,
            as_written,
            forbidden: words,
            wrong: actions,
            examples: ex,
            platform: None,
        })
    }

    /// Splits `抱歉|不好意思` into variants.
    pub fn variants(line: &str) -> Vec<String> {
        super::alternatives(line)
    }

    /// Splits an inline forbidden-word list: `不还价、没有（除外：有没有、没有问题）, 支付宝`.
    /// Separators inside brackets belong to the exception list. The words are trimmed slices
    /// of `line`, found byte by byte: brackets and separators are whole characters.
    pub fn word_list<'l>(line: &'l str) -> Vec<&'l str> {
        let b = line.as_bytes();
        let mut out = Vec::new();
        let mut keep = |piece: &'l str| {
            let piece = trim(piece);
            if !piece.is_empty() {
                out.push(piece);
            }
        };
        let (mut depth, mut start, mut i) = (0i32, 0, 0);
        while i < b.len() {
            // (width, bracket depth change, is a separator); `（），；` are `ef bc 88/89/8c/9b`
            // and `、` is `e3 80 81` in UTF-8.
            let (width, step, sep) = match (b[i], b.get(i + 1..i + 3)) {
                (b'(', _) => (1, 1, false),
                (b')', _) => (1, -1, false),
                (b',' | b';', _) => (1, 0, true),
                (0xe3, Some([0x80, 0x81])) => (3, 0, true),
                (0xef, Some([0xbc, 0x88])) => (3, 1, false),
                (0xef, Some([0xbc, 0x89])) => (3, -1, false),
                (0xef, Some([0xbc, 0x8c | 0x9b])) => (3, 0, true),
                _ => (1, 0, false),
            };
            depth += step;
            if sep && depth <= 0 {
                keep(&line[start..i]);
                start = i + width;
            }
            i += width;
        }
        keep(&line[start..]);
        out
    }

    /// A key point's name in feedback: its first wording (a concept by its name).
    pub fn name(variants: &[String]) -> &str {
        let first = variants.first().map_or("", String::as_str);
        concept_ref(first).unwrap_or(first)
    }

    /// A key point's wordings with each `【名字】` replaced by the concept's phrasings (an
    /// unknown concept stands for nothing: the checker reports it).
    pub fn wordings<'c>(variants: &'c [String], concepts: &'c Concepts) -> Vec<&'c str> {
        let mut out = Vec::with_capacity(variants.len());
        for v in variants {
            match concept_ref(v) {
                Some(name) => {
                    out.extend(concepts.get(name).into_iter().flatten().map(String::as_str))
                }
                None => out.push(v.as_str()),
            }
        }
        out
    }

    /// Grades a reply against its rubric and the course's rules in force for it.
    pub fn grade(&self, text: &str, rules: &ReplyRules<'_>) -> Graded {
        let t = Text::new(text);
        if t.is_foreign() {
            return Graded {
                fraction: 0.0,
                feedback: vec![FOREIGN_FEEDBACK.to_string()],
                redline: None,
            };
        }
        let redlines = rules.redlines();
        if let Some(hit) = self
            .forbidden
            .iter()
            .chain(redlines)
            .find(|f| t.has_forbidden(&f.word, &f.except, &f.only))
        {
            let mut msg = format!("触碰红线：回复中出现了禁用词“{}”，本题记 0 分", hit.word);
            if !hit.reason.is_empty() {
                msg.push_str(&format!("（{}）", hit.reason));
            }
            return Graded {
                fraction: 0.0,
                feedback: vec![msg],
                redline: Some(hit.word.clone()),
            };
        }
        let n = self.keypoints.len();
        let mut found = Vec::new();
        let mut missing = Vec::new();
        let mut negated = Vec::new();
        let mut by_sound = Vec::new();
        for (i, variants) in self.keypoints.iter().enumerate() {
            let literal = self.as_written.contains(&i);
            let wordings = Self::wordings(variants, rules.concepts);
            let name = Self::name(variants);
            let hit = wordings
                .iter()
                .find_map(|v| t.find_exact(v, literal, Use::Point).map(|f| (v, f)));
            // Only when no wording is said as written does a same-sounding slip count.
            let hit = hit.or_else(|| {
                wordings
                    .iter()
                    .find_map(|v| t.find_by_sound(v, literal).map(|f| (v, f)))
            });
            match hit {
                Some((v, f)) => {
                    found.push(name);
                    if f.by_sound {
                        by_sound.push((t.slice(f.start, f.end), v.to_string()));
                    }
                }
                None => {
                    missing.push(name);
                    if let Some(v) = wordings.iter().find(|v| t.only_negated(v)) {
                        negated.push((v.to_string(), t.clause_around(v).unwrap_or_default()));
                    }
                }
            }
        }
        let mut fraction = found.len() as f64 / n.max(1) as f64;
        let mut feedback = vec![if found.is_empty() {
            format!("{FOUND_PREFIX} 0/{n}")
        } else {
            format!("{FOUND_PREFIX} {}/{n}：{}", found.len(), found.join("；"))
        }];
        for (said, meant) in by_sound {
            feedback.push(format!("“{said}”{BY_SOUND_MARK}“{meant}”"));
        }
        for (v, clause) in negated {
            feedback.push(format!(
                "“{v}”{NEGATED_MARK}（“{clause}”），这个要点不算命中"
            ));
        }
        if !missing.is_empty() {
            feedback.push(format!("{MISSING_PREFIX}{}", missing.join("；")));
        }
        let course = rules.wrong_actions();
        for w in self.wrong.iter().chain(course) {
            if let Some(f) = w
                .variants
                .iter()
                .find_map(|v| t.find(v, w.as_written, Use::Action))
            {
                let clause = t.clause_of(f.start, f.end);
                let mut msg = if w.cap <= 0.0 {
                    format!("{CAPPED_PREFIX}回复中“{clause}”，本题记 0 分")
                } else {
                    format!("{CAPPED_PREFIX}回复中“{clause}”，本题最多得 {}", w.cap_text)
                };
                if !w.reason.is_empty() {
                    msg.push_str(&format!("（{}）", w.reason));
                }
                feedback.push(msg);
                fraction = fraction.min(w.cap);
            }
        }
        if is_brush_off(&t) && fraction > BRUSH_OFF_CAP {
            fraction = BRUSH_OFF_CAP;
            feedback.push(format!(
                "回复太简短（不到 {BRUSH_OFF_LEN} 个字）又没有礼貌用语（亲、您、请、抱歉、谢谢……），像是在打发顾客，本题最多得 1/3"
            ));
        }
        Graded {
            fraction,
            feedback,
            redline: None,
        }
    }
}

/// `【理解】` → `理解`: a key point wording that names a course concept (`[理解]` too).
pub fn concept_ref(v: &str) -> Option<&str> {
    let v = v.trim();
    v.strip_prefix('【')
        .and_then(|r| r.strip_suffix('】'))
        .or_else(|| v.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

/// The feedback for a reply not written in Chinese.
pub const FOREIGN_FEEDBACK: &str =
    "回复不是中文（拼音或英文）：买家看的是中文，这样的回复不能直接发给顾客，本题记 0 分";

/// In a line about a same-sounding slip: `“核时”按读音算作“核实”`.
pub const BY_SOUND_MARK: &str = "按读音算作";

/// Reads a score as trainers write it: `满分`, `0`, `零分`, `1/3`, `2/3`, `0.5`; a number
/// past 15 significant digits is not read (`decimal::parse`).
pub fn parse_fraction(s: &str) -> Option<f64> {
    use crate::engine::text::decimal::parse;
    let s = s.trim().trim_end_matches('分').trim();
    match s {
        "满" | "满分" | "全对" => return Some(1.0),
        "0" | "零" | "零分" => return Some(0.0),
        _ => {}
    }
    let v = match s.split_once('/') {
        Some((a, b)) => {
            let (a, b) = (parse(a.trim()).ok()?, parse(b.trim()).ok()?);
            (b > 0.0).then(|| a / b)?
        }
        None => parse(s).ok()?,
    };
    (0.0..=1.0).contains(&v).then_some(v)
}

/// `（原样匹配）` at the end of a key point or wrong action: no negation check.
fn strip_as_written(text: &str) -> (&str, bool) {
    let t = trim(text);
    for m in [AS_WRITTEN, "(原样匹配)"] {
        if let Some(rest) = t.strip_suffix(m) {
            return (trim(rest), true);
        }
    }
    (t, false)
}

/// Takes a bracketed `（key：a、b）` out of `text`: returns the text without it (borrowed when
/// there is none) and the list.
fn take_bracket<'t>(text: &'t str, keys: &[&str]) -> (Cow<'t, str>, Option<Vec<String>>) {
    // Most lines have no bracket at all (two single-character searches, which the binary
    // already holds, rather than code of its own).
    if !text.as_bytes().contains(&b'(') && !text.contains('（') {
        return (Cow::Borrowed(text), None);
    }
    for open in ['（', '('] {
        for key in keys {
            // The first `{open}{key}`, found without building the pattern string.
            let Some((start, after)) = text
                .match_indices(open)
                .find_map(|(i, o)| text[i + o.len()..].strip_prefix(key).map(|a| (i, a)))
            else {
                continue;
            };
            let Some(close) = after.find(['）', ')']) else {
                continue;
            };
            let inner = after[..close].trim_start_matches(['：', ':', ' ']);
            let close_len = after[close..].chars().next().map_or(1, char::len_utf8);
            let tail = &after[close + close_len..];
            let mut rest = String::with_capacity(start + tail.len());
            rest.push_str(&text[..start]);
            rest.push_str(tail);
            let list = inner
                .split(['、', '，', ',', '|', '｜'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            return (Cow::Owned(rest), Some(list));
        }
    }
    (Cow::Borrowed(text), None)
}

/// `没有（除外：有没有、没有问题）：说明` → a red-line word with its exceptions and reason.
pub fn split_forbidden(text: &str) -> Result<Forbidden, String> {
    let (rest, except) = take_bracket(text, &["除外", "例外"]);
    let (rest, only) = take_bracket(&rest, &["只算", "仅限"]);
    let mut f = split_reason(&rest);
    // Each listed phrase must contain the word it qualifies.
    let checked = |list: Option<Vec<String>>, empty: &str, lacks: &dyn Fn(&str) -> String| {
        let list = list.unwrap_or_default();
        match list.iter().find(|p| !p.contains(f.word.as_str())) {
            _ if list.is_empty() => Err(empty.to_string()),
            Some(p) => Err(lacks(p)),
            None => Ok(list),
        }
    };
    if only.is_some() {
        f.only = checked(
            only,
            &format!("“{}”的“只算”列表是空的", f.word),
            &|u| {
                format!(
                    "“只算”的说法“{u}”里没有禁用词“{}”：只算列表写包含这个词的说法，如 没有…优惠",
                    f.word
                )
            },
        )?;
    }
    if except.is_some() {
        f.except = checked(
            except,
            &format!("“{}”的除外列表是空的", f.word),
            &|e| {
                format!(
                    "除外的说法“{e}”里没有禁用词“{}”：除外列表只写包含这个词的无害说法",
                    f.word
                )
            },
        )?;
    }
    Ok(f)
}

/// `马上同意|立刻同意（上限 1/3）：说明` → a wrong action; without a cap it zeroes the reply.
pub fn split_wrong_action(text: &str) -> Result<WrongAction, String> {
    let (rest, cap) = take_bracket(text, &["上限", "最多"]);
    let (rest, literal) = match rest.find(AS_WRITTEN).or_else(|| rest.find("(原样匹配)")) {
        Some(_) => (
            Cow::Owned(rest.replace(AS_WRITTEN, "").replace("(原样匹配)", "")),
            true,
        ),
        None => (rest, false),
    };
    let f = split_reason(&rest);
    let variants = Reply::variants(&f.word);
    if variants.is_empty() {
        return Err("错误做法是空的".into());
    }
    let (cap, cap_text) = match cap.as_deref() {
        None => (0.0, "0".to_string()),
        Some([c]) => match parse_fraction(c) {
            Some(v) if v < 1.0 => (v, c.trim_end_matches('分').trim().to_string()),
            _ => {
                return Err(format!(
                    "错误做法的上限“{c}”无法识别：请写 0 或小于 1 的分数，如（上限 1/3）"
                ))
            }
        },
        Some(_) => return Err("错误做法的上限只能写一个分数，如（上限 1/3）".into()),
    };
    Ok(WrongAction {
        variants,
        cap,
        cap_text,
        reason: f.reason,
        as_written: literal,
    })
}

/// `词：说明` → word and reason.
pub fn split_reason(text: &str) -> Forbidden {
    match find_colon(text) {
        Some((i, sep)) => Forbidden {
            word: trim(&text[..i]).to_string(),
            reason: trim(&text[i + sep..]).to_string(),
            ..Forbidden::default()
        },
        None => Forbidden {
            word: trim(text).to_string(),
            ..Forbidden::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> ReplyRules<'static> {
        ReplyRules::none()
    }

    fn reply() -> Reply {
        Reply {
            keypoints: vec![
                Reply::variants("抱歉|不好意思"),
                Reply::variants("优惠|划算"),
            ],
            forbidden: vec![Forbidden {
                word: "不还价".into(),
                ..Forbidden::default()
            }],
            ..Reply::default()
        }
    }

    #[test]
    fn reply_scores_key_points_by_any_variant() {
        let r = reply();
        assert_eq!(
            r.grade("不好意思亲，这已经是活动优惠价了", &none())
                .fraction,
            1.0
        );
        assert_eq!(r.grade("不好意思亲", &none()).fraction, 0.5);
        let g = r.grade("你好", &none());
        assert_eq!(g.fraction, 0.0);
        assert!(g.feedback[1].contains("抱歉"));
    }

    #[test]
    fn a_red_line_word_zeroes_the_reply_and_is_named() {
        let r = reply();
        let g = r.grade("抱歉，本店不 还价，已经很优惠", &none());
        assert_eq!(g.fraction, 0.0);
        assert_eq!(g.redline.as_deref(), Some("不还价"));
        assert!(g.feedback[0].contains("不还价"));
        let course = [Forbidden {
            word: "支付宝".into(),
            reason: "京东平台敏感词".into(),
            ..Forbidden::default()
        }];
        let rules = ReplyRules {
            fallback: &course,
            ..none()
        };
        let g = r.grade("抱歉，可以用ZFB吗？优惠。请用支付宝", &rules);
        assert_eq!(g.redline.as_deref(), Some("支付宝"));
        assert!(g.feedback[0].contains("京东平台敏感词"));
    }

    #[test]
    fn scores_are_read_as_trainers_write_them() {
        assert_eq!(parse_fraction("满分"), Some(1.0));
        assert_eq!(parse_fraction("0"), Some(0.0));
        assert_eq!(parse_fraction("0 分"), Some(0.0));
        assert_eq!(parse_fraction("1/3"), Some(1.0 / 3.0));
        assert_eq!(parse_fraction("2/3"), Some(2.0 / 3.0));
        assert_eq!(parse_fraction("4/3"), None);
        assert_eq!(parse_fraction("很好"), None);
    }

    /// The word list as first written: char by char into a growing word.
    fn word_list_reference(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut depth = 0i32;
        for c in line.chars() {
            match c {
                '（' | '(' => depth += 1,
                '）' | ')' => depth -= 1,
                _ => {}
            }
            if depth <= 0 && matches!(c, '、' | '，' | ',' | '；' | ';') {
                out.push(std::mem::take(&mut cur));
            } else {
                cur.push(c);
            }
        }
        out.push(cur);
        out.into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

        #[test]
        fn word_list_agrees_with_the_char_by_char_reading(
            line in "[、，,；;（）()：｜。 \u{3000}a没有抱]{0,14}"
        ) {
            proptest::prop_assert_eq!(Reply::word_list(&line), word_list_reference(&line));
        }

        #[test]
        fn split_reason_agrees_with_std(text in "[:：；（a禁 \u{3000}]{0,10}") {
            let f = split_reason(&text);
            let (word, reason) = match text.split_once([':', '：']) {
                Some((w, r)) => (w.trim(), r.trim()),
                None => (text.trim(), ""),
            };
            proptest::prop_assert_eq!((f.word.as_str(), f.reason.as_str()), (word, reason));
        }
    }

    #[test]
    fn inline_word_lists_keep_exceptions_together() {
        assert_eq!(
            Reply::word_list("不还价、没有（除外：有没有、没有问题）, 支付宝"),
            vec!["不还价", "没有（除外：有没有、没有问题）", "支付宝"]
        );
    }
}

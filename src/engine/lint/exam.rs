//! Lints over one exam's pool, where questions are seen together: a stem or option that gives
//! away another question's key (`key-leak`), and a fact asked more than twice (`fact-repeat`).
//!
//! An exam is a bank as the trainee takes it: its own questions, or for a composite exam every
//! question its imports can draw, since any two of them may come up in one sitting.

use super::similar::normalized;
use super::{stem_text, Hint, Lint};
use crate::engine::bank::bank::Bank;
use crate::engine::question::numeric::fmt_num;
use crate::engine::question::{Kind, Question};
use crate::engine::text::normalize::fold;
use crate::engine::text::rich::{blocks_text, inline_text};
use std::collections::{BTreeMap, BTreeSet};

/// A key shorter than this (normalised characters) is too common to give anything away
/// (是, 对, 8点): numbers are compared as facts instead.
pub const KEY_MIN_CHARS: usize = 4;
/// A fact may be asked this many times in one exam (one question on it, and one from another
/// side); the next one is reported.
pub const FACT_MAX: usize = 2;

/// Units a number is read with, longest first where one starts another.
const UNITS: &[&str] = &[
    "个字/分钟",
    "个字/分",
    "个字",
    "字/分钟",
    "字/分",
    "个工作日",
    "工作日",
    "个小时",
    "小时",
    "分钟",
    "秒钟",
    "个月",
    "万元",
    "元",
    "块",
    "万",
    "字",
    "天",
    "日",
    "周",
    "月",
    "年",
    "秒",
    "分",
    "次",
    "人",
    "名",
    "单",
    "件",
    "倍",
    "%",
    "折",
    "点",
    "条",
    "项",
    "步",
    "种",
    "位",
    "个",
];

/// The keys of a question, normalised: texts a trainee would need to know to answer it.
pub fn keys(q: &Question) -> Vec<String> {
    let long = |t: String| {
        let n = normalized(&t);
        (n.chars().count() >= KEY_MIN_CHARS).then_some(n)
    };
    match &q.kind {
        Kind::Choice(c) => c
            .options
            .iter()
            .filter(|o| o.correct)
            .filter_map(|o| long(blocks_text(&o.content)))
            .collect(),
        Kind::Fill(f) => f
            .blanks
            .iter()
            .flat_map(|b| b.first())
            .filter_map(|a| long(a.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// The facts a question asks: numbers with their units (`9点` and `9:00` are one fact) and
/// named rules in `《》`, from its stem and its key (distractors are not facts it asks), the
/// rows of a matching table and the steps of an ordering.
pub fn facts(q: &Question) -> BTreeSet<String> {
    let mut text = stem_text(q);
    match &q.kind {
        Kind::Choice(c) => {
            for o in c.options.iter().filter(|o| o.correct) {
                text.push('\n');
                text.push_str(&blocks_text(&o.content));
            }
        }
        Kind::Fill(f) => {
            for a in f.blanks.iter().flat_map(|b| b.first()) {
                text.push('\n');
                text.push_str(a);
            }
        }
        // A matching table or an ordering states its facts in its rows and steps.
        Kind::Match(m) => {
            for (l, r) in &m.pairs {
                text.push('\n');
                text.push_str(&inline_text(l));
                text.push('\n');
                text.push_str(&inline_text(r));
            }
        }
        Kind::Order(o) => {
            for item in &o.items {
                text.push('\n');
                text.push_str(&blocks_text(item));
            }
        }
        Kind::Numeric(n) => {
            text.push('\n');
            text.push_str(&fmt_num(n.value));
            text.push_str(n.unit.as_deref().unwrap_or(""));
        }
        _ => {}
    }
    facts_in(&text)
}

/// Numbers with a unit (or a clock time) and `《》` names in `text`.
pub fn facts_in(text: &str) -> BTreeSet<String> {
    // Lines are kept apart: folding drops whitespace, which would join `9:00` and `23:00`.
    let chars: Vec<char> = fold(&text.replace(['\n', '\r'], "|")).chars().collect();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '《' {
            if let Some(end) = chars[i + 1..].iter().position(|&c| c == '》') {
                let name: String = chars[i + 1..i + 1 + end].iter().collect();
                if !name.is_empty() {
                    out.insert(format!("《{name}》"));
                }
                i += end + 2;
                continue;
            }
        }
        let starts_number = c.is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if !starts_number {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || ((chars[j] == '.' || chars[j] == ':')
                    && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
        {
            j += 1;
        }
        let num: String = chars[i..j].iter().collect();
        if num.contains(':') {
            out.insert(clock(&num));
            i = j;
            continue;
        }
        let rest: String = chars[j..chars.len().min(j + 5)].iter().collect();
        if let Some(u) = UNITS.iter().find(|u| rest.starts_with(*u)) {
            if *u == "点" {
                // 9点 and 9点半 are clock times, like 9:00.
                let half = rest[u.len()..].starts_with('半');
                out.insert(clock(&format!("{num}:{}", if half { "30" } else { "00" })));
            } else {
                let unit = match *u {
                    // 每分钟 75 个字 and 75 字/分钟 are one fact.
                    "个字/分钟" | "个字/分" | "个字" | "字/分钟" | "字/分" => "字",
                    "个工作日" => "工作日",
                    "个小时" => "小时",
                    "秒钟" => "秒",
                    u => u,
                };
                out.insert(format!("{num}{unit}"));
            }
            i = j + u.chars().count();
        } else {
            i = j;
        }
    }
    out
}

/// `9:00`, `09:00` → `9:00`.
fn clock(t: &str) -> String {
    let (h, m) = t.split_once(':').unwrap_or((t, "00"));
    let h = h.trim_start_matches('0');
    format!("{}:{m}", if h.is_empty() { "0" } else { h })
}

/// The visible text of a question before it is answered, normalised: stem, options, the rows
/// of a matching table (each row on its own, so a key cannot span two rows) and ordering steps.
fn shown(q: &Question) -> Vec<(String, &'static str)> {
    let mut out = vec![(normalized(&stem_text(q)), "题干")];
    match &q.kind {
        Kind::Choice(c) => out.extend(
            c.options
                .iter()
                .map(|o| (normalized(&blocks_text(&o.content)), "选项")),
        ),
        Kind::Match(m) => out.extend(m.pairs.iter().map(|(l, r)| {
            let row = format!("{}|{}", inline_text(l), inline_text(r));
            (normalized(&row), "连线的行")
        })),
        Kind::Order(o) => out.extend(
            o.items
                .iter()
                .map(|i| (normalized(&blocks_text(i)), "排序的步骤")),
        ),
        _ => {}
    }
    out
}

/// `key-leak`: a question whose stem or an option holds another question's key.
pub fn key_leaks(exam: &Bank) -> Vec<Hint> {
    let pool: Vec<&Question> = exam.questions().collect();
    let keyed: Vec<(usize, Vec<String>)> = pool
        .iter()
        .enumerate()
        .map(|(i, q)| (i, keys(q)))
        .filter(|(_, k)| !k.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, q) in pool.iter().enumerate() {
        let texts = shown(q);
        for (j, ks) in &keyed {
            if *j == i {
                continue;
            }
            let other = pool[*j];
            let hit = ks.iter().find_map(|k| {
                texts
                    .iter()
                    .find(|(t, _)| t.contains(k.as_str()))
                    .map(|(_, w)| (k, *w))
            });
            // A choice question that repeats the other one's right option as its own option
            // only asks the same thing: that is a near-duplicate, not a leak, unless it is in
            // the stem.
            if let Some((k, where_)) = hit {
                out.push(Hint {
                    lint: Lint::KeyLeak,
                    file: q.bank.to_string(),
                    line: q.line,
                    message: format!(
                        "{where_}里有 {}:{} 那道题的答案“{k}”，两题会出现在同一场考试（{}）里，一题泄露另一题：请改写其中一道",
                        other.bank, other.line, exam.path
                    ),
                    other: Some((other.bank.to_string(), other.line)),
                });
            }
        }
    }
    out
}

/// `fact-repeat`: a fact that one attempt of `exam` can ask more than `FACT_MAX` times. For each
/// section, at most its `draw` of the questions asking the fact can come up together.
pub fn fact_repeats(exam: &Bank) -> Vec<Hint> {
    // fact → per section, the questions that ask it.
    let mut by_fact: BTreeMap<String, Vec<Vec<&Question>>> = BTreeMap::new();
    let n = exam.sections.len();
    for (s, sec) in exam.sections.iter().enumerate() {
        for q in &sec.questions {
            if matches!(q.kind, Kind::Reply(_)) {
                continue;
            }
            for f in facts(q) {
                by_fact.entry(f).or_insert_with(|| vec![Vec::new(); n])[s].push(q);
            }
        }
    }
    let mut out = Vec::new();
    for (fact, per) in by_fact {
        let most: usize = per
            .iter()
            .zip(&exam.sections)
            .map(|(qs, sec)| qs.len().min(sec.draw.unwrap_or(usize::MAX)))
            .sum();
        let most = most.min(exam.settings.draw.unwrap_or(usize::MAX));
        if most <= FACT_MAX {
            continue;
        }
        let all: Vec<&Question> = per.iter().flatten().copied().collect();
        let places: Vec<String> = all
            .iter()
            .map(|q| format!("{}:{}", q.bank, q.line))
            .collect();
        // Reported on the questions past the first two, each naming all of them.
        for q in all.iter().skip(FACT_MAX) {
            out.push(Hint {
                lint: Lint::FactRepeat,
                file: q.bank.to_string(),
                line: q.line,
                message: format!(
                    "“{fact}”在考试 {} 里一次最多会被问 {most} 次（{}），每场考试同一事实最多考 {FACT_MAX} 次：请删去或改考别的内容",
                    exam.path,
                    places.join("、")
                ),
                other: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn numbers_with_units_clock_times_and_named_rules_are_facts() {
        assert_eq!(
            facts_in("早上 9 点到 23:00，打字 75 字/分钟，按《淘宝规则》，共 3 位顾客"),
            set(&["9:00", "23:00", "75字", "《淘宝规则》", "3位"])
        );
        assert_eq!(facts_in("９点半上班，09:30 也一样"), set(&["9:30"]));
        assert_eq!(facts_in("每分钟 90 个字，90 字/分钟"), set(&["90字"]));
        // Two answers on their own lines stay two facts.
        assert_eq!(facts_in("9:00\n23:00"), set(&["9:00", "23:00"]));
        // A number with no unit, or inside a word (A1), is no fact.
        assert_eq!(facts_in("选项 A1，第 3"), set(&[]));
    }
}

//! Question types and a trainee's answer to them. Each type's file holds its model, how its
//! answer block is read, and how an answer to it is graded; answer_reader finds a question's
//! answer block, and rubric and concepts are what a reply is matched against. This module only
//! dispatches.

pub mod answer;
pub mod answer_reader;
pub mod choice;
pub mod concepts;
pub mod fill;
pub mod matching;
pub mod numeric;
pub mod ordering;
pub mod reply;
pub mod rubric;
pub mod scan;
pub mod truefalse;

use crate::engine::question::answer::Answer;
use crate::engine::question::concepts::{ConceptTable, Concepts};
use crate::engine::text::fingerprint::Fingerprint;
use crate::engine::text::rich::{Block, Inline};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Stable within its bank: explicit `{#id}` or derived from the content.
    pub id: String,
    pub explicit_id: bool,
    /// The bank file the question was written in (one copy shared by the bank's questions).
    pub bank: std::sync::Arc<str>,
    pub title: Vec<Inline>,
    pub stem: Vec<Block>,
    pub kind: Kind,
    pub points: f64,
    pub tags: Vec<String>,
    pub explanation: Vec<Block>,
    /// `来源：` lines of the explanation (cut from its text, not copied).
    pub sources: Vec<crate::engine::text::text::Text>,
    /// Hash of the question's Markdown, to tell whether it changed since an attempt.
    pub hash: Fingerprint,
    pub line: u32,
}

impl Question {
    /// The key of this question in an attempt: unique across the banks of a course.
    pub fn key(&self) -> String {
        format!("{}#{}", self.bank, self.id)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Choice(choice::Choices),
    TrueFalse(truefalse::TrueFalse),
    Fill(fill::Fill),
    Order(ordering::Ordering),
    Match(matching::Matching),
    Numeric(numeric::Numeric),
    Reply(reply::Reply),
}

/// The names trainers write in `type=` and see in summaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeName {
    Single,
    Multiple,
    Tf,
    Fill,
    Order,
    Match,
    Numeric,
    Reply,
}

impl TypeName {
    pub const ALL: [TypeName; 8] = [
        TypeName::Single,
        TypeName::Multiple,
        TypeName::Tf,
        TypeName::Fill,
        TypeName::Order,
        TypeName::Match,
        TypeName::Numeric,
        TypeName::Reply,
    ];

    pub fn parse(s: &str) -> Option<TypeName> {
        TypeName::ALL.into_iter().find(|t| t.code() == s)
    }

    pub fn code(self) -> &'static str {
        match self {
            TypeName::Single => "single",
            TypeName::Multiple => "multiple",
            TypeName::Tf => "tf",
            TypeName::Fill => "fill",
            TypeName::Order => "order",
            TypeName::Match => "match",
            TypeName::Numeric => "numeric",
            TypeName::Reply => "reply",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TypeName::Single => "单选题",
            TypeName::Multiple => "多选题",
            TypeName::Tf => "判断题",
            TypeName::Fill => "填空题",
            TypeName::Order => "排序题",
            TypeName::Match => "连线题",
            TypeName::Numeric => "数值题",
            TypeName::Reply => "情景回复题",
        }
    }
}

impl Kind {
    pub fn type_name(&self) -> TypeName {
        match self {
            Kind::Choice(c) if c.multiple => TypeName::Multiple,
            Kind::Choice(_) => TypeName::Single,
            Kind::TrueFalse(_) => TypeName::Tf,
            Kind::Fill(_) => TypeName::Fill,
            Kind::Order(_) => TypeName::Order,
            Kind::Match(_) => TypeName::Match,
            Kind::Numeric(_) => TypeName::Numeric,
            Kind::Reply(_) => TypeName::Reply,
        }
    }

    /// How many things an attempt shuffles for this question (options, steps, right column).
    pub fn shuffle_len(&self) -> usize {
        match self {
            Kind::Choice(c) => c.options.len(),
            Kind::Order(o) => o.items.len(),
            Kind::Match(m) => m.pairs.len(),
            _ => 0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Correct,
    Partial,
    Wrong,
    Unanswered,
}

/// What grading one answer produced: a fraction of the question's points and plain-language
/// feedback.
#[derive(Clone, Debug, PartialEq)]
pub struct Graded {
    pub fraction: f64,
    pub feedback: Vec<String>,
    /// The red-line word that zeroed a reply.
    pub redline: Option<String>,
}

impl Graded {
    pub fn all_or_nothing(ok: bool, feedback: impl Into<String>) -> Graded {
        Graded {
            fraction: if ok { 1.0 } else { 0.0 },
            feedback: vec![feedback.into()],
            redline: None,
        }
    }
}

/// A red-line word with why it is forbidden, from a reply's `禁用词` or a red-line list.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Forbidden {
    pub word: String,
    pub reason: String,
    /// Phrases the word may sit inside without firing (`没有` inside `有没有`).
    pub except: Vec<String>,
    /// The only uses that fire (`只算：没有…优惠`), besides the word alone in its clause; empty
    /// for every use. See `rubric::Text::has_forbidden`.
    pub only: Vec<String>,
}

/// A red-line list with where it applies.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ScopedRedlines {
    pub path: String,
    /// Banks whose own `redlines:` names the list; empty for the course's lists.
    pub banks: Vec<String>,
    /// Platforms the list applies to (its `platform:`); empty for every platform.
    pub platforms: Vec<String>,
    pub words: Vec<Forbidden>,
    /// Course-wide wrong actions (`kind: wrong-actions`): a reply that does one scores 0.
    pub wrong: Vec<reply::WrongAction>,
}

impl ScopedRedlines {
    fn applies(&self, bank: &str, platform: Option<&str>) -> bool {
        (self.banks.is_empty() || self.banks.iter().any(|b| b == bank))
            && (self.platforms.is_empty()
                || platform.is_some_and(|p| self.platforms.iter().any(|x| x == p)))
    }
}

/// What grading needs beyond the question: the red-line lists with their scopes. One context
/// serves every question of a course: each reply gets the lists of its own source bank and
/// platform (`redlines_for`), wherever it is graded (a composite exam, the wrong-answer book).
#[derive(Default, Clone, Debug)]
pub struct GradeContext {
    /// The red lines resolved for `bank`: used by `grade()`, which does not know the
    /// question's bank, and as the whole list when the context is built by hand.
    pub redlines: Vec<Forbidden>,
    /// Every list of the course and its banks, with its scope.
    pub lists: Vec<ScopedRedlines>,
    /// `platform:` of each bank that sets one.
    pub platforms: BTreeMap<String, String>,
    /// The bank `redlines` was resolved for.
    pub bank: String,
    /// The course's concepts (`kind: concepts`): what a key point's `【名字】` stands for.
    pub concepts: ConceptTable,
}

/// What a reply is graded against besides its own rubric: the red lines and wrong actions in
/// force for its bank and platform, and the course's concepts.
#[derive(Clone, Copy, Debug)]
pub struct ReplyRules<'a> {
    pub lists: &'a [ScopedRedlines],
    pub fallback: &'a [Forbidden],
    pub bank: &'a str,
    pub platform: Option<&'a str>,
    pub concepts: &'a Concepts,
}

impl<'a> ReplyRules<'a> {
    /// No course: only the question's own rubric.
    pub fn none() -> ReplyRules<'static> {
        static EMPTY: Concepts = Concepts::new();
        ReplyRules {
            lists: &[],
            fallback: &[],
            bank: "",
            platform: None,
            concepts: &EMPTY,
        }
    }

    fn in_force(&self) -> impl Iterator<Item = &'a ScopedRedlines> + '_ {
        self.lists
            .iter()
            .filter(|l| l.applies(self.bank, self.platform))
    }

    pub fn redlines(&self) -> Vec<&'a Forbidden> {
        if self.lists.is_empty() {
            return self.fallback.iter().collect();
        }
        self.in_force().flat_map(|l| &l.words).collect()
    }

    pub fn wrong_actions(&self) -> Vec<&'a reply::WrongAction> {
        self.in_force().flat_map(|l| &l.wrong).collect()
    }
}

impl GradeContext {
    /// The platform a reply is graded for: its own `platform=`, else its bank's `platform:`.
    pub fn platform_for<'a>(&'a self, bank: &str, own: Option<&'a str>) -> Option<&'a str> {
        own.or_else(|| self.platforms.get(bank).map(String::as_str))
    }

    /// Everything a reply written in `bank` is graded against besides its rubric.
    pub fn reply_rules<'a>(
        &'a self,
        bank: &'a str,
        own_platform: Option<&'a str>,
    ) -> ReplyRules<'a> {
        ReplyRules {
            lists: &self.lists,
            fallback: &self.redlines,
            bank,
            platform: self.platform_for(bank, own_platform),
            concepts: self.concepts.get(),
        }
    }

    /// The red lines in force for a reply written in `bank`.
    pub fn redlines_for(&self, bank: &str, own_platform: Option<&str>) -> Vec<&Forbidden> {
        if self.lists.is_empty() {
            return self.redlines.iter().collect();
        }
        let platform = self.platform_for(bank, own_platform);
        self.lists
            .iter()
            .filter(|l| l.applies(bank, platform))
            .flat_map(|l| &l.words)
            .collect()
    }
}

/// Grades one answer. A missing answer, or one of the wrong shape, scores zero. A reply gets
/// the red lines of the bank the context was made for; `grade_question` uses the question's
/// own bank instead, and is what attempts use.
pub fn grade(kind: &Kind, answer: Option<&Answer>, ctx: &GradeContext) -> Graded {
    let platform = match kind {
        Kind::Reply(r) => r.platform.as_deref(),
        _ => None,
    };
    grade_in(kind, answer, ctx, &ctx.bank, platform)
}

/// Grades one answer to `q` with the red lines of `q`'s own bank and platform.
pub fn grade_question(q: &Question, answer: Option<&Answer>, ctx: &GradeContext) -> Graded {
    let platform = match &q.kind {
        Kind::Reply(r) => r.platform.as_deref(),
        _ => None,
    };
    grade_in(&q.kind, answer, ctx, &q.bank, platform)
}

fn grade_in(
    kind: &Kind,
    answer: Option<&Answer>,
    ctx: &GradeContext,
    bank: &str,
    platform: Option<&str>,
) -> Graded {
    let Some(answer) = answer.filter(|a| !a.is_empty()) else {
        return Graded {
            fraction: 0.0,
            feedback: vec!["未作答".into()],
            redline: None,
        };
    };
    match (kind, answer) {
        (Kind::Choice(q), Answer::Choice { selected }) => q.grade(selected),
        (Kind::TrueFalse(q), Answer::TrueFalse { value }) => q.grade(*value),
        (Kind::Fill(q), Answer::Fill { blanks }) => q.grade(blanks),
        (Kind::Order(q), Answer::Order { order }) => q.grade(order),
        (Kind::Match(q), Answer::Match { pairs }) => q.grade(pairs),
        (Kind::Numeric(q), Answer::Numeric { text }) => q.grade(text),
        (Kind::Reply(q), Answer::Reply { text }) => q.grade(text, &ctx.reply_rules(bank, platform)),
        _ => Graded {
            fraction: 0.0,
            feedback: vec!["答案与题型不符".into()],
            redline: None,
        },
    }
}

pub fn status_of(fraction: f64, answered: bool) -> Status {
    if !answered {
        Status::Unanswered
    } else if fraction >= 0.999_999 {
        Status::Correct
    } else if fraction > 0.0 {
        Status::Partial
    } else {
        Status::Wrong
    }
}

/// `抱歉|不好意思` → its trimmed, non-empty alternatives (a fill-in blank's accepted answers,
/// a key point's variants), split at `|` and `｜`.
pub fn alternatives(text: &str) -> Vec<String> {
    split_trimmed(text, b'|', "｜")
}

/// `text` split at `ascii` and at `wide`, each piece trimmed, empty pieces dropped. One pass over
/// the bytes: both separators are whole characters, so every cut is at a character boundary;
/// only kept pieces allocate. (`str::split` with two `char`s decodes every character.)
pub fn split_trimmed(text: &str, ascii: u8, wide: &str) -> Vec<String> {
    let wide = wide.as_bytes();
    let bytes = text.as_bytes();
    // One piece more than the separators at most; the wide separator's first byte also starts
    // other characters, so this may reserve a little more than needed, never less.
    let seps = bytes
        .iter()
        .filter(|&&b| b == ascii || b == wide[0])
        .count();
    let mut out = Vec::with_capacity(seps + 1);
    let mut keep = |piece: &str| {
        let piece = scan::trim(piece);
        if !piece.is_empty() {
            out.push(piece.to_string());
        }
    };
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let sep = if bytes[i] == ascii {
            1
        } else if bytes[i] == wide[0] && bytes[i..].starts_with(wide) {
            wide.len()
        } else {
            0
        };
        if sep > 0 {
            keep(&text[start..i]);
            start = i + sep;
            i = start;
        } else {
            i += 1;
        }
    }
    keep(&text[start..]);
    out
}

#[cfg(test)]
mod alternatives_tests {
    use super::alternatives;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn alternatives_match_splitting_at_both_bars(text in "[|｜ a抱歉\u{3000}\t]{0,16}") {
            let reference: Vec<String> = text
                .split(['|', '｜'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            prop_assert_eq!(alternatives(&text), reference);
        }

        /// Tags (`tags=发货,邮费`) split the same way at `,` and `，`; `｜` and `：` share the
        /// wide comma's first byte.
        #[test]
        fn tags_match_splitting_at_both_commas(text in "[,，｜： a发货\u{3000}\t]{0,16}") {
            let reference: Vec<String> = text
                .split([',', '，'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            prop_assert_eq!(super::split_trimmed(&text, b',', "，"), reference);
        }
    }

    #[test]
    fn alternatives_are_trimmed_and_empty_ones_dropped() {
        assert_eq!(
            alternatives(" 抱歉 |不好意思｜｜ 对不起"),
            ["抱歉", "不好意思", "对不起"]
        );
    }
}

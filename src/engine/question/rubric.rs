//! How a scenario reply's text is matched against a rubric: key points that do not count when
//! negated, red-line words that do not fire inside listed innocent phrases, and the rule for
//! curt brush-offs. Plain text functions, so every rule can be read and tested on its own.
//!
//! All matching is done on the folded text (case, width and spaces ignored, see `normalize`).

use crate::engine::text::hanzi;
use crate::engine::text::normalize::fold;

/// Words that negate what follows them within a few characters (`不` covers 不能/不会/不用,
/// `没` covers 没有).
pub const NEGATIONS: &[&str] = &["不", "没", "别", "无法", "无需", "无须", "未", "勿", "甭"];

/// Everyday phrases that contain a negation character but do not negate what follows: courtesy
/// (不好意思, 对不起), reassurance (别担心), and idioms (没问题, 不错). Blanked out before looking
/// for a negation. A-not-A questions (能不能, 有没有) are recognised separately.
pub const NOT_NEGATING: &[&str] = &[
    "不好意思",
    "对不起",
    "要不",
    "不客气",
    "不错",
    "不如",
    "不少",
    "不久",
    "不断",
    "不仅",
    "不妨",
    "不管",
    "不然",
    "差不多",
    "不得不",
    "了不起",
    "没关系",
    "没问题",
    "没得说",
    "别担心",
    "别着急",
    "别急",
    "不用担心",
    "不要担心",
    "不用着急",
    "不着急",
    "特别",
    "分别",
    "区别",
    "别人",
    "别家",
    "别的",
    "别处",
    "未来",
];

/// Potential complements that negate the verb just before them: 处理不了, 改不了, 查不到.
pub const NEGATED_AFTER: &[&str] = &["不了", "不到", "不成", "不动", "不定"];

/// How many characters before a phrase are searched for a negation word.
pub const NEGATION_WINDOW: usize = 6;

/// Words after which a new thought starts, so a negation before them does not reach past them
/// (虽然不能便宜，但是质量很好).
const TURNS: &[&str] = &["但", "可是", "不过", "只是", "而且", "所以", "因为"];

/// Words that dismiss or refuse a key point said just before them in the same clause:
/// 核实就免了, 金额不必再看, 原因随便选也没事. Each is ignored where a negation word stands
/// right before it (不能随便选 is no dismissal) and inside `NOT_NEGATING` phrases.
pub const DISMISSALS: &[&str] = &[
    "免了",
    "不必",
    "不用",
    "不需要",
    "无需",
    "无须",
    "没必要",
    "用不着",
    "算了",
    "省了",
    "就别",
    "别看",
    "别查",
    "别管",
    "不管了",
    "甭",
    "没事",
    "无所谓",
    "没关系",
    "不重要",
    "随便",
    "不多说",
    "不说了",
    "谈不上",
    "算不上",
    "说不上",
    "不问了",
    "不细问",
    "不用管",
    "白比",
    "就不看",
    "就不查",
    "就不问",
    "就不跟",
    "就不对",
    "就不核",
];

/// Words after an action, in its clause, that warn against it rather than do it (私下转账风险
/// 很大, 私下转账不安全, 私下转账出了问题没保障): the action is not done.
pub const WARNED_AFTER: &[&str] = &[
    "风险",
    "不安全",
    "危险",
    "不行",
    "不可以",
    "不允许",
    "违规",
    "不支持",
    "不能",
    "不了",
    "没保障",
    "没有保障",
    "无保障",
    "说不清",
    "出了问题",
    "出问题",
    "被骗",
    "上当",
];

/// Words that make an action a supposition: before it in its clause (如果您选质量问题, with no
/// 的话 closing the condition before the action), or 的话 after it. A supposition is no deed
/// when what the sentence says next refuses or warns (如果您选质量问题，我们不能同意), or says
/// nothing more; when it goes on to grant something (您要是私下转账给我的话，我可以给您少五块),
/// it is a conditional offer, and the action counts.
pub const SUPPOSED_BEFORE: &[&str] = &["如果", "要是", "假如"];
pub const SUPPOSED_AFTER: &str = "的话";

/// Words before an action, in its clause, that raise it only as a risk (万一私下转账被骗): the
/// action is not done, whatever follows.
pub const RISKED_BEFORE: &[&str] = &["万一"];

/// Characters that end a clause (after folding: full-width punctuation is half-width).
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | '!' | '?' | ';' | ':' | '~' | '…' | '—' | '\n' | '(' | ')' | '"' | '\''
    )
}

/// Characters that end a sentence: a wrong action `A…B` may span its clauses.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n')
}

/// What a phrase is looked for as: a key point, or a wrong action (which is also not done
/// when its clause goes on to warn against it, `WARNED_AFTER`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Use {
    Point,
    Action,
}

/// How far a phrase's parts may lie apart: `A…B` within one clause, `A……B` within one
/// sentence (同意了，回头再核实 is one wrong action).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scope {
    Clause,
    Sentence,
}

/// Folds one line of a reply or a rubric phrase as trainees type it: full and half width and
/// case (`normalize::fold`), traditional characters to simplified, spaces, emoji and variation
/// selectors dropped, a run of the same punctuation mark (！！！, 。。。) kept once.
pub fn fold_typed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = '\0';
    for c in fold(text).chars().map(hanzi::simplified) {
        if is_emoji(c) || (c == last && !c.is_alphanumeric()) {
            continue;
        }
        out.push(c);
        last = c;
    }
    out
}

/// Pictographs, symbols and the joiners and selectors that build emoji sequences.
fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE00..=0xFE0F | 0x200D | 0x20E3
            | 0xE0020..=0xE007F)
}

/// A phrase found in a reply: where, and whether it was recognised by its sound only (a
/// same-sounding input-method slip such as 核时 for 核实).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub by_sound: bool,
}

/// A reply prepared for matching: folded, with line breaks kept as sentence ends.
#[derive(Clone, Debug)]
pub struct Text {
    chars: Vec<char>,
}

impl Text {
    pub fn new(text: &str) -> Text {
        let lines: Vec<String> = text.lines().map(fold_typed).collect();
        Text {
            chars: lines.join("\n").chars().collect(),
        }
    }

    /// Every clause as `(start, end)`, punctuation left out.
    pub fn clauses(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in self.chars.iter().enumerate() {
            if is_clause_end(*c) {
                if i > start {
                    out.push((start, i));
                }
                start = i + 1;
            }
        }
        if self.chars.len() > start {
            out.push((start, self.chars.len()));
        }
        out
    }

    /// The folded text between two positions, for feedback.
    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start..end.min(self.chars.len())]
            .iter()
            .collect()
    }

    /// Start positions (in chars) of every occurrence of `needle` (already folded); by sound,
    /// the places where each character is the needle's or sounds the same, at least one is the
    /// needle's and at least one is not (an exact match is not a slip).
    fn find_all(&self, needle: &[char], from: usize, to: usize, by_sound: bool) -> Vec<usize> {
        let mut out = Vec::new();
        if needle.is_empty() || to < needle.len() {
            return out;
        }
        let mut i = from;
        while i + needle.len() <= to {
            let hay = &self.chars[i..i + needle.len()];
            let hit = if by_sound {
                let same = hay.iter().zip(needle).filter(|(a, b)| a == b).count();
                same > 0
                    && same < needle.len()
                    && hay.iter().zip(needle).all(|(a, b)| {
                        a == b
                            || hanzi::syllable(*a).is_some_and(|s| hanzi::syllable(*b) == Some(s))
                    })
            } else {
                hay == needle
            };
            if hit {
                out.push(i);
            }
            i += 1;
        }
        out
    }

    /// Where the clause holding `at` starts (after `floor`) and ends.
    fn clause_bounds(&self, at: usize, floor: usize) -> (usize, usize) {
        let mut start = at;
        while start > floor && !is_clause_end(self.chars[start - 1]) {
            start -= 1;
        }
        let mut end = at;
        while end < self.chars.len() && !is_clause_end(self.chars[end]) {
            end += 1;
        }
        (start, end)
    }

    /// Whether the few characters before `at` (same clause, after `floor`) hold a negation.
    fn negated_before(&self, at: usize, floor: usize) -> bool {
        let (start, _) = self.clause_bounds(at, floor);
        let mut clause: Vec<char> = self.chars[start..at].to_vec();
        blank_out(&mut clause, NOT_NEGATING);
        // 搞不定, 改不了: the complement negates its own verb, not what comes after it.
        blank_out(&mut clause, NEGATED_AFTER);
        blank_a_not_a(&mut clause);
        // A turn word starts a new thought: only what follows it counts.
        let s: String = clause.iter().collect();
        let mut cut = 0;
        for t in TURNS {
            if let Some(p) = s.rfind(t) {
                cut = cut.max(s[..p + t.len()].chars().count());
            }
        }
        let clause = &clause[cut..];
        let window = &clause[clause.len().saturating_sub(NEGATION_WINDOW)..];
        let w: String = window.iter().collect();
        NEGATIONS.iter().any(|n| w.contains(n))
    }

    /// Whether a phrase ending at `end` is refused right after it (处理不了) or dismissed later
    /// in its clause (核实就免了, 金额不必再看).
    fn negated_after(&self, end: usize) -> bool {
        if NEGATED_AFTER.iter().any(|n| {
            let n: Vec<char> = n.chars().collect();
            self.chars.get(end..end + n.len()) == Some(&n[..])
        }) {
            return true;
        }
        let (_, stop) = self.clause_bounds(end, end);
        let mut rest: Vec<char> = self.chars[end..stop].to_vec();
        blank_out(&mut rest, NOT_NEGATING);
        let rest: String = rest.into_iter().collect();
        DISMISSALS.iter().any(|d| {
            rest.match_indices(d).any(|(i, _)| {
                // 不能随便, 没有必要: a negation right before the word cancels the dismissal.
                let before: Vec<char> = rest[..i].chars().collect();
                let tail: String = before[before.len().saturating_sub(2)..].iter().collect();
                !NEGATIONS
                    .iter()
                    .any(|n| tail.ends_with(n) || tail.starts_with(n))
            })
        })
    }

    /// Whether the clause around an action warns against it (`WARNED_AFTER`), raises it as a
    /// risk (`RISKED_BEFORE`), or only supposes it (`SUPPOSED_BEFORE`, `SUPPOSED_AFTER`) without
    /// granting anything for it.
    fn warned(&self, start: usize, end: usize) -> bool {
        let (a, _) = self.clause_bounds(start, 0);
        let (_, stop) = self.clause_bounds(end, end);
        let before = self.slice(a, start);
        let rest = self.slice(end, stop);
        if WARNED_AFTER.iter().any(|w| rest.contains(w))
            || RISKED_BEFORE.iter().any(|w| before.contains(w))
        {
            return true;
        }
        // 如果方便的话加我微信: the condition closed before the action, which is what is asked.
        let condition = before.rsplit(SUPPOSED_AFTER).next().unwrap_or_default();
        let closed_after = rest.find(SUPPOSED_AFTER);
        let supposed =
            SUPPOSED_BEFORE.iter().any(|w| condition.contains(w)) || closed_after.is_some();
        // The consequence follows 的话 (…转给我的话就再少三块), or else the clause.
        let consequence = closed_after.map_or(stop, |i| {
            end + rest[..i].chars().count() + SUPPOSED_AFTER.chars().count()
        });
        supposed && !self.grants_after(consequence)
    }

    /// Whether the rest of the sentence from `from` says something, and nothing in it refuses
    /// or warns: the consequence of a supposition that grants it.
    fn grants_after(&self, from: usize) -> bool {
        let mut to = from;
        while to < self.chars.len() && !is_sentence_end(self.chars[to]) {
            to += 1;
        }
        let mut next: Vec<char> = self.chars[from..to].to_vec();
        blank_out(&mut next, NOT_NEGATING);
        let next: String = next.into_iter().collect();
        let says = next.chars().any(|c| c.is_alphanumeric());
        says && !NEGATIONS
            .iter()
            .chain(WARNED_AFTER)
            .any(|w| next.contains(w))
    }

    /// The first place a phrase is said and not negated, as `(start, end)` in chars. A phrase
    /// `A…B` needs A and then B later in the same clause (no punctuation between them); each
    /// part is checked for negation.
    /// `as_written` skips the negation check (for points that are themselves negative).
    pub fn find_phrase(&self, phrase: &str, as_written: bool) -> Option<(usize, usize)> {
        self.find_in(phrase, as_written, Use::Point, false)
            .map(|f| (f.start, f.end))
    }

    /// Where a phrase is said; a key point falls back to a same-sounding match when it has two
    /// or more Chinese characters in each part and is not found as written (a wrong action
    /// never does: 可以发货 must not read as 已发货).
    pub fn find(&self, phrase: &str, as_written: bool, use_: Use) -> Option<Found> {
        self.find_exact(phrase, as_written, use_)
            .or_else(|| match use_ {
                Use::Point => self.find_by_sound(phrase, as_written),
                Use::Action => None,
            })
    }

    /// A key point said only as a same-sounding slip: each part has two or more Chinese
    /// characters (a shorter phrase would match too much by sound).
    pub fn find_by_sound(&self, phrase: &str, as_written: bool) -> Option<Found> {
        let soundable = split_scoped(phrase).0.iter().all(|p| {
            let p = fold_typed(p);
            p.chars().count() >= 2 && p.chars().all(hanzi::is_han)
        });
        soundable
            .then(|| self.find_in(phrase, as_written, Use::Point, true))
            .flatten()
    }

    /// `find` without the same-sounding fallback.
    pub fn find_exact(&self, phrase: &str, as_written: bool, use_: Use) -> Option<Found> {
        self.find_in(phrase, as_written, use_, false)
    }

    fn find_in(&self, phrase: &str, as_written: bool, use_: Use, by_sound: bool) -> Option<Found> {
        let (parts, scope) = split_scoped(phrase);
        let parts: Vec<Vec<char>> = parts
            .iter()
            .map(|p| fold_typed(p).chars().collect())
            .collect();
        if parts.is_empty() || parts.iter().any(Vec::is_empty) {
            return None;
        }
        let how = How {
            as_written,
            scope,
            use_,
            by_sound,
        };
        let (start, end) = self.find_parts(&parts, 0, self.chars.len(), how, None)?;
        Some(Found {
            start,
            end,
            by_sound,
        })
    }

    fn find_parts(
        &self,
        parts: &[Vec<char>],
        from: usize,
        to: usize,
        how: How,
        first: Option<usize>,
    ) -> Option<(usize, usize)> {
        let (part, rest) = parts.split_first()?;
        for at in self.find_all(part, from, to, how.by_sound) {
            let end = at + part.len();
            if !how.as_written
                && (self.negated_before(at, from)
                    || self.negated_after(end)
                    || (how.use_ == Use::Action && self.warned(at, end)))
            {
                continue;
            }
            let start = first.unwrap_or(at);
            if rest.is_empty() {
                return Some((start, end));
            }
            // The rest must follow within the same clause (or sentence).
            let mut stop = end;
            while stop < self.chars.len() {
                let c = self.chars[stop];
                if (how.scope == Scope::Clause && is_clause_end(c)) || is_sentence_end(c) {
                    break;
                }
                stop += 1;
            }
            if let Some(found) = self.find_parts(rest, end, stop, how, Some(start)) {
                return Some(found);
            }
        }
        None
    }

    /// Whether `phrase` occurs at all but every occurrence is negated: so the feedback can say
    /// "you said it, but negated".
    pub fn only_negated(&self, phrase: &str) -> bool {
        self.find(phrase, true, Use::Point).is_some()
            && self.find(phrase, false, Use::Point).is_none()
    }

    /// The words around a match, for feedback: the clause it sits in.
    pub fn clause_around(&self, phrase: &str) -> Option<String> {
        let f = self.find(phrase, true, Use::Point)?;
        Some(self.clause_of(f.start, f.end))
    }

    /// The clause (or clauses) from the one holding `start` to the one holding `end`.
    pub fn clause_of(&self, start: usize, end: usize) -> String {
        let (a, _) = self.clause_bounds(start, 0);
        let (_, b) = self.clause_bounds(end.saturating_sub(1).max(start), 0);
        self.slice(a, b)
    }

    /// Whether a red-line word is used in a forbidden way: anywhere outside its exceptions
    /// (`没有` is not fired by `有没有` or `没有问题`), or, for a word limited to some uses
    /// (`只算：没有…优惠`), in one of those uses whose sentence does not go on with a turn
    /// (目前没有满减活动，不过…… explains; 没有优惠 refuses), or alone in its clause
    /// (没有。/ 没有哦). No negation check: naming a red-line word is the offence.
    pub fn has_forbidden(&self, word: &str, except: &[String], only: &[String]) -> bool {
        let w: Vec<char> = fold_typed(word).chars().collect();
        let n = self.chars.len();
        let covered: Vec<(usize, usize)> = except
            .iter()
            .flat_map(|e| {
                let e: Vec<char> = fold_typed(e).chars().collect();
                let len = e.len();
                self.find_all(&e, 0, n, false)
                    .into_iter()
                    .map(move |s| (s, s + len))
            })
            .collect();
        let free = |s: usize, e: usize| !covered.iter().any(|&(cs, ce)| cs <= s && e <= ce);
        if only.is_empty() {
            return self
                .find_all(&w, 0, n, false)
                .into_iter()
                .any(|s| free(s, s + w.len()));
        }
        let alone = self.find_all(&w, 0, n, false).into_iter().any(|s| {
            let (a, b) = self.clause_bounds(s, 0);
            free(s, s + w.len())
                && self.chars[a..b]
                    .iter()
                    .enumerate()
                    .all(|(i, c)| (a + i >= s && a + i < s + w.len()) || PARTICLES.contains(*c))
        });
        alone
            || only.iter().any(|use_| {
                let (parts, scope) = split_scoped(use_);
                let parts: Vec<Vec<char>> = parts
                    .iter()
                    .map(|p| fold_typed(p).chars().collect())
                    .collect();
                let how = How {
                    as_written: true,
                    scope,
                    use_: Use::Point,
                    by_sound: false,
                };
                let mut from = 0;
                while let Some((s, e)) = self.find_parts(&parts, from, n, how, None) {
                    if free(s, s + w.len()) && !self.turns_after(e) {
                        return true;
                    }
                    from = s + 1;
                }
                false
            })
    }

    /// Whether the sentence goes on after `at` with a turn word (不过, 但是).
    fn turns_after(&self, at: usize) -> bool {
        let mut stop = at;
        while stop < self.chars.len() && !is_sentence_end(self.chars[stop]) {
            stop += 1;
        }
        let rest = self.slice(at, stop);
        TURNS[..4].iter().any(|t| rest.contains(t))
    }

    /// Characters that carry words: letters, digits and CJK, not punctuation or emoji.
    pub fn word_chars(&self) -> usize {
        self.chars
            .iter()
            .filter(|c| c.is_alphanumeric() && !c.is_ascii_punctuation())
            .count()
    }

    pub fn contains(&self, word: &str) -> bool {
        let w: Vec<char> = fold_typed(word).chars().collect();
        !self.find_all(&w, 0, self.chars.len(), false).is_empty()
    }

    /// Whether the reply is not written in Chinese (pinyin or English): at least
    /// `FOREIGN_MIN_LETTERS` Latin letters and fewer Chinese characters than half of them. A
    /// size or model code (M码, XL) in a Chinese reply is not enough.
    pub fn is_foreign(&self) -> bool {
        let latin = self
            .chars
            .iter()
            .filter(|c| c.is_ascii_alphabetic())
            .count();
        let han = self.chars.iter().filter(|c| hanzi::is_han(**c)).count();
        latin >= FOREIGN_MIN_LETTERS && han * 2 < latin
    }
}

/// Particles that may stand beside a forbidden word alone in its clause (没有哦, 没有的).
const PARTICLES: &str = "哦噢喔呢的啊呀哈了吧嘛啦亲";

/// How many Latin letters make a reply count as not Chinese (see `Text::is_foreign`).
pub const FOREIGN_MIN_LETTERS: usize = 6;

/// How a phrase is matched: its parts' scope, what it is looked for as, negation and sound.
#[derive(Clone, Copy)]
struct How {
    as_written: bool,
    scope: Scope,
    use_: Use,
    by_sound: bool,
}

/// `先核实…再退款` → its parts; `...` is accepted for `…`.
pub fn split_parts(phrase: &str) -> Vec<String> {
    split_scoped(phrase).0
}

/// A phrase's parts and how far apart they may be: `A……B` (or `A......B`) within a sentence,
/// else `A…B` (or `A...B`) within a clause.
fn split_scoped(phrase: &str) -> (Vec<String>, Scope) {
    let p = phrase.replace("......", "……").replace("...", "…");
    let (sep, scope) = if p.contains("……") {
        ("……", Scope::Sentence)
    } else {
        ("…", Scope::Clause)
    };
    let parts = p.split(sep).map(|s| s.trim().to_string()).collect();
    (parts, scope)
}

fn blank_out(chars: &mut [char], phrases: &[&str]) {
    for p in phrases {
        let p: Vec<char> = p.chars().collect();
        if p.len() > chars.len() {
            continue;
        }
        for i in 0..=chars.len() - p.len() {
            if chars[i..i + p.len()] == *p {
                chars[i..i + p.len()].fill('·');
            }
        }
    }
}

/// `能不能`, `有没有`, `是不是`: a question, not a negation.
fn blank_a_not_a(chars: &mut [char]) {
    if chars.len() < 3 {
        return;
    }
    for i in 0..chars.len() - 2 {
        if matches!(chars[i + 1], '不' | '没') && chars[i] == chars[i + 2] && chars[i] != '·' {
            chars[i..i + 3].fill('·');
        }
    }
}

/// A reply shorter than this many word characters with no courtesy word is a brush-off.
pub const BRUSH_OFF_LEN: usize = 12;

/// The cap on a brush-off, as a fraction of the question's points.
pub const BRUSH_OFF_CAP: f64 = 1.0 / 3.0;

/// Words that show courtesy to the buyer. Particles such as 哦/呢 do not count: they soften
/// a reply but do not make a refusal polite.
pub const COURTESY: &[&str] = &[
    "亲",
    "您",
    "请",
    "抱歉",
    "谢谢",
    "感谢",
    "不好意思",
    "对不起",
    "麻烦",
    "欢迎",
    "你好",
];

/// Whether a reply is a curt brush-off: under `BRUSH_OFF_LEN` word characters and none of the
/// courtesy words.
pub fn is_brush_off(text: &Text) -> bool {
    text.word_chars() < BRUSH_OFF_LEN && !COURTESY.iter().any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str, phrase: &str) -> bool {
        Text::new(text).find_phrase(phrase, false).is_some()
    }

    #[test]
    fn a_negation_just_before_a_phrase_cancels_it() {
        assert!(said("亲，我帮您核实一下", "核实"));
        assert!(!said("亲，这个不用核实的", "核实"));
        assert!(!said("没有核实过", "核实"));
        assert!(!said("我们无法给您处理", "处理"));
        assert!(!said("这个我们处理不了", "处理"));
        assert!(!said("地址改不了了", "改"));
        assert!(said("马上处理好", "处理"));
        assert!(Text::new("这个不用核实的").only_negated("核实"));
    }

    #[test]
    fn a_negation_in_an_earlier_clause_or_far_back_does_not_reach() {
        assert!(said("不着急，我帮您核实", "核实"));
        assert!(said("不好意思亲，马上帮您核实", "核实"));
        assert!(said("虽然不能再便宜了但是质量很好", "质量"));
        assert!(said("没问题我帮您核实一下", "核实"));
        assert!(said("亲别担心我们一定处理", "处理"));
        assert!(said("亲能不能告诉我哪里不满意呢", "哪里"));
        assert!(said("这款做工不错质量好", "质量"));
        assert!(said("您可以跟别家对比一下", "对比"));
    }

    #[test]
    fn as_written_ignores_negation() {
        assert!(Text::new("不能再便宜了")
            .find_phrase("便宜", true)
            .is_some());
        assert!(!said("不能再便宜了", "便宜"));
    }

    #[test]
    fn a_two_part_phrase_needs_both_parts_in_order_in_one_clause() {
        assert!(said("好的马上给您同意退款", "同意…退款"));
        assert!(said("好的，同意给您退款", "同意...退款"));
        assert!(!said("好的，同意了，马上退款", "同意…退款"));
        assert!(!said("退款的话需要同意", "同意…退款"));
        assert!(!said("我们同意。明天再说退款", "同意…退款"));
        assert!(!said("不能直接同意退款", "同意…退款"));
    }

    #[test]
    fn red_line_words_do_not_fire_inside_exceptions() {
        let ex = vec!["有没有".to_string(), "没有问题".to_string()];
        assert!(!Text::new("亲，请问有没有收到").has_forbidden("没有", &ex, &[]));
        assert!(!Text::new("没有问题，马上处理").has_forbidden("没有", &ex, &[]));
        assert!(Text::new("没有优惠").has_forbidden("没有", &ex, &[]));
        assert!(Text::new("有没有收到？没有的话我查").has_forbidden("没有", &ex, &[]));
    }

    #[test]
    fn a_short_reply_without_courtesy_is_a_brush_off() {
        assert!(is_brush_off(&Text::new("不能便宜")));
        assert!(is_brush_off(&Text::new("自己去后台改一下")));
        assert!(!is_brush_off(&Text::new("亲，不能便宜哦")));
        assert!(!is_brush_off(&Text::new(
            "价格已经是最低了，质量很好，值这个价"
        )));
    }

    #[test]
    fn text_is_folded_as_trainees_type_it() {
        assert_eq!(fold_typed("核實金額！！！😊👍 好的～～"), "核实金额!好的~");
        assert_eq!(fold_typed("ＯＫ，收到。。。"), "ok,收到.");
        assert!(said("親，我幫您核實一下", "核实"));
    }

    #[test]
    fn a_same_sounding_slip_of_a_key_point_counts_and_says_so() {
        let t = Text::new("亲，我先核时一下退款原因");
        let f = t.find("核实", false, Use::Point).unwrap();
        assert!(f.by_sound);
        assert_eq!(t.slice(f.start, f.end), "核时");
        // As written beats by sound; a one-character point never matches by sound.
        assert!(
            !Text::new("我核实")
                .find("核实", false, Use::Point)
                .unwrap()
                .by_sound
        );
        assert!(Text::new("时间").find("实", false, Use::Point).is_none());
        // Every character must be the point's or sound like it, and one must be the point's.
        assert!(Text::new("河石").find("核实", false, Use::Point).is_none());
        assert!(Text::new("核对").find("核实", false, Use::Point).is_none());
        // A slip that is negated does not count either.
        assert!(Text::new("不用核时")
            .find("核实", false, Use::Point)
            .is_none());
    }

    #[test]
    fn a_wrong_action_never_matches_by_sound() {
        // 以 sounds like 已: 可以发货 is not 已发货.
        assert!(Text::new("现在付款今天就可以发货")
            .find("已发货", false, Use::Action)
            .is_none());
    }

    #[test]
    fn a_key_point_dismissed_later_in_its_clause_does_not_count() {
        assert!(!said("核实就免了吧", "核实"));
        assert!(!said("金额不必再看了", "金额"));
        assert!(!said("原因随便选的也没事", "原因"));
        assert!(!said("质量什么的就不多说了", "质量"));
        assert!(!said("说难得也谈不上，就是顺手给您少点", "难得"));
        assert!(!said("质量算不上多好", "质量"));
        // A negated dismissal is no dismissal; a dismissal in another clause does not reach.
        assert!(said("退款原因不能随便选哦", "原因"));
        assert!(said("我帮您核实，不用担心", "核实"));
        assert!(said("我帮您核实一下您不用担心", "核实"));
    }

    #[test]
    fn a_sentence_wide_phrase_spans_commas_but_not_sentences() {
        let t = Text::new("已经给您同意了，回头我再核实。");
        assert!(t.find("同意……回头", false, Use::Action).is_some());
        assert!(t.find("同意…回头", false, Use::Action).is_none());
        assert!(Text::new("同意了。回头再说")
            .find("同意……回头", false, Use::Action)
            .is_none());
    }

    #[test]
    fn an_action_warned_against_or_supposed_is_not_done() {
        let done = |t: &str, p: &str| Text::new(t).find(p, false, Use::Action).is_some();
        assert!(done("您加我微信转过来就行", "加……微信"));
        assert!(!done("私下转账风险很大，请在京东付款", "私下……转"));
        assert!(!done("我们不能私下收款", "私下……收"));
        assert!(!done("如果您选质量问题，我们是不能同意的", "选……质量问题"));
        // A warning by its consequence, or a risk, is no deed either.
        assert!(!done("私下转账出了问题没保障的", "私下……转"));
        assert!(!done("私下转账万一有问题就说不清啦", "私下……转"));
        assert!(!done("万一私下转账被骗了就麻烦了", "私下……转"));
        // A supposition that goes on to grant something is a conditional offer: done.
        assert!(done("您要是私下转账给我的话，我可以给您少五块", "私下……转"));
        assert!(done(
            "如果选质量问题的话，运费就是我们出了哦",
            "选……质量问题"
        ));
        assert!(done("如果您私下转给我的话就再少三块", "私下……转"));
        // A supposition with nothing after it stays a supposition.
        assert!(!done("如果您要私下转账的话？", "私下……转"));
        // The condition closed before the action: the action is what is asked.
        assert!(done("如果方便的话加我微信转账", "加……微信"));
        // 要不 proposes; it is not a negation.
        assert!(done("您要不直接微信转我", "微信……转"));
    }

    #[test]
    fn a_word_banned_only_in_some_uses_fires_only_there() {
        let only = vec!["没有…优惠".to_string(), "没有…便宜".to_string()];
        let ex = vec!["有没有".to_string(), "没有问题".to_string()];
        let fires = |t: &str| Text::new(t).has_forbidden("没有", &ex, &only);
        assert!(fires("抱歉，没有优惠了"));
        assert!(fires("没有便宜的了"));
        assert!(fires("没有。"));
        assert!(fires("亲，没有哦"));
        assert!(!fires("这款没有任何色差，质量很好"));
        assert!(!fires("目前没有满减优惠，不过这款已经很实惠了"));
        assert!(!fires("您问有没有优惠，这款已经很划算了"));
        assert!(!fires("质量没有问题的"));
    }

    #[test]
    fn a_reply_in_pinyin_or_english_is_not_chinese() {
        assert!(Text::new("qin, wo bang nin he shi yi xia").is_foreign());
        assert!(Text::new("Sorry, please pay on JD.").is_foreign());
        assert!(!Text::new("亲，M码偏大一点，建议拍S").is_foreign());
        assert!(!Text::new("亲，iPhone的壳有现货的，今天发货").is_foreign());
    }
}

//! Near-duplicate stems across a course, by character bigrams.
//!
//! Text is normalised first (full-width folded to half-width, lower case, only letters, digits
//! and Chinese characters kept), so punctuation and spacing never make two stems differ.
//! Two stems are near-duplicates when the Jaccard similarity of their bigram sets is at least
//! `NEAR_DUPLICATE` — e.g. a statement and its negation, or a question asked twice.

use super::{stem_text, Hint, Lint};
use crate::engine::question::Question;
use crate::engine::text::normalize::fold;
use std::collections::BTreeSet;

pub const NEAR_DUPLICATE: f64 = 0.8;
/// Stems with fewer bigrams than this are too short to compare meaningfully.
const MIN_BIGRAMS: usize = 3;

/// Folded text with only letters, digits and CJK characters.
pub fn normalized(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

pub fn bigrams(text: &str) -> BTreeSet<(char, char)> {
    let chars: Vec<char> = normalized(text).chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

pub fn jaccard(a: &BTreeSet<(char, char)>, b: &BTreeSet<(char, char)>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

/// One hint per near-duplicate pair, on the later question (in the order given), naming the
/// earlier one's `file:line`.
pub fn near_duplicates(questions: &[&Question]) -> Vec<Hint> {
    let grams: Vec<BTreeSet<(char, char)>> =
        questions.iter().map(|q| bigrams(&stem_text(q))).collect();
    let mut out = Vec::new();
    for j in 0..questions.len() {
        if grams[j].len() < MIN_BIGRAMS {
            continue;
        }
        for i in 0..j {
            let (a, b) = (&grams[i], &grams[j]);
            // Jaccard ≥ t needs the smaller set to be at least t × the larger: skip early.
            let (lo, hi) = (a.len().min(b.len()), a.len().max(b.len()));
            if lo < MIN_BIGRAMS || (lo as f64) < NEAR_DUPLICATE * hi as f64 {
                continue;
            }
            let sim = jaccard(a, b);
            if sim >= NEAR_DUPLICATE {
                let (p, q) = (questions[i], questions[j]);
                let what = if sim >= 0.999 {
                    "相同".to_string()
                } else {
                    format!("几乎相同（相似度 {}%）", (sim * 100.0).round())
                };
                out.push(Hint {
                    lint: Lint::NearDuplicate,
                    file: q.bank.to_string(),
                    line: q.line,
                    message: format!(
                        "题干与 {}:{} 的题干{what}：同一知识点重复出题，或一题的答案泄露了另一题，请合并或改写其中一道",
                        p.bank, p.line
                    ),
                    other: Some((p.bank.to_string(), p.line)),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_width_and_spaces_do_not_count() {
        assert_eq!(normalized("发货：２４ 小时内！"), "发货24小时内");
        let a = bigrams("顾客问：能便宜点吗？");
        let b = bigrams("顾客问能便宜点吗");
        assert_eq!(jaccard(&a, &b), 1.0);
    }

    #[test]
    fn one_changed_word_in_a_long_stem_is_a_near_duplicate_and_a_different_topic_is_not() {
        let a = bigrams("天猫平台计算客服服务时间的时段是早上九点到晚上十一点");
        let b = bigrams("天猫平台计算客服服务时间的时段是早上八点到晚上十一点");
        let c = bigrams("顾客要求改地址时客服应该先核对订单");
        assert!(jaccard(&a, &b) >= NEAR_DUPLICATE, "{}", jaccard(&a, &b));
        assert!(jaccard(&a, &c) < 0.2);
    }
}

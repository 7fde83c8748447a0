//! Single and multiple choice: `1. [x]` (one answer) and `- [x]` (several).

use super::Graded;
use crate::engine::text::diagnostics::Reporter;
use crate::engine::text::rich::{Block, ListItem};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scoring {
    /// (right picks − wrong picks) / right options, floored at zero.
    Partial,
    /// Full marks only for exactly the right set.
    All,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choices {
    pub multiple: bool,
    pub scoring: Scoring,
    pub options: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub content: Vec<Block>,
    pub correct: bool,
    /// `>` written under the option.
    pub explanation: Vec<Block>,
}

impl Choices {
    pub fn from_list(
        items: &[ListItem],
        multiple: bool,
        scoring: Scoring,
        at: usize,
        rep: &mut Reporter,
    ) -> Option<Choices> {
        Self::from_items(items.to_vec(), multiple, scoring, at, rep)
    }

    /// `from_list` taking the items by value, so their blocks move instead of being copied.
    pub fn from_items(
        items: Vec<ListItem>,
        multiple: bool,
        scoring: Scoring,
        at: usize,
        rep: &mut Reporter,
    ) -> Option<Choices> {
        let mut options = Vec::with_capacity(items.len());
        for item in items {
            let Some(correct) = item.task else {
                rep.error(
                    item.offset,
                    "选项前缺少方框：正确选项写 [x]，其他选项写 [ ]",
                );
                return None;
            };
            // Most options have no `>` note: their blocks move as they are.
            let (explanation, content): (Vec<Block>, Vec<Block>) =
                if item.blocks.iter().any(|b| matches!(b, Block::Quote(_))) {
                    let (explanation, content): (Vec<Block>, Vec<Block>) = item
                        .blocks
                        .into_iter()
                        .partition(|b| matches!(b, Block::Quote(_)));
                    let explanation = explanation
                        .into_iter()
                        .flat_map(|b| match b {
                            Block::Quote(inner) => inner,
                            other => vec![other],
                        })
                        .collect();
                    (explanation, content)
                } else {
                    (Vec::new(), item.blocks)
                };
            if content.is_empty() {
                rep.error(item.offset, "选项内容是空的");
            }
            options.push(Choice {
                content,
                correct,
                explanation,
            });
        }
        let right = options.iter().filter(|o| o.correct).count();
        if options.len() < 2 {
            rep.error(at, "选择题至少要有两个选项");
            return None;
        }
        let kind = if multiple { "多选题" } else { "单选题" };
        if right == 0 {
            rep.error(at, format!("{kind}没有正确选项：请在正确选项前写 [x]"));
            return None;
        }
        if !multiple && right > 1 {
            rep.error(
                at,
                format!(
                    "单选题只能有一个正确选项，这里有 {right} 个；如果是多选题，请用 \"- [x]\""
                ),
            );
            return None;
        }
        Some(Choices {
            multiple,
            scoring,
            options,
        })
    }

    pub fn grade(&self, selected: &[usize]) -> Graded {
        let mut picked = vec![false; self.options.len()];
        for &i in selected {
            if let Some(p) = picked.get_mut(i) {
                *p = true;
            }
        }
        let total_right = self.options.iter().filter(|o| o.correct).count();
        let right = self
            .options
            .iter()
            .zip(&picked)
            .filter(|(o, p)| o.correct && **p)
            .count();
        let wrong = self
            .options
            .iter()
            .zip(&picked)
            .filter(|(o, p)| !o.correct && **p)
            .count();
        let missed = total_right - right;
        if !self.multiple {
            return Graded::all_or_nothing(
                right == 1 && wrong == 0,
                if wrong == 0 && right == 1 {
                    "回答正确"
                } else {
                    "回答错误"
                },
            );
        }
        let exact = missed == 0 && wrong == 0;
        let fraction = match self.scoring {
            Scoring::All => f64::from(u8::from(exact)),
            Scoring::Partial => ((right as f64 - wrong as f64) / total_right as f64).max(0.0),
        };
        let mut feedback = Vec::new();
        if exact {
            feedback.push("回答正确".to_string());
        } else {
            if missed > 0 {
                feedback.push(format!("漏选 {missed} 项"));
            }
            if wrong > 0 {
                feedback.push(format!("错选 {wrong} 项"));
            }
        }
        Graded {
            fraction,
            feedback,
            redline: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(correct: &[bool], multiple: bool, scoring: Scoring) -> Choices {
        Choices {
            multiple,
            scoring,
            options: correct
                .iter()
                .map(|&c| Choice {
                    content: vec![],
                    correct: c,
                    explanation: vec![],
                })
                .collect(),
        }
    }

    #[test]
    fn single_choice_is_all_or_nothing() {
        let s = q(&[false, true, false], false, Scoring::Partial);
        assert_eq!(s.grade(&[1]).fraction, 1.0);
        assert_eq!(s.grade(&[0]).fraction, 0.0);
        assert_eq!(s.grade(&[0, 1]).fraction, 0.0);
    }

    #[test]
    fn multiple_partial_credit_subtracts_wrong_picks() {
        let m = q(&[true, true, true, false], true, Scoring::Partial);
        assert_eq!(m.grade(&[0, 1, 2]).fraction, 1.0);
        assert!((m.grade(&[0, 1]).fraction - 2.0 / 3.0).abs() < 1e-9);
        assert!((m.grade(&[0, 1, 3]).fraction - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(m.grade(&[0, 3]).fraction, 0.0);
        assert_eq!(m.grade(&[3]).fraction, 0.0);
        // Out-of-range indices from a tampered record are ignored, never a panic.
        assert_eq!(m.grade(&[99]).fraction, 0.0);
    }

    #[test]
    fn multiple_all_scoring_needs_the_exact_set() {
        let m = q(&[true, true, false], true, Scoring::All);
        assert_eq!(m.grade(&[0, 1]).fraction, 1.0);
        assert_eq!(m.grade(&[0]).fraction, 0.0);
        assert_eq!(m.grade(&[0, 1, 2]).fraction, 0.0);
    }
}

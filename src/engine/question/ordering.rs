//! Ordering: a plain ordered list written in the right order, shown shuffled.

use super::scan::trim;
use super::Graded;
use crate::engine::text::diagnostics::Reporter;
use crate::engine::text::rich::{blocks_text, inline_str, Block, ListItem};
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq)]
pub struct Ordering {
    /// In the correct order.
    pub items: Vec<Vec<Block>>,
}

/// A step's text for the checks: borrowed when the step is one run of text (most steps).
fn step_text(item: &ListItem) -> Cow<'_, str> {
    match &item.blocks[..] {
        [Block::Para(inlines)] => inline_str(inlines),
        blocks => Cow::Owned(blocks_text(blocks)),
    }
}

impl Ordering {
    pub fn from_list(items: &[ListItem], at: usize, rep: &mut Reporter) -> Option<Ordering> {
        Self::from_items(items.to_vec(), at, rep)
    }

    /// `from_list` taking the items by value, so their blocks move instead of being copied.
    pub fn from_items(items: Vec<ListItem>, at: usize, rep: &mut Reporter) -> Option<Ordering> {
        if items.len() < 2 {
            rep.error(at, "排序题至少要有两个步骤");
            return None;
        }
        // Each step's text is read once, for the checks only.
        let mut texts: Vec<Cow<'_, str>> = Vec::with_capacity(items.len());
        for item in &items {
            let t = step_text(item);
            if trim(&t).is_empty() {
                rep.error(item.offset, "排序题的步骤是空的");
                return None;
            }
            if texts.contains(&t) {
                rep.error(
                    item.offset,
                    format!("排序题的步骤“{t}”重复了：各步骤文字不能相同"),
                );
                return None;
            }
            texts.push(t);
        }
        drop(texts);
        Some(Ordering {
            items: items.into_iter().map(|i| i.blocks).collect(),
        })
    }

    /// `order` lists original step indices in the order the trainee placed them.
    /// Score: (longest run kept in the right relative order − 1) / (steps − 1).
    pub fn grade(&self, order: &[usize]) -> Graded {
        let n = self.items.len();
        let mut seen = vec![false; n];
        let valid: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| i < n && !std::mem::replace(&mut seen[i], true))
            .collect();
        let lis = longest_increasing(&valid);
        let fraction = if n <= 1 {
            f64::from(u8::from(lis == n))
        } else {
            (lis.saturating_sub(1)) as f64 / (n - 1) as f64
        };
        let fb = if lis == n && valid.len() == n {
            "顺序完全正确".to_string()
        } else {
            format!("{lis} 个步骤的先后关系正确（共 {n} 个）")
        };
        Graded {
            fraction: if valid.len() == n {
                fraction
            } else {
                fraction.min(1.0 - 1.0 / n as f64)
            },
            feedback: vec![fb],
            redline: None,
        }
    }
}

/// Length of the longest strictly increasing subsequence (patience sorting), which is the
/// longest common subsequence with the correct order 0..n.
fn longest_increasing(xs: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for &x in xs {
        match tails.binary_search(&x) {
            Ok(_) => {}
            Err(pos) if pos == tails.len() => tails.push(x),
            Err(pos) => tails[pos] = x,
        }
    }
    tails.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: usize) -> Ordering {
        Ordering {
            items: (0..n).map(|_| vec![]).collect(),
        }
    }

    fn step(text: &str, offset: usize) -> ListItem {
        ListItem {
            task: None,
            blocks: vec![Block::Para(vec![crate::engine::text::rich::Inline::Text(
                text.into(),
            )])],
            offset,
        }
    }

    #[test]
    fn repeated_and_empty_steps_are_reported_at_the_step() {
        let text = "1. 排班\n2. 集训\n3. 排班\n";
        let mut rep = Reporter::new("a.md", text);
        let items = vec![step("排班", 0), step("集训", 10), step("排班", 20)];
        assert!(Ordering::from_items(items, 0, &mut rep).is_none());
        assert_eq!(rep.diags[0].line, 3);
        assert!(rep.diags[0].message.contains("步骤“排班”重复了"));
        let mut rep = Reporter::new("a.md", text);
        let items = vec![step("排班", 0), step(" \u{3000}", 10)];
        assert!(Ordering::from_items(items, 0, &mut rep).is_none());
        assert_eq!(rep.diags[0].line, 2);
        assert!(rep.diags[0].message.contains("步骤是空的"));
        let mut rep = Reporter::new("a.md", text);
        let items = vec![step("排班", 0), step("集训", 10), step("排班 ", 20)];
        assert!(Ordering::from_items(items, 0, &mut rep).is_some());
    }

    #[test]
    fn ordering_scores_by_longest_kept_sequence() {
        let o = q(5);
        assert_eq!(o.grade(&[0, 1, 2, 3, 4]).fraction, 1.0);
        assert_eq!(o.grade(&[4, 3, 2, 1, 0]).fraction, 0.0);
        // One step moved: four of five keep their relative order.
        assert_eq!(o.grade(&[1, 2, 3, 4, 0]).fraction, 0.75);
    }

    #[test]
    fn ordering_with_missing_or_repeated_steps_never_gets_full_marks() {
        let o = q(3);
        assert!(o.grade(&[0, 1]).fraction < 1.0);
        assert!(o.grade(&[0, 0, 1, 2, 7]).fraction <= 1.0);
    }
}

//! Matching: a two-column table; the right column is shuffled and each left item is paired.

use super::scan::trim;
use super::Graded;
use crate::engine::text::diagnostics::Reporter;
use crate::engine::text::rich::{inline_str, inline_text, walk_text, Inline};
use std::borrow::Cow;

#[derive(Clone, Debug, PartialEq)]
pub struct Matching {
    pub left_title: Vec<Inline>,
    pub right_title: Vec<Inline>,
    /// (left, right) in the written order.
    pub pairs: Vec<(Vec<Inline>, Vec<Inline>)>,
}

impl Matching {
    pub fn from_table(
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        at: usize,
        rep: &mut Reporter,
    ) -> Option<Matching> {
        Self::from_rows(head.to_vec(), rows.to_vec(), at, rep)
    }

    /// `from_table` taking the cells by value, so they move instead of being copied.
    pub fn from_rows(
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        at: usize,
        rep: &mut Reporter,
    ) -> Option<Matching> {
        if head.len() != 2 || rows.iter().any(|r| r.len() != 2) {
            rep.error(
                at,
                format!("连线题的表格必须正好两列，这里有 {} 列", head.len()),
            );
            return None;
        }
        if rows.len() < 2 {
            rep.error(at, "连线题至少要有两行");
            return None;
        }
        // Left cells are read once, for the checks only: borrowed when a cell is one run of text.
        let mut lefts: Vec<Cow<'_, str>> = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            let cell = inline_str(&row[0]);
            let l = trim(&cell);
            if l.is_empty() || walk_text(&row[1], &mut |t| trim(t).is_empty()) {
                rep.error(at, format!("连线题第 {} 行有空的单元格", i + 1));
                return None;
            }
            if lefts.iter().any(|p| trim(p) == l) {
                rep.error(at, format!("连线题左列“{l}”重复了"));
                return None;
            }
            lefts.push(cell);
        }
        drop(lefts);
        let mut head = head.into_iter();
        let (left_title, right_title) = (
            head.next().unwrap_or_default(),
            head.next().unwrap_or_default(),
        );
        let pairs = rows
            .into_iter()
            .map(|r| {
                let mut cells = r.into_iter();
                (
                    cells.next().unwrap_or_default(),
                    cells.next().unwrap_or_default(),
                )
            })
            .collect();
        Some(Matching {
            left_title,
            right_title,
            pairs,
        })
    }

    /// `pairs[i]` is the original row index whose right side the trainee chose for left item i.
    /// Rows whose right sides read the same are interchangeable.
    pub fn grade(&self, chosen: &[Option<usize>]) -> Graded {
        let n = self.pairs.len();
        let right_text = |i: usize| self.pairs.get(i).map(|p| inline_text(&p.1));
        let right = (0..n)
            .filter(|&i| chosen.get(i).copied().flatten().and_then(right_text) == right_text(i))
            .count();
        let fb = if right == n {
            "全部连对".to_string()
        } else {
            format!("连对 {right} 对（共 {n} 对）")
        };
        Graded {
            fraction: right as f64 / n.max(1) as f64,
            feedback: vec![fb],
            redline: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<Inline> {
        vec![Inline::Text(s.into())]
    }

    #[test]
    fn matching_scores_each_pair() {
        let m = Matching {
            left_title: t("话术"),
            right_title: t("类别"),
            pairs: vec![
                (t("议价"), t("销售")),
                (t("道歉"), t("售后")),
                (t("安抚"), t("售后")),
            ],
        };
        assert_eq!(m.grade(&[Some(0), Some(1), Some(2)]).fraction, 1.0);
        // Two rows share a right side, so swapping them is still right.
        assert_eq!(m.grade(&[Some(0), Some(2), Some(1)]).fraction, 1.0);
        assert!((m.grade(&[Some(1), None, Some(2)]).fraction - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(m.grade(&[Some(42)]).fraction, 0.0);
    }

    #[test]
    fn repeated_left_cells_and_empty_cells_are_reported() {
        let head = vec![t("话术"), t("类别")];
        let check = |rows: Vec<Vec<Vec<Inline>>>| {
            let mut rep = Reporter::new("a.md", "");
            let m = Matching::from_rows(head.clone(), rows, 0, &mut rep);
            (m.is_some(), rep.diags.first().map(|d| d.message.clone()))
        };
        let (ok, msg) = check(vec![
            vec![t("议价"), t("销售")],
            vec![t("道歉"), t("售后")],
            vec![t(" 议价\u{3000}"), t("售后")],
        ]);
        assert!(!ok);
        assert_eq!(msg.as_deref(), Some("连线题左列“议价”重复了"));
        let (ok, msg) = check(vec![
            vec![t("议价"), t("销售")],
            vec![t("道歉"), t(" \u{3000}")],
        ]);
        assert!(!ok);
        assert_eq!(msg.as_deref(), Some("连线题第 2 行有空的单元格"));
        let (ok, _) = check(vec![vec![t("议价"), t("销售")], vec![t("道歉"), t("售后")]]);
        assert!(ok);
    }

    #[test]
    fn tables_with_three_columns_are_rejected() {
        let mut rep = Reporter::new("a.md", "");
        let head = vec![t("a"), t("b"), t("c")];
        assert!(Matching::from_table(&head, &[], 0, &mut rep).is_none());
        assert!(rep.diags[0].message.contains("两列"));
    }
}

//! Fill-in-the-blank: `{{answer|other accepted answer}}` inside the stem.

use super::Graded;
use crate::engine::text::diagnostics::Reporter;
use crate::engine::text::normalize::fold;
use crate::engine::text::rich::{Block, Inline};

#[derive(Clone, Debug, PartialEq)]
pub struct Fill {
    /// Accepted answers per blank, in stem order.
    pub blanks: Vec<Vec<String>>,
}

impl Fill {
    /// Whether any text in the inlines or blocks holds a `{{`.
    pub fn has_blanks(title: &[Inline], stem: &[Block]) -> bool {
        inlines_have(title) || stem.iter().any(block_has)
    }

    /// Replaces every `{{...}}` in the title and stem by a numbered blank.
    pub fn extract(
        title: &mut Vec<Inline>,
        stem: &mut [Block],
        at: usize,
        rep: &mut Reporter,
    ) -> Option<Fill> {
        let mut blanks = Vec::new();
        let mut ok = true;
        split_inlines(title, &mut blanks, &mut ok);
        for block in stem.iter_mut() {
            split_block(block, &mut blanks, &mut ok);
        }
        if !ok {
            rep.error(at, "填空的 {{ 没有配对的 }}");
            return None;
        }
        if blanks.is_empty() {
            rep.error(at, "填空题没有空：请用 {{答案}} 标出空格");
            return None;
        }
        for (i, accepted) in blanks.iter().enumerate() {
            if accepted.is_empty() {
                rep.error(
                    at,
                    format!(
                        "第 {} 个空没有可接受的答案：请在 {{{{ }}}} 里写出答案",
                        i + 1
                    ),
                );
                return None;
            }
        }
        Some(Fill { blanks })
    }

    pub fn grade(&self, given: &[String]) -> Graded {
        let n = self.blanks.len();
        let mut right = 0;
        let mut feedback = Vec::new();
        for (i, accepted) in self.blanks.iter().enumerate() {
            let g = given.get(i).map(|s| fold(s)).unwrap_or_default();
            if !g.is_empty() && accepted.iter().any(|a| fold(a) == g) {
                right += 1;
            } else {
                feedback.push(format!("第 {} 空应填“{}”", i + 1, accepted[0]));
            }
        }
        if right == n {
            feedback.push("全部填对".into());
        }
        Graded {
            fraction: right as f64 / n.max(1) as f64,
            feedback,
            redline: None,
        }
    }
}

fn inlines_have(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Text(t) => find_double(t, b'{').is_some(),
        Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => inlines_have(c),
        _ => false,
    })
}

fn block_has(block: &Block) -> bool {
    match block {
        Block::Para(i) | Block::Heading(_, i) => inlines_have(i),
        Block::List { items, .. } => items.iter().any(|it| it.blocks.iter().any(block_has)),
        Block::Table { head, rows } => head
            .iter()
            .chain(rows.iter().flatten())
            .any(|c| inlines_have(c)),
        _ => false,
    }
}

fn split_block(block: &mut Block, blanks: &mut Vec<Vec<String>>, ok: &mut bool) {
    match block {
        Block::Para(i) | Block::Heading(_, i) => split_inlines(i, blanks, ok),
        Block::List { items, .. } => {
            for it in items {
                for b in &mut it.blocks {
                    split_block(b, blanks, ok);
                }
            }
        }
        Block::Table { head, rows } => {
            for c in head.iter_mut().chain(rows.iter_mut().flatten()) {
                split_inlines(c, blanks, ok);
            }
        }
        _ => {}
    }
}

fn split_inlines(inlines: &mut Vec<Inline>, blanks: &mut Vec<Vec<String>>, ok: &mut bool) {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines.drain(..) {
        match inline {
            Inline::Text(t) if find_double(&t, b'{').is_some() => {
                // The pieces around the blanks share the title's or stem's text.
                let piece = |part: &str| Inline::Text(t.piece(part));
                let mut rest = t.as_str();
                while let Some(open) = find_double(rest, b'{') {
                    if open > 0 {
                        out.push(piece(&rest[..open]));
                    }
                    let after = &rest[open + 2..];
                    let Some(close) = find_double(after, b'}') else {
                        *ok = false;
                        out.push(piece(&rest[open..]));
                        rest = "";
                        break;
                    };
                    let accepted = super::alternatives(&after[..close]);
                    out.push(Inline::Blank(blanks.len()));
                    blanks.push(accepted);
                    rest = &after[close + 2..];
                }
                if !rest.is_empty() {
                    out.push(piece(rest));
                }
            }
            Inline::Emph(mut c) => {
                split_inlines(&mut c, blanks, ok);
                out.push(Inline::Emph(c));
            }
            Inline::Strong(mut c) => {
                split_inlines(&mut c, blanks, ok);
                out.push(Inline::Strong(c));
            }
            Inline::Strike(mut c) => {
                split_inlines(&mut c, blanks, ok);
                out.push(Inline::Strike(c));
            }
            other => out.push(other),
        }
    }
    *inlines = out;
}

/// Where `{{` (or `}}`) first occurs. A byte search: these are ASCII, so a match is always at a
/// character boundary, and it avoids building a substring searcher for every text.
fn find_double(s: &str, b: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = super::scan::find_byte(&bytes[from..], b) {
        let at = from + i;
        if bytes.get(at + 1) == Some(&b) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_double_finds_the_first_pair() {
        for (s, b, want) in [
            ("a{{b", b'{', Some(1)),
            ("{a{{", b'{', Some(2)),
            ("{a{", b'{', None),
            ("题{{", b'{', Some(3)),
            ("}}", b'}', Some(0)),
            ("", b'{', None),
        ] {
            assert_eq!(find_double(s, b), want, "{s}");
            assert_eq!(
                find_double(s, b),
                s.find(if b == b'{' { "{{" } else { "}}" }),
                "{s}"
            );
        }
    }

    #[test]
    fn blanks_are_extracted_with_their_accepted_answers() {
        let text = "a.md";
        let mut rep = Reporter::new(text, "");
        let mut title = vec![Inline::Text("早班 {{8:00|8点}} 到 {{16:00}} 结束".into())];
        let f = Fill::extract(&mut title, &mut [], 0, &mut rep).unwrap();
        assert_eq!(
            f.blanks,
            vec![
                vec!["8:00".to_string(), "8点".to_string()],
                vec!["16:00".to_string()]
            ]
        );
        assert_eq!(title[1], Inline::Blank(0));
        assert_eq!(title[3], Inline::Blank(1));
    }

    #[test]
    fn blanks_are_numbered_in_reading_order_through_formatting() {
        let mut rep = Reporter::new("a.md", "");
        let t = |s: &str| Inline::Text(s.into());
        let mut title = vec![
            t("早班 "),
            Inline::Strong(vec![t("{{8:00}}")]),
            t(" 到 {{16:00}}"),
        ];
        let f = Fill::extract(&mut title, &mut [], 0, &mut rep).unwrap();
        assert_eq!(
            f.blanks,
            vec![vec!["8:00".to_string()], vec!["16:00".to_string()]]
        );
        assert_eq!(
            title,
            vec![
                t("早班 "),
                Inline::Strong(vec![Inline::Blank(0)]),
                t(" 到 "),
                Inline::Blank(1)
            ]
        );
    }

    #[test]
    fn empty_and_unclosed_blanks_are_reported() {
        let mut rep = Reporter::new("a.md", "");
        let mut t = vec![Inline::Text("x {{ | }} y".into())];
        assert!(Fill::extract(&mut t, &mut [], 0, &mut rep).is_none());
        assert!(rep.diags[0].message.contains("第 1 个空没有可接受的答案"));
        let mut t = vec![Inline::Text("x {{a y".into())];
        assert!(Fill::extract(&mut t, &mut [], 0, &mut rep).is_none());
    }

    #[test]
    fn fill_grading_ignores_case_space_and_width_per_blank() {
        let f = Fill {
            blanks: vec![vec!["9:00".into(), "九点".into()], vec!["ABC".into()]],
        };
        assert_eq!(
            f.grade(&["９：００".into(), " a b c ".into()]).fraction,
            1.0
        );
        assert_eq!(f.grade(&["九点".into(), "x".into()]).fraction, 0.5);
        assert_eq!(f.grade(&[]).fraction, 0.0);
    }
}

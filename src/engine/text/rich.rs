//! Rich text from a bank: the typed Markdown model the UI renders with its own elements.
//! There is no HTML string anywhere, so bank text can never inject markup or script.

use crate::engine::text::text::Text;

#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Usually a range of the bank file (see `text`).
    Text(Text),
    Code(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    /// `href` is `None` when the link's scheme is not allowed; the text is still shown.
    Link {
        href: Option<String>,
        children: Vec<Inline>,
    },
    /// `src` is `None` when the address is not allowed; the alt text is shown instead.
    Image {
        src: Option<String>,
        alt: String,
    },
    LineBreak,
    /// A fill-in blank: the index of the blank within its question.
    Blank(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Para(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    List {
        ordered: bool,
        start: u64,
        items: Vec<ListItem>,
    },
    Quote(Vec<Block>),
    Code(String),
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Rule,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListItem {
    /// `Some(true)` for `[x]`, `Some(false)` for `[ ]`, `None` for a plain item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
    /// Byte offset of the item in its file, for diagnostics.
    pub offset: usize,
}

/// Only these schemes may be followed; anything else (javascript:, data:, vbscript:...) is
/// dropped. Addresses without a scheme are relative to the bank file.
pub fn safe_url(url: &str) -> Option<String> {
    let trimmed = url.trim();
    if trimmed.is_empty() {
        return None;
    }
    // Browsers ignore tabs/newlines and leading control characters inside a scheme, so test
    // the scheme the way a browser would read it.
    let squeezed: String = trimmed
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = squeezed.to_ascii_lowercase();
    let scheme_end = lower.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if lower.as_bytes()[i] == b':' => {
            let scheme = &lower[..i];
            matches!(scheme, "http" | "https" | "mailto").then(|| trimmed.to_string())
        }
        _ => Some(trimmed.to_string()),
    }
}

/// Plain text of inlines, for ids, hashes, comparisons and CSV.
pub fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_inline_text(inlines, &mut out);
    out
}

/// `inline_text` without a copy when the inlines are one run of text (most paragraphs).
pub fn inline_str(inlines: &[Inline]) -> std::borrow::Cow<'_, str> {
    match inlines {
        [Inline::Text(t)] => std::borrow::Cow::Borrowed(t.as_str()),
        _ => std::borrow::Cow::Owned(inline_text(inlines)),
    }
}

fn push_inline_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Code(t) => out.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => push_inline_text(c, out),
            Inline::Link { children, .. } => push_inline_text(children, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::LineBreak => out.push('\n'),
            Inline::Blank(_) => out.push_str("____"),
        }
    }
}

/// Visits the plain text of inlines piece by piece, in the order `inline_text` joins them,
/// until `f` returns false. Returns whether it went through to the end.
pub fn walk_text(inlines: &[Inline], f: &mut dyn FnMut(&str) -> bool) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text(t) => f(t),
        Inline::Code(t) => f(t),
        Inline::Emph(c)
        | Inline::Strong(c)
        | Inline::Strike(c)
        | Inline::Link { children: c, .. } => walk_text(c, f),
        Inline::Image { alt, .. } => f(alt),
        Inline::LineBreak => f("\n"),
        Inline::Blank(_) => f("____"),
    })
}

/// Plain text of blocks, one line per paragraph or item.
pub fn blocks_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    push_blocks_text(blocks, &mut out);
    out
}

/// `blocks_text` appended to `out`, written in place rather than joined from pieces.
fn push_blocks_text(blocks: &[Block], out: &mut String) {
    // A separator goes between blocks that follow something written, as `blocks_text` of the
    // whole run would put it; `base` is where this run started in `out`.
    let base = out.len();
    for block in blocks {
        if out.len() > base {
            out.push('\n');
        }
        match block {
            Block::Para(i) | Block::Heading(_, i) => push_inline_text(i, out),
            Block::List { items, .. } => {
                for (k, it) in items.iter().enumerate() {
                    if k > 0 {
                        out.push('\n');
                    }
                    push_blocks_text(&it.blocks, out);
                }
            }
            Block::Quote(b) => push_blocks_text(b, out),
            Block::Code(t) => out.push_str(t),
            Block::Table { head, rows } => {
                let row_text = |cells: &Vec<Vec<Inline>>| {
                    cells
                        .iter()
                        .map(|c| inline_text(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                };
                out.push_str(&row_text(head));
                for r in rows {
                    out.push('\n');
                    out.push_str(&row_text(r));
                }
            }
            Block::Rule => {}
        }
    }
}

/// Resolves an address found in `file` (a path like `exams/day1.md`) against that file's
/// folder. Absolute URLs and `/`-rooted paths are returned unchanged.
pub fn resolve_relative(file: &str, url: &str) -> String {
    if url.contains("://")
        || url.starts_with('/')
        || url.starts_with("mailto:")
        || url.starts_with('#')
    {
        return url.to_string();
    }
    let mut parts: Vec<&str> = file.split('/').collect();
    parts.pop();
    for seg in url.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_url_allows_web_and_relative_but_not_script() {
        assert!(safe_url("https://rule.taobao.com").is_some());
        assert!(safe_url("images/a.png").is_some());
        assert!(safe_url("mailto:hr@example.com").is_some());
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JaVa\tScRiPt:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<script>"), None);
        assert_eq!(safe_url("vbscript:x"), None);
        assert_eq!(safe_url(""), None);
    }

    /// `blocks_text` as first written (each piece built, then joined).
    fn blocks_text_reference(blocks: &[Block]) -> String {
        let mut out = String::new();
        for block in blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            match block {
                Block::Para(i) | Block::Heading(_, i) => out.push_str(&inline_text(i)),
                Block::List { items, .. } => {
                    let lines: Vec<String> = items
                        .iter()
                        .map(|it| blocks_text_reference(&it.blocks))
                        .collect();
                    out.push_str(&lines.join("\n"));
                }
                Block::Quote(b) => out.push_str(&blocks_text_reference(b)),
                other => out.push_str(&blocks_text(std::slice::from_ref(other))),
            }
        }
        out
    }

    #[test]
    fn blocks_text_written_in_place_matches_the_joined_reading() {
        let para = |s: &str| Block::Para(vec![Inline::Text(s.into())]);
        let item = |blocks: Vec<Block>| ListItem {
            task: None,
            blocks,
            offset: 0,
        };
        let list = |items| Block::List {
            ordered: false,
            start: 1,
            items,
        };
        let cases = vec![
            vec![para("a"), para("b")],
            vec![Block::Rule, para("a"), Block::Rule, para("b")],
            vec![para(""), para("b"), para("")],
            vec![list(vec![
                item(vec![]),
                item(vec![para("x")]),
                item(vec![]),
            ])],
            vec![
                para("前"),
                list(vec![item(vec![
                    para("一"),
                    list(vec![item(vec![para("二")])]),
                ])]),
            ],
            vec![
                Block::Quote(vec![para(""), Block::Quote(vec![para("深")])]),
                para("后"),
            ],
            vec![Block::Code("代码\n".into()), para("x")],
        ];
        for blocks in cases {
            assert_eq!(
                blocks_text(&blocks),
                blocks_text_reference(&blocks),
                "{blocks:?}"
            );
        }
    }

    #[test]
    fn resolve_relative_joins_against_the_file_folder() {
        assert_eq!(
            resolve_relative("exams/a.md", "img/x.png"),
            "exams/img/x.png"
        );
        assert_eq!(resolve_relative("exams/sub/a.md", "../b.md"), "exams/b.md");
        assert_eq!(resolve_relative("a.md", "./b.md"), "b.md");
        assert_eq!(
            resolve_relative("exams/a.md", "https://x.y/z"),
            "https://x.y/z"
        );
    }
}

//! Bank text can never inject markup or script: raw HTML stays literal text, and links or
//! images with a disallowed scheme lose their address.

mod common;

use common::*;
use kefu_exam::engine::question::Kind;
use kefu_exam::engine::text::rich::{Block, Inline};

const HOSTILE: &str = r#"---
title: 恶意内容
---

## 标题里的 <script>alert(1)</script> 也只是文字 {#hostile}

<script>alert(1)</script>

这里有一张图 <img src=x onerror=alert(1)> 和一个 [x](javascript:alert(1)) 链接，
还有 ![x](javascript:alert(2)) 图片、[y](  JaVaScRiPt:alert(3)) 和 ![z](data:text/html,<script>alert(4)</script>)。

正常的 [淘宝规则](https://rule.taobao.com) 和 ![尺码表](images/size.png) 保留。

1. [x] 选项里的 <b onclick=alert(1)>粗体</b> 和 [点我](javascript:alert(5))
1. [ ] 普通选项

> 解析里的 <iframe src=javascript:alert(6)></iframe> 和 [z](vbscript:msgbox)
"#;

fn walk_inlines<'a>(inlines: &'a [Inline], out: &mut Vec<&'a Inline>) {
    for i in inlines {
        out.push(i);
        match i {
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => walk_inlines(c, out),
            Inline::Link { children, .. } => walk_inlines(children, out),
            _ => {}
        }
    }
}

fn walk_blocks<'a>(blocks: &'a [Block], out: &mut Vec<&'a Inline>) {
    for b in blocks {
        match b {
            Block::Para(i) | Block::Heading(_, i) => walk_inlines(i, out),
            Block::List { items, .. } => items.iter().for_each(|it| walk_blocks(&it.blocks, out)),
            Block::Quote(b) => walk_blocks(b, out),
            Block::Table { head, rows } => head
                .iter()
                .chain(rows.iter().flatten())
                .for_each(|c| walk_inlines(c, out)),
            Block::Code(_) | Block::Rule => {}
        }
    }
}

fn all_inlines(q: &kefu_exam::engine::question::Question) -> Vec<&Inline> {
    let mut out = Vec::new();
    walk_inlines(&q.title, &mut out);
    walk_blocks(&q.stem, &mut out);
    walk_blocks(&q.explanation, &mut out);
    if let Kind::Choice(c) = &q.kind {
        for o in &c.options {
            walk_blocks(&o.content, &mut out);
            walk_blocks(&o.explanation, &mut out);
        }
    }
    out
}

fn text_holding<'a>(inlines: &[&'a Inline], needle: &str) -> Option<&'a Inline> {
    inlines
        .iter()
        .copied()
        .find(|i| matches!(i, Inline::Text(t) if t.contains(needle)))
}

#[test]
fn raw_html_in_stem_title_options_and_explanation_is_kept_only_as_literal_text() {
    let bank = clean_bank("t.md", HOSTILE);
    let q = question(&bank, "hostile");
    let inlines = all_inlines(q);
    for html in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<b onclick=alert(1)>",
        "<iframe src=javascript:alert(6)>",
    ] {
        assert!(
            text_holding(&inlines, html).is_some(),
            "{html} should be kept as Inline::Text"
        );
    }
    // The only places strings live are Text / Code / alt: no variant carries markup to render.
    for i in &inlines {
        if let Inline::Image { alt, .. } = i {
            assert!(!alt.contains('<'), "alt {alt}");
        }
    }
}

#[test]
fn the_script_block_on_its_own_line_is_a_plain_paragraph_of_text() {
    let bank = clean_bank("t.md", HOSTILE);
    let q = question(&bank, "hostile");
    assert!(
        q.stem.iter().any(|b| matches!(b, Block::Para(i) if matches!(i.as_slice(), [Inline::Text(t)] if t.trim() == "<script>alert(1)</script>"))),
        "{:?}",
        q.stem
    );
}

#[test]
fn javascript_links_and_images_lose_their_address_but_keep_their_text() {
    let bank = clean_bank("t.md", HOSTILE);
    let q = question(&bank, "hostile");
    let inlines = all_inlines(q);
    let links: Vec<&Inline> = inlines
        .iter()
        .copied()
        .filter(|i| matches!(i, Inline::Link { .. }))
        .collect();
    let images: Vec<&Inline> = inlines
        .iter()
        .copied()
        .filter(|i| matches!(i, Inline::Image { .. }))
        .collect();
    let link_text = |i: &Inline| match i {
        Inline::Link { children, .. } => kefu_exam::engine::text::rich::inline_text(children),
        _ => unreachable!(),
    };
    for i in &links {
        let Inline::Link { href, .. } = i else {
            unreachable!()
        };
        match link_text(i).as_str() {
            "淘宝规则" => assert_eq!(href.as_deref(), Some("https://rule.taobao.com")),
            "x" | "y" | "点我" | "z" => assert_eq!(*href, None, "{i:?}"),
            other => panic!("unexpected link {other}"),
        }
    }
    assert_eq!(links.len(), 5, "{links:?}");
    for i in &images {
        let Inline::Image { src, alt } = i else {
            unreachable!()
        };
        match alt.as_str() {
            "尺码表" => assert_eq!(src.as_deref(), Some("images/size.png")),
            "x" | "z" => assert_eq!(*src, None, "{i:?}"),
            other => panic!("unexpected image {other}"),
        }
    }
    assert_eq!(images.len(), 3, "{images:?}");
}

#[test]
fn no_href_or_src_anywhere_has_a_script_scheme() {
    let bank = clean_bank("t.md", HOSTILE);
    for i in all_inlines(question(&bank, "hostile")) {
        let url = match i {
            Inline::Link { href: Some(u), .. } | Inline::Image { src: Some(u), .. } => {
                u.to_ascii_lowercase()
            }
            _ => continue,
        };
        for bad in ["javascript:", "vbscript:", "data:"] {
            assert!(!url.replace(char::is_whitespace, "").contains(bad), "{url}");
        }
    }
}

#[test]
fn formatting_inside_an_image_description_stays_in_its_alt_text() {
    let bank = clean_bank(
        "t.md",
        "## 看图 {#t}\n\n![**尺码** `表` 图](size.png)\n\n答案：对\n\n> e\n",
    );
    let Block::Para(p) = &question(&bank, "t").stem[0] else {
        panic!()
    };
    assert_eq!(
        p,
        &vec![Inline::Image {
            src: Some("size.png".into()),
            alt: "尺码 表 图".into()
        }]
    );
}

#[test]
fn very_deep_emphasis_keeps_its_text_without_overflowing_the_stack() {
    let text = format!(
        "## 题 {{#t}}\n\n{}深{}\n\n答案：对\n\n> e\n",
        "*".repeat(4_000),
        "*".repeat(4_000)
    );
    let bank = clean_bank("t.md", &text);
    let q = question(&bank, "t");
    assert!(kefu_exam::engine::text::rich::blocks_text(&q.stem).contains('深'));
    fn depth(inlines: &[Inline]) -> usize {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Emph(c)
                | Inline::Strong(c)
                | Inline::Strike(c)
                | Inline::Link { children: c, .. } => 1 + depth(c),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    let Block::Para(p) = &q.stem[0] else { panic!() };
    assert!(
        depth(p) <= kefu_exam::engine::text::markdown::MAX_NESTING,
        "{}",
        depth(p)
    );
}

#[test]
fn very_deep_quotes_and_lists_are_cut_off_at_the_nesting_limit() {
    fn depth(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Quote(inner) => 1 + depth(inner),
                Block::List { items, .. } => {
                    1 + items.iter().map(|i| depth(&i.blocks)).max().unwrap_or(0)
                }
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    for nest in ["> ", "- 1. ", "> - "] {
        let text = format!(
            "## 题 {{#t}}\n\n正文\n\n{}x\n\n答案：对\n\n> e\n",
            nest.repeat(2_000)
        );
        let (bank, _) = kefu_exam::engine::bank::parse::parse_bank("t.md", &text);
        let q = question(&bank, "t");
        let all: Vec<Block> = q.stem.iter().chain(&q.explanation).cloned().collect();
        assert!(
            depth(&all) <= kefu_exam::engine::text::markdown::MAX_NESTING,
            "{nest:?}: {}",
            depth(&all)
        );
    }
}

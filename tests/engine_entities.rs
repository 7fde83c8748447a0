//! Named character entities with our cut-down pulldown-cmark (vendor/pulldown-cmark): the
//! names a trainer plausibly types and every numeric reference become characters; any other
//! HTML entity stays literal, and the checker says so with file:line and what to write.

mod common;

use kefu_exam::engine::text::entities::{self, Unrecognised};
use kefu_exam::engine::text::markdown::{self, NodeKind};
use kefu_exam::engine::text::rich::{blocks_text, inline_text, Block, Inline};
use std::process::Command;

/// The text a trainee sees for one paragraph of Markdown.
fn shown(md: &str) -> String {
    let nodes = markdown::parse(md, 0);
    nodes
        .iter()
        .map(|n| match &n.kind {
            NodeKind::Heading { inlines, .. } => inline_text(inlines),
            NodeKind::Block(b) => blocks_text(std::slice::from_ref(b)),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn kept_named_entities_become_their_characters() {
    assert_eq!(shown("价格 &yen;99 &mdash; 包邮"), "价格 ¥99 — 包邮");
    assert_eq!(
        shown("&ldquo;亲&rdquo;&hellip;&nbsp;&copy;"),
        "“亲”…\u{a0}©"
    );
    assert_eq!(
        shown("A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos;"),
        "A & B <C> \"D\" 'E'"
    );
}

#[test]
fn every_name_a_chinese_trainer_plausibly_types_is_recognised_with_its_html_meaning() {
    let names = [
        "amp", "lt", "gt", "quot", "apos", "nbsp", "copy", "reg", "trade", "hellip", "mdash",
        "ndash", "middot", "times", "divide", "yen", "deg", "plusmn", "larr", "rarr", "uarr",
        "darr", "ldquo", "rdquo", "lsquo", "rsquo", "emsp", "ensp", "thinsp",
    ];
    for name in names {
        assert!(entities::is_recognised_entity(name), "&{name};");
        let html = entities::html5_entity(name).unwrap();
        assert_eq!(
            shown(&format!("x&{name};x")),
            format!("x{html}x"),
            "&{name};"
        );
    }
}

#[test]
fn numeric_references_decimal_and_hex_still_become_characters() {
    assert_eq!(shown("&#165;99 &#x2014; &#X4E2D;&#22269;"), "¥99 — 中国");
    // Not entities at all: left as typed, as CommonMark says.
    assert_eq!(shown("&#xZZ; &#;"), "&#xZZ; &#;");
}

#[test]
fn a_dropped_entity_stays_literal_text_and_is_found_with_its_meaning() {
    let text = "第一行\n\n箭头 &rightarrow; 在这里\n";
    assert_eq!(shown(text), "第一行\n箭头 &rightarrow; 在这里");
    assert_eq!(
        entities::unrecognised(text),
        vec![Unrecognised {
            offset: text.find("&rightarrow;").unwrap(),
            name: "rightarrow".into(),
            expansion: "→",
        }]
    );
    let d = entities::check("t.md", text);
    assert_eq!(d.len(), 1);
    let line = d[0].to_string();
    assert!(
        line.starts_with("t.md:3:4: 提示: 字符实体 &rightarrow; "),
        "{line}"
    );
    assert!(
        line.ends_with("请直接输入“→”（U+2192），或写成数字形式 &#x2192;"),
        "{line}"
    );
}

#[test]
fn an_invisible_dropped_entity_gets_its_code_not_a_blank_glyph() {
    let d = entities::check("t.md", "a&NegativeThickSpace;b\n");
    assert_eq!(d.len(), 1);
    let msg = &d[0].message;
    assert!(
        msg.contains("请写成数字形式 &#x200B;（U+200B，不可见字符）"),
        "{msg}"
    );
}

#[test]
fn kept_unknown_escaped_and_code_entities_are_not_reported() {
    let text = "---\ntitle: &rightarrow;\n---\n\n\
        &mdash; &#x2192; R&D; \\&rightarrow; `&rightarrow;` &amp;rightarrow;\n\n\
        ```\n&rightarrow;\n```\n\n    &rightarrow; 缩进代码\n";
    assert_eq!(entities::unrecognised(text), vec![]);
}

#[test]
fn dropped_entities_in_headings_options_tables_and_explanations_are_all_found() {
    let text = "## 题 &starf; {#a}\n\n1. [x] &bigstar;\n\n| a | b |\n|---|---|\n| &phone; | x |\n\n> &female;\n";
    let names: Vec<String> = entities::unrecognised(text)
        .into_iter()
        .map(|u| u.name)
        .collect();
    // starf is kept; the others are not.
    assert_eq!(names, ["bigstar", "phone", "female"]);
}

#[test]
fn link_labels_match_case_insensitively_without_unicase() {
    let nodes = markdown::parse(
        "[规则][Taobao Rules] 和 [Ärger]\n\n[taobao rules]: https://rule.taobao.com\n[ärger]: https://example.com/a\n",
        0,
    );
    let NodeKind::Block(Block::Para(inlines)) = &nodes[0].kind else {
        panic!("a paragraph");
    };
    let hrefs: Vec<_> = inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Link { href, .. } => Some(href.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        hrefs,
        [
            Some("https://rule.taobao.com".to_string()),
            Some("https://example.com/a".to_string())
        ]
    );
}

#[test]
fn bankcheck_reports_a_dropped_entity_with_file_line_and_the_fix() {
    let path = "tests/fixtures/entities/dropped.md";
    let out = Command::new(env!("CARGO_BIN_EXE_bankcheck"))
        .arg(path)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("bankcheck runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "hints only: {stdout}");
    let hints: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(": 提示: 字符实体"))
        .collect();
    assert_eq!(hints.len(), 2, "{stdout}");
    assert!(
        hints[0].starts_with(&format!("{path}:6:15: 提示: 字符实体 &rightarrow; "))
            && hints[0].contains("&#x2192;"),
        "{}",
        hints[0]
    );
    assert!(
        hints[1].starts_with(&format!(
            "{path}:12:15: 提示: 字符实体 &NegativeThickSpace; "
        )),
        "{}",
        hints[1]
    );
}

//! A red-line list shared by the scenario replies of a course or bank: forbidden words
//! (`kind: redlines`) or wrong actions (`kind: wrong-actions`, patterns such as `先同意…再核实`
//! that zero a reply). A list may be scoped to platforms (`platform: 京东`): it then applies
//! only to replies graded for one of them (the question's `platform=` or its bank's
//! `platform:`).

use crate::engine::bank::parse::split_forbidden;
use crate::engine::question::reply::{split_wrong_action, WrongAction};
use crate::engine::question::Forbidden;
use crate::engine::text::diagnostics::{Diagnostic, Reporter};
use crate::engine::text::frontmatter;
use crate::engine::text::markdown::{self, NodeKind};
use crate::engine::text::rich::{blocks_text, Block};

#[derive(Clone, Debug, PartialEq, Default)]
pub struct RedlineList {
    pub title: String,
    pub words: Vec<Forbidden>,
    /// Wrong actions (a `kind: wrong-actions` list).
    pub wrong: Vec<WrongAction>,
    /// Platforms the list applies to; empty for every platform.
    pub platforms: Vec<String>,
}

pub fn parse_redlines(path: &str, text: &str) -> (RedlineList, Vec<Diagnostic>) {
    let mut rep = Reporter::new(path, text);
    let fm = frontmatter::split(text, &mut rep);
    let mut list = RedlineList {
        title: "红线词表".into(),
        ..RedlineList::default()
    };
    let mut kind_ok = false;
    let mut actions = false;
    for e in &fm.entries {
        match e.key.as_str() {
            "kind" if e.value == "redlines" => kind_ok = true,
            "kind" if e.value == "wrong-actions" => (kind_ok, actions) = (true, true),
            "kind" => rep.error(
                e.value_at,
                format!(
                    "红线词表的 kind 应写 redlines（禁用词）或 wrong-actions（错误做法），这里写的是 \"{}\"",
                    e.value
                ),
            ),
            "title" => list.title = e.value.clone(),
            "platform" => {
                list.platforms = platform_list(&e.value);
                if list.platforms.is_empty() {
                    rep.error(e.value_at, "platform 后面要写平台名，如 platform: 京东");
                }
            }
            "description" => {}
            k => rep.error(
                e.key_at,
                format!(
                    "不认识的设置 \"{k}\"，红线词表可用的有：kind, title, description, platform"
                ),
            ),
        }
    }
    if !kind_ok {
        rep.error(
            0,
            "红线词表的开头必须写 kind: redlines 或 kind: wrong-actions",
        );
    }
    for node in markdown::parse(text, fm.body_start) {
        if let NodeKind::Block(Block::List { items, .. }) = node.kind {
            for item in items {
                let line = blocks_text(&item.blocks);
                if actions {
                    match split_wrong_action(line.trim()) {
                        Ok(w) => list.wrong.push(w),
                        Err(msg) => rep.error(item.offset, msg),
                    }
                    continue;
                }
                match split_forbidden(line.trim()) {
                    Ok(f) if f.word.is_empty() => rep.error(item.offset, "红线词是空的"),
                    Ok(f) => list.words.push(f),
                    Err(msg) => rep.error(item.offset, msg),
                }
            }
        }
    }
    if actions && list.wrong.is_empty() {
        rep.error(
            fm.body_start,
            "错误做法表里没有条目：每条写成一个列表项，如 - 先同意…再核实：说明",
        );
    } else if !actions && list.words.is_empty() {
        rep.error(
            fm.body_start,
            "红线词表里没有词：每个词写成一个列表项，如 - 支付宝：说明",
        );
    }
    (list, rep.diags)
}

/// Whether a file declares itself a red-line list (`kind: redlines` or `wrong-actions`).
pub fn is_redline_file(text: &str) -> bool {
    frontmatter::declares_kind(text, &["redlines", "wrong-actions"])
}

/// `京东, 淘宝` → the platform names.
pub fn platform_list(value: &str) -> Vec<String> {
    value
        .split([',', '，', '、'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

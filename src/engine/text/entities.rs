//! Named character entities (`&NegativeThickSpace;`) that the app's Markdown parser leaves as
//! literal text. Our pulldown-cmark recognises only a short list of names, to keep the wasm
//! small (vendor/pulldown-cmark/VENDOR.md); any other HTML entity would reach the trainee's
//! screen as typed. The checker reports each one with file:line and what to write instead.
//!
//! Checker only: `html5_entity` reads the full HTML5 table (the `entities` crate), which is
//! linked into a program only when called, so the trainee's screens must not call `check`.

use crate::engine::text::diagnostics::{Diagnostic, LineIndex, Reporter, Severity};
use crate::engine::text::frontmatter;
use crate::engine::text::markdown;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// What HTML shows for the named entity `name` (without `&` and `;`), if HTML5 knows it.
pub fn html5_entity(name: &str) -> Option<&'static str> {
    let wanted = format!("&{name};");
    entities::ENTITIES
        .iter()
        .find(|e| e.entity == wanted)
        .map(|e| e.characters)
}

/// Whether the app's Markdown parser turns `&name;` into a character.
pub fn is_recognised_entity(name: &str) -> bool {
    let source = format!("&{name};");
    Parser::new(&source).any(|e| matches!(e, Event::Text(t) if *t != *source))
}

/// An entity the parser did not turn into a character: where it is and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unrecognised {
    /// Byte offset of the `&` in the file.
    pub offset: usize,
    pub name: String,
    /// What HTML would show for it.
    pub expansion: &'static str,
}

/// Every HTML5 named entity in the Markdown text of `text` (after its front matter) that the
/// parser leaves literal. Code spans and blocks are skipped (entities are never expanded
/// there), as are `\&name;` (escaped on purpose) and names HTML does not know either
/// (`R&D;` is plain text, not a dropped entity).
pub fn unrecognised(text: &str) -> Vec<Unrecognised> {
    let mut rep = Reporter::new("", text);
    let base = frontmatter::split(text, &mut rep).body_start;
    let body = text.get(base..).unwrap_or("");
    let mut found = Vec::new();
    let mut in_code = 0u32;
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            // A recognised entity is its own text event holding the character, so an `&name;`
            // still in the source of a text event was left as typed.
            Event::Text(_) if in_code == 0 => scan(body, range.start, range.end, base, &mut found),
            _ => {}
        }
    }
    found.sort_by_key(|u| u.offset);
    found.dedup_by_key(|u| u.offset);
    found
}

/// `&name;` occurrences in `body[start..end]` that are unrecognised HTML entities.
fn scan(body: &str, start: usize, end: usize, base: usize, found: &mut Vec<Unrecognised>) {
    let bytes = body.as_bytes();
    let end = end.min(bytes.len());
    let mut i = start;
    while i < end {
        if bytes[i] != b'&' {
            i += 1;
            continue;
        }
        let name_end = (i + 1..end)
            .find(|&j| !bytes[j].is_ascii_alphanumeric())
            .unwrap_or(end);
        let escaped = i > 0 && bytes[i - 1] == b'\\';
        if name_end > i + 1 && name_end < end && bytes[name_end] == b';' && !escaped {
            let name = &body[i + 1..name_end];
            if !is_recognised_entity(name) {
                if let Some(expansion) = html5_entity(name) {
                    found.push(Unrecognised {
                        offset: base + i,
                        name: name.to_string(),
                        expansion,
                    });
                }
            }
        }
        i = name_end.max(i + 1);
    }
}

/// The checker's hints (severity 提示) for `unrecognised` entities of one file.
pub fn check(path: &str, text: &str) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    unrecognised(text)
        .into_iter()
        .map(|u| {
            let (line, col) = index.line_col(u.offset);
            Diagnostic {
                file: path.to_string(),
                line,
                col,
                severity: Severity::Warning,
                message: hint(&u),
            }
        })
        .collect()
}

fn hint(u: &Unrecognised) -> String {
    let codes: Vec<String> = u
        .expansion
        .chars()
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    let numeric: String = u
        .expansion
        .chars()
        .map(|c| format!("&#x{:X};", c as u32))
        .collect();
    let fix = if u.expansion.chars().all(visible) {
        format!(
            "请直接输入“{}”（{}），或写成数字形式 {numeric}",
            u.expansion,
            codes.join(" ")
        )
    } else {
        format!(
            "请写成数字形式 {numeric}（{}，不可见字符）",
            codes.join(" ")
        )
    };
    format!(
        "字符实体 &{}; 不在本系统识别的名称之内，学员会看到原样的“&{};”；{fix}",
        u.name, u.name
    )
}

/// Whether a character shows as a glyph (not a space, control or zero-width format mark).
fn visible(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || ('\u{200B}'..='\u{200F}').contains(&c)
        || ('\u{2060}'..='\u{206F}').contains(&c)
        || ('\u{FE00}'..='\u{FE0F}').contains(&c))
}

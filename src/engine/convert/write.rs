//! A draft written as a bank, and the bank checked by parsing it again.
//!
//! Draft text is Markdown, but it comes from files nobody here wrote: it must not change the
//! bank's structure. A one-line field (title, option, step, cell) is kept on one line and its
//! leading marker escaped (`- ` inside an option would open a list); a block field (stem,
//! explanation) keeps its Markdown but loses headings and setext underlines, which would cut
//! the question. `{{` outside fill-in questions is escaped. What the Markdown then shows is
//! decided by the bank parser, with its own safety (no HTML, allowed links only).

use super::{Draft, DraftKind, DraftQuestion, Level, Place, Report};
use crate::engine::bank::parse::parse_bank;
use crate::engine::question::TypeName;
use crate::engine::text::decimal;
use std::fmt::Write as _;

/// Plain text as inline Markdown that shows exactly that text.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '{'
                | '}'
                | '|'
                | '~'
                | '&'
                | '#'
                | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text as inline Markdown that shows that text, escaping only where a character would be
/// read as Markdown: `_` only at a word's edge (`004_d5.txt` stays as written), `&` only
/// before what could be an entity, `{` only doubled.
pub fn escape_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '~' | '|' => true,
            '_' => !(word(prev) && word(next)),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '{' => next == Some('{') || prev == Some('{'),
            '}' => next == Some('}') || prev == Some('}'),
            '#' => prev.is_none_or(char::is_whitespace),
            // `!` before a link (the next piece) would make it an image.
            '!' => next.is_none_or(|n| n == '['),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line without the backslash of a Markdown hard break at its end (an escaped backslash,
/// `\\\\`, stays).
pub fn strip_hard_break(line: &str) -> &str {
    let t = line.trim_end();
    let n = t.len() - t.trim_end_matches('\\').len();
    if n % 2 == 1 {
        t[..t.len() - 1].trim_end()
    } else {
        t
    }
}

/// A fill-in blank with its accepted answers (plain text), as bank Markdown: `{{a|b}}`. The
/// answers are escaped, since the bank reads them after Markdown has decoded escapes and
/// entities (`&amp;` would become `&`).
pub fn blank(alts: &[String]) -> String {
    let inner: Vec<String> = alts
        .iter()
        .map(|a| escape_text(a).replace("\\|", "|"))
        .collect();
    format!("{{{{{}}}}}", inner.join("|"))
}

/// One line: newlines become spaces (a hard break's backslash goes with its newline).
/// Headings, task items (after `[x] `) and table cells hold inline text only, so no block
/// marker needs escaping there; a plain list item (an ordering step) needs `protect_start`.
pub fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(|l| strip_hard_break(l.trim()))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes what would make `line` start a block (list, quote, heading, fence, thematic
/// break, link definition, task box) rather than be text. Only these: `*b*` at the start stays
/// emphasis, `[a](u)` a link.
pub fn protect_start(line: &str) -> String {
    let t = line.trim_start();
    let b = t.as_bytes();
    let Some(&first) = b.first() else {
        return String::new();
    };
    let spaced = |k: usize| b.get(k).is_none_or(|c| *c == b' ' || *c == b'\t');
    let rule = t.len() >= 3
        && matches!(first, b'-' | b'*' | b'_')
        && t.bytes().all(|c| c == first || c == b' ' || c == b'\t')
        && t.bytes().filter(|&c| c == first).count() >= 3;
    let link_def = first == b'[' && t.find("]:").is_some_and(|e| !t[1..e].contains(']'));
    let task = t.starts_with("[ ]") || t.starts_with("[x]") || t.starts_with("[X]");
    let escape_first = match first {
        b'#' | b'>' => true,
        b'-' | b'+' | b'*' => spaced(1) || rule,
        b'_' => rule,
        // A backtick fence's info string has no backtick (else it is a code span).
        b'`' => is_fence(t),
        b'~' => t.starts_with("~~~"),
        b'[' => link_def || task,
        _ => false,
    };
    if escape_first {
        return format!("\\{t}");
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(b.get(digits), Some(b'.' | b')')) && spaced(digits + 1) {
        return format!("{}\\{}", &t[..digits], &t[digits..]);
    }
    t.to_string()
}

/// Whether a line opens or closes a fenced code block.
fn is_fence(t: &str) -> bool {
    t.starts_with("~~~") || t.starts_with("```") && !t.trim_start_matches('`').contains('`')
}

/// A block field: Markdown kept, but no line may open a heading or underline the line above
/// into one, and no line is indented into a code block by accident of the source.
fn protect_blocks(text: &str) -> String {
    protect_lines(text, false)
}

/// `protect_blocks` for text written inside a `>` quote, where a heading cannot cut the
/// question: only fences are balanced.
fn protect_quoted(text: &str) -> String {
    protect_lines(text, true)
}

fn protect_lines(text: &str, quoted: bool) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    for line in text.lines() {
        let t = line.trim_start();
        if is_fence(t) {
            in_fence = !in_fence;
            out.push_str(t);
        } else if in_fence {
            out.push_str(line);
        } else if !quoted
            && (t.starts_with('#')
                || (!t.is_empty() && t.trim_end().chars().all(|c| c == '-' || c == '=')))
        {
            out.push('\\');
            out.push_str(t);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if in_fence {
        out.push_str("```\n");
    }
    out.trim_end().to_string()
}

fn no_blanks(text: &str) -> String {
    text.replace("{{", "\\{\\{")
}

/// A question id is letters, digits, `-`, `_` and CJK.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A value of a heading attribute: quoted when it holds a space.
fn attr_value(v: &str) -> Option<String> {
    if v.contains(['"', '{', '}', '\n']) {
        return None;
    }
    Some(if v.contains(char::is_whitespace) {
        format!("\"{v}\"")
    } else {
        v.to_string()
    })
}

/// The draft as a bank file. Questions are `##` headings, sections `#` headings.
pub fn bank_markdown(draft: &Draft, report: &mut Report) -> String {
    let mut out = String::from("---\n");
    if let Some(t) = &draft.title {
        let _ = writeln!(out, "title: {}", t.replace(['\n', '\r'], " ").trim());
    }
    if let Some(d) = draft
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        let _ = writeln!(out, "description: {}", d.replace(['\n', '\r'], " ").trim());
    }
    out.push_str("---\n");
    let mut section: Option<&str> = None;
    for q in &draft.questions {
        if q.section.as_deref() != section && q.section.is_some() {
            section = q.section.as_deref();
            let _ = write!(out, "\n# {}\n", heading_text(section.unwrap_or("")));
        }
        write_question(&mut out, q, report);
    }
    out
}

fn heading_text(t: &str) -> String {
    let mut s = one_line(t);
    // A closing `#` sequence would be cut from the heading.
    if s.ends_with('#') && !s.ends_with("\\#") {
        s.insert(s.len() - 1, '\\');
    }
    if s.is_empty() {
        s.push_str("（无题干）");
    }
    s
}

fn write_question(out: &mut String, q: &DraftQuestion, report: &mut Report) {
    let fill = matches!(q.kind, DraftKind::Fill { .. });
    let title = if fill {
        heading_text(&q.title)
    } else {
        heading_text(&no_blanks(&q.title))
    };
    let mut attrs = Vec::new();
    if let Some(id) = &q.id {
        if valid_id(id) {
            attrs.push(format!("#{id}"));
        } else {
            report.changed(
                q.place.clone(),
                format!("编号“{id}”只能用字母、数字、-、_ 和中文，已不用它（系统会自动生成编号）"),
            );
        }
    }
    if let Some(p) = &q.points {
        match decimal::parse(p.trim()) {
            Ok(v) if v > 0.0 => {
                if v != 1.0 {
                    attrs.push(format!("points={}", p.trim()))
                }
            }
            _ => report.changed(q.place.clone(), format!("分值“{p}”不是正数，已按 1 分")),
        }
    }
    let tags: Vec<&str> = q
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if !tags.is_empty() {
        match attr_value(&tags.join(",")) {
            Some(v) => attrs.push(format!("tags={v}")),
            None => report.changed(q.place.clone(), "标签里有引号或花括号，标签没有导入"),
        }
    }
    if let DraftKind::Choice {
        multiple: true,
        all_or_nothing: true,
        ..
    } = q.kind
    {
        attrs.push("scoring=all".into());
    }
    // A title ending in `}` would be read as attributes: an attribute block of ours follows it.
    if attrs.is_empty() && title.ends_with('}') {
        attrs.push("points=1".into());
    }
    let _ = write!(out, "\n## {title}");
    if !attrs.is_empty() {
        let _ = write!(out, " {{{}}}", attrs.join(" "));
    }
    out.push_str("\n\n");
    let body = q.body.trim();
    if !body.is_empty() {
        let body = if fill {
            protect_blocks(body)
        } else {
            protect_blocks(&no_blanks(body))
        };
        out.push_str(&body);
        out.push_str("\n\n");
    }
    match &q.kind {
        DraftKind::Choice {
            multiple, options, ..
        } => {
            let (marker, indent) = if *multiple {
                ("-", "  ")
            } else {
                ("1.", "   ")
            };
            for o in options {
                let text = one_line(&no_blanks(&o.text));
                let text = if text.is_empty() {
                    "（空）".into()
                } else {
                    text
                };
                let mark = if o.correct { "[x]" } else { "[ ]" };
                let _ = writeln!(out, "{marker} {mark} {text}");
                if !o.feedback.trim().is_empty() {
                    for line in protect_quoted(&no_blanks(&o.feedback)).lines() {
                        let _ = writeln!(out, "{indent}> {line}");
                    }
                }
            }
        }
        DraftKind::TrueFalse(b) => {
            let _ = writeln!(out, "答案：{}", if *b { "对" } else { "错" });
        }
        DraftKind::Fill { .. } => {}
        DraftKind::Order(items) => {
            for (i, it) in items.iter().enumerate() {
                let text = protect_start(&one_line(&no_blanks(it)));
                let _ = writeln!(out, "{}. {}", i + 1, text);
            }
        }
        DraftKind::Match { head, pairs } => {
            let cell = |s: &str| {
                let c = one_line(&no_blanks(s)).replace('|', "\\|");
                if c.is_empty() {
                    "（空）".to_string()
                } else {
                    c
                }
            };
            let _ = writeln!(out, "| {} | {} |", cell(&head.0), cell(&head.1));
            out.push_str("| --- | --- |\n");
            for (l, r) in pairs {
                let _ = writeln!(out, "| {} | {} |", cell(l), cell(r));
            }
        }
        DraftKind::Numeric {
            value,
            tolerance,
            unit,
        } => {
            let _ = writeln!(out, "答案：{}", one_line(value));
            if let Some(t) = tolerance.as_deref().filter(|t| !t.trim().is_empty()) {
                let _ = writeln!(out, "误差：{}", one_line(t));
            }
            if let Some(u) = unit.as_deref().filter(|u| !u.trim().is_empty()) {
                let _ = writeln!(out, "单位：{}", one_line(u));
            }
        }
        DraftKind::Reply { rubric } => {
            out.push_str(rubric.trim());
            out.push('\n');
        }
    }
    let expl = q.explanation.trim();
    if !expl.is_empty() {
        out.push('\n');
        for line in protect_quoted(&no_blanks(expl)).lines() {
            if line.is_empty() {
                out.push_str(">\n");
            } else {
                let _ = writeln!(out, "> {line}");
            }
        }
    }
}

fn type_of(kind: &DraftKind) -> TypeName {
    match kind {
        DraftKind::Choice { multiple: true, .. } => TypeName::Multiple,
        DraftKind::Choice { .. } => TypeName::Single,
        DraftKind::TrueFalse(_) => TypeName::Tf,
        DraftKind::Fill { .. } => TypeName::Fill,
        DraftKind::Order(_) => TypeName::Order,
        DraftKind::Match { .. } => TypeName::Match,
        DraftKind::Numeric { .. } => TypeName::Numeric,
        DraftKind::Reply { .. } => TypeName::Reply,
    }
}

/// Parses the produced bank: its diagnostics go into the report, and each question must have
/// come through with the draft's type (else the bank's reading differs from the source's and
/// the report says where).
pub fn validate(name: &str, markdown: &str, draft: &Draft, report: &mut Report) {
    let path = {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        match base.rfind('.') {
            Some(i) if i > 0 => format!("{}.md", &base[..i]),
            _ => format!("{base}.md"),
        }
    };
    let (bank, diags) = parse_bank(&path, markdown);
    report.diagnostics = diags;
    let parsed: Vec<_> = bank.questions().collect();
    report.converted = parsed.len();
    if parsed.len() != draft.questions.len() {
        report.note(
            Place::File,
            Level::Changed,
            format!(
                "生成的题库读出 {} 道题，转换时是 {} 道：请看下面的检查结果",
                parsed.len(),
                draft.questions.len()
            ),
        );
        return;
    }
    for (q, d) in parsed.iter().zip(&draft.questions) {
        let want = type_of(&d.kind);
        let got = q.kind.type_name();
        if want != got {
            report.note(
                d.place.clone(),
                Level::Changed,
                format!(
                    "按{}转换，生成的题库却读成了{}：请检查题干里的列表、表格或“答案：”",
                    want.label(),
                    got.label()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::convert::DraftOption;
    use crate::engine::text::rich::inline_text;

    fn q(title: &str, kind: DraftKind) -> DraftQuestion {
        DraftQuestion::new(Place::Row(2), title.into(), kind)
    }

    #[test]
    fn escaped_text_reads_back_as_written() {
        let nasty =
            "# 1. <b>x</b> *a* _b_ [c](javascript:x) {#id points=9} {{a|b}} | & `c` ~~s~~ \\ $x$ #";
        let draft = Draft {
            title: Some("t".into()),
            description: None,
            questions: vec![q(&escape_inline(nasty), DraftKind::TrueFalse(true))],
        };
        let mut r = Report::default();
        let md = bank_markdown(&draft, &mut r);
        let (bank, diags) = parse_bank("t.md", &md);
        assert!(
            !crate::engine::text::diagnostics::has_errors(&diags),
            "{diags:?}\n{md}"
        );
        let q = bank.questions().next().unwrap();
        assert_eq!(inline_text(&q.title), nasty, "{md}");
        assert_eq!(q.points, 1.0);
    }

    #[test]
    fn markers_inside_options_stay_text() {
        let opts = ["- a", "1. b", "> c", "# d", "[x] e"];
        let draft = Draft {
            title: None,
            description: None,
            questions: vec![q(
                "选哪个",
                DraftKind::Choice {
                    multiple: false,
                    all_or_nothing: false,
                    options: opts
                        .iter()
                        .enumerate()
                        .map(|(i, t)| DraftOption {
                            text: t.to_string(),
                            correct: i == 0,
                            feedback: String::new(),
                        })
                        .collect(),
                },
            )],
        };
        let mut r = Report::default();
        let md = bank_markdown(&draft, &mut r);
        validate("x.csv", &md, &draft, &mut r);
        assert!(!r.failed(), "{r}\n{md}");
        assert!(r.notes.is_empty(), "{r}\n{md}");
    }
}

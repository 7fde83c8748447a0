//! HTML question text (Moodle's default format) as bank Markdown: paragraphs, line breaks,
//! bold, italic, code, lists, links and images kept; every other tag dropped and named in the
//! report; `<script>` and `<style>` dropped with their content. The text between tags is
//! escaped, so nothing in it is read as Markdown.

use super::write::escape_inline;
use std::collections::BTreeSet;

/// Decodes the entities of HTML and XML text (named ones of HTML's common set, numeric ones).
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
            } else if let Some(num) = name.strip_prefix('#') {
                num.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match name {
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "amp" => Some('&'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    "ldquo" => Some('“'),
                    "rdquo" => Some('”'),
                    "lsquo" => Some('‘'),
                    "rsquo" => Some('’'),
                    "hellip" => Some('…'),
                    "mdash" => Some('—'),
                    "ndash" => Some('–'),
                    "times" => Some('×'),
                    "divide" => Some('÷'),
                    "yen" => Some('¥'),
                    "middot" => Some('·'),
                    _ => None,
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The Markdown of an HTML fragment and the names of the tags it dropped.
pub fn to_markdown(html: &str) -> (String, BTreeSet<String>) {
    let mut out = String::new();
    let mut dropped = BTreeSet::new();
    let mut rest = html;
    let mut link: Vec<Option<String>> = Vec::new();
    let mut skip_until: Option<&'static str> = None;
    let mut list_depth = 0usize;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                push_text(&mut out, rest);
            }
            break;
        };
        if skip_until.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        let tag_src = &rest[lt..];
        if let Some(c) = tag_src.strip_prefix("<!--") {
            rest = c.find("-->").map_or("", |e| &c[e + 3..]);
            continue;
        }
        let Some(gt) = tag_src.find('>') else {
            if skip_until.is_none() {
                push_text(&mut out, tag_src);
            }
            break;
        };
        let inner = &tag_src[1..gt];
        rest = &tag_src[gt + 1..];
        let closing = inner.starts_with('/');
        let body = inner.trim_start_matches('/').trim_end_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(end) = skip_until {
            if closing && name == end {
                skip_until = None;
            }
            continue;
        }
        match (name.as_str(), closing) {
            ("script", false) => {
                skip_until = Some("script");
                dropped.insert("script".into());
            }
            ("style", false) => {
                skip_until = Some("style");
                dropped.insert("style".into());
            }
            ("br", _) => out.push_str("\\\n"),
            ("p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "tr", _) => {
                para(&mut out)
            }
            ("td" | "th", true) => out.push(' '),
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('*'),
            ("code", _) => out.push('`'),
            ("ul" | "ol", false) => {
                list_depth += 1;
                para(&mut out);
            }
            ("ul" | "ol", true) => {
                list_depth = list_depth.saturating_sub(1);
                para(&mut out);
            }
            ("li", false) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&"  ".repeat(list_depth.saturating_sub(1)));
                out.push_str("- ");
            }
            ("li", true) => {}
            ("a", false) => {
                let href = attr(body, "href");
                if href.is_some() {
                    out.push('[');
                }
                link.push(href);
            }
            ("a", true) => {
                if let Some(Some(h)) = link.pop() {
                    out.push_str(&format!("](<{}>)", h.replace(['<', '>', '\n'], "")));
                }
            }
            ("img", _) => {
                let alt = attr(body, "alt").unwrap_or_default();
                match attr(body, "src") {
                    Some(src) if !src.contains("@@PLUGINFILE@@") && !src.starts_with("data:") => {
                        out.push_str(&format!(
                            "![{}](<{}>)",
                            escape_inline(&alt),
                            src.replace(['<', '>', '\n'], "")
                        ))
                    }
                    _ => {
                        dropped.insert("img（嵌在文件里的图片）".into());
                        out.push_str(&escape_inline(&alt));
                    }
                }
            }
            ("span" | "font" | "u" | "sub" | "sup" | "small" | "big" | "tbody" | "thead", _) => {
                if !matches!(name.as_str(), "tbody" | "thead") {
                    dropped.insert(name.clone());
                }
            }
            ("", _) => {}
            (n, _) => {
                dropped.insert(n.to_string());
            }
        }
    }
    let md = out
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    // At most one blank line between paragraphs; no break at the very end.
    let mut squeezed = String::new();
    let mut blank = 0;
    for line in md.trim().lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank == 1 {
                squeezed.push('\n');
            }
            continue;
        }
        blank = 0;
        squeezed.push_str(line);
        squeezed.push('\n');
    }
    let squeezed = super::write::strip_hard_break(&squeezed).to_string();
    (squeezed, dropped)
}

fn para(out: &mut String) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        while out.ends_with("\\\n") {
            out.truncate(out.len() - 2);
        }
        out.push_str("\n\n");
    }
}

fn push_text(out: &mut String, text: &str) {
    let decoded = decode_entities(text);
    // HTML white space collapses; a non-breaking space stays a space.
    let mut last_space = out.ends_with([' ', '\n']);
    for c in decoded.chars() {
        let c = if c == '\u{a0}' { ' ' } else { c };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push_str(&escape_inline(c.encode_utf8(&mut [0; 4])));
            last_space = false;
        }
    }
}

/// An attribute's value in a start tag's source.
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = tag.len() - rest.len() + 1;
        let v = tag[vstart..].trim_start();
        let value = match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
            _ => v
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        return Some(decode_entities(value));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown_and_drops_are_named() {
        let (md, dropped) = to_markdown(
            "<p>顾客<b>很急</b>，<span style='x'>怎么办</span>？</p><p>a &lt; b<br>c</p><script>alert(1)</script><ul><li>一</li><li>二</li></ul>",
        );
        assert_eq!(md, "顾客**很急**，怎么办？\n\na \\< b\\\nc\n\n- 一\n- 二");
        assert!(dropped.contains("span") && dropped.contains("script"));
    }
}

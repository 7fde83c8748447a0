//! Heading attributes: `## 题干 {#ship-time points=2 tags=发货,邮费}`.
//!
//! Parsed by us rather than by pulldown-cmark so that a `{{blank}}` at the end of a heading is
//! never mistaken for attributes.

use super::rich::Inline;

#[derive(Default, Debug, Clone, PartialEq)]
pub struct Attrs {
    pub id: Option<String>,
    pub pairs: Vec<(String, String)>,
}

impl Attrs {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Removes a trailing attribute block from a heading's inlines and returns it.
pub fn take_heading_attrs(inlines: &mut Vec<Inline>) -> Option<Attrs> {
    let Some(Inline::Text(text)) = inlines.last_mut() else {
        return None;
    };
    let trimmed = text.trim_end();
    if !trimmed.ends_with('}') || trimmed.ends_with("}}") {
        return None;
    }
    let open = trimmed.rfind('{')?;
    if trimmed[..open].ends_with('{') {
        return None;
    }
    let attrs = parse(&trimmed[open + 1..trimmed.len() - 1])?;
    let keep = trimmed[..open].trim_end().len();
    *text = text.slice(0..keep);
    if text.is_empty() {
        inlines.pop();
    }
    Some(attrs)
}

/// Parses `#id key=value key="two words"`; `None` if it does not look like attributes at all
/// (then the braces are ordinary heading text).
pub fn parse(body: &str) -> Option<Attrs> {
    let mut attrs = Attrs::default();
    let mut rest = body.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let (token, after) = next_token(rest);
        rest = after.trim_start();
        if let Some(id) = token.strip_prefix('#') {
            if id.is_empty() {
                return None;
            }
            attrs.id = Some(id.to_string());
        } else if token.starts_with('.') {
            // CSS classes from other Markdown tools: accepted and ignored.
        } else if let Some((k, v)) = token.split_once('=') {
            if k.is_empty() {
                return None;
            }
            let v = v.trim_matches('"');
            attrs.pairs.push((k.to_string(), v.to_string()));
        } else {
            return None;
        }
    }
    Some(attrs)
}

/// The first token of `s` and the rest: tokens end at whitespace outside double quotes.
fn next_token(s: &str) -> (&str, &str) {
    let mut in_quote = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => in_quote = !in_quote,
            // Printable ASCII (most of an attribute block) is never whitespace: only other
            // characters need the Unicode test.
            '!'..='~' => {}
            c if c.is_whitespace() && !in_quote => return (&s[..i], &s[i..]),
            _ => {}
        }
    }
    (s, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_split_from_the_heading() {
        let mut inl = vec![Inline::Text(
            "发货时间 {#ship-time points=2 tags=发货,规则}".into(),
        )];
        let a = take_heading_attrs(&mut inl).unwrap();
        assert_eq!(a.id.as_deref(), Some("ship-time"));
        assert_eq!(a.get("points"), Some("2"));
        assert_eq!(a.get("tags"), Some("发货,规则"));
        assert_eq!(inl, vec![Inline::Text("发货时间".into())]);
    }

    #[test]
    fn a_trailing_blank_is_not_an_attribute_block() {
        let mut inl = vec![Inline::Text("早班从 {{8:00|8点}}".into())];
        assert!(take_heading_attrs(&mut inl).is_none());
        let mut inl = vec![Inline::Text("集合 {a, b}".into())];
        assert!(take_heading_attrs(&mut inl).is_none());
    }

    /// The reading `next_token` had before its printable-ASCII shortcut.
    fn next_token_by_chars(s: &str) -> (&str, &str) {
        let mut in_quote = false;
        for (i, c) in s.char_indices() {
            match c {
                '"' => in_quote = !in_quote,
                c if c.is_whitespace() && !in_quote => return (&s[..i], &s[i..]),
                _ => {}
            }
        }
        (s, "")
    }

    #[test]
    fn tokens_end_at_the_same_whitespace_as_the_plain_character_reading() {
        // Every ASCII byte (ASCII whitespace is exactly what `char::is_whitespace` says) and
        // Unicode spaces, quoted and not.
        let mut cases: Vec<String> = (0u8..0x80)
            .map(|b| format!("#a{}b=1 c", b as char))
            .collect();
        for s in [
            "#q1 points=2",
            "tags=\"a b\"\u{3000}x=1",
            "a\u{3000}b",
            "a\u{a0}b\u{2003}c",
            "\"x\u{3000}y\" z",
            "\u{85}a",
            "题目\u{2029}b",
            "",
            "\"",
            "a\u{1c}b\u{1f}c",
        ] {
            cases.push(s.to_string());
        }
        for s in &cases {
            let mut rest = s.as_str();
            loop {
                let want = next_token_by_chars(rest);
                assert_eq!(next_token(rest), want, "{rest:?}");
                if want.1.is_empty() {
                    break;
                }
                rest = want.1.trim_start();
            }
        }
    }

    #[test]
    fn quoted_values_may_hold_spaces() {
        let a = parse(r#"tags="a b" points=1"#).unwrap();
        assert_eq!(a.get("tags"), Some("a b"));
    }
}

//! Heading attributes: `## 题干 {#ship-time points=2 tags=发货,邮费}`.
//!
//! Parsed by us rather than by pulldown-cmark so that a `{{blank}}` at the end of a heading is
//! never mistaken for attributes.

use crate::engine::text::rich::Inline;
use crate::engine::text::text::Text;

#[derive(Default, Debug, Clone, PartialEq)]
pub struct Attrs {
    pub id: Option<String>,
    /// `(key, value)`, cut from the heading's text rather than copied: every question heading
    /// has a few, and copying each key and value took most of the time spent on headings.
    pub pairs: Vec<(Text, Text)>,
}

impl Attrs {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Removes a trailing attribute block from a heading's inlines and returns it.
pub fn take_heading_attrs(inlines: &mut Vec<Inline>) -> Option<Attrs> {
    let Some(Inline::Text(text)) = inlines.last_mut() else {
        return None;
    };
    // Tested as bytes: `ends_with` and `rfind` with a `char` build a searcher per call, and
    // every question heading goes through here.
    let trimmed = text.trim_end();
    let b = trimmed.as_bytes();
    if b.last() != Some(&b'}') || b.len() >= 2 && b[b.len() - 2] == b'}' {
        return None;
    }
    let open = b.iter().rposition(|&c| c == b'{')?;
    if open > 0 && b[open - 1] == b'{' {
        return None;
    }
    let attrs = parse_in(text, &trimmed[open + 1..trimmed.len() - 1])?;
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
    let text = Text::from(body);
    parse_in(&text, text.as_str())
}

/// `parse` of `body`, a part of `text`: keys and values are cut from `text`.
fn parse_in(text: &Text, body: &str) -> Option<Attrs> {
    let mut attrs = Attrs::default();
    let mut rest = body.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let (token, after) = next_token(rest);
        rest = after.trim_start();
        let tb = token.as_bytes();
        if tb.first() == Some(&b'#') {
            if tb.len() == 1 {
                return None;
            }
            attrs.id = Some(token[1..].to_string());
        } else if tb.first() == Some(&b'.') {
            // CSS classes from other Markdown tools: accepted and ignored.
        } else if let Some(eq) = tb.iter().position(|&c| c == b'=') {
            if eq == 0 {
                return None;
            }
            // `trim_matches('"')`: every quote at either end.
            let (mut from, mut to) = (eq + 1, tb.len());
            while from < to && tb[from] == b'"' {
                from += 1;
            }
            while to > from && tb[to - 1] == b'"' {
                to -= 1;
            }
            attrs
                .pairs
                .push((text.piece(&token[..eq]), text.piece(&token[from..to])));
        } else {
            return None;
        }
    }
    Some(attrs)
}

/// The first token of `s` and the rest: tokens end at whitespace outside double quotes.
fn next_token(s: &str) -> (&str, &str) {
    let mut in_quote = false;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        match b {
            b'"' => in_quote = !in_quote,
            _ if in_quote => {}
            // ASCII white space as `char::is_whitespace` has it (tab to carriage return, space).
            b'\t'..=b'\r' | b' ' => return (&s[..i], &s[i..]),
            // The only lead bytes of non-ASCII white space (U+0085, U+00A0, U+1680, U+2000 to
            // U+205F, U+3000): only these characters need decoding and the Unicode test.
            // Other bytes, continuation bytes among them, never start white space.
            0xc2 | 0xe1 | 0xe2 | 0xe3 => {
                if s[i..].chars().next().is_some_and(char::is_whitespace) {
                    return (&s[..i], &s[i..]);
                }
            }
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

    /// `take_heading_attrs` and `parse` as they read before working on bytes, with copied
    /// keys and values: (id, pairs, the heading's text left).
    fn take_reference(text: &str) -> Option<(Option<String>, Vec<(String, String)>, String)> {
        let trimmed = text.trim_end();
        if !trimmed.ends_with('}') || trimmed.ends_with("}}") {
            return None;
        }
        let open = trimmed.rfind('{')?;
        if trimmed[..open].ends_with('{') {
            return None;
        }
        let mut rest = trimmed[open + 1..trimmed.len() - 1].trim();
        if rest.is_empty() {
            return None;
        }
        let (mut id, mut pairs) = (None, Vec::new());
        while !rest.is_empty() {
            let (token, after) = next_token_by_chars(rest);
            rest = after.trim_start();
            if let Some(i) = token.strip_prefix('#') {
                if i.is_empty() {
                    return None;
                }
                id = Some(i.to_string());
            } else if token.starts_with('.') {
            } else if let Some((k, v)) = token.split_once('=') {
                if k.is_empty() {
                    return None;
                }
                pairs.push((k.to_string(), v.trim_matches('"').to_string()));
            } else {
                return None;
            }
        }
        Some((id, pairs, trimmed[..open].trim_end().to_string()))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]

        #[test]
        fn heading_attributes_read_as_they_did_character_by_character(
            text in "[题 a{]{0,3}\\{[a#.=\"题 \u{3000}\u{a0}\u{85}\u{2003}\t,，{}]{0,16}\\}[ }\u{3000}]{0,2}"
        ) {
            let mut inl = vec![Inline::Text(text.as_str().into())];
            let got = take_heading_attrs(&mut inl).map(|a| {
                let pairs = a
                    .pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect::<Vec<_>>();
                let left = match inl.first() {
                    Some(Inline::Text(t)) => t.to_string(),
                    _ => String::new(),
                };
                (a.id, pairs, left)
            });
            // About one case in twelve is an attribute block; the rest test the refusals.
            proptest::prop_assert_eq!(got, take_reference(&text));
        }
    }

    #[test]
    fn quoted_values_may_hold_spaces() {
        let a = parse(r#"tags="a b" points=1"#).unwrap();
        assert_eq!(a.get("tags"), Some("a b"));
    }
}

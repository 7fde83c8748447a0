//! Byte-level reading for the answer readers, which trim every line, item and piece they read
//! and look for colons in them. The characters looked for are whole UTF-8 sequences, so every
//! cut falls on a character boundary.

/// Whether a character starting with this byte may be white space. Every Unicode white-space
/// character starts with one of these bytes in UTF-8 (U+0009–000D, U+0020; U+0085, U+00A0;
/// U+1680; U+2000–205F; U+3000), and no Chinese character does.
#[inline(always)]
fn may_be_space(lead: u8) -> bool {
    matches!(lead, 0x09..=0x0d | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3)
}

/// `s.trim()`, answered from the first and last characters' leading bytes when neither can be
/// white space (most text in a bank), which spares decoding and classifying them.
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return s;
    };
    // The last character starts at the last byte that is not a continuation byte (`10xxxxxx`);
    // in valid UTF-8 that is at most three bytes back, and never before the first byte.
    let mut last = b.len() - 1;
    while b[last] & 0xc0 == 0x80 {
        last -= 1;
    }
    if may_be_space(first) || may_be_space(b[last]) {
        s.trim()
    } else {
        s
    }
}

/// `s.trim_start()`, with the same shortcut as `trim`.
pub fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&first) if may_be_space(first) => s.trim_start(),
        _ => s,
    }
}

/// The first `:` or `：` in `s`: its byte index and length.
pub fn find_colon(s: &str) -> Option<(usize, usize)> {
    // `：` is `ef bc 9a`; the colon is usually a few bytes in, so a plain loop beats a search.
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b':' => return Some((i, 1)),
            0xef if b.get(i + 1) == Some(&0xbc) && b.get(i + 2) == Some(&0x9a) => {
                return Some((i, 3))
            }
            _ => i += 1,
        }
    }
    None
}

/// Where the first `\n` is in `b`.
pub fn find_newline(b: &[u8]) -> Option<usize> {
    find_byte(b, b'\n')
}

/// Where `byte` first occurs in `b`: `memchr`, which pulldown-cmark already brings (vector
/// instructions natively, eight bytes at a time in WebAssembly).
#[inline(always)]
pub fn find_byte(b: &[u8], byte: u8) -> Option<usize> {
    memchr::memchr(byte, b)
}

/// `s` up to its first `\n`, and what follows that `\n` (empty when there is none).
pub fn first_line(s: &str) -> (&str, &str) {
    match find_newline(s.as_bytes()) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every white-space character, some that share their first byte with one, and text.
    const CHARS: &str = "[\t\n\u{b}\u{c}\r \u{85}\u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{a9}\u{1681}\u{2010}\u{3001}\u{3002}a抱歉：（）｜x]{0,8}";

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn trim_agrees_with_std(s in CHARS) {
            prop_assert_eq!(trim(&s), s.trim());
            prop_assert_eq!(trim_start(&s), s.trim_start());
        }

        #[test]
        fn find_newline_agrees_with_std(s in "[\n\r\u{a}\u{8a}{a抱\u{10a0a}\u{0}\u{ff}]{0,40}") {
            prop_assert_eq!(find_newline(s.as_bytes()), s.find('\n'));
            prop_assert_eq!(find_byte(s.as_bytes(), b'{'), s.find('{'));
        }

        #[test]
        fn find_colon_agrees_with_std(s in "[:：；｜（a抱]{0,8}") {
            let reference = s.find([':', '：']).map(|i| (i, s[i..].chars().next().unwrap().len_utf8()));
            prop_assert_eq!(find_colon(&s), reference);
        }
    }

    #[test]
    fn trim_keeps_chinese_text_and_drops_every_kind_of_space() {
        assert_eq!(trim("抱歉"), "抱歉");
        assert_eq!(trim("\u{3000}抱歉。\u{a0}"), "抱歉。");
        assert_eq!(trim(" \r\n"), "");
        assert_eq!(trim_start("\u{2003}来源：x"), "来源：x");
    }
}

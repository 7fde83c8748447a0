//! Content hashes for banks and questions.
//!
//! Written out rather than taken from a crate on purpose: hashes are stored in exported
//! results and compared years later, so the algorithm (64-bit FNV-1a) must never change
//! with a dependency upgrade.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_from(OFFSET, bytes)
}

/// Continues an FNV-1a state over more bytes: `fnv1a_from(fnv1a(a), b) == fnv1a(a ++ b)`.
pub fn fnv1a_from(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(PRIME))
}

/// 16 lowercase hex digits.
pub fn hex_hash(text: &str) -> String {
    hex(fnv1a(text.as_bytes()))
}

/// `format!("{h:016x}")` without the formatting machinery: the bank parser writes one of these
/// per question.
pub fn hex(h: u64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(16);
    for shift in (0..16).rev() {
        out.push(char::from(DIGITS[(h >> (shift * 4)) as usize & 15]));
    }
    out
}

/// Hash of text with runs of whitespace collapsed, so re-indenting or re-wrapping a
/// question does not count as a change.
pub fn content_hash(text: &str) -> String {
    // `trim` removes all Unicode whitespace, ASCII included, so every run of ASCII whitespace
    // left inside is followed by a byte that is hashed: the run becomes one space.
    let bytes = text.trim().as_bytes();
    let mut h = OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if b.is_ascii_whitespace() {
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            h = (h ^ u64::from(b' ')).wrapping_mul(PRIME);
        } else {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
    }
    hex(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `content_hash` as first written; the faster loops must give the same value forever.
    fn content_hash_reference(text: &str) -> String {
        let mut h = OFFSET;
        let mut pending_space = false;
        for b in text.trim().bytes() {
            if b.is_ascii_whitespace() {
                pending_space = true;
                continue;
            }
            if pending_space {
                h = (h ^ u64::from(b' ')).wrapping_mul(PRIME);
                pending_space = false;
            }
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
        format!("{h:016x}")
    }

    #[test]
    fn hex_matches_the_formatter() {
        for h in [0, 1, 0xabc, u64::MAX, 0x0123_4567_89ab_cdef, 1 << 63] {
            assert_eq!(hex(h), format!("{h:016x}"));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn content_hash_agrees_with_the_reference(
            text in "[ \t\r\n\x0b\x0c\u{3000}\u{a0}a题#{}]{0,40}",
            prefix in "[ a\n题]{0,5}",
        ) {
            prop_assert_eq!(content_hash(&text), content_hash_reference(&text));
            prop_assert_eq!(
                fnv1a_from(fnv1a(prefix.as_bytes()), text.as_bytes()),
                fnv1a(format!("{prefix}{text}").as_bytes())
            );
        }
    }

    #[test]
    fn fnv1a_matches_reference_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn content_hash_ignores_whitespace_layout() {
        assert_eq!(content_hash("a  b\n\nc "), content_hash("a b c"));
        assert_ne!(content_hash("a b"), content_hash("ab"));
        // Pinned: stored results compare against these hashes.
        assert_eq!(
            content_hash("  a \t\n b  "),
            format!("{:016x}", fnv1a(b"a b"))
        );
        assert_eq!(
            content_hash("\u{3000}题 目\u{3000}"),
            format!("{:016x}", fnv1a("题 目".as_bytes()))
        );
        assert_eq!(
            content_hash("a\u{b}b"),
            format!("{:016x}", fnv1a(b"a\x0bb"))
        );
    }
}

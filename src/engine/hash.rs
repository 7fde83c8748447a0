//! Content hashes for banks and questions.
//!
//! Written out rather than taken from a crate on purpose: hashes are stored in exported
//! results and compared years later, so the algorithm (64-bit FNV-1a) must never change
//! with a dependency upgrade.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(OFFSET, |h, b| (h ^ u64::from(*b)).wrapping_mul(PRIME))
}

/// 16 lowercase hex digits.
pub fn hex_hash(text: &str) -> String {
    format!("{:016x}", fnv1a(text.as_bytes()))
}

/// Hash of text with runs of whitespace collapsed, so re-indenting or re-wrapping a
/// question does not count as a change.
pub fn content_hash(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}

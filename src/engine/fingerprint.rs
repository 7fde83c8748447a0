//! A bank's or a question's hash, computed on first use rather than while parsing.
//!
//! The values are pinned (stored in attempt records and compared later), but parsing does not
//! need them: an attempt needs the hashes of the questions it draws, and a record needs them
//! when it is compared with the bank. So a parsed bank keeps the text each hash is computed
//! from and hashes it once, when asked; the value is exactly what the eager functions gave.

use super::hash::{content_hash, hex_hash};
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// 16 lowercase hex digits, known or computed once from a bank file's text.
#[derive(Clone)]
pub struct Fingerprint {
    /// Filled on first use; `Bank` is shared between threads in `Arc`s and Leptos signals.
    value: OnceLock<String>,
    of: Of,
}

#[derive(Clone)]
enum Of {
    /// A value given as it is (records, banks built in code): `value` is already set.
    Known,
    /// `hex_hash` of a whole bank file.
    File(Arc<str>),
    /// `content_hash` of a question's Markdown: that byte range of its bank file.
    Question(Arc<str>, Range<usize>),
}

impl Fingerprint {
    pub fn known(value: impl Into<String>) -> Fingerprint {
        Fingerprint {
            value: OnceLock::from(value.into()),
            of: Of::Known,
        }
    }

    /// The hash of a whole bank file (plain FNV-1a of its text).
    pub fn of_file(text: Arc<str>) -> Fingerprint {
        Fingerprint {
            value: OnceLock::new(),
            of: Of::File(text),
        }
    }

    /// The hash of `text[range]` with whitespace runs collapsed (a question's Markdown).
    pub fn of_question(text: Arc<str>, range: Range<usize>) -> Fingerprint {
        Fingerprint {
            value: OnceLock::new(),
            of: Of::Question(text, range),
        }
    }

    pub fn as_str(&self) -> &str {
        self.value.get_or_init(|| match &self.of {
            Of::Known => String::new(),
            Of::File(text) => hex_hash(text),
            Of::Question(text, range) => content_hash(text.get(range.clone()).unwrap_or("")),
        })
    }

    /// The text the value is computed from, `None` for a known value (for tests and tools).
    pub fn source(&self) -> Option<&str> {
        match &self.of {
            Of::Known => None,
            Of::File(text) => Some(text),
            Of::Question(text, range) => Some(text.get(range.clone()).unwrap_or("")),
        }
    }

    /// Same text, same value: lets two clones of one parsed bank compare without hashing.
    fn same_source(&self, other: &Fingerprint) -> bool {
        match (&self.of, &other.of) {
            (Of::File(a), Of::File(b)) => Arc::ptr_eq(a, b),
            (Of::Question(a, r), Of::Question(b, s)) => Arc::ptr_eq(a, b) && r == s,
            _ => false,
        }
    }
}

impl PartialEq for Fingerprint {
    fn eq(&self, other: &Fingerprint) -> bool {
        self.same_source(other) || self.as_str() == other.as_str()
    }
}

impl Eq for Fingerprint {}

/// Prints the value as the `String` it replaced did, so Debug dumps are unchanged.
impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_fingerprint_is_the_content_hash_of_its_range() {
        let text: Arc<str> = Arc::from("# 题库\n\n## 题 A\n\n1. [x] 对\n\n## 题 B");
        let start = text.find("## 题 A").unwrap();
        let end = text.find("\n\n## 题 B").unwrap() + 1;
        let a = Fingerprint::of_question(text.clone(), start..end);
        assert_eq!(a.source(), Some("## 题 A\n\n1. [x] 对\n"));
        assert_eq!(a.as_str(), content_hash("## 题 A 1. [x] 对"));
        let file = Fingerprint::of_file(text.clone());
        assert_eq!(file.as_str(), hex_hash(&text));
        // A range past the end hashes as empty text, as the eager parser did.
        let past = Fingerprint::of_question(text.clone(), start..text.len() + 1);
        assert_eq!(past.as_str(), content_hash(""));
    }

    #[test]
    fn equality_and_debug_use_the_value() {
        let text: Arc<str> = Arc::from("## 题\n\n1. [x] 对\n");
        let lazy = Fingerprint::of_question(text.clone(), 0..text.len());
        let known = Fingerprint::known(content_hash(&text));
        assert_eq!(lazy, known);
        assert_eq!(format!("{lazy:?}"), format!("{:?}", content_hash(&text)));
        assert_ne!(lazy, Fingerprint::known("0000000000000000"));
        // The same range of another copy of the text is the same fingerprint.
        let copy: Arc<str> = Arc::from(&*text);
        assert_eq!(lazy, Fingerprint::of_question(copy, 0..text.len()));
        assert_ne!(lazy, Fingerprint::of_question(text.clone(), 1..text.len()));
    }

    #[test]
    fn a_fingerprint_can_be_shared_between_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Fingerprint>();
    }
}

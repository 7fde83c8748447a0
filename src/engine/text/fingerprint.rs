//! A bank's or a question's hash, computed on first use rather than while parsing.
//!
//! The values are pinned (stored in attempt records and compared later), but parsing does not
//! need them: an attempt needs the hashes of the questions it draws, and a record needs them
//! when it is compared with the bank. So a parsed bank keeps the text each hash is computed
//! from and hashes it once, when asked; the value is exactly what the eager functions gave.

use crate::engine::text::hash::{content_hash, hex_hash};
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// 16 lowercase hex digits, known or computed once from a bank file's text.
///
/// One shape for every kind (no enum of owned values), so that cloning and dropping one is a
/// reference count: the app's bytes count.
pub struct Fingerprint {
    /// Filled on first use; `Bank` is shared between threads in `Arc`s and Leptos signals.
    value: OnceLock<String>,
    /// The known value itself, or the bank file the value is computed from.
    text: Arc<str>,
    range: Range<usize>,
    of: Of,
}

#[derive(Clone, Copy, PartialEq)]
enum Of {
    /// `text` is the value (records, banks built in code); `range` is unused.
    Known,
    /// `hex_hash` of `text`, a whole bank file (`range` is all of it).
    File,
    /// `content_hash` of `text[range]`, a question's Markdown.
    Question,
}

impl Fingerprint {
    fn new(text: Arc<str>, range: Range<usize>, of: Of) -> Fingerprint {
        Fingerprint {
            value: OnceLock::new(),
            text,
            range,
            of,
        }
    }

    /// Takes the value as an `Arc<str>` so that it is built by the same code as a bank's text.
    pub fn known(value: Arc<str>) -> Fingerprint {
        Fingerprint::new(value, 0..0, Of::Known)
    }

    /// The hash of a whole bank file (plain FNV-1a of its text).
    pub fn of_file(text: Arc<str>) -> Fingerprint {
        let all = 0..text.len();
        Fingerprint::new(text, all, Of::File)
    }

    /// The hash of `text[range]` with whitespace runs collapsed (a question's Markdown).
    pub fn of_question(text: Arc<str>, range: Range<usize>) -> Fingerprint {
        Fingerprint::new(text, range, Of::Question)
    }

    pub fn as_str(&self) -> &str {
        if self.of == Of::Known {
            return &self.text;
        }
        self.value.get_or_init(|| {
            let text = self.text.get(self.range.clone()).unwrap_or("");
            match self.of {
                Of::Question => content_hash(text),
                _ => hex_hash(text),
            }
        })
    }

    /// The text the value is computed from, `None` for a known value (for tests and tools).
    pub fn source(&self) -> Option<&str> {
        (self.of != Of::Known).then(|| self.text.get(self.range.clone()).unwrap_or(""))
    }
}

/// A clone hashes again when asked: copying the cached value would cost more code than the
/// hash of one question costs time (the app's size).
impl Clone for Fingerprint {
    fn clone(&self) -> Fingerprint {
        Fingerprint::new(self.text.clone(), self.range.clone(), self.of)
    }
}

impl PartialEq for Fingerprint {
    fn eq(&self, other: &Fingerprint) -> bool {
        self.as_str() == other.as_str()
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
        let known = Fingerprint::known(Arc::from(content_hash(&text).as_str()));
        assert_eq!(lazy, known);
        assert_eq!(format!("{lazy:?}"), format!("{:?}", content_hash(&text)));
        assert_ne!(lazy, Fingerprint::known(Arc::from("0000000000000000")));
        // The same range of another copy of the text is the same fingerprint.
        let copy: Arc<str> = Arc::from(&*text);
        assert_eq!(lazy, Fingerprint::of_question(copy, 0..text.len()));
        assert_ne!(lazy, Fingerprint::of_question(text.clone(), 1..text.len()));
    }

    #[test]
    fn a_clone_has_the_same_value_whether_or_not_it_was_computed() {
        let text: Arc<str> = Arc::from("## 题\n\n1. [x] 对\n");
        let file = Fingerprint::of_file(text.clone());
        let before = file.clone();
        assert_eq!(file.as_str(), hex_hash(&text));
        assert_eq!(before.as_str(), file.as_str());
        assert_eq!(file.clone().as_str(), file.as_str());
        let known = Fingerprint::known(Arc::from(""));
        assert_eq!(known.clone().as_str(), "");
        assert_eq!(known.source(), None);
    }

    #[test]
    fn a_fingerprint_can_be_shared_between_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Fingerprint>();
    }
}

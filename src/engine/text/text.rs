//! A run of bank text that shares the bank file's one copy.
//!
//! Most text in a bank is written in one piece in its file (a title, an option, a paragraph),
//! so the Markdown model keeps it as a range of the file rather than copying it: parsing a
//! bank then makes no allocation per text run, and cloning a question copies no characters.
//! Text that is not one piece of the file (joined across the lines of a quote, or with an
//! escape or entity decoded) gets a source of its own.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

#[derive(Clone)]
pub struct Text {
    source: Arc<str>,
    start: usize,
    end: usize,
}

impl Text {
    /// `source[range]`, sharing `source`. The range must lie on character boundaries.
    pub fn shared(source: &Arc<str>, range: Range<usize>) -> Text {
        debug_assert!(source.get(range.clone()).is_some());
        Text {
            source: Arc::clone(source),
            start: range.start,
            end: range.end,
        }
    }

    #[inline(always)]
    pub fn as_str(&self) -> &str {
        // The range is checked once when made (`shared`, `slice`); a bad one here would be a
        // bug, and slicing still refuses it rather than reading out of bounds.
        &self.source[self.start..self.end]
    }

    /// A part of this text (`range` relative to it), sharing the same source.
    pub fn slice(&self, range: Range<usize>) -> Text {
        debug_assert!(self.as_str().get(range.clone()).is_some());
        Text {
            source: Arc::clone(&self.source),
            start: self.start + range.start,
            end: self.start + range.end,
        }
    }

    /// The part of this text that `part` borrows (`part` must be a slice of `self.as_str()`),
    /// sharing the same source: for pieces found by searching the text.
    pub fn piece(&self, part: &str) -> Text {
        let at = part.as_ptr() as usize - self.as_str().as_ptr() as usize;
        self.slice(at..at + part.len())
    }

    /// Where this text lies in `source`, if it is a range of that very source.
    pub fn range_in(&self, source: &Arc<str>) -> Option<Range<usize>> {
        Arc::ptr_eq(&self.source, source).then_some(self.start..self.end)
    }
}

impl Deref for Text {
    type Target = str;
    #[inline(always)]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        let end = s.len();
        Text {
            source: Arc::from(s),
            start: 0,
            end,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text {
            source: Arc::from(s),
            start: 0,
            end: s.len(),
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Shown as the string it holds, as `String` is, so model dumps read the same.
impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_text_reads_its_range_of_the_source_and_compares_by_content() {
        let src: Arc<str> = Arc::from("题干：发货时间");
        let t = Text::shared(&src, 9..21);
        assert_eq!(t.as_str(), "发货时间");
        assert_eq!(t, Text::from("发货时间"));
        assert_eq!(t.range_in(&src), Some(9..21));
        assert_eq!(Text::from("发货时间").range_in(&src), None);
        assert_eq!(format!("{t:?}"), format!("{:?}", "发货时间"));
    }

    #[test]
    fn a_slice_shares_the_source_at_the_right_place() {
        let src: Arc<str> = Arc::from("早班 {{8:00}} 开始");
        let whole = Text::shared(&src, 0..src.len());
        let tail = whole.slice(15..whole.len());
        assert_eq!(tail.as_str(), " 开始");
        assert_eq!(tail.range_in(&src), Some(15..src.len()));
        let found = whole
            .as_str()
            .split_once("}} ")
            .map(|(_, rest)| rest)
            .unwrap();
        assert_eq!(whole.piece(found).range_in(&src), Some(16..src.len()));
        assert_eq!(tail.piece(&tail[1..]).as_str(), "开始");
    }
}

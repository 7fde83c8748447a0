//! Problems found in a bank, each pointing at `file:line:column`.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "提示",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.col, level, self.message
        )
    }
}

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

/// Maps byte offsets to 1-based line and column (columns count characters, not bytes, so
/// Chinese text points at the right place).
///
/// A cursor remembers the last line found and counts newlines from there, forward or back:
/// the bank parser asks one line per question in file order, so a file is counted about once
/// instead of keeping a table of every line start (1.6 MB for a 6 MB bank).
pub struct LineIndex<'a> {
    text: &'a str,
    /// `(start of a line, its 0-based index)`.
    cursor: std::cell::Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            cursor: std::cell::Cell::new((0, 0)),
        }
    }

    /// The 0-based line index of `offset` and the start of that line.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        let offset = offset.min(bytes.len());
        let (start, line) = self.cursor.get();
        let line = if offset >= start {
            line + count_newlines(&bytes[start..offset])
        } else {
            // `start` follows a newline, which this counts: the line of `offset` is that many up.
            line - count_newlines(&bytes[offset..start])
        };
        let start = bytes[..offset]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        self.cursor.set((start, line));
        (line, start)
    }

    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let (line, start) = self.locate(offset);
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line as u32 + 1, col as u32 + 1)
    }

    /// `line_col(offset).0` without counting the column.
    pub fn line(&self, offset: usize) -> u32 {
        self.locate(offset).0 as u32 + 1
    }

    pub fn line_start(&self, line: u32) -> usize {
        let want = line.saturating_sub(1) as usize;
        let bytes = self.text.as_bytes();
        let (mut start, mut at) = self.cursor.get();
        if want < at {
            (start, at) = (0, 0);
        }
        while at < want {
            match bytes[start..].iter().position(|&b| b == b'\n') {
                Some(i) => {
                    start += i + 1;
                    at += 1;
                }
                None => return bytes.len(),
            }
        }
        self.cursor.set((start, at));
        start
    }
}

/// Newlines in `bytes`: memchr's counter (vectorised natively, word by word in WebAssembly),
/// the one counter on every target, tested there by memchr and here.
fn count_newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// Collects diagnostics for one file.
pub struct Reporter<'a> {
    pub file: &'a str,
    pub index: LineIndex<'a>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Reporter {
            file,
            index: LineIndex::new(text),
            diags: Vec::new(),
        }
    }

    pub fn error(&mut self, offset: usize, message: impl Into<String>) {
        self.push(offset, Severity::Error, message.into());
    }

    pub fn warning(&mut self, offset: usize, message: impl Into<String>) {
        self.push(offset, Severity::Warning, message.into());
    }

    pub fn line_of(&self, offset: usize) -> u32 {
        self.index.line(offset)
    }

    fn push(&mut self, offset: usize, severity: Severity, message: String) {
        let (line, col) = self.index.line_col(offset);
        self.diags.push(Diagnostic {
            file: self.file.to_string(),
            line,
            col,
            severity,
            message,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let idx = LineIndex::new("第一行\n题目：ab\n");
        assert_eq!(idx.line_col(0), (1, 1));
        let off = "第一行\n题目：".len();
        assert_eq!(idx.line_col(off), (2, 4));
        assert_eq!(idx.line_col(10_000), (3, 1));
    }

    #[test]
    fn lines_asked_in_any_order_agree_with_a_plain_count() {
        let text = "a\n\n题目\nbc\n\n\nxyz\n最后";
        let expected = |off: usize| {
            let before = &text[..off];
            let line = before.matches('\n').count() as u32 + 1;
            let col = before.rsplit('\n').next().unwrap().chars().count() as u32 + 1;
            (line, col)
        };
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        // Forward (the cursor), then backward (the table), on fresh indexes and a shared one.
        let shared = LineIndex::new(text);
        for &o in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(shared.line_col(o), expected(o), "offset {o}");
            assert_eq!(shared.line(o), expected(o).0);
            assert_eq!(LineIndex::new(text).line_col(o), expected(o));
        }
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let lines: Vec<u32> = (0..=starts.len() as u32 + 1).collect();
        // Line starts asked forward, backward and mixed with offsets, on the same index.
        for &l in lines.iter().chain(lines.iter().rev()) {
            let want = starts
                .get(l.saturating_sub(1) as usize)
                .copied()
                .unwrap_or(text.len());
            assert_eq!(shared.line_start(l), want, "line {l}");
            let o = offsets[(l as usize * 7) % offsets.len()];
            assert_eq!(shared.line_col(o), expected(o), "offset {o} after line {l}");
        }
    }

    #[test]
    fn newlines_are_counted_exactly_from_any_offset() {
        let texts: [&[u8]; 4] = [
            b"",
            b"\n",
            b"\x8a\n\x0b\n\n\n\n\n\n\n\n\x0a\x80\xff",
            "题\n目\n\n答案：对\n\n> 解析\n".as_bytes(),
        ];
        let long = "第\n一行\n\n".repeat(700);
        // Every byte a newline, past the lengths a counter might batch.
        let all = "\n".repeat(16 * 127 * 2 + 13);
        for b in texts.into_iter().chain([long.as_bytes(), all.as_bytes()]) {
            for i in (0..b.len()).step_by(if b.len() > 100 { 97 } else { 1 }) {
                let want = b[i..].iter().filter(|&&c| c == b'\n').count();
                assert_eq!(count_newlines(&b[i..]), want, "{b:?} from {i}");
            }
        }
    }
}

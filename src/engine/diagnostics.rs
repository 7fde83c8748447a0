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
/// The bank parser asks for lines in file order (one per question), so a forward cursor
/// answers those by counting newlines since the last answer; the table of every line start
/// (1.6 MB for a 6 MB bank) is only built when an offset behind the cursor is asked for.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: std::cell::OnceCell<Vec<usize>>,
    /// `(offset, line index, start of that line)` of the last forward answer.
    cursor: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            starts: std::cell::OnceCell::new(),
            cursor: std::cell::Cell::new((0, 0, 0)),
        }
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            let mut starts = Vec::with_capacity(count_newlines(self.text.as_bytes()) + 1);
            starts.push(0);
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        })
    }

    /// 0-based line index and the start of that line.
    fn line_of_offset(&self, offset: usize) -> (usize, usize) {
        let (at, line, start) = self.cursor.get();
        if offset >= at && self.starts.get().is_none() {
            let gap = &self.text.as_bytes()[at..offset];
            let found = count_newlines(gap);
            let start = if found == 0 {
                start
            } else {
                at + gap.iter().rposition(|&b| b == b'\n').unwrap_or(0) + 1
            };
            self.cursor.set((offset, line + found, start));
            return (line + found, start);
        }
        let starts = self.starts();
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line, starts[line])
    }

    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let (line, start) = self.line_of_offset(offset);
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line as u32 + 1, col as u32 + 1)
    }

    /// `line_col(offset).0` without counting the column.
    pub fn line(&self, offset: usize) -> u32 {
        self.line_of_offset(offset.min(self.text.len())).0 as u32 + 1
    }

    pub fn line_start(&self, line: u32) -> usize {
        self.starts()
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// The sum of a word's eight byte counters (up to 8 × 255, so summed in 16-bit lanes).
fn sum_lanes(lanes: u64) -> usize {
    const EVEN: u64 = 0x00ff_00ff_00ff_00ff;
    let pairs = (lanes & EVEN) + ((lanes >> 8) & EVEN);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// Newlines in `bytes`, eight bytes per step.
fn count_newlines(bytes: &[u8]) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    // Per-byte counters, summed across the word every 255 steps before they can overflow
    // (cheaper than a population count per word, which x86-64's baseline lacks).
    let mut lanes = 0u64;
    let mut steps = 0;
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().unwrap_or([0; 8])) ^ (ONES * u64::from(b'\n'));
        // High bit set in each byte of `x` that is zero (exact, no borrow between bytes).
        let zero = !(((x & LOW7) + LOW7) | x | LOW7);
        lanes += zero >> 7;
        steps += 1;
        if steps == 255 {
            n += sum_lanes(lanes);
            lanes = 0;
            steps = 0;
        }
    }
    n += sum_lanes(lanes);
    n + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
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
        assert_eq!(shared.line_start(4), "a\n\n题目\n".len());
    }

    #[test]
    fn newlines_are_counted_exactly_eight_bytes_at_a_time() {
        let texts: [&[u8]; 4] = [
            b"",
            b"\n",
            b"\x8a\n\x0b\n\n\n\n\n\n\n\n\x0a\x80\xff",
            "题\n目\n\n答案：对\n\n> 解析\n".as_bytes(),
        ];
        let long = "第\n一行\n\n".repeat(700);
        for b in texts.into_iter().chain([long.as_bytes()]) {
            for i in (0..b.len()).step_by(if b.len() > 100 { 97 } else { 1 }) {
                let want = b[i..].iter().filter(|&&c| c == b'\n').count();
                assert_eq!(count_newlines(&b[i..]), want, "{b:?} from {i}");
            }
        }
    }
}

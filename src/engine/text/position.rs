//! Between a diagnostic's `line:col` (1-based, columns in characters) and a browser text
//! field's caret (an offset in UTF-16 code units, which is how `selectionStart` counts).

/// The UTF-16 offset of `line:col` in `text`; past the end of a line or the text, its end.
pub fn utf16_offset(text: &str, line: u32, col: u32) -> u32 {
    let mut offset = 0u32;
    let mut rest = text;
    for _ in 1..line.max(1) {
        match rest.find('\n') {
            Some(i) => {
                offset += utf16_len(&rest[..=i]);
                rest = &rest[i + 1..];
            }
            None => return offset + utf16_len(rest),
        }
    }
    let this = rest.split('\n').next().unwrap_or("");
    offset
        + this
            .chars()
            .take(col.max(1) as usize - 1)
            .map(|c| c.len_utf16() as u32)
            .sum::<u32>()
}

/// The 1-based line of the UTF-16 offset `at` in `text`.
pub fn line_of_utf16(text: &str, at: u32) -> u32 {
    let mut units = 0u32;
    let mut line = 1;
    for c in text.chars() {
        if units >= at {
            break;
        }
        units += c.len_utf16() as u32;
        if c == '\n' {
            line += 1;
        }
    }
    line
}

fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units_and_columns_count_characters() {
        let text = "ab\n中文x\n😀z";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 1), 3);
        // 中 and 文 are one unit each.
        assert_eq!(utf16_offset(text, 2, 3), 5);
        // The emoji is two units, one column.
        assert_eq!(utf16_offset(text, 3, 2), 9);
    }

    #[test]
    fn places_past_the_end_stay_in_the_text() {
        let text = "ab\ncd";
        assert_eq!(utf16_offset(text, 1, 99), 2);
        assert_eq!(utf16_offset(text, 9, 1), 5);
    }

    #[test]
    fn a_caret_is_on_the_line_it_follows() {
        let text = "ab\n中文\n😀z";
        assert_eq!(line_of_utf16(text, 0), 1);
        assert_eq!(line_of_utf16(text, 2), 1);
        assert_eq!(line_of_utf16(text, 3), 2);
        assert_eq!(line_of_utf16(text, 6), 3);
        assert_eq!(line_of_utf16(text, 99), 3);
        for (line, col) in [(1, 1), (2, 2), (3, 2)] {
            assert_eq!(line_of_utf16(text, utf16_offset(text, line, col)), line);
        }
    }
}

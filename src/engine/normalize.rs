//! Text folding for answer comparison: case, spaces and full-width/half-width forms are
//! ignored, as trainees type on phones with Chinese input methods.

/// Full-width ASCII forms become half-width and Chinese punctuation its ASCII twin (`，` and
/// `,`, `。` and `.`); case is kept.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '。' => '.',
        '、' => ',',
        _ => c,
    }
}

/// Folds one character: `fold_width`, then lowercase.
fn fold_char(c: char) -> char {
    let c = fold_width(c);
    c.to_lowercase().next().unwrap_or(c)
}

/// The comparison form: folded, with all whitespace removed.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Parses a number as a trainee might type it: full-width digits, thousands separators,
/// an optional unit after it.
pub fn parse_number(text: &str, unit: Option<&str>) -> Option<f64> {
    let mut s = fold(text).replace(',', "");
    if let Some(u) = unit {
        let u = fold(u);
        if !u.is_empty() {
            if let Some(stripped) = s.strip_suffix(&u) {
                s = stripped.to_string();
            }
        }
    }
    let value: f64 = s.parse().ok()?;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_spaces_and_width() {
        assert_eq!(fold(" ＡBｃ　９：００ "), "abc9:00");
        assert_eq!(fold("9 : 00"), fold("９：００"));
    }

    #[test]
    fn parse_number_accepts_units_and_full_width_digits() {
        assert_eq!(parse_number("６００人", Some("人")), Some(600.0));
        assert_eq!(parse_number("1,200", None), Some(1200.0));
        assert_eq!(parse_number("12.5", None), Some(12.5));
        assert_eq!(parse_number("abc", None), None);
        assert_eq!(parse_number("inf", None), None);
    }
}

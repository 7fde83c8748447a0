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
    // Folding rarely lengthens text: sized for the input, the string is not grown char by char.
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().map(fold_char).filter(|c| !c.is_whitespace()));
    out
}

use crate::engine::text::decimal::{self, NumError};

/// Reads a number as a trainee might type it: full-width digits, thousands separators,
/// an optional unit after it. Exactly, or `TooLong` past 15 significant digits (a bank's answer
/// must not be rounded silently); infinities and NaN are no number.
pub fn parse_number(text: &str, unit: Option<&str>) -> Result<f64, NumError> {
    let v = if is_plain_number(text, unit) {
        decimal::parse(text)?
    } else {
        decimal::parse(&number_text(text, unit))?
    };
    if v.is_finite() {
        Ok(v)
    } else {
        Err(NumError::NotNumber)
    }
}

/// A trainee's answer, read however many digits it has: past the exact range core's reader
/// rounds it, as before (grading allows a relative 1e-9 anyway). Only the trainee's and
/// trainer's programs grade, so the first screen does not carry core's reader.
pub fn parse_answer_number(text: &str, unit: Option<&str>) -> Option<f64> {
    let value = match parse_number(text, unit) {
        Err(NumError::TooLong) => number_text(text, unit).parse().ok()?,
        r => r.ok()?,
    };
    value.is_finite().then_some(value)
}

/// Whether `text` is already its own `number_text`: only ASCII digits, `.`, `+` and `-` (which
/// fold to themselves, with no comma or space to drop), and a unit that cannot end it because
/// it holds a character folding to something else: an ASCII letter or `%`, or a CJK ideograph
/// (U+4000–U+9FFF, lead bytes `e4`–`e9`), which folds to itself. Spares a bank's numeric answer
/// the two folded copies.
fn is_plain_number(text: &str, unit: Option<&str>) -> bool {
    let digits = |b: u8| matches!(b, b'0'..=b'9' | b'.' | b'+' | b'-');
    let foreign = |b: u8| matches!(b, b'a'..=b'z' | b'A'..=b'Z' | b'%' | 0xe4..=0xe9);
    text.bytes().all(digits) && unit.is_none_or(|u| u.bytes().any(foreign))
}

/// The text of a number: folded, thousands separators and the unit removed.
fn number_text(text: &str, unit: Option<&str>) -> String {
    // Edited in place rather than copied for each step.
    let mut s = fold(text);
    s.retain(|c| c != ',');
    if let Some(u) = unit {
        let u = fold(u);
        if !u.is_empty() && s.ends_with(u.as_str()) {
            s.truncate(s.len() - u.len());
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_spaces_and_width() {
        assert_eq!(fold(" ＡBｃ　９：００ "), "abc9:00");
        assert_eq!(fold("9 : 00"), fold("９：００"));
    }

    proptest::proptest! {
        #[test]
        fn plain_numbers_read_as_their_folded_text(
            text in "[0-9.+\\-e，, ０５人%]{0,6}",
            unit in proptest::option::of("[人元%kg0５. ]{0,3}"),
        ) {
            let unit = unit.as_deref();
            proptest::prop_assert_eq!(
                parse_number(&text, unit),
                decimal::parse(&number_text(&text, unit)).and_then(|v| if v.is_finite() {
                    Ok(v)
                } else {
                    Err(NumError::NotNumber)
                })
            );
        }
    }

    #[test]
    fn parse_number_accepts_units_and_full_width_digits() {
        assert_eq!(parse_number("６００人", Some("人")), Ok(600.0));
        assert_eq!(parse_number("1,200", None), Ok(1200.0));
        assert_eq!(parse_number("12.5", None), Ok(12.5));
        assert_eq!(parse_number("abc", None), Err(NumError::NotNumber));
        assert_eq!(parse_number("inf", None), Err(NumError::NotNumber));
    }

    #[test]
    fn a_bank_number_past_the_exact_range_is_refused_but_a_trainee_answer_is_read() {
        let long = "600.000000000000000001";
        assert_eq!(parse_number(long, None), Err(NumError::TooLong));
        assert_eq!(parse_answer_number(long, None), Some(600.0));
        assert_eq!(parse_answer_number("６００人", Some("人")), Some(600.0));
        assert_eq!(parse_answer_number("1e400", None), None);
        assert_eq!(parse_answer_number("很多", None), None);
    }
}

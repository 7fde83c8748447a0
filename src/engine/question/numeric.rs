//! Numeric: `答案：600 ± 5`, optional `误差：` and `单位：`.

use super::Graded;
use crate::engine::text::decimal::{too_long_message, NumError};
use crate::engine::text::diagnostics::Reporter;
use crate::engine::text::normalize::{parse_answer_number, parse_number};

#[derive(Clone, Debug, PartialEq)]
pub struct Numeric {
    pub value: f64,
    pub tolerance: f64,
    pub unit: Option<String>,
}

impl Numeric {
    /// The answer from `答案：` (with `± 5` inline, or `误差：` beside it) and `单位：`.
    pub fn from_answer(
        value: &str,
        off: usize,
        tolerance: Option<(&str, usize)>,
        unit: Option<String>,
        rep: &mut Reporter,
    ) -> Option<Numeric> {
        let (num, inline_tol) = Numeric::split_inline_tolerance(value);
        let v = match parse_number(num, unit.as_deref()) {
            Ok(v) => v,
            Err(NumError::TooLong) => {
                rep.error(off, too_long_message(num));
                return None;
            }
            Err(NumError::NotNumber) => {
                rep.error(off, format!("答案“{value}”既不是 对/错，也不是数字"));
                return None;
            }
        };
        let tol_text = inline_tol.map(|t| (t, off)).or(tolerance);
        let tolerance = match tol_text {
            None => 0.0,
            Some((t, toff)) => match parse_number(t, unit.as_deref()) {
                Ok(t) if t >= 0.0 => t,
                Err(NumError::TooLong) => {
                    rep.error(toff, too_long_message(t));
                    return None;
                }
                _ => {
                    rep.error(toff, format!("误差“{t}”不是一个不小于 0 的数字"));
                    return None;
                }
            },
        };
        Some(Numeric {
            value: v,
            tolerance,
            unit,
        })
    }

    /// Splits `600 ± 5` / `600 +- 5` into value and tolerance text.
    pub fn split_inline_tolerance(v: &str) -> (&str, Option<&str>) {
        // Each separator starts with `+` or with `±`'s first byte (`c2`): without either there
        // is nothing to search for.
        if !v.bytes().any(|b| b == b'+' || b == 0xc2) {
            return (v.trim(), None);
        }
        for sep in ["±", "+-", "+/-"] {
            if let Some((a, b)) = v.split_once(sep) {
                return (a.trim(), Some(b.trim()));
            }
        }
        (v.trim(), None)
    }

    /// The right answer as shown to a trainee: `600人（误差 ±5）`.
    pub fn answer_text(&self) -> String {
        let unit = self.unit.as_deref().unwrap_or("");
        if self.tolerance > 0.0 {
            format!(
                "{}{unit}（误差 ±{}）",
                fmt_num(self.value),
                fmt_num(self.tolerance)
            )
        } else {
            format!("{}{unit}", fmt_num(self.value))
        }
    }

    pub fn grade(&self, text: &str) -> Graded {
        match parse_answer_number(text, self.unit.as_deref()) {
            None => Graded::all_or_nothing(false, format!("无法识别的数字“{}”", text.trim())),
            Some(x) => {
                // A small epsilon so 0.1 + 0.2 style inputs are not failed by float rounding.
                let ok =
                    (x - self.value).abs() <= self.tolerance + 1e-9 * self.value.abs().max(1.0);
                let msg = if ok {
                    "回答正确".to_string()
                } else {
                    format!("回答错误，正确答案是 {}", self.answer_text())
                };
                Graded::all_or_nothing(ok, msg)
            }
        }
    }
}

/// `87.5`, `66.6667`, `80`: four decimals at most, none when whole. `decimal::fixed` writes
/// what `format!("{:.4}")` would, without core's float formatting in the wasm.
pub fn fmt_num(x: f64) -> String {
    let s = crate::engine::text::decimal::fixed(x, 4);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_accepts_values_within_tolerance() {
        let q = Numeric {
            value: 600.0,
            tolerance: 5.0,
            unit: Some("人".into()),
        };
        assert_eq!(q.grade("603").fraction, 1.0);
        assert_eq!(q.grade("６０５人").fraction, 1.0);
        assert_eq!(q.grade("606").fraction, 0.0);
        assert_eq!(q.grade("很多").fraction, 0.0);
        let exact = Numeric {
            value: 0.3,
            tolerance: 0.0,
            unit: None,
        };
        assert_eq!(exact.grade("0.3").fraction, 1.0);
    }

    #[test]
    fn inline_tolerance_is_split() {
        assert_eq!(
            Numeric::split_inline_tolerance("600 ± 5"),
            ("600", Some("5"))
        );
        assert_eq!(
            Numeric::split_inline_tolerance("600+-5"),
            ("600", Some("5"))
        );
        assert_eq!(Numeric::split_inline_tolerance("75"), ("75", None));
    }
}

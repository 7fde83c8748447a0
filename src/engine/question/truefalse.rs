//! True/false: `答案：对` or `答案：错`.

use super::Graded;

#[derive(Clone, Debug, PartialEq)]
pub struct TrueFalse {
    pub answer: bool,
}

impl TrueFalse {
    /// The answer from `答案：对` / `答案：错`; `None` when the value is neither.
    pub fn from_answer(value: &str) -> Option<TrueFalse> {
        Self::parse_value(value).map(|answer| TrueFalse { answer })
    }

    pub fn parse_value(v: &str) -> Option<bool> {
        let v = v.trim();
        // ASCII (a number, `true`) lowers as ASCII: no string is built for it.
        if v.is_ascii() {
            return if v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("t") {
                Some(true)
            } else if v.eq_ignore_ascii_case("false") || v.eq_ignore_ascii_case("f") {
                Some(false)
            } else {
                None
            };
        }
        match v.to_lowercase().as_str() {
            "对" | "正确" | "√" | "✓" | "true" | "t" | "是" => Some(true),
            "错" | "错误" | "×" | "✗" | "false" | "f" | "否" => Some(false),
            _ => None,
        }
    }

    pub fn grade(&self, value: bool) -> Graded {
        let right = if self.answer { "对" } else { "错" };
        Graded::all_or_nothing(
            value == self.answer,
            if value == self.answer {
                "回答正确".to_string()
            } else {
                format!("回答错误，正确答案是“{right}”")
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn parse_value_agrees_with_lowering_the_whole_text(
            v in "[tTrRuUeEfFaAlLsS对错误是否√×\u{212a} \u{3000}1.]{0,6}"
        ) {
            let reference = match v.trim().to_lowercase().as_str() {
                "对" | "正确" | "√" | "✓" | "true" | "t" | "是" => Some(true),
                "错" | "错误" | "×" | "✗" | "false" | "f" | "否" => Some(false),
                _ => None,
            };
            proptest::prop_assert_eq!(TrueFalse::parse_value(&v), reference);
        }
    }

    #[test]
    fn true_false_reads_chinese_and_english_spellings() {
        assert_eq!(TrueFalse::parse_value("对"), Some(true));
        assert_eq!(TrueFalse::parse_value(" 错误 "), Some(false));
        assert_eq!(TrueFalse::parse_value("TRUE"), Some(true));
        assert_eq!(TrueFalse::parse_value("也许"), None);
        let q = TrueFalse { answer: false };
        assert_eq!(q.grade(false).fraction, 1.0);
        assert_eq!(q.grade(true).fraction, 0.0);
    }
}

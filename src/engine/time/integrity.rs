//! A bank's exam rules beyond time: full screen, one-way navigation, and a limit on leaving the
//! page. Parsed from the front matter, copied into the attempt when it starts (a later edit of
//! the bank does not change a running exam's rules), and applied here so the app stays thin.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// Ask for full screen at the start, and record leaving it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fullscreen: bool,
    /// No going back to earlier questions.
    #[serde(default, skip_serializing_if = "is_false")]
    pub one_way: bool,
    /// After this many departures from the page the exam is submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_away: Option<u32>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The front-matter keys handled here.
pub const KEYS: &[&str] = &["fullscreen", "one_way", "max_away"];

impl Rules {
    pub fn is_default(&self) -> bool {
        *self == Rules::default()
    }

    /// Applies one front-matter setting (`key` is one of `KEYS`). The error says what to write.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), &'static str> {
        match key {
            "fullscreen" => {
                self.fullscreen = crate::engine::text::frontmatter::parse_bool(value).ok_or(BOOL)?
            }
            "one_way" => {
                self.one_way = crate::engine::text::frontmatter::parse_bool(value).ok_or(BOOL)?
            }
            "max_away" => {
                self.max_away = match value.trim().parse::<u32>() {
                    Ok(0) => None,
                    Ok(n) => Some(n),
                    Err(_) => return Err("请写正整数（离开页面几次后自动交卷），0 表示不限"),
                }
            }
            _ => return Err("不是考试规则设置"),
        }
        Ok(())
    }

    /// Whether the trainee may move from question `from` to question `to`.
    pub fn may_go(&self, from: usize, to: usize) -> bool {
        !self.one_way || to >= from
    }

    /// What follows the `n`-th departure from the page.
    pub fn after_departures(&self, n: u32) -> Away {
        match self.max_away {
            Some(max) if n >= max => Away::Submit,
            Some(max) if n + 1 == max => Away::LastWarning,
            _ => Away::Counted,
        }
    }

    /// The rules in a sentence for the trainee, before and during the exam.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.fullscreen {
            out.push("考试时请保持全屏，退出全屏会被记录".to_string());
        }
        if self.one_way {
            out.push("答题只能向后，不能返回前面的题目".to_string());
        }
        if let Some(n) = self.max_away {
            out.push(format!("离开考试页面 {n} 次将自动交卷"));
        }
        out
    }
}

const BOOL: &str = "请写 true 或 false";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Away {
    Counted,
    /// One more departure submits the exam: warn now.
    LastWarning,
    Submit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_and_bad_values_say_what_to_write() {
        let mut r = Rules::default();
        r.set("one_way", "是").unwrap();
        r.set("max_away", "3").unwrap();
        assert!(r.one_way && r.max_away == Some(3));
        assert!(r.set("fullscreen", "maybe").unwrap_err().contains("true"));
        assert!(r.set("max_away", "-1").unwrap_err().contains("正整数"));
        r.set("max_away", "0").unwrap();
        assert_eq!(r.max_away, None);
    }
}

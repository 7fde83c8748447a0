//! Where a text stops being JSON: a syntax scan that builds nothing, for codecs whose parser
//! does not say where (browsers word `JSON.parse` errors differently and some give no
//! position), so a trainer is told the same "line 3, column 7" or "the file ends early" in
//! every browser.

use crate::engine::text::json::ParseProblem;

/// Deeper nesting than this is refused (as serde_json does), so the scan cannot overflow.
const MAX_DEPTH: usize = 128;

/// `None` if `text` is valid JSON, else where it breaks.
pub fn locate(text: &str) -> Option<ParseProblem> {
    let mut s = Scan {
        b: text.as_bytes(),
        i: 0,
    };
    let fail = match s.value(0) {
        Ok(()) => {
            s.ws();
            if s.i == s.b.len() {
                return None;
            }
            "JSON 之后还有多余的内容"
        }
        Err(why) => why,
    };
    let eof = s.i >= s.b.len();
    let before = &text[..floor_char(text, s.i.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some(ParseProblem {
        eof,
        line,
        column,
        message: if eof { "文件提前结束" } else { fail }.into(),
    })
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

type Step = Result<(), &'static str>;

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8, why: &'static str) -> Step {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(why)
        }
    }

    fn value(&mut self, depth: usize) -> Step {
        if depth > MAX_DEPTH {
            return Err("嵌套太深");
        }
        self.ws();
        match self.peek() {
            Some(b'{') => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.ws();
                    self.string()?;
                    self.eat(b':', "这里应是冒号 :")?;
                    self.value(depth + 1)?;
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err("这里应是逗号 , 或 }"),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.value(depth + 1)?;
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err("这里应是逗号 , 或 ]"),
                    }
                }
            }
            Some(b'"') => self.string(),
            Some(b't') => self.word(b"true"),
            Some(b'f') => self.word(b"false"),
            Some(b'n') => self.word(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err("这里应是一个值"),
        }
    }

    fn word(&mut self, w: &[u8]) -> Step {
        for &c in w {
            if self.peek() != Some(c) {
                return Err("这里应是一个值");
            }
            self.i += 1;
        }
        Ok(())
    }

    fn digits(&mut self) -> Step {
        let start = self.i;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        if self.i == start {
            Err("数字不完整")
        } else {
            Ok(())
        }
    }

    fn number(&mut self) -> Step {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        if self.peek() == Some(b'0') {
            self.i += 1;
        } else {
            self.digits()?;
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            self.digits()?;
        }
        Ok(())
    }

    fn string(&mut self) -> Step {
        if self.peek() != Some(b'"') {
            return Err("这里应是带引号的字段名");
        }
        self.i += 1;
        loop {
            match self.peek() {
                None => return Err("字符串没有结束"),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.i += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.i += 1,
                        Some(b'u') => {
                            self.i += 1;
                            for _ in 0..4 {
                                if !self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                                    return Err("\\u 后应是四位十六进制数");
                                }
                                self.i += 1;
                            }
                        }
                        None => return Err("字符串没有结束"),
                        _ => return Err("无效的转义字符"),
                    }
                }
                Some(c) if c < 0x20 => return Err("字符串里有控制字符"),
                Some(_) => self.i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> (bool, usize, usize) {
        let p = locate(text).expect("invalid");
        (p.eof, p.line, p.column)
    }

    #[test]
    fn valid_json_has_no_problem() {
        for t in [
            "{}",
            " [1, -2.5e3, true, false, null, \"a\\u00e9\\n\"] ",
            r#"{"a": {"b": [{}, []]}, "名字": "张三"}"#,
            "0",
        ] {
            assert_eq!(locate(t), None, "{t}");
        }
    }

    #[test]
    fn a_truncated_text_is_eof_on_its_last_line() {
        assert_eq!(at("{\n  \"a\": [1,\n  2"), (true, 3, 4));
        assert_eq!(at("{\"name\": \"张"), (true, 1, 12));
        assert!(at("").0);
    }

    #[test]
    fn a_broken_text_names_line_and_column_counting_characters() {
        assert_eq!(at("{\"a\": [1, }"), (false, 1, 11));
        assert_eq!(at("{\n\"名\": 1\n\"b\": 2}"), (false, 3, 1));
        assert_eq!(at("{\"a\": 01}"), (false, 1, 8));
        assert_eq!(at("{} x"), (false, 1, 4));
        assert_eq!(at("姓名,工号"), (false, 1, 1));
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let t = "[".repeat(100_000);
        assert!(locate(&t).is_some());
    }

    #[test]
    fn it_agrees_with_serde_json_on_what_is_json_and_on_truncation() {
        // Every cut of a record-like text; where serde_json says the text ended early, so do
        // we (we also call a cut inside a number such as `2e` early, which it does not).
        let good = r#"{"schema": 2, "a": [1.5, -0, 2e-3, {"k": "v\"\u4e2d"}], "b": null}"#;
        for cut in 0..good.len() {
            if !good.is_char_boundary(cut) {
                continue;
            }
            let t = &good[..cut];
            let serde = serde_json::from_str::<serde_json::Value>(t);
            let ours = locate(t);
            assert_eq!(serde.is_ok(), ours.is_none(), "{t}");
            if let (Err(e), Some(p)) = (serde, ours) {
                assert!(!e.is_eof() || p.eof, "{t}");
            }
        }
    }
}

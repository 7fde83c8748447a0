//! The `---` block at the top of a file: flat `key: value` lines with their positions.
//! Written by hand (no YAML crate) so every key and value keeps its line for diagnostics and
//! the wasm stays small.

use crate::engine::text::decimal;
use crate::engine::text::diagnostics::Reporter;

pub struct Entry {
    pub key: String,
    pub value: String,
    /// Byte offset of the key and of the value in the file.
    pub key_at: usize,
    pub value_at: usize,
}

pub struct FrontMatter {
    pub entries: Vec<Entry>,
    /// Where the Markdown body starts.
    pub body_start: usize,
}

pub fn split(text: &str, rep: &mut Reporter) -> FrontMatter {
    let mut fm = FrontMatter {
        entries: Vec::new(),
        body_start: 0,
    };
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line_end = rest.find('\n').unwrap_or(rest.len());
    if rest[..first_line_end].trim_end() != "---" {
        fm.body_start = bom;
        return fm;
    }
    let mut pos = bom + first_line_end + 1;
    while pos <= text.len() {
        let line_end = text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(text.len());
        let line = &text[pos..line_end];
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            fm.body_start = (line_end + 1).min(text.len());
            return fm;
        }
        if !(trimmed.is_empty() || trimmed.starts_with('#')) {
            parse_line(line, pos, &mut fm, rep);
        }
        if line_end == text.len() {
            break;
        }
        pos = line_end + 1;
    }
    rep.error(
        bom,
        "文件开头的设置区（---）没有结束：请在设置之后单独写一行 ---",
    );
    fm.body_start = text.len();
    fm
}

fn parse_line(line: &str, at: usize, fm: &mut FrontMatter, rep: &mut Reporter) {
    let colon = line.find([':', '：']);
    let Some(colon) = colon else {
        rep.error(
            at,
            format!("设置行 \"{}\" 缺少冒号：请写成 名称: 值", line.trim()),
        );
        return;
    };
    let key = line[..colon].trim();
    let sep_len = line[colon..]
        .chars()
        .next()
        .map(char::len_utf8)
        .unwrap_or(1);
    let raw_value = &line[colon + sep_len..];
    let lead = raw_value.len() - raw_value.trim_start().len();
    let value = unquote(raw_value.trim());
    let key_at = at + (line.len() - line.trim_start().len());
    if key.is_empty() {
        rep.error(at, "设置行缺少名称");
        return;
    }
    if let Some(prev) = fm.entries.iter().find(|e| e.key == key) {
        let line_no = rep.line_of(prev.key_at);
        rep.error(
            key_at,
            format!("设置 \"{key}\" 重复，第一次出现在第 {line_no} 行"),
        );
        return;
    }
    fm.entries.push(Entry {
        key: key.to_string(),
        value: value.to_string(),
        key_at,
        value_at: at + colon + sep_len + lead,
    });
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

pub fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "是" | "1" => Some(true),
        "false" | "no" | "off" | "否" | "0" => Some(false),
        _ => None,
    }
}

/// A time limit in seconds: `20` (minutes), `90m`, `1h30m`, `45s`, `30分钟`, `1小时`.
pub fn parse_duration(v: &str) -> Option<u32> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    // Past 15 significant digits `decimal::parse` refuses, and so this does (None).
    if let Ok(minutes) = decimal::parse(v) {
        return (minutes.is_finite() && minutes >= 0.0).then(|| (minutes * 60.0).round() as u32);
    }
    let mut total = 0f64;
    let mut num = String::new();
    let mut chars = v.chars().peekable();
    let mut saw_unit = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let mut unit = c.to_string();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_digit() || n == '.' || n.is_whitespace() {
                break;
            }
            unit.push(n);
            chars.next();
        }
        let n = decimal::parse(&num).ok()?;
        num.clear();
        let factor = match unit.to_ascii_lowercase().as_str() {
            "h" | "hr" | "hour" | "hours" | "小时" | "时" => 3600.0,
            "m" | "min" | "mins" | "minute" | "minutes" | "分" | "分钟" => 60.0,
            "s" | "sec" | "secs" | "second" | "seconds" | "秒" => 1.0,
            _ => return None,
        };
        total += n * factor;
        saw_unit = true;
    }
    if !num.is_empty() || !saw_unit || !total.is_finite() {
        return None;
    }
    Some(total.round() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_many_spellings() {
        assert_eq!(parse_duration("20"), Some(1200));
        assert_eq!(parse_duration("1h30m"), Some(5400));
        assert_eq!(parse_duration("90m"), Some(5400));
        assert_eq!(parse_duration("45s"), Some(45));
        assert_eq!(parse_duration("30分钟"), Some(1800));
        assert_eq!(parse_duration("1小时"), Some(3600));
        assert_eq!(parse_duration("半小时"), None);
        assert_eq!(parse_duration("-5"), None);
        assert_eq!(parse_duration("10x"), None);
        assert_eq!(parse_duration("5m3"), None);
    }

    #[test]
    fn front_matter_keeps_positions_and_reports_duplicates() {
        let text = "---\ntitle: 平台规则\npass: \"80\"\npass: 70\n---\n# body\n";
        let mut rep = Reporter::new("a.md", text);
        let fm = split(text, &mut rep);
        assert_eq!(fm.entries.len(), 2);
        assert_eq!(fm.entries[1].value, "80");
        assert_eq!(&text[fm.body_start..], "# body\n");
        assert_eq!(rep.diags.len(), 1);
        assert_eq!(rep.diags[0].line, 4);
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let text = "---\ntitle: x\n";
        let mut rep = Reporter::new("a.md", text);
        split(text, &mut rep);
        assert!(rep.diags[0].message.contains("没有结束"));
    }
}

/// Whether a file's front matter says `kind: ` one of `kinds`, without reading the rest.
pub fn declares_kind(text: &str, kinds: &[&str]) -> bool {
    let mut rep = Reporter::new("", text);
    split(text, &mut rep)
        .entries
        .iter()
        .any(|e| e.key == "kind" && kinds.contains(&e.value.as_str()))
}

//! CSV as spreadsheets write it: the bytes decoded (UTF-8 with or without BOM, UTF-16 with
//! BOM as Excel's "Unicode text", else GBK as Excel on a Chinese Windows saves "CSV"), then
//! split into rows (RFC 4180 quoting; comma, tab or semicolon, whichever the header uses).

use super::{Place, Report};

/// The text of a file, with a note when it was not UTF-8.
pub fn decode(bytes: &[u8], report: &mut Report) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        let le = bytes[0] == 0xff;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        return String::from_utf16_lossy(&units);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => gbk(bytes, report),
    }
}

fn gbk(bytes: &[u8], report: &mut Report) -> String {
    // GB18030 decodes everything GBK does (Excel's "CSV" on a Chinese Windows is code page 936).
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    report.info(
        Place::File,
        "文件不是 UTF-8，按 GBK（中文 Windows 的 Excel 另存的 CSV）读取",
    );
    if had_errors {
        report.changed(
            Place::File,
            "有些字节既不是 UTF-8 也不是 GBK，显示为 �：请在 Excel 里另存为“CSV UTF-8”再导入",
        );
    }
    text.into_owned()
}

/// The rows of a CSV text. The delimiter is the one of `,` `\t` `;` most used on the first
/// line outside quotes.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    let first = text.lines().next().unwrap_or("");
    let count = |d: char| first.chars().filter(|&c| c == d).count();
    let delim = [',', '\t', ';']
        .into_iter()
        .max_by_key(|&d| (count(d), d == ','))
        .unwrap_or(',');
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            c if c == delim => row.push(std::mem::take(&mut field)),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                any = false;
            }
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                any = false;
            }
            c => field.push(c),
        }
    }
    if any {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Rows as CSV for Excel: UTF-8 with a BOM (so Excel shows the Chinese), CRLF, fields quoted
/// when they need it.
pub fn write(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|f| {
                if f.contains([',', '"', '\n', '\r']) || f.starts_with(' ') || f.ends_with(' ') {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f.clone()
                }
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_hold_commas_quotes_and_newlines() {
        let rows = parse("a,\"b,c\",\"d\"\"e\"\r\n\"x\ny\",,z\n");
        assert_eq!(
            rows,
            vec![
                vec!["a".to_string(), "b,c".into(), "d\"e".into()],
                vec!["x\ny".to_string(), "".into(), "z".into()],
            ]
        );
    }

    #[test]
    fn written_rows_read_back() {
        let rows = vec![
            vec!["题型".to_string(), "题干".into()],
            vec!["单选".to_string(), "a,\"b\"\n c ".into()],
        ];
        let mut r = Report::default();
        let text = decode(&write(&rows), &mut r);
        assert_eq!(parse(&text), rows);
        assert!(r.notes.is_empty());
    }

    #[test]
    fn gbk_is_decoded() {
        // "题型,题干" in GBK.
        let (bytes, _, _) = encoding_rs::GBK.encode("题型,题干\r\n判断,对吗\r\n");
        let mut r = Report::default();
        let text = decode(&bytes, &mut r);
        assert_eq!(parse(&text)[1], vec!["判断".to_string(), "对吗".into()]);
        assert_eq!(r.notes.len(), 1);
    }

    #[test]
    fn tab_separated_text_is_split_on_tabs() {
        assert_eq!(parse("题型\t题干\n单选\ta,b\n")[1], vec!["单选", "a,b"]);
    }
}

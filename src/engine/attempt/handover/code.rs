//! The payload as one line of text (复制成绩码): `KF1.` and the base64url of the payload's bytes.
//! Letters, digits, `-` and `_` only, so a chat app neither breaks it at a space nor turns it
//! into something else; the desk's paste box takes a whole chat message with any number of
//! codes and anything around them.

use super::payload::{decode, encode, BankOf, PayloadError, PAYLOAD_VERSION};
use super::wire::{base64url, is_base64url, unbase64url};
use crate::engine::attempt::attempt::AttemptRecord;

/// `KF` and the payload version, then a dot.
pub const CODE_PREFIX: &str = "KF1.";

pub fn code_of(payload: &[u8]) -> String {
    format!("{CODE_PREFIX}{}", base64url(payload))
}

/// The record's text code (`site`: the trainee's copy of the course, see `payload::encode`).
pub fn code<'b>(record: &AttemptRecord, site: &BankOf<'b>) -> String {
    code_of(&encode(record, site))
}

/// What a paste box read from a text.
#[derive(Debug, Default)]
pub struct CodesRead {
    pub attempts: Vec<AttemptRecord>,
    /// One line per code that could not be read, naming it (第 2 个成绩码 … 开头 KF1.AbC…).
    pub problems: Vec<String>,
    /// How many codes the text held (read or not).
    pub found: usize,
}

/// Reads every code in `text`: one or many, with chat text, spaces or line breaks around
/// them (`bank_of`: the desk's banks). A code is `KF<digits>.` and the run of base64url characters after it.
pub fn read_codes<'b>(text: &str, bank_of: &BankOf<'b>) -> CodesRead {
    let mut out = CodesRead::default();
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(at) = find_start(b, i) {
        let digits_end = (at + 2..b.len())
            .find(|&j| !b[j].is_ascii_digit())
            .unwrap_or(b.len());
        if digits_end == at + 2 || b.get(digits_end) != Some(&b'.') {
            i = at + 2;
            continue;
        }
        let start = digits_end + 1;
        let end = (start..b.len())
            .find(|&j| !is_base64url(b[j]))
            .unwrap_or(b.len());
        i = end.max(start);
        out.found += 1;
        let n = out.found;
        let body = &text[start..end];
        let version = &text[at + 2..digits_end];
        let shown: String = text[at..end].chars().take(16).collect();
        let name = format!("第 {n} 个成绩码（{shown}…）");
        if version != PAYLOAD_VERSION.to_string() {
            let newer = version
                .parse::<u32>()
                .is_ok_and(|v| v > u32::from(PAYLOAD_VERSION));
            out.problems.push(if newer {
                format!("{name}来自更新版本的程序，请更新后再导入")
            } else {
                format!("{name}不是本程序的成绩码")
            });
            continue;
        }
        let result = match unbase64url(body) {
            // A length no encoding gives: cut off in the middle of a character group.
            None if body.bytes().all(is_base64url) => Err(PayloadError::Truncated),
            None => Err(PayloadError::Corrupt),
            Some(bytes) => decode(&bytes, bank_of),
        };
        match result {
            Ok(r) => out.attempts.push(r),
            Err(e) => out.problems.push(format!("{name}{}", e.message())),
        }
    }
    if out.found == 0 {
        out.problems.push("没有找到成绩码（应以 KF1. 开头）".into());
    }
    out
}

/// The next `KF` that is not the tail of a longer word (`…XKF1.` is not a code's start).
fn find_start(b: &[u8], from: usize) -> Option<usize> {
    (from..b.len().saturating_sub(1)).find(|&j| {
        b[j] == b'K' && b[j + 1] == b'F' && (j == 0 || !b[j - 1].is_ascii_alphanumeric())
    })
}

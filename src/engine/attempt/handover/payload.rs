//! A finished attempt as compact bytes, and back: what the trainer desk needs to re-grade and
//! review it. Left out: what only the trainee's own device uses (flagged questions, the
//! question on screen, practice's checked set) and the event log itself (its summary is
//! carried: what the desk shows of it; the file export keeps the log). A typing test carries
//! its test after the rest (`typing`: the typed text as a difference against the text set).
//!
//! Layout of the bytes (every integer a LEB128 varint; times as zigzag differences from the
//! start; numbers exact: whole, in hundredths, or raw):
//!
//! ```text
//! version (1 byte) · body length · body · check (4 bytes: FNV-1a 64 of all before, low half)
//! body: flags · [id unless "<start>-<seed hex>"] · bank path, title, hash · name, employee no
//!       · seed · pass percent · start, [deadline], [submitted], [reason] · departures
//!       · clock · rules · key paths · questions · answers · answer times
//!       · the log's summary (opened, closed time, departures timed, time away, clock back and
//!         forward with their sizes, take-overs, full screen left, time per question)
//!       · [stored outcome] · [typing test (see `typing`)]
//! flags: practice 1, show answers 2, deadline 4, submitted 8, reason 16, outcome 32, own id 64,
//!        128: a second flags byte follows (typing test 1; the others unused)
//! question: place in the trainee's bank + 1, key check (2 bytes), first half of its hash
//!           (4 bytes) when that bank still holds it unchanged; else 0, key path (from the
//!           table), id, hash · points · option order (its rank among the permutations)
//! ```
//!
//! A key named after the question list is its place in it. The desk restores a placed
//! question's key and full hash from its own bank (`restore`): so a code needs the desk to
//! host the attempt's bank, as a re-grade does; a question edited since is named as changed,
//! as for a file.
//!
//! A typing test names its text by its passages when the trainee's bank still gives it, so the
//! desk needs that typing bank unchanged (else the code is refused, `NoPassage`); the typed
//! text, its figures and times are carried whole, so the desk's check of a typing test finds
//! an edited speed as in a file. The second flags byte left the version at 1: a payload
//! written before typing tests went by code reads as before, and exams are written byte for
//! byte as then.
//!
//! The stored outcome is carried whole (per-question scores, status, feedback and red line,
//! section subtotals, totals, verdict; its texts through a table), so the desk's re-grade finds
//! an edited score, a changed bank or an inconsistent record exactly as it does in a file.

use super::typing::{self, TypingError};
use super::wire::{check32, ReadError, Reader, Writer};
use crate::engine::attempt::attempt::{
    AttemptQuestion, AttemptRecord, BankRef, Mode, SubmitReason, Trainee, SCHEMA_VERSION,
};
use crate::engine::bank::bank::Bank;
use crate::engine::bank::library::Library;
use crate::engine::grading::grade::{Outcome, QuestionScore, SectionScore};
use crate::engine::question::answer::Answer;
use crate::engine::question::Status;
use crate::engine::text::hash::fnv1a;
use crate::engine::time::events::{Event, EventKind, Summary, Via};
use crate::engine::time::exam_clock::ExamClock;
use crate::engine::time::integrity::Rules;
use crate::engine::typing::bank::TypingBank;
use std::collections::{BTreeMap, BTreeSet};

/// The payload's format version: the first byte. A reader refuses a newer one by name.
pub const PAYLOAD_VERSION: u8 = 1;

const PRACTICE: u8 = 1;
const SHOW_ANSWERS: u8 = 2;
const DEADLINE: u8 = 4;
const SUBMITTED: u8 = 8;
const REASON: u8 = 16;
const RESULT: u8 = 32;
const OWN_ID: u8 = 64;
const MORE_FLAGS: u8 = 128;
/// In the second flags byte.
const TYPING: u8 = 1;

/// The banks a site hosts, by path: a phone's (to name what it still holds by reference) or the
/// desk's (to restore it). A library; a closure for exam banks only; `()` for none.
pub trait Site<'b> {
    fn bank(&self, path: &str) -> Option<&'b Bank>;
    fn typing(&self, path: &str) -> Option<&'b TypingBank> {
        let _ = path;
        None
    }
}

impl<'b, F: Fn(&str) -> Option<&'b Bank>> Site<'b> for F {
    fn bank(&self, path: &str) -> Option<&'b Bank> {
        self(path)
    }
}

impl<'b> Site<'b> for () {
    fn bank(&self, _: &str) -> Option<&'b Bank> {
        None
    }
}

impl<'b> Site<'b> for &'b Library {
    fn bank(&self, path: &str) -> Option<&'b Bank> {
        self.banks.get(path).map(|b| &**b)
    }
    fn typing(&self, path: &str) -> Option<&'b TypingBank> {
        self.typing.get(path)
    }
}

impl<'b> Site<'b> for Option<&'b Library> {
    fn bank(&self, path: &str) -> Option<&'b Bank> {
        self.as_ref()?.bank(path)
    }
    fn typing(&self, path: &str) -> Option<&'b TypingBank> {
        self.as_ref()?.typing(path)
    }
}

/// The desk's banks (see `Site`).
pub type BankOf<'b> = dyn Site<'b> + 'b;

/// Why bytes are not an attempt, in words a trainer reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayloadError {
    /// Fewer bytes than the payload says it holds: a cut-off read or copy.
    Truncated,
    /// The check does not match: some character was changed or misread.
    Corrupt,
    /// Made by a newer version of the app.
    Newer(u8),
    /// The check matched but the contents do not make a record (a bug, or a forged payload).
    Malformed(String),
    /// The payload names its questions by their place in the bank, and this site has no bank
    /// at that path.
    NoBank(String),
    /// A typing test names its text by its passages, and this site's typing bank at that path
    /// does not give that text (no such bank, or a passage edited since).
    NoPassage(String),
}

impl PayloadError {
    pub fn message(&self) -> String {
        match self {
            PayloadError::Truncated => "不完整，可能复制或扫描时被截断".into(),
            PayloadError::Corrupt => "校验不符，内容有损坏或改动".into(),
            PayloadError::Newer(v) => format!("来自更新版本的程序（格式 {v}），请更新后再导入"),
            PayloadError::Malformed(e) => format!("内容无法读取：{e}"),
            PayloadError::NoBank(p) => {
                format!("网站上没有题库 {p}，无法还原题目（请让学员导出文件发送）")
            }
            PayloadError::NoPassage(p) => format!(
                "网站上的打字题库 {p} 没有这次测试的文章，或文章在测试之后被修改过，无法还原打字内容（请让学员用“发送给老师”发送结果文件）"
            ),
        }
    }
}

/// The record as payload bytes (version, length, body, check). `site`: the trainee's copy of
/// the course. A question its bank at the attempt's path still holds unchanged is named by its
/// place there (a few bytes instead of its key and hash), a typing test's text by its passages;
/// without the bank they are written out.
pub fn encode<'b>(r: &AttemptRecord, site: &BankOf<'b>) -> Vec<u8> {
    let mut body = body(r, site.bank(&r.bank.path));
    if let Some(t) = &r.typing {
        let mut w = Writer { buf: body };
        typing::write(&mut w, t, site.typing(&r.bank.path), r.started_at);
        body = w.buf;
    }
    let mut w = Writer::default();
    w.byte(PAYLOAD_VERSION);
    w.uint(body.len() as u64);
    w.buf.extend_from_slice(&body);
    let check = check32(&w.buf);
    w.buf.extend_from_slice(&check);
    w.buf
}

/// Reads payload bytes back into a record; any bytes give a record or a reason, never a panic.
/// `bank_of` gives the desk's bank at a path, to name the questions written by their place.
pub fn decode<'b>(bytes: &[u8], bank_of: &BankOf<'b>) -> Result<AttemptRecord, PayloadError> {
    let mut r = Reader::new(bytes);
    let version = r.byte().map_err(|_| PayloadError::Truncated)?;
    if version != PAYLOAD_VERSION {
        // A corrupt first byte reads as a version too: a newer one is only believed when the
        // check agrees.
        return Err(
            if version > PAYLOAD_VERSION && bytes.len() > 5 && {
                let (head, check) = bytes.split_at(bytes.len() - 4);
                check32(head) == check
            } {
                PayloadError::Newer(version)
            } else {
                PayloadError::Corrupt
            },
        );
    }
    let len = r.uint().map_err(|_| PayloadError::Truncated)?;
    let head = bytes.len() - r.left();
    if len > r.left() as u64 || r.left() - (len as usize) < 4 {
        // A length that is itself damaged also lands here; the check cannot tell them apart.
        return Err(PayloadError::Truncated);
    }
    let end = head + len as usize;
    if bytes[end..].len() > 4 {
        return Err(PayloadError::Corrupt);
    }
    if check32(&bytes[..end]) != bytes[end..end + 4] {
        return Err(PayloadError::Corrupt);
    }
    read_body(&bytes[head..end], bank_of).map_err(|e| match e {
        BodyError::Read(e) => PayloadError::Malformed(e.into()),
        BodyError::NoBank(p) => PayloadError::NoBank(p),
        BodyError::NoPassage(p) => PayloadError::NoPassage(p),
    })
}

enum BodyError {
    Read(ReadError),
    NoBank(String),
    NoPassage(String),
}

impl From<ReadError> for BodyError {
    fn from(e: ReadError) -> BodyError {
        BodyError::Read(e)
    }
}

/// 16 bits of a key's FNV-1a: checks that the question at a place is the one meant.
fn key_check(key: &str) -> [u8; 2] {
    let h = fnv1a(key.as_bytes()).to_le_bytes();
    [h[0], h[1]]
}

/// The first 8 hex digits of a 16-digit hash as 4 bytes.
fn hash_prefix(hash: &str) -> Option<[u8; 4]> {
    if !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let v = u32::from_str_radix(hash.get(..8)?, 16).ok()?;
    (hash.len() == 16).then(|| v.to_be_bytes())
}

/// An option order as one number (its rank among the permutations, Lehmer code) when it is a
/// permutation of 0..n with n ≤ 20; `None` otherwise.
fn perm_rank(order: &[usize]) -> Option<u64> {
    let n = order.len();
    if n > 20 {
        return None;
    }
    let mut seen = [false; 20];
    for &x in order {
        if x >= n || seen[x] {
            return None;
        }
        seen[x] = true;
    }
    let mut rank = 0u64;
    for (i, &x) in order.iter().enumerate() {
        let smaller_after = order[i + 1..].iter().filter(|&&y| y < x).count() as u64;
        rank = rank * (n - i) as u64 + smaller_after;
    }
    Some(rank)
}

fn perm_unrank(n: usize, mut rank: u64) -> Option<Vec<usize>> {
    if n > 20 {
        return None;
    }
    let mut digits = vec![0usize; n];
    for i in (0..n).rev() {
        let base = (n - i) as u64;
        digits[i] = (rank % base) as usize;
        rank /= base;
    }
    if rank != 0 {
        return None;
    }
    let mut left: Vec<usize> = (0..n).collect();
    Some(digits.into_iter().map(|d| left.remove(d)).collect())
}

/// `path#id` keys share their paths through a table.
fn split_key(key: &str) -> (&str, &str) {
    match key.rsplit_once('#') {
        Some((path, id)) if !path.is_empty() => (path, id),
        _ => ("", key),
    }
}

fn join_key(path: &str, id: &str) -> String {
    if path.is_empty() {
        id.to_string()
    } else {
        format!("{path}#{id}")
    }
}

struct Keys<'a> {
    questions: &'a [AttemptQuestion],
}

impl Keys<'_> {
    /// A key as its place in the question list (+1), or 0 and the text.
    fn write(&self, w: &mut Writer, key: &str) {
        match self.questions.iter().position(|q| q.key == key) {
            Some(i) => w.uint(i as u64 + 1),
            None => {
                w.uint(0);
                w.str(key);
            }
        }
    }

    fn read(&self, r: &mut Reader) -> Result<String, ReadError> {
        match r.index()? {
            0 => r.str(),
            i => Ok(self.questions.get(i - 1).ok_or("题目序号越界")?.key.clone()),
        }
    }
}

/// Texts seen before as their place (+1), new ones as 0 and the text.
fn write_interned(w: &mut Writer, table: &mut Vec<String>, s: &str) {
    match table.iter().position(|t| t == s) {
        Some(i) => w.uint(i as u64 + 1),
        None => {
            w.uint(0);
            w.str(s);
            table.push(s.to_string());
        }
    }
}

fn read_interned(r: &mut Reader, table: &mut Vec<String>) -> Result<String, ReadError> {
    match r.index()? {
        0 => {
            let s = r.str()?;
            table.push(s.clone());
            Ok(s)
        }
        i => Ok(table.get(i - 1).ok_or("序号越界")?.clone()),
    }
}

fn default_id(r: &AttemptRecord) -> String {
    format!("{}-{:x}", r.started_at, r.seed)
}

fn body(r: &AttemptRecord, bank: Option<&Bank>) -> Vec<u8> {
    let mut w = Writer::default();
    let t0 = r.started_at;
    let mut flags = 0;
    for (on, bit) in [
        (r.mode == Mode::Practice, PRACTICE),
        (r.show_answers, SHOW_ANSWERS),
        (r.deadline.is_some(), DEADLINE),
        (r.submitted_at.is_some(), SUBMITTED),
        (r.submit_reason.is_some(), REASON),
        (r.result.is_some(), RESULT),
        (r.id != default_id(r), OWN_ID),
        (r.typing.is_some(), MORE_FLAGS),
    ] {
        if on {
            flags |= bit;
        }
    }
    w.byte(flags);
    if r.typing.is_some() {
        w.byte(TYPING);
    }
    if r.id != default_id(r) {
        w.str(&r.id);
    }
    w.str(&r.bank.path);
    w.str(&r.bank.title);
    w.hash(&r.bank.hash);
    w.str(&r.trainee.name);
    w.str(&r.trainee.employee_no);
    w.uint(r.seed);
    w.num(r.pass_percent);
    w.int(t0);
    for t in [r.deadline, r.submitted_at].into_iter().flatten() {
        w.int(t.wrapping_sub(t0));
    }
    if let Some(reason) = r.submit_reason {
        w.byte(match reason {
            SubmitReason::Manual => 0,
            SubmitReason::Timeout => 1,
            SubmitReason::MaxAway => 2,
        });
    }
    w.uint(u64::from(r.focus_lost));
    w.int(r.clock.seen.wrapping_sub(t0));
    w.int(r.clock.behind);
    w.byte(u8::from(r.rules.fullscreen) | u8::from(r.rules.one_way) << 1);
    w.uint(r.rules.max_away.map_or(0, |m| u64::from(m) + 1));

    // Questions: each one the trainee's bank still holds unchanged as its place there, a check
    // of its key and the first half of its hash (the desk restores key and hash from its own
    // bank); any other in full, its key's path from a table.
    let placed: Vec<(String, &str)> = bank
        .map(|b| b.questions().map(|q| (q.key(), q.hash.as_str())).collect())
        .unwrap_or_default();
    let mut paths: Vec<&str> = Vec::new();
    for q in &r.questions {
        let (p, _) = split_key(&q.key);
        if !paths.contains(&p) {
            paths.push(p);
        }
    }
    w.uint(paths.len() as u64);
    for p in &paths {
        w.str(p);
    }
    w.uint(r.questions.len() as u64);
    for q in &r.questions {
        let place = placed.iter().position(|(k, h)| *k == q.key && *h == q.hash);
        match (place, hash_prefix(&q.hash)) {
            (Some(i), Some(prefix)) => {
                w.uint(i as u64 + 1);
                w.buf.extend_from_slice(&key_check(&q.key));
                w.buf.extend_from_slice(&prefix);
            }
            _ => {
                let (p, id) = split_key(&q.key);
                w.uint(0);
                w.uint(paths.iter().position(|x| *x == p).unwrap_or(0) as u64);
                w.str(id);
                w.hash(&q.hash);
            }
        }
        w.num(q.points);
        match perm_rank(&q.order) {
            Some(rank) => {
                w.uint(q.order.len() as u64 * 2 + 1);
                w.uint(rank);
            }
            None => {
                w.uint(q.order.len() as u64 * 2);
                for &i in &q.order {
                    w.uint(i as u64);
                }
            }
        }
    }
    let keys = Keys {
        questions: &r.questions,
    };
    w.uint(r.answers.len() as u64);
    for (key, a) in &r.answers {
        keys.write(&mut w, key);
        answer(&mut w, a);
    }
    w.uint(r.answered_at.len() as u64);
    for (key, t) in &r.answered_at {
        keys.write(&mut w, key);
        w.int(t.wrapping_sub(t0));
    }

    // The event log as its summary (what the desk shows of it); the file export has the log.
    let sum = Summary::of(r);
    let opened = r
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Opened { .. }))
        .count();
    let timed = r
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Left { .. }))
        .count();
    w.uint(opened as u64);
    w.int(sum.closed_ms);
    w.uint(timed as u64);
    w.int(sum.away_ms);
    w.uint(u64::from(sum.clock_back));
    w.int(sum.clock_back_ms);
    w.uint(u64::from(sum.clock_forward));
    w.int(sum.clock_forward_ms);
    w.uint(u64::from(sum.takeovers));
    w.uint(u64::from(sum.fullscreen_left));
    w.uint(sum.question_ms.len() as u64);
    for (key, ms) in &sum.question_ms {
        keys.write(&mut w, key);
        w.int(*ms);
    }
    if let Some(o) = &r.result {
        outcome(&mut w, &keys, o);
    }
    w.buf
}

/// The event log the desk rebuilds from a summary: one event per thing counted, the totals on
/// the first of each kind, all at the start (times within the attempt are not carried), so
/// `Summary::of` gives back the summary the trainee's log gave. Its tab is `成绩码`: a log
/// rebuilt from a code, not one observed.
pub const REBUILT_TAB: &str = "成绩码";

#[allow(clippy::too_many_arguments)]
fn rebuilt_log(
    at: i64,
    opened: usize,
    closed_ms: i64,
    timed: usize,
    away_ms: i64,
    back: (usize, i64),
    forward: (usize, i64),
    takeovers: usize,
    fullscreen_left: usize,
    question_ms: Vec<(String, i64)>,
) -> Vec<Event> {
    let mut log = Vec::new();
    let mut add = |kind: EventKind| log.push(Event { at, kind });
    for i in 0..opened {
        add(EventKind::Opened {
            tab: REBUILT_TAB.into(),
            closed_ms: if i + 1 == opened { closed_ms } else { 0 },
        });
    }
    for _ in 0..timed {
        add(EventKind::Left { via: Via::Hidden });
    }
    if timed > 0 || away_ms != 0 {
        add(EventKind::Returned { away_ms });
    }
    for i in 0..back.0 {
        add(EventKind::ClockBack {
            by_ms: if i == 0 { back.1 } else { 0 },
        });
    }
    for i in 0..forward.0 {
        add(EventKind::ClockForward {
            by_ms: if i == 0 { forward.1 } else { 0 },
        });
    }
    for _ in 0..takeovers {
        add(EventKind::TakeOver {
            tab: REBUILT_TAB.into(),
            from: REBUILT_TAB.into(),
        });
    }
    for _ in 0..fullscreen_left {
        add(EventKind::FullscreenLeft);
    }
    for (key, ms) in question_ms {
        add(EventKind::Question { key, ms });
    }
    log
}

fn answer(w: &mut Writer, a: &Answer) {
    let list = |w: &mut Writer, xs: &[usize]| {
        w.uint(xs.len() as u64);
        for &x in xs {
            w.uint(x as u64);
        }
    };
    match a {
        Answer::Choice { selected } => {
            w.byte(0);
            list(w, selected);
        }
        Answer::TrueFalse { value } => w.byte(1 + u8::from(*value)),
        Answer::Fill { blanks } => {
            w.byte(3);
            w.uint(blanks.len() as u64);
            for b in blanks {
                w.str(b);
            }
        }
        Answer::Order { order } => {
            w.byte(4);
            list(w, order);
        }
        Answer::Match { pairs } => {
            w.byte(5);
            w.uint(pairs.len() as u64);
            for p in pairs {
                w.uint(p.map_or(0, |x| x as u64 + 1));
            }
        }
        Answer::Numeric { text } => {
            w.byte(6);
            w.str(text);
        }
        Answer::Reply { text } => {
            w.byte(7);
            w.str(text);
        }
    }
}

/// The stored outcome; its texts (feedback lines, red lines, section titles) through a table,
/// since most feedback lines repeat (回答正确).
fn outcome(w: &mut Writer, keys: &Keys, o: &Outcome) {
    let mut texts = Vec::new();
    w.num(o.score);
    w.num(o.max);
    w.num(o.percent);
    w.byte(u8::from(o.passed));
    w.uint(o.questions.len() as u64);
    for q in &o.questions {
        keys.write(w, &q.key);
        w.num(q.score);
        // The question's points, as almost always, or the number.
        let points = keys
            .questions
            .iter()
            .find(|a| a.key == q.key)
            .map(|a| a.points);
        let own_max = points.is_none_or(|p| p.to_bits() != q.max.to_bits());
        let status = match q.status {
            Status::Correct => 0,
            Status::Partial => 1,
            Status::Wrong => 2,
            Status::Unanswered => 3,
        };
        w.byte(
            status
                | u8::from(q.redline.is_some()) << 2
                | u8::from(q.section.is_some()) << 3
                | u8::from(own_max) << 4,
        );
        if own_max {
            w.num(q.max);
        }
        w.uint(q.feedback.len() as u64);
        for f in &q.feedback {
            write_interned(w, &mut texts, f);
        }
        if let Some(red) = &q.redline {
            write_interned(w, &mut texts, red);
        }
        if let Some(s) = q.section {
            w.uint(s as u64);
        }
    }
    w.uint(o.sections.len() as u64);
    for s in &o.sections {
        write_interned(w, &mut texts, &s.title);
        w.num(s.score);
        w.num(s.max);
        w.uint(s.questions as u64);
    }
    w.uint(o.missing.len() as u64);
    for m in &o.missing {
        w.str(m);
    }
}

/// A question named by its place in the desk's bank: the key there if its check agrees (else
/// the one key of the bank with that check), and the full hash if the question there still
/// begins with the attempt's. A question edited since keeps the half hash, which differs from
/// every full one, so the re-grade names it as changed, as for a file; a question removed
/// since keeps a key the bank does not have (`…#第 N 题`), named as gone.
fn restore(
    placed: &[(String, &str)],
    bank_path: &str,
    place: usize,
    check: &[u8],
    prefix: &[u8],
) -> (String, String) {
    let half: String = prefix.iter().map(|b| format!("{b:02x}")).collect();
    let at = placed
        .get(place)
        .filter(|(k, _)| key_check(k) == check)
        .or_else(|| {
            let mut same = placed.iter().filter(|(k, _)| key_check(k) == check);
            match (same.next(), same.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        });
    match at {
        Some((key, hash)) if hash.starts_with(&half) => (key.clone(), hash.to_string()),
        Some((key, _)) => (key.clone(), half),
        None => (format!("{bank_path}#第 {} 题", place + 1), half),
    }
}

fn read_body<'b>(bytes: &[u8], bank_of: &BankOf<'b>) -> Result<AttemptRecord, BodyError> {
    let mut r = Reader::new(bytes);
    let flags = r.byte()?;
    let more = if flags & MORE_FLAGS != 0 {
        r.byte()?
    } else {
        0
    };
    if more & !TYPING != 0 {
        return Err(BodyError::Read("标记位不对"));
    }
    let own_id = if flags & OWN_ID != 0 {
        Some(r.str()?)
    } else {
        None
    };
    let bank = BankRef {
        path: r.str()?,
        title: r.str()?,
        hash: r.hash()?,
    };
    let trainee = Trainee {
        name: r.str()?,
        employee_no: r.str()?,
    };
    let seed = r.uint()?;
    let pass_percent = r.num()?;
    let t0 = r.int()?;
    let deadline = if flags & DEADLINE != 0 {
        Some(t0.wrapping_add(r.int()?))
    } else {
        None
    };
    let submitted_at = if flags & SUBMITTED != 0 {
        Some(t0.wrapping_add(r.int()?))
    } else {
        None
    };
    let submit_reason = if flags & REASON != 0 {
        Some(match r.byte()? {
            0 => SubmitReason::Manual,
            1 => SubmitReason::Timeout,
            2 => SubmitReason::MaxAway,
            _ => return Err(BodyError::Read("交卷方式不对")),
        })
    } else {
        None
    };
    let focus_lost = u32::try_from(r.uint()?).map_err(|_| "离开次数过大")?;
    let clock = ExamClock {
        seen: t0.wrapping_add(r.int()?),
        behind: r.int()?,
    };
    let rule_bits = r.byte()?;
    if rule_bits > 3 {
        return Err(BodyError::Read("考试规则不对"));
    }
    let rules = Rules {
        fullscreen: rule_bits & 1 != 0,
        one_way: rule_bits & 2 != 0,
        max_away: match r.uint()? {
            0 => None,
            n => Some(u32::try_from(n - 1).map_err(|_| "离开上限过大")?),
        },
    };
    let n = r.count()?;
    let mut paths = Vec::with_capacity(n);
    for _ in 0..n {
        paths.push(r.str()?);
    }
    let n = r.count()?;
    let mut questions = Vec::with_capacity(n);
    let mut placed: Option<Vec<(String, &str)>> = None;
    for _ in 0..n {
        let (key, hash) = match r.index()? {
            0 => {
                let path = paths.get(r.index()?).ok_or("题库序号越界")?;
                let id = r.str()?;
                (join_key(path, &id), r.hash()?)
            }
            place => {
                let check = r.take(2)?;
                let prefix = r.take(4)?;
                let placed = match &mut placed {
                    Some(p) => p,
                    None => {
                        let bank = bank_of
                            .bank(&bank.path)
                            .ok_or_else(|| BodyError::NoBank(bank.path.clone()))?;
                        placed.insert(
                            bank.questions()
                                .map(|q| (q.key(), q.hash.as_str()))
                                .collect(),
                        )
                    }
                };
                restore(placed, &bank.path, place - 1, check, prefix)
            }
        };
        let points = r.num()?;
        let head = r.count()?;
        let len = head / 2;
        let order = if head % 2 == 1 {
            perm_unrank(len, r.uint()?).ok_or("选项顺序不对")?
        } else {
            if len > r.left() {
                return Err(BodyError::Read("数量超出数据长度"));
            }
            (0..len).map(|_| r.index()).collect::<Result<_, _>>()?
        };
        questions.push(AttemptQuestion {
            key,
            hash,
            points,
            order,
        });
    }
    let keys = Keys {
        questions: &questions,
    };
    let mut answers = BTreeMap::new();
    for _ in 0..r.count()? {
        let key = keys.read(&mut r)?;
        answers.insert(key, read_answer(&mut r)?);
    }
    let mut answered_at = BTreeMap::new();
    for _ in 0..r.count()? {
        let key = keys.read(&mut r)?;
        answered_at.insert(key, t0.wrapping_add(r.int()?));
    }
    let opened = r.count()?;
    let closed_ms = r.int()?;
    let timed = r.count()?;
    let away_ms = r.int()?;
    let back = (r.count()?, r.int()?);
    let forward = (r.count()?, r.int()?);
    let takeovers = r.count()?;
    let fullscreen_left = r.count()?;
    let n = r.count()?;
    let mut question_ms = Vec::with_capacity(n);
    for _ in 0..n {
        question_ms.push((keys.read(&mut r)?, r.int()?));
    }
    let events = rebuilt_log(
        t0,
        opened,
        closed_ms,
        timed,
        away_ms,
        back,
        forward,
        takeovers,
        fullscreen_left,
        question_ms,
    );
    let result = if flags & RESULT != 0 {
        Some(read_outcome(&mut r, &keys)?)
    } else {
        None
    };
    let typing = if more & TYPING != 0 {
        Some(
            typing::read(&mut r, bank_of.typing(&bank.path), t0).map_err(|e| match e {
                TypingError::Read(e) => BodyError::Read(e),
                TypingError::Text => BodyError::NoPassage(bank.path.clone()),
            })?,
        )
    } else {
        None
    };
    if r.left() != 0 {
        return Err(BodyError::Read("结尾有多余的数据"));
    }
    let mut record = AttemptRecord {
        schema: SCHEMA_VERSION,
        id: String::new(),
        mode: if flags & PRACTICE != 0 {
            Mode::Practice
        } else {
            Mode::Exam
        },
        bank,
        trainee,
        seed,
        pass_percent,
        show_answers: flags & SHOW_ANSWERS != 0,
        questions,
        answers,
        answered_at,
        flagged: BTreeSet::new(),
        checked: BTreeSet::new(),
        current: 0,
        started_at: t0,
        deadline,
        submitted_at,
        submit_reason,
        result,
        focus_lost,
        typing,
        clock,
        rules,
        events,
    };
    record.id = own_id.unwrap_or_else(|| default_id(&record));
    Ok(record)
}

fn read_answer(r: &mut Reader) -> Result<Answer, ReadError> {
    fn list(r: &mut Reader) -> Result<Vec<usize>, ReadError> {
        let n = r.count()?;
        (0..n).map(|_| r.index()).collect()
    }
    Ok(match r.byte()? {
        0 => Answer::Choice { selected: list(r)? },
        1 => Answer::TrueFalse { value: false },
        2 => Answer::TrueFalse { value: true },
        3 => {
            let n = r.count()?;
            Answer::Fill {
                blanks: (0..n).map(|_| r.str()).collect::<Result<_, _>>()?,
            }
        }
        4 => Answer::Order { order: list(r)? },
        5 => {
            let n = r.count()?;
            let mut pairs = Vec::with_capacity(n);
            for _ in 0..n {
                pairs.push(match r.index()? {
                    0 => None,
                    i => Some(i - 1),
                });
            }
            Answer::Match { pairs }
        }
        6 => Answer::Numeric { text: r.str()? },
        7 => Answer::Reply { text: r.str()? },
        _ => return Err("答案类型不对"),
    })
}

fn read_outcome(r: &mut Reader, keys: &Keys) -> Result<Outcome, ReadError> {
    let mut texts = Vec::new();
    let score = r.num()?;
    let max = r.num()?;
    let percent = r.num()?;
    let passed = match r.byte()? {
        0 => false,
        1 => true,
        _ => return Err("及格标记不对"),
    };
    let n = r.count()?;
    let mut questions = Vec::with_capacity(n);
    for _ in 0..n {
        let key = keys.read(r)?;
        let score = r.num()?;
        let bits = r.byte()?;
        if bits > 31 {
            return Err("题目状态不对");
        }
        let max = if bits & 16 != 0 {
            r.num()?
        } else {
            keys.questions
                .iter()
                .find(|a| a.key == key)
                .ok_or("题目不在这次考试里")?
                .points
        };
        let status = match bits & 3 {
            0 => Status::Correct,
            1 => Status::Partial,
            2 => Status::Wrong,
            _ => Status::Unanswered,
        };
        let k = r.count()?;
        let feedback = (0..k)
            .map(|_| read_interned(r, &mut texts))
            .collect::<Result<_, _>>()?;
        let redline = if bits & 4 != 0 {
            Some(read_interned(r, &mut texts)?)
        } else {
            None
        };
        let section = if bits & 8 != 0 {
            Some(r.index()?)
        } else {
            None
        };
        questions.push(QuestionScore {
            key,
            score,
            max,
            status,
            feedback,
            redline,
            section,
        });
    }
    let n = r.count()?;
    let mut sections = Vec::with_capacity(n);
    for _ in 0..n {
        sections.push(SectionScore {
            title: read_interned(r, &mut texts)?,
            score: r.num()?,
            max: r.num()?,
            questions: r.index()?,
        });
    }
    let n = r.count()?;
    let missing = (0..n).map(|_| r.str()).collect::<Result<_, _>>()?;
    Ok(Outcome {
        score,
        max,
        percent,
        passed,
        questions,
        sections,
        missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_orders_rank_and_unrank() {
        for order in [
            vec![],
            vec![0],
            vec![1, 0],
            vec![2, 0, 3, 1],
            (0..20).rev().collect(),
        ] {
            let rank = perm_rank(&order).unwrap();
            assert_eq!(perm_unrank(order.len(), rank).unwrap(), order);
        }
        assert_eq!(perm_rank(&[0, 0]), None);
        assert_eq!(perm_rank(&[0, 2]), None);
        assert_eq!(perm_unrank(3, 6), None);
        assert_eq!(perm_rank(&[3, 2, 1, 0]), Some(23));
    }

    #[test]
    fn a_question_the_desk_cannot_place_keeps_a_key_the_bank_lacks_and_a_half_hash() {
        let placed = vec![("b.md#x".to_string(), "0123456789abcdef")];
        let check = key_check("b.md#y");
        let (key, hash) = restore(&placed, "b.md", 4, &check, &[1, 2, 3, 4]);
        assert_eq!((key.as_str(), hash.as_str()), ("b.md#第 5 题", "01020304"));
        // The same key, edited since: its key, and a hash no bank question has.
        let (key, hash) = restore(&placed, "b.md", 0, &key_check("b.md#x"), &[0xff, 0, 0, 0]);
        assert_eq!((key.as_str(), hash.as_str()), ("b.md#x", "ff000000"));
        let (key, hash) = restore(
            &placed,
            "b.md",
            9,
            &key_check("b.md#x"),
            &[1, 0x23, 0x45, 0x67],
        );
        assert_eq!(
            (key.as_str(), hash.as_str()),
            ("b.md#x", "0123456789abcdef")
        );
    }
}

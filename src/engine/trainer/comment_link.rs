//! The trainer's marks on one attempt as a link the trainee opens (`#/comments/<code>`): the
//! same scores and comments a trainer's file carries, for a phone that holds the attempt.
//! Nothing after `#` reaches a server.
//!
//! The code is `KC1.` and the base64url of
//! `version · attempt id · overrides · [re-grade] · check (4 bytes)`, where an override is
//! `question's place in the attempt · key check (2 bytes) · score · automatic score · points ·
//! time · comment`, and a re-grade is `time · new totals (score, points, percent, verdict) ·
//! each question's new score, points and status`. Questions are named by their place in the
//! attempt, so the trainee's own record turns the code back into marks (`CommentLink::marks`);
//! the re-grade's reasons stay in the trainer's file (the result page does not show them).

use crate::engine::attempt::attempt::AttemptRecord;
use crate::engine::attempt::handover::wire::{base64url, check32, unbase64url, Reader, Writer};
use crate::engine::grading::grade::Outcome;
use crate::engine::question::Status;
use crate::engine::text::hash::fnv1a;
use crate::engine::trainer::overrides::{CommittedRegrade, Marks, Override};

/// `KC` (comments) and the format version, then a dot.
pub const COMMENT_PREFIX: &str = "KC1.";
const VERSION: u8 = 1;

fn key_check(key: &str) -> [u8; 2] {
    let h = fnv1a(key.as_bytes()).to_le_bytes();
    [h[0], h[1]]
}

fn status_byte(s: Status) -> u8 {
    match s {
        Status::Correct => 0,
        Status::Partial => 1,
        Status::Wrong => 2,
        Status::Unanswered => 3,
    }
}

fn byte_status(b: u8) -> Option<Status> {
    Some(match b {
        0 => Status::Correct,
        1 => Status::Partial,
        2 => Status::Wrong,
        3 => Status::Unanswered,
        _ => return None,
    })
}

/// The code of the trainer's marks on `record` (`marks`: the desk's, any attempts); `None`
/// when there is nothing to send (no score, comment or re-grade on it).
pub fn comment_code(record: &AttemptRecord, marks: &Marks) -> Option<String> {
    let mine = marks.for_attempts(&[record.id.as_str()]);
    let overrides: Vec<(usize, &Override)> = mine
        .overrides
        .iter()
        .filter_map(|o| {
            let i = record.questions.iter().position(|q| q.key == o.key)?;
            Some((i, o))
        })
        .collect();
    let regrade = mine.regrades.first();
    if overrides.is_empty() && regrade.is_none() {
        return None;
    }
    let mut w = Writer::default();
    w.byte(VERSION);
    w.str(&record.id);
    w.uint(overrides.len() as u64);
    for (i, o) in &overrides {
        w.uint(*i as u64);
        w.buf.extend_from_slice(&key_check(&o.key));
        w.num(o.score);
        w.num(o.auto_score);
        w.num(o.max);
        w.int(o.at);
        w.str(&o.comment);
    }
    match regrade {
        None => w.byte(0),
        Some(r) => {
            w.byte(1);
            w.int(r.at);
            w.num(r.new.score);
            w.num(r.new.max);
            w.num(r.new.percent);
            w.byte(u8::from(r.new.passed));
            w.uint(r.new.questions.len() as u64);
            for q in &r.new.questions {
                w.num(q.score);
                w.num(q.max);
                w.byte(status_byte(q.status));
            }
        }
    }
    let check = check32(&w.buf);
    w.buf.extend_from_slice(&check);
    Some(format!("{COMMENT_PREFIX}{}", base64url(&w.buf)))
}

/// One override as read, its question named by place.
#[derive(Clone, Debug, PartialEq)]
struct PlacedOverride {
    index: usize,
    key_check: [u8; 2],
    score: f64,
    auto_score: f64,
    max: f64,
    at: i64,
    comment: String,
}

#[derive(Clone, Debug, PartialEq)]
struct PlacedRegrade {
    at: i64,
    score: f64,
    max: f64,
    percent: f64,
    passed: bool,
    questions: Vec<(f64, f64, Status)>,
}

/// A comment code read back, before the trainee's record names its questions.
#[derive(Clone, Debug, PartialEq)]
pub struct CommentLink {
    pub attempt_id: String,
    overrides: Vec<PlacedOverride>,
    regrade: Option<PlacedRegrade>,
}

/// Reads a code (the part after `#/comments/`, or a text holding it); any text gives the
/// marks' attempt or a reason in the trainee's words, never a panic.
pub fn read_comment_code(text: &str) -> Result<CommentLink, String> {
    let text = text.trim();
    let Some(at) = text.find("KC") else {
        return Err("链接里没有老师的批改（应含 KC1.）".into());
    };
    let rest = &text[at..];
    let Some(body) = rest.strip_prefix(COMMENT_PREFIX) else {
        return Err("这个批改链接来自其他版本的程序，请让老师重新发送".into());
    };
    let end = body
        .bytes()
        .position(|c| !crate::engine::attempt::handover::wire::is_base64url(c))
        .unwrap_or(body.len());
    let cut = "批改链接不完整，可能复制时被截断，请让老师重新发送";
    let bytes = unbase64url(&body[..end]).ok_or(cut)?;
    if bytes.len() < 5 {
        return Err(cut.into());
    }
    let (head, check) = bytes.split_at(bytes.len() - 4);
    if check32(head) != check {
        return Err("批改链接校验不符：内容不完整或被改动，请让老师重新发送".into());
    }
    read_body(head).map_err(|e| format!("批改链接无法读取：{e}"))
}

fn read_body(bytes: &[u8]) -> Result<CommentLink, &'static str> {
    let mut r = Reader::new(bytes);
    if r.byte()? != VERSION {
        return Err("版本不对");
    }
    let attempt_id = r.str()?;
    let n = r.count()?;
    let mut overrides = Vec::with_capacity(n);
    for _ in 0..n {
        let index = r.index()?;
        let kc = r.take(2)?;
        overrides.push(PlacedOverride {
            index,
            key_check: [kc[0], kc[1]],
            score: r.num()?,
            auto_score: r.num()?,
            max: r.num()?,
            at: r.int()?,
            comment: r.str()?,
        });
    }
    let regrade = match r.byte()? {
        0 => None,
        1 => {
            let at = r.int()?;
            let (score, max, percent) = (r.num()?, r.num()?, r.num()?);
            let passed = r.byte()? != 0;
            let n = r.count()?;
            let mut questions = Vec::with_capacity(n);
            for _ in 0..n {
                let (s, m) = (r.num()?, r.num()?);
                let st = byte_status(r.byte()?).ok_or("题目状态不对")?;
                questions.push((s, m, st));
            }
            Some(PlacedRegrade {
                at,
                score,
                max,
                percent,
                passed,
                questions,
            })
        }
        _ => return Err("重新评分标记不对"),
    };
    if r.left() != 0 {
        return Err("末尾有多余的数据");
    }
    Ok(CommentLink {
        attempt_id,
        overrides,
        regrade,
    })
}

impl CommentLink {
    /// The marks as a trainer's file gives them, its questions named by `record` (the
    /// trainee's copy of the attempt, same id). Refused when the places do not fit the record.
    pub fn marks(&self, record: &AttemptRecord) -> Result<Marks, String> {
        let wrong = "批改链接与这台设备上的这次考试对不上，请让老师重新发送";
        if record.id != self.attempt_id {
            return Err(wrong.into());
        }
        let mut marks = Marks::default();
        for o in &self.overrides {
            let q = record.questions.get(o.index).ok_or(wrong)?;
            if key_check(&q.key) != o.key_check {
                return Err(wrong.into());
            }
            marks.overrides.push(Override {
                attempt_id: record.id.clone(),
                key: q.key.clone(),
                score: o.score,
                comment: o.comment.clone(),
                auto_score: o.auto_score,
                max: o.max,
                at: o.at,
            });
        }
        if let Some(g) = &self.regrade {
            let old = record.result.clone().ok_or(wrong)?;
            if g.questions.len() != old.questions.len() {
                return Err(wrong.into());
            }
            let mut new: Outcome = old.clone();
            for (q, (s, m, st)) in new.questions.iter_mut().zip(&g.questions) {
                (q.score, q.max, q.status) = (*s, *m, *st);
            }
            new.retotal(record.pass_percent);
            // The desk's totals stand as sent (they are what its file would show).
            (new.score, new.max, new.percent, new.passed) = (g.score, g.max, g.percent, g.passed);
            marks.regrades.push(CommittedRegrade {
                attempt_id: record.id.clone(),
                old,
                new,
                reasons: Vec::new(),
                at: g.at,
            });
        }
        Ok(marks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::attempt::attempt::{AttemptQuestion, BankRef, Mode, Trainee};
    use crate::engine::grading::grade::{QuestionScore, SectionScore};

    fn record() -> AttemptRecord {
        let keys = ["b.md#q1", "b.md#q2", "b.md#q3"];
        let mut r: AttemptRecord = AttemptRecord {
            schema: crate::engine::attempt::attempt::SCHEMA_VERSION,
            id: "1795395600000-2a".into(),
            mode: Mode::Exam,
            bank: BankRef {
                path: "b.md".into(),
                title: "B".into(),
                hash: "0".into(),
            },
            trainee: Trainee {
                name: "王小明".into(),
                employee_no: "KF1".into(),
            },
            seed: 42,
            pass_percent: 60.0,
            show_answers: true,
            questions: keys
                .iter()
                .map(|k| AttemptQuestion {
                    key: k.to_string(),
                    hash: "h".into(),
                    points: 5.0,
                    order: vec![],
                })
                .collect(),
            answers: Default::default(),
            answered_at: Default::default(),
            flagged: Default::default(),
            checked: Default::default(),
            current: 0,
            started_at: 1_795_395_600_000,
            deadline: None,
            submitted_at: Some(1_795_395_700_000),
            submit_reason: None,
            result: None,
            focus_lost: 0,
            typing: None,
            clock: Default::default(),
            rules: Default::default(),
            events: Vec::new(),
        };
        let mut o = Outcome {
            questions: keys
                .iter()
                .map(|k| QuestionScore {
                    key: k.to_string(),
                    score: 0.0,
                    max: 5.0,
                    status: Status::Wrong,
                    feedback: vec![],
                    redline: None,
                    section: Some(0),
                })
                .collect(),
            sections: vec![SectionScore {
                title: String::new(),
                score: 0.0,
                max: 15.0,
                questions: 3,
            }],
            ..Default::default()
        };
        o.questions[0].score = 5.0;
        o.questions[0].status = Status::Correct;
        o.retotal(60.0);
        r.result = Some(o);
        r
    }

    fn marks(r: &AttemptRecord) -> Marks {
        let mut m = Marks::default();
        m.overrides.push(Override {
            attempt_id: r.id.clone(),
            key: "b.md#q2".into(),
            score: 3.5,
            comment: "语气很好，但要先道歉再解释。".into(),
            auto_score: 0.0,
            max: 5.0,
            at: 1_795_400_000_000,
        });
        // Another attempt's mark is not sent.
        m.overrides.push(Override {
            attempt_id: "other".into(),
            key: "b.md#q1".into(),
            score: 1.0,
            comment: "别人的".into(),
            auto_score: 0.0,
            max: 5.0,
            at: 1,
        });
        m
    }

    #[test]
    fn a_comment_round_trips_into_the_marks_of_that_attempt_only() {
        let r = record();
        let m = marks(&r);
        let code = comment_code(&r, &m).unwrap();
        assert!(code.starts_with("KC1."));
        assert!(code.len() < 160, "{} chars", code.len());
        let link = read_comment_code(&format!("#/comments/{code}")).unwrap();
        assert_eq!(link.attempt_id, r.id);
        assert_eq!(link.marks(&r).unwrap(), m.for_attempts(&[r.id.as_str()]));
    }

    #[test]
    fn a_committed_regrade_comes_back_with_the_desks_totals() {
        let r = record();
        let mut m = Marks::default();
        let old = r.result.clone().unwrap();
        let mut new = old.clone();
        new.questions[2].score = 5.0;
        new.questions[2].status = Status::Correct;
        new.retotal(60.0);
        m.regrades.push(CommittedRegrade {
            attempt_id: r.id.clone(),
            old: old.clone(),
            new: new.clone(),
            reasons: vec!["题目 b.md#q3 在考试之后被修改过".into()],
            at: 5,
        });
        let back = read_comment_code(&comment_code(&r, &m).unwrap())
            .unwrap()
            .marks(&r)
            .unwrap();
        let g = &back.regrades[0];
        assert_eq!(g.old, old);
        assert_eq!(g.new, new);
        assert!(g.reasons.is_empty());
    }

    #[test]
    fn nothing_to_send_gives_no_code() {
        let r = record();
        let mut m = marks(&r);
        m.overrides.remove(0);
        assert_eq!(comment_code(&r, &m), None);
    }

    #[test]
    fn a_cut_or_changed_code_and_another_attempt_are_refused_by_name() {
        let r = record();
        let code = comment_code(&r, &marks(&r)).unwrap();
        let cut = &code[..code.len() - 6];
        assert!(read_comment_code(cut).unwrap_err().contains("不完整"));
        let mut b = code.clone().into_bytes();
        let at = b.len() - 10;
        b[at] = if b[at] == b'A' { b'B' } else { b'A' };
        let changed = String::from_utf8(b).unwrap();
        assert!(read_comment_code(&changed).is_err());
        assert!(read_comment_code("#/comments/")
            .unwrap_err()
            .contains("没有"));
        assert!(read_comment_code("KC2.AAAA").unwrap_err().contains("版本"));
        let mut other = r.clone();
        other.id = "another".into();
        let link = read_comment_code(&code).unwrap();
        assert!(link.marks(&other).unwrap_err().contains("对不上"));
        // Same id but a different question list (not this device's copy).
        let mut moved = r.clone();
        moved.questions.swap(1, 2);
        assert!(link.marks(&moved).is_err());
    }

    #[test]
    fn no_text_panics() {
        for t in [
            "",
            "KC",
            "KC1.",
            "KC1.A",
            "KC1.AAAAAAAA",
            "xxKC1.____-___",
            "KC1.🙂",
        ] {
            let _ = read_comment_code(t);
        }
        let r = record();
        let code = comment_code(&r, &marks(&r)).unwrap();
        for cut in 0..code.len() {
            let _ = read_comment_code(&code[..cut]).map(|l| l.marks(&r));
        }
    }
}

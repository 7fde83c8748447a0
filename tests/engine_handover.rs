//! The hand-over without a file (issue 23, engine half): a finished attempt as QR frames and as
//! a text code, read back at the desk into the same record, re-grade and review as the JSON
//! import of that attempt; frames in any order, duplicates, a missing or misread frame, codes
//! pasted in a chat message, an edited score, and readers that never panic.

mod common;

use common::*;
use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason, Trainee};
use kefu_exam::engine::attempt::handover::frames::{FRAME_PAYLOAD, QR_CHARS};
use kefu_exam::engine::attempt::handover::qr::{frame_qr, MAX_FRAME_VERSION};
use kefu_exam::engine::attempt::handover::wire::base64url;
use kefu_exam::engine::attempt::handover::{
    code, decode, encode, frames, join_frames, read_codes, Joiner, Scan,
};
use kefu_exam::engine::attempt::report::export_json;
use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::library::{self, Library};
use kefu_exam::engine::question::answer::Answer;
use kefu_exam::engine::question::Kind;
use kefu_exam::engine::text::json::SerdeJson;
use kefu_exam::engine::text::rng::Rng;
use kefu_exam::engine::time::events::{push, EventKind, Summary, Via};
use kefu_exam::engine::trainer::cohort::Cohort;
use kefu_exam::engine::trainer::regrade_findings::{dry_run, dry_run_cohort, Finding};
use proptest::prelude::*;
use std::rc::Rc;

const T0: i64 = 1_795_395_600_000;
const SEC: i64 = 1_000;

fn course() -> Library {
    let lib = library::load("exams/index.md", &exam_files());
    assert_eq!(lib.errors().count(), 0);
    lib
}

fn fixture_course() -> Library {
    let lib = library::load("course/index.md", &fixture_files("course"));
    assert_eq!(lib.errors().count(), 0);
    lib
}

/// A right answer; a reply as typed on a phone: the bank's full-marks example (or every key
/// point) and a polite closing.
fn right_answer(kind: &Kind) -> Answer {
    match correct_answer(kind) {
        Answer::Reply { text } => Answer::Reply {
            text: format!("{text} 如果还有其他问题，随时联系我们，祝您生活愉快！"),
        },
        a => a,
    }
}

/// A wrong answer of the same type (so the review shows a mix of right and wrong).
fn wrong_answer(kind: &Kind) -> Answer {
    match correct_answer(kind) {
        Answer::Choice { selected } => Answer::Choice {
            selected: if selected == [0] { vec![1] } else { vec![0] },
        },
        Answer::TrueFalse { value } => Answer::TrueFalse { value: !value },
        Answer::Fill { blanks } => Answer::Fill {
            blanks: blanks.iter().map(|_| "不知道".to_string()).collect(),
        },
        Answer::Order { mut order } => {
            order.reverse();
            Answer::Order { order }
        }
        Answer::Match { pairs } => Answer::Match {
            pairs: pairs.iter().rev().cloned().collect(),
        },
        Answer::Numeric { .. } => Answer::Numeric {
            text: "12.5".into(),
        },
        Answer::Reply { .. } => Answer::Reply {
            text: "亲，不好意思哈，这个我也不太清楚，您自己再看看吧。".into(),
        },
    }
}

/// An exam attempt at `bank_path`, every question answered (one in four wrong), submitted,
/// with a long event log: each question visited twice, `departures` trips away from the
/// page, a reload, another tab taking over, clock jumps and full screen left.
fn attempt(
    lib: &Library,
    bank_path: &str,
    name: &str,
    seed: u64,
    departures: usize,
) -> AttemptRecord {
    let bank = &lib.banks[bank_path];
    let who = Trainee {
        name: name.into(),
        employee_no: format!("KF{seed:04}"),
    };
    let mut r = AttemptRecord::start(bank, Mode::Exam, who, seed, T0);
    let mut rng = Rng::new(seed);
    let mut t = T0;
    let tab = format!("{:x}", rng.next_u64() >> 12);
    push(
        &mut r.events,
        t,
        EventKind::Opened {
            tab: tab.clone(),
            closed_ms: 0,
        },
    );
    let keys = r.keys();
    for (i, key) in keys.iter().enumerate() {
        let (_, q) = bank.find(key).unwrap();
        let ms = 8 * SEC + (rng.next_u64() % 40_000) as i64;
        t += ms;
        let a = if i % 4 == 3 {
            wrong_answer(&q.kind)
        } else {
            right_answer(&q.kind)
        };
        r.set_answer(key, Some(a), t).unwrap();
        r.current = i;
        push(
            &mut r.events,
            t,
            EventKind::Question {
                key: key.clone(),
                ms,
            },
        );
        if i < departures {
            push(
                &mut r.events,
                t + 500,
                EventKind::Left {
                    via: if i % 2 == 0 { Via::Hidden } else { Via::Blur },
                },
            );
            let away = 2 * SEC + (rng.next_u64() % 30_000) as i64;
            t += away;
            push(&mut r.events, t, EventKind::Returned { away_ms: away });
            r.focus_lost += 1;
        }
    }
    // A reload, another tab, the clock, full screen; then a second pass over every question.
    let tab2 = format!("{:x}", rng.next_u64() >> 12);
    push(
        &mut r.events,
        t + 3 * SEC,
        EventKind::Opened {
            tab: tab2.clone(),
            closed_ms: 2_400,
        },
    );
    push(
        &mut r.events,
        t + 4 * SEC,
        EventKind::TakeOver {
            tab: tab2.clone(),
            from: tab,
        },
    );
    push(
        &mut r.events,
        t + 5 * SEC,
        EventKind::ClockBack { by_ms: 3_600_000 },
    );
    push(
        &mut r.events,
        t + 6 * SEC,
        EventKind::ClockForward { by_ms: 90_000 },
    );
    push(&mut r.events, t + 7 * SEC, EventKind::FullscreenLeft);
    t += 8 * SEC;
    for key in &keys {
        let ms = 1_500 + (rng.next_u64() % 6_000) as i64;
        t += ms;
        push(
            &mut r.events,
            t,
            EventKind::Question {
                key: key.clone(),
                ms,
            },
        );
    }
    r.flagged.insert(keys[0].clone());
    r.submit(
        bank,
        &lib.grade_context(bank_path),
        t + 2 * SEC,
        SubmitReason::Manual,
    );
    assert!(r.is_submitted());
    r
}

fn banks<'a>(lib: &'a Library) -> impl Fn(&str) -> Option<&'a Bank> + 'a {
    move |path: &str| lib.banks.get(path).map(|b| &**b)
}

fn bank<'a>(lib: &'a Library, r: &AttemptRecord) -> Option<&'a Bank> {
    lib.banks.get(&r.bank.path).map(|b| &**b)
}

/// What the desk shows of a record read from a code is what it shows of the file: the record
/// itself, and of the event log its summary (the code carries the summary, not the log).
fn assert_same(code: &AttemptRecord, file: &AttemptRecord) {
    assert_eq!(Summary::of(code), Summary::of(file), "{}", file.bank.path);
    let (mut a, mut b) = (code.clone(), file.clone());
    a.events.clear();
    b.events.clear();
    assert_eq!(a, b);
}

/// The record the desk gets from the JSON export, without what only the phone uses.
fn via_json(r: &AttemptRecord) -> AttemptRecord {
    let mut c = Cohort::default();
    let rep = c.add_file_with::<SerdeJson>("a.json", &export_json(std::slice::from_ref(r), T0));
    assert_eq!(rep.added, 1, "{}", rep.message());
    let mut j = c.attempts.remove(0);
    j.flagged.clear();
    j.checked.clear();
    j.current = 0;
    j
}

fn realistic() -> Vec<(Rc<Library>, AttemptRecord)> {
    let lib = Rc::new(course());
    let fix = Rc::new(fixture_course());
    let mut out = Vec::new();
    for (p, name, seed, away) in [
        ("course/basics.md", "张三", 7, 3),
        ("course/final.md", "李四", 8, 1),
    ] {
        out.push((fix.clone(), attempt(&fix, p, name, seed, away)));
    }
    for (p, name, seed, away) in [
        ("exams/final-exam.md", "王小明", 11, 12),
        ("exams/final-exam.md", "赵六", 12, 30),
        ("exams/09-replies.md", "钱七", 13, 5),
        ("exams/02-platform-rules.md", "孙八", 14, 2),
    ] {
        out.push((lib.clone(), attempt(&lib, p, name, seed, away)));
    }
    out
}

#[test]
fn every_path_gives_the_json_imports_record_regrade_and_review() {
    for (lib, r) in realistic() {
        let json = via_json(&r);
        let payload = encode(&r, &banks(&lib));
        assert_same(&decode(&payload, &banks(&lib)).unwrap(), &json);
        // Without the trainee's bank every question is written out: larger, the same record.
        let full = encode(&r, &());
        assert!(full.len() > payload.len());
        assert_same(&decode(&full, &()).unwrap(), &json);

        let mut from_code = Cohort::default();
        let text = format!("老师好，这是我的成绩：{}", code(&r, &banks(&lib)));
        let rep = from_code.add_code(&text, Some(&lib));
        assert_eq!((rep.added, rep.refused), (1, false), "{}", rep.message());
        assert_same(&from_code.attempts[0], &json);

        let mut fr = frames(&payload).unwrap();
        fr.reverse();
        let joined = join_frames(&fr, &banks(&lib));
        assert!(joined.problems.is_empty(), "{:?}", joined.problems);
        assert_eq!(joined.attempts.len(), 1);
        assert_same(&joined.attempts[0], &json);

        // The same re-grade findings and outcome, and the same review (the stored outcome the
        // review shows, question by question, and the log's summary).
        let ctx = lib.grade_context(&r.bank.path);
        let a = dry_run(&json, bank(&lib, &r), &ctx);
        let b = dry_run(&from_code.attempts[0], bank(&lib, &r), &ctx);
        assert_eq!(a, b);
        assert!(a.findings.is_empty(), "{:?}", a.findings);
        assert_eq!(from_code.attempts[0].result, r.result);
    }
}

#[test]
fn the_largest_realistic_attempt_fits_in_four_frames() {
    println!(
        "QR frame: {QR_CHARS} characters (version 20-M alphanumeric), {FRAME_PAYLOAD} payload bytes"
    );
    println!(
        "{:<32} {:>3} {:>6} {:>7} {:>7} {:>7} {:>5} {:>6}",
        "attempt", "qs", "events", "JSON", "payload", "no bank", "code", "frames"
    );
    let mut worst = 0;
    for (lib, r) in realistic() {
        let json = r.to_json().len();
        let payload = encode(&r, &banks(&lib));
        let full = encode(&r, &());
        let code = code(&r, &banks(&lib));
        let fr = frames(&payload).unwrap();
        assert!(fr.iter().all(|f| f.len() <= QR_CHARS));
        assert!(fr.iter().all(|f| f
            .bytes()
            .all(|c| b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".contains(&c))));
        // Each frame draws as a QR code of version 20 at most, at level M (what the app shows).
        for f in &fr {
            let img = frame_qr(f).expect("a frame fits one QR code");
            assert!(img.version <= MAX_FRAME_VERSION, "version {}", img.version);
        }
        println!(
            "{:<32} {:>3} {:>6} {:>7} {:>7} {:>7} {:>5} {:>6}",
            format!("{} {}", r.bank.path, r.trainee.name),
            r.questions.len(),
            r.events.len(),
            json,
            payload.len(),
            full.len(),
            code.len(),
            fr.len()
        );
        if r.bank.path == "exams/final-exam.md" {
            assert_eq!(r.answers.len(), r.questions.len());
            assert!(r.events.len() >= 100);
            worst = worst.max(fr.len());
        } else if r.bank.path == "exams/09-replies.md" {
            assert!(fr.len() <= 7, "the reply bank needs {} frames", fr.len());
        } else {
            assert!(fr.len() <= 4, "{} needs {} frames", r.bank.path, fr.len());
        }
        // For measuring compression by hand: HANDOVER_DUMP=dir writes each payload there.
        if let Ok(dir) = std::env::var("HANDOVER_DUMP") {
            let name = format!("{}-{}.bin", r.bank.path.replace('/', "_"), r.seed);
            std::fs::write(std::path::Path::new(&dir).join(name), &payload).unwrap();
        }
    }
    // The final exam is the largest attempt a trainee hands over; the reply bank (17 written
    // replies and their feedback) is larger still, and checked not to grow unnoticed.
    assert!(worst <= 4, "the final exam needs {worst} frames");
}

fn final_attempt(lib: &Library) -> AttemptRecord {
    attempt(lib, "exams/final-exam.md", "王小明", 11, 12)
}

fn frames_of(lib: &Library, r: &AttemptRecord) -> Vec<String> {
    frames(&encode(r, &banks(lib))).unwrap()
}

#[test]
fn frames_shuffled_and_duplicated_still_join_and_two_trainees_never_mix() {
    let lib = course();
    let a = attempt(&lib, "exams/final-exam.md", "王小明", 11, 12);
    let b = attempt(&lib, "exams/final-exam.md", "赵六", 12, 20);
    let (fa, fb) = (frames_of(&lib, &a), frames_of(&lib, &b));
    assert!(
        fa.len() >= 2 && fb.len() >= 2,
        "the test wants several frames each"
    );
    // Interleaved, shuffled, each shown three times (a phone cycling), with a foreign code.
    let mut all: Vec<String> = fa.iter().chain(&fb).cloned().collect();
    all = all.iter().chain(&all).chain(&all).cloned().collect();
    let mut rng = Rng::new(5);
    rng.shuffle(&mut all);
    let mut j = Joiner::new();
    assert_eq!(j.add("https://example.com/", &banks(&lib)), Scan::Foreign);
    let mut got = Vec::new();
    let mut duplicates = 0;
    for f in &all {
        match j.add(f, &banks(&lib)) {
            Scan::Complete(r) => got.push(*r),
            Scan::Duplicate => duplicates += 1,
            Scan::Partial { .. } => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(duplicates, all.len() - fa.len() - fb.len());
    got.sort_by(|x, y| x.trainee.name.cmp(&y.trainee.name));
    let mut want = [via_json(&a), via_json(&b)];
    want.sort_by(|x, y| x.trainee.name.cmp(&y.trainee.name));
    assert_eq!(got.len(), 2);
    assert_same(&got[0], &want[0]);
    assert_same(&got[1], &want[1]);
    assert!(j.missing().is_empty());
    // Each joined attempt enters the cohort as a file's would; the same one again is a duplicate.
    let mut cohort = Cohort::default();
    assert_eq!(
        cohort.add_scanned(got[0].clone()).message(),
        "王小明 的成绩码：导入 1 条记录"
    );
    assert_eq!(cohort.add_scanned(got[0].clone()).duplicates, 1);
    assert_eq!(cohort.add_scanned(got[1].clone()).added, 1);
}

#[test]
fn a_missing_frame_and_a_misread_frame_are_named() {
    let lib = course();
    let r = final_attempt(&lib);
    let fr = frames_of(&lib, &r);
    let n = fr.len();
    assert!(n >= 3, "the test wants at least 3 frames, got {n}");
    // Frame 2 never read: named as missing.
    let some: Vec<&String> = fr
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, f)| f)
        .collect();
    let j = join_frames(&some, &banks(&lib));
    assert!(j.attempts.is_empty());
    assert_eq!(
        j.problems,
        vec![format!("有一份成绩还差第 2 个码（共 {n} 个）")]
    );
    // Frame 3 misread (one character changed in its data): named, dropped, and the joiner still
    // waits for a good read of it, which completes the attempt.
    let mut bad = fr[2].clone().into_bytes();
    let at = bad.len() / 2;
    bad[at] = if bad[at] == b'A' { b'B' } else { b'A' };
    let bad = String::from_utf8(bad).unwrap();
    let mut jn = Joiner::new();
    for f in &fr[..2] {
        jn.add(f, &banks(&lib));
    }
    assert_eq!(
        jn.add(&bad, &banks(&lib)),
        Scan::Bad(format!("第 3 个码（共 {n} 个）没有读对，请再扫一次"))
    );
    let expect_missing: Vec<usize> = (2..n).collect();
    assert_eq!(jn.missing().len(), 1);
    assert_eq!(jn.missing()[0].1, expect_missing);
    let mut done = None;
    for f in &fr[2..] {
        if let Scan::Complete(rec) = jn.add(f, &banks(&lib)) {
            done = Some(*rec);
        }
    }
    assert_same(&done.expect("completed"), &via_json(&r));
    // A frame cut short (the scanner read part of it) is named too.
    let cut = &fr[0][..fr[0].len() - 7];
    assert!(matches!(Joiner::new().add(cut, &banks(&lib)), Scan::Bad(_)));
}

/// Dry runs of the file, the pasted code and the scanned frames of `r` against `lib`.
fn three_ways(r: &AttemptRecord, phone: &Library, desk: &Library) -> [Vec<Finding>; 3] {
    let ctx = desk.grade_context(&r.bank.path);
    let file = dry_run(&via_json(r), bank(desk, r), &ctx);
    let mut c = Cohort::default();
    let rep = c.add_code(&code(r, &banks(phone)), Some(desk));
    assert_eq!(rep.added, 1, "{}", rep.message());
    let pasted = dry_run(&c.attempts[0], bank(desk, r), &ctx);
    let joined = join_frames(&frames_of(phone, r), &banks(desk));
    let scanned = dry_run(&joined.attempts[0], bank(desk, r), &ctx);
    [file.findings, pasted.findings, scanned.findings]
}

#[test]
fn an_edited_score_in_a_code_is_flagged_like_an_edited_file() {
    let lib = course();
    let path = "exams/final-exam.md";
    let mut r = attempt(&lib, path, "王小明", 11, 2);
    // Raise a wrongly answered question's stored score, keeping the totals consistent, as a
    // trainee editing a file would; then hand it over as a code and as frames.
    let o = r.result.as_mut().unwrap();
    let q = o
        .questions
        .iter_mut()
        .find(|q| q.score < q.max)
        .expect("a question not at full marks");
    let key = q.key.clone();
    let raised = q.max - q.score;
    q.score = q.max;
    o.score += raised;
    o.percent = (o.score / o.max * 10000.0).round() / 100.0;
    o.passed = o.percent >= r.pass_percent;
    let [file, pasted, scanned] = three_ways(&r, &lib, &lib);
    assert_eq!(pasted, file);
    assert_eq!(scanned, file);
    assert!(
        pasted
            .iter()
            .any(|f| matches!(f, Finding::ScoreEdited { key: k, .. } if *k == key)),
        "{pasted:?}"
    );
}

#[test]
fn an_inconsistent_record_in_a_code_is_flagged_like_an_inconsistent_file() {
    let lib = course();
    let path = "exams/final-exam.md";
    // Totals that do not add up (the verdict raised with them), and an answer time after the
    // submission: each named the same for the file, the pasted code and the scanned frames.
    let mut r = attempt(&lib, path, "王小明", 21, 1);
    let o = r.result.as_mut().unwrap();
    o.score = o.max;
    o.percent = 100.0;
    o.passed = true;
    let end = r.submitted_at.unwrap();
    let key = r.keys()[0].clone();
    r.answered_at.insert(key, end + 60 * SEC);
    let [file, pasted, scanned] = three_ways(&r, &lib, &lib);
    assert_eq!(pasted, file);
    assert_eq!(scanned, file);
    let said: Vec<String> = file.iter().map(|f| f.message()).collect();
    assert!(
        said.iter().any(|m| m.contains("不等于各题得分之和")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|m| m.contains("作答时间晚于交卷时间")),
        "{said:?}"
    );
    assert!(file.iter().all(|f| f.code() == "inconsistent"), "{said:?}");
}

#[test]
fn a_question_edited_since_is_named_like_for_a_file_and_a_bank_gone_is_named() {
    let phone = fixture_course();
    let r = attempt(&phone, "course/basics.md", "张三", 7, 1);
    let edit = |find: &str, replace: &str| {
        let mut files = fixture_files("course");
        let text = files["course/basics.md"].clone().unwrap();
        assert!(text.contains(find), "fixture changed: {find}");
        files.insert(
            "course/basics.md".into(),
            Some(text.replacen(find, replace, 1)),
        );
        let lib = library::load("course/index.md", &files);
        assert_eq!(lib.errors().count(), 0);
        lib
    };
    // A question's wording edited at the desk's site after the attempt.
    let desk = edit("早上 8:00 到晚上 24:00", "早上 8:00 到晚上 22:00");
    let [file, pasted, scanned] = three_ways(&r, &phone, &desk);
    assert_eq!(
        file,
        vec![Finding::QuestionChanged {
            key: "course/basics.md#service-hours".into()
        }]
    );
    assert_eq!(pasted, file);
    assert_eq!(scanned, file);
    // The whole bank gone from the site: the file is named BankGone; a code that names its
    // questions by their place cannot be read, and says why.
    let mut gone = fixture_files("course");
    gone.insert("course/basics.md".into(), None);
    let empty = library::load("course/index.md", &gone);
    let rep = Cohort::default().add_code(&code(&r, &banks(&phone)), Some(&empty));
    assert!(rep.refused);
    assert!(
        rep.message().contains("网站上没有题库 course/basics.md"),
        "{}",
        rep.message()
    );
}

#[test]
fn a_changed_payload_byte_fails_the_check() {
    let lib = course();
    let r = final_attempt(&lib);
    let mut p = encode(&r, &banks(&lib));
    let at = p.len() / 3;
    p[at] ^= 0x20;
    assert_eq!(
        decode(&p, &banks(&lib)).unwrap_err().message(),
        "校验不符，内容有损坏或改动"
    );
    // The same inside a code: named by its place in the message.
    let text = format!("KF1.{}", base64url(&p));
    let read = read_codes(&text, &banks(&lib));
    assert_eq!(read.problems.len(), 1);
    assert!(
        read.problems[0].starts_with("第 1 个成绩码（KF1."),
        "{}",
        read.problems[0]
    );
    assert!(
        read.problems[0].ends_with("校验不符，内容有损坏或改动"),
        "{}",
        read.problems[0]
    );
}

#[test]
fn three_codes_in_one_chat_message_are_three_attempts_and_a_truncated_one_is_named() {
    let lib = course();
    let fix = fixture_course();
    let a = attempt(&lib, "exams/final-exam.md", "王小明", 11, 4);
    let b = attempt(&lib, "exams/02-platform-rules.md", "赵六", 12, 0);
    let c = attempt(&fix, "course/basics.md", "李四", 13, 1);
    let ca = code(&a, &banks(&lib));
    let cb = code(&b, &banks(&lib));
    let cc = code(&c, &());
    assert!(ca
        .bytes()
        .all(|x| x.is_ascii_alphanumeric() || b".-_".contains(&x)));
    let message = format!(
        "[微信] 王小明：老师，我的成绩码 {ca}\n赵六：{cb}，收到请回复～\n李四 18:02\n「{cc}」谢谢老师！"
    );
    let mut cohort = Cohort::default();
    let rep = cohort.add_code(&message, Some(&lib));
    assert_eq!(
        (rep.added, rep.duplicates, rep.refused),
        (3, 0, false),
        "{}",
        rep.message()
    );
    assert!(rep.problems.is_empty(), "{:?}", rep.problems);
    assert_eq!(cohort.trainees().len(), 3);
    // Pasted again: all three are duplicates.
    let again = cohort.add_code(&message, Some(&lib));
    assert_eq!((again.added, again.duplicates), (0, 3));

    // The second code cut off (a chat app's preview, a copy that stopped short).
    let cut = &cb[..cb.len() * 2 / 3];
    let message = format!("王小明：{ca}\n赵六：{cut}\n李四：{cc}");
    let mut cohort = Cohort::default();
    let rep = cohort.add_code(&message, Some(&lib));
    assert_eq!(rep.added, 2);
    assert_eq!(rep.problems.len(), 1, "{:?}", rep.problems);
    assert!(
        rep.problems[0].starts_with("第 2 个成绩码（KF1."),
        "{}",
        rep.problems[0]
    );
    assert!(rep.problems[0].contains("不完整"), "{}", rep.problems[0]);
    assert!(rep.message().contains("导入 2 条记录"), "{}", rep.message());

    // Nothing that looks like a code: refused, and said so.
    let rep = Cohort::default().add_code("老师好", Some(&lib));
    assert!(rep.refused);
    assert!(
        rep.message().contains("没有找到成绩码"),
        "{}",
        rep.message()
    );
}

#[test]
fn the_cohort_binary_reads_codes_from_a_saved_chat_message() {
    // The fixture course as the site serves it (under exams/), so the records name exams/….
    let files: kefu_exam::engine::bank::library::Files = fixture_files("course")
        .into_iter()
        .map(|(k, v)| (k.replacen("course/", "exams/", 1), v))
        .collect();
    let lib = library::load("exams/index.md", &files);
    let a = attempt(&lib, "exams/basics.md", "张三", 21, 1);
    let b = attempt(&lib, "exams/final.md", "李四", 22, 0);
    let dir = std::env::temp_dir().join(format!("kefu-handover-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let chat = format!(
        "张三：{}\n李四：{}\n",
        code(&a, &banks(&lib)),
        code(&b, &banks(&lib))
    );
    std::fs::write(dir.join("chat.txt"), chat).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cohort"))
        .arg(fixtures_dir().join("course"))
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("chat.txt（2 个成绩码）：导入 2 条记录"),
        "{text}"
    );
    assert!(text.contains("== 班级成绩表（2 名学员）"), "{text}");
}

#[test]
fn a_code_of_a_newer_version_is_named_as_such() {
    let read = read_codes("KF2.AAAA", &());
    assert!(read.problems[0].contains("更新版本"), "{:?}", read.problems);
    assert!(read.attempts.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_input_to_the_readers_panics(text in "\\PC{0,300}", bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let lib = small().0;
        let b = banks(&lib);
        let _ = read_codes(&text, &());
        let _ = read_codes(&format!("KF1.{text}"), &b);
        let _ = read_codes(&format!("KF1.{}", base64url(&bytes)), &b);
        let _ = decode(&bytes, &b);
        let mut j = Joiner::new();
        let _ = j.add(&text, &b);
        let _ = j.add(&format!("KF:{text}"), &b);
        let _ = j.add(&format!("KF:{}", kefu_exam::engine::attempt::handover::wire::base45(&bytes)), &b);
        let _ = j.missing_messages();
    }

    #[test]
    fn damaged_real_payloads_never_panic_and_never_read_as_another_attempt(at in 0usize..4000, bit in 0u8..8, cut in 0usize..4000) {
        let (lib, r) = small();
        let b = banks(&lib);
        let p = encode(&r, &banks(&lib));
        let mut q = p.clone();
        let i = at % q.len();
        q[i] ^= 1 << bit;
        prop_assert!(decode(&q, &b).is_err());
        let cut = cut % p.len();
        prop_assert!(decode(&p[..cut], &b).is_err());
        let fr = frames(&p).unwrap();
        let joined = join_frames(&[&fr[0][..fr[0].len().min(cut)]], &b);
        prop_assert!(joined.attempts.is_empty() || fr.len() == 1 && cut >= fr[0].len());
    }
}

fn small() -> (Rc<Library>, AttemptRecord) {
    thread_local! {
        static S: (Rc<Library>, AttemptRecord) = {
            let lib = Rc::new(fixture_course());
            let r = attempt(&lib, "course/basics.md", "张三", 7, 3);
            (lib, r)
        };
    }
    S.with(|s| s.clone())
}

// ---- Typing tests (the day-1 typing-speed test) by code ----

use kefu_exam::engine::attempt::handover::PayloadError;
use kefu_exam::engine::attempt::typing::{close, close_if_expired, commit};
use kefu_exam::engine::typing::typing::TypingEnd;

const TYPING: &str = "exams/01-typing.md";

/// How a simulated typing test ends.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ends {
    /// Typing until the time runs out (noticed a few seconds late, as a phone does).
    TimeUp,
    /// Stopping after this many characters of the text.
    Stopped(usize),
    /// Typing the whole text.
    EndOfText,
}

/// A typing test on the course's day-1 bank as a trainee types it: `cpm` characters a minute,
/// committed two or three at a time (an input method's words). Every `typo`-th character of
/// the text is typed wrong and left; every `fix`-th is typed wrong, deleted and retyped (a
/// correction); every 131st is skipped and every 149th doubled. `typo`/`fix` of 0: none.
#[allow(clippy::too_many_arguments)]
fn typing_attempt(
    lib: &Library,
    mode: Mode,
    name: &str,
    seed: u64,
    cpm: i64,
    typo: usize,
    fix: usize,
    ends: Ends,
) -> AttemptRecord {
    let bank = &lib.typing[TYPING];
    let who = Trainee {
        name: name.into(),
        employee_no: format!("KF{seed:04}"),
    };
    let mut r = bank.start(mode, who, seed, T0);
    push(
        &mut r.events,
        T0,
        EventKind::Opened {
            tab: "t1".into(),
            closed_ms: 0,
        },
    );
    let text: Vec<char> = r.typing.as_ref().unwrap().text.chars().collect();
    let step = 60_000 / cpm;
    let mut t = T0 + 4 * SEC;
    let mut typed = String::new();
    let wrong = |c: char| if c == '的' { '地' } else { '的' };
    let stop_at = match ends {
        Ends::Stopped(n) => n.min(text.len()),
        _ => text.len(),
    };
    let mut over = false;
    for (i, &c) in text[..stop_at].iter().enumerate() {
        t += step;
        if fix > 0 && i % fix == fix / 2 {
            typed.push(wrong(c));
            if commit(&mut r, &typed, t).is_err() {
                over = true;
                break;
            }
            typed.pop();
            t += step;
        }
        if typo > 0 && i % typo == typo / 3 {
            typed.push(wrong(c));
        } else if i % 131 == 40 {
        } else if i % 149 == 70 {
            typed.push(c);
            typed.push(c);
        } else {
            typed.push(c);
        }
        if i % 3 == 2 || i + 1 == stop_at {
            match commit(&mut r, &typed, t) {
                Ok(true) => break,
                Ok(false) => {}
                Err(_) => {
                    over = true;
                    break;
                }
            }
        }
        if i == 50 {
            push(&mut r.events, t, EventKind::Left { via: Via::Hidden });
            t += 3 * SEC;
            push(&mut r.events, t, EventKind::Returned { away_ms: 3 * SEC });
            r.focus_lost += 1;
        }
    }
    match ends {
        Ends::TimeUp => {
            assert!(over, "{name} reached the end of the text before the time");
            let deadline = r.typing.as_ref().unwrap().deadline().unwrap();
            assert!(close_if_expired(&mut r, deadline + 4 * SEC));
        }
        Ends::Stopped(_) => close(&mut r, t + 2 * SEC, TypingEnd::Stopped),
        Ends::EndOfText => {}
    }
    assert!(r.is_submitted(), "{name}");
    let tr = r.typing.as_ref().unwrap();
    assert!(tr.result.is_some());
    if let Ends::EndOfText = ends {
        assert_eq!(tr.end, Some(TypingEnd::EndOfText));
    }
    r
}

fn site(lib: &Library) -> &Library {
    lib
}

/// The course's typing tests a trainer sees in a week: a fast typist who types the whole text,
/// one who runs out of time with typos, deletions and doubled characters, a slow one who stops
/// early, and a practice run.
fn typing_tests(lib: &Library) -> Vec<AttemptRecord> {
    vec![
        typing_attempt(lib, Mode::Exam, "周一", 31, 120, 60, 45, Ends::EndOfText),
        typing_attempt(lib, Mode::Exam, "吴二", 32, 90, 25, 20, Ends::TimeUp),
        typing_attempt(lib, Mode::Exam, "郑三", 33, 40, 10, 7, Ends::TimeUp),
        typing_attempt(lib, Mode::Exam, "冯四", 34, 70, 15, 0, Ends::Stopped(90)),
        typing_attempt(lib, Mode::Practice, "陈五", 35, 100, 0, 30, Ends::EndOfText),
    ]
}

#[test]
fn a_typing_test_by_code_is_the_record_of_its_json_file() {
    let lib = course();
    for r in typing_tests(&lib) {
        let json = via_json(&r);
        let t = json.typing.as_ref().unwrap();
        assert!(!t.typed.is_empty());
        let payload = encode(&r, &site(&lib));
        assert_same(&decode(&payload, &site(&lib)).unwrap(), &json);
        // The phone without the bank writes the text out: larger, the same record, read at a
        // desk without it too.
        let full = encode(&r, &());
        assert!(full.len() > payload.len());
        assert_same(&decode(&full, &()).unwrap(), &json);

        let mut pasted = Cohort::default();
        let rep = pasted.add_code(
            &format!("老师，打字测试：{}", code(&r, &site(&lib))),
            Some(&lib),
        );
        assert_eq!((rep.added, rep.refused), (1, false), "{}", rep.message());
        assert_same(&pasted.attempts[0], &json);

        let mut fr = frames(&payload).unwrap();
        fr.reverse();
        let joined = join_frames(&fr, &site(&lib));
        assert!(joined.problems.is_empty(), "{:?}", joined.problems);
        assert_same(&joined.attempts[0], &json);
        // The desk's check finds nothing in an honest test, by either way.
        let ctx = lib.grade_context(TYPING);
        assert_eq!(dry_run(&json, None, &ctx).findings, vec![]);
        assert_eq!(dry_run(&pasted.attempts[0], None, &ctx).findings, vec![]);
        // What the desk shows of it: the same speed, accuracy and verdict.
        let (a, b) = (
            pasted.attempts[0].typing.as_ref().unwrap().result.clone(),
            r.typing.as_ref().unwrap().result.clone(),
        );
        assert_eq!(a, b);
    }
}

#[test]
fn typos_deletions_and_a_time_out_are_what_the_trainer_would_count() {
    let lib = course();
    let r = typing_attempt(&lib, Mode::Exam, "吴二", 32, 90, 25, 20, Ends::TimeUp);
    let back = decode(&encode(&r, &site(&lib)), &site(&lib)).unwrap();
    let t = back.typing.as_ref().unwrap();
    let res = t.result.as_ref().unwrap();
    // Three minutes at 90 a minute, less the time the corrections took.
    assert_eq!(t.end, Some(TypingEnd::TimeUp));
    assert_eq!(res.elapsed_ms, 180_000);
    assert_eq!(back.submit_reason, Some(SubmitReason::Timeout));
    assert!(
        res.counts.wrong > 0 && res.counts.missed > 0,
        "{:?}",
        res.counts
    );
    assert!(t.corrections > 5, "{}", t.corrections);
    assert!(res.net_cpm > 60.0 && res.net_cpm < 90.0, "{}", res.net_cpm);
    assert_eq!(back.focus_lost, 1);
    assert_eq!(Summary::of(&back).departures, 1);
}

#[test]
fn the_longest_typing_test_fits_in_four_frames() {
    let lib = course();
    let bank = &lib.typing[TYPING];
    let minutes = i64::from(bank.duration) / 60;
    println!(
        "{TYPING}: {} passages, {} characters, {minutes} minutes",
        bank.passages.len(),
        bank.total_chars()
    );
    println!(
        "{:<34} {:>5} {:>6} {:>7} {:>8} {:>5} {:>6}",
        "typing test", "typed", "JSON", "payload", "no bank", "code", "frames"
    );
    // At a fast 120 字/分 the whole time (or the whole text, if it is shorter), a few typos.
    let fast = typing_attempt(
        &lib,
        Mode::Exam,
        "最快的学员",
        41,
        120,
        40,
        30,
        if bank.total_chars() as i64 > 120 * minutes {
            Ends::TimeUp
        } else {
            Ends::EndOfText
        },
    );
    // Beyond the course: the longest test the format allows (5 minutes) on a text long enough
    // for 120 字/分 the whole time (the course's passages three times over).
    let mut files = exam_files();
    let day1 = files[TYPING].clone().unwrap();
    let (head, body) = day1.split_at(day1.find("\n## ").unwrap());
    let longer = format!(
        "{}{body}{}{}",
        head.replace("duration: 3", "duration: 5"),
        body.replace("{#", "{#again-"),
        body.replace("{#", "{#third-")
    );
    files.insert(TYPING.into(), Some(longer));
    let long_lib = library::load("exams/index.md", &files);
    assert_eq!(long_lib.errors().count(), 0);
    assert_eq!(long_lib.typing[TYPING].duration, 300);
    let five = typing_attempt(
        &long_lib,
        Mode::Exam,
        "五分钟",
        42,
        120,
        40,
        30,
        Ends::TimeUp,
    );
    let mut worst = 0;
    for (lib, r) in typing_tests(&lib)
        .iter()
        .chain([&fast])
        .map(|r| (&lib, r))
        .chain([(&long_lib, &five)])
    {
        let payload = encode(r, &site(lib));
        let fr = frames(&payload).unwrap();
        for f in &fr {
            let img = frame_qr(f).expect("a frame fits one QR code");
            assert!(img.version <= MAX_FRAME_VERSION);
        }
        let t = r.typing.as_ref().unwrap();
        println!(
            "{:<34} {:>5} {:>6} {:>7} {:>8} {:>5} {:>6}",
            format!("{} {:?} {}", r.trainee.name, t.end.unwrap(), fmt_cpm(r)),
            t.typed.chars().count(),
            r.to_json().len(),
            payload.len(),
            encode(r, &()).len(),
            code(r, &site(lib)).len(),
            fr.len()
        );
        worst = worst.max(fr.len());
    }
    assert!(worst <= 4, "the longest typing test needs {worst} frames");
}

fn fmt_cpm(r: &AttemptRecord) -> String {
    let res = r.typing.as_ref().unwrap().result.as_ref().unwrap();
    format!("{}字/分", res.net_cpm)
}

#[test]
fn an_edited_speed_in_a_typing_code_reads_as_it_does_in_the_file() {
    let lib = course();
    let mut r = typing_attempt(&lib, Mode::Exam, "郑三", 33, 40, 10, 7, Ends::TimeUp);
    // The trainee raises the stored speed and accuracy to pass, as in an edited file.
    let res = r.typing.as_mut().unwrap().result.as_mut().unwrap();
    res.net_cpm = 95.0;
    res.accuracy = 99.5;
    for t in &mut res.targets {
        t.met = t.cpm <= 95;
    }
    let json = via_json(&r);
    let mut c = Cohort::default();
    let rep = c.add_code(&code(&r, &site(&lib)), Some(&lib));
    assert_eq!(rep.added, 1, "{}", rep.message());
    assert_same(&c.attempts[0], &json);
    // The desk's check of the record gives the same findings for the code and the file.
    let ctx = lib.grade_context(TYPING);
    let file = dry_run(&json, None, &ctx);
    let pasted = dry_run(&c.attempts[0], None, &ctx);
    assert_eq!(pasted.findings, file.findings);
    let said = file.reasons();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("记录前后矛盾：打字成绩与记录里打的字不符：记录 95 字/分、准确率 99.5%（达到 75、90 字/分），按打的字计算是 "),
        "{said:?}"
    );
    assert!(file.suspicious());
}

#[test]
fn a_typing_code_whose_passage_changed_at_the_desk_is_refused_and_says_why() {
    let phone = course();
    let r = typing_attempt(&phone, Mode::Exam, "冯四", 34, 70, 15, 0, Ends::Stopped(90));
    let text = code(&r, &site(&phone));
    let mut files = exam_files();
    let bank = files[TYPING].clone().unwrap();
    let find = "今天就可以发货";
    assert!(bank.contains(find), "the typing bank changed: {find}");
    files.insert(TYPING.into(), Some(bank.replace(find, "明天就可以发货")));
    let edited = library::load("exams/index.md", &files);
    let rep = Cohort::default().add_code(&text, Some(&edited));
    assert!(rep.refused);
    // The JSON file of the same test is read, and its re-grade names the two passages edited.
    let mut c = Cohort::default();
    c.attempts.push(via_json(&r));
    let run = &dry_run_cohort(&c.attempts, &edited)[0];
    let mut named: Vec<String> = run.findings.iter().map(Finding::message).collect();
    named.sort();
    assert_eq!(
        named,
        [
            "题目 exams/01-typing.md#pay-reminder 在考试之后被修改过",
            "题目 exams/01-typing.md#unpaid 在考试之后被修改过"
        ]
    );
    assert!(!run.suspicious());
    // Against the unedited course, nothing.
    assert_eq!(dry_run_cohort(&c.attempts, &phone)[0].findings, vec![]);
    let said = rep.message();
    assert!(said.contains("打字题库 exams/01-typing.md"), "{said}");
    assert!(said.contains("文章在测试之后被修改过"), "{said}");
    assert!(said.contains("发送给老师"), "{said}");
    // The bank gone from the desk's site: the same reason.
    let bytes = encode(&r, &site(&phone));
    assert_eq!(
        decode(&bytes, &banks(&phone)),
        Err(PayloadError::NoPassage(TYPING.into()))
    );
    // A phone that no longer has the bank writes the text out: any desk reads it.
    let full = encode(&r, &());
    assert_same(&decode(&full, &site(&edited)).unwrap(), &via_json(&r));
}

#[test]
fn a_cut_off_or_changed_typing_code_is_named_never_read_as_another_test() {
    let lib = course();
    let r = typing_attempt(&lib, Mode::Exam, "吴二", 32, 90, 25, 20, Ends::TimeUp);
    let p = encode(&r, &site(&lib));
    for i in 0..p.len() {
        for bit in [0, 3, 7] {
            let mut q = p.clone();
            q[i] ^= 1 << bit;
            assert!(decode(&q, &site(&lib)).is_err(), "byte {i} bit {bit}");
        }
        assert!(decode(&p[..i], &site(&lib)).is_err(), "cut at {i}");
    }
    let text = code(&r, &site(&lib));
    let cut = &text[..text.len() * 3 / 4];
    let rep = Cohort::default().add_code(cut, Some(&lib));
    assert!(rep.refused);
    assert!(rep.message().contains("不完整"), "{}", rep.message());
}

/// A code made before typing tests went by code (an exam on the fixture course): still read.
const CODE_BEFORE_TYPING: &str = "KF1.AakDOhBjb3Vyc2UvYmFzaWNzLm1kEuW5s-WPsOinhOWImeWfuuehgAC_7tQTnNvgkwblvKDkuIkGS0YwMDA3B4AFgPrV3sBo8JwGAAEAAAAAARBjb3Vyc2UvYmFzaWNzLm1kBQHTbyGxAhwIBQAChz_Ok2GOCAEAA-QknrZq4ggBAARNt86TR6IQAQAFHJwAjc6OEAEABQUHFeS6su-8jOaKseatie-8jOS8mOaDoAMDAQQwOjAwBAcS5Lqy77yM5Lqy77yM5LiL5Y2VAQABAAIBBQWQvwUD8KUDBMCyBAHQjAECoJkCAQABwD4AAAAAAAAFBdCMAQPQjAEE0IwBAdCMAQLQjAE4OKAGAQUBCAgBAAzlm57nrZTmraPnoa4AAggIAQEAAwgIAQAM5YWo6YOo5aGr5a-5AAQQCAEAH-WRveS4reimgeeCuSAyLzLvvJrkurLvvJvkuIvljZUBBRAIAQAi5ZG95Lit6KaB54K5IDIvMu-8muaKseatie-8m-S8mOaDoAECAAzmnI3liqHml7bpl7QYGAMADOaDheaZr-WbnuWkjSAgAgD-US23";

#[test]
fn a_code_written_before_typing_tests_went_by_code_still_reads() {
    // The attempt the code was made from, rebuilt: every answer right, one departure.
    let lib = fixture_course();
    let path = "course/basics.md";
    let bank = &lib.banks[path];
    let who = Trainee {
        name: "张三".into(),
        employee_no: "KF0007".into(),
    };
    let mut r = AttemptRecord::start(bank, Mode::Exam, who, 7, T0);
    push(
        &mut r.events,
        T0,
        EventKind::Opened {
            tab: "a1".into(),
            closed_ms: 0,
        },
    );
    let mut t = T0;
    for key in r.keys() {
        let (_, q) = bank.find(&key).unwrap();
        t += 9_000;
        r.set_answer(&key, Some(correct_answer(&q.kind)), t)
            .unwrap();
        push(&mut r.events, t, EventKind::Question { key, ms: 9_000 });
    }
    push(&mut r.events, t + 500, EventKind::Left { via: Via::Hidden });
    push(
        &mut r.events,
        t + 4_500,
        EventKind::Returned { away_ms: 4_000 },
    );
    r.focus_lost = 1;
    r.submit(
        bank,
        &lib.grade_context(path),
        t + 6_000,
        SubmitReason::Manual,
    );
    let read = read_codes(CODE_BEFORE_TYPING, &site(&lib));
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_same(&read.attempts[0], &via_json(&r));
    // Exams are written as before, byte for byte.
    assert_eq!(code(&r, &site(&lib)), CODE_BEFORE_TYPING);
}

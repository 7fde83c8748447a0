//! The typing test on the attempt's own clock (`exam_clock`, read through `watch::read_clock`
//! as the exam page reads it): worked examples of a device clock moved during a test, and
//! what a trainer would sign.
//!
//! A 3-minute test of a 90-character text; the trainee types all of it in 90 real seconds,
//! which is 60 字/分. `wall` is the device clock, `mono` the page's monotonic time since the
//! previous reading (`None` right after a page load).

use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason, Trainee};
use kefu_exam::engine::attempt::typing::{close, close_if_expired, commit};
use kefu_exam::engine::attempt::watch;
use kefu_exam::engine::time::events::EventKind;
use kefu_exam::engine::typing::bank::parse_typing_bank;
use kefu_exam::engine::typing::typing::{measure, TypingEnd};

/// 2026-11-23 09:00 Beijing time.
const T0: i64 = 1_795_395_600_000;
const SEC: i64 = 1_000;
const MIN: i64 = 60 * SEC;
/// Nine characters, punctuation included.
const PHRASE: &str = "亲，快到截单时间了";

/// The full text: the phrase ten times, 90 characters.
fn text() -> String {
    PHRASE.repeat(10)
}

/// The first `n` characters of the text, as typed so far.
fn typed(n: usize) -> String {
    text().chars().take(n).collect()
}

/// An exam-mode typing test of 3 minutes, started (page opened) at T0.
fn start() -> AttemptRecord {
    let bank = format!(
        "---\nkind: typing\ntitle: 截单话术\nduration: 3\ntargets: 75, 90, 100\n---\n\n## 一 {{#one}}\n\n{}\n",
        text()
    );
    let (b, diags) = parse_typing_bank("t.md", &bank);
    assert!(diags.is_empty(), "{diags:?}");
    let who = Trainee {
        name: "王五".into(),
        employee_no: "KF-9".into(),
    };
    let mut r = b.start(Mode::Exam, who, 3, T0);
    assert_eq!(watch::read_clock(&mut r, T0, None), T0);
    r
}

fn jumps(r: &AttemptRecord) -> Vec<&EventKind> {
    r.events
        .iter()
        .map(|e| &e.kind)
        .filter(|k| {
            matches!(
                k,
                EventKind::ClockBack { .. } | EventKind::ClockForward { .. }
            )
        })
        .collect()
}

/// The first character at T0, half the text 45 s later: the trainee's own pace, 60 字/分.
fn first_half(r: &mut AttemptRecord) {
    assert_eq!(commit(r, &typed(1), T0), Ok(false));
    let t = watch::read_clock(r, T0 + 45 * SEC, Some(45 * SEC));
    assert_eq!(commit(r, &typed(45), t), Ok(false));
}

#[test]
fn a_clock_set_back_60_s_mid_test_does_not_raise_net_speed() {
    let mut r = start();
    first_half(&mut r);
    // The phone's clock is set back a minute; one real second later the page reads it.
    let t = watch::read_clock(&mut r, T0 + 46 * SEC - MIN, Some(SEC));
    assert_eq!(
        t,
        T0 + 46 * SEC,
        "the attempt's time runs on as really measured"
    );
    // The second half, at the same pace: the last character 90 real seconds after the first.
    let t = watch::read_clock(&mut r, T0 + 90 * SEC - MIN, Some(44 * SEC));
    assert_eq!(commit(&mut r, &text(), t), Ok(true));

    let ty = r.typing.as_ref().unwrap();
    let res = ty.result.as_ref().unwrap();
    assert_eq!(ty.end, Some(TypingEnd::EndOfText));
    assert_eq!(res.elapsed_ms, 90 * SEC);
    assert_eq!(res.net_cpm, 60.0);
    assert!(
        res.targets.iter().all(|t| !t.met),
        "60 字/分 meets no target"
    );
    // Read from the device clock the same test would have lasted 30 s: 180 字/分, every target.
    assert_eq!(
        measure(&text(), &text(), 30 * SEC, 0, &[], None).net_cpm,
        180.0
    );
    // The trainer sees why the device clock disagrees.
    assert_eq!(jumps(&r), vec![&EventKind::ClockBack { by_ms: MIN }]);
    assert_eq!(r.submitted_at, Some(T0 + 90 * SEC));
}

#[test]
fn a_clock_set_back_before_a_reload_gains_at_most_the_time_since_the_last_save() {
    let mut r = start();
    first_half(&mut r);
    // Saved at the 45th character (every commit is saved). Five real seconds later the clock
    // is set back a minute and the page reloaded: a page load has no monotonic time, so the
    // time since the save cannot be measured and counts as none, as in an exam.
    let t = watch::read_clock(&mut r, T0 + 50 * SEC - MIN, None);
    assert_eq!(t, T0 + 45 * SEC);
    // From here the page measures again: the rest in 45 real seconds.
    let t = watch::read_clock(&mut r, T0 + 95 * SEC - MIN, Some(45 * SEC));
    assert_eq!(commit(&mut r, &text(), t), Ok(true));
    let res = r.typing.as_ref().unwrap().result.clone().unwrap();
    // 90 characters in 90 counted seconds (95 real): 60 字/分, not the device clock's
    // 90 characters in 35 s (154 字/分).
    assert_eq!(res.elapsed_ms, 90 * SEC);
    assert_eq!(res.net_cpm, 60.0);
    assert_eq!(jumps(&r), vec![&EventKind::ClockBack { by_ms: 55 * SEC }]);
}

#[test]
fn a_clock_set_forward_counts_as_time_passed_and_past_the_deadline_ends_the_test_there() {
    let mut r = start();
    first_half(&mut r);
    // Set forward 30 s: counted in full, as the exam clock counts it (a phone asleep reads the
    // same, and a timed test cannot be paused by locking the phone). It only lowers the speed.
    let t = watch::read_clock(&mut r, T0 + 76 * SEC, Some(SEC));
    assert_eq!(t, T0 + 76 * SEC);
    let live = r.typing.as_ref().unwrap().measure(t);
    assert_eq!(live.net_cpm, 35.5, "45 characters in 76 s");
    assert!(live.net_cpm < 60.0);

    // Set forward ten minutes: past the deadline, so the test is over, dated at its deadline,
    // and measured over its 3 minutes, not the ten minutes the clock claims.
    let t = watch::read_clock(&mut r, T0 + 77 * SEC + 10 * MIN, Some(SEC));
    assert!(r.typing.as_ref().unwrap().needs_timeout(t));
    assert_eq!(
        commit(&mut r, &typed(50), t),
        Err(kefu_exam::engine::typing::typing::CommitError::Expired),
        "nothing is taken after the deadline"
    );
    close(&mut r, t, TypingEnd::TimeUp);
    let ty = r.typing.as_ref().unwrap();
    let res = ty.result.as_ref().unwrap();
    assert_eq!(ty.ended_at, Some(T0 + 3 * MIN));
    assert_eq!(res.elapsed_ms, 3 * MIN);
    assert_eq!(res.net_cpm, 15.0, "45 characters in 3 minutes");
    assert_eq!(r.submit_reason, Some(SubmitReason::Timeout));
    assert_eq!(
        jumps(&r),
        vec![
            &EventKind::ClockForward { by_ms: 30 * SEC },
            &EventKind::ClockForward { by_ms: 10 * MIN }
        ]
    );
}

#[test]
fn a_test_past_its_deadline_on_its_own_clock_is_closed_on_load_whatever_the_device_says() {
    let mut r = start();
    first_half(&mut r);
    // The page saw 3 min 20 s pass, then was closed before it ended the test.
    watch::read_clock(&mut r, T0 + 200 * SEC, Some(155 * SEC));
    // Next load, the device clock set back an hour: still past the deadline on the attempt's
    // clock, closed at the deadline.
    assert!(close_if_expired(&mut r, T0 + 200 * SEC - 60 * MIN));
    let ty = r.typing.as_ref().unwrap();
    assert_eq!(ty.end, Some(TypingEnd::TimeUp));
    assert_eq!(ty.result.as_ref().unwrap().elapsed_ms, 3 * MIN);
    assert_eq!(r.submitted_at, Some(T0 + 3 * MIN));
    // Already closed: nothing more happens.
    assert!(!close_if_expired(&mut r, T0 + 300 * MIN));
}

#[test]
fn a_test_within_its_time_is_left_open_on_load() {
    let mut r = start();
    first_half(&mut r);
    assert!(!close_if_expired(&mut r, T0 + 46 * SEC - 60 * MIN));
    assert!(!close_if_expired(&mut r, T0 + 2 * MIN));
    assert!(!r.typing.as_ref().unwrap().is_ended());
}

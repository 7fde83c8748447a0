//! Exam integrity on the trainee's own device, as a trainer would judge it: time that only moves
//! forward whatever the device clock does, two tabs that never lose an answer, the event log
//! and its summary, the bank's one_way / max_away rules, and old records that still load.

mod common;

use common::*;
use kefu_exam::engine::attempt::attempt::{
    AnswerError, AttemptRecord, Mode, SubmitReason, Trainee,
};
use kefu_exam::engine::attempt::merge::merge;
use kefu_exam::engine::attempt::report::attempts_csv;
use kefu_exam::engine::attempt::watch;
use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::question::answer::Answer;
use kefu_exam::engine::question::GradeContext;
use kefu_exam::engine::time::events::{EventKind, Summary, Via};
use kefu_exam::engine::time::integrity::Away;
use kefu_exam::engine::time::timing::{clock, remaining_ms};

/// 2026-11-23 09:00 Beijing time.
const T0: i64 = 1_795_395_600_000;
const SEC: i64 = 1_000;
const MIN: i64 = 60_000;
const HOUR: i64 = 60 * MIN;

const BANK: &str = "---
title: 二十分钟测验
time_limit: 20
pass: 60
shuffle_options: false
SETTINGS
---

## 第一题 {#q1}

1. [x] 甲
1. [ ] 乙

> 测试。

## 第二题 {#q2}

1. [x] 丙
1. [ ] 丁

> 测试。

## 第三题 {#q3}

1. [x] 戊
1. [ ] 己

> 测试。
";

fn bank(settings: &str) -> Bank {
    clean_bank("t.md", &BANK.replace("SETTINGS", settings))
}

fn start(bank: &Bank) -> AttemptRecord {
    let trainee = Trainee {
        name: "王五".into(),
        employee_no: "KF-003".into(),
    };
    AttemptRecord::start(bank, Mode::Exam, trainee, 7, T0)
}

fn pick(i: usize) -> Option<Answer> {
    Some(Answer::Choice { selected: vec![i] })
}

fn kinds(r: &AttemptRecord) -> Vec<&EventKind> {
    r.events.iter().map(|e| &e.kind).collect()
}

#[test]
fn a_clock_set_back_an_hour_and_a_reload_do_not_extend_a_20_minute_exam() {
    // The finding: one minute in, clock set back an hour, page reloaded.
    let b = bank("");
    let mut r = start(&b);
    let deadline = r.deadline.unwrap();
    assert_eq!(deadline, T0 + 20 * MIN);
    watch::opened(&mut r, T0, "tab-a");
    let now = watch::read_clock(&mut r, T0 + MIN, Some(MIN));
    assert_eq!(clock(remaining_ms(deadline, now)), "19:00");

    // Reloaded 1 s later with the device clock an hour behind: no time passes, and the
    // countdown does not grow from 19:00 to 1:19:59.
    let now = watch::opened(&mut r, T0 + MIN + SEC - HOUR, "tab-a");
    assert_eq!(clock(remaining_ms(deadline, now)), "19:00");
    let back = r.events.iter().find_map(|e| match e.kind {
        EventKind::ClockBack { by_ms } => Some(by_ms),
        _ => None,
    });
    assert_eq!(back, Some(HOUR - SEC), "the jump is recorded with its size");

    // Time then runs on as measured in the page: five minutes later 14:00 are left.
    let mut wall = T0 + MIN + SEC - HOUR;
    for _ in 0..300 {
        wall += SEC;
        watch::read_clock(&mut r, wall, Some(SEC));
    }
    let now = watch::read_clock(&mut r, wall, Some(0));
    assert_eq!(clock(remaining_ms(deadline, now)), "14:00");
    assert_eq!(
        Summary::of(&r).clock_back,
        1,
        "a clock known to be behind is reported once"
    );
    assert!(Summary::of(&r)
        .lines()
        .contains(&"时钟回拨 1 次，共 59 分 59 秒（回拨期间不计时间）".to_string()));

    // And the deadline comes after twenty minutes of exam time, not an hour later.
    for _ in 0..14 * 60 {
        wall += SEC;
        watch::read_clock(&mut r, wall, Some(SEC));
    }
    let now = watch::read_clock(&mut r, wall, Some(0));
    assert!(r.needs_timeout_submit(now));
}

#[test]
fn a_clock_set_back_inside_the_page_changes_nothing_but_the_log() {
    let b = bank("");
    let mut r = start(&b);
    watch::opened(&mut r, T0, "tab-a");
    let now = watch::read_clock(&mut r, T0 + 2 * MIN - HOUR, Some(2 * MIN));
    assert_eq!(now, T0 + 2 * MIN);
    assert_eq!(r.time_used_ms(now), 2 * MIN);
    // Answers given meanwhile carry the attempt's time, not the device's.
    r.set_answer("t.md#q1", pick(0), now).unwrap();
    assert_eq!(r.answered_at["t.md#q1"], T0 + 2 * MIN);
}

#[test]
fn a_clock_set_forward_past_the_deadline_submits_at_the_deadline() {
    let b = bank("");
    let mut r = start(&b);
    watch::opened(&mut r, T0, "tab-a");
    r.set_answer("t.md#q1", pick(0), T0 + MIN).unwrap();
    let now = watch::read_clock(&mut r, T0 + MIN + HOUR, Some(SEC));
    assert!(
        r.needs_timeout_submit(now),
        "forward past the deadline: time is up"
    );
    assert_eq!(
        r.set_answer("t.md#q2", pick(0), now),
        Err(AnswerError::Expired)
    );
    r.submit(&b, &GradeContext::default(), now, SubmitReason::Timeout);
    assert_eq!(r.submitted_at, Some(T0 + 20 * MIN));
    assert_eq!(r.time_used_ms(now), 20 * MIN);
    assert_eq!(r.result.as_ref().unwrap().score, 1.0);
    assert!(
        matches!(kinds(&r)[1], EventKind::ClockForward { by_ms } if *by_ms == HOUR - SEC + MIN)
    );
}

#[test]
fn two_tabs_answering_different_questions_keep_both_answers() {
    let b = bank("");
    let stored = start(&b);
    // Both tabs loaded the same stored record; each answers a different question.
    let mut a = stored.clone();
    let mut tab_b = stored.clone();
    a.set_answer("t.md#q1", pick(0), T0 + MIN).unwrap();
    tab_b.set_answer("t.md#q2", pick(1), T0 + 2 * MIN).unwrap();
    watch::took_over(&mut tab_b, T0 + 2 * MIN, "tab-b", "tab-a");
    // Whichever writes last merges with what it finds stored: both answers survive, and
    // merging in either order gives the same answers.
    let ab = merge(&a, &tab_b);
    let ba = merge(&tab_b, &a);
    assert_eq!(ab.answers.len(), 2);
    assert_eq!(ab.answers, ba.answers);
    assert_eq!(ab.answered_at, ba.answered_at);
    assert_eq!(Summary::of(&ab).takeovers, 1);
    // Merging again changes nothing (a tab re-reading its own write).
    assert_eq!(merge(&ab, &ab), ab);
}

#[test]
fn the_later_change_of_the_same_answer_wins_a_clear_included() {
    let b = bank("");
    let stored = start(&b);
    let mut a = stored.clone();
    let mut c = stored.clone();
    a.set_answer("t.md#q1", pick(0), T0 + MIN).unwrap();
    c.set_answer("t.md#q1", pick(1), T0 + 2 * MIN).unwrap();
    assert_eq!(merge(&a, &c).answers["t.md#q1"], pick(1).unwrap());
    assert_eq!(merge(&c, &a).answers["t.md#q1"], pick(1).unwrap());
    // The trainee cleared it later in the first tab: the clear is the latest intent.
    a.set_answer("t.md#q1", None, T0 + 3 * MIN).unwrap();
    assert!(!merge(&c, &a).answers.contains_key("t.md#q1"));
    // Flags are kept from both.
    a.toggle_flag("t.md#q3");
    c.toggle_flag("t.md#q2");
    assert_eq!(merge(&a, &c).flagged.len(), 2);
}

#[test]
fn a_submitted_version_is_final_and_the_first_submission_counts() {
    let b = bank("");
    let ctx = GradeContext::default();
    let stored = start(&b);
    let mut late = stored.clone();
    late.set_answer("t.md#q3", pick(0), T0 + 3 * MIN).unwrap();
    let mut done = stored.clone();
    done.set_answer("t.md#q1", pick(0), T0 + MIN).unwrap();
    done.submit(&b, &ctx, T0 + 2 * MIN, SubmitReason::Manual);
    let m = merge(&late, &done);
    assert_eq!(m.submitted_at, Some(T0 + 2 * MIN));
    assert_eq!(m.result, done.result);
    let mut again = done.clone();
    again.submitted_at = Some(T0 + 4 * MIN);
    assert_eq!(merge(&again, &done).submitted_at, Some(T0 + 2 * MIN));
}

#[test]
fn leaving_the_page_is_counted_once_per_departure_with_its_duration() {
    let b = bank("");
    let mut r = start(&b);
    watch::opened(&mut r, T0, "tab-a");
    for (i, away) in [40 * SEC, 60 * SEC, 30 * SEC].into_iter().enumerate() {
        let at = T0 + (i as i64 + 1) * 5 * MIN;
        assert_eq!(watch::left(&mut r, at, Via::Blur), Some(Away::Counted));
        // The same departure seen again (tab switch: blur, then visibilitychange).
        assert_eq!(watch::left(&mut r, at + 10, Via::Hidden), None);
        assert_eq!(watch::returned(&mut r, at + away), Some(away));
    }
    let s = Summary::of(&r);
    assert_eq!((s.departures, s.away_ms), (3, 130 * SEC));
    assert_eq!(s.lines(), vec!["离开页面 3 次，共 2 分 10 秒".to_string()]);
    assert_eq!(r.focus_lost, 3);
}

#[test]
fn a_page_closed_while_away_counts_the_closed_time_as_away() {
    let b = bank("");
    let mut r = start(&b);
    watch::opened(&mut r, T0, "tab-a");
    watch::left(&mut r, T0 + MIN, Via::Hidden);
    watch::opened(&mut r, T0 + 4 * MIN, "tab-b");
    // The same page drawing the exam again is not another opening.
    watch::opened(&mut r, T0 + 4 * MIN, "tab-b");
    let s = Summary::of(&r);
    assert_eq!((s.departures, s.away_ms, s.reopened), (1, 3 * MIN, 1));
}

#[test]
fn a_reload_is_not_a_departure_but_the_time_closed_is_reported() {
    let b = bank("max_away: 1");
    let mut r = start(&b);
    watch::opened(&mut r, T0, "tab-a");
    watch::read_clock(&mut r, T0 + MIN, Some(MIN));
    // Closed for two minutes, then opened again (a new page load is a new tab id).
    watch::opened(&mut r, T0 + 3 * MIN, "tab-b");
    let s = Summary::of(&r);
    assert_eq!((s.departures, s.reopened, s.closed_ms), (0, 1, 2 * MIN));
    assert_eq!(
        s.lines(),
        vec!["页面重新打开 1 次（其间页面关闭共 2 分 0 秒）".to_string()]
    );
    assert!(!r.is_submitted());
}

#[test]
fn max_away_warns_before_the_last_departure_and_submits_at_it() {
    let b = bank("max_away: 3");
    let mut r = start(&b);
    assert_eq!(r.rules.max_away, Some(3));
    let mut actions = Vec::new();
    for i in 0..3 {
        let at = T0 + i * MIN;
        actions.push(watch::left(&mut r, at, Via::Hidden).unwrap());
        watch::returned(&mut r, at + SEC);
    }
    assert_eq!(
        actions,
        vec![Away::Counted, Away::LastWarning, Away::Submit]
    );
    // Practice is not watched.
    let mut p = AttemptRecord::start(&b, Mode::Practice, r.trainee.clone(), 1, T0);
    assert_eq!(watch::left(&mut p, T0, Via::Hidden), None);
}

#[test]
fn one_way_forbids_going_back_and_answering_a_passed_question() {
    let b = bank("one_way: true");
    let mut r = start(&b);
    assert!(watch::go_to(&mut r, 2), "skipping ahead is allowed");
    assert!(!watch::go_to(&mut r, 1));
    assert_eq!(r.current, 2);
    assert_eq!(
        r.set_answer("t.md#q1", pick(0), T0),
        Err(AnswerError::Passed)
    );
    r.set_answer("t.md#q3", pick(0), T0).unwrap();
    // Without the setting, going back is fine.
    let mut free = start(&bank(""));
    assert!(watch::go_to(&mut free, 2) && watch::go_to(&mut free, 0));
}

#[test]
fn bad_rule_settings_are_reported_at_their_line() {
    let (_, errs) = bank_errors(&BANK.replace("SETTINGS", "one_way: 也许\nmax_away: 三次"));
    let shown: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
    assert_eq!(errs.len(), 2, "{shown:?}");
    assert!(
        shown[0].starts_with("t.md:6:") && shown[0].contains("true 或 false"),
        "{shown:?}"
    );
    assert!(
        shown[1].starts_with("t.md:7:") && shown[1].contains("正整数"),
        "{shown:?}"
    );
}

#[test]
fn a_schema_1_record_is_migrated_to_2_and_keeps_its_count_and_time() {
    let r = AttemptRecord::from_json(&fixture("records/schema1.json")).unwrap();
    assert_eq!(r.schema, 2);
    assert_eq!(r.focus_lost, 2);
    assert!(r.events.is_empty() && r.rules == Default::default());
    // The clock starts at the latest time the record shows: the answer at 09:02.
    assert_eq!(r.clock.seen, T0 + 2 * MIN);
    // An exam in progress then loaded with the device clock behind does not gain time.
    let mut r2 = r.clone();
    assert_eq!(watch::opened(&mut r2, T0 - HOUR, "tab"), T0 + 2 * MIN);
    // The departures it counted are reported without durations, which it never had.
    assert_eq!(
        Summary::of(&r).lines(),
        vec!["离开页面 2 次（时长未记录）".to_string()]
    );
    // Written back it is a schema 2 record that loads unchanged.
    let back = AttemptRecord::from_json(&r.to_json()).unwrap();
    assert_eq!(back, r);
}

#[test]
fn a_schema_0_record_still_loads_as_schema_2() {
    let r = AttemptRecord::from_json(&fixture("records/schema0.json")).unwrap();
    assert_eq!(r.schema, 2);
    assert_eq!(r.trainee.employee_no, "KF-001");
    assert_eq!(r.clock.seen, 1_795_395_660_000, "the submission time");
}

#[test]
fn the_log_is_in_the_json_and_its_summary_in_the_csv() {
    let b = bank("max_away: 3");
    let mut r = start(&b);
    watch::opened(&mut r, T0, "tab-a");
    watch::left(&mut r, T0 + MIN, Via::Blur);
    watch::returned(&mut r, T0 + MIN + 130 * SEC);
    watch::read_clock(&mut r, T0 + 4 * MIN - HOUR, Some(SEC));
    watch::question_time(&mut r, T0 + 5 * MIN, "t.md#q1", 42 * SEC);
    r.submit(
        &b,
        &GradeContext::default(),
        T0 + 6 * MIN,
        SubmitReason::Manual,
    );

    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["schema"], 2);
    assert_eq!(json["rules"]["max_away"], 3);
    let types: Vec<&str> = json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["opened", "left", "returned", "clock_back", "question"]
    );
    assert_eq!(json["events"][1]["via"], "blur");
    assert_eq!(json["events"][2]["away_ms"], 130_000);
    assert_eq!(json["events"][4]["key"], "t.md#q1");
    assert_eq!(AttemptRecord::from_json(&r.to_json()).unwrap(), r);

    let csv = attempts_csv(&[r], 480);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let row: Vec<&str> = lines[1].split(',').collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(col("离开页面次数"), "1");
    assert_eq!(col("离开总时长"), "2 分 10 秒");
    assert_eq!(col("时钟回拨次数"), "1");
    assert_eq!(col("时钟前跳次数"), "0");
    assert_eq!(col("其他标签页接管次数"), "0");
    // The new columns keep every row aligned with the header (the record id is in its column).
    assert_eq!(header.len(), row.len());
    assert!(col("记录编号").starts_with("1795395600000-"));
}

#[test]
fn a_max_away_submission_is_named_in_the_csv() {
    let b = bank("max_away: 1");
    let mut r = start(&b);
    assert_eq!(
        watch::left(&mut r, T0 + MIN, Via::Hidden),
        Some(Away::Submit)
    );
    r.submit(
        &b,
        &GradeContext::default(),
        T0 + MIN,
        SubmitReason::MaxAway,
    );
    assert!(attempts_csv(&[r], 480).contains("离开页面次数达到上限，自动交卷"));
}

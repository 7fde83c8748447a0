//! The typing test: alignment, speed and accuracy on worked examples a trainer would sign,
//! the typing bank format and its checker messages, and typing records in the store and the
//! exports.

use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason, Trainee};
use kefu_exam::engine::attempt::report::{attempts_csv, export_json, import_json};
use kefu_exam::engine::attempt::typing::{close, commit, record_summary};
use kefu_exam::engine::bank::library::{self, Files};
use kefu_exam::engine::typing::bank::{parse_typing_bank, TypingBank};
use kefu_exam::engine::typing::typing::{align, measure, Mark, Target, TypingEnd, TypingRecord};

/// 2026-11-23 09:00 Beijing time.
const T0: i64 = 1_795_395_600_000;
/// The passage of the worked examples: 9 characters, punctuation included.
const PASSAGE: &str = "亲，快到截单时间了";

fn targets() -> Vec<Target> {
    [75, 90, 100]
        .into_iter()
        .map(|cpm| Target {
            cpm,
            label: String::new(),
        })
        .collect()
}

fn met(r: &kefu_exam::engine::typing::typing::TypingResult) -> Vec<u32> {
    r.targets.iter().filter(|t| t.met).map(|t| t.cpm).collect()
}

/// Six seconds of typing: a tenth of a minute, so 8 correct characters are 80 字/分.
const SIX_SECONDS: i64 = 6_000;

#[test]
fn an_omitted_character_is_one_miss_and_the_rest_stays_correct() {
    let typed = "亲，快截单时间了"; // 到 left out
    let a = align(PASSAGE, typed);
    assert_eq!(a.counts.correct, 8);
    assert_eq!(a.counts.missed, 1);
    assert_eq!(a.counts.wrong + a.counts.extra, 0);
    let missed: Vec<char> = a
        .cells
        .iter()
        .filter(|c| c.mark == Mark::Missed)
        .filter_map(|c| c.expected)
        .collect();
    assert_eq!(missed, vec!['到']);
    // The characters after the gap line up with their own passage characters.
    assert!(a.cells[4..].iter().all(|c| c.mark == Mark::Correct));
    let r = measure(PASSAGE, typed, SIX_SECONDS, 0, &targets(), None);
    assert_eq!(r.net_cpm, 80.0);
    assert_eq!(r.gross_cpm, 80.0);
    assert_eq!(r.accuracy, 88.9); // 8 of 9
    assert_eq!(met(&r), vec![75]);
}

#[test]
fn an_extra_character_is_one_extra_and_the_rest_stays_correct() {
    let typed = "亲，快到到截单时间了"; // 到 typed twice
    let a = align(PASSAGE, typed);
    assert_eq!(a.counts.correct, 9);
    assert_eq!(a.counts.extra, 1);
    assert_eq!(a.counts.wrong + a.counts.missed, 0);
    assert_eq!(a.reached, 9);
    let r = measure(PASSAGE, typed, SIX_SECONDS, 0, &targets(), None);
    assert_eq!(r.net_cpm, 90.0); // 9 correct in 0.1 minute
    assert_eq!(r.gross_cpm, 100.0); // 10 typed
    assert_eq!(r.accuracy, 90.0); // 9 of 10
    assert_eq!(met(&r), vec![75, 90]);
}

#[test]
fn a_substitution_is_one_wrong_character() {
    let typed = "亲，快到截单时问了"; // 间 typed as 问
    let a = align(PASSAGE, typed);
    assert_eq!(a.counts.correct, 8);
    assert_eq!(a.counts.wrong, 1);
    assert_eq!(a.counts.missed + a.counts.extra, 0);
    let wrong = a.cells.iter().find(|c| c.mark == Mark::Wrong).unwrap();
    assert_eq!((wrong.expected, wrong.typed), (Some('间'), Some('问')));
    let r = measure(PASSAGE, typed, SIX_SECONDS, 0, &targets(), None);
    assert_eq!(r.net_cpm, 80.0);
    assert_eq!(r.gross_cpm, 90.0);
    assert_eq!(r.accuracy, 88.9);
}

#[test]
fn a_correction_is_counted_and_the_corrected_text_is_all_right() {
    let mut t = TypingRecord::new(vec!["p".into()], PASSAGE.into(), Some(60), targets(), None);
    t.begin(T0);
    assert_eq!(t.commit("亲，快到", T0 + 1_000), Ok(false));
    assert_eq!(t.commit("亲，快到劫", T0 + 2_000), Ok(false)); // wrong candidate picked
    assert_eq!(t.commit("亲，快到", T0 + 3_000), Ok(false)); // Backspace
    assert_eq!(t.corrections, 1);
    // The last character of the text ends the test.
    assert_eq!(t.commit("亲，快到截单时间了", T0 + 6_000), Ok(true));
    assert_eq!(t.end, Some(TypingEnd::EndOfText));
    let r = t.result.clone().unwrap();
    assert_eq!(r.counts.correct, 9);
    assert_eq!(r.accuracy, 100.0);
    assert_eq!(r.corrections, 1);
    assert_eq!(r.elapsed_ms, 6_000);
    assert_eq!(r.net_cpm, 90.0);
    // Nothing is taken after the end.
    assert!(t.commit("亲，快到截单时间了了", T0 + 7_000).is_err());
}

#[test]
fn full_width_and_half_width_punctuation_count_as_the_same_character() {
    let a = align(PASSAGE, "亲,快到截单时间了");
    assert_eq!(a.counts.correct, 9);
    // Case is not folded: a wrong case is a typing error.
    assert_eq!(align("iPhone", "iphone").counts.wrong, 1);
}

#[test]
fn the_untyped_rest_of_the_passage_is_not_an_error() {
    let a = align(PASSAGE, "亲，快");
    assert_eq!(a.counts.correct, 3);
    assert_eq!(a.counts.missed, 0);
    assert_eq!(a.reached, 3);
    let r = measure(PASSAGE, "", 0, 0, &targets(), None);
    assert_eq!((r.net_cpm, r.accuracy), (0.0, 0.0));
    assert!(met(&r).is_empty());
}

#[test]
fn a_long_text_with_a_skipped_phrase_still_aligns_after_it() {
    let passage = "亲，快到截单时间了，如果现在付款的话，今天就可以发货。".repeat(20);
    // The typist skips ten characters at the start and types the rest perfectly.
    let typed: String = passage.chars().skip(10).collect();
    let a = align(&passage, &typed);
    assert_eq!(a.counts.missed, 10);
    assert_eq!(a.counts.correct as usize, typed.chars().count());
    // Far more typed than the passage holds: the surplus is extra, not a panic.
    let a = align("短", &"很长".repeat(100));
    assert_eq!(a.counts.extra + a.counts.wrong + a.counts.correct, 200);
}

#[test]
fn the_time_limit_ends_the_test_at_the_deadline_with_what_was_committed() {
    let mut t = TypingRecord::new(vec!["p".into()], PASSAGE.into(), Some(60), targets(), None);
    assert_eq!(t.deadline(), None, "the clock starts at the first input");
    t.begin(T0);
    assert_eq!(t.deadline(), Some(T0 + 60_000));
    t.commit("亲，快到", T0 + 30_000).unwrap();
    assert!(!t.needs_timeout(T0 + 59_999));
    assert!(t.needs_timeout(T0 + 60_000));
    // Text committed after the deadline (a page asleep, a late event) is refused.
    assert!(t.commit("亲，快到截单", T0 + 61_000).is_err());
    t.finish(T0 + 90_000, TypingEnd::TimeUp);
    assert_eq!(t.ended_at, Some(T0 + 60_000));
    let r = t.result.unwrap();
    assert_eq!(r.elapsed_ms, 60_000);
    assert_eq!(r.net_cpm, 4.0);
}

#[test]
fn a_minimum_accuracy_must_be_met_for_a_speed_target() {
    let r = measure(
        PASSAGE,
        "亲，快截单时间了",
        SIX_SECONDS,
        0,
        &targets(),
        Some(90.0),
    );
    assert_eq!(r.accuracy_ok, Some(false));
    assert!(
        met(&r).is_empty(),
        "80 字/分 at 88.9% does not meet 75 with 90% required"
    );
    let r = measure(PASSAGE, PASSAGE, SIX_SECONDS, 0, &targets(), Some(90.0));
    assert_eq!(r.accuracy_ok, Some(true));
    assert_eq!(met(&r), vec![75, 90]);
}

const BANK: &str = "---
kind: typing
title: 快捷短语
duration: 1
targets: 75 生手最低要求, 90 基本可以上岗, 100
min_accuracy: 95
---

用快捷短语练打字。

## 催付款 {#pay}

亲，快到截单时间了，
如果现在付款的话，今天就可以发货。

> 来源：001_5fd5f65c31bde43e.txt

## 婉转回绝

真的很抱歉，没能让您满意，我会争取努力改进。

## 客套话 {#bye}

欢迎下次光临！
";

fn bank() -> TypingBank {
    let (b, diags) = parse_typing_bank("t.md", BANK);
    assert!(diags.is_empty(), "{diags:?}");
    b
}

#[test]
fn typing_targets_written_in_any_order_are_read_slowest_first() {
    let text = BANK.replace(
        "targets: 75 生手最低要求, 90 基本可以上岗, 100",
        "targets: 100, 75 生手最低要求, 90 基本可以上岗",
    );
    let (b, diags) = parse_typing_bank("t.md", &text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        targets_of(&b),
        vec![(75, "生手最低要求"), (90, "基本可以上岗"), (100, "")]
    );
}

#[test]
fn a_typing_bank_holds_passages_duration_and_targets() {
    let b = bank();
    assert_eq!(b.title, "快捷短语");
    assert_eq!(b.duration, 60);
    assert_eq!(b.min_accuracy, Some(95.0));
    assert_eq!(
        targets_of(&b),
        vec![(75, "生手最低要求"), (90, "基本可以上岗"), (100, "")]
    );
    assert_eq!(b.passages.len(), 3);
    assert_eq!(b.passages[0].id, "pay");
    // Lines of one paragraph join without a space (Chinese text).
    assert_eq!(
        b.passages[0].text,
        "亲，快到截单时间了，如果现在付款的话，今天就可以发货。"
    );
    assert_eq!(b.passages[0].sources, vec!["001_5fd5f65c31bde43e.txt"]);
    assert_eq!(b.passages[0].line, 11);
    assert_eq!(
        b.passages[1].id.len(),
        8,
        "an id from the text when none is written"
    );
    assert_eq!(b.intro, vec!["用快捷短语练打字。"]);
}

#[test]
fn passages_are_drawn_in_a_seeded_order() {
    let b = bank();
    assert_eq!(b.plan(7), b.plan(7));
    let orders: std::collections::BTreeSet<Vec<usize>> = (0..20).map(|s| b.plan(s)).collect();
    assert!(orders.len() > 1, "different seeds give different orders");
    for s in 0..20 {
        let mut p = b.plan(s);
        p.sort_unstable();
        assert_eq!(p, vec![0, 1, 2], "every passage once");
    }
    let rec = b.start(Mode::Exam, Trainee::default(), 7, T0);
    let t = rec.typing.as_ref().unwrap();
    assert_eq!(t.text, b.text_for(&b.plan(7)));
    assert_eq!(t.duration_s, Some(60));
    let practice = b.start(Mode::Practice, Trainee::default(), 7, T0);
    assert_eq!(
        practice.typing.unwrap().duration_s,
        None,
        "practice has no limit"
    );
}

fn errors_of(text: &str) -> Vec<String> {
    parse_typing_bank("bad.md", text)
        .1
        .iter()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn the_checker_names_file_line_and_what_is_wrong() {
    let e = errors_of("---\nkind: typing\n---\n\n## 催付款\n\n亲，在的。\n");
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("bad.md:1:1:") && e[0].contains("duration"),
        "{e:?}"
    );

    let e = errors_of("---\nkind: typing\nduration: 2\n---\n\n## a\n\n亲\n");
    assert!(
        e[0].starts_with("bad.md:3:") && e[0].contains("1、3 或 5"),
        "{e:?}"
    );

    let e =
        errors_of("---\nkind: typing\nduration: 1\ntargets: 90, 75, 90 上岗\n---\n\n## a\n\n亲\n");
    assert!(
        e.len() == 1 && e[0].starts_with("bad.md:4:") && e[0].contains("90 重复了"),
        "{e:?}"
    );

    let e = errors_of("---\nkind: typing\nduration: 1\ntargets: 快\n---\n\n## a\n\n亲\n");
    assert!(
        e[0].starts_with("bad.md:4:") && e[0].contains("targets"),
        "{e:?}"
    );

    let e = errors_of(
        "---\nkind: typing\nduration: 1\n---\n\n## 空的\n\n## b {#x}\n\n亲\n\n## c {#x}\n\n在\n",
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("bad.md:6:") && m.contains("没有要打的文字")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.starts_with("bad.md:12:") && m.contains("第 8 行")),
        "{e:?}"
    );

    let e = errors_of("---\nkind: typing\nduration: 1\npass: 80\n---\n");
    assert!(
        e.iter()
            .any(|m| m.starts_with("bad.md:4:") && m.contains("不认识的设置 \"pass\"")),
        "{e:?}"
    );
    assert!(e.iter().any(|m| m.contains("没有文章")), "{e:?}");
}

#[test]
fn the_default_course_day_one_typing_test_loads_with_the_seed_targets() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = Files::new();
    for entry in std::fs::read_dir(format!("{root}/exams")).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        files.insert(
            format!("exams/{name}"),
            Some(std::fs::read_to_string(&p).unwrap()),
        );
    }
    let lib = library::load("exams/index.md", &files);
    assert_eq!(lib.errors().count(), 0, "{:?}", lib.diagnostics);
    let day1 = &lib.course.as_ref().unwrap().days[0];
    assert!(day1.exams.iter().any(|e| e.path == "exams/01-typing.md"));
    let t = &lib.typing["exams/01-typing.md"];
    let cpm: Vec<u32> = t.targets.iter().map(|t| t.cpm).collect();
    assert_eq!(cpm, vec![75, 90, 100]);
    assert_eq!(t.min_accuracy, None, "the seeds name no minimum accuracy");
    assert!(t.passages.len() >= 5);
    assert!(t
        .passages
        .iter()
        .all(|p| p.sources.iter().any(|s| s.ends_with(".txt"))));
}

#[test]
fn a_typing_record_is_stored_exported_and_read_back() {
    let b = bank();
    let mut rec = b.start(
        Mode::Exam,
        Trainee {
            name: "王五".into(),
            employee_no: "KF-9".into(),
        },
        3,
        T0,
    );
    let text = rec.typing.as_ref().unwrap().text.clone();
    let half: String = text.chars().take(30).collect();
    rec.typing.as_mut().unwrap().begin(T0 + 5_000);
    assert_eq!(commit(&mut rec, &half, T0 + 20_000), Ok(false));
    assert!(!rec.is_submitted());
    // Noticed late (the phone slept): the record is closed at the deadline.
    close(&mut rec, T0 + 90_000, TypingEnd::TimeUp);
    assert_eq!(rec.submitted_at, Some(T0 + 65_000));
    assert_eq!(rec.submit_reason, Some(SubmitReason::Timeout));
    let r = rec.typing.as_ref().unwrap().result.clone().unwrap();
    assert_eq!(r.net_cpm, 30.0);
    assert_eq!(
        record_summary(&rec).unwrap(),
        "30 字/分（总速度 30），准确率 100%，改正 0 次，未达到任何目标"
    );

    let json = rec.to_json();
    let back = AttemptRecord::from_json(&json).unwrap();
    assert_eq!(back, rec);

    let (imported, problems) = import_json(&export_json(&[rec.clone()], T0)).unwrap();
    assert!(problems.is_empty());
    assert_eq!(imported[0].typing, rec.typing);

    let csv = attempts_csv(&[rec], 480);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].contains("打字净速度（字/分）") && lines[0].contains("打字准确率"));
    assert!(
        lines[1].contains(",30,30,100%,0,1分00秒,无,0"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("未达标"), "{}", lines[1]);
    assert!(lines[1].contains("时间到自动交卷"), "{}", lines[1]);
    assert!(lines[1].contains(",打字测试,"), "{}", lines[1]);
    assert!(
        !lines[1].contains("60%"),
        "no pass mark for a typing test: {}",
        lines[1]
    );
}

#[test]
fn records_without_typing_are_unchanged_both_ways() {
    let (b, _) =
        kefu_exam::engine::bank::parse::parse_bank("q.md", "## 题\n\n1. [x] 对\n1. [ ] 错\n");
    let rec = AttemptRecord::start(&b, Mode::Exam, Trainee::default(), 1, T0);
    let json = rec.to_json();
    assert!(!json.contains("typing"), "no new key in ordinary records");
    let back = AttemptRecord::from_json(&json).unwrap();
    assert_eq!(back.typing, None);
}

#[test]
fn a_wrong_character_before_a_skipped_one_stands_where_the_typist_was() {
    let a = align("快到截单", "快道单");
    let marks: Vec<(Option<char>, Option<char>, Mark)> = a
        .cells
        .iter()
        .map(|c| (c.expected, c.typed, c.mark))
        .collect();
    assert_eq!(
        marks,
        vec![
            (Some('快'), Some('快'), Mark::Correct),
            (Some('到'), Some('道'), Mark::Wrong),
            (Some('截'), None, Mark::Missed),
            (Some('单'), Some('单'), Mark::Correct),
        ]
    );
}

#[test]
fn the_trainer_desk_shows_a_typing_test_as_speed_and_its_verdict() {
    use kefu_exam::engine::trainer::cohort::{columns, table, Cohort};
    use kefu_exam::engine::trainer::cohort_csv::cohort_csv;
    let b = bank();
    let who = Trainee {
        name: "王五".into(),
        employee_no: "KF-9".into(),
    };
    // First try: 30 correct characters in the minute, below the beginner's 75.
    let mut slow = b.start(Mode::Exam, who.clone(), 3, T0);
    let text = slow.typing.as_ref().unwrap().text.clone();
    let half: String = text.chars().take(30).collect();
    slow.typing.as_mut().unwrap().begin(T0);
    commit(&mut slow, &half, T0 + 20_000).unwrap();
    close(&mut slow, T0 + 60_000, TypingEnd::TimeUp);
    // A week later: the whole text without a mistake in 30 seconds, far above 75.
    let later = T0 + 7 * 24 * 3_600_000;
    let mut fast = b.start(Mode::Exam, who, 4, later);
    let text = fast.typing.as_ref().unwrap().text.clone();
    fast.typing.as_mut().unwrap().begin(later);
    assert_eq!(commit(&mut fast, &text, later + 30_000), Ok(true));
    let fast_cpm = fast
        .typing
        .as_ref()
        .unwrap()
        .result
        .as_ref()
        .unwrap()
        .net_cpm;
    assert!(fast_cpm > 75.0);

    let mut c = Cohort::default();
    c.add_file("王五.json", &export_json(&[slow, fast], later));
    let cols = columns(None, &c);
    let rows = table(&c, &cols);
    let cell = &rows[0].cells["t.md"];
    assert!(cell.typing);
    assert_eq!(
        (cell.attempts, cell.best, cell.latest),
        (2, Some(fast_cpm), Some(fast_cpm))
    );
    assert!(cell.passed, "the latest test met the beginner's target");
    assert_eq!(cell.figure(Some(30.0)), "30 字/分");
    let csv = cohort_csv(&c, None, &[]);
    assert!(
        csv.contains(&format!(
            "{} 字/分",
            kefu_exam::engine::question::numeric::fmt_num(fast_cpm)
        )),
        "{csv}"
    );
    assert!(
        !csv.contains(&format!("{fast_cpm}%")),
        "a speed is not a percent: {csv}"
    );
}

/// A typing bank's targets as (speed, label), in the order the bank holds them.
fn targets_of(b: &TypingBank) -> Vec<(u32, &str)> {
    b.targets
        .iter()
        .map(|t| (t.cpm, t.label.as_str()))
        .collect()
}

//! The attempt record: answering, the deadline, submission, JSON storage with schema
//! migration, and the trainer's exports (JSON and Excel-friendly CSV).

mod common;

use common::*;
use kefu_exam::engine::attempt::attempt::{
    AnswerError, AttemptRecord, Mode, SubmitReason, Trainee, SCHEMA_VERSION,
};
use kefu_exam::engine::attempt::report::{attempts_csv, export_json, import_json};
use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::library::{self, Library};
use kefu_exam::engine::question::answer::Answer;
use kefu_exam::engine::question::GradeContext;

/// 2026-11-23 09:00 Beijing time.
const T0: i64 = 1_795_395_600_000;
const MIN: i64 = 60_000;

fn course() -> Library {
    let lib = library::load("course/index.md", &fixture_files("course"));
    assert_eq!(lib.errors().count(), 0, "{:?}", lib.diagnostics);
    lib
}

fn trainee(name: &str) -> Trainee {
    Trainee {
        name: name.into(),
        employee_no: "KF-007".into(),
    }
}

fn answer_all(rec: &mut AttemptRecord, bank: &Bank, now: i64) {
    for key in rec.keys() {
        let (_, q) = bank.find(&key).unwrap();
        rec.set_answer(&key, Some(correct_answer(&q.kind)), now)
            .unwrap();
    }
}

fn submitted(bank: &Bank, ctx: &GradeContext, name: &str, seed: u64) -> AttemptRecord {
    let mut rec = AttemptRecord::start(bank, Mode::Exam, trainee(name), seed, T0);
    answer_all(&mut rec, bank, T0 + MIN);
    rec.submit(bank, ctx, T0 + 2 * MIN, SubmitReason::Manual);
    rec
}

#[test]
fn start_answer_and_submit_grades_the_attempt() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let ctx = lib.grade_context(&bank.path);
    let mut rec = AttemptRecord::start(bank, Mode::Exam, trainee("李四"), 42, T0);
    assert_eq!(rec.schema, SCHEMA_VERSION);
    assert_eq!(rec.questions.len(), 5);
    assert_eq!(rec.deadline, Some(T0 + 30 * MIN));
    assert_eq!(rec.pass_percent, 80.0);
    assert_eq!(rec.unanswered(), 5);
    answer_all(&mut rec, bank, T0 + MIN);
    assert_eq!(rec.unanswered(), 0);
    assert_eq!(rec.answered_at.len(), 5);
    rec.submit(bank, &ctx, T0 + 5 * MIN, SubmitReason::Manual);
    assert!(rec.is_submitted());
    assert_eq!(rec.submitted_at, Some(T0 + 5 * MIN));
    assert_eq!(rec.submit_reason, Some(SubmitReason::Manual));
    let out = rec.result.as_ref().unwrap();
    assert_eq!(out.score, out.max);
    assert_eq!(out.percent, 100.0);
    assert!(out.passed);
    assert_eq!(rec.time_used_ms(T0 + 99 * MIN), 5 * MIN);
}

#[test]
fn a_partly_wrong_attempt_below_the_pass_mark_fails() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let mut rec = AttemptRecord::start(bank, Mode::Exam, trainee("王五"), 3, T0);
    let first = rec.keys()[0].clone();
    let (_, q) = bank.find(&first).unwrap();
    rec.set_answer(&first, Some(correct_answer(&q.kind)), T0 + 1)
        .unwrap();
    rec.submit(
        bank,
        &lib.grade_context(&bank.path),
        T0 + 2,
        SubmitReason::Manual,
    );
    let out = rec.result.unwrap();
    assert!(out.score > 0.0 && out.score < out.max);
    assert!(!out.passed);
    assert_eq!(out.questions.len(), 5);
}

#[test]
fn answers_are_refused_once_the_deadline_has_passed() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let mut rec = AttemptRecord::start(bank, Mode::Exam, trainee("赵六"), 9, T0);
    let key = rec.keys()[0].clone();
    let deadline = rec.deadline.unwrap();
    let a = Answer::Choice { selected: vec![0] };
    assert_eq!(rec.set_answer(&key, Some(a.clone()), deadline - 1), Ok(()));
    assert_eq!(
        rec.set_answer(&key, Some(a.clone()), deadline),
        Err(AnswerError::Expired)
    );
    assert_eq!(
        rec.set_answer(&key, None, deadline + 10 * MIN),
        Err(AnswerError::Expired)
    );
    // The refused clear did not remove the answer given in time.
    assert!(rec.answers.contains_key(&key));
    assert!(!rec.needs_timeout_submit(deadline - 1));
    assert!(rec.needs_timeout_submit(deadline));
}

#[test]
fn a_timeout_submission_is_stamped_at_the_deadline_not_when_noticed() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let mut rec = AttemptRecord::start(bank, Mode::Exam, trainee("钱七"), 11, T0);
    answer_all(&mut rec, bank, T0 + MIN);
    let deadline = rec.deadline.unwrap();
    // The phone slept: the page notices the time-out an hour late.
    rec.submit(
        bank,
        &lib.grade_context(&bank.path),
        deadline + 60 * MIN,
        SubmitReason::Timeout,
    );
    assert_eq!(rec.submitted_at, Some(deadline));
    assert_eq!(rec.submit_reason, Some(SubmitReason::Timeout));
    assert_eq!(rec.time_used_ms(deadline + 60 * MIN), 30 * MIN);
    // Answers given in time still count.
    let out = rec.result.as_ref().unwrap();
    assert_eq!(out.score, out.max);
    assert!(!rec.needs_timeout_submit(deadline + 61 * MIN));
}

#[test]
fn a_submitted_attempt_refuses_answers_and_a_second_submit_changes_nothing() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let ctx = lib.grade_context(&bank.path);
    let mut rec = submitted(bank, &ctx, "孙八", 5);
    let before = rec.clone();
    let key = rec.keys()[0].clone();
    assert_eq!(
        rec.set_answer(&key, None, T0 + 3 * MIN),
        Err(AnswerError::Submitted)
    );
    rec.submit(bank, &ctx, T0 + 9 * MIN, SubmitReason::Timeout);
    assert_eq!(rec, before);
}

#[test]
fn unknown_questions_are_refused_and_empty_answers_clear() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let mut rec = AttemptRecord::start(bank, Mode::Practice, trainee("周九"), 1, T0);
    assert_eq!(rec.deadline, None);
    assert!(!rec.is_expired(T0 + 1_000_000 * MIN));
    assert_eq!(
        rec.set_answer("nope.md#x", Some(Answer::TrueFalse { value: true }), T0),
        Err(AnswerError::UnknownQuestion)
    );
    let key = rec.keys()[0].clone();
    rec.set_answer(
        &key,
        Some(Answer::Fill {
            blanks: vec!["x".into()],
        }),
        T0,
    )
    .unwrap();
    assert_eq!(rec.unanswered(), 4);
    rec.set_answer(
        &key,
        Some(Answer::Fill {
            blanks: vec!["  ".into()],
        }),
        T0,
    )
    .unwrap();
    assert_eq!(rec.unanswered(), 5);
    rec.set_answer(&key, Some(Answer::TrueFalse { value: false }), T0)
        .unwrap();
    rec.set_answer(&key, None, T0).unwrap();
    assert_eq!(rec.unanswered(), 5);
    rec.toggle_flag(&key);
    assert!(rec.flagged.contains(&key));
    rec.toggle_flag(&key);
    assert!(rec.flagged.is_empty());
}

#[test]
fn an_untimed_bank_has_no_deadline_even_in_exam_mode() {
    let bank = fixture_bank("types/single.md");
    let rec = AttemptRecord::start(&bank, Mode::Exam, trainee("吴十"), 1, T0);
    assert_eq!(rec.deadline, None);
}

#[test]
fn the_record_plan_matches_assembly_from_the_seed() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let rec = AttemptRecord::start(bank, Mode::Exam, trainee("郑一"), 77, T0);
    assert_eq!(
        rec.plan(),
        kefu_exam::engine::attempt::assemble::assemble(bank, 77)
    );
}

#[test]
fn a_record_survives_a_json_round_trip_unchanged() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let mut rec = submitted(bank, &lib.grade_context(&bank.path), "张三", 123_456_789);
    rec.flagged.insert(rec.keys()[1].clone());
    rec.focus_lost = 2;
    rec.current = 3;
    let json = rec.to_json();
    let back = AttemptRecord::from_json(&json).unwrap();
    assert_eq!(back, rec);
    assert_eq!(back.to_json(), json);
}

#[test]
fn a_schema_0_record_is_migrated_on_load() {
    let rec = AttemptRecord::from_json(&fixture("records/schema0.json")).unwrap();
    assert_eq!(rec.schema, SCHEMA_VERSION);
    assert_eq!(
        rec.trainee,
        Trainee {
            name: "张三".into(),
            employee_no: "KF-001".into()
        }
    );
    assert!(rec.show_answers);
    assert_eq!(rec.seed, 42);
    assert!(rec.flagged.is_empty() && rec.answered_at.is_empty());
    // And it can be re-graded against today's bank, which reports the changed question.
    let bank = fixture_bank("types/single.md");
    let re = rec.regrade(&bank, &GradeContext::default());
    assert_eq!(re.outcome.score, 2.0);
    assert!(re.bank_changed);
    assert_eq!(re.changed_questions, vec!["types/single.md#typing-min"]);
}

#[test]
fn a_record_from_a_newer_schema_is_refused_with_a_message() {
    let err = AttemptRecord::from_json(&fixture("records/schema99.json")).unwrap_err();
    assert!(err.contains("schema 99"), "{err}");
    assert!(err.contains("更新"), "{err}");
}

#[test]
fn non_records_are_refused_with_a_message() {
    assert!(AttemptRecord::from_json("not json")
        .unwrap_err()
        .contains("不是有效的 JSON"));
    assert!(AttemptRecord::from_json("{}")
        .unwrap_err()
        .contains("缺少 schema"));
    assert!(AttemptRecord::from_json(r#"{"schema": 1}"#)
        .unwrap_err()
        .contains("格式不对"));
}

#[test]
fn export_then_import_gives_back_the_same_records() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let ctx = lib.grade_context(&bank.path);
    let records = vec![
        submitted(bank, &ctx, "张三", 1),
        submitted(bank, &ctx, "李四", 2),
        AttemptRecord::start(bank, Mode::Practice, trainee("王五"), 3, T0),
    ];
    let json = export_json(&records, T0 + 10 * MIN);
    assert!(json.contains("kefu-exam-results"));
    let (back, problems) = import_json(&json).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back, records);
    // A BOM added by an editor does not matter.
    let (again, _) = import_json(&format!("\u{feff}{json}")).unwrap();
    assert_eq!(again, records);
}

#[test]
fn import_skips_a_corrupt_record_and_reports_which_one() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let ctx = lib.grade_context(&bank.path);
    let records = vec![
        submitted(bank, &ctx, "张三", 1),
        submitted(bank, &ctx, "李四", 2),
        submitted(bank, &ctx, "王五", 3),
    ];
    let mut value: serde_json::Value = serde_json::from_str(&export_json(&records, T0)).unwrap();
    value["attempts"][1]["seed"] = serde_json::Value::String("not a number".into());
    value["attempts"][2]["schema"] = serde_json::Value::from(99);
    let (ok, problems) = import_json(&value.to_string()).unwrap();
    assert_eq!(ok, vec![records[0].clone()]);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("第 2 条记录"), "{problems:?}");
    assert!(
        problems[1].starts_with("第 3 条记录") && problems[1].contains("schema 99"),
        "{problems:?}"
    );
}

#[test]
fn import_accepts_a_single_record_and_refuses_files_without_records() {
    let (one, problems) = import_json(&fixture("records/schema0.json")).unwrap();
    assert_eq!(one.len(), 1);
    assert!(problems.is_empty());
    assert!(import_json("[]").is_err());
    assert!(import_json("{\"hello\": 1}").is_err());
    assert!(import_json("garbage")
        .unwrap_err()
        .contains("不是有效的 JSON"));
}

#[test]
fn csv_has_a_bom_crlf_lines_chinese_text_and_quoted_commas() {
    let lib = course();
    let bank = &lib.banks["course/final.md"];
    let ctx = lib.grade_context(&bank.path);
    let mut a = submitted(bank, &ctx, "张三,李四", 1);
    a.trainee.employee_no = "=HYPERLINK(\"x\")".into();
    let b = AttemptRecord::start(bank, Mode::Practice, trainee("王五"), 2, T0);
    let csv = attempts_csv(&[a, b], 480);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.ends_with("\r\n"));
    assert_eq!(csv.matches("\r\n").count(), 3);
    assert_eq!(csv.matches('\n').count(), 3, "every line break is CRLF");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(lines[0].starts_with("姓名,工号,考试,题库文件"));
    assert!(lines[1].starts_with("\"张三,李四\","), "{}", lines[1]);
    // A formula typed as a name or number is defused and its quotes doubled.
    assert!(
        lines[1].contains(",\"'=HYPERLINK(\"\"x\"\")\","),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("结业考试"));
    assert!(lines[1].contains("2026-11-23 09:00"));
    assert!(
        lines[1].contains("100%") && lines[1].contains("及格") && lines[1].contains("手动交卷")
    );
    assert!(
        lines[2].contains("练习") && lines[2].contains("未交卷") && lines[2].contains("未完成")
    );
}

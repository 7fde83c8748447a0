//! The trainer desk: item analysis on a worked example computed by hand, the re-grade dry run
//! (an edited score, an edited question, a removed question, a bank gone), the trainer's
//! overrides surviving export and import, and collecting many files into a cohort.

mod common;

use common::*;
use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason, Trainee};
use kefu_exam::engine::attempt::report::export_json;
use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::library::{self, Files, Library};
use kefu_exam::engine::question::answer::Answer;
use kefu_exam::engine::trainer::cohort::{
    answer_times, columns, exam_stats, first_attempts, option_counts, table, Cohort,
};
use kefu_exam::engine::trainer::cohort_csv::cohort_csv;
use kefu_exam::engine::trainer::overrides::{effective_outcome, MarkError};
use kefu_exam::engine::trainer::regrade_findings::{dry_run, dry_run_cohort, Finding};
use kefu_exam::engine::trainer::stats::{analyse, Flag, Item, Sheet};

const T0: i64 = 1_795_395_600_000;
const MIN: i64 = 60_000;
const BASICS: &str = "course/basics.md";

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-3)
}

// ---------------------------------------------------------------------------------------
// Item analysis

/// Four trainees, three questions (1, 1 and 2 points):
///
/// | trainee | Q1 | Q2 | Q3 | total |
/// |---------|----|----|----|-------|
/// | A       | 1  | 1  | 2  | 4     |
/// | B       | 1  | 0  | 2  | 3     |
/// | C       | 1  | 1  | 0  | 2     |
/// | D       | 0  | 0  | 1  | 1     |
fn worked_example() -> Sheet {
    let items = vec![
        Item {
            key: "Q1".into(),
            max: 1.0,
        },
        Item {
            key: "Q2".into(),
            max: 1.0,
        },
        Item {
            key: "Q3".into(),
            max: 2.0,
        },
    ];
    let rows = [
        [1.0, 1.0, 2.0],
        [1.0, 0.0, 2.0],
        [1.0, 1.0, 0.0],
        [0.0, 0.0, 1.0],
    ]
    .iter()
    .map(|r| r.iter().map(|&x| Some(x)).collect())
    .collect();
    Sheet { items, rows }
}

#[test]
fn item_statistics_follow_moodles_definitions_on_the_worked_example() {
    let t = analyse(&worked_example());
    let q1 = &t.items[0];
    // Q1 marks 1,1,1,0: mean 0.75 → facility 75%.
    assert_eq!(q1.s, 4);
    assert!(close(q1.facility, 75.0));
    // Deviations .25,.25,.25,-.75 → Σd² = 0.75, variance 0.75/3 = 0.25, SD 0.5 of 1 point.
    assert!(close(q1.sd, 50.0));
    // Rest of test (total − Q1): 3,2,1,1, mean 1.75, Σd² = 2.75, variance 0.91667.
    // Covariance: (.25·1.25 + .25·.25 + .25·(−.75) + (−.75)·(−.75)) / 3 = 0.75/3 = 0.25.
    // Discrimination = 100 · 0.25 / √(0.25 · 0.91667) = 52.22.
    assert!(close(q1.discrimination, 52.223), "{:?}", q1.discrimination);
    // Sorted marks 0,1,1,1 against sorted rests 1,1,2,3 give the same covariance, 0.25:
    // the question discriminates as well as its marks allow → efficiency 100%.
    assert!(close(q1.efficiency, 100.0));
    assert!(q1.flags.is_empty());

    // Q2 marks 1,0,1,0 against rests 3,3,1,1: covariance 0 → discrimination 0, very weak.
    let q2 = &t.items[1];
    assert!(close(q2.facility, 50.0));
    assert!(close(q2.discrimination, 0.0));
    assert_eq!(q2.flags, vec![Flag::WeakDiscrimination]);

    // Q3 marks 2,2,0,1 (mean 1.25 of 2 → 62.5%) against rests 2,1,2,0 (mean 1.25):
    // covariance (.75·.75 + .75·(−.25) + (−1.25)·.75 + (−.25)·(−1.25)) / 3 = −0.25/3;
    // variances 2.75/3 each → discrimination 100 · (−0.25/3) / (2.75/3) = −9.09.
    let q3 = &t.items[2];
    assert!(close(q3.facility, 62.5));
    assert!(close(q3.discrimination, -9.0909), "{:?}", q3.discrimination);
    assert_eq!(q3.flags, vec![Flag::NegativeDiscrimination]);

    // The test: totals 4,3,2,1, variance 5/3, SD 1.291. Item variances 0.25 + 0.3333 +
    // 0.91667 = 1.5. Alpha = 100 · 3/2 · (1 − 1.5 / (5/3)) = 15%.
    assert_eq!(t.s, 4);
    assert!(close(t.mean, 2.5));
    assert!(close(t.sd, 1.29099));
    assert!(close(t.cic, 15.0), "{:?}", t.cic);
    // Error ratio 100 · √(1 − 0.15) = 92.195; standard error 92.195% of 1.291 = 1.190 points.
    assert!(close(t.error_ratio, 92.1954));
    assert!(close(t.standard_error, 1.19024));
}

#[test]
fn too_easy_and_too_hard_questions_are_flagged_and_few_attempts_give_no_alpha() {
    let sheet = Sheet {
        items: vec![
            Item {
                key: "easy".into(),
                max: 1.0,
            },
            Item {
                key: "hard".into(),
                max: 1.0,
            },
        ],
        rows: vec![vec![Some(1.0), Some(0.0)], vec![Some(1.0), Some(0.0)]],
    };
    let t = analyse(&sheet);
    assert_eq!(t.items[0].flags, vec![Flag::TooEasy]);
    assert_eq!(t.items[1].flags, vec![Flag::TooHard]);
    // Everyone scored the same: no variance, so no discrimination and no alpha.
    assert_eq!(t.items[0].discrimination, None);
    assert_eq!(t.cic, None);
}

#[test]
fn a_question_only_some_attempts_drew_is_analysed_over_those_attempts() {
    let mut sheet = worked_example();
    sheet.rows[3][1] = None; // D did not draw Q2
    let t = analyse(&sheet);
    assert_eq!(t.items[1].s, 3);
    // Q2 marks 1,0,1 → facility 66.67%.
    assert!(close(t.items[1].facility, 66.6667));
}

// ---------------------------------------------------------------------------------------
// Re-grade dry run

fn files() -> Files {
    fixture_files("course")
}

fn lib_from(files: &Files) -> Library {
    let lib = library::load("course/index.md", files);
    assert_eq!(lib.errors().count(), 0, "{:?}", lib.diagnostics);
    lib
}

fn edited(find: &str, replace: &str) -> Library {
    let mut f = files();
    let text = f[BASICS].clone().unwrap();
    assert!(text.contains(find), "fixture changed: {find}");
    f.insert(BASICS.into(), Some(text.replacen(find, replace, 1)));
    lib_from(&f)
}

fn trainee(name: &str, no: &str) -> Trainee {
    Trainee {
        name: name.into(),
        employee_no: no.into(),
    }
}

/// An attempt at the basics bank answered right except the questions in `wrong`.
fn attempt(lib: &Library, who: Trainee, seed: u64, start: i64, wrong: &[&str]) -> AttemptRecord {
    let bank: &Bank = &lib.banks[BASICS];
    let mut rec = AttemptRecord::start(bank, Mode::Exam, who, seed, start);
    for key in rec.keys() {
        let (_, q) = bank.find(&key).unwrap();
        let a = if wrong.iter().any(|w| key.ends_with(&format!("#{w}"))) {
            match correct_answer(&q.kind) {
                Answer::Choice { .. } => Answer::Choice { selected: vec![1] },
                Answer::TrueFalse { value } => Answer::TrueFalse { value: !value },
                Answer::Reply { .. } => Answer::Reply {
                    text: "好的".into(),
                },
                _ => Answer::Fill {
                    blanks: vec!["不知道".into()],
                },
            }
        } else {
            correct_answer(&q.kind)
        };
        rec.set_answer(&key, Some(a), start + MIN).unwrap();
    }
    rec.submit(
        bank,
        &lib.grade_context(BASICS),
        start + 5 * MIN,
        SubmitReason::Manual,
    );
    rec
}

fn key(id: &str) -> String {
    format!("{BASICS}#{id}")
}

#[test]
fn an_untouched_attempt_on_an_unchanged_bank_has_no_findings() {
    let lib = lib_from(&files());
    let rec = attempt(&lib, trainee("张三", "A1"), 7, T0, &["start-8"]);
    let run = dry_run(
        &rec,
        lib.banks.get(BASICS).map(|b| &**b),
        &lib.grade_context(BASICS),
    );
    assert_eq!(run.findings, vec![]);
    assert!(!run.would_change());
}

#[test]
fn a_raised_question_score_is_an_edited_file() {
    let lib = lib_from(&files());
    let mut rec = attempt(&lib, trainee("张三", "A1"), 7, T0, &["start-8"]);
    // A careful forger raises the question and the totals together, so they still add up.
    let res = rec.result.as_mut().unwrap();
    let q = res
        .questions
        .iter_mut()
        .find(|q| q.key == key("start-8"))
        .unwrap();
    q.score = q.max;
    res.score = res.max;
    res.percent = 100.0;
    res.passed = true;
    let run = dry_run(
        &rec,
        lib.banks.get(BASICS).map(|b| &**b),
        &lib.grade_context(BASICS),
    );
    assert_eq!(
        run.findings,
        vec![Finding::ScoreEdited {
            key: key("start-8"),
            stored: 1.0,
            regraded: 0.0,
            reply: false
        }]
    );
    assert!(run.suspicious());
    assert!(run.would_change());
    assert!(run.reasons()[0].contains("文件可能被改过"));
}

#[test]
fn a_raised_total_that_does_not_add_up_is_an_inconsistent_record() {
    let lib = lib_from(&files());
    let mut rec = attempt(
        &lib,
        trainee("张三", "A1"),
        7,
        T0,
        &["start-8", "service-hours"],
    );
    let res = rec.result.as_mut().unwrap();
    res.score = res.max;
    res.percent = 100.0;
    res.passed = true;
    let run = dry_run(
        &rec,
        lib.banks.get(BASICS).map(|b| &**b),
        &lib.grade_context(BASICS),
    );
    assert!(run.suspicious());
    assert!(run.findings.iter().any(
        |f| matches!(f, Finding::Inconsistent { what } if what.contains("不等于各题得分之和"))
    ));
    assert!(run.would_change());
}

#[test]
fn an_edited_question_is_named_and_regraded_without_blaming_the_file() {
    let before = lib_from(&files());
    let rec = attempt(&before, trainee("李四", "A2"), 9, T0, &[]);
    assert_eq!(rec.result.as_ref().unwrap().percent, 100.0);
    // The trainer later corrects the key of the true/false question.
    let after = edited("答案：错", "答案：对");
    let run = dry_run(
        &rec,
        after.banks.get(BASICS).map(|b| &**b),
        &after.grade_context(BASICS),
    );
    assert_eq!(
        run.findings,
        vec![Finding::QuestionChanged {
            key: key("start-8")
        }]
    );
    assert!(!run.suspicious());
    assert!(run.would_change());
    let new = run.regraded.unwrap();
    assert!(new.score < rec.result.as_ref().unwrap().score);
}

#[test]
fn a_removed_question_and_a_removed_bank_are_named() {
    let before = lib_from(&files());
    let rec = attempt(&before, trainee("李四", "A2"), 9, T0, &[]);
    let after = edited("## 填空：晚班到 {{0:00|24:00|零点}} 结束。 {#night}", "");
    let run = dry_run(
        &rec,
        after.banks.get(BASICS).map(|b| &**b),
        &after.grade_context(BASICS),
    );
    assert!(run
        .findings
        .contains(&Finding::QuestionGone { key: key("night") }));
    assert!(run.regraded.unwrap().missing.contains(&key("night")));

    let run = dry_run(&rec, None, &Default::default());
    assert_eq!(
        run.findings,
        vec![Finding::BankGone {
            path: BASICS.into()
        }]
    );
    assert!(run.regraded.is_none());
}

// ---------------------------------------------------------------------------------------
// Overrides and the cohort

fn cohort_of(lib: &Library) -> Cohort {
    let a = attempt(lib, trainee("张三", "A1"), 1, T0, &["cheap-reply"]);
    let a2 = attempt(lib, trainee("张三", "A1"), 2, T0 + 60 * MIN, &[]);
    let b = attempt(
        lib,
        trainee("=HYPERLINK(\"x\")", "B2"),
        3,
        T0,
        &["service-hours", "start-8", "night", "cheap-reply"],
    );
    let mut c = Cohort::default();
    let r1 = c.add_file("张三.json", &export_json(&[a, a2], T0));
    assert_eq!((r1.added, r1.duplicates, r1.refused), (2, 0, false));
    let r2 = c.add_file("王五.json", &export_json(&[b], T0));
    assert_eq!(r2.added, 1);
    c
}

#[test]
fn a_trainers_score_and_comment_survive_export_and_import_beside_the_automatic_score() {
    let lib = lib_from(&files());
    let mut c = cohort_of(&lib);
    let rec = c.attempts[0].clone();
    let k = key("cheap-reply");
    assert_eq!(
        c.marks.set_override(&rec, &k, 3.0, "", T0),
        Err(MarkError::OutOfRange { max: 2.0 })
    );
    c.marks
        .set_override(&rec, &k, 1.5, " 语气很好，但要提到优惠 ", T0 + 1)
        .unwrap();
    let before = effective_outcome(&rec, &c.marks).unwrap();
    assert_eq!(
        before.questions.iter().find(|q| q.key == k).unwrap().score,
        1.5
    );
    assert_eq!(before.score, rec.result.as_ref().unwrap().score + 1.5);
    // The question's section carries the trainer's score too, and the subtotals add up.
    let auto = rec.result.as_ref().unwrap();
    let i = before
        .questions
        .iter()
        .find(|q| q.key == k)
        .unwrap()
        .section
        .unwrap();
    assert_eq!(before.sections[i].score, auto.sections[i].score + 1.5);
    assert_eq!(before.sections[i].max, auto.sections[i].max);
    let subtotal: f64 = before.sections.iter().map(|s| s.score).sum();
    assert!(
        (subtotal - before.score).abs() < 1e-9,
        "{subtotal} vs {}",
        before.score
    );

    let text = c.to_json(T0 + 2);
    let back = Cohort::from_json(&text).unwrap();
    assert_eq!(back, c);
    let o = back.marks.override_for(&rec.id, &k).unwrap();
    assert_eq!(
        (o.score, o.auto_score, o.comment.as_str()),
        (1.5, 0.0, "语气很好，但要提到优惠")
    );
    assert_eq!(effective_outcome(&rec, &back.marks).unwrap(), before);

    // Another trainer imports the file into their own desk: nothing is duplicated.
    let mut other = Cohort::default();
    other.add_file("班级.json", &text);
    let again = other.add_file("班级.json", &text);
    assert_eq!((again.added, again.duplicates), (0, 3));
    assert_eq!(other.marks.overrides.len(), 1);
    // A trainee's copy holds only their own attempts' marks.
    let mine = c.marks.for_attempts(&[rec.id.as_str()]);
    assert_eq!(mine.overrides.len(), 1);
    assert_eq!(c.marks.for_attempts(&["nobody"]).overrides.len(), 0);
}

#[test]
fn a_committed_regrade_keeps_the_old_and_the_new_outcome() {
    let before = lib_from(&files());
    let mut c = Cohort::default();
    let rec = attempt(&before, trainee("李四", "A2"), 9, T0, &[]);
    c.add_file("李四.json", &export_json(std::slice::from_ref(&rec), T0));
    let after = edited("答案：错", "答案：对");
    let run = &dry_run_cohort(&c.attempts, &after)[0];
    c.marks
        .commit_regrade(&rec, run.regraded.clone().unwrap(), run.reasons(), T0);
    let eff = effective_outcome(&rec, &c.marks).unwrap();
    assert_eq!(eff, run.regraded.clone().unwrap());
    let kept = c.marks.regrade_for(&rec.id).unwrap();
    assert_eq!(kept.old, rec.result.clone().unwrap());
    let back = Cohort::from_json(&c.to_json(T0)).unwrap();
    assert_eq!(back.marks.regrades, c.marks.regrades);
    c.marks.keep_stored(&rec.id);
    assert_eq!(effective_outcome(&rec, &c.marks), rec.result);
}

#[test]
fn collecting_files_names_each_refused_file_and_loads_the_others() {
    let lib = lib_from(&files());
    let good = export_json(&[attempt(&lib, trainee("张三", "A1"), 1, T0, &[])], T0);
    let mut c = Cohort::default();
    let truncated = c.add_file("截断.json", &good[..good.len() / 2]);
    assert!(truncated.refused);
    assert!(truncated.message().starts_with("截断.json：未导入"));
    assert!(
        truncated.message().contains("被截断"),
        "{}",
        truncated.message()
    );
    let csv = c.add_file("成绩.csv", "\u{feff}姓名,工号,考试\r\n张三,A1,x\r\n");
    assert!(csv.message().contains("CSV"), "{}", csv.message());
    let other = c.add_file("配置.json", r#"{"name":"x"}"#);
    assert!(
        other.message().contains("不是考试结果文件"),
        "{}",
        other.message()
    );
    let ok = c.add_file("张三.json", &good);
    assert_eq!(ok.added, 1);
    assert_eq!(c.attempts.len(), 1);
}

#[test]
fn the_cohort_table_has_one_row_per_trainee_with_best_latest_and_passed() {
    let lib = lib_from(&files());
    let c = cohort_of(&lib);
    let cols = columns(lib.course.as_ref(), &c);
    assert_eq!(cols.len(), 2);
    assert_eq!(cols[0].day, "第 1 天：平台规则");
    let rows = table(&c, &cols);
    assert_eq!(rows.len(), 2);
    let zhang = &rows[0].cells[BASICS];
    assert_eq!(zhang.attempts, 2);
    assert_eq!(zhang.latest, Some(100.0));
    assert_eq!(zhang.best, Some(100.0));
    assert!(zhang.passed);
    let wang = &rows[1].cells[BASICS];
    assert!(!wang.passed);
    assert!(!rows[0].cells.contains_key("course/final.md"));
    // Item analysis uses each trainee's first attempt only.
    assert_eq!(first_attempts(&c, BASICS, &[]).len(), 2);
    let t = exam_stats(&c, BASICS, &[]);
    assert_eq!(t.s, 2);
    // An attempt whose file looks edited is left out, and the trainee's later attempt does
    // not stand in for it.
    let first_of_zhang = first_attempts(&c, BASICS, &[])[0].id.clone();
    assert_eq!(exam_stats(&c, BASICS, &[first_of_zhang]).s, 1);
    let counts = option_counts(
        &lib.banks[BASICS],
        &key("service-hours"),
        &first_attempts(&c, BASICS, &[]),
    )
    .unwrap();
    assert_eq!(
        counts.iter().map(|o| o.picked).collect::<Vec<_>>(),
        vec![1, 1]
    );
    assert!(counts[0].correct);
}

#[test]
fn the_cohort_csv_opens_in_excel_and_defuses_a_formula_in_a_name() {
    let lib = lib_from(&files());
    let mut c = cohort_of(&lib);
    let b = c
        .attempts
        .iter_mut()
        .find(|r| r.trainee.employee_no == "B2")
        .unwrap();
    let res = b.result.as_mut().unwrap();
    res.score = res.max;
    let runs = dry_run_cohort(&c.attempts, &lib);
    let csv = cohort_csv(&c, lib.course.as_ref(), &runs);
    assert!(csv.starts_with("\u{feff}姓名,工号,天,考试"));
    assert!(csv.contains("\r\n"));
    assert!(!csv.replace("\r\n", "").contains('\n'));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 2 * 2, "{csv}");
    assert!(lines[1]
        .starts_with("张三,A1,第 1 天：平台规则,平台规则基础,course/basics.md,2,100%,100%,已通过"));
    assert!(lines[2].contains("未考"));
    assert!(
        lines[3].starts_with("\"'=HYPERLINK(\"\"x\"\")\",B2"),
        "{}",
        lines[3]
    );
    assert!(lines[3].contains("记录前后矛盾"), "{}", lines[3]);
}

// ---------------------------------------------------------------------------------------
// The terminal binary

#[test]
fn the_cohort_binary_prints_the_table_the_findings_and_the_analysis_and_names_a_bad_file() {
    // The course as the site serves it (under exams/), so the records name exams/basics.md.
    let files: Files = files()
        .into_iter()
        .map(|(k, v)| (k.replacen("course/", "exams/", 1), v))
        .collect();
    let lib = library::load("exams/index.md", &files);
    let bank = &lib.banks["exams/basics.md"];
    let take = |name: &str, no: &str, seed: u64| {
        let mut rec = AttemptRecord::start(bank, Mode::Exam, trainee(name, no), seed, T0);
        for key in rec.keys() {
            let (_, q) = bank.find(&key).unwrap();
            rec.set_answer(&key, Some(correct_answer(&q.kind)), T0 + MIN)
                .unwrap();
        }
        rec.submit(
            bank,
            &lib.grade_context(&bank.path),
            T0 + 3 * MIN,
            SubmitReason::Manual,
        );
        rec
    };
    let dir = std::env::temp_dir().join(format!("kefu-cohort-{}", std::process::id()));
    let results = dir.join("results");
    std::fs::create_dir_all(&results).unwrap();
    std::fs::write(
        results.join("a.json"),
        export_json(&[take("张三", "A1", 1)], T0),
    )
    .unwrap();
    let mut edited = take("李四", "A2", 2);
    let res = edited.result.as_mut().unwrap();
    res.score += 1.0;
    std::fs::write(results.join("b.json"), export_json(&[edited], T0)).unwrap();
    std::fs::write(results.join("notes.txt"), "今天的培训笔记").unwrap();

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cohort"))
        .arg(fixtures_dir().join("course"))
        .arg(&results)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a refused file and an edited one fail the run:\n{text}"
    );
    assert!(
        text.contains("notes.txt：未导入，不是考试结果文件（不是 JSON）"),
        "{text}"
    );
    assert!(text.contains("== 班级成绩表（2 名学员）"), "{text}");
    assert!(
        text.contains("张三 A1：✓ 最高 100% 最近 100%，1 次，用时 3分00秒"),
        "{text}"
    );
    assert!(text.contains("李四 A2 · 平台规则基础"), "{text}");
    assert!(text.contains("：8/7 分（100%） → 7/7 分（100%）"), "{text}");
    assert!(text.contains("[inconsistent] 记录前后矛盾：总分"), "{text}");
    assert!(
        text.contains("[平台规则基础] 1 份"),
        "the edited file is left out of the analysis:\n{text}"
    );
    assert!(
        text.contains("选项：A✓“早上 9:00 到晚上 …” 1人；B“早上 8:00 到晚上 …” 0人"),
        "{text}"
    );
}

#[test]
fn answer_times_give_each_questions_time_since_the_start_and_since_the_answer_before() {
    let lib = lib_from(&files());
    let bank = &lib.banks[BASICS];
    let mut rec = AttemptRecord::start(bank, Mode::Exam, trainee("张三", "A1"), 1, T0);
    let keys = rec.keys();
    let (_, q0) = bank.find(&keys[0]).unwrap();
    let (_, q1) = bank.find(&keys[1]).unwrap();
    rec.set_answer(&keys[1], Some(correct_answer(&q1.kind)), T0 + 2 * MIN)
        .unwrap();
    rec.set_answer(&keys[0], Some(correct_answer(&q0.kind)), T0 + 5 * MIN)
        .unwrap();
    // A cleared answer has no time to show.
    rec.set_answer(&keys[2], None, T0 + 6 * MIN).unwrap();
    let t = answer_times(&rec);
    assert_eq!(t[&keys[1]], (2 * MIN, 2 * MIN));
    assert_eq!(t[&keys[0]], (5 * MIN, 3 * MIN));
    assert!(!t.contains_key(&keys[2]));
}

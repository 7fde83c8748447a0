//! Scenario replies graded as a trainer grades them. Each test is a worked example of one rule
//! in exams/FORMAT.md §3.8, with the score a trainer would sign.

mod common;

use common::*;
use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode, Trainee};
use kefu_exam::engine::attempt::behaviour::{self, BookChange, Timing};
use kefu_exam::engine::bank::library::{self, Files, Library};
use kefu_exam::engine::grading::examples;
use kefu_exam::engine::grading::grade::grade_attempt;
use kefu_exam::engine::question::answer::Answer;
use kefu_exam::engine::question::reply::MISSING_PREFIX;
use kefu_exam::engine::question::{grade_question, GradeContext, Kind, Question, Status};
use std::collections::BTreeMap;

fn reply(text: &str) -> Answer {
    Answer::Reply { text: text.into() }
}

fn files(list: &[(&str, &str)]) -> Files {
    list.iter()
        .map(|(p, t)| (p.to_string(), Some(t.to_string())))
        .collect()
}

fn single(text: &str) -> (Library, Question) {
    let lib = library::load_single("t.md", &files(&[("t.md", text)]));
    let errs: Vec<String> = lib.errors().map(|d| d.to_string()).collect();
    assert!(errs.is_empty(), "{errs:?}");
    let q = lib.banks["t.md"].questions().next().unwrap().clone();
    (lib, q)
}

fn score(lib: &Library, q: &Question, text: &str) -> f64 {
    grade_question(q, Some(&reply(text)), &lib.grade_context(&q.bank)).fraction
}

fn feedback(lib: &Library, q: &Question, text: &str) -> String {
    grade_question(q, Some(&reply(text)), &lib.grade_context(&q.bank))
        .feedback
        .join("；")
}

const REFUND: &str = "## 顾客：“退款原因我随便选了一个，你赶紧点同意吧。” {#refund points=3}

要点：
- 核实|核对|确认
- 原因
- 金额

错误做法：
- 马上同意|立刻同意|直接同意：要先核实原因和金额

> 先核实退款原因和金额。
";

#[test]
fn a_negated_key_point_is_not_credited_and_the_feedback_says_so() {
    let (lib, q) = single(REFUND);
    assert!(approx(
        score(&lib, &q, "亲，我先帮您核实一下退款原因和金额"),
        1.0
    ));
    // "No need to check the reason and amount": the trainer credits none of the three, the
    // reason and amount being named only to be dismissed.
    assert!(approx(
        score(&lib, &q, "亲，原因和金额不用核实的，放心"),
        0.0
    ));
    let fb = feedback(&lib, &q, "亲，原因和金额不用核实的，放心");
    assert!(fb.contains("“核实”被否定了"), "{fb}");
    // A negation in an earlier clause does not reach the point.
    assert!(approx(
        score(&lib, &q, "亲别着急，我帮您核实原因和金额"),
        1.0
    ));
}

#[test]
fn a_wrong_action_zeroes_the_reply_even_with_every_key_point() {
    let (lib, q) = single(REFUND);
    let text = "亲，原因和金额我都确认过了，马上同意";
    assert_eq!(score(&lib, &q, text), 0.0);
    let fb = feedback(&lib, &q, text);
    assert!(fb.contains("错误做法") && fb.contains("马上同意"), "{fb}");
    // Saying it will NOT agree at once is the right action.
    assert!(approx(
        score(&lib, &q, "亲，不能马上同意哦，我先核实原因和金额"),
        1.0
    ));
}

#[test]
fn a_capped_wrong_action_limits_the_score_to_its_cap() {
    let (lib, q) = single(
        "## 下午提醒未付款的顾客 {#remind points=3}

要点：
- 截单
- 今天|当天
- 发货

错误做法：
- 赶紧|快点（上限 1/3）：催付不生硬

> 快到截单时间了，现在付款今天就可以发货。
",
    );
    assert!(approx(
        score(&lib, &q, "亲，快到截单时间了，现在付款今天就可以发货哦"),
        1.0
    ));
    let harsh = "亲，赶紧付款，快截单了，今天就发货";
    assert!(approx(score(&lib, &q, harsh), 1.0 / 3.0));
    assert!(feedback(&lib, &q, harsh).contains("最多得 1/3"));
}

#[test]
fn a_key_point_marked_as_written_counts_even_though_it_is_negative() {
    let (lib, q) = single(
        "## 顾客想把不想要了说成质量问题 {#reason points=2}

要点：
- 不能同意|无法同意（原样匹配）
- 实际|如实

> 原因要如实选。
",
    );
    assert!(approx(
        score(&lib, &q, "亲，这个原因我们不能同意，请按实际情况选"),
        1.0
    ));
}

#[test]
fn a_red_line_word_does_not_fire_inside_its_exceptions() {
    let (lib, q) = single(
        "## 顾客：“这件有没有优惠？” {#discount points=3}

要点：
- 抱歉|不好意思
- 很低|实惠
- 品质|质量

禁用词：
- 没有（除外：有没有、没有问题）：伤害买家自尊

> 婉转表达。
",
    );
    assert!(approx(
        score(
            &lib,
            &q,
            "抱歉亲，您问有没有优惠，这款已经很实惠了，质量没有问题的"
        ),
        1.0
    ));
    let g = grade_question(
        &q,
        Some(&reply("抱歉亲，没有优惠，价格很实惠，质量好")),
        &lib.grade_context("t.md"),
    );
    assert_eq!(g.fraction, 0.0);
    assert_eq!(g.redline.as_deref(), Some("没有"));
}

#[test]
fn a_curt_brush_off_is_capped_at_a_third_and_courtesy_lifts_the_cap() {
    let (lib, q) = single(
        "## 顾客问能否改地址 {#addr points=3}

要点：
- 地址
- 发我|提供
- 修改|改

> 请顾客提供地址。
",
    );
    // Every key point, but eight characters and no courtesy: a brush-off.
    assert!(approx(score(&lib, &q, "地址发我，我改"), 1.0 / 3.0));
    assert!(feedback(&lib, &q, "地址发我，我改").contains("太简短"));
    assert!(approx(score(&lib, &q, "亲，地址发我，我改"), 1.0));
}

#[test]
fn example_replies_that_disagree_are_reported_at_their_line() {
    let text = "## 顾客要求马上退款 {#r points=3}

要点：
- 核实
- 原因
- 金额

示例：
- 满分：亲，我核实一下原因和金额
- 满分：亲，我看看
- 0：马上退

> 先核实。
";
    let lib = library::load_single("t.md", &files(&[("t.md", text)]));
    let diags = examples::check(&lib);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].file, "t.md");
    assert_eq!(diags[0].line, 10);
    assert!(
        diags[0].message.contains("预期得 满分，评分结果是 0"),
        "{}",
        diags[0]
    );
}

#[test]
fn rubric_mistakes_are_reported_with_their_line() {
    let (_, errs) = bank_errors(
        "## 题 {#r}

要点：
- 核实

禁用词：
- 没有（除外：有货）

错误做法：
- 马上同意（上限 很多）

示例：
- 优秀：亲，核实一下
- 亲，核实一下

> 解析
",
    );
    let lines: Vec<(u32, &str)> = errs.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 7 && m.contains("除外的说法“有货”里没有禁用词“没有”")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 10 && m.contains("上限“很多”无法识别")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 13 && m.contains("预期得分“优秀”无法识别")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 14 && m.contains("缺少预期得分")),
        "{lines:?}"
    );
}

// ------------------------------------------------------------- scoped red lines

const INDEX: &str = "---
title: 课程
redlines: all.md, jd.md
---

# 第 1 天

- [淘宝](tb.md)
- [京东](jd-bank.md)
- [考试](exam.md)
";
const ALL: &str = "---\nkind: redlines\n---\n\n- 不还价（除外：还不还价）：伤害自尊\n";
const JD: &str = "---\nkind: redlines\nplatform: 京东\n---\n\n- 支付宝：京东敏感词\n";
const PAY: &str = "要点：\n- 付款|支付\n\n> 解析\n";

fn scoped_course() -> Library {
    let tb = format!("---\nplatform: 淘宝\n---\n\n## 淘宝顾客问怎么付款 {{#pay}}\n\n{PAY}");
    let jd = format!(
        "---\nredlines: own.md\n---\n\n## 京东顾客问怎么付款 {{#pay platform=京东}}\n\n{PAY}\n## 京东店铺的另一题 {{#other}}\n\n{PAY}"
    );
    let own = "---\nkind: redlines\n---\n\n- 微信：本题库自己的红线\n";
    let exam = "# [淘宝](tb.md)\n\n# [京东](jd-bank.md)\n";
    let lib = library::load(
        "c/index.md",
        &files(&[
            ("c/index.md", INDEX),
            ("c/all.md", ALL),
            ("c/jd.md", JD),
            ("c/tb.md", &tb),
            ("c/jd-bank.md", &jd),
            ("c/own.md", own),
            ("c/exam.md", exam),
        ]),
    );
    let errs: Vec<String> = lib.errors().map(|d| d.to_string()).collect();
    assert!(errs.is_empty(), "{errs:?}");
    lib
}

#[test]
fn a_platform_scoped_list_zeroes_jd_replies_and_leaves_taobao_replies_alone() {
    let lib = scoped_course();
    let ctx = lib.grade_context("c/index.md");
    let jd = lib.banks["c/jd-bank.md"].questions().next().unwrap();
    let tb = lib.banks["c/tb.md"].questions().next().unwrap();
    let text = reply("亲，可以用支付宝付款哦");
    let g = grade_question(jd, Some(&text), &ctx);
    assert_eq!(g.fraction, 0.0);
    assert_eq!(g.redline.as_deref(), Some("支付宝"));
    // Seed 001 teaches Taobao staff to recommend it.
    assert_eq!(grade_question(tb, Some(&text), &ctx).fraction, 1.0);
    // The course-wide list applies to both, with its exception.
    assert_eq!(
        grade_question(tb, Some(&reply("亲，不还价，付款吧")), &ctx).fraction,
        0.0
    );
    assert_eq!(
        grade_question(
            tb,
            Some(&reply("亲，您问还不还价，付款后就知道多实惠")),
            &ctx
        )
        .fraction,
        1.0
    );
}

#[test]
fn a_question_keeps_its_own_banks_red_lines_in_a_composite_exam_and_the_wrong_book() {
    let lib = scoped_course();
    // Graded in the composite exam, with the exam's context.
    let exam = &lib.banks["c/exam.md"];
    let ctx = lib.grade_context("c/exam.md");
    let keys: Vec<String> = exam.questions().map(Question::key).collect();
    let mut answers = BTreeMap::new();
    for k in &keys {
        answers.insert(k.clone(), reply("亲，可以用支付宝付款，也可以加微信"));
    }
    let out = grade_attempt(exam, &keys, &answers, &ctx);
    let by_key: BTreeMap<&str, &Option<String>> = out
        .questions
        .iter()
        .map(|q| (q.key.as_str(), &q.redline))
        .collect();
    // The JD question: the JD list (checked before its bank's own list).
    assert_eq!(by_key["c/jd-bank.md#pay"].as_deref(), Some("支付宝"));
    // The JD bank's other question has no platform: only the bank's own list applies.
    assert_eq!(by_key["c/jd-bank.md#other"].as_deref(), Some("微信"));
    // The Taobao question: neither the JD list nor the JD bank's own list applies.
    assert_eq!(by_key["c/tb.md#pay"], &None);

    // The wrong-answer book builds a bank of its own: the questions keep their source bank.
    let mut book = (**exam).clone();
    book.path = "错题本".into();
    let out = grade_attempt(&book, &keys, &answers, &lib.grade_context("错题本"));
    let zeroed: Vec<&str> = out
        .questions
        .iter()
        .filter(|q| q.redline.is_some())
        .map(|q| q.key.as_str())
        .collect();
    assert_eq!(zeroed, vec!["c/jd-bank.md#pay", "c/jd-bank.md#other"]);
}

// ------------------------------------------------------------- the default course

#[test]
fn every_reply_question_of_the_course_has_two_good_and_two_bad_examples_that_agree() {
    let files = exam_files();
    let lib = library::load("exams/index.md", &files);
    let disagreements: Vec<String> = examples::check(&lib)
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(disagreements.is_empty(), "{disagreements:#?}");
    let mut n = 0;
    for (path, bank) in &lib.banks {
        for q in bank.questions().filter(|q| *q.bank == **path) {
            let Kind::Reply(r) = &q.kind else { continue };
            n += 1;
            let good = r.examples.iter().filter(|e| e.expected >= 1.0).count();
            let bad = r
                .examples
                .iter()
                .filter(|e| e.expected <= 1.0 / 3.0 + 1e-9)
                .count();
            assert!(good >= 2 && bad >= 2, "{}: {good} good, {bad} bad", q.key());
        }
    }
    assert!(n >= 12, "only {n} reply questions");
}

#[test]
fn the_grader_agrees_with_the_trainer_corpus_and_caps_wrong_actions_and_brush_offs() {
    use kefu_exam::engine::grading::agreement::{evaluate, parse_corpus};
    let files = exam_files();
    let lib = library::load("exams/index.md", &files);
    let rows = parse_corpus(&fixture("reply-corpus.tsv")).unwrap();
    assert!(rows.len() >= 80, "{} replies", rows.len());
    let report = evaluate(&lib, rows);
    assert!(report.unknown.is_empty(), "{:?}", report.unknown);
    assert!(report.agreement() >= 0.9, "{}", report.agreement());
    assert!(
        report.max_capped() <= 1.0 / 3.0 + 1e-9,
        "{}",
        report.max_capped()
    );
}

// ------------------------------------------------------------- feedback behaviour

fn practice(lib: &Library, path: &str, show_answers: bool) -> AttemptRecord {
    let mut bank = (*lib.banks[path]).clone();
    bank.settings.show_answers = show_answers;
    AttemptRecord::start(&bank, Mode::Practice, Trainee::default(), 7, 1_000)
}

#[test]
fn practice_shows_feedback_on_check_and_an_exam_only_after_submission() {
    assert_eq!(behaviour::timing(Mode::Practice), Timing::Immediate);
    assert_eq!(behaviour::timing(Mode::Exam), Timing::Deferred);
    let (lib, q) = single(REFUND);
    let mut rec = practice(&lib, "t.md", true);
    let key = q.key();
    assert!(!behaviour::shows_feedback(&rec, &key));
    rec.set_answer(&key, Some(reply("亲，马上同意")), 2_000)
        .unwrap();
    let (fb, change) = behaviour::check(&mut rec, &q, &lib.grade_context("t.md")).unwrap();
    assert!(behaviour::shows_feedback(&rec, &key));
    assert_eq!(fb.status, Status::Wrong);
    assert!(fb.show_answer);
    assert!(fb.lines.iter().any(|l| l.starts_with(MISSING_PREFIX)));
    assert_eq!(change.add, vec![key.clone()]);
    // The checked answer is locked.
    assert!(rec
        .set_answer(&key, Some(reply("亲，核实原因和金额")), 3_000)
        .is_err());

    let mut exam =
        AttemptRecord::start(&lib.banks["t.md"], Mode::Exam, Trainee::default(), 7, 1_000);
    assert!(behaviour::check(&mut exam, &q, &lib.grade_context("t.md")).is_none());
    assert!(!behaviour::shows_feedback(&exam, &key));
}

#[test]
fn practice_respects_show_answers_false_and_files_nothing_in_the_wrong_book() {
    let (lib, q) = single(REFUND);
    let mut rec = practice(&lib, "t.md", false);
    let key = q.key();
    rec.set_answer(&key, Some(reply("亲，我先核实一下原因")), 2_000)
        .unwrap();
    let (fb, change) = behaviour::check(&mut rec, &q, &lib.grade_context("t.md")).unwrap();
    assert_eq!(fb.status, Status::Partial);
    assert!(!fb.show_answer, "no right answer or model reply");
    // What the trainee wrote is fed back; what they missed (the answer) is not.
    assert!(
        fb.lines.iter().any(|l| l.contains("命中要点 2/3")),
        "{:?}",
        fb.lines
    );
    assert!(
        !fb.lines.iter().any(|l| l.starts_with(MISSING_PREFIX)),
        "{:?}",
        fb.lines
    );
    assert!(change.is_empty());
}

#[test]
fn the_wrong_book_takes_wrong_and_partial_answers_and_releases_right_ones() {
    let change = behaviour::book_change(
        true,
        [
            ("a.md#1", Status::Wrong),
            ("a.md#2", Status::Partial),
            ("a.md#3", Status::Correct),
            ("a.md#4", Status::Unanswered),
        ],
    );
    assert_eq!(change.add, vec!["a.md#1", "a.md#2"]);
    assert_eq!(change.remove, vec!["a.md#3"]);
    let mut book = BTreeMap::from([("a.md#3".to_string(), "a.md".to_string())]);
    change.apply(&mut book);
    assert_eq!(
        book.keys().collect::<Vec<_>>(),
        vec!["a.md#1", "a.md#2"],
        "skipped questions are not mistakes"
    );
    assert_eq!(book["a.md#1"], "a.md");
    assert_eq!(
        behaviour::book_change(false, [("a.md#1", Status::Wrong)]),
        BookChange::default()
    );
}

#[test]
fn after_an_exam_the_book_follows_the_same_rule() {
    let (lib, q) = single(REFUND);
    let ctx = lib.grade_context("t.md");
    let bank = &lib.banks["t.md"];
    let mut rec = AttemptRecord::start(bank, Mode::Exam, Trainee::default(), 7, 1_000);
    rec.set_answer(&q.key(), Some(reply("亲，马上同意")), 2_000)
        .unwrap();
    rec.submit(
        bank,
        &ctx,
        3_000,
        kefu_exam::engine::attempt::attempt::SubmitReason::Manual,
    );
    assert_eq!(behaviour::book_after_submit(&rec).add, vec![q.key()]);
    rec.show_answers = false;
    assert!(behaviour::book_after_submit(&rec).is_empty());
    let _ = GradeContext::default();
}

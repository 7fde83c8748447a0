//! Numbers a trainer writes in a bank (issue 12 moved them off core's float reader to
//! `engine::text::decimal`): every exam figure reads as before, and a number with more digits than
//! can be read exactly is an error at its line, never a silently rounded value.

mod common;

use common::*;
use kefu_exam::engine::question::answer::Answer;
use kefu_exam::engine::question::Kind;

const LONG: &str = "0.30000000000000004";

fn too_long_at(diags: &[kefu_exam::engine::text::diagnostics::Diagnostic], line: u32) -> bool {
    diags
        .iter()
        .any(|d| d.line == line && d.message.contains("位数太多") && d.message.contains(LONG))
}

#[test]
fn exam_figures_read_as_written() {
    let bank = clean_bank(
        "t.md",
        "---\npass: 62.5%\ntime_limit: 1.5\n---\n\n## 接待量是多少？ {#q points=2.5}\n\n答案：1,200.75 ± 0.25\n单位：人\n\n> 解析。\n",
    );
    assert_eq!(bank.settings.pass_percent, 62.5);
    assert_eq!(bank.settings.time_limit, Some(90));
    let q = question(&bank, "q");
    assert_eq!(q.points, 2.5);
    let Kind::Numeric(n) = &q.kind else {
        panic!("not numeric")
    };
    assert_eq!((n.value, n.tolerance), (1200.75, 0.25));
    assert_eq!(n.answer_text(), "1200.75人（误差 ±0.25）");
}

#[test]
fn a_bank_number_too_long_to_read_exactly_is_an_error_at_its_line() {
    let text = format!(
        "---\npass: {LONG}\n---\n\n## 第一题 {{#a points={LONG}}}\n\n答案：{LONG}\n\n## 第二题 {{#b}}\n\n答案：600 ± {LONG}\n"
    );
    let (_, errs) = bank_errors(&text);
    let shown: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
    for line in [2, 5, 7, 11] {
        assert!(too_long_at(&errs, line), "line {line}: {shown:#?}");
    }
}

#[test]
fn a_trainee_answer_with_many_digits_is_still_graded() {
    let bank = clean_bank("t.md", "## 多少？ {#q}\n\n答案：600 ± 5\n\n> 解析。\n");
    let q = question(&bank, "q");
    let long = Answer::Numeric {
        text: "600.0000000000000000001".into(),
    };
    assert_eq!(grade_q(q, long).fraction, 1.0);
}

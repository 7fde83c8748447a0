//! The checker run as trainers run it: `bankcheck` on a bank with ten planted mistakes must
//! report exactly those ten errors, each on its line, and exit non-zero. Clean fixtures pass.

mod common;

use std::process::Command;

const PLANTED: &str = "tests/fixtures/planted/ten-mistakes.md";
const GOLDEN: &str = "tests/fixtures/planted/ten-mistakes.expected";

fn bankcheck(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bankcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("bankcheck runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bankcheck_reports_exactly_the_ten_planted_mistakes_matching_the_golden_file() {
    let (code, stdout, stderr) = bankcheck(&[PLANTED]);
    assert_eq!(
        code,
        Some(1),
        "bankcheck must exit 1 on errors; stderr: {stderr}"
    );
    let diag_lines: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with(&format!("{PLANTED}:")))
        .collect();
    let golden = common::fixture("planted/ten-mistakes.expected");
    let expected: Vec<&str> = golden.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(expected.len(), 10, "{GOLDEN} must list ten errors");
    assert_eq!(
        diag_lines,
        expected,
        "bankcheck output differs from {GOLDEN}.\n--- got ---\n{}\n--- expected ---\n{}",
        diag_lines.join("\n"),
        expected.join("\n")
    );
    assert!(stdout.contains("检查完成：10 个错误，0 个提示"), "{stdout}");
}

#[test]
fn each_planted_mistake_is_reported_on_its_own_line_with_a_plain_language_message() {
    // (line, column, fragment): independent of the golden file, so a regenerated golden file
    // cannot silently drop a mistake.
    let planted: [(u32, u32, &str); 10] = [
        (3, 1, "不认识的设置 \"pas\""),
        (4, 13, "time_limit 的值 \"半小时\" 无法识别"),
        (11, 1, "单选题没有正确选项"),
        (18, 1, "单选题只能有一个正确选项，这里有 2 个"),
        (29, 1, "编号 \"dup\" 重复，第一次出现在第 23 行"),
        (35, 1, "第 1 个空没有可接受的答案"),
        (39, 14, "points 的值 \"两分\" 无法识别"),
        (47, 1, "连线题的表格必须正好两列，这里有 3 列"),
        (56, 1, "答案“也许”既不是 对/错，也不是数字"),
        (60, 1, "要抽 5 题，但分组“小组”只有 2 题"),
    ];
    let (_, stdout, _) = bankcheck(&[PLANTED]);
    let errors: Vec<&str> = stdout.lines().filter(|l| l.contains(": 错误: ")).collect();
    assert_eq!(errors.len(), 10, "{stdout}");
    for (line, (l, c, fragment)) in errors.iter().zip(planted) {
        let prefix = format!("{PLANTED}:{l}:{c}: 错误: ");
        assert!(
            line.starts_with(&prefix) && line.contains(fragment),
            "expected {prefix}…{fragment}…\n got {line}"
        );
    }
}

#[test]
fn the_planted_mistakes_are_found_by_the_library_too() {
    let text = common::fixture("planted/ten-mistakes.md");
    let (_, diags) = kefu_exam::engine::bank::parse::parse_bank("ten-mistakes.md", &text);
    let mut lines: Vec<u32> = common::errors(&diags).iter().map(|d| d.line).collect();
    lines.sort_unstable();
    assert_eq!(lines, vec![3, 4, 11, 18, 29, 35, 39, 47, 56, 60]);
}

#[test]
fn bankcheck_passes_the_clean_fixture_banks_and_course() {
    for path in [
        "tests/fixtures/types/single.md",
        "tests/fixtures/types/multiple.md",
        "tests/fixtures/types/tf.md",
        "tests/fixtures/types/fill.md",
        "tests/fixtures/types/order.md",
        "tests/fixtures/types/match.md",
        "tests/fixtures/types/numeric.md",
        "tests/fixtures/types/reply.md",
        "tests/fixtures/quizdown/example.md",
        "tests/fixtures/course/",
    ] {
        let (code, stdout, stderr) = bankcheck(&[path]);
        assert_eq!(code, Some(0), "{path}:\n{stdout}\n{stderr}");
        // No item-writing hints either: the fixtures are fair questions (or say why not).
        assert!(
            stdout.contains("检查完成：0 个错误，0 个提示"),
            "{path}:\n{stdout}"
        );
    }
}

#[test]
fn bankcheck_without_arguments_prints_usage_and_exits_2() {
    let (code, _, stderr) = bankcheck(&[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("用法"));
}

//! The reply grader's agreement with a trainer, over two corpora of graded trainee replies:
//! `replyreport [课程目录]` reads `tests/fixtures/reply-corpus.tsv` (the tuning half: rubrics
//! may be tuned against it) and the held-out half, `tests/fixtures/reply-heldout.tsv`,
//! `reply-heldout-b.tsv` and `reply-heldout-c.tsv` (written blind to the rubrics by three
//! writers at three points of the tuning, and never tuned against).
//!
//! For each half it prints agreement within one key point, pass-side agreement, false passes
//! and fails, and the highest score any violation (wrong action, red line) got. Disagreements
//! are listed for the tuning half only; `--heldout-details` lists the held-out ones too (a
//! held-out miss that leads to a rubric change must then move to the tuning half). `--all`
//! also lists replies scored differently but within one key point. Exits 1 when the held-out
//! half (all its sets together) misses a goal.

use kefu_exam::engine::bank::library::{self, Files, Library};
use kefu_exam::engine::grading::agreement::{evaluate, parse_corpus, Report};
use kefu_exam::engine::grading::examples::fraction_text;
use std::path::Path;
use std::process::ExitCode;

const TUNING: &str = "tests/fixtures/reply-corpus.tsv";
/// The held-out sets, each with when it was written.
const HELD_OUT: [(&str, &str); 3] = [
    (
        "tests/fixtures/reply-heldout.tsv",
        "留出语料 A（调优之前写好提交）",
    ),
    (
        "tests/fixtures/reply-heldout-b.tsv",
        "留出语料 B（第一轮调优之后、看结果之前写好提交）",
    ),
    (
        "tests/fixtures/reply-heldout-c.tsv",
        "留出语料 C（全部调优之后写好，只测量）",
    ),
];

/// The goals, on replies the rubrics were not tuned on.
const GOAL_WITHIN_ONE: f64 = 0.9;
const GOAL_PASS_SIDE: f64 = 0.9;
const GOAL_FALSE_PASSES: f64 = 0.02;

fn main() -> ExitCode {
    let flags: Vec<String> = std::env::args().skip(1).collect();
    let all = flags.iter().any(|a| a == "--all");
    let heldout_details = flags.iter().any(|a| a == "--heldout-details");
    let dir = flags
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or("exams", String::as_str);
    let mut files = Files::new();
    if let Err(e) = read_md(Path::new(dir), &mut files) {
        eprintln!("{dir}: {e}");
        return ExitCode::from(2);
    }
    let index = format!("{}/index.md", dir.trim_end_matches('/'));
    let lib = library::load(&index, &files);
    let Some(tuning) = report(&lib, TUNING) else {
        return ExitCode::from(2);
    };
    let mut sets = Vec::new();
    for (path, title) in HELD_OUT {
        let Some(r) = report(&lib, path) else {
            return ExitCode::from(2);
        };
        sets.push((path, title, r));
    }
    list(&tuning, TUNING, all);
    if heldout_details {
        for (path, _, r) in &sets {
            list(r, path, all);
        }
    }
    summary(&tuning, TUNING, "调优语料（评分规则可以按它调整）");
    let mut held = Report::default();
    for (path, title, r) in sets {
        summary(&r, path, title);
        held.graded.extend(r.graded);
        held.unknown.extend(r.unknown);
    }
    summary(&held, "A + B + C", "留出语料合计（从未按它调整评分规则）");
    let n = held.graded.len().max(1) as f64;
    let ok = held.unknown.is_empty()
        && tuning.unknown.is_empty()
        && !held.graded.is_empty()
        && held.agreement() + 1e-9 >= GOAL_WITHIN_ONE
        && held.pass_side() + 1e-9 >= GOAL_PASS_SIDE
        && held.false_passes() as f64 / n <= GOAL_FALSE_PASSES + 1e-9
        && held.max_violation() <= 1e-9;
    if ok {
        println!("\n留出语料达到目标");
        ExitCode::SUCCESS
    } else {
        println!("\n留出语料未达到目标");
        ExitCode::FAILURE
    }
}

fn report(lib: &Library, path: &str) -> Option<Report> {
    let corpus = std::fs::read_to_string(path)
        .map_err(|e| eprintln!("{path}: {e}"))
        .ok()?;
    let rows = parse_corpus(&corpus)
        .map_err(|e| eprintln!("{path}: {e}"))
        .ok()?;
    let report = evaluate(lib, rows);
    for u in &report.unknown {
        println!("{path}:{}: 课程里没有这道情景回复题：{}", u.line, u.key);
    }
    Some(report)
}

fn list(report: &Report, path: &str, all: bool) {
    for g in report.graded.iter().filter(|g| {
        !g.agrees() || g.scored_violation() || (all && (g.got - g.row.expected).abs() > 1e-6)
    }) {
        println!(
            "{path}:{}: {} 培训老师 {}，评分 {}（{}）「{}」 {}",
            g.row.line,
            if g.scored_violation() {
                "违规却得分"
            } else if g.false_pass() {
                "误判通过"
            } else if g.false_fail() {
                "误判不通过"
            } else {
                "相差一个要点以内"
            },
            fraction_text(g.row.expected),
            fraction_text(g.got),
            g.row.kind,
            g.row.text,
            g.feedback.join("；")
        );
    }
}

fn summary(report: &Report, path: &str, title: &str) {
    let n = report.graded.len();
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    println!("\n{title}：{n} 条回复（{path}）");
    println!(
        "  相差不超过一个要点：{}（目标 ≥ {:.0}%）",
        pct(report.agreement()),
        GOAL_WITHIN_ONE * 100.0
    );
    println!(
        "  通过与否一致（都 ≥ 2/3 或都低于）：{}（目标 ≥ {:.0}%）",
        pct(report.pass_side()),
        GOAL_PASS_SIDE * 100.0
    );
    println!("  完全一致：{}", pct(report.exact()));
    println!(
        "  误判通过（比老师高出一个要点以上）：{} 条，{}（目标 ≤ {:.0}%）",
        report.false_passes(),
        pct(report.false_passes() as f64 / n.max(1) as f64),
        GOAL_FALSE_PASSES * 100.0
    );
    println!(
        "  误判不通过（比老师低一个要点以上）：{} 条",
        report.false_fails()
    );
    println!(
        "  违规回复（错误做法、红线）的最高得分：{}（目标 0）",
        fraction_text(report.max_violation())
    );
    println!(
        "  错误做法/敷衍回复的最高得分：{}（上限 1/3）",
        fraction_text(report.max_capped())
    );
}

fn read_md(root: &Path, files: &mut Files) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(root)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            read_md(&p, files)?;
        } else if p.extension().is_some_and(|x| x == "md") {
            let key = p
                .to_string_lossy()
                .replace('\\', "/")
                .trim_start_matches("./")
                .to_string();
            files.insert(key, Some(std::fs::read_to_string(&p)?));
        }
    }
    Ok(())
}

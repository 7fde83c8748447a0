//! The reply grader's agreement with a trainer, over a corpus of graded trainee replies:
//! `replyreport [课程目录] [语料.tsv]` (defaults `exams/` and `tests/fixtures/reply-corpus.tsv`).
//! Prints every disagreement with the corpus line, then agreement within one key point, false
//! passes and fails, and the highest score given to a wrong-action or brush-off reply. Exits 1
//! below 90% agreement or when such a reply scores above 1/3.

use kefu_exam::engine::agreement::{evaluate, parse_corpus};
use kefu_exam::engine::examples::fraction_text;
use kefu_exam::engine::library::{self, Files};
use std::path::Path;
use std::process::ExitCode;

const GOAL: f64 = 0.9;
const CAP: f64 = 1.0 / 3.0;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--all").collect();
    let dir = args.first().map_or("exams", String::as_str);
    let corpus_path = args
        .get(1)
        .map_or("tests/fixtures/reply-corpus.tsv", String::as_str);
    let mut files = Files::new();
    if let Err(e) = read_md(Path::new(dir), &mut files) {
        eprintln!("{dir}: {e}");
        return ExitCode::from(2);
    }
    let index = format!("{}/index.md", dir.trim_end_matches('/'));
    let lib = library::load(&index, &files);
    let corpus = match std::fs::read_to_string(corpus_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{corpus_path}: {e}");
            return ExitCode::from(2);
        }
    };
    let rows = match parse_corpus(&corpus) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{corpus_path}: {e}");
            return ExitCode::from(2);
        }
    };
    let report = evaluate(&lib, rows);
    for u in &report.unknown {
        println!(
            "{corpus_path}:{}: 课程里没有这道情景回复题：{}",
            u.line, u.key
        );
    }
    // `--all` also lists replies scored differently but within one key point.
    let all = std::env::args().any(|a| a == "--all");
    for g in report
        .graded
        .iter()
        .filter(|g| !g.agrees() || (all && (g.got - g.row.expected).abs() > 1e-6))
    {
        println!(
            "{corpus_path}:{}: {} 培训老师 {}，评分 {}（{}）「{}」 {}",
            g.row.line,
            if g.false_pass() {
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
    let n = report.graded.len();
    let agreement = report.agreement();
    let max_capped = report.max_capped();
    println!("\n情景回复评分与培训老师的一致性（{n} 条回复，{corpus_path}）");
    println!(
        "  相差不超过一个要点：{:.1}%（目标 ≥ {:.0}%）",
        agreement * 100.0,
        GOAL * 100.0
    );
    println!("  完全一致：{:.1}%", report.exact() * 100.0);
    println!(
        "  误判通过（比老师高出一个要点以上）：{}",
        report.false_passes()
    );
    println!(
        "  误判不通过（比老师低一个要点以上）：{}",
        report.false_fails()
    );
    println!(
        "  错误做法/敷衍回复的最高得分：{}（上限 1/3）",
        fraction_text(max_capped)
    );
    let ok =
        report.unknown.is_empty() && n > 0 && agreement + 1e-9 >= GOAL && max_capped <= CAP + 1e-9;
    if ok {
        ExitCode::SUCCESS
    } else {
        println!("  未达到目标");
        ExitCode::FAILURE
    }
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

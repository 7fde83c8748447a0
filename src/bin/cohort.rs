//! The trainer desk from a terminal: `cargo run --bin cohort -- exams/ results/`
//!
//! Loads the course from the first folder (as the site serves it, under `exams/`), collects
//! every result file under the second (JSON exports from trainees, a trainer's cohort file, or
//! any other text holding trainees' text codes, `KF1.…`, such as a saved chat message),
//! and prints the cohort table, the re-grade findings and the item analysis of each exam.
//! Exits 1 if any file was refused or any attempt looks edited, so a script can notice.

use kefu_exam::engine::attempt::handover::code::CODE_PREFIX;
use kefu_exam::engine::bank::library::{self, Files};
use kefu_exam::engine::question::numeric::fmt_num;
use kefu_exam::engine::time::timing::duration_cn;
use kefu_exam::engine::trainer::cohort::{
    columns, exam_stats, first_attempts, option_counts, table, Cohort,
};
use kefu_exam::engine::trainer::regrade_findings::{dry_run_cohort, suspicious_ids};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The site serves the course under this folder; attempt records name banks by it.
const SERVED_AS: &str = "exams";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("用法: cohort <课程目录> <结果文件目录或文件>...\n汇总学员导出的 JSON 结果文件：打印班级成绩表、重新评分的发现和题目分析。");
        return ExitCode::from(2);
    }
    let mut files = Files::new();
    if let Err(e) = read_course(Path::new(&args[0]), Path::new(&args[0]), &mut files) {
        eprintln!("{}: {e}", args[0]);
        return ExitCode::from(2);
    }
    let lib = library::load(&format!("{SERVED_AS}/index.md"), &files);
    for d in lib.errors() {
        eprintln!("课程有错误：{d}");
    }

    let mut paths = Vec::new();
    for a in &args[1..] {
        collect(Path::new(a), &mut paths);
    }
    let mut cohort = Cohort::default();
    let mut bad = false;
    println!("== 导入的文件（{} 个）", paths.len());
    for p in &paths {
        let name = p.to_string_lossy().to_string();
        let report = match std::fs::read(p) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let json = text
                    .trim_start_matches('\u{feff}')
                    .trim_start()
                    .starts_with(['{', '[']);
                // Not JSON but holding a code: a saved chat message with trainees' text codes.
                if !json && text.contains(CODE_PREFIX) {
                    let mut report = cohort.add_code(&text, Some(&lib));
                    report.name = format!("{name}（{}）", report.name);
                    report
                } else {
                    cohort.add_file(&name, &text)
                }
            }
            Err(e) => {
                println!("{name}：无法读取（{e}）");
                bad = true;
                continue;
            }
        };
        bad |= report.refused;
        println!("{}", report.message());
    }

    let cols = columns(lib.course.as_ref(), &cohort);
    let rows = table(&cohort, &cols);
    println!("\n== 班级成绩表（{} 名学员）", rows.len());
    println!("说明：每格为 最高/最近 得分率（打字测试为 字/分）、考试次数、最近一次用时；✓ 已通过，✗ 未通过，— 未考");
    for col in &cols {
        println!("\n[{}] {}（{}）", col.day, col.title, col.path);
        for row in &rows {
            let who = format!("{} {}", row.trainee.name, row.trainee.employee_no);
            match row.cells.get(&col.path) {
                None => println!("  {who}：—"),
                Some(c) => println!(
                    "  {who}：{} 最高 {} 最近 {}，{} 次，用时 {}{}",
                    if c.passed { "✓" } else { "✗" },
                    c.best.map_or("-".into(), |_| c.figure(c.best)),
                    c.latest.map_or("-".into(), |_| c.figure(c.latest)),
                    c.attempts,
                    c.time_ms.map_or("-".into(), duration_cn),
                    if c.marked { "，有老师批改" } else { "" }
                ),
            }
        }
    }

    let runs = dry_run_cohort(&cohort.attempts, &lib);
    println!("\n== 重新评分（按网站现在的题库，试运行，不改任何成绩）");
    println!("注意：结果文件可以被有心人伪造；这里能发现的是被改过的分数、考试后改过的题库和前后矛盾的记录。");
    let mut any = false;
    for run in runs.iter().filter(|r| !r.findings.is_empty()) {
        any = true;
        bad |= run.suspicious();
        let r = cohort
            .attempt(&run.attempt_id)
            .expect("run of a cohort attempt");
        let change = match (&run.stored, &run.regraded) {
            (Some(s), Some(n)) if run.would_change() => {
                format!(
                    "：{}/{} 分（{}%） → {}/{} 分（{}%）",
                    fmt_num(s.score),
                    fmt_num(s.max),
                    fmt_num(s.percent),
                    fmt_num(n.score),
                    fmt_num(n.max),
                    fmt_num(n.percent)
                )
            }
            _ => "：分数不变".into(),
        };
        println!(
            "{} {} · {} · 记录 {}{change}",
            r.trainee.name, r.trainee.employee_no, r.bank.title, r.id
        );
        for f in &run.findings {
            println!("  - [{}] {}", f.code(), f.message());
        }
    }
    if !any {
        println!("没有发现问题：每条记录的分数都与按答案重新评分一致。");
    }

    let exclude = suspicious_ids(&runs);
    println!("\n== 题目分析（每位学员第一次考试，不含疑似被改的记录；Moodle 的定义）");
    for col in &cols {
        let t = exam_stats(&cohort, &col.path, &exclude);
        if t.s == 0 {
            continue;
        }
        let opt = |x: Option<f64>, unit: &str| x.map_or("-".into(), |v| format!("{v:.1}{unit}"));
        println!(
            "\n[{}] {} 份；平均 {} 分，标准差 {}；Cronbach α（CIC）{}，误差比 {}，标准误 {}",
            col.title,
            t.s,
            opt(t.mean, ""),
            opt(t.sd, ""),
            opt(t.cic, "%"),
            opt(t.error_ratio, "%"),
            opt(t.standard_error, "")
        );
        println!("  题目\t人数\t难易度(通过率)\t标准差\t区分度\t区分效率\t提示");
        let bank = lib.banks.get(&col.path);
        let firsts = first_attempts(&cohort, &col.path, &exclude);
        for it in &t.items {
            let flags: Vec<&str> = it.flags.iter().map(|f| f.label()).collect();
            println!(
                "  {}\t{}\t{}\t{}\t{}\t{}\t{}",
                it.key,
                it.s,
                opt(it.facility, "%"),
                opt(it.sd, "%"),
                opt(it.discrimination, ""),
                opt(it.efficiency, "%"),
                flags.join("、")
            );
            if let Some(counts) = bank.and_then(|b| option_counts(b, &it.key, &firsts)) {
                let picks: Vec<String> = counts
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        format!(
                            "{}{}{} {}人",
                            (b'A' + i as u8) as char,
                            if c.correct { "✓" } else { "" },
                            short(&c.text),
                            c.picked
                        )
                    })
                    .collect();
                println!("    选项：{}", picks.join("；"));
            }
        }
    }
    if bad {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn short(s: &str) -> String {
    let t: String = s.chars().take(12).collect();
    if s.chars().count() > 12 {
        format!("“{t}…”")
    } else {
        format!("“{t}”")
    }
}

/// Reads every `.md` under the course folder, keyed as the site serves it (`exams/...`).
fn read_course(root: &Path, dir: &Path, files: &mut Files) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            read_course(root, &p, files)?;
        } else if p.extension().is_some_and(|x| x == "md") {
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(
                format!("{SERVED_AS}/{rel}"),
                Some(std::fs::read_to_string(&p)?),
            );
        }
    }
    Ok(())
}

/// Every file under `p` (or `p` itself), sorted so the output is stable.
fn collect(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else {
        out.push(p.to_path_buf());
    }
}

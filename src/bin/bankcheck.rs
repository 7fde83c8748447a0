//! The trainer's checker: `cargo run --bin bankcheck -- exams/`
//!
//! Checks the course index, every bank and red-line list, prints each problem as
//! `file:line:col: message`, then a summary per bank. Exits 1 if there is any error.
//! Item-writing lints (`[length-cue]` …) are printed as hints and never change the exit code.
//!
//! `bankcheck --import FILE [--map 题干=C,答案=H]` converts a spreadsheet (.csv, .xlsx), GIFT,
//! Moodle XML, Aiken or quizdown file into a bank: the Markdown on standard output, the
//! conversion report on standard error, exit 1 when something was refused.
//! `bankcheck --export gift|xml|csv|xlsx BANK.md [-o FILE]` writes the other way (standard
//! output; .xlsx to a file, by default BANK.xlsx).

use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::library::{self, Files, Library};
use kefu_exam::engine::bank::redlines::{is_redline_file, parse_redlines};
use kefu_exam::engine::convert;
use kefu_exam::engine::grading::examples;
use kefu_exam::engine::grading::rubric_check;
use kefu_exam::engine::lint::{lint, BankLint};
use kefu_exam::engine::question::concepts::{is_concept_file, parse_concepts};
use kefu_exam::engine::question::numeric::fmt_num;
use kefu_exam::engine::text::diagnostics::{Diagnostic, Severity};
use kefu_exam::engine::text::entities;
use kefu_exam::engine::text::rich::inline_text;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

/// Files in a bank folder that are documentation, not banks.
const NOT_BANKS: &[&str] = &["FORMAT.md", "README.md", "REVIEW.md"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--import") {
        return import(&args[1..]);
    }
    if args.first().is_some_and(|a| a == "--export") {
        return export(&args[1..]);
    }
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("用法: bankcheck <题库目录或文件>...\n{CONVERT_USAGE}\n检查课程目录 index.md、所有题库和红线词表，按 文件:行:列 列出问题并打印汇总。");
        return ExitCode::from(2);
    }
    let mut diags = Vec::new();
    let mut summaries = Vec::new();
    for arg in &args {
        match check(Path::new(arg)) {
            Ok((d, s)) => {
                diags.extend(d);
                summaries.push(s);
            }
            Err(e) => {
                eprintln!("{arg}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    diags.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    diags.dedup();
    for d in &diags {
        println!("{d}");
    }
    for s in summaries {
        print!("{s}");
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    println!("\n检查完成：{errors} 个错误，{warnings} 个提示");
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

const CONVERT_USAGE: &str = "用法: bankcheck --import 文件 [--map 题干=C,答案=H]\n      bankcheck --export gift|xml|csv|xlsx 题库.md [-o 输出文件]";

fn import(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut mapping = convert::sheet::Mapping::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--map" => match it.next().map(|s| convert::sheet::Mapping::parse(s)) {
                Some(Ok(m)) => mapping = m,
                Some(Err(e)) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
                None => {
                    eprintln!("{CONVERT_USAGE}");
                    return ExitCode::from(2);
                }
            },
            f if file.is_none() => file = Some(f.to_string()),
            _ => {
                eprintln!("{CONVERT_USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(file) = file else {
        eprintln!("{CONVERT_USAGE}");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    match convert::import(&file, &bytes, &mapping) {
        Ok(done) => {
            print!("{}", done.markdown);
            eprintln!("{}", done.report);
            if done.report.failed() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn export(args: &[String]) -> ExitCode {
    let (Some(fmt), Some(bank)) = (args.first(), args.get(1)) else {
        eprintln!("{CONVERT_USAGE}");
        return ExitCode::from(2);
    };
    let out = match &args[2..] {
        [] => None,
        [o, path] if o == "-o" => Some(path.clone()),
        _ => {
            eprintln!("{CONVERT_USAGE}");
            return ExitCode::from(2);
        }
    };
    let Some(format) = convert::ExportFormat::parse(fmt) else {
        eprintln!("不认识的导出格式“{fmt}”：可用 gift、xml、csv、xlsx");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(bank) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{bank}: {e}");
            return ExitCode::from(2);
        }
    };
    let (bytes, report) = match convert::export(&slash(Path::new(bank)), &text, format) {
        Ok(done) => done,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let out = out.or_else(|| {
        (format == convert::ExportFormat::Xlsx).then(|| {
            Path::new(bank)
                .with_extension("xlsx")
                .to_string_lossy()
                .into_owned()
        })
    });
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, &bytes) {
                eprintln!("{path}: {e}");
                return ExitCode::from(2);
            }
            eprintln!("已写入 {path}");
        }
        None => {
            use std::io::Write;
            if std::io::stdout().write_all(&bytes).is_err() {
                return ExitCode::from(2);
            }
        }
    }
    eprintln!("{report}");
    if report.refused() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn read_tree(root: &Path, files: &mut Files) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(root)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            read_tree(&p, files)?;
        } else if p.extension().is_some_and(|x| x == "md") {
            files.insert(slash(&p), Some(std::fs::read_to_string(&p)?));
        }
    }
    Ok(())
}

fn slash(p: &Path) -> String {
    p.to_string_lossy()
        .replace('\\', "/")
        .trim_start_matches("./")
        .to_string()
}

fn check(path: &Path) -> Result<(Vec<Diagnostic>, String), String> {
    let mut files = Files::new();
    let dir = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    };
    read_tree(dir, &mut files).map_err(|e| e.to_string())?;
    let mut out = String::new();
    let mut diags = Vec::new();
    let mut banks: BTreeMap<String, Bank> = BTreeMap::new();
    let mut reached = std::collections::BTreeSet::new();
    let mut course = None;
    let mut typing: Vec<String> = Vec::new();
    let mut others: Vec<String> = Vec::new();

    let single = (!path.is_dir()).then(|| slash(path));
    let index = slash(&dir.join("index.md"));
    if single.is_none() && files.contains_key(&index) {
        let mut lib = library::load(&index, &files);
        lib.add_list_diagnostics();
        reached.insert(index.clone());
        reached.extend(lib.banks.keys().cloned());
        reached.extend(lib.list_sources.keys().cloned());
        reached.extend(lib.typing.keys().cloned());
        reached.extend(lib.course.as_ref().and_then(|c| c.concepts.clone()));
        course_summary(&lib, &mut out);
        diags.extend(examples::check(&lib));
        diags.extend(rubric_check::check(&lib));
        typing.extend(lib.typing.values().map(|t| t.summary()));
        diags.extend(lib.diagnostics);
        banks.extend(
            lib.banks
                .into_iter()
                .map(|(k, b)| (k, Arc::unwrap_or_clone(b))),
        );
        course = lib.course;
    }
    let candidates: Vec<String> = match &single {
        Some(p) => vec![p.clone()],
        None => files.keys().cloned().collect(),
    };
    for p in candidates {
        let name = p.rsplit('/').next().unwrap_or(&p);
        if reached.contains(&p) || (single.is_none() && NOT_BANKS.contains(&name)) {
            continue;
        }
        let Some(Some(text)) = files.get(&p) else {
            return Err(format!("找不到文件 {p}"));
        };
        others.push(p.clone());
        if is_concept_file(text) {
            let (list, d) = parse_concepts(&p, text);
            diags.extend(d);
            out.push_str(&format!("\n{p}  概念表：{} 个概念\n", list.len()));
            continue;
        }
        if is_redline_file(text) {
            let (list, d) = parse_redlines(&p, text);
            diags.extend(d);
            out.push_str(&format!(
                "\n{p}  红线词表“{}”：{} 个词\n",
                list.title,
                list.words.len()
            ));
            continue;
        }
        if single.is_none() && files.contains_key(&index) {
            diags.push(Diagnostic {
                file: p.clone(),
                line: 1,
                col: 1,
                severity: Severity::Warning,
                message: "这个题库没有被课程目录 index.md 链接，学员看不到它".into(),
            });
        }
        let mut lib = library::load_single(&p, &files);
        lib.add_list_diagnostics();
        diags.extend(examples::check(&lib).into_iter().filter(|d| d.file == p));
        typing.extend(lib.typing.values().map(|t| t.summary()));
        diags.extend(lib.diagnostics);
        banks.extend(
            lib.banks
                .into_iter()
                .filter(|(k, _)| *k == p)
                .map(|(k, b)| (k, Arc::unwrap_or_clone(b))),
        );
    }
    // Entities the app's cut-down Markdown parser would show as typed.
    for p in reached.iter().chain(&others) {
        if let (true, Some(Some(text))) = (p.ends_with(".md"), files.get(p)) {
            diags.extend(entities::check(p, text));
        }
    }
    let lints = lint(&banks, course.as_ref(), &files);
    diags.extend(lints.diagnostics());
    for bank in banks.values() {
        bank_summary(bank, &mut out);
        if let Some(l) = lints.banks.get(&bank.path) {
            lint_summary(l, &mut out);
        }
    }
    out.extend(typing);
    let own: usize = banks
        .values()
        .filter(|b| b.imports().next().is_none())
        .map(Bank::question_count)
        .sum();
    out.push_str(&format!(
        "\n合计：{} 个题库，{own} 道题（组合考试引用的题不重复计算）\n",
        banks.len()
    ));
    Ok((diags, out))
}

fn course_summary(lib: &Library, out: &mut String) {
    let Some(course) = &lib.course else { return };
    out.push_str(&format!(
        "\n课程《{}》：{} 天\n",
        course.title,
        course.days.len()
    ));
    for day in &course.days {
        let exams: Vec<String> = day
            .exams
            .iter()
            .map(|e| format!("{}（{}）", e.title, e.path))
            .collect();
        out.push_str(&format!(
            "  {}：{}\n",
            inline_text(&day.title),
            exams.join("、")
        ));
    }
    for r in &course.redlines {
        match lib.lists().wrong_actions.get(r) {
            Some(w) => out.push_str(&format!("  错误做法表：{r}，{} 条\n", w.len())),
            None => {
                let n = lib.lists().redlines.get(r).map_or(0, Vec::len);
                out.push_str(&format!("  红线词表：{r}，{n} 个词\n"));
            }
        }
    }
    if let Some(c) = &course.concepts {
        out.push_str(&format!("  概念表：{c}，{} 个概念\n", lib.concepts().len()));
    }
}

fn lint_summary(l: &BankLint, out: &mut String) {
    out.push_str(&format!("  {}\n", l.summary()));
}

fn bank_summary(bank: &Bank, out: &mut String) {
    let s = &bank.settings;
    out.push_str(&format!("\n{}  《{}》\n", bank.path, bank.title));
    let types: Vec<String> = bank
        .count_by_type()
        .iter()
        .map(|(t, n)| format!("{} {n}", t.label()))
        .collect();
    let limit = s.time_limit.map_or("不限时".to_string(), |t| {
        format!("限时 {} 分钟", fmt_num(f64::from(t) / 60.0))
    });
    let attempts = s
        .attempts
        .map_or("不限次数".to_string(), |a| format!("可考 {a} 次"));
    out.push_str(&format!(
        "  {} 道题（{}），总分 {}，{limit}，及格 {}%，每次考 {} 题，{attempts}\n",
        bank.question_count(),
        types.join("，"),
        fmt_num(bank.total_points()),
        fmt_num(s.pass_percent),
        bank.attempt_size()
    ));
    for sec in &bank.sections {
        let title = inline_text(&sec.title);
        let title = if title.is_empty() {
            "（未分组）".to_string()
        } else {
            title
        };
        let from = sec
            .import
            .as_ref()
            .map_or(String::new(), |i| format!("，引自 {}", i.path));
        let draw = sec.draw.map_or(String::new(), |d| format!("，抽 {d} 题"));
        out.push_str(&format!(
            "    分组 {title}：{} 题{draw}{from}\n",
            sec.questions.len()
        ));
    }
    if bank.imports().next().is_none() {
        let mut sources: BTreeMap<&str, usize> = BTreeMap::new();
        let mut without = 0;
        for q in bank.questions() {
            if q.sources.is_empty() {
                without += 1;
            }
            for src in &q.sources {
                *sources.entry(src.as_str()).or_insert(0) += 1;
            }
        }
        let list: Vec<String> = sources.iter().map(|(s, n)| format!("{s} ×{n}")).collect();
        out.push_str(&format!(
            "  解析出处：{}",
            if list.is_empty() {
                "无".into()
            } else {
                list.join("，")
            }
        ));
        if without > 0 {
            out.push_str(&format!("；{without} 道题的解析没有写出处"));
        }
        out.push('\n');
    }
}

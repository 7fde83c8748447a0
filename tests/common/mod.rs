//! Helpers shared by the engine integration tests: reading fixtures and parsing banks.
#![allow(dead_code)]

use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::library::Files;
use kefu_exam::engine::bank::parse::parse_bank;
use kefu_exam::engine::question::answer::Answer;
use kefu_exam::engine::question::{grade, GradeContext, Graded, Question};
use kefu_exam::engine::text::diagnostics::{Diagnostic, Severity};
use std::path::{Path, PathBuf};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// Text of `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> String {
    let p = fixtures_dir().join(rel);
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", p.display()))
}

pub fn errors(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// Parses `text` as a bank and asserts it has no diagnostics at all (errors or warnings).
pub fn clean_bank(path: &str, text: &str) -> Bank {
    let (bank, diags) = parse_bank(path, text);
    let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(
        diags.is_empty(),
        "expected no diagnostics for {path}, got:\n{}",
        shown.join("\n")
    );
    bank
}

/// Parses `tests/fixtures/<rel>` (with `rel` as the bank path) and asserts it is clean.
pub fn fixture_bank(rel: &str) -> Bank {
    clean_bank(rel, &fixture(rel))
}

/// Parses a bank that is expected to have errors and returns them.
pub fn bank_errors(text: &str) -> (Bank, Vec<Diagnostic>) {
    let (bank, diags) = parse_bank("t.md", text);
    let errs = diags
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    (bank, errs)
}

pub fn question<'a>(bank: &'a Bank, id: &str) -> &'a Question {
    bank.questions()
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("no question {id} in {}", bank.path))
}

pub fn grade_q(q: &Question, answer: Answer) -> Graded {
    grade(&q.kind, Some(&answer), &GradeContext::default())
}

pub fn approx(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Every `.md` file under `tests/fixtures/<dir>`, keyed `<dir>/<name>` like the app keys them.
pub fn fixture_files(dir: &str) -> Files {
    let mut files = Files::new();
    let root = fixtures_dir();
    collect(&root, &root.join(dir), &mut files);
    files
}

fn collect(root: &Path, dir: &Path, files: &mut Files) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(root, &p, files);
        } else if p.extension().is_some_and(|x| x == "md") {
            let key = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(key, Some(std::fs::read_to_string(&p).unwrap()));
        }
    }
}

/// A fully correct answer for a question, built from its model.
pub fn correct_answer(kind: &kefu_exam::engine::question::Kind) -> Answer {
    use kefu_exam::engine::question::Kind;
    match kind {
        Kind::Choice(c) => Answer::Choice {
            selected: (0..c.options.len())
                .filter(|&i| c.options[i].correct)
                .collect(),
        },
        Kind::TrueFalse(t) => Answer::TrueFalse { value: t.answer },
        Kind::Fill(f) => Answer::Fill {
            blanks: f.blanks.iter().map(|b| b[0].clone()).collect(),
        },
        Kind::Order(o) => Answer::Order {
            order: (0..o.items.len()).collect(),
        },
        Kind::Match(m) => Answer::Match {
            pairs: (0..m.pairs.len()).map(Some).collect(),
        },
        Kind::Numeric(n) => Answer::Numeric {
            text: n.value.to_string(),
        },
        // A full-marks example when the bank has one; else every key point, said politely
        // (a curt reply is capped, see the brush-off rule).
        Kind::Reply(r) => Answer::Reply {
            text: r
                .examples
                .iter()
                .find(|e| e.expected >= 1.0)
                .map(|e| e.text.clone())
                .unwrap_or_else(|| {
                    let points: Vec<&str> = r.keypoints.iter().map(|k| k[0].as_str()).collect();
                    format!("亲，{}", points.join("，"))
                }),
        },
    }
}

/// Every Markdown file of the default course (`exams/`), keyed as the course names them.
pub fn exam_files() -> Files {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("exams");
    let mut files = Files::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(
                format!("exams/{name}"),
                Some(std::fs::read_to_string(&p).unwrap()),
            );
        }
    }
    files
}

//! Bank and question fingerprints are computed when first asked for, no longer while parsing;
//! they are stored in attempt records and compared years later, so they must be exactly the
//! values the eager parser gave: `hex_hash` of the file, and `content_hash` of each question's
//! Markdown from its heading to the next heading.

mod common;

use common::*;
use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode};
use kefu_exam::engine::attempt::report::import_json;
use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::library::{self, Files};
use kefu_exam::engine::bank::parse::parse_bank;
use kefu_exam::engine::question::GradeContext;
use kefu_exam::engine::text::hash::{content_hash, hex_hash};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Byte offset where 1-based `line` starts.
fn line_start(text: &str, line: u32) -> usize {
    let mut at = 0;
    for _ in 1..line {
        at += text[at..].find('\n').map_or(text.len() - at, |i| i + 1);
    }
    at
}

/// Where the question whose heading starts at `start` ends: the next heading line outside a
/// code fence, or the end of the file. Written apart from the parser on purpose.
fn next_heading(text: &str, start: usize) -> usize {
    let mut at = start
        + text[start..]
            .find('\n')
            .map_or(text.len() - start, |i| i + 1);
    let mut fence = false;
    while at < text.len() {
        let line = &text[at..];
        let trimmed = line.trim_start_matches(' ');
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = !fence;
        } else if !fence && line.starts_with('#') {
            return at;
        }
        at += line.find('\n').map_or(line.len(), |i| i + 1);
    }
    text.len()
}

/// Checks every question of `bank` against the text of the file it was written in, and
/// returns how many were checked.
fn check_questions(bank: &Bank, text_of: &dyn Fn(&str) -> String) -> usize {
    let mut n = 0;
    for q in bank.questions() {
        let text = text_of(&q.bank);
        let key = q.key();
        let source = q.hash.source().expect("a parsed question keeps its source");
        let start = line_start(&text, q.line);
        let next = next_heading(&text, start);
        // The range starts exactly at the heading: one byte early would take the newline
        // before it, one late would lose the `#`.
        assert!(source.starts_with('#'), "{key}: {source:?}");
        assert!(text[start..].starts_with(source), "{key}: {source:?}");
        // …and ends before the next heading, leaving out nothing but blank space.
        let end = start + source.len();
        assert!(end <= next, "{key} runs into the next heading: {source:?}");
        assert!(
            text[end..next].trim().is_empty(),
            "{key} leaves out {:?}",
            &text[end..next]
        );
        assert_eq!(q.hash.as_str(), content_hash(&text[start..next]), "{key}");
        assert_eq!(q.hash.as_str(), content_hash(source), "{key}");
        n += 1;
    }
    n
}

fn md_files(dir: &str) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            (
                format!("{dir}/{name}"),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_real_and_test_bank_has_the_fingerprints_the_eager_parser_gave() {
    let mut questions = 0;
    for dir in ["exams", "tests/browser/site"] {
        for (path, text) in md_files(dir) {
            let (bank, _) = parse_bank(&path, &text);
            assert_eq!(bank.hash.as_str(), hex_hash(&text), "{path}");
            assert_eq!(bank.hash.source(), Some(text.as_str()), "{path}");
            questions += check_questions(&bank, &|_| text.clone());
        }
    }
    // All of them: a loop over nothing would pass.
    assert!(questions >= 250, "only {questions} questions checked");
}

#[test]
fn the_last_question_of_a_file_without_a_final_newline_keeps_its_last_byte() {
    let text = "---\ntitle: 无换行\n---\n\n## 第一题\n\n1. [x] 对\n1. [ ] 错\n\n\n## 第二题\n\n1. [ ] 对\n1. [x] 错";
    let (bank, diags) = parse_bank("t.md", text);
    assert_eq!(bank.question_count(), 2, "{diags:?}");
    assert_eq!(check_questions(&bank, &|_| text.to_string()), 2);
    let last = bank.questions().last().unwrap();
    assert!(last.hash.source().unwrap().ends_with("错"));
    assert_eq!(bank.hash.as_str(), hex_hash(text));
}

#[test]
fn imported_questions_keep_the_fingerprint_of_the_file_they_were_written_in() {
    let mut files = Files::new();
    for (path, text) in md_files("exams") {
        files.insert(path, Some(text));
    }
    let lib = library::load("exams/index.md", &files);
    let text_of = |p: &str| files[p].clone().unwrap();
    let final_exam = &lib.banks["exams/final-exam.md"];
    let imported = final_exam
        .questions()
        .filter(|q| *q.bank != *final_exam.path)
        .count();
    assert!(imported > 0, "final-exam.md imports its questions");
    assert_eq!(
        check_questions(final_exam, &text_of),
        final_exam.question_count()
    );
    for bank in lib.banks.values() {
        assert_eq!(
            bank.hash.as_str(),
            hex_hash(&text_of(&bank.path)),
            "{}",
            bank.path
        );
        check_questions(bank, &text_of);
    }
}

/// `records/browser-export.json` was exported by the wasm build from the test site's
/// `basic.md` (served as `exams/basic.md`) before fingerprints were lazy.
fn golden_record_and_bank() -> (AttemptRecord, Bank) {
    let (mut records, problems) = import_json(&fixture("records/browser-export.json")).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("tests/browser/site/basic.md")).unwrap();
    let (bank, _) = parse_bank("exams/basic.md", &text);
    (records.remove(0), bank)
}

#[test]
fn a_golden_record_still_matches_the_bank_it_was_taken_from() {
    let (rec, bank) = golden_record_and_bank();
    let re = rec.regrade(&bank, &GradeContext::default());
    assert!(!re.bank_changed, "{} vs {}", rec.bank.hash, bank.hash);
    assert!(
        re.changed_questions.is_empty(),
        "{:?}",
        re.changed_questions
    );
    assert_eq!(re.outcome.score, rec.result.as_ref().unwrap().score);
}

#[test]
fn an_attempt_started_from_a_parsed_bank_stores_the_hashes_the_golden_record_stored() {
    let (golden, bank) = golden_record_and_bank();
    let rec = AttemptRecord::start(&bank, Mode::Exam, golden.trainee.clone(), golden.seed, 1);
    assert_eq!(rec.bank.hash, golden.bank.hash);
    let pairs = |r: &AttemptRecord| {
        let mut v: Vec<(String, String)> = r
            .questions
            .iter()
            .map(|q| (q.key.clone(), q.hash.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(pairs(&rec), pairs(&golden));
    assert_eq!(rec.questions.len(), 8);
}

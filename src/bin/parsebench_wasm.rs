//! The parse benchmark as the browser runs it: the same generated bank parsed in WebAssembly
//! (the app's allocator, the engine compiled for wasm32 with the app's settings by
//! `.ci/parsebench-wasm`), timed from JavaScript by `tests/bench/parsebench-wasm.mjs`. Natively
//! this program does nothing.
//!
//! Exports: `generate()` writes the bench bank into memory; `bare()` runs pulldown-cmark's bare
//! pass over it; `full()` runs `parse_bank` and keeps the result; `release()` frees it, outside
//! the timing, as the native benchmark does. `reply_setup()` loads the course's reply bank with
//! its red lines, wrong actions and concepts and the reply corpora (built in); `reply_grade()`
//! grades every corpus reply once, as the app grades a reply (the first call also reads the
//! character tables).

#[path = "../../tests/bench/bank_gen.rs"]
#[allow(dead_code)]
mod bank_gen;

use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::library::{self, Files, Library};
use kefu_exam::engine::bank::parse::parse_bank;
use kefu_exam::engine::grading::agreement::{evaluate, parse_corpus, Row};
use kefu_exam::engine::text::markdown;
use std::sync::Mutex;

static TEXT: Mutex<String> = Mutex::new(String::new());
static KEPT: Mutex<Option<Bank>> = Mutex::new(None);

/// Generates the bench bank; returns its size in bytes.
#[no_mangle]
pub extern "C" fn generate() -> u32 {
    let mut text = TEXT.lock().unwrap_or_else(|e| e.into_inner());
    *text = bank_gen::generate();
    text.len() as u32
}

/// pulldown-cmark's bare pass; returns the number of events.
#[no_mangle]
pub extern "C" fn bare() -> u32 {
    let text = TEXT.lock().unwrap_or_else(|e| e.into_inner());
    pulldown_cmark::Parser::new_ext(&text, markdown::options()).count() as u32
}

/// The full parse; keeps the bank and returns its number of questions.
#[no_mangle]
pub extern "C" fn full() -> u32 {
    let text = TEXT.lock().unwrap_or_else(|e| e.into_inner());
    let (bank, _) = parse_bank("bench.md", &text);
    let n = bank.question_count() as u32;
    *KEPT.lock().unwrap_or_else(|e| e.into_inner()) = Some(bank);
    n
}

/// Frees the bank `full` kept.
#[no_mangle]
pub extern "C" fn release() {
    KEPT.lock().unwrap_or_else(|e| e.into_inner()).take();
}

/// The course files reply grading reads, with an index that links only the reply bank.
const REPLY_FILES: &[(&str, &str)] = &[
    (
        "exams/index.md",
        "---\ntitle: 情景回复\nredlines: redlines.md, redlines-jd.md, wrong-actions.md\nconcepts: concepts.md\n---\n\n# 第 1 天\n\n- [情景回复](09-replies.md)\n",
    ),
    ("exams/09-replies.md", include_str!("../../exams/09-replies.md")),
    ("exams/redlines.md", include_str!("../../exams/redlines.md")),
    ("exams/redlines-jd.md", include_str!("../../exams/redlines-jd.md")),
    ("exams/wrong-actions.md", include_str!("../../exams/wrong-actions.md")),
    ("exams/concepts.md", include_str!("../../exams/concepts.md")),
];

const CORPORA: &[&str] = &[
    include_str!("../../tests/fixtures/reply-corpus.tsv"),
    include_str!("../../tests/fixtures/reply-heldout.tsv"),
    include_str!("../../tests/fixtures/reply-heldout-b.tsv"),
    include_str!("../../tests/fixtures/reply-heldout-c.tsv"),
];

static REPLIES: Mutex<Option<(Library, Vec<Row>)>> = Mutex::new(None);

/// Loads the reply bank and the corpora; returns the number of replies.
#[no_mangle]
pub extern "C" fn reply_setup() -> u32 {
    let files: Files = REPLY_FILES
        .iter()
        .map(|(p, t)| (p.to_string(), Some(t.to_string())))
        .collect();
    let lib = library::load("exams/index.md", &files);
    let rows: Vec<Row> = CORPORA
        .iter()
        .flat_map(|c| parse_corpus(c).unwrap_or_default())
        .collect();
    let n = rows.len() as u32;
    *REPLIES.lock().unwrap_or_else(|e| e.into_inner()) = Some((lib, rows));
    n
}

/// Grades every corpus reply; returns how many were graded.
#[no_mangle]
pub extern "C" fn reply_grade() -> u32 {
    let guard = REPLIES.lock().unwrap_or_else(|e| e.into_inner());
    let Some((lib, rows)) = guard.as_ref() else {
        return 0;
    };
    evaluate(lib, rows.clone()).graded.len() as u32
}

fn main() {}

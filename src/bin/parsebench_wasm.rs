//! The parse benchmark as the browser runs it: the same generated bank parsed in WebAssembly
//! (the app's allocator, the engine compiled for wasm32 with the app's settings by
//! `.ci/parsebench-wasm`), timed from JavaScript by `tests/bench/parsebench-wasm.mjs`. Natively
//! this program does nothing.
//!
//! Exports: `generate()` writes the bench bank into memory; `bare()` runs pulldown-cmark's bare
//! pass over it; `full()` runs `parse_bank` and keeps the result; `release()` frees it, outside
//! the timing, as the native benchmark does.

#[path = "../../tests/bench/bank_gen.rs"]
#[allow(dead_code)]
mod bank_gen;

use kefu_exam::engine::bank::Bank;
use kefu_exam::engine::markdown;
use kefu_exam::engine::parse::parse_bank;
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

fn main() {}

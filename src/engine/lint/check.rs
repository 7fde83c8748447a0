//! One bank checked as `bankcheck FILE` checks it: parsed with the files it imports and its
//! red-line lists, its reply examples graded, entities the app would show as typed, and the
//! item-writing hints. The editor calls it as the trainer types.

use crate::engine::bank::bank::Bank;
use crate::engine::bank::library::{load_single, Files, Library};
use crate::engine::grading::examples;
use crate::engine::question::Question;
use crate::engine::text::diagnostics::Diagnostic;
use crate::engine::text::entities;
use std::collections::BTreeMap;

/// A checked bank: the library it loaded (its `missing` lists files to fetch and check again)
/// and every problem and hint, sorted by place.
pub struct Checked {
    pub library: Library,
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks the bank `path` in `files` (its imports and red-line lists looked up there too).
pub fn check_bank(path: &str, files: &Files) -> Checked {
    let mut library = load_single(path, files);
    library.add_list_diagnostics();
    let mut diagnostics: Vec<Diagnostic> = examples::check(&library)
        .into_iter()
        .filter(|d| d.file == path)
        .collect();
    diagnostics.extend(library.diagnostics.iter().cloned());
    if let Some(Some(text)) = files.get(path) {
        diagnostics.extend(entities::check(path, text));
    }
    let banks: BTreeMap<String, Bank> = library
        .banks
        .iter()
        .filter(|(k, _)| *k == path)
        .map(|(k, b)| (k.clone(), Bank::clone(b)))
        .collect();
    diagnostics.extend(super::lint(&banks, None, files).diagnostics());
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.col).cmp(&(&b.file, b.line, b.col)));
    diagnostics.dedup();
    Checked {
        library,
        diagnostics,
    }
}

/// The question written at `line` of `bank` (1-based): the last one whose heading is on or
/// above it; imported questions are not written in the file, so they are never chosen.
pub fn question_at(bank: &Bank, line: u32) -> Option<&Question> {
    bank.sections
        .iter()
        .filter(|s| s.import.is_none())
        .flat_map(|s| s.questions.iter())
        .filter(|q| q.line <= line)
        .max_by_key(|q| q.line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::bank::templates::TEMPLATES;
    use crate::engine::text::diagnostics::Severity;

    fn files(path: &str, text: &str) -> Files {
        let mut f = Files::new();
        f.insert(path.to_string(), Some(text.to_string()));
        f
    }

    #[test]
    fn every_template_passes_the_checker_without_a_hint() {
        for t in TEMPLATES {
            let checked = check_bank("新题库.md", &files("新题库.md", t.text));
            let found: Vec<String> = checked.diagnostics.iter().map(|d| d.to_string()).collect();
            assert!(found.is_empty(), "{}: {found:?}", t.label);
            let questions = checked
                .library
                .banks
                .get("新题库.md")
                .map_or(0, |b| b.question_count());
            let passages = checked
                .library
                .typing
                .get("新题库.md")
                .map_or(0, |b| b.passages.len());
            assert_eq!(questions + passages, 1, "{}", t.label);
        }
    }

    #[test]
    fn a_mistake_is_reported_at_its_line() {
        let text = "---\ntitle: t\n---\n\n## 选哪个？\n\n1. [ ] 甲\n1. [ ] 乙\n";
        let checked = check_bank("a.md", &files("a.md", text));
        let e = checked
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error && d.message.contains("[x]"))
            .expect("no [x] is an error");
        assert_eq!((e.file.as_str(), e.line, e.col), ("a.md", 7, 1), "{e}");
    }

    #[test]
    fn hints_come_with_the_errors() {
        // A true/false bank that is all 对 gets the balance hint.
        let mut text = String::from("---\ntitle: t\n---\n");
        for i in 0..6 {
            text.push_str(&format!("\n## 第 {i} 条规则是真的。\n\n答案：对\n"));
        }
        let checked = check_bank("tf.md", &files("tf.md", &text));
        assert!(
            checked
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Warning && d.message.contains("[tf-balance]")),
            "{:?}",
            checked.diagnostics
        );
    }

    #[test]
    fn the_question_under_a_line_is_the_last_heading_above_it() {
        let text = "---\ntitle: t\n---\n\n## 一？\n\n答案：对\n\n## 二？\n\n答案：错\n";
        let checked = check_bank("b.md", &files("b.md", text));
        let bank = &checked.library.banks["b.md"];
        assert_eq!(question_at(bank, 3), None);
        assert_eq!(question_at(bank, 5).map(|q| q.line), Some(5));
        assert_eq!(question_at(bank, 8).map(|q| q.line), Some(5));
        assert_eq!(question_at(bank, 9).map(|q| q.line), Some(9));
        assert_eq!(question_at(bank, 100).map(|q| q.line), Some(9));
    }
}

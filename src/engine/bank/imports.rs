//! Exams that draw from other banks: fills import sections with the other banks' questions.

use crate::engine::bank::bank::Bank;
use crate::engine::bank::parse::{check_draws, draw_offset};
use crate::engine::text::diagnostics::{Diagnostic, Reporter, Severity};
use crate::engine::text::rich::inline_text;
use std::collections::HashSet;

/// Resolves `bank`'s import sections. `lookup` gives a parsed bank by path, or `None` when the
/// file does not exist. `text` is the bank's own source, for positions.
pub fn resolve_imports<'b>(
    bank: &mut Bank,
    text: &str,
    lookup: &dyn Fn(&str) -> Option<&'b Bank>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut err = |line: u32, col: u32, message: String| {
        diags.push(Diagnostic {
            file: bank.path.clone(),
            line,
            col,
            severity: Severity::Error,
            message,
        })
    };
    let bank_path = bank.path.clone();
    for section in &mut bank.sections {
        let Some(import) = section.import.clone() else {
            continue;
        };
        let found = match lookup(&import.path) {
            None => Err(format!("找不到链接的题库 \"{}\"", import.path)),
            Some(other) if other.path == bank_path => Err("题库不能引用它自己".into()),
            Some(other) if other.imports().next().is_some() => Err(format!(
                "\"{}\" 本身也在引用其他题库：只能引用直接写有题目的题库",
                import.path
            )),
            Some(other) => match &import.fragment {
                None => Ok(other.questions().cloned().collect::<Vec<_>>()),
                Some(frag) => match other
                    .sections
                    .iter()
                    .find(|s| &s.id == frag || inline_text(&s.title).trim() == frag)
                {
                    Some(s) => Ok(s.questions.clone()),
                    None => {
                        let names: Vec<String> = other
                            .sections
                            .iter()
                            .map(|s| s.id.clone())
                            .filter(|s| !s.is_empty())
                            .collect();
                        Err(format!(
                            "题库 \"{}\" 中没有分组 \"{frag}\"，已有的分组：{}",
                            import.path,
                            names.join("、")
                        ))
                    }
                },
            },
        };
        match found {
            Ok(questions) if !questions.is_empty() => section.questions = questions,
            Ok(_) => {
                err(
                    import.line,
                    import.col,
                    format!("引用的 \"{}\" 里没有题目", import.path),
                );
                // The empty import is the problem; its draw would only repeat it.
                section.draw = None;
            }
            Err(message) => {
                err(import.line, import.col, message);
                section.draw = None;
            }
        }
    }
    let mut seen = HashSet::new();
    for s in &bank.sections {
        for q in &s.questions {
            if !seen.insert(q.key()) {
                diags.push(Diagnostic {
                    file: bank.path.clone(),
                    line: s.line,
                    col: 1,
                    severity: Severity::Error,
                    message: format!(
                        "题目 \"{}\" 被引用了两次：同一道题只能出现在一个分组里",
                        q.key()
                    ),
                });
                break;
            }
        }
    }
    let mut rep = Reporter::new(&bank_path, text);
    check_draws(bank, draw_offset(text), &mut rep);
    diags.extend(rep.diags);
    diags
}

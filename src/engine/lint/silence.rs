//! Silencing a hint a trainer has judged acceptable, always with a written reason:
//!
//! - for one question, on its heading: `{allow=length-cue why="正确选项必须写全三个步骤"}`
//!   (several lints: `allow=length-cue,about-text`);
//! - for a whole file, a comment line in its front matter:
//!   `# lint-ok: tf-balance 本题库只考容易误解的说法，所以“错”多`.
//!
//! A silencing without a reason, or naming an unknown lint, is itself a hint (`lint-ok`).

use super::{Hint, Lint};
use crate::engine::bank::attrs;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Default)]
pub struct Silences {
    /// Lints silenced for the whole file.
    file: BTreeSet<Lint>,
    /// Heading line → lints silenced for that question.
    lines: BTreeMap<u32, BTreeSet<Lint>>,
    pub problems: Vec<Hint>,
}

impl Silences {
    pub fn allows(&self, lint: Lint, line: u32) -> bool {
        self.file.contains(&lint) || self.lines.get(&line).is_some_and(|s| s.contains(&lint))
    }
}

pub fn read(path: &str, text: &str) -> Silences {
    let mut s = Silences::default();
    let problem = |line: u32, message: String| Hint {
        lint: Lint::LintOk,
        file: path.to_string(),
        line,
        message,
        other: None,
    };
    let mut in_front = text.trim_start_matches('\u{feff}').starts_with("---");
    let mut in_code = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let line = raw.trim();
        if in_front {
            if i > 0 && (line == "---" || line == "...") {
                in_front = false;
            } else if let Some(rest) = line.strip_prefix('#').and_then(lint_ok_body) {
                let (codes, reason) = split_codes(rest);
                let (known, bad) = parse_codes(codes);
                for b in bad {
                    s.problems.push(problem(line_no, unknown(&b)));
                }
                if reason.is_empty() {
                    s.problems.push(problem(
                        line_no,
                        "lint-ok 没有写理由：请在提示名后面写明为什么可以接受，否则不予放过".into(),
                    ));
                } else {
                    s.file.extend(known);
                }
            }
            continue;
        }
        if line.starts_with("```") || line.starts_with("~~~") {
            in_code = !in_code;
        }
        if in_code || !line.starts_with('#') {
            continue;
        }
        let Some(a) = heading_attrs(line) else {
            continue;
        };
        let allow: Vec<&str> = a
            .pairs
            .iter()
            .filter(|(k, _)| k.as_str() == "allow")
            .map(|(_, v)| v.as_str())
            .collect();
        if allow.is_empty() {
            continue;
        }
        let (known, bad) = parse_codes(&allow.join(","));
        for b in bad {
            s.problems.push(problem(line_no, unknown(&b)));
        }
        if a.get("why").is_none_or(|w| w.trim().is_empty()) {
            s.problems.push(problem(
                line_no,
                "allow 没有写理由：请同时写 why=\"理由\"，否则不予放过".into(),
            ));
        } else {
            s.lines.entry(line_no).or_default().extend(known);
        }
    }
    s
}

/// `lint-ok: codes reason` after the comment's `#`.
fn lint_ok_body(comment: &str) -> Option<&str> {
    let rest = comment.trim_start().strip_prefix("lint-ok")?;
    rest.strip_prefix(':')
        .or_else(|| rest.strip_prefix('：'))
        .map(str::trim)
}

/// `tf-balance,length-cue 理由…` → (`tf-balance,length-cue`, `理由…`).
fn split_codes(rest: &str) -> (&str, &str) {
    match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    }
}

fn parse_codes(codes: &str) -> (Vec<Lint>, Vec<String>) {
    let mut known = Vec::new();
    let mut bad = Vec::new();
    for c in codes
        .split([',', '，'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        match Lint::parse(c) {
            Some(l) => known.push(l),
            None => bad.push(c.to_string()),
        }
    }
    (known, bad)
}

fn unknown(code: &str) -> String {
    let names: Vec<&str> = Lint::ALL
        .iter()
        .filter(|l| **l != Lint::LintOk)
        .map(|l| l.code())
        .collect();
    format!(
        "不认识的提示名 \"{code}\"，可以放过的有：{}",
        names.join(", ")
    )
}

/// The `{ … }` block at the end of a heading line, as the bank parser reads it.
fn heading_attrs(line: &str) -> Option<attrs::Attrs> {
    let t = line.trim_end();
    if !t.ends_with('}') || t.ends_with("}}") {
        return None;
    }
    let open = t.rfind('{')?;
    attrs::parse(&t[open + 1..t.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_comment_silences_a_lint_for_the_file_only_with_a_reason() {
        let s = read(
            "a.md",
            "---\ntitle: x\n# lint-ok: tf-balance 只考常见误解\n# lint-ok: length-cue\n---\n",
        );
        assert!(s.allows(Lint::TfBalance, 99));
        assert!(!s.allows(Lint::LengthCue, 99));
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].line, 4);
    }

    #[test]
    fn heading_allow_needs_why_and_known_names() {
        let text = "# 组\n\n## 题一 {#a allow=length-cue why=\"流程必须写全\"}\n\n## 题二 {allow=about-text}\n\n## 题三 {allow=lenght-cue why=x}\n";
        let s = read("a.md", text);
        assert!(s.allows(Lint::LengthCue, 3));
        assert!(!s.allows(Lint::LengthCue, 5));
        assert!(!s.allows(Lint::AboutText, 5));
        let lines: Vec<u32> = s.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![5, 7]);
    }
}

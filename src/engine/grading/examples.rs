//! Example replies verified like doctests: every `示例：` reply of a scenario question is graded
//! with the question's own red lines, and each one whose score differs from the score the
//! trainer wrote is reported at its line.

use crate::engine::bank::library::Library;
use crate::engine::question::answer::Answer;
use crate::engine::question::{grade_question, Kind};
use crate::engine::text::diagnostics::{Diagnostic, Severity};

/// A fraction as a trainer writes it: `满分`, `0`, `2/3`.
pub fn fraction_text(f: f64) -> String {
    if f >= 1.0 - 1e-9 {
        return "满分".into();
    }
    if f <= 1e-9 {
        return "0".into();
    }
    for d in 2..=12u32 {
        let n = f * f64::from(d);
        if (n - n.round()).abs() < 1e-6 {
            return format!("{}/{d}", n.round());
        }
    }
    format!("{f:.2}")
}

/// Every disagreement between an example's expected score and the grader's, as an error.
pub fn check(lib: &Library) -> Vec<Diagnostic> {
    let ctx = lib.grade_context("");
    let mut out = Vec::new();
    for (path, bank) in &lib.banks {
        // Imported copies are checked where they were written.
        for q in bank.questions().filter(|q| *q.bank == **path) {
            let Kind::Reply(r) = &q.kind else { continue };
            for ex in &r.examples {
                let answer = Answer::Reply {
                    text: ex.text.clone(),
                };
                let g = grade_question(q, Some(&answer), &ctx);
                if (g.fraction - ex.expected).abs() > 1e-6 {
                    out.push(Diagnostic {
                        file: path.clone(),
                        line: ex.line,
                        col: 1,
                        severity: Severity::Error,
                        message: format!(
                            "示例回复“{}”预期得 {}，评分结果是 {}（{}）",
                            ex.text,
                            ex.label,
                            fraction_text(g.fraction),
                            g.feedback.join("；")
                        ),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_read_as_trainers_write_them() {
        assert_eq!(fraction_text(1.0), "满分");
        assert_eq!(fraction_text(0.0), "0");
        assert_eq!(fraction_text(2.0 / 3.0), "2/3");
        assert_eq!(fraction_text(0.25), "1/4");
        assert_eq!(fraction_text(0.5), "1/2");
    }
}

//! The checker's look at the course's reply rubrics against its concepts: a key point naming a
//! concept the course does not have is an error (mistakes in the concept list itself come with
//! `Library::add_list_diagnostics`); a concept no rubric uses, and a key point
//! wording that is already a phrasing of a concept, are hints (write the concept instead, so
//! a phrasing added once counts everywhere).

use crate::engine::bank::library::Library;
use crate::engine::question::reply::concept_ref;
use crate::engine::question::Kind;
use crate::engine::text::diagnostics::{Diagnostic, Severity};
use std::collections::BTreeSet;

pub fn check(lib: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let concepts_file = lib
        .course
        .as_ref()
        .and_then(|c| c.concepts.clone())
        .unwrap_or_default();
    let mut used = BTreeSet::new();
    let diag = |file: &str, line: u32, severity, message: String| Diagnostic {
        file: file.to_string(),
        line,
        col: 1,
        severity,
        message,
    };
    for (path, bank) in &lib.banks {
        for q in bank.questions().filter(|q| *q.bank == **path) {
            let Kind::Reply(r) = &q.kind else { continue };
            for (i, variants) in r.keypoints.iter().enumerate() {
                let line = r.keypoint_lines.get(i).copied().unwrap_or(1);
                for v in variants {
                    if let Some(name) = concept_ref(v) {
                        used.insert(name.to_string());
                        if !lib.concepts().iter().any(|c| c.name == name) {
                            out.push(diag(
                                path,
                                line,
                                Severity::Error,
                                format!("要点里的概念【{name}】在课程的概念表里找不到（课程目录的 concepts: 指向概念表）"),
                            ));
                        }
                    } else if let Some(c) = lib
                        .concepts()
                        .iter()
                        .find(|c| c.phrasings.iter().any(|p| p == v))
                    {
                        out.push(diag(
                            path,
                            line,
                            Severity::Warning,
                            format!("要点的说法“{v}”已经是概念【{}】的说法：写【{}】就包括它，以后加说法只加一次", c.name, c.name),
                        ));
                    }
                }
            }
        }
    }
    for c in lib.concepts() {
        if !used.contains(&c.name) {
            out.push(diag(
                &concepts_file,
                c.line,
                Severity::Warning,
                format!("概念【{}】没有被任何情景回复题的要点用到", c.name),
            ));
        }
    }
    out
}

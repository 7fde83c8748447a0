//! The engine's folders are layers: a module imports only its own layer or lower ones, and no
//! module imports one that imports it back. Read from the source: each file's `use super::…`,
//! `use crate::engine::…` and `self::` targets, and `super::x::`/`crate::engine::x::` paths in
//! code, resolved to the file that holds the module. A parent's own `mod` children are not
//! edges (it declares them; they read its shared types through `super`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// From the bottom. Folders on one rank (lint, convert) must not import each other.
const LAYERS: &[(&str, u32)] = &[
    ("text", 0),
    ("question", 1),
    ("time", 2),
    ("typing", 3),
    ("bank", 4),
    ("grading", 5),
    ("attempt", 6),
    ("trainer", 7),
    ("lint", 8),
    ("convert", 8),
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Path, // ::
    Open,
    Close,
    Semi,
    Comma,
    Star,
    Other,
}

/// Rust source as tokens, without comments, strings or char literals.
fn tokens(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && next == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if ch == 'r' && (next == Some('"') || next == Some('#')) && {
            let mut j = i + 1;
            while c.get(j) == Some(&'#') {
                j += 1;
            }
            c.get(j) == Some(&'"')
        } {
            let mut hashes = 0;
            i += 1;
            while c[i] == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1;
            loop {
                if i >= c.len() {
                    break;
                }
                if c[i] == '"' && (0..hashes).all(|k| c.get(i + 1 + k) == Some(&'#')) {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            out.push(Tok::Other);
        } else if ch == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push(Tok::Other);
        } else if ch == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
            }
            out.push(Tok::Other);
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Tok::Ident(c[start..i].iter().collect()));
        } else if ch == ':' && next == Some(':') {
            out.push(Tok::Path);
            i += 2;
        } else {
            out.push(match ch {
                '{' => Tok::Open,
                '}' => Tok::Close,
                ';' => Tok::Semi,
                ',' => Tok::Comma,
                '*' => Tok::Star,
                _ => Tok::Other,
            });
            i += 1;
        }
    }
    out
}

/// The paths of a use tree starting at `toks[*i]`, each prefixed with `prefix`.
fn use_tree(toks: &[Tok], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        match toks.get(*i) {
            Some(Tok::Ident(s)) => {
                path.push(s.clone());
                *i += 1;
                if toks.get(*i) == Some(&Tok::Path) {
                    *i += 1;
                    continue;
                }
                // `x as y`: the target is x.
                if toks.get(*i) == Some(&Tok::Ident("as".into())) {
                    *i += 2;
                }
                out.push(path);
                return;
            }
            Some(Tok::Star) => {
                *i += 1;
                out.push(path);
                return;
            }
            Some(Tok::Open) => {
                *i += 1;
                loop {
                    match toks.get(*i) {
                        Some(Tok::Close) => {
                            *i += 1;
                            return;
                        }
                        Some(Tok::Comma) => *i += 1,
                        None => return,
                        _ => use_tree(toks, i, path.clone(), out),
                    }
                }
            }
            _ => {
                out.push(path);
                return;
            }
        }
    }
}

/// Every engine path a file names, with the module path (inline `mod` blocks included) it is
/// named from.
fn named_paths(src: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let toks = tokens(src);
    let mut out = Vec::new();
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let here = |inline: &[(String, usize)]| inline.iter().map(|(m, _)| m.clone()).collect();
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => depth += 1,
            Tok::Close => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Tok::Ident(k) if k == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Open)) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    inline.push((name.clone(), depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(k) if k == "use" => {
                i += 1;
                let mut paths = Vec::new();
                use_tree(&toks, &mut i, Vec::new(), &mut paths);
                for p in paths {
                    out.push((here(&inline), p));
                }
                continue;
            }
            Tok::Ident(k) if (k == "super" || k == "crate" || k == "self") => {
                let after_path = i > 0 && toks[i - 1] == Tok::Path;
                if !after_path && toks.get(i + 1) == Some(&Tok::Path) {
                    let mut p = Vec::new();
                    while let Some(Tok::Ident(s)) = toks.get(i) {
                        p.push(s.clone());
                        if toks.get(i + 1) != Some(&Tok::Path) {
                            break;
                        }
                        i += 2;
                    }
                    out.push((here(&inline), p));
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// A file's module path under `engine`: `attempt/attempt.rs` → [attempt, attempt],
/// `lint/mod.rs` → [lint].
fn module_of(rel: &str) -> Vec<String> {
    let mut m: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if m.last().map(String::as_str) == Some("mod") {
        m.pop();
    }
    m
}

/// The engine file a path names, if any: the longest prefix that is a module with a file.
fn resolve(
    root: &str,
    modules: &BTreeMap<Vec<String>, String>,
    file_mod: &[String],
    inline: &[String],
    path: &[String],
) -> Option<String> {
    let mut base: Vec<String> = file_mod.iter().chain(inline).cloned().collect();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            if rest.get(1).map(String::as_str) != Some(root) {
                return None;
            }
            base.clear();
            rest = &rest[2..];
        }
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        Some("self") => rest = &rest[1..],
        _ => return None,
    }
    let full: Vec<String> = base.into_iter().chain(rest.iter().cloned()).collect();
    (1..=full.len())
        .rev()
        .find_map(|n| modules.get(&full[..n]).cloned())
}

fn rank(file: &str) -> Option<(&'static str, u32)> {
    let folder = file.split('/').next()?;
    LAYERS.iter().find(|(f, _)| *f == folder).copied()
}

/// Every broken rule, naming the two files. `files` are (path under src/engine, source).
fn problems(files: &[(String, String)]) -> Vec<String> {
    let edges = imports("engine", files);
    let mut out = Vec::new();
    for (path, _) in files {
        if path.contains('/') && rank(path).is_none() {
            out.push(format!(
                "src/engine/{path}: folder not in LAYERS; give it a rank"
            ));
        }
    }
    for (a, b) in &edges {
        if a < b && edges.contains(&(b.clone(), a.clone())) {
            out.push(format!(
                "src/engine/{a} and src/engine/{b} import each other"
            ));
        }
        if let (Some((fa, ra)), Some((fb, rb))) = (rank(a), rank(b)) {
            if ra < rb || (ra == rb && fa != fb) {
                out.push(format!(
                    "src/engine/{a} ({fa}) imports src/engine/{b} ({fb}), which is not below it"
                ));
            }
        }
    }
    out
}

/// Which file imports which, among files under `src/{root}` (paths relative to it).
fn imports(root: &str, files: &[(String, String)]) -> BTreeSet<(String, String)> {
    let modules: BTreeMap<Vec<String>, String> = files
        .iter()
        .map(|(p, _)| (module_of(p), p.clone()))
        .collect();
    let mut edges = BTreeSet::new();
    for (path, src) in files {
        for (inline, named) in named_paths(src) {
            if let Some(to) = resolve(root, &modules, &module_of(path), &inline, &named) {
                if &to != path {
                    edges.insert((path.clone(), to));
                }
            }
        }
    }
    edges
}

/// Every pair of files under `src/{root}` that import each other (`root`: a folder of src/).
fn mutual_imports(root: &str, files: &[(String, String)]) -> Vec<String> {
    let edges = imports(root, files);
    edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(b.clone(), a.clone())))
        .map(|(a, b)| format!("src/{root}/{a} and src/{root}/{b} import each other"))
        .collect()
}

fn read_engine(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let r = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        if e.file_type().unwrap().is_dir() {
            read_engine(&e.path(), &r, out);
        } else if name.ends_with(".rs") {
            out.push((r, std::fs::read_to_string(e.path()).unwrap()));
        }
    }
}

fn engine_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    read_engine(&dir, "", &mut files);
    files
}

#[test]
fn the_engine_imports_down_only_and_never_back() {
    let files = engine_files();
    assert!(files.len() > 50, "read {} engine files", files.len());
    let found = problems(&files);
    assert!(found.is_empty(), "\n{}\n", found.join("\n"));
}

#[test]
fn no_module_of_the_app_imports_one_that_imports_it_back() {
    let mut files = Vec::new();
    read_engine(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app"),
        "",
        &mut files,
    );
    assert!(files.len() > 30, "read {} app files", files.len());
    let found = mutual_imports("app", &files);
    assert!(found.is_empty(), "\n{}\n", found.join("\n"));
    // The check itself finds a loop.
    let planted = set(&[
        (
            "state.rs",
            "use crate::app::pages::typing::close_expired;\n",
        ),
        ("pages/typing.rs", "use crate::app::state::AppState;\n"),
    ]);
    assert_eq!(
        mutual_imports("app", &planted),
        ["src/app/pages/typing.rs and src/app/state.rs import each other"]
    );
}

#[test]
fn the_engine_has_folders_only_each_saying_what_it_holds() {
    let files = engine_files();
    for (path, src) in &files {
        assert!(
            path == "mod.rs" || path.contains('/'),
            "src/engine/{path}: a file outside the layer folders"
        );
        if path.ends_with("mod.rs") {
            assert!(src.starts_with("//!"), "src/engine/{path}: no //! line");
        }
    }
    for (folder, _) in LAYERS {
        assert!(
            files.iter().any(|(p, _)| *p == format!("{folder}/mod.rs")),
            "no src/engine/{folder}/mod.rs"
        );
    }
}

fn set(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(p, s)| (p.to_string(), s.to_string()))
        .collect()
}

#[test]
fn a_loop_is_found_and_names_both_files() {
    let found = problems(&set(&[
        (
            "attempt/mod.rs",
            "//! a\npub mod attempt;\npub mod merge;\n",
        ),
        (
            "attempt/attempt.rs",
            "use crate::engine::attempt::merge::Merge;\n",
        ),
        (
            "attempt/merge.rs",
            "use crate::engine::attempt::{attempt::{self, Record}};\n",
        ),
    ]));
    assert_eq!(
        found,
        ["src/engine/attempt/attempt.rs and src/engine/attempt/merge.rs import each other"]
    );
}

#[test]
fn a_loop_through_super_paths_in_code_is_found() {
    let found = problems(&set(&[
        ("lint/mod.rs", "//! l\nmod items;\nmod similar;\n"),
        (
            "lint/items.rs",
            "fn f() { super::similar::bigrams(\"x\"); }\n",
        ),
        ("lint/similar.rs", "use super::items as it;\n"),
    ]));
    assert_eq!(
        found,
        ["src/engine/lint/items.rs and src/engine/lint/similar.rs import each other"]
    );
}

#[test]
fn an_upward_import_is_found_and_a_downward_one_is_not() {
    let found = problems(&set(&[
        ("text/mod.rs", "//! t\n"),
        ("text/rich.rs", "// use crate::engine::bank::bank; (a comment)\nconst S: &str = \"crate::engine::bank::bank::X\";\n"),
        ("time/events.rs", "use crate::engine::attempt::attempt::AttemptRecord;\nuse crate::engine::text::rich;\n"),
        ("attempt/attempt.rs", "use crate::engine::time::events::Event;\n"),
        ("bank/bank.rs", "#[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::parse::X;\n}\n"),
        ("bank/parse.rs", "pub struct X;\n"),
    ]));
    assert_eq!(
        found,
        [
            "src/engine/attempt/attempt.rs and src/engine/time/events.rs import each other",
            "src/engine/time/events.rs (time) imports src/engine/attempt/attempt.rs (attempt), which is not below it",
        ]
    );
}

#[test]
fn lint_and_convert_do_not_import_each_other() {
    let found = problems(&set(&[
        ("lint/items.rs", "use crate::engine::convert::write;\n"),
        ("convert/write.rs", "use crate::engine::text::rich;\n"),
        ("text/rich.rs", ""),
    ]));
    assert_eq!(
        found,
        ["src/engine/lint/items.rs (lint) imports src/engine/convert/write.rs (convert), which is not below it"]
    );
}

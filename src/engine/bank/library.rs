//! A set of course files loaded together: the index, its banks, the banks they import and the
//! red-line lists. Works over a map of already-read files, so the checker (reading disk) and the
//! app (fetching over HTTP, asynchronously) share it: the app loads what it has, fetches what the
//! result lists as `missing`, and loads again until nothing is missing.

use crate::engine::bank::bank::Bank;
use crate::engine::bank::course::{parse_course, split_paths, Course};
use crate::engine::bank::imports::resolve_imports;
use crate::engine::bank::parse::parse_bank;
use crate::engine::bank::redlines::parse_redlines;
use crate::engine::question::concepts::{parse_concepts, Concept, ConceptTable};
use crate::engine::question::reply::WrongAction;
use crate::engine::question::{Forbidden, GradeContext, ScopedRedlines};
use crate::engine::text::diagnostics::{Diagnostic, Severity};
use crate::engine::text::rich::resolve_relative;
use crate::engine::typing::bank::{is_typing_file, parse_typing_bank, TypingBank};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

/// Path → file text, or `None` when the file was looked for and does not exist.
pub type Files = BTreeMap<String, Option<String>>;

#[derive(Default)]
pub struct Library {
    pub course: Option<Course>,
    /// Every bank reached, imports resolved.
    /// Shared: the app hands the same banks to its screens without copying them.
    pub banks: BTreeMap<String, Arc<Bank>>,
    /// Each red-line list (words or wrong actions) the course or a bank names, by path: its
    /// text, or `None` when it does not exist. Read into `lists()` when grading or checking
    /// first asks, so a program that only lists the course does not carry the list reader.
    pub list_sources: BTreeMap<String, Option<String>>,
    lists: OnceLock<Lists>,
    /// The course's concept list (`concepts:` of the index): its path and text, read into
    /// concepts when grading or checking first asks (`concepts()`), so a program that only
    /// lists the course does not carry the concept reader.
    pub concept_source: Option<(String, String)>,
    concepts: OnceLock<(Vec<Concept>, Vec<Diagnostic>)>,
    /// The same list as grading reads it, shared by every grade context (read once).
    concept_table: ConceptTable,
    /// Typing banks (`kind: typing`) linked from the course.
    pub typing: BTreeMap<String, TypingBank>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files the course refers to that are not in `files` at all (never looked for, as
    /// opposed to looked for and absent): what to fetch before loading again.
    pub missing: BTreeSet<String>,
}

/// The red-line lists read: words and wrong actions by path, the platforms of the lists scoped
/// to some, and the problems found in them.
#[derive(Default)]
pub struct Lists {
    pub redlines: BTreeMap<String, Vec<Forbidden>>,
    pub wrong_actions: BTreeMap<String, Vec<WrongAction>>,
    pub platforms: BTreeMap<String, Vec<String>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Library {
    /// The red-line lists, read the first time they are asked for.
    pub fn lists(&self) -> &Lists {
        self.lists.get_or_init(|| {
            let mut out = Lists::default();
            for (path, text) in &self.list_sources {
                let Some(text) = text else {
                    out.redlines.insert(path.clone(), Vec::new());
                    continue;
                };
                let (list, diags) = parse_redlines(path, text);
                out.diagnostics.extend(diags);
                if !list.platforms.is_empty() {
                    out.platforms.insert(path.clone(), list.platforms);
                }
                out.redlines.insert(path.clone(), list.words);
                if !list.wrong.is_empty() {
                    out.wrong_actions.insert(path.clone(), list.wrong);
                }
            }
            out
        })
    }

    /// Adds the problems of the red-line and concept lists to `diagnostics`: for the checker
    /// and the trainee's and trainer's programs, which show them; the first screen does not
    /// read the lists.
    pub fn add_list_diagnostics(&mut self) {
        let mut d = self.lists().diagnostics.clone();
        d.extend_from_slice(self.concept_diagnostics());
        self.diagnostics.extend(d);
    }

    /// The course's concepts (empty without a concept list).
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts_read().0
    }

    /// Problems in the concept list, for the checker.
    pub fn concept_diagnostics(&self) -> &[Diagnostic] {
        &self.concepts_read().1
    }

    fn concepts_read(&self) -> &(Vec<Concept>, Vec<Diagnostic>) {
        self.concepts.get_or_init(|| match &self.concept_source {
            Some((path, text)) => parse_concepts(path, text),
            None => Default::default(),
        })
    }

    /// The grading context of the course: every red-line list with its scope (the course's
    /// lists, each bank's own, their platforms). It grades a question from any bank with that
    /// bank's lists; `redlines` holds those resolved for `bank_path`, for callers of `grade()`.
    pub fn grade_context(&self, bank_path: &str) -> GradeContext {
        let read = self.lists();
        let scoped = |path: &str, banks: Vec<String>| ScopedRedlines {
            path: path.to_string(),
            banks,
            platforms: read.platforms.get(path).cloned().unwrap_or_default(),
            words: read.redlines.get(path).cloned().unwrap_or_default(),
            wrong: read.wrong_actions.get(path).cloned().unwrap_or_default(),
        };
        let mut lists: Vec<ScopedRedlines> = self
            .course
            .iter()
            .flat_map(|c| &c.redlines)
            .map(|p| scoped(p, Vec::new()))
            .collect();
        let mut platforms = BTreeMap::new();
        for (path, bank) in &self.banks {
            if let Some(p) = &bank.settings.platform {
                platforms.insert(path.clone(), p.clone());
            }
            for list in bank_redline_paths(bank) {
                match lists.iter().position(|l| l.path == list) {
                    // A course-wide list already applies to every bank.
                    Some(i) if lists[i].banks.is_empty() => {}
                    Some(i) => lists[i].banks.push(path.clone()),
                    None => lists.push(scoped(&list, vec![path.clone()])),
                }
            }
        }
        let mut ctx = GradeContext {
            redlines: Vec::new(),
            lists,
            platforms,
            bank: bank_path.to_string(),
            concepts: self.concept_table.clone(),
        };
        let own = self
            .banks
            .get(bank_path)
            .and_then(|b| b.settings.platform.clone());
        ctx.redlines = ctx
            .redlines_for(bank_path, own.as_deref())
            .into_iter()
            .cloned()
            .collect();
        ctx
    }

    /// Problems that concern a bank: in its own file or in a bank it imports.
    pub fn diagnostics_for<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Diagnostic> {
        let bank = self.banks.get(path);
        self.diagnostics.iter().filter(move |d| {
            d.file == path || bank.is_some_and(|b| b.imports().any(|i| i.path == d.file))
        })
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

/// The red-line lists a bank names in `redlines:`, resolved against the bank's path.
fn bank_redline_paths(bank: &Bank) -> Vec<String> {
    bank.settings
        .redlines
        .as_deref()
        .map(|r| {
            split_paths(r)
                .map(|p| resolve_relative(&bank.path, p))
                .collect()
        })
        .unwrap_or_default()
}

/// Files the course needs that are not in `files` yet.
pub fn missing_files(index: &str, files: &Files) -> Vec<String> {
    load(index, files).missing.into_iter().collect()
}

/// The text of `path`, recording it as missing when it was never looked for.
fn text_of<'f>(lib: &mut Library, files: &'f Files, path: &str) -> Option<&'f str> {
    match files.get(path) {
        Some(text) => text.as_deref(),
        None => {
            lib.missing.insert(path.to_string());
            None
        }
    }
}

/// Loads the course at `index` from `files`. Every problem becomes a diagnostic.
pub fn load(index: &str, files: &Files) -> Library {
    let mut lib = Library::default();
    let Some(text) = text_of(&mut lib, files, index) else {
        lib.diagnostics
            .push(missing(index, index, 1, 1, "找不到课程目录"));
        return lib;
    };
    let (course, diags) = parse_course(index, text);
    lib.diagnostics.extend(diags);
    for r in &course.redlines {
        load_redlines(&mut lib, files, r, index);
    }
    if let Some(path) = &course.concepts {
        match text_of(&mut lib, files, path) {
            Some(text) => {
                lib.concept_table = ConceptTable::from_source(path, text);
                lib.concept_source = Some((path.clone(), text.to_string()));
            }
            None => {
                lib.diagnostics
                    .push(missing_list(files, index, "concepts", path, "找不到概念表"))
            }
        }
    }
    let mut raw: BTreeMap<String, Bank> = BTreeMap::new();
    for link in course.exam_paths() {
        match text_of(&mut lib, files, &link.path) {
            Some(_) => {}
            None => {
                lib.diagnostics.push(missing(
                    index,
                    &link.path,
                    link.line,
                    link.col,
                    "找不到链接的题库",
                ));
                continue;
            }
        }
        parse_into(&mut lib, &mut raw, files, &link.path);
        let imports: Vec<String> = raw
            .get(&link.path)
            .map(|b| b.imports().map(|i| i.path.clone()).collect())
            .unwrap_or_default();
        for p in imports {
            parse_into(&mut lib, &mut raw, files, &p);
        }
    }
    let bank_redlines: Vec<(String, String)> = raw
        .values()
        .flat_map(|b| {
            bank_redline_paths(b)
                .into_iter()
                .map(|r| (b.path.clone(), r))
        })
        .collect();
    for (bank, list) in bank_redlines {
        if !lib.list_sources.contains_key(&list) {
            load_redlines(&mut lib, files, &list, &bank);
        }
    }
    resolve_all(&mut lib, raw, files);
    lib.course = Some(course);
    lib
}

/// Parses one bank file (used for a bank opened on its own, e.g. from a local file); imports
/// are resolved against `files`.
pub fn load_single(path: &str, files: &Files) -> Library {
    let mut lib = Library::default();
    let mut raw = BTreeMap::new();
    parse_into(&mut lib, &mut raw, files, path);
    let imports: Vec<String> = raw
        .get(path)
        .map(|b: &Bank| b.imports().map(|i| i.path.clone()).collect())
        .unwrap_or_default();
    for p in imports {
        parse_into(&mut lib, &mut raw, files, &p);
    }
    let lists = raw.get(path).map(bank_redline_paths).unwrap_or_default();
    for r in lists {
        load_redlines(&mut lib, files, &r, path);
    }
    resolve_all(&mut lib, raw, files);
    lib
}

fn parse_into(lib: &mut Library, raw: &mut BTreeMap<String, Bank>, files: &Files, path: &str) {
    if raw.contains_key(path) || lib.typing.contains_key(path) {
        return;
    }
    if let Some(text) = text_of(lib, files, path) {
        if is_typing_file(text) {
            let (bank, diags) = parse_typing_bank(path, text);
            lib.diagnostics.extend(diags);
            lib.typing.insert(path.to_string(), bank);
            return;
        }
        let (bank, diags) = parse_bank(path, text);
        lib.diagnostics.extend(diags);
        raw.insert(path.to_string(), bank);
    }
}

fn resolve_all(lib: &mut Library, raw: BTreeMap<String, Bank>, files: &Files) {
    // Only banks that import are copied: the others are looked up while resolving, then moved.
    let resolved: Vec<(String, Bank)> = raw
        .iter()
        .filter(|(_, b)| b.imports().next().is_some())
        .map(|(path, bank)| {
            let mut bank = bank.clone();
            let text = files.get(path).cloned().flatten().unwrap_or_default();
            let diags = resolve_imports(&mut bank, &text, &|p| raw.get(p));
            lib.diagnostics.extend(diags);
            (path.clone(), bank)
        })
        .collect();
    // Inserted rather than collected: `collect` into a map sorts first, and each sort of a new
    // element type costs the wasm 4-5 KB (issue 12).
    for (path, bank) in raw.into_iter().chain(resolved) {
        lib.banks.insert(path, Arc::new(bank));
    }
}

/// Records a red-line list's text for `lists()`, or a problem where it is missing.
fn load_redlines(lib: &mut Library, files: &Files, path: &str, from: &str) {
    match text_of(lib, files, path) {
        Some(text) => {
            lib.list_sources
                .insert(path.to_string(), Some(text.to_string()));
        }
        None => {
            let d = missing_list(files, from, "redlines", path, "找不到红线词表");
            lib.diagnostics.push(d);
            lib.list_sources.insert(path.to_string(), None);
        }
    }
}

/// A list named by `key:` in `from`'s front matter that does not exist, at that key's line.
fn missing_list(files: &Files, from: &str, key: &str, path: &str, what: &str) -> Diagnostic {
    let line = files
        .get(from)
        .cloned()
        .flatten()
        .map_or(1, |t| key_line(&t, key));
    missing(from, path, line, 1, what)
}

/// The line of a front-matter key, for files whose own parse does not keep it.
fn key_line(text: &str, key: &str) -> u32 {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i as u32 + 1)
}

fn missing(file: &str, target: &str, line: u32, col: u32, what: &str) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line,
        col,
        severity: Severity::Error,
        message: format!("{what} \"{target}\""),
    }
}

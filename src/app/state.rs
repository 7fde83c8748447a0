//! App-wide state, provided as context: the loaded course, local banks, the attempts on this
//! device, the trainee, the wrong-answer book, and any storage problem to show.

use super::storage::{self, SaveError};
use crate::engine::attempt::attempt::{AttemptRecord, SubmitReason, Trainee};
use crate::engine::attempt::behaviour::{self, BookChange};
use crate::engine::attempt::merge::merge;
use crate::engine::attempt::summary::AttemptSummary;
use crate::engine::bank::bank::{Bank, Section, Settings};
use crate::engine::bank::library::{Files, Library};
use crate::engine::question::GradeContext;
use crate::engine::text::diagnostics::Diagnostic;
use crate::engine::text::fingerprint::Fingerprint;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

pub const INDEX: &str = "exams/index.md";
/// Attempts over the wrong-answer book use this prefix instead of a bank path.
pub const WRONG_BOOK: &str = "错题本";

/// Banks opened from a local file: path → (bank, its problems).
pub type LocalBanks = BTreeMap<String, (Arc<Bank>, Vec<Diagnostic>)>;

#[derive(Clone)]
pub enum CourseLoad {
    Loading,
    Loaded(Arc<Library>),
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub course: RwSignal<CourseLoad>,
    /// The course's banks, shared rather than cloned for each screen that shows one.
    pub banks: RwSignal<BTreeMap<String, Arc<Bank>>>,
    pub local: RwSignal<LocalBanks>,
    pub attempts: RwSignal<Vec<AttemptRecord>>,
    /// What home and the start screen show of each attempt: kept in step with `attempts` by
    /// `update_attempts`, the one way `attempts` changes. The first screen loads only these
    /// (`first_screen`), so its program never reads a whole record.
    pub summaries: RwSignal<Vec<AttemptSummary>>,
    pub trainee: RwSignal<Option<Trainee>>,
    pub wrong: RwSignal<BTreeMap<String, String>>,
    /// A storage problem the trainee must know about.
    pub storage_problem: RwSignal<Option<String>>,
    /// Records that could not be read from storage.
    pub corrupt: RwSignal<Vec<String>>,
    /// Attempts whose latest version is only in memory (storage refused it): their result
    /// page offers the download prominently.
    pub unsaved: RwSignal<std::collections::BTreeSet<String>>,
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

impl AppState {
    pub fn new() -> AppState {
        storage::migrate();
        let (attempts, corrupt) = storage::load_attempts();
        let state = Self::with_attempts(attempts, Vec::new(), corrupt, storage::load_wrong_book());
        state.resummarise();
        state
    }

    /// The first screen's state: the attempts' summaries, and no whole records; no wrong-answer
    /// book either, which only the trainee's program shows or changes (it reads its own from
    /// storage).
    pub fn first_screen() -> AppState {
        storage::migrate();
        let (summaries, corrupt) = storage::load_attempt_summaries();
        Self::with_attempts(Vec::new(), summaries, corrupt, BTreeMap::new())
    }

    fn with_attempts(
        attempts: Vec<AttemptRecord>,
        summaries: Vec<AttemptSummary>,
        corrupt: Vec<String>,
        wrong: BTreeMap<String, String>,
    ) -> AppState {
        // Inserted one by one: `collect` into a map sorts first, and each sort of a new element
        // type costs the wasm 4-5 KB (issue 12). A later path replaces an earlier, as before.
        let mut local = LocalBanks::new();
        for (path, text) in storage::load_local_banks() {
            let (bank, diags) = parse_local(&path, &text);
            local.insert(path, (bank, diags));
        }
        AppState {
            course: RwSignal::new(CourseLoad::Loading),
            banks: RwSignal::new(BTreeMap::new()),
            local: RwSignal::new(local),
            attempts: RwSignal::new(attempts),
            summaries: RwSignal::new(summaries),
            trainee: RwSignal::new(storage::load_trainee()),
            wrong: RwSignal::new(wrong),
            storage_problem: RwSignal::new(
                (!storage::available()).then(|| SaveError::Unavailable.message()),
            ),
            corrupt: RwSignal::new(corrupt),
            unsaved: RwSignal::new(Default::default()),
        }
    }

    pub fn library(&self) -> Option<Arc<Library>> {
        match self.course.get() {
            CourseLoad::Loaded(l) => Some(l),
            _ => None,
        }
    }

    pub fn set_course(&self, library: Library) {
        // Inserted rather than collected: see `new`.
        let mut banks = BTreeMap::new();
        for (k, b) in &library.banks {
            banks.insert(k.clone(), b.clone());
        }
        self.banks.set(banks);
        self.course.set(CourseLoad::Loaded(Arc::new(library)));
    }

    fn library_untracked(&self) -> Option<Arc<Library>> {
        match self.course.get_untracked() {
            CourseLoad::Loaded(l) => Some(l),
            _ => None,
        }
    }

    /// A bank by path: from the course, a local file, or the wrong-answer book (built from the
    /// questions the record names).
    pub fn bank(&self, path: &str) -> Option<Arc<Bank>> {
        if let Some(b) = self.banks.with_untracked(|m| m.get(path).cloned()) {
            return Some(b);
        }
        self.local
            .with_untracked(|m| m.get(path).map(|(b, _)| b.clone()))
    }

    pub fn bank_for(&self, record: &AttemptRecord) -> Option<Arc<Bank>> {
        if record.bank.path == WRONG_BOOK {
            let keys: Vec<String> = record.questions.iter().map(|q| q.key.clone()).collect();
            return Some(Arc::new(self.wrong_book_bank(&keys)));
        }
        self.bank(&record.bank.path)
    }

    /// A bank holding just the given questions, looked up across every loaded bank.
    pub fn wrong_book_bank(&self, keys: &[String]) -> Bank {
        let mut questions = Vec::new();
        for key in keys {
            let bank_path = key.rsplit_once('#').map(|(b, _)| b).unwrap_or("");
            if let Some(q) = self
                .bank(bank_path)
                .and_then(|b| b.find(key).map(|(_, q)| q.clone()))
            {
                questions.push(q);
            }
        }
        Bank {
            path: WRONG_BOOK.into(),
            title: WRONG_BOOK.into(),
            settings: Settings {
                shuffle_questions: true,
                ..Settings::default()
            },
            intro: Vec::new(),
            sections: vec![Section {
                id: String::new(),
                title: Vec::new(),
                draw: None,
                questions,
                import: None,
                line: 1,
            }],
            // Not a file: no hash to compare a record with.
            hash: Fingerprint::known(Arc::from("")),
        }
    }

    pub fn grade_context(&self, bank_path: &str) -> GradeContext {
        self.library_untracked()
            .map(|l| l.grade_context(bank_path))
            .unwrap_or_default()
    }

    /// The course's context: it grades each question with its own bank's red lines, so one
    /// context serves any attempt (a composite exam, the wrong-answer book). A bank opened from
    /// a local file adds its own `platform:`.
    pub fn grade_context_for(&self, record: &AttemptRecord) -> GradeContext {
        let mut ctx = self.grade_context(&record.bank.path);
        self.local.with_untracked(|m| {
            for (path, (bank, _)) in m {
                if let Some(p) = &bank.settings.platform {
                    ctx.platforms
                        .entry(path.clone())
                        .or_insert_with(|| p.clone());
                }
            }
        });
        ctx
    }

    pub fn attempt(&self, id: &str) -> Option<AttemptRecord> {
        self.attempts
            .with_untracked(|a| a.iter().find(|r| r.id == id).cloned())
    }

    /// Keeps a record in memory and on the device; a failed write is shown, never fatal.
    /// What is stored is merged in first, answer by answer (another tab may have written since),
    /// and the merged record is returned.
    pub fn save_attempt(&self, record: &AttemptRecord) -> AttemptRecord {
        let record = &match storage::load_attempt(&record.id) {
            Some(stored) => merge(record, &stored),
            None => record.clone(),
        };
        self.update_attempts(|all| match all.iter_mut().find(|r| r.id == record.id) {
            Some(r) => *r = record.clone(),
            None => all.push(record.clone()),
        });
        let result = storage::save_attempt(record);
        let failed = result.is_err();
        if failed != self.unsaved.with_untracked(|u| u.contains(&record.id)) {
            self.unsaved.update(|u| {
                if failed {
                    u.insert(record.id.clone());
                } else {
                    u.remove(&record.id);
                }
            });
        }
        self.note(result);
        record.clone()
    }

    /// Grades and closes an attempt, saves it, and files its wrong answers in the wrong-answer
    /// book (only questions answered wrongly: skipped ones are not mistakes; and not when the
    /// bank hides answers).
    pub fn finish(&self, record: &mut AttemptRecord, bank: &Bank, now: i64, reason: SubmitReason) {
        let ctx = self.grade_context_for(record);
        // Grade what every tab answered, not only this one.
        if let Some(stored) = storage::load_attempt(&record.id) {
            *record = merge(record, &stored);
        }
        record.submit(bank, &ctx, now, reason);
        *record = self.save_attempt(record);
        storage::clear_owner(&record.id);
        self.apply_book_change(&behaviour::book_after_submit(record));
    }

    /// Submits every exam whose deadline passed while the app was closed, so home and history
    /// show their results without the trainee opening each one.
    pub fn submit_expired(&self, now: i64) {
        let expired: Vec<AttemptRecord> = self.attempts.with_untracked(|a| {
            a.iter()
                .filter(|r| r.needs_timeout_submit(r.clock.peek(now)))
                .cloned()
                .collect()
        });
        for mut record in expired {
            if let Some(bank) = self.bank_for(&record) {
                let at = record.clock.peek(now);
                self.finish(&mut record, &bank, at, SubmitReason::Timeout);
            }
        }
        crate::app::pages::typing::close_expired(self, now);
    }

    pub fn delete_attempt(&self, id: &str) {
        self.update_attempts(|all| all.retain(|r| r.id != id));
        storage::delete_attempt(id);
    }

    /// Changes the attempts in memory, and their summaries with them.
    pub fn update_attempts(&self, change: impl FnOnce(&mut Vec<AttemptRecord>)) {
        self.attempts.update(change);
        self.resummarise();
    }

    /// Not inlined into each `update_attempts`, for the programs' size.
    #[inline(never)]
    fn resummarise(&self) {
        let summaries = self
            .attempts
            .with_untracked(|all| all.iter().map(AttemptSummary::from).collect());
        self.summaries.set(summaries);
    }

    /// Shows a failed write. The notice stays for the session: one later write that happens
    /// to succeed does not mean everything was saved.
    pub fn note(&self, result: Result<(), SaveError>) {
        if let Err(e) = result {
            self.storage_problem.set(Some(e.message()));
        }
    }

    pub fn set_trainee(&self, t: Trainee) {
        self.note(storage::save_trainee(&t));
        self.trainee.set(Some(t));
    }

    /// Adds wrongly answered questions to the book and removes ones now answered right.
    /// Files and releases questions in the wrong-answer book (rules: `engine::attempt::behaviour`).
    pub fn apply_book_change(&self, change: &BookChange) {
        if change.is_empty() {
            return;
        }
        self.wrong.update(|book| change.apply(book));
        let book = self.wrong.get_untracked();
        self.note(storage::save_wrong_book(&book));
    }

    /// Attempts used on a bank (exam mode; started ones count, as in Moodle).
    /// `f` reads them (oldest first in the trainee's program; in storage order on the first
    /// screen).
    pub fn with_exam_attempts<R>(
        &self,
        bank_path: &str,
        f: impl FnOnce(&[&AttemptSummary]) -> R,
    ) -> R {
        self.summaries.with(|a| {
            let used: Vec<&AttemptSummary> = a
                .iter()
                .filter(|r| {
                    r.bank.path == bank_path
                        && r.mode == crate::engine::attempt::attempt::Mode::Exam
                })
                .collect();
            f(&used)
        })
    }
}

pub fn parse_local(path: &str, text: &str) -> (Arc<Bank>, Vec<Diagnostic>) {
    let mut files = Files::new();
    files.insert(path.to_string(), Some(text.to_string()));
    let lib = crate::engine::bank::library::load_single(path, &files);
    let bank = lib
        .banks
        .get(path)
        .cloned()
        .unwrap_or_else(|| Arc::new(crate::engine::bank::parse::parse_bank(path, text).0));
    (bank, lib.diagnostics)
}

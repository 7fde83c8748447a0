//! The only place that touches localStorage (through gloo-storage).
//!
//! Layout, schema 1 (every key starts with `kefu-exam:`):
//! - `schema`            the layout version, for migrations
//! - `trainee`           name and employee number
//! - `attempt:<id>`      one attempt record each, so one corrupt record loses nothing else
//! - `wrong`             the wrong-answer book: question key → bank path
//! - `localbank:<name>`  banks opened from a local file, so their results can be reviewed later
//! - `desk`              the trainer desk's cohort: collected attempts and the trainer's
//!   marks (the versioned `kefu-exam-cohort` file format)
//! - `desk-unreadable`   a stored cohort that could not be read, kept aside untouched
//! - `feedback`          a trainer's marks on this device's attempts, imported by the
//!   trainee (the same format, without attempts)
//! - `editor`            the bank editor's draft (path, text, whether it is saved), JSON
//! - `editor-previous`   the draft an opened bank replaced while it had unsaved changes
//! - `owner:<id>`        the tab that writes an attempt in progress (see `tabs`)
//! - `signal`            messages between tabs where BroadcastChannel is missing (see `tabs`)
//!
//! Every write returns whether it stuck; callers tell the trainee when it did not (storage
//! full, private browsing) and offer a download instead, so nothing is lost.

use super::json::BrowserJson;
use crate::engine::attempt::attempt::{AttemptRecord, Trainee};
use crate::engine::attempt::summary::AttemptSummary;
use crate::engine::text::json::Codec;
use gloo_storage::{LocalStorage, Storage};
use std::collections::BTreeMap;

const PREFIX: &str = "kefu-exam:";
const LAYOUT_VERSION: u32 = 1;

fn key(k: &str) -> String {
    format!("{PREFIX}{k}")
}

/// Whether localStorage exists and can be used. `LocalStorage::raw()` panics where storage is
/// disabled, so this is checked before any gloo call.
pub fn available() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    matches!(window.local_storage(), Ok(Some(_)))
}

#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    Unavailable,
    Full(String),
}

impl SaveError {
    pub fn message(&self) -> String {
        match self {
            SaveError::Unavailable => "此浏览器不允许保存数据（可能是无痕/隐私模式）：考试照常进行，交卷后请下载结果文件保存。".into(),
            SaveError::Full(e) => format!("本机存储空间已满，答案无法保存到浏览器（{e}）：考试照常进行，交卷后请下载结果文件保存。"),
        }
    }
}

fn set_raw(k: &str, value: &str) -> Result<(), SaveError> {
    if !available() {
        return Err(SaveError::Unavailable);
    }
    LocalStorage::raw().set_item(&key(k), value).map_err(|e| {
        let text = js_sys::JSON::stringify(&e)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or(text);
        SaveError::Full(name)
    })
}

fn get_raw(k: &str) -> Option<String> {
    if !available() {
        return None;
    }
    LocalStorage::raw().get_item(&key(k)).ok().flatten()
}

fn delete(k: &str) {
    if available() {
        LocalStorage::delete(key(k));
    }
}

fn keys_with(prefix: &str) -> Vec<String> {
    if !available() {
        return Vec::new();
    }
    let raw = LocalStorage::raw();
    let n = raw.length().unwrap_or(0);
    let full = key(prefix);
    (0..n)
        .filter_map(|i| raw.key(i).ok().flatten())
        .filter(|k| k.starts_with(&full))
        .map(|k| k[PREFIX.len()..].to_string())
        .collect()
}

/// Brings an older layout up to date. Layout 1 is the first; later versions add steps here.
pub fn migrate() {
    let version = get_raw("schema")
        .and_then(|v| v.parse::<u32>().ok())
        .unwrap_or(0);
    if version < LAYOUT_VERSION {
        let _ = set_raw("schema", &LAYOUT_VERSION.to_string());
    }
}

pub fn load_trainee() -> Option<Trainee> {
    // The page's copy first: it is the latest entry, even when storage refused to keep it.
    page_trainee()
        .or_else(|| get_raw("trainee"))
        .and_then(|s| BrowserJson::from_str(&s).ok())
}

/// The trainee as the page keeps it (`window.kefuTrainee`): where storage is disabled or full,
/// the first screen's entry still reaches the trainee's program when it takes the page over.
fn page_trainee() -> Option<String> {
    let w = web_sys::window()?;
    js_sys::Reflect::get(&w, &"kefuTrainee".into())
        .ok()?
        .as_string()
}

pub fn save_trainee(t: &Trainee) -> Result<(), SaveError> {
    let text = BrowserJson::write(t);
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"kefuTrainee".into(), &text.as_str().into());
    }
    set_raw("trainee", &text)
}

pub fn save_attempt(r: &AttemptRecord) -> Result<(), SaveError> {
    set_raw(&format!("attempt:{}", r.id), &r.write::<BrowserJson>())
}

pub fn delete_attempt(id: &str) {
    delete(&format!("attempt:{id}"));
}

/// The stored version of one attempt, if it is there and readable.
pub fn load_attempt(id: &str) -> Option<AttemptRecord> {
    get_raw(&format!("attempt:{id}")).and_then(|t| AttemptRecord::read::<BrowserJson>(&t).ok())
}

pub fn set_owner(id: &str, tab: &str) {
    let _ = set_raw(&format!("owner:{id}"), tab);
}

pub fn owner(id: &str) -> Option<String> {
    get_raw(&format!("owner:{id}"))
}

pub fn clear_owner(id: &str) {
    delete(&format!("owner:{id}"));
}

/// Writes a message for the other tabs' `storage` event (it fires only when the value changes,
/// so callers make each message unique).
pub fn post_signal(text: &str) {
    let _ = set_raw("signal", text);
}

/// Our part of a full storage key (`kefu-exam:attempt:1` → `attempt:1`), from a `storage` event.
pub fn own_key(full: &str) -> Option<&str> {
    full.strip_prefix(PREFIX)
}

/// All stored attempts, oldest first, and a message for each record that could not be read
/// (it is skipped; the others still load).
pub fn load_attempts() -> (Vec<AttemptRecord>, Vec<String>) {
    let (mut ok, bad) = load_all(AttemptRecord::read::<BrowserJson>);
    sort_by_start(&mut ok);
    (ok, bad)
}

/// Oldest first, the order of the app's attempts. One function for every caller, so the wasm
/// holds one copy of the sort.
pub fn sort_by_start(all: &mut [AttemptRecord]) {
    all.sort_by_key(|r| r.started_at);
}

/// `load_attempts` for the first screen: each record's summary only (its answers are not
/// read), with the same message for a record that cannot be read. In storage order, not
/// sorted: what reads them does not depend on the order (`AttemptSummary::latest_open`), and
/// the first screen's program then carries no sort.
pub fn load_attempt_summaries() -> (Vec<AttemptSummary>, Vec<String>) {
    load_all(AttemptSummary::read::<BrowserJson>)
}

/// Every stored record read by `read` (unsorted), and a message for each that failed.
fn load_all<T>(read: fn(&str) -> Result<T, String>) -> (Vec<T>, Vec<String>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for k in keys_with("attempt:") {
        let Some(text) = get_raw(&k) else { continue };
        match read(&text) {
            Ok(r) => ok.push(r),
            Err(e) => bad.push(format!(
                "记录 {} 已损坏，已跳过：{e}",
                &k["attempt:".len()..]
            )),
        }
    }
    (ok, bad)
}

pub fn load_wrong_book() -> BTreeMap<String, String> {
    get_raw("wrong")
        .and_then(|s| BrowserJson::from_str(&s).ok())
        .unwrap_or_default()
}

pub fn save_wrong_book(book: &BTreeMap<String, String>) -> Result<(), SaveError> {
    set_raw("wrong", &BrowserJson::write(book))
}

pub fn save_local_bank(path: &str, text: &str) -> Result<(), SaveError> {
    set_raw(&format!("localbank:{path}"), text)
}

pub fn load_local_banks() -> Vec<(String, String)> {
    keys_with("localbank:")
        .into_iter()
        .filter_map(|k| get_raw(&k).map(|t| (k["localbank:".len()..].to_string(), t)))
        .collect()
}

pub fn delete_local_bank(path: &str) {
    delete(&format!("localbank:{path}"));
}

pub fn load_desk() -> Option<String> {
    get_raw("desk")
}

pub fn save_desk(text: &str) -> Result<(), SaveError> {
    set_raw("desk", text)
}

/// Keeps a stored cohort that could not be read (e.g. written by a newer version), so the
/// desk can start afresh without destroying it.
pub fn backup_desk(text: &str) -> Result<(), SaveError> {
    set_raw("desk-unreadable", text)
}

pub fn delete_desk() {
    delete("desk");
}

pub fn load_feedback() -> Option<String> {
    get_raw("feedback")
}

pub fn save_feedback(text: &str) -> Result<(), SaveError> {
    set_raw("feedback", text)
}

/// Asks the browser not to evict our data (iOS Safari deletes a site's storage after seven
/// days without a visit otherwise). Best effort; the answer is not needed.
pub fn request_persistence() {
    if let Some(w) = web_sys::window() {
        let storage = w.navigator().storage();
        let _ = storage.persist();
    }
}

/// The bank editor's draft: kept on every change, so a reload loses nothing.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EditorDraft {
    /// The bank's path as diagnostics name it (`exams/02-platform-rules.md`, a file's name).
    pub path: String,
    pub text: String,
    /// Whether `text` is what was opened, saved or downloaded last.
    pub saved: bool,
}

fn load_draft(k: &str) -> Option<EditorDraft> {
    get_raw(k).and_then(|s| BrowserJson::from_str(&s).ok())
}

pub fn load_editor_draft() -> Option<EditorDraft> {
    load_draft("editor")
}

pub fn save_editor_draft(d: &EditorDraft) -> Result<(), SaveError> {
    set_raw("editor", &BrowserJson::write(d))
}

/// The draft kept aside when another bank was opened over its unsaved changes.
pub fn load_editor_previous() -> Option<EditorDraft> {
    load_draft("editor-previous")
}

pub fn save_editor_previous(d: &EditorDraft) -> Result<(), SaveError> {
    set_raw("editor-previous", &BrowserJson::write(d))
}

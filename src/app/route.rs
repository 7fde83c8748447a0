//! Screens addressed by the URL hash (`#/result/<id>`): works on any static host and any
//! sub-path, survives reloads, and needs no server rewrite rules. The screens' names are
//! `crate::site::screen`'s, the same list that says which program shows each.

use crate::engine::attempt::attempt::Mode;
use crate::site::screen::{
    ATTEMPT, BEGIN, COMMENTS, DESK, HANDOVER, HISTORY, RESULT, START, TYPING, WRONG,
};

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Home,
    /// The start screen of a bank (its path).
    Start(String),
    /// Starts a new attempt of a bank (mode, path) and replaces itself with it: how the first
    /// screen hands the start over to the trainee's program, which keeps the attempt.
    Begin(Mode, String),
    /// An attempt in progress (exam or practice).
    Attempt(String),
    Result(String),
    /// An attempt's QR codes, shown to the trainer's webcam (交给老师).
    Handover(String),
    /// A trainer's marks on one attempt, as a link (`trainer::comment_link`'s code).
    Comments(String),
    History,
    WrongBook,
    /// The start screen of a typing bank (its path).
    Typing(String),
    /// The trainer desk, with its tab (`""`, `regrade`, `marking`, `stats`, `export`, and
    /// the bank tools `editor` and `import`).
    Desk(String),
    /// One collected attempt, as the trainer reviews it.
    DeskAttempt(String),
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| s.to_string())
}

fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s)
        .as_string()
        .unwrap_or_default()
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let (head, rest) = h.split_once('/').unwrap_or((h, ""));
        match (head, rest) {
            (START, p) if !p.is_empty() => Route::Start(decode(p)),
            (BEGIN, rest) => match rest.split_once('/') {
                Some(("exam", p)) if !p.is_empty() => Route::Begin(Mode::Exam, decode(p)),
                Some(("practice", p)) if !p.is_empty() => Route::Begin(Mode::Practice, decode(p)),
                _ => Route::Home,
            },
            (ATTEMPT, id) if !id.is_empty() => Route::Attempt(decode(id)),
            (RESULT, id) if !id.is_empty() => Route::Result(decode(id)),
            (HANDOVER, id) if !id.is_empty() => Route::Handover(decode(id)),
            (COMMENTS, code) if !code.is_empty() => Route::Comments(code.to_string()),
            (HISTORY, _) => Route::History,
            (WRONG, _) => Route::WrongBook,
            (TYPING, p) if !p.is_empty() => Route::Typing(decode(p)),
            (DESK, rest) => match rest.strip_prefix("attempt/") {
                Some(id) if !id.is_empty() => Route::DeskAttempt(decode(id)),
                _ => Route::Desk(rest.to_string()),
            },
            _ => Route::Home,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Start(p) => format!("#/{START}/{}", encode(p)),
            Route::Begin(mode, p) => {
                let m = if *mode == Mode::Exam {
                    "exam"
                } else {
                    "practice"
                };
                format!("#/{BEGIN}/{m}/{}", encode(p))
            }
            Route::Attempt(id) => format!("#/{ATTEMPT}/{}", encode(id)),
            Route::Result(id) => format!("#/{RESULT}/{}", encode(id)),
            Route::Handover(id) => format!("#/{HANDOVER}/{}", encode(id)),
            Route::Comments(code) => format!("#/{COMMENTS}/{code}"),
            Route::History => format!("#/{HISTORY}"),
            Route::WrongBook => format!("#/{WRONG}"),
            Route::Typing(p) => format!("#/{TYPING}/{}", encode(p)),
            Route::Desk(tab) => format!("#/{DESK}/{tab}"),
            Route::DeskAttempt(id) => format!("#/{DESK}/attempt/{}", encode(id)),
        }
    }

    pub fn current() -> Route {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Route::parse(&hash)
    }
}

pub fn go(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href());
    }
}

/// Goes to a screen in place of the current one in the history (Back skips it).
pub fn replace(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(&route.href());
    }
}

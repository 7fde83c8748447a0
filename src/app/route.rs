//! Screens addressed by the URL hash (`#/result/<id>`): works on any static host and any
//! sub-path, survives reloads, and needs no server rewrite rules.

use crate::engine::attempt::attempt::Mode;

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
            ("start", p) if !p.is_empty() => Route::Start(decode(p)),
            ("begin", rest) => match rest.split_once('/') {
                Some(("exam", p)) if !p.is_empty() => Route::Begin(Mode::Exam, decode(p)),
                Some(("practice", p)) if !p.is_empty() => Route::Begin(Mode::Practice, decode(p)),
                _ => Route::Home,
            },
            ("attempt", id) if !id.is_empty() => Route::Attempt(decode(id)),
            ("result", id) if !id.is_empty() => Route::Result(decode(id)),
            ("handover", id) if !id.is_empty() => Route::Handover(decode(id)),
            ("comments", code) if !code.is_empty() => Route::Comments(code.to_string()),
            ("history", _) => Route::History,
            ("wrong", _) => Route::WrongBook,
            ("typing", p) if !p.is_empty() => Route::Typing(decode(p)),
            ("desk", rest) => match rest.strip_prefix("attempt/") {
                Some(id) if !id.is_empty() => Route::DeskAttempt(decode(id)),
                _ => Route::Desk(rest.to_string()),
            },
            _ => Route::Home,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Start(p) => format!("#/start/{}", encode(p)),
            Route::Begin(mode, p) => {
                let m = if *mode == Mode::Exam {
                    "exam"
                } else {
                    "practice"
                };
                format!("#/begin/{m}/{}", encode(p))
            }
            Route::Attempt(id) => format!("#/attempt/{}", encode(id)),
            Route::Result(id) => format!("#/result/{}", encode(id)),
            Route::Handover(id) => format!("#/handover/{}", encode(id)),
            Route::Comments(code) => format!("#/comments/{code}"),
            Route::History => "#/history".into(),
            Route::WrongBook => "#/wrong".into(),
            Route::Typing(p) => format!("#/typing/{}", encode(p)),
            Route::Desk(tab) => format!("#/desk/{tab}"),
            Route::DeskAttempt(id) => format!("#/desk/attempt/{}", encode(id)),
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

//! One attempt, one writer: when a second tab opens an attempt in progress it takes over, and
//! the first tab says so and stops writing.
//!
//! Why BroadcastChannel with a `storage`-event fallback and not Web Locks: Web Locks exist only
//! in secure contexts (HTTPS or localhost), and a trainer may publish the app on a plain-http
//! intranet host; BroadcastChannel works there and in every current browser (Safari from 15.4),
//! and where it is missing a localStorage key's `storage` event carries the same messages.
//! Messages can still be missed (a tab frozen in the background, a phone restoring an old tab),
//! so the writer of each attempt is also kept in localStorage (`owner:<id>`), every write checks
//! it first, and every write merges with what is stored answer by answer
//! (`engine::attempt::merge`): a tab that finds it was replaced writes its last answer merged,
//! never over the other's, then stops.

use super::clock::new_seed;
use super::json::BrowserJson;
use super::storage;
use crate::engine::text::json::Codec;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const CHANNEL: &str = "kefu-exam";

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Msg {
    /// Tab `tab` opened `attempt` and now writes it.
    Claim { attempt: String, tab: String },
    /// Tab `tab`, which had `attempt` open, stopped writing it for tab `to`.
    Yield {
        attempt: String,
        tab: String,
        to: String,
    },
}

type Handler = Box<dyn Fn(Msg)>;

thread_local! {
    /// This page's tab id: new at every page load, so a reload is a new tab that takes over
    /// from nobody (the old page is gone and answers no claim).
    static TAB: String = format!("{:x}", new_seed());
    static CHAN: Option<web_sys::BroadcastChannel> = open_channel();
    static HANDLER: RefCell<Option<(u32, Handler)>> = const { RefCell::new(None) };
    static NEXT: Cell<u32> = const { Cell::new(1) };
}

pub fn me() -> String {
    TAB.with(|t| t.clone())
}

fn open_channel() -> Option<web_sys::BroadcastChannel> {
    let chan = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        if let Some(text) = e.data().as_string() {
            receive(&text);
        }
    });
    chan.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // One listener for the page's whole life; it dispatches to the current handler.
    on_message.forget();
    Some(chan)
}

fn receive(text: &str) {
    let Ok(msg) = BrowserJson::from_str::<Msg>(text) else {
        return;
    };
    HANDLER.with(|h| {
        if let Some((_, f)) = h.borrow().as_ref() {
            f(msg);
        }
    });
}

/// The `storage` event of the fallback key: the message, then a line that makes it unique.
pub fn receive_signal(value: &str) {
    receive(value.lines().next().unwrap_or_default());
}

pub fn send(msg: &Msg) {
    let text = BrowserJson::write(msg);
    let sent = CHAN.with(|c| {
        c.as_ref()
            .map(|c| c.post_message(&JsValue::from_str(&text)))
    });
    if !matches!(sent, Some(Ok(()))) {
        storage::post_signal(&format!("{text}\n{:x}", new_seed()));
    }
}

/// Makes this tab the writer of `attempt` and tells the other tabs.
pub fn claim(attempt: &str) {
    CHAN.with(|_| ()); // open the channel before anyone answers
    storage::set_owner(attempt, &me());
    send(&Msg::Claim {
        attempt: attempt.into(),
        tab: me(),
    });
}

/// Whether this tab still writes `attempt` (no recorded owner counts as yes: storage may be off).
pub fn is_writer(attempt: &str) -> bool {
    storage::owner(attempt).is_none_or(|o| o == me())
}

/// Sets the handler of incoming messages (one attempt page at a time); returns a token for
/// `clear`, so a page being replaced does not remove its successor's handler.
pub fn set_handler(f: impl Fn(Msg) + 'static) -> u32 {
    let token = NEXT.with(|n| {
        let t = n.get();
        n.set(t + 1);
        t
    });
    HANDLER.with(|h| *h.borrow_mut() = Some((token, Box::new(f))));
    token
}

pub fn clear(token: u32) {
    HANDLER.with(|h| {
        let mut h = h.borrow_mut();
        if h.as_ref().is_some_and(|(t, _)| *t == token) {
            *h = None;
        }
    });
}

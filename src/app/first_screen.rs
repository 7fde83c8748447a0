//! The first screen (`index.html`, bin `kefu-start`): the course and a bank's start screen, the
//! screens every trainee opens first, in a bundle a fraction of the whole app's size (issue 12).
//! Any other screen (the exam itself, results, history, the trainer desk...) hands the page
//! over to the whole app: its program is loaded into this same page (`kefuOpenWholeApp` in
//! index.html), which keeps a full-screen request made on the start tap, and it takes over at
//! the same `#/...` address. Starting an exam goes through `#/begin/...`, so the whole app
//! builds and keeps the attempt (in memory too, when storage is full). Once the first screen
//! shows, the whole app is fetched in the background, so starting does not wait on the network.

use super::pages::{home::HomePage, start::StartAction, start::StartPage};
use super::route::{go, Route};
use super::state::AppState;
use super::{fetch_course, scroll_to_top, storage, Frame};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The whole app's page, relative to this one (any host, any sub-path).
const FULL_APP: &str = "app.html";

thread_local! {
    /// Set once the whole app has the page: this program then stays out of the way.
    static HANDED_OVER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Hands the page to the whole app at the current screen: this program's screens are taken
/// out (index.html's loading state shows until the whole app mounts) and its program loaded
/// into the page; where index.html cannot (no list of its files, e.g. a development server),
/// the page is replaced by app.html at the same screen.
fn open_full_app() {
    if HANDED_OVER.with(|h| h.replace(true)) {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    if let Some(body) = w.document().and_then(|d| d.body()) {
        let nodes = body.children();
        for i in (0..nodes.length()).rev() {
            if let Some(el) = nodes.item(i) {
                if matches!(el.tag_name().as_str(), "HEADER" | "MAIN" | "DIV") && el.id() != "boot"
                {
                    el.remove();
                }
            }
        }
    }
    let open = js_sys::Reflect::get(&w, &"kefuOpenWholeApp".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let handed = open.is_some_and(|f| f.call0(&w).is_ok_and(|v| v.as_bool() == Some(true)));
    if !handed {
        let hash = w.location().hash().unwrap_or_default();
        let _ = w.location().replace(&format!("{FULL_APP}{hash}"));
    }
}

/// Asks the browser to fetch the whole app at low priority. `.ci/build` lists its files in
/// `<meta name="kefu-full-app">`; the service worker keeps them too, for offline use.
fn prefetch_full_app() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(Some(meta)) = doc.query_selector("meta[name=kefu-full-app]") else {
        return;
    };
    let files = meta.get_attribute("content").unwrap_or_default();
    let Some(head) = doc.head() else { return };
    for href in std::iter::once(FULL_APP).chain(files.split_whitespace()) {
        if let Ok(link) = doc.create_element("link") {
            let _ = link.set_attribute("rel", "prefetch");
            let _ = link.set_attribute("href", href);
            if href.ends_with(".wasm") || href.ends_with(".js") {
                // The whole app loads these with CORS (a module and a fetch): the same mode
                // lets the browser reuse the prefetched copy.
                let _ = link.set_attribute("crossorigin", "anonymous");
            }
            let _ = head.append_child(link.unchecked_ref());
        }
    }
}

#[component]
pub fn FirstScreen() -> impl IntoView {
    let state = AppState::first_screen();
    provide_context(state);
    // The start buttons ask the whole app to start the attempt (see the module comment).
    provide_context(StartAction(|_, bank, mode, _| {
        go(&Route::Begin(mode, bank.path.clone()))
    }));
    let route = RwSignal::new(Route::current());
    if !route.get_untracked().in_first_screen() {
        open_full_app();
    }
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        if HANDED_OVER.with(|h| h.get()) {
            return;
        }
        let next = Route::current();
        if next.in_first_screen() {
            route.set(next);
            scroll_to_top();
        } else {
            open_full_app();
        }
    });
    on_cleanup(move || handle.remove());
    spawn_local(async move {
        fetch_course(state, |_| {}).await;
        if !HANDED_OVER.with(|h| h.get()) {
            prefetch_full_app();
        }
    });
    storage::request_persistence();

    view! {
        <Frame route>
            {move || match route.get() {
                Route::Start(p) => view! { <StartPage path=p/> }.into_any(),
                // Home, and for an instant any screen of the whole app while it opens.
                _ => view! { <HomePage/> }.into_any(),
            }}
        </Frame>
    }
}

//! The first screen (`index.html`, bin `kefu-start`): the course and a bank's start screen, the
//! screens every trainee opens first, in a bundle a fraction of the whole app's size (issue 12).
//! Any other screen (the exam itself, results, history, the trainer desk...) opens the whole
//! app, `app.html`, at the same `#/...` address: both read the same local storage, so nothing
//! is handed over in memory. Once the first screen shows, the whole app is fetched in the
//! background, so starting the exam does not wait on the network.

use super::pages::{home::HomePage, start::StartPage};
use super::route::Route;
use super::state::AppState;
use super::{fetch_course, scroll_to_top, storage, StorageBanner, TopBar};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The whole app's page, relative to this one (any host, any sub-path).
const FULL_APP: &str = "app.html";

/// Replaces this page with the whole app at the same screen (the back button then returns to
/// the screen before, not to a page that would only forward again).
fn open_full_app() {
    if let Some(w) = web_sys::window() {
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
    let state = AppState::new();
    provide_context(state);
    let route = RwSignal::new(Route::current());
    if !route.get_untracked().in_first_screen() {
        open_full_app();
    }
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
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
        fetch_course(state).await;
        prefetch_full_app();
    });
    storage::request_persistence();

    view! {
        <TopBar route/>
        <StorageBanner/>
        <main id="main">
            {move || match route.get() {
                Route::Start(p) => view! { <StartPage path=p/> }.into_any(),
                // Home, and for an instant any screen of the whole app while it opens.
                _ => view! { <HomePage/> }.into_any(),
            }}
        </main>
    }
}

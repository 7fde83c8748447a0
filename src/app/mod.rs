//! The Leptos front end: thin components over the engine. Only `storage` touches
//! localStorage and only `export` builds files for download.

pub mod attempt_clock;
pub mod clipboard;
pub mod clock;
pub mod components;
pub mod desk_state;
pub mod export;
pub mod fetch;
pub mod first_screen;
pub mod json;
pub mod pages;
pub mod programs;
pub mod route;
pub mod state;
pub mod storage;
pub mod tabs;
pub mod trainee_app;
pub mod trainer_app;
pub mod watcher;

use crate::engine::bank::library::{load, Files, Library};
use leptos::prelude::*;
use route::Route;
use state::{AppState, CourseLoad, INDEX};

/// Fetches the index, then whatever it links to, until nothing is missing, and loads the course
/// (after `prepare`, which the trainee's and trainer's programs use to read the red-line lists'
/// problems). Returns whether it loaded.
async fn fetch_course(state: AppState, prepare: fn(&mut Library)) -> bool {
    let mut files = Files::new();
    loop {
        let mut library = load(INDEX, &files);
        if library.missing.is_empty() {
            prepare(&mut library);
            state.set_course(library);
            return true;
        }
        let missing: Vec<String> = library.missing.into_iter().collect();
        let fetched = futures::future::join_all(missing.iter().map(|p| fetch::fetch_text(p))).await;
        for (path, result) in missing.into_iter().zip(fetched) {
            match result {
                Ok(text) => {
                    files.insert(path, text);
                }
                Err(e) if path == INDEX => {
                    state.course.set(CourseLoad::Failed(e));
                    return false;
                }
                Err(_) => {
                    files.insert(path, None);
                }
            }
        }
    }
}

/// The course, then any exam or typing test whose time ran out while the app was closed is
/// submitted.
async fn load_course(state: AppState) {
    if fetch_course(state, Library::add_list_diagnostics).await {
        let now = clock::now();
        state.submit_expired(now);
        pages::typing::close_expired(&state, now);
    }
}

/// The trainee's and trainer's programs' state: the attempts from storage, provided to every
/// screen, then the course loaded (and what ran out while the app was closed submitted).
fn provide_state() {
    let state = AppState::new();
    provide_context(state);
    leptos::task::spawn_local_scoped_with_cancellation(load_course(state));
    storage::request_persistence();
}

/// The screen in the page's address, followed as it changes (each program's root shows its own
/// screens from it).
fn follow_address() -> RwSignal<Route> {
    let route = RwSignal::new(Route::current());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::current());
        scroll_to_top();
    });
    on_cleanup(move || handle.remove());
    route
}

/// Keeps the scroll position sensible when the screen changes.
fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The top bar with the main menu, the same in every program.
#[component]
fn TopBar(route: RwSignal<Route>) -> impl IntoView {
    view! {
        <header class="topbar">
            <a class="brand" href="#/">"客服上岗考试"</a>
            <nav class="topnav" aria-label="主菜单">
                <a href="#/" class:active=move || route.get() == Route::Home>"课程"</a>
                <a href="#/wrong" class:active=move || route.get() == Route::WrongBook>"错题本"</a>
                <a href="#/history" class:active=move || route.get() == Route::History>"成绩记录"</a>
                <a href="#/desk/" class:active=move || matches!(route.get(), Route::Desk(_) | Route::DeskAttempt(_))>"培训老师"</a>
            </nav>
        </header>
    }
}

/// What every program draws around its screens: the top bar, any storage problem, the screen.
#[component]
fn Frame(route: RwSignal<Route>, children: Children) -> impl IntoView {
    view! {
        <TopBar route/>
        <StorageBanner/>
        <main id="main">{children()}</main>
    }
}

/// A storage problem the trainee must know about, above every screen.
#[component]
fn StorageBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state
            .storage_problem
            .get()
            .map(|p| view! { <div class="banner warn" role="alert">{p}</div> })
    }
}

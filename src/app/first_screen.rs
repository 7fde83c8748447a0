//! The first screen's program (`src/start.rs`): the course and a bank's start screen, the
//! screens every trainee opens first, in a program a fraction of the others' size. Starting an
//! exam goes to `#/begin/...`, a screen of the trainee's program, which builds and keeps the
//! attempt (in memory too, when storage is full); so that the tap does not wait on the network
//! or the compiler, the trainee's program is loaded in the background once the course shows.

use super::pages::{home::HomePage, start::StartAction, start::StartPage};
use super::programs::preload;
use super::route::{go, Route};
use super::state::AppState;
use super::{fetch_course, follow_address, storage, Frame};
use crate::site::Program;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

#[component]
pub fn FirstScreen() -> impl IntoView {
    let state = AppState::first_screen();
    provide_context(state);
    // The start buttons ask the trainee's program to start the attempt (see the module comment).
    provide_context(StartAction(|_, bank, mode, _| {
        go(&Route::Begin(mode, bank.path.clone()))
    }));
    let route = follow_address();
    spawn_local_scoped_with_cancellation(async move {
        fetch_course(state, |_| {}).await;
        preload(Program::Trainee);
    });
    storage::request_persistence();

    view! {
        <Frame route>
            {move || match route.get() {
                Route::Start(p) => view! { <StartPage path=p/> }.into_any(),
                Route::Home => view! { <HomePage/> }.into_any(),
                // Another program's screen: this program is leaving the page.
                _ => ().into_any(),
            }}
        </Frame>
    }
}

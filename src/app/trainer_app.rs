//! The trainer's program (`src/trainer.rs`): the desk and every screen under `#/desk/`. It shows
//! while the address is one of its screens (`src/site.rs`); a trainee never downloads it.

use super::pages::{desk::DeskPage, desk::DeskState, desk_attempt::DeskAttemptPage};
use super::route::Route;
use super::state::AppState;
use super::{follow_address, load_course, storage, Frame};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn TrainerApp() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    provide_context(DeskState::new());
    let route = follow_address();
    spawn_local(load_course(state));
    storage::request_persistence();

    view! {
        <Frame route>
            {move || match route.get() {
                Route::Desk(tab) => view! { <DeskPage tab=tab/> }.into_any(),
                Route::DeskAttempt(id) => view! { <DeskAttemptPage id=id/> }.into_any(),
                // Another program's screen: this program is leaving the page.
                _ => ().into_any(),
            }}
        </Frame>
    }
}

//! The trainer's program (`src/trainer.rs`): the desk and every screen under `#/desk/`. It shows
//! while the address is one of its screens (`src/site.rs`); a trainee never downloads it.

use super::desk_state::DeskState;
use super::pages::{desk::DeskPage, desk_attempt::DeskAttemptPage};
use super::route::Route;
use super::{follow_address, provide_state, Frame};
use leptos::prelude::*;

#[component]
pub fn TrainerApp() -> impl IntoView {
    provide_context(DeskState::new());
    provide_state();
    let route = follow_address();

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

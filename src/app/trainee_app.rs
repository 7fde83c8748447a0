//! The trainee's program (`src/trainee.rs`): exams and practice, results, history, the
//! wrong-answer book and typing. It shows while the address is one of its screens
//! (`src/site.rs`); the course's home and start screens are the first screen's.

use super::pages::{
    attempt::AttemptPage, handover::CommentsPage, handover::HandoverPage, history::HistoryPage,
    result::ResultPage, start::BeginPage, start::StartAction, typing::TypingStartPage,
    wrong_book::WrongBookPage,
};
use super::route::Route;
use super::state::AppState;
use super::{follow_address, load_course, storage, Frame};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn TraineeApp() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    provide_context(StartAction::CREATE);
    let route = follow_address();
    spawn_local(load_course(state));
    storage::request_persistence();

    view! {
        <Frame route>
            {move || match route.get() {
                Route::Begin(mode, p) => view! { <BeginPage mode=mode path=p/> }.into_any(),
                Route::Attempt(id) => view! { <AttemptPage id=id/> }.into_any(),
                Route::Result(id) => view! { <ResultPage id=id/> }.into_any(),
                Route::Handover(id) => view! { <HandoverPage id=id/> }.into_any(),
                Route::Comments(code) => view! { <CommentsPage code=code/> }.into_any(),
                Route::History => view! { <HistoryPage/> }.into_any(),
                Route::WrongBook => view! { <WrongBookPage/> }.into_any(),
                Route::Typing(p) => view! { <TypingStartPage path=p/> }.into_any(),
                // Another program's screen: this program is leaving the page.
                _ => ().into_any(),
            }}
        </Frame>
    }
}

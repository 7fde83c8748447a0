//! The trainee's program (`src/trainee.rs`): exams and practice, results, history, the
//! wrong-answer book and typing. It shows while the address is one of its screens
//! (`src/site.rs`); the course's home and start screens are the first screen's.

use super::pages::{
    attempt::AttemptPage, handover::CommentsPage, handover::HandoverPage, history::HistoryPage,
    result::ResultPage, start::BeginPage, start::StartAction, typing::TypingStartPage,
    wrong_book::WrongBookPage,
};
use super::route::Route;
use super::{follow_address, provide_state, Frame};
use leptos::prelude::*;

#[component]
pub fn TraineeApp() -> impl IntoView {
    provide_context(StartAction::CREATE);
    provide_state();
    let route = follow_address();

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

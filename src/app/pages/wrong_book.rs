//! The wrong-answer book (错题本): every question answered wrongly, practised until right.

use crate::app::clock::{new_seed, now};
use crate::app::route::{go, Route};
use crate::app::state::{AppState, CourseLoad};
use crate::engine::attempt::attempt::{AttemptRecord, Mode};
use crate::engine::text::rich::inline_text;
use leptos::prelude::*;

#[component]
pub fn WrongBookPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let practise = move |keys: Vec<String>| {
        let Some(trainee) = state.trainee.get_untracked() else {
            go(&Route::Home);
            return;
        };
        let bank = state.wrong_book_bank(&keys);
        let record = AttemptRecord::start(&bank, Mode::Practice, trainee, new_seed(), now());
        state.save_attempt(&record);
        go(&Route::Attempt(record.id.clone()));
    };
    move || {
        if matches!(state.course.get(), CourseLoad::Loading) {
            return view! { <p class="loading" role="status">"正在加载……"</p> }.into_any();
        }
        let book = state.wrong.get();
        let keys: Vec<String> = book.keys().cloned().collect();
        let bank = state.wrong_book_bank(&keys);
        let found: Vec<_> = bank.questions().cloned().collect();
        if found.is_empty() {
            return view! {
                <section class="card">
                    <h1>"错题本"</h1>
                    <p class="muted">"太好了，目前没有错题。考试或练习中答错的题会自动收进这里，答对后移出。"</p>
                </section>
            }
            .into_any();
        }
        let all_keys: Vec<String> = found.iter().map(|q| q.key()).collect();
        let mut by_bank: Vec<(String, Vec<String>)> = Vec::new();
        for q in &found {
            let title = state
                .bank(&q.bank)
                .map_or_else(|| q.bank.to_string(), |b| b.title.clone());
            match by_bank.iter_mut().find(|(t, _)| *t == title) {
                Some((_, v)) => v.push(inline_text(&q.title)),
                None => by_bank.push((title, vec![inline_text(&q.title)])),
            }
        }
        view! {
            <section class="card">
                <h1>{format!("错题本（{} 题）", found.len())}</h1>
                <p class="muted">"练习错题：答对的题会从错题本中移出。"</p>
                <div class="actions">
                    <button type="button" class="btn primary" on:click=move |_| practise(all_keys.clone())>"开始练习错题"</button>
                </div>
            </section>
            {by_bank.into_iter().map(|(title, qs)| view! {
                <section class="card">
                    <h2>{format!("{title}（{} 题）", qs.len())}</h2>
                    <ul class="wrong-list">{qs.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </section>
            }).collect_view()}
        }
        .into_any()
    }
}

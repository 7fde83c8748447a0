//! A confirmation dialog. It takes the keyboard focus on its confirm button when it opens, and
//! Escape cancels it. Callers mount it only while it is open (e.g. inside `<Show>`).

use leptos::prelude::*;

#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] cancel_label: String,
    #[prop(into)] confirm_label: String,
    /// Style of the confirm button: `primary`, or `danger` for deletions.
    #[prop(into)]
    tone: String,
    on_cancel: Callback<()>,
    on_confirm: Callback<()>,
    children: Children,
) -> impl IntoView {
    let confirm_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = confirm_button.get() {
            let _ = button.focus();
        }
    });
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_cancel.run(());
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <div class="modal-backdrop">
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="dialog-title">
                <h2 id="dialog-title">{move || title.get()}</h2>
                {children()}
                <div class="actions">
                    <button type="button" class="btn secondary" on:click=move |_| on_cancel.run(())>{cancel_label}</button>
                    <button type="button" class=format!("btn {tone}") node_ref=confirm_button
                        on:click=move |_| on_confirm.run(())>{confirm_label}</button>
                </div>
            </div>
        </div>
    }
}

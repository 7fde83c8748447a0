//! A copy button for a code or a link: copies through the clipboard API and always shows the
//! text in a read-only box as well, so a browser that refuses (an in-app browser) still lets
//! the user select and copy it by hand.

use crate::app::clipboard::copy;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

#[component]
pub fn CopyText(
    /// The button's words (复制成绩码, 复制链接).
    label: &'static str,
    /// What is copied, in the messages (成绩码, 链接).
    what: &'static str,
    /// The text, made when the button is pressed; an error is shown instead.
    text: Callback<(), Result<String, String>>,
    /// The box's class (tests find the text by it).
    class: &'static str,
) -> impl IntoView {
    let shown = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<(bool, String)>);
    let on_click = move |_| match text.run(()) {
        Err(e) => message.set(Some((false, e))),
        Ok(t) => {
            shown.set(Some(t.clone()));
            spawn_local_scoped_with_cancellation(async move {
                let ok = copy(&t).await;
                message.set(Some(if ok {
                    (
                        true,
                        format!("已复制{what}，可以粘贴到聊天窗口发送。下面是同一段文字。"),
                    )
                } else {
                    (
                        false,
                        format!(
                            "浏览器没有允许自动复制：请长按（或点击）下面的{what}，全选后复制。"
                        ),
                    )
                }));
            });
        }
    };
    let select_all = |ev: leptos::ev::FocusEvent| {
        let area: web_sys::HtmlTextAreaElement = event_target(&ev);
        area.select();
    };
    view! {
        <div class="copy-text">
        <button type="button" class="btn secondary" on:click=on_click>{label}</button>
        {move || message.get().map(|(ok, m)| view! {
            <p class=if ok { "banner info copy-message" } else { "banner warn copy-message" } role="status">{m}</p>
        })}
        {move || shown.get().map(|t| view! {
            <textarea class=format!("copy-box {class}") readonly rows="3" aria-label=what spellcheck="false"
                on:focus=select_all prop:value=t></textarea>
        })}
        </div>
    }
}

//! A Markdown text area with line numbers: a gutter beside it that follows its scrolling.
//! Lines do not wrap, so each number stays beside its line. Reports every change and the
//! caret's line; `move_caret` puts the caret at a `line:col` and scrolls it into view.

use crate::engine::text::position::{line_of_utf16, utf16_offset};
use leptos::html::Textarea;
use leptos::prelude::*;

/// The text area's line height in pixels (style.css `.line-editor`), to scroll a line into view.
const LINE_PX: f64 = 21.0;

/// Puts the caret at `line:col` of the text area's text, focuses it and scrolls the line into
/// view (a third of the way down).
pub fn move_caret(area: &web_sys::HtmlTextAreaElement, line: u32, col: u32) {
    let text = area.value();
    let at = utf16_offset(&text, line, col);
    let _ = area.focus();
    let _ = area.set_selection_range(at, at);
    let top = (f64::from(line.saturating_sub(1)) * LINE_PX - f64::from(area.client_height()) / 3.0)
        .max(0.0);
    area.set_scroll_top(top as i32);
}

#[component]
pub fn LineEditor(
    /// The text to show; replaced in the text area when it changes from outside.
    text: RwSignal<String>,
    /// Set to the caret's line (1-based) as it moves.
    caret_line: RwSignal<u32>,
    node_ref: NodeRef<Textarea>,
    /// Called with the new text on every edit.
    on_edit: Callback<String>,
    #[prop(into)] label: String,
) -> impl IntoView {
    let gutter = NodeRef::<leptos::html::Div>::new();
    let lines = Memo::new(move |_| text.with(|t| t.split('\n').count()));
    let sync_caret = move || {
        if let Some(area) = node_ref.get_untracked() {
            let at = area.selection_start().ok().flatten().unwrap_or(0);
            let line = line_of_utf16(&area.value(), at);
            if caret_line.get_untracked() != line {
                caret_line.set(line);
            }
        }
    };
    let sync_scroll = move || {
        if let (Some(area), Some(g)) = (node_ref.get_untracked(), gutter.get_untracked()) {
            g.set_scroll_top(area.scroll_top());
        }
    };
    // Text set from outside (a bank opened) replaces the area's value; typing does not, so
    // the caret stays where it is.
    Effect::new(move |_| {
        let t = text.get();
        if let Some(area) = node_ref.get() {
            if area.value() != t {
                area.set_value(&t);
                sync_scroll();
            }
        }
    });
    view! {
        <div class="line-editor">
            <div class="line-gutter" node_ref=gutter aria-hidden="true">
                {move || {
                    let n = lines.get();
                    let mut s = String::with_capacity(n * 4);
                    for i in 1..=n {
                        s.push_str(&i.to_string());
                        s.push('\n');
                    }
                    s
                }}
            </div>
            <textarea id="editor-text" node_ref=node_ref wrap="off" spellcheck="false" aria-label=label
                prop:value=move || text.get_untracked()
                on:input=move |ev| {
                    on_edit.run(event_target_value(&ev));
                    sync_caret();
                    sync_scroll();
                }
                on:scroll=move |_| sync_scroll()
                on:keyup=move |_| sync_caret()
                on:click=move |_| sync_caret()
                on:focus=move |_| sync_caret()
                on:select=move |_| sync_caret()></textarea>
        </div>
    }
}

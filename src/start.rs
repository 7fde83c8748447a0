//! The browser entry point of the first screen (`index.html`): the course and a bank's start
//! screen in a small bundle; `main.rs` is the whole app (`app.html`). Natively it does nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    kefu_exam::app::mount_first_screen();
}

//! The browser entry point of the whole app (`app.html`, every screen); `start.rs` is the
//! first screen (`index.html`). Natively it does nothing (the engine's tools are in `src/bin/`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    kefu_exam::app::mount();
}

//! The browser entry point: mounts the app. Natively it does nothing (the engine's binaries
//! are `bankcheck` and `parsebench`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    kefu_exam::app::mount();
}

//! The browser entry point of the first screen: the course and a bank's start screen, in a
//! small program that every page starts (`src/site.rs` lists its screens). Natively it does
//! nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    kefu_exam::app::programs::run(
        kefu_exam::site::Program::FirstScreen,
        kefu_exam::app::first_screen::FirstScreen,
    );
}

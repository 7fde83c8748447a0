//! The browser entry point of the trainer's part: the desk and everything under it
//! (`src/site.rs` lists its screens). Natively it does nothing.

fn main() {
    #[cfg(target_arch = "wasm32")]
    kefu_exam::app::programs::run(
        kefu_exam::site::Program::Trainer,
        kefu_exam::app::trainer_app::TrainerApp,
    );
}

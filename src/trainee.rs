//! The browser entry point of the trainee's app: exams, practice, results, history, the
//! wrong-answer book and typing (`src/site.rs` lists its screens). Natively it does nothing (the
//! engine's tools are in `src/bin/`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    kefu_exam::app::programs::run(
        kefu_exam::site::Program::Trainee,
        kefu_exam::app::trainee_app::TraineeApp,
    );
}

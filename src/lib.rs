//! A browser-only exam engine for e-commerce customer-service onboarding.
//!
//! `engine` is plain Rust (no browser types): bank parsing, exam assembly, grading, timing and
//! result records. `site` lists the browser programs and the screens each shows; `app` is the
//! Leptos front end, compiled only for wasm32.

pub mod engine;
pub mod site;

#[cfg(target_arch = "wasm32")]
pub mod app;

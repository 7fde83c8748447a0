//! The exam engine: plain Rust with no browser types, shared by the app, the checker and
//! the tests.
//!
//! Folders are layers, and a module imports only its own layer or lower ones, never one that
//! imports it back (tests/engine_layers.rs checks both). From the bottom: text, question,
//! time, typing, bank, grading, attempt, trainer; lint and convert sit on top.

pub mod attempt;
pub mod bank;
pub mod convert;
pub mod grading;
pub mod lint;
pub mod question;
pub mod text;
pub mod time;
pub mod trainer;
pub mod typing;

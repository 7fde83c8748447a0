//! The exam engine: plain Rust with no browser types, shared by the app, the checker and
//! the tests.

pub mod attempt;
pub mod bank;
pub mod cohort;
pub mod cohort_csv;
pub mod convert;
pub mod grading;
pub mod lint;
pub mod overrides;
pub mod question;
pub mod regrade_findings;
pub mod stats;
pub mod text;
pub mod time;
pub mod typing;

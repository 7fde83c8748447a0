//! The exam engine: plain Rust with no browser types, shared by the app, the checker and
//! the tests.

pub mod assemble;
pub mod attempt;
pub mod attempt_migrate;
pub mod attempt_summary;
pub mod bank;
pub mod behaviour;
pub mod cohort;
pub mod cohort_csv;
pub mod convert;
pub mod grading;
pub mod line_scale;
pub mod lint;
pub mod merge;
pub mod overrides;
pub mod question;
pub mod regrade_findings;
pub mod report;
pub mod stats;
pub mod text;
pub mod time;
pub mod typing;
pub mod typing_bank;
pub mod watch;

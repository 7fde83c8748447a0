//! The trainer's part: a cohort of attempts from many files, its table as CSV, the re-grade
//! dry run, the trainer's own scores and comments, and item analysis.

pub mod cohort;
pub mod cohort_csv;
pub mod comment_link;
pub mod overrides;
pub mod regrade_findings;
pub mod stats;

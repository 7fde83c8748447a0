//! The attempt: one attempt's questions drawn from a seed, the record stored and exported
//! (schema versions, re-grade, summary, two tabs merged), what the exam page does with each
//! observation, the feedback behaviour and wrong-answer book, result files, the hand-over to
//! the trainer as QR codes or a text code, and the geometry of the charts drawn from attempts.

pub mod assemble;
pub mod attempt;
pub mod behaviour;
pub mod handover;
pub mod line_scale;
pub mod merge;
pub mod migrate;
pub mod report;
pub mod summary;
pub mod typing;
pub mod watch;

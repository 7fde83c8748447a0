//! Time and the exam's rules about it: deadline arithmetic and formatting, the attempt's own
//! clock, the append-only event log and its summary, and a bank's integrity rules (full
//! screen, one-way navigation, time away). Below the bank: a bank's settings hold the rules,
//! and the attempt record holds the clock and the log.

pub mod events;
pub mod exam_clock;
pub mod integrity;
pub mod timing;

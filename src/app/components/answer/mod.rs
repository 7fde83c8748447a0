//! One input component per question type. Each keeps its own local state (so typing never
//! re-renders the question and loses focus) and reports every change through `on_change`,
//! with indices in the bank's order.

pub mod choice;
pub mod fill;
pub mod matching;
pub mod numeric;
pub mod ordering;
pub mod reply;
pub mod truefalse;

use crate::engine::question::answer::Answer;
use leptos::prelude::*;

/// What every answer input receives.
#[derive(Clone)]
pub struct AnswerProps {
    /// A DOM-safe prefix for ids and radio-group names.
    pub uid: String,
    pub initial: Option<Answer>,
    /// Display order (indices in bank order) from the attempt.
    pub order: Vec<usize>,
    /// Set once the answer may no longer change (practice after checking).
    pub locked: Signal<bool>,
    pub on_change: Callback<Option<Answer>>,
}

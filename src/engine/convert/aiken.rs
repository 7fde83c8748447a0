//! Aiken (Moodle's plain multiple-choice format).
use super::{Draft, Report};
pub fn import(_text: &str, _report: &mut Report) -> Draft { Draft::default() }

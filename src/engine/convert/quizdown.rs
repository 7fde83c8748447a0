//! quizdown files.
use super::{Imported, Report};
pub fn import(name: &str, text: &str, report: Report) -> Imported { let _ = (name, text); Imported { markdown: String::new(), report } }

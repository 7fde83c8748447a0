//! A trainee's answer to one question, as stored and exported. Indices always refer to the
//! order written in the bank (never the shuffled display order), so a record can be re-graded.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    Choice {
        selected: Vec<usize>,
    },
    TrueFalse {
        value: bool,
    },
    Fill {
        blanks: Vec<String>,
    },
    /// Original step indices in the order the trainee placed them.
    Order {
        order: Vec<usize>,
    },
    /// For each left item (bank order), the original row whose right side was chosen.
    Match {
        pairs: Vec<Option<usize>>,
    },
    Numeric {
        text: String,
    },
    Reply {
        text: String,
    },
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        match self {
            Answer::Choice { selected } => selected.is_empty(),
            Answer::TrueFalse { .. } => false,
            Answer::Fill { blanks } => blanks.iter().all(|b| b.trim().is_empty()),
            Answer::Order { order } => order.is_empty(),
            Answer::Match { pairs } => pairs.iter().all(Option::is_none),
            Answer::Numeric { text } | Answer::Reply { text } => text.trim().is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_serialise_with_a_type_tag() {
        let a = Answer::Choice {
            selected: vec![1, 2],
        };
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"{"type":"choice","selected":[1,2]}"#);
        assert_eq!(serde_json::from_str::<Answer>(&json).unwrap(), a);
        assert!(Answer::Fill {
            blanks: vec![" ".into()]
        }
        .is_empty());
        assert!(!Answer::TrueFalse { value: false }.is_empty());
    }
}

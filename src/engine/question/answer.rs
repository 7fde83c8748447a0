//! A trainee's answer to one question, as stored and exported. Indices always refer to the
//! order written in the bank (never the shuffled display order), so a record can be re-graded.

use crate::engine::text::json::required;
use serde::{Deserialize, Serialize};

/// Stored as `{"type":"choice","selected":[1,2]}`: read and written through the flat `Stored`
/// form rather than serde's internally tagged enum, whose buffering cost about 16 KB of wasm in
/// every program. The text is the same either way (tests below and the golden records).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Stored", into = "Stored")]
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

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Choice,
    TrueFalse,
    Fill,
    Order,
    Match,
    Numeric,
    Reply,
}

/// Every answer type's fields side by side; `type` says which one is there.
#[derive(Serialize, Deserialize)]
struct Stored {
    #[serde(rename = "type")]
    kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    selected: Option<Vec<usize>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    blanks: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order: Option<Vec<usize>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pairs: Option<Vec<Option<usize>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

impl Stored {
    fn new(kind: Kind) -> Stored {
        Stored {
            kind,
            selected: None,
            value: None,
            blanks: None,
            order: None,
            pairs: None,
            text: None,
        }
    }
}

impl TryFrom<Stored> for Answer {
    type Error = String;
    fn try_from(s: Stored) -> Result<Answer, String> {
        Ok(match s.kind {
            Kind::Choice => Answer::Choice {
                selected: required(s.selected, "selected")?,
            },
            Kind::TrueFalse => Answer::TrueFalse {
                value: required(s.value, "value")?,
            },
            Kind::Fill => Answer::Fill {
                blanks: required(s.blanks, "blanks")?,
            },
            Kind::Order => Answer::Order {
                order: required(s.order, "order")?,
            },
            Kind::Match => Answer::Match {
                pairs: required(s.pairs, "pairs")?,
            },
            Kind::Numeric => Answer::Numeric {
                text: required(s.text, "text")?,
            },
            Kind::Reply => Answer::Reply {
                text: required(s.text, "text")?,
            },
        })
    }
}

impl From<Answer> for Stored {
    fn from(a: Answer) -> Stored {
        match a {
            Answer::Choice { selected } => Stored {
                selected: Some(selected),
                ..Stored::new(Kind::Choice)
            },
            Answer::TrueFalse { value } => Stored {
                value: Some(value),
                ..Stored::new(Kind::TrueFalse)
            },
            Answer::Fill { blanks } => Stored {
                blanks: Some(blanks),
                ..Stored::new(Kind::Fill)
            },
            Answer::Order { order } => Stored {
                order: Some(order),
                ..Stored::new(Kind::Order)
            },
            Answer::Match { pairs } => Stored {
                pairs: Some(pairs),
                ..Stored::new(Kind::Match)
            },
            Answer::Numeric { text } => Stored {
                text: Some(text),
                ..Stored::new(Kind::Numeric)
            },
            Answer::Reply { text } => Stored {
                text: Some(text),
                ..Stored::new(Kind::Reply)
            },
        }
    }
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

    #[test]
    fn every_answer_type_is_stored_as_before_and_reads_back() {
        let cases = [
            (
                Answer::Choice { selected: vec![] },
                r#"{"type":"choice","selected":[]}"#,
            ),
            (
                Answer::TrueFalse { value: true },
                r#"{"type":"true_false","value":true}"#,
            ),
            (
                Answer::Fill {
                    blanks: vec!["8:00".into(), "".into()],
                },
                r#"{"type":"fill","blanks":["8:00",""]}"#,
            ),
            (
                Answer::Order {
                    order: vec![2, 0, 1],
                },
                r#"{"type":"order","order":[2,0,1]}"#,
            ),
            (
                Answer::Match {
                    pairs: vec![Some(1), None],
                },
                r#"{"type":"match","pairs":[1,null]}"#,
            ),
            (
                Answer::Numeric { text: "600".into() },
                r#"{"type":"numeric","text":"600"}"#,
            ),
            (
                Answer::Reply {
                    text: "亲，您好".into(),
                },
                r#"{"type":"reply","text":"亲，您好"}"#,
            ),
        ];
        for (answer, text) in cases {
            assert_eq!(serde_json::to_string(&answer).unwrap(), text);
            assert_eq!(serde_json::from_str::<Answer>(text).unwrap(), answer);
        }
    }

    #[test]
    fn an_answer_missing_its_field_or_of_an_unknown_type_is_refused_by_name() {
        let e = serde_json::from_str::<Answer>(r#"{"type":"choice"}"#).unwrap_err();
        assert!(e.to_string().contains("selected"), "{e}");
        let e = serde_json::from_str::<Answer>(r#"{"type":"essay","text":"x"}"#).unwrap_err();
        assert!(e.to_string().contains("essay"), "{e}");
    }
}

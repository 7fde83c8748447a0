//! Reading and writing JSON text without tying the engine to one JSON library.
//!
//! Why a trait: natively (bins, tests, the `cohort` tool) serde_json does the work; in the
//! browser the app plugs in the browser's own `JSON.parse`/`JSON.stringify` (see
//! `app::json`), so the wasm does not carry serde_json's parser and number formatter. Every
//! stored or exported type goes through serde either way, so the files have one shape.
//!
//! `Node` is a parsed but not yet typed document, so a file with many records can read each one
//! on its own and skip a broken one without losing the others.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A field a stored form needs, or serde's own wording for its absence (`missing field `x``):
/// for the flat stored forms of answers and events, which read every field as optional.
pub(crate) fn required<T>(value: Option<T>, name: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{name}`"))
}

/// Where and why a text is not JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseProblem {
    /// The text ended too early (a truncated download or copy).
    pub eof: bool,
    /// 1-based; 0 when the parser did not say.
    pub line: usize,
    pub column: usize,
    /// The parser's own words, for the cases above do not cover.
    pub message: String,
}

impl std::fmt::Display for ParseProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "第 {} 行第 {} 列：{}",
                self.line, self.column, self.message
            )
        } else {
            f.write_str(&self.message)
        }
    }
}

pub trait Codec {
    type Node;
    fn parse(text: &str) -> Result<Self::Node, ParseProblem>;
    /// The typed value of a node; the error names the field that did not fit.
    fn decode<T: DeserializeOwned>(node: &Self::Node) -> Result<T, String>;
    /// A field of an object node (`None` for a missing field or a non-object).
    fn field(node: &Self::Node, name: &str) -> Option<Self::Node>;
    /// The items of an array node (`None` if it is not an array).
    fn items(node: &Self::Node) -> Option<Vec<Self::Node>>;
    /// Compact JSON text (empty if the value cannot be written, which stored types never hit).
    fn write<T: Serialize>(value: &T) -> String;

    fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        Self::decode(&Self::parse(text).map_err(|e| e.to_string())?)
    }
}

/// serde_json, for native code. The browser build does not link it.
#[cfg(not(target_arch = "wasm32"))]
pub struct SerdeJson;

#[cfg(not(target_arch = "wasm32"))]
impl Codec for SerdeJson {
    type Node = serde_json::Value;

    fn parse(text: &str) -> Result<serde_json::Value, ParseProblem> {
        serde_json::from_str(text).map_err(|e| {
            let whole = e.to_string();
            let at = format!(" at line {} column {}", e.line(), e.column());
            ParseProblem {
                eof: e.is_eof(),
                line: e.line(),
                column: e.column(),
                message: whole.strip_suffix(&at).unwrap_or(&whole).to_string(),
            }
        })
    }

    fn decode<T: DeserializeOwned>(node: &serde_json::Value) -> Result<T, String> {
        T::deserialize(node).map_err(|e| e.to_string())
    }

    fn field(node: &serde_json::Value, name: &str) -> Option<serde_json::Value> {
        node.as_object()?.get(name).cloned()
    }

    fn items(node: &serde_json::Value) -> Option<Vec<serde_json::Value>> {
        node.as_array().cloned()
    }

    fn write<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }
}

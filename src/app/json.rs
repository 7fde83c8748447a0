//! The browser's own JSON (`JSON.parse`/`JSON.stringify`) as the engine's `Codec`, through
//! serde-wasm-bindgen, so the wasm does not carry serde_json (first-load size).
//!
//! `json_compatible` writes `None` as `null` and maps as objects, so the text has the shape
//! serde_json writes (numbers as JavaScript prints them: `2` where serde_json writes `2.0`,
//! which reads back the same).

use crate::engine::text::json::{Codec, ParseProblem};
use crate::engine::text::json_locate::locate;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

pub struct BrowserJson;

impl Codec for BrowserJson {
    type Node = JsValue;

    fn parse(text: &str) -> Result<JsValue, ParseProblem> {
        js_sys::JSON::parse(text).map_err(|e| {
            let message = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default();
            problem(text, message)
        })
    }

    fn decode<T: DeserializeOwned>(node: &JsValue) -> Result<T, String> {
        serde_wasm_bindgen::from_value(node.clone()).map_err(|e| e.to_string())
    }

    fn field(node: &JsValue, name: &str) -> Option<JsValue> {
        if !node.is_object() {
            return None;
        }
        js_sys::Reflect::get(node, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined())
    }

    fn items(node: &JsValue) -> Option<Vec<JsValue>> {
        js_sys::Array::is_array(node).then(|| js_sys::Array::from(node).iter().collect())
    }

    fn write<T: Serialize>(value: &T) -> String {
        value
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .ok()
            .and_then(|v| js_sys::JSON::stringify(&v).ok())
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

/// Where the text broke, found by the engine's own scan: browsers word `JSON.parse` errors
/// differently and Chromium gives no position for an unexpected character.
fn problem(text: &str, message: String) -> ParseProblem {
    locate(text).unwrap_or(ParseProblem {
        eof: false,
        line: 0,
        column: 0,
        message,
    })
}

//! A stand-in for wasm-streams 0.5 with only the part server_fn 0.8 calls: a `ReadableStream`
//! made from a Rust stream and read as one. Leptos always pulls server_fn in with its browser
//! feature, and the real crate exports three classes to JavaScript (`IntoUnderlyingSource`,
//! `IntoUnderlyingSink`, `IntoUnderlyingByteSource`); exports are never removed as dead code,
//! so every program carried about 10 KB of wasm and 10 KB of JS glue for server functions this
//! app never calls (issue 12). Here the JS source object is built from closures instead.

use futures_util::stream::{self, Stream, StreamExt};
use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

pub mod readable {
    pub use super::ReadableStream;
}

/// A JavaScript `ReadableStream` of `JsValue` chunks.
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

impl ReadableStream {
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        ReadableStream { raw }
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// A JS stream whose `pull` takes the next item of `stream`.
    pub fn from_stream<St>(stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        let stream: Rc<RefCell<Pin<Box<St>>>> = Rc::new(RefCell::new(Box::pin(stream)));
        let pull = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |c: JsValue| {
            let stream = stream.clone();
            future_to_promise(async move {
                let c: web_sys::ReadableStreamDefaultController = c.unchecked_into();
                let next = stream.borrow_mut().next().await;
                match next {
                    Some(Ok(chunk)) => c.enqueue_with_chunk(&chunk)?,
                    Some(Err(e)) => c.error_with_e(&e),
                    None => c.close()?,
                }
                Ok(JsValue::UNDEFINED)
            })
        });
        let source = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&source, &"pull".into(), pull.as_ref());
        // The stream owns its source for its whole life; JS gives no signal to free it earlier.
        pull.forget();
        let raw = web_sys::ReadableStream::new_with_underlying_source(source.unchecked_ref())
            .unwrap_throw();
        ReadableStream { raw }
    }

    /// Reads the JS stream chunk by chunk; an error ends the stream after it is yielded.
    pub fn into_stream(self) -> impl Stream<Item = Result<JsValue, JsValue>> + 'static {
        let reader: Option<web_sys::ReadableStreamDefaultReader> =
            Some(self.raw.get_reader().unchecked_into());
        stream::unfold(reader, |reader| async move {
            let reader = reader?;
            match JsFuture::from(reader.read()).await {
                Err(e) => Some((Err(e), None)),
                Ok(result) => {
                    let done = js_sys::Reflect::get(&result, &"done".into())
                        .ok()
                        .and_then(|d| d.as_bool())
                        .unwrap_or(true);
                    if done {
                        return None;
                    }
                    let value = js_sys::Reflect::get(&result, &"value".into()).unwrap_or_default();
                    Some((Ok(value), Some(reader)))
                }
            }
        })
    }
}

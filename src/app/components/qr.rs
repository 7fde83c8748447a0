//! A QR code drawn as inline SVG: a white square with the quiet zone and one black path of
//! the dark modules (`attempt::handover::qr`). Scales to its box without blurring.

use crate::engine::attempt::handover::qr::QrImage;
use leptos::prelude::*;

#[component]
pub fn QrSvg(
    image: QrImage,
    /// The `<svg>`'s class (tests and styles find the code by it).
    class: &'static str,
    /// What a screen reader says instead of the picture.
    label: String,
    /// `data-*` hooks: the frame's place and its text, for tests.
    #[prop(optional)]
    frame: Option<usize>,
    #[prop(optional)] total: Option<usize>,
    #[prop(optional)] text: Option<String>,
) -> impl IntoView {
    let side = image.side();
    view! {
        <svg class=class xmlns="http://www.w3.org/2000/svg" viewBox=format!("0 0 {side} {side}")
            shape-rendering="crispEdges" role="img" aria-label=label
            data-frame=frame.map(|f| f.to_string()) data-total=total.map(|t| t.to_string()) data-text=text
            data-version=image.version.to_string()>
            <rect width=side.to_string() height=side.to_string() fill="#fff"/>
            <path d=image.path fill="#000"/>
        </svg>
    }
}

//! The attempt's frames as QR codes (交给老师), for the desk's camera. A minimal rendering:
//! every frame at once, black on white with a 4-module quiet zone, alphanumeric, level M,
//! version 20 at most (`handover::frames::QR_CHARS`). Element contract shared with the desk's
//! browser test: `<svg class="handover-code" data-frame data-total data-text>`.

use crate::app::state::AppState;
use crate::engine::attempt::attempt::AttemptRecord;
use crate::engine::attempt::handover::{encode, frames, EncodeError};
use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

/// A frame's QR code, or `None` if it does not fit version 20 (the frames are sized to fit).
fn qr(text: &str) -> Option<QrCode> {
    let segs = [QrSegment::make_alphanumeric(text)];
    QrCode::encode_segments_advanced(
        &segs,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::new(20),
        None,
        false,
    )
    .ok()
}

/// The dark modules as one SVG path, shifted by the quiet zone.
fn path(code: &QrCode) -> String {
    let n = code.size();
    let mut d = String::new();
    for y in 0..n {
        for x in 0..n {
            if code.get_module(x, y) {
                d.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    d
}

#[component]
pub fn HandoverCodes(record: AttemptRecord) -> impl IntoView {
    let state = expect_context::<AppState>();
    let bank = state.bank_for(&record);
    let texts = match encode(&record, bank.as_deref()) {
        Ok(p) => frames(&p).unwrap_or_default(),
        Err(EncodeError::Typing) => {
            return view! { <p class="banner info">"打字测试的成绩请下载结果文件发给老师。"</p> }
                .into_any()
        }
    };
    let total = texts.len();
    view! {
        <div class="handover-codes">
            <p class="muted">{format!("请把下面 {total} 个二维码依次对准老师电脑的摄像头，顺序不限。")}</p>
            {texts.into_iter().enumerate().filter_map(|(i, t)| {
                let code = qr(&t)?;
                let side = code.size() + 8;
                Some(view! {
                    <figure class="handover-figure">
                        <svg class="handover-code" data-frame=i data-total=total data-text=t.clone()
                            viewBox=format!("0 0 {side} {side}") role="img"
                            aria-label=format!("成绩码第 {} 张，共 {total} 张", i + 1)
                            shape-rendering="crispEdges">
                            <rect width=side height=side fill="#fff"/>
                            <path d=path(&code) fill="#000"/>
                        </svg>
                        <figcaption>{format!("第 {} / {total} 张", i + 1)}</figcaption>
                    </figure>
                })
            }).collect_view()}
        </div>
    }
    .into_any()
}

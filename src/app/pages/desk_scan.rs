//! 扫码收集: the desk's webcam reads the QR codes a trainee's phone shows and adds each trainee
//! to the cohort as soon as all their codes are read. The camera's picture goes to a canvas a
//! few times a second and its codes are read in WebAssembly (`handover::scan`); the session
//! there keeps each trainee's progress and the status line, this page only shows them.

use crate::app::desk_state::DeskState;
use crate::app::state::AppState;
use crate::engine::attempt::handover::scan::{
    luma, picture_scale, read_image, Heard, ScanSession, Stage,
};
use leptos::html::Video;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    AudioContext, CanvasRenderingContext2d, HtmlCanvasElement, MediaStream, MediaStreamConstraints,
};

/// How often a picture is taken from the camera: often enough that a code held up for a
/// moment is read, seldom enough to leave the trainer's laptop responsive.
const GRAB_MS: u64 = 200;
/// The picture's longer side at most: a version-20 code filling a third of the picture still
/// has about 3 pixels a module, and reading takes a fraction of the interval.
const MAX_SIDE: u32 = 1280;

#[derive(Clone, Debug, PartialEq)]
enum Camera {
    Off,
    Starting,
    On,
    Refused(String),
}

/// The browser objects of one camera session (not reactive, not shared across threads).
#[derive(Default)]
struct Devices {
    stream: Option<MediaStream>,
    canvas: Option<(HtmlCanvasElement, CanvasRenderingContext2d)>,
    audio: Option<AudioContext>,
    timer: Option<IntervalHandle>,
    /// No new picture before this time (ms): reading takes at most half the page's time.
    rest_until: f64,
    /// Pictures taken so far (each one's size varies: `picture_scale`).
    grabs: usize,
}

impl Devices {
    fn stop(&mut self) {
        if let Some(t) = self.timer.take() {
            t.clear();
        }
        if let Some(s) = self.stream.take() {
            stop_stream(&s);
        }
    }
}

fn stop_stream(s: &MediaStream) {
    for t in s.get_tracks() {
        t.unchecked_into::<web_sys::MediaStreamTrack>().stop();
    }
}

#[component]
pub fn ScanTab() -> impl IntoView {
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    let session = RwSignal::new(ScanSession::new());
    let camera = RwSignal::new(Camera::Off);
    let facing = RwSignal::new("environment".to_string());
    let flash = RwSignal::new(false);
    let decode_ms = RwSignal::new(0.0f64);
    let video = NodeRef::<Video>::new();
    let devices = StoredValue::new_local(Devices::default());
    on_cleanup(move || {
        devices.try_update_value(|d| d.stop());
        if let Some(s) = video
            .try_get_untracked()
            .flatten()
            .and_then(|v| v.src_object())
        {
            stop_stream(&s);
        }
    });

    // One picture: draw the video on the canvas, read its codes, feed them to the session.
    let grab = move || {
        let Some(v) = video.get_untracked() else {
            return;
        };
        let Some(lib) = app.library() else { return };
        if devices.try_with_value(|d| performance_now() < d.rest_until) != Some(false) {
            return;
        }
        let (vw, vh) = (v.video_width(), v.video_height());
        if v.ready_state() < 2 || vw == 0 || vh == 0 {
            return;
        }
        let n = devices
            .try_update_value(|d| {
                d.grabs += 1;
                d.grabs
            })
            .unwrap_or(0);
        let scale = (f64::from(MAX_SIDE) / f64::from(vw.max(vh))).min(1.0) * picture_scale(n);
        let (w, h) = (
            (f64::from(vw) * scale) as u32,
            (f64::from(vh) * scale) as u32,
        );
        let Some(rgba) = devices
            .try_with_value(|d| {
                let (canvas, ctx) = d.canvas.as_ref()?;
                if canvas.width() != w || canvas.height() != h {
                    canvas.set_width(w);
                    canvas.set_height(h);
                }
                ctx.draw_image_with_html_video_element_and_dw_and_dh(
                    &v,
                    0.0,
                    0.0,
                    f64::from(w),
                    f64::from(h),
                )
                .ok()?;
                let data = ctx
                    .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
                    .ok()?;
                Some(data.data().0)
            })
            .flatten()
        else {
            return;
        };
        let t0 = performance_now();
        let texts = read_image(&luma(&rgba), w as usize, h as usize);
        let t1 = performance_now();
        decode_ms.set((t1 - t0).round());
        devices.update_value(|d| d.rest_until = t1 + (t1 - t0));
        if texts.is_empty() {
            return;
        }
        let site = &*lib;
        let mut add = |r| desk.update(|c| c.add_scanned(r)).added > 0;
        let mut cheer = false;
        session.update(|s| {
            for t in &texts {
                cheer |= s.read(t, &site, &mut add) == Heard::Added;
            }
        });
        if cheer {
            devices.try_with_value(|d| d.audio.as_ref().map(beep));
            flash.set(true);
            set_timeout(move || flash.set(false), Duration::from_millis(700));
        }
    };

    let start = move || {
        devices.update_value(|d| d.stop());
        camera.set(Camera::Starting);
        // Made on the click, so the browser lets it sound later.
        if devices.with_value(|d| d.audio.is_none()) {
            let ctx = AudioContext::new().ok();
            devices.update_value(|d| d.audio = ctx);
        }
        let want = facing.get_untracked();
        // Not cancelled with the screen: a camera the browser opens after the trainer left
        // must still be found here and stopped.
        leptos::task::spawn_local(async move {
            match open_camera(&want).await {
                Ok(stream) => {
                    // The trainer may have left the page while the browser asked.
                    let alive = devices
                        .try_update_value(|d| d.stream = Some(stream.clone()))
                        .is_some();
                    if !alive {
                        stop_stream(&stream);
                        return;
                    }
                    let canvas = make_canvas();
                    if canvas.is_none() {
                        devices.update_value(|d| d.stop());
                        camera.set(Camera::Refused("此浏览器不能读取摄像头画面".into()));
                        return;
                    }
                    if let Some(v) = video.get_untracked() {
                        v.set_src_object(Some(&stream));
                        let _ = v.play();
                    }
                    let timer = set_interval_with_handle(grab, Duration::from_millis(GRAB_MS)).ok();
                    devices.update_value(|d| {
                        d.canvas = canvas;
                        d.timer = timer;
                    });
                    camera.set(Camera::On);
                }
                Err(m) => camera.set(Camera::Refused(m)),
            }
        });
    };
    let stop = move || {
        devices.update_value(|d| d.stop());
        if let Some(v) = video.get_untracked() {
            // The stream the video shows, too: whatever started it, the camera goes off.
            if let Some(s) = v.src_object() {
                stop_stream(&s);
            }
            v.set_src_object(None);
        }
        camera.set(Camera::Off);
    };
    let on = move || camera.get() == Camera::On;

    view! {
        <section class="card scan">
            <h2>"扫码收集"</h2>
            <p class="muted">"学员在成绩页点“交给老师”，把手机上的二维码对准这台电脑的摄像头；有几张码就依次展示，顺序不限。读完一名学员会响一声，并加入成绩表。画面只在这台电脑上处理，不会上传。"</p>
            <div class="actions scan-actions">
                {move || if on() || camera.get() == Camera::Starting {
                    view! { <button type="button" class="btn secondary" on:click=move |_| stop()>"停止摄像头"</button> }.into_any()
                } else {
                    view! { <button type="button" class="btn primary" on:click=move |_| start()>"打开摄像头"</button> }.into_any()
                }}
                <label class="scan-facing">"摄像头："
                    <select prop:value=move || facing.get() on:change=move |ev| {
                        facing.set(event_target_value(&ev));
                        if camera.get_untracked() == Camera::On { start(); }
                    }>
                        <option value="environment">"后置（手机、平板）"</option>
                        <option value="user">"前置（笔记本电脑）"</option>
                    </select>
                </label>
            </div>
            {move || match camera.get() {
                Camera::Refused(m) => Some(view! { <p class="banner warn" role="alert">{m}</p> }.into_any()),
                Camera::Starting => Some(view! { <p class="muted">"正在打开摄像头……如果浏览器询问，请点“允许”。"</p> }.into_any()),
                _ => None,
            }}
            {move || app.library().is_none().then(|| view! { <p class="loading">"正在加载题库……题库加载完才能读码。"</p> })}
            <div class="scan-view" class:flash=move || flash.get() hidden=move || !on() data-decode-ms=move || decode_ms.get()>
                <video node_ref=video autoplay muted playsinline aria-label="摄像头画面"></video>
            </div>
            <p class="scan-status" role="status">{move || session.with(|s| s.status.clone()).unwrap_or_else(|| {
                if on() { "请把学员手机上的二维码对准摄像头".into() } else { String::new() }
            })}</p>
            {move || session.with(|s| {
                (!s.attempts.is_empty()).then(|| view! {
                    <ul class="scan-list">
                        {s.attempts.iter().rev().map(|p| {
                            let done = matches!(p.stage, Stage::Added);
                            let bad = matches!(p.stage, Stage::Failed(_));
                            view! { <li class:done=done class:bad=bad>{p.line()}</li> }
                        }).collect_view()}
                    </ul>
                })
            })}
            <p class="desk-count">{move || session.with(|s| format!("本次扫码加入 {} 名学员", s.added()))}</p>
        </section>
    }
}

fn performance_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn make_canvas() -> Option<(HtmlCanvasElement, CanvasRenderingContext2d)> {
    let doc = web_sys::window()?.document()?;
    let canvas: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    // Read back every picture: a context kept in memory for that.
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"willReadFrequently".into(), &JsValue::TRUE).ok()?;
    let ctx = canvas
        .get_context_with_context_options("2d", &opts)
        .ok()??
        .dyn_into()
        .ok()?;
    Some((canvas, ctx))
}

/// Asks for the camera (`facing`: "environment" or "user", a preference, not a must); the
/// refusal in words the trainer can act on.
async fn open_camera(facing: &str) -> Result<MediaStream, String> {
    let window = web_sys::window().ok_or("此浏览器不能使用摄像头")?;
    let nav = window.navigator();
    let devices = js_sys::Reflect::get(&nav, &"mediaDevices".into()).unwrap_or(JsValue::UNDEFINED);
    if devices.is_undefined() || devices.is_null() {
        return Err("此浏览器不能使用摄像头（摄像头只在 https 网址或本机地址上可用）。可以改用成绩文件或成绩码收集。".into());
    }
    let devices: web_sys::MediaDevices = devices.unchecked_into();
    let video = js_sys::Object::new();
    let ideal = |v: JsValue| {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"ideal".into(), &v);
        o
    };
    let _ = js_sys::Reflect::set(&video, &"facingMode".into(), &ideal(facing.into()));
    let _ = js_sys::Reflect::set(&video, &"width".into(), &ideal(1280.into()));
    let _ = js_sys::Reflect::set(&video, &"height".into(), &ideal(720.into()));
    let c = MediaStreamConstraints::new();
    c.set_video(&video);
    c.set_audio(&JsValue::FALSE);
    let promise = devices
        .get_user_media_with_constraints(&c)
        .map_err(|e| refusal(&e))?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|s| s.unchecked_into())
        .map_err(|e| refusal(&e))
}

fn refusal(e: &JsValue) -> String {
    let name = e
        .dyn_ref::<web_sys::DomException>()
        .map(|d| d.name())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => "没有得到使用摄像头的许可。请点地址栏里的摄像头图标，允许本网站使用摄像头，再点“打开摄像头”。".into(),
        "NotFoundError" | "OverconstrainedError" => "这台电脑没有找到摄像头。请接上摄像头后再试，或改用成绩文件收集。".into(),
        "NotReadableError" | "AbortError" => "摄像头正被其他程序使用（例如视频会议），请关掉那个程序后再试。".into(),
        _ => format!("摄像头没有打开（{}）。可以再试一次，或改用成绩文件收集。", if name.is_empty() { "未知原因".to_string() } else { name }),
    }
}

/// A short high beep: a trainee's codes are all read.
fn beep(ctx: &AudioContext) -> Option<()> {
    let osc = ctx.create_oscillator().ok()?;
    let gain = ctx.create_gain().ok()?;
    osc.frequency().set_value(1046.0);
    gain.gain().set_value(0.15);
    osc.connect_with_audio_node(&gain).ok()?;
    gain.connect_with_audio_node(&ctx.destination()).ok()?;
    let t = ctx.current_time();
    osc.start().ok()?;
    osc.stop_with_when(t + 0.18).ok()
}

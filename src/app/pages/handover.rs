//! Results to the trainer without a file (issue 23), the trainee's side: 交给老师 shows the
//! attempt as QR codes for the desk's webcam, one at a time, cycling; 发送给老师 opens the
//! share sheet with the export's files; 复制成绩码 copies the one-line text code. And the way
//! back: a trainer's comment link (`#/comments/<code>`) opened on the trainee's phone stores
//! the marks as an imported trainer's file does and opens the result page.

use crate::app::components::copy_text::CopyText;
use crate::app::components::qr::QrSvg;
use crate::app::export::{share_or_download, Sent};
use crate::app::json::BrowserJson;
use crate::app::route::{replace, Route};
use crate::app::state::{AppState, CourseLoad};
use crate::engine::attempt::attempt::AttemptRecord;
use crate::engine::attempt::handover::code::code_of;
use crate::engine::attempt::handover::qr::frame_qr;
use crate::engine::attempt::handover::{encode, frames};
use crate::engine::trainer::cohort::Cohort;
use crate::engine::trainer::comment_link::read_comment_code;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use std::time::Duration;

/// How long each code stays on screen while cycling: a webcam decoder reads a code in well
/// under a second; the rest is for the hand to settle.
const CYCLE_MS: u64 = 2_500;

/// The attempt's payload: its course bank names the questions by their place (a few bytes
/// each) and a typing test's text by its passages; a local file's or the wrong-answer book's
/// bank is not on the desk's site, so those attempts write every question out.
fn payload(state: &AppState, r: &AttemptRecord) -> Vec<u8> {
    let lib = state.library();
    encode(r, &lib.as_deref())
}

/// The text code of an attempt (复制成绩码).
pub fn text_code(state: &AppState, r: &AttemptRecord) -> String {
    code_of(&payload(state, r))
}

#[component]
pub fn HandoverPage(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let back = Route::Result(id.clone()).href();
    move || {
        let loading = matches!(state.course.get(), CourseLoad::Loading);
        let Some(r) = state.attempt(&id) else {
            return view! {
                <section class="card"><h1>"找不到这条成绩"</h1><a class="btn secondary" href="#/history">"查看成绩记录"</a></section>
            }
            .into_any();
        };
        if !r.is_submitted() {
            return view! {
                <section class="card"><h1>"这次考试还没有交卷"</h1>
                <a class="btn primary" href=Route::Attempt(r.id.clone()).href()>"继续作答"</a></section>
            }
            .into_any();
        }
        if loading {
            return view! { <section class="card"><p class="loading">"正在准备成绩码……"</p></section> }.into_any();
        }
        let p = payload(&state, &r);
        let body = match (frames(&p), code_of(&p)) {
            (Some(frames), code) => view! {
                <FrameCycler frames/>
                <p class="muted small">"没有摄像头时，也可以复制成绩码，在聊天里发给老师："</p>
                <CopyText label="复制成绩码" what="成绩码" class="handover-text-code"
                    text=Callback::new(move |_| Ok(code.clone()))/>
            }
            .into_any(),
            (None, _) => view! { <p class="error">"这次成绩太大，无法生成二维码，请用“发送给老师”发送结果文件。"</p> }.into_any(),
        };
        view! {
            <section class="card handover">
                <p><a href=back.clone()>"← 返回成绩"</a></p>
                <h1>"交给老师"</h1>
                <p class="muted">{format!("{} · {} {}", r.bank.title, r.trainee.name, r.trainee.employee_no)}</p>
                <p>"把屏幕对着老师电脑的摄像头，距离约一臂，调高屏幕亮度。有几张码时会自动轮换，老师那边读全后会提示。"</p>
                {body}
            </section>
        }
        .into_any()
    }
}

/// The frames as QR codes, one at a time: 上一张/下一张, and an automatic cycle that stepping
/// by hand pauses.
#[component]
fn FrameCycler(frames: Vec<String>) -> impl IntoView {
    let n = frames.len();
    let images: Vec<_> = frames.iter().map(|f| frame_qr(f)).collect();
    let at = RwSignal::new(0usize);
    let playing = RwSignal::new(n > 1);
    if n > 1 {
        if let Ok(handle) = set_interval_with_handle(
            move || {
                if !at.is_disposed() && playing.get_untracked() {
                    at.update(|i| *i = (*i + 1) % n);
                }
            },
            Duration::from_millis(CYCLE_MS),
        ) {
            on_cleanup(move || handle.clear());
        }
    }
    let step = move |by: usize| {
        playing.set(false);
        at.update(|i| *i = (*i + by) % n);
    };
    // The code and its buttons brought fully into view once drawn: the screen is for them.
    let shown = NodeRef::<leptos::html::Div>::new();
    set_timeout(
        move || {
            if let Some(el) = shown.try_get_untracked().flatten() {
                el.scroll_into_view_with_bool(false);
            }
        },
        Duration::ZERO,
    );
    view! {
        <div class="handover-show" node_ref=shown>
        <figure class="handover-frame">
            {move || {
                let i = at.get();
                match images[i].clone() {
                    Some(image) => view! {
                        <QrSvg image class="handover-code" label=format!("成绩码 第 {}/{} 张", i + 1, n)
                            frame=i + 1 total=n text=frames[i].clone()/>
                    }.into_any(),
                    None => view! { <p class="error">"这张码无法生成，请用“复制成绩码”或“发送给老师”。"</p> }.into_any(),
                }
            }}
            <figcaption class="handover-count">{move || format!("第 {}/{} 张", at.get() + 1, n)}</figcaption>
        </figure>
        {(n > 1).then(|| view! {
            <div class="actions handover-steps">
                <button type="button" class="btn secondary" on:click=move |_| step(n - 1)>"上一张"</button>
                <button type="button" class="btn ghost" aria-pressed=move || (!playing.get()).to_string()
                    on:click=move |_| playing.update(|p| *p = !*p)>
                    {move || if playing.get() { "暂停轮换" } else { "自动轮换" }}
                </button>
                <button type="button" class="btn secondary" on:click=move |_| step(1)>"下一张"</button>
            </div>
        })}
        </div>
    }
}

/// The result page's and history's way to the trainer: 交给老师 (codes), 发送给老师 (share
/// sheet or download), 复制成绩码.
#[component]
pub fn SendToTrainer(record: AttemptRecord) -> impl IntoView {
    let state = expect_context::<AppState>();
    let message = RwSignal::new(None::<(bool, String)>);
    let r1 = record.clone();
    let send = move |_| {
        let r = r1.clone();
        spawn_local_scoped_with_cancellation(async move {
            message.set(Some(match share_or_download(std::slice::from_ref(&r)).await {
                Ok(Sent::Shared) => (true, "已打开分享：选择聊天或邮件发给老师即可。".into()),
                Ok(Sent::Cancelled) => (true, "已取消分享。".into()),
                Ok(Sent::Downloaded) => (
                    true,
                    "这个浏览器不能直接分享文件，已下载结果文件（JSON），请在聊天里把它发给老师。".into(),
                ),
                Err(e) => (false, e),
            }));
        });
    };
    let r2 = record.clone();
    view! {
        <div class="send-trainer no-print">
            <h2>"交给培训老师"</h2>
            <div class="actions">
                <a class="btn primary" href=Route::Handover(record.id.clone()).href()>"交给老师（扫码）"</a>
                <button type="button" class="btn secondary send-share" on:click=send>"发送给老师"</button>
            </div>
            <CopyText label="复制成绩码" what="成绩码" class="result-text-code"
                text=Callback::new(move |_| Ok(text_code(&state, &r2)))/>
            {move || message.get().map(|(ok, m)| view! {
                <p class=if ok { "banner info" } else { "error" } role="status">{m}</p>
            })}
        </div>
    }
}

/// A trainer's comment link opened on the trainee's phone: the marks join the stored
/// feedback (as 成绩记录's import of a trainer's file does) and the result page opens.
#[component]
pub fn CommentsPage(code: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let outcome = read_comment_code(&code).and_then(|link| {
        let Some(r) = state.attempt(&link.attempt_id) else {
            return Err(
                "这台设备上没有这次考试的记录。请在参加考试的手机浏览器里打开老师发来的链接。"
                    .into(),
            );
        };
        let marks = link.marks(&r)?;
        let mut kept = crate::app::storage::load_feedback()
            .and_then(|t| Cohort::read::<BrowserJson>(&t).ok())
            .unwrap_or_default();
        kept.attempts.clear();
        kept.marks.merge(marks);
        state.note(crate::app::storage::save_feedback(
            &kept.write::<BrowserJson>(crate::app::clock::now()),
        ));
        Ok(r.id)
    });
    match outcome {
        Ok(id) => {
            // After this screen is drawn: replacing the route while it is being built would
            // rebuild the router inside itself.
            set_timeout(move || replace(&Route::Result(id)), Duration::ZERO);
            view! { <section class="card"><p class="loading">"正在打开老师的批改……"</p></section> }
                .into_any()
        }
        Err(e) => view! {
            <section class="card">
                <h1>"无法显示老师的批改"</h1>
                <p class="error" role="alert">{e}</p>
                <a class="btn secondary" href="#/history">"查看成绩记录"</a>
            </section>
        }
        .into_any(),
    }
}

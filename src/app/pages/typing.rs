//! The typing test: its start screen and the test itself.
//!
//! Only committed text counts. While a Chinese input method composes (pinyin letters, the
//! candidate under selection) the box holds text that is not typed yet, so the page reads the
//! box only when no composition is open: on `compositionend`, and on `input` events that are
//! not `isComposing`. Browser differences handled:
//! - Safari ends the composition before the keydown that confirmed it: nothing here acts on
//!   keys (Enter included), only on the text, so that late keydown changes nothing;
//! - Android Gboard composes almost everything, Latin words included, and sends key code 229:
//!   the text is compared after each commit, never key presses counted;
//! - iOS pinyin puts U+2006 between syllables while composing: a value holding it is treated
//!   as still composing, and the character never enters the typed text.
//!
//! Pasting is refused and counted (`paste_refused` in the record): pasted text is not typing.

use crate::app::attempt_clock::PageClock;
use crate::app::clock::{new_seed, now};
use crate::app::components::confirm::ConfirmDialog;
use crate::app::components::problems::Problems;
use crate::app::components::trainee_form::TraineeForm;
use crate::app::components::typing_text::aligned_view;
use crate::app::fetch::fetch_text;
use crate::app::route::{go, Route};
use crate::app::state::{AppState, CourseLoad};
use crate::engine::attempt::attempt::{AttemptRecord, Mode};
use crate::engine::attempt::typing::{close, close_if_expired, commit};
use crate::engine::attempt::watch;
use crate::engine::text::diagnostics::{Diagnostic, Severity};
use crate::engine::time::timing::{clock, remaining_ms};
use crate::engine::typing::bank::{parse_typing_bank, TypingBank};
use crate::engine::typing::typing::{
    clean_committed, fmt1, looks_composing, CommitError, TypingEnd,
};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

type Loaded = Result<(Arc<TypingBank>, Vec<Diagnostic>), String>;

/// Only a relative `.md` path of the same site is fetched for a direct link.
fn fetchable(path: &str) -> bool {
    path.ends_with(".md") && !path.contains("://") && !path.starts_with('/') && !path.contains("..")
}

#[component]
pub fn TypingStartPage(path: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    // A typing bank the course does not link (a direct link from a trainer) is fetched alone.
    let fetched = RwSignal::new(None::<Loaded>);
    let p = path.clone();
    Effect::new(move |_| {
        match state.course.get() {
            CourseLoad::Loading => return,
            CourseLoad::Loaded(lib) if lib.typing.contains_key(&p) => return,
            // Not in the course, or the course failed to load: try the file itself.
            _ => {}
        }
        if fetched.get_untracked().is_some() {
            return;
        }
        if !fetchable(&p) {
            fetched.set(Some(Err(format!("“{p}”不是本站的题库文件"))));
            return;
        }
        let p = p.clone();
        spawn_local_scoped_with_cancellation(async move {
            let r = match fetch_text(&p).await {
                Ok(Some(text)) => {
                    let (b, d) = parse_typing_bank(&p, &text);
                    Ok((Arc::new(b), d))
                }
                Ok(None) => Err(format!("找不到打字题库“{p}”")),
                Err(e) => Err(e),
            };
            fetched.set(Some(r));
        });
    });
    move || {
        let from_course = state.library().and_then(|l| {
            let b = l.typing.get(&path)?;
            Some((
                Arc::new(b.clone()),
                l.diagnostics_for(&path).cloned().collect(),
            ))
        });
        match from_course.map(Ok).or_else(|| fetched.get()) {
            Some(Ok((bank, diags))) => {
                view! { <TypingStartCard bank=bank diags=diags/> }.into_any()
            }
            Some(Err(e)) => view! {
                <section class="card problems" role="alert">
                    <h1>"无法打开打字测试"</h1>
                    <p>{e}</p>
                    <a class="btn secondary" href="#/">"返回课程"</a>
                </section>
            }
            .into_any(),
            None => view! { <p class="loading" role="status">"正在加载打字测试……"</p> }.into_any(),
        }
    }
}

#[component]
fn TypingStartCard(bank: Arc<TypingBank>, diags: Vec<Diagnostic>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let broken = diags.iter().any(|d| d.severity == Severity::Error);
    let path = bank.path.clone();
    let start = {
        let bank = bank.clone();
        move |mode: Mode| {
            let Some(trainee) = state.trainee.get_untracked() else {
                return;
            };
            let record = bank.start(mode, trainee, new_seed(), now());
            state.save_attempt(&record);
            go(&Route::Attempt(record.id.clone()));
        }
    };
    let start_practice = start.clone();
    let unfinished = move || {
        state.attempts.with(|a| {
            a.iter()
                .rev()
                .find(|r| r.bank.path == path && r.typing.is_some() && !r.is_submitted())
                .map(|r| r.id.clone())
        })
    };
    let targets: Vec<String> = bank
        .targets
        .iter()
        .map(|t| {
            if t.label.is_empty() {
                format!("{} 字/分", t.cpm)
            } else {
                format!("{} 字/分：{}", t.cpm, t.label)
            }
        })
        .collect();
    let minutes = bank.duration / 60;
    view! {
        <section class="card start typing-start">
            <h1>{bank.title.clone()}</h1>
            {(!bank.description.is_empty()).then(|| view! { <p class="muted">{bank.description.clone()}</p> })}
            {bank.intro.iter().map(|p| view! { <p>{p.clone()}</p> }).collect_view()}
            <dl class="facts">
                <div><dt>"时间"</dt><dd>{format!("{minutes} 分钟")}</dd></div>
                <div><dt>"文章"</dt><dd>{format!("{} 段，共 {} 字", bank.passages.len(), bank.total_chars())}</dd></div>
                <div><dt>"准确率要求"</dt><dd>{bank.min_accuracy.map_or("无".to_string(), |a| format!("不低于 {}%", fmt1(a)))}</dd></div>
            </dl>
            <h2 class="small-head">"速度目标"</h2>
            <ul class="typing-targets">{targets.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            {move || state.trainee.get().is_none().then(|| view! {
                <p class="muted">"开始前请先填写学员信息："</p>
                <TraineeForm/>
            })}
            <div class="actions">
                {move || {
                    let start = start.clone();
                    let start_practice = start_practice.clone();
                    if broken {
                        return view! { <p class="error">"这个打字题库有错误，暂时不能测试。"</p> }.into_any();
                    }
                    if let Some(id) = unfinished() {
                        return view! { <a class="btn primary" href=Route::Attempt(id).href()>"继续未完成的测试"</a> }.into_any();
                    }
                    let no_trainee = state.trainee.get().is_none();
                    view! {
                        <button type="button" class="btn primary" disabled=no_trainee
                            on:click=move |_| start(Mode::Exam)>{format!("开始测试（{minutes} 分钟）")}</button>
                        <button type="button" class="btn secondary" disabled=no_trainee
                            on:click=move |_| start_practice(Mode::Practice)>"练习模式（不限时）"</button>
                    }.into_any()
                }}
            </div>
            <p class="muted small">"计时从你输入第一个字开始，到时间或打完全文结束。用拼音输入法时，选字上屏后才计数。测试中不能粘贴。"</p>
        </section>
        <Problems diags=diags title="题库有错误"/>
    }
}

/// The record is saved at least this often (attempt time) while the page is open, keeping the
/// attempt's clock (`clock.seen`) fresh for a reload, as the exam page does.
const SAVE_EVERY_MS: i64 = 10_000;

/// The test in progress. The record is saved after every commit, so a reload resumes with
/// everything typed so far (and the clock, which kept running, as in an exam).
///
/// Every time here is the attempt's own (`engine::time::exam_clock`, read as the exam page
/// reads it): a device clock set back during the test gains no time; one set forward counts as
/// time passed, as in an exam (so it can only lower the speed, and past the deadline ends the
/// test there). Either jump goes to the attempt's event log.
#[component]
pub fn TypingRun(record: AttemptRecord) -> impl IntoView {
    let state = expect_context::<AppState>();
    let mut record = record;
    let (page_clock, opened_at) =
        PageClock::open(&mut record, |r, wall| watch::read_clock(r, wall, None));
    let id = record.id.clone();
    let practice = record.mode == Mode::Practice;
    let title = record.bank.title.clone();
    let (text, initial) = record
        .typing
        .as_ref()
        .map(|t| (t.text.clone(), t.typed.clone()))
        .unwrap_or_default();
    let total = text.chars().count();
    let rec = RwSignal::new(record);
    let clock_now = RwSignal::new(opened_at);
    let composing = RwSignal::new(false);
    let paste_note = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let area = NodeRef::<leptos::html::Textarea>::new();
    let scroller = NodeRef::<leptos::html::Div>::new();
    let saved_at = StoredValue::new(opened_at);
    let save = move || {
        let r = rec.get_untracked();
        saved_at.set_value(r.clock.seen);
        state.save_attempt(&r);
    };
    // The attempt's time now; a clock jump is saved with the record at once.
    let read = move || {
        let before = rec.with_untracked(|r| r.events.len());
        let mut t = 0;
        rec.update_untracked(|r| t = page_clock.read(r));
        if rec.with_untracked(|r| r.events.len()) != before
            || t - saved_at.get_value() >= SAVE_EVERY_MS
        {
            save();
        }
        t
    };
    save();

    let to_result = {
        let id = id.clone();
        move || go(&Route::Result(id.clone()))
    };
    let end = {
        let to_result = to_result.clone();
        Callback::new(move |how: TypingEnd| {
            if rec.with_untracked(|r| r.is_submitted()) {
                return;
            }
            let t = read();
            rec.update(|r| close(r, t, how));
            save();
            to_result();
        })
    };

    // The clock ticks to redraw and to end the test on time; the elapsed time itself comes
    // from the stored first input. A tick can still come once the page is taken down (the
    // result opened): reading the record then would abort the app.
    let tick = move || {
        if !rec.is_disposed() {
            clock_now.set(read());
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(250)) {
        on_cleanup(move || handle.clear());
    }
    Effect::new(move |_| {
        let t = clock_now.get();
        if rec.with_untracked(|r| r.typing.as_ref().is_some_and(|ty| ty.needs_timeout(t))) {
            end.run(TypingEnd::TimeUp);
        }
    });
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if rec.is_disposed() {
            return;
        }
        clock_now.set(read());
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        if hidden && !practice && !rec.with_untracked(|r| r.is_submitted()) {
            rec.update(|r| r.focus_lost += 1);
            save();
        }
    });
    on_cleanup(move || visibility.remove());

    let begin = move || {
        let started =
            rec.with_untracked(|r| r.typing.as_ref().is_some_and(|t| t.began_at.is_some()));
        if !started {
            let at = read();
            rec.update(|r| {
                if let Some(t) = r.typing.as_mut() {
                    t.begin(at);
                }
            });
            save();
        }
    };

    // Reads the box and takes its text as committed, unless a composition is open.
    let sync = {
        let to_result = to_result.clone();
        move || {
            // The box blurs as the page is taken down: nothing to read then.
            let Some(in_ime) = composing.try_get_untracked() else {
                return;
            };
            let Some(el) = area.get_untracked() else {
                return;
            };
            let value = el.value();
            if in_ime || looks_composing(&value) {
                return;
            }
            let cleaned = clean_committed(&value);
            if cleaned != value {
                el.set_value(&cleaned);
            }
            let t = read();
            match rec.try_update(|r| commit(r, &cleaned, t)) {
                Some(Ok(true)) => {
                    save();
                    to_result();
                }
                Some(Ok(false)) => save(),
                Some(Err(CommitError::Expired)) => end.run(TypingEnd::TimeUp),
                _ => {}
            }
        }
    };
    let sync_input = sync.clone();
    let sync_end = sync.clone();
    let sync_blur = sync.clone();

    let refuse_paste = move || {
        paste_note.set(true);
        rec.update(|r| {
            if let Some(t) = r.typing.as_mut() {
                t.paste_refused += 1;
            }
        });
        save();
    };

    // Keep the cursor's line in view as the text grows.
    Effect::new(move |_| {
        rec.track();
        let Some(box_el) = scroller.get() else { return };
        let el: &web_sys::HtmlElement = &box_el;
        if let Some(cursor) = el
            .query_selector(".cursor")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let target = cursor.offset_top() - el.offset_top() - el.client_height() / 3;
            el.set_scroll_top(target.max(0));
        }
    });
    Effect::new(move |_| {
        if let Some(el) = area.get() {
            let _ = el.focus();
        }
    });

    let stats = move || {
        let t = clock_now.get();
        rec.with(|r| {
            r.typing
                .as_ref()
                .map(|ty| (ty.measure(t), ty.typed.chars().count()))
        })
    };
    let time_text = move || {
        let t = clock_now.get();
        rec.with(|r| {
            let Some(ty) = r.typing.as_ref() else {
                return String::new();
            };
            match (ty.duration_s, ty.deadline()) {
                (_, Some(d)) => format!("剩余 {}", clock(remaining_ms(d, t))),
                (Some(s), None) => format!("剩余 {}", clock(i64::from(s) * 1000)),
                (None, _) => format!("用时 {}", clock(ty.elapsed_ms(t))),
            }
        })
    };
    let started = move || rec.with(|r| r.typing.as_ref().is_some_and(|t| t.began_at.is_some()));
    let aligned = {
        let text = text.clone();
        move || {
            rec.with(|r| {
                aligned_view(
                    &text,
                    r.typing.as_ref().map_or("", |t| t.typed.as_str()),
                    true,
                )
            })
        }
    };

    view! {
        <div class="attempt typing-run">
            <div class="attempt-bar">
                <div class="attempt-title">
                    <span class="badge">{if practice { "打字练习" } else { "打字测试" }}</span>
                    <span>{title}</span>
                </div>
                <div class="countdown typing-clock" role="timer" aria-label="时间">{time_text}</div>
                <button type="button" class="btn primary small" on:click=move |_| confirming.set(true)>"结束"</button>
            </div>
            <section class="card typing-card">
                <div class="typing-stats">
                    {move || stats().map(|(m, typed)| view! {
                        // A speed over the first seconds says nothing yet.
                        <span>"速度 "<strong class="live-speed">{if m.elapsed_ms >= 5_000 { fmt1(m.net_cpm) } else { "—".to_string() }}</strong>" 字/分"</span>
                        <span>"准确率 "<strong class="live-accuracy">{format!("{}%", fmt1(m.accuracy))}</strong></span>
                        <span>"已打 "<strong class="live-count">{typed}</strong>{format!(" / {total} 字")}</span>
                    })}
                </div>
                <div class="typing-scroll" node_ref=scroller>{aligned}</div>
                <label for="typing-input" class="typing-label">"在下面输入上面的文字（用你平时的输入法）"</label>
                <textarea id="typing-input" class="typing-input" node_ref=area rows="3" lang="zh-CN"
                    autocomplete="off" autocapitalize="off" spellcheck="false"
                    on:compositionstart=move |_| { composing.set(true); begin(); }
                    on:compositionend=move |_| { composing.set(false); sync_end(); }
                    on:input=move |ev| {
                        let in_ime = ev.dyn_ref::<web_sys::InputEvent>().is_some_and(|e| e.is_composing());
                        if !in_ime { sync_input(); }
                    }
                    on:beforeinput=move |ev| {
                        let kind = ev.input_type();
                        // A line break is not part of a passage (phones send one to confirm a
                        // choice), and pasted or dropped text is not typing.
                        if matches!(kind.as_str(), "insertLineBreak" | "insertParagraph" | "insertFromDrop")
                            || kind.starts_with("insertFromPaste")
                        {
                            ev.prevent_default();
                        }
                    }
                    on:paste=move |ev| { ev.prevent_default(); refuse_paste(); }
                    on:drop=move |ev| { ev.prevent_default(); refuse_paste(); }
                    on:blur=move |_| { if composing.try_set(false).is_none() { sync_blur(); } }
                >{initial}</textarea>
                <p class="muted small typing-hint" aria-live="polite">{move || {
                    if composing.get() {
                        "输入法选字中：上屏后才计数"
                    } else if !started() {
                        "计时从你输入第一个字开始"
                    } else {
                        ""
                    }
                }}</p>
                {move || paste_note.get().then(|| view! {
                    <p class="banner warn" role="alert">"测试中不能粘贴：只计算你亲手输入的文字（已记录这次粘贴）。"</p>
                })}
            </section>
            <Show when=move || confirming.get()>
                <ConfirmDialog
                    title="结束打字测试？".to_string()
                    cancel_label="继续打字"
                    confirm_label="结束并查看结果"
                    tone="primary"
                    on_cancel=Callback::new(move |_| confirming.set(false))
                    on_confirm=Callback::new(move |_| { confirming.set(false); end.run(TypingEnd::Stopped); })>
                    <p>"按已经上屏的文字计算速度和准确率。"</p>
                </ConfirmDialog>
            </Show>
        </div>
    }
}

/// The attempt route for a typing record: the test, or its result once it has ended.
pub fn typing_attempt(record: AttemptRecord) -> AnyView {
    if record.is_submitted() {
        go(&Route::Result(record.id.clone()));
        return view! { <p class="loading">"测试已结束，正在打开成绩……"</p> }.into_any();
    }
    view! { <TypingRun record=record/> }.into_any()
}

/// Typing tests whose time ran out while the app was closed are closed at their deadline, so
/// home and history show their results. `now` is the device clock; each test is judged on its
/// own clock.
pub fn close_expired(state: &AppState, now: i64) {
    let expired: Vec<AttemptRecord> = state.attempts.with_untracked(|a| {
        a.iter()
            .filter(|r| r.typing.is_some() && !r.is_submitted())
            .cloned()
            .collect()
    });
    for mut r in expired {
        if close_if_expired(&mut r, now) {
            state.save_attempt(&r);
        }
    }
}

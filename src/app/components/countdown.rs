//! The always-visible countdown. Computed from the stored deadline and the clock; screen
//! readers hear only the 5-minute and 1-minute warnings, not every second.

use crate::engine::time::timing::{clock, remaining_ms, warning, TimeWarning};
use leptos::prelude::*;

#[component]
pub fn Countdown(deadline: i64, now: Signal<i64>) -> impl IntoView {
    let remaining = move || remaining_ms(deadline, now.get());
    let level = move || warning(remaining());
    let announcement = move || match level() {
        TimeWarning::FiveMinutes => "距离交卷还剩 5 分钟",
        TimeWarning::OneMinute => "距离交卷还剩 1 分钟，请尽快检查答案",
        TimeWarning::Expired => "时间到，正在自动交卷",
        TimeWarning::None => "",
    };
    view! {
        <div class="countdown" role="timer" aria-label="剩余时间"
            class:warn=move || level() == TimeWarning::FiveMinutes
            class:urgent=move || matches!(level(), TimeWarning::OneMinute | TimeWarning::Expired)>
            <svg class="clock-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                <circle cx="12" cy="13" r="8" fill="none" stroke="currentColor" stroke-width="2"/>
                <path d="M12 9v4l3 2M9 2h6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
            </svg>
            <span class="countdown-time" aria-hidden="true">{move || clock(remaining())}</span>
        </div>
        <p class="visually-hidden" aria-live="assertive">{announcement}</p>
        <Show when=move || matches!(level(), TimeWarning::FiveMinutes | TimeWarning::OneMinute)>
            <div class="time-toast" role="status">{announcement}</div>
        </Show>
    }
}

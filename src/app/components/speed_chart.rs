//! Typing speed (字/分) over the weekly tests, as a small SVG line chart with the targets.

use crate::engine::typing::fmt1;
use leptos::prelude::*;

#[derive(Clone)]
pub struct SpeedPoint {
    pub cpm: f64,
    /// The date, shown under the first and last points.
    pub day: String,
    pub label: String,
}

#[component]
pub fn SpeedChart(points: Vec<SpeedPoint>, targets: Vec<u32>) -> impl IntoView {
    const W: f64 = 320.0;
    const H: f64 = 160.0;
    const PAD: f64 = 28.0;
    let n = points.len();
    let top = points
        .iter()
        .map(|p| p.cpm)
        .chain(targets.iter().map(|&t| f64::from(t)))
        .fold(100.0f64, f64::max)
        * 1.15;
    let x = move |i: usize| {
        if n <= 1 {
            W / 2.0
        } else {
            PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64
        }
    };
    let y = move |v: f64| H - PAD - (H - 2.0 * PAD) * v.clamp(0.0, top) / top;
    let line: String = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.cpm)))
        .collect::<Vec<_>>()
        .join(" ");
    let lowest = targets.iter().copied().min().map_or(0.0, f64::from);
    let summary = format!(
        "共 {n} 次打字测试，最近一次 {} 字/分",
        points.last().map_or("0".into(), |p| fmt1(p.cpm))
    );
    let first_day = points.first().map(|p| p.day.clone()).unwrap_or_default();
    let last_day = points.last().map(|p| p.day.clone()).unwrap_or_default();
    view! {
        <figure class="chart speed-chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone()>
                <line x1=PAD y1=y(0.0) x2=W - PAD y2=y(0.0) class="grid"/>
                {targets.iter().map(|&t| view! {
                    <line x1=PAD y1=y(f64::from(t)) x2=W - PAD y2=y(f64::from(t)) class="pass-line"/>
                    <text x=W - PAD + 2.0 y=y(f64::from(t)) + 3.0 class="axis">{t.to_string()}</text>
                }).collect_view()}
                <text x=8 y=y(0.0) + 4.0 class="axis">"0"</text>
                <polyline points=line class="score-line"/>
                {points.iter().enumerate().map(|(i, p)| view! {
                    <circle cx=x(i) cy=y(p.cpm) r=4 class:fail=p.cpm < lowest class="dot">
                        <title>{format!("{}：{} 字/分", p.label, fmt1(p.cpm))}</title>
                    </circle>
                }).collect_view()}
                <text x=PAD y=H - 6.0 class="axis">{first_day}</text>
                {(n > 1).then(|| view! { <text x=W - PAD y=H - 6.0 class="axis" text-anchor="end">{last_day}</text> })}
            </svg>
            <figcaption class="muted">{summary}</figcaption>
        </figure>
    }
}

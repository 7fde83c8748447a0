//! Typing speed (字/分) over the weekly tests, as a small SVG line chart with the targets.

use crate::app::components::line_chart::{Dot, LineChart};
use crate::engine::attempt::line_scale::LineScale;
use crate::engine::typing::typing::fmt1;
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
    let n = points.len();
    // Room above the fastest test and the highest target, and at least 100 字/分 shown.
    let top = points
        .iter()
        .map(|p| p.cpm)
        .chain(targets.iter().map(|&t| f64::from(t)))
        .fold(100.0f64, f64::max)
        * 1.15;
    let s = LineScale::new(320.0, 160.0, 28.0, n, top);
    let (w, h, pad) = (s.w, s.h, s.pad);
    let lowest = targets.iter().copied().min().map_or(0.0, f64::from);
    let summary = format!(
        "共 {n} 次打字测试，最近一次 {} 字/分",
        points.last().map_or("0".into(), |p| fmt1(p.cpm))
    );
    let first_day = points.first().map(|p| p.day.clone()).unwrap_or_default();
    let last_day = points.last().map(|p| p.day.clone()).unwrap_or_default();
    let dots = points
        .iter()
        .map(|p| Dot {
            value: p.cpm,
            fail: p.cpm < lowest,
            title: format!("{}：{} 字/分", p.label, fmt1(p.cpm)),
        })
        .collect();
    view! {
        <LineChart scale=s dots=dots class="chart speed-chart" summary=summary>
            <line x1=pad y1=s.y(0.0) x2=w - pad y2=s.y(0.0) class="grid"/>
            {targets.iter().map(|&t| view! {
                <line x1=pad y1=s.y(f64::from(t)) x2=w - pad y2=s.y(f64::from(t)) class="pass-line"/>
                <text x=w - pad + 2.0 y=s.y(f64::from(t)) + 3.0 class="axis">{t.to_string()}</text>
            }).collect_view()}
            <text x=8 y=s.y(0.0) + 4.0 class="axis">"0"</text>
            // The dates sit below the lowest dot, so drawing them before the line changes nothing.
            <text x=pad y=h - 6.0 class="axis">{first_day}</text>
            {(n > 1).then(|| view! { <text x=w - pad y=h - 6.0 class="axis" text-anchor="end">{last_day}</text> })}
        </LineChart>
    }
}

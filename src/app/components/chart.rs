//! Scores over time as a small SVG line chart with the pass mark.

use crate::engine::question::numeric::fmt_num;
use leptos::prelude::*;

#[derive(Clone)]
pub struct Point {
    pub percent: f64,
    pub pass: f64,
    pub label: String,
}

#[component]
pub fn ScoreChart(points: Vec<Point>) -> impl IntoView {
    const W: f64 = 320.0;
    const H: f64 = 140.0;
    const PAD: f64 = 24.0;
    let n = points.len();
    let x = move |i: usize| {
        if n <= 1 {
            W / 2.0
        } else {
            PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64
        }
    };
    let y = |p: f64| H - PAD - (H - 2.0 * PAD) * p.clamp(0.0, 100.0) / 100.0;
    let line: String = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.percent)))
        .collect::<Vec<_>>()
        .join(" ");
    let pass = points.last().map_or(60.0, |p| p.pass);
    let summary = format!(
        "共 {n} 次成绩，最近一次 {}%",
        points.last().map_or("0".into(), |p| fmt_num(p.percent))
    );
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone()>
                <line x1=PAD y1=y(100.0) x2=W - PAD y2=y(100.0) class="grid"/>
                <line x1=PAD y1=y(0.0) x2=W - PAD y2=y(0.0) class="grid"/>
                <line x1=PAD y1=y(pass) x2=W - PAD y2=y(pass) class="pass-line"/>
                <text x=2 y=y(100.0) + 4.0 class="axis">"100"</text>
                <text x=8 y=y(0.0) + 4.0 class="axis">"0"</text>
                <text x=W - PAD + 2.0 y=y(pass) + 4.0 class="axis">"及格"</text>
                <polyline points=line class="score-line"/>
                {points.iter().enumerate().map(|(i, p)| view! {
                    <circle cx=x(i) cy=y(p.percent) r=4 class:fail=p.percent < p.pass class="dot">
                        <title>{format!("{}：{}%", p.label, fmt_num(p.percent))}</title>
                    </circle>
                }).collect_view()}
            </svg>
            <figcaption class="muted">{summary}</figcaption>
        </figure>
    }
}

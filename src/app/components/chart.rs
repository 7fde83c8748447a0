//! Scores over time as a small SVG line chart with the pass mark.

use crate::app::components::line_chart::{Dot, LineChart};
use crate::engine::attempt::line_scale::LineScale;
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
    let n = points.len();
    let s = LineScale::new(320.0, 140.0, 24.0, n, 100.0);
    let (w, pad) = (s.w, s.pad);
    let pass = points.last().map_or(60.0, |p| p.pass);
    let summary = format!(
        "共 {n} 次成绩，最近一次 {}%",
        points.last().map_or("0".into(), |p| fmt_num(p.percent))
    );
    let dots = points
        .iter()
        .map(|p| Dot {
            value: p.percent,
            fail: p.percent < p.pass,
            title: format!("{}：{}%", p.label, fmt_num(p.percent)),
        })
        .collect();
    view! {
        <LineChart scale=s dots=dots class="chart" summary=summary>
            <line x1=pad y1=s.y(100.0) x2=w - pad y2=s.y(100.0) class="grid"/>
            <line x1=pad y1=s.y(0.0) x2=w - pad y2=s.y(0.0) class="grid"/>
            <line x1=pad y1=s.y(pass) x2=w - pad y2=s.y(pass) class="pass-line"/>
            <text x=2 y=s.y(100.0) + 4.0 class="axis">"100"</text>
            <text x=8 y=s.y(0.0) + 4.0 class="axis">"0"</text>
            <text x=w - pad + 2.0 y=s.y(pass) + 4.0 class="axis">"及格"</text>
        </LineChart>
    }
}

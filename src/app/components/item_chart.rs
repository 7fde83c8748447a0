//! Item analysis at a glance: each question is a numbered dot placed by its facility (left hard,
//! right easy) and its discrimination (up good, down bad). The shaded zones are where a
//! question needs a look: too hard, too easy, or discriminating negatively.

use crate::engine::trainer::stats::{ItemStats, TOO_EASY, TOO_HARD};
use leptos::prelude::*;

#[component]
pub fn ItemChart(items: Vec<ItemStats>) -> impl IntoView {
    const W: f64 = 360.0;
    const H: f64 = 220.0;
    const L: f64 = 34.0;
    const R: f64 = 10.0;
    const T: f64 = 12.0;
    const B: f64 = 30.0;
    let x = |f: f64| L + (W - L - R) * f.clamp(0.0, 100.0) / 100.0;
    // Discrimination runs −100..100.
    let y = |d: f64| T + (H - T - B) * (100.0 - d.clamp(-100.0, 100.0)) / 200.0;
    let plotted: Vec<(usize, &ItemStats)> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.facility.is_some())
        .collect();
    let mut placed: Vec<(f64, f64)> = Vec::new();
    let flagged = items.iter().filter(|i| !i.flags.is_empty()).count();
    let summary = format!("题目分析图：{} 道题，{} 道需要注意", items.len(), flagged);
    view! {
        <figure class="chart item-chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone()>
                <rect x=x(0.0) y=y(100.0) width=x(TOO_HARD) - x(0.0) height=y(-100.0) - y(100.0) class="zone"/>
                <rect x=x(TOO_EASY) y=y(100.0) width=x(100.0) - x(TOO_EASY) height=y(-100.0) - y(100.0) class="zone"/>
                <rect x=x(0.0) y=y(0.0) width=x(100.0) - x(0.0) height=y(-100.0) - y(0.0) class="zone bad-zone"/>
                <line x1=x(0.0) y1=y(0.0) x2=x(100.0) y2=y(0.0) class="grid"/>
                <line x1=x(0.0) y1=y(100.0) x2=x(0.0) y2=y(-100.0) class="grid"/>
                <line x1=x(0.0) y1=y(30.0) x2=x(100.0) y2=y(30.0) class="pass-line"/>
                <text x=2 y=y(100.0) + 8.0 class="axis">"100"</text>
                <text x=14 y=y(0.0) + 4.0 class="axis">"0"</text>
                <text x=2 y=y(-100.0) class="axis">"-100"</text>
                <text x=x(TOO_HARD) / 2.0 + L / 2.0 y=H - 16.0 class="axis" text-anchor="middle">"太难"</text>
                <text x=(x(TOO_EASY) + x(100.0)) / 2.0 y=H - 16.0 class="axis" text-anchor="middle">"太易"</text>
                <text x=(x(0.0) + x(100.0)) / 2.0 y=H - 4.0 class="axis" text-anchor="middle">"通过率（难易度）0–100% →"</text>
                <text x=x(100.0) - 2.0 y=y(30.0) - 3.0 class="axis" text-anchor="end">"区分度 30（合格）"</text>
                <text x=x(100.0) - 2.0 y=y(-100.0) - 4.0 class="axis" text-anchor="end">"区分度为负：需要检查"</text>
                {plotted.into_iter().map(|(i, it)| {
                    let f = it.facility.unwrap_or(0.0);
                    let d = it.discrimination.unwrap_or(0.0);
                    let bad = !it.flags.is_empty();
                    // Questions at the same spot are stacked, so each number stays readable; a
                    // stack that would leave the plot starts a new column toward the middle.
                    let (mut cx, y0) = (x(f), y(d));
                    let mut cy = y0;
                    let step = if d > 0.0 { 17.0 } else { -17.0 };
                    while placed.iter().any(|&(px, py): &(f64, f64)| (px - cx).abs() < 16.0 && (py - cy).abs() < 16.0) {
                        cy += step;
                        if !(y(100.0) + 8.0..=y(-100.0) - 8.0).contains(&cy) {
                            cy = y0;
                            cx += if f > 50.0 { -17.0 } else { 17.0 };
                        }
                    }
                    placed.push((cx, cy));
                    view! {
                        <g class="item-dot" class:flagged=bad class:unknown=it.discrimination.is_none()>
                            <circle cx=cx cy=cy r=8/>
                            <text x=cx y=cy + 3.5 text-anchor="middle">{(i + 1).to_string()}</text>
                            <title>{format!("第 {} 题：通过率 {:.0}%，区分度 {}", i + 1, f, it.discrimination.map_or("—".into(), |d| format!("{d:.0}")))}</title>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="muted small">{summary}"。横轴：通过率；纵轴：区分度（成绩好的学员是否更常答对）。红色的点需要看一看；空心的点是人人得分相同、算不出区分度的题。"</figcaption>
        </figure>
    }
}

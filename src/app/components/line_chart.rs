//! The small SVG line chart both trend charts use (exam scores, typing speed): the line through
//! the points and a dot per point, over the guides each chart draws itself (its `children`).
//! The geometry is `engine::attempt::line_scale`.

use crate::engine::attempt::line_scale::LineScale;
use leptos::prelude::*;

pub struct Dot {
    pub value: f64,
    /// Drawn in the failing colour (below the pass mark or the lowest target).
    pub fail: bool,
    /// The tooltip.
    pub title: String,
}

#[component]
pub fn LineChart(
    scale: LineScale,
    dots: Vec<Dot>,
    /// The figure's classes.
    class: &'static str,
    /// Read out for the chart and shown under it.
    summary: String,
    children: Children,
) -> impl IntoView {
    let line = scale.polyline(dots.iter().map(|d| d.value));
    view! {
        <figure class=class>
            <svg viewBox=scale.view_box() role="img" aria-label=summary.clone()>
                {children()}
                <polyline points=line class="score-line"/>
                {dots.into_iter().enumerate().map(|(i, d)| view! {
                    <circle cx=scale.x(i) cy=scale.y(d.value) r=4 class:fail=d.fail class="dot">
                        <title>{d.title}</title>
                    </circle>
                }).collect_view()}
            </svg>
            <figcaption class="muted">{summary}</figcaption>
        </figure>
    }
}

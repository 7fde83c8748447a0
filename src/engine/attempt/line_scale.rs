//! The scaling of the small line charts (exam scores, typing speed): a point's index to x, its
//! value to y, and the polyline through the points, in SVG user units. Pure arithmetic, so the
//! charts' geometry is tested natively.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineScale {
    /// The chart's size (the SVG `viewBox`) and the margin inside it for the axis labels.
    pub w: f64,
    pub h: f64,
    pub pad: f64,
    /// How many points, spread evenly from the left margin to the right one.
    n: usize,
    /// The value at the top margin; 0 is at the bottom margin.
    top: f64,
}

impl LineScale {
    pub fn new(w: f64, h: f64, pad: f64, n: usize, top: f64) -> LineScale {
        // A zero or negative top would divide by zero: such a chart is flat at the bottom.
        let top = if top > 0.0 { top } else { 1.0 };
        LineScale { w, h, pad, n, top }
    }

    /// The x of point `i`; a single point sits in the middle.
    pub fn x(&self, i: usize) -> f64 {
        if self.n <= 1 {
            self.w / 2.0
        } else {
            self.pad + (self.w - 2.0 * self.pad) * i as f64 / (self.n - 1) as f64
        }
    }

    /// The y of value `v`, kept between 0 and the top.
    pub fn y(&self, v: f64) -> f64 {
        self.h - self.pad - (self.h - 2.0 * self.pad) * v.clamp(0.0, self.top) / self.top
    }

    /// The SVG `points` of a polyline through `values`, one decimal.
    pub fn polyline(&self, values: impl IntoIterator<Item = f64>) -> String {
        values
            .into_iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", self.x(i), self.y(v)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn view_box(&self) -> String {
        format!("0 0 {} {}", self.w, self.h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_spread_across_the_width_with_100_at_the_top_margin() {
        // The exam score chart: 320 x 140, margin 24, scores 0 to 100.
        let s = LineScale::new(320.0, 140.0, 24.0, 3, 100.0);
        assert_eq!((s.x(0), s.x(1), s.x(2)), (24.0, 160.0, 296.0));
        assert_eq!((s.y(0.0), s.y(50.0), s.y(100.0)), (116.0, 70.0, 24.0));
        assert_eq!(
            s.polyline([40.0, 75.0, 90.0]),
            "24.0,79.2 160.0,47.0 296.0,33.2"
        );
        assert_eq!(s.view_box(), "0 0 320 140");
    }

    #[test]
    fn values_outside_the_range_stay_on_the_chart() {
        let s = LineScale::new(320.0, 140.0, 24.0, 2, 100.0);
        assert_eq!(s.y(120.0), s.y(100.0));
        assert_eq!(s.y(-5.0), s.y(0.0));
    }

    #[test]
    fn a_single_point_sits_in_the_middle_and_no_point_draws_no_line() {
        let s = LineScale::new(320.0, 160.0, 28.0, 1, 115.0);
        assert_eq!(s.x(0), 160.0);
        assert_eq!(s.polyline([57.5]), "160.0,80.0");
        assert_eq!(
            LineScale::new(320.0, 160.0, 28.0, 0, 115.0).polyline([]),
            ""
        );
    }

    #[test]
    fn a_zero_top_does_not_divide_by_zero() {
        let s = LineScale::new(320.0, 160.0, 28.0, 2, 0.0);
        assert_eq!(s.y(0.0), 132.0);
        // Exact points: "NaN" would parse as a float, so a parse check could not fail.
        assert_eq!(s.polyline([0.0, 0.0]), "28.0,132.0 292.0,132.0");
    }
}

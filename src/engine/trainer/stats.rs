//! Item analysis with Moodle's definitions (question/classes/statistics and the quiz
//! statistics report), for a trainer who wants to know which questions to rewrite.
//!
//! Per question, over the attempts that contained it (s of them), with x = the mark on the
//! question and y = the rest of the test (the attempt's total minus x):
//! - facility index = mean(x) / max, as a percent;
//! - standard deviation = sqrt(Σ(x − x̄)² / (s − 1)) / max, as a percent;
//! - discrimination index = 100 · cov(x, y) / sqrt(var(x) · var(y));
//! - discriminative efficiency = 100 · cov(x, y) / cov_max, where cov_max pairs x and y each
//!   sorted, the largest covariance those marks could have.
//!
//! Per test, with p questions and the totals' sample variance k2:
//! - Cronbach's alpha (Moodle's coefficient of internal consistency) = 100 · p/(p − 1) ·
//!   (1 − Σ var(x) / k2), computed from three attempts up, as Moodle does;
//! - error ratio = 100 · sqrt(1 − CIC/100); standard error = error ratio · SD(total) / 100.

use serde::{Deserialize, Serialize};

/// One question's column: its key and points.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub key: String,
    pub max: f64,
}

/// The marks of a set of attempts: `rows[a][i]` is attempt a's mark on item i, `None` when the
/// attempt did not contain it (a drawn subset).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub items: Vec<Item>,
    pub rows: Vec<Vec<Option<f64>>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Facility 90% or more: Moodle's "very easy" and "extremely easy".
    TooEasy,
    /// Facility 20% or less: Moodle's "difficult" and harder.
    TooHard,
    /// Better trainees score lower on it: the key may be wrong or the wording misleading.
    NegativeDiscrimination,
    /// Discrimination index under 20 (Moodle's "very weak").
    WeakDiscrimination,
}

impl Flag {
    pub fn label(self) -> &'static str {
        match self {
            Flag::TooEasy => "太容易",
            Flag::TooHard => "太难",
            Flag::NegativeDiscrimination => "区分度为负",
            Flag::WeakDiscrimination => "区分度很弱",
        }
    }
}

pub const TOO_EASY: f64 = 90.0;
pub const TOO_HARD: f64 = 20.0;
pub const WEAK_DISCRIMINATION: f64 = 20.0;

#[derive(Clone, Debug, PartialEq)]
pub struct ItemStats {
    pub key: String,
    pub max: f64,
    /// Attempts that contained the question.
    pub s: usize,
    /// Percent; `None` for a question worth nothing.
    pub facility: Option<f64>,
    /// Percent of the question's points; `None` under two attempts.
    pub sd: Option<f64>,
    pub discrimination: Option<f64>,
    pub efficiency: Option<f64>,
    pub flags: Vec<Flag>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TestStats {
    /// Attempts analysed.
    pub s: usize,
    pub mean: Option<f64>,
    /// Standard deviation of the totals, in points.
    pub sd: Option<f64>,
    /// Percent.
    pub cic: Option<f64>,
    pub error_ratio: Option<f64>,
    /// Points.
    pub standard_error: Option<f64>,
    pub items: Vec<ItemStats>,
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// Σ(x − x̄)(y − ȳ) / (n − 1).
fn cov(xs: &[f64], ys: &[f64]) -> f64 {
    let (mx, my) = (mean(xs), mean(ys));
    let sum: f64 = xs.iter().zip(ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    sum / (xs.len() as f64 - 1.0)
}

fn sorted(xs: &[f64]) -> Vec<f64> {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// A value that is not a real number (0/0) is absent, not NaN.
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

pub fn analyse(sheet: &Sheet) -> TestStats {
    let totals: Vec<f64> = sheet
        .rows
        .iter()
        .map(|r| r.iter().flatten().sum())
        .collect();
    let s = totals.len();
    let items: Vec<ItemStats> = sheet
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| item_stats(item, i, sheet, &totals))
        .collect();
    let mut t = TestStats {
        s,
        mean: (s > 0).then(|| mean(&totals)),
        sd: None,
        cic: None,
        error_ratio: None,
        standard_error: None,
        items,
    };
    if s > 1 {
        let k2 = cov(&totals, &totals);
        let sd = k2.sqrt();
        t.sd = Some(sd);
        let p = t.items.len() as f64;
        let sum_var: Option<f64> = t
            .items
            .iter()
            .map(|it| it.sd.map(|sd| (sd / 100.0 * it.max).powi(2)))
            .sum();
        if let (true, true, Some(sum_var)) = (s > 2 && p > 1.0, k2 > 0.0, sum_var) {
            let cic = 100.0 * p / (p - 1.0) * (1.0 - sum_var / k2);
            let er = 100.0 * (1.0 - cic / 100.0).max(0.0).sqrt();
            t.cic = finite(cic);
            t.error_ratio = finite(er);
            t.standard_error = finite(er * sd / 100.0);
        }
    }
    t
}

fn item_stats(item: &Item, i: usize, sheet: &Sheet, totals: &[f64]) -> ItemStats {
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for (row, total) in sheet.rows.iter().zip(totals) {
        if let Some(Some(x)) = row.get(i) {
            xs.push(*x);
            ys.push(total - x);
        }
    }
    let s = xs.len();
    let facility = (s > 0 && item.max > 0.0).then(|| 100.0 * mean(&xs) / item.max);
    let (mut sd, mut discrimination, mut efficiency) = (None, None, None);
    if s > 1 {
        let var_x = cov(&xs, &xs);
        let var_y = cov(&ys, &ys);
        let c = cov(&xs, &ys);
        if item.max > 0.0 {
            sd = Some(100.0 * var_x.sqrt() / item.max);
        }
        if var_x * var_y > 0.0 {
            discrimination = finite(100.0 * c / (var_x * var_y).sqrt());
        }
        let c_max = cov(&sorted(&xs), &sorted(&ys));
        if c_max != 0.0 {
            efficiency = finite(100.0 * c / c_max);
        }
    }
    let mut flags = Vec::new();
    match facility {
        Some(f) if f >= TOO_EASY => flags.push(Flag::TooEasy),
        Some(f) if f <= TOO_HARD => flags.push(Flag::TooHard),
        _ => {}
    }
    match discrimination {
        Some(d) if d < 0.0 => flags.push(Flag::NegativeDiscrimination),
        Some(d) if d < WEAK_DISCRIMINATION => flags.push(Flag::WeakDiscrimination),
        _ => {}
    }
    ItemStats {
        key: item.key.clone(),
        max: item.max,
        s,
        facility,
        sd,
        discrimination,
        efficiency,
        flags,
    }
}

//! One attempt's questions from a seed: which questions are drawn, in what order, and how each
//! question's options, steps or right-hand column are shuffled. The same bank and seed always
//! give the same attempt, so an exported result can be re-assembled and re-graded.

use super::bank::Bank;
use super::question::Kind;
use super::rng::Rng;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedQuestion {
    /// `bank-path#id`.
    pub key: String,
    /// Display order of the question's options / steps / right column, as indices into the
    /// bank's order. Empty for types with nothing to shuffle.
    pub order: Vec<usize>,
}

pub fn assemble(bank: &Bank, seed: u64) -> Vec<PlannedQuestion> {
    let mut rng = Rng::new(seed);
    let mut picked: Vec<(usize, usize)> = Vec::new();
    for (si, section) in bank.sections.iter().enumerate() {
        let n = section.questions.len();
        let chosen = match section.draw {
            Some(k) if k < n => rng.choose(n, k),
            _ => (0..n).collect(),
        };
        picked.extend(chosen.into_iter().map(|qi| (si, qi)));
    }
    if let Some(k) = bank.settings.draw {
        if k < picked.len() {
            let keep = rng.choose(picked.len(), k);
            picked = keep.into_iter().map(|i| picked[i]).collect();
        }
    }
    if bank.settings.shuffle_questions {
        rng.shuffle(&mut picked);
    }
    picked
        .into_iter()
        .map(|(si, qi)| {
            let q = &bank.sections[si].questions[qi];
            let n = q.kind.shuffle_len();
            let order = match &q.kind {
                Kind::Choice(_) if bank.settings.shuffle_options => shuffled(&mut rng, n, false),
                Kind::Choice(_) => (0..n).collect(),
                // Steps and the right column are always shuffled, and never left in the answer's
                // order: that would give the answer away.
                Kind::Order(_) | Kind::Match(_) => shuffled(&mut rng, n, true),
                _ => Vec::new(),
            };
            PlannedQuestion {
                key: q.key(),
                order,
            }
        })
        .collect()
}

fn shuffled(rng: &mut Rng, n: usize, avoid_identity: bool) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut v);
    if avoid_identity && n > 1 && v.iter().enumerate().all(|(i, &x)| i == x) {
        v.rotate_left(1);
    }
    v
}

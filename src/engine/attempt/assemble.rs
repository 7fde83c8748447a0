//! One attempt's questions from a seed: which questions are drawn, in what order, and how each
//! question's options, steps or right-hand column are shuffled. The same bank and seed always
//! give the same attempt, so an exported result can be re-assembled and re-graded.

use crate::engine::bank::bank::Bank;
use crate::engine::question::Kind;
use crate::engine::text::rng::Rng;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedQuestion {
    /// `bank-path#id`.
    pub key: String,
    /// Display order of the question's options / steps / right column, as indices into the
    /// bank's order. Empty for types with nothing to shuffle.
    pub order: Vec<usize>,
}

pub fn assemble(bank: &Bank, seed: u64) -> Vec<PlannedQuestion> {
    assemble_rotating(bank, seed, &[])
}

/// `assemble`, preferring questions the trainee has seen least often: `seen` holds the keys of
/// the trainee's earlier attempts of this exam (repeated once per attempt that showed them).
/// Each draw fills up from the least-seen questions first, so attempts of draw n over 3n
/// questions show every question in three attempts. Deterministic from seed and seen keys; with
/// nothing seen it is exactly `assemble` (old attempts re-assemble unchanged).
pub fn assemble_rotating(bank: &Bank, seed: u64, seen: &[String]) -> Vec<PlannedQuestion> {
    let mut times: HashMap<&str, usize> = HashMap::new();
    for k in seen {
        *times.entry(k.as_str()).or_insert(0) += 1;
    }
    let seen_count = |si: usize, qi: usize| -> usize {
        let q = &bank.sections[si].questions[qi];
        times.get(q.key().as_str()).copied().unwrap_or(0)
    };
    let mut rng = Rng::new(seed);
    let mut picked: Vec<(usize, usize)> = Vec::new();
    for (si, section) in bank.sections.iter().enumerate() {
        let n = section.questions.len();
        let chosen = match section.draw {
            Some(k) if k < n => {
                let counts: Vec<usize> = (0..n).map(|qi| seen_count(si, qi)).collect();
                choose_least_seen(&mut rng, &counts, k)
            }
            _ => (0..n).collect(),
        };
        picked.extend(chosen.into_iter().map(|qi| (si, qi)));
    }
    if let Some(k) = bank.settings.draw {
        if k < picked.len() {
            let counts: Vec<usize> = picked.iter().map(|&(si, qi)| seen_count(si, qi)).collect();
            let keep = choose_least_seen(&mut rng, &counts, k);
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

/// `k` distinct indices of `counts` (ascending), taking every index seen fewer times before any
/// seen more often, and choosing at random within the tier that only partly fits. When all
/// counts are equal this is one `rng.choose(n, k)`, the draw of an attempt without history.
fn choose_least_seen(rng: &mut Rng, counts: &[usize], k: usize) -> Vec<usize> {
    let mut tiers: Vec<usize> = counts.to_vec();
    tiers.sort_unstable();
    tiers.dedup();
    let mut out = Vec::with_capacity(k);
    for tier in tiers {
        let members: Vec<usize> = (0..counts.len()).filter(|&i| counts[i] == tier).collect();
        let room = k - out.len();
        if members.len() <= room {
            out.extend(members);
        } else {
            out.extend(
                rng.choose(members.len(), room)
                    .into_iter()
                    .map(|j| members[j]),
            );
        }
        if out.len() == k {
            break;
        }
    }
    out.sort_unstable();
    out
}

fn shuffled(rng: &mut Rng, n: usize, avoid_identity: bool) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut v);
    if avoid_identity && n > 1 && v.iter().enumerate().all(|(i, &x)| i == x) {
        v.rotate_left(1);
    }
    v
}

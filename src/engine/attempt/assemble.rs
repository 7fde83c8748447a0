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

/// Whether `plan` is a draw `assemble_rotating` could give from `bank` with some seed and some
/// history: each section's share of questions (its `draw`, or all), the exam's own `draw`, no
/// question twice, the bank's order unless questions are shuffled, and each question's
/// option order of the right length (in place unless its options may be shuffled). A retry's
/// draw depends on the trainee's earlier attempts, which the desk may not have: this is what
/// can still be checked of it.
pub fn possible_draw(bank: &Bank, plan: &[PlannedQuestion]) -> bool {
    let mut places = Vec::with_capacity(plan.len());
    for p in plan {
        let Some((si, qi)) = bank.sections.iter().enumerate().find_map(|(si, s)| {
            s.questions
                .iter()
                .position(|q| q.key() == p.key)
                .map(|qi| (si, qi))
        }) else {
            return false;
        };
        if places.contains(&(si, qi)) {
            return false;
        }
        let q = &bank.sections[si].questions[qi];
        let n = q.kind.shuffle_len();
        let mut sorted = p.order.clone();
        sorted.sort_unstable();
        let in_place = p.order.iter().enumerate().all(|(i, &x)| i == x);
        let fits = match &q.kind {
            Kind::Choice(_) if bank.settings.shuffle_options => {
                sorted == (0..n).collect::<Vec<_>>()
            }
            Kind::Choice(_) => in_place && p.order.len() == n,
            Kind::Order(_) | Kind::Match(_) => {
                sorted == (0..n).collect::<Vec<_>>() && (n < 2 || !in_place)
            }
            _ => p.order.is_empty(),
        };
        if !fits {
            return false;
        }
        places.push((si, qi));
    }
    if !bank.settings.shuffle_questions && places.windows(2).any(|w| w[0] > w[1]) {
        return false;
    }
    let share = |si: usize| {
        let n = bank.sections[si].questions.len();
        bank.sections[si].draw.map_or(n, |k| k.min(n))
    };
    let per_section = |si: usize| places.iter().filter(|(s, _)| *s == si).count();
    let drawn: usize = (0..bank.sections.len()).map(share).sum();
    match bank.settings.draw {
        Some(k) if k < drawn => {
            plan.len() == k && (0..bank.sections.len()).all(|si| per_section(si) <= share(si))
        }
        _ => (0..bank.sections.len()).all(|si| per_section(si) == share(si)),
    }
}

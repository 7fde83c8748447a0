//! Retries rotate through the pool: an attempt prefers the questions the trainee's earlier
//! attempts of the same exam showed least, so three attempts of n drawn from 3n questions show
//! every question. Deterministic from seed and seen keys; with no history it is the plain draw.

mod common;

use common::*;
use kefu_exam::engine::attempt::assemble::{assemble, assemble_rotating, possible_draw};
use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason, Trainee};
use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::question::GradeContext;
use kefu_exam::engine::trainer::regrade_findings::{dry_run, Finding};
use std::collections::BTreeSet;

/// Sections of true/false questions with optional draws, and front matter.
fn bank(front: &str, sections: &[(usize, Option<usize>)]) -> Bank {
    let mut text = format!("---\ntitle: 轮换\n{front}---\n\n");
    for (s, (n, draw)) in sections.iter().enumerate() {
        let draw = draw.map_or(String::new(), |d| format!(" draw={d}"));
        text.push_str(&format!("# 第 {s} 组 {{#s{s}{draw}}}\n\n"));
        for i in 0..*n {
            text.push_str(&format!(
                "## 判断 {s}-{i} {{#s{s}-q{i}}}\n\n答案：对\n\n> 解析\n\n"
            ));
        }
    }
    clean_bank("exam.md", &text)
}

/// Keys of `attempts` successive attempts, each seeing the earlier ones' keys.
fn attempts(bank: &Bank, seeds: &[u64]) -> Vec<Vec<String>> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for &seed in seeds {
        let keys: Vec<String> = assemble_rotating(bank, seed, &seen)
            .into_iter()
            .map(|p| p.key)
            .collect();
        seen.extend(keys.iter().cloned());
        out.push(keys);
    }
    out
}

fn union(plans: &[Vec<String>]) -> BTreeSet<&str> {
    plans.iter().flatten().map(String::as_str).collect()
}

#[test]
fn three_attempts_drawing_n_of_3n_see_every_question() {
    let b = bank("shuffle_questions: true\n", &[(12, Some(4))]);
    for first in 0..40u64 {
        let plans = attempts(&b, &[first, first * 7 + 1, first * 13 + 2]);
        assert!(plans.iter().all(|p| p.len() == 4));
        assert_eq!(union(&plans).len(), 12, "seeds from {first}: {plans:?}");
    }
}

#[test]
fn rotation_works_per_section_and_for_the_exams_own_draw() {
    // Two sections drawing 3 of 9 and 2 of 6: three attempts see all 15.
    let b = bank("", &[(9, Some(3)), (6, Some(2))]);
    for first in 0..20u64 {
        assert_eq!(
            union(&attempts(&b, &[first, first + 100, first + 200])).len(),
            15
        );
    }
    // The exam's own draw: 5 of 15 per attempt.
    let b = bank("draw: 5\n", &[(15, None)]);
    for first in 0..20u64 {
        assert_eq!(
            union(&attempts(&b, &[first, first + 100, first + 200])).len(),
            15
        );
    }
}

#[test]
fn without_rotation_three_attempts_usually_miss_questions() {
    // Why rotation is needed: independent draws of 4 of 12, three times, rarely see all 12.
    let b = bank("", &[(12, Some(4))]);
    let complete = (0..40u64)
        .filter(|&s| {
            let plans: Vec<Vec<String>> = [s, s * 7 + 1, s * 13 + 2]
                .iter()
                .map(|&seed| assemble(&b, seed).into_iter().map(|p| p.key).collect())
                .collect();
            union(&plans).len() == 12
        })
        .count();
    assert!(complete < 10, "{complete} of 40 complete without rotation");
}

#[test]
fn after_every_question_was_seen_the_least_seen_come_first_again() {
    // 10 questions, 4 per attempt: attempts 1–3 see 4+4+2(+2 repeats); attempt 4 takes the
    // two seen only once among its picks before any seen twice.
    let b = bank("", &[(10, Some(4))]);
    let plans = attempts(&b, &[1, 2, 3, 4]);
    assert_eq!(union(&plans[..3]).len(), 10);
    let count = |k: &str| plans[..3].iter().flatten().filter(|x| *x == k).count();
    let twice: BTreeSet<&str> = plans[..3]
        .iter()
        .flatten()
        .map(String::as_str)
        .filter(|k| count(k) == 2)
        .collect();
    assert_eq!(twice.len(), 2);
    assert!(
        plans[3].iter().all(|k| !twice.contains(k.as_str())),
        "{plans:?}"
    );
}

#[test]
fn same_seed_and_same_seen_keys_give_the_same_attempt() {
    let b = bank("shuffle_questions: true\n", &[(12, Some(4)), (6, Some(3))]);
    let seen: Vec<String> = assemble(&b, 5).into_iter().map(|p| p.key).collect();
    for seed in [0, 9, (1 << 53) - 1] {
        assert_eq!(
            assemble_rotating(&b, seed, &seen),
            assemble_rotating(&b, seed, &seen)
        );
        // The order of the seen keys does not matter, only how often each was seen.
        let mut reversed = seen.clone();
        reversed.reverse();
        assert_eq!(
            assemble_rotating(&b, seed, &seen),
            assemble_rotating(&b, seed, &reversed)
        );
    }
}

#[test]
fn with_nothing_seen_the_draw_is_the_plain_draw_so_old_attempts_reassemble_the_same() {
    let b = bank(
        "shuffle_questions: true\ndraw: 7\n",
        &[(12, Some(4)), (6, None), (5, Some(2))],
    );
    for seed in 0..50 {
        assert_eq!(assemble_rotating(&b, seed, &[]), assemble(&b, seed));
        // Keys of another exam do not change the draw either.
        let other = vec!["other.md#x".to_string()];
        assert_eq!(assemble_rotating(&b, seed, &other), assemble(&b, seed));
    }
}

#[test]
fn a_rotated_attempt_stores_its_keys_and_regrades_without_the_history() {
    let b = bank("", &[(9, Some(3))]);
    let first = AttemptRecord::start(&b, Mode::Exam, Trainee::default(), 1, 0);
    let second =
        AttemptRecord::start_rotating(&b, Mode::Exam, Trainee::default(), 2, 0, &first.keys());
    let overlap = second
        .keys()
        .iter()
        .filter(|k| first.keys().contains(k))
        .count();
    assert_eq!(overlap, 0, "{:?} {:?}", first.keys(), second.keys());
    assert_eq!(second.plan(), assemble_rotating(&b, 2, &first.keys()));
    // Re-grading uses the stored keys: a fully right answer sheet scores full marks.
    let mut rec = second.clone();
    for k in rec.keys() {
        let (_, q) = b.find(&k).unwrap();
        rec.set_answer(&k, Some(correct_answer(&q.kind)), 1)
            .unwrap();
    }
    let re = rec.regrade(&b, &GradeContext::default());
    assert_eq!(re.outcome.score, re.outcome.max);
    assert_eq!(re.outcome.max, 3.0);
}

/// A submitted exam attempt of `b` with every answer right.
fn submitted(b: &Bank, mut rec: AttemptRecord) -> AttemptRecord {
    for k in rec.keys() {
        let (_, q) = b.find(&k).unwrap();
        rec.set_answer(&k, Some(correct_answer(&q.kind)), 1)
            .unwrap();
    }
    rec.submit(b, &GradeContext::default(), 2, SubmitReason::Manual);
    rec
}

#[test]
fn the_desk_does_not_call_a_rotated_retry_inconsistent_but_still_flags_a_forged_list() {
    let b = bank("shuffle_questions: true\n", &[(9, Some(3)), (4, None)]);
    let first = AttemptRecord::start(&b, Mode::Exam, Trainee::default(), 1, 0);
    let retry = submitted(
        &b,
        AttemptRecord::start_rotating(&b, Mode::Exam, Trainee::default(), 2, 0, &first.keys()),
    );
    // The seed alone gives another list: the retry's draw depended on the first attempt.
    let plain: Vec<String> = assemble(&b, 2).into_iter().map(|p| p.key).collect();
    assert_ne!(plain, retry.keys());
    let ctx = GradeContext::default();
    let run = dry_run(&retry, Some(&b), &ctx);
    assert!(run.findings.is_empty(), "{:?}", run.findings);
    assert!(possible_draw(&b, &retry.plan()));

    // A list the bank cannot draw: a fourth question of the section that draws 3, or one
    // question twice, is still an inconsistent record.
    let extra = b.sections[0]
        .questions
        .iter()
        .map(|q| q.key())
        .find(|k| !retry.keys().contains(k))
        .unwrap();
    let mut forged = retry.clone();
    let mut q = forged.questions[0].clone();
    q.key = extra;
    forged.questions.push(q);
    assert!(!possible_draw(&b, &forged.plan()));
    let mut twice = retry.clone();
    twice.questions[1] = twice.questions[0].clone();
    for r in [forged, twice] {
        let run = dry_run(&r, Some(&b), &ctx);
        assert!(
            run.findings
                .iter()
                .any(|f| matches!(f, Finding::Inconsistent { .. })),
            "{:?}",
            run.findings
        );
    }
}

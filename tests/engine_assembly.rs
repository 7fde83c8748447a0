//! Assembling an attempt from a seed: reproducible, draws respected, answers never given away
//! by the display order, options left alone when shuffling is off.

mod common;

use common::*;
use kefu_exam::engine::attempt::assemble::{assemble, PlannedQuestion};
use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::library;
use kefu_exam::engine::question::Kind;
use std::collections::BTreeSet;

/// A bank of `sections` × `per_section` questions of mixed types, with optional draws.
fn mixed_bank(front: &str, sections: &[(usize, Option<usize>)]) -> Bank {
    clean_bank("exam.md", &mixed_text(front, sections))
}

fn mixed_text(front: &str, sections: &[(usize, Option<usize>)]) -> String {
    let mut text = format!("---\ntitle: 组卷\n{front}---\n\n");
    for (s, (n, draw)) in sections.iter().enumerate() {
        let draw = draw.map_or(String::new(), |d| format!(" draw={d}"));
        text.push_str(&format!("# 第 {s} 组 {{#s{s}{draw}}}\n\n"));
        for i in 0..*n {
            let id = format!("s{s}-q{i}");
            match i % 5 {
                0 => text.push_str(&format!("## 单选 {id} {{#{id}}}\n\n1. [ ] 甲\n1. [x] 乙\n1. [ ] 丙\n1. [ ] 丁\n\n> 解析\n\n")),
                1 => text.push_str(&format!("## 排序 {id} {{#{id}}}\n\n1. 一\n2. 二\n3. 三\n\n> 解析\n\n")),
                2 => text.push_str(&format!("## 连线 {id} {{#{id}}}\n\n| 左 | 右 |\n| --- | --- |\n| a | 1 |\n| b | 2 |\n\n> 解析\n\n")),
                3 => text.push_str(&format!("## 多选 {id} {{#{id}}}\n\n- [x] 甲\n- [x] 乙\n- [ ] 丙\n\n> 解析\n\n")),
                _ => text.push_str(&format!("## 判断 {id} {{#{id}}}\n\n答案：对\n\n> 解析\n\n")),
            }
        }
    }
    text
}

fn keys(plan: &[PlannedQuestion]) -> Vec<&str> {
    plan.iter().map(|p| p.key.as_str()).collect()
}

#[test]
fn same_seed_gives_an_identical_plan() {
    let bank = mixed_bank(
        "shuffle_questions: true\ndraw: 12\n",
        &[(10, Some(6)), (10, None)],
    );
    for seed in [0, 1, 42, (1 << 53) - 1] {
        assert_eq!(assemble(&bank, seed), assemble(&bank, seed), "seed {seed}");
    }
}

#[test]
fn different_seeds_give_different_plans() {
    let bank = mixed_bank("shuffle_questions: true\n", &[(10, None), (10, None)]);
    let plans: BTreeSet<Vec<String>> = (0..20u64)
        .map(|s| {
            assemble(&bank, s)
                .into_iter()
                .map(|p| format!("{}{:?}", p.key, p.order))
                .collect()
        })
        .collect();
    assert!(
        plans.len() >= 19,
        "only {} distinct plans from 20 seeds",
        plans.len()
    );
    assert_ne!(assemble(&bank, 1), assemble(&bank, 2));
}

/// Recorded from the engine: SplitMix64 draws, Fisher–Yates shuffles, questions then options.
const PINNED_SEED_7: &[(&str, &[usize])] = &[
    ("exam.md#s0-q4", &[]),
    ("exam.md#s0-q1", &[0, 2, 1]),
    ("exam.md#s0-q3", &[2, 0, 1]),
    ("exam.md#s0-q0", &[0, 3, 2, 1]),
    ("exam.md#s0-q2", &[1, 0]),
];

#[test]
fn the_plan_is_pinned_for_a_seed_so_old_attempts_reassemble_the_same() {
    // A change in the random source or the drawing procedure would reshuffle stored attempts.
    let bank = mixed_bank("shuffle_questions: true\n", &[(5, None)]);
    let plan = assemble(&bank, 7);
    let again = assemble(&mixed_bank("shuffle_questions: true\n", &[(5, None)]), 7);
    assert_eq!(plan, again);
    let pinned: Vec<(String, Vec<usize>)> = plan.into_iter().map(|p| (p.key, p.order)).collect();
    assert_eq!(
        pinned,
        PINNED_SEED_7
            .iter()
            .map(|(k, o)| (k.to_string(), o.to_vec()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn section_draws_take_exactly_that_many_distinct_questions_from_each_section() {
    // The checker reports the draw of 9 from 5; assembly must still cope.
    let (bank, diags) = kefu_exam::engine::bank::parse::parse_bank(
        "exam.md",
        &mixed_text("", &[(10, Some(3)), (7, Some(7)), (4, None), (5, Some(9))]),
    );
    assert_eq!(errors(&diags).len(), 1);
    for seed in 0..50 {
        let plan = assemble(&bank, seed);
        let count = |s: &str| {
            plan.iter()
                .filter(|p| p.key.starts_with(&format!("exam.md#{s}-")))
                .count()
        };
        assert_eq!(count("s0"), 3, "seed {seed}");
        assert_eq!(count("s1"), 7);
        assert_eq!(count("s2"), 4);
        // A draw larger than the section (an error for the checker) takes the whole section.
        assert_eq!(count("s3"), 5);
        let distinct: BTreeSet<&str> = keys(&plan).into_iter().collect();
        assert_eq!(distinct.len(), plan.len());
        assert_eq!(plan.len(), bank.attempt_size());
    }
}

#[test]
fn section_draws_vary_with_the_seed_and_reach_every_question() {
    let bank = mixed_bank("", &[(10, Some(3))]);
    let mut seen = BTreeSet::new();
    for seed in 0..200 {
        seen.extend(assemble(&bank, seed).into_iter().map(|p| p.key));
    }
    assert_eq!(seen.len(), 10);
}

#[test]
fn bank_draw_limits_the_total_after_section_draws() {
    let bank = mixed_bank("draw: 5\n", &[(10, Some(4)), (6, None)]);
    assert_eq!(bank.settings.draw, Some(5));
    for seed in 0..50 {
        let plan = assemble(&bank, seed);
        assert_eq!(plan.len(), 5, "seed {seed}");
        let s0 = plan
            .iter()
            .filter(|p| p.key.starts_with("exam.md#s0-"))
            .count();
        assert!(s0 <= 4, "section draw exceeded after bank draw: {s0}");
    }
    assert_eq!(bank.attempt_size(), 5);
}

#[test]
fn without_shuffle_questions_the_bank_order_is_kept() {
    let bank = mixed_bank("shuffle_questions: false\n", &[(6, None), (4, None)]);
    let plan = assemble(&bank, 99);
    let expected: Vec<String> = bank.questions().map(|q| q.key()).collect();
    assert_eq!(
        keys(&plan),
        expected.iter().map(String::as_str).collect::<Vec<_>>()
    );
}

#[test]
fn shuffle_questions_changes_the_order_but_not_the_set() {
    let bank = mixed_bank("shuffle_questions: true\n", &[(12, None)]);
    let plan = assemble(&bank, 5);
    let in_bank: Vec<String> = bank.questions().map(|q| q.key()).collect();
    let got: Vec<String> = plan.iter().map(|p| p.key.clone()).collect();
    assert_ne!(got, in_bank);
    let mut sorted = got.clone();
    sorted.sort();
    let mut expected = in_bank.clone();
    expected.sort();
    assert_eq!(sorted, expected);
}

#[test]
fn ordering_and_matching_are_never_shown_in_answer_order() {
    let bank = mixed_bank("", &[(30, None)]);
    for seed in 0..300 {
        for p in assemble(&bank, seed) {
            let (_, q) = bank.find(&p.key).unwrap();
            if matches!(q.kind, Kind::Order(_) | Kind::Match(_)) {
                let identity: Vec<usize> = (0..q.kind.shuffle_len()).collect();
                assert_ne!(
                    p.order, identity,
                    "{} shown in answer order for seed {seed}",
                    p.key
                );
            }
        }
    }
}

#[test]
fn two_item_ordering_and_matching_are_always_swapped() {
    let text = "## 排序 {#o}\n\n1. 先\n2. 后\n\n> e\n\n## 连线 {#m}\n\n| a | b |\n| - | - |\n| 1 | 一 |\n| 2 | 二 |\n\n> e\n";
    let bank = clean_bank("t.md", text);
    for seed in 0..100 {
        for p in assemble(&bank, seed) {
            assert_eq!(p.order, vec![1, 0], "seed {seed}");
        }
    }
}

#[test]
fn every_display_order_is_a_permutation_of_the_bank_order() {
    let bank = mixed_bank("", &[(20, None)]);
    for seed in 0..50 {
        for p in assemble(&bank, seed) {
            let (_, q) = bank.find(&p.key).unwrap();
            let mut o = p.order.clone();
            o.sort_unstable();
            let n = match q.kind {
                Kind::Choice(_) | Kind::Order(_) | Kind::Match(_) => q.kind.shuffle_len(),
                _ => 0,
            };
            assert_eq!(o, (0..n).collect::<Vec<_>>());
        }
    }
}

#[test]
fn option_shuffle_off_keeps_choice_options_in_bank_order() {
    let bank = mixed_bank("shuffle_options: false\n", &[(20, None)]);
    assert!(!bank.settings.shuffle_options);
    for seed in 0..30 {
        for p in assemble(&bank, seed) {
            let (_, q) = bank.find(&p.key).unwrap();
            if let Kind::Choice(c) = &q.kind {
                assert_eq!(p.order, (0..c.options.len()).collect::<Vec<_>>());
            }
        }
    }
}

#[test]
fn option_shuffle_on_does_shuffle_choice_options_for_some_seed() {
    let bank = mixed_bank("", &[(5, None)]);
    assert!(bank.settings.shuffle_options);
    let moved = (0..20).any(|seed| {
        assemble(&bank, seed)
            .iter()
            .any(|p| p.key.ends_with("-q0") && p.order != vec![0, 1, 2, 3])
    });
    assert!(moved);
}

#[test]
fn quizdown_shuffle_answers_and_n_questions_drive_assembly() {
    let files = fixture_files("quizdown");
    let lib = library::load_single("quizdown/example.md", &files);
    assert_eq!(lib.errors().count(), 0, "{:?}", lib.diagnostics);
    let bank = &lib.banks["quizdown/example.md"];
    assert!(bank.settings.shuffle_options);
    assert!(!bank.settings.shuffle_questions);
    assert_eq!(bank.settings.draw, Some(3));
    assert_eq!(assemble(bank, 3).len(), 3);
}

#[test]
fn a_composite_exam_draws_from_the_imported_section_only() {
    let files = fixture_files("course");
    let lib = library::load("course/index.md", &files);
    assert_eq!(lib.errors().count(), 0, "{:?}", lib.diagnostics);
    let bank = &lib.banks["course/final.md"];
    assert_eq!(bank.sections.len(), 3);
    let rules = &bank.sections[0];
    assert_eq!(rules.draw, Some(2));
    assert_eq!(
        rules
            .import
            .as_ref()
            .map(|i| (i.path.as_str(), i.fragment.as_deref())),
        Some(("course/basics.md", Some("rules")))
    );
    assert_eq!(rules.questions.len(), 3);
    assert_eq!(bank.sections[1].questions.len(), 2);
    assert_eq!(bank.attempt_size(), 5);
    let rule_keys: BTreeSet<String> = rules.questions.iter().map(|q| q.key()).collect();
    for seed in 0..40 {
        let plan = assemble(bank, seed);
        assert_eq!(plan.len(), 5);
        assert_eq!(
            plan.iter().filter(|p| rule_keys.contains(&p.key)).count(),
            2
        );
        // Imported questions keep the key of the bank they were written in.
        assert!(plan.iter().all(
            |p| p.key.starts_with("course/basics.md#") || p.key == "course/final.md#wechat-tf"
        ));
    }
}

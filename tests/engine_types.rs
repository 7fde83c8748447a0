//! Each of the eight question types: how the bank text is read (the right `Kind` and fields)
//! and how answers are graded (full, partial, zero, unanswered and the awkward edges).

mod common;

use common::*;
use kefu_exam::engine::bank::library;
use kefu_exam::engine::grading::grade::grade_attempt;
use kefu_exam::engine::question::answer::Answer;
use kefu_exam::engine::question::choice::Scoring;
use kefu_exam::engine::question::{grade, status_of, GradeContext, Kind, Status, TypeName};
use kefu_exam::engine::text::rich::{blocks_text, inline_text, Block, Inline};
use std::collections::BTreeMap;

fn choice(selected: &[usize]) -> Answer {
    Answer::Choice {
        selected: selected.to_vec(),
    }
}
fn fill(blanks: &[&str]) -> Answer {
    Answer::Fill {
        blanks: blanks.iter().map(|s| s.to_string()).collect(),
    }
}
fn numeric(text: &str) -> Answer {
    Answer::Numeric { text: text.into() }
}
fn reply(text: &str) -> Answer {
    Answer::Reply { text: text.into() }
}

// ---------------------------------------------------------------- single choice

#[test]
fn single_choice_parses_options_correct_answer_points_tags_and_explanations() {
    let bank = fixture_bank("types/single.md");
    assert_eq!(bank.title, "单选题样例");
    assert!(!bank.settings.shuffle_options);
    let q = question(&bank, "typing-min");
    assert!(q.explicit_id);
    assert_eq!(q.kind.type_name(), TypeName::Single);
    assert_eq!(q.points, 2.0);
    assert_eq!(q.tags, vec!["打字", "工具"]);
    assert_eq!(
        inline_text(&q.title),
        "新手客服打字速度的最低要求是每分钟多少字？"
    );
    assert_eq!(q.sources, vec!["000_84ed276d6acfb15f.txt"]);
    assert!(blocks_text(&q.explanation).contains("至少 75 字/分钟"));
    assert_eq!(q.key(), "types/single.md#typing-min");
    assert_eq!(q.line, 8);
    let Kind::Choice(c) = &q.kind else {
        panic!("expected a choice, got {:?}", q.kind)
    };
    assert!(!c.multiple);
    assert_eq!(c.options.len(), 3);
    assert_eq!(
        c.options.iter().map(|o| o.correct).collect::<Vec<_>>(),
        vec![false, true, false]
    );
    assert_eq!(blocks_text(&c.options[1].content), "75 字");
    // The `>` under the third option is that option's explanation, not part of its text.
    assert_eq!(blocks_text(&c.options[2].content), "120 字");
    assert!(blocks_text(&c.options[2].explanation).contains("熟练客服"));
    assert!(c.options[0].explanation.is_empty());
}

#[test]
fn single_choice_numbered_one_two_three_reads_like_all_ones_and_gets_a_derived_id() {
    let bank = fixture_bank("types/single.md");
    let q = bank.questions().nth(1).unwrap();
    assert!(!q.explicit_id);
    assert!(
        q.id.starts_with("q-") && q.id.len() == 12,
        "derived id {}",
        q.id
    );
    assert_eq!(q.points, 1.0);
    let Kind::Choice(c) = &q.kind else { panic!() };
    assert!(!c.multiple);
    assert_eq!(c.options.iter().position(|o| o.correct), Some(0));
}

#[test]
fn single_choice_grades_all_or_nothing() {
    let bank = fixture_bank("types/single.md");
    let q = question(&bank, "typing-min");
    assert_eq!(grade_q(q, choice(&[1])).fraction, 1.0);
    assert_eq!(grade_q(q, choice(&[0])).fraction, 0.0);
    assert_eq!(grade_q(q, choice(&[2])).fraction, 0.0);
    // Picking the right one plus a wrong one is wrong.
    assert_eq!(grade_q(q, choice(&[0, 1])).fraction, 0.0);
    // A repeated index (e.g. a double tap stored twice) is still the one right answer.
    assert_eq!(grade_q(q, choice(&[1, 1])).fraction, 1.0);
}

#[test]
fn single_choice_ignores_out_of_range_indices_without_panicking() {
    let bank = fixture_bank("types/single.md");
    let q = question(&bank, "typing-min");
    assert_eq!(grade_q(q, choice(&[99])).fraction, 0.0);
    assert_eq!(grade_q(q, choice(&[usize::MAX])).fraction, 0.0);
    assert_eq!(grade_q(q, choice(&[1, 3])).fraction, 1.0);
}

#[test]
fn unanswered_and_empty_answers_score_zero_with_unanswered_feedback() {
    let bank = fixture_bank("types/single.md");
    let q = question(&bank, "typing-min");
    let ctx = GradeContext::default();
    let none = grade(&q.kind, None, &ctx);
    assert_eq!(none.fraction, 0.0);
    assert_eq!(none.feedback, vec!["未作答"]);
    let empty = grade(&q.kind, Some(&choice(&[])), &ctx);
    assert_eq!(empty.feedback, vec!["未作答"]);
    assert_eq!(status_of(0.0, false), Status::Unanswered);
}

#[test]
fn an_answer_of_the_wrong_type_scores_zero_instead_of_panicking() {
    let bank = fixture_bank("types/single.md");
    let q = question(&bank, "typing-min");
    let g = grade_q(q, Answer::TrueFalse { value: true });
    assert_eq!(g.fraction, 0.0);
    assert_eq!(g.feedback, vec!["答案与题型不符"]);
}

// ---------------------------------------------------------------- multiple choice

#[test]
fn multiple_choice_parses_unordered_task_list_and_per_question_scoring() {
    let bank = fixture_bank("types/multiple.md");
    let q = question(&bank, "qianniu");
    assert_eq!(q.kind.type_name(), TypeName::Multiple);
    assert_eq!(q.points, 3.0);
    let Kind::Choice(c) = &q.kind else { panic!() };
    assert!(c.multiple);
    assert_eq!(c.scoring, Scoring::Partial);
    assert_eq!(c.options.iter().filter(|o| o.correct).count(), 3);
    assert!(blocks_text(&c.options[3].explanation).contains("装修"));
    let Kind::Choice(all) = &question(&bank, "prep").kind else {
        panic!()
    };
    assert_eq!(all.scoring, Scoring::All);
}

#[test]
fn multiple_choice_partial_scoring_subtracts_wrong_picks_and_floors_at_zero() {
    let bank = fixture_bank("types/multiple.md");
    let q = question(&bank, "qianniu");
    assert_eq!(grade_q(q, choice(&[0, 1, 2])).fraction, 1.0);
    assert!(approx(grade_q(q, choice(&[0, 1])).fraction, 2.0 / 3.0));
    assert!(approx(
        grade_q(q, choice(&[0, 1, 2, 3])).fraction,
        2.0 / 3.0
    ));
    assert!(approx(grade_q(q, choice(&[0, 1, 3])).fraction, 1.0 / 3.0));
    assert_eq!(grade_q(q, choice(&[0, 3])).fraction, 0.0);
    assert_eq!(grade_q(q, choice(&[3])).fraction, 0.0);
    // Order of the selection does not matter.
    assert_eq!(grade_q(q, choice(&[2, 0, 1])).fraction, 1.0);
}

#[test]
fn multiple_choice_feedback_names_missed_and_wrong_counts() {
    let bank = fixture_bank("types/multiple.md");
    let q = question(&bank, "qianniu");
    let g = grade_q(q, choice(&[0, 3]));
    assert!(
        g.feedback.iter().any(|f| f == "漏选 2 项"),
        "{:?}",
        g.feedback
    );
    assert!(
        g.feedback.iter().any(|f| f == "错选 1 项"),
        "{:?}",
        g.feedback
    );
    assert_eq!(grade_q(q, choice(&[0, 1, 2])).feedback, vec!["回答正确"]);
}

#[test]
fn multiple_choice_ignores_out_of_range_indices() {
    let bank = fixture_bank("types/multiple.md");
    let q = question(&bank, "qianniu");
    assert_eq!(grade_q(q, choice(&[0, 1, 2, 4, 1000])).fraction, 1.0);
    assert_eq!(grade_q(q, choice(&[17])).fraction, 0.0);
}

#[test]
fn multiple_choice_all_scoring_needs_exactly_the_right_set() {
    let bank = fixture_bank("types/multiple.md");
    let q = question(&bank, "prep");
    assert_eq!(q.points, 2.0);
    assert_eq!(grade_q(q, choice(&[0, 1])).fraction, 1.0);
    assert_eq!(grade_q(q, choice(&[0])).fraction, 0.0);
    assert_eq!(grade_q(q, choice(&[0, 1, 2])).fraction, 0.0);
}

#[test]
fn bank_wide_scoring_all_applies_unless_a_question_overrides_it() {
    let text = "---\nscoring: all\n---\n\n## a {#a}\n\n- [x] 1\n- [x] 2\n- [ ] 3\n\n> e\n\n## b {#b scoring=partial}\n\n- [x] 1\n- [x] 2\n- [ ] 3\n\n> e\n";
    let bank = clean_bank("t.md", text);
    assert_eq!(grade_q(question(&bank, "a"), choice(&[0])).fraction, 0.0);
    assert_eq!(grade_q(question(&bank, "b"), choice(&[0])).fraction, 0.5);
}

#[test]
fn type_multiple_attribute_turns_an_ordered_task_list_into_multiple_choice() {
    let text = "## 选出两个 {#t type=multiple}\n\n1. [x] 甲\n1. [x] 乙\n1. [ ] 丙\n\n> e\n";
    let bank = clean_bank("t.md", text);
    let q = question(&bank, "t");
    assert_eq!(q.kind.type_name(), TypeName::Multiple);
    assert_eq!(grade_q(q, choice(&[0, 1])).fraction, 1.0);
}

#[test]
fn type_single_attribute_on_an_unordered_list_with_one_answer_is_single_choice() {
    let text = "## 选一个 {#t type=single}\n\n- [ ] 甲\n- [x] 乙\n\n> e\n";
    let bank = clean_bank("t.md", text);
    let q = question(&bank, "t");
    assert_eq!(q.kind.type_name(), TypeName::Single);
    assert_eq!(grade_q(q, choice(&[0, 1])).fraction, 0.0);
    let (_, errs) = bank_errors("## 选一个 {#t type=single}\n\n- [x] 甲\n- [x] 乙\n\n> e\n\n## 另一题 {#u}\n\n答案：对\n\n> e\n");
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].message.contains("单选题只能有一个正确选项"));
    assert_eq!(errs[0].line, 3);
}

// ---------------------------------------------------------------- true / false

#[test]
fn true_false_parses_answer_lines_with_chinese_or_ascii_colon_and_symbols() {
    let bank = fixture_bank("types/tf.md");
    let answers: Vec<(String, bool)> = bank
        .questions()
        .map(|q| match &q.kind {
            Kind::TrueFalse(t) => (q.id.clone(), t.answer),
            other => panic!("{} is not true/false: {other:?}", q.id),
        })
        .collect();
    assert_eq!(
        answers,
        vec![
            ("start-8".to_string(), false),
            ("alipay".to_string(), true),
            ("no-bargain".to_string(), false)
        ]
    );
}

#[test]
fn true_false_accepts_every_documented_spelling() {
    for (spelling, expected) in [
        ("对", true),
        ("正确", true),
        ("√", true),
        ("true", true),
        ("T", true),
        ("TRUE", true),
        ("错", false),
        ("错误", false),
        ("×", false),
        ("false", false),
        ("F", false),
    ] {
        let text = format!("## 题 {{#t}}\n\n答案：{spelling}\n\n> e\n");
        let bank = clean_bank("t.md", &text);
        match &question(&bank, "t").kind {
            Kind::TrueFalse(t) => assert_eq!(t.answer, expected, "spelling {spelling}"),
            other => panic!("{spelling}: {other:?}"),
        }
    }
}

#[test]
fn true_false_grades_right_and_wrong_and_names_the_right_answer() {
    let bank = fixture_bank("types/tf.md");
    let q = question(&bank, "start-8");
    assert_eq!(grade_q(q, Answer::TrueFalse { value: false }).fraction, 1.0);
    let wrong = grade_q(q, Answer::TrueFalse { value: true });
    assert_eq!(wrong.fraction, 0.0);
    assert!(wrong.feedback[0].contains("“错”"), "{:?}", wrong.feedback);
    assert_eq!(grade(&q.kind, None, &GradeContext::default()).fraction, 0.0);
}

// ---------------------------------------------------------------- fill in the blank

#[test]
fn fill_blanks_in_the_heading_become_numbered_blanks_with_accepted_answers() {
    let bank = fixture_bank("types/fill.md");
    let q = question(&bank, "shift");
    let Kind::Fill(f) = &q.kind else {
        panic!("{:?}", q.kind)
    };
    assert_eq!(
        f.blanks,
        vec![vec!["8:00", "8点", "八点"], vec!["0:00", "24:00", "零点"]]
    );
    assert!(q.title.contains(&Inline::Blank(0)) && q.title.contains(&Inline::Blank(1)));
    assert!(!inline_text(&q.title).contains("{{"));
    assert_eq!(
        inline_text(&q.title),
        "填空：客服早班 ____ 开始，晚班到 ____ 结束。"
    );
}

#[test]
fn fill_blanks_in_a_stem_paragraph_are_found_too() {
    let bank = fixture_bank("types/fill.md");
    let q = question(&bank, "typing-fill");
    let Kind::Fill(f) = &q.kind else {
        panic!("{:?}", q.kind)
    };
    assert_eq!(
        f.blanks,
        vec![vec!["75", "七十五"], vec!["ABC", "Alpha Beta"]]
    );
    let Block::Para(p) = &q.stem[0] else {
        panic!("{:?}", q.stem)
    };
    assert_eq!(
        p.iter().filter(|i| matches!(i, Inline::Blank(_))).count(),
        2
    );
}

#[test]
fn fill_grading_ignores_full_width_forms_spaces_and_case() {
    let bank = fixture_bank("types/fill.md");
    let shift = question(&bank, "shift");
    assert_eq!(
        grade_q(shift, fill(&["８：００", " 24 : 00 "])).fraction,
        1.0
    );
    assert_eq!(grade_q(shift, fill(&["八点", "零点"])).fraction, 1.0);
    let typing = question(&bank, "typing-fill");
    assert_eq!(grade_q(typing, fill(&["７５", "abc"])).fraction, 1.0);
    assert_eq!(grade_q(typing, fill(&["75", "ALPHABETA"])).fraction, 1.0);
    assert_eq!(
        grade_q(typing, fill(&["七十五", "ａｌｐｈａ　ｂｅｔａ"])).fraction,
        1.0
    );
}

#[test]
fn fill_gives_a_share_per_blank_and_names_the_missed_blank() {
    let bank = fixture_bank("types/fill.md");
    let q = question(&bank, "shift");
    let half = grade_q(q, fill(&["8点", "中午"]));
    assert_eq!(half.fraction, 0.5);
    assert!(
        half.feedback
            .iter()
            .any(|f| f.contains("第 2 空应填“0:00”")),
        "{:?}",
        half.feedback
    );
    assert_eq!(grade_q(q, fill(&["9点", "中午"])).fraction, 0.0);
    // Only the second blank filled: still graded per blank.
    assert_eq!(grade_q(q, fill(&["", "24:00"])).fraction, 0.5);
}

#[test]
fn fill_with_missing_or_extra_blanks_does_not_panic() {
    let bank = fixture_bank("types/fill.md");
    let q = question(&bank, "shift");
    assert_eq!(grade_q(q, fill(&["8:00"])).fraction, 0.5);
    assert_eq!(
        grade_q(q, fill(&["8:00", "0:00", "extra", "more"])).fraction,
        1.0
    );
    let g = grade(&q.kind, Some(&fill(&["  ", ""])), &GradeContext::default());
    assert_eq!(g.feedback, vec!["未作答"]);
}

#[test]
fn fill_blank_inside_strikethrough_is_extracted() {
    let text = "## 填空 {#t}\n\n客服 ~~{{八点}}~~ 上班。\n\n> e\n";
    let bank = clean_bank("t.md", text);
    let Kind::Fill(f) = &question(&bank, "t").kind else {
        panic!()
    };
    assert_eq!(f.blanks, vec![vec!["八点"]]);
}

// ---------------------------------------------------------------- ordering

#[test]
fn ordering_parses_a_plain_ordered_list_in_the_right_order() {
    let bank = fixture_bank("types/order.md");
    let q = question(&bank, "big-sale-prep");
    assert_eq!(q.points, 3.0);
    let Kind::Order(o) = &q.kind else {
        panic!("{:?}", q.kind)
    };
    let steps: Vec<String> = o.items.iter().map(|b| blocks_text(b)).collect();
    assert_eq!(
        steps,
        vec![
            "兼职员工招聘并培训",
            "客服排班",
            "客服大促集训",
            "实打实的演习"
        ]
    );
}

#[test]
fn ordering_scores_by_longest_kept_subsequence() {
    let bank = fixture_bank("types/order.md");
    let q = question(&bank, "big-sale-prep");
    let order = |v: &[usize]| Answer::Order { order: v.to_vec() };
    assert_eq!(grade_q(q, order(&[0, 1, 2, 3])).fraction, 1.0);
    assert_eq!(grade_q(q, order(&[3, 2, 1, 0])).fraction, 0.0);
    assert!(approx(grade_q(q, order(&[1, 2, 3, 0])).fraction, 2.0 / 3.0));
    assert!(approx(grade_q(q, order(&[1, 0, 3, 2])).fraction, 1.0 / 3.0));
    assert_eq!(
        grade_q(q, order(&[0, 1, 2, 3])).feedback,
        vec!["顺序完全正确"]
    );
}

#[test]
fn ordering_with_missing_repeated_or_out_of_range_steps_never_panics_or_overscores() {
    let bank = fixture_bank("types/order.md");
    let q = question(&bank, "big-sale-prep");
    let order = |v: &[usize]| Answer::Order { order: v.to_vec() };
    let missing = grade_q(q, order(&[0, 1, 2])).fraction;
    assert!(missing < 1.0 && missing > 0.0);
    assert_eq!(grade_q(q, order(&[0, 0, 1, 1, 2, 3])).fraction, 1.0);
    assert!(grade_q(q, order(&[9, 8, 7])).fraction == 0.0);
    assert!(grade_q(q, order(&[usize::MAX, 0])).fraction < 1.0);
    assert_eq!(
        grade(&q.kind, Some(&order(&[])), &GradeContext::default()).feedback,
        vec!["未作答"]
    );
}

// ---------------------------------------------------------------- matching

#[test]
fn matching_parses_a_two_column_table_with_titles_and_pairs() {
    let bank = fixture_bank("types/match.md");
    let q = question(&bank, "script-kinds");
    let Kind::Match(m) = &q.kind else {
        panic!("{:?}", q.kind)
    };
    assert_eq!(inline_text(&m.left_title), "话术");
    assert_eq!(inline_text(&m.right_title), "类别");
    let pairs: Vec<(String, String)> = m
        .pairs
        .iter()
        .map(|(l, r)| (inline_text(l), inline_text(r)))
        .collect();
    assert_eq!(
        pairs[0],
        ("议价话术".to_string(), "销售通用话术".to_string())
    );
    assert_eq!(pairs.len(), 3);
}

#[test]
fn a_table_in_the_stem_followed_by_options_is_a_choice_with_the_table_kept_in_the_stem() {
    let bank = fixture_bank("types/match.md");
    let q = question(&bank, "table-then-options");
    assert_eq!(q.kind.type_name(), TypeName::Single);
    assert!(
        matches!(q.stem.as_slice(), [Block::Table { .. }]),
        "{:?}",
        q.stem
    );
}

#[test]
fn matching_scores_each_correct_pair() {
    let bank = fixture_bank("types/match.md");
    let q = question(&bank, "script-kinds");
    let pairs = |v: &[Option<usize>]| Answer::Match { pairs: v.to_vec() };
    assert_eq!(
        grade_q(q, pairs(&[Some(0), Some(1), Some(2)])).fraction,
        1.0
    );
    assert!(approx(
        grade_q(q, pairs(&[Some(1), Some(0), Some(2)])).fraction,
        1.0 / 3.0
    ));
    assert_eq!(
        grade_q(q, pairs(&[Some(2), Some(0), Some(1)])).fraction,
        0.0
    );
    assert!(approx(
        grade_q(q, pairs(&[Some(0), None, None])).fraction,
        1.0 / 3.0
    ));
    assert_eq!(
        grade(
            &q.kind,
            Some(&pairs(&[None, None, None])),
            &GradeContext::default()
        )
        .feedback,
        vec!["未作答"]
    );
}

#[test]
fn matching_with_out_of_range_rows_or_short_answers_does_not_panic() {
    let bank = fixture_bank("types/match.md");
    let q = question(&bank, "script-kinds");
    let pairs = |v: &[Option<usize>]| Answer::Match { pairs: v.to_vec() };
    assert!(approx(
        grade_q(q, pairs(&[Some(99), Some(1), Some(2)])).fraction,
        2.0 / 3.0
    ));
    assert!(approx(grade_q(q, pairs(&[Some(0)])).fraction, 1.0 / 3.0));
    assert_eq!(grade_q(q, pairs(&[Some(usize::MAX); 8])).fraction, 0.0);
}

// ---------------------------------------------------------------- numeric

#[test]
fn numeric_parses_value_tolerance_and_unit_from_separate_or_inline_lines() {
    let bank = fixture_bank("types/numeric.md");
    let get = |id: &str| match &question(&bank, id).kind {
        Kind::Numeric(n) => n.clone(),
        other => panic!("{id}: {other:?}"),
    };
    let a = get("reception");
    assert_eq!(
        (a.value, a.tolerance, a.unit.as_deref()),
        (600.0, 0.0, Some("人"))
    );
    let b = get("estimate");
    assert_eq!((b.value, b.tolerance, b.unit), (600.0, 5.0, None));
    let c = get("decimal");
    assert_eq!((c.value, c.tolerance), (0.3, 0.1));
}

#[test]
fn numeric_accepts_full_width_digits_spaces_and_the_unit() {
    let bank = fixture_bank("types/numeric.md");
    let q = question(&bank, "reception");
    for ok in ["600", "６００", "600人", " 600 人 ", "６００人", "600.0"] {
        assert_eq!(grade_q(q, numeric(ok)).fraction, 1.0, "{ok:?}");
    }
    for wrong in ["601", "599.5", "六百", "600个", "abc"] {
        assert_eq!(grade_q(q, numeric(wrong)).fraction, 0.0, "{wrong:?}");
    }
    assert!(grade_q(q, numeric("601")).feedback[0].contains("600人"));
    assert!(grade_q(q, numeric("六百")).feedback[0].contains("无法识别"));
}

#[test]
fn numeric_tolerance_boundaries_are_inclusive() {
    let bank = fixture_bank("types/numeric.md");
    let q = question(&bank, "estimate");
    for (text, expected) in [
        ("605", 1.0),
        ("595", 1.0),
        ("600", 1.0),
        ("605.01", 0.0),
        ("594.99", 0.0),
        ("-600", 0.0),
    ] {
        assert_eq!(grade_q(q, numeric(text)).fraction, expected, "{text}");
    }
    // Decimal tolerances are not failed by float rounding at the boundary.
    let d = question(&bank, "decimal");
    for (text, expected) in [
        ("0.4", 1.0),
        ("0.2", 1.0),
        ("0.30000000000000004", 1.0),
        ("0.41", 0.0),
        ("0.19", 0.0),
    ] {
        assert_eq!(grade_q(d, numeric(text)).fraction, expected, "{text}");
    }
}

#[test]
fn numeric_rejects_non_finite_input() {
    let bank = fixture_bank("types/numeric.md");
    let q = question(&bank, "estimate");
    for text in ["inf", "NaN", "1e999", "-inf"] {
        assert_eq!(grade_q(q, numeric(text)).fraction, 0.0, "{text}");
    }
}

// ---------------------------------------------------------------- scenario reply

#[test]
fn reply_parses_keypoints_with_variants_and_forbidden_words_with_reasons() {
    let bank = fixture_bank("types/reply.md");
    let q = question(&bank, "bargain");
    assert_eq!(q.points, 4.0);
    let Kind::Reply(r) = &q.kind else {
        panic!("{:?}", q.kind)
    };
    assert_eq!(
        r.keypoints,
        vec![
            vec!["抱歉", "不好意思"],
            vec!["很低", "优惠", "实惠", "划算"],
            vec!["质量", "品质", "做工"]
        ]
    );
    let words: Vec<(&str, &str)> = r
        .forbidden
        .iter()
        .map(|f| (f.word.as_str(), f.reason.as_str()))
        .collect();
    assert_eq!(words, vec![("不还价", ""), ("没有", "伤害买家自尊")]);
}

#[test]
fn reply_parses_inline_keypoints_and_inline_forbidden_list() {
    let bank = fixture_bank("types/reply.md");
    let Kind::Reply(r) = &question(&bank, "ship").kind else {
        panic!()
    };
    assert_eq!(
        r.keypoints,
        vec![vec!["抱歉", "亲"], vec!["48小时", "两天"]]
    );
    let words: Vec<&str> = r.forbidden.iter().map(|f| f.word.as_str()).collect();
    assert_eq!(words, vec!["不知道", "问快递"]);
}

#[test]
fn reply_scores_a_share_per_keypoint_hit_by_any_variant() {
    let bank = fixture_bank("types/reply.md");
    let q = question(&bank, "bargain");
    assert_eq!(
        grade_q(q, reply("不好意思亲，这已经是很优惠的价格了，品质也有保证")).fraction,
        1.0
    );
    assert!(approx(grade_q(q, reply("抱歉亲")).fraction, 1.0 / 3.0));
    let g = grade_q(q, reply("您好"));
    assert_eq!(g.fraction, 0.0);
    assert!(
        g.feedback
            .iter()
            .any(|f| f.contains("缺少的要点") && f.contains("抱歉")),
        "{:?}",
        g.feedback
    );
    assert_eq!(g.redline, None);
}

#[test]
fn reply_matching_ignores_case_spaces_and_full_width_forms() {
    let bank = fixture_bank("types/reply.md");
    let q = question(&bank, "ship");
    assert_eq!(
        grade_q(q, reply("抱 歉，我们 ４８ 小时内发货")).fraction,
        1.0
    );
}

#[test]
fn a_red_line_word_zeroes_a_reply_and_is_named_in_the_feedback() {
    let bank = fixture_bank("types/reply.md");
    let q = question(&bank, "bargain");
    let g = grade_q(q, reply("不好意思，我们不还价，价格已经很优惠，质量很好"));
    assert_eq!(g.fraction, 0.0);
    assert_eq!(g.redline.as_deref(), Some("不还价"));
    assert!(g.feedback[0].contains("“不还价”"), "{:?}", g.feedback);
    // Spread out with spaces or typed full-width, it is still the red-line word.
    assert_eq!(
        grade_q(q, reply("抱歉 不 还 价 哦，很优惠，质量好"))
            .redline
            .as_deref(),
        Some("不还价")
    );
    // The reason written after the word is shown too.
    let g = grade_q(q, reply("抱歉，没有优惠了，质量很好"));
    assert_eq!(g.redline.as_deref(), Some("没有"));
    assert!(g.feedback[0].contains("伤害买家自尊"), "{:?}", g.feedback);
}

#[test]
fn a_zeroed_reply_shows_as_wrong_with_its_red_line_in_the_attempt_outcome() {
    let bank = fixture_bank("types/reply.md");
    let key = question(&bank, "bargain").key();
    let mut answers = BTreeMap::new();
    answers.insert(key.clone(), reply("抱歉，我们不还价"));
    let out = grade_attempt(&bank, &[key], &answers, &GradeContext::default());
    assert_eq!(out.questions[0].status, Status::Wrong);
    assert_eq!(out.questions[0].redline.as_deref(), Some("不还价"));
    assert_eq!(out.score, 0.0);
}

#[test]
fn course_wide_redlines_from_the_index_zero_replies_via_grade_context() {
    let files = fixture_files("course");
    let lib = library::load("course/index.md", &files);
    let errs: Vec<String> = lib.errors().map(|d| d.to_string()).collect();
    assert!(errs.is_empty(), "{errs:?}");
    let ctx = lib.grade_context("course/final.md");
    let words: Vec<&str> = ctx.redlines.iter().map(|f| f.word.as_str()).collect();
    assert_eq!(words, vec!["支付宝", "微信"]);

    let bank = &lib.banks["course/final.md"];
    let q = bank.questions().find(|q| q.id == "pay-reply").unwrap();
    let good = grade(&q.kind, Some(&reply("亲，您直接拍下就可以")), &ctx);
    assert_eq!(good.fraction, 1.0);
    let bad = grade(&q.kind, Some(&reply("亲，拍下后可以用支付宝付款")), &ctx);
    assert_eq!(bad.fraction, 0.0);
    assert_eq!(bad.redline.as_deref(), Some("支付宝"));
    assert!(bad.feedback[0].contains("京东客服"), "{:?}", bad.feedback);
    // Without the course context the same reply is fine: the word is only in the course list.
    assert_eq!(
        grade(
            &q.kind,
            Some(&reply("亲，拍下后可以用支付宝付款")),
            &GradeContext::default()
        )
        .fraction,
        1.0
    );

    let mut answers = BTreeMap::new();
    answers.insert(q.key(), reply("亲您好，加个微信吧，下单更便宜"));
    let out = grade_attempt(bank, &[q.key()], &answers, &ctx);
    assert_eq!(out.questions[0].redline.as_deref(), Some("微信"));
}

#[test]
fn a_banks_own_redlines_file_is_loaded_and_combined_with_the_course_list() {
    let mut files = fixture_files("course");
    files.insert(
        "course/extra.md".into(),
        Some("---\nredlines: extra-words.md\n---\n\n## 回复 {#r}\n\n要点：亲\n\n> e\n".into()),
    );
    files.insert(
        "course/extra-words.md".into(),
        Some("---\nkind: redlines\n---\n\n- 差评：威胁顾客\n".into()),
    );
    let single = library::load_single("course/extra.md", &files);
    assert_eq!(single.errors().count(), 0, "{:?}", single.diagnostics);
    let ctx = single.grade_context("course/extra.md");
    assert_eq!(
        ctx.redlines
            .iter()
            .map(|f| f.word.as_str())
            .collect::<Vec<_>>(),
        vec!["差评"]
    );
    let q = single.banks["course/extra.md"].questions().next().unwrap();
    assert_eq!(
        grade(&q.kind, Some(&reply("亲，别给差评")), &ctx)
            .redline
            .as_deref(),
        Some("差评")
    );
}

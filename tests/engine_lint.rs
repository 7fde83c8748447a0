//! Item-writing lints: each lint on a small fixture bank with the hints a trainer would expect,
//! silencing with and without a reason, coverage of a day by its exam, and the checker printing
//! hints without changing its exit code.

mod common;

use common::*;
use kefu_exam::engine::bank::library::{self, Files};
use kefu_exam::engine::lint::{lint, LintReport};
use kefu_exam::engine::text::diagnostics::Severity;
use std::process::Command;

fn lint_files(files: &Files, index: Option<&str>) -> LintReport {
    match index {
        Some(i) => {
            let lib = library::load(i, files);
            assert!(lib.errors().next().is_none(), "{:?}", lib.diagnostics);
            let banks = lib
                .banks
                .iter()
                .map(|(k, b)| (k.clone(), (**b).clone()))
                .collect();
            lint(&banks, lib.course.as_ref(), files)
        }
        None => {
            let mut banks = std::collections::BTreeMap::new();
            for p in files.keys() {
                let lib = library::load_single(p, files);
                assert!(lib.errors().next().is_none(), "{:?}", lib.diagnostics);
                banks.extend(
                    lib.banks
                        .into_iter()
                        .filter(|(k, _)| k == p)
                        .map(|(k, b)| (k, std::sync::Arc::unwrap_or_clone(b))),
                );
            }
            lint(&banks, None, files)
        }
    }
}

fn lint_fixture(rel: &str) -> LintReport {
    let mut files = Files::new();
    files.insert(rel.to_string(), Some(fixture(rel)));
    lint_files(&files, None)
}

fn lint_text(text: &str) -> Vec<(u32, String)> {
    let mut files = Files::new();
    files.insert("t.md".into(), Some(text.to_string()));
    found(&lint_files(&files, None))
        .into_iter()
        .map(|(_, l, c)| (l, c))
        .collect()
}

/// (file, line, lint name) of every hint shown.
fn found(r: &LintReport) -> Vec<(String, u32, String)> {
    r.hints
        .iter()
        .map(|h| (h.file.clone(), h.line, h.lint.code().to_string()))
        .collect()
}

fn at(file: &str, hints: &[(u32, &str)]) -> Vec<(String, u32, String)> {
    hints
        .iter()
        .map(|(l, c)| (file.to_string(), *l, c.to_string()))
        .collect()
}

#[test]
fn each_guessable_question_in_the_fixture_gets_its_hint_and_the_fair_ones_none() {
    let f = "lint/guessable.md";
    let r = lint_fixture(f);
    assert_eq!(
        found(&r),
        at(
            f,
            &[
                // 2 of 7 true/false questions are 对.
                (1, "tf-balance"),
                // All five single-choice keys are written as option A.
                (1, "key-position"),
                // 23 characters against distractors of 4.
                (39, "length-cue"),
                // 3 right, 1 wrong, partial scoring: ticking all scores 2/3.
                (62, "tick-all"),
                (89, "about-text"),
                // 课件 in the stem paragraph, not the heading.
                (97, "about-text"),
                // 售前→售前…, 售后→售后…: two of three rows give themselves away.
                (109, "echo-match"),
                // Same statement with 九点 / 八点: the later one names the earlier.
                (137, "near-duplicate"),
            ]
        )
    );
    let dup = r.hints.iter().find(|h| h.line == 137).unwrap();
    assert!(
        dup.message.contains("lint/guessable.md:131"),
        "{}",
        dup.message
    );
    let bank = &r.banks[f];
    assert_eq!((bank.tf_true, bank.tf_total), (2, 7));
    assert!(bank.summary().contains("8 条提示"), "{}", bank.summary());
    assert!(r
        .diagnostics()
        .iter()
        .all(|d| d.severity == Severity::Warning && d.message.starts_with('[')));
}

#[test]
fn a_silencing_needs_a_reason_and_a_known_lint_name() {
    let f = "lint/silenced.md";
    let r = lint_fixture(f);
    assert_eq!(
        found(&r),
        at(
            f,
            &[
                // `# lint-ok: about-text` without a reason silences nothing…
                (4, "lint-ok"),
                // …and a misspelt name is reported.
                (5, "lint-ok"),
                // `allow=length-cue` without `why` is reported and silences nothing.
                (40, "length-cue"),
                (40, "lint-ok"),
                (48, "about-text"),
            ]
        )
    );
    // tf-balance (file comment with a reason), the length cue at 32 and the near-duplicate
    // pair 56/62 (allowed with a reason on one of the two) are silenced.
    assert_eq!(r.banks[f].silenced, 3);
    assert!(r.banks[f].summary().contains("3 条已写明理由放过"));
}

#[test]
fn a_day_whose_exam_never_shows_some_questions_is_reported_unless_its_plan_says_why() {
    let r = lint_files(&fixture_files("lint/course"), Some("lint/course/index.md"));
    assert_eq!(
        found(&r),
        vec![
            // 2 of 9 per attempt × 3 attempts = 6 < 9, on the section heading.
            ("lint/course/day2.md".into(), 6, "coverage".into()),
            // Day 3 is the same but its plan says how the rest is practised: silenced.
            // Day 4's plan has the marker without a reason: both are reported.
            ("lint/course/day4.md".into(), 6, "coverage".into()),
            // The exam's own draw: 2 × 4 attempts = 8 < 9, on the front matter's draw line.
            ("lint/course/day5.md".into(), 4, "coverage".into()),
            ("lint/course/index.md".into(), 21, "lint-ok".into()),
            // Day 6 (unlimited attempts) and day 7 (3 × 3 = 9) are covered.
        ]
    );
    let day2 = &r.hints[0].message;
    assert!(
        day2.contains("第 2 天") && day2.contains("有 9 题") && day2.contains("draw 提到 3"),
        "{day2}"
    );
    assert_eq!(r.banks["lint/course/day3.md"].silenced, 1);
    let c = r.banks["lint/course/day7.md"].coverage.as_ref().unwrap();
    assert!(c.all_seen());
    let c = r.banks["lint/course/day2.md"].coverage.as_ref().unwrap();
    assert_eq!((c.reachable, c.pool), (6, 9));
}

#[test]
fn the_existing_fixture_banks_and_course_have_no_hints() {
    for rel in [
        "types/single.md",
        "types/multiple.md",
        "types/tf.md",
        "types/fill.md",
        "types/order.md",
        "types/match.md",
        "types/numeric.md",
        "types/reply.md",
        "quizdown/example.md",
    ] {
        assert_eq!(found(&lint_fixture(rel)), vec![], "{rel}");
    }
    let r = lint_files(&fixture_files("course"), Some("course/index.md"));
    assert_eq!(found(&r), vec![]);
}

fn tf_bank(yes: usize, no: usize) -> String {
    let mut t = String::from("---\ntitle: 判断\n---\n\n");
    let facts = [
        "早班八点上班",
        "晚班零点下班",
        "打字每分钟七十五字",
        "邮费按规则判定",
        "退款要核对金额",
        "大促前要演习",
        "货到付款要核对地址",
        "快捷短语要常更新",
        "转接要找对对接人",
        "备注要写清楚原因",
    ];
    for (i, fact) in facts.iter().take(yes + no).enumerate() {
        let a = if i < yes { "对" } else { "错" };
        t.push_str(&format!("## {fact}。\n\n答案：{a}\n\n> 解析\n\n"));
    }
    t
}

#[test]
fn true_false_balance_allows_40_to_60_percent_and_needs_four_questions() {
    assert_eq!(lint_text(&tf_bank(2, 3)), vec![]); // 40%
    assert_eq!(lint_text(&tf_bank(3, 2)), vec![]); // 60%
    assert_eq!(lint_text(&tf_bank(0, 3)), vec![]); // only three
    assert_eq!(lint_text(&tf_bank(3, 7)), vec![(1, "tf-balance".into())]); // 30%
    assert_eq!(lint_text(&tf_bank(7, 3)), vec![(1, "tf-balance".into())]); // 70%
}

fn single(right: &str, wrong: &[&str]) -> String {
    let mut t = format!("---\ntitle: 单选\n---\n\n## 顾客付款后客服先做什么？\n\n1. [x] {right}\n");
    for w in wrong {
        t.push_str(&format!("1. [ ] {w}\n"));
    }
    t.push_str("\n> 解析\n");
    t
}

#[test]
fn length_cue_counts_characters_not_bytes_and_needs_1_3_times_and_4_more() {
    // 9 Chinese characters (27 bytes) against 8 ASCII letters: no cue by characters.
    assert_eq!(
        lint_text(&single("核对收件信息并备注", &["abcdefgh"])),
        vec![]
    );
    let n = |k: usize| "客".repeat(k);
    // 26 against 20: exactly 1.3 times is not more than 1.3 times.
    assert_eq!(lint_text(&single(&n(26), &[&n(20), "甲乙"])), vec![]);
    // 27 against 20: over 1.3 times and at least 4 longer.
    assert_eq!(
        lint_text(&single(&n(27), &[&n(20), "甲乙"])),
        vec![(5, "length-cue".into())]
    );
    // 不是 against 是: twice as long but only one character more.
    assert_eq!(lint_text(&single("不是", &["是"])), vec![]);
    // Punctuation and spaces do not count.
    assert_eq!(
        lint_text(&single("核对，收件，信息！！！！", &["核对收件信息"])),
        vec![]
    );
}

fn multiple(right: usize, wrong: usize, scoring: &str) -> String {
    let mut t = format!("---\ntitle: 多选\n---\n\n## 大促前要准备什么？（多选） {scoring}\n\n");
    for i in 0..right {
        t.push_str(&format!("- [x] 对的{i}\n"));
    }
    for i in 0..wrong {
        t.push_str(&format!("- [ ] 错的{i}\n"));
    }
    t.push_str("\n> 解析\n");
    t
}

#[test]
fn ticking_every_option_is_reported_only_when_it_scores_over_half() {
    let hint = vec![(5, "tick-all".to_string())];
    // Partial scoring: (right − wrong) ÷ right.
    assert_eq!(lint_text(&multiple(5, 2, "")), hint); // 60%
    assert_eq!(lint_text(&multiple(3, 1, "")), hint); // 67%
    assert_eq!(lint_text(&multiple(4, 2, "")), vec![]); // exactly 50%
    assert_eq!(lint_text(&multiple(2, 2, "")), vec![]); // 0%
                                                        // All-or-nothing: ticking everything scores 0 whenever a wrong option exists.
    assert_eq!(lint_text(&multiple(5, 1, "{scoring=all}")), vec![]);
}

#[test]
fn stems_about_the_text_are_found_in_title_and_stem_but_not_in_options_or_explanation() {
    for w in ["文中", "文章", "课件", "资料", "本文", "作者", "材料"] {
        let t = format!("---\ntitle: x\n---\n\n## 按{w}所说，早班几点上班？\n\n1. [x] 8点\n1. [ ] 9点\n\n> 解析\n");
        assert_eq!(lint_text(&t), vec![(5, "about-text".into())], "{w}");
    }
    let t = "---\ntitle: x\n---\n\n## 早班几点上班？\n\n1. [x] 课件说 8 点\n1. [ ] 课件说 9 点\n\n> 文中说 8 点。\n";
    assert_eq!(lint_text(t), vec![]);
}

#[test]
fn near_duplicate_stems_are_found_across_banks_with_both_places() {
    let mut files = Files::new();
    files.insert(
        "a.md".into(),
        Some("---\ntitle: a\n---\n\n## 京东客服在接待中提到支付宝会被罚五十分。\n\n答案：对\n\n> 解析\n".into()),
    );
    files.insert(
        "b.md".into(),
        Some("---\ntitle: b\n---\n\n## 买家在京东店铺里问能不能用支付宝付款，你该怎么回？\n\n1. [x] 会\n1. [ ] 不会\n\n> 解析\n\n## 顾客问能不能便宜，你怎么回？\n\n1. [x] 先说明价格已经很低\n1. [ ] 直接拒绝\n\n> 解析\n".into()),
    );
    // A question on the same red line, asked differently, and an unrelated one: no hint.
    let r = lint_files(&files, None);
    assert!(
        r.hints.iter().all(|h| h.lint.code() != "near-duplicate"),
        "{:?}",
        r.hints
    );
    // An exact repeat across files is always found, on the later file, naming the earlier.
    files.insert(
        "c.md".into(),
        Some("---\ntitle: c\n---\n\n## 京东客服在接待中提到支付宝会被罚五十分！\n\n答案：对\n\n> 解析\n".into()),
    );
    let r = lint_files(&files, None);
    let h = r
        .hints
        .iter()
        .find(|h| h.file == "c.md" && h.lint.code() == "near-duplicate")
        .expect("c.md repeats a.md");
    assert_eq!(h.line, 5);
    assert!(h.message.contains("a.md:5"), "{}", h.message);
}

fn bankcheck(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bankcheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("bankcheck runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_checker_prints_hints_with_file_line_and_a_summary_line_but_exits_0() {
    let (code, out) = bankcheck(&["tests/fixtures/lint/guessable.md"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("tests/fixtures/lint/guessable.md:39:1: 提示: [length-cue] 正确选项 23 字"),
        "{out}"
    );
    assert!(
        out.contains("  出题检查：判断题 7 道，答案为“对”的 2 道（29%）；8 条提示"),
        "{out}"
    );
    assert!(out.contains("检查完成：0 个错误，8 个提示"), "{out}");
    let (code, out) = bankcheck(&["tests/fixtures/lint/course/"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("tests/fixtures/lint/course/day2.md:6:1: 提示: [coverage] 第 2 天"),
        "{out}"
    );
}

#[test]
fn silencing_a_question_keeps_its_derived_id_so_records_still_match() {
    let plain =
        "---\ntitle: x\n---\n\n## 根据文中，早班几点上班？\n\n1. [x] 8点\n1. [ ] 9点\n\n> 解析\n";
    let allowed = plain.replace(
        "上班？\n",
        "上班？ {allow=about-text why=\"这一题本来就考文章\"}\n",
    );
    let a = clean_bank("a.md", plain);
    let b = clean_bank("a.md", &allowed);
    let id = |b: &kefu_exam::engine::bank::bank::Bank| b.questions().next().unwrap().id.clone();
    assert_eq!(id(&a), id(&b));
    assert_eq!(lint_text(&allowed), vec![]);
    assert_eq!(lint_text(plain), vec![(5, "about-text".into())]);
}

#[test]
fn true_false_whose_false_statements_alone_carry_absolute_words_is_reported() {
    // 错 for 只/直接/所有/等……再…… and 对 for the rest answers all six.
    let f = "lint/exam/cues.md";
    let r = lint_fixture(f);
    assert_eq!(found(&r), at(f, &[(1, "cue-words")]));
    assert!(r.hints[0].message.contains("6/6"), "{}", r.hints[0].message);
    // The same facts with 一定/只要 in true statements too, and one plain false one: 3/6.
    assert_eq!(found(&lint_fixture("lint/exam/balanced.md")), vec![]);
    // No cue word at all: an all-对 bank is tf-balance's finding, not this one's.
    assert_eq!(lint_text(&tf_bank(7, 3)), vec![(1, "tf-balance".into())]);
}

#[test]
fn a_stem_stating_another_questions_key_and_a_fact_asked_three_times_are_reported() {
    let f = "lint/exam/leak.md";
    let r = lint_fixture(f);
    assert_eq!(
        found(&r),
        at(
            f,
            &[
                // “你跟顾客核对收件信息时……” gives away the key of the question at line 7.
                (15, "key-leak"),
                // 9 点 / 9:00 in lines 25, 33 and 41: the third is reported.
                (41, "fact-repeat"),
            ]
        )
    );
    let leak = &r.hints[0].message;
    assert!(
        leak.contains("lint/exam/leak.md:7") && leak.contains("核对收件信息"),
        "{leak}"
    );
    let fact = &r.hints[1].message;
    assert!(fact.contains("“9:00”") && fact.contains("3 次"), "{fact}");
    // Silenced on either question of the pair, with a reason.
    let text = fixture(f).replace(
        "{#after-pay}",
        "{#after-pay allow=key-leak why=\"两题考同一流程的前后两步，故意放在一起\"}",
    );
    let mut files = Files::new();
    files.insert(f.to_string(), Some(text));
    let r = lint_files(&files, None);
    assert_eq!(found(&r), at(f, &[(41, "fact-repeat")]));
    assert_eq!(r.banks[f].silenced, 1);
}

#[test]
fn a_composite_exam_counts_every_question_it_can_draw() {
    // a.md and b.md alone are fine; final.md draws one of each, and b's stem names a's key.
    let mut files = Files::new();
    for p in ["a.md", "b.md"] {
        let rel = format!("lint/exam/{p}");
        files.insert(rel.clone(), Some(fixture(&rel)));
    }
    assert_eq!(found(&lint_files(&files, None)), vec![]);
    files.insert(
        "lint/exam/final.md".into(),
        Some(fixture("lint/exam/final.md")),
    );
    let r = lint_files(&files, None);
    assert_eq!(
        found(&r),
        vec![("lint/exam/b.md".into(), 5, "key-leak".into())]
    );
    assert!(r.hints[0].message.contains("lint/exam/final.md"));
    assert!(r.hints[0].message.contains("lint/exam/a.md:5"));
}

fn singles(keys: &[usize]) -> String {
    let mut t = String::from("---\ntitle: 位置\n---\n\n");
    let stems = [
        "发货", "退款", "备注", "转接", "催付", "改价", "补偿", "打单",
    ];
    for (i, k) in keys.iter().enumerate() {
        t.push_str(&format!("## {}时客服先做哪一步？ {{#q{i}}}\n\n", stems[i]));
        for o in 0..4 {
            let x = if o == *k { "x" } else { " " };
            t.push_str(&format!("1. [{x}] 做法{i}{o}\n"));
        }
        t.push_str("\n> 解析\n\n");
    }
    t
}

#[test]
fn option_a_holding_over_35_percent_of_single_choice_keys_is_reported() {
    // 2 of 6 at A (33%): fine. 3 of 8 (37.5%): reported. Fewer than five questions: nothing.
    assert_eq!(lint_text(&singles(&[0, 1, 2, 3, 0, 1])), vec![]);
    assert_eq!(
        lint_text(&singles(&[0, 1, 2, 3, 0, 1, 0, 2])),
        vec![(1, "key-position".into())]
    );
    assert_eq!(lint_text(&singles(&[0, 0, 0, 0])), vec![]);
}

#[test]
fn a_merged_source_line_is_read_as_two_sources() {
    let b = clean_bank(
        "s.md",
        "---\ntitle: x\n---\n\n## 早班几点上班？\n\n1. [x] 8点\n1. [ ] 9点\n\n> 早班 8 点。\n> 来源：000_84ed276d6acfb15f.txt、001_5fd5f65c31bde43e.txt\n",
    );
    let q = b.questions().next().unwrap();
    assert_eq!(
        q.sources,
        vec!["000_84ed276d6acfb15f.txt", "001_5fd5f65c31bde43e.txt"]
    );
}

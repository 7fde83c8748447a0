//! The course index and library loading: the fixture course, the fetch protocol the app uses
//! (`missing_files` until nothing is missing), and the real seven-day course in `exams/`.

mod common;

use common::*;
use kefu_exam::engine::bank::course::parse_course;
use kefu_exam::engine::bank::library::{self, missing_files, Files};
use kefu_exam::engine::bank::redlines::{is_redline_file, parse_redlines};
use kefu_exam::engine::text::rich::{blocks_text, inline_text};
use std::collections::BTreeSet;

#[test]
fn the_course_index_lists_days_with_descriptions_exam_links_and_redlines() {
    let (course, diags) = parse_course("course/index.md", &fixture("course/index.md"));
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(course.title, "测试课程");
    assert_eq!(course.redlines, vec!["course/redlines.md".to_string()]);
    assert_eq!(course.days.len(), 2);
    assert_eq!(inline_text(&course.days[0].title), "第 1 天：平台规则");
    assert_eq!(
        blocks_text(&course.days[0].description),
        "先读规则，再做练习。"
    );
    let links: Vec<(&str, &str, u32)> = course
        .exam_paths()
        .map(|l| (l.title.as_str(), l.path.as_str(), l.line))
        .collect();
    assert_eq!(
        links,
        vec![
            ("平台规则基础", "course/basics.md", 11),
            ("结业考试", "course/final.md", 15)
        ]
    );
}

#[test]
fn the_redlines_file_gives_words_with_reasons() {
    let text = fixture("course/redlines.md");
    assert!(is_redline_file(&text));
    let (list, diags) = parse_redlines("course/redlines.md", &text);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(list.title, "平台敏感词");
    assert_eq!(list.words.len(), 2);
    assert_eq!(list.words[0].word, "支付宝");
    assert!(list.words[0].reason.starts_with("京东客服"));
    assert_eq!(list.words[1].word, "微信");
}

#[test]
fn a_redlines_file_without_kind_or_words_is_reported() {
    let (_, diags) = parse_redlines("r.md", "---\ntitle: x\n---\n\n没有列表\n");
    let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("kind: redlines")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("没有词")), "{msgs:?}");
}

#[test]
fn the_fixture_course_loads_without_errors_with_imports_resolved() {
    let lib = library::load("course/index.md", &fixture_files("course"));
    assert!(lib.diagnostics.is_empty(), "{:?}", lib.diagnostics);
    assert_eq!(
        lib.banks.keys().collect::<Vec<_>>(),
        vec!["course/basics.md", "course/final.md"]
    );
    assert_eq!(lib.banks["course/final.md"].question_count(), 6);
    assert_eq!(lib.lists().redlines["course/redlines.md"].len(), 2);
}

#[test]
fn missing_files_drives_fetching_until_the_course_is_complete() {
    let all = fixture_files("course");
    let mut files = Files::new();
    let mut rounds = 0;
    loop {
        let need = missing_files("course/index.md", &files);
        if need.is_empty() {
            break;
        }
        for p in need {
            files.insert(p.clone(), all.get(&p).cloned().flatten());
        }
        rounds += 1;
        assert!(rounds < 10, "fetching does not converge");
    }
    assert_eq!(
        files.keys().cloned().collect::<BTreeSet<_>>(),
        all.keys().cloned().collect::<BTreeSet<_>>()
    );
    let lib = library::load("course/index.md", &files);
    assert!(lib.diagnostics.is_empty(), "{:?}", lib.diagnostics);
}

#[test]
fn a_missing_bank_redlines_file_or_import_is_reported_at_its_line() {
    let mut files = fixture_files("course");
    files.insert("course/basics.md".into(), None);
    files.insert("course/redlines.md".into(), None);
    let lib = library::load("course/index.md", &files);
    let errs: Vec<String> = lib.errors().map(|d| d.to_string()).collect();
    assert!(
        errs.iter().any(|e| e.starts_with("course/index.md:11:")
            && e.contains("找不到链接的题库 \"course/basics.md\"")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.starts_with("course/index.md:4:") && e.contains("找不到红线词表")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.starts_with("course/final.md:8:") && e.contains("找不到链接的题库")),
        "{errs:?}"
    );
}

#[test]
fn an_import_of_an_unknown_section_names_the_sections_that_exist() {
    let mut files = fixture_files("course");
    let final_text = fixture("course/final.md").replace("basics.md#rules", "basics.md#nope");
    files.insert("course/final.md".into(), Some(final_text));
    let lib = library::load("course/index.md", &files);
    let errs: Vec<String> = lib.errors().map(|d| d.to_string()).collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("没有分组 \"nope\"") && errs[0].contains("rules"),
        "{errs:?}"
    );
}

// ------------------------------------------------------------------ the real course

#[test]
fn the_real_course_has_exactly_seven_days_each_with_an_exam() {
    let files = exam_files();
    let Some(Some(index)) = files.get("exams/index.md") else {
        panic!("exams/index.md is missing")
    };
    let (course, diags) = parse_course("exams/index.md", index);
    assert!(errors(&diags).is_empty(), "{diags:?}");
    assert_eq!(
        course.days.len(),
        7,
        "days: {:?}",
        course
            .days
            .iter()
            .map(|d| inline_text(&d.title))
            .collect::<Vec<_>>()
    );
    for day in &course.days {
        assert!(
            !day.exams.is_empty(),
            "{} has no exam",
            inline_text(&day.title)
        );
    }
    assert!(
        !course.redlines.is_empty(),
        "the course should name its red-line list"
    );
}

#[test]
fn the_real_course_loads_with_zero_errors() {
    let lib = library::load("exams/index.md", &exam_files());
    let errs: Vec<String> = lib.errors().map(|d| d.to_string()).collect();
    assert!(
        errs.is_empty(),
        "{} errors:\n{}",
        errs.len(),
        errs.join("\n")
    );
}

#[test]
fn every_bank_in_exams_is_reachable_from_the_index() {
    let files = exam_files();
    let lib = library::load("exams/index.md", &files);
    let concepts = lib.course.as_ref().and_then(|c| c.concepts.clone());
    let reached: BTreeSet<&String> = lib
        .banks
        .keys()
        .chain(lib.list_sources.keys())
        .chain(lib.typing.keys())
        .chain(concepts.as_ref())
        .collect();
    let unreached: Vec<&String> = files
        .iter()
        .filter(|(p, text)| {
            let name = p.rsplit('/').next().unwrap();
            name != "FORMAT.md"
                && name != "REVIEW.md"
                && name != "index.md"
                && !text.as_deref().is_some_and(is_redline_file)
        })
        .map(|(p, _)| p)
        .filter(|p| !reached.contains(p))
        .collect();
    assert!(
        unreached.is_empty(),
        "not reachable from exams/index.md: {unreached:?}"
    );
}

#[test]
fn the_real_course_has_at_least_150_questions_of_all_eight_types() {
    let lib = library::load("exams/index.md", &exam_files());
    let own = lib.banks.values().filter(|b| b.imports().next().is_none());
    let mut total = 0;
    let mut types = BTreeSet::new();
    for bank in own {
        total += bank.question_count();
        types.extend(bank.count_by_type().into_keys());
    }
    assert!(total >= 150, "only {total} questions");
    assert_eq!(types.len(), 8, "types used: {types:?}");
}

#[test]
fn every_real_exam_can_be_assembled_and_fully_answered() {
    let lib = library::load("exams/index.md", &exam_files());
    for bank in lib.banks.values() {
        let ctx = lib.grade_context(&bank.path);
        let plan = kefu_exam::engine::attempt::assemble::assemble(bank, 2026);
        assert_eq!(plan.len(), bank.attempt_size(), "{}", bank.path);
        let mut answers = std::collections::BTreeMap::new();
        for p in &plan {
            let (_, q) = bank.find(&p.key).unwrap();
            answers.insert(p.key.clone(), correct_answer(&q.kind));
        }
        let keys: Vec<String> = plan.iter().map(|p| p.key.clone()).collect();
        let out = kefu_exam::engine::grading::grade::grade_attempt(bank, &keys, &answers, &ctx);
        // A model answer built from the key points must not trip a course red line.
        let tripped: Vec<(&str, &str)> = out
            .questions
            .iter()
            .filter_map(|q| q.redline.as_deref().map(|r| (q.key.as_str(), r)))
            .collect();
        assert!(
            tripped.is_empty(),
            "{}: model answers hit red lines: {tripped:?}",
            bank.path
        );
        assert_eq!(
            out.score,
            out.max,
            "{}: {:?}",
            bank.path,
            out.questions
                .iter()
                .filter(|q| q.score < q.max)
                .collect::<Vec<_>>()
        );
    }
}

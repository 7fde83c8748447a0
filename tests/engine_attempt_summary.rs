//! An attempt's summary (what home and the start screen show) read straight from a stored
//! record equals the summary of the fully loaded and migrated record, for every schema
//! version; a record that cannot be read is refused with the full read's own words.

mod common;

use common::*;
use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason, Trainee};
use kefu_exam::engine::attempt::summary::{AttemptSummary, Score, TypingScore};
use kefu_exam::engine::bank::parse::parse_bank;
use kefu_exam::engine::question::GradeContext;
use kefu_exam::engine::text::json::SerdeJson;
use kefu_exam::engine::typing::typing::{measure, Target, TypingRecord};

/// 2026-11-23 09:00 Beijing time.
const T0: i64 = 1_795_395_600_000;

fn summary(text: &str) -> AttemptSummary {
    AttemptSummary::read::<SerdeJson>(text).unwrap()
}

/// The summary read from the text, and the one built from the record loaded in full.
fn both(text: &str) -> (AttemptSummary, AttemptSummary) {
    let full = AttemptRecord::from_json(text).unwrap();
    (summary(text), AttemptSummary::from(&full))
}

#[test]
fn every_golden_record_reads_as_the_summary_of_its_migrated_record() {
    for v in ["schema0", "schema1", "schema0.migrated", "schema1.migrated"] {
        let text = fixture(&format!("records/{v}.json"));
        let (read, built) = both(&text);
        assert_eq!(read, built, "{v}");
    }
    // Schema 0 was submitted without a result; schema 1 is an exam still open.
    let v0 = summary(&fixture("records/schema0.json"));
    assert!(v0.submitted && v0.score.is_none() && v0.mode == Mode::Exam);
    assert_eq!(v0.bank.title, "单选题样例");
    let v1 = summary(&fixture("records/schema1.json"));
    assert!(!v1.submitted);
    assert_eq!(v1.id, "1795395600000-2b");
}

#[test]
fn a_graded_record_written_by_the_browser_keeps_its_percent_and_verdict() {
    let text = fixture("records/browser-export.json");
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    let record = file["attempts"][0].to_string();
    let (read, built) = both(&record);
    assert_eq!(read, built);
    assert_eq!(
        read.score,
        Some(Score {
            percent: 100.0,
            passed: true
        })
    );
    assert!(read.submitted && !read.typing);
}

#[test]
fn a_failed_exam_shows_its_percent_and_not_passed() {
    let (bank, _) = parse_bank(
        "q.md",
        "---\npass: 80\n---\n\n## 一\n\n1. [x] 对\n1. [ ] 错\n\n## 二\n\n1. [x] 对\n1. [ ] 错\n",
    );
    let mut rec = AttemptRecord::start(&bank, Mode::Exam, Trainee::default(), 7, T0);
    // One of two right: 50%, under the pass mark of 80.
    let keys = rec.keys();
    let (_, q) = bank.find(&keys[0]).unwrap();
    rec.set_answer(&keys[0], Some(correct_answer(&q.kind)), T0 + 1_000)
        .unwrap();
    let open = summary(&rec.to_json());
    assert!(!open.submitted && open.score.is_none());
    rec.submit(
        &bank,
        &GradeContext::default(),
        T0 + 2_000,
        SubmitReason::Manual,
    );
    let (read, built) = both(&rec.to_json());
    assert_eq!(read, built);
    assert_eq!(
        read.score,
        Some(Score {
            percent: 50.0,
            passed: false
        })
    );
}

fn typing_record(typed: Option<&str>) -> AttemptRecord {
    let (bank, _) = parse_bank("q.md", "## 题\n\n1. [x] 对\n1. [ ] 错\n");
    let mut rec = AttemptRecord::start(&bank, Mode::Exam, Trainee::default(), 1, T0);
    let targets: Vec<Target> = [75, 90]
        .into_iter()
        .map(|cpm| Target {
            cpm,
            label: String::new(),
        })
        .collect();
    let passage = "亲，快到截单时间了";
    let mut t = TypingRecord::new(
        vec!["p".into()],
        passage.into(),
        Some(60),
        targets.clone(),
        None,
    );
    if let Some(typed) = typed {
        // Six seconds: a tenth of a minute, so 8 correct characters are 80 字/分.
        t.result = Some(measure(passage, typed, 6_000, 0, &targets, None));
        rec.submitted_at = Some(T0 + 6_000);
    }
    rec.typing = Some(t);
    rec
}

#[test]
fn a_typing_test_keeps_its_speed_and_whether_the_lowest_target_was_met() {
    // 8 right in six seconds: 80 字/分, over the lowest target (75), under 90.
    let (read, built) = both(&typing_record(Some("亲，快到截单时间")).to_json());
    assert_eq!(read, built);
    assert!(read.typing);
    assert_eq!(
        read.typing_score,
        Some(TypingScore {
            net_cpm: 80.0,
            reached: true
        })
    );
    // 4 right: 40 字/分, no target met.
    let (read, built) = both(&typing_record(Some("亲，快到")).to_json());
    assert_eq!(read, built);
    assert_eq!(read.typing_score.map(|t| t.reached), Some(false));
    // Not ended yet: a typing test with no figures.
    let (read, built) = both(&typing_record(None).to_json());
    assert_eq!(read, built);
    assert!(read.typing && read.typing_score.is_none());
}

#[test]
fn a_record_that_cannot_be_read_is_refused_in_the_full_reads_words() {
    let v1 = fixture("records/schema1.json");
    let cases = [
        "{not json".to_string(),
        r#"{"id": "x"}"#.to_string(),
        fixture("records/schema99.json"),
        v1.replace("\"answers\"", "\"answer\""),
        v1.replace("\"mode\": \"exam\"", "\"mode\": \"quiz\""),
        v1.replace("\"started_at\": 1795395600000", "\"started_at\": \"早上\""),
    ];
    for text in cases {
        let full = AttemptRecord::from_json(&text).unwrap_err();
        let short = AttemptSummary::read::<SerdeJson>(&text).unwrap_err();
        assert_eq!(short, full, "{text}");
    }
}

#[test]
fn the_summary_does_not_read_the_answers() {
    // Why the first screen's program can leave the answers' reader out: an answer of a kind
    // this version does not know leaves the summary readable (the whole app's full read still
    // reports the record as broken, in history and on home once it takes over).
    let text = fixture("records/schema1.json").replace("\"choice\"", "\"hologram\"");
    assert!(AttemptRecord::from_json(&text).is_err());
    assert!(!summary(&text).submitted);
}

#[test]
fn the_exam_to_resume_is_the_open_one_started_last_in_any_order() {
    let at = |id: &str, started_at: i64, mode: Mode, submitted: bool| {
        let mut s = summary(&fixture("records/schema1.json"));
        (s.id, s.started_at, s.mode, s.submitted) = (id.into(), started_at, mode, submitted);
        s
    };
    let all = [
        at("late-done", T0 + 30, Mode::Exam, true),
        at("early-open", T0, Mode::Exam, false),
        at("practice-open", T0 + 40, Mode::Practice, false),
        at("later-open", T0 + 20, Mode::Exam, false),
    ];
    // Stored order (the first screen) and oldest first (the whole app) agree.
    let open = AttemptSummary::latest_open(&all).map(|s| s.id.as_str());
    assert_eq!(open, Some("later-open"));
    let mut sorted = all.to_vec();
    sorted.sort_by_key(|s| s.started_at);
    let open = AttemptSummary::latest_open(&sorted).map(|s| s.id.as_str());
    assert_eq!(open, Some("later-open"));
    // Started in the same millisecond: the later one in the list, as the whole app's
    // oldest-first order read from the end gave.
    let tie = [
        at("a", T0, Mode::Exam, false),
        at("b", T0, Mode::Exam, false),
    ];
    assert_eq!(
        AttemptSummary::latest_open(&tie).map(|s| s.id.as_str()),
        Some("b")
    );
    assert!(AttemptSummary::latest_open(&all[..1]).is_none());
}

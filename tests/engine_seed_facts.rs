//! The inventory of the seeds' concrete facts (`tests/fixtures/seed-facts.tsv`, issue 20) against
//! the course in `exams/`: every question a fact lists exists and cites that fact's seed, and at
//! least 98% of the facts are tested by some question.

mod common;

use common::fixture;
use kefu_exam::engine::bank::parse::parse_bank;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Share of facts, in percent, that must have at least one question.
const COVERAGE_MIN: f64 = 98.0;

const KINDS: &[&str] = &[
    "number",
    "threshold",
    "time",
    "rule",
    "list",
    "step",
    "tool",
    "owner",
    "penalty",
];

struct Fact {
    line: usize,
    id: String,
    seed: String,
    kind: String,
    fact: String,
    quote: String,
    /// `file#id`, the file relative to `exams/`.
    questions: Vec<String>,
}

fn parse_facts(text: &str) -> Vec<Fact> {
    let mut lines = text.lines().enumerate();
    let (_, header) = lines.next().expect("seed-facts.tsv is empty");
    assert_eq!(header, "id\tseed\tkind\tfact\tquote\tquestions");
    lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 6, "seed-facts.tsv:{}: want 6 columns", i + 1);
            Fact {
                line: i + 1,
                id: cols[0].into(),
                seed: cols[1].into(),
                kind: cols[2].into(),
                fact: cols[3].into(),
                quote: cols[4].into(),
                questions: cols[5].split_whitespace().map(String::from).collect(),
            }
        })
        .collect()
}

/// Every question of the numbered banks in `exams/`: `file#id` → the seeds its `来源` lines cite.
fn course_questions() -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("exams");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("exams/") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !name.ends_with(".md") || !name.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (bank, _) = parse_bank(&format!("exams/{name}"), &text);
        for q in bank.questions() {
            let seeds = q
                .sources
                .iter()
                .map(|s| s.as_str().trim().to_string())
                .collect();
            out.insert(format!("{name}#{}", q.id), seeds);
        }
    }
    out
}

/// References that name no question of the course, as `line: file#id`.
fn missing(facts: &[Fact], questions: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    facts
        .iter()
        .flat_map(|f| f.questions.iter().map(move |q| (f.line, q)))
        .filter(|(_, q)| !questions.contains_key(*q))
        .map(|(line, q)| format!("{line}: {q}"))
        .collect()
}

/// (covered, all) per seed and, under the key "", overall.
fn coverage(facts: &[Fact]) -> BTreeMap<String, (usize, usize)> {
    let mut out: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for f in facts {
        for key in [f.seed.clone(), String::new()] {
            let e = out.entry(key).or_default();
            e.1 += 1;
            if !f.questions.is_empty() {
                e.0 += 1;
            }
        }
    }
    out
}

fn percent((covered, all): (usize, usize)) -> f64 {
    100.0 * covered as f64 / all as f64
}

fn inventory() -> Vec<Fact> {
    parse_facts(&fixture("seed-facts.tsv"))
}

#[test]
fn the_inventory_is_well_formed_one_fact_a_line_with_its_seed_kind_and_quote() {
    let facts = inventory();
    assert!(facts.len() >= 150, "only {} facts", facts.len());
    let mut ids = BTreeSet::new();
    for f in &facts {
        assert!(ids.insert(&f.id), "line {}: id {} twice", f.line, f.id);
        assert!(
            f.seed.ends_with(".txt") && f.id.starts_with(&f.seed[..3]),
            "line {}: id {} does not belong to seed {}",
            f.line,
            f.id,
            f.seed
        );
        assert!(
            KINDS.contains(&f.kind.as_str()),
            "line {}: kind {}",
            f.line,
            f.kind
        );
        assert!(!f.fact.trim().is_empty(), "line {}: no fact", f.line);
        assert!(!f.quote.trim().is_empty(), "line {}: no quote", f.line);
    }
    // All five seeds are inventoried.
    assert_eq!(coverage(&facts).len(), 6, "five seeds and the total");
}

#[test]
fn every_listed_question_exists_in_exams_and_cites_the_facts_seed() {
    let facts = inventory();
    let questions = course_questions();
    let gone = missing(&facts, &questions);
    assert!(
        gone.is_empty(),
        "seed-facts.tsv lists questions that are not in exams/:\n{}",
        gone.join("\n")
    );
    for f in &facts {
        for q in &f.questions {
            assert!(
                questions[q].contains(&f.seed),
                "seed-facts.tsv:{}: {q} tests {} but does not cite {} (它的来源：{:?})",
                f.line,
                f.id,
                f.seed,
                questions[q]
            );
        }
    }
}

#[test]
fn at_least_98_percent_of_the_seed_facts_are_tested_by_a_question() {
    let facts = inventory();
    let cov = coverage(&facts);
    let report: Vec<String> = cov
        .iter()
        .map(|(seed, &(c, a))| {
            let name = if seed.is_empty() {
                "全部"
            } else {
                seed.as_str()
            };
            format!("{name}: {c}/{a} = {:.1}%", percent((c, a)))
        })
        .collect();
    let untested: Vec<String> = facts
        .iter()
        .filter(|f| f.questions.is_empty())
        .map(|f| format!("{} {}", f.id, f.fact))
        .collect();
    assert!(
        percent(cov[""]) >= COVERAGE_MIN,
        "coverage under {COVERAGE_MIN}%:\n{}\nuntested:\n{}",
        report.join("\n"),
        untested.join("\n")
    );
}

#[test]
fn a_question_that_disappears_from_exams_is_reported_and_uncovers_its_fact() {
    let facts = parse_facts(
        "id\tseed\tkind\tfact\tquote\tquestions\n\
         000-01\t000_a.txt\tnumber\t至少 75 字\t至少75个字\t01-tools.md#typing-min\n\
         000-02\t000_a.txt\tnumber\t90 字上岗\t90个字\t\n",
    );
    let mut questions = BTreeMap::new();
    questions.insert(
        "01-tools.md#typing-min".to_string(),
        BTreeSet::from(["000_a.txt".to_string()]),
    );
    assert!(missing(&facts, &questions).is_empty());
    assert_eq!(coverage(&facts)[""], (1, 2));
    assert_eq!(percent(coverage(&facts)[""]), 50.0);

    questions.clear();
    assert_eq!(
        missing(&facts, &questions),
        vec!["2: 01-tools.md#typing-min".to_string()]
    );
}

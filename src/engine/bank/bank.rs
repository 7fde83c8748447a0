//! A question bank: its settings from the front matter, its sections and questions.

use crate::engine::question::choice::Scoring;
use crate::engine::question::{Question, TypeName};
use crate::engine::text::decimal::{self, NumError};
use crate::engine::text::diagnostics::Reporter;
use crate::engine::text::fingerprint::Fingerprint;
use crate::engine::text::frontmatter::{parse_bool, parse_duration, Entry};
use crate::engine::text::rich::{Block, Inline};
use crate::engine::time::integrity::{self, Rules};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub title: Option<String>,
    pub description: String,
    /// Seconds; `None` for no limit.
    pub time_limit: Option<u32>,
    pub pass_percent: f64,
    pub draw: Option<usize>,
    pub shuffle_questions: bool,
    pub shuffle_options: bool,
    /// `None` for unlimited.
    pub attempts: Option<u32>,
    pub show_answers: bool,
    pub scoring: Scoring,
    pub redlines: Option<String>,
    /// The platform this bank's replies are written for (`platform: 京东`): which scoped
    /// red-line lists apply to them.
    pub platform: Option<String>,
    /// `fullscreen`, `one_way`, `max_away` (see `integrity`).
    pub rules: Rules,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: None,
            description: String::new(),
            time_limit: None,
            pass_percent: 60.0,
            draw: None,
            shuffle_questions: false,
            shuffle_options: true,
            attempts: None,
            show_answers: true,
            scoring: Scoring::Partial,
            redlines: None,
            platform: None,
            rules: Rules::default(),
        }
    }
}

pub const BANK_KEYS: &[&str] = &[
    "title",
    "description",
    "time_limit",
    "pass",
    "draw",
    "shuffle_questions",
    "shuffle_options",
    "attempts",
    "show_answers",
    "scoring",
    "redlines",
    "platform",
    "fullscreen",
    "one_way",
    "max_away",
];
/// quizdown's keys: the ones with a meaning here are mapped, the look-and-feel ones ignored.
const QUIZDOWN_KEYS: &[&str] = &["primaryColor", "secondaryColor", "textColor", "locale"];

/// The longest time limit we accept: a day.
const MAX_TIME_LIMIT: u32 = 24 * 3600;

impl Settings {
    pub fn from_entries(entries: &[Entry], rep: &mut Reporter) -> (Settings, Option<usize>) {
        let mut s = Settings::default();
        let mut draw_at = None;
        for e in entries {
            let v = e.value.as_str();
            let bad = |rep: &mut Reporter, what: &str| {
                rep.error(
                    e.value_at,
                    format!("{} 的值 \"{}\" 无法识别，{}", e.key, v, what),
                );
            };
            match e.key.as_str() {
                "title" => s.title = Some(v.to_string()).filter(|t| !t.is_empty()),
                "description" => s.description = v.to_string(),
                "time_limit" => match parse_duration(v) {
                    Some(0) => s.time_limit = None,
                    Some(secs) if secs <= MAX_TIME_LIMIT => s.time_limit = Some(secs),
                    Some(_) => {
                        rep.error(e.value_at, format!("time_limit 的值 \"{v}\" 超过 24 小时"))
                    }
                    None => bad(rep, "请写分钟数（如 30）或 1h30m"),
                },
                "pass" => match decimal::parse(v.trim_end_matches('%').trim()) {
                    Ok(p) if (0.0..=100.0).contains(&p) => s.pass_percent = p,
                    Err(NumError::TooLong) => rep.error(e.value_at, decimal::too_long_message(v)),
                    _ => bad(rep, "请写 0 到 100 之间的百分比（如 80）"),
                },
                "draw" | "nQuestions" => match v.parse::<usize>() {
                    Ok(n) if n > 0 => {
                        s.draw = Some(n);
                        draw_at = Some(e.value_at);
                    }
                    _ => bad(rep, "请写正整数"),
                },
                "shuffle_questions" | "shuffleQuestions" => match parse_bool(v) {
                    Some(b) => s.shuffle_questions = b,
                    None => bad(rep, "请写 true 或 false"),
                },
                "shuffle_options" | "shuffleAnswers" => match parse_bool(v) {
                    Some(b) => s.shuffle_options = b,
                    None => bad(rep, "请写 true 或 false"),
                },
                "show_answers" => match parse_bool(v) {
                    Some(b) => s.show_answers = b,
                    None => bad(rep, "请写 true 或 false"),
                },
                "attempts" => match v.parse::<u32>() {
                    Ok(0) => s.attempts = None,
                    Ok(n) => s.attempts = Some(n),
                    Err(_) => bad(rep, "请写正整数，0 表示不限"),
                },
                "scoring" => match v {
                    "partial" => s.scoring = Scoring::Partial,
                    "all" => s.scoring = Scoring::All,
                    _ => bad(rep, "请写 partial 或 all"),
                },
                "redlines" => s.redlines = Some(v.to_string()).filter(|p| !p.is_empty()),
                "platform" => s.platform = Some(v.to_string()).filter(|p| !p.is_empty()),
                k if integrity::KEYS.contains(&k) => {
                    if let Err(what) = s.rules.set(k, v) {
                        bad(rep, what);
                    }
                }
                k if QUIZDOWN_KEYS.contains(&k) => {}
                k => rep.error(
                    e.key_at,
                    format!("不认识的设置 \"{k}\"，可用的有：{}", BANK_KEYS.join(", ")),
                ),
            }
        }
        (s, draw_at)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: Vec<Inline>,
    /// How many questions an attempt draws from this section; `None` for all.
    pub draw: Option<usize>,
    pub questions: Vec<Question>,
    /// Set when the section's questions come from another bank.
    pub import: Option<Import>,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// Path of the other bank, relative to the course root (already resolved).
    pub path: String,
    /// `#section` within it.
    pub fragment: Option<String>,
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bank {
    pub path: String,
    pub title: String,
    pub settings: Settings,
    /// Text before the first heading, shown on the start screen.
    pub intro: Vec<Block>,
    pub sections: Vec<Section>,
    /// Hash of the bank file, to tell whether it changed since an attempt.
    pub hash: Fingerprint,
}

impl Bank {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question_count(&self) -> usize {
        self.sections.iter().map(|s| s.questions.len()).sum()
    }

    /// How many questions one attempt holds after the draws.
    pub fn attempt_size(&self) -> usize {
        let per_section: usize = self
            .sections
            .iter()
            .map(|s| s.draw.unwrap_or(s.questions.len()).min(s.questions.len()))
            .sum();
        self.settings
            .draw
            .map_or(per_section, |d| d.min(per_section))
    }

    pub fn find(&self, key: &str) -> Option<(usize, &Question)> {
        self.sections
            .iter()
            .enumerate()
            .find_map(|(si, s)| s.questions.iter().find(|q| q.key() == key).map(|q| (si, q)))
    }

    pub fn total_points(&self) -> f64 {
        self.questions().map(|q| q.points).sum()
    }

    pub fn imports(&self) -> impl Iterator<Item = &Import> {
        self.sections.iter().filter_map(|s| s.import.as_ref())
    }

    pub fn count_by_type(&self) -> BTreeMap<TypeName, usize> {
        let mut m = BTreeMap::new();
        for q in self.questions() {
            *m.entry(q.kind.type_name()).or_insert(0) += 1;
        }
        m
    }
}

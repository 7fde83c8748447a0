//! A typing bank (`kind: typing`): passages to type, the duration and the speed targets.
//!
//! Read line by line rather than as Markdown: a passage is text to type character for
//! character, so `*` or `1.` in it must stay what they are, and every line keeps its number
//! for the checker.

use crate::engine::text::decimal::{self, NumError};
use crate::engine::text::diagnostics::{Diagnostic, Reporter};
use crate::engine::text::frontmatter::{self, parse_bool, parse_duration};
use crate::engine::text::hash::hex_hash;
use crate::engine::text::rng::Rng;
use crate::engine::typing::typing::Target;

#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    pub id: String,
    pub title: String,
    pub text: String,
    /// `> 来源：…` lines under the passage.
    pub sources: Vec<String>,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypingBank {
    pub path: String,
    pub title: String,
    pub description: String,
    /// Paragraphs before the first passage, shown on the start screen.
    pub intro: Vec<String>,
    /// Seconds: 1, 3 or 5 minutes.
    pub duration: u32,
    pub targets: Vec<Target>,
    /// Percent; `None` when the bank sets no minimum.
    pub min_accuracy: Option<f64>,
    pub shuffle: bool,
    pub draw: Option<usize>,
    pub passages: Vec<Passage>,
    pub hash: String,
}

pub const TYPING_KEYS: &[&str] = &[
    "kind",
    "title",
    "description",
    "duration",
    "targets",
    "min_accuracy",
    "shuffle",
    "draw",
    "attempts",
];

/// The durations a typing test may have, in minutes (as the course's weekly tests use).
const DURATIONS: &[u32] = &[1, 3, 5];

/// Seed 000's targets, used when a bank names none: 75 字/分 for a beginner, 90 to start work,
/// 100 and above checked monthly instead of weekly.
pub fn default_targets() -> Vec<Target> {
    [75, 90, 100]
        .into_iter()
        .map(|cpm| Target {
            cpm,
            label: String::new(),
        })
        .collect()
}

/// Whether a file declares itself a typing bank (`kind: typing`) without parsing it all.
pub fn is_typing_file(text: &str) -> bool {
    let mut rep = Reporter::new("", text);
    frontmatter::split(text, &mut rep)
        .entries
        .iter()
        .any(|e| e.key == "kind" && e.value.trim() == "typing")
}

pub fn parse_typing_bank(path: &str, text: &str) -> (TypingBank, Vec<Diagnostic>) {
    let mut rep = Reporter::new(path, text);
    let fm = frontmatter::split(text, &mut rep);
    let mut bank = TypingBank {
        path: path.to_string(),
        title: file_stem(path),
        description: String::new(),
        intro: Vec::new(),
        duration: 0,
        targets: default_targets(),
        min_accuracy: None,
        shuffle: true,
        draw: None,
        passages: Vec::new(),
        hash: hex_hash(text),
    };
    let mut draw_at = 0;
    let mut has_duration = false;
    for e in &fm.entries {
        let v = e.value.trim();
        match e.key.as_str() {
            "kind" => {}
            "title" if !v.is_empty() => bank.title = v.to_string(),
            "title" => {}
            "description" => bank.description = v.to_string(),
            "duration" => match parse_duration(v) {
                Some(s) if s % 60 == 0 && DURATIONS.contains(&(s / 60)) => {
                    bank.duration = s;
                    has_duration = true;
                }
                _ => rep.error(
                    e.value_at,
                    format!("duration 的值 \"{v}\" 不行：打字测试的时间请写 1、3 或 5（分钟）"),
                ),
            },
            "targets" => match parse_targets(v) {
                Ok(t) => bank.targets = t,
                Err(m) => rep.error(e.value_at, m),
            },
            "min_accuracy" => match decimal::parse(v.trim_end_matches('%').trim()) {
                Ok(p) if (0.0..=100.0).contains(&p) => bank.min_accuracy = Some(p),
                Err(NumError::TooLong) => rep.error(e.value_at, decimal::too_long_message(v)),
                _ => rep.error(
                    e.value_at,
                    format!(
                        "min_accuracy 的值 \"{v}\" 无法识别，请写 0 到 100 之间的百分比（如 95）"
                    ),
                ),
            },
            "shuffle" => match parse_bool(v) {
                Some(b) => bank.shuffle = b,
                None => rep.error(
                    e.value_at,
                    format!("shuffle 的值 \"{v}\" 无法识别，请写 true 或 false"),
                ),
            },
            "draw" => match v.parse::<usize>() {
                Ok(n) if n > 0 => {
                    bank.draw = Some(n);
                    draw_at = e.value_at;
                }
                _ => rep.error(
                    e.value_at,
                    format!("draw 的值 \"{v}\" 无法识别，请写正整数"),
                ),
            },
            "attempts" => {}
            k => rep.error(
                e.key_at,
                format!(
                    "不认识的设置 \"{k}\"，打字题库可用的有：{}",
                    TYPING_KEYS.join(", ")
                ),
            ),
        }
    }
    if !has_duration && !rep.diags.iter().any(|d| d.message.contains("duration")) {
        rep.error(
            0,
            "打字题库必须写测试时间：在开头的设置里加一行 duration: 1、3 或 5（分钟）",
        );
    }
    read_body(text, fm.body_start, &mut bank, &mut rep);
    if bank.passages.is_empty() {
        rep.error(
            fm.body_start,
            "打字题库里没有文章：每段文章用一个标题开头（如 ## 催付款），下面写要打的文字",
        );
    }
    if let Some(d) = bank.draw {
        if d > bank.passages.len() {
            rep.error(
                draw_at,
                format!("要抽 {d} 段文章，但这里只有 {} 段", bank.passages.len()),
            );
        }
    }
    (bank, rep.diags)
}

/// `75 生手最低要求, 90 可以上岗, 100`: numbers in 字/分, each with an optional label.
fn parse_targets(v: &str) -> Result<Vec<Target>, String> {
    let mut out: Vec<Target> = Vec::new();
    for item in v.split([',', '，', '、', ';', '；']) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let digits: String = item.chars().take_while(char::is_ascii_digit).collect();
        let cpm = digits
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| {
                format!("targets 里的 \"{item}\" 应以每分钟字数开头，如 75 生手最低要求")
            })?;
        // Kept in order as they come rather than sorted after: each sort of a new element type
        // costs the wasm 4-5 KB.
        let at = out.partition_point(|t| t.cpm < cpm);
        if out.get(at).is_some_and(|t| t.cpm == cpm) {
            return Err(format!("targets 里的 {cpm} 重复了"));
        }
        let label = item[digits.len()..]
            .trim()
            .trim_start_matches("字/分")
            .trim()
            .to_string();
        out.insert(at, Target { cpm, label });
    }
    if out.is_empty() {
        return Err("targets 不能为空：请写如 75, 90, 100".into());
    }
    Ok(out)
}

fn read_body(text: &str, start: usize, bank: &mut TypingBank, rep: &mut Reporter) {
    let mut pos = start;
    let mut para = String::new();
    // (passage, heading offset) for the checks after the passage is complete.
    let mut heads: Vec<usize> = Vec::new();
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let raw = &text[pos..end];
        let line = raw.trim();
        let level = line.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&level) && line[level..].starts_with([' ', '\t']) {
            flush(&mut para, bank);
            let (title, id) = heading(line[level..].trim(), pos, rep);
            let id = id.unwrap_or_default();
            heads.push(pos);
            bank.passages.push(Passage {
                id,
                title,
                text: String::new(),
                sources: Vec::new(),
                line: rep.line_of(pos),
            });
        } else if let Some(quote) = line.strip_prefix('>') {
            flush(&mut para, bank);
            let q = quote.trim();
            let src = q.strip_prefix("来源：").or_else(|| q.strip_prefix("来源:"));
            if let (Some(s), Some(p)) = (src, bank.passages.last_mut()) {
                p.sources.push(s.trim().to_string());
            }
        } else if line.is_empty() || line.starts_with("<!--") {
            flush(&mut para, bank);
        } else {
            join(&mut para, line);
        }
        pos = end + 1;
    }
    flush(&mut para, bank);
    let mut seen: Vec<(String, u32)> = Vec::new();
    for (p, &at) in bank.passages.iter_mut().zip(&heads) {
        if p.text.is_empty() {
            rep.error(
                at,
                format!("文章“{}”没有要打的文字：请在标题下面写一段话", p.title),
            );
            continue;
        }
        if p.id.is_empty() {
            p.id = hex_hash(&p.text)[..8].to_string();
        }
        if let Some((_, first)) = seen.iter().find(|(id, _)| *id == p.id) {
            rep.error(
                at,
                format!("文章编号 \"{}\" 重复，第一次出现在第 {first} 行", p.id),
            );
        } else {
            seen.push((p.id.clone(), p.line));
        }
    }
    bank.passages.retain(|p| !p.text.is_empty());
}

/// Adds a line to a paragraph: Chinese lines join directly, Latin words keep a space.
fn join(para: &mut String, line: &str) {
    let line: String = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if para.ends_with(|c: char| c.is_ascii_alphanumeric())
        && line.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        para.push(' ');
    }
    para.push_str(&line);
}

fn flush(para: &mut String, bank: &mut TypingBank) {
    if para.is_empty() {
        return;
    }
    let text = std::mem::take(para);
    match bank.passages.last_mut() {
        Some(p) => join(&mut p.text, &text),
        None => bank.intro.push(text),
    }
}

/// A passage heading: its title and the `{#id}` at its end, if any.
fn heading(h: &str, at: usize, rep: &mut Reporter) -> (String, Option<String>) {
    let Some(open) = h.rfind('{').filter(|_| h.ends_with('}')) else {
        return (h.to_string(), None);
    };
    let inner = h[open + 1..h.len() - 1].trim();
    let title = h[..open].trim().to_string();
    match inner.strip_prefix('#') {
        Some(id)
            if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_') =>
        {
            (title, Some(id.to_string()))
        }
        _ => {
            rep.error(
                at,
                format!("打字文章的标题只能带编号，如 {{#pay-reminder}}；这里写的是 {{{inner}}}"),
            );
            (title, None)
        }
    }
}

fn file_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

impl TypingBank {
    /// The passages of one attempt, by index: drawn and ordered by the seed, so an attempt
    /// can be re-assembled from its record.
    pub fn plan(&self, seed: u64) -> Vec<usize> {
        let n = self.passages.len();
        let mut rng = Rng::new(seed);
        let mut picked: Vec<usize> = match self.draw {
            Some(k) if k < n => rng.choose(n, k),
            _ => (0..n).collect(),
        };
        if self.shuffle {
            rng.shuffle(&mut picked);
        }
        picked
    }

    /// The text of one attempt: its passages one after another.
    pub fn text_for(&self, plan: &[usize]) -> String {
        let mut text = String::new();
        for &i in plan {
            if let Some(p) = self.passages.get(i) {
                join(&mut text, &p.text);
            }
        }
        text
    }

    pub fn total_chars(&self) -> usize {
        self.passages.iter().map(|p| p.text.chars().count()).sum()
    }

    /// The checker's summary of the bank.
    pub fn summary(&self) -> String {
        let targets: Vec<String> = self
            .targets
            .iter()
            .map(|t| {
                if t.label.is_empty() {
                    t.cpm.to_string()
                } else {
                    format!("{}（{}）", t.cpm, t.label)
                }
            })
            .collect();
        let mut sources: Vec<&str> = self
            .passages
            .iter()
            .flat_map(|p| p.sources.iter().map(String::as_str))
            .collect();
        sources.sort_unstable();
        sources.dedup();
        format!(
            "\n{}  打字测试《{}》\n  {} 段文章，共 {} 字，限时 {} 分钟，目标 {} 字/分{}\n  出处：{}\n",
            self.path,
            self.title,
            self.passages.len(),
            self.total_chars(),
            self.duration / 60,
            targets.join("、"),
            self.min_accuracy
                .map_or(String::new(), |a| format!("，准确率至少 {a}%")),
            if sources.is_empty() {
                "无".to_string()
            } else {
                sources.join("，")
            }
        )
    }
}

//! Imports into a Markdown bank and exports from one (issue 24): spreadsheets (CSV, .xlsx),
//! GIFT, Moodle XML, Aiken and quizdown files.
//!
//! Every format goes through one plain model, [`Draft`]: an importer reads its format into a
//! draft, [`write::bank_markdown`] writes the draft as a bank, and the bank is parsed again by
//! [`crate::engine::bank::parse::parse_bank`] (so imported text meets the same Markdown
//! safety as any bank, and every diagnostic lands in the report). An exporter reads a parsed
//! bank into a draft ([`from_bank`]) and writes the draft in its format. Nothing is dropped
//! silently: what a format cannot hold is a [`Note`] in the [`Report`], with its row or line
//! and why.

pub mod aiken;
pub mod csv;
pub mod from_bank;
pub mod gift;
pub mod html;
pub mod moodle_xml;
pub mod quizdown;
pub mod sheet;
pub mod write;
pub mod xlsx;
pub mod xml;

use crate::engine::text::diagnostics::{Diagnostic, Severity};
use std::fmt;

/// A bank on its way between formats. Text fields hold bank Markdown (inline Markdown for the
/// one-line fields): an importer of plain text escapes it first ([`write::escape_inline`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub title: Option<String>,
    pub description: Option<String>,
    pub questions: Vec<DraftQuestion>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DraftQuestion {
    /// Where it came from (row or line), for the report.
    pub place: Place,
    /// The section (分类) it belongs to.
    pub section: Option<String>,
    /// One line: the heading.
    pub title: String,
    /// Further stem text (Markdown blocks), may be empty.
    pub body: String,
    pub kind: DraftKind,
    /// As written (`2`, `0.5`); `None` for the default 1.
    pub points: Option<String>,
    /// Markdown; written as the `>` explanation.
    pub explanation: String,
    pub tags: Vec<String>,
    pub id: Option<String>,
}

impl DraftQuestion {
    pub fn new(place: Place, title: String, kind: DraftKind) -> DraftQuestion {
        DraftQuestion {
            place,
            section: None,
            title,
            body: String::new(),
            kind,
            points: None,
            explanation: String::new(),
            tags: Vec::new(),
            id: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DraftOption {
    pub text: String,
    pub correct: bool,
    /// Feedback written under the option (`>` under the item).
    pub feedback: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DraftKind {
    Choice {
        multiple: bool,
        options: Vec<DraftOption>,
        /// `scoring=all` on the question.
        all_or_nothing: bool,
    },
    TrueFalse(bool),
    /// The blanks are written in the title or body as `{{a|b}}`; `blanks` holds them too, in
    /// order, for the exporters.
    Fill {
        blanks: Vec<Vec<String>>,
    },
    /// Steps in the correct order.
    Order(Vec<String>),
    Match {
        head: (String, String),
        pairs: Vec<(String, String)>,
    },
    Numeric {
        value: String,
        tolerance: Option<String>,
        unit: Option<String>,
    },
    /// A scenario reply: its rubric as the bank writes it (`要点：` …), one line per entry.
    Reply {
        rubric: String,
    },
}

impl DraftKind {
    pub fn label(&self) -> &'static str {
        match self {
            DraftKind::Choice {
                multiple: false, ..
            } => "单选题",
            DraftKind::Choice { multiple: true, .. } => "多选题",
            DraftKind::TrueFalse(_) => "判断题",
            DraftKind::Fill { .. } => "填空题",
            DraftKind::Order(_) => "排序题",
            DraftKind::Match { .. } => "连线题",
            DraftKind::Numeric { .. } => "数值题",
            DraftKind::Reply { .. } => "情景回复题",
        }
    }
}

/// Where a note points.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// The file as a whole.
    File,
    /// A spreadsheet row, 1-based as the spreadsheet shows it.
    Row(usize),
    /// A line of a text file, 1-based.
    Line(usize),
    /// A question of a bank being exported: its line in the bank and its id.
    Question(usize, String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::File => write!(f, "整个文件"),
            Place::Row(r) => write!(f, "第 {r} 行"),
            Place::Line(l) => write!(f, "第 {l} 行"),
            Place::Question(l, id) => write!(f, "第 {l} 行（题目 {id}）"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The row or question was not converted at all.
    Refused,
    /// Converted, but something of it was left out or changed.
    Changed,
    /// For information (a column not used, a row of instructions skipped).
    Info,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub place: Place,
    pub level: Level,
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Refused => "未转换",
            Level::Changed => "有改动",
            Level::Info => "说明",
        };
        write!(f, "{}: {}: {}", self.place, level, self.message)
    }
}

/// What a conversion did: notes in the order found, how many questions went through, and the
/// diagnostics of parsing the produced bank (imports only).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub notes: Vec<Note>,
    pub converted: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn note(&mut self, place: Place, level: Level, message: impl Into<String>) {
        self.notes.push(Note {
            place,
            level,
            message: message.into(),
        });
    }
    pub fn refuse(&mut self, place: Place, message: impl Into<String>) {
        self.note(place, Level::Refused, message)
    }
    pub fn changed(&mut self, place: Place, message: impl Into<String>) {
        self.note(place, Level::Changed, message)
    }
    pub fn info(&mut self, place: Place, message: impl Into<String>) {
        self.note(place, Level::Info, message)
    }
    pub fn refused(&self) -> usize {
        self.notes
            .iter()
            .filter(|n| n.level == Level::Refused)
            .count()
    }
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
    /// Whether anything was refused or the produced bank has errors.
    pub fn failed(&self) -> bool {
        self.refused() > 0 || self.errors() > 0
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for n in &self.notes {
            writeln!(f, "{n}")?;
        }
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        write!(
            f,
            "转换完成：{} 道题，{} 处未转换，{} 处有改动，生成的题库 {} 个错误",
            self.converted,
            self.refused(),
            self.notes
                .iter()
                .filter(|n| n.level == Level::Changed)
                .count(),
            self.errors()
        )
    }
}

/// A finished import: the bank's Markdown and what happened on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub markdown: String,
    pub report: Report,
}

/// The formats a file can be imported from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Gift,
    MoodleXml,
    Aiken,
    Quizdown,
}

impl Format {
    /// The format of a file from its name, then its first bytes.
    pub fn detect(name: &str, bytes: &[u8]) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit('.').next().unwrap_or("");
        match ext {
            "csv" | "tsv" => return Some(Format::Csv),
            "xlsx" | "xlsm" => return Some(Format::Xlsx),
            "gift" => return Some(Format::Gift),
            "xml" => return Some(Format::MoodleXml),
            "md" | "markdown" => return Some(Format::Quizdown),
            _ => {}
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Some(Format::Xlsx);
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        let t = head.trim_start_matches('\u{feff}').trim_start();
        if t.starts_with("<?xml") || t.starts_with("<quiz") {
            return Some(Format::MoodleXml);
        }
        if ext == "txt" {
            // Aiken has `ANSWER: X` lines; GIFT has `{` answer blocks or `::title::`.
            if head.lines().any(|l| l.trim_start().starts_with("ANSWER:")) {
                return Some(Format::Aiken);
            }
            return Some(Format::Gift);
        }
        None
    }
}

/// Imports `bytes` named `name` (the name gives the format and the bank's title).
pub fn import(name: &str, bytes: &[u8], mapping: &sheet::Mapping) -> Result<Imported, String> {
    let format = Format::detect(name, bytes).ok_or_else(|| {
        format!("不认识文件 {name} 的格式：可导入 .csv、.xlsx、.gift、.txt（GIFT 或 Aiken）、.xml（Moodle XML）、.md（quizdown）")
    })?;
    let stem = file_stem(name);
    let mut report = Report::default();
    let draft = match format {
        Format::Csv => {
            let text = csv::decode(bytes, &mut report);
            let rows = csv::parse(&text);
            sheet::import_rows(&rows, mapping, &mut report)
        }
        Format::Xlsx => {
            let rows = xlsx::read(bytes, &mut report)?;
            sheet::import_rows(&rows, mapping, &mut report)
        }
        Format::Gift => gift::import(&text_of(bytes, &mut report), &mut report),
        Format::MoodleXml => moodle_xml::import(&text_of(bytes, &mut report), &mut report),
        Format::Aiken => aiken::import(&text_of(bytes, &mut report), &mut report),
        Format::Quizdown => {
            return Ok(quizdown::import(name, &text_of(bytes, &mut report), report));
        }
    };
    let mut draft = draft;
    if draft.title.is_none() {
        draft.title = Some(stem);
    }
    Ok(finish(name, &draft, report))
}

/// The rows of a spreadsheet file (.csv or .xlsx), `None` for other formats: what the column
/// mapping is read from ([`sheet::columns`]).
pub fn sheet_rows(name: &str, bytes: &[u8]) -> Option<Result<Vec<Vec<String>>, String>> {
    let mut report = Report::default();
    match Format::detect(name, bytes)? {
        Format::Csv => Some(Ok(csv::parse(&csv::decode(bytes, &mut report)))),
        Format::Xlsx => Some(xlsx::read(bytes, &mut report)),
        _ => None,
    }
}

/// Writes the draft as a bank, parses it back and checks that every question came through as
/// the draft had it; the parse's diagnostics go into the report.
pub fn finish(name: &str, draft: &Draft, mut report: Report) -> Imported {
    let draft = &grouped(draft, &mut report);
    let markdown = write::bank_markdown(draft, &mut report);
    write::validate(name, &markdown, draft, &mut report);
    report.notes.sort_by(|a, b| a.place.cmp(&b.place));
    Imported { markdown, report }
}

/// The questions grouped by section, sections in the order they first appear, questions
/// without one first (a bank's questions belong to the `#` heading above them, so a section
/// named again further down, or a question without one after a section, would otherwise land
/// in the wrong one). The report says when this changed the order.
fn grouped(draft: &Draft, report: &mut Report) -> Draft {
    let mut order: Vec<Option<&str>> = vec![None];
    for q in &draft.questions {
        if !order.contains(&q.section.as_deref()) {
            order.push(q.section.as_deref());
        }
    }
    let mut out = Draft {
        questions: Vec::with_capacity(draft.questions.len()),
        ..draft.clone()
    };
    for s in &order {
        out.questions.extend(
            draft
                .questions
                .iter()
                .filter(|q| q.section.as_deref() == *s)
                .cloned(),
        );
    }
    if out.questions != draft.questions {
        report.info(
            Place::File,
            "同一分类的题目不在一起（或有题目没写分类）：已按分类归在一起，没写分类的题放在最前面",
        );
    }
    out
}

/// Text files: UTF-8 (with or without BOM), else GBK as Chinese Windows saves it.
fn text_of(bytes: &[u8], report: &mut Report) -> String {
    csv::decode(bytes, report)
}

fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rfind('.') {
        Some(i) if i > 0 => base[..i].to_string(),
        _ => base.to_string(),
    }
}

/// The formats a bank exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Gift,
    MoodleXml,
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s {
            "gift" => Some(ExportFormat::Gift),
            "xml" | "moodle" | "moodle-xml" => Some(ExportFormat::MoodleXml),
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }
}

/// Exports the bank file `path` with text `text`: the file's bytes and the report.
pub fn export(path: &str, text: &str, format: ExportFormat) -> Result<(Vec<u8>, Report), String> {
    let mut report = Report::default();
    let draft = from_bank::draft_of_file(path, text, &mut report)?;
    let bytes = match format {
        ExportFormat::Gift => gift::export(&draft, &mut report).into_bytes(),
        ExportFormat::MoodleXml => moodle_xml::export(&draft, &mut report).into_bytes(),
        ExportFormat::Csv => csv::write(&sheet::export_rows(&draft, &mut report)),
        ExportFormat::Xlsx => xlsx::write(&sheet::export_rows(&draft, &mut report))?,
    };
    report.notes.sort_by(|a, b| a.place.cmp(&b.place));
    Ok((bytes, report))
}

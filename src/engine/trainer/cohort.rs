//! A trainer's cohort: the attempts collected from many trainees' result files, the trainer's
//! marks on them, the cohort table (one row per trainee, one column per exam), and the
//! trainer's own file that another trainer (or a trainee, for the comments) can import.
//!
//! Files are read one at a time and never all-or-nothing: a file that is not an export, or is
//! truncated, is named with the reason and the others still load. An attempt already in the
//! cohort (same id) is a duplicate and is not added twice. Attempts handed over as a text code
//! or QR codes (`attempt::handover`) enter through the same door.

use crate::engine::attempt::attempt::{AttemptRecord, Mode, Trainee};
use crate::engine::attempt::handover::read_codes;
use crate::engine::attempt::report::EXPORT_FORMAT;
use crate::engine::bank::bank::Bank;
use crate::engine::bank::course::Course;
use crate::engine::bank::library::Library;
use crate::engine::question::numeric::fmt_num;
use crate::engine::question::Kind;
use crate::engine::text::json::{Codec, ParseProblem};
use crate::engine::text::rich::{blocks_text, inline_text};
use crate::engine::trainer::overrides::{effective_outcome, Marks};
use crate::engine::trainer::stats::{Item, Sheet};
use serde::Serialize;
use std::collections::BTreeMap;

pub const COHORT_FORMAT: &str = "kefu-exam-cohort";
pub const COHORT_VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cohort {
    pub attempts: Vec<AttemptRecord>,
    pub marks: Marks,
}

/// What one file gave.
#[derive(Clone, Debug, PartialEq)]
pub enum FileRead {
    /// Trainees' attempts (an export or a single record), plus a trainer file's marks.
    Loaded {
        attempts: Vec<AttemptRecord>,
        marks: Marks,
        /// Records inside the file that could not be read (the others load).
        problems: Vec<String>,
    },
    /// Not a result file, or broken: the reason.
    Refused(String),
}

/// What adding one file to the cohort did.
#[derive(Clone, Debug, PartialEq)]
pub struct FileReport {
    pub name: String,
    pub added: usize,
    pub duplicates: usize,
    /// Why the file was refused, or what inside it was skipped.
    pub problems: Vec<String>,
    pub refused: bool,
}

impl FileReport {
    pub fn message(&self) -> String {
        if self.refused {
            return format!("{}：未导入，{}", self.name, self.problems.join("；"));
        }
        let mut m = format!("{}：导入 {} 条记录", self.name, self.added);
        if self.duplicates > 0 {
            m.push_str(&format!("，{} 条已存在（重复）", self.duplicates));
        }
        if !self.problems.is_empty() {
            m.push_str(&format!("；{}", self.problems.join("；")));
        }
        m
    }
}

/// Why a text is not valid JSON, in words a trainer understands.
pub fn json_problem(text: &str, e: &ParseProblem) -> String {
    let t = text.trim_start();
    if t.is_empty() {
        "文件是空的".into()
    } else if e.eof {
        let at = if e.line > 0 {
            format!("（在第 {} 行就结束了）", e.line)
        } else {
            String::new()
        };
        format!("文件不完整{at}，可能下载或复制时被截断，请让学员重新导出")
    } else if t.starts_with("姓名") || t.lines().next().is_some_and(|l| l.contains(",工号")) {
        "这是 CSV 表格，请导入学员导出的 JSON 结果文件".into()
    } else if t.starts_with('{') || t.starts_with('[') {
        if e.line > 0 {
            format!("JSON 格式有误（第 {} 行第 {} 列）", e.line, e.column)
        } else {
            format!("JSON 格式有误（{}）", e.message)
        }
    } else {
        "不是考试结果文件（不是 JSON）".into()
    }
}

/// Reads one file: a trainee's export (`kefu-exam-results`), a single attempt record, or a
/// trainer's cohort file (`kefu-exam-cohort`).
pub fn read_file_with<C: Codec>(text: &str) -> FileRead {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u64>,
    }
    let text = text.trim_start_matches('\u{feff}');
    let value = match C::parse(text) {
        Ok(v) => v,
        Err(e) => return FileRead::Refused(json_problem(text, &e)),
    };
    // A file that is JSON but not an object (or whose `format` is not text) has no head.
    let head: Head = C::decode(&value).unwrap_or(Head {
        format: None,
        version: None,
    });
    let format = head.format.as_deref();
    let marks = C::field(&value, "marks");
    let items = match (
        format,
        C::field(&value, "attempts").and_then(|a| C::items(&a)),
    ) {
        (Some(f), _) if f != EXPORT_FORMAT && f != COHORT_FORMAT => {
            return FileRead::Refused(format!("不认识的文件类型“{f}”"))
        }
        (Some(COHORT_FORMAT), _) if head.version.is_some_and(|v| v > u64::from(COHORT_VERSION)) => {
            return FileRead::Refused("这个班级文件来自更新版本的程序，请更新后再导入".into())
        }
        (_, Some(a)) => a,
        (None, None) if C::field(&value, "schema").is_some() => vec![value],
        _ => return FileRead::Refused("不是考试结果文件：里面没有考试记录".into()),
    };
    let mut attempts = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match AttemptRecord::from_node::<C>(item) {
            Ok(r) => attempts.push(r),
            Err(e) => problems.push(format!("第 {} 条记录已跳过：{e}", i + 1)),
        }
    }
    let marks = if format == Some(COHORT_FORMAT) {
        match marks.map(|m| C::decode::<Marks>(&m)) {
            Some(Ok(m)) => m,
            Some(Err(e)) => {
                problems.push(format!("批改记录无法读取：{e}"));
                Marks::default()
            }
            None => Marks::default(),
        }
    } else {
        Marks::default()
    };
    FileRead::Loaded {
        attempts,
        marks,
        problems,
    }
}

impl Cohort {
    /// Adds a file's attempts and marks (see `add_records` for duplicates).
    pub fn add_file_with<C: Codec>(&mut self, name: &str, text: &str) -> FileReport {
        let mut report = FileReport {
            name: name.to_string(),
            added: 0,
            duplicates: 0,
            problems: Vec::new(),
            refused: false,
        };
        match read_file_with::<C>(text) {
            FileRead::Refused(reason) => {
                report.refused = true;
                report.problems.push(reason);
            }
            FileRead::Loaded {
                attempts,
                marks,
                problems,
            } => {
                report.problems = problems;
                self.add_records(&mut report, attempts);
                self.marks.merge(marks);
            }
        }
        report
    }

    /// Adds the attempts of pasted text codes (复制成绩码: one or many, with chat text around
    /// them) exactly as a file's: the same duplicates rule, and each unreadable code named.
    /// `lib`: the banks the site hosts now, which name the questions a code holds by their
    /// place and a typing test's text by its passages (`attempt::handover::payload`).
    pub fn add_code(&mut self, text: &str, lib: Option<&Library>) -> FileReport {
        let read = read_codes(text, &lib);
        let mut report = FileReport {
            name: if read.found > 1 {
                format!("{} 个成绩码", read.found)
            } else {
                "成绩码".into()
            },
            added: 0,
            duplicates: 0,
            refused: read.attempts.is_empty(),
            problems: read.problems,
        };
        self.add_records(&mut report, read.attempts);
        report
    }

    /// Adds one attempt whose QR frames the desk has joined (`handover::Joiner`).
    pub fn add_scanned(&mut self, record: AttemptRecord) -> FileReport {
        let mut report = FileReport {
            name: format!("{} 的成绩码", record.trainee.name.trim()),
            added: 0,
            duplicates: 0,
            problems: Vec::new(),
            refused: false,
        };
        self.add_records(&mut report, vec![record]);
        report
    }

    /// A record already present (same id) is a duplicate; if the copy here is still open and
    /// the new one is submitted, the submitted one wins.
    fn add_records(&mut self, report: &mut FileReport, attempts: Vec<AttemptRecord>) {
        for r in attempts {
            match self.attempts.iter_mut().find(|a| a.id == r.id) {
                Some(a) => {
                    if !a.is_submitted() && r.is_submitted() {
                        *a = r;
                    } else if a.is_submitted() && r.is_submitted() && a.result != r.result {
                        report.problems.push(format!(
                            "记录 {} 与已导入的同一次考试成绩不同，保留先导入的那份",
                            r.id
                        ));
                    }
                    report.duplicates += 1;
                }
                None => {
                    self.attempts.push(r);
                    report.added += 1;
                }
            }
        }
        self.attempts.sort_by_key(|r| r.started_at);
    }

    pub fn attempt(&self, id: &str) -> Option<&AttemptRecord> {
        self.attempts.iter().find(|r| r.id == id)
    }

    /// The trainer's file: every attempt and every mark, versioned.
    pub fn write<C: Codec>(&self, now: i64) -> String {
        #[derive(Serialize)]
        struct File<'a> {
            format: &'a str,
            version: u32,
            exported_at: i64,
            attempts: &'a [AttemptRecord],
            marks: &'a Marks,
        }
        C::write(&File {
            format: COHORT_FORMAT,
            version: COHORT_VERSION,
            exported_at: now,
            attempts: &self.attempts,
            marks: &self.marks,
        })
    }

    /// Loads what `write` wrote (the trainer's own storage uses the same format).
    pub fn read<C: Codec>(text: &str) -> Result<Cohort, String> {
        match read_file_with::<C>(text) {
            FileRead::Refused(e) => Err(e),
            FileRead::Loaded {
                attempts, marks, ..
            } => Ok(Cohort { attempts, marks }),
        }
    }

    /// The trainees, each once, in order of first appearance.
    pub fn trainees(&self) -> Vec<Trainee> {
        let mut out: Vec<Trainee> = Vec::new();
        for r in &self.attempts {
            let t = trainee_key(&r.trainee);
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    pub fn attempts_of<'a>(&'a self, t: &'a Trainee) -> impl Iterator<Item = &'a AttemptRecord> {
        self.attempts
            .iter()
            .filter(move |r| trainee_key(&r.trainee) == *t)
    }
}

/// Name and employee number, trimmed: the same person typed twice with a stray space is one.
pub fn trainee_key(t: &Trainee) -> Trainee {
    Trainee {
        name: t.name.trim().to_string(),
        employee_no: t.employee_no.trim().to_string(),
    }
}

/// A column of the cohort table: one exam of the course.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub path: String,
    pub title: String,
    /// The day's title; empty for an exam the course no longer lists.
    pub day: String,
}

/// The course's exams in course order, then any other bank the attempts name.
pub fn columns(course: Option<&Course>, cohort: &Cohort) -> Vec<Column> {
    let mut cols: Vec<Column> = Vec::new();
    if let Some(c) = course {
        for d in &c.days {
            for e in &d.exams {
                if !cols.iter().any(|x| x.path == e.path) {
                    cols.push(Column {
                        path: e.path.clone(),
                        title: e.title.clone(),
                        day: inline_text(&d.title),
                    });
                }
            }
        }
    }
    for r in &cohort.attempts {
        if r.mode == Mode::Exam && !cols.iter().any(|x| x.path == r.bank.path) {
            cols.push(Column {
                path: r.bank.path.clone(),
                title: r.bank.title.clone(),
                day: String::new(),
            });
        }
    }
    cols
}

/// One trainee on one exam (exam mode only; practice does not count).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// Started exam attempts, as in Moodle.
    pub attempts: usize,
    /// Best effective percent of the submitted ones.
    pub best: Option<f64>,
    pub latest: Option<f64>,
    pub passed: bool,
    /// Time used on the latest submitted attempt (ms).
    pub time_ms: Option<i64>,
    /// Some question score was set by the trainer.
    pub marked: bool,
    /// A typing test: `best` and `latest` are net speeds in 字/分, and passed means the
    /// bank's lowest target (and its minimum accuracy, if any) was met.
    pub typing: bool,
}

impl Cell {
    /// A best or latest figure as the trainer reads it: a percent, or a typing speed.
    pub fn figure(&self, value: Option<f64>) -> String {
        match value {
            None => String::new(),
            Some(v) if self.typing => format!("{} 字/分", fmt_num(v)),
            Some(v) => format!("{}%", fmt_num(v)),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub trainee: Trainee,
    /// Column path → cell; absent where the trainee has no attempt.
    pub cells: BTreeMap<String, Cell>,
}

impl Row {
    /// Passed every column the trainee was expected to take.
    pub fn passed_all(&self, cols: &[Column]) -> bool {
        cols.iter()
            .all(|c| self.cells.get(&c.path).is_some_and(|x| x.passed))
    }
}

pub fn table(cohort: &Cohort, cols: &[Column]) -> Vec<Row> {
    cohort
        .trainees()
        .into_iter()
        .map(|t| {
            let mut cells = BTreeMap::new();
            for col in cols {
                let mut cell = Cell::default();
                let mine: Vec<&AttemptRecord> = cohort
                    .attempts_of(&t)
                    .filter(|r| r.mode == Mode::Exam && r.bank.path == col.path)
                    .collect();
                if mine.is_empty() {
                    continue;
                }
                cell.attempts = mine.len();
                for r in &mine {
                    if let Some(t) = r.typing.as_ref() {
                        cell.typing = true;
                        let Some(res) = t.result.as_ref() else {
                            continue;
                        };
                        cell.best =
                            Some(cell.best.map_or(res.net_cpm, |b: f64| b.max(res.net_cpm)));
                        cell.latest = Some(res.net_cpm);
                        cell.passed |= typing_met(res);
                        cell.time_ms = Some(res.elapsed_ms);
                        continue;
                    }
                    let Some(o) = effective_outcome(r, &cohort.marks) else {
                        continue;
                    };
                    cell.best = Some(cell.best.map_or(o.percent, |b: f64| b.max(o.percent)));
                    cell.latest = Some(o.percent);
                    cell.passed |= o.passed;
                    cell.time_ms = Some(r.time_used_ms(r.submitted_at.unwrap_or(r.started_at)));
                    cell.marked |= cohort.marks.overrides.iter().any(|x| x.attempt_id == r.id);
                }
                cells.insert(col.path.clone(), cell);
            }
            Row { trainee: t, cells }
        })
        .collect()
}

/// A typing test passes the desk's column when its verdict is 达标: the lowest target met
/// (which includes the bank's minimum accuracy, where it sets one).
fn typing_met(r: &crate::engine::typing::typing::TypingResult) -> bool {
    crate::engine::typing::typing::verdict(r) == "达标"
}

/// The attempts item analysis uses for an exam: each trainee's first submitted exam attempt
/// (Moodle's "first attempt": later ones are coloured by having seen the questions), leaving
/// out `exclude` (attempts whose file looks edited: their scores would skew the statistics).
pub fn first_attempts<'a>(
    cohort: &'a Cohort,
    bank_path: &str,
    exclude: &[String],
) -> Vec<&'a AttemptRecord> {
    let mut seen: Vec<Trainee> = Vec::new();
    let mut out = Vec::new();
    for r in &cohort.attempts {
        if r.mode != Mode::Exam || r.bank.path != bank_path || !r.is_submitted() {
            continue;
        }
        let t = trainee_key(&r.trainee);
        if !seen.contains(&t) {
            seen.push(t);
            if !exclude.contains(&r.id) {
                out.push(r);
            }
        }
    }
    out
}

/// The marks sheet of an exam for [`crate::engine::trainer::stats::analyse`]: effective
/// question scores of the given attempts, one column per question key in first-seen order.
pub fn sheet(attempts: &[&AttemptRecord], marks: &Marks) -> Sheet {
    let mut items: Vec<Item> = Vec::new();
    let mut rows = Vec::new();
    let outcomes: Vec<_> = attempts
        .iter()
        .filter_map(|r| effective_outcome(r, marks))
        .collect();
    for o in &outcomes {
        for q in &o.questions {
            if !items.iter().any(|i| i.key == q.key) {
                items.push(Item {
                    key: q.key.clone(),
                    max: q.max,
                });
            }
        }
    }
    for o in &outcomes {
        let row = items
            .iter()
            .map(|i| o.questions.iter().find(|q| q.key == i.key).map(|q| q.score))
            .collect();
        rows.push(row);
    }
    Sheet { items, rows }
}

/// For a choice question: how many of the attempts picked each option (bank order), with the
/// option's text and whether it is right. Only attempts taken on today's version of the
/// question count (an edit may have moved the options). `None` for other types.
pub fn option_counts(
    bank: &Bank,
    key: &str,
    attempts: &[&AttemptRecord],
) -> Option<Vec<OptionCount>> {
    let (_, q) = bank.find(key)?;
    let Kind::Choice(c) = &q.kind else {
        return None;
    };
    let mut counts: Vec<OptionCount> = c
        .options
        .iter()
        .map(|o| OptionCount {
            text: blocks_text(&o.content),
            correct: o.correct,
            picked: 0,
        })
        .collect();
    for r in attempts {
        let same = r
            .questions
            .iter()
            .any(|aq| aq.key == key && aq.hash == q.hash.as_str());
        if !same {
            continue;
        }
        if let Some(crate::engine::question::answer::Answer::Choice { selected }) =
            r.answers.get(key)
        {
            for &i in selected {
                if let Some(c) = counts.get_mut(i) {
                    c.picked += 1;
                }
            }
        }
    }
    Some(counts)
}

#[derive(Clone, Debug, PartialEq)]
pub struct OptionCount {
    pub text: String,
    pub correct: bool,
    pub picked: usize,
}

/// Item analysis of one exam over each trainee's first attempt (see [`first_attempts`]).
pub fn exam_stats(
    cohort: &Cohort,
    bank_path: &str,
    exclude: &[String],
) -> crate::engine::trainer::stats::TestStats {
    let firsts = first_attempts(cohort, bank_path, exclude);
    crate::engine::trainer::stats::analyse(&sheet(&firsts, &cohort.marks))
}

/// For a trainee importing a trainer's file: the marks it holds on the trainee's own attempts
/// (`mine`), merged into what they had (`had`, the stored feedback, same format). `None` when
/// `text` is not a trainer's file, so the caller reads it as a results export instead.
pub fn trainer_feedback_with<C: Codec>(
    text: &str,
    mine: &[&str],
    had: Option<&str>,
) -> Option<(Cohort, usize)> {
    #[derive(serde::Deserialize)]
    struct Peek {
        format: Option<String>,
    }
    let peek: Peek = C::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    if peek.format.as_deref() != Some(COHORT_FORMAT) {
        return None;
    }
    let FileRead::Loaded { marks, .. } = read_file_with::<C>(text) else {
        return None;
    };
    let theirs = marks.for_attempts(mine);
    let n = theirs.overrides.len() + theirs.regrades.len();
    let mut kept = had
        .and_then(|t| Cohort::read::<C>(t).ok())
        .unwrap_or_default();
    kept.attempts.clear();
    kept.marks.merge(theirs);
    Some((kept, n))
}

/// Native shorthands (serde_json); the app passes its own codec.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::*;
    use crate::engine::text::json::SerdeJson;

    pub fn read_file(text: &str) -> FileRead {
        read_file_with::<SerdeJson>(text)
    }

    pub fn trainer_feedback(
        text: &str,
        mine: &[&str],
        had: Option<&str>,
    ) -> Option<(Cohort, usize)> {
        trainer_feedback_with::<SerdeJson>(text, mine, had)
    }

    impl Cohort {
        pub fn add_file(&mut self, name: &str, text: &str) -> FileReport {
            self.add_file_with::<SerdeJson>(name, text)
        }

        pub fn to_json(&self, now: i64) -> String {
            self.write::<SerdeJson>(now)
        }

        pub fn from_json(text: &str) -> Result<Cohort, String> {
            Self::read::<SerdeJson>(text)
        }
    }
}
#[cfg(not(target_arch = "wasm32"))]
pub use native::{read_file, trainer_feedback};

/// When each question was last answered, as (ms since the start, ms since the answer given
/// before it): the only per-question timing a record holds, shown to the trainer as such.
pub fn answer_times(record: &AttemptRecord) -> BTreeMap<String, (i64, i64)> {
    let mut times: Vec<(&String, i64)> = record
        .answered_at
        .iter()
        .filter(|(k, _)| record.answers.contains_key(*k))
        .map(|(k, &t)| (k, t))
        .collect();
    times.sort_by_key(|&(_, t)| t);
    let mut prev = record.started_at;
    let mut out = BTreeMap::new();
    for (k, t) in times {
        out.insert(k.clone(), (t - record.started_at, t - prev));
        prev = t;
    }
    out
}

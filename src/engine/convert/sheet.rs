//! The spreadsheet template of Chinese exam platforms: one row per question, with 题型, 题干,
//! 选项A–H, 答案, 解析, 分值, 分类 … columns, read into a draft and written from one.
//!
//! Headers are recognised in their usual spellings (`题目`, `正确答案`, `答案解析`, `分数`,
//! `章节`, `A`, `选项1` …, with `*必填`-style marks ignored); a [`Mapping`] overrides any of
//! them. Cells hold bank Markdown (plain text is Markdown). Answers: letters (`ABD`, `A,B`),
//! 对/错/正确/错误/√/×, and fill-in answers per blank separated by `；` with alternatives by `|`.

use super::{Draft, DraftKind, DraftOption, DraftQuestion, Place, Report};
use crate::engine::question::truefalse::TrueFalse;
use crate::engine::text::decimal;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Type,
    Stem,
    /// Option A (0) to H (7).
    Option(u8),
    Answer,
    Explanation,
    Points,
    Section,
    Tags,
    Id,
    Tolerance,
    Unit,
    /// A column to leave out (a mapping's `忽略`).
    Ignore,
}

pub const MAX_OPTIONS: usize = 8;

impl Field {
    /// The field a header names, in the usual spellings of Chinese templates and English.
    pub fn from_header(header: &str) -> Option<Field> {
        let h = normalize_header(header);
        let f = match h.as_str() {
            "题型" | "题目类型" | "试题类型" | "类型" | "题类" | "type" | "questiontype" => {
                Field::Type
            }
            "题干" | "题目" | "试题" | "题目内容" | "试题内容" | "题干内容" | "问题"
            | "试题题干" | "题目题干" | "question" | "stem" | "title" => Field::Stem,
            "答案" | "正确答案" | "标准答案" | "参考答案" | "试题答案" | "题目答案" | "answer"
            | "correctanswer" | "key" => Field::Answer,
            "解析" | "答案解析" | "试题解析" | "题目解析" | "解释" | "解答" | "分析"
            | "explanation" | "feedback" | "analysis" => Field::Explanation,
            "分值" | "分数" | "得分" | "题目分值" | "试题分值" | "每题分值" | "score"
            | "points" | "mark" | "marks" => Field::Points,
            "分类" | "章节" | "知识点" | "题库分类" | "所属分类" | "试题分类" | "题目分类"
            | "所属章节" | "目录" | "分组" | "category" | "section" | "chapter" => {
                Field::Section
            }
            "标签" | "关键词" | "关键字" | "tags" | "tag" => Field::Tags,
            "编号" | "题目编号" | "试题编号" | "id" => Field::Id,
            "误差" | "允许误差" | "tolerance" => Field::Tolerance,
            "单位" | "unit" => Field::Unit,
            "忽略" | "ignore" => Field::Ignore,
            _ => return option_header(&h).map(Field::Option),
        };
        Some(f)
    }

    pub fn label(self) -> String {
        match self {
            Field::Type => "题型".into(),
            Field::Stem => "题干".into(),
            Field::Option(i) => format!("选项{}", (b'A' + i) as char),
            Field::Answer => "答案".into(),
            Field::Explanation => "解析".into(),
            Field::Points => "分值".into(),
            Field::Section => "分类".into(),
            Field::Tags => "标签".into(),
            Field::Id => "编号".into(),
            Field::Tolerance => "误差".into(),
            Field::Unit => "单位".into(),
            Field::Ignore => "忽略".into(),
        }
    }
}

/// A header with white space, `*` marks and bracketed notes (`（必填）`, `【单选】`) removed,
/// full-width ASCII made half-width, lower case.
fn normalize_header(h: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in h.chars() {
        let c = half_width(c);
        match c {
            '(' | '[' | '【' | '<' | '《' => depth += 1,
            ')' | ']' | '】' | '>' | '》' => depth = depth.saturating_sub(1),
            c if depth > 0 || c.is_whitespace() || c == '*' || c == ':' || c == '_' => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// `a`, `选项a`, `a选项`, `选项1`, `optiona`, `答案a`? no: only option spellings.
fn option_header(h: &str) -> Option<u8> {
    let rest = h
        .strip_prefix("选项")
        .or_else(|| h.strip_suffix("选项"))
        .or_else(|| h.strip_prefix("option"))
        .or_else(|| h.strip_prefix("选择项"))
        .unwrap_or(h);
    let b = rest.as_bytes();
    match b {
        [c @ b'a'..=b'h'] => Some(c - b'a'),
        [c @ b'1'..=b'8'] if rest.len() < h.len() => Some(c - b'1'),
        _ => None,
    }
}

/// Where a mapping override points: a column by its letter or number, or by its header.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    Index(usize),
    Header(String),
}

/// Column overrides given by the trainer: `题干=C`, `答案=正确选项`, `分类=忽略`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mapping {
    pub overrides: Vec<(Field, Column)>,
}

impl Mapping {
    /// Parses `字段=列,字段=列`: a field in any header spelling, a column as a letter (`C`),
    /// a 1-based number or a header text. `列=忽略` (a column's header, then `忽略`) drops it.
    pub fn parse(spec: &str) -> Result<Mapping, String> {
        let mut m = Mapping::default();
        for part in spec
            .split([',', '，'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (k, v) = part
                .split_once(['=', '＝'])
                .ok_or_else(|| format!("列的对应“{part}”要写成 字段=列，如 题干=C"))?;
            let (k, v) = (k.trim(), v.trim());
            let field = Field::from_header(k);
            match (field, Field::from_header(v)) {
                (_, Some(Field::Ignore)) => m.overrides.push((Field::Ignore, column_ref(k))),
                (Some(f), _) => m.overrides.push((f, column_ref(v))),
                (None, _) => return Err(format!("不认识的字段“{k}”：可用 题型、题干、选项A…选项H、答案、解析、分值、分类、标签、编号、误差、单位")),
            }
        }
        Ok(m)
    }
}

fn column_ref(v: &str) -> Column {
    let upper = v.to_ascii_uppercase();
    if !upper.is_empty() && upper.len() <= 2 && upper.bytes().all(|b| b.is_ascii_uppercase()) {
        let n = upper
            .bytes()
            .fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize);
        return Column::Index(n - 1);
    }
    match v.parse::<usize>() {
        Ok(n) if n > 0 => Column::Index(n - 1),
        _ => Column::Header(v.to_string()),
    }
}

/// A column's letter as spreadsheets show it (0 → `A`, 26 → `AA`).
pub fn column_letter(i: usize) -> String {
    column_name(i)
}

fn column_name(i: usize) -> String {
    let mut n = i + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The columns of a header row after the overrides: the field of each column.
fn map_columns(header: &[String], mapping: &Mapping) -> Vec<Option<Field>> {
    let mut cols: Vec<Option<Field>> = header.iter().map(|h| Field::from_header(h)).collect();
    for (field, col) in &mapping.overrides {
        let at = match col {
            Column::Index(i) => Some(*i),
            Column::Header(h) => header.iter().position(|x| x.trim() == h.trim()),
        };
        let Some(at) = at else { continue };
        if cols.len() <= at {
            cols.resize(at + 1, None);
        }
        if *field != Field::Ignore {
            // The field moves: a column that had it by its header loses it.
            for c in cols.iter_mut() {
                if *c == Some(*field) {
                    *c = None;
                }
            }
        }
        cols[at] = Some(*field);
    }
    cols
}

/// The header row (0-based) among the first 20 and the field of each of its columns: the first
/// row that has a stem and an answer or type column, after the overrides.
fn find_header(rows: &[Vec<String>], mapping: &Mapping) -> Option<(usize, Vec<Option<Field>>)> {
    rows.iter().take(20).enumerate().find_map(|(i, r)| {
        let cols = map_columns(r, mapping);
        let has = |f: Field| cols.contains(&Some(f));
        (has(Field::Stem) && (has(Field::Answer) || has(Field::Type))).then_some((i, cols))
    })
}

/// How a sheet's columns are read, for a trainer to see and correct.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    /// The header row, 1-based as the spreadsheet shows it; `None` when no row reads as one
    /// (then `headers` are the first non-empty row's cells).
    pub header_row: Option<usize>,
    pub headers: Vec<String>,
    /// The field each column is read as (`None`: not imported).
    pub fields: Vec<Option<Field>>,
}

/// The columns of `rows` as `import_rows` reads them with `mapping`.
pub fn columns(rows: &[Vec<String>], mapping: &Mapping) -> Columns {
    match find_header(rows, mapping) {
        Some((at, mut fields)) => {
            let headers = rows[at].clone();
            fields.resize(fields.len().max(headers.len()), None);
            Columns {
                header_row: Some(at + 1),
                headers,
                fields,
            }
        }
        None => {
            let headers = rows
                .iter()
                .find(|r| r.iter().any(|c| !c.trim().is_empty()))
                .cloned()
                .unwrap_or_default();
            Columns {
                header_row: None,
                fields: vec![None; headers.len()],
                headers,
            }
        }
    }
}

/// Every field a column can be read as, in the template's order, and `Ignore` last.
pub fn all_fields() -> Vec<Field> {
    let mut out = vec![Field::Type, Field::Section, Field::Stem];
    out.extend((0..MAX_OPTIONS as u8).map(Field::Option));
    out.extend([
        Field::Answer,
        Field::Explanation,
        Field::Points,
        Field::Tags,
        Field::Id,
        Field::Tolerance,
        Field::Unit,
        Field::Ignore,
    ]);
    out
}

/// The overrides that turn `detected` into `wanted` (one field per column, `None` or `Ignore`
/// to leave a column out): only the columns that differ, so the header row is still found by
/// its names.
pub fn mapping_for(detected: &[Option<Field>], wanted: &[Option<Field>]) -> Mapping {
    let mut m = Mapping::default();
    for (i, w) in wanted.iter().enumerate() {
        let was = detected.get(i).copied().flatten();
        let w = w.filter(|f| *f != Field::Ignore);
        if w != was {
            m.overrides
                .push((w.unwrap_or(Field::Ignore), Column::Index(i)));
        }
    }
    m
}

impl Mapping {
    /// The overrides as `bankcheck --map` takes them (`题干=C,E=忽略`).
    pub fn spec(&self) -> String {
        self.overrides
            .iter()
            .map(|(f, c)| {
                let col = match c {
                    Column::Index(i) => column_name(*i),
                    Column::Header(h) => h.clone(),
                };
                if *f == Field::Ignore {
                    format!("{col}=忽略")
                } else {
                    format!("{}={col}", f.label())
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The rows of a sheet as a draft. Rows before the header row (a title, instructions) are
/// skipped with a note; every refused row is in the report with its reason.
pub fn import_rows(rows: &[Vec<String>], mapping: &Mapping, report: &mut Report) -> Draft {
    let mut draft = Draft::default();
    let Some((header_at, cols)) = find_header(rows, mapping) else {
        report.refuse(
            Place::File,
            "找不到表头：需要一行写着“题干”（或“题目”）和“答案”（或“题型”）的列名；也可以用列的对应指定，如 题干=B,答案=H",
        );
        return draft;
    };
    if header_at > 0 {
        report.info(
            Place::Row(header_at + 1),
            format!(
                "表头在第 {} 行，前面 {} 行是说明，没有导入",
                header_at + 1,
                header_at
            ),
        );
    }
    let header = &rows[header_at];
    for (i, h) in header.iter().enumerate() {
        let h = h.trim();
        if !h.is_empty() && cols.get(i).copied().flatten().is_none() {
            report.info(
                Place::Row(header_at + 1),
                format!(
                    "第 {} 列“{h}”没有对应的题目内容，没有导入（可以用列的对应指定）",
                    column_name(i)
                ),
            );
        }
    }
    let mut blank_rows = 0;
    for (i, row) in rows.iter().enumerate().skip(header_at + 1) {
        let place = Place::Row(i + 1);
        if row.iter().all(|c| c.trim().is_empty()) {
            blank_rows += 1;
            continue;
        }
        let cell = |f: Field| -> &str {
            cols.iter()
                .position(|c| *c == Some(f))
                .and_then(|at| row.get(at))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        match read_row(&cell, place.clone(), report) {
            Ok(q) => draft.questions.push(q),
            Err(why) => report.refuse(place, why),
        }
    }
    if blank_rows > 0 {
        report.info(Place::File, format!("跳过了 {blank_rows} 个空行"));
    }
    draft
}

/// The kinds a 题型 cell names.
#[derive(Clone, Copy, Debug, PartialEq)]
enum RowType {
    Single,
    Multiple,
    Tf,
    Fill,
    Order,
    Match,
    Numeric,
    Reply,
    /// Essay-like types with no automatic grading here.
    Essay,
}

fn row_type(cell: &str) -> Option<RowType> {
    let t: String = cell
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let t = t.trim_end_matches('题');
    Some(match t {
        "单选" | "单项选择" | "单选择" | "单项" | "选择" | "single" | "singlechoice" | "radio" => {
            RowType::Single
        }
        "多选" | "多项选择" | "不定项选择" | "不定项" | "多选择" | "多项" | "multiple"
        | "multiplechoice" | "checkbox" => RowType::Multiple,
        "判断" | "是非" | "对错" | "判断对错" | "tf" | "truefalse" | "true/false" | "judge" => {
            RowType::Tf
        }
        "填空" | "fill" | "blank" | "fillblank" | "shortanswer" => RowType::Fill,
        "排序" | "order" | "ordering" => RowType::Order,
        "连线" | "匹配" | "配对" | "match" | "matching" => RowType::Match,
        "数值" | "数字" | "计算" | "numeric" | "numerical" | "number" => RowType::Numeric,
        "情景回复" | "回复" | "情景" | "reply" => RowType::Reply,
        "简答" | "问答" | "论述" | "主观" | "案例分析" | "名词解释" | "essay" => {
            RowType::Essay
        }
        _ => return None,
    })
}

fn read_row<'a>(
    cell: &dyn Fn(Field) -> &'a str,
    place: Place,
    report: &mut Report,
) -> Result<DraftQuestion, String> {
    let stem = cell(Field::Stem);
    if stem.is_empty() {
        return Err("没有题干".into());
    }
    let answer = cell(Field::Answer);
    let options: Vec<(usize, &str)> = (0..MAX_OPTIONS as u8)
        .map(|i| cell(Field::Option(i)))
        .enumerate()
        .filter(|(_, o)| !o.is_empty())
        .collect();
    let type_cell = cell(Field::Type);
    let rt = if type_cell.is_empty() {
        infer_type(stem, answer, &options).ok_or(
            "没有写题型，也无法从答案推断：请在“题型”列写 单选、多选、判断、填空、排序、连线、数值 之一",
        )?
    } else {
        row_type(type_cell).ok_or_else(|| {
            format!("不认识的题型“{type_cell}”：可写 单选、多选、判断、填空、排序、连线、数值、情景回复")
        })?
    };
    let (title, body) = split_stem(stem);
    let mut q = DraftQuestion::new(place.clone(), title.to_string(), DraftKind::TrueFalse(true));
    q.body = body.to_string();
    q.kind = match rt {
        RowType::Essay => {
            return Err(format!(
            "{type_cell}没有对应的题型（本系统自动评分：情景回复题需要评分细则，见 FORMAT.md 3.8）"
        ))
        }
        RowType::Single | RowType::Multiple => {
            if options.len() < 2 {
                return Err("选择题至少要有两个选项（选项A、选项B…）".into());
            }
            // Letters, or (some templates) the right option's own text.
            let letters = match answer_letters(answer) {
                Ok(l) => l,
                Err(why) => match options.iter().find(|(_, t)| *t == answer) {
                    Some((i, _)) => {
                        report.info(
                            place.clone(),
                            format!(
                                "答案“{answer}”是选项的文字，按选项{}理解",
                                (b'A' + *i as u8) as char
                            ),
                        );
                        vec![*i]
                    }
                    None => return Err(why),
                },
            };
            for &l in &letters {
                if !options.iter().any(|(i, _)| *i == l) {
                    return Err(format!(
                        "答案“{answer}”里的 {} 选项是空的",
                        (b'A' + l as u8) as char
                    ));
                }
            }
            if rt == RowType::Single && letters.len() != 1 {
                return Err(format!(
                    "单选题要恰好一个答案，这里是“{answer}”：多个答案请把题型写成多选"
                ));
            }
            if options.len() != options.last().map_or(0, |(i, _)| i + 1) {
                report.changed(
                    place.clone(),
                    "选项中间有空列，空的选项已去掉，后面的选项前移",
                );
            }
            DraftKind::Choice {
                multiple: rt == RowType::Multiple,
                all_or_nothing: false,
                options: options
                    .iter()
                    .map(|(i, t)| DraftOption {
                        text: t.to_string(),
                        correct: letters.contains(i),
                        feedback: String::new(),
                    })
                    .collect(),
            }
        }
        RowType::Tf => DraftKind::TrueFalse(tf_answer(answer, &options, &place, report)?),
        RowType::Fill => {
            let (t, b, blanks) = fill(&q.title, &q.body, answer, &place, report)?;
            q.title = t;
            q.body = b;
            DraftKind::Fill { blanks }
        }
        RowType::Order => {
            if options.len() < 2 {
                return Err("排序题至少要有两个步骤（写在选项A、选项B…里）".into());
            }
            let items: Vec<String> = if answer.is_empty() {
                options.iter().map(|(_, t)| t.to_string()).collect()
            } else {
                let order = answer_letters(answer)?;
                let mut given: Vec<usize> = options.iter().map(|(i, _)| *i).collect();
                let mut seen = order.clone();
                given.sort_unstable();
                seen.sort_unstable();
                if given != seen {
                    return Err(format!(
                        "排序题的答案“{answer}”要把每个选项的字母各写一次，按正确的先后"
                    ));
                }
                order
                    .iter()
                    .map(|l| {
                        options
                            .iter()
                            .find(|(i, _)| i == l)
                            .map(|(_, t)| t.to_string())
                            .unwrap_or_default()
                    })
                    .collect()
            };
            DraftKind::Order(items)
        }
        RowType::Match => {
            let mut pairs = Vec::new();
            for (i, t) in &options {
                let Some((l, r)) = split_pair(t) else {
                    return Err(format!(
                        "连线题的选项{}“{t}”要写成 左项→右项",
                        (b'A' + *i as u8) as char
                    ));
                };
                pairs.push((l.to_string(), r.to_string()));
            }
            if pairs.len() < 2 {
                return Err("连线题至少要有两对（写在选项A、选项B…里，每格 左项→右项）".into());
            }
            let head = split_pair(answer)
                .map(|(l, r)| (l.to_string(), r.to_string()))
                .unwrap_or_else(|| ("项目".into(), "对应".into()));
            DraftKind::Match { head, pairs }
        }
        RowType::Numeric => {
            let (v, tol) = match answer.split_once(['±']).or_else(|| answer.split_once("+-")) {
                Some((v, t)) => (v.trim(), Some(t.trim())),
                None => (answer, None),
            };
            let tol = tol.or(Some(cell(Field::Tolerance)).filter(|t| !t.is_empty()));
            if decimal::parse(v).is_err() {
                return Err(format!("数值题的答案“{answer}”不是数"));
            }
            if let Some(t) = tol {
                if decimal::parse(t).is_err() {
                    return Err(format!("误差“{t}”不是数"));
                }
            }
            let unit = cell(Field::Unit);
            DraftKind::Numeric {
                value: v.to_string(),
                tolerance: tol.map(str::to_string),
                unit: (!unit.is_empty()).then(|| unit.to_string()),
            }
        }
        RowType::Reply => {
            if !answer.contains("要点") {
                return Err(
                    "情景回复题的“答案”要写评分细则（“要点：”下面每行一个要点，见 FORMAT.md 3.8）"
                        .into(),
                );
            }
            DraftKind::Reply {
                rubric: answer.to_string(),
            }
        }
    };
    if !matches!(
        rt,
        RowType::Single | RowType::Multiple | RowType::Order | RowType::Match | RowType::Tf
    ) && !options.is_empty()
    {
        report.changed(
            place.clone(),
            format!("{}不用选项，选项列没有导入", q.kind.label()),
        );
    }
    if rt == RowType::Tf && !options.is_empty() && answer_letters(answer).is_err() {
        report.changed(place.clone(), "判断题不用选项，选项列没有导入");
    }
    q.points = Some(cell(Field::Points).to_string()).filter(|p| !p.is_empty());
    q.explanation = cell(Field::Explanation).to_string();
    q.section = Some(cell(Field::Section).to_string()).filter(|s| !s.is_empty());
    q.tags = cell(Field::Tags)
        .split([',', '，', '、', ';', '；'])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    q.id = Some(cell(Field::Id).to_string()).filter(|s| !s.is_empty());
    Ok(q)
}

/// A type from the answer when the 题型 cell is empty.
fn infer_type(stem: &str, answer: &str, options: &[(usize, &str)]) -> Option<RowType> {
    if !options.is_empty() {
        let letters = answer_letters(answer).ok()?;
        return Some(if letters.len() == 1 {
            RowType::Single
        } else {
            RowType::Multiple
        });
    }
    if TrueFalse::parse_value(answer).is_some() || tf_word(answer).is_some() {
        return Some(RowType::Tf);
    }
    if stem.contains("{{") || placeholders(stem).next().is_some() {
        return Some(RowType::Fill);
    }
    None
}

/// The first line is the heading, the rest the stem's body.
fn split_stem(stem: &str) -> (&str, &str) {
    match stem.split_once('\n') {
        Some((t, b)) => (t.trim(), b.trim()),
        None => (stem, ""),
    }
}

/// Option letters of an answer: `ABD`, `A,B,D`, `a、b`, full-width `ＡＢ`, in written order.
fn answer_letters(answer: &str) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    for c in answer.chars().map(half_width) {
        match c.to_ascii_uppercase() {
            c @ 'A'..='H' => {
                let i = c as usize - 'A' as usize;
                if out.contains(&i) {
                    return Err(format!("答案“{answer}”里 {c} 写了两次"));
                }
                out.push(i);
            }
            ',' | '，' | '、' | ';' | '；' | ' ' | '|' | '/' => {}
            _ => {
                return Err(format!(
                    "答案“{answer}”要写选项字母（如 A 或 ABD），不认识“{c}”"
                ))
            }
        }
    }
    if out.is_empty() {
        return Err("没有答案".into());
    }
    Ok(out)
}

/// 对/错 spellings beyond the bank's own (`TrueFalse::parse_value`).
fn tf_word(answer: &str) -> Option<bool> {
    match answer.trim().to_lowercase().as_str() {
        "是" | "y" | "yes" | "✓" | "✔" | "对的" => Some(true),
        "否" | "n" | "no" | "✗" | "✘" | "x" | "错的" => Some(false),
        _ => None,
    }
}

fn tf_answer(
    answer: &str,
    options: &[(usize, &str)],
    place: &Place,
    report: &mut Report,
) -> Result<bool, String> {
    if let Some(b) = TrueFalse::parse_value(answer).or_else(|| tf_word(answer)) {
        return Ok(b);
    }
    // A letter: the option it names (`A 正确 / B 错误` templates), else A = 对, B = 错.
    if let Ok(l) = answer_letters(answer) {
        if l.len() == 1 {
            if let Some((_, t)) = options.iter().find(|(i, _)| *i == l[0]) {
                if let Some(b) = TrueFalse::parse_value(t).or_else(|| tf_word(t)) {
                    return Ok(b);
                }
                return Err(format!("判断题的答案 {answer} 指向的选项“{t}”不是 对/错"));
            }
            if options.is_empty() && l[0] < 2 {
                report.changed(
                    place.clone(),
                    format!("判断题答案“{answer}”按 A=对、B=错 理解"),
                );
                return Ok(l[0] == 0);
            }
        }
    }
    Err(format!(
        "判断题的答案“{answer}”要写 对/错（或 正确/错误、√/×、T/F）"
    ))
}

/// Blank placeholders in a stem: runs of two or more `_`, and empty brackets `（ ）` / `( )`.
fn placeholders(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let s = &text[i..];
            if s.starts_with("__") {
                let n = s.bytes().take_while(|&c| c == b'_').count();
                let r = i..i + n;
                i += n;
                return Some(r);
            }
            for (open, close) in [("（", '）'), ("(", ')'), ("【", '】')] {
                if let Some(rest) = s.strip_prefix(open) {
                    let inner = rest
                        .char_indices()
                        .find(|(_, c)| !(*c == ' ' || *c == '\u{3000}'))
                        .map(|(k, c)| (k, c == close));
                    if let Some((k, true)) = inner {
                        let r = i..i + open.len() + k + close.len_utf8();
                        i = r.end;
                        return Some(r);
                    }
                }
            }
            i += s.chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

/// A fill-in row: the blanks written into the stem as `{{a|b}}` (from `____` / `（ ）`
/// placeholders and the answer cell), or the stem's own `{{…}}`.
fn fill(
    title: &str,
    body: &str,
    answer: &str,
    place: &Place,
    report: &mut Report,
) -> Result<(String, String, Vec<Vec<String>>), String> {
    if title.contains("{{") || body.contains("{{") {
        if !answer.is_empty() {
            report.info(place.clone(), "题干里已用 {{…}} 写了答案，“答案”列没有用");
        }
        let blanks = braces(title).into_iter().chain(braces(body)).collect();
        return Ok((title.to_string(), body.to_string(), blanks));
    }
    if answer.is_empty() {
        return Err("填空题没有答案".into());
    }
    let blanks: Vec<Vec<String>> = answer
        .split([';', '；'])
        .map(|b| {
            b.split(['|', '｜'])
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect::<Vec<_>>()
        })
        .collect();
    for (k, b) in blanks.iter().enumerate() {
        if b.is_empty() {
            return Err(format!("填空题答案“{answer}”的第 {} 个空是空的", k + 1));
        }
        if b.iter().any(|a| a.contains("}}") || a.contains("{{")) {
            return Err(format!("填空题答案“{answer}”里不能有 {{{{ 或 }}}}"));
        }
    }
    let blank_text = |b: &Vec<String>| super::write::blank(b);
    let in_title: Vec<_> = placeholders(title).collect();
    let in_body: Vec<_> = placeholders(body).collect();
    let found = in_title.len() + in_body.len();
    if found == 0 && blanks.len() == 1 {
        report.changed(
            place.clone(),
            "题干里没有空格位置（____ 或 （ ））：空格放在了题干末尾",
        );
        let t = format!("{} {}", title, blank_text(&blanks[0]));
        return Ok((t, body.to_string(), blanks));
    }
    if found != blanks.len() {
        return Err(format!(
            "题干里有 {found} 个空格位置（____ 或 （ ）），答案有 {} 个空（空与空之间用 ； 分开）",
            blanks.len()
        ));
    }
    let mut it = blanks.iter();
    let mut put = |text: &str, ranges: &[std::ops::Range<usize>]| {
        let mut out = String::new();
        let mut last = 0;
        for r in ranges {
            out.push_str(&text[last..r.start]);
            out.push_str(&blank_text(it.next().unwrap_or(&Vec::new())));
            last = r.end;
        }
        out.push_str(&text[last..]);
        out
    };
    let t = put(title, &in_title);
    let b = put(body, &in_body);
    Ok((t, b, blanks))
}

/// The `{{a|b}}` blanks of a text, in order.
pub fn braces(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        out.push(
            after[..close]
                .split('|')
                .map(|a| a.trim().to_string())
                .collect(),
        );
        rest = &after[close + 2..];
    }
    out
}

/// `左→右` (also `->`, `=>`, `＝`, `=`).
fn split_pair(t: &str) -> Option<(&str, &str)> {
    for sep in ["→", "->", "=>", "＝", "="] {
        if let Some((l, r)) = t.split_once(sep) {
            let (l, r) = (l.trim(), r.trim());
            if !l.is_empty() && !r.is_empty() {
                return Some((l, r));
            }
        }
    }
    None
}

/// The template's columns, in the order the export writes them.
pub fn template_header() -> Vec<String> {
    let mut h = vec![
        "题型".to_string(),
        "分类".into(),
        "编号".into(),
        "题干".into(),
    ];
    h.extend((0..MAX_OPTIONS as u8).map(|i| Field::Option(i).label()));
    h.extend(
        ["答案", "解析", "分值", "标签", "误差", "单位"]
            .iter()
            .map(|s| s.to_string()),
    );
    h
}

/// Replaces each `{{…}}` by `____` (the sheet's blank).
fn blanks_to_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str("____");
        rest = &rest[open + 2 + close + 2..];
    }
    out.push_str(rest);
    out
}

/// The draft as rows of the template (header first). Questions a sheet cannot hold are
/// refused in the report; what a row leaves out is noted.
pub fn export_rows(draft: &Draft, report: &mut Report) -> Vec<Vec<String>> {
    let mut rows = vec![template_header()];
    let answer_col = 4 + MAX_OPTIONS;
    for q in &draft.questions {
        let mut row = vec![String::new(); answer_col + 6];
        row[0] = q.kind.label().to_string();
        row[1] = q.section.clone().unwrap_or_default();
        row[2] = q.id.clone().unwrap_or_default();
        let (mut title, mut body) = (q.title.clone(), q.body.clone());
        let set_options = |row: &mut Vec<String>, opts: Vec<String>, report: &mut Report| {
            if opts.len() > MAX_OPTIONS {
                report.refuse(
                    q.place.clone(),
                    format!(
                        "有 {} 个选项，表格最多放 {MAX_OPTIONS} 个（选项A–H）",
                        opts.len()
                    ),
                );
                return false;
            }
            for (i, o) in opts.into_iter().enumerate() {
                row[4 + i] = o;
            }
            true
        };
        match &q.kind {
            DraftKind::Choice {
                options,
                all_or_nothing,
                ..
            } => {
                if !set_options(
                    &mut row,
                    options.iter().map(|o| o.text.clone()).collect(),
                    report,
                ) {
                    continue;
                }
                row[answer_col] = options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, _)| (b'A' + i as u8) as char)
                    .collect();
                if options.iter().any(|o| !o.feedback.trim().is_empty()) {
                    report.changed(
                        q.place.clone(),
                        "选项下的解析没有放进表格（表格只有一列解析）",
                    );
                }
                if *all_or_nothing {
                    report.changed(q.place.clone(), "scoring=all（全对才得分）没有放进表格");
                }
            }
            DraftKind::TrueFalse(b) => row[answer_col] = if *b { "对" } else { "错" }.into(),
            DraftKind::Fill { blanks } => {
                if blanks
                    .iter()
                    .flatten()
                    .any(|a| a.contains([';', '；', '|', '｜']))
                {
                    report.refuse(
                        q.place.clone(),
                        "填空答案里有 ；或 |，表格的答案列用它们分隔空和说法",
                    );
                    continue;
                }
                if placeholders(&title).next().is_some() || placeholders(&body).next().is_some() {
                    report.refuse(
                        q.place.clone(),
                        "题干里本来就有 ____ 或 （ ），导入时会被当作空格：这道题没有放进表格",
                    );
                    continue;
                }
                title = blanks_to_placeholders(&title);
                body = blanks_to_placeholders(&body);
                row[answer_col] = blanks
                    .iter()
                    .map(|b| b.join("|"))
                    .collect::<Vec<_>>()
                    .join("；");
            }
            DraftKind::Order(items) => {
                if !set_options(&mut row, items.clone(), report) {
                    continue;
                }
            }
            DraftKind::Match { head, pairs } => {
                let arrow = |l: &str, r: &str| format!("{l}→{r}");
                if pairs
                    .iter()
                    .chain(std::iter::once(head))
                    .any(|(l, r)| split_pair(l).is_some() || l.contains('→') || r.contains('→'))
                {
                    report.refuse(
                        q.place.clone(),
                        "连线题的文字里有 → 或 =，表格用它分开左右两项",
                    );
                    continue;
                }
                if !set_options(
                    &mut row,
                    pairs.iter().map(|(l, r)| arrow(l, r)).collect(),
                    report,
                ) {
                    continue;
                }
                row[answer_col] = arrow(&head.0, &head.1);
            }
            DraftKind::Numeric {
                value,
                tolerance,
                unit,
            } => {
                row[answer_col] = value.clone();
                row[answer_col + 4] = tolerance.clone().unwrap_or_default();
                row[answer_col + 5] = unit.clone().unwrap_or_default();
            }
            DraftKind::Reply { rubric } => row[answer_col] = rubric.clone(),
        }
        row[3] = if body.trim().is_empty() {
            title
        } else {
            format!("{title}\n{body}")
        };
        row[answer_col + 1] = q.explanation.clone();
        row[answer_col + 2] = q.points.clone().unwrap_or_default();
        row[answer_col + 3] = q.tags.join(",");
        rows.push(row);
    }
    report.converted = rows.len() - 1;
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(spec: &[&[&str]]) -> Vec<Vec<String>> {
        spec.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn headers_in_their_usual_spellings() {
        for (h, f) in [
            ("题型", Field::Type),
            ("*题目类型（必填）", Field::Type),
            ("题目", Field::Stem),
            ("试题内容", Field::Stem),
            ("选项A", Field::Option(0)),
            ("Ｈ", Field::Option(7)),
            ("选项1", Field::Option(0)),
            ("C选项", Field::Option(2)),
            ("正确答案", Field::Answer),
            ("答案解析", Field::Explanation),
            ("分数", Field::Points),
            ("章节", Field::Section),
            ("知识点", Field::Section),
        ] {
            assert_eq!(Field::from_header(h), Some(f), "{h}");
        }
        assert_eq!(Field::from_header("难度"), None);
    }

    #[test]
    fn a_row_of_each_type() {
        let sheet = rows(&[
            &["说明：请按模板填写", "", "", "", "", "", ""],
            &[
                "题型",
                "题目",
                "选项A",
                "选项B",
                "选项C",
                "正确答案",
                "分值",
            ],
            &["单选题", "一加一？", "1", "2", "3", "B", "2"],
            &["多选题", "偶数？", "2", "3", "4", "A,C", ""],
            &["判断题", "天是蓝的", "", "", "", "√", ""],
            &["判断题", "地是方的", "正确", "错误", "", "B", ""],
            &[
                "填空题",
                "早班____开始，晚班到（ ）结束",
                "",
                "",
                "",
                "8:00|8点；24:00",
                "",
            ],
            &["排序题", "先后", "起床", "刷牙", "出门", "", ""],
            &["数值题", "几小时", "", "", "", "14±0.5", ""],
            &["简答题", "谈谈服务", "", "", "", "……", ""],
            &["单选题", "两个答案", "a", "b", "", "AB", ""],
            &["单选", "答案写成选项文字", "甲", "乙", "", "乙", ""],
            &["", "", "", "", "", "", ""],
        ]);
        let mut r = Report::default();
        let d = import_rows(&sheet, &Mapping::default(), &mut r);
        assert_eq!(d.questions.len(), 8, "{r}");
        assert_eq!(r.refused(), 2, "{r}");
        let done = super::super::finish("t.csv", &d, r);
        assert!(
            !done.report.failed() || done.report.refused() == 2,
            "{}",
            done.report
        );
        assert_eq!(
            done.report.errors(),
            0,
            "{}\n{}",
            done.report,
            done.markdown
        );
        assert_eq!(done.report.converted, 8);
        assert!(done
            .markdown
            .contains("早班{{8:00|8点}}开始，晚班到{{24:00}}结束"));
    }

    #[test]
    fn a_mapping_overrides_the_headers() {
        let sheet = rows(&[&["内容", "类别", "结果"], &["天是蓝的", "判断", "对"]]);
        let mut r = Report::default();
        let d = import_rows(&sheet, &Mapping::default(), &mut r);
        assert!(d.questions.is_empty());
        let m = Mapping::parse("题干=A,题型=类别,答案=3").unwrap();
        let mut r = Report::default();
        let d = import_rows(&sheet, &m, &mut r);
        assert_eq!(d.questions.len(), 1, "{r}");
        assert_eq!(d.questions[0].kind, DraftKind::TrueFalse(true));
    }
}

//! GIFT, Moodle's text format, as Moodle's documentation describes it: multiple choice (one
//! right answer, or weights `%50%`), true/false, short answer, matching (`->`), missing word
//! (an answer block inside the text), numerical (`#2:0.5`, `#1..5`, several answers), essay
//! `{}`, description (no answer block), `::title::`, `[html]`/`[markdown]`/`[plain]`/
//! `[moodle]` text formats, `#feedback`, `####general feedback`, `$CATEGORY:`, `//` comments
//! and the escapes `\~ \= \# \{ \} \: \n`.

use super::html;
use super::write::{escape_inline, valid_id};
use super::{Draft, DraftKind, DraftOption, DraftQuestion, Place, Report};
use crate::engine::text::decimal;

/// One question's source: its text and first line.
struct Block {
    text: String,
    line: usize,
}

/// Questions are separated by blank lines; `//` lines are comments.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    // A blank line inside an open answer block does not end the question.
    let mut depth = 0i32;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.starts_with("//") {
            continue;
        }
        if t.is_empty() && depth <= 0 {
            if !cur.trim().is_empty() {
                out.push(Block {
                    text: std::mem::take(&mut cur),
                    line: start + 1,
                });
            }
            cur.clear();
            depth = 0;
            continue;
        }
        if cur.is_empty() {
            start = i;
        } else {
            cur.push('\n');
        }
        cur.push_str(line);
        depth += brace_balance(line);
    }
    if !cur.trim().is_empty() {
        out.push(Block {
            text: cur,
            line: start + 1,
        });
    }
    out
}

fn brace_balance(line: &str) -> i32 {
    let mut d = 0;
    let mut esc = false;
    for c in line.chars() {
        match c {
            _ if esc => esc = false,
            '\\' => esc = true,
            '{' => d += 1,
            '}' => d -= 1,
            _ => {}
        }
    }
    d
}

/// GIFT's escapes undone.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(n @ ('~' | '=' | '#' | '{' | '}' | ':' | '\\')) => out.push(n),
                // Any other backslash is text (Moodle leaves it).
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Byte positions of the unescaped `c` in `s`.
fn unescaped(s: &str, c: char) -> Vec<usize> {
    let mut out = Vec::new();
    let mut esc = false;
    for (i, ch) in s.char_indices() {
        if esc {
            esc = false;
        } else if ch == '\\' {
            esc = true;
        } else if ch == c {
            out.push(i);
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum TextFormat {
    Markdown,
    Html,
    Plain,
}

/// Question text in its format as bank Markdown.
fn text_md(raw: &str, format: TextFormat, place: &Place, report: &mut Report) -> String {
    let t = unescape(raw.trim());
    match format {
        TextFormat::Markdown => t,
        TextFormat::Plain => escape_inline(&t),
        TextFormat::Html => {
            let (md, dropped) = html::to_markdown(&t);
            if !dropped.is_empty() {
                report.changed(
                    place.clone(),
                    format!(
                        "HTML 标签 {} 去掉了，只留下文字",
                        dropped.into_iter().collect::<Vec<_>>().join("、")
                    ),
                );
            }
            md
        }
    }
}

pub fn import(text: &str, report: &mut Report) -> Draft {
    let mut draft = Draft::default();
    let mut section: Option<String> = None;
    for b in blocks(text) {
        let place = Place::Line(b.line);
        let src = b.text.trim();
        if let Some(cat) = src.strip_prefix("$CATEGORY:") {
            let cat = cat.lines().next().unwrap_or("").trim();
            let name = cat
                .trim_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim();
            section = (!name.is_empty() && !name.starts_with('$')).then(|| name.to_string());
            continue;
        }
        match question(src, &place, report) {
            Ok(Some(mut q)) => {
                q.section = section.clone();
                draft.questions.push(q);
            }
            Ok(None) => {}
            Err(why) => report.refuse(place, why),
        }
    }
    draft
}

fn question(
    src: &str,
    place: &Place,
    report: &mut Report,
) -> Result<Option<DraftQuestion>, String> {
    let mut rest = src;
    let mut name = None;
    if let Some(r) = rest.strip_prefix("::") {
        let end = unescaped(r, ':')
            .windows(2)
            .find(|w| w[1] == w[0] + 1)
            .map(|w| w[0])
            .ok_or("题目名称 :: 没有结束的 ::")?;
        name = Some(unescape(r[..end].trim()));
        rest = r[end + 2..].trim_start();
    }
    let mut format = TextFormat::Plain;
    for (tag, f) in [
        ("[markdown]", TextFormat::Markdown),
        ("[html]", TextFormat::Html),
        ("[plain]", TextFormat::Plain),
        ("[moodle]", TextFormat::Plain),
    ] {
        if let Some(r) = rest.strip_prefix(tag) {
            format = f;
            rest = r;
        }
    }
    let opens = unescaped(rest, '{');
    let Some(&open) = opens.first() else {
        report.info(
            place.clone(),
            "没有答案 {…} 的说明文字（description），本系统没有对应的题型，没有导入",
        );
        return Ok(None);
    };
    let close = unescaped(rest, '}')
        .into_iter()
        .find(|&c| c > open)
        .ok_or("答案的 { 没有配对的 }")?;
    let before = &rest[..open];
    let answer = &rest[open + 1..close];
    let after_raw = &rest[close + 1..];
    let after = after_raw.trim();
    if !unescaped(after, '{').is_empty() {
        return Err("一道题里有两个答案 {…}：本系统不支持（Moodle 也只认第一个）".into());
    }
    // `####` starts the general feedback inside the answer block.
    let (answer, general) = match find_unescaped_str(answer, "####") {
        Some(i) => (&answer[..i], Some(&answer[i + 4..])),
        None => (answer, None),
    };
    let a = answer.trim();
    let missing_word = !after.is_empty();
    let mut q = DraftQuestion::new(place.clone(), String::new(), DraftKind::TrueFalse(true));
    if let Some(g) = general {
        q.explanation = text_md(g, format, place, report);
    }
    if let Some(n) = name {
        if valid_id(&n) {
            q.id = Some(n);
        } else if !n.is_empty() {
            report.info(
                place.clone(),
                format!("题目名称“{n}”不能当编号用，没有导入"),
            );
        }
    }
    let stem_text = |report: &mut Report| {
        let b = text_md(before, format, place, report);
        let a = text_md(after, format, place, report);
        (b, a)
    };
    if a.is_empty() {
        return Err(
            "问答题（essay，{}）没有对应的题型：本系统自动评分，情景回复题需要评分细则".into(),
        );
    }
    let (kind, blank) = if let Some(num) = a.strip_prefix('#') {
        (numeric(num, place, report)?, false)
    } else if let Some(tf) = true_false(a) {
        if a.contains('#') {
            report.changed(place.clone(), "判断题的答对/答错反馈没有导入");
        }
        (DraftKind::TrueFalse(tf), false)
    } else {
        let answers = split_answers(a)?;
        if answers.iter().all(|x| x.mark == '=') && answers.iter().any(|x| x.text.contains("->")) {
            (matching(&answers, format, place, report)?, false)
        } else if answers.iter().all(|x| x.mark == '=') {
            (short_answer(&answers, place, report)?, true)
        } else {
            (choice(&answers, format, place, report)?, false)
        }
    };
    let (b, af) = stem_text(report);
    // The text around an answer block keeps its own spacing.
    let gap_before = if before.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let gap_after = if after_raw.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let stem = if blank {
        let DraftKind::Fill { blanks } = &kind else {
            unreachable!()
        };
        format!(
            "{b}{gap_before}{}{gap_after}{af}",
            super::write::blank(&blanks[0])
        )
        .trim()
        .to_string()
    } else if missing_word {
        report.changed(
            place.clone(),
            "缺词题（答案写在题干中间）：题干里的位置写成了 ____，选项照旧",
        );
        format!("{b}{gap_before}____{gap_after}{af}")
    } else {
        b
    };
    let (title, body) = match stem.split_once('\n') {
        Some((t, rest)) => (t.trim().to_string(), rest.trim().to_string()),
        None => (stem.trim().to_string(), String::new()),
    };
    q.title = super::write::strip_hard_break(&title).to_string();
    q.body = body;
    q.kind = kind;
    if q.title.is_empty() {
        return Err("没有题干".into());
    }
    Ok(Some(q))
}

fn find_unescaped_str(s: &str, pat: &str) -> Option<usize> {
    let mut esc = false;
    for (i, c) in s.char_indices() {
        if esc {
            esc = false;
            continue;
        }
        if c == '\\' {
            esc = true;
            continue;
        }
        if s[i..].starts_with(pat) {
            return Some(i);
        }
    }
    None
}

fn true_false(a: &str) -> Option<bool> {
    let head = a.split('#').next().unwrap_or("").trim();
    match head.to_ascii_uppercase().as_str() {
        "T" | "TRUE" => Some(true),
        "F" | "FALSE" => Some(false),
        _ => None,
    }
}

struct Answer {
    mark: char,
    weight: Option<f64>,
    text: String,
    feedback: String,
}

/// `=a#fb ~%50%b ~c` into answers.
fn split_answers(a: &str) -> Result<Vec<Answer>, String> {
    let mut starts = Vec::new();
    let mut esc = false;
    for (i, c) in a.char_indices() {
        if esc {
            esc = false;
            continue;
        }
        match c {
            '\\' => esc = true,
            '=' | '~' => starts.push(i),
            _ => {}
        }
    }
    if starts.first() != Some(&0) {
        return Err(format!("答案“{}”要以 = 或 ~ 开头", a.trim()));
    }
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(a.len());
        let piece = &a[s..end];
        let mark = piece.chars().next().unwrap_or('=');
        let mut body = piece[1..].trim();
        let mut weight = None;
        if let Some(r) = body.strip_prefix('%') {
            let e = r.find('%').ok_or("权重 % 没有结束的 %")?;
            weight = Some(
                decimal::parse(r[..e].trim()).map_err(|_| format!("权重“{}”不是数", &r[..e]))?,
            );
            body = r[e + 1..].trim();
        }
        let (text, feedback) = match unescaped(body, '#').first() {
            Some(&h) => (&body[..h], &body[h + 1..]),
            None => (body, ""),
        };
        out.push(Answer {
            mark,
            weight,
            text: text.trim().to_string(),
            feedback: feedback.trim().to_string(),
        });
    }
    Ok(out)
}

fn choice(
    answers: &[Answer],
    format: TextFormat,
    place: &Place,
    report: &mut Report,
) -> Result<DraftKind, String> {
    if answers.len() < 2 {
        return Err("选择题至少要有两个答案".into());
    }
    let weighted = answers.iter().any(|a| a.weight.is_some());
    let correct: Vec<bool> = answers
        .iter()
        .map(|a| match a.weight {
            Some(w) => w > 0.0,
            None => a.mark == '=',
        })
        .collect();
    let n_right = correct.iter().filter(|&&c| c).count();
    if n_right == 0 {
        return Err("选择题没有正确答案（= 或正的权重）".into());
    }
    let multiple = weighted || n_right > 1;
    if weighted {
        let share = 100.0 / n_right as f64;
        let canonical = answers.iter().zip(&correct).all(|(a, &c)| {
            let w = a.weight.unwrap_or(if a.mark == '=' { 100.0 } else { 0.0 });
            if c {
                (w - share).abs() < 0.01
            } else {
                (w + share).abs() < 0.01
            }
        });
        if !canonical {
            report.changed(
                place.clone(),
                "权重改成了本系统的多选计分：正确项平分满分，错选一项扣一项的分（FORMAT.md 第 5 节）",
            );
        }
    }
    let options = answers
        .iter()
        .zip(&correct)
        .map(|(a, &c)| DraftOption {
            text: text_md(&a.text, format, place, report),
            correct: c,
            feedback: text_md(&a.feedback, format, place, report),
        })
        .collect();
    Ok(DraftKind::Choice {
        multiple,
        options,
        all_or_nothing: false,
    })
}

fn short_answer(
    answers: &[Answer],
    place: &Place,
    report: &mut Report,
) -> Result<DraftKind, String> {
    let mut alts = Vec::new();
    for a in answers {
        if a.weight.is_some_and(|w| w < 100.0) {
            report.changed(
                place.clone(),
                format!(
                    "部分得分的答案“{}”没有导入（填空只有对错）",
                    unescape(&a.text)
                ),
            );
            continue;
        }
        let t = unescape(&a.text);
        if t.contains(['|', '{', '}']) {
            return Err(format!("填空答案“{t}”里有 | 或花括号，本系统的填空写不下"));
        }
        if !a.feedback.is_empty() {
            report.changed(place.clone(), "填空答案的反馈没有导入");
        }
        alts.push(t);
    }
    if alts.is_empty() {
        return Err("填空题没有满分的答案".into());
    }
    Ok(DraftKind::Fill { blanks: vec![alts] })
}

fn matching(
    answers: &[Answer],
    format: TextFormat,
    place: &Place,
    report: &mut Report,
) -> Result<DraftKind, String> {
    let mut pairs = Vec::new();
    for a in answers {
        let (l, r) = a
            .text
            .split_once("->")
            .ok_or_else(|| format!("连线题的“{}”要写成 左项 -> 右项", a.text))?;
        // Both sides in the question's text format (Moodle shows the right side as plain text).
        let (l, r) = (
            text_md(l, format, place, report),
            text_md(r, format, place, report),
        );
        if l.is_empty() {
            report.changed(
                place.clone(),
                format!("只有右项的干扰项“{r}”没有导入（本系统的连线题每行都有左项）"),
            );
            continue;
        }
        pairs.push((l, r));
    }
    if pairs.len() < 2 {
        return Err("连线题至少要有两对".into());
    }
    Ok(DraftKind::Match {
        head: ("项目".into(), "对应".into()),
        pairs,
    })
}

fn numeric(src: &str, place: &Place, report: &mut Report) -> Result<DraftKind, String> {
    // `#=1822:0 =%50%1822:2`: several answers; the first full-credit one is kept.
    let s = src.trim();
    let first = if s.starts_with('=') {
        let answers = split_answers(s)?;
        let full = answers
            .iter()
            .find(|a| a.weight.is_none_or(|w| w >= 100.0))
            .ok_or("数值题没有满分的答案")?;
        if answers.len() > 1 {
            report.changed(
                place.clone(),
                "数值题只导入了第一个满分答案，其余（部分得分）没有导入",
            );
        }
        full.text.clone()
    } else {
        let (t, fb) = match unescaped(s, '#').first() {
            Some(&h) => (&s[..h], &s[h + 1..]),
            None => (s, ""),
        };
        if !fb.trim().is_empty() {
            report.changed(place.clone(), "数值题答案的反馈没有导入");
        }
        t.to_string()
    };
    let first = unescape(first.trim());
    let num = |t: &str| -> Result<String, String> {
        decimal::parse(t.trim())
            .map(|_| t.trim().to_string())
            .map_err(|_| format!("数值题的答案“{}”不是数", t.trim()))
    };
    if let Some((lo, hi)) = first.split_once("..") {
        let (l, h) = (
            decimal::parse(lo.trim()).map_err(|_| format!("范围“{first}”不是数"))?,
            decimal::parse(hi.trim()).map_err(|_| format!("范围“{first}”不是数"))?,
        );
        let mid = (l + h) / 2.0;
        let tol = (h - l).abs() / 2.0;
        use crate::engine::question::numeric::fmt_num;
        return Ok(DraftKind::Numeric {
            value: fmt_num(mid),
            tolerance: Some(fmt_num(tol)),
            unit: None,
        });
    }
    let (v, t) = match first.split_once(':') {
        Some((v, t)) => (num(v)?, Some(num(t)?)),
        None => (num(&first)?, None),
    };
    Ok(DraftKind::Numeric {
        value: v,
        tolerance: t.filter(|t| decimal::parse(t).is_ok_and(|x| x != 0.0)),
        unit: None,
    })
}

/// GIFT's special characters escaped, newlines as `\n`.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Moodle's multiple-choice weight for one of `n` right answers: a percentage from the list
/// of grades Moodle accepts (100, 50, 33.33333 …).
pub fn weight(n: usize) -> &'static str {
    const W: [&str; 10] = [
        "100", "50", "33.33333", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10",
    ];
    W[n.clamp(1, 10) - 1]
}

pub fn export(d: &Draft, report: &mut Report) -> String {
    let mut out = String::from("// GIFT，由 kefu-exam 导出。题目文字是 Markdown。\n");
    if let Some(t) = &d.title {
        out.push_str(&format!("// 题库：{}\n", t.replace('\n', " ")));
    }
    let mut section: Option<&str> = None;
    let mut n = 0;
    for q in &d.questions {
        let Some(answer) = answer_block(q, report) else {
            continue;
        };
        if q.section.as_deref() != section {
            section = q.section.as_deref();
            if let Some(s) = section {
                out.push_str(&format!(
                    "\n$CATEGORY: $course$/top/{}\n",
                    s.replace(['/', '\n'], " ")
                ));
            }
        }
        if q.points.is_some() {
            report.changed(
                q.place.clone(),
                "GIFT 不写分值：这道题的分值没有导出（Moodle 按 1 分导入）",
            );
        }
        if !q.tags.is_empty() {
            report.changed(q.place.clone(), "GIFT 不写标签：标签没有导出");
        }
        out.push('\n');
        if let Some(id) = &q.id {
            out.push_str(&format!("::{}::", esc(id)));
        }
        let (text, answer) = answer;
        out.push_str("[markdown]");
        out.push_str(&text);
        out.push_str(&answer);
        out.push('\n');
        n += 1;
    }
    report.converted = n;
    out
}

/// The question text and its `{…}` block (the block may sit inside the text for a blank).
fn answer_block(q: &DraftQuestion, report: &mut Report) -> Option<(String, String)> {
    let stem = if q.body.trim().is_empty() {
        q.title.clone()
    } else {
        format!("{}\n\n{}", q.title, q.body)
    };
    let general = if q.explanation.trim().is_empty() {
        String::new()
    } else {
        format!("####{}", esc(&q.explanation))
    };
    let refuse = |report: &mut Report, why: &str| {
        report.refuse(q.place.clone(), why.to_string());
        None
    };
    // An answer starting with `%` is read as a weight, and GIFT has no escape for it.
    let answers: Vec<&str> = match &q.kind {
        DraftKind::Choice { options, .. } => options.iter().map(|o| o.text.as_str()).collect(),
        DraftKind::Fill { blanks } => blanks.iter().flatten().map(String::as_str).collect(),
        DraftKind::Match { pairs, .. } => pairs.iter().map(|(l, _)| l.as_str()).collect(),
        _ => Vec::new(),
    };
    if answers.iter().any(|a| a.trim_start().starts_with('%')) {
        return refuse(
            report,
            "有答案以 % 开头：GIFT 会把它读成得分比例，又没有转义的写法",
        );
    }
    // `->` splits a matching pair (and makes a short answer a matching question).
    let arrow = match &q.kind {
        DraftKind::Fill { .. } => answers.iter().any(|a| a.contains("->")),
        DraftKind::Match { pairs, .. } => pairs
            .iter()
            .any(|(l, r)| l.contains("->") || l.trim().is_empty() || r.trim().is_empty()),
        _ => false,
    };
    if arrow {
        return refuse(
            report,
            "连线的左项或填空答案里有 ->：GIFT 用它分开连线的两项，又没有转义的写法",
        );
    }
    let block = match &q.kind {
        DraftKind::Choice {
            multiple,
            options,
            all_or_nothing,
        } => {
            let right = options.iter().filter(|o| o.correct).count();
            if *all_or_nothing {
                report.changed(
                    q.place.clone(),
                    "scoring=all 没有导出：Moodle 多选按权重部分得分",
                );
            }
            let w = weight(right.max(1));
            let items: Vec<String> = options
                .iter()
                .map(|o| {
                    let mark = match (multiple, o.correct) {
                        (false, true) => "=".to_string(),
                        (false, false) => "~".to_string(),
                        (true, true) => format!("~%{w}%"),
                        (true, false) => format!("~%-{w}%"),
                    };
                    let fb = if o.feedback.trim().is_empty() {
                        String::new()
                    } else {
                        format!("#{}", esc(&o.feedback))
                    };
                    format!("\t{mark}{}{fb}", esc(&o.text))
                })
                .collect();
            format!("{{\n{}\n\t{general}}}", items.join("\n"))
        }
        DraftKind::TrueFalse(b) => format!("{{{}{general}}}", if *b { "TRUE" } else { "FALSE" }),
        DraftKind::Fill { blanks } => {
            if blanks.len() != 1 {
                return refuse(
                    report,
                    "有多个空的填空题 GIFT 写不下（可导出 Moodle XML 的完形填空）",
                );
            }
            // The blank stays where it is: text before {=a =b} text after.
            let Some(open) = stem.find("{{") else {
                return refuse(report, "填空题的题干里找不到 {{…}}");
            };
            let close = stem[open..].find("}}").map(|c| open + c)?;
            let alts: Vec<String> = blanks[0].iter().map(|a| format!("={}", esc(a))).collect();
            let before = esc(&stem[..open]);
            let after = esc(&stem[close + 2..]);
            return Some((before, format!("{{{}{general}}}{after}", alts.join(" "))));
        }
        DraftKind::Order(_) => {
            return refuse(
                report,
                "排序题在 GIFT 里没有对应的题型（可导出 Moodle XML 的 ordering）",
            )
        }
        DraftKind::Match { pairs, .. } => {
            report.changed(q.place.clone(), "连线题的表头（两列的名称）没有导出");
            let items: Vec<String> = pairs
                .iter()
                .map(|(l, r)| format!("\t={} -> {}", esc(l), esc(r)))
                .collect();
            format!("{{\n{}\n\t{general}}}", items.join("\n"))
        }
        DraftKind::Numeric {
            value,
            tolerance,
            unit,
        } => {
            if unit.is_some() {
                report.changed(q.place.clone(), "数值题的单位没有导出（GIFT 没有单位）");
            }
            let t = tolerance.as_deref().unwrap_or("0");
            format!("{{#{value}:{t}{general}}}")
        }
        DraftKind::Reply { .. } => {
            return refuse(
                report,
                "情景回复题的评分细则在 GIFT 里没有对应（问答题 essay 只能人工评分）",
            )
        }
    };
    Some((esc(&stem), block))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_blocks() {
        assert_eq!(
            unescape(r"a\~b\=c\#d\{e\}f\:g\nh\*i\\j"),
            "a~b=c#d{e}f:g\nh\\*i\\j"
        );
        let b = blocks("// c\n::Q1:: a {\n=x\n\n~y}\n\n\nb {T}\n");
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].line, 8);
    }
}

//! Moodle XML, as Moodle's documentation describes it: categories, multichoice (single or
//! several right answers, fractions, per-answer feedback), truefalse, shortanswer, numerical
//! (tolerance, units), matching, ordering, cloze with short-answer gaps, essay, description;
//! question text in html, moodle_auto_format, plain_text or markdown; general feedback,
//! default grade, id number and tags. What has no counterpart here (the calculated and
//! drag-and-drop types, cloze choice gaps, hints, combined feedback, embedded files) is
//! reported.

use super::gift::weight;
use super::html;
use super::write::{escape_inline, valid_id};
use super::xml::{self, Element};
use super::{Draft, DraftKind, DraftOption, DraftQuestion, Place, Report};
use crate::engine::question::numeric::fmt_num;
use crate::engine::text::decimal;
use std::fmt::Write as _;

/// A text element's content as bank Markdown, by its `format` attribute.
fn text_md(el: Option<&Element>, place: &Place, report: &mut Report) -> String {
    let Some(el) = el else { return String::new() };
    let raw = el.child("text").map_or_else(|| el.text(), Element::text);
    if el.child("file").is_some() {
        report.changed(place.clone(), "嵌在题目里的文件（图片等）没有导入");
    }
    by_format(&raw, el.attr("format"), place, report)
}

/// Whether a `format` attribute means HTML: Moodle's default, and anything it does not name.
fn is_html(format: Option<&str>) -> bool {
    !matches!(
        format,
        Some("markdown" | "plain_text" | "moodle_auto_format")
    )
}

/// Text in a Moodle `format` as bank Markdown; HTML tags that are dropped are reported.
fn by_format(raw: &str, format: Option<&str>, place: &Place, report: &mut Report) -> String {
    match format {
        Some("markdown") => raw.trim().to_string(),
        _ if !is_html(format) => escape_inline(raw.trim()),
        _ => {
            let (md, dropped) = html::to_markdown(raw);
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

/// A plain text element (answers of short answer, numbers, names).
fn plain(el: Option<&Element>) -> String {
    el.map(|e| html::to_markdown(&e.child("text").map_or_else(|| e.text(), Element::text)).0)
        .map(|md| unescape_md(&md))
        .unwrap_or_default()
}

/// Markdown escapes made by `html::to_markdown` removed again, for plain values.
fn unescape_md(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn fraction(a: &Element) -> f64 {
    a.attr("fraction")
        .and_then(|f| decimal::parse(f.trim()).ok())
        .unwrap_or(0.0)
}

pub fn import(text: &str, report: &mut Report) -> Draft {
    let mut draft = Draft::default();
    let root = match xml::parse(text) {
        Ok(r) => r,
        Err(e) => {
            report.refuse(Place::File, format!("不是完整的 XML：{e}"));
            return draft;
        }
    };
    if root.name != "quiz" {
        report.refuse(
            Place::File,
            format!("根元素是 <{}>，Moodle XML 的根元素是 <quiz>", root.name),
        );
        return draft;
    }
    let mut section = None;
    let mut named = false;
    for q in root.children_named("question") {
        let place = Place::Line(q.line);
        let ty = q.attr("type").unwrap_or("");
        if ty == "category" {
            let path = q.text_of("category").unwrap_or_default();
            let name = path
                .trim()
                .trim_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim();
            section =
                (!name.is_empty() && !name.starts_with('$') && name != "top" && name != "Default")
                    .then(|| unescape_md(&html::to_markdown(name).0));
            continue;
        }
        if ty == "description" {
            report.info(place, "说明文字（description）不是题目，没有导入");
            continue;
        }
        named |= q.child("name").is_some();
        match question(q, ty, &place, report) {
            Ok(mut d) => {
                d.section = section.clone();
                draft.questions.push(d);
            }
            Err(why) => report.refuse(place, why),
        }
    }
    if named {
        report.info(
            Place::File,
            "题目名称（<name>）不是本系统的题目内容，没有导入；<idnumber> 导入为题目编号",
        );
    }
    draft
}

fn question(
    q: &Element,
    ty: &str,
    place: &Place,
    report: &mut Report,
) -> Result<DraftQuestion, String> {
    if ty == "cloze" || ty == "multianswer" {
        return cloze(q, place, report);
    }
    let stem = text_md(q.child("questiontext"), place, report);
    let answers: Vec<&Element> = q.children_named("answer").collect();
    let kind = match ty {
        "multichoice" => {
            let single = q
                .child("single")
                .map(|s| s.text().trim() != "false" && s.text().trim() != "0")
                .unwrap_or(true);
            if answers.len() < 2 {
                return Err("选择题至少要有两个答案".into());
            }
            let right: Vec<bool> = answers.iter().map(|a| fraction(a) > 0.0).collect();
            let n = right.iter().filter(|&&r| r).count();
            if n == 0 {
                return Err("选择题没有得分的答案（fraction 都不大于 0）".into());
            }
            let multiple = !single || n > 1;
            if single && n > 1 {
                report.changed(place.clone(), "单选题有几个得分的答案：按多选题导入");
            }
            let share = 100.0 / n as f64;
            let canonical = answers.iter().zip(&right).all(|(a, &r)| {
                let f = fraction(a);
                if !multiple {
                    r && (f - 100.0).abs() < 0.01 || !r && f == 0.0
                } else if r {
                    (f - share).abs() < 0.01
                } else {
                    (f + share).abs() < 0.01
                }
            });
            if !canonical {
                report.changed(
                    place.clone(),
                    "答案的得分比例（fraction）改成了本系统的计分：单选只有对错；多选正确项平分满分，错选一项扣一项的分",
                );
            }
            for fb in [
                "correctfeedback",
                "partiallycorrectfeedback",
                "incorrectfeedback",
            ] {
                if !plain(q.child(fb)).trim().is_empty() {
                    report.changed(place.clone(), format!("整体反馈 <{fb}> 没有导入"));
                }
            }
            DraftKind::Choice {
                multiple,
                all_or_nothing: false,
                options: answers
                    .iter()
                    .zip(&right)
                    .map(|(a, &r)| DraftOption {
                        text: text_md(Some(a), place, report),
                        correct: r,
                        feedback: text_md(a.child("feedback"), place, report),
                    })
                    .collect(),
            }
        }
        "truefalse" => {
            let right = answers
                .iter()
                .find(|a| fraction(a) > 0.0)
                .ok_or("判断题没有得分的答案")?;
            if answers
                .iter()
                .any(|a| !plain(a.child("feedback")).trim().is_empty())
            {
                report.changed(place.clone(), "判断题的答对/答错反馈没有导入");
            }
            let t = plain(Some(right)).trim().to_lowercase();
            match t.as_str() {
                "true" | "对" | "正确" => DraftKind::TrueFalse(true),
                "false" | "错" | "错误" => DraftKind::TrueFalse(false),
                _ => return Err(format!("判断题的答案“{t}”不是 true 或 false")),
            }
        }
        "shortanswer" => {
            let mut alts = Vec::new();
            for a in &answers {
                let t = plain(Some(a)).trim().to_string();
                if fraction(a) < 100.0 {
                    report.changed(
                        place.clone(),
                        format!("部分得分的答案“{t}”没有导入（填空只有对错）"),
                    );
                    continue;
                }
                if t.contains(['|', '{', '}']) || t.contains('*') {
                    return Err(format!(
                        "答案“{t}”有 |、花括号或通配符 *，本系统的填空写不下"
                    ));
                }
                alts.push(t);
            }
            if alts.is_empty() {
                return Err("填空题没有满分的答案".into());
            }
            if q.child("usecase").is_some_and(|u| u.text().trim() == "1") {
                report.changed(
                    place.clone(),
                    "区分大小写（usecase）没有导入：本系统比较答案时不区分大小写",
                );
            }
            DraftKind::Fill { blanks: vec![alts] }
        }
        "numerical" => {
            let a = answers
                .iter()
                .find(|a| fraction(a) >= 100.0)
                .ok_or("数值题没有满分的答案")?;
            if answers.len() > 1 {
                report.changed(place.clone(), "数值题只导入了满分的答案，其余没有导入");
            }
            let v = plain(Some(a)).trim().to_string();
            decimal::parse(&v).map_err(|_| format!("数值题的答案“{v}”不是数"))?;
            let tol = a.child("tolerance").map(|t| t.text().trim().to_string());
            let tol = tol.filter(|t| decimal::parse(t).is_ok_and(|x| x != 0.0));
            let unit = q
                .child("units")
                .and_then(|u| u.children_named("unit").next())
                .map(|u| u.child("unit_name").map(Element::text).unwrap_or_default())
                .map(|u| u.trim().to_string())
                .filter(|u| !u.is_empty());
            DraftKind::Numeric {
                value: v,
                tolerance: tol,
                unit,
            }
        }
        "matching" => {
            let mut pairs = Vec::new();
            for s in q.children_named("subquestion") {
                let l = text_md(Some(s), place, report);
                // The right side in the subquestion's format when that is Markdown (as this
                // exporter writes it), else plain text.
                let r = if s.attr("format") == Some("markdown") {
                    s.child("answer")
                        .map(|a| a.text_of("text").unwrap_or_else(|| a.text()))
                        .unwrap_or_default()
                        .trim()
                        .to_string()
                } else {
                    escape_inline(plain(s.child("answer")).trim())
                };
                if l.trim().is_empty() {
                    report.changed(place.clone(), format!("只有右项的干扰项“{r}”没有导入"));
                    continue;
                }
                pairs.push((l, r));
            }
            if pairs.len() < 2 {
                return Err("连线题至少要有两对".into());
            }
            DraftKind::Match {
                head: ("项目".into(), "对应".into()),
                pairs,
            }
        }
        "ordering" => {
            let items: Vec<String> = answers
                .iter()
                .map(|a| text_md(Some(a), place, report))
                .collect();
            if items.len() < 2 {
                return Err("排序题至少要有两项".into());
            }
            DraftKind::Order(items)
        }
        "essay" => {
            let info = q.child("graderinfo").map(|g| {
                let raw = g.child("text").map_or_else(|| g.text(), Element::text);
                if g.attr("format") == Some("markdown") {
                    raw
                } else {
                    unescape_md(&html::to_markdown(&raw).0)
                }
            });
            match info {
                Some(r) if r.contains("要点") => DraftKind::Reply { rubric: r.trim().to_string() },
                _ => {
                    return Err("问答题（essay）没有对应的题型：本系统自动评分，情景回复题需要评分细则（评分说明 graderinfo 里写“要点：”可导入）".into())
                }
            }
        }
        "" => return Err("<question> 没有 type".into()),
        other => return Err(format!("Moodle 的 {other} 题型在本系统没有对应")),
    };
    let mut d = draft_with_stem(place, &stem, kind)?;
    finish(q, &mut d, place, report);
    Ok(d)
}

/// Title from the first line of the stem, the rest its body; a short-answer blank goes at the
/// end (or where the text writes `____`).
fn draft_with_stem(place: &Place, stem: &str, kind: DraftKind) -> Result<DraftQuestion, String> {
    let mut stem = stem.trim().to_string();
    if let DraftKind::Fill { blanks } = &kind {
        if !stem.contains("{{") {
            let blank = super::write::blank(&blanks[0]);
            stem = match stem.find("\\_\\_") {
                Some(at) => {
                    let len = stem[at..]
                        .chars()
                        .take_while(|c| *c == '\\' || *c == '_')
                        .map(char::len_utf8)
                        .sum::<usize>();
                    format!("{}{blank}{}", &stem[..at], &stem[at + len..])
                }
                None => format!("{stem} {blank}"),
            };
        }
    }
    let (title, body) = match stem.split_once('\n') {
        Some((t, b)) => (
            super::write::strip_hard_break(t.trim()).to_string(),
            b.trim().to_string(),
        ),
        None => (stem.clone(), String::new()),
    };
    if title.is_empty() {
        return Err("没有题干".into());
    }
    let mut d = DraftQuestion::new(place.clone(), title, kind);
    d.body = body;
    Ok(d)
}

fn finish(q: &Element, d: &mut DraftQuestion, place: &Place, report: &mut Report) {
    d.explanation = text_md(q.child("generalfeedback"), place, report);
    if let Some(g) = q.child("defaultgrade") {
        let g = g.text();
        if let Ok(v) = decimal::parse(g.trim()) {
            if v != 1.0 && v > 0.0 {
                d.points = Some(fmt_num(v));
            }
        }
    }
    if let Some(id) = q.child("idnumber").map(|i| i.text().trim().to_string()) {
        if valid_id(&id) {
            d.id = Some(id);
        } else if !id.is_empty() {
            report.changed(
                place.clone(),
                format!("编号 idnumber“{id}”不能当本系统的编号，没有导入"),
            );
        }
    }
    if let Some(tags) = q.child("tags") {
        d.tags = tags
            .children_named("tag")
            .map(|t| plain(Some(t)).trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
    }
    if q.child("hint").is_some() {
        report.changed(place.clone(), "提示（hint）没有导入");
    }
}

/// Splits `s` at each `sep` not escaped by a backslash.
fn split_unescaped(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut esc = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if esc {
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if c == sep {
            out.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&s[start..]);
    out
}

/// Cloze escapes (`\}` `\#` `\~` `\/` `\"` `\\`) undone.
fn cloze_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(n) => out.push(n),
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Placeholders for gaps while the text around them is converted (private-use characters,
/// which no converter escapes).
const GAP_OPEN: char = '\u{e000}';
const GAP_CLOSE: char = '\u{e001}';

/// A cloze question: each `{N:SHORTANSWER:=a~=b}` gap becomes a blank; other gap types are
/// refused. Gaps are cut from the raw text first, then the text is converted by its format.
fn cloze(q: &Element, place: &Place, report: &mut Report) -> Result<DraftQuestion, String> {
    let Some(qt) = q.child("questiontext") else {
        return Err("完形填空没有题目文字".into());
    };
    let raw = qt.child("text").map_or_else(|| qt.text(), Element::text);
    // HTML question text (Moodle's default) carries its own entities inside the XML's; Markdown
    // and plain text do not, so their answers are not decoded twice.
    let html_text = is_html(qt.attr("format"));
    let mut out = String::new();
    let mut rest = raw.as_str();
    let mut blanks = Vec::new();
    while let Some(open) = find_gap(rest) {
        out.push_str(&rest[..open]);
        let gap = &rest[open + 1..];
        let close = split_unescaped(gap, '}')
            .first()
            .map(|p| p.len())
            .filter(|&l| l < gap.len())
            .ok_or("完形填空的 { 没有配对的 }")?;
        let body = &gap[..close];
        let mut parts = body.splitn(3, ':');
        let _weight = parts.next();
        let ty = parts.next().unwrap_or("").to_string();
        let answers = parts.next().unwrap_or("");
        match ty.as_str() {
            "SHORTANSWER" | "SA" | "MW" | "SHORTANSWER_C" | "SAC" | "MWC" => {}
            t => {
                return Err(format!(
                    "完形填空里的 {t} 空在本系统没有对应（只支持 SHORTANSWER）"
                ))
            }
        }
        let mut alts = Vec::new();
        for a in split_unescaped(answers, '~') {
            let a = split_unescaped(a, '#')[0].trim();
            let (full, text) = if let Some(t) = a.strip_prefix('=') {
                (true, t)
            } else if let Some(r) = a.strip_prefix('%') {
                let (w, t) = r.split_once('%').unwrap_or(("0", r));
                (decimal::parse(w).is_ok_and(|w| w >= 100.0), t)
            } else {
                (false, a)
            };
            let text = cloze_unescape(text.trim());
            let text = if html_text {
                html::decode_entities(&text)
            } else {
                text
            };
            if full && !text.is_empty() {
                alts.push(text);
            } else if !text.is_empty() {
                report.changed(
                    place.clone(),
                    format!("完形填空里部分得分或不得分的答案“{text}”没有导入"),
                );
            }
        }
        if alts.is_empty() || alts.iter().any(|a| a.contains(['|', '{', '}'])) {
            return Err("完形填空的一个空没有满分答案，或答案里有 | 和花括号".into());
        }
        out.push(GAP_OPEN);
        out.push_str(&blanks.len().to_string());
        out.push(GAP_CLOSE);
        blanks.push(alts);
        rest = &gap[close + 1..];
    }
    out.push_str(rest);
    if blanks.is_empty() {
        return Err("完形填空里没有 {1:SHORTANSWER:=…} 这样的空".into());
    }
    let converted = by_format(&out, qt.attr("format"), place, report);
    let mut stem = String::new();
    let mut rest = converted.as_str();
    while let Some(o) = rest.find(GAP_OPEN) {
        stem.push_str(&rest[..o]);
        let after = &rest[o + GAP_OPEN.len_utf8()..];
        let c = after.find(GAP_CLOSE).unwrap_or(after.len());
        let k: usize = after[..c].parse().unwrap_or(0);
        stem.push_str(&super::write::blank(
            &blanks.get(k).cloned().unwrap_or_default(),
        ));
        rest = after.get(c + GAP_CLOSE.len_utf8()..).unwrap_or("");
    }
    stem.push_str(rest);
    let mut d = draft_with_stem(place, &stem, DraftKind::Fill { blanks })?;
    finish(q, &mut d, place, report);
    Ok(d)
}

/// Moodle's cloze gap types (short and long names).
const GAP_TYPES: &[&str] = &[
    "SHORTANSWER_C",
    "SHORTANSWER",
    "SAC",
    "SA",
    "MWC",
    "MW",
    "NUMERICAL",
    "NM",
    "MULTICHOICE_VS",
    "MULTICHOICE_HS",
    "MULTICHOICE_V",
    "MULTICHOICE_H",
    "MULTICHOICE_S",
    "MULTICHOICE",
    "MCVS",
    "MCHS",
    "MCV",
    "MCH",
    "MCS",
    "MC",
    "MULTIRESPONSE_HS",
    "MULTIRESPONSE_H",
    "MULTIRESPONSE_S",
    "MULTIRESPONSE",
    "MRHS",
    "MRH",
    "MRS",
    "MR",
];

/// The next `{` that opens a cloze gap: `{1:SA:` or `{:MULTICHOICE:` (a known type between
/// colons, as Moodle reads them), not escaped.
fn find_gap(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find('{') {
        let at = from + i;
        let escaped = s[..at].ends_with('\\');
        let after = &s[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if !escaped {
            if let Some(rest) = after[digits..].strip_prefix(':') {
                if GAP_TYPES
                    .iter()
                    .any(|t| rest.strip_prefix(t).is_some_and(|r| r.starts_with(':')))
                {
                    return Some(at);
                }
            }
        }
        from = at + 1;
    }
    None
}

/// The draft as Moodle XML. Text is written as Moodle's `markdown` format.
pub fn export(d: &Draft, report: &mut Report) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    if let Some(t) = &d.title {
        let _ = writeln!(
            out,
            "<!-- {} ：由 kefu-exam 导出 -->",
            xml::escape(t).replace("--", "—")
        );
    }
    let mut section: Option<&str> = None;
    let mut n = 0;
    for q in &d.questions {
        if q.section.as_deref() != section {
            section = q.section.as_deref();
            if let Some(s) = section {
                let _ = write!(
                    out,
                    "  <question type=\"category\">\n    <category><text>$course$/top/{}</text></category>\n  </question>\n",
                    xml::escape(&s.replace('/', " "))
                );
            }
        }
        if let Some(x) = question_xml(q, report) {
            out.push_str(&x);
            n += 1;
        }
    }
    out.push_str("</quiz>\n");
    report.converted = n;
    out
}

fn md_text(tag: &str, text: &str) -> String {
    format!(
        "<{tag} format=\"markdown\"><text>{}</text></{tag}>",
        xml::escape(text)
    )
}

fn question_xml(q: &DraftQuestion, report: &mut Report) -> Option<String> {
    let stem = if q.body.trim().is_empty() {
        q.title.clone()
    } else {
        format!("{}\n\n{}", q.title, q.body)
    };
    let (ty, stem, inner) = match &q.kind {
        DraftKind::Choice {
            multiple,
            options,
            all_or_nothing,
        } => {
            if *all_or_nothing {
                report.changed(
                    q.place.clone(),
                    "scoring=all 没有导出：Moodle 多选按得分比例部分得分",
                );
            }
            let right = options.iter().filter(|o| o.correct).count().max(1);
            let w = weight(right);
            let mut s = format!(
                "    <single>{}</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>ABCD</answernumbering>\n",
                !multiple
            );
            for o in options {
                let f = match (multiple, o.correct) {
                    (_, true) if !*multiple => "100".to_string(),
                    (_, false) if !*multiple => "0".to_string(),
                    (_, true) => w.to_string(),
                    (_, false) => format!("-{w}"),
                };
                let _ = writeln!(
                    s,
                    "    <answer fraction=\"{f}\" format=\"markdown\"><text>{}</text>{}</answer>",
                    xml::escape(&o.text),
                    if o.feedback.trim().is_empty() {
                        String::new()
                    } else {
                        md_text("feedback", &o.feedback)
                    }
                );
            }
            ("multichoice", stem, s)
        }
        DraftKind::TrueFalse(b) => {
            let (t, f) = if *b { ("100", "0") } else { ("0", "100") };
            (
                "truefalse",
                stem,
                format!(
                    "    <answer fraction=\"{t}\" format=\"moodle_auto_format\"><text>true</text></answer>\n    <answer fraction=\"{f}\" format=\"moodle_auto_format\"><text>false</text></answer>\n"
                ),
            )
        }
        DraftKind::Fill { blanks } => {
            // Cloze: each {{a|b}} becomes {1:SHORTANSWER:=a~=b}.
            let mut text = String::new();
            let mut rest = stem.as_str();
            let mut k = 0;
            while let Some(open) = rest.find("{{") {
                let Some(close) = rest[open..].find("}}").map(|c| open + c) else {
                    break;
                };
                text.push_str(&rest[..open]);
                let alts = blanks.get(k).cloned().unwrap_or_default();
                let esc = |a: &str| {
                    let mut o = String::new();
                    for c in a.chars() {
                        if matches!(c, '}' | '#' | '~' | '/' | '"' | '\\') {
                            o.push('\\');
                        }
                        o.push(c);
                    }
                    o
                };
                let _ = write!(
                    text,
                    "{{1:SHORTANSWER:{}}}",
                    alts.iter()
                        .map(|a| format!("={}", esc(a)))
                        .collect::<Vec<_>>()
                        .join("~")
                );
                k += 1;
                rest = &rest[close + 2..];
            }
            text.push_str(rest);
            ("cloze", text, String::new())
        }
        DraftKind::Order(items) => {
            report.changed(
                q.place.clone(),
                "排序题导出为 Moodle 的 ordering 题（Moodle 4.4 起自带）；计分方式按最长有序子集，与本系统相近但不完全相同",
            );
            let mut s = String::from("    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n    <gradingtype>LONGEST_ORDERED_SUBSET</gradingtype>\n");
            for (i, it) in items.iter().enumerate() {
                let _ = writeln!(
                    s,
                    "    <answer fraction=\"{}\" format=\"markdown\"><text>{}</text></answer>",
                    i + 1,
                    xml::escape(it)
                );
            }
            ("ordering", stem, s)
        }
        DraftKind::Match { pairs, .. } => {
            report.changed(q.place.clone(), "连线题的表头（两列的名称）没有导出");
            let mut s = String::from("    <shuffleanswers>true</shuffleanswers>\n");
            for (l, r) in pairs {
                let _ = writeln!(
                    s,
                    "    <subquestion format=\"markdown\"><text>{}</text><answer><text>{}</text></answer></subquestion>",
                    xml::escape(l),
                    xml::escape(r)
                );
            }
            ("matching", stem, s)
        }
        DraftKind::Numeric {
            value,
            tolerance,
            unit,
        } => {
            let mut s = format!(
                "    <answer fraction=\"100\" format=\"moodle_auto_format\"><text>{}</text><tolerance>{}</tolerance></answer>\n",
                xml::escape(value),
                xml::escape(tolerance.as_deref().unwrap_or("0"))
            );
            if let Some(u) = unit {
                let _ = writeln!(
                    s,
                    "    <units><unit><multiplier>1</multiplier><unit_name>{}</unit_name></unit></units>\n    <unitgradingtype>0</unitgradingtype>\n    <showunits>3</showunits>\n    <unitsleft>0</unitsleft>",
                    xml::escape(u)
                );
            }
            ("numerical", stem, s)
        }
        DraftKind::Reply { rubric } => {
            report.changed(
                q.place.clone(),
                "情景回复题导出为 Moodle 的问答题（essay），评分细则写在评分说明（graderinfo）里：Moodle 要人工评分",
            );
            (
                "essay",
                stem,
                format!(
                    "    <responseformat>editor</responseformat>\n    <responserequired>1</responserequired>\n    {}\n",
                    md_text("graderinfo", rubric)
                ),
            )
        }
    };
    let name: String = unescape_md(&q.title).chars().take(60).collect();
    let mut s = format!(
        "  <question type=\"{ty}\">\n    <name><text>{}</text></name>\n",
        xml::escape(&name)
    );
    let _ = writeln!(s, "    {}", md_text("questiontext", &stem));
    let _ = writeln!(s, "    {}", md_text("generalfeedback", &q.explanation));
    let points = q.points.as_deref().unwrap_or("1");
    let _ = writeln!(
        s,
        "    <defaultgrade>{}</defaultgrade>",
        xml::escape(points)
    );
    if let Some(id) = &q.id {
        let _ = writeln!(s, "    <idnumber>{}</idnumber>", xml::escape(id));
    }
    s.push_str(&inner);
    if !q.tags.is_empty() {
        s.push_str("    <tags>");
        for t in &q.tags {
            let _ = write!(s, "<tag><text>{}</text></tag>", xml::escape(t));
        }
        s.push_str("</tags>\n");
    }
    s.push_str("  </question>\n");
    Some(s)
}

//! quizdown files as quizdown's documentation writes them. quizdown's syntax is this format's
//! own, with three differences a bank cannot take as is:
//!
//! - every heading is a question, whatever its level (its pages mix `##`, `###` and `####`),
//!   while a bank reads the deepest level as questions and the others as sections: every
//!   heading becomes `##` (headings inside fenced code stay code);
//! - a question may carry its own options block (`---` / `shuffleAnswers: false` / `---`
//!   under the heading): there is no per-question setting here, so it is taken out and
//!   reported;
//! - `$…$` and `$$…$$` are maths, which this app does not typeset: they are kept character for
//!   character as code (else `\{`, `_` and `*` inside them would be read as Markdown) and
//!   reported.
//!
//! quizdown's quiz settings (`shuffleQuestions`, `shuffleAnswers`, `nQuestions`, colours,
//! `locale`) are understood by the bank parser; other keys are taken out and reported.

use super::{Imported, Level, Place, Report};
use crate::engine::bank::bank::BANK_KEYS;
use crate::engine::bank::parse::parse_bank;

const QUIZDOWN_KEYS: &[&str] = &[
    "shuffleQuestions",
    "shuffleAnswers",
    "nQuestions",
    "primaryColor",
    "secondaryColor",
    "textColor",
    "locale",
];

pub fn import(name: &str, text: &str, mut report: Report) -> Imported {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut i = 0;
    let stem = {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        base.rsplit_once('.').map_or(base, |(s, _)| s).to_string()
    };
    // The quiz's front matter.
    let mut has_title = false;
    let mut front = Vec::new();
    if lines.first().map(|l| l.trim()) == Some("---") {
        if let Some(end) = lines.iter().skip(1).position(|l| l.trim() == "---") {
            for (k, l) in lines[1..=end].iter().enumerate() {
                let t = l.trim();
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                let key = t.split(':').next().unwrap_or("").trim();
                if BANK_KEYS.contains(&key) || QUIZDOWN_KEYS.contains(&key) {
                    has_title |= key == "title";
                    front.push(t.to_string());
                } else {
                    report.changed(
                        Place::Line(k + 2),
                        format!("设置“{key}”在本系统没有对应，去掉了"),
                    );
                }
            }
            i = end + 2;
        }
    }
    out.push_str("---\n");
    if !has_title {
        out.push_str(&format!("title: {stem}\n"));
    }
    for f in &front {
        out.push_str(f);
        out.push('\n');
    }
    out.push_str("---\n");

    let mut fence: Option<String> = None;
    let mut headings = 0;
    let mut maths = 0;
    let mut hints = false;
    let mut levels = std::collections::BTreeSet::new();
    let mut display_math = false;
    while i < lines.len() {
        let line = lines[i];
        let n = i + 1;
        let t = line.trim_start();
        i += 1;
        if let Some(f) = &fence {
            if t.starts_with(f.as_str()) && t.trim_end().chars().all(|c| f.starts_with(c)) {
                fence = None;
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if display_math {
            if t.trim_end() == "$$" {
                display_math = false;
                out.push_str("```\n");
            } else {
                out.push_str(line);
                out.push('\n');
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            let mark: String = t.chars().take_while(|&c| c == '`' || c == '~').collect();
            fence = Some(mark);
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if t.trim_end() == "$$" {
            display_math = true;
            maths += 1;
            report.note(
                Place::Line(n),
                Level::Changed,
                "数学公式 $$…$$ 本系统不排版：原样放进了代码块",
            );
            out.push_str("```\n");
            continue;
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes)
            && line.len() - t.len() < 4
            && (t.len() == hashes || t.as_bytes()[hashes] == b' ' || t.as_bytes()[hashes] == b'\t')
        {
            headings += 1;
            levels.insert(hashes);
            let (title, m) = inline_maths(t[hashes..].trim());
            if m > 0 {
                maths += m;
                report.changed(Place::Line(n), "数学公式 $…$ 本系统不排版：原样显示为代码");
            }
            out.push_str("## ");
            out.push_str(&title);
            out.push('\n');
            // A per-question options block right under the heading.
            let mut j = i;
            while j < lines.len() && lines[j].trim().is_empty() {
                j += 1;
            }
            if j < lines.len() && lines[j].trim() == "---" {
                if let Some(end) = lines[j + 1..].iter().position(|l| l.trim() == "---") {
                    let keys: Vec<&str> = lines[j + 1..j + 1 + end]
                        .iter()
                        .map(|l| l.split(':').next().unwrap_or("").trim())
                        .filter(|k| !k.is_empty())
                        .collect();
                    report.changed(
                        Place::Line(j + 1),
                        format!(
                            "题目自己的设置（{}）本系统没有：去掉了，按整个题库的设置",
                            keys.join("、")
                        ),
                    );
                    i = j + 1 + end + 1;
                }
            }
            continue;
        }
        if t.starts_with('>') {
            hints = true;
        }
        let (converted, m) = inline_maths(line);
        if m > 0 {
            maths += m;
            report.changed(Place::Line(n), "数学公式 $…$ 本系统不排版：原样显示为代码");
        }
        out.push_str(&converted);
        out.push('\n');
    }
    if fence.is_some() || display_math {
        out.push_str("```\n");
    }
    if levels.len() > 1 {
        report.info(
            Place::File,
            format!(
                "quizdown 的每个标题都是一道题：{} 级标题都写成了 ##",
                levels
                    .iter()
                    .map(|l| "#".repeat(*l))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        );
    }
    if hints {
        report.info(
            Place::File,
            "quizdown 题干下的 > 引用块是“提示”（答题时可看）；本系统把它当作解析，交卷后才显示",
        );
    }
    let _ = maths;
    let (bank, diags) = parse_bank(&format!("{stem}.md"), &out);
    report.converted = bank.question_count();
    if bank.question_count() != headings {
        report.changed(
            Place::File,
            format!(
                "文件里有 {headings} 个标题，生成的题库读出 {} 道题：请看下面的检查结果",
                bank.question_count()
            ),
        );
    }
    report.diagnostics = diags;
    report.notes.sort_by(|a, b| a.place.cmp(&b.place));
    Imported {
        markdown: out,
        report,
    }
}

/// `$…$` outside code spans as code spans (the characters kept); how many were found.
fn inline_maths(line: &str) -> (String, usize) {
    if !line.contains('$') {
        return (line.to_string(), 0);
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut count = 0;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c == '`' {
            // Copy a code span through.
            let run = chars[k..].iter().take_while(|&&x| x == '`').count();
            let close = (k + run..chars.len()).find(|&e| {
                chars[e..].iter().take_while(|&&x| x == '`').count() == run
                    && (e == 0 || chars[e - 1] != '`')
            });
            let end = close.map_or(chars.len(), |e| e + run);
            out.extend(&chars[k..end]);
            k = end;
            continue;
        }
        if c == '\\' && k + 1 < chars.len() {
            out.push(c);
            out.push(chars[k + 1]);
            k += 2;
            continue;
        }
        if c == '$' {
            let double = chars.get(k + 1) == Some(&'$');
            let open = if double { 2 } else { 1 };
            let start = k + open;
            let close = (start..chars.len()).find(|&e| {
                chars[e] == '$'
                    && (!double || chars.get(e + 1) == Some(&'$'))
                    && e > start
                    && !chars[e - 1].is_whitespace()
                    && chars[e - 1] != '\\'
            });
            if let Some(e) = close.filter(|_| !chars[start].is_whitespace()) {
                let end = e + open;
                let math: String = chars[k..end].iter().collect();
                let ticks = if math.contains('`') { "``" } else { "`" };
                out.push_str(&format!("{ticks}{math}{ticks}"));
                count += 1;
                k = end;
                continue;
            }
        }
        out.push(c);
        k += 1;
    }
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maths_become_code_and_prices_do_not() {
        assert_eq!(
            inline_maths("值 $x=\\{1\\}$ 和 `$y$`").0,
            "值 `$x=\\{1\\}$` 和 `$y$`"
        );
        assert_eq!(inline_maths("价格 $5 到 $10").1, 0);
    }
}

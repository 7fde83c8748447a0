//! Aiken, Moodle's plain multiple-choice format: the question, options `A.` or `A)` (one
//! capital letter), then `ANSWER: B`. Text is plain, so it is escaped. Several letters after
//! `ANSWER:` (which Moodle refuses) make a multiple-choice question, with a note.

use super::write::escape_inline;
use super::{Draft, DraftKind, DraftOption, DraftQuestion, Place, Report};

struct Pending {
    line: usize,
    stem: Vec<String>,
    options: Vec<(char, String)>,
}

/// `A. text` / `A) text`: the letter and the text.
fn option_line(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let rest = chars.as_str();
    let rest = rest.strip_prefix(['.', ')'])?;
    rest.starts_with([' ', '\t']).then(|| (letter, rest.trim()))
}

pub fn import(text: &str, report: &mut Report) -> Draft {
    let mut draft = Draft::default();
    let mut cur: Option<Pending> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let n = i + 1;
        if line.is_empty() {
            continue;
        }
        if let Some(ans) = line
            .strip_prefix("ANSWER:")
            .or_else(|| line.strip_prefix("ANSWER："))
        {
            match cur.take() {
                Some(p) => match finish(p, ans.trim(), report) {
                    Ok(q) => draft.questions.push(q),
                    Err((at, why)) => report.refuse(Place::Line(at), why),
                },
                None => report.refuse(Place::Line(n), "ANSWER: 前面没有题目"),
            }
            continue;
        }
        if let Some((letter, t)) = option_line(line) {
            if let Some(p) = cur.as_mut() {
                p.options.push((letter, t.to_string()));
                continue;
            }
        }
        match cur.as_mut() {
            Some(p) if p.options.is_empty() => p.stem.push(line.to_string()),
            Some(p) => {
                // Text after the options without an ANSWER line: the question before it ends.
                report.refuse(
                    Place::Line(p.line),
                    "选项后面没有 ANSWER: 行，这道题没有导入",
                );
                cur = Some(Pending {
                    line: n,
                    stem: vec![line.to_string()],
                    options: Vec::new(),
                });
            }
            None => {
                cur = Some(Pending {
                    line: n,
                    stem: vec![line.to_string()],
                    options: Vec::new(),
                })
            }
        }
    }
    if let Some(p) = cur {
        report.refuse(
            Place::Line(p.line),
            "文件结束前没有 ANSWER: 行，这道题没有导入",
        );
    }
    draft
}

fn finish(p: Pending, ans: &str, report: &mut Report) -> Result<DraftQuestion, (usize, String)> {
    let fail = |why: String| Err((p.line, why));
    if p.options.len() < 2 {
        return fail("Aiken 的题目至少要有两个选项（A. …）".into());
    }
    let letters: Vec<char> = ans
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '、'))
        .collect();
    if letters.is_empty() {
        return fail("ANSWER: 后面没有字母".into());
    }
    for l in &letters {
        if !p.options.iter().any(|(o, _)| o == l) {
            return fail(format!("ANSWER: {ans} 的 {l} 不是任何一个选项的字母"));
        }
    }
    let place = Place::Line(p.line);
    if letters.len() > 1 {
        report.changed(
            place.clone(),
            format!("ANSWER: {ans} 有几个字母（Moodle 的 Aiken 只认一个）：按多选题导入"),
        );
    }
    let title = escape_inline(&p.stem[0]);
    let mut q = DraftQuestion::new(
        place,
        title,
        DraftKind::Choice {
            multiple: letters.len() > 1,
            all_or_nothing: false,
            options: p
                .options
                .iter()
                .map(|(l, t)| DraftOption {
                    text: escape_inline(t),
                    correct: letters.contains(l),
                    feedback: String::new(),
                })
                .collect(),
        },
    );
    q.body = p.stem[1..]
        .iter()
        .map(|l| escape_inline(l))
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aiken_questions_and_refusals() {
        let text = "What is 1+1?\nA. 1\nB) 2\nANSWER: B\n\n顾客问运费？\nA. 卖家\nB. 买家\nANSWER: C\n\n只有题干\nANSWER: A\n\n哪些是偶数？\nA. 2\nB. 3\nC. 4\nANSWER: A,C\n\n没有答案\nA. x\nB. y\n";
        let mut r = Report::default();
        let d = import(text, &mut r);
        assert_eq!(d.questions.len(), 2, "{r}");
        assert_eq!(r.refused(), 3, "{r}");
        assert_eq!(d.questions[0].title, "What is 1+1?");
    }
}

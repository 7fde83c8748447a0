//! A parsed bank read into a draft for the exporters: the typed Markdown model written back
//! as Markdown (one model, many outputs).

use super::write::escape_text;
use super::{Draft, DraftKind, DraftOption, DraftQuestion, Place, Report};
use crate::engine::bank::bank::Bank;
use crate::engine::bank::parse::parse_bank;
use crate::engine::question::numeric::fmt_num;
use crate::engine::question::{Kind, Question};
use crate::engine::text::diagnostics::has_errors;
use crate::engine::text::rich::{inline_text, Block, Inline};
use crate::engine::typing::bank::is_typing_file;

/// The bank file `path` as a draft. A bank with errors, a typing bank or a red-line list is
/// refused as a whole; sections drawn from other banks are noted and left out.
pub fn draft_of_file(path: &str, text: &str, report: &mut Report) -> Result<Draft, String> {
    if is_typing_file(text) {
        return Err(format!("{path} 是打字测试题库，没有题目可以导出"));
    }
    if crate::engine::bank::redlines::is_redline_file(text) {
        return Err(format!("{path} 是红线词表，没有题目可以导出"));
    }
    let (bank, diags) = parse_bank(path, text);
    if has_errors(&diags) {
        let first = diags
            .iter()
            .map(|d| d.to_string())
            .next()
            .unwrap_or_default();
        return Err(format!(
            "{path} 有错误，请先用 bankcheck 改正再导出（第一个：{first}）"
        ));
    }
    let mut rep = crate::engine::text::diagnostics::Reporter::new(path, text);
    let keys: Vec<String> = crate::engine::text::frontmatter::split(text, &mut rep)
        .entries
        .into_iter()
        .map(|e| e.key)
        .collect();
    if !keys.is_empty() {
        report.changed(
            Place::File,
            format!(
                "题库设置（{}）没有导出：导出的格式没有题库设置，导入后请重新写在文件开头",
                keys.join("、")
            ),
        );
    }
    if !bank.intro.is_empty() {
        report.changed(Place::File, "第一个标题之前的说明文字没有导出");
    }
    Ok(draft_of_bank(&bank, report))
}

pub fn draft_of_bank(bank: &Bank, report: &mut Report) -> Draft {
    let mut draft = Draft {
        title: Some(bank.title.clone()),
        description: Some(bank.settings.description.clone()).filter(|d| !d.is_empty()),
        questions: Vec::new(),
    };
    let named_sections = bank.sections.iter().any(|s| !s.title.is_empty());
    for s in &bank.sections {
        if let Some(imp) = &s.import {
            report.refuse(
                Place::Line(imp.line as usize),
                format!(
                    "分组“{}”的题目引自 {}，没有导出（请导出那个题库）",
                    inline_text(&s.title),
                    imp.path
                ),
            );
            continue;
        }
        if s.draw.is_some() {
            report.changed(
                Place::Line(s.line as usize),
                format!("分组“{}”的抽题数 draw 没有导出", inline_text(&s.title)),
            );
        }
        let section = named_sections
            .then(|| Renderer { blanks: None }.inlines(&s.title))
            .filter(|t| !t.is_empty());
        for q in &s.questions {
            let mut d = draft_question(q, report);
            d.section = section.clone();
            draft.questions.push(d);
        }
    }
    draft
}

fn place_of(q: &Question) -> Place {
    Place::Question(q.line as usize, q.id.clone())
}

fn draft_question(q: &Question, report: &mut Report) -> DraftQuestion {
    let place = place_of(q);
    let blanks = match &q.kind {
        Kind::Fill(f) => Some(&f.blanks[..]),
        _ => None,
    };
    let r = Renderer { blanks };
    let flat = |blocks: &[Block]| matches!(blocks, [] | [Block::Para(_)]);
    let nested = match &q.kind {
        Kind::Choice(c) => c.options.iter().any(|o| !flat(&o.content)),
        Kind::Order(o) => o.items.iter().any(|i| !flat(i)),
        _ => false,
    };
    if nested {
        report.changed(
            place.clone(),
            "有选项或步骤不止一段文字（列表、引用、多段）：导出后合成了一行",
        );
    }
    let kind = match &q.kind {
        Kind::Choice(c) => DraftKind::Choice {
            multiple: c.multiple,
            all_or_nothing: c.multiple
                && c.scoring == crate::engine::question::choice::Scoring::All,
            options: c
                .options
                .iter()
                .map(|o| DraftOption {
                    text: r.blocks(&o.content),
                    correct: o.correct,
                    feedback: r.blocks(&o.explanation),
                })
                .collect(),
        },
        Kind::TrueFalse(t) => DraftKind::TrueFalse(t.answer),
        Kind::Fill(f) => DraftKind::Fill {
            blanks: f.blanks.clone(),
        },
        Kind::Order(o) => DraftKind::Order(o.items.iter().map(|b| r.blocks(b)).collect()),
        Kind::Match(m) => DraftKind::Match {
            head: (r.inlines(&m.left_title), r.inlines(&m.right_title)),
            pairs: m
                .pairs
                .iter()
                .map(|(a, b)| (r.inlines(a), r.inlines(b)))
                .collect(),
        },
        Kind::Numeric(n) => DraftKind::Numeric {
            value: fmt_num(n.value),
            tolerance: (n.tolerance != 0.0).then(|| fmt_num(n.tolerance)),
            unit: n.unit.clone(),
        },
        Kind::Reply(rp) => DraftKind::Reply {
            rubric: reply_rubric(rp),
        },
    };
    let mut d = DraftQuestion::new(place, r.inlines(&q.title), kind);
    d.body = r.blocks(&q.stem);
    d.points = (q.points != 1.0).then(|| fmt_num(q.points));
    d.explanation = r.blocks(&q.explanation);
    d.tags = q.tags.clone();
    d.id = q.explicit_id.then(|| q.id.clone());
    if let Kind::Reply(rp) = &q.kind {
        if let Some(p) = &rp.platform {
            report.changed(d.place.clone(), format!("题目的平台 platform={p} 没有导出"));
        }
    }
    d
}

/// A reply's rubric as the bank writes it (FORMAT.md 3.8).
fn reply_rubric(r: &crate::engine::question::reply::Reply) -> String {
    let mut out = String::from("要点：\n");
    for (i, k) in r.keypoints.iter().enumerate() {
        let as_written = if r.as_written.contains(&i) {
            "（原样匹配）"
        } else {
            ""
        };
        out.push_str(&format!("- {}{as_written}\n", k.join("|")));
    }
    if !r.forbidden.is_empty() {
        out.push_str("\n禁用词：\n");
        for f in &r.forbidden {
            let except = if f.except.is_empty() {
                String::new()
            } else {
                format!("（除外：{}）", f.except.join("、"))
            };
            let only = if f.only.is_empty() {
                String::new()
            } else {
                format!("（只算：{}）", f.only.join("、"))
            };
            let reason = if f.reason.is_empty() {
                String::new()
            } else {
                format!("：{}", f.reason)
            };
            out.push_str(&format!("- {}{except}{only}{reason}\n", f.word));
        }
    }
    if !r.wrong.is_empty() {
        out.push_str("\n错误做法：\n");
        for w in &r.wrong {
            let cap = if w.cap == 0.0 {
                String::new()
            } else {
                format!("（上限 {}）", w.cap_text)
            };
            let aw = if w.as_written {
                "（原样匹配）"
            } else {
                ""
            };
            let reason = if w.reason.is_empty() {
                String::new()
            } else {
                format!("：{}", w.reason)
            };
            out.push_str(&format!("- {}{cap}{aw}{reason}\n", w.variants.join("|")));
        }
    }
    if !r.examples.is_empty() {
        out.push_str("\n示例：\n");
        for e in &r.examples {
            out.push_str(&format!("- {}：{}\n", e.label, e.text));
        }
    }
    out.trim_end().to_string()
}

/// The Markdown model written back as Markdown: text escaped, so it reads back the same.
struct Renderer<'a> {
    blanks: Option<&'a [Vec<String>]>,
}

impl Renderer<'_> {
    fn inlines(&self, inlines: &[Inline]) -> String {
        let mut out = String::new();
        self.push_inlines(inlines, &mut out);
        out
    }

    fn push_inlines(&self, inlines: &[Inline], out: &mut String) {
        for i in inlines {
            match i {
                Inline::Text(t) => out.push_str(&escape_text(t)),
                Inline::Code(c) => {
                    // A fence longer than any backtick run inside; a space pad where the code
                    // starts or ends with a backtick or with a space at both ends.
                    let mut longest = 0;
                    let mut run = 0;
                    for ch in c.chars() {
                        run = if ch == '`' { run + 1 } else { 0 };
                        longest = longest.max(run);
                    }
                    let fence = "`".repeat(longest + 1);
                    let pad = if c.starts_with('`')
                        || c.ends_with('`')
                        || (c.starts_with(' ') && c.ends_with(' ') && !c.trim().is_empty())
                    {
                        " "
                    } else {
                        ""
                    };
                    out.push_str(&format!("{fence}{pad}{c}{pad}{fence}"));
                }
                Inline::Emph(c) => {
                    out.push('*');
                    self.push_inlines(c, out);
                    out.push('*');
                }
                Inline::Strong(c) => {
                    out.push_str("**");
                    self.push_inlines(c, out);
                    out.push_str("**");
                }
                Inline::Strike(c) => {
                    out.push_str("~~");
                    self.push_inlines(c, out);
                    out.push_str("~~");
                }
                Inline::Link { href, children } => match href {
                    Some(h) => {
                        out.push('[');
                        self.push_inlines(children, out);
                        out.push_str(&format!("](<{}>)", h.replace(['<', '>'], "")));
                    }
                    None => self.push_inlines(children, out),
                },
                Inline::Image { src, alt } => match src {
                    Some(s) => out.push_str(&format!(
                        "![{}](<{}>)",
                        escape_text(alt),
                        s.replace(['<', '>'], "")
                    )),
                    None => out.push_str(&escape_text(alt)),
                },
                Inline::LineBreak => out.push_str("\\\n"),
                Inline::Blank(k) => {
                    let alts = self
                        .blanks
                        .and_then(|b| b.get(*k))
                        .cloned()
                        .unwrap_or_default();
                    out.push_str(&super::write::blank(&alts));
                }
            }
        }
    }

    fn blocks(&self, blocks: &[Block]) -> String {
        let mut parts = Vec::new();
        for b in blocks {
            parts.push(self.block(b));
        }
        parts.join("\n\n")
    }

    fn block(&self, b: &Block) -> String {
        match b {
            // A line of text must not start a block when read again (`-` alone is a list).
            Block::Para(i) => self
                .inlines(i)
                .split('\n')
                .map(super::write::protect_start)
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Heading(level, i) => {
                format!("{} {}", "#".repeat(*level as usize), self.inlines(i))
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                let mut out = Vec::new();
                for (k, it) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}.", start + k as u64)
                    } else {
                        "-".into()
                    };
                    let task = match it.task {
                        Some(true) => "[x] ",
                        Some(false) => "[ ] ",
                        None => "",
                    };
                    let indent = " ".repeat(marker.len() + 1);
                    let body = self.blocks(&it.blocks);
                    let body = body
                        .lines()
                        .enumerate()
                        .map(|(n, l)| {
                            if n == 0 || l.is_empty() {
                                l.to_string()
                            } else {
                                format!("{indent}{l}")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    out.push(format!("{marker} {task}{body}"));
                }
                out.join("\n")
            }
            Block::Quote(inner) => self
                .blocks(inner)
                .lines()
                .map(|l| {
                    if l.is_empty() {
                        ">".to_string()
                    } else {
                        format!("> {l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Code(c) => code_block(c),
            Block::Table { head, rows } => {
                let row = |cells: &[Vec<Inline>]| {
                    format!(
                        "| {} |",
                        cells
                            .iter()
                            .map(|c| self.inlines(c))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )
                };
                let mut out = vec![row(head), format!("|{}", " --- |".repeat(head.len()))];
                out.extend(rows.iter().map(|r| row(r)));
                out.join("\n")
            }
            Block::Rule => "***".into(),
        }
    }
}

/// A fenced code block holding `code` exactly: the fence is longer than any run of backticks
/// in it, and an empty block stays empty (no blank line inside, which would read back as one).
fn code_block(code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let body = code.trim_end_matches('\n');
    if body.is_empty() {
        format!("{fence}\n{fence}")
    } else {
        format!("{fence}\n{body}\n{fence}")
    }
}

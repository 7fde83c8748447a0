//! The answer block of a question: where it starts (a labelled line such as `答案：`, or a
//! list or table) and how it is read into a question type. Each type builds its own answer
//! from what is read here (`Choices::from_items`, `Reply::from_lines`, `Numeric::from_answer`…).

use crate::engine::question::choice::{Choices, Scoring};
use crate::engine::question::fill::Fill;
use crate::engine::question::matching::Matching;
use crate::engine::question::numeric::Numeric;
use crate::engine::question::ordering::Ordering;
use crate::engine::question::reply::{Reply, ReplyLines};
use crate::engine::question::scan::{find_colon, first_line, trim};
use crate::engine::question::truefalse::TrueFalse;
use crate::engine::question::{Kind, TypeName};
use crate::engine::text::diagnostics::Reporter;
use crate::engine::text::rich::{inline_str, walk_text, Block, Inline, ListItem};
use std::borrow::Cow;

/// Splits a question's body (explanations already taken out) into its stem and its answer
/// block, and reads the answer. The answer starts at the first labelled line (`答案：`…), else
/// at the last list or table; without either, `{{ }}` blanks in the title or stem make a
/// fill-in question.
/// The stem and the answer are taken out of `body`; the caller clears what is left and keeps
/// the list's room for the next question.
pub fn read(
    title: &mut Vec<Inline>,
    body: &mut Vec<(Block, usize)>,
    forced: Option<TypeName>,
    scoring: Scoring,
    at: usize,
    rep: &mut Reporter,
) -> (Vec<Block>, Option<Kind>) {
    let label_at = body.iter().position(|(b, _)| label_line(b).is_some());
    let answer_at = if forced == Some(TypeName::Fill) {
        None
    } else {
        label_at.or_else(|| body.iter().rposition(|(b, _)| is_answer_block(b)))
    };
    let stem_end = answer_at.unwrap_or(body.len());
    // The answer is read from the end of `body` in place, before the stem is taken from it;
    // `None` here means there is no answer block (a fill-in, or nothing).
    let kind = match answer_at {
        Some(_) if label_at.is_some() => Some(labelled(&body[stem_end..], forced, at, rep)),
        Some(_) => {
            if let Some((_, off)) = body.get(stem_end + 1) {
                rep.warning(
                    *off,
                    "答案之后的内容不会显示：请把它移到答案前面，或写进 > 解析",
                );
            }
            let first = body.drain(stem_end..).next();
            Some(first.and_then(|b| block_answer(b, forced, scoring, rep)))
        }
        None => None,
    };
    // A list of its own size: collected in place, the stem kept the body's whole allocation,
    // four blocks' room even when empty (most true/false and numeric questions).
    let mut stem: Vec<Block> = Vec::with_capacity(stem_end);
    stem.extend(body.drain(..stem_end).map(|(b, _)| b));
    let kind = match kind {
        Some(kind) => kind,
        None if forced == Some(TypeName::Fill) || Fill::has_blanks(title, &stem) => {
            Fill::extract(title, &mut stem, at, rep).map(Kind::Fill)
        }
        None => {
            rep.error(
                at,
                "这道题没有答案：请写选项列表（1. [x] / - [x]）、排序列表、连线表格、“答案：”、“要点：”或在题干中用 {{ }} 标出填空",
            );
            None
        }
    };
    (stem, kind)
}

/// A list or table answer block: choices, an ordering or a matching table.
pub fn block_answer(
    (block, off): (Block, usize),
    forced: Option<TypeName>,
    scoring: Scoring,
    rep: &mut Reporter,
) -> Option<Kind> {
    match block {
        Block::List { ordered, items, .. }
            if items.iter().any(|i| i.task.is_some())
                || matches!(forced, Some(TypeName::Single | TypeName::Multiple)) =>
        {
            // `type=` decides over the list style, so `1. [x]` lists can be multiple choice.
            let multiple = match forced {
                Some(TypeName::Multiple) => true,
                Some(TypeName::Single) => false,
                _ => !ordered,
            };
            Choices::from_items(items, multiple, scoring, off, rep).map(Kind::Choice)
        }
        Block::List { items, .. } => Ordering::from_items(items, off, rep).map(Kind::Order),
        Block::Table { head, rows } => Matching::from_rows(head, rows, off, rep).map(Kind::Match),
        _ => None,
    }
}

/// `答案：` / `误差：` / `单位：` / `要点：` / `禁用词：` and the lists after them. What is read
/// is borrowed from the blocks where their text is one run (`cut`); only the unit, which the
/// answer keeps, is copied here.
pub fn labelled(
    blocks: &[(Block, usize)],
    forced: Option<TypeName>,
    at: usize,
    rep: &mut Reporter,
) -> Option<Kind> {
    let mut answer: Option<(Cow<'_, str>, usize)> = None;
    let mut tolerance: Option<(Cow<'_, str>, usize)> = None;
    let mut unit: Option<String> = None;
    let mut lines = ReplyLines::default();
    let mut current: Option<Label> = None;
    for (block, off) in blocks {
        let off = *off;
        match block {
            Block::Para(inlines) => {
                let text = inline_str(inlines);
                let mut rest: &str = &text;
                while !rest.is_empty() {
                    // `lines()` by a byte search; a `\r` before the `\n` is trimmed off.
                    let (line, next) = first_line(rest);
                    rest = next;
                    let line = trim(line);
                    if line.is_empty() {
                        continue;
                    }
                    let (label, value) = match split_label(line) {
                        Some((label, value)) => {
                            current = Some(label);
                            (label, trim(value))
                        }
                        None => match current {
                            Some(
                                label @ (Label::Keypoints
                                | Label::Forbidden
                                | Label::Wrong
                                | Label::Examples),
                            ) => (label, line),
                            _ => {
                                rep.error(off, format!("无法识别的答案行“{line}”：答案部分只能写 答案：、误差：、单位：、要点：、禁用词：、错误做法：、示例："));
                                continue;
                            }
                        },
                    };
                    if value.is_empty() {
                        continue;
                    }
                    match label {
                        Label::Answer => answer = Some((cut(&text, value), off)),
                        Label::Tolerance => tolerance = Some((cut(&text, value), off)),
                        Label::Unit => unit = Some(value.to_string()),
                        Label::Keypoints => lines
                            .keypoints
                            .extend(value.split(['；', ';']).map(|v| (cut(&text, v), off))),
                        Label::Forbidden => lines.forbidden.extend(
                            Reply::word_list(value)
                                .into_iter()
                                .map(|w| (cut(&text, w), off)),
                        ),
                        Label::Wrong => lines.wrong.push((cut(&text, value), off)),
                        Label::Examples => lines.examples.push((cut(&text, value), off)),
                    }
                }
            }
            Block::List { items, .. } => {
                let to = match current {
                    Some(Label::Keypoints) => &mut lines.keypoints,
                    Some(Label::Forbidden) => &mut lines.forbidden,
                    Some(Label::Wrong) => &mut lines.wrong,
                    Some(Label::Examples) => &mut lines.examples,
                    _ => {
                        rep.error(
                            off,
                            "这个列表前面缺少“要点：”“禁用词：”“错误做法：”或“示例：”",
                        );
                        continue;
                    }
                };
                to.reserve(items.len());
                to.extend(items.iter().map(|i| (item_text(i), i.offset)));
            }
            _ => rep.error(off, "答案部分（“答案：”之后）只能写标注行和列表"),
        }
    }
    if !lines.keypoints.is_empty()
        || !lines.forbidden.is_empty()
        || !lines.wrong.is_empty()
        || !lines.examples.is_empty()
        || forced == Some(TypeName::Reply)
    {
        return Reply::from_lines(lines, at, rep).map(Kind::Reply);
    }
    let Some((value, off)) = answer else {
        rep.error(at, "缺少“答案：”");
        return None;
    };
    if forced != Some(TypeName::Numeric) {
        if let Some(tf) = TrueFalse::from_answer(&value) {
            return Some(Kind::TrueFalse(tf));
        }
    }
    let tolerance = tolerance.as_ref().map(|(t, o)| (&**t, *o));
    Numeric::from_answer(&value, off, tolerance, unit, rep).map(Kind::Numeric)
}

/// `part` (a slice of `whole`) as a borrow of what `whole` borrows, or a copy when `whole` was
/// built for the occasion.
fn cut<'a>(whole: &Cow<'a, str>, part: &str) -> Cow<'a, str> {
    match whole {
        Cow::Borrowed(w) => {
            let at = part.as_ptr() as usize - w.as_ptr() as usize;
            Cow::Borrowed(&w[at..at + part.len()])
        }
        Cow::Owned(_) => Cow::Owned(part.to_string()),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Label {
    Answer,
    Tolerance,
    Unit,
    Keypoints,
    Forbidden,
    Wrong,
    Examples,
}

const LABELS: &[(&str, Label)] = &[
    ("答案", Label::Answer),
    ("answer", Label::Answer),
    ("误差", Label::Tolerance),
    ("tolerance", Label::Tolerance),
    ("单位", Label::Unit),
    ("unit", Label::Unit),
    ("要点", Label::Keypoints),
    ("关键点", Label::Keypoints),
    ("keypoints", Label::Keypoints),
    ("禁用词", Label::Forbidden),
    ("红线词", Label::Forbidden),
    ("forbidden", Label::Forbidden),
    ("错误做法", Label::Wrong),
    ("wrong", Label::Wrong),
    ("示例", Label::Examples),
    ("examples", Label::Examples),
];

/// The longest label word in bytes, with room to spare.
const MAX_LABEL_LEN: usize = 16;

/// The label a (trimmed) key names; ASCII case is ignored. The key is lowered once into a
/// buffer on the stack and compared whole with each (lower-case) label, rather than folding
/// case against every label in turn. A table rather than a `match` on byte strings, which
/// compiled to 1.8 KB of wasm.
fn label_of(key: &[u8]) -> Option<Label> {
    let mut buf = [0u8; MAX_LABEL_LEN];
    let low = buf.get_mut(..key.len())?;
    low.copy_from_slice(key);
    low.make_ascii_lowercase();
    LABELS
        .iter()
        .find(|(k, _)| k.as_bytes() == &*low)
        .map(|(_, l)| *l)
}

fn split_label(line: &str) -> Option<(Label, &str)> {
    let (colon, sep) = find_colon(line)?;
    let label = label_of(trim(&line[..colon]).as_bytes())?;
    Some((label, &line[colon + sep..]))
}

/// The label starting a paragraph's first line, if any. Reads only as far as needed instead of
/// building the paragraph's text: the label is the trimmed word before the first colon, so a
/// line break, a gap inside the word or a word longer than any label ends the search.
pub fn label_line(block: &Block) -> Option<Label> {
    let Block::Para(inl) = block else {
        return None;
    };
    // The key so far, in a buffer on the stack: this runs on every paragraph of every question.
    let mut key = [0u8; MAX_LABEL_LEN];
    let mut len = 0;
    let mut gap = false;
    let mut label = None;
    walk_text(inl, &mut |piece| {
        for c in piece.chars() {
            match c {
                ':' | '：' => {
                    label = label_of(&key[..len]);
                    return false;
                }
                '\n' => return false,
                c if c.is_whitespace() => gap = len > 0,
                c => {
                    if gap || len + c.len_utf8() > MAX_LABEL_LEN {
                        return false;
                    }
                    len += c.encode_utf8(&mut key[len..]).len();
                }
            }
        }
        true
    });
    label
}

/// A list that is ordered or has `[x]` boxes, or a table: an answer without a label.
pub fn is_answer_block(block: &Block) -> bool {
    match block {
        Block::List { ordered, items, .. } => *ordered || items.iter().any(|i| i.task.is_some()),
        Block::Table { .. } => true,
        _ => false,
    }
}

/// An item's trimmed text: borrowed when the item is one run of text (most are).
fn item_text(item: &ListItem) -> Cow<'_, str> {
    let text = match &item.blocks[..] {
        [Block::Para(inlines)] => inline_str(inlines),
        blocks => Cow::Owned(crate::engine::text::rich::blocks_text(blocks)),
    };
    match trim(&text) {
        t if t.len() == text.len() => text,
        t => cut(&text, t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::text::rich::{inline_text, Inline};
    use proptest::prelude::*;

    /// The label reading as first written: build the text, take the first line, split at the
    /// first colon. The faster `label_line` must agree with it on every input.
    fn label_line_reference(block: &Block) -> Option<Label> {
        fn split(line: &str) -> Option<Label> {
            let colon = line.find([':', '：'])?;
            match line[..colon].trim().to_ascii_lowercase().as_str() {
                "答案" | "answer" => Some(Label::Answer),
                "误差" | "tolerance" => Some(Label::Tolerance),
                "单位" | "unit" => Some(Label::Unit),
                "要点" | "关键点" | "keypoints" => Some(Label::Keypoints),
                "禁用词" | "红线词" | "forbidden" => Some(Label::Forbidden),
                "错误做法" | "wrong" => Some(Label::Wrong),
                "示例" | "examples" => Some(Label::Examples),
                _ => None,
            }
        }
        match block {
            Block::Para(inl) => split(inline_text(inl).lines().next()?.trim()),
            _ => None,
        }
    }

    const PIECES: &[&str] = &[
        "答案",
        "答",
        "案",
        "Answer",
        "ANSWER",
        "unit",
        "要点",
        "禁用词",
        "红线词",
        "关键点",
        "forbidden",
        "tolerance",
        ":",
        "：",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\u{3000}",
        "\u{a0}",
        "对",
        "x",
        "题干文字比较长的一段话",
        "K",
        "\u{212a}",
    ];

    fn inline() -> impl Strategy<Value = Inline> {
        let leaf = prop_oneof![
            6 => prop::sample::select(PIECES).prop_map(|s| Inline::Text(s.into())),
            1 => prop::sample::select(PIECES).prop_map(|s| Inline::Code(s.to_string())),
            1 => Just(Inline::LineBreak),
            1 => Just(Inline::Blank(0)),
            1 => prop::sample::select(PIECES).prop_map(|s| Inline::Image { src: None, alt: s.to_string() }),
        ];
        leaf.prop_recursive(2, 8, 3, |inner| {
            prop::collection::vec(inner, 0..3).prop_flat_map(|c| {
                prop_oneof![
                    Just(Inline::Emph(c.clone())),
                    Just(Inline::Strong(c.clone())),
                    Just(Inline::Link {
                        href: None,
                        children: c
                    }),
                ]
            })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn label_line_agrees_with_the_reference_reading(inlines in prop::collection::vec(inline(), 0..8)) {
            let block = Block::Para(inlines);
            prop_assert_eq!(label_line(&block), label_line_reference(&block));
        }

        #[test]
        fn split_label_agrees_with_the_reference(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..8)) {
            let line: String = pieces.concat();
            let reference = label_line_reference(&Block::Para(vec![Inline::Text(line.clone().into())]));
            // `split_label` sees one trimmed line, as `labelled` gives it.
            if let Some(first) = line.lines().next() {
                prop_assert_eq!(split_label(first.trim()).map(|(l, _)| l), reference);
            }
        }
    }

    #[test]
    fn labels_are_found_through_formatting_and_width() {
        let para = |v: Vec<Inline>| Block::Para(v);
        let t = |s: &str| Inline::Text(s.into());
        assert_eq!(label_line(&para(vec![t("答案：对")])), Some(Label::Answer));
        assert_eq!(
            label_line(&para(vec![Inline::Strong(vec![t("答案")]), t("：对")])),
            Some(Label::Answer)
        );
        assert_eq!(
            label_line(&para(vec![t("  ANSWER  : 600")])),
            Some(Label::Answer)
        );
        assert_eq!(label_line(&para(vec![t("答 案：对")])), None);
        assert_eq!(label_line(&para(vec![t("时间：9:00")])), None);
        assert_eq!(label_line(&para(vec![t("题干\n答案：对")])), None);
    }
}

//! Bank file → `Bank`: groups the Markdown nodes into sections and questions, reads each
//! question's answer block (the type follows from how the answer is written) and validates.

use super::attrs::{take_heading_attrs, Attrs};
use super::bank::{Bank, Import, Section, Settings};
use super::diagnostics::{Diagnostic, Reporter};
use super::frontmatter;
use super::hash::{content_hash, fnv1a, fnv1a_from, fnv1a_from_and_content_hash, hex_hash};
use super::markdown::{self, Node, NodeKind};
use super::question::choice::{Choices, Scoring};
use super::question::fill::Fill;
use super::question::matching::Matching;
use super::question::numeric::Numeric;
use super::question::ordering::Ordering;
use super::question::reply::{parse_fraction, Example, Reply, WrongAction, AS_WRITTEN};
use super::question::truefalse::TrueFalse;
use super::question::{Forbidden, Kind, Question, TypeName};
use super::rich::{inline_text, resolve_relative, Block, Inline, ListItem};
use std::collections::HashMap;

pub fn parse_bank(path: &str, text: &str) -> (Bank, Vec<Diagnostic>) {
    let mut rep = Reporter::new(path, text);
    let fm = frontmatter::split(text, &mut rep);
    let (settings, draw_at) = Settings::from_entries(&fm.entries, &mut rep);
    let nodes = markdown::parse(text, fm.body_start);
    let mut p = BankParser {
        path,
        text,
        rep,
        settings,
        file_hash: fnv1a(b""),
        hashed_to: 0,
    };
    let (intro, sections) = p.group(nodes);
    let BankParser {
        mut rep,
        settings,
        file_hash,
        hashed_to,
        ..
    } = p;
    let file_hash = format!(
        "{:016x}",
        fnv1a_from(
            file_hash,
            text.as_bytes().get(hashed_to..).unwrap_or_default()
        )
    );
    debug_assert_eq!(file_hash, hex_hash(text));

    check_duplicate_ids(&sections, &mut rep);
    let title = settings.title.clone().unwrap_or_else(|| file_stem(path));
    let bank = Bank {
        path: path.to_string(),
        title,
        settings,
        intro,
        sections,
        hash: file_hash,
    };
    let has_imports = bank.imports().next().is_some();
    if bank.question_count() == 0 && !has_imports {
        rep.error(
            fm.body_start,
            "题库里没有题目：每道题用一个标题开头（如 ## 题干），下面写答案",
        );
    }
    if !has_imports {
        check_draws(&bank, draw_at, &mut rep);
    }
    (bank, rep.diags)
}

/// The bank's own draws against what its sections hold. For banks that import, this runs
/// again after the imports are resolved.
pub fn check_draws(bank: &Bank, draw_at: Option<usize>, rep: &mut Reporter) {
    for s in &bank.sections {
        if let Some(d) = s.draw {
            let n = s.questions.len();
            if d > n {
                let at = rep.index.line_start(s.line);
                rep.error(
                    at,
                    format!("要抽 {d} 题，但分组“{}”只有 {n} 题", inline_text(&s.title)),
                );
            }
        }
    }
    if let Some(d) = bank.settings.draw {
        let available: usize = bank
            .sections
            .iter()
            .map(|s| s.draw.unwrap_or(usize::MAX).min(s.questions.len()))
            .sum();
        if d > available {
            rep.error(
                draw_at.unwrap_or(0),
                format!("要抽 {d} 题，但这里只有 {available} 题"),
            );
        }
    }
}

/// Where the front matter's `draw` value sits, for re-checking after imports.
pub fn draw_offset(text: &str) -> Option<usize> {
    let mut rep = Reporter::new("", text);
    let fm = frontmatter::split(text, &mut rep);
    fm.entries
        .iter()
        .find(|e| e.key == "draw" || e.key == "nQuestions")
        .map(|e| e.value_at)
}

fn file_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

struct BankParser<'a> {
    path: &'a str,
    text: &'a str,
    rep: Reporter<'a>,
    settings: Settings,
    /// The file's FNV-1a hash over `text[..hashed_to]`, advanced as questions are hashed.
    file_hash: u64,
    hashed_to: usize,
}

struct Heading {
    level: u8,
    inlines: Vec<Inline>,
    attrs: Attrs,
    /// `(path, fragment)` when the heading is only a link to another bank.
    import: Option<(String, Option<String>)>,
    start: usize,
}

/// A top-level node, owned, so that its blocks move into the bank instead of being copied.
struct Part {
    heading: Option<Heading>,
    block: Option<Block>,
    start: usize,
    end: usize,
}

const SECTION_KEYS: &[&str] = &["draw"];
/// `allow` and `why` silence an item-writing hint for the question (read by `lint`);
/// `platform` says which platform's red lines grade a reply.
const QUESTION_KEYS: &[&str] = &[
    "points", "tags", "type", "scoring", "allow", "why", "platform",
];

impl<'a> BankParser<'a> {
    fn group(&mut self, nodes: Vec<Node>) -> (Vec<Block>, Vec<Section>) {
        let mut parts: Vec<Part> = nodes
            .into_iter()
            .map(|n| match n.kind {
                NodeKind::Heading { level, inlines } => Part {
                    heading: Some(self.heading(level, inlines, n.start)),
                    block: None,
                    start: n.start,
                    end: n.end,
                },
                NodeKind::Block(b) => Part {
                    heading: None,
                    block: Some(b),
                    start: n.start,
                    end: n.end,
                },
            })
            .collect();
        let question_level = parts
            .iter()
            .filter_map(|p| p.heading.as_ref())
            .filter(|h| h.import.is_none())
            .map(|h| h.level)
            .max();
        let mut intro = Vec::new();
        let mut sections: Vec<Section> = Vec::new();
        let mut i = 0;
        while i < parts.len() {
            let Some(h) = parts[i].heading.take() else {
                intro.extend(parts[i].block.take());
                i += 1;
                continue;
            };
            let body_end = (i + 1..parts.len())
                .find(|&j| parts[j].heading.is_some())
                .unwrap_or(parts.len());
            let end = if body_end > i + 1 {
                parts[body_end - 1].end
            } else {
                parts[i].end
            };
            let body: Vec<(Block, usize)> = parts[i + 1..body_end]
                .iter_mut()
                .filter_map(|p| p.block.take().map(|b| (b, p.start)))
                .collect();
            let mut h = h;
            if h.import.is_some() || Some(h.level) < question_level {
                let section = self.section(&h, &body);
                sections.push(section);
            } else {
                if sections.is_empty() {
                    sections.push(Section {
                        id: String::new(),
                        title: Vec::new(),
                        draw: None,
                        questions: Vec::new(),
                        import: None,
                        line: 1,
                    });
                }
                if let Some(q) = self.question(&mut h, body, end) {
                    if let Some(s) = sections.last_mut() {
                        if s.import.is_some() {
                            self.rep.error(h.start, "引用其他题库的分组下面不能再写题目：请把题目放到一个新的分组标题下");
                        } else {
                            s.questions.push(q);
                        }
                    }
                }
            }
            i = body_end;
        }
        sections.retain(|s| !s.questions.is_empty() || s.import.is_some() || s.draw.is_some());
        (intro, sections)
    }

    fn heading(&self, level: u8, mut inlines: Vec<Inline>, start: usize) -> Heading {
        let attrs = take_heading_attrs(&mut inlines).unwrap_or_default();
        let import = import_target(&inlines).map(|href| {
            let (file, frag) = match href.split_once('#') {
                Some((f, frag)) => (
                    f.to_string(),
                    Some(frag.to_string()).filter(|s| !s.is_empty()),
                ),
                None => (href, None),
            };
            (resolve_relative(self.path, &file), frag)
        });
        Heading {
            level,
            inlines,
            attrs,
            import,
            start,
        }
    }

    fn attr_offset(&self, h: &Heading) -> usize {
        let line_end = self.text[h.start..]
            .find('\n')
            .map_or(self.text.len(), |e| h.start + e);
        self.text[h.start..line_end]
            .rfind('{')
            .map_or(h.start, |i| h.start + i)
    }

    fn check_attr_keys(&mut self, h: &Heading, allowed: &[&str], what: &str) {
        for (k, _) in &h.attrs.pairs {
            if !allowed.contains(&k.as_str()) {
                let at = self.attr_offset(h);
                self.rep.error(
                    at,
                    format!(
                        "{what}标题上不认识的属性 \"{k}\"，可用的有：{}",
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    fn section(&mut self, h: &Heading, body: &[(Block, usize)]) -> Section {
        self.check_attr_keys(h, SECTION_KEYS, "分组");
        let draw = h.attrs.get("draw").and_then(|v| match v.parse::<usize>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                let at = self.attr_offset(h);
                self.rep
                    .error(at, format!("draw 的值 \"{v}\" 无法识别，请写正整数"));
                None
            }
        });
        if body
            .iter()
            .any(|(b, _)| is_answer_block(b) || label_line(b).is_some())
            && h.import.is_none()
        {
            self.rep.error(
                h.start,
                "这个标题下面写了答案，但它比题目标题高一级，被当作了分组：如果它是一道题，请使用与其他题目相同级别的标题",
            );
        }
        let (line, col) = self.rep.index.line_col(h.start);
        let title_text = inline_text(&h.inlines).trim().to_string();
        let import = h.import.as_ref().map(|(path, fragment)| Import {
            path: path.clone(),
            fragment: fragment.clone(),
            line,
            col,
        });
        let title = match &h.inlines[..] {
            [Inline::Link { children, .. }] if import.is_some() => children.clone(),
            _ => h.inlines.clone(),
        };
        Section {
            id: h.attrs.id.clone().unwrap_or(title_text),
            title,
            draw,
            questions: Vec::new(),
            import,
            line,
        }
    }

    fn question(
        &mut self,
        h: &mut Heading,
        body: Vec<(Block, usize)>,
        end: usize,
    ) -> Option<Question> {
        self.check_attr_keys(h, QUESTION_KEYS, "题目");
        let at = h.start;
        // A derived id reads the heading as written, before blanks are cut out of the title.
        let id_title = h.attrs.id.is_none().then(|| inline_text(&h.inlines));
        let mut title = std::mem::take(&mut h.inlines);
        if walk_text(&title, &mut |t| t.chars().all(char::is_whitespace)) {
            self.rep.error(at, "题目标题是空的");
        }
        let points = match h.attrs.get("points") {
            None => 1.0,
            Some(v) => match v.parse::<f64>() {
                Ok(p) if p > 0.0 && p <= 1000.0 => p,
                _ => {
                    let a = self.attr_offset(h);
                    self.rep.error(
                        a,
                        format!("points 的值 \"{v}\" 无法识别，请写大于 0 的数（如 2 或 0.5）"),
                    );
                    1.0
                }
            },
        };
        let tags = h
            .attrs
            .get("tags")
            .map(|t| {
                t.split([',', '，'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let forced = match h.attrs.get("type") {
            None => None,
            Some(t) => match TypeName::parse(t) {
                Some(t) => Some(t),
                None => {
                    let a = self.attr_offset(h);
                    let all: Vec<&str> = TypeName::ALL.iter().map(|t| t.code()).collect();
                    self.rep.error(
                        a,
                        format!("不认识的题型 \"{t}\"，可用的有：{}", all.join(", ")),
                    );
                    None
                }
            },
        };
        let scoring = match h.attrs.get("scoring") {
            None => self.settings.scoring,
            Some("all") => Scoring::All,
            Some("partial") => Scoring::Partial,
            Some(v) => {
                let a = self.attr_offset(h);
                self.rep.error(
                    a,
                    format!("scoring 的值 \"{v}\" 无法识别，请写 partial 或 all"),
                );
                self.settings.scoring
            }
        };

        let mut explanation = Vec::new();
        let mut body_blocks: Vec<(Block, usize)> = Vec::with_capacity(body.len());
        for (b, start) in body {
            match b {
                Block::Quote(inner) => explanation.extend(inner),
                b => body_blocks.push((b, start)),
            }
        }
        let sources = sources_of(&explanation);

        let label_at = body_blocks
            .iter()
            .position(|(b, _)| label_line(b).is_some());
        let answer_at = if forced == Some(TypeName::Fill) {
            None
        } else {
            label_at.or_else(|| body_blocks.iter().rposition(|(b, _)| is_answer_block(b)))
        };
        let stem_end = answer_at.unwrap_or(body_blocks.len());
        let answer_blocks = body_blocks.split_off(stem_end);
        let mut stem: Vec<Block> = body_blocks.into_iter().map(|(b, _)| b).collect();

        let kind = match answer_at {
            Some(_) if label_at.is_some() => self.labelled(&answer_blocks, forced, at),
            Some(_) => {
                if let Some((_, off)) = answer_blocks.get(1) {
                    self.rep.warning(
                        *off,
                        "答案之后的内容不会显示：请把它移到答案前面，或写进 > 解析",
                    );
                }
                let first = answer_blocks.into_iter().next();
                first.and_then(|b| self.block_answer(b, forced, scoring))
            }
            None if forced == Some(TypeName::Fill) || Fill::has_blanks(&title, &stem) => {
                Fill::extract(&mut title, &mut stem, at, &mut self.rep).map(Kind::Fill)
            }
            None => {
                self.rep.error(
                    at,
                    "这道题没有答案：请写选项列表（1. [x] / - [x]）、排序列表、连线表格、“答案：”、“要点：”或在题干中用 {{ }} 标出填空",
                );
                None
            }
        }?;
        if let Some(f) = forced {
            let got = kind.type_name();
            let compatible = got == f
                || (f == TypeName::Single && got == TypeName::Multiple)
                || (f == TypeName::Multiple && got == TypeName::Single);
            if !compatible {
                self.rep.error(
                    at,
                    format!("题目写明 type={}，但答案的写法是{}", f.code(), got.label()),
                );
            }
        }
        let mut kind = kind;
        if let Some(p) = h.attrs.get("platform").filter(|p| !p.is_empty()) {
            match &mut kind {
                Kind::Reply(r) => r.platform = Some(p.to_string()),
                _ => {
                    let a = self.attr_offset(h);
                    self.rep
                        .warning(a, "platform 只对情景回复题有效（决定哪个平台的红线词适用）");
                }
            }
        }
        let kind = match (kind, forced) {
            (Kind::Choice(mut c), Some(TypeName::Multiple)) => {
                c.multiple = true;
                Kind::Choice(c)
            }
            (Kind::Choice(c), Some(TypeName::Single))
                if c.options.iter().filter(|o| o.correct).count() > 1 =>
            {
                self.rep.error(at, "单选题只能有一个正确选项");
                return None;
            }
            (Kind::Choice(mut c), Some(TypeName::Single)) => {
                c.multiple = false;
                Kind::Choice(c)
            }
            (k, _) => k,
        };
        if explanation.is_empty() {
            self.rep
                .warning(at, "这道题没有解析（> 引用块）：交卷后学员只能看到对错");
        }
        let explicit_id = h.attrs.id.is_some();
        let id = match &h.attrs.id {
            Some(id) => {
                if id.contains(['/', '#', '?']) {
                    let a = self.attr_offset(h);
                    self.rep.error(a, format!("编号 \"{id}\" 不能包含 / # ?"));
                }
                id.clone()
            }
            None => {
                let content = format!(
                    "{}\n{}",
                    id_title.unwrap_or_default(),
                    super::rich::blocks_text(&stem)
                );
                format!("q-{}", &content_hash(&content)[..10])
            }
        };
        let hash = match self.text.get(h.start..end) {
            Some(source) if h.start >= self.hashed_to => {
                let gap = &self.text.as_bytes()[self.hashed_to..h.start];
                let (file_hash, hash) =
                    fnv1a_from_and_content_hash(fnv1a_from(self.file_hash, gap), source);
                self.file_hash = file_hash;
                self.hashed_to = end;
                hash
            }
            source => content_hash(source.unwrap_or("")),
        };
        Some(Question {
            id,
            explicit_id,
            bank: self.path.to_string(),
            title,
            stem,
            kind,
            points,
            tags,
            explanation,
            sources,
            hash,
            line: self.rep.line_of(at),
        })
    }

    fn block_answer(
        &mut self,
        (block, off): (Block, usize),
        forced: Option<TypeName>,
        scoring: Scoring,
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
                Choices::from_items(items, multiple, scoring, off, &mut self.rep).map(Kind::Choice)
            }
            Block::List { items, .. } => {
                Ordering::from_items(items, off, &mut self.rep).map(Kind::Order)
            }
            Block::Table { head, rows } => {
                Matching::from_rows(head, rows, off, &mut self.rep).map(Kind::Match)
            }
            _ => None,
        }
    }

    /// `答案：` / `误差：` / `单位：` / `要点：` / `禁用词：` and the lists after them.
    fn labelled(
        &mut self,
        blocks: &[(Block, usize)],
        forced: Option<TypeName>,
        at: usize,
    ) -> Option<Kind> {
        let mut answer: Option<(String, usize)> = None;
        let mut tolerance: Option<(String, usize)> = None;
        let mut unit: Option<String> = None;
        let mut keypoints: Vec<(String, usize)> = Vec::new();
        let mut forbidden: Vec<(String, usize)> = Vec::new();
        let mut wrong: Vec<(String, usize)> = Vec::new();
        let mut examples: Vec<(String, usize)> = Vec::new();
        let mut current: Option<Label> = None;
        for (block, off) in blocks {
            let off = *off;
            match block {
                Block::Para(inlines) => {
                    for line in inline_text(inlines)
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                    {
                        match split_label(line) {
                            Some((label, value)) => {
                                current = Some(label);
                                let value = value.trim();
                                if value.is_empty() {
                                    continue;
                                }
                                match label {
                                    Label::Answer => answer = Some((value.to_string(), off)),
                                    Label::Tolerance => tolerance = Some((value.to_string(), off)),
                                    Label::Unit => unit = Some(value.to_string()),
                                    Label::Keypoints => keypoints.extend(value.split(['；', ';']).map(|v| (v.to_string(), off))),
                                    Label::Forbidden => forbidden.extend(Reply::word_list(value).into_iter().map(|w| (w, off))),
                                    Label::Wrong => wrong.push((value.to_string(), off)),
                                    Label::Examples => examples.push((value.to_string(), off)),
                                }
                            }
                            None => match current {
                                Some(Label::Keypoints) => keypoints.push((line.to_string(), off)),
                                Some(Label::Forbidden) => forbidden.extend(Reply::word_list(line).into_iter().map(|w| (w, off))),
                                Some(Label::Wrong) => wrong.push((line.to_string(), off)),
                                Some(Label::Examples) => examples.push((line.to_string(), off)),
                                _ => self.rep.error(off, format!("无法识别的答案行“{line}”：答案部分只能写 答案：、误差：、单位：、要点：、禁用词：、错误做法：、示例：")),
                            },
                        }
                    }
                }
                Block::List { items, .. } => {
                    let texts = items.iter().map(|i| (item_text(i), i.offset));
                    match current {
                        Some(Label::Keypoints) => keypoints.extend(texts),
                        Some(Label::Forbidden) => forbidden.extend(texts),
                        Some(Label::Wrong) => wrong.extend(texts),
                        Some(Label::Examples) => examples.extend(texts),
                        _ => self.rep.error(
                            off,
                            "这个列表前面缺少“要点：”“禁用词：”“错误做法：”或“示例：”",
                        ),
                    }
                }
                _ => self
                    .rep
                    .error(off, "答案部分（“答案：”之后）只能写标注行和列表"),
            }
        }
        if !keypoints.is_empty()
            || !forbidden.is_empty()
            || !wrong.is_empty()
            || !examples.is_empty()
            || forced == Some(TypeName::Reply)
        {
            if keypoints.is_empty() {
                self.rep
                    .error(at, "情景回复题至少要有一个要点：在“要点：”下面每行写一个");
                return None;
            }
            let mut points = Vec::new();
            let mut as_written = Vec::new();
            for (i, (text, off)) in keypoints.into_iter().enumerate() {
                let (text, literal) = strip_as_written(&text);
                let variants = Reply::variants(&text);
                if variants.is_empty() {
                    self.rep.error(off, "要点是空的");
                    return None;
                }
                if literal {
                    as_written.push(i);
                }
                points.push(variants);
            }
            let mut words = Vec::new();
            for (t, off) in forbidden {
                match split_forbidden(&t) {
                    Ok(f) if !f.word.is_empty() => words.push(f),
                    Ok(_) => {}
                    Err(msg) => self.rep.error(off, msg),
                }
            }
            let mut actions = Vec::new();
            for (t, off) in wrong {
                match split_wrong_action(&t) {
                    Ok(w) => actions.push(w),
                    Err(msg) => self.rep.error(off, msg),
                }
            }
            let mut ex = Vec::new();
            for (t, off) in examples {
                let Some((label, text)) = t.split_once(['：', ':']) else {
                    self.rep.error(
                        off,
                        format!(
                            "示例回复“{t}”缺少预期得分：请写成“满分：回复”“1/3：回复”或“0：回复”"
                        ),
                    );
                    continue;
                };
                match parse_fraction(label) {
                    Some(expected) if !text.trim().is_empty() => ex.push(Example {
                        text: text.trim().to_string(),
                        expected,
                        label: label.trim().to_string(),
                        line: self.rep.line_of(off),
                    }),
                    Some(_) => self.rep.error(off, "示例回复是空的"),
                    None => self.rep.error(
                        off,
                        format!(
                            "示例回复的预期得分“{}”无法识别：请写 满分、0 或分数如 1/3",
                            label.trim()
                        ),
                    ),
                }
            }
            return Some(Kind::Reply(Reply {
                keypoints: points,
                as_written,
                forbidden: words,
                wrong: actions,
                examples: ex,
                platform: None,
            }));
        }
        let Some((value, off)) = answer else {
            self.rep.error(at, "缺少“答案：”");
            return None;
        };
        if forced != Some(TypeName::Numeric) {
            if let Some(b) = TrueFalse::parse_value(&value) {
                return Some(Kind::TrueFalse(TrueFalse { answer: b }));
            }
        }
        let (num, inline_tol) = Numeric::split_inline_tolerance(&value);
        let Some(v) = super::normalize::parse_number(num, unit.as_deref()) else {
            self.rep
                .error(off, format!("答案“{value}”既不是 对/错，也不是数字"));
            return None;
        };
        let tol_text = inline_tol.map(|t| (t.to_string(), off)).or(tolerance);
        let tolerance = match tol_text {
            None => 0.0,
            Some((t, toff)) => match super::normalize::parse_number(&t, unit.as_deref()) {
                Some(t) if t >= 0.0 => t,
                _ => {
                    self.rep
                        .error(toff, format!("误差“{t}”不是一个不小于 0 的数字"));
                    return None;
                }
            },
        };
        Some(Kind::Numeric(Numeric {
            value: v,
            tolerance,
            unit,
        }))
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Label {
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

/// The label a (trimmed) key names; ASCII case is ignored.
fn label_of(key: &str) -> Option<Label> {
    LABELS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, l)| *l)
}

fn split_label(line: &str) -> Option<(Label, &str)> {
    let colon = match (line.find(':'), line.find('：')) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    let label = label_of(line[..colon].trim())?;
    let sep = if line.as_bytes()[colon] == b':' {
        1
    } else {
        '：'.len_utf8()
    };
    Some((label, &line[colon + sep..]))
}

/// The label starting a paragraph's first line, if any. Reads only as far as needed instead of
/// building the paragraph's text: the label is the trimmed word before the first colon, so a
/// line break, a gap inside the word or a word longer than any label ends the search.
fn label_line(block: &Block) -> Option<Label> {
    let Block::Para(inl) = block else {
        return None;
    };
    let mut key = String::new();
    let mut gap = false;
    let mut label = None;
    walk_text(inl, &mut |piece| {
        for c in piece.chars() {
            match c {
                ':' | '：' => {
                    label = label_of(&key);
                    return false;
                }
                '\n' => return false,
                c if c.is_whitespace() => gap = !key.is_empty(),
                c => {
                    if gap || key.len() + c.len_utf8() > MAX_LABEL_LEN {
                        return false;
                    }
                    key.push(c);
                }
            }
        }
        true
    });
    label
}

/// Visits the plain text of inlines piece by piece, in the order `inline_text` joins them,
/// until `f` returns false. Returns whether it went through to the end.
fn walk_text(inlines: &[Inline], f: &mut dyn FnMut(&str) -> bool) -> bool {
    inlines.iter().all(|i| match i {
        Inline::Text(t) | Inline::Code(t) => f(t),
        Inline::Emph(c)
        | Inline::Strong(c)
        | Inline::Strike(c)
        | Inline::Link { children: c, .. } => walk_text(c, f),
        Inline::Image { alt, .. } => f(alt),
        Inline::LineBreak => f("\n"),
        Inline::Blank(_) => f("____"),
    })
}

fn is_answer_block(block: &Block) -> bool {
    match block {
        Block::List { ordered, items, .. } => *ordered || items.iter().any(|i| i.task.is_some()),
        Block::Table { .. } => true,
        _ => false,
    }
}

fn item_text(item: &ListItem) -> String {
    super::rich::blocks_text(&item.blocks).trim().to_string()
}

/// `（原样匹配）` at the end of a key point or wrong action: no negation check.
fn strip_as_written(text: &str) -> (String, bool) {
    let t = text.trim();
    for m in [AS_WRITTEN, "(原样匹配)"] {
        if let Some(rest) = t.strip_suffix(m) {
            return (rest.trim().to_string(), true);
        }
    }
    (t.to_string(), false)
}

/// Takes a bracketed `（key：a、b）` out of `text`: returns the text without it and the list.
fn take_bracket(text: &str, keys: &[&str]) -> (String, Option<Vec<String>>) {
    for open in ['（', '('] {
        for key in keys {
            let start_pat = format!("{open}{key}");
            let Some(start) = text.find(&start_pat) else {
                continue;
            };
            let after = &text[start + start_pat.len()..];
            let Some(close) = after.find(['）', ')']) else {
                continue;
            };
            let inner = after[..close].trim_start_matches(['：', ':', ' ']);
            let close_len = after[close..].chars().next().map_or(1, char::len_utf8);
            let rest = format!("{}{}", &text[..start], &after[close + close_len..]);
            let list = inner
                .split(['、', '，', ',', '|', '｜'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            return (rest, Some(list));
        }
    }
    (text.to_string(), None)
}

/// `没有（除外：有没有、没有问题）：说明` → a red-line word with its exceptions and reason.
pub fn split_forbidden(text: &str) -> Result<Forbidden, String> {
    let (rest, except) = take_bracket(text, &["除外", "例外"]);
    let mut f = split_reason(&rest);
    if let Some(except) = except {
        if except.is_empty() {
            return Err(format!("“{}”的除外列表是空的", f.word));
        }
        if let Some(e) = except.iter().find(|e| !e.contains(f.word.as_str())) {
            return Err(format!(
                "除外的说法“{e}”里没有禁用词“{}”：除外列表只写包含这个词的无害说法",
                f.word
            ));
        }
        f.except = except;
    }
    Ok(f)
}

/// `马上同意|立刻同意（上限 1/3）：说明` → a wrong action; without a cap it zeroes the reply.
fn split_wrong_action(text: &str) -> Result<WrongAction, String> {
    let (rest, cap) = take_bracket(text, &["上限", "最多"]);
    let (rest, literal) = match rest.find(AS_WRITTEN).or_else(|| rest.find("(原样匹配)")) {
        Some(_) => (rest.replace(AS_WRITTEN, "").replace("(原样匹配)", ""), true),
        None => (rest, false),
    };
    let f = split_reason(&rest);
    let variants = Reply::variants(&f.word);
    if variants.is_empty() {
        return Err("错误做法是空的".into());
    }
    let (cap, cap_text) = match cap.as_deref() {
        None => (0.0, "0".to_string()),
        Some([c]) => match parse_fraction(c) {
            Some(v) if v < 1.0 => (v, c.trim_end_matches('分').trim().to_string()),
            _ => {
                return Err(format!(
                    "错误做法的上限“{c}”无法识别：请写 0 或小于 1 的分数，如（上限 1/3）"
                ))
            }
        },
        Some(_) => return Err("错误做法的上限只能写一个分数，如（上限 1/3）".into()),
    };
    Ok(WrongAction {
        variants,
        cap,
        cap_text,
        reason: f.reason,
        as_written: literal,
    })
}

/// `词：说明` → word and reason.
pub fn split_reason(text: &str) -> Forbidden {
    match text.find(['：', ':']) {
        Some(i) => {
            let sep = text[i..].chars().next().map_or(1, char::len_utf8);
            Forbidden {
                word: text[..i].trim().to_string(),
                reason: text[i + sep..].trim().to_string(),
                except: Vec::new(),
            }
        }
        None => Forbidden {
            word: text.trim().to_string(),
            reason: String::new(),
            except: Vec::new(),
        },
    }
}

/// A heading that is nothing but a link to a `.md` file imports that bank.
fn import_target(inlines: &[Inline]) -> Option<String> {
    let mut link = None;
    for i in inlines {
        match i {
            Inline::Text(t) if t.trim().is_empty() => {}
            Inline::Link { href: Some(h), .. } if link.is_none() => link = Some(h.clone()),
            _ => return None,
        }
    }
    let href = link?;
    let file = href.split('#').next().unwrap_or("");
    (file.ends_with(".md") && !file.contains("://")).then_some(href)
}

fn sources_of(explanation: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in explanation {
        if let Block::Para(inl) = b {
            for line in inline_text(inl).lines() {
                let line = line.trim();
                // Cheap test before the four prefixes.
                if !line.starts_with(['来', '出', 's', 'S']) {
                    continue;
                }
                for prefix in ["来源", "出处", "source", "Source"] {
                    if let Some(rest) = line.strip_prefix(prefix) {
                        if let Some(v) = rest.trim_start().strip_prefix(['：', ':']) {
                            out.push(v.trim().to_string());
                        }
                    }
                }
            }
        }
    }
    out
}

/// A fast hasher for the id set: ids come from the trainer's own file, so there is nothing to
/// defend against hash flooding.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a_from(if self.0 == 0 { fnv1a(b"") } else { self.0 }, bytes);
    }
}

type BuildFnv = std::hash::BuildHasherDefault<Fnv>;

fn check_duplicate_ids(sections: &[Section], rep: &mut Reporter) {
    let mut seen: HashMap<&str, u32, BuildFnv> = HashMap::default();
    for q in sections.iter().flat_map(|s| &s.questions) {
        if let Some(first) = seen.get(q.id.as_str()) {
            let at = rep.index.line_start(q.line);
            if q.explicit_id {
                rep.error(
                    at,
                    format!("编号 \"{}\" 重复，第一次出现在第 {first} 行", q.id),
                );
            } else {
                rep.error(at, format!("这道题与第 {first} 行的题目内容完全相同：请删除重复的题，或用 {{#编号}} 区分"));
            }
        } else {
            seen.insert(&q.id, q.line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
            6 => prop::sample::select(PIECES).prop_map(|s| Inline::Text(s.to_string())),
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
            let reference = label_line_reference(&Block::Para(vec![Inline::Text(line.clone())]));
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

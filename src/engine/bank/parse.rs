//! Bank file → `Bank`: groups the Markdown nodes into sections and questions and validates
//! them. Each question's answer block is read by `answer_reader` (the type follows from how the
//! answer is written); each type builds its own answer in its file under `question/`.

use crate::engine::bank::attrs::{take_heading_attrs, Attrs};
use crate::engine::bank::bank::{Bank, Import, Section, Settings};
use crate::engine::question::answer_reader::{self, is_answer_block, label_line};
use crate::engine::question::choice::Scoring;
use crate::engine::question::scan;
use crate::engine::question::{split_trimmed, Kind, Question, TypeName};
use crate::engine::text::decimal::{self, NumError};
use crate::engine::text::diagnostics::{Diagnostic, Reporter};
use crate::engine::text::fingerprint::Fingerprint;
use crate::engine::text::frontmatter;
use crate::engine::text::hash::{content_hash, fnv1a, fnv1a_from};
use crate::engine::text::markdown::{self, Node, NodeKind};
use crate::engine::text::rich::{
    inline_str, inline_text, resolve_relative, walk_text, Block, Inline,
};
use crate::engine::text::text::Text;
use std::collections::HashMap;
use std::sync::Arc;

/// Moved to the reply type with the rest of its answer construction; kept here for callers.
pub use crate::engine::question::reply::{split_forbidden, split_reason};

pub fn parse_bank(path: &str, text: &str) -> (Bank, Vec<Diagnostic>) {
    // Questions are read while the Markdown streams, at the deepest heading level seen so far.
    // A deeper heading later in the file makes the earlier ones sections: then the file is read
    // again knowing its question level (rare: real banks show their deepest level early).
    // Hashes are computed from this copy when first asked for, not while parsing, and the
    // Markdown model keeps its text runs as ranges of it.
    let source: Arc<str> = Arc::from(text);
    let mut known = None;
    loop {
        match read_bank(path, &source, known) {
            Ok(done) => return done,
            Err(level) => known = Some(level),
        }
    }
}

/// One reading of a bank; `Err(level)` when questions were read at a level that turned out
/// not to be the deepest (`known` is that level on the second reading, which cannot fail).
fn read_bank(
    path: &str,
    source: &Arc<str>,
    known: Option<u8>,
) -> Result<(Bank, Vec<Diagnostic>), u8> {
    let text: &str = source;
    let mut rep = Reporter::new(path, text);
    let fm = frontmatter::split(text, &mut rep);
    let (settings, draw_at) = Settings::from_entries(&fm.entries, &mut rep);
    let mut p = BankParser {
        path,
        shared_path: Arc::from(path),
        text,
        rep,
        settings,
        source,
        known,
        deepest: None,
        shallowest_question: None,
        intro: Vec::new(),
        sections: Vec::new(),
        open: None,
        spare_body: Vec::new(),
        id_hashes: Vec::new(),
    };
    markdown::parse_each_shared(source, fm.body_start, &mut |node| p.node(node));
    p.close_group();
    if let (Some(q), Some(d)) = (p.shallowest_question, p.deepest) {
        if q < d && known.is_none() {
            return Err(d);
        }
    }
    let BankParser {
        mut rep,
        settings,
        intro,
        mut sections,
        id_hashes,
        ..
    } = p;
    sections.retain(|s| !s.questions.is_empty() || s.import.is_some() || s.draw.is_some());

    check_duplicate_ids(&sections, &id_hashes, &mut rep);
    let title = settings.title.clone().unwrap_or_else(|| file_stem(path));
    let bank = Bank {
        path: path.to_string(),
        title,
        settings,
        intro,
        sections,
        hash: Fingerprint::of_file(source.clone()),
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
    Ok((bank, rep.diags))
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
    /// `path` once for all the questions (`Question.bank`).
    shared_path: Arc<str>,
    text: &'a str,
    rep: Reporter<'a>,
    settings: Settings,
    /// `text` shared, for the fingerprints of the bank and its questions.
    source: &'a Arc<str>,
    /// The question level, when a first reading found it.
    known: Option<u8>,
    /// The deepest heading level seen so far, imports aside.
    deepest: Option<u8>,
    /// The shallowest level questions were read at.
    shallowest_question: Option<u8>,
    /// Blocks before the first heading.
    intro: Vec<Block>,
    sections: Vec<Section>,
    /// The last heading seen and its body so far.
    open: Option<Group>,
    /// An empty list with room, for the next group's body.
    spare_body: Vec<(Block, usize)>,
    /// Each question's id hash, for `check_duplicate_ids`.
    id_hashes: Vec<u64>,
}

/// A heading with the blocks under it (each with its offset) and where they end.
struct Group {
    heading: Heading,
    body: Vec<(Block, usize)>,
    end: usize,
}

struct Heading {
    level: u8,
    inlines: Vec<Inline>,
    attrs: Attrs,
    /// `(path, fragment)` when the heading is only a link to another bank.
    import: Option<(String, Option<String>)>,
    start: usize,
}

const SECTION_KEYS: &[&str] = &["draw"];
/// `allow` and `why` silence an item-writing hint for the question (read by `lint`);
/// `platform` says which platform's red lines grade a reply.
const QUESTION_KEYS: &[&str] = &[
    "points", "tags", "type", "scoring", "allow", "why", "platform",
];

impl<'a> BankParser<'a> {
    /// Takes the next top-level node: a block joins the open heading's body (or the intro); a
    /// heading closes the open group first, now that its level is known.
    fn node(&mut self, node: Node) {
        match node.kind {
            NodeKind::Block(b) => match &mut self.open {
                Some(g) => {
                    g.body.push((b, node.start));
                    g.end = node.end;
                }
                None => self.intro.push(b),
            },
            NodeKind::Heading { level, inlines } => {
                let h = self.heading(level, inlines, node.start);
                if h.import.is_none() {
                    self.deepest = self.deepest.max(Some(level));
                }
                self.close_group();
                self.open = Some(Group {
                    heading: h,
                    body: std::mem::take(&mut self.spare_body),
                    end: node.end,
                });
            }
        }
    }

    /// Reads the open heading and its body as a section or a question.
    fn close_group(&mut self) {
        let Some(Group {
            heading: mut h,
            mut body,
            end,
        }) = self.open.take()
        else {
            return;
        };
        let question_level = self.known.or(self.deepest);
        if h.import.is_some() || Some(h.level) < question_level {
            let section = self.section(&h, &body);
            self.sections.push(section);
            body.clear();
            self.spare_body = body;
            return;
        }
        self.shallowest_question = Some(match self.shallowest_question {
            Some(l) => l.min(h.level),
            None => h.level,
        });
        if self.sections.is_empty() {
            self.sections.push(Section {
                id: String::new(),
                title: Vec::new(),
                draw: None,
                questions: Vec::new(),
                import: None,
                line: 1,
            });
        }
        let q = self.question(&mut h, &mut body, end);
        // The list's room is kept for the next group (one allocation fewer per question).
        body.clear();
        self.spare_body = body;
        if let Some(q) = q {
            if let Some(s) = self.sections.last_mut() {
                if s.import.is_some() {
                    self.rep.error(
                        h.start,
                        "引用其他题库的分组下面不能再写题目：请把题目放到一个新的分组标题下",
                    );
                } else {
                    self.id_hashes.push(fnv1a(q.id.as_bytes()));
                    s.questions.push(q);
                }
            }
        }
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
            // Room for as many questions as the section before had (sections of a bank tend
            // to be alike): fewer copies of the growing list, whose questions are large.
            questions: Vec::with_capacity(self.sections.last().map_or(0, |s| s.questions.len())),
            import,
            line,
        }
    }

    fn question(
        &mut self,
        h: &mut Heading,
        body: &mut Vec<(Block, usize)>,
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
            Some(v) => match decimal::parse(v) {
                Ok(p) if p > 0.0 && p <= 1000.0 => p,
                Err(NumError::TooLong) => {
                    self.rep
                        .error(self.attr_offset(h), decimal::too_long_message(v));
                    1.0
                }
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
            .map(|t| split_trimmed(t, b',', "，"))
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

        // Quotes are the explanation; the rest stays in place as stem and answer. Usually there
        // is one quote, whose blocks move rather than being copied.
        let mut explanation = Vec::new();
        body.retain_mut(|(b, _)| match b {
            Block::Quote(inner) => {
                if explanation.is_empty() {
                    explanation = std::mem::take(inner);
                } else {
                    explanation.append(inner);
                }
                false
            }
            _ => true,
        });
        let sources = sources_of(&explanation);

        let (stem, kind) =
            answer_reader::read(&mut title, body, forced, scoring, at, &mut self.rep);
        let kind = kind?;
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
        // The heading is done with after this question: its id moves rather than being copied.
        let id = match h.attrs.id.take() {
            Some(id) => {
                if id.bytes().any(|b| matches!(b, b'/' | b'#' | b'?')) {
                    let a = self.attr_offset(h);
                    self.rep.error(a, format!("编号 \"{id}\" 不能包含 / # ?"));
                }
                id
            }
            None => {
                // Written out rather than by `format!`, which is slower (2,500 questions of
                // the benchmark bank have no id).
                let mut content = id_title.unwrap_or_default();
                content.push('\n');
                content.push_str(&crate::engine::text::rich::blocks_text(&stem));
                let mut id = String::with_capacity(12);
                id.push_str("q-");
                id.push_str(&content_hash(&content)[..10]);
                id
            }
        };
        let hash = Fingerprint::of_question(self.source.clone(), h.start..end);
        Some(Question {
            id,
            explicit_id,
            bank: Arc::clone(&self.shared_path),
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

fn sources_of(explanation: &[Block]) -> Vec<Text> {
    let mut out = Vec::new();
    for b in explanation {
        if let Block::Para(inl) = b {
            // A paragraph that is one run of text (most are) lends its text: a source is cut
            // from it rather than copied.
            let run = match inl.as_slice() {
                [Inline::Text(t)] => Some(t),
                _ => None,
            };
            let text = inline_str(inl);
            let mut rest: &str = &text;
            while !rest.is_empty() {
                // `lines()` by a byte search; a `\r` before the `\n` goes with the final trim.
                let (line, next) = scan::first_line(rest);
                rest = next;
                // Only the start is trimmed before the cheap test: most lines are not sources,
                // and the value is trimmed at its end below.
                let line = scan::trim_start(line);
                // `来源`, `出处`, `source` or `Source`: six bytes each, compared as bytes
                // rather than by four string searches (most lines are not sources).
                let after = match line.as_bytes() {
                    [0xe6, 0x9d, 0xa5, 0xe6, 0xba, 0x90, ..]
                    | [0xe5, 0x87, 0xba, 0xe5, 0xa4, 0x84, ..]
                    | [b's' | b'S', b'o', b'u', b'r', b'c', b'e', ..] => &line[6..],
                    _ => continue,
                };
                let after = scan::trim_start(after);
                if let Some(v) = after.strip_prefix('：').or_else(|| after.strip_prefix(':')) {
                    // `来源：A、B` names two sources: the list is split at `、` and `；`/`;`
                    // (not at commas, which may sit inside one source's own description).
                    let mut push = |v: &str| {
                        let v = scan::trim(v);
                        if v.is_empty() {
                            return;
                        }
                        if out.is_empty() {
                            // Usually the only one: room for one rather than the default four.
                            out.reserve_exact(1);
                        }
                        out.push(run.map_or_else(|| Text::from(v), |t| t.piece(v)));
                    };
                    // A plain ASCII file name, the usual source, skips the char-set search.
                    if !v.bytes().any(|b| b == b';' || b >= 0x80) {
                        push(v);
                    } else {
                        v.split(['、', '；', ';']).for_each(push);
                    }
                }
            }
        }
    }
    out
}

/// `hashes` are the questions' id hashes in file order, taken as each question was read. Most
/// banks have no repeated id, and a set of the hashes shows that quickly; only when two hashes
/// are equal are the ids themselves compared. (Checking the ids in a hash set after the file
/// was read took about 4% of the whole parse: each id was long out of the cache by then.)
fn check_duplicate_ids(sections: &[Section], hashes: &[u64], rep: &mut Reporter) {
    if !any_equal(hashes) {
        return;
    }
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

/// Whether two of `hashes` are equal, by an open-addressing set of them (a few lines of code,
/// where a sort or a second hash map type cost the first screen's wasm over 2 KB).
fn any_equal(hashes: &[u64]) -> bool {
    let bits = (hashes.len() * 2)
        .next_power_of_two()
        .trailing_zeros()
        .max(4);
    let mut slots = vec![0u64; 1 << bits];
    let mask = slots.len() - 1;
    for &h in hashes {
        // Zero marks a free slot. Hashes that differ only in the lowest bit count as equal:
        // that only sends a bank to the exact check.
        let h = h | 1;
        // FNV's low bits are poorly mixed: the slot comes from the top bits of a product.
        let mut i = (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize;
        loop {
            match slots[i] {
                0 => {
                    slots[i] = h;
                    break;
                }
                s if s == h => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }
    false
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<(String, Vec<String>)> {
        let (bank, _) = parse_bank("t.md", text);
        bank.sections
            .iter()
            .map(|s| {
                let qs = s.questions.iter().map(|q| inline_text(&q.title)).collect();
                (inline_text(&s.title), qs)
            })
            .collect()
    }

    #[test]
    fn a_deeper_heading_late_in_the_file_makes_the_earlier_headings_sections() {
        // Read while streaming, `## 甲` looks like a question until `### 丙` shows the deepest level.
        let text = "## 甲\n\n1. [x] 对\n1. [ ] 错\n\n## 乙\n\n### 丙\n\n答案：对\n";
        // `## 甲` becomes an empty section (dropped); `丙` is the only question.
        assert_eq!(
            shape(text),
            vec![("乙".to_string(), vec!["丙".to_string()])]
        );
        let (_, diags) = parse_bank("t.md", text);
        // `## 甲` is a section holding an answer: the checker says so, as it did before streaming.
        assert!(diags
            .iter()
            .any(|d| d.line == 1 && d.message.contains("被当作了分组")));
    }

    /// The duplicate-id errors of a bank, as (line, message).
    fn duplicate_errors(text: &str) -> Vec<(u32, String)> {
        let (_, diags) = parse_bank("t.md", text);
        diags
            .into_iter()
            .filter(|d| d.message.contains("重复") || d.message.contains("完全相同"))
            .map(|d| (d.line, d.message))
            .collect()
    }

    #[test]
    fn each_repeated_id_is_reported_at_its_line_naming_the_first_question() {
        let text = "## 甲 {#a}\n\n答案：对\n\n## 乙 {#b}\n\n答案：对\n\n## 丙 {#a}\n\n答案：错\n\n\
                    ## 丁 {#b}\n\n答案：错\n\n## 戊 {#a}\n\n答案：对\n";
        assert_eq!(
            duplicate_errors(text),
            vec![
                (9, "编号 \"a\" 重复，第一次出现在第 1 行".to_string()),
                (13, "编号 \"b\" 重复，第一次出现在第 5 行".to_string()),
                (17, "编号 \"a\" 重复，第一次出现在第 1 行".to_string()),
            ]
        );
    }

    #[test]
    fn two_questions_with_the_same_content_are_reported_as_the_same_question() {
        let text = "## 甲\n\n答案：对\n\n## 乙\n\n答案：对\n\n## 甲\n\n答案：对\n";
        let errors = duplicate_errors(text);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, 9);
        assert!(errors[0].1.starts_with("这道题与第 1 行的题目内容完全相同"));
    }

    #[test]
    fn different_ids_with_the_same_hash_are_not_duplicates() {
        // Hashes forced equal: only the ids themselves decide.
        let text = "## 甲 {#x}\n\n答案：对\n\n## 乙 {#y}\n\n答案：对\n\n## 丙 {#x}\n\n答案：对\n\n\
                    ## 丁 {#y}\n\n答案：对\n";
        let (bank, _) = parse_bank("t.md", text);
        let mut rep = Reporter::new("t.md", text);
        check_duplicate_ids(&bank.sections, &[7, 7, 7, 7], &mut rep);
        let got: Vec<(u32, &str)> = rep
            .diags
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (9, "编号 \"x\" 重复，第一次出现在第 1 行"),
                (13, "编号 \"y\" 重复，第一次出现在第 5 行"),
            ]
        );
        // All four ids different under one hash: nothing to report.
        let text = text.replace("{#x}\n\n答案：对\n\n## 丁", "{#z}\n\n答案：对\n\n## 丁");
        let text = text.replacen("## 丁 {#y}", "## 丁 {#w}", 1);
        let (bank, _) = parse_bank("t.md", &text);
        let mut rep = Reporter::new("t.md", &text);
        check_duplicate_ids(&bank.sections, &[7, 7, 7, 7], &mut rep);
        assert!(rep.diags.is_empty(), "{:?}", rep.diags);
    }

    #[test]
    fn sections_and_questions_stream_in_order() {
        let text = "# 一\n\n## 甲\n\n答案：对\n\n# 二\n\n## 乙\n\n答案：错\n\n## 丙\n\n答案：1\n";
        assert_eq!(
            shape(text),
            vec![
                ("一".to_string(), vec!["甲".to_string()]),
                ("二".to_string(), vec!["乙".to_string(), "丙".to_string()]),
            ]
        );
    }
}

//! The course's concepts (`kind: concepts`, named by the index's `concepts:`): meanings shared
//! by every scenario reply rubric, each with the phrasings trainees use for it. A key point
//! written `【理解】` accepts every phrasing of the concept 理解, so a new phrasing added once
//! counts in every question. A concept's name is one of its phrasings.

use crate::engine::text::diagnostics::{Diagnostic, Reporter};
use crate::engine::text::frontmatter;
use crate::engine::text::markdown::{self, NodeKind};
use crate::engine::text::rich::{blocks_text, Block};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// Concept name → its phrasings (the name first).
pub type Concepts = BTreeMap<String, Vec<String>>;

/// The concepts a grade context hands to reply grading: the concept list's text, read into
/// `Concepts` the first time a reply is graded (so a program that grades no reply does not
/// carry the concept reader), or a table given directly.
#[derive(Clone, Debug, Default)]
pub struct ConceptTable {
    source: Option<Arc<(String, String)>>,
    read: Arc<OnceLock<Concepts>>,
}

impl ConceptTable {
    /// A table read from a concept list's path and text when first needed.
    pub fn from_source(path: &str, text: &str) -> ConceptTable {
        ConceptTable {
            source: Some(Arc::new((path.to_string(), text.to_string()))),
            read: Arc::default(),
        }
    }

    /// A table of concepts already read.
    pub fn from_map(concepts: Concepts) -> ConceptTable {
        ConceptTable {
            source: None,
            read: Arc::new(OnceLock::from(concepts)),
        }
    }

    pub fn get(&self) -> &Concepts {
        self.read.get_or_init(|| match &self.source {
            Some(s) => to_map(&parse_concepts(&s.0, &s.1).0),
            None => Concepts::new(),
        })
    }
}

/// A concept with the line it was written on.
#[derive(Clone, Debug, PartialEq)]
pub struct Concept {
    pub name: String,
    pub phrasings: Vec<String>,
    pub line: u32,
}

/// Reads a concept list: `- 理解：理解|明白|体谅`, one concept per list item.
pub fn parse_concepts(path: &str, text: &str) -> (Vec<Concept>, Vec<Diagnostic>) {
    let mut rep = Reporter::new(path, text);
    let fm = frontmatter::split(text, &mut rep);
    let mut kind_ok = false;
    for e in &fm.entries {
        match e.key.as_str() {
            "kind" if e.value == "concepts" => kind_ok = true,
            "kind" => rep.error(
                e.value_at,
                format!("概念表的 kind 应写 concepts，这里写的是 \"{}\"", e.value),
            ),
            "title" | "description" => {}
            k => rep.error(
                e.key_at,
                format!("不认识的设置 \"{k}\"，概念表可用的有：kind, title, description"),
            ),
        }
    }
    if !kind_ok {
        rep.error(0, "概念表的开头必须写 kind: concepts");
    }
    let mut out: Vec<Concept> = Vec::new();
    for node in markdown::parse(text, fm.body_start) {
        let NodeKind::Block(Block::List { items, .. }) = node.kind else {
            continue;
        };
        for item in items {
            let line = blocks_text(&item.blocks);
            let Some((name, rest)) = line.trim().split_once(['：', ':']) else {
                rep.error(
                    item.offset,
                    format!("概念“{}”缺少冒号：写成“- 名字：说法|说法”", line.trim()),
                );
                continue;
            };
            let name = name.trim().to_string();
            if name.is_empty() {
                rep.error(item.offset, "概念的名字是空的");
                continue;
            }
            if out.iter().any(|c| c.name == name) {
                rep.error(item.offset, format!("概念“{name}”重复了"));
                continue;
            }
            let mut phrasings = vec![name.clone()];
            for p in rest
                .split(['|', '｜'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                let p = p.to_string();
                if !phrasings.contains(&p) {
                    phrasings.push(p);
                }
            }
            out.push(Concept {
                name,
                phrasings,
                line: rep.line_of(item.offset),
            });
        }
    }
    (out, rep.diags)
}

/// Whether a file declares itself a concept list (`kind: concepts`).
pub fn is_concept_file(text: &str) -> bool {
    frontmatter::declares_kind(text, &["concepts"])
}

/// The concepts as the grader looks them up.
pub fn to_map(concepts: &[Concept]) -> Concepts {
    concepts
        .iter()
        .map(|c| (c.name.clone(), c.phrasings.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concepts_are_read_with_their_name_as_a_phrasing() {
        let text = "---\nkind: concepts\n---\n\n- 理解：明白|体谅\n- 金额：钱数｜退多少\n";
        let (c, diags) = parse_concepts("c.md", text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(c[0].phrasings, vec!["理解", "明白", "体谅"]);
        assert_eq!(c[1].name, "金额");
        assert_eq!(c[1].line, 6);
    }

    #[test]
    fn a_concept_without_phrasings_or_repeated_is_an_error_at_its_line() {
        let text = "---\nkind: concepts\n---\n\n- 理解\n- 金额：钱数\n- 金额：退多少\n";
        let (_, diags) = parse_concepts("c.md", text);
        assert_eq!(diags.len(), 2);
        assert_eq!((diags[0].line, diags[1].line), (5, 7));
        assert!(diags[1].message.contains("重复"));
    }
}

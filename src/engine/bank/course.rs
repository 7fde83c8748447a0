//! The course index (`exams/index.md`): the days of the onboarding plan, each with its exams.

use crate::engine::text::diagnostics::{Diagnostic, Reporter};
use crate::engine::text::frontmatter;
use crate::engine::text::markdown::{self, NodeKind};
use crate::engine::text::rich::{inline_text, resolve_relative, Block, Inline};

#[derive(Clone, Debug, PartialEq)]
pub struct Course {
    pub path: String,
    pub title: String,
    pub description: String,
    /// The course-wide red-line word list, resolved against the index.
    /// Red-line lists for the whole course (`redlines: a.md, b.md`), resolved paths.
    pub redlines: Vec<String>,
    /// The course's concept list (`concepts: concepts.md`), resolved path.
    pub concepts: Option<String>,
    pub days: Vec<Day>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Day {
    pub title: Vec<Inline>,
    pub description: Vec<Block>,
    pub exams: Vec<ExamLink>,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExamLink {
    pub title: String,
    /// Path of the bank file, resolved against the index.
    pub path: String,
    pub line: u32,
    pub col: u32,
}

const COURSE_KEYS: &[&str] = &["title", "description", "redlines", "concepts"];

pub fn parse_course(path: &str, text: &str) -> (Course, Vec<Diagnostic>) {
    let mut rep = Reporter::new(path, text);
    let fm = frontmatter::split(text, &mut rep);
    let mut course = Course {
        path: path.to_string(),
        title: "培训课程".into(),
        description: String::new(),
        redlines: Vec::new(),
        concepts: None,
        days: Vec::new(),
    };
    for e in &fm.entries {
        match e.key.as_str() {
            "title" => course.title = e.value.clone(),
            "description" => course.description = e.value.clone(),
            "redlines" => {
                course.redlines = split_paths(&e.value)
                    .map(|p| resolve_relative(path, p))
                    .collect()
            }
            "concepts" => course.concepts = Some(resolve_relative(path, e.value.trim())),
            k => rep.error(
                e.key_at,
                format!(
                    "不认识的设置 \"{k}\"，课程目录可用的有：{}",
                    COURSE_KEYS.join(", ")
                ),
            ),
        }
    }
    let nodes = markdown::parse(text, fm.body_start);
    let day_level = nodes
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min();
    for node in &nodes {
        match &node.kind {
            NodeKind::Heading { level, inlines } if Some(*level) == day_level => {
                course.days.push(Day {
                    title: inlines.clone(),
                    description: Vec::new(),
                    exams: Vec::new(),
                    line: rep.line_of(node.start),
                });
            }
            NodeKind::Heading { .. } => {}
            NodeKind::Block(block) => {
                let Some(day) = course.days.last_mut() else {
                    continue;
                };
                match block {
                    Block::List { items, .. }
                        if items.iter().any(|i| first_link(&i.blocks).is_some()) =>
                    {
                        for item in items {
                            match first_link(&item.blocks) {
                                Some((title, href)) if href.split('#').next().is_some_and(|f| f.ends_with(".md")) => {
                                    let (line, col) = rep.index.line_col(item.offset);
                                    day.exams.push(ExamLink { title, path: resolve_relative(path, &href), line, col });
                                }
                                _ => rep.error(item.offset, "课程目录的列表项应是指向题库文件（.md）的链接，如 - [平台规则](02-platform-rules.md)"),
                            }
                        }
                    }
                    other => day.description.push(other.clone()),
                }
            }
        }
    }
    if course.days.is_empty() {
        rep.error(fm.body_start, "课程目录里没有任何一天：每天用一个标题开头（如 # 第 1 天：打字与工具），下面列出考试链接");
    }
    for day in &course.days {
        if day.exams.is_empty() {
            let at = rep.index.line_start(day.line);
            rep.warning(at, format!("“{}”下面没有考试链接", inline_text(&day.title)));
        }
    }
    (course, rep.diags)
}

fn first_link(blocks: &[Block]) -> Option<(String, String)> {
    for b in blocks {
        if let Block::Para(inl) = b {
            for i in inl {
                if let Inline::Link {
                    href: Some(h),
                    children,
                } = i
                {
                    return Some((inline_text(children), h.clone()));
                }
            }
        }
    }
    None
}

impl Course {
    pub fn exam_paths(&self) -> impl Iterator<Item = &ExamLink> {
        self.days.iter().flat_map(|d| d.exams.iter())
    }
}

/// `redlines.md, redlines-jd.md` → each path.
pub fn split_paths(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([',', '，', '、'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

//! Markdown → typed blocks in one pass over pulldown-cmark's events.
//!
//! The result is a flat list of top-level nodes (headings and blocks) with byte offsets;
//! the bank parser groups them into sections and questions afterwards.

use super::rich::{safe_url, Block, Inline, ListItem};
use pulldown_cmark::{Event, Options, Parser, Tag};

pub struct Node {
    pub kind: NodeKind,
    /// Byte range in the file.
    pub start: usize,
    pub end: usize,
}

pub enum NodeKind {
    Heading { level: u8, inlines: Vec<Inline> },
    Block(Block),
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
}

enum Frame {
    Para(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    List { ordered: bool, start: u64, items: Vec<ListItem> },
    Item { task: Option<bool>, blocks: Vec<Block>, inlines: Vec<Inline>, offset: usize },
    Quote(Vec<Block>),
    Code(String),
    Table { head: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>> },
    Row { head: bool, cells: Vec<Vec<Inline>> },
    Cell(Vec<Inline>),
    Span(SpanKind, Vec<Inline>),
    Image { src: Option<String>, alt: String },
    /// Something we do not model (metadata, footnotes...): its content is dropped.
    Skip,
}

#[derive(Clone, Copy)]
enum SpanKind {
    Emph,
    Strong,
    Strike,
    Link,
}

struct Builder {
    stack: Vec<(Frame, usize)>,
    nodes: Vec<Node>,
    link_hrefs: Vec<Option<String>>,
}

/// Parses `text[base..]`; offsets in the result are offsets into the whole `text`.
pub fn parse(text: &str, base: usize) -> Vec<Node> {
    let mut b = Builder { stack: Vec::new(), nodes: Vec::new(), link_hrefs: Vec::new() };
    let body = text.get(base..).unwrap_or("");
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        b.event(event, range.start + base, range.end + base);
    }
    // pulldown-cmark always closes what it opens; this only guards against surprises.
    while let Some((frame, start)) = b.stack.pop() {
        b.close(frame, start, text.len());
    }
    b.nodes
}

impl Builder {
    fn event(&mut self, event: Event<'_>, start: usize, end: usize) {
        if matches!(self.stack.last(), Some((Frame::Skip, _))) {
            match event {
                Event::Start(_) => self.stack.push((Frame::Skip, start)),
                Event::End(_) => {
                    self.stack.pop();
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.open(tag, start),
            Event::End(_) => {
                if let Some((frame, s)) = self.stack.pop() {
                    self.close(frame, s, end);
                }
            }
            Event::Text(t) => {
                if let Some((Frame::Code(code), _)) = self.stack.last_mut() {
                    code.push_str(&t);
                } else if let Some((Frame::Image { alt, .. }, _)) = self.stack.last_mut() {
                    alt.push_str(&t);
                } else {
                    self.push_text(&t);
                }
            }
            Event::Code(t) => self.push_inline(Inline::Code(t.to_string())),
            // Raw HTML is never interpreted: it is shown as the text the trainer typed.
            Event::Html(t) | Event::InlineHtml(t) => self.push_text(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t),
            Event::FootnoteReference(t) => self.push_text(&t),
            Event::SoftBreak => self.push_text("\n"),
            Event::HardBreak => self.push_inline(Inline::LineBreak),
            Event::Rule => self.push_block(Block::Rule, start, end),
            Event::TaskListMarker(done) => {
                if let Some((Frame::Item { task, .. }, _)) = self.stack.last_mut() {
                    *task = Some(done);
                }
            }
        }
    }

    fn open(&mut self, tag: Tag<'_>, start: usize) {
        let frame = match tag {
            Tag::Paragraph => Frame::Para(Vec::new()),
            Tag::Heading { level, .. } => Frame::Heading(level as u8, Vec::new()),
            Tag::BlockQuote(_) => Frame::Quote(Vec::new()),
            Tag::CodeBlock(_) => Frame::Code(String::new()),
            // Raw HTML blocks become a paragraph of literal text.
            Tag::HtmlBlock => Frame::Para(Vec::new()),
            Tag::List(first) => Frame::List {
                ordered: first.is_some(),
                start: first.unwrap_or(1),
                items: Vec::new(),
            },
            Tag::Item => Frame::Item { task: None, blocks: Vec::new(), inlines: Vec::new(), offset: start },
            Tag::Table(_) => Frame::Table { head: Vec::new(), rows: Vec::new() },
            Tag::TableHead => Frame::Row { head: true, cells: Vec::new() },
            Tag::TableRow => Frame::Row { head: false, cells: Vec::new() },
            Tag::TableCell => Frame::Cell(Vec::new()),
            Tag::Emphasis => Frame::Span(SpanKind::Emph, Vec::new()),
            Tag::Strong => Frame::Span(SpanKind::Strong, Vec::new()),
            Tag::Strikethrough => Frame::Span(SpanKind::Strike, Vec::new()),
            Tag::Link { dest_url, .. } => {
                self.link_hrefs.push(safe_url(&dest_url));
                Frame::Span(SpanKind::Link, Vec::new())
            }
            Tag::Image { dest_url, .. } => Frame::Image { src: safe_url(&dest_url), alt: String::new() },
            _ => Frame::Skip,
        };
        self.stack.push((frame, start));
    }

    fn close(&mut self, frame: Frame, start: usize, end: usize) {
        match frame {
            Frame::Para(inlines) => {
                if !inlines.is_empty() {
                    self.push_block(Block::Para(inlines), start, end)
                }
            }
            Frame::Heading(level, inlines) => {
                if self.stack.is_empty() {
                    self.nodes.push(Node { kind: NodeKind::Heading { level, inlines }, start, end });
                } else {
                    self.push_block(Block::Heading(level, inlines), start, end);
                }
            }
            Frame::Quote(blocks) => self.push_block(Block::Quote(blocks), start, end),
            Frame::Code(text) => self.push_block(Block::Code(text), start, end),
            Frame::List { ordered, start: first, items } => {
                self.push_block(Block::List { ordered, start: first, items }, start, end)
            }
            Frame::Item { task, mut blocks, inlines, offset } => {
                if !inlines.is_empty() {
                    blocks.insert(0, Block::Para(inlines));
                }
                if let Some((Frame::List { items, .. }, _)) = self.stack.last_mut() {
                    items.push(ListItem { task, blocks, offset });
                }
            }
            Frame::Table { head, rows } => self.push_block(Block::Table { head, rows }, start, end),
            Frame::Row { head: is_head, cells } => {
                if let Some((Frame::Table { head, rows }, _)) = self.stack.last_mut() {
                    if is_head {
                        *head = cells;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            Frame::Cell(inlines) => {
                if let Some((Frame::Row { cells, .. }, _)) = self.stack.last_mut() {
                    cells.push(inlines);
                }
            }
            Frame::Span(kind, children) => {
                let inline = match kind {
                    SpanKind::Emph => Inline::Emph(children),
                    SpanKind::Strong => Inline::Strong(children),
                    SpanKind::Strike => Inline::Strike(children),
                    SpanKind::Link => Inline::Link { href: self.link_hrefs.pop().flatten(), children },
                };
                self.push_inline(inline);
            }
            Frame::Image { src, alt } => self.push_inline(Inline::Image { src, alt }),
            Frame::Skip => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        // Adjacent text is merged so that `{{...}}` blanks and labels are seen whole.
        if let Some(Inline::Text(prev)) = self.inline_target().and_then(|v| v.last_mut()) {
            prev.push_str(text);
            return;
        }
        self.push_inline(Inline::Text(text.to_string()));
    }

    fn push_inline(&mut self, inline: Inline) {
        if let Some(target) = self.inline_target() {
            target.push(inline);
        }
    }

    fn inline_target(&mut self) -> Option<&mut Vec<Inline>> {
        match self.stack.last_mut() {
            Some((Frame::Para(v), _))
            | Some((Frame::Heading(_, v), _))
            | Some((Frame::Cell(v), _))
            | Some((Frame::Span(_, v), _))
            | Some((Frame::Item { inlines: v, .. }, _)) => Some(v),
            _ => None,
        }
    }

    fn push_block(&mut self, block: Block, start: usize, end: usize) {
        match self.stack.last_mut() {
            None => self.nodes.push(Node { kind: NodeKind::Block(block), start, end }),
            Some((Frame::Item { blocks, inlines, .. }, _)) => {
                if !inlines.is_empty() {
                    blocks.push(Block::Para(std::mem::take(inlines)));
                }
                blocks.push(block);
            }
            Some((Frame::Quote(blocks), _)) => blocks.push(block),
            _ => {}
        }
    }
}

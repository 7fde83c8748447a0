//! Markdown → typed blocks in one pass over pulldown-cmark's events.
//!
//! The result is a flat sequence of top-level nodes (headings and blocks) with byte offsets.
//! `parse_each` hands each node over as soon as it is complete, so the bank parser can group
//! questions while the events stream instead of keeping the whole file's model first. Text runs
//! written in one piece in the file are kept as ranges of it (`text::Text`), not copied.

use crate::engine::text::rich::{safe_url, Block, Inline, ListItem};
use crate::engine::text::text::Text;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};
use std::ops::Range;
use std::sync::Arc;

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
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

enum Frame {
    Para(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    List {
        ordered: bool,
        start: u64,
        items: Vec<ListItem>,
    },
    Item {
        task: Option<bool>,
        blocks: Vec<Block>,
        inlines: Vec<Inline>,
        offset: usize,
    },
    Quote(Vec<Block>),
    Code(String),
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Row {
        head: bool,
        cells: Vec<Vec<Inline>>,
    },
    Cell(Vec<Inline>),
    Span(SpanKind, Vec<Inline>),
    Image {
        src: Option<String>,
        alt: String,
    },
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

struct Builder<'s> {
    /// The whole file: text runs written in one piece in it are kept as ranges of it.
    source: Arc<str>,
    /// The run of text being read into the innermost frame, not yet pushed as an
    /// `Inline::Text`: adjacent text events are joined here (so `{{...}}` blanks and labels are
    /// seen whole), as a range of `source` while they follow each other in the file.
    run: Run,
    /// The text of a `Run::Joined`, kept between runs so that joining needs no new buffer.
    joined: String,
    stack: Vec<(Frame, usize)>,
    /// For each frame of `stack`: how many spans are open inside it without a frame of their
    /// own (nested too deeply, or formatting inside an image's alt text). Their content goes to
    /// that frame.
    flat: Vec<u32>,
    /// Receives each top-level node as soon as it is closed.
    sink: &'s mut dyn FnMut(Node),
    link_hrefs: Vec<Option<String>>,
    /// Open block quotes and lists.
    depth: usize,
    /// Open emphasis, strong, strikethrough and link spans.
    span_depth: usize,
}

/// How deeply quotes and lists, and separately inline spans, may nest. The model is walked
/// recursively (clone, compare, render), so thousands of nested `>` or `*` would overflow the
/// stack. Deeper quotes and lists are dropped; deeper spans keep their text unformatted.
/// Real banks nest two or three levels.
pub const MAX_NESTING: usize = 32;

enum Run {
    None,
    Source(Range<usize>),
    /// The run is in `Builder::joined`.
    Joined,
}

/// Parses `text[base..]`; offsets in the result are offsets into the whole `text`.
pub fn parse(text: &str, base: usize) -> Vec<Node> {
    let mut nodes = Vec::new();
    parse_each(text, base, &mut |n| nodes.push(n));
    nodes
}

/// `parse`, handing each top-level node to `sink` in document order as soon as it is closed.
pub fn parse_each(text: &str, base: usize, sink: &mut dyn FnMut(Node)) {
    parse_each_shared(&Arc::from(text), base, sink)
}

/// `parse_each` over a file the caller already holds shared: its text runs become ranges of it.
pub fn parse_each_shared(source: &Arc<str>, base: usize, sink: &mut dyn FnMut(Node)) {
    let text: &str = source;
    let mut b = Builder {
        source: Arc::clone(source),
        run: Run::None,
        joined: String::new(),
        stack: Vec::new(),
        flat: Vec::new(),
        sink,
        link_hrefs: Vec::new(),
        depth: 0,
        span_depth: 0,
    };
    let body = text.get(base..).unwrap_or("");
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        b.event(event, range.start + base, range.end + base);
    }
    b.end_run();
    // pulldown-cmark always closes what it opens; this only guards against surprises.
    while let Some((frame, start)) = b.pop_frame() {
        b.close(frame, start, text.len());
    }
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, start: usize, end: usize) {
        // Anything but more text ends the run of text being read: it goes into its frame
        // before the frame changes or something else is pushed after it.
        if !matches!(
            event,
            Event::Text(_)
                | Event::Html(_)
                | Event::InlineHtml(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::FootnoteReference(_)
                | Event::SoftBreak
        ) {
            self.end_run();
        }
        if matches!(self.stack.last(), Some((Frame::Skip, _))) {
            match event {
                Event::Start(_) => self.push_frame(Frame::Skip, start),
                Event::End(_) => {
                    self.pop_frame();
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.open(tag, start),
            Event::End(_) => {
                if let Some(n) = self.flat.last_mut().filter(|n| **n > 0) {
                    *n -= 1;
                } else if let Some((frame, s)) = self.pop_frame() {
                    self.close(frame, s, end);
                }
            }
            Event::Text(t) => {
                if let Some((Frame::Code(code), _)) = self.stack.last_mut() {
                    code.push_str(&t);
                } else {
                    let at = self.offset_of(&t);
                    self.push_text(&t, at);
                }
            }
            Event::Code(t) => self.push_inline(Inline::Code(t.to_string())),
            // Raw HTML is never interpreted: it is shown as the text the trainer typed.
            Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
            | Event::FootnoteReference(t) => {
                let at = self.offset_of(&t);
                self.push_text(&t, at)
            }
            // A line break inside a paragraph: the file's own `\n` when it is written as one.
            Event::SoftBreak => {
                let at = (self.source.get(start..end) == Some("\n")).then_some(start);
                self.push_text("\n", at)
            }
            Event::HardBreak => self.push_inline(Inline::LineBreak),
            Event::Rule => self.push_block(Block::Rule, start, end),
            Event::TaskListMarker(done) => {
                if let Some(Frame::Item { task, .. }) = self.top() {
                    *task = Some(done);
                }
            }
        }
    }

    fn open(&mut self, tag: Tag<'_>, start: usize) {
        if matches!(tag, Tag::BlockQuote(_) | Tag::List(_)) {
            if self.depth >= MAX_NESTING {
                self.push_frame(Frame::Skip, start);
                return;
            }
            self.depth += 1;
        }
        if matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }
        ) {
            if self.span_depth >= MAX_NESTING || matches!(self.top(), Some(Frame::Image { .. })) {
                match self.flat.last_mut() {
                    Some(n) => *n += 1,
                    None => self.push_frame(Frame::Skip, start),
                }
                return;
            }
            self.span_depth += 1;
        }
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
            Tag::Item => Frame::Item {
                task: None,
                blocks: Vec::new(),
                inlines: Vec::new(),
                offset: start,
            },
            Tag::Table(_) => Frame::Table {
                head: Vec::new(),
                rows: Vec::new(),
            },
            Tag::TableHead => Frame::Row {
                head: true,
                cells: Vec::new(),
            },
            Tag::TableRow => Frame::Row {
                head: false,
                cells: Vec::new(),
            },
            Tag::TableCell => Frame::Cell(Vec::new()),
            Tag::Emphasis => Frame::Span(SpanKind::Emph, Vec::new()),
            Tag::Strong => Frame::Span(SpanKind::Strong, Vec::new()),
            Tag::Strikethrough => Frame::Span(SpanKind::Strike, Vec::new()),
            Tag::Link { dest_url, .. } => {
                self.link_hrefs.push(safe_url(&dest_url));
                Frame::Span(SpanKind::Link, Vec::new())
            }
            Tag::Image { dest_url, .. } => Frame::Image {
                src: safe_url(&dest_url),
                alt: String::new(),
            },
            _ => Frame::Skip,
        };
        self.push_frame(frame, start);
    }

    #[inline(always)]
    fn push_frame(&mut self, frame: Frame, start: usize) {
        self.stack.push((frame, start));
        self.flat.push(0);
    }

    #[inline(always)]
    fn pop_frame(&mut self) -> Option<(Frame, usize)> {
        self.flat.pop();
        self.stack.pop()
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
                    (self.sink)(Node {
                        kind: NodeKind::Heading { level, inlines },
                        start,
                        end,
                    });
                } else {
                    self.push_block(Block::Heading(level, inlines), start, end);
                }
            }
            Frame::Quote(blocks) => {
                self.depth -= 1;
                self.push_block(Block::Quote(blocks), start, end)
            }
            Frame::Code(text) => self.push_block(Block::Code(text), start, end),
            Frame::List {
                ordered,
                start: first,
                items,
            } => {
                self.depth -= 1;
                self.push_block(
                    Block::List {
                        ordered,
                        start: first,
                        items,
                    },
                    start,
                    end,
                )
            }
            Frame::Item {
                task,
                mut blocks,
                inlines,
                offset,
            } => {
                if !inlines.is_empty() {
                    if blocks.is_empty() {
                        // A tight item: one paragraph, in a list sized for it (most options).
                        blocks = vec![Block::Para(inlines)];
                    } else {
                        blocks.insert(0, Block::Para(inlines));
                    }
                }
                if let Some((Frame::List { items, .. }, _)) = self.stack.last_mut() {
                    items.push(ListItem {
                        task,
                        blocks,
                        offset,
                    });
                }
            }
            Frame::Table { head, rows } => self.push_block(Block::Table { head, rows }, start, end),
            Frame::Row {
                head: is_head,
                cells,
            } => {
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
                self.span_depth -= 1;
                let inline = match kind {
                    SpanKind::Emph => Inline::Emph(children),
                    SpanKind::Strong => Inline::Strong(children),
                    SpanKind::Strike => Inline::Strike(children),
                    SpanKind::Link => Inline::Link {
                        href: self.link_hrefs.pop().flatten(),
                        children,
                    },
                };
                self.push_inline(inline);
            }
            Frame::Image { src, alt } => self.push_inline(Inline::Image { src, alt }),
            Frame::Skip => {}
        }
    }

    #[inline(always)]
    fn top(&mut self) -> Option<&mut Frame> {
        self.stack.last_mut().map(|(f, _)| f)
    }

    /// Where `text` lies in the file, when it is a piece of the file itself (most text events
    /// are; decoded escapes and entities are not).
    #[inline(always)]
    fn offset_of(&self, text: &CowStr<'_>) -> Option<usize> {
        let CowStr::Borrowed(t) = text else {
            return None;
        };
        let at = (t.as_ptr() as usize).checked_sub(self.source.as_ptr() as usize)?;
        (at + t.len() <= self.source.len()).then_some(at)
    }

    /// Adds text to the run being read; `at` is where it lies in the file, if it is a piece of it.
    fn push_text(&mut self, text: &str, at: Option<usize>) {
        match self.stack.last_mut().map(|(f, _)| f) {
            Some(Frame::Image { alt, .. }) => alt.push_str(text),
            Some(frame) => {
                let Some(v) = inline_target(frame) else {
                    return;
                };
                if matches!(self.run, Run::None) {
                    // Text right after text already pushed (past a span too deeply nested to
                    // keep, or a task marker) joins it, as it always has.
                    if let Some(Inline::Text(prev)) = v.last() {
                        self.run = match prev.range_in(&self.source) {
                            Some(r) => Run::Source(r),
                            None => {
                                self.joined.clear();
                                self.joined.push_str(prev);
                                Run::Joined
                            }
                        };
                        v.pop();
                    }
                }
                self.run = match (std::mem::replace(&mut self.run, Run::None), at) {
                    (Run::None, Some(at)) => Run::Source(at..at + text.len()),
                    (Run::Source(r), Some(at)) if r.end == at => {
                        Run::Source(r.start..at + text.len())
                    }
                    // Not one piece of the file any more: the run goes on in `joined`.
                    (run, _) => {
                        match run {
                            Run::None => self.joined.clear(),
                            Run::Source(r) => {
                                self.joined.clear();
                                self.joined.push_str(&self.source[r]);
                            }
                            Run::Joined => {}
                        }
                        self.joined.push_str(text);
                        Run::Joined
                    }
                };
            }
            None => {}
        }
    }

    /// Pushes the run of text being read into its frame.
    fn end_run(&mut self) {
        let text = match std::mem::replace(&mut self.run, Run::None) {
            Run::None => return,
            Run::Source(r) => Text::shared(&self.source, r),
            Run::Joined => Text::from(self.joined.as_str()),
        };
        if let Some(v) = self.top().and_then(inline_target) {
            // Most paragraphs, headings, items and cells are one run of text.
            push_sized(v, Inline::Text(text));
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        match self.top() {
            // Inside an image only the words count: they become its alt text.
            Some(Frame::Image { alt, .. }) => alt.push_str(
                &crate::engine::text::rich::inline_text(std::slice::from_ref(&inline)),
            ),
            Some(frame) => {
                if let Some(v) = inline_target(frame) {
                    v.push(inline);
                }
            }
            None => {}
        }
    }

    fn push_block(&mut self, block: Block, start: usize, end: usize) {
        match self.stack.last_mut() {
            None => (self.sink)(Node {
                kind: NodeKind::Block(block),
                start,
                end,
            }),
            Some((
                Frame::Item {
                    blocks, inlines, ..
                },
                _,
            )) => {
                if !inlines.is_empty() {
                    blocks.push(Block::Para(std::mem::take(inlines)));
                }
                blocks.push(block);
            }
            // Most quotes (a question's explanation) hold one paragraph.
            Some((Frame::Quote(blocks), _)) => push_sized(blocks, block),
            _ => {}
        }
    }
}

/// `v.push(x)`, but a list's first element gets a list sized for one instead of the default
/// four: most lists the builder fills hold one element, and the model keeps them.
#[inline(always)]
fn push_sized<T>(v: &mut Vec<T>, x: T) {
    if v.capacity() == 0 {
        *v = vec![x];
    } else {
        v.push(x);
    }
}

#[inline(always)]
fn inline_target(frame: &mut Frame) -> Option<&mut Vec<Inline>> {
    match frame {
        Frame::Para(v)
        | Frame::Heading(_, v)
        | Frame::Cell(v)
        | Frame::Span(_, v)
        | Frame::Item { inlines: v, .. } => Some(v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text runs of the first paragraph found, with whether each is a range of `source`.
    fn runs(source: &str) -> Vec<(String, bool)> {
        let source: Arc<str> = Arc::from(source);
        let mut out = Vec::new();
        parse_each_shared(&source, 0, &mut |node| {
            let inlines = match node.kind {
                NodeKind::Block(Block::Para(i)) => i,
                NodeKind::Block(Block::Quote(mut b)) => match b.pop() {
                    Some(Block::Para(i)) => i,
                    _ => return,
                },
                _ => return,
            };
            if out.is_empty() {
                for i in inlines {
                    if let Inline::Text(t) = i {
                        out.push((t.to_string(), t.range_in(&source).is_some()));
                    }
                }
            }
        });
        out
    }

    #[test]
    fn text_written_in_one_piece_shares_the_file() {
        assert_eq!(
            runs("第一行\n第二行 {{8:00|8点}}\n"),
            vec![("第一行\n第二行 {{8:00|8点}}".to_string(), true)]
        );
        assert_eq!(
            runs("前 *强调* 后"),
            vec![("前 ".to_string(), true), (" 后".to_string(), true)]
        );
    }

    #[test]
    fn text_that_is_not_one_piece_of_the_file_has_the_same_characters_in_a_copy() {
        // Joined across the lines of a quote: the `> ` between them is not part of the text.
        assert_eq!(runs("> 一\n> 二\n"), vec![("一\n二".to_string(), false)]);
        // An escape, an entity, a Windows line end: the text differs from the file's bytes.
        assert_eq!(runs("a\\*b"), vec![("a*b".to_string(), false)]);
        assert_eq!(runs("甲 &amp; 乙"), vec![("甲 & 乙".to_string(), false)]);
        assert_eq!(runs("一\r\n二"), vec![("一\n二".to_string(), false)]);
    }

    #[test]
    fn text_around_a_span_too_deep_to_keep_is_one_run() {
        // MAX_NESTING emphasis spans, then `*y*` inside them: that one is not kept as a span,
        // and its text joins the text on both sides, as it always has.
        let marks = || (0..MAX_NESTING).map(|k| if k % 2 == 0 { '*' } else { '_' });
        let open: String = marks().map(|m| format!("{m}a ")).collect();
        let close: String = marks().rev().map(|m| format!(" a{m}")).collect();
        let nodes = parse(&format!("{open}x *y* z{close}"), 0);
        let Some(NodeKind::Block(Block::Para(mut inlines))) =
            nodes.into_iter().next().map(|n| n.kind)
        else {
            panic!("no paragraph");
        };
        let mut depth = 0;
        while let Some(Inline::Emph(c)) = inlines.iter().find(|i| matches!(i, Inline::Emph(_))) {
            inlines = c.clone();
            depth += 1;
        }
        assert_eq!(depth, MAX_NESTING);
        assert_eq!(inlines, vec![Inline::Text("a x y z a".into())]);
    }
}

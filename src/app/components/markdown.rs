//! Renders the engine's typed Markdown with real elements. Bank text only ever becomes text
//! nodes or attribute values of allowed links and images, never HTML.

use crate::engine::text::rich::{resolve_relative, Block, Inline, ListItem};
use leptos::prelude::*;
use std::sync::Arc;

/// How a fill-in blank is drawn (an input in an exam, the answer in a review).
pub type BlankView = Arc<dyn Fn(usize) -> AnyView + Send + Sync>;

#[derive(Clone)]
pub struct Md {
    /// The bank file, for resolving relative images and links.
    pub base: String,
    pub blank: Option<BlankView>,
}

impl Md {
    pub fn new(base: &str) -> Md {
        Md {
            base: base.to_string(),
            blank: None,
        }
    }

    pub fn blocks(&self, blocks: &[Block]) -> AnyView {
        blocks
            .iter()
            .map(|b| self.block(b))
            .collect_view()
            .into_any()
    }

    pub fn block(&self, block: &Block) -> AnyView {
        match block {
            Block::Para(i) => view! { <p>{self.inlines(i)}</p> }.into_any(),
            Block::Heading(_, i) => {
                view! { <p class="md-heading"><strong>{self.inlines(i)}</strong></p> }.into_any()
            }
            Block::List {
                ordered: true,
                start,
                items,
            } => view! { <ol start=*start>{self.items(items)}</ol> }.into_any(),
            Block::List { items, .. } => view! { <ul>{self.items(items)}</ul> }.into_any(),
            Block::Quote(b) => view! { <blockquote>{self.blocks(b)}</blockquote> }.into_any(),
            Block::Code(t) => view! { <pre><code>{t.clone()}</code></pre> }.into_any(),
            Block::Table { head, rows } => {
                let head = head
                    .iter()
                    .map(|c| view! { <th>{self.inlines(c)}</th> })
                    .collect_view();
                let rows = rows
                    .iter()
                    .map(|r| view! { <tr>{r.iter().map(|c| view! { <td>{self.inlines(c)}</td> }).collect_view()}</tr> })
                    .collect_view();
                view! { <div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div> }.into_any()
            }
            Block::Rule => view! { <hr/> }.into_any(),
        }
    }

    fn items(&self, items: &[ListItem]) -> AnyView {
        items
            .iter()
            .map(|it| {
                let mark = it.task.map(|done| if done { "☑ " } else { "☐ " });
                view! { <li>{mark}{self.blocks(&it.blocks)}</li> }
            })
            .collect_view()
            .into_any()
    }

    pub fn inlines(&self, inlines: &[Inline]) -> AnyView {
        inlines
            .iter()
            .map(|i| self.inline(i))
            .collect_view()
            .into_any()
    }

    fn inline(&self, inline: &Inline) -> AnyView {
        match inline {
            Inline::Text(t) => t.to_string().into_any(),
            Inline::Code(t) => view! { <code>{t.clone()}</code> }.into_any(),
            Inline::Emph(c) => view! { <em>{self.inlines(c)}</em> }.into_any(),
            Inline::Strong(c) => view! { <strong>{self.inlines(c)}</strong> }.into_any(),
            Inline::Strike(c) => view! { <del>{self.inlines(c)}</del> }.into_any(),
            Inline::Link {
                href: Some(h),
                children,
            } => {
                let href = resolve_relative(&self.base, h);
                view! { <a href=href target="_blank" rel="noopener noreferrer">{self.inlines(children)}</a> }.into_any()
            }
            Inline::Link {
                href: None,
                children,
            } => view! { <span>{self.inlines(children)}</span> }.into_any(),
            Inline::Image { src: Some(s), alt } => {
                let src = resolve_relative(&self.base, s);
                view! { <img src=src alt=alt.clone() loading="lazy"/> }.into_any()
            }
            Inline::Image { src: None, alt } => {
                view! { <span class="img-alt">{format!("[图片：{alt}]")}</span> }.into_any()
            }
            Inline::LineBreak => view! { <br/> }.into_any(),
            Inline::Blank(i) => match &self.blank {
                Some(f) => f(*i),
                None => view! { <span class="blank">"______"</span> }.into_any(),
            },
        }
    }
}

//! A small XML reader for Moodle XML: elements, attributes, text, CDATA, entities; the XML
//! declaration, comments, processing instructions and a DOCTYPE are skipped. No namespaces,
//! no DTD, no external entities (nothing is ever fetched). Iterative, with a depth limit, so
//! hostile input cannot exhaust the stack.

use super::html::decode_entities;

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    /// 1-based line of the start tag.
    pub line: usize,
}

const MAX_DEPTH: usize = 64;

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter_map(move |n| match n {
            Node::Element(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find_map(|n| match n {
            Node::Element(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    /// The element's own text (its text children joined).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                out.push_str(t);
            }
        }
        out
    }

    /// `<name><text>…</text></name>`: Moodle's way of holding a text.
    pub fn text_of(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(|e| e.child("text").map_or_else(|| e.text(), Element::text))
    }
}

/// The root element of `src`.
pub fn parse(src: &str) -> Result<Element, String> {
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut rest = src;
    let mut line = 1usize;
    let advance = |rest: &mut &str, n: usize, line: &mut usize| {
        *line += rest[..n].matches('\n').count();
        *rest = &rest[n..];
    };
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut stack, &decode_entities(rest));
            break;
        };
        if lt > 0 {
            let t = decode_entities(&rest[..lt]);
            push_text(&mut stack, &t);
            advance(&mut rest, lt, &mut line);
        }
        let skip_to = |rest: &str, end: &str, what: &str| -> Result<usize, String> {
            rest.find(end)
                .map(|e| e + end.len())
                .ok_or_else(|| format!("第 {line} 行的{what}没有结束"))
        };
        if rest.starts_with("<!--") {
            let n = skip_to(rest, "-->", "注释")?;
            advance(&mut rest, n, &mut line);
        } else if let Some(c) = rest.strip_prefix("<![CDATA[") {
            let e = c
                .find("]]>")
                .ok_or_else(|| format!("第 {line} 行的 CDATA 没有结束"))?;
            push_text(&mut stack, &c[..e]);
            advance(&mut rest, 9 + e + 3, &mut line);
        } else if rest.starts_with("<?") {
            let n = skip_to(rest, "?>", "声明")?;
            advance(&mut rest, n, &mut line);
        } else if rest.starts_with("<!") {
            let n = skip_to(rest, ">", "DOCTYPE")?;
            advance(&mut rest, n, &mut line);
        } else if let Some(c) = rest.strip_prefix("</") {
            let e = c
                .find('>')
                .ok_or_else(|| format!("第 {line} 行的结束标签没有 >"))?;
            let name = c[..e].trim();
            let el = stack
                .pop()
                .filter(|_| !stack.is_empty())
                .ok_or_else(|| format!("第 {line} 行的 </{name}> 前面没有对应的开始标签"))?;
            if el.name != name {
                return Err(format!(
                    "第 {line} 行的 </{name}> 与第 {} 行的 <{}> 不配对",
                    el.line, el.name
                ));
            }
            if let Some(parent) = stack.last_mut() {
                parent.children.push(Node::Element(el));
            }
            advance(&mut rest, 2 + e + 1, &mut line);
        } else {
            let end = tag_end(rest).ok_or_else(|| format!("第 {line} 行的标签没有 >"))?;
            let inner = &rest[1..end];
            let self_closing = inner.ends_with('/');
            let inner = inner.trim_end_matches('/');
            let name_len = inner
                .find(|c: char| c.is_whitespace())
                .unwrap_or(inner.len());
            let name = &inner[..name_len];
            if name.is_empty() {
                return Err(format!("第 {line} 行有一个没有名字的标签"));
            }
            let el = Element {
                name: name.to_string(),
                attrs: attrs(&inner[name_len..]),
                children: Vec::new(),
                line,
            };
            if self_closing {
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(Node::Element(el));
                }
            } else {
                if stack.len() > MAX_DEPTH {
                    return Err(format!("第 {line} 行的标签嵌套太深"));
                }
                stack.push(el);
            }
            advance(&mut rest, end + 1, &mut line);
        }
    }
    if stack.len() > 1 {
        let open = stack
            .last()
            .map(|e| (e.name.clone(), e.line))
            .unwrap_or_default();
        return Err(format!("第 {} 行的 <{}> 没有结束标签", open.1, open.0));
    }
    let doc = stack.pop().unwrap_or_default();
    doc.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
        .ok_or_else(|| "文件里没有 XML 元素".to_string())
}

/// The `>` closing a start tag, outside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().to_string();
        let v = rest[eq + 1..].trim_start();
        let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(close) = v[1..].find(q) else { break };
        out.push((key, decode_entities(&v[1..1 + close])));
        rest = v[1 + close + 1..].trim_start();
    }
    out
}

fn push_text(stack: &mut [Element], t: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(prev)) = top.children.last_mut() {
            prev.push_str(t);
        } else {
            top.children.push(Node::Text(t.to_string()));
        }
    }
}

/// Text escaped for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_text_cdata_and_lines() {
        let doc = parse(
            "<?xml version=\"1.0\"?>\n<!-- c -->\n<quiz>\n <question type=\"x\">\n  <name><text>a &amp; b</text></name>\n  <q><![CDATA[<b>x</b>]]></q><e/>\n </question>\n</quiz>",
        )
        .unwrap();
        assert_eq!(doc.name, "quiz");
        let q = doc.child("question").unwrap();
        assert_eq!(q.attr("type"), Some("x"));
        assert_eq!(q.line, 4);
        assert_eq!(q.text_of("name").as_deref(), Some("a & b"));
        assert_eq!(q.child("q").unwrap().text(), "<b>x</b>");
        assert!(parse("<a><b></a>").is_err());
        assert!(parse(&"<a>".repeat(1000)).is_err());
    }
}

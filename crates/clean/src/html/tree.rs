//! A light element tree built from the tokens, stored in document order in one arena.
//!
//! Each node knows where its subtree ends in the arena (`end`), so a subtree is the slice
//! `nodes[i..end]` and children are found by hopping from one `end` to the next. Tree building
//! follows the few HTML rules that matter for text (void elements, `<p>` and `<li>` closed by
//! their successors, end tags that close the nearest matching open element) and caps the depth,
//! so 10,000 nested elements cost the same per element as 10.

use super::tokenize::{tokenize, Attr, Token};
use std::ops::Range;

/// Deeper elements are attached flat to the element at this depth.
const MAX_DEPTH: usize = 256;
/// An end tag looks this far down the stack of open elements for its start tag.
const MAX_END_SEARCH: usize = 48;

#[derive(Debug)]
pub enum Kind {
    Element {
        name: String,
        attrs: Vec<Attr>,
        /// Content of a raw-text element (`script`, `style`, `title`).
        raw: Option<Range<usize>>,
    },
    Text(Range<usize>),
}

#[derive(Debug)]
pub struct Node {
    pub kind: Kind,
    pub parent: usize,
    /// One past the last node of this subtree.
    pub end: usize,
}

impl Node {
    pub fn name(&self) -> &str {
        match &self.kind {
            Kind::Element { name, .. } => name,
            Kind::Text(_) => "",
        }
    }

    pub fn attr<'s>(&self, src: &'s str, key: &str) -> Option<&'s str> {
        let Kind::Element { attrs, .. } = &self.kind else {
            return None;
        };
        attrs
            .iter()
            .find(|a| src[a.name.clone()].eq_ignore_ascii_case(key))
            .map(|a| &src[a.value.clone()])
    }
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements whose start closes an open `<p>`.
const CLOSES_P: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "dl",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "form",
    "figure",
    "hr",
    "main",
    "address",
    "details",
    "fieldset",
];

/// Elements that may stand in `<head>`.
const HEAD_TAGS: &[&str] = &[
    "meta", "link", "script", "style", "title", "base", "noscript", "template",
];

/// The arena: node 0 is a synthetic root.
#[derive(Debug)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    pub fn parse(src: &str) -> Tree {
        let mut nodes = vec![Node {
            kind: Kind::Element {
                name: "#root".into(),
                attrs: Vec::new(),
                raw: None,
            },
            parent: 0,
            end: 0,
        }];
        let mut stack: Vec<usize> = vec![0];
        tokenize(src, |tok| match tok {
            Token::Text(r) => {
                let parent = *stack.last().unwrap_or(&0);
                nodes.push(Node {
                    kind: Kind::Text(r),
                    parent,
                    end: nodes.len() + 1,
                });
            }
            Token::Start {
                name,
                attrs,
                self_closing,
                raw,
            } => {
                implicit_close(&name, &mut stack, &mut nodes);
                let parent = *stack.last().unwrap_or(&0);
                let idx = nodes.len();
                let void = VOID.contains(&name.as_str()) || raw.is_some();
                nodes.push(Node {
                    kind: Kind::Element { name, attrs, raw },
                    parent,
                    end: idx + 1,
                });
                if !void && !self_closing && stack.len() < MAX_DEPTH {
                    stack.push(idx);
                }
            }
            Token::End { name } => {
                let depth = stack.len();
                let found = (1..depth)
                    .rev()
                    .take(MAX_END_SEARCH)
                    .find(|&k| nodes[stack[k]].name() == name);
                if let Some(k) = found {
                    let end = nodes.len();
                    for &open in &stack[k..] {
                        nodes[open].end = end;
                    }
                    stack.truncate(k);
                }
            }
        });
        let end = nodes.len();
        for &open in &stack {
            nodes[open].end = end;
        }
        Tree { nodes }
    }

    /// Children of node `i`, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes[i].end;
        let mut j = i + 1;
        std::iter::from_fn(move || {
            if j >= end {
                return None;
            }
            let c = j;
            j = self.nodes[j].end.max(j + 1);
            Some(c)
        })
    }
}

/// Closes elements that HTML closes implicitly when `name` starts.
fn implicit_close(name: &str, stack: &mut Vec<usize>, nodes: &mut [Node]) {
    let close_to = |stack: &mut Vec<usize>, nodes: &mut [Node], k: usize| {
        let end = nodes.len();
        for &open in &stack[k..] {
            nodes[open].end = end;
        }
        stack.truncate(k);
    };
    // Anything but head furniture ends an unclosed <head> (pages that omit `</head>` before
    // `<body>` would otherwise have their whole body inside the head).
    if !HEAD_TAGS.contains(&name) {
        let depth = stack.len();
        let in_noscript = stack.last().is_some_and(|&t| nodes[t].name() == "noscript");
        let head = (1..depth)
            .rev()
            .take(4)
            .find(|&k| nodes[stack[k]].name() == "head");
        if let (Some(k), false) = (head, in_noscript) {
            close_to(stack, nodes, k);
        }
    }
    if CLOSES_P.contains(&name) {
        // An open <p> within the last few elements (only inline ones above it) is closed.
        let depth = stack.len();
        for k in (1..depth).rev().take(6) {
            let n = nodes[stack[k]].name();
            if n == "p" {
                close_to(stack, nodes, k);
                break;
            }
            if !is_inline(n) {
                break;
            }
        }
    }
    let (siblings, stops): (&[&str], &[&str]) = match name {
        "li" => (&["li"], &["ul", "ol", "menu"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl"]),
        "tr" => (&["tr"], &["table", "tbody", "thead", "tfoot"]),
        "td" | "th" => (&["td", "th"], &["tr", "table"]),
        "option" => (&["option"], &["select", "datalist"]),
        _ => return,
    };
    let depth = stack.len();
    for k in (1..depth).rev().take(8) {
        let n = nodes[stack[k]].name();
        if siblings.contains(&n) {
            close_to(stack, nodes, k);
            return;
        }
        if stops.contains(&n) {
            return;
        }
    }
}

pub fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "big"
            | "strike"
            | "tt"
            | "ins"
            | "del"
            | "label"
            | "img"
            | "br"
            | "wbr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implicit_paragraph_and_list_closing() {
        let src = "<div><p>one<p>two<ul><li>a<li>b</ul></div>";
        let t = Tree::parse(src);
        let div = 1;
        let names: Vec<&str> = t.children(div).map(|c| t.nodes[c].name()).collect();
        assert_eq!(names, ["p", "p", "ul"]);
        let ul = t.children(div).nth(2).unwrap();
        assert_eq!(t.children(ul).count(), 2);
    }

    #[test]
    fn stray_end_tags_are_ignored() {
        let t = Tree::parse("<div>a</span>b</div>c");
        assert_eq!(t.children(1).count(), 2);
        assert_eq!(t.children(0).count(), 2);
    }
}

//! A lenient HTML tokenizer over the source bytes that reports the byte range of every token.
//!
//! It does not implement the whole HTML5 tokenizer state machine: it recognises start and end
//! tags with attributes, comments, doctypes and processing instructions, and the raw-text
//! elements (`script`, `style`, ...) whose content is not markup. Anything that does not parse
//! as a tag is text, so broken markup degrades into text instead of failing. Every step moves
//! forward, so the time is linear in the input.

use std::ops::Range;

/// One attribute: name and value as byte ranges of the source (value without its quotes).
#[derive(Clone, Debug)]
pub struct Attr {
    pub name: Range<usize>,
    pub value: Range<usize>,
}

/// A token of the source.
#[derive(Debug)]
pub enum Token {
    /// `<name attrs...>`; `name` is lowercased. `raw` holds the content range of a raw-text
    /// element (`script`, `style`, `title`, `textarea`, ...), which has no end tag token.
    Start {
        name: String,
        attrs: Vec<Attr>,
        self_closing: bool,
        raw: Option<Range<usize>>,
    },
    /// `</name>`, lowercased.
    End { name: String },
    /// Character data, entities not decoded.
    Text(Range<usize>),
}

/// Elements whose content is raw text up to the matching end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Tokenizes `src`, calling `f` for each token in order.
pub fn tokenize(src: &str, mut f: impl FnMut(Token)) {
    let b = src.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut text_start = 0;
    while i < n {
        let Some(off) = memchr_lt(&b[i..]) else {
            break;
        };
        i += off;
        // `i` is at '<'.
        let next = b.get(i + 1).copied().unwrap_or(0);
        let tag_end;
        if next == b'!' {
            if b[i..].starts_with(b"<!--") {
                tag_end = find(b, i + 4, b"-->").map_or(n, |e| e + 3);
            } else {
                tag_end = find(b, i + 2, b">").map_or(n, |e| e + 1);
            }
            flush_text(&mut f, text_start, i);
            i = tag_end;
            text_start = i;
            continue;
        }
        if next == b'?' {
            tag_end = find(b, i + 2, b">").map_or(n, |e| e + 1);
            flush_text(&mut f, text_start, i);
            i = tag_end;
            text_start = i;
            continue;
        }
        let is_end = next == b'/';
        let name_start = if is_end { i + 2 } else { i + 1 };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            // A stray '<' is text.
            i += 1;
            continue;
        }
        let mut j = name_start;
        while j < n && !matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            j += 1;
        }
        let name = src[name_start..j].to_ascii_lowercase();
        let (attrs, self_closing, end) = parse_attrs(b, j);
        flush_text(&mut f, text_start, i);
        i = end;
        text_start = i;
        if is_end {
            f(Token::End { name });
            continue;
        }
        let mut raw = None;
        if !self_closing && RAW_TEXT.contains(&name.as_str()) {
            let close = find_end_tag(b, i, name.as_bytes());
            raw = Some(i..close.0);
            i = close.1;
            text_start = i;
        }
        f(Token::Start {
            name,
            attrs,
            self_closing,
            raw,
        });
    }
    flush_text(&mut f, text_start, n);
}

fn flush_text(f: &mut impl FnMut(Token), start: usize, end: usize) {
    if start < end {
        f(Token::Text(start..end));
    }
}

fn memchr_lt(hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == b'<')
}

/// Position of `needle` in `hay` at or after `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    let first = needle[0];
    let mut i = from;
    while i + needle.len() <= hay.len() {
        let off = hay[i..].iter().position(|&c| c == first)?;
        i += off;
        if hay[i..].starts_with(needle) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The end tag `</name` of a raw-text element: (start of the end tag, position after it).
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    let mut i = from;
    while let Some(p) = find(b, i, b"</") {
        let s = p + 2;
        if b.len() >= s + name.len() && b[s..s + name.len()].eq_ignore_ascii_case(name) {
            let after = b.get(s + name.len()).copied().unwrap_or(b'>');
            if matches!(after, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/') {
                let end = find(b, s, b">").map_or(b.len(), |e| e + 1);
                return (p, end);
            }
        }
        i = p + 2;
    }
    (b.len(), b.len())
}

/// Attributes from `i` (just after the tag name) to the closing '>'.
fn parse_attrs(b: &[u8], mut i: usize) -> (Vec<Attr>, bool, usize) {
    let n = b.len();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < n && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= n {
            return (attrs, self_closing, n);
        }
        match b[i] {
            b'>' => return (attrs, self_closing, i + 1),
            b'/' => {
                self_closing = b.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        let name_start = i;
        while i < n
            && !matches!(
                b[i],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
            )
        {
            i += 1;
        }
        // A lone quote or '=' as a name still advances by one byte.
        if i == name_start {
            i += 1;
        }
        let name = name_start..i;
        while i < n && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = i..i;
        if i < n && b[i] == b'=' {
            i += 1;
            while i < n && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < n && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = b[vs..].iter().position(|&c| c == q).map_or(n, |p| vs + p);
                value = vs..ve;
                i = (ve + 1).min(n);
            } else {
                let vs = i;
                while i < n && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = vs..i;
            }
        }
        attrs.push(Attr { name, value });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(src, |t| {
            out.push(match t {
                Token::Start {
                    name, attrs, raw, ..
                } => {
                    let a: Vec<String> = attrs
                        .iter()
                        .map(|a| format!("{}={}", &src[a.name.clone()], &src[a.value.clone()]))
                        .collect();
                    let r = raw.map(|r| src[r].to_string()).unwrap_or_default();
                    format!("<{name} {}>{r}", a.join(" "))
                }
                Token::End { name } => format!("</{name}>"),
                Token::Text(r) => src[r].to_string(),
            })
        });
        out
    }

    #[test]
    fn tags_attributes_text() {
        assert_eq!(
            tokens("<P Class=\"a b\" id=x>Hi <b>there</b><!-- c -->!"),
            ["<p Class=a b id=x>", "Hi ", "<b >", "there", "</b>", "!"]
        );
    }

    #[test]
    fn raw_text_and_stray_brackets() {
        assert_eq!(
            tokens("a < b<script>if (a<b) {}</script >c"),
            ["a < b", "<script >if (a<b) {}", "c"]
        );
        assert_eq!(tokens("<div class='x"), ["<div class=x>"]);
    }
}

//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one document per `<item>` or `<entry>`.
//!
//! **Provenance invariant.** The original bytes (`raw`) of a feed document are the verbatim
//! bytes of its element, from the `<` of `<item` (or `<entry`) to the `>` of its end tag, as
//! they sit in the feed file after removing only compression. Its record names the item and
//! the byte where it starts in the file (`item 3 @ byte 1024`), so byte `i` of `raw` is byte
//! `1024 + i` of the file, the way a WARC record names its offset. A feed fetched in a WARC
//! record is read the same way inside the record's HTTP payload (`record 4 @ byte 9000, item 3
//! @ byte 1024`: byte 1024 of that payload). The article is the content
//! of one child element (`content:encoded` or Atom `content`, else `description` or
//! `summary`), kept as a byte range of `raw` ([`crate::Body::Feed`]); [`decode_feed_body`]
//! turns that range into text with an alignment into `raw`: entity references (`&lt;p&gt;`,
//! `&#233;`) become the characters they stand for, mapped to their whole reference, CDATA text
//! is copied from inside its section, and inline XHTML is copied as it is. The HTML cleaner's
//! alignment composes with it, so every character of the clean text maps back to bytes of the
//! original file.
//!
//! The scanner is small and byte-based on purpose (offsets are what matters here): it knows
//! tags, end tags, CDATA, comments, processing instructions and the doctype, and checks that
//! an item's tags nest. A malformed item costs only itself: the scan resumes after its end tag,
//! or at the next item.

use crate::charset::{decode, decode_with_label, Decoded};
use crate::meta::parse_date;
use chronicle_core::{AlignedText, AlignedTextBuilder, Metadata, Span};
use std::ops::Range;

/// The kind of feed, from its root element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Rss,
    Rdf,
    Atom,
}

impl Kind {
    fn item(self) -> &'static [u8] {
        match self {
            Kind::Atom => b"entry",
            Kind::Rss | Kind::Rdf => b"item",
        }
    }

    fn item_word(self) -> &'static str {
        match self {
            Kind::Atom => "entry",
            Kind::Rss | Kind::Rdf => "item",
        }
    }
}

/// One lexical unit of XML.
#[derive(Debug)]
enum Tok {
    Text,
    /// `<![CDATA[` … `]]>`.
    CData,
    Start {
        name: Range<usize>,
        attrs: Range<usize>,
        empty: bool,
    },
    End {
        name: Range<usize>,
    },
    /// A comment, processing instruction, XML declaration or doctype.
    Other,
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    let first = needle[0];
    let mut i = from;
    while let Some(p) = b[i..].iter().position(|&c| c == first) {
        let at = i + p;
        if b[at..].starts_with(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':') || c >= 0x80
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&c| c == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The token at `at` and where the next one starts.
fn token(b: &[u8], at: usize) -> Result<(Tok, usize), String> {
    if b[at] != b'<' {
        let end = b[at..]
            .iter()
            .position(|&c| c == b'<')
            .map_or(b.len(), |p| at + p);
        return Ok((Tok::Text, end));
    }
    let rest = &b[at..];
    let until = |from: usize, end: &[u8], what: &str| {
        find(b, from, end)
            .map(|e| e + end.len())
            .ok_or_else(|| format!("unterminated {what}"))
    };
    if rest.starts_with(b"<!--") {
        return Ok((Tok::Other, until(at + 4, b"-->", "comment")?));
    }
    if rest.starts_with(b"<![CDATA[") {
        let end = until(at + 9, b"]]>", "CDATA section")?;
        return Ok((Tok::CData, end));
    }
    if rest.starts_with(b"<?") {
        return Ok((Tok::Other, until(at + 2, b"?>", "processing instruction")?));
    }
    if rest.starts_with(b"<!") {
        // A doctype, possibly with an internal subset in brackets.
        let mut depth = 0i32;
        for (i, &c) in rest.iter().enumerate().skip(2) {
            match c {
                b'[' => depth += 1,
                b']' => depth -= 1,
                b'>' if depth <= 0 => return Ok((Tok::Other, at + i + 1)),
                _ => {}
            }
        }
        return Err("unterminated declaration".into());
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_start = at + 1 + usize::from(closing);
    let name_end = b[name_start..]
        .iter()
        .position(|&c| !is_name_byte(c))
        .map_or(b.len(), |p| name_start + p);
    if name_end == name_start {
        return Err("a `<` that opens no tag (unescaped `<` in text?)".into());
    }
    let mut i = name_end;
    while i < b.len() {
        match b[i] {
            q @ (b'"' | b'\'') if !closing => {
                let close = b[i + 1..]
                    .iter()
                    .position(|&c| c == q)
                    .ok_or("unterminated attribute value")?;
                i += close + 2;
                continue;
            }
            b'>' => {
                let tok = if closing {
                    if b[name_end..i].iter().any(|c| !c.is_ascii_whitespace()) {
                        return Err("junk in an end tag".into());
                    }
                    Tok::End {
                        name: name_start..name_end,
                    }
                } else {
                    let empty = b[i - 1] == b'/';
                    Tok::Start {
                        name: name_start..name_end,
                        attrs: name_end..if empty { i - 1 } else { i },
                        empty,
                    }
                };
                return Ok((tok, i + 1));
            }
            b'<' => return Err("a `<` inside a tag".into()),
            _ => i += 1,
        }
    }
    Err("unterminated tag (the feed ends inside it)".into())
}

/// The value of attribute `name` (by local name) in `attrs`, entities resolved.
fn attr(b: &[u8], attrs: &Range<usize>, name: &[u8]) -> Option<String> {
    let s = &b[attrs.clone()];
    let mut i = 0;
    while i < s.len() {
        while i < s.len() && (s[i].is_ascii_whitespace() || s[i] == b'/') {
            i += 1;
        }
        let n0 = i;
        while i < s.len() && is_name_byte(s[i]) {
            i += 1;
        }
        let key = &s[n0..i];
        if key.is_empty() {
            i += 1;
            continue;
        }
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < s.len() && s[i].is_ascii_whitespace() {
            i += 1;
        }
        let (v0, v1) = match s.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = s[i + 1..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(s.len(), |p| i + 1 + p);
                (i + 1, end)
            }
            _ => {
                let end = s[i..]
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .map_or(s.len(), |p| i + p);
                (i, end)
            }
        };
        i = v1 + 1;
        if local(key).eq_ignore_ascii_case(name) {
            let v = String::from_utf8_lossy(&s[v0..v1]);
            return Some(unescape_xml(&v, 0..v.len()).text);
        }
    }
    None
}

/// The root element of a feed, after an optional byte-order mark, XML declaration, comments
/// and doctype; `None` when the bytes do not start like a feed.
pub(crate) fn sniff(bytes: &[u8]) -> Option<Kind> {
    let head = &bytes[..bytes.len().min(1 << 16)];
    let mut pos = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    while pos < head.len() {
        let (tok, next) = token(head, pos).ok()?;
        match tok {
            Tok::Text if head[pos..next].iter().all(u8::is_ascii_whitespace) => {}
            Tok::Other => {}
            Tok::Start { name, .. } => {
                return match local(&head[name]) {
                    b"rss" => Some(Kind::Rss),
                    b"RDF" => Some(Kind::Rdf),
                    b"feed" => Some(Kind::Atom),
                    _ => None,
                };
            }
            _ => return None,
        }
        pos = next;
    }
    None
}

/// The encoding the XML declaration names, when it names one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(512)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = find(head, 0, b"?>")?;
    attr(head, &(5..end), b"encoding")
}

/// One item of a feed, as the reader hands it on.
#[derive(Debug)]
pub(crate) struct FeedItem {
    /// 1-based position among the feed's items.
    pub index: usize,
    /// The byte range of the whole element in the feed.
    pub range: Range<usize>,
    pub article: Result<FeedArticle, String>,
}

/// What an item holds: where its article is, how to read it, and its metadata.
#[derive(Debug)]
pub(crate) struct FeedArticle {
    /// Byte range of the article element's content, relative to the item's start.
    pub body: Range<usize>,
    /// Inline XHTML (Atom `type="xhtml"`): markup as it is, no entities to resolve first.
    pub markup: bool,
    pub is_html: bool,
    /// `guid` (RSS), `id` (Atom) or `rdf:about` (RSS 1.0).
    pub id: Option<String>,
    pub meta: Metadata,
}

/// A direct child element of an item.
struct Child {
    name: Range<usize>,
    attrs: Range<usize>,
    inner: Range<usize>,
}

/// Reads every item of the feed `b` (kind `kind`), calling `each` for each, in order. Returns
/// the feed's own problem (no items, a channel that could not be read to its end), if any.
pub(crate) fn read_feed(b: &[u8], kind: Kind, each: &mut dyn FnMut(FeedItem)) -> Option<String> {
    let encoding = feed_encoding(b);
    let mut channel = Metadata::default();
    let mut stack: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    let mut index = 0;
    let mut problem = None;
    while pos < b.len() {
        let (tok, next) = match token(b, pos) {
            Ok(t) => t,
            Err(e) => {
                // Outside items: note it once and look for the next item.
                problem.get_or_insert(format!("{e} at byte {pos}"));
                match next_item_start(b, pos + 1, kind) {
                    Some(p) => {
                        pos = p;
                        continue;
                    }
                    None => break,
                }
            }
        };
        match tok {
            Tok::Start { name, attrs, empty } => {
                let lname = local(&b[name.clone()]);
                if lname == kind.item() && !stack.is_empty() {
                    index += 1;
                    let (end, article) = match read_item(b, pos, next, empty, &name) {
                        Ok((end, children)) => {
                            (end, article(b, pos, &children, kind, &channel, encoding))
                        }
                        Err((at, why)) => (
                            resync(b, at, &b[name.clone()], kind),
                            Err(format!("{why} at byte {at}; {} skipped", kind.item_word())),
                        ),
                    };
                    each(FeedItem {
                        index,
                        range: pos..end,
                        article,
                    });
                    pos = end;
                    continue;
                }
                // The feed's own title and language: children of <channel> (RSS, RDF) or
                // of <feed> (Atom).
                let at_channel = match kind {
                    Kind::Atom => stack.len() == 1,
                    Kind::Rss | Kind::Rdf => {
                        stack.len() == 2 && local(&b[stack[1].clone()]) == b"channel"
                    }
                };
                if at_channel && !empty && matches!(lname, b"title" | b"language" | b"author") {
                    if let Ok((inner, end)) = element_inner(b, next) {
                        match lname {
                            b"title" => {
                                let value = plain(b, inner, encoding);
                                channel.outlet = Some(value).filter(|v| !v.is_empty());
                            }
                            b"language" => channel.language = language(&plain(b, inner, encoding)),
                            // Atom: an entry without authors has the feed's.
                            _ if kind == Kind::Atom => {
                                channel.authors.extend(atom_person(b, inner, encoding));
                            }
                            _ => {}
                        }
                        pos = end;
                        continue;
                    }
                }
                if kind == Kind::Atom && stack.is_empty() {
                    channel.language = attr(b, &attrs, b"lang").and_then(|l| language(&l));
                }
                if !empty {
                    stack.push(name);
                }
            }
            Tok::End { name } => {
                // Lenient outside items: close up to the matching element, if open.
                if let Some(i) = stack.iter().rposition(|n| b[n.clone()] == b[name.clone()]) {
                    stack.truncate(i);
                }
            }
            _ => {}
        }
        pos = next;
    }
    if index == 0 {
        let what = match kind {
            Kind::Atom => "no <entry> in the Atom feed",
            Kind::Rss => "no <item> in the RSS feed",
            Kind::Rdf => "no <item> in the RSS 1.0 (RDF) feed",
        };
        return Some(match problem {
            Some(p) => format!("{what} ({p})"),
            None => what.to_string(),
        });
    }
    problem.map(|p| format!("{p}; the feed around it was not read"))
}

/// Where the next item start tag begins at or after `from`.
fn next_item_start(b: &[u8], from: usize, kind: Kind) -> Option<usize> {
    let mut i = from;
    while let Some(p) = find(b, i, b"<") {
        let n0 = p + 1;
        let n1 = b[n0..]
            .iter()
            .position(|&c| !is_name_byte(c))
            .map_or(b.len(), |q| n0 + q);
        if n1 > n0 && local(&b[n0..n1]) == kind.item() && n1 < b.len() {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

/// Where reading goes on after a malformed item: after its end tag when one comes before the
/// next item, else at the next item, else at the end.
fn resync(b: &[u8], from: usize, qname: &[u8], kind: Kind) -> usize {
    let mut close = b"</".to_vec();
    close.extend_from_slice(qname);
    let next = next_item_start(b, from + 1, kind).unwrap_or(b.len());
    let mut i = from;
    while let Some(c) = find(b, i, &close) {
        if c >= next {
            break;
        }
        if let Some(gt) = b[c..].iter().position(|&x| x == b'>') {
            let between = &b[c + close.len()..c + gt];
            if between.iter().all(u8::is_ascii_whitespace) {
                return c + gt + 1;
            }
        }
        i = c + 1;
    }
    next
}

/// The content range of the element whose start tag ends at `after`, and where its end tag
/// ends; checks that the tags inside nest.
fn element_inner(b: &[u8], after: usize) -> Result<(Range<usize>, usize), (usize, String)> {
    let mut open: Vec<Range<usize>> = Vec::new();
    let mut pos = after;
    while pos < b.len() {
        let (tok, next) = token(b, pos).map_err(|e| (pos, e))?;
        match tok {
            Tok::Start {
                name, empty: false, ..
            } => open.push(name),
            Tok::End { name } => match open.pop() {
                None => return Ok((after..pos, next)),
                Some(top) if b[top.clone()] != b[name.clone()] => {
                    return Err((
                        pos,
                        format!(
                            "</{}> closes <{}>",
                            String::from_utf8_lossy(&b[name]),
                            String::from_utf8_lossy(&b[top])
                        ),
                    ))
                }
                Some(_) => {}
            },
            _ => {}
        }
        pos = next;
    }
    Err((
        b.len(),
        "the feed ends inside the element (truncated?)".into(),
    ))
}

/// Reads the item whose start tag spans `start..after`: its direct children, and where it ends.
fn read_item(
    b: &[u8],
    start: usize,
    after: usize,
    empty: bool,
    name: &Range<usize>,
) -> Result<(usize, Vec<Child>), (usize, String)> {
    if empty {
        return Err((start, "an empty element".into()));
    }
    let mut children = Vec::new();
    let mut pos = after;
    loop {
        if pos >= b.len() {
            return Err((
                b.len(),
                format!(
                    "the feed ends inside <{}> (truncated?)",
                    String::from_utf8_lossy(&b[name.clone()])
                ),
            ));
        }
        let (tok, next) = token(b, pos).map_err(|e| (pos, e))?;
        match tok {
            Tok::Start {
                name: child,
                attrs,
                empty,
            } => {
                if empty {
                    children.push(Child {
                        name: child,
                        attrs,
                        inner: next..next,
                    });
                } else {
                    let (inner, end) = element_inner(b, next)?;
                    children.push(Child {
                        name: child,
                        attrs,
                        inner,
                    });
                    pos = end;
                    continue;
                }
            }
            Tok::End { name: end_name } => {
                if b[end_name.clone()] != b[name.clone()] {
                    return Err((
                        pos,
                        format!(
                            "</{}> closes <{}>",
                            String::from_utf8_lossy(&b[end_name]),
                            String::from_utf8_lossy(&b[name.clone()])
                        ),
                    ));
                }
                return Ok((next, children));
            }
            _ => {}
        }
        pos = next;
    }
}

/// The text of an element's content for metadata: entities and CDATA resolved, tags (of
/// escaped HTML in a title) dropped, white space collapsed.
fn plain(b: &[u8], inner: Range<usize>, encoding: Option<&str>) -> String {
    let bytes = &b[inner];
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => std::borrow::Cow::Owned(decode_with_label(bytes, encoding).text.text),
    };
    let mut s = unescape_xml(&text, 0..text.len()).text;
    if s.contains('<') {
        s = strip_tags(&s);
    }
    if s.contains('&') {
        // HTML references left once XML's are resolved (`&amp;eacute;` written for é, or a
        // bare `&nbsp;`).
        s = chronicle_core::html_entities::decode_all(&s);
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops what looks like tags (`<` then a letter, `/` or `!`, up to `>`); a `<` in prose
/// ("profits < 5%") stays.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let opens = chars
            .peek()
            .is_some_and(|&n| n.is_ascii_alphabetic() || n == '/' || n == '!');
        match c {
            '<' if !in_tag && opens => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `en-us` → `en`.
fn language(s: &str) -> Option<String> {
    let code = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (code.len() == 2 && code.bytes().all(|c| c.is_ascii_lowercase())).then_some(code)
}

/// How an element's content is written, from its `type` attribute (Atom) or its name (RSS).
fn content_type(b: &[u8], c: &Child, kind: Kind) -> Option<(bool, bool)> {
    if kind != Kind::Atom {
        return Some((false, true));
    }
    if attr(b, &c.attrs, b"src").is_some() {
        return None; // Out-of-line content: nothing here to read.
    }
    let t = attr(b, &c.attrs, b"type").unwrap_or_else(|| "text".into());
    match t.trim().to_ascii_lowercase().as_str() {
        "text" | "text/plain" => Some((false, false)),
        "html" | "text/html" => Some((false, true)),
        "xhtml" | "application/xhtml+xml" => Some((true, true)),
        _ => None,
    }
}

/// The article of an item from its children: body, metadata, id.
fn article(
    b: &[u8],
    start: usize,
    children: &[Child],
    kind: Kind,
    channel: &Metadata,
    encoding: Option<&str>,
) -> Result<FeedArticle, String> {
    let named = |n: &'static [u8]| {
        children
            .iter()
            .filter(move |c| local(&b[c.name.clone()]) == n)
    };
    let qualified = |n: &'static [u8]| children.iter().filter(move |c| b[c.name.clone()] == *n);
    let text = |c: &Child| plain(b, c.inner.clone(), encoding);
    let first_text = |n: &'static [u8]| named(n).map(text).find(|t| !t.is_empty());

    // The body: full content first, then the summary.
    let candidates: Vec<&Child> = match kind {
        Kind::Atom => named(b"content").chain(named(b"summary")).collect(),
        Kind::Rss | Kind::Rdf => named(b"encoded").chain(named(b"description")).collect(),
    };
    let mut body = None;
    for c in candidates {
        let Some((markup, is_html)) = content_type(b, c, kind) else {
            continue;
        };
        let has_text = if markup {
            !strip_tags(&String::from_utf8_lossy(&b[c.inner.clone()]))
                .trim()
                .is_empty()
        } else {
            !text(c).is_empty()
        };
        if has_text {
            body = Some((c.inner.clone(), markup, is_html));
            break;
        }
    }
    let Some((range, markup, is_html)) = body else {
        let which = match kind {
            Kind::Atom => "<content> or <summary>",
            Kind::Rss | Kind::Rdf => "<content:encoded> or <description>",
        };
        return Err(format!("no article text (no {which} with text); skipped"));
    };

    let mut meta = Metadata {
        title: first_text(b"title"),
        ..Metadata::default()
    };
    meta.url = match kind {
        Kind::Atom => {
            let links: Vec<&Child> = named(b"link").collect();
            let rel = |c: &&Child| attr(b, &c.attrs, b"rel").unwrap_or_else(|| "alternate".into());
            links
                .iter()
                .find(|c| rel(c) == "alternate")
                .or_else(|| links.first())
                .and_then(|c| attr(b, &c.attrs, b"href"))
        }
        // An <atom:link rel="self"> inside an RSS item is not the article's address.
        Kind::Rss | Kind::Rdf => qualified(b"link").map(text).find(|t| !t.is_empty()),
    };
    let guid = named(b"guid").next();
    if meta.url.is_none() {
        if let Some(g) = guid {
            let permalink = attr(b, &g.attrs, b"isPermaLink").is_none_or(|v| v != "false");
            let t = text(g);
            if permalink && t.starts_with("http") {
                meta.url = Some(t);
            }
        }
    }
    meta.authors = match kind {
        Kind::Atom => named(b"author")
            .filter_map(|a| atom_person(b, a.inner.clone(), encoding))
            .collect(),
        Kind::Rss | Kind::Rdf => named(b"creator")
            .chain(qualified(b"author"))
            .map(|c| rss_author(&text(c)))
            .filter(|n| !n.is_empty())
            .collect(),
    };
    let mut dated = None;
    for (name, rfc822) in [
        (&b"pubDate"[..], true),
        (b"date", false),
        (b"published", false),
        (b"issued", false),
        (b"updated", false),
        (b"modified", false),
    ] {
        if let Some(t) = first_text(name) {
            let parsed = if rfc822 {
                parse_rfc822(&t).or_else(|| parse_date(&t))
            } else {
                parse_date(&t)
            };
            if parsed.is_some() {
                dated = parsed;
                break;
            }
        }
    }
    meta.published_source = dated.as_ref().map(|_| "feed".to_string());
    meta.published = dated;
    meta.fill_from(channel);

    let id = match kind {
        Kind::Atom => first_text(b"id"),
        Kind::Rss => guid.map(text).filter(|t| !t.is_empty()),
        Kind::Rdf => {
            let tag_end = b[start..].iter().position(|&c| c == b'>').unwrap_or(0);
            let name_end = b[start + 1..start + tag_end]
                .iter()
                .position(|&c| !is_name_byte(c))
                .map_or(start + tag_end, |p| start + 1 + p);
            attr(b, &(name_end..start + tag_end), b"about")
        }
    };
    Ok(FeedArticle {
        body: range.start - start..range.end - start,
        markup,
        is_html,
        id,
        meta,
    })
}

/// The `<name>` of an Atom person construct whose content is `inner`.
fn atom_person(b: &[u8], inner: Range<usize>, encoding: Option<&str>) -> Option<String> {
    let mut pos = inner.start;
    while pos < inner.end {
        let (tok, next) = token(&b[..inner.end], pos).ok()?;
        if let Tok::Start {
            name, empty: false, ..
        } = tok
        {
            let (r, end) = element_inner(&b[..inner.end], next).ok()?;
            if local(&b[name]) == b"name" {
                return Some(plain(b, r, encoding)).filter(|n| !n.is_empty());
            }
            pos = end;
            continue;
        }
        pos = next;
    }
    None
}

/// `jdoe@example.com (Jane Doe)` → `Jane Doe`; a name alone stays as it is.
fn rss_author(s: &str) -> String {
    match (s.find('('), s.rfind(')')) {
        (Some(a), Some(z)) if a < z && s[..a].contains('@') => s[a + 1..z].trim().to_string(),
        _ => s.trim().to_string(),
    }
}

/// An RFC 822 date (`Mon, 29 Apr 2019 14:03:00 +0000`, as RSS writes `pubDate`) in ISO 8601:
/// `2019-04-29T14:03:00+00:00`, `Z` for GMT; a two-digit year is taken in 1950–2049.
pub(crate) fn parse_rfc822(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let s = s.trim();
    let s = match s.find(',') {
        Some(i) => &s[i + 1..],
        None => s,
    };
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let mon = parts.next()?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| mon.starts_with(m))? + 1;
    let year: u32 = match parts.next()?.parse::<u32>().ok()? {
        y @ 0..=49 => 2000 + y,
        y @ 50..=99 => 1900 + y,
        y => y,
    };
    if !(1..=31).contains(&day) || !(1000..=9999).contains(&year) {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    let Some(time) = parts.next() else {
        return Some(date);
    };
    let hms: Vec<&str> = time.split(':').collect();
    let num = |i: usize| hms.get(i).and_then(|v| v.parse::<u32>().ok());
    let (Some(h), Some(m)) = (num(0), num(1)) else {
        return Some(date);
    };
    let sec = num(2).unwrap_or(0);
    if h > 23 || m > 59 || sec > 60 {
        return Some(date);
    }
    let zone = match parts.next().map(str::to_ascii_uppercase).as_deref() {
        None | Some("GMT" | "UT" | "UTC" | "Z") => "Z".to_string(),
        Some(z) if (z.starts_with('+') || z.starts_with('-')) && z.len() == 5 => {
            if z[1..].bytes().all(|c| c.is_ascii_digit()) {
                if &z[1..] == "0000" {
                    "+00:00".to_string()
                } else {
                    format!("{}:{}", &z[..3], &z[3..])
                }
            } else {
                return Some(date);
            }
        }
        Some(z) => match z {
            "EST" => "-05:00",
            "EDT" => "-04:00",
            "CST" => "-06:00",
            "CDT" => "-05:00",
            "MST" => "-07:00",
            "MDT" => "-06:00",
            "PST" => "-08:00",
            "PDT" => "-07:00",
            _ => return Some(date),
        }
        .to_string(),
    };
    Some(format!("{date}T{h:02}:{m:02}:{sec:02}{zone}"))
}

/// Resolves XML character data in `range` of `src` (entity and character references, CDATA
/// sections; comments dropped), aligned to `src`. A reference becomes its character, mapped to
/// the whole reference; an unknown named reference (`&nbsp;`, not XML but common in feeds) is
/// left as it is for the HTML cleaner; CDATA text is copied from inside the section.
pub fn unescape_xml(src: &str, range: Range<usize>) -> AlignedText {
    let b = src.as_bytes();
    let mut out = AlignedTextBuilder::new();
    let end = range.end.min(b.len());
    let mut run = range.start;
    let mut i = range.start;
    while i < end {
        match b[i] {
            b'&' => {
                let Some((c, len)) = reference(&src[i..end]) else {
                    i += 1;
                    continue;
                };
                if run < i {
                    out.push_copy(&src[run..i], run);
                }
                let mut buf = [0u8; 4];
                out.push_replaced(c.encode_utf8(&mut buf), Span::new(i, i + len));
                i += len;
                run = i;
            }
            b'<' if b[i..end].starts_with(b"<![CDATA[") => {
                if run < i {
                    out.push_copy(&src[run..i], run);
                }
                let inner = i + 9;
                let close = find(&b[..end], inner, b"]]>").unwrap_or(end);
                if close > inner {
                    out.push_copy(&src[inner..close], inner);
                }
                i = (close + 3).min(end);
                run = i;
            }
            b'<' if b[i..end].starts_with(b"<!--") => {
                if run < i {
                    out.push_copy(&src[run..i], run);
                }
                i = find(&b[..end], i + 4, b"-->").map_or(end, |e| e + 3);
                run = i;
            }
            _ => i += 1,
        }
    }
    if run < end {
        out.push_copy(&src[run..end], run);
    }
    out.finish()
}

/// The character a reference at the start of `s` stands for, and the reference's length.
fn reference(s: &str) -> Option<(char, usize)> {
    let semi = s.as_bytes().iter().take(12).position(|&c| c == b';')?;
    let name = &s[1..semi];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')?
        }
    };
    Some((c, semi + 1))
}

/// The text of a feed document's article: the bytes of `range` of `raw` (an item, see the
/// module doc) decoded to UTF-8 and, unless `markup`, with entity references and CDATA
/// sections resolved, aligned to `raw`. `encoding` is what the feed's XML declaration names.
pub fn decode_feed_body(
    raw: &[u8],
    range: Range<usize>,
    markup: bool,
    encoding: Option<&str>,
) -> Decoded {
    let mut d = match std::str::from_utf8(raw) {
        Ok(_) => decode(raw, false),
        Err(_) => decode_with_label(raw, encoding),
    };
    let span = Span::new(range.start.min(raw.len()), range.end.min(raw.len()));
    let inner = d.text.alignment.to_text(span).unwrap_or(0..0);
    let text = if markup {
        let mut b = AlignedTextBuilder::new();
        b.push_copy(&d.text.text[inner.clone()], inner.start);
        b.finish()
    } else {
        unescape_xml(&d.text.text, inner)
    };
    d.text = text.compose(&d.text.alignment);
    d
}

/// Reads the declared encoding of a feed (for [`decode_feed_body`]).
pub(crate) fn feed_encoding(b: &[u8]) -> Option<&'static str> {
    let label = declared_encoding(b)?;
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).map(|e| e.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An item's bytes, and its article with its text or the problem.
    type ReadItem = (String, Result<(FeedArticle, AlignedText), String>);

    /// Every item of `xml`: its bytes, and its article's text (decoded, unescaped) or problem.
    fn items(xml: &str) -> (Vec<ReadItem>, Option<String>) {
        let b = xml.as_bytes();
        let kind = sniff(b).expect("a feed");
        let mut out = Vec::new();
        let problem = read_feed(b, kind, &mut |it| {
            let raw = &b[it.range.clone()];
            let art = it.article.map(|a| {
                let t = decode_feed_body(raw, a.body.clone(), a.markup, None).text;
                (a, t)
            });
            out.push((String::from_utf8(raw.to_vec()).unwrap(), art));
        });
        (out, problem)
    }

    /// Checks that every copied segment of `t` is byte for byte its source in `raw`.
    fn assert_aligned(t: &AlignedText, raw: &str) {
        for s in t.alignment.segments() {
            if s.copy {
                assert_eq!(
                    &t.text[s.text_start..s.text_start + s.text_len],
                    &raw[s.src_start..s.src_start + s.src_len]
                );
            }
        }
    }

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Lakeside Courier</title>
  <link>https://courier.test/</link>
  <language>en-us</language>
  <image><title>Courier logo</title><url>https://courier.test/logo.png</url></image>
  <item>
    <title>Council approves &amp; funds the new bridge</title>
    <link>https://courier.test/2024/bridge</link>
    <atom:link rel="self" href="https://courier.test/feed"/>
    <dc:creator><![CDATA[Ana Ruiz]]></dc:creator>
    <pubDate>Tue, 05 Mar 2024 14:30:00 +0100</pubDate>
    <guid isPermaLink="false">courier-1234</guid>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The council voted 7 to 2 on Monday.</p><p>"It is a good day," the mayor said.</p>]]></content:encoded>
  </item>
  <item>
    <title>Caf&amp;eacute; owners&nbsp;meet &amp;#8212; again</title>
    <author>desk@courier.test (Sam Lee)</author>
    <pubDate>Wed, 6 Mar 24 09:00:00 GMT</pubDate>
    <guid>https://courier.test/2024/second</guid>
    <description>&lt;p&gt;Caf&amp;eacute; owners &amp;amp; residents met on &lt;b&gt;Tuesday&lt;/b&gt;.&lt;/p&gt;</description>
  </item>
</channel>
</rss>"#;

    #[test]
    fn rss_with_cdata_and_metadata() {
        let (items, problem) = items(RSS);
        assert_eq!(problem, None);
        assert_eq!(items.len(), 2);
        let (raw, art) = &items[0];
        assert!(raw.starts_with("<item>") && raw.ends_with("</item>"));
        let (a, t) = art.as_ref().unwrap();
        assert!(a.is_html && !a.markup);
        // content:encoded wins over description; the CDATA section's inside is copied.
        assert_eq!(
            t.text,
            r#"<p>The council voted 7 to 2 on Monday.</p><p>"It is a good day," the mayor said.</p>"#
        );
        assert_eq!(t.alignment.segments().len(), 1);
        assert_aligned(t, raw);
        let m = &a.meta;
        assert_eq!(
            m.title.as_deref(),
            Some("Council approves & funds the new bridge")
        );
        assert_eq!(m.url.as_deref(), Some("https://courier.test/2024/bridge"));
        assert_eq!(m.authors, vec!["Ana Ruiz"]);
        assert_eq!(m.published.as_deref(), Some("2024-03-05T14:30:00+01:00"));
        assert_eq!(m.published_source.as_deref(), Some("feed"));
        // The channel's title, not the logo's.
        assert_eq!(m.outlet.as_deref(), Some("Lakeside Courier"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(a.id.as_deref(), Some("courier-1234"));
    }

    #[test]
    fn rss_with_entity_escaped_html_keeps_an_alignment() {
        let (items, _) = items(RSS);
        let (raw, art) = &items[1];
        let (a, t) = art.as_ref().unwrap();
        assert_eq!(
            t.text,
            "<p>Caf&eacute; owners &amp; residents met on <b>Tuesday</b>.</p>"
        );
        assert_aligned(t, raw);
        // Each character maps back to its reference: `<` to `&lt;`, `&` to `&amp;`.
        let lt = t.source_span(0..1);
        assert_eq!(&raw[lt.range()], "&lt;");
        let e = t.text.find("&eacute;").unwrap();
        assert_eq!(&raw[t.source_span(e..e + 8).range()], "&amp;eacute;");
        let w = t.text.find("Tuesday").unwrap();
        assert_eq!(&raw[t.source_span(w..w + 7).range()], "Tuesday");
        let m = &a.meta;
        assert_eq!(m.title.as_deref(), Some("Café owners meet \u{2014} again"));
        assert_eq!(m.authors, vec!["Sam Lee"]);
        assert_eq!(m.published.as_deref(), Some("2024-03-06T09:00:00Z"));
        // A permalink guid is the address when there is no <link>.
        assert_eq!(m.url.as_deref(), Some("https://courier.test/2024/second"));
    }

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<!-- generated -->
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">Harbour Notes</title>
  <author><name>Feed Owner</name></author>
  <entry>
    <title type="html">Ferry &lt;em&gt;resumes&lt;/em&gt; service</title>
    <link rel="self" href="https://notes.test/e/1.atom"/>
    <link rel="alternate" type="text/html" href="https://notes.test/ferry?a=1&amp;b=2"/>
    <id>tag:notes.test,2023:1</id>
    <updated>2023-07-02T08:00:00Z</updated>
    <published>2023-07-01T10:15:00Z</published>
    <author><name>Priya Das</name><email>p@notes.test</email></author>
    <summary>Ferries run again.</summary>
    <content type="html">&lt;p&gt;The ferry to the island ran again on Saturday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Market day</title>
    <link href="https://notes.test/market"/>
    <id>tag:notes.test,2023:2</id>
    <updated>2023-07-03T09:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Stalls opened at dawn &amp; closed at noon.</p></div></content>
  </entry>
  <entry>
    <title>Tides &lt; 2 m &amp; rising</title>
    <id>tag:notes.test,2023:3</id>
    <content type="image/png" src="https://notes.test/a.png"/>
    <summary type="text">Tide tables &lt;updated&gt; for August.</summary>
  </entry>
</feed>"#;

    #[test]
    fn atom_html_xhtml_and_text() {
        let (items, problem) = items(ATOM);
        assert_eq!(problem, None);
        assert_eq!(items.len(), 3);
        let (raw, art) = &items[0];
        assert!(raw.starts_with("<entry>"));
        let (a, t) = art.as_ref().unwrap();
        assert!(a.is_html && !a.markup);
        assert_eq!(
            t.text,
            "<p>The ferry to the island ran again on Saturday.</p>"
        );
        assert_aligned(t, raw);
        let m = &a.meta;
        assert_eq!(m.title.as_deref(), Some("Ferry resumes service"));
        assert_eq!(m.url.as_deref(), Some("https://notes.test/ferry?a=1&b=2"));
        assert_eq!(m.authors, vec!["Priya Das"]);
        // published wins over updated.
        assert_eq!(m.published.as_deref(), Some("2023-07-01T10:15:00Z"));
        assert_eq!(m.outlet.as_deref(), Some("Harbour Notes"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(a.id.as_deref(), Some("tag:notes.test,2023:1"));

        let (raw, art) = &items[1];
        let (a, t) = art.as_ref().unwrap();
        assert!(a.is_html && a.markup);
        // Inline XHTML is copied as it is; the HTML cleaner reads `&amp;` itself.
        assert!(t.text.starts_with("<div xmlns="), "{}", t.text);
        assert!(t.text.contains("dawn &amp; closed"));
        assert_aligned(t, raw);
        assert_eq!(a.meta.url.as_deref(), Some("https://notes.test/market"));
        assert_eq!(a.meta.published.as_deref(), Some("2023-07-03T09:00:00Z"));

        // Out-of-line content is skipped for the summary, which is plain text.
        let (raw, art) = &items[2];
        let (a, t) = art.as_ref().unwrap();
        assert!(!a.is_html);
        assert_eq!(a.meta.title.as_deref(), Some("Tides < 2 m & rising"));
        // An entry that names no author has the feed's.
        assert_eq!(a.meta.authors, vec!["Feed Owner"]);
        assert_eq!(t.text, "Tide tables <updated> for August.");
        assert_aligned(t, raw);
    }

    const RDF: &str = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://valley.test/rss">
    <title>Valley Weekly</title>
    <link>https://valley.test/</link>
    <items><rdf:Seq><rdf:li rdf:resource="https://valley.test/a"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://valley.test/a">
    <title>Orchard harvest starts early</title>
    <link>https://valley.test/a</link>
    <dc:date>2022-09-14T07:00:00+02:00</dc:date>
    <dc:creator>Tom Berg</dc:creator>
    <description>Growers began picking apples &#8212; two weeks early.</description>
  </item>
</rdf:RDF>"#;

    #[test]
    fn rss_1_0_rdf() {
        let (items, problem) = items(RDF);
        assert_eq!(problem, None);
        assert_eq!(items.len(), 1);
        let (raw, art) = &items[0];
        let (a, t) = art.as_ref().unwrap();
        assert_eq!(
            t.text,
            "Growers began picking apples \u{2014} two weeks early."
        );
        let d = t.text.find('\u{2014}').unwrap();
        assert_eq!(&raw[t.source_span(d..d + 3).range()], "&#8212;");
        let m = &a.meta;
        assert_eq!(m.title.as_deref(), Some("Orchard harvest starts early"));
        assert_eq!(m.outlet.as_deref(), Some("Valley Weekly"));
        assert_eq!(m.published.as_deref(), Some("2022-09-14T07:00:00+02:00"));
        assert_eq!(m.authors, vec!["Tom Berg"]);
        assert_eq!(a.id.as_deref(), Some("https://valley.test/a"));
    }

    #[test]
    fn a_malformed_item_costs_only_itself() {
        let xml = "<rss><channel><title>T</title>\
            <item><title>one</title><description>First body.</description></item>\
            <item><title>two</title><description>a <b>bold</description></item>\
            <item><title>three</title><description>Third body.</description></item>\
            <item><title>four</title><description>x < y</description></item>\
            <item><title>five</title><description>Fifth body.</description></item>\
            <item><title>six</title></item>\
            <item><title>seven</title><description>Cut";
        let (items, problem) = items(xml);
        let summary: Vec<String> = items
            .iter()
            .map(|(_, a)| match a {
                Ok((_, t)) => t.text.clone(),
                Err(e) => format!("ERR {e}"),
            })
            .collect();
        assert_eq!(summary.len(), 7, "{summary:#?}");
        assert_eq!(summary[0], "First body.");
        assert!(
            summary[1].starts_with("ERR </description> closes <b>"),
            "{}",
            summary[1]
        );
        assert_eq!(summary[2], "Third body.");
        assert!(summary[3].contains("unescaped `<`"), "{}", summary[3]);
        assert_eq!(summary[4], "Fifth body.");
        assert!(summary[5].contains("no article text"), "{}", summary[5]);
        assert!(summary[6].contains("truncated"), "{}", summary[6]);
        assert_eq!(problem, None);
    }

    #[test]
    fn sniffing_and_feeds_without_items() {
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c --><rss>"),
            Some(Kind::Rss)
        );
        assert_eq!(
            sniff(b"<!DOCTYPE rss [<!ENTITY x \"y\">]><rss>"),
            Some(Kind::Rss)
        );
        assert_eq!(
            sniff(b"  <feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Some(Kind::Atom)
        );
        assert_eq!(sniff(b"<rdf:RDF>"), Some(Kind::Rdf));
        assert_eq!(sniff(b"<!doctype html><html>"), None);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><svg/>"), None);
        assert_eq!(sniff(b"Plain text <rss> later"), None);
        let (items, problem) = items("<rss><channel><title>Empty</title></channel></rss>");
        assert!(items.is_empty());
        assert!(problem.unwrap().contains("no <item>"));
    }

    #[test]
    fn any_cut_or_stray_byte_gives_problems_not_panics_and_keeps_alignments() {
        for feed in [RSS, ATOM, RDF] {
            let b = feed.as_bytes();
            let mut variants: Vec<Vec<u8>> = (0..b.len()).map(|cut| b[..cut].to_vec()).collect();
            for at in (0..b.len()).step_by(3) {
                for stray in [b'<', b'&', b'"', b'>'] {
                    let mut v = b.to_vec();
                    v[at] = stray;
                    variants.push(v);
                }
            }
            for v in &variants {
                let Some(kind) = sniff(v) else { continue };
                read_feed(v, kind, &mut |it| {
                    let raw = &v[it.range.clone()];
                    if let Ok(a) = it.article {
                        let t = decode_feed_body(raw, a.body, a.markup, None).text;
                        for s in t.alignment.segments().iter().filter(|s| s.copy) {
                            assert_eq!(
                                t.text.as_bytes()[s.text_start..s.text_start + s.text_len],
                                raw[s.src_start..s.src_start + s.src_len]
                            );
                        }
                    }
                });
            }
        }
    }

    #[test]
    fn rfc822_dates() {
        assert_eq!(
            parse_rfc822("Mon, 29 Apr 2019 14:03:00 GMT").as_deref(),
            Some("2019-04-29T14:03:00Z")
        );
        assert_eq!(
            parse_rfc822("29 Apr 2019 14:03 -0500").as_deref(),
            Some("2019-04-29T14:03:00-05:00")
        );
        assert_eq!(
            parse_rfc822("Sun, 1 Sep 19 08:00:00 EDT").as_deref(),
            Some("2019-09-01T08:00:00-04:00")
        );
        assert_eq!(
            parse_rfc822("Fri, 3 May 2019").as_deref(),
            Some("2019-05-03")
        );
        assert_eq!(parse_rfc822("yesterday"), None);
        assert_eq!(parse_rfc822("2019-04-29"), None);
    }

    #[test]
    fn a_latin1_feed_is_decoded_in_its_declared_encoding() {
        let mut xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Caf\xe9 Post</title>\
            <item><title>Caf\xe9</title><description>Le caf\xe9 du port a rouvert.</description></item></channel></rss>".to_vec();
        xml.push(b'\n');
        let kind = sniff(&xml).unwrap();
        let mut got = Vec::new();
        read_feed(&xml, kind, &mut |it| {
            let a = it.article.unwrap();
            let raw = &xml[it.range.clone()];
            let d = decode_feed_body(raw, a.body, a.markup, feed_encoding(&xml));
            let e = d.text.text.find('é').unwrap();
            assert_eq!(d.text.source_span(e..e + 2).len(), 1);
            got.push((
                a.meta.title.unwrap(),
                a.meta.outlet.unwrap(),
                d.text.text,
                d.encoding,
            ));
        });
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Café");
        assert_eq!(got[0].1, "Café Post");
        assert_eq!(got[0].2, "Le café du port a rouvert.");
        assert_eq!(got[0].3, "windows-1252");
    }
}

//! JSON Lines articles: one JSON object per line, with the article in `text` or `html`.
//!
//! The document's original bytes are the whole line; the article text is the JSON string of
//! the `text` (or `html`) field, unescaped with an alignment back to the line's bytes, so even
//! `\u00e9` in the file maps back to its six source bytes.

use crate::meta::{metadata_from_json, MetaFields};
use chronicle_core::{AlignedText, AlignedTextBuilder, Metadata, Span};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::ops::Range;

#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    html: Option<&'a RawValue>,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(flatten)]
    meta: MetaFields,
}

/// What one line holds: where the article string is, whether it is HTML, and the metadata.
#[derive(Debug)]
pub(crate) struct JsonArticle {
    /// Byte range of the JSON string literal (with its quotes) inside the line.
    pub string_range: Range<usize>,
    pub is_html: bool,
    pub id: Option<String>,
    pub meta: Metadata,
}

/// Parses one line; the error is a short reason for the user.
pub(crate) fn parse_line(line: &str) -> Result<JsonArticle, String> {
    // A byte-order mark (files saved by some Windows tools) opens the first line; offsets stay
    // relative to the whole line, mark included.
    let body = line.strip_prefix('\u{feff}').unwrap_or(line);
    if !body.trim_start().starts_with('{') {
        return Err(match serde_json::from_str::<serde_json::Value>(body) {
            Ok(_) => "not a JSON object (one article per line: {\"text\": \"…\"})".into(),
            Err(e) => format!("invalid JSON: {e}"),
        });
    }
    let parsed: Line = serde_json::from_str(body).map_err(|e| format!("invalid JSON: {e}"))?;
    let (raw, is_html) = match (parsed.text, parsed.html) {
        (Some(t), _) => (t, false),
        (None, Some(h)) => (h, true),
        (None, None) => return Err("no `text` or `html` field".into()),
    };
    let literal = raw.get();
    if !literal.starts_with('"') {
        let field = if is_html { "html" } else { "text" };
        return Err(format!("field `{field}` is not a string"));
    }
    let field = if is_html { "html" } else { "text" };
    let content: String = serde_json::from_str(literal).unwrap_or_default();
    if content.trim().is_empty() {
        return Err(format!("empty `{field}`; skipped"));
    }
    let start = literal.as_ptr() as usize - line.as_ptr() as usize;
    let id = parsed.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    });
    Ok(JsonArticle {
        string_range: start..start + literal.len(),
        is_html,
        id,
        meta: metadata_from_json(&parsed.meta, "jsonl"),
    })
}

/// Unescapes the JSON string literal at `range` of `line` (quotes included), aligned to `line`.
pub fn unescape_json_string(line: &str, range: Range<usize>) -> AlignedText {
    let bytes = line.as_bytes();
    let (start, end) = (
        range.start + 1,
        range.end.saturating_sub(1).max(range.start + 1),
    );
    let mut b = AlignedTextBuilder::new();
    let mut i = start;
    let mut run = start;
    while i < end {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        if run < i {
            b.push_copy(&line[run..i], run);
        }
        let esc_start = i;
        let (ch, len) = match bytes.get(i + 1) {
            Some(b'n') => (Some('\n'), 2),
            Some(b't') => (Some('\t'), 2),
            Some(b'r') => (Some('\r'), 2),
            Some(b'b') => (Some('\u{8}'), 2),
            Some(b'f') => (Some('\u{c}'), 2),
            Some(b'u') => unicode_escape(line, i),
            // Any other escaped character stands for itself; it may be several bytes long.
            Some(_) => match line[i + 1..].chars().next() {
                Some(c) => (Some(c), 1 + c.len_utf8()),
                None => (None, 1),
            },
            None => (None, 1),
        };
        if let Some(c) = ch {
            let mut buf = [0u8; 4];
            b.push_replaced(
                c.encode_utf8(&mut buf),
                Span::new(esc_start, esc_start + len),
            );
        }
        i += len;
        run = i;
    }
    if run < end {
        b.push_copy(&line[run..end], run);
    }
    b.finish()
}

/// Reads `\uXXXX`, with a following low surrogate when the first is a high one.
fn unicode_escape(line: &str, at: usize) -> (Option<char>, usize) {
    let hex = |from: usize| {
        line.get(from..from + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let Some(first) = hex(at + 2) else {
        return (Some('\u{FFFD}'), 2);
    };
    if (0xD800..0xDC00).contains(&first) && line.get(at + 6..at + 8) == Some("\\u") {
        if let Some(second) = hex(at + 8).filter(|s| (0xDC00..0xE000).contains(s)) {
            let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
            return (char::from_u32(c), 12);
        }
    }
    (Some(char::from_u32(first).unwrap_or('\u{FFFD}')), 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_an_empty_text_and_a_non_object() {
        let line = "\u{feff}{\"text\": \"Geneva\"}";
        let a = parse_line(line).unwrap();
        assert_eq!(&line[a.string_range], "\"Geneva\"");
        for (line, reason) in [
            (r#"{"text": ""}"#, "empty `text`"),
            (r#"{"html": " \n "}"#, "empty `html`"),
            ("[1, 2]", "not a JSON object"),
            ("\"text\"", "not a JSON object"),
            ("{broken", "invalid JSON"),
            ("nonsense", "invalid JSON"),
        ] {
            let e = parse_line(line).unwrap_err();
            assert!(e.contains(reason), "{line}: {e}");
        }
    }

    #[test]
    fn unescape_aligns_escapes() {
        let line = r#"{"text": "caf\u00e9 \"ok\"\nnext \ud83d\ude00"}"#;
        let a = parse_line(line).unwrap();
        let t = unescape_json_string(line, a.string_range.clone());
        assert_eq!(t.text, "café \"ok\"\nnext 😀");
        let e = t.text.find('é').unwrap();
        assert_eq!(&line[t.source_span(e..e + 2).range()], "\\u00e9");
        let ok = t.text.find("ok").unwrap();
        assert_eq!(&line[t.source_span(ok..ok + 2).range()], "ok");
        let smile = t.text.find('😀').unwrap();
        assert_eq!(
            &line[t.source_span(smile..smile + 4).range()],
            "\\ud83d\\ude00"
        );
    }

    #[test]
    fn an_unknown_escape_before_a_multibyte_character_does_not_split_it() {
        // Regression: found by the stress test; serde_json rejects such lines, but the
        // unescaper must not panic on any input.
        let line = "{\"text\": \"a\\é b\"}";
        let start = line.find(": ").unwrap() + 2;
        let t = unescape_json_string(line, start..line.len() - 1);
        assert_eq!(t.text, "aé b");
    }

    #[test]
    fn reasons_for_bad_lines() {
        assert!(parse_line("{not json")
            .unwrap_err()
            .contains("invalid JSON"));
        assert!(parse_line(r#"{"title": "x"}"#)
            .unwrap_err()
            .contains("no `text`"));
        assert!(parse_line(r#"{"text": 5}"#)
            .unwrap_err()
            .contains("not a string"));
    }

    #[test]
    fn metadata_fields_are_read() {
        let a = parse_line(r#"{"id": 7, "html": "<p>x</p>", "title": "T", "author": ["A", "B"], "published": "2019-04-29"}"#)
            .unwrap();
        assert!(a.is_html);
        assert_eq!(a.id.as_deref(), Some("7"));
        assert_eq!(a.meta.title.as_deref(), Some("T"));
        assert_eq!(a.meta.authors, vec!["A", "B"]);
        assert_eq!(a.meta.published.as_deref(), Some("2019-04-29"));
    }
}

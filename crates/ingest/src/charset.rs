//! Character-set detection and decoding to UTF-8 with an alignment back to the original bytes.
//!
//! Order of trust: a byte-order mark; then valid UTF-8 (multi-byte UTF-8 by accident is very
//! unlikely, so a page that declares Latin-1 but is valid UTF-8 is read as UTF-8); then a
//! charset declared in the HTML head; then a statistical guess (chardetng).

use chronicle_core::{AlignedText, AlignedTextBuilder, Span};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// A decoded input.
#[derive(Debug)]
pub struct Decoded {
    /// The UTF-8 text, aligned to the original bytes.
    pub text: AlignedText,
    /// Name of the encoding the bytes were read as.
    pub encoding: &'static str,
    /// Set when the bytes were not what they claimed, or had to be guessed.
    pub warning: Option<String>,
}

/// Decodes `raw` to UTF-8. `html` enables the `<meta charset>` prescan.
pub fn decode(raw: &[u8], html: bool) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(raw) {
        return decode_with(raw, enc, bom_len, None);
    }
    match std::str::from_utf8(raw) {
        Ok(text) => Decoded {
            text: AlignedText::identity(text.to_string()),
            encoding: UTF_8.name(),
            warning: None,
        },
        Err(utf8_error) => {
            let declared = if html { declared_charset(raw) } else { None };
            match declared {
                Some(enc) if enc != UTF_8 => decode_with(raw, enc, 0, None),
                _ => {
                    let mut detector =
                        chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                    detector.feed(raw, true);
                    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
                    let why = format!(
                        "not valid UTF-8 (first bad byte at offset {}); decoded as {} (guessed)",
                        utf8_error.valid_up_to(),
                        guess.name()
                    );
                    decode_with(raw, guess, 0, Some(why))
                }
            }
        }
    }
}

/// Decodes `raw`, which is not valid UTF-8, in the encoding a label names (an XML
/// declaration's `encoding`), else as [`decode`] would guess it.
pub(crate) fn decode_with_label(raw: &[u8], label: Option<&str>) -> Decoded {
    match label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        Some(enc) if Encoding::for_bom(raw).is_none() && enc != UTF_8 => {
            decode_with(raw, enc, 0, None)
        }
        _ => decode(raw, false),
    }
}

/// Decodes with a known encoding, aligning every character to the bytes it came from.
fn decode_with(
    raw: &[u8],
    enc: &'static Encoding,
    skip: usize,
    warning: Option<String>,
) -> Decoded {
    let body = &raw[skip..];
    let mut b = AlignedTextBuilder::new();
    if enc == UTF_16LE || enc == UTF_16BE {
        decode_utf16(body, skip, enc == UTF_16LE, &mut b);
    } else if enc == UTF_8 {
        // Only reached with a UTF-8 BOM: copy valid runs, replace invalid bytes one by one.
        for chunk in body.utf8_chunks() {
            let start = chunk.valid().as_ptr() as usize - body.as_ptr() as usize + skip;
            b.push_copy(chunk.valid(), start);
            let bad_start = start + chunk.valid().len();
            if !chunk.invalid().is_empty() {
                b.push_replaced(
                    "\u{FFFD}",
                    Span::new(bad_start, bad_start + chunk.invalid().len()),
                );
            }
        }
    } else {
        decode_ascii_compatible(body, skip, enc, &mut b);
    }
    Decoded {
        text: b.finish(),
        encoding: enc.name(),
        warning,
    }
}

/// ASCII bytes are copies; each run of non-ASCII bytes is decoded as a whole and aligned to
/// the run (exact per character for single-byte encodings, where runs are usually one byte).
fn decode_ascii_compatible(
    body: &[u8],
    offset: usize,
    enc: &'static Encoding,
    b: &mut AlignedTextBuilder,
) {
    let single_byte = enc.is_single_byte();
    let mut i = 0;
    while i < body.len() {
        let run_start = i;
        let ascii = body[i].is_ascii();
        while i < body.len() && body[i].is_ascii() == ascii {
            i += 1;
        }
        let run = &body[run_start..i];
        if ascii {
            // ASCII bytes are valid UTF-8 by definition.
            let s = std::str::from_utf8(run).unwrap_or_default();
            b.push_copy(s, offset + run_start);
        } else if single_byte {
            for (k, byte) in run.iter().enumerate() {
                let (s, _) = enc.decode_without_bom_handling(std::slice::from_ref(byte));
                let at = offset + run_start + k;
                b.push_replaced(&s, Span::new(at, at + 1));
            }
        } else {
            let (s, _) = enc.decode_without_bom_handling(run);
            b.push_replaced(&s, Span::new(offset + run_start, offset + i));
        }
    }
}

fn decode_utf16(body: &[u8], offset: usize, little_endian: bool, b: &mut AlignedTextBuilder) {
    let units: Vec<u16> = body
        .chunks(2)
        .map(|c| {
            let pair = [c[0], *c.get(1).unwrap_or(&0)];
            if little_endian {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        })
        .collect();
    let mut at = 0;
    for ch in char::decode_utf16(units.iter().copied()) {
        let (c, width) = match ch {
            Ok(c) => (c, c.len_utf16()),
            Err(_) => ('\u{FFFD}', 1),
        };
        let mut buf = [0u8; 4];
        let start = offset + at * 2;
        let end = (start + width * 2).min(offset + body.len());
        b.push_replaced(c.encode_utf8(&mut buf), Span::new(start, end));
        at += width;
    }
}

/// The charset declared in the first 1024 bytes of an HTML page, if any.
fn declared_charset(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            return Some(enc);
        }
        from = i.max(from + pos + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_identity() {
        let d = decode("Xinjiang – Ürümqi".as_bytes(), false);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warning.is_none());
        assert_eq!(d.text.source_span(0..8), Span::new(0, 8));
    }

    #[test]
    fn latin1_maps_each_character_back() {
        let raw = b"caf\xe9 \x93quoted\x94";
        let d = decode(raw, false);
        assert_eq!(d.text.text, "café “quoted”");
        assert!(d.warning.as_deref().unwrap().contains("not valid UTF-8"));
        let e = d.text.text.find('é').unwrap();
        assert_eq!(d.text.source_span(e..e + 2), Span::new(3, 4));
        let q = d.text.text.find("quoted").unwrap();
        assert_eq!(&raw[d.text.source_span(q..q + 6).range()], b"quoted");
    }

    #[test]
    fn declared_charset_is_used_for_invalid_utf8() {
        let raw = b"<meta charset=\"iso-8859-1\"><p>na\xefve</p>";
        let d = decode(raw, true);
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.text.contains("naïve"));
        assert!(d.warning.is_none());
    }

    #[test]
    fn wrong_declaration_loses_to_valid_utf8() {
        let raw = "<meta charset=\"iso-8859-1\"><p>naïve</p>".as_bytes();
        let d = decode(raw, true);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.text.contains("naïve"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut raw = vec![0xFF, 0xFE];
        for u in "Hi é".encode_utf16() {
            raw.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&raw, false);
        assert_eq!(d.text.text, "Hi é");
        assert_eq!(d.text.source_span(3..5), Span::new(8, 10));
    }
}

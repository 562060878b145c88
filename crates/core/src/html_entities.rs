//! HTML character references: `&amp;`, `&#8217;`, `&#x2014;` and the common named ones; used by
//! the HTML cleaner and by the feed reader for metadata.

/// Named references that news pages use; the rare ones of the full HTML table are left as
/// written, which keeps their text readable and their offsets exact.
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("sbquo", "‚"),
    ("bdquo", "„"),
    ("hellip", "…"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("middot", "·"),
    ("sdot", "⋅"),
    ("mldr", "…"),
    ("num", "#"),
    ("bull", "•"),
    ("deg", "°"),
    ("times", "×"),
    ("divide", "÷"),
    ("plusmn", "±"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("sect", "§"),
    ("para", "¶"),
    ("shy", "\u{ad}"),
    ("zwnj", "\u{200c}"),
    ("zwj", "\u{200d}"),
    ("thinsp", "\u{2009}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("hairsp", "\u{200a}"),
    ("iexcl", "¡"),
    ("iquest", "¿"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("micro", "µ"),
    ("prime", "′"),
    ("Prime", "″"),
    ("rarr", "→"),
    ("larr", "←"),
    ("uarr", "↑"),
    ("darr", "↓"),
    ("hearts", "♥"),
    ("star", "☆"),
    ("check", "✓"),
    ("dagger", "†"),
    ("Dagger", "‡"),
    ("permil", "‰"),
    ("ordm", "º"),
    ("ordf", "ª"),
    ("acute", "´"),
    ("uml", "¨"),
    ("cedil", "¸"),
    ("macr", "¯"),
    ("not", "¬"),
    ("curren", "¤"),
    ("brvbar", "¦"),
    ("Agrave", "À"),
    ("Aacute", "Á"),
    ("Acirc", "Â"),
    ("Atilde", "Ã"),
    ("Auml", "Ä"),
    ("Aring", "Å"),
    ("AElig", "Æ"),
    ("Ccedil", "Ç"),
    ("Egrave", "È"),
    ("Eacute", "É"),
    ("Ecirc", "Ê"),
    ("Euml", "Ë"),
    ("Igrave", "Ì"),
    ("Iacute", "Í"),
    ("Icirc", "Î"),
    ("Iuml", "Ï"),
    ("Ntilde", "Ñ"),
    ("Ograve", "Ò"),
    ("Oacute", "Ó"),
    ("Ocirc", "Ô"),
    ("Otilde", "Õ"),
    ("Ouml", "Ö"),
    ("Oslash", "Ø"),
    ("Ugrave", "Ù"),
    ("Uacute", "Ú"),
    ("Ucirc", "Û"),
    ("Uuml", "Ü"),
    ("Yacute", "Ý"),
    ("szlig", "ß"),
    ("agrave", "à"),
    ("aacute", "á"),
    ("acirc", "â"),
    ("atilde", "ã"),
    ("auml", "ä"),
    ("aring", "å"),
    ("aelig", "æ"),
    ("ccedil", "ç"),
    ("egrave", "è"),
    ("eacute", "é"),
    ("ecirc", "ê"),
    ("euml", "ë"),
    ("igrave", "ì"),
    ("iacute", "í"),
    ("icirc", "î"),
    ("iuml", "ï"),
    ("ntilde", "ñ"),
    ("ograve", "ò"),
    ("oacute", "ó"),
    ("ocirc", "ô"),
    ("otilde", "õ"),
    ("ouml", "ö"),
    ("oslash", "ø"),
    ("ugrave", "ù"),
    ("uacute", "ú"),
    ("ucirc", "û"),
    ("uuml", "ü"),
    ("yacute", "ý"),
    ("yuml", "ÿ"),
    ("scaron", "š"),
    ("Scaron", "Š"),
    ("zcaron", "ž"),
    ("Zcaron", "Ž"),
    ("oelig", "œ"),
    ("OElig", "Œ"),
    ("circ", "ˆ"),
    ("tilde", "˜"),
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("pi", "π"),
    ("mu", "μ"),
    ("sigma", "σ"),
    ("omega", "ω"),
    ("Delta", "Δ"),
    ("Omega", "Ω"),
    ("minus", "−"),
    ("le", "≤"),
    ("ge", "≥"),
    ("ne", "≠"),
    ("asymp", "≈"),
    ("infin", "∞"),
    ("lrm", "\u{200e}"),
    ("rlm", "\u{200f}"),
];

/// Names that browsers decode even without the closing semicolon.
const LEGACY: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Decodes the character reference at the start of `s` (which starts with '&'). Returns the
/// decoded text and the byte length of the reference, or `None` when it is not one.
pub fn decode_at(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, digits_start) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut j = digits_start;
        while j < b.len()
            && j - digits_start < 8
            && (if hex {
                b[j].is_ascii_hexdigit()
            } else {
                b[j].is_ascii_digit()
            })
        {
            j += 1;
        }
        if j == digits_start {
            return None;
        }
        let value = u32::from_str_radix(&s[digits_start..j], if hex { 16 } else { 10 }).ok()?;
        let len = if b.get(j) == Some(&b';') { j + 1 } else { j };
        let c = match value {
            // Windows-1252 code points that pages write as numeric references.
            0x80..=0x9f => cp1252(value),
            0 => '\u{fffd}',
            v => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        return Some((c.to_string(), len));
    }
    let mut j = 1;
    while j < b.len() && j <= 32 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    let name = &s[1..j];
    let (_, value) = NAMED.iter().find(|(n, _)| *n == name)?;
    if b.get(j) == Some(&b';') {
        Some((value.to_string(), j + 1))
    } else if LEGACY.contains(&name) {
        Some((value.to_string(), j))
    } else {
        None
    }
}

fn cp1252(v: u32) -> char {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    TABLE[(v - 0x80) as usize]
}

/// Decodes every reference in `s` (for attribute values and titles, where offsets are not kept).
pub fn decode_all(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        match decode_at(&rest[p..]) {
            Some((t, len)) => {
                out.push_str(&t);
                rest = &rest[p + len..];
            }
            None => {
                out.push('&');
                rest = &rest[p + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a page shows the marks of UTF-8 decoded as Windows-1252 or Latin-1 and encoded
/// again ("itâ€™s", "cafÃ©", "Â\u{a0}").
pub fn has_mojibake(src: &str) -> bool {
    src.contains("\u{e2}\u{20ac}") || src.contains("\u{e2}\u{80}") || src.contains("\u{c3}\u{a9}")
}

/// The byte that Windows-1252 (or Latin-1) decodes to `c`, if any.
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    HIGH.iter().position(|&h| h == c).map(|k| 0x80 + k as u8)
}

/// Repairs the run of double-decoded characters at the start of `t` ("â€™" → "’"): the text
/// and the bytes of `t` it replaces. Only whole, valid UTF-8 sequences are repaired.
pub fn repair_mojibake(t: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut consumed = 0;
    let mut chars = t.char_indices().peekable();
    while let Some(&(at, lead)) = chars.peek() {
        let Some(b0) = cp1252_byte(lead).filter(|b| (0xC2..=0xF4).contains(b)) else {
            break;
        };
        let need = match b0 {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            _ => 3,
        };
        let mut bytes = vec![b0];
        let mut probe = chars.clone();
        probe.next();
        let mut end = at + lead.len_utf8();
        for _ in 0..need {
            match probe.next() {
                Some((k, c)) => match cp1252_byte(c).filter(|b| (0x80..=0xBF).contains(b)) {
                    Some(b) => {
                        bytes.push(b);
                        end = k + c.len_utf8();
                    }
                    None => break,
                },
                None => break,
            }
        }
        match std::str::from_utf8(&bytes) {
            Ok(s) if bytes.len() == need + 1 => {
                out.push_str(s);
                consumed = end;
                chars = probe;
            }
            _ => break,
        }
    }
    (consumed > 0).then_some((out, consumed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_double_decoded_utf8() {
        assert_eq!(
            repair_mojibake("â€™s fine"),
            Some(("’".to_string(), "â€™".len()))
        );
        assert_eq!(
            repair_mojibake("Ã©tÃ© x"),
            Some(("é".to_string(), "Ã©".len()))
        );
        // Real Latin-1 text is left alone.
        assert_eq!(repair_mojibake("é à"), None);
        assert_eq!(repair_mojibake("Ãx"), None);
        assert!(has_mojibake("itâ€™s") && !has_mojibake("it’s"));
    }

    #[test]
    fn decodes_named_numeric_and_legacy() {
        assert_eq!(
            decode_all("a &amp; b &#8217; &#x2014;&nbsp&eacute;"),
            "a & b ’ — é"
        );
        assert_eq!(decode_all("&#150; &bogus; & x"), "– &bogus; & x");
        assert_eq!(
            decode_at("&#99999999;").map(|d| d.0),
            Some("\u{fffd}".into())
        );
    }
}

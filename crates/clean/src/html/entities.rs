//! HTML character references: `&amp;`, `&#8217;`, `&#x2014;` and the common named ones.

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

#[cfg(test)]
mod tests {
    use super::*;

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

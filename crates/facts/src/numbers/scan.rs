//! A light tokenizer shared by the date and number extractors: words, digit runs and single
//! punctuation marks with their byte ranges, plus sentence starts. It never allocates per token.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters (any script).
    Word,
    /// Digits, with inner `,` or `.` when a digit follows (`800,000`, `1.5`).
    Num,
    /// One other non-space character.
    Punct,
}

/// One token: a half-open byte range of the text.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// This token opens a sentence (after a newline or a full stop before a capital).
    pub sentence_start: bool,
}

/// A text, its ASCII-lowercased copy (same byte offsets) and its tokens.
#[derive(Debug)]
pub struct Scan<'a> {
    pub text: &'a str,
    pub lower: String,
    pub toks: Vec<Tok>,
}

impl<'a> Scan<'a> {
    pub fn new(text: &'a str) -> Scan<'a> {
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text);
        Scan { text, lower, toks }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Lowercased text of token `i`, or "" past the end.
    pub fn low(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.lower[t.start..t.end],
            None => "",
        }
    }

    /// Original text of token `i`, or "" past the end.
    pub fn raw(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.text[t.start..t.end],
            None => "",
        }
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    pub fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Num)
    }

    /// Token `i` exists and directly follows token `i - 1` with no space.
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// The first letter of token `i` is a capital.
    pub fn capitalised(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Is token `i` a hyphen or dash joining two words (`five-year`, `25-27`)?
    pub fn is_dash(&self, i: usize) -> bool {
        matches!(self.raw(i), "-" | "–" | "—" | "‑")
    }

    /// The first token of the sentence holding token `i`.
    pub fn sentence_begin(&self, i: usize) -> usize {
        let mut j = i.min(self.toks.len());
        while j > 0 && !self.toks.get(j).is_some_and(|t| t.sentence_start) {
            j -= 1;
        }
        j
    }

    /// One past the last token of the sentence holding token `i`.
    pub fn sentence_end(&self, i: usize) -> usize {
        let mut j = i + 1;
        while j < self.toks.len() && !self.toks[j].sentence_start {
            j += 1;
        }
        j.min(self.toks.len())
    }

    /// Byte range from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        self.toks[a].start..self.toks[b - 1].end
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 4);
    let mut i = 0;
    let mut space_before = true;
    let mut newline_before = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space_before = true;
            newline_before |= b == b'\n';
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if b.is_ascii_digit() {
            kind = Kind::Num;
            while i < bytes.len() {
                let c = bytes[i];
                if c.is_ascii_digit()
                    || ((c == b',' || c == b'.')
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                        && i > start)
                {
                    i += 1;
                } else {
                    break;
                }
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                // Non-ASCII spaces (no-break space and friends) separate tokens too.
                space_before = true;
                i += c.len_utf8();
                continue;
            }
            if is_word_char(c) {
                kind = Kind::Word;
                while i < bytes.len() {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if is_word_char(c) {
                        i += c.len_utf8();
                    } else {
                        break;
                    }
                }
            } else {
                kind = Kind::Punct;
                i += c.len_utf8();
            }
        }
        let sentence_start = newline_before || {
            // A capital or a digit after `.`, `!` or `?` (and optional closing quotes) opens a
            // sentence; abbreviations such as "U.N." followed by a name are a known cost.
            let first_upper = text[start..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase());
            let mut k = toks.len();
            let mut ends = false;
            while k > 0 {
                let t = &toks[k - 1];
                let s = &text[t.start..t.end];
                if matches!(s, "\"" | "”" | "’" | "'" | ")") {
                    k -= 1;
                    continue;
                }
                ends = matches!(s, "." | "!" | "?");
                // "Mr." and single capitals ("U.N.") rarely end sentences.
                if ends && k >= 2 {
                    let p = &toks[k - 2];
                    let w = &text[p.start..p.end];
                    if p.kind == Kind::Word && (w.len() == 1 || ABBREVIATIONS.contains(&w)) {
                        ends = false;
                    }
                }
                break;
            }
            ends && space_before && first_upper
        };
        toks.push(Tok {
            start,
            end: i,
            kind,
            space_before,
            sentence_start,
        });
        space_before = false;
        newline_before = false;
    }
    toks
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "St", "Jan", "Feb", "Aug", "Sept",
    "Sep", "Oct", "Nov", "Dec", "No", "Lt", "Col", "Sgt", "Capt", "Jr", "Sr", "Inc", "Corp", "Co",
    "Ltd", "vs", "Rev", "Ft", "Mt",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_sentences() {
        let s = Scan::new("He said 800,000 people. Mr. Li left on April 25-27.\n1.5bn");
        let words: Vec<&str> = (0..s.len()).map(|i| s.raw(i)).collect();
        assert_eq!(
            words,
            [
                "He", "said", "800,000", "people", ".", "Mr", ".", "Li", "left", "on", "April",
                "25", "-", "27", ".", "1.5", "bn"
            ]
        );
        let starts: Vec<&str> = (0..s.len())
            .filter(|&i| s.toks[i].sentence_start)
            .map(|i| s.raw(i))
            .collect();
        assert_eq!(starts, ["He", "Mr", "1.5"]);
        assert!(s.glued(16));
    }
}

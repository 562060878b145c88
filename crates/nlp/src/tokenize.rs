//! Rule-based tokenizer and sentence splitter for news text, following UD English conventions.
//!
//! Tokens are half-open byte ranges of the input; the tokenizer never copies or normalises text,
//! so every token maps straight back to the source. The conventions are those of UD English EWT,
//! because the tagger and parser are trained on it: clitics split off (`do|n't`, `China|'s`,
//! `Guterres|’`), hyphenated words split at the hyphen (`long|-|term`) except after common
//! prefixes (`e-mail`, `co-workers`), numbers kept whole (`800,000`, `1.5`) but split from units
//! (`1.5|bn`), abbreviations and initials keep their period (`U.N.`, `Gen.`), URLs, e-mail
//! addresses, handles and hashtags stay one token.

use std::ops::Range;

/// Tokens and sentences of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokenized {
    /// Byte ranges of the tokens, in text order.
    pub tokens: Vec<Range<usize>>,
    /// Sentences as ranges of indices into `tokens`.
    pub sentences: Vec<Range<usize>>,
}

/// Words that end with a period which belongs to the word (compared lowercased, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "drs", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
    "adm", "gov", "sen", "rep", "pres", "rev", "fr", "hon", "st", "jr", "sr", "mt", "ft", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "inc", "corp", "co", "ltd", "llc",
    "bros", "dept", "univ", "assn", "ave", "blvd", "rd", "no", "nos", "vol", "vols", "pp", "ed",
    "eds", "est", "approx", "vs", "etc", "al", "cf", "fig", "figs", "ca", "esp", "op", "cit",
    "ref", "tel", "ext", "min", "max", "mins", "hrs", "sq", "oz", "lb", "lbs", "kg", "km", "mi",
    "yr", "yrs", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind",
    "kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
    "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "messrs", "mme", "mlle",
];

/// Abbreviations that are almost never the last word of a sentence: a period after them never
/// ends one.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "drs", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl",
    "adm", "gov", "sen", "rep", "pres", "rev", "fr", "hon", "st", "mt", "ft", "no", "nos", "vol",
    "vs", "messrs", "mme", "mlle", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "approx", "fig", "figs", "cf", "tel", "ext", "pp", "ed", "eds", "op",
];

/// Prefixes that stay attached to the rest of a hyphenated word in UD English (`e-mail`).
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "pre", "non", "co", "re", "post", "semi", "multi", "mid", "ex", "anti", "pro", "sub",
    "un", "vice", "inter", "intra", "over", "under", "counter", "quasi", "self", "neo", "pseudo",
    "ultra", "mini", "micro",
];

/// Suffixes of a number that stay attached to it (`20th`, `1970s`).
const NUMBER_SUFFIXES: &[&str] = &["st", "nd", "rd", "th", "s", "'s"];

/// Tokenizes `text` and splits it into sentences. A newline always ends a sentence.
pub fn tokenize(text: &str) -> Tokenized {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    // For each token: did white space come before it, and was there a newline in that space.
    let mut spaced = Vec::with_capacity(text.len() / 5 + 1);
    let mut newline_before = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut saw_newline = false;
    let mut saw_space = true;
    while i < text.len() {
        let c = next_char(text, i);
        if c.is_whitespace() {
            if c == '\n' || c == '\u{2029}' || c == '\u{2028}' {
                saw_newline = true;
            }
            saw_space = true;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < text.len() {
            let c = next_char(text, i);
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        let first = tokens.len();
        split_chunk(text, start, i, &mut tokens);
        for k in first..tokens.len() {
            spaced.push(k == first && saw_space);
            newline_before.push(k == first && saw_newline);
        }
        saw_newline = false;
        saw_space = false;
        let _ = bytes;
    }
    split_missing_apostrophes(text, &mut tokens, &mut spaced, &mut newline_before);
    let sentences = split_sentences(text, &tokens, &spaced, &newline_before);
    Tokenized { tokens, sentences }
}

/// Words that follow `it's` written `its` (`its a shame`, `its not`) and never the possessive
/// `its`, which is followed by a noun or an adjective (`its own`, `its military`).
const AFTER_ITS_CONTRACTION: &[&str] = &[
    "a",
    "an",
    "the",
    "not",
    "kind",
    "all",
    "your",
    "just",
    "really",
    "simply",
    "definitely",
    "still",
    "now",
    "so",
    "too",
    "also",
    "always",
    "never",
    "probably",
    "actually",
    "pretty",
    "kinda",
    "quite",
    "totally",
    "already",
    "nothing",
    "like",
    "in",
    "for",
    "from",
    "about",
    "because",
    "been",
    "getting",
    "going",
    "gonna",
    "got",
    "ok",
    "okay",
    "true",
    "worth",
    "easy",
    "important",
    "necessary",
    "possible",
    "impossible",
    "illegal",
    "cool",
    "funny",
    "sad",
    "nice",
];

/// Contractions written without their apostrophe, which UD English still splits: `its` before a
/// word that cannot follow the possessive ([`AFTER_ITS_CONTRACTION`]) is `it|s`, and `Lets`
/// before a lowercase word is `Let|s`. The word after must not run on into a hyphen
/// (`its so-called allies`).
fn split_missing_apostrophes(
    text: &str,
    tokens: &mut Vec<Range<usize>>,
    spaced: &mut Vec<bool>,
    newline_before: &mut Vec<bool>,
) {
    let mut k = 0;
    while k + 1 < tokens.len() {
        let (word, next) = (&text[tokens[k].clone()], &text[tokens[k + 1].clone()]);
        let plain_next =
            spaced[k + 1] && !newline_before[k + 1] && !text[tokens[k + 1].end..].starts_with('-');
        let split = word.len() == 4 && word == "Lets" && next.starts_with(char::is_lowercase)
            || word.len() == 3
                && (word == "its" || word == "Its")
                && AFTER_ITS_CONTRACTION.contains(&next.to_ascii_lowercase().as_str());
        if split && plain_next {
            let (start, end) = (tokens[k].start, tokens[k].end);
            tokens[k] = start..end - 1;
            tokens.insert(k + 1, end - 1..end);
            spaced.insert(k + 1, false);
            newline_before.insert(k + 1, false);
            k += 1;
        }
        k += 1;
    }
}

/// Tokenizes text that is already split into sentences, one per line (as in `# text =` lines).
pub fn split_sentences(
    text: &str,
    tokens: &[Range<usize>],
    spaced: &[bool],
    newline_before: &[bool],
) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < tokens.len() {
        if k > start && newline_before[k] {
            sentences.push(start..k);
            start = k;
        }
        let tok = &text[tokens[k].clone()];
        if let Some(end) = sentence_end_after(text, tokens, spaced, newline_before, k, tok) {
            sentences.push(start..end);
            start = end;
            k = end;
            continue;
        }
        k += 1;
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences
}

/// When token `k` ends a sentence, the index of the first token of the next sentence (after any
/// closing quotes and brackets that still belong to this one).
fn sentence_end_after(
    text: &str,
    tokens: &[Range<usize>],
    spaced: &[bool],
    newline_before: &[bool],
    k: usize,
    tok: &str,
) -> Option<usize> {
    let terminal = is_terminal(tok);
    let abbreviation = !terminal && tok.len() > 1 && tok.ends_with('.');
    if !terminal && !abbreviation {
        return None;
    }
    if abbreviation {
        let stem = tok[..tok.len() - 1].to_lowercase();
        // A title or a single initial (`J.`) is followed by a name, not a new sentence.
        if TITLES.contains(&stem.as_str()) || stem.chars().count() == 1 {
            return None;
        }
    }
    // Closing quotes and brackets glued to the terminator stay in this sentence.
    let mut end = k + 1;
    while end < tokens.len() && !spaced[end] && is_closer(&text[tokens[end].clone()]) {
        end += 1;
    }
    if end >= tokens.len() {
        return Some(end);
    }
    if newline_before[end] {
        return Some(end);
    }
    let next = &text[tokens[end].clone()];
    let first = next.chars().next().unwrap_or(' ');
    if abbreviation {
        // After `U.S.` or `Inc.` only a clearly sentence-initial word starts a new sentence.
        return (first.is_uppercase() && is_sentence_starter(next)).then_some(end);
    }
    if tok.starts_with('.') && tok.len() >= 2 || tok.starts_with('…') {
        // An ellipsis ends a sentence only before a capital.
        return first.is_uppercase().then_some(end);
    }
    // A lowercase word right after `.`, `?` or `!` starts a new sentence in informal text
    // ("where did you grow up? india?"); after a closing quote it continues the sentence
    // ("Why?" he asked).
    if first.is_lowercase() && end > k + 1 || matches!(first, ',' | ';' | ':' | ')' | ']' | '%') {
        return None;
    }
    if tok == "." && next.chars().all(|c| c.is_ascii_digit()) && !spaced[end] {
        return None;
    }
    Some(end)
}

/// Whether the token is sentence-final punctuation (`.`, `?!`, `...`).
fn is_terminal(tok: &str) -> bool {
    !tok.is_empty()
        && tok
            .chars()
            .all(|c| matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁉'))
}

/// Whether the token closes a quotation or a bracket.
fn is_closer(tok: &str) -> bool {
    matches!(
        tok,
        "\"" | "'" | "”" | "’" | "»" | "›" | ")" | "]" | "}" | "''"
    )
}

/// Common words that start sentences, used after an abbreviation that could end one.
fn is_sentence_starter(word: &str) -> bool {
    const STARTERS: &[&str] = &[
        "The",
        "A",
        "An",
        "In",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "But",
        "And",
        "This",
        "That",
        "There",
        "His",
        "Her",
        "Their",
        "Its",
        "On",
        "At",
        "For",
        "As",
        "If",
        "When",
        "After",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "So",
        "Some",
        "Many",
        "However",
        "Meanwhile",
        "Officials",
        "You",
        "What",
        "Why",
        "How",
        "Our",
        "My",
        "These",
        "Those",
        "While",
    ];
    STARTERS.contains(&word)
}

#[inline]
fn next_char(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// Characters that are always tokens of their own when they open a chunk.
fn is_opener_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '`' | '„' | '‚' | '*'
    )
}

/// Characters that are always tokens of their own when they close a chunk.
fn is_closer_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | ',' | ';' | ':' | '%' | '*'
    )
}

/// Characters that are tokens of their own anywhere in a chunk.
fn is_always_split(c: char) -> bool {
    matches!(
        c,
        '—' | '–'
            | '…'
            | '“'
            | '”'
            | '«'
            | '»'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | ';'
            | '!'
            | '?'
            | '‘'
            | '|'
            | '•'
            | '~'
    )
}

/// Emoticons and web shorthands that are one token in UD English.
const WHOLE_TOKENS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":p", ":-P", ":/", ":-/", "=)", "<3",
    ":o", ":O", "XD", "^_^", ":'(", ":-|", ":|", "b/c", "w/o",
];

/// Whether a chunk is a rule or ornament line such as `*****` or `----==` (one token).
fn is_ornament(chunk: &str) -> bool {
    chunk.len() >= 3 && chunk.bytes().all(is_ornament_byte)
}

fn is_ornament_byte(b: u8) -> bool {
    matches!(b, b'*' | b'=' | b'_' | b'~' | b'+' | b'#' | b'-')
}
/// Splits one white-space delimited chunk `text[start..end]` into tokens.
fn split_chunk(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Range<usize>>) {
    // Plain words are the common case and need no further thought.
    let chunk = &text[start..end];
    if chunk.bytes().all(|b| b.is_ascii_alphabetic()) && !is_fused(chunk) {
        out.push(start..end);
        return;
    }
    if WHOLE_TOKENS.contains(&chunk) || is_ornament(chunk) {
        out.push(start..end);
        return;
    }
    // `<>`, where web text lost an address: two brackets.
    if chunk == "<>" {
        out.push(start..start + 1);
        out.push(start + 1..end);
        return;
    }
    // An ornament run at either end of a word (`*****NOTICE*****`) is a token of its own.
    let lead = chunk.bytes().take_while(|&b| is_ornament_byte(b)).count();
    let tail = chunk
        .bytes()
        .rev()
        .take_while(|&b| is_ornament_byte(b))
        .count();
    if lead >= 3 || tail >= 3 {
        let inner_start = if lead >= 3 { start + lead } else { start };
        let inner_end = if tail >= 3 { end - tail } else { end };
        if lead >= 3 {
            out.push(start..inner_start);
        }
        split_chunk(text, inner_start, inner_end, out);
        if tail >= 3 {
            out.push(inner_end..end);
        }
        return;
    }
    // `<name@example.com>`: the brackets are tokens, the address one more.
    if chunk.len() > 2
        && chunk.starts_with('<')
        && chunk.ends_with('>')
        && is_web_token(&chunk[1..chunk.len() - 1])
    {
        out.push(start..start + 1);
        out.push(start + 1..end - 1);
        out.push(end - 1..end);
        return;
    }
    // Words run together with an ellipsis (`it...because`) split around it, unless the chunk is
    // an address (`rreynol...@cogeco.ca`).
    if let Some(at) = chunk.find("..") {
        let dots = chunk[at..].bytes().take_while(|&b| b == b'.').count();
        let before = chunk[..at].chars().next_back();
        let after = chunk[at + dots..].chars().next();
        if before.is_some_and(char::is_alphanumeric)
            && after.is_some_and(char::is_alphanumeric)
            && !is_web_token(chunk)
        {
            split_chunk(text, start, start + at, out);
            out.push(start + at..start + at + dots);
            split_chunk(text, start + at + dots, end, out);
            return;
        }
    }
    let mut trailing: Vec<Range<usize>> = Vec::new();
    // Peel opening punctuation.
    while start < end {
        let rest = &text[start..end];
        let c = next_char(text, start);
        if rest.starts_with("--") {
            let n = rest.bytes().take_while(|&b| b == b'-').count();
            out.push(start..start + n);
            start += n;
        } else if rest.starts_with("..") {
            // A leading ellipsis (`...Now`).
            let n = rest.bytes().take_while(|&b| b == b'.').count();
            out.push(start..start + n);
            start += n;
        } else if matches!(c, '!' | '?') {
            // A run such as `!!` or `?!` is one token.
            let n = rest.bytes().take_while(|&b| b == b'!' || b == b'?').count();
            out.push(start..start + n);
            start += n;
        } else if is_opener_char(c) && !is_bare_clitic(rest) || is_always_split(c) {
            let n = if c == '`' && rest.starts_with("``") {
                2
            } else {
                c.len_utf8()
            };
            out.push(start..start + n);
            start += n;
        } else if matches!(c, '$' | '£' | '€' | '¥' | '#' | '@' | '<' | '>')
            && rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
        {
            out.push(start..start + c.len_utf8());
            start += c.len_utf8();
        } else if c == '-' && !rest[1..].starts_with(|d: char| d.is_ascii_digit() || d == '.') {
            out.push(start..start + 1);
            start += 1;
        } else {
            break;
        }
    }
    // Web addresses and handles keep their inner punctuation.
    let core = &text[start..end];
    let web = is_web_token(core);
    // Peel closing punctuation.
    while start < end {
        let rest = &text[start..end];
        let c = rest.chars().next_back().unwrap_or(' ');
        let clen = c.len_utf8();
        if rest.ends_with("--") {
            let n = rest.bytes().rev().take_while(|&b| b == b'-').count();
            trailing.push(end - n..end);
            end -= n;
        } else if c == '.' || c == '!' || c == '?' || c == '…' {
            let run = rest
                .char_indices()
                .rev()
                .take_while(|(_, d)| matches!(d, '.' | '!' | '?' | '…'))
                .last()
                .map(|(i, _)| i)
                .unwrap_or(0);
            let dots = &rest[run..];
            if dots == "." && (run == 0 || is_abbreviation(rest)) {
                break;
            }
            if web && dots.len() == rest.len() {
                break;
            }
            trailing.push(start + run..end);
            end = start + run;
        } else if is_closer_char(c) || is_always_split(c) {
            if (c == '\'' || c == '’') && rest.len() > clen && is_clitic(rest) {
                break;
            }
            if c == ':' && web && rest.len() > 1 && !rest.ends_with("::") {
                trailing.push(end - 1..end);
                end -= 1;
                continue;
            }
            trailing.push(end - clen..end);
            end -= clen;
        } else if c == '-' && rest.len() > 1 {
            trailing.push(end - 1..end);
            end -= 1;
        } else {
            break;
        }
    }
    if start < end {
        if web || is_web_token(&text[start..end]) {
            out.push(start..end);
        } else {
            split_middle(text, start, end, out);
        }
    }
    out.extend(trailing.into_iter().rev());
}

/// Whether the chunk is a URL, an e-mail address, a handle or a hashtag.
fn is_web_token(s: &str) -> bool {
    let lower_start: String = s.chars().take(8).flat_map(char::to_lowercase).collect();
    if lower_start.starts_with("http://")
        || lower_start.starts_with("https://")
        || lower_start.starts_with("www.")
        || lower_start.starts_with("ftp://")
    {
        return true;
    }
    if (s.starts_with('@') || s.starts_with('#'))
        && s.len() > 1
        && s[1..].chars().all(|c| c.is_alphanumeric() || c == '_')
    {
        return true;
    }
    if let Some(at) = s.find('@') {
        let (user, domain) = (&s[..at], &s[at + 1..]);
        return !user.is_empty()
            && domain.contains('.')
            && !domain.ends_with('.')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            && user
                .chars()
                .all(|c| c.is_alphanumeric() || "._-+".contains(c));
    }
    // Bare domains such as `example.com/page`.
    let domain_end = s.find('/').unwrap_or(s.len());
    let domain = &s[..domain_end];
    for tld in [
        ".com", ".org", ".net", ".gov", ".edu", ".co.uk", ".html", ".htm",
    ] {
        if domain.len() > tld.len()
            && domain.to_ascii_lowercase().ends_with(tld)
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        {
            return true;
        }
    }
    false
}

/// Whether `word` (ending with a period) is an abbreviation whose period belongs to it.
fn is_abbreviation(word: &str) -> bool {
    let stem = &word[..word.len() - 1];
    if stem.is_empty() {
        return false;
    }
    if stem.chars().count() == 1 && stem.chars().all(char::is_alphabetic) {
        return true; // An initial: `J.`
    }
    // Letter-dot sequences: `U.S.`, `a.m.`, `e.g.`.
    if stem.contains('.')
        && stem
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2)
        && stem.chars().all(|c| c.is_alphabetic() || c == '.')
    {
        return true;
    }
    let lower = stem.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Whether the chunk is a clitic on its own (`'s` written apart from its host).
fn is_bare_clitic(s: &str) -> bool {
    let lower = s.to_lowercase();
    [
        "'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d", "’m",
    ]
    .contains(&lower.as_str())
}

/// Whether the chunk ends with an English clitic that UD splits off (`'s`, `n't`, a possessive `'`).
fn is_clitic(s: &str) -> bool {
    clitic_split(s).is_some()
}

/// Where to split a clitic off the end of `word`, as a byte offset into `word`.
fn clitic_split(word: &str) -> Option<usize> {
    let lower = word.to_lowercase();
    if lower.len() != word.len() {
        return None;
    }
    for apostrophe in ["'", "’", "`"] {
        let nt = format!("n{apostrophe}t");
        if lower.ends_with(&nt) && lower.len() > nt.len() {
            return Some(word.len() - nt.len());
        }
        for clitic in ["s", "re", "ve", "ll", "d", "m"] {
            let suffix_len = apostrophe.len() + clitic.len();
            if lower.len() > suffix_len
                && lower.ends_with(clitic)
                && lower[..lower.len() - clitic.len()].ends_with(apostrophe)
            {
                let stem = &lower[..lower.len() - suffix_len];
                if stem.chars().next_back().is_some_and(char::is_alphanumeric) {
                    return Some(word.len() - suffix_len);
                }
            }
        }
        // The bare possessive of a word ending in s: `Guterres’`, `students'`.
        if lower.len() > apostrophe.len() + 1 && lower.ends_with(apostrophe) {
            let stem = &lower[..lower.len() - apostrophe.len()];
            if stem.ends_with('s') && stem.chars().all(char::is_alphabetic) {
                return Some(word.len() - apostrophe.len());
            }
        }
    }
    None
}

/// Fused words that UD splits into two syntactic words, and where.
fn fused_split(word: &str) -> Option<usize> {
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "cannot" => Some(3),
        "gonna" | "wanna" | "gotta" => Some(3),
        "dont" | "didnt" | "doesnt" | "isnt" | "wasnt" | "cant" | "wont" | "couldnt"
        | "wouldnt" | "shouldnt" | "arent" | "havent" => Some(word.len() - 2),
        "im" | "ive" | "alot" => Some(1),
        "thats" | "whats" => Some(word.len() - 1),
        "outta" => Some(3),
        _ => None,
    }
}

fn is_fused(word: &str) -> bool {
    word.len() <= 8 && fused_split(word).is_some()
}

/// Splits the inner part of a chunk at hyphens, slashes, dashes and units, then splits clitics.
fn split_middle(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut piece_start = 0;
    let mut idx = 0;
    while idx < chars.len() {
        let (at, c) = chars[idx];
        let prev = if idx > 0 {
            Some(chars[idx - 1].1)
        } else {
            None
        };
        let next = chars.get(idx + 1).map(|&(_, d)| d);
        let alone = is_always_split(c)
            || (c == '-' && s[at..].starts_with("--"))
            || (c == '-'
                && prev.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphanumeric)
                && !HYPHEN_PREFIXES.contains(&s[piece_start..at].to_ascii_lowercase().as_str()))
            || (c == '-'
                && prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(char::is_alphabetic))
            || (c == '/'
                && !(prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())))
            || (c == ','
                && !(prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())));
        if alone {
            let len = if c == '-' {
                s[at..].bytes().take_while(|&b| b == b'-').count()
            } else {
                c.len_utf8()
            };
            push_word(text, start + piece_start, start + at, out);
            out.push(start + at..start + at + len);
            piece_start = at + len;
            while idx < chars.len() && chars[idx].0 < piece_start {
                idx += 1;
            }
            continue;
        }
        idx += 1;
    }
    push_word(text, start + piece_start, end, out);
}

/// Pushes one word, split into number and unit (`1.5|bn`), stem and clitic (`do|n't`).
fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    if start >= end {
        return;
    }
    let word = &text[start..end];
    if let Some(at) = clitic_split(word).or_else(|| fused_split(word)) {
        if at > 0 && at < word.len() {
            push_word(text, start, start + at, out);
            out.push(start + at..end);
            return;
        }
    }
    // A number followed by a unit: `5pm`, `1.5bn`, `10km` (but `20th` and `1970s` stay whole).
    let digits = word
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
        .last()
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    if digits > 0 && digits < word.len() && word.as_bytes()[0].is_ascii_digit() {
        let unit = &word[digits..];
        if unit.chars().all(char::is_alphabetic)
            && !NUMBER_SUFFIXES.contains(&unit.to_lowercase().as_str())
            && !word[..digits].ends_with('.')
        {
            out.push(start..start + digits);
            out.push(start + digits..end);
            return;
        }
    }
    out.push(start..end);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .tokens
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        let t = tokenize(text);
        t.sentences
            .iter()
            .map(|s| text[t.tokens[s.start].start..t.tokens[s.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn splits_clitics_the_ud_way() {
        assert_eq!(words("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(words("China's army"), ["China", "'s", "army"]);
        assert_eq!(words("Guterres’ plan"), ["Guterres", "’", "plan"]);
        assert_eq!(
            words("we can't, they won't"),
            ["we", "ca", "n't", ",", "they", "wo", "n't"]
        );
        assert_eq!(words("I cannot"), ["I", "can", "not"]);
        assert_eq!(words("they’re here"), ["they", "’re", "here"]);
        assert_eq!(words("O'Brien said"), ["O'Brien", "said"]);
    }

    #[test]
    fn splits_contractions_written_without_apostrophe() {
        assert_eq!(words("its not here"), ["it", "s", "not", "here"]);
        assert_eq!(words("Its a shame"), ["It", "s", "a", "shame"]);
        assert_eq!(words("its own army"), ["its", "own", "army"]);
        assert_eq!(words("its so-called allies")[0], "its");
        assert_eq!(words("Lets go"), ["Let", "s", "go"]);
        assert_eq!(words("he lets go"), ["he", "lets", "go"]);
        assert_eq!(words("thats it"), ["that", "s", "it"]);
        assert_eq!(words("at: <> now"), ["at", ":", "<", ">", "now"]);
        assert_eq!(words(">100,000 ...Now"), [">", "100,000", "...", "Now"]);
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            words("Gen. Smith met U.N. staff on Jan. 5 in the U.S."),
            ["Gen.", "Smith", "met", "U.N.", "staff", "on", "Jan.", "5", "in", "the", "U.S."]
        );
        assert_eq!(words("George W. Bush"), ["George", "W.", "Bush"]);
    }

    #[test]
    fn handles_quotes_of_every_style() {
        assert_eq!(
            words("“Yes,” he said."),
            ["“", "Yes", ",", "”", "he", "said", "."]
        );
        assert_eq!(words("\"No 'way'\""), ["\"", "No", "'", "way", "'", "\""]);
        assert_eq!(words("«Oui»"), ["«", "Oui", "»"]);
        assert_eq!(words("‘quoted’"), ["‘", "quoted", "’"]);
    }

    #[test]
    fn handles_numbers_dashes_and_ellipses() {
        assert_eq!(words("800,000 people"), ["800,000", "people"]);
        assert_eq!(words("$1.5bn deal"), ["$", "1.5", "bn", "deal"]);
        assert_eq!(words("up 5% at 5pm"), ["up", "5", "%", "at", "5", "pm"]);
        assert_eq!(words("the 20th in 1970s"), ["the", "20th", "in", "1970s"]);
        assert_eq!(words("wait—what…"), ["wait", "—", "what", "…"]);
        assert_eq!(words("so... yes -- no"), ["so", "...", "yes", "--", "no"]);
        assert_eq!(
            words("a long-term e-mail"),
            ["a", "long", "-", "term", "e-mail"]
        );
        assert_eq!(
            words("on 11/28/2000 and/or"),
            ["on", "11/28/2000", "and", "/", "or"]
        );
        assert_eq!(words("-5 degrees"), ["-5", "degrees"]);
    }

    #[test]
    fn keeps_web_text_conventions() {
        assert_eq!(
            words("great :) :-) wow!!"),
            ["great", ":)", ":-)", "wow", "!!"]
        );
        assert_eq!(words("b/c alot"), ["b/c", "a", "lot"]);
        assert_eq!(
            words("*****NOTICE***** <a@b.com>"),
            ["*****", "NOTICE", "*****", "<", "a@b.com", ">"]
        );
        assert_eq!(words("it...because"), ["it", "...", "because"]);
        assert_eq!(words("x...@y.com"), ["x...@y.com"]);
    }

    #[test]
    fn keeps_urls_and_handles() {
        assert_eq!(
            words("See https://example.com/a?b=1. Or @un_news #Gaza x@y.org."),
            [
                "See",
                "https://example.com/a?b=1",
                ".",
                "Or",
                "@un_news",
                "#Gaza",
                "x@y.org",
                "."
            ]
        );
        assert_eq!(words("(www.un.org)"), ["(", "www.un.org", ")"]);
    }

    #[test]
    fn splits_sentences() {
        assert_eq!(
            sentences("He left. She stayed! Did they? Yes."),
            ["He left.", "She stayed!", "Did they?", "Yes."]
        );
        assert_eq!(
            sentences("“We will win.” The crowd cheered."),
            ["“We will win.”", "The crowd cheered."]
        );
        assert_eq!(
            sentences("Mr. Smith met Gen. Jones in the U.S. on Jan. 5. They talked."),
            [
                "Mr. Smith met Gen. Jones in the U.S. on Jan. 5.",
                "They talked."
            ]
        );
        assert_eq!(
            sentences("Headline\nBody text here"),
            ["Headline", "Body text here"]
        );
        assert_eq!(
            sentences("It grew 2.5 percent. Then it fell."),
            ["It grew 2.5 percent.", "Then it fell."]
        );
    }

    #[test]
    fn offsets_are_byte_ranges_of_the_input() {
        let text = "Él dijo: «¡Hola!» — 800,000 €";
        let t = tokenize(text);
        for r in &t.tokens {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert!(r.start < r.end);
        }
        for w in t.tokens.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "", " ", "\n\n", "'", "''", "...", "-", "--", "@", "a.", ".a", "’s", "n't", "\u{200b}",
            "🙂🙂", "x'", "'s'", "e-", "-e-", "1,", ",1", "$", "#", "a/b/", "U.S.A..",
        ] {
            let t = tokenize(text);
            let covered: usize = t.sentences.iter().map(|s| s.len()).sum();
            assert_eq!(covered, t.tokens.len(), "{text:?}");
        }
    }
}

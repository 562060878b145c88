//! Learned sentence boundaries: a binary averaged perceptron that decides, between two tokens of
//! the same line, whether a sentence ends there.
//!
//! The rule splitter ([`crate::tokenize`]) handles edited text well but only splits at final
//! punctuation. Web and e-mail text also ends sentences without it — a signature line, a date
//! header, a greeting ("Regards,") — so the classifier sees the rule's decision as one feature
//! among the surrounding words, shapes and coarse token kinds (URL, address, number, capitals)
//! and the sentence's length so far, and learns where the rule is right and where it is not.
//! A small lexicon from the training sentences adds what the words alone do not show: a word's
//! majority UPOS, how often it begins a sentence and whether it is capitalised inside one (a
//! capitalised `Please` after a name starts a sentence; a capitalised `Cloud` may not), and
//! whether the sentence so far holds a verb. Training draws these from the other folds, so
//! that unknown words are as common as at run time. Decoding is greedy, left to right; training
//! takes the length from the gold boundaries. A newline still always ends a sentence.

use crate::conllu::{self, Sentence};
use crate::error::Result;
use crate::perceptron::{
    self, feature, hash_lower, hash_str, FastMap, Model, Reader, Rng, Trainer,
};
use crate::tagger::shape_hash;
use crate::tokenize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The trained boundary classifier.
#[derive(Debug, Default)]
pub struct Splitter {
    model: Model,
    /// How much the classifier must favour a boundary the rules do not see before it adds one:
    /// edited text (news) rarely ends a sentence without punctuation, so the rule keeps the
    /// benefit of the doubt.
    add_margin: f32,
    /// What training says of each word seen at least [`MIN_COUNT`] times ([`WordInfo`]).
    lexicon: Lexicon,
}

/// Lowercased word hash to its packed [`WordInfo`].
type Lexicon = FastMap<u64, u64>;

/// Words seen fewer times get no entry, as unknown words will at run time.
const MIN_COUNT: u32 = 2;

/// The universal tags, in a fixed order (a word's majority tag is stored as its index + 1).
const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// What the training sentences say of a word, packed in the low 10 bits: its majority UPOS (bits 0–4,
/// 0 for an unknown word), how often it begins a sentence (bits 5–7) and how it is capitalised
/// inside one (bits 8–9). A capitalised word that training mostly saw lowercase inside
/// sentences, or a verb after a run with none, is a sentence start the words alone do not show.
#[derive(Clone, Copy, Debug, Default)]
struct WordInfo(u64);

impl WordInfo {
    fn upos(self) -> u64 {
        self.0 & 31
    }
    fn start(self) -> u64 {
        (self.0 >> 5) & 7
    }
    fn case(self) -> u64 {
        (self.0 >> 8) & 3
    }
    fn is_verb(self) -> bool {
        // AUX and VERB, as index + 1 in [`UPOS`].
        matches!(self.0 & 31, 4 | 16)
    }
}

/// Counts of one word over the training sentences.
#[derive(Default)]
struct WordCounts {
    total: u32,
    initial: u32,
    inner_lower: u32,
    inner_capital: u32,
    upos: [u32; 17],
}

/// Builds the lexicon of words seen at least [`MIN_COUNT`] times in `sentences`.
fn build_lexicon<'a>(sentences: impl Iterator<Item = &'a Sentence>) -> Lexicon {
    let mut counts: HashMap<String, WordCounts> = HashMap::new();
    for s in sentences {
        let first = s.words.iter().position(|w| w.upos != "PUNCT");
        for (i, w) in s.words.iter().enumerate() {
            let c = counts.entry(w.form.to_lowercase()).or_default();
            c.total += 1;
            if Some(i) == first {
                c.initial += 1;
            } else if w.form.chars().next().is_some_and(char::is_uppercase) {
                c.inner_capital += 1;
            } else if w.form.chars().next().is_some_and(char::is_lowercase) {
                c.inner_lower += 1;
            }
            if let Some(k) = UPOS.iter().position(|&u| u == w.upos) {
                c.upos[k] += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, c)| c.total >= MIN_COUNT)
        .map(|(word, c)| {
            let upos = c
                .upos
                .iter()
                .enumerate()
                .max_by_key(|&(k, &n)| (n, std::cmp::Reverse(k)))
                .map_or(0, |(k, &n)| if n == 0 { 0 } else { k as u64 + 1 });
            let start: u64 = match f64::from(c.initial) / f64::from(c.total) {
                _ if c.initial == 0 => 1,
                r if r < 0.05 => 2,
                r if r < 0.2 => 3,
                r if r < 0.5 => 4,
                _ => 5,
            };
            let inner = c.inner_lower + c.inner_capital;
            let case: u64 = if inner == 0 {
                1
            } else if c.inner_lower * 10 >= inner * 9 {
                2
            } else if c.inner_lower * 10 <= inner {
                3
            } else {
                0
            };
            (hash_str(&word), upos | start << 5 | case << 8)
        })
        .collect()
}

/// The margin. Mean of four training seeds, sentence F1 on EWT dev / GUM dev (11 of its 12
/// documents, without `GUM_voyage_coron`) / PUD: 0.910 /
/// 0.953 / 0.996 at 0, 0.909 / 0.954 / 0.997 at 1, 0.908 / 0.955 / 0.997 at 2, 0.905 / 0.956 /
/// 0.997 at 4: 1 keeps news text as the rules split it at little cost to web text.
const ADD_MARGIN: f32 = 1.0;

/// Training passes over the boundaries (mean EWT dev sentence F1 of four seeds: 0.906 for 3,
/// 0.909 for 5, 0.910 for 8 and 12).
pub const EPOCHS: usize = 8;

/// Hashed attributes of a token the features draw on.
#[derive(Clone, Copy, Debug)]
struct TokenHashes {
    lower: u64,
    shape: u64,
    info: WordInfo,
    capital: u64,
    kind: u64,
}

const PAD: TokenHashes = TokenHashes {
    lower: 1,
    shape: 1,
    info: WordInfo(31),
    capital: 0,
    kind: 0,
};

/// A coarse class of a token's form, steadier than its shape for long tokens: 1 URL, 2 e-mail
/// address, 3 number, 4 word in capitals, 5 capitalised word, 6 lowercase word, 7 file name,
/// 8 ornament (a run of one punctuation mark), 9 other punctuation, 10 anything else.
fn kind(t: &str) -> u64 {
    let first = t.chars().next().unwrap_or(' ');
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if t.contains("://") || t.starts_with("www.") {
        1
    } else if t.contains('@') && t.contains('.') && letters > 0 {
        2
    } else if first.is_ascii_digit() {
        3
    } else if letters == 0 {
        if t.chars().count() >= 3 && t.chars().all(|c| c == first) {
            8
        } else {
            9
        }
    } else if t.contains('.') && t.chars().last().is_some_and(char::is_alphabetic) && letters > 3 {
        7
    } else if first.is_uppercase() && letters > 1 && !t.chars().any(char::is_lowercase) {
        4
    } else if first.is_uppercase() {
        5
    } else if first.is_lowercase() {
        6
    } else {
        10
    }
}

fn token_hashes(text: &str, tokens: &[Range<usize>], lexicon: &Lexicon) -> Vec<TokenHashes> {
    tokens
        .iter()
        .map(|r| {
            let t = &text[r.clone()];
            let lower = hash_lower(t);
            TokenHashes {
                lower,
                shape: shape_hash(t),
                info: WordInfo(lexicon.get(&lower).copied().unwrap_or(0)),
                capital: u64::from(t.chars().next().is_some_and(char::is_uppercase)),
                kind: kind(t),
            }
        })
        .collect()
}

/// Whether a newline separates tokens `k` and `k + 1` (a sentence always ends there).
fn newline_between(text: &str, tokens: &[Range<usize>], k: usize) -> bool {
    text[tokens[k].end..tokens[k + 1].start]
        .chars()
        .any(|c| matches!(c, '\n' | '\u{2028}' | '\u{2029}'))
}

/// A coarse count: 0–3, 4–7, 8–15, 16–31, 32+.
fn bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=7 => 4,
        8..=15 => 5,
        16..=31 => 6,
        _ => 7,
    }
}

/// Features of a boundary after token `k`; `rule` says whether the rule splitter ends a sentence
/// there, `length` how many tokens the sentence has so far, `verb` whether one of them is
/// usually a verb.
fn features(
    tokens: &[Range<usize>],
    h: &[TokenHashes],
    k: usize,
    rule: bool,
    (length, verb): (usize, bool),
    out: &mut Vec<u64>,
) {
    out.clear();
    let at = |j: isize| -> TokenHashes {
        let i = k as isize + j;
        if i < 0 || i >= h.len() as isize {
            PAD
        } else {
            h[i as usize]
        }
    };
    let (prev, cur, next, next2) = (at(-1), at(0), at(1), at(2));
    let rule = u64::from(rule) + 1;
    let spaced = u64::from(tokens[k].end < tokens[k + 1].start) + 1;
    out.extend_from_slice(&[
        feature(0, 0, 0, 0),
        feature(1, rule, 0, 0),
        feature(2, rule, cur.lower, 0),
        feature(3, rule, next.lower, 0),
        feature(4, cur.lower, 0, 0),
        feature(5, next.lower, 0, 0),
        feature(6, cur.shape, next.shape, 0),
        feature(7, rule, cur.shape, next.shape),
        feature(8, prev.lower, cur.lower, 0),
        feature(9, next.lower, next2.shape, 0),
        feature(10, cur.lower, next.shape, 0),
        feature(11, cur.shape, next.lower, 0),
        feature(12, spaced, rule, 0),
        feature(13, prev.shape, cur.shape, next.shape),
        feature(14, next2.lower, 0, 0),
        feature(15, cur.lower, next.lower, 0),
        feature(16, prev.shape, cur.lower, rule),
        feature(17, next.shape, next2.shape, rule),
        feature(18, bucket(length), rule, 0),
        feature(19, bucket(length), cur.shape, next.shape),
        feature(20, next.info.upos(), rule, 0),
        feature(21, next.info.start(), next.info.case(), next.capital),
        feature(22, next.info.start(), next.capital, rule),
        feature(23, cur.info.upos(), next.info.upos(), rule),
        feature(24, prev.info.upos(), cur.info.upos(), next.info.upos()),
        feature(25, next.info.upos(), next2.info.upos(), next.capital),
        feature(26, u64::from(verb), next.info.upos(), next.capital),
        feature(27, cur.lower, next.info.upos(), 0),
        feature(28, next.info.case(), next.capital, cur.shape),
        feature(29, cur.kind, next.kind, rule),
        feature(30, prev.kind, cur.kind, next.kind),
        feature(31, cur.kind, next.kind, next2.kind),
        feature(32, next.info.case(), next.capital, next2.capital),
        feature(33, cur.capital * 2 + next.capital, next2.capital, rule),
    ]);
}

/// Whether no sentence may end after token `k`: after an initial (`J.`) a name follows, and a
/// comma ends a sentence only as a greeting or closing (`Hi John,`, `Regards,`), a few tokens
/// after the sentence began.
fn never_ends(text: &str, tokens: &[Range<usize>], k: usize, sentence_start: usize) -> bool {
    let tok = &text[tokens[k].clone()];
    is_initial(tok) || tok == "," && k - sentence_start > 3
}

fn is_initial(text: &str) -> bool {
    let mut chars = text.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Boundaries after tokens (true: a sentence ends after token `k`) as the rule splitter puts them.
fn rule_ends(n: usize, sentences: &[Range<usize>]) -> Vec<bool> {
    let mut ends = vec![false; n];
    for s in sentences {
        if s.end > 0 && s.end <= n {
            ends[s.end - 1] = true;
        }
    }
    ends
}

impl Splitter {
    /// Sentences over `tokens` of `text`, given the rule splitter's `sentences`.
    pub fn split(
        &self,
        text: &str,
        tokens: &[Range<usize>],
        sentences: &[Range<usize>],
    ) -> Vec<Range<usize>> {
        let n = tokens.len();
        if n == 0 {
            return Vec::new();
        }
        let rule = rule_ends(n, sentences);
        let h = token_hashes(text, tokens, &self.lexicon);
        let mut feats = Vec::with_capacity(32);
        let mut scores = [0.0f32; 2];
        let mut out = Vec::new();
        let mut start = 0;
        let mut verb = false;
        for (k, &rule_end) in rule.iter().enumerate().take(n - 1) {
            verb |= h[k].info.is_verb();
            let end = if newline_between(text, tokens, k) {
                true
            } else if never_ends(text, tokens, k, start) {
                false
            } else {
                features(tokens, &h, k, rule_end, (k + 1 - start, verb), &mut feats);
                self.model.score(&feats, &mut scores);
                let margin = if rule_end { 0.0 } else { self.add_margin };
                scores[1] - scores[0] > margin
            };
            if end {
                out.push(start..k + 1);
                start = k + 1;
                verb = false;
            }
        }
        out.push(start..n);
        out
    }

    /// Trains on the raw text rebuilt from gold sentences (see [`conllu::raw_text`]).
    pub fn train(sentences: &[Sentence], epochs: usize, seed: u64) -> Splitter {
        // Documents as the eval rebuilds them, a few hundred sentences at a time so that the
        // training order can be shuffled.
        struct Example {
            feats: Vec<u64>,
            gold: usize,
        }
        let mut examples = Vec::new();
        let mut feats = Vec::new();
        // The lexicon features of each chunk come from the other folds, so that the classifier
        // meets unknown and rare words as often as it will at run time.
        const CHUNK: usize = 200;
        const FOLDS: usize = 5;
        let fold_lexicons: Vec<Lexicon> = (0..FOLDS)
            .map(|f| {
                build_lexicon(
                    sentences
                        .chunks(CHUNK)
                        .enumerate()
                        .filter(|(c, _)| c % FOLDS != f)
                        .flat_map(|(_, chunk)| chunk),
                )
            })
            .collect();
        for (c, chunk) in sentences.chunks(CHUNK).enumerate() {
            let raw = conllu::raw_text(chunk);
            let t = tokenize::tokenize(&raw.text);
            let n = t.tokens.len();
            let gold_ends: HashSet<usize> = raw.sentences.iter().map(|s| s.end).collect();
            let rule = rule_ends(n, &t.sentences);
            let h = token_hashes(&raw.text, &t.tokens, &fold_lexicons[c % FOLDS]);
            let mut sentence_start = 0;
            let mut verb = false;
            for (k, &rule_end) in rule.iter().enumerate().take(n.saturating_sub(1)) {
                verb |= h[k].info.is_verb();
                let gold = gold_ends.contains(&t.tokens[k].end);
                let skip = newline_between(&raw.text, &t.tokens, k)
                    || never_ends(&raw.text, &t.tokens, k, sentence_start);
                let context = (k + 1 - sentence_start, verb);
                if gold {
                    sentence_start = k + 1;
                    verb = false;
                }
                if skip {
                    continue;
                }
                features(&t.tokens, &h, k, rule_end, context, &mut feats);
                examples.push(Example {
                    feats: feats.clone(),
                    gold: usize::from(gold),
                });
            }
        }
        let mut trainer = Trainer::new(2);
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut scores = [0.0f32; 2];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let e = &examples[i];
                trainer.score(&e.feats, &mut scores);
                let guess = usize::from(scores[1] > scores[0]);
                trainer.update(&e.feats, e.gold, guess);
                trainer.tick();
            }
        }
        Splitter {
            model: trainer.finish(0.0),
            add_margin: ADD_MARGIN,
            lexicon: build_lexicon(sentences.iter()),
        }
    }

    /// The same model with another margin for boundaries the rules do not see (for tuning).
    pub fn with_add_margin(self, add_margin: f32) -> Splitter {
        Splitter { add_margin, ..self }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"CSS2");
        perceptron::write_table(out, &self.lexicon);
        self.model.write(out);
    }

    pub fn read(bytes: &mut &[u8]) -> Result<Splitter> {
        let mut r = Reader(bytes);
        if r.take(4)? != b"CSS2" {
            return Err(crate::Error::Model("not a sentence splitter model".into()));
        }
        let lexicon = r.table()?;
        Ok(Splitter {
            model: Model::read(bytes)?,
            add_margin: ADD_MARGIN,
            lexicon,
        })
    }
}

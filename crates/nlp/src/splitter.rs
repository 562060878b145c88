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
//!
//! Optional feature groups ([`groups`]) can be trained in: the tagger's tags of the words around
//! each gap (the text tagged first, one rule sentence at a time, training on jackknifed tags, and
//! the tags kept as the final ones by [`crate::Analyzer`]), header-block fields and closings.
//! None gained under cross-validation over EWT train, so the shipped model has none.

use crate::conllu::{self, Sentence};
use crate::error::Result;
use crate::perceptron::{
    self, feature, hash_lower, hash_str, mix, FastMap, Model, Reader, Rng, Trainer,
};
use crate::tagger::{shape_hash, Tagger};
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
    /// The optional feature groups the model was trained with ([`groups`]); with any of
    /// [`groups::ANY_TAGS`], [`Splitter::segment`] tags the rule splitter's sentences first.
    groups: u32,
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
    /// Whether this token is a field name of a header block (`Date:`, `Pin #:`, `Cell:`): a
    /// capitalised word followed by a colon, directly or after one more token.
    field: bool,
    /// How many field names came before it on its line (0, 1, 2 for more).
    fields_before: u64,
}

const PAD: TokenHashes = TokenHashes {
    lower: 1,
    shape: 1,
    info: WordInfo(31),
    capital: 0,
    kind: 0,
    field: false,
    fields_before: 0,
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

fn token_hashes(
    text: &str,
    tokens: &[Range<usize>],
    lexicon: &Lexicon,
    fields: bool,
) -> Vec<TokenHashes> {
    let mut h: Vec<TokenHashes> = tokens
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
                field: false,
                fields_before: 0,
            }
        })
        .collect();
    if fields {
        let is_colon = |i: usize| tokens.get(i).is_some_and(|r| &text[r.clone()] == ":");
        let mut seen = 0;
        for (i, t) in h.iter_mut().enumerate() {
            if i > 0 && newline_between(text, tokens, i - 1) {
                seen = 0;
            }
            t.field = t.capital == 1 && (is_colon(i + 1) || is_colon(i + 2));
            t.fields_before = seen.min(2);
            seen += u64::from(t.field);
        }
    }
    h
}

/// What the tagger says of a token: the hash of its UPOS|XPOS pair, its UPOS (index + 1 in
/// [`UPOS`]) and whether it is a verb or auxiliary.
#[derive(Clone, Copy, Debug)]
struct TagHashes {
    pair: u64,
    upos: u64,
    verb: bool,
}

const PAD_TAG: TagHashes = TagHashes {
    pair: 1,
    upos: 31,
    verb: false,
};

/// The [`TagHashes`] of each of `tagger`'s classes (class numbers differ from one tagger to
/// another; the hashes do not).
fn class_hashes(tagger: &Tagger) -> Vec<TagHashes> {
    tagger
        .classes
        .iter()
        .map(|(u, x)| {
            let upos = UPOS.iter().position(|p| p == u).map_or(0, |k| k as u64 + 1);
            TagHashes {
                pair: mix(hash_str(u), hash_str(x)),
                upos,
                verb: matches!(upos, 4 | 16),
            }
        })
        .collect()
}

/// Optional feature groups (bits of [`Splitter::groups`]); the shipped model uses none. Under
/// 5-fold cross-validation over EWT train none gains 0.003 sentence F1 (see `docs/nlp.md`).
pub mod groups {
    /// The tagger's UPOS|XPOS pairs around the gap (last word, next word, their pair with the
    /// rule, the next two, the three around the gap).
    pub const TAGS: u32 = 1;
    /// Word × tag across the gap (last word × next tag, last tag × next word).
    pub const TAG_WORDS: u32 = 2;
    /// Tagged verbs: whether the sentence so far has one, whether one follows before the rule
    /// sentence ends, with the next tags and the length so far.
    pub const TAG_VERBS: u32 = 4;
    /// UPOS trigrams to either side.
    pub const TAG_CONTEXT: u32 = 8;
    /// The tagger's UPOS in the templates that use the lexicon's majority tag.
    pub const TAG_UPOS: u32 = 16;
    /// Header blocks: the next word is a field name (`Time:`), and how many came before it on
    /// its line.
    pub const FIELDS: u32 = 32;
    /// Closings: the two words before the gap × the coarse kinds of the last and next tokens
    /// (`Thanks, Jean | Sorry`).
    pub const CLOSING: u32 = 64;
    /// The groups that need a tagging pass.
    pub const ANY_TAGS: u32 = TAGS | TAG_WORDS | TAG_VERBS | TAG_CONTEXT | TAG_UPOS;
}

/// Tags each of `spans` (ranges of token indices, such as the rule splitter's sentences) as one
/// sequence; returns the tagger's class of every token.
pub fn tag_spans(
    tagger: &Tagger,
    text: &str,
    tokens: &[Range<usize>],
    spans: &[Range<usize>],
) -> Vec<usize> {
    let mut classes = Vec::with_capacity(tokens.len());
    for s in spans {
        let words: Vec<&str> = tokens[s.clone()].iter().map(|r| &text[r.clone()]).collect();
        classes.extend(tagger.tag(&words));
    }
    classes
}

/// Per token: its tag hashes, and whether a verb follows it before the end of its rule sentence.
fn tag_hashes(
    tagger: Option<(&Tagger, &[usize])>,
    n: usize,
    spans: &[Range<usize>],
) -> (Vec<TagHashes>, Vec<bool>) {
    let Some((tagger, classes)) = tagger.filter(|(_, c)| c.len() == n) else {
        return (vec![PAD_TAG; n], vec![false; n]);
    };
    let info = class_hashes(tagger);
    let tags: Vec<TagHashes> = classes
        .iter()
        .map(|&c| info.get(c).copied().unwrap_or(PAD_TAG))
        .collect();
    let mut verb_after = vec![false; n];
    for s in spans {
        let mut seen = false;
        for i in s.clone().rev() {
            verb_after[i] = seen;
            seen |= tags[i].verb;
        }
    }
    (tags, verb_after)
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

/// `items[k + j]`, or `pad` past either end.
fn around<T: Copy>(items: &[T], k: usize, j: isize, pad: T) -> T {
    k.checked_add_signed(j)
        .and_then(|i| items.get(i))
        .copied()
        .unwrap_or(pad)
}

/// Features of a boundary after token `k`; `rule` says whether the rule splitter ends a sentence
/// there, `length` how many tokens the sentence has so far, `verb` whether one of them is
/// usually a verb; the `enabled` optional [`groups`] add more, those with tags from `tags`
/// (each token's tags, and whether a tagged verb follows it in its rule sentence) and
/// `tagged_verb` (whether the sentence so far has a tagged verb).
#[allow(clippy::too_many_arguments)]
fn features(
    enabled: u32,
    tokens: &[Range<usize>],
    h: &[TokenHashes],
    tags: Option<(&[TagHashes], &[bool])>,
    k: usize,
    rule: bool,
    (length, verb, tagged_verb): (usize, bool, bool),
    out: &mut Vec<u64>,
) {
    out.clear();
    let at = |j: isize| around(h, k, j, PAD);
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
    let v = enabled;
    if v & groups::FIELDS != 0 {
        out.extend_from_slice(&[
            feature(70, u64::from(next.field), next.fields_before, rule),
            feature(71, u64::from(next.field), next.fields_before, cur.kind),
        ]);
    }
    if v & groups::CLOSING != 0 {
        let prev2 = at(-2);
        out.extend_from_slice(&[
            feature(72, prev.lower, cur.kind, next.kind),
            feature(73, prev2.lower, prev.lower, cur.kind * 16 + next.kind),
        ]);
    }
    let Some((tags, verb_after)) = tags else {
        return;
    };
    let tag = |j: isize| around(tags, k, j, PAD_TAG);
    let (tp, tc, tn, tn2) = (tag(-1), tag(0), tag(1), tag(2));
    if v & groups::TAGS != 0 {
        out.extend_from_slice(&[
            feature(40, tc.pair, tn.pair, rule),
            feature(41, tc.pair, rule, 0),
            feature(42, tn.pair, rule, 0),
            feature(43, tn.pair, tn2.pair, next.capital),
            feature(44, tp.pair, tc.pair, tn.pair),
        ]);
    }
    if v & groups::TAG_WORDS != 0 {
        out.extend_from_slice(&[
            feature(45, cur.lower, tn.pair, 0),
            feature(46, tc.pair, next.lower, 0),
        ]);
    }
    if v & groups::TAG_VERBS != 0 {
        let after = u64::from(verb_after[k]);
        out.extend_from_slice(&[
            feature(47, u64::from(tagged_verb), tn.upos, tn2.upos),
            feature(48, u64::from(tagged_verb) * 2 + after, rule, next.capital),
            feature(49, bucket(length), u64::from(tagged_verb), tn.upos),
        ]);
    }
    if v & groups::TAG_CONTEXT != 0 {
        let (tp2, tn3) = (tag(-2), tag(3));
        out.extend_from_slice(&[
            feature(50, tn.upos, tn2.upos, tn3.upos),
            feature(51, tp2.upos, tp.upos, tc.upos),
            feature(52, tc.upos, tn.upos, tn2.upos * 32 + tn3.upos),
            feature(53, u64::from(verb_after[k]), tn.upos, next.capital),
        ]);
    }
    if v & groups::TAG_UPOS != 0 {
        // The tagger's UPOS in place of the lexicon's majority tag.
        out.extend_from_slice(&[
            feature(54, tn.upos, rule, 0),
            feature(55, tc.upos, tn.upos, rule),
            feature(56, tp.upos, tc.upos, tn.upos),
            feature(57, tn.upos, tn2.upos, next.capital),
            feature(58, u64::from(tagged_verb), tn.upos, next.capital),
            feature(59, cur.lower, tn.upos, 0),
        ]);
    }
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
    /// Tokens and sentences of `text`: the rule tokenizer, then, when the model was trained with
    /// tags and `tagger` is given, the tagger over each rule sentence, then the learned
    /// boundaries. Returns the tagger's classes too (one per token), for the caller to keep as
    /// the final tags.
    pub fn segment(
        &self,
        text: &str,
        tagger: Option<&Tagger>,
    ) -> (tokenize::Tokenized, Option<Vec<usize>>) {
        let mut t = tokenize::tokenize(text);
        let classes = tagger
            .filter(|_| self.groups & groups::ANY_TAGS != 0)
            .map(|tagger| tag_spans(tagger, text, &t.tokens, &t.sentences));
        t.sentences = self.split(
            text,
            &t.tokens,
            &t.sentences,
            tagger.zip(classes.as_deref()),
        );
        (t, classes)
    }

    /// Sentences over `tokens` of `text`, given the rule splitter's `sentences` and, for a model
    /// trained with tags, the tagger's classes of the tokens ([`tag_spans`] over `sentences`).
    pub fn split(
        &self,
        text: &str,
        tokens: &[Range<usize>],
        sentences: &[Range<usize>],
        tagged: Option<(&Tagger, &[usize])>,
    ) -> Vec<Range<usize>> {
        let n = tokens.len();
        if n == 0 {
            return Vec::new();
        }
        let rule = rule_ends(n, sentences);
        let h = token_hashes(
            text,
            tokens,
            &self.lexicon,
            self.groups & groups::FIELDS != 0,
        );
        let (tags, verb_after) = tag_hashes(tagged, n, sentences);
        let tag_view =
            (self.groups & groups::ANY_TAGS != 0).then_some((&tags[..], &verb_after[..]));
        let mut feats = Vec::with_capacity(48);
        let mut scores = [0.0f32; 2];
        let mut out = Vec::new();
        let mut start = 0;
        let (mut verb, mut tagged_verb) = (false, false);
        for (k, &rule_end) in rule.iter().enumerate().take(n - 1) {
            verb |= h[k].info.is_verb();
            tagged_verb |= tags[k].verb;
            let end = if newline_between(text, tokens, k) {
                true
            } else if never_ends(text, tokens, k, start) {
                false
            } else {
                features(
                    self.groups,
                    tokens,
                    &h,
                    tag_view,
                    k,
                    rule_end,
                    (k + 1 - start, verb, tagged_verb),
                    &mut feats,
                );
                self.model.score(&feats, &mut scores);
                let margin = if rule_end { 0.0 } else { self.add_margin };
                scores[1] - scores[0] > margin
            };
            if end {
                out.push(start..k + 1);
                start = k + 1;
                verb = false;
                tagged_verb = false;
            }
        }
        out.push(start..n);
        out
    }

    /// Trains on the raw text rebuilt from gold sentences (see [`conllu::raw_text`]), without
    /// tags.
    pub fn train(sentences: &[Sentence], epochs: usize, seed: u64) -> Splitter {
        Splitter::train_with(sentences, 0, None, epochs, seed)
    }

    /// Trains with the optional feature `groups` on the raw text rebuilt from gold sentences.
    /// Groups that need tags need `tagging` = (taggers, fold of each sentence): the text of each
    /// sentence is tagged by `taggers[fold]`, which should not have been trained on it
    /// (jackknifed tags, as noisy as at run time; see [`fold_taggers`]).
    pub fn train_with(
        sentences: &[Sentence],
        groups: u32,
        tagging: Option<(&[Tagger], &[usize])>,
        epochs: usize,
        seed: u64,
    ) -> Splitter {
        let tagging = tagging.filter(|_| groups & groups::ANY_TAGS != 0);
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
        // Chunks never straddle two tagging folds.
        let fold_of = |i: usize| tagging.map_or(0, |(_, folds)| folds[i]);
        let mut chunks = Vec::new();
        let mut run_start = 0;
        for i in 1..=sentences.len() {
            if i == sentences.len() || fold_of(i) != fold_of(run_start) {
                for c in sentences[run_start..i].chunks(CHUNK) {
                    chunks.push((fold_of(run_start), c));
                }
                run_start = i;
            }
        }
        for (c, (fold, chunk)) in chunks.into_iter().enumerate() {
            let raw = conllu::raw_text(chunk);
            let t = tokenize::tokenize(&raw.text);
            let n = t.tokens.len();
            let gold_ends: HashSet<usize> = raw.sentences.iter().map(|s| s.end).collect();
            let rule = rule_ends(n, &t.sentences);
            let h = token_hashes(
                &raw.text,
                &t.tokens,
                &fold_lexicons[c % FOLDS],
                groups & groups::FIELDS != 0,
            );
            let classes = tagging.map(|(taggers, _)| {
                (
                    &taggers[fold],
                    tag_spans(&taggers[fold], &raw.text, &t.tokens, &t.sentences),
                )
            });
            let (tags, verb_after) = tag_hashes(
                classes.as_ref().map(|(tg, c)| (*tg, c.as_slice())),
                n,
                &t.sentences,
            );
            let tag_view = (groups & groups::ANY_TAGS != 0).then_some((&tags[..], &verb_after[..]));
            let mut sentence_start = 0;
            let (mut verb, mut tagged_verb) = (false, false);
            for (k, &rule_end) in rule.iter().enumerate().take(n.saturating_sub(1)) {
                verb |= h[k].info.is_verb();
                tagged_verb |= tags[k].verb;
                let gold = gold_ends.contains(&t.tokens[k].end);
                let skip = newline_between(&raw.text, &t.tokens, k)
                    || never_ends(&raw.text, &t.tokens, k, sentence_start);
                let context = (k + 1 - sentence_start, verb, tagged_verb);
                if gold {
                    sentence_start = k + 1;
                    verb = false;
                    tagged_verb = false;
                }
                if skip {
                    continue;
                }
                features(
                    groups, &t.tokens, &h, tag_view, k, rule_end, context, &mut feats,
                );
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
            groups,
        }
    }

    /// The same model with another margin for boundaries the rules do not see (for tuning).
    pub fn with_add_margin(self, add_margin: f32) -> Splitter {
        Splitter { add_margin, ..self }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        // The shipped format (no groups) stays `CSS2`; `CSS3` adds the groups.
        if self.groups == 0 {
            out.extend_from_slice(b"CSS2");
        } else {
            out.extend_from_slice(b"CSS3");
            out.extend_from_slice(&self.groups.to_le_bytes());
        }
        perceptron::write_table(out, &self.lexicon);
        self.model.write(out);
    }

    pub fn read(bytes: &mut &[u8]) -> Result<Splitter> {
        let mut r = Reader(bytes);
        let groups = match r.take(4)? {
            b"CSS2" => 0,
            b"CSS3" => r.u32()?,
            _ => return Err(crate::Error::Model("not a sentence splitter model".into())),
        };
        let lexicon = r.table()?;
        Ok(Splitter {
            model: Model::read(bytes)?,
            add_margin: ADD_MARGIN,
            lexicon,
            groups,
        })
    }
}

/// The tagging fold of each training sentence for the shipped splitter: chunks of 200 sentences,
/// dealt round-robin into [`TAG_FOLDS`] folds.
pub fn tag_folds(n: usize) -> Vec<usize> {
    (0..n).map(|i| (i / 200) % TAG_FOLDS).collect()
}

/// Folds of the jackknifed tags the splitter trains on.
pub const TAG_FOLDS: usize = 5;

/// One tagger per fold, each trained (seed `seed + fold`) on the sentences of the other folds,
/// so that it tags its own fold as the shipped tagger tags unseen text.
pub fn fold_taggers(
    sentences: &[Sentence],
    folds: &[usize],
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Vec<Tagger> {
    let n_folds = folds.iter().max().map_or(0, |&f| f + 1);
    (0..n_folds)
        .map(|f| {
            let rest: Vec<Sentence> = sentences
                .iter()
                .zip(folds)
                .filter(|(_, &g)| g != f)
                .map(|(s, _)| s.clone())
                .collect();
            let tagger = Tagger::train(&rest, epochs, seed + f as u64, &mut |_| {});
            log(format!("splitter: tagger for fold {f} trained"));
            tagger
        })
        .collect()
}

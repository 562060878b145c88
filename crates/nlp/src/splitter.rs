//! Learned sentence boundaries: a binary averaged perceptron that decides, between two tokens of
//! the same line, whether a sentence ends there.
//!
//! The rule splitter ([`crate::tokenize`]) handles edited text well but only splits at final
//! punctuation. Web and e-mail text also ends sentences without it — a signature line, a date
//! header, a greeting ("Regards,") — so the classifier sees the rule's decision as one feature
//! among the surrounding words and shapes and the sentence's length so far, and learns where the
//! rule is right and where it is not. Decoding is greedy, left to right; training takes the
//! length from the gold boundaries.
//! A newline still always ends a sentence.

use crate::conllu::{self, Sentence};
use crate::error::Result;
use crate::perceptron::{feature, hash_str, Model, Reader, Rng, Trainer};
use crate::tagger::shape_hash;
use crate::tokenize;
use std::collections::HashSet;
use std::ops::Range;

/// The trained boundary classifier.
#[derive(Debug, Default)]
pub struct Splitter {
    model: Model,
    /// How much the classifier must favour a boundary the rules do not see before it adds one:
    /// edited text (news) rarely ends a sentence without punctuation, so the rule keeps the
    /// benefit of the doubt.
    add_margin: f32,
}

/// The margin: on EWT dev and GUM dev (edited genres) margins from 0 to 2 score alike, larger
/// ones lose web-text boundaries.
const ADD_MARGIN: f32 = 0.0;

/// Hashed attributes of a token the features draw on.
#[derive(Clone, Copy, Debug)]
struct TokenHashes {
    lower: u64,
    shape: u64,
}

const PAD: TokenHashes = TokenHashes { lower: 1, shape: 1 };

fn token_hashes(text: &str, tokens: &[Range<usize>]) -> Vec<TokenHashes> {
    tokens
        .iter()
        .map(|r| {
            let t = &text[r.clone()];
            TokenHashes {
                lower: hash_str(&t.to_lowercase()),
                shape: shape_hash(t),
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

/// Features of a boundary after token `k`; `rule` says whether the rule splitter ends a sentence
/// there.
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
/// there, `length` how many tokens the sentence has so far.
fn features(
    tokens: &[Range<usize>],
    h: &[TokenHashes],
    k: usize,
    rule: bool,
    length: usize,
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
    ]);
}

/// Whether a token is an initial (`J.`), after which a name follows, not a new sentence.
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
        let h = token_hashes(text, tokens);
        let mut feats = Vec::with_capacity(24);
        let mut scores = [0.0f32; 2];
        let mut out = Vec::new();
        let mut start = 0;
        for (k, &rule_end) in rule.iter().enumerate().take(n - 1) {
            let end = if newline_between(text, tokens, k) {
                true
            } else if never_ends(text, tokens, k, start) {
                false
            } else {
                features(tokens, &h, k, rule_end, k + 1 - start, &mut feats);
                self.model.score(&feats, &mut scores);
                let margin = if rule_end { 0.0 } else { self.add_margin };
                scores[1] - scores[0] > margin
            };
            if end {
                out.push(start..k + 1);
                start = k + 1;
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
        for chunk in sentences.chunks(200) {
            let raw = conllu::raw_text(chunk);
            let t = tokenize::tokenize(&raw.text);
            let n = t.tokens.len();
            let gold_ends: HashSet<usize> = raw.sentences.iter().map(|s| s.end).collect();
            let rule = rule_ends(n, &t.sentences);
            let h = token_hashes(&raw.text, &t.tokens);
            let mut sentence_start = 0;
            for (k, &rule_end) in rule.iter().enumerate().take(n.saturating_sub(1)) {
                let gold = gold_ends.contains(&t.tokens[k].end);
                let skip = newline_between(&raw.text, &t.tokens, k)
                    || never_ends(&raw.text, &t.tokens, k, sentence_start);
                let length = k + 1 - sentence_start;
                if gold {
                    sentence_start = k + 1;
                }
                if skip {
                    continue;
                }
                features(&t.tokens, &h, k, rule_end, length, &mut feats);
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
        }
    }

    /// The same model with another margin for boundaries the rules do not see (for tuning).
    pub fn with_add_margin(self, add_margin: f32) -> Splitter {
        Splitter { add_margin, ..self }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"CSS1");
        self.model.write(out);
    }

    pub fn read(bytes: &mut &[u8]) -> Result<Splitter> {
        let mut r = Reader(bytes);
        if r.take(4)? != b"CSS1" {
            return Err(crate::Error::Model("not a sentence splitter model".into()));
        }
        Ok(Splitter {
            model: Model::read(bytes)?,
            add_margin: ADD_MARGIN,
        })
    }
}

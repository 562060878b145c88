//! Part-of-speech tagger: a greedy left-to-right averaged perceptron over (UPOS, XPOS) pairs.
//!
//! Predicting the pair as one class keeps the two tag sets consistent with each other (no `PRP`
//! tagged `VERB`). Besides the usual word, affix and context features, each word carries its
//! *ambiguity class*: the set of tags it had in training, which tells the model what a frequent
//! word can be and leaves the context to decide which.

use crate::conllu::Sentence;
use crate::error::Result;
use crate::perceptron::{self, feature, hash_str, mix, FastMap, Model, Reader, Rng, Trainer};
use std::collections::HashMap;

/// Hashed attributes of one word, computed once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordHashes {
    pub form: u64,
    pub lower: u64,
    pub suffix: [u64; 4],
    pub prefix: [u64; 3],
    pub shape: u64,
    pub ambiguity: u64,
}

const PAD: WordHashes = WordHashes {
    form: 1,
    lower: 1,
    suffix: [1; 4],
    prefix: [1; 3],
    shape: 1,
    ambiguity: 1,
};

/// The hash of a word's shape, runs collapsed: `Xx`, `d,d`, `X.X.`.
pub(crate) fn shape_hash(word: &str) -> u64 {
    let mut h = 0x5eed;
    let mut last = '\0';
    for c in word.chars().take(12) {
        let k = shape_class(c);
        if k != last {
            h = mix(h, k as u64);
            last = k;
        }
    }
    h
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// The trained tagger.
#[derive(Debug, Default)]
pub struct Tagger {
    model: Model,
    /// The optional second pass: it sees the first pass's tags of the words to the right.
    second: Option<Model>,
    /// (UPOS, XPOS) of each class.
    pub(crate) classes: Vec<(String, String)>,
    /// Lowercased word hash to the hash of its set of training tags.
    ambiguity: FastMap<u64, u64>,
    /// The parser's tag of each class ([`crate::train::parser_tag`]).
    parser_tags: Vec<String>,
}

impl Tagger {
    /// The tag the parser sees for class `c`: UPOS and XPOS together.
    pub fn parser_tag(&self, c: usize) -> &str {
        self.parser_tags.get(c).map_or("", String::as_str)
    }

    pub(crate) fn word_hashes(&self, words: &[&str]) -> Vec<WordHashes> {
        words
            .iter()
            .map(|w| {
                let lower_s = w.to_lowercase();
                let lower = hash_str(&lower_s);
                let mut suffix = [0u64; 4];
                let mut h = 100;
                let mut rev = lower_s.chars().rev();
                for (k, s) in suffix.iter_mut().enumerate() {
                    // Suffixes grow leftwards; a short word repeats its whole form.
                    if let Some(c) = rev.next() {
                        h = mix(h, c as u64);
                    }
                    *s = mix(h, k as u64);
                }
                let mut prefix = [0u64; 3];
                let mut h = 200;
                let mut fwd = lower_s.chars();
                for (k, p) in prefix.iter_mut().enumerate() {
                    if let Some(c) = fwd.next() {
                        h = mix(h, c as u64);
                    }
                    *p = mix(h, k as u64);
                }
                WordHashes {
                    form: hash_str(w),
                    lower,
                    suffix,
                    prefix,
                    shape: shape_hash(w),
                    ambiguity: self.ambiguity.get(&lower).copied().unwrap_or(2),
                }
            })
            .collect()
    }

    /// Features of word `i` given the classes of the two previous words.
    fn features(h: &[WordHashes], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
        out.clear();
        let at = |k: isize| -> &WordHashes {
            let j = i as isize + k;
            if j < 0 || j >= h.len() as isize {
                &PAD
            } else {
                &h[j as usize]
            }
        };
        let w = at(0);
        let (prev, prev2, next, next2) = (at(-1), at(-2), at(1), at(2));
        let first = u64::from(i == 0);
        out.extend_from_slice(&[
            feature(0, 0, 0, 0),
            feature(1, w.form, 0, 0),
            feature(2, w.lower, 0, 0),
            feature(3, w.suffix[0], 0, 0),
            feature(4, w.suffix[1], 0, 0),
            feature(5, w.suffix[2], 0, 0),
            feature(6, w.suffix[3], 0, 0),
            feature(7, w.prefix[0], 0, 0),
            feature(8, w.prefix[1], 0, 0),
            feature(9, w.prefix[2], 0, 0),
            feature(10, w.shape, first, 0),
            feature(11, w.ambiguity, 0, 0),
            feature(12, p1, 0, 0),
            feature(13, p1, p2, 0),
            feature(14, p1, w.lower, 0),
            feature(15, prev.lower, 0, 0),
            feature(16, prev.suffix[2], 0, 0),
            feature(17, prev2.lower, 0, 0),
            feature(18, next.lower, 0, 0),
            feature(19, next.suffix[2], 0, 0),
            feature(20, next2.lower, 0, 0),
            feature(21, next.ambiguity, 0, 0),
            feature(22, next2.ambiguity, 0, 0),
            feature(23, prev.lower, w.lower, 0),
            feature(24, w.lower, next.lower, 0),
            feature(25, p1, w.ambiguity, 0),
            feature(26, next.shape, 0, 0),
            feature(27, prev.shape, w.shape, 0),
            feature(28, p2, 0, 0),
            feature(29, w.ambiguity, next.ambiguity, 0),
            feature(30, p1, next.lower, 0),
            feature(31, p1, w.ambiguity, next.ambiguity),
            feature(32, w.suffix[1], next.lower, 0),
            feature(33, prev.suffix[1], w.suffix[2], 0),
        ]);
    }

    /// Features of the second pass: those of the first plus the first pass's tags around word
    /// `i`, the right-hand ones above all, which a left-to-right tagger cannot see otherwise.
    fn features2(
        h: &[WordHashes],
        i: usize,
        p1: u64,
        p2: u64,
        first: &[usize],
        out: &mut Vec<u64>,
    ) {
        Self::features(h, i, p1, p2, out);
        let tag = |k: isize| -> u64 {
            let j = i as isize + k;
            if j < 0 || j >= first.len() as isize {
                u64::MAX - 7
            } else {
                first[j as usize] as u64
            }
        };
        let (t0, n1, n2) = (tag(0), tag(1), tag(2));
        let w = &h[i];
        out.extend_from_slice(&[
            feature(60, t0, 0, 0),
            feature(61, n1, 0, 0),
            feature(62, n1, n2, 0),
            feature(63, p1, n1, 0),
            feature(64, w.lower, n1, 0),
            feature(65, t0, n1, 0),
            feature(66, w.ambiguity, n1, 0),
            feature(67, p1, t0, n1),
            feature(68, w.suffix[2], n1, 0),
            feature(69, n2, 0, 0),
        ]);
    }

    /// One greedy left-to-right pass; `first` holds the first pass's classes for the second.
    fn pass(&self, model: &Model, hashes: &[WordHashes], first: Option<&[usize]>) -> Vec<usize> {
        let mut out = Vec::with_capacity(hashes.len());
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0.0f32; self.classes.len().max(1)];
        let (mut p1, mut p2) = (u64::MAX, u64::MAX - 1);
        for i in 0..hashes.len() {
            match first {
                Some(first) => Self::features2(hashes, i, p1, p2, first, &mut feats),
                None => Self::features(hashes, i, p1, p2, &mut feats),
            }
            model.score(&feats, &mut scores);
            let best = argmax(&scores);
            out.push(best);
            p2 = p1;
            p1 = best as u64;
        }
        out
    }

    /// Tags one sentence; returns a class per word.
    pub fn tag(&self, words: &[&str]) -> Vec<usize> {
        let hashes = self.word_hashes(words);
        let first = self.pass(&self.model, &hashes, None);
        match &self.second {
            Some(second) => self.pass(second, &hashes, Some(&first)),
            None => first,
        }
    }

    /// Trains a two-pass tagger: the first pass on all sentences, the second on first-pass tags
    /// that are jackknifed over `folds` (see [`Tagger::jackknife`]), so that it learns how far to
    /// trust them.
    pub fn train_two_pass(
        sentences: &[Sentence],
        epochs: usize,
        folds: usize,
        seed: u64,
        log: &mut dyn FnMut(String),
    ) -> Tagger {
        let mut tagger = Tagger::train(sentences, epochs, seed, log);
        let first = tagger.jackknife(sentences, epochs, folds, seed, log);
        tagger.add_second_pass(sentences, &first, epochs, seed, log);
        tagger
    }

    /// First-pass classes (in this tagger's class numbering) of every sentence, each fold tagged
    /// by a first pass trained like this one on the other folds (seed `seed + fold`): the tags
    /// the next stage will meet at run time, not the ones it was trained to reproduce.
    pub fn jackknife(
        &self,
        sentences: &[Sentence],
        epochs: usize,
        folds: usize,
        seed: u64,
        log: &mut dyn FnMut(String),
    ) -> Vec<Vec<usize>> {
        let class_of: HashMap<&(String, String), usize> = self
            .classes
            .iter()
            .enumerate()
            .map(|(i, c)| (c, i))
            .collect();
        let mut first: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
        for fold in 0..folds {
            let rest: Vec<Sentence> = sentences
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let partial = Tagger::train(&rest, epochs, seed + fold as u64, &mut |_| {});
            for (i, s) in sentences.iter().enumerate() {
                if i % folds == fold {
                    let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                    first[i] = partial
                        .pass(&partial.model, &partial.word_hashes(&words), None)
                        .into_iter()
                        .map(|c| class_of.get(&partial.classes[c]).copied().unwrap_or(0))
                        .collect();
                }
            }
            log(format!("jackknife fold {fold} tagged"));
        }
        first
    }

    /// Trains the second pass on jackknifed first-pass classes (seed `seed + 1`).
    pub fn add_second_pass(
        &mut self,
        sentences: &[Sentence],
        first: &[Vec<usize>],
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(String),
    ) {
        self.second = Some(self.fit(sentences, Some(first), epochs, seed + 1, log));
    }

    /// Trains on gold sentences for `epochs` passes, shuffled by `seed`.
    pub fn train(
        sentences: &[Sentence],
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(String),
    ) -> Tagger {
        let mut class_of: HashMap<(String, String), usize> = HashMap::new();
        let mut classes = Vec::new();
        let mut tags_of_word: HashMap<String, HashMap<usize, usize>> = HashMap::new();
        for s in sentences {
            for w in &s.words {
                let key = (w.upos.clone(), w.xpos.clone());
                let c = *class_of.entry(key.clone()).or_insert_with(|| {
                    classes.push(key);
                    classes.len() - 1
                });
                *tags_of_word
                    .entry(w.form.to_lowercase())
                    .or_default()
                    .entry(c)
                    .or_default() += 1;
            }
        }
        let mut ambiguity = FastMap::default();
        for (word, tags) in &tags_of_word {
            let total: usize = tags.values().sum();
            // Tags seen for at least 5% of a word's occurrences; rare words get no class, as
            // unknown words will at test time.
            let mut set: Vec<usize> = tags
                .iter()
                .filter(|(_, &n)| n * 20 >= total)
                .map(|(&c, _)| c)
                .collect();
            if total < 3 {
                continue;
            }
            set.sort_unstable();
            let h = set.iter().fold(7u64, |h, &c| mix(h, c as u64 + 11));
            ambiguity.insert(hash_str(word), h);
        }
        let parser_tags = classes
            .iter()
            .map(|(u, x)| crate::train::parser_tag(u, x))
            .collect();
        let mut tagger = Tagger {
            model: Model::default(),
            second: None,
            classes,
            ambiguity,
            parser_tags,
        };
        tagger.model = tagger.fit(sentences, None, epochs, seed, log);
        tagger
    }

    /// Trains one pass (the second when `first` holds first-pass classes) on gold sentences.
    fn fit(
        &self,
        sentences: &[Sentence],
        first: Option<&[Vec<usize>]>,
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(String),
    ) -> Model {
        let class_of: HashMap<(&str, &str), usize> = self
            .classes
            .iter()
            .enumerate()
            .map(|(i, (u, x))| ((u.as_str(), x.as_str()), i))
            .collect();
        let mut trainer = Trainer::new(self.classes.len());
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::new();
        let mut scores = vec![0.0f32; self.classes.len()];
        let hashes: Vec<Vec<WordHashes>> = sentences
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                self.word_hashes(&words)
            })
            .collect();
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let (mut right, mut total) = (0usize, 0usize);
            for &k in &order {
                let s = &sentences[k];
                let hashes = &hashes[k];
                let (mut p1, mut p2) = (u64::MAX, u64::MAX - 1);
                for (i, w) in s.words.iter().enumerate() {
                    let gold = class_of
                        .get(&(w.upos.as_str(), w.xpos.as_str()))
                        .copied()
                        .unwrap_or(0);
                    match first {
                        Some(first) => Self::features2(hashes, i, p1, p2, &first[k], &mut feats),
                        None => Self::features(hashes, i, p1, p2, &mut feats),
                    }
                    trainer.score(&feats, &mut scores);
                    let guess = argmax(&scores);
                    trainer.update(&feats, gold, guess);
                    trainer.tick();
                    right += usize::from(guess == gold);
                    total += 1;
                    p2 = p1;
                    p1 = guess as u64;
                }
            }
            log(format!(
                "tagger epoch {epoch}: train accuracy {:.2}",
                100.0 * right as f64 / total as f64
            ));
        }
        trainer.finish(0.0)
    }

    /// Drops weights below `min_weight` from both passes; see [`Model::pruned`].
    pub fn prune(&mut self, min_weight: f32) {
        self.model = self.model.pruned(min_weight);
        if let Some(second) = &self.second {
            self.second = Some(second.pruned(min_weight));
        }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if self.second.is_some() {
            b"CTG2"
        } else {
            b"CTG1"
        });
        out.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        for (u, x) in &self.classes {
            perceptron::write_string(out, u);
            perceptron::write_string(out, x);
        }
        perceptron::write_table(out, &self.ambiguity);
        self.model.write(out);
        if let Some(second) = &self.second {
            second.write(out);
        }
    }

    pub fn read(bytes: &mut &[u8]) -> Result<Tagger> {
        let mut r = Reader(bytes);
        let two_pass = match r.take(4)? {
            b"CTG1" => false,
            b"CTG2" => true,
            _ => return Err(crate::Error::Model("not a tagger model".into())),
        };
        let n = r.u32()? as usize;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            classes.push((r.string()?, r.string()?));
        }
        let ambiguity = r.table()?;
        let model = Model::read(bytes)?;
        let second = two_pass.then(|| Model::read(bytes)).transpose()?;
        let parser_tags = classes
            .iter()
            .map(|(u, x)| crate::train::parser_tag(u, x))
            .collect();
        Ok(Tagger {
            model,
            second,
            parser_tags,
            classes,
            ambiguity,
        })
    }
}

/// Index of the largest score (the first on ties).
pub(crate) fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_hash("Guterres"), shape_hash("Ban"));
        assert_eq!(shape_hash("800,000"), shape_hash("5,3"));
        assert_eq!(shape_hash("U.N."), shape_hash("U.S."));
        assert_ne!(shape_hash("U.N."), shape_hash("UN"));
    }
}

//! A statistical name tagger: BIO labels (PER, ORG, LOC) over tokens, the best label sequence
//! (Viterbi over the two previous labels, I-X only after B-X or I-X) under a structured averaged
//! perceptron (the one of `chronicle-nlp`) on word, shape, affix, gazetteer, given-name and
//! surname, and part-of-speech features. Trained by `chronicle eval uner --train models/ner.bin` on UNER
//! English EWT dev; the rule-based recogniser asks it where rules leave a name untyped.

use super::lexicon;
use chronicle_nlp::perceptron::{
    feature, hash_str, mix, write_table, FastMap, Model, Reader, Rng, Trainer,
};
use std::sync::OnceLock;

/// The labels, in class order.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

const MAGIC: &[u8; 8] = b"CHRNER03";

/// The model shipped inside the binary (empty until trained).
const SHIPPED: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner.bin"));

/// A trained tagger.
#[derive(Debug)]
pub struct NameTagger {
    model: Model,
    stats: WordStats,
    /// The model's scores of label sequences alone, computed on first use.
    transitions: OnceLock<Box<Transitions>>,
}

/// What an unlabelled treebank says of each word form (by its lowercase form): how often it is
/// capitalised inside a sentence, how often it is a proper noun and how frequent it is. Web text
/// capitalises at random; a word that a corpus nearly always writes in lowercase is seldom a
/// name, whatever its case here.
#[derive(Debug, Default, Clone)]
pub struct WordStats {
    /// hash of the lowercase form -> capital bucket | proper-noun bucket << 8 | frequency << 16.
    table: FastMap<u64, u64>,
}

/// 1 for never, 2 rarely, 3 sometimes, 4 mostly, 5 always (0: no occurrence).
fn ratio_bucket(part: u32, all: u32) -> u64 {
    if all == 0 {
        return 0;
    }
    let r = part as f64 / all as f64;
    match r {
        0.0 => 1,
        r if r < 0.25 => 2,
        r if r < 0.75 => 3,
        r if r < 1.0 => 4,
        _ => 5,
    }
}

impl WordStats {
    /// Counts sentences of `(word, UPOS)` pairs; forms seen fewer than `min_count` times are left
    /// out.
    pub fn count(sentences: &[Vec<(String, String)>], min_count: u32) -> WordStats {
        // lowercase form -> (occurrences, inside a sentence, capitalised inside, proper nouns)
        let mut counts: std::collections::HashMap<String, [u32; 4]> =
            std::collections::HashMap::new();
        for s in sentences {
            for (i, (w, upos)) in s.iter().enumerate() {
                let c = counts.entry(w.to_lowercase()).or_default();
                c[0] += 1;
                let initial = i == 0
                    || matches!(
                        s[i - 1].0.as_str(),
                        "." | "!" | "?" | ":" | "\"" | "“" | "-" | "(" | "*" | ">"
                    );
                if !initial {
                    c[1] += 1;
                    if w.chars().next().is_some_and(char::is_uppercase) {
                        c[2] += 1;
                    }
                }
                if upos == "PROPN" {
                    c[3] += 1;
                }
            }
        }
        let mut table = FastMap::default();
        for (w, c) in counts {
            if c[0] < min_count {
                continue;
            }
            let freq = (32 - c[0].leading_zeros()).min(12) as u64;
            let v = ratio_bucket(c[2], c[1]) | ratio_bucket(c[3], c[0]) << 8 | freq << 16;
            table.insert(hash_str(&w), v);
        }
        WordStats { table }
    }

    fn get(&self, w: &str) -> u64 {
        self.table
            .get(&hash_str(&w.to_lowercase()))
            .copied()
            .unwrap_or(0)
    }
}

/// One sentence for the tagger: words and their XPOS tags.
#[derive(Debug)]
pub struct Sentence<'a> {
    pub words: &'a [&'a str],
    pub tags: &'a [&'a str],
}

fn shape(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
    }
    out
}

fn gaz(w: &str) -> u64 {
    match lexicon::lookup(w) {
        Some(g) if g.kind == "GPE" => 1,
        Some(_) => 2,
        None => {
            let l = w.to_lowercase();
            if lexicon::is_title_word(&l) {
                3
            } else if lexicon::is_org_head(&l) {
                4
            } else if lexicon::is_group_word(l.trim_end_matches('s')) {
                5
            } else {
                0
            }
        }
    }
}

/// The item `k` places from `i`, or a boundary marker.
fn at<'a>(items: &[&'a str], i: usize, k: isize) -> &'a str {
    i.checked_add_signed(k)
        .and_then(|j| items.get(j))
        .copied()
        .unwrap_or("<s>")
}

/// What the features need of one word, worked out once per sentence.
#[derive(Clone, Copy, Debug)]
struct Word {
    /// Hash of the lowercase form.
    lower: u64,
    /// Hash of the shape (`Xxx`, `dd`).
    shape: u64,
    /// Gazetteer class ([`gaz`]).
    gaz: u64,
    /// Given name 1, surname 2, both 3 ([`lexicon::person_name`]).
    name: u64,
}

impl Word {
    fn of(w: &str) -> Word {
        Word {
            lower: hash_str(&w.to_lowercase()),
            shape: hash_str(&shape(w)),
            gaz: gaz(w),
            name: u64::from(lexicon::person_name(w)),
        }
    }
}

/// The [`Word`]s of a sentence.
fn words_of(s: &Sentence) -> Vec<Word> {
    s.words.iter().map(|w| Word::of(w)).collect()
}

/// The features of word `i` that do not depend on the labels before it.
fn features(stats: &WordStats, s: &Sentence, words: &[Word], i: usize, out: &mut Vec<u64>) {
    static BOUNDARY: OnceLock<Word> = OnceLock::new();
    let boundary = *BOUNDARY.get_or_init(|| Word::of("<s>"));
    out.clear();
    let w = |k: isize| {
        i.checked_add_signed(k)
            .and_then(|j| words.get(j))
            .copied()
            .unwrap_or(boundary)
    };
    let t = |k: isize| hash_str(at(s.tags, i, k));
    let word = s.words[i];
    let lower = word.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let h = |x: &str| hash_str(x);
    out.push(feature(0, 0, 0, 0));
    out.push(feature(1, w(0).lower, 0, 0));
    out.push(feature(2, w(0).shape, 0, 0));
    for n in 1..=3 {
        if chars.len() > n {
            let p: String = chars[..n].iter().collect();
            let q: String = chars[chars.len() - n..].iter().collect();
            out.push(feature(3, n as u64, h(&p), 0));
            out.push(feature(4, n as u64, h(&q), 0));
        }
    }
    out.push(feature(5, w(-1).lower, 0, 0));
    out.push(feature(6, w(1).lower, 0, 0));
    out.push(feature(7, w(-2).lower, 0, 0));
    out.push(feature(8, w(2).lower, 0, 0));
    out.push(feature(9, t(0), 0, 0));
    out.push(feature(10, t(-1), t(0), 0));
    out.push(feature(11, t(0), t(1), 0));
    out.push(feature(15, w(0).gaz, 0, 0));
    out.push(feature(16, w(-1).gaz, w(1).gaz, 0));
    out.push(feature(17, w(-1).shape, w(0).shape, w(1).shape));
    out.push(feature(18, (i == 0) as u64, w(0).shape, 0));
    if i + 1 < s.words.len() {
        out.push(feature(
            20,
            gaz(&format!("{} {}", word, s.words[i + 1])),
            0,
            0,
        ));
    }
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if !stats.table.is_empty() {
        let st = stats.table.get(&w(0).lower).copied().unwrap_or(0);
        let (cap, propn, freq) = (st & 0xff, (st >> 8) & 0xff, st >> 16);
        out.push(feature(21, cap, capitalised as u64, (i == 0) as u64));
        out.push(feature(22, propn, capitalised as u64, 0));
        out.push(feature(23, freq, capitalised as u64, 0));
    }
    // Given names and surnames (`Sadr` is a person's name, not a company's).
    out.push(feature(24, w(0).name, capitalised as u64, 0));
    out.push(feature(25, w(-1).name, w(0).name, 0));
    out.push(feature(26, w(0).name, w(1).name, 0));
}

/// What the features joining word `i` to the label before it look at: the word and its tag
/// with its shape (the features are made for each previous label).
fn history_keys(s: &Sentence, words: &[Word], i: usize) -> (u64, u64) {
    (
        words[i].lower,
        mix(hash_str(at(s.tags, i, 0)), words[i].shape),
    )
}

/// The features joining a word (its [`history_keys`]) to the label before it.
fn history_features((lower, tag_shape): (u64, u64), prev: usize) -> [u64; 2] {
    [
        feature(14, prev as u64, lower, 0),
        feature(19, tag_shape, prev as u64, 0),
    ]
}

/// The features of the two labels before a word alone.
fn transition_features(prev: usize, prev2: usize) -> [u64; 2] {
    [
        feature(12, prev as u64, 0, 0),
        feature(13, prev as u64, prev2 as u64, 0),
    ]
}

const N: usize = LABELS.len();

/// The scores of one word: per label from its own features, and per previous label and label
/// from the features joining it to the previous label.
#[derive(Clone, Copy)]
struct Position {
    own: [f32; N],
    history: [[f32; N]; N],
}

/// Per two previous labels and label, the score of the label sequence alone.
type Transitions = [[[f32; N]; N]; N];

/// The best label sequence (Viterbi over pairs of labels, the state of the second-order
/// features), I-X only after B-X or I-X.
fn decode(positions: &[Position], transitions: &Transitions) -> Vec<usize> {
    // best[p2][p1]: the best score of a sequence ending in labels p2, p1; the sentence starts
    // after two O.
    let mut best = [[f32::NEG_INFINITY; N]; N];
    best[0][0] = 0.0;
    let mut back: Vec<[[u8; N]; N]> = Vec::with_capacity(positions.len());
    for p in positions {
        let mut next = [[f32::NEG_INFINITY; N]; N];
        let mut from = [[0u8; N]; N];
        for (p2, row) in best.iter().enumerate() {
            for (p1, &score) in row.iter().enumerate() {
                if score == f32::NEG_INFINITY {
                    continue;
                }
                for c in (0..N).filter(|&c| allowed(p1, c)) {
                    let s = score + p.own[c] + p.history[p1][c] + transitions[p2][p1][c];
                    if s > next[p1][c] {
                        next[p1][c] = s;
                        from[p1][c] = p2 as u8;
                    }
                }
            }
        }
        best = next;
        back.push(from);
    }
    let (mut p1, mut c) = (0, 0);
    let mut top = f32::NEG_INFINITY;
    for (a, row) in best.iter().enumerate() {
        for (b, &s) in row.iter().enumerate() {
            if s > top {
                (top, p1, c) = (s, a, b);
            }
        }
    }
    let mut out = vec![0; positions.len()];
    for i in (0..positions.len()).rev() {
        out[i] = c;
        let p2 = back[i][p1][c] as usize;
        c = p1;
        p1 = p2;
    }
    out
}

/// Scores every word of a sentence with `score` (a feature set into per-label scores).
fn positions(
    stats: &WordStats,
    s: &Sentence,
    mut score: impl FnMut(&[u64], &mut [f32]),
) -> Vec<Position> {
    let mut feats = Vec::new();
    let words = words_of(s);
    (0..s.words.len())
        .map(|i| {
            let mut p = Position {
                own: [0.0; N],
                history: [[0.0; N]; N],
            };
            features(stats, s, &words, i, &mut feats);
            score(&feats, &mut p.own);
            let keys = history_keys(s, &words, i);
            for (prev, row) in p.history.iter_mut().enumerate() {
                score(&history_features(keys, prev), row);
            }
            p
        })
        .collect()
}

fn transitions(mut score: impl FnMut(&[u64], &mut [f32])) -> Box<Transitions> {
    let mut t = Box::new([[[0.0; N]; N]; N]);
    for (prev2, rows) in t.iter_mut().enumerate() {
        for (prev, row) in rows.iter_mut().enumerate() {
            score(&transition_features(prev, prev2), row);
        }
    }
    t
}

/// Forbids I-X after anything but B-X or I-X.
fn allowed(prev: usize, class: usize) -> bool {
    if class == 0 || class % 2 == 1 {
        return true;
    }
    prev == class || prev == class - 1
}

impl NameTagger {
    /// The tagger shipped in the binary, if one was trained.
    pub fn shipped() -> Option<&'static NameTagger> {
        static TAGGER: OnceLock<Option<NameTagger>> = OnceLock::new();
        TAGGER
            .get_or_init(|| NameTagger::read(SHIPPED).ok())
            .as_ref()
    }

    /// Whether the treebank the tagger learnt from writes `word` in lowercase inside a sentence
    /// never or rarely (`ice`, `cream`; not `Peter`, not an unseen word).
    pub fn mostly_lowercase(&self, word: &str) -> bool {
        matches!(self.stats.get(word) & 0xff, 1 | 2)
    }

    /// Labels (indices into [`LABELS`]) of one sentence: the best sequence under the model.
    pub fn tag(&self, s: &Sentence) -> Vec<usize> {
        let transitions = self
            .transitions
            .get_or_init(|| transitions(|f, out| self.model.score(f, out)));
        decode(
            &positions(&self.stats, s, |f, out| self.model.score(f, out)),
            transitions,
        )
    }

    /// Trains on labelled sentences (labels as indices of [`LABELS`]) as a structured
    /// perceptron: each sentence is decoded as in [`NameTagger::tag`], and where the best
    /// sequence differs from the gold one, the gold sequence's features gain and the predicted
    /// one's lose. Deterministic for a seed.
    pub fn train(
        data: &[(Vec<String>, Vec<String>, Vec<usize>)],
        stats: WordStats,
        epochs: usize,
        seed: u64,
    ) -> NameTagger {
        let mut trainer = Trainer::new(N);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::new();
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &k in &order {
                let (words, tags, gold) = &data[k];
                let w: Vec<&str> = words.iter().map(String::as_str).collect();
                let t: Vec<&str> = tags.iter().map(String::as_str).collect();
                let s = Sentence {
                    words: &w,
                    tags: &t,
                };
                let score = |f: &[u64], out: &mut [f32]| trainer.score(f, out);
                let guess = decode(&positions(&stats, &s, score), &transitions(score));
                trainer.tick();
                if guess == *gold {
                    continue;
                }
                let info = words_of(&s);
                // A label and the two before it (O before the sentence).
                let context = |seq: &[usize], i: usize| {
                    let before = |k: usize| i.checked_sub(k).map_or(0, |j| seq[j]);
                    (seq[i], before(1), before(2))
                };
                for i in 0..gold.len() {
                    let (g, g1, g2) = context(gold, i);
                    let (p, p1, p2) = context(&guess, i);
                    if (g, g1, g2) == (p, p1, p2) {
                        continue;
                    }
                    for (class, prev, prev2, delta) in [(g, g1, g2, 1.0), (p, p1, p2, -1.0)] {
                        features(&stats, &s, &info, i, &mut feats);
                        trainer.add(&feats, class, delta);
                        let keys = history_keys(&s, &info, i);
                        trainer.add(&history_features(keys, prev), class, delta);
                        trainer.add(&transition_features(prev, prev2), class, delta);
                    }
                }
            }
        }
        NameTagger {
            model: trainer.finish(0.5),
            stats,
            transitions: OnceLock::new(),
        }
    }

    /// The model file: magic, the word statistics, then the perceptron.
    pub fn write(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        write_table(&mut out, &self.stats.table);
        self.model.write(&mut out);
        out
    }

    pub fn read(bytes: &[u8]) -> chronicle_nlp::Result<NameTagger> {
        let mut b = bytes;
        let magic = Reader(&mut b).take(8)?.to_vec();
        if magic != MAGIC {
            return Err(chronicle_nlp::Error::Model(
                "not a chronicle name tagger".into(),
            ));
        }
        let table = Reader(&mut b).table()?;
        Ok(NameTagger {
            stats: WordStats { table },
            model: Model::read(&mut b)?,
            transitions: OnceLock::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(own: [f32; N]) -> Position {
        Position {
            own,
            history: [[0.0; N]; N],
        }
    }

    #[test]
    fn decoder_keeps_inside_labels_after_their_begin() {
        let none = [[[0.0; N]; N]; N];
        // I-PER scores best at the first word, but may not open a name.
        let p = [
            position([0.0, 1.0, 3.0, 0.0, 0.0, 0.0, 0.0]),
            position([0.0, 0.5, 2.0, 0.0, 0.0, 0.0, 0.0]),
        ];
        assert_eq!(decode(&p, &none), vec![1, 2]);
        // A strong transition score outweighs a weak word score.
        let mut t = none;
        t[0][1][2] = -5.0;
        assert_eq!(decode(&p, &t), vec![1, 1]);
    }

    #[test]
    fn structured_training_learns_a_two_word_name() {
        let sentence = |w: &[&str], gold: Vec<usize>| {
            let words: Vec<String> = w.iter().map(|x| x.to_string()).collect();
            let tags = vec!["NNP".to_string(); words.len()];
            (words, tags, gold)
        };
        let data = vec![
            sentence(&["Anna", "Berg", "said", "so"], vec![1, 2, 0, 0]),
            sentence(&["Then", "Carl", "Dorn", "left"], vec![0, 1, 2, 0]),
            sentence(&["Acme", "Corp", "said", "so"], vec![3, 4, 0, 0]),
        ];
        let tagger = NameTagger::train(&data, WordStats::default(), 5, 1);
        let again = NameTagger::read(&tagger.write()).unwrap();
        let words = ["Anna", "Berg", "said", "so"];
        let tags = ["NNP"; 4];
        let s = Sentence {
            words: &words,
            tags: &tags,
        };
        assert_eq!(again.tag(&s), vec![1, 2, 0, 0]);
    }

    #[test]
    fn names_list_knows_given_names_and_surnames() {
        assert_eq!(lexicon::person_name("Sadr") & 2, 2);
        assert_eq!(lexicon::person_name("JOHN") & 1, 1);
        assert_eq!(lexicon::person_name("the"), 0);
    }
}

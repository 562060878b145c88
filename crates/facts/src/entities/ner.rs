//! A statistical name tagger: BIO labels (PER, ORG, LOC) over tokens, greedy left to right with
//! an averaged perceptron (the one of `chronicle-nlp`) on word, shape, affix, gazetteer and
//! part-of-speech features. Trained by `chronicle eval uner --train models/ner.bin` on UNER
//! English EWT dev; the rule-based recogniser asks it where rules leave a name untyped.

use super::lexicon;
use chronicle_nlp::perceptron::{
    feature, hash_str, write_table, FastMap, Model, Reader, Rng, Trainer,
};
use std::sync::OnceLock;

/// The labels, in class order.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

const MAGIC: &[u8; 8] = b"CHRNER02";

/// The model shipped inside the binary (empty until trained).
const SHIPPED: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner.bin"));

/// A trained tagger.
#[derive(Debug)]
pub struct NameTagger {
    model: Model,
    stats: WordStats,
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

fn features(
    stats: &WordStats,
    s: &Sentence,
    i: usize,
    prev: usize,
    prev2: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let w = |k: isize| at(s.words, i, k);
    let t = |k: isize| at(s.tags, i, k);
    let word = w(0);
    let lower = word.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let h = |x: &str| hash_str(x);
    out.push(feature(0, 0, 0, 0));
    out.push(feature(1, h(&lower), 0, 0));
    out.push(feature(2, h(&shape(word)), 0, 0));
    for n in 1..=3 {
        if chars.len() > n {
            let p: String = chars[..n].iter().collect();
            let q: String = chars[chars.len() - n..].iter().collect();
            out.push(feature(3, n as u64, h(&p), 0));
            out.push(feature(4, n as u64, h(&q), 0));
        }
    }
    out.push(feature(5, h(&w(-1).to_lowercase()), 0, 0));
    out.push(feature(6, h(&w(1).to_lowercase()), 0, 0));
    out.push(feature(7, h(&w(-2).to_lowercase()), 0, 0));
    out.push(feature(8, h(&w(2).to_lowercase()), 0, 0));
    out.push(feature(9, h(t(0)), 0, 0));
    out.push(feature(10, h(t(-1)), h(t(0)), 0));
    out.push(feature(11, h(t(0)), h(t(1)), 0));
    out.push(feature(12, prev as u64, 0, 0));
    out.push(feature(13, prev as u64, prev2 as u64, 0));
    out.push(feature(14, prev as u64, h(&lower), 0));
    out.push(feature(15, gaz(word), 0, 0));
    out.push(feature(16, gaz(w(-1)), gaz(w(1)), 0));
    out.push(feature(
        17,
        h(&shape(w(-1))),
        h(&shape(word)),
        h(&shape(w(1))),
    ));
    out.push(feature(18, (i == 0) as u64, h(&shape(word)), 0));
    out.push(feature(19, h(t(0)), h(&shape(word)), prev as u64));
    if i + 1 < s.words.len() {
        out.push(feature(
            20,
            gaz(&format!("{} {}", word, s.words[i + 1])),
            0,
            0,
        ));
    }
    if !stats.table.is_empty() {
        let st = stats.get(word);
        let (cap, propn, freq) = (st & 0xff, (st >> 8) & 0xff, st >> 16);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        out.push(feature(21, cap, capitalised as u64, (i == 0) as u64));
        out.push(feature(22, propn, capitalised as u64, 0));
        out.push(feature(23, freq, capitalised as u64, 0));
    }
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

    /// Labels (indices into [`LABELS`]) of one sentence.
    pub fn tag(&self, s: &Sentence) -> Vec<usize> {
        let mut out = Vec::with_capacity(s.words.len());
        let mut feats = Vec::new();
        let mut scores = vec![0.0f32; LABELS.len()];
        let (mut prev, mut prev2) = (0, 0);
        for i in 0..s.words.len() {
            features(&self.stats, s, i, prev, prev2, &mut feats);
            self.model.score(&feats, &mut scores);
            let best = (0..LABELS.len())
                .filter(|&c| allowed(prev, c))
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                .unwrap_or(0);
            out.push(best);
            prev2 = prev;
            prev = best;
        }
        out
    }

    /// Trains on labelled sentences (labels as indices of [`LABELS`]); deterministic for a seed.
    pub fn train(
        data: &[(Vec<String>, Vec<String>, Vec<usize>)],
        stats: WordStats,
        epochs: usize,
        seed: u64,
    ) -> NameTagger {
        let mut trainer = Trainer::new(LABELS.len());
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Rng::new(seed);
        let mut feats = Vec::new();
        let mut scores = vec![0.0f32; LABELS.len()];
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
                let (mut prev, mut prev2) = (0, 0);
                for (i, &right) in gold.iter().enumerate() {
                    features(&stats, &s, i, prev, prev2, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let guess = (0..LABELS.len())
                        .filter(|&c| allowed(prev, c))
                        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                        .unwrap_or(0);
                    trainer.tick();
                    trainer.update(&feats, right, guess);
                    // Teacher forcing: the history is the gold labels.
                    prev2 = prev;
                    prev = right;
                }
            }
        }
        NameTagger {
            model: trainer.finish(0.5),
            stats,
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
        })
    }
}

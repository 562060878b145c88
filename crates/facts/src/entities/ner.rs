//! A statistical name tagger: BIO labels (PER, ORG, LOC) over tokens, greedy left to right with
//! an averaged perceptron (the one of `chronicle-nlp`) on word, shape, affix, gazetteer and
//! part-of-speech features. Trained by `chronicle eval uner --train models/ner.bin` on UNER
//! English EWT dev; the rule-based recogniser asks it where rules leave a name untyped.

use super::lexicon;
use chronicle_nlp::perceptron::{feature, hash_str, Model, Reader, Rng, Trainer};
use std::sync::OnceLock;

/// The labels, in class order.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

const MAGIC: &[u8; 8] = b"CHRNER01";

/// The model shipped inside the binary (empty until trained).
const SHIPPED: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/ner.bin"));

/// A trained tagger.
#[derive(Debug)]
pub struct NameTagger {
    model: Model,
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

fn features(s: &Sentence, i: usize, prev: usize, prev2: usize, out: &mut Vec<u64>) {
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

    /// Labels (indices into [`LABELS`]) of one sentence.
    pub fn tag(&self, s: &Sentence) -> Vec<usize> {
        let mut out = Vec::with_capacity(s.words.len());
        let mut feats = Vec::new();
        let mut scores = vec![0.0f32; LABELS.len()];
        let (mut prev, mut prev2) = (0, 0);
        for i in 0..s.words.len() {
            features(s, i, prev, prev2, &mut feats);
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
                    features(&s, i, prev, prev2, &mut feats);
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
        }
    }

    /// The model file: magic, then the perceptron.
    pub fn write(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
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
        Ok(NameTagger {
            model: Model::read(&mut b)?,
        })
    }
}

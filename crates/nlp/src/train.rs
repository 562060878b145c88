//! Training the shipped models from the shared treebanks, deterministically from a seed.

use crate::conllu::{self, Sentence};
use crate::error::Result;
use crate::lemmatizer::Lemmatizer;
use crate::parser::Parser;
use crate::splitter::Splitter;
use crate::tagger::Tagger;
use std::path::{Path, PathBuf};

/// GUM genres whose texts are under CC BY or CC BY-SA, so a model trained on them may ship.
/// (Fiction, essays, letters, podcasts, wikiHow and Reddit are non-commercial; conversation,
/// speech, textbook and vlog carry no licence statement of their own and are left out too.)
pub const GUM_SHIPPABLE_GENRES: &[&str] =
    &["academic", "bio", "court", "interview", "news", "voyage"];

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub data: PathBuf,
    pub out: PathBuf,
    pub seed: u64,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for jackknifed tags: the parser trains on tags predicted by a tagger that did not
    /// see the sentence, as it will meet them at run time (0 trains the parser on gold tags).
    pub folds: usize,
    pub use_gum: bool,
    /// A second tagger pass that sees the first pass's tags of the words to the right.
    pub two_pass_tagger: bool,
    /// Train only the tagger and lemmatizer.
    pub skip_parser: bool,
    /// Parser weights below this are dropped: 1.0 shrinks the model threefold for 0.1 LAS.
    pub parser_prune: f32,
}

/// Reads the training sentences: EWT train, plus the train split of GUM's shippable genres.
pub fn training_sentences(data: &Path, use_gum: bool) -> Result<Vec<Sentence>> {
    let ewt = std::fs::read_to_string(data.join("ud-english-ewt/en_ewt-ud-train.conllu"))?;
    let mut sentences = conllu::parse(&ewt)?;
    if use_gum {
        let splits = std::fs::read_to_string(data.join("gum/splits.md"))?;
        for doc in gum_train_docs(&splits) {
            let genre = doc.split('_').nth(1).unwrap_or("");
            if !GUM_SHIPPABLE_GENRES.contains(&genre) {
                continue;
            }
            let path = data.join("gum/dep").join(format!("{doc}.conllu"));
            if let Ok(text) = std::fs::read_to_string(&path) {
                sentences.extend(conllu::parse(&text)?);
            }
        }
    }
    Ok(sentences)
}

/// Documents listed under `## train` in GUM's `splits.md`.
fn gum_train_docs(splits: &str) -> Vec<String> {
    let mut in_train = false;
    let mut docs = Vec::new();
    for line in splits.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            in_train = h.trim() == "train";
        } else if in_train {
            if let Some(doc) = line.trim().strip_prefix("* ") {
                docs.push(doc.trim().to_string());
            }
        }
    }
    docs
}

/// Trains tagger, lemmatizer and parser and writes them to `options.out`.
pub fn train(options: &TrainOptions, log: &mut dyn FnMut(String)) -> Result<()> {
    let sentences = training_sentences(&options.data, options.use_gum)?;
    let n_words: usize = sentences.iter().map(|s| s.words.len()).sum();
    log(format!(
        "training on {} sentences, {n_words} words",
        sentences.len()
    ));
    std::fs::create_dir_all(&options.out)?;

    let lemmatizer = Lemmatizer::train(&sentences);
    let mut bytes = Vec::new();
    lemmatizer.write(&mut bytes);
    std::fs::write(options.out.join("lemmatizer.bin"), &bytes)?;

    let splitter = Splitter::train(&sentences, crate::splitter::EPOCHS, options.seed);
    let mut bytes = Vec::new();
    splitter.write(&mut bytes);
    std::fs::write(options.out.join("splitter.bin"), &bytes)?;
    log(format!("sentence splitter: {} bytes", bytes.len()));

    let mut tagger = Tagger::train(&sentences, options.tagger_epochs, options.seed, log);
    // One set of jackknifed first-pass tags serves both the tagger's second pass and the parser.
    let folds = if options.two_pass_tagger {
        options.folds.max(2)
    } else {
        options.folds
    };
    let first = (folds >= 2 && (options.two_pass_tagger || !options.skip_parser))
        .then(|| tagger.jackknife(&sentences, options.tagger_epochs, folds, options.seed, log));
    if let (true, Some(first)) = (options.two_pass_tagger, &first) {
        tagger.add_second_pass(&sentences, first, options.tagger_epochs, options.seed, log);
    }
    let mut bytes = Vec::new();
    tagger.write(&mut bytes);
    std::fs::write(options.out.join("tagger.bin"), &bytes)?;
    log(format!("tagger: {} bytes", bytes.len()));
    if options.skip_parser {
        return Ok(());
    }

    let tags = match &first {
        Some(first) => parser_tags(&tagger, first),
        None => gold_parser_tags(&sentences),
    };
    let mut parser = Parser::train(&sentences, &tags, options.parser_epochs, options.seed, log);
    parser.prune(options.parser_prune);
    let mut bytes = Vec::new();
    parser.write(&mut bytes);
    std::fs::write(options.out.join("parser.bin"), &bytes)?;
    log(format!("parser: {} bytes", bytes.len()));
    Ok(())
}

/// Trains the beam-search parser ([`Parser::train_beam`], one label per arc direction in the
/// beam) on the same sentences and jackknifed tags as [`train`] and writes it to `out` (the
/// shipped one is `models/parser-beam.bin`).
pub fn train_beam_parser(
    options: &TrainOptions,
    width: usize,
    out: &Path,
    log: &mut dyn FnMut(String),
) -> Result<()> {
    let sentences = training_sentences(&options.data, options.use_gum)?;
    let tags = jackknifed_tags(&sentences, options, log);
    let mut parser = Parser::train_beam(
        &sentences,
        &tags,
        options.parser_epochs,
        width,
        true,
        options.seed,
        log,
    );
    parser.prune(options.parser_prune);
    let mut bytes = Vec::new();
    parser.write(&mut bytes);
    std::fs::write(out, &bytes)?;
    log(format!("beam parser: {} bytes", bytes.len()));
    Ok(())
}

/// The tag the parser sees for a word: UPOS and XPOS together, so that it can tell a
/// subordinator from a preposition (both `IN`) or an auxiliary from a main verb.
pub fn parser_tag(upos: &str, xpos: &str) -> String {
    format!("{upos}|{xpos}")
}

/// Parser tags ([`parser_tag`]) of every training word as predicted by a first-pass tagger
/// trained on the other folds (gold tags when `options.folds` is below 2).
pub fn jackknifed_tags(
    sentences: &[Sentence],
    options: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Vec<Vec<String>> {
    if options.folds < 2 {
        return gold_parser_tags(sentences);
    }
    let tagger = Tagger::train(sentences, options.tagger_epochs, options.seed, &mut |_| {});
    let first = tagger.jackknife(
        sentences,
        options.tagger_epochs,
        options.folds,
        options.seed,
        log,
    );
    parser_tags(&tagger, &first)
}

/// The parser tags of predicted tagger classes.
fn parser_tags(tagger: &Tagger, classes: &[Vec<usize>]) -> Vec<Vec<String>> {
    classes
        .iter()
        .map(|s| {
            s.iter()
                .map(|&c| tagger.parser_tag(c).to_string())
                .collect()
        })
        .collect()
}

fn gold_parser_tags(sentences: &[Sentence]) -> Vec<Vec<String>> {
    sentences
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| parser_tag(&w.upos, &w.xpos))
                .collect()
        })
        .collect()
}

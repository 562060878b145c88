//! `chronicle train`, `chronicle parse` and `chronicle eval conllu`: the language-core commands.

use anyhow::Context as _;
use chronicle_nlp::{conllu, eval, train, Analyzer};
use std::io::{Read as _, Write as _};
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `chronicle train`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// Folder of the shared data (UD English EWT, GUM, ...).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Where to write the trained models.
    #[arg(long, default_value = "models")]
    pub out: PathBuf,
    /// Random seed, for deterministic training.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Passes over the training data for the tagger.
    #[arg(long, default_value_t = 8)]
    pub tagger_epochs: usize,
    /// Passes over the training data for the parser.
    #[arg(long, default_value_t = 12)]
    pub parser_epochs: usize,
    /// Folds for the jackknifed tags the parser trains on (0: gold tags).
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Train on UD English EWT only, without the shippable GUM genres.
    #[arg(long)]
    pub no_gum: bool,
    /// Add a second tagger pass that sees the first pass's tags to the right (+0.1 UPOS on EWT
    /// dev, half the tagging speed, three times the training time).
    #[arg(long)]
    pub two_pass_tagger: bool,
    /// Train the tagger and lemmatizer only.
    #[arg(long)]
    pub skip_parser: bool,
    /// Drop parser weights smaller than this (smaller, faster model; 0 keeps all).
    #[arg(long, default_value_t = 1.0)]
    pub parser_prune: f32,
}

/// Arguments of `chronicle parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// Raw text files to parse (standard input when none).
    pub files: Vec<PathBuf>,
    /// Keep the gold tokenisation of this CoNLL-U file and predict tags, lemmas and the parse.
    #[arg(long)]
    pub input_conllu: Option<PathBuf>,
    /// Load models from this folder instead of the ones built into the binary.
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Parse with the beam-search parser shipped beside the default one (models/parser-beam.bin):
    /// about 1.2 points more UAS and LAS on EWT test, at about a fifth of the parse speed.
    #[arg(long, conflicts_with = "models")]
    pub beam: bool,
}

/// Arguments of `chronicle eval conllu`.
#[derive(Debug, clap::Args)]
pub struct EvalConlluArgs {
    /// Gold CoNLL-U file.
    pub gold: PathBuf,
    /// Load models from this folder instead of the ones built into the binary.
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Parse with the beam-search parser shipped beside the default one (models/parser-beam.bin):
    /// about 1.2 points more UAS and LAS on EWT test, at about a fifth of the parse speed.
    #[arg(long, conflicts_with = "models")]
    pub beam: bool,
}

pub fn train(args: &TrainArgs) -> anyhow::Result<()> {
    let options = train::TrainOptions {
        data: args.data.clone(),
        out: args.out.clone(),
        seed: args.seed,
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        folds: args.folds,
        use_gum: !args.no_gum,
        skip_parser: args.skip_parser,
        two_pass_tagger: args.two_pass_tagger,
        parser_prune: args.parser_prune,
    };
    let start = Instant::now();
    train::train(&options, &mut |message| eprintln!("{message}"))
        .with_context(|| format!("training from {}", args.data.display()))?;
    eprintln!(
        "trained in {:.1?}, models in {}",
        start.elapsed(),
        args.out.display()
    );
    Ok(())
}

fn analyzer(models: &Option<PathBuf>, beam: bool) -> anyhow::Result<Analyzer> {
    match models {
        Some(dir) => Analyzer::from_dir(dir)
            .with_context(|| format!("loading models from {}", dir.display())),
        None if beam => Ok(Analyzer::shipped_beam()),
        None => Ok(Analyzer::shipped()),
    }
}

pub fn parse(args: &ParseArgs) -> anyhow::Result<()> {
    let analyzer = analyzer(&args.models, args.beam)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(path) = &args.input_conllu {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let gold = conllu::parse(&text).with_context(|| format!("parsing {}", path.display()))?;
        out.write_all(conllu::write(&analyzer.annotate_conllu(&gold)).as_bytes())?;
        return Ok(out.flush()?);
    }
    let mut texts = Vec::new();
    if args.files.is_empty() {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading standard input")?;
        texts.push(("stdin".to_string(), text));
    }
    for path in &args.files {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        texts.push((path.display().to_string(), text));
    }
    for (name, text) in &texts {
        let analysis = analyzer.analyze(text);
        let sentences = chronicle_nlp::to_conllu(text, &analysis, name);
        out.write_all(conllu::write(&sentences).as_bytes())?;
    }
    Ok(out.flush()?)
}

pub fn eval_conllu(args: &EvalConlluArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let (gold, unread) = conllu::parse_lenient(&text);
    if gold.is_empty() {
        anyhow::bail!("{}: no sentence could be read", args.gold.display());
    }
    let start = Instant::now();
    let analyzer = analyzer(&args.models, args.beam)?;
    let loaded = start.elapsed();
    let start = Instant::now();
    let predicted = analyzer.annotate_conllu(&gold);
    let annotated = start.elapsed();
    let scores = eval::tagging_scores(&gold, &predicted);
    let (tokens, sentences) = eval::segmentation_scores_by(&gold, |t| analyzer.segment(t));
    println!("gold file        {}", args.gold.display());
    println!("on gold tokens   {scores}");
    println!("LAS full labels  {:.2}", eval::las_full(&gold, &predicted));
    println!("from raw text    tokens    {tokens}");
    println!("                 sentences {sentences}");
    println!(
        "timing           models loaded in {:.0?}; tagged and parsed {} words in {:.0?}",
        loaded, scores.words, annotated
    );
    if unread.is_empty() {
        println!("could not read   none");
    } else {
        println!(
            "could not read   {} sentences (left out of every score):",
            unread.len()
        );
        for e in &unread {
            println!("                 {e}");
        }
    }
    Ok(())
}

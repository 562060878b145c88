//! `chronicle train`, `chronicle parse` and `chronicle eval conllu`: the language-core commands.

use std::path::PathBuf;

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
}

/// Arguments of `chronicle parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// Raw text files to parse (standard input when none).
    pub files: Vec<PathBuf>,
    /// Keep the gold tokenisation of this CoNLL-U file and predict tags, lemmas and the parse.
    #[arg(long)]
    pub input_conllu: Option<PathBuf>,
}

/// Arguments of `chronicle eval conllu`.
#[derive(Debug, clap::Args)]
pub struct EvalConlluArgs {
    /// Gold CoNLL-U file.
    pub gold: PathBuf,
}

pub fn train(_args: &TrainArgs) -> anyhow::Result<()> {
    anyhow::bail!("training is not implemented yet")
}

pub fn parse(_args: &ParseArgs) -> anyhow::Result<()> {
    anyhow::bail!("parsing is not implemented yet")
}

pub fn eval_conllu(_args: &EvalConlluArgs) -> anyhow::Result<()> {
    anyhow::bail!("CoNLL-U evaluation is not implemented yet")
}

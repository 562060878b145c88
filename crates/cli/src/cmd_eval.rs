//! `chronicle eval seeds`, `meantime`, `plover` and `all`: the evaluations that span stages.

use std::path::PathBuf;

/// Arguments of `chronicle eval seeds`.
#[derive(Debug, clap::Args)]
pub struct EvalSeedsArgs {
    /// Folder of gold annotations (`*.json`).
    #[arg(long, default_value = "../shared/eval/seeds")]
    pub gold: PathBuf,
    /// Folder of the seed articles and their `meta.jsonl`.
    #[arg(long, default_value = "examples")]
    pub seeds: PathBuf,
}

/// Arguments of `chronicle eval meantime`.
#[derive(Debug, clap::Args)]
pub struct EvalMeantimeArgs {
    #[arg(long, default_value = "../shared/data/meantime")]
    pub data: PathBuf,
}

/// Arguments of `chronicle eval plover`.
#[derive(Debug, clap::Args)]
pub struct EvalPloverArgs {
    #[arg(long, default_value = "../shared/data/plover")]
    pub data: PathBuf,
}

pub fn eval_seeds(_args: &EvalSeedsArgs) -> anyhow::Result<()> {
    anyhow::bail!("seed evaluation is not implemented yet")
}

pub fn eval_meantime(_args: &EvalMeantimeArgs) -> anyhow::Result<()> {
    anyhow::bail!("MEANTIME evaluation is not implemented yet")
}

pub fn eval_plover(_args: &EvalPloverArgs) -> anyhow::Result<()> {
    anyhow::bail!("PLOVER evaluation is not implemented yet")
}

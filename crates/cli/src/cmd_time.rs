//! `chronicle eval tempeval` and `chronicle eval recognizers`: dates and numbers measured.

use std::path::PathBuf;

/// Arguments of `chronicle eval tempeval`.
#[derive(Debug, clap::Args)]
pub struct EvalTempevalArgs {
    /// The TempEval-3 TBAQ-cleaned folder.
    #[arg(long, default_value = "../shared/data/tempeval3/TBAQ-cleaned")]
    pub data: PathBuf,
}

/// Arguments of `chronicle eval recognizers`.
#[derive(Debug, clap::Args)]
pub struct EvalRecognizersArgs {
    /// The Recognizers-Text specs folder.
    #[arg(long, default_value = "../shared/data/recognizers-text-specs")]
    pub data: PathBuf,
}

pub fn eval_tempeval(_args: &EvalTempevalArgs) -> anyhow::Result<()> {
    anyhow::bail!("TempEval-3 evaluation is not implemented yet")
}

pub fn eval_recognizers(_args: &EvalRecognizersArgs) -> anyhow::Result<()> {
    anyhow::bail!("Recognizers-Text evaluation is not implemented yet")
}

//! `chronicle eval wcxb`: main-content extraction measured on the WCXB benchmark.

use std::path::PathBuf;

/// Arguments of `chronicle eval wcxb`.
#[derive(Debug, clap::Args)]
pub struct EvalWcxbArgs {
    /// The WCXB folder (with `dev/html` and `dev/ground-truth`).
    #[arg(long, default_value = "../shared/data/wcxb")]
    pub data: PathBuf,
}

pub fn eval_wcxb(_args: &EvalWcxbArgs) -> anyhow::Result<()> {
    anyhow::bail!("WCXB evaluation is not implemented yet")
}

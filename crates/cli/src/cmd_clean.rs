//! `chronicle eval wcxb`: main-content extraction measured on the WCXB benchmark.

use std::path::PathBuf;

/// Arguments of `chronicle eval wcxb`.
#[derive(Debug, clap::Args)]
pub struct EvalWcxbArgs {
    /// The WCXB folder (with `dev/html` and `dev/ground-truth`).
    #[arg(long, default_value = "../shared/data/wcxb")]
    pub data: PathBuf,
    /// The split to evaluate (`dev`; `test` when its HTML is present).
    #[arg(long, default_value = "dev")]
    pub split: String,
    /// Also list every page's F1, worst first.
    #[arg(long)]
    pub pages: bool,
}

/// Prints word precision, recall and F1 overall and per page type, title and date accuracy,
/// pages per second, the metric's definition, and the files it could not read.
pub fn eval_wcxb(args: &EvalWcxbArgs) -> anyhow::Result<()> {
    let dir = args.data.join(&args.split);
    let report = chronicle_clean::wcxb::evaluate(&dir, |_| true)
        .map_err(|e| anyhow::anyhow!("cannot read WCXB ground truth in {}: {e}", dir.display()))?;
    chronicle_clean::wcxb::print_report(&report, &args.split);
    if args.pages {
        let mut pages = report.per_page.clone();
        pages.sort_by(|a, b| a.2.total_cmp(&b.2));
        for (id, page_type, f1) in pages {
            println!("{id} {page_type} {f1:.3}");
        }
    }
    Ok(())
}

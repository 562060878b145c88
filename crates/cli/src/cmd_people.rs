//! `chronicle quotes`, `chronicle eval uner` and `chronicle eval polnear`: who said what.

use crate::Global;
use std::path::PathBuf;

/// Arguments of `chronicle quotes`.
#[derive(Debug, clap::Args)]
pub struct QuotesArgs {
    /// Only quotations whose speaker matches this name (case-insensitive, any spelling known).
    #[arg(long)]
    pub speaker: Option<String>,
    /// One JSON object per quotation.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `chronicle eval uner`.
#[derive(Debug, clap::Args)]
pub struct EvalUnerArgs {
    /// The UNER English folder (IOB2 files).
    #[arg(long, default_value = "../shared/data/uner-english")]
    pub data: PathBuf,
}

/// Arguments of `chronicle eval polnear`.
#[derive(Debug, clap::Args)]
pub struct EvalPolnearArgs {
    /// The PolNeAR folder (brat standoff).
    #[arg(long, default_value = "../shared/data/polnear")]
    pub data: PathBuf,
}

/// Whether the quotation's speaker answers to `wanted` (already normalised): its name, any
/// mention of its entity, or its surname.
fn speaker_matches(
    doc: &chronicle_core::Document,
    q: &chronicle_core::facts::Quote,
    wanted: &str,
) -> bool {
    use chronicle_facts::entities::lexicon::normalize;
    let mut names: Vec<String> = q.speaker.iter().map(|s| normalize(s)).collect();
    if let Some(e) = q.speaker_entity.and_then(|i| doc.layers.entities.get(i)) {
        names.push(normalize(&e.name));
        names.extend(e.mentions.iter().map(|m| normalize(&m.text)));
        names.extend(e.aliases.iter().map(|a| normalize(a)));
    }
    names.iter().any(|n| {
        n == wanted || n.rsplit(' ').next() == Some(wanted) || n.contains(&format!(" {wanted}"))
    })
}

pub fn quotes(global: &Global, args: &QuotesArgs) -> anyhow::Result<i32> {
    use anyhow::Context;
    use std::io::Write;
    let dir = &global.data_dir;
    if !dir.join(chronicle_store::DB_FILE).exists() {
        anyhow::bail!(
            "no store in {} yet: run `chronicle ingest PATH...` first (or pass --data-dir)",
            dir.display()
        );
    }
    let store = chronicle_store::Store::open(dir)
        .with_context(|| format!("cannot open the store in {}", dir.display()))?;
    let wanted = args
        .speaker
        .as_deref()
        .map(chronicle_facts::entities::lexicon::normalize);
    let mut out = std::io::stdout().lock();
    let mut n = 0usize;
    store.for_each_document(&mut |doc| {
        for q in &doc.layers.quotes {
            if let Some(w) = &wanted {
                if !speaker_matches(&doc, q, w) {
                    continue;
                }
            }
            n += 1;
            let published = doc.meta.published.as_deref().map(|p| &p[..p.len().min(10)]);
            if args.json {
                let v = serde_json::json!({
                    "doc": doc.id, "source": doc.source.path, "outlet": doc.meta.outlet,
                    "published": published, "speaker": q.speaker, "kind": q.kind, "cue": q.cue,
                    "text": q.text, "start": q.span.start, "end": q.span.end,
                    "speaker_span": q.speaker_span.map(|s| [s.start, s.end]),
                    "cue_span": q.cue_span.map(|s| [s.start, s.end]),
                });
                let _ = writeln!(out, "{v}");
            } else {
                let _ = writeln!(
                    out,
                    "{} | {} | {} | {} ({}) [{}..{}] {}\n    {}",
                    q.speaker.as_deref().unwrap_or("(unattributed)"),
                    doc.meta.outlet.as_deref().unwrap_or("-"),
                    published.unwrap_or("-"),
                    q.kind,
                    q.cue.as_deref().unwrap_or("-"),
                    q.span.start,
                    q.span.end,
                    &doc.id[..12.min(doc.id.len())],
                    q.text.split_whitespace().collect::<Vec<_>>().join(" "),
                );
            }
        }
        Ok(())
    })?;
    if !args.json {
        let _ = writeln!(out, "{n} quotation(s)");
    }
    Ok(if n == 0 { 1 } else { 0 })
}

pub fn eval_uner(_args: &EvalUnerArgs) -> anyhow::Result<()> {
    anyhow::bail!("UNER evaluation is not implemented yet")
}

pub fn eval_polnear(_args: &EvalPolnearArgs) -> anyhow::Result<()> {
    anyhow::bail!("PolNeAR evaluation is not implemented yet")
}

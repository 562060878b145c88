//! `chronicle extract`: run the whole pipeline on files and write one JSON record per input in
//! the evaluation format (`../shared/eval/FORMAT.md`), without touching the store.

use crate::cmd_ingest::MetaArgs;
use crate::pipeline::{eval_record, Options, Pipeline};
use crate::Global;
use anyhow::Context;
use chronicle_ingest::{Item, Limits, Severity};
use std::path::{Path, PathBuf};

/// Arguments of `chronicle extract`.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Input files or folders (same formats as `ingest`).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output folder; one `<input name without extension>.json` per document.
    #[arg(long, short)]
    pub out: PathBuf,
    #[command(flatten)]
    pub meta: MetaArgs,
    /// Exit with status 3 when any input had a problem (an error or a warning; default: only
    /// when nothing was written).
    #[arg(long)]
    pub strict: bool,
}

/// The output name of a document: the input's file name without its extensions, plus the
/// record for multi-document containers (`feed.line-3`).
fn output_name(path: &str, record: Option<&str>) -> String {
    let file = Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("doc");
    let mut stem = file.to_string();
    for ext in [".gz", ".zst", ".zstd"] {
        if let Some(s) = stem.strip_suffix(ext) {
            stem = s.to_string();
        }
    }
    if let Some((s, _)) = stem.rsplit_once('.') {
        if !s.is_empty() {
            stem = s.to_string();
        }
    }
    match record {
        Some(r) => {
            let r: String = r.split(" @").next().unwrap_or(r).replace(' ', "-");
            format!("{stem}.{r}")
        }
        None => stem,
    }
}

/// `wanted`, or `wanted.2`, `wanted.3`… when an earlier input of the run took it; records the
/// name as taken by `place`.
fn unique_name(
    wanted: &str,
    taken: &mut std::collections::HashMap<String, String>,
    place: &str,
) -> String {
    let mut name = wanted.to_string();
    let mut n = 1;
    while taken.contains_key(&name) {
        n += 1;
        name = format!("{wanted}.{n}");
    }
    taken.insert(name.clone(), place.to_string());
    name
}

pub fn run(global: &Global, args: &ExtractArgs) -> anyhow::Result<i32> {
    let (sidecar, defaults) = args.meta.load()?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let pipeline = Pipeline::new(Options {
        defaults,
        no_analyze: false,
    });
    let limits = Limits::default();
    let (mut written, mut errors, mut warnings) = (0usize, 0usize, 0usize);
    let mut failure = None;
    // Output names already written, with the input that took each: two inputs with the same
    // name (a/x.txt and b/x.txt, x.txt and x.html) must not overwrite each other's results.
    let mut taken: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    // A spinner on a terminal (hidden with --quiet or when standard error is redirected); the
    // problem lines are printed above it.
    let progress = crate::cmd_ingest::progress_bar(global.quiet);
    let say = |line: String| progress.suspend(|| eprintln!("{line}"));
    for path in &args.files {
        chronicle_ingest::read_path_with(path, &limits, &sidecar, &mut |item| match item {
            Item::Problem(p) => {
                match p.severity {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                }
                say(p.to_string());
            }
            Item::Doc(raw) => {
                let place = raw.source.place();
                let wanted = output_name(&raw.source.path, raw.source.record.as_deref());
                let name = unique_name(&wanted, &mut taken, &place);
                if name != wanted {
                    warnings += 1;
                    say(format!(
                        "warning: {place}: {wanted}.json is already the output of {}; written as {name}.json",
                        taken[&wanted]
                    ));
                }
                let doc_name = Path::new(&raw.source.path)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string();
                let doc = match pipeline.run_guarded(raw) {
                    Ok(doc) => doc,
                    Err(message) => {
                        errors += 1;
                        say(format!("error: {place}: {message}"));
                        return;
                    }
                };
                for w in crate::pipeline::input_warnings(&doc) {
                    warnings += 1;
                    say(format!("warning: {w}"));
                }
                let record = eval_record(&doc, &doc_name);
                let target = args.out.join(format!("{name}.json"));
                let result = serde_json::to_string_pretty(&record)
                    .map_err(anyhow::Error::from)
                    .and_then(|json| {
                        std::fs::write(&target, json + "\n").map_err(anyhow::Error::from)
                    });
                match result {
                    Ok(()) => {
                        written += 1;
                        progress.set_position(written as u64);
                        progress.set_message(format!("written, last {name}.json"));
                    }
                    Err(e) => {
                        failure = Some(e.context(format!("cannot write {}", target.display())))
                    }
                }
            }
        });
        if let Some(e) = failure.take() {
            return Err(e);
        }
    }
    progress.finish_and_clear();
    if !global.quiet {
        eprintln!(
            "wrote {written} file(s) to {}; {errors} error(s), {warnings} warning(s)",
            args.out.display()
        );
    }
    // As `ingest`: with --strict, warnings (a guessed charset, a renamed output) count too.
    Ok(if written == 0 || (args.strict && errors + warnings > 0) {
        3
    } else {
        0
    })
}

#[cfg(test)]
mod tests {
    use super::{output_name, unique_name};

    #[test]
    fn the_same_name_twice_gets_a_number() {
        let mut taken = std::collections::HashMap::new();
        assert_eq!(unique_name("x", &mut taken, "a/x.txt"), "x");
        assert_eq!(unique_name("x", &mut taken, "b/x.txt"), "x.2");
        assert_eq!(unique_name("x", &mut taken, "x.html"), "x.3");
        assert_eq!(taken["x.2"], "b/x.txt");
    }

    #[test]
    fn names() {
        assert_eq!(output_name("examples/000_abc.txt", None), "000_abc");
        assert_eq!(output_name("a/b.html.gz", None), "b");
        assert_eq!(output_name("feed.jsonl", Some("line 3")), "feed.line-3");
        assert_eq!(
            output_name("crawl.warc.gz", Some("record 2 @ byte 99")),
            "crawl.record-2"
        );
    }
}

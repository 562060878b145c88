//! `chronicle ingest`: read inputs, run the pipeline in parallel, store in batches.
//!
//! One reader thread walks the inputs and streams items; worker threads skip documents already
//! stored (by content hash) and run the pipeline on the others; the main thread writes batches
//! in single transactions and reports. A document counts as ingested once its batch commits.

use crate::pipeline::{Options, Pipeline};
use crate::Global;
use anyhow::Context;
use chronicle_ingest::{Item, Limits, Problem, RawDoc, Severity, Sidecar, Signature};
use chronicle_store::{LogLine, Prepared, RunCounts, Store, StoredOutcome};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Arguments of `chronicle ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files or folders (read recursively): .txt, .html/.htm, .jsonl/.ndjson, .warc, each
    /// optionally compressed as .gz or .zst. A folder's meta.jsonl gives its files' metadata.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub meta: MetaArgs,
    /// Exit with status 3 when any input had a problem (default: only when nothing was read).
    #[arg(long)]
    pub strict: bool,
    /// Only decode, clean and store; skip the language and fact stages.
    #[arg(long)]
    pub no_analyze: bool,
    /// Worker threads (default: the number of cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Largest single document read, in megabytes.
    #[arg(long, default_value_t = 32)]
    pub max_doc_mb: u64,
    /// Print the summary as JSON on standard output.
    #[arg(long)]
    pub json: bool,
}

/// Metadata options shared by `ingest` and `extract`.
#[derive(Debug, Clone, clap::Args)]
pub struct MetaArgs {
    /// A sidecar file of metadata: one JSON object per line with `file` (the article's file
    /// name) and any of `published`, `outlet`, `title`, `url`, `author`.
    #[arg(long, value_name = "META.jsonl", value_parser = file_arg)]
    pub meta: Option<PathBuf>,
    /// Publication date (YYYY-MM-DD) for documents that have none.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub published: Option<String>,
    /// Outlet name for documents that have none.
    #[arg(long)]
    pub outlet: Option<String>,
}

/// Checks that `--meta` names a file while the arguments are parsed: a missing one is wrong
/// usage (exit status 2) reported before any work, as a bad `--published` is.
fn file_arg(value: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(value);
    if path.is_file() {
        Ok(path)
    } else if path.exists() {
        Err("not a file".into())
    } else {
        Err("no such file".into())
    }
}

/// Checks `--published` while the arguments are parsed, so a bad date is wrong usage (exit
/// status 2) reported before any work.
fn date_arg(value: &str) -> Result<String, String> {
    chronicle_ingest::parse_date(value)
        .map(|_| value.to_string())
        .ok_or_else(|| "not a date like 2019-04-29".to_string())
}

impl MetaArgs {
    pub fn load(&self) -> anyhow::Result<(Sidecar, chronicle_core::Metadata)> {
        let mut sidecar = Sidecar::default();
        if let Some(path) = &self.meta {
            let (s, problems) = Sidecar::load(path)
                .with_context(|| format!("cannot read metadata file {}", path.display()))?;
            for (line, msg) in problems {
                eprintln!("warning: {}: line {line}: {msg}", path.display());
            }
            sidecar = s;
        }
        let mut defaults = chronicle_core::Metadata::default();
        if let Some(p) = &self.published {
            let date = chronicle_ingest::parse_date(p)
                .with_context(|| format!("--published {p:?} is not a date like 2019-04-29"))?;
            defaults.published = Some(date);
            defaults.published_source = Some("flag".into());
        }
        defaults.outlet.clone_from(&self.outlet);
        Ok((sidecar, defaults))
    }
}

enum Processed {
    Doc(Box<Prepared>),
    Known { id: String, raw: Box<RawDoc> },
    Problem(Problem),
}

/// Summary of a run, printed at the end (and as JSON with --json).
#[derive(Debug, Default, serde::Serialize)]
struct Summary {
    data_dir: String,
    run: i64,
    added: u64,
    unchanged: u64,
    errors: u64,
    warnings: u64,
    copies: u64,
    bytes: u64,
    seconds: f64,
    documents_per_second: f64,
}

pub fn run(global: &Global, args: &IngestArgs) -> anyhow::Result<i32> {
    let started = Instant::now();
    let (sidecar, defaults) = args.meta.load()?;
    let mut store = Store::open(&global.data_dir)
        .with_context(|| format!("cannot open the store in {}", global.data_dir.display()))?;
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let run_id = store.begin_run(&command)?;
    let limits = Limits {
        max_doc_bytes: args.max_doc_mb * 1024 * 1024,
    };
    let jobs = args.jobs.unwrap_or_else(num_cpus::get).max(1);
    let pipeline = Pipeline::new(Options {
        defaults,
        no_analyze: args.no_analyze,
    });
    let (item_tx, item_rx) = crossbeam_channel::bounded::<(usize, Item)>(jobs * 16);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<(usize, Processed)>(jobs * 16);
    let mut summary = Summary {
        data_dir: global.data_dir.display().to_string(),
        run: run_id,
        ..Summary::default()
    };
    let progress = progress_bar(global.quiet);
    let mut write_error = None;
    let mut found: Vec<String> = Vec::new();
    std::thread::scope(|scope| {
        let paths = &args.paths;
        let sidecar = &sidecar;
        let limits = &limits;
        scope.spawn(move || {
            let mut ordinal = 0;
            for path in paths {
                chronicle_ingest::read_path_with(path, limits, sidecar, &mut |item| {
                    let _ = item_tx.send((ordinal, item));
                    ordinal += 1;
                });
            }
        });
        for _ in 0..jobs {
            let item_rx = item_rx.clone();
            let out_tx = out_tx.clone();
            let pipeline = &pipeline;
            let data_dir = &global.data_dir;
            scope.spawn(move || {
                let reader = Store::open(data_dir).ok();
                for (ordinal, item) in item_rx {
                    let processed = match item {
                        Item::Problem(p) => Processed::Problem(p),
                        Item::Doc(raw) => {
                            let id = chronicle_core::content_hash(&raw.raw);
                            if reader
                                .as_ref()
                                .is_some_and(|s| s.contains(&id).unwrap_or(false))
                            {
                                Processed::Known {
                                    id,
                                    raw: Box::new(raw),
                                }
                            } else {
                                let is_html = raw.is_html;
                                let given_id = raw.given_id.clone();
                                let (path, record) =
                                    (raw.source.path.clone(), raw.source.record.clone());
                                match pipeline.run_guarded(raw) {
                                    Ok(doc) => {
                                        let signature = Signature::of(&doc.clean.text);
                                        Processed::Doc(Box::new(Prepared {
                                            doc,
                                            is_html,
                                            given_id,
                                            signature,
                                        }))
                                    }
                                    Err(message) => Processed::Problem(Problem {
                                        path,
                                        record,
                                        severity: Severity::Error,
                                        message,
                                    }),
                                }
                            }
                        }
                    };
                    if out_tx.send((ordinal, processed)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(out_tx);
        drop(item_rx);
        // The writer: batches of up to 256 documents or half a second, one transaction each.
        let mut batch: Vec<Prepared> = Vec::new();
        let mut log: Vec<LogLine> = Vec::new();
        let mut last_flush = Instant::now();
        let found = &mut found;
        let mut flush =
            |batch: &mut Vec<Prepared>, log: &mut Vec<LogLine>, summary: &mut Summary| {
                if batch.is_empty() && log.is_empty() {
                    return Ok(());
                }
                let outcomes = store.store_batch(run_id, batch, log)?;
                for (p, o) in batch.iter().zip(&outcomes) {
                    summary.bytes += p.doc.raw.len() as u64;
                    match o {
                        StoredOutcome::Added { copies } => {
                            summary.added += 1;
                            summary.copies += copies.len() as u64;
                            if found.len() < MAX_FOUND_LINES {
                                found.push(found_line(&p.doc, copies));
                            }
                        }
                        StoredOutcome::Unchanged => summary.unchanged += 1,
                    }
                }
                batch.clear();
                log.clear();
                anyhow::Ok(())
            };
        // Workers finish out of order; a reorder buffer stores documents in input order, so
        // document numbers are the same on every run over the same inputs.
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0usize;
        let mut in_order = out_rx.iter().flat_map(|(ordinal, processed)| {
            pending.insert(ordinal, processed);
            let mut ready = Vec::new();
            while let Some(p) = pending.remove(&next) {
                ready.push(p);
                next += 1;
            }
            ready
        });
        for processed in &mut in_order {
            match processed {
                Processed::Doc(p) => {
                    for w in crate::pipeline::input_warnings(&p.doc) {
                        summary.warnings += 1;
                        progress.suspend(|| eprintln!("warning: {w}"));
                    }
                    batch.push(*p)
                }
                Processed::Known { id, raw } => {
                    // Already stored: record the sighting without re-running the pipeline.
                    let doc = chronicle_core::Document {
                        id,
                        source: raw.source,
                        ..Default::default()
                    };
                    batch.push(Prepared {
                        doc,
                        is_html: raw.is_html,
                        given_id: None,
                        signature: Signature {
                            mins: Vec::new(),
                            shingles: 0,
                        },
                    });
                }
                Processed::Problem(p) => {
                    match p.severity {
                        Severity::Error => summary.errors += 1,
                        Severity::Warning => summary.warnings += 1,
                    }
                    progress.suspend(|| eprintln!("{p}"));
                    log.push(LogLine {
                        path: p.path.clone(),
                        record: p.record.clone(),
                        status: match p.severity {
                            Severity::Error => "error".into(),
                            Severity::Warning => "warning".into(),
                        },
                        message: p.message.clone(),
                    });
                }
            }
            if batch.len() >= 256 || last_flush.elapsed() > Duration::from_millis(500) {
                if let Err(e) = flush(&mut batch, &mut log, &mut summary) {
                    write_error = Some(e);
                    break;
                }
                last_flush = Instant::now();
                let done = summary.added + summary.unchanged;
                progress.set_message(format!(
                    "({:.0}/s): {} new, {} unchanged, {} problems",
                    done as f64 / started.elapsed().as_secs_f64().max(1e-3),
                    summary.added,
                    summary.unchanged,
                    summary.errors + summary.warnings
                ));
                progress.set_position(summary.added + summary.unchanged);
            }
        }
        if write_error.is_none() {
            if let Err(e) = flush(&mut batch, &mut log, &mut summary) {
                write_error = Some(e);
            }
        }
        // Dropping the receiver stops the workers if the writer failed.
        drop(out_rx);
    });
    progress.finish_and_clear();
    if let Some(e) = write_error {
        return Err(e.context(format!(
            "writing to the store in {}",
            global.data_dir.display()
        )));
    }
    let counts = RunCounts {
        added: summary.added,
        unchanged: summary.unchanged,
        problems: summary.errors + summary.warnings,
    };
    store.finish_run(run_id, counts)?;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.documents_per_second =
        (summary.added + summary.unchanged) as f64 / summary.seconds.max(1e-9);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else if !global.quiet {
        if !found.is_empty() {
            println!("found in the new documents:");
            for line in &found {
                println!("{line}");
            }
            if summary.added as usize > found.len() {
                println!(
                    "  … and {} more (chronicle list)",
                    summary.added as usize - found.len()
                );
            }
        }
        eprintln!(
            "ingested {} new document(s), {} unchanged, {} error(s), {} warning(s); {} copy relation(s); {:.2} s ({:.0} docs/s) into {}",
            summary.added,
            summary.unchanged,
            summary.errors,
            summary.warnings,
            summary.copies,
            summary.seconds,
            summary.documents_per_second,
            summary.data_dir
        );
    }
    let read_any = summary.added + summary.unchanged > 0;
    Ok(
        if !read_any || (args.strict && summary.errors + summary.warnings > 0) {
            3
        } else {
            0
        },
    )
}

/// How many new documents the end-of-run report describes one by one.
const MAX_FOUND_LINES: usize = 20;

/// One line of the end-of-run report: what was found in a new document.
fn found_line(doc: &chronicle_core::Document, copies: &[chronicle_store::CopyRelation]) -> String {
    let l = &doc.layers;
    let name = doc.meta.title.clone().unwrap_or_else(|| {
        let file = doc.source.path.rsplit('/').next().unwrap_or_default();
        match &doc.source.record {
            Some(r) => format!("{file} ({r})"),
            None => file.to_string(),
        }
    });
    let mut line = format!(
        "  {} [{}] {}: {} words; {} entities, {} quotations, {} dates, {} figures",
        &doc.id[..8],
        doc.meta
            .published
            .as_deref()
            .map_or("no date", |p| &p[..p.len().min(10)]),
        name,
        doc.clean.text.split_whitespace().count(),
        l.entities.len(),
        l.quotes.len(),
        l.timexes.len(),
        l.claims.len()
    );
    if let Some(q) = l.quotes.first() {
        // The report adds its own quotation marks: drop those the quotation starts or ends with.
        let text = q.text.trim_matches(['“', '”', '"']);
        let words: Vec<&str> = text.split_whitespace().take(12).collect();
        line.push_str(&format!(
            "\n      e.g. {} said: “{}…”",
            q.speaker.as_deref().unwrap_or("?"),
            words.join(" ")
        ));
    }
    for c in copies {
        let syndicated = if c.cross_outlet { ", syndicated" } else { "" };
        line.push_str(&format!(
            "\n      {} copy of {}{syndicated}",
            c.kind,
            &c.doc_a[..8]
        ));
    }
    line
}

pub(crate) fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {elapsed_precise} {pos} documents {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

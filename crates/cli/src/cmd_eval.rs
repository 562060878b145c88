//! `chronicle eval seeds`, `meantime`, `plover`: the evaluations that span stages.

use crate::pipeline::{eval_record, Options, Pipeline};
use anyhow::Context;
use chronicle_eval::seeds;
use chronicle_ingest::{Item, Limits, Sidecar};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Arguments of `chronicle eval seeds`.
#[derive(Debug, clap::Args)]
pub struct EvalSeedsArgs {
    /// Folder of gold annotations (`*.json`, one per article).
    #[arg(long, default_value = "../shared/eval/seeds")]
    pub gold: PathBuf,
    /// Folder of the seed articles and their `meta.jsonl` (publication dates).
    #[arg(long, default_value = "examples")]
    pub seeds: PathBuf,
    /// List every miss, extra and wrong value per document.
    #[arg(long, short)]
    pub verbose: bool,
    /// Print the table as JSON (the same shape as `score.py --json`).
    #[arg(long)]
    pub json: bool,
    /// A JSON file of minimum F1 per task (`{"quotes_span": 0.9, ...}`): exit with status 4
    /// when any task scores below its floor. CI uses this to catch regressions.
    #[arg(long, value_name = "FLOORS.json")]
    pub floors: Option<PathBuf>,
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

/// Runs the whole pipeline on the seed articles and scores it against the gold, with the rules
/// of `../shared/eval/score.py`. Returns the exit status (4 when a floor is missed).
pub fn eval_seeds(args: &EvalSeedsArgs) -> anyhow::Result<i32> {
    if !args.gold.is_dir() {
        eprintln!(
            "skipped: no gold folder at {} (the seed gold lives in ../shared/eval/seeds)",
            args.gold.display()
        );
        return Ok(0);
    }
    let meta = args.seeds.join("meta.jsonl");
    let sidecar = if meta.is_file() {
        Sidecar::load(&meta)
            .with_context(|| format!("cannot read {}", meta.display()))?
            .0
    } else {
        Sidecar::default()
    };
    let pipeline = Pipeline::new(Options::default());
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(&args.gold)
        .with_context(|| format!("cannot list {}", args.gold.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    gold_files.sort();
    let mut total = seeds::Counts::default();
    let mut unreadable = Vec::new();
    for gpath in &gold_files {
        let gold: serde_json::Value = match std::fs::read_to_string(gpath)
            .map_err(anyhow::Error::from)
            .and_then(|s| serde_json::from_str(&s).map_err(anyhow::Error::from))
        {
            Ok(g) => g,
            Err(e) => {
                unreadable.push(format!("{}: {e}", gpath.display()));
                continue;
            }
        };
        let name = gold["doc"].as_str().unwrap_or_default().to_string();
        let article = args.seeds.join(&name);
        let Ok(text) = std::fs::read_to_string(&article) else {
            unreadable.push(format!(
                "{}: the article {name} is not in {}",
                gpath.display(),
                args.seeds.display()
            ));
            continue;
        };
        let pred = predict(&pipeline, &article, &sidecar, &name);
        let mut log = Vec::new();
        total.merge(&seeds::score_doc(&gold, &pred, &text, &mut log));
        if args.verbose && !log.is_empty() {
            println!(
                "# {}\n{}",
                gpath.file_name().unwrap_or_default().to_string_lossy(),
                log.join("\n")
            );
        }
    }
    for u in &unreadable {
        eprintln!("could not read: {u}");
    }
    let rows = seeds::summarize(&total);
    if args.json {
        let map: BTreeMap<&str, &seeds::Row> = rows.iter().map(|(k, r)| (*k, r)).collect();
        println!("{}", serde_json::to_string_pretty(&map)?);
    } else {
        print!("{}", seeds::format_table(&rows));
        println!(
            "\n{} documents. Metric definitions: ../shared/eval/FORMAT.md (\"How it matches\"); \
             the same rules as ../shared/eval/score.py.",
            gold_files.len() - unreadable.len()
        );
    }
    let Some(floors) = &args.floors else {
        return Ok(0);
    };
    let floors: BTreeMap<String, f64> = serde_json::from_str(
        &std::fs::read_to_string(floors)
            .with_context(|| format!("cannot read {}", floors.display()))?,
    )
    .with_context(|| {
        format!(
            "{} is not a JSON object of task → minimum F1",
            floors.display()
        )
    })?;
    let mut below = 0;
    for (task, floor) in &floors {
        match rows.iter().find(|(k, _)| k == task) {
            Some((_, r)) if r.f1 + 1e-9 < *floor => {
                eprintln!("below floor: {task} F1 {:.3} < {floor:.3}", r.f1);
                below += 1;
            }
            Some(_) => {}
            None => {
                eprintln!("unknown task in floors: {task}");
                below += 1;
            }
        }
    }
    Ok(if below > 0 { 4 } else { 0 })
}

/// The pipeline's record for one article (an empty record when the article cannot be read).
fn predict(
    pipeline: &Pipeline,
    article: &Path,
    sidecar: &Sidecar,
    name: &str,
) -> serde_json::Value {
    let mut record = serde_json::json!({});
    chronicle_ingest::read_path_with(
        article,
        &Limits::default(),
        sidecar,
        &mut |item| match item {
            Item::Doc(raw) => record = eval_record(&pipeline.run(raw), name),
            Item::Problem(p) => eprintln!("{p}"),
        },
    );
    record
}

pub fn eval_meantime(_args: &EvalMeantimeArgs) -> anyhow::Result<()> {
    anyhow::bail!("MEANTIME evaluation is not implemented yet")
}

pub fn eval_plover(_args: &EvalPloverArgs) -> anyhow::Result<()> {
    anyhow::bail!("PLOVER evaluation is not implemented yet")
}

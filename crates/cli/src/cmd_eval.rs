//! `chronicle eval seeds`, `meantime`, `plover`: the evaluations that span stages.

use crate::pipeline::{eval_record, Options, Pipeline};
use anyhow::Context;
use chronicle_core::{Document, Metadata, SourceFormat, SourceRef};
use chronicle_eval::{meantime, plover, seeds};
use chronicle_ingest::{Body, Item, Limits, RawDoc, Sidecar};
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
    /// The MEANTIME folder (searched for `intra-doc_annotation/**/*.xml`).
    #[arg(long, default_value = "../shared/data/meantime")]
    pub data: PathBuf,
    /// List every missed and extra entity mention and every missed or wrongly valued timex
    /// (with --cross-document: every pair of reports linked wrongly or not linked).
    #[arg(long, short)]
    pub verbose: bool,
    /// Score instead the linking of one entity across documents (`chronicle entities`) against
    /// the cross-document annotation: pairs of entities of two documents, the same instance or
    /// not.
    #[arg(long)]
    pub cross_document: bool,
}

/// Arguments of `chronicle eval plover`.
#[derive(Debug, clap::Args)]
pub struct EvalPloverArgs {
    /// The PLOVER folder (with `gold_standard_records/PLOVER_GSR_CAMEO.txt`) or that file.
    #[arg(long, default_value = "../shared/data/plover")]
    pub data: PathBuf,
}

/// Runs the whole pipeline on the seed articles and scores it against the gold, with the rules
/// of `../shared/eval/score.py`. Returns the exit status (4 when a floor is missed).
pub fn eval_seeds(args: &EvalSeedsArgs) -> anyhow::Result<i32> {
    // A missing gold set is an error, as for every other `eval` command (it used to print
    // "skipped" and exit 0, which a script could read as a pass).
    if !args.gold.is_dir() {
        anyhow::bail!(
            "no gold folder at {} (the seed gold lives in ../shared/eval/seeds)",
            args.gold.display()
        );
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

/// Runs the pipeline on a plain text with a publication date, as if read from a file.
fn run_text(pipeline: &Pipeline, name: &str, text: &str, published: Option<&str>) -> Document {
    let raw = RawDoc {
        source: SourceRef {
            path: name.to_string(),
            record: None,
            compression: None,
        },
        container: SourceFormat::Text,
        is_html: false,
        raw: text.as_bytes().to_vec(),
        body: Body::Whole,
        meta: Metadata {
            published: published.map(String::from),
            published_source: published.map(|_| "gold".to_string()),
            ..Metadata::default()
        },
        given_id: None,
    };
    pipeline.run(raw)
}

/// Every `*.xml` under `dir`, sorted.
fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            xml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
}

/// Reads MEANTIME CAT XML files: each readable one's file name and document, in order, and a
/// line naming each other file and its problem.
fn read_cats(files: &[PathBuf]) -> (Vec<(String, meantime::Doc)>, Vec<String>) {
    let mut read = Vec::new();
    let mut unreadable = Vec::new();
    for path in files {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|x| meantime::parse_cat(&name, &x))
        {
            Ok(doc) => read.push((name.to_string(), doc)),
            Err(e) => unreadable.push(format!("{}: {e}", path.display())),
        }
    }
    (read, unreadable)
}

/// MEANTIME: named entity mentions (PER/ORG/LOC) and TIMEX3s, from the intra-document
/// annotation, scored by character offsets in the text rebuilt from the tokens.
pub fn eval_meantime(args: &EvalMeantimeArgs) -> anyhow::Result<()> {
    if !args.data.is_dir() {
        anyhow::bail!("MEANTIME folder not found: {}", args.data.display());
    }
    if args.cross_document {
        return eval_meantime_cross(args);
    }
    let mut files = Vec::new();
    xml_files(&args.data, &mut files);
    // The intra-document annotation holds the in-document entity types; the cross-document
    // folder repeats the same documents.
    let intra: Vec<PathBuf> = files
        .iter()
        .filter(|p| p.to_string_lossy().contains("intra-doc_annotation"))
        .cloned()
        .collect();
    if !intra.is_empty() {
        files = intra;
    }
    files.sort();
    let pipeline = Pipeline::new(Options::default());
    let (mut ents, mut tims) = (meantime::Counts::default(), meantime::Counts::default());
    let mut ents_scope = meantime::Counts::default();
    let mut unscored = 0usize;
    let (mut docs, mut skipped, mut words) = (0usize, 0usize, 0usize);
    let mut outside = (0usize, 0usize);
    let started = std::time::Instant::now();
    let (read, unreadable) = read_cats(&files);
    for (name, doc) in read {
        docs += 1;
        skipped += doc.skipped_mentions;
        words += doc.text.split_whitespace().count();
        let out = run_text(&pipeline, &name, &doc.text, doc.dct.as_deref());
        let mut pred_ents: Vec<meantime::Spanned> = out
            .layers
            .entities
            .iter()
            .filter_map(|e| Some((e, meantime::map_pred_type(&e.kind)?)))
            .flat_map(|(e, t)| {
                e.mentions.iter().map(move |m| meantime::Spanned {
                    start: m.span.start,
                    end: m.span.end,
                    label: t.to_string(),
                    value: None,
                })
            })
            .collect();
        let inside = |s: &meantime::Spanned| s.start >= doc.scored.0 && s.end <= doc.scored.1;
        pred_ents.retain(inside);
        pred_ents.sort_by_key(|s| (s.start, s.end));
        let mut pred_tims: Vec<meantime::Spanned> = out
            .layers
            .timexes
            .iter()
            .map(|t| meantime::Spanned {
                start: t.span.start,
                end: t.span.end,
                label: t.kind.clone(),
                value: t.value.clone(),
            })
            .collect();
        pred_tims.retain(inside);
        outside.0 += doc.outside.0;
        outside.1 += doc.outside.1;
        let (ce, ct) = (
            meantime::compare(&doc.entities, &pred_ents),
            meantime::compare(&doc.timexes, &pred_tims),
        );
        let pred_scope = meantime::in_scope(&doc, &pred_ents);
        ents_scope.merge(&meantime::compare(&doc.entities, &pred_scope));
        unscored += doc.unscored.len();
        if args.verbose {
            for g in &doc.entities {
                if !pred_ents
                    .iter()
                    .any(|p| p.start == g.start && p.end == g.end)
                {
                    let boundary = if pred_ents.iter().any(|p| p.start < g.end && g.start < p.end) {
                        " (boundary)"
                    } else {
                        ""
                    };
                    println!(
                        "{name}\tmissed {}{boundary}\t{:?}",
                        g.label,
                        &doc.text[g.start..g.end]
                    );
                }
            }
            for g in &doc.entities {
                let p = pred_ents
                    .iter()
                    .find(|p| p.start == g.start && p.end == g.end)
                    .or_else(|| {
                        pred_ents
                            .iter()
                            .find(|p| p.start < g.end && g.start < p.end)
                    });
                if let Some(p) = p.filter(|p| p.label != g.label) {
                    println!(
                        "{name}\twrong type {} as {}\t{:?}\tours {:?}",
                        g.label,
                        p.label,
                        &doc.text[g.start..g.end],
                        &doc.text[p.start..p.end]
                    );
                }
            }
            for p in &pred_ents {
                if !doc
                    .entities
                    .iter()
                    .any(|g| p.start == g.start && p.end == g.end)
                {
                    let scope = if pred_scope.contains(p) {
                        ""
                    } else {
                        " (out of scope)"
                    };
                    println!(
                        "{name}\textra {}{scope}\t{:?}",
                        p.label,
                        &doc.text[p.start..p.end]
                    );
                }
            }
            for p in &pred_tims {
                if !doc
                    .timexes
                    .iter()
                    .any(|g| p.start < g.end && g.start < p.end)
                {
                    println!("{name}\textra TIMEX3\t{:?}", &doc.text[p.start..p.end]);
                }
            }
            for g in &doc.timexes {
                match pred_tims
                    .iter()
                    .find(|p| p.start < g.end && g.start < p.end)
                {
                    None => println!("{name}\tmissed TIMEX3\t{:?}", &doc.text[g.start..g.end]),
                    Some(p) if p.value != g.value => println!(
                        "{name}\twrong value\t{:?}\tgold {:?}\tours {:?}",
                        &doc.text[g.start..g.end],
                        g.value.as_deref().unwrap_or(""),
                        p.value.as_deref().unwrap_or("")
                    ),
                    _ => {}
                }
            }
        }
        ents.merge(&ce);
        tims.merge(&ct);
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "MEANTIME English ({docs} documents, {words} words) in {}",
        args.data.display()
    );
    println!(
        "{:<28} {:>6} {:>6} {:>9} {:>9} {:>9}",
        "metric", "gold", "ours", "precision", "recall", "F1"
    );
    let row = |name: &str, c: &meantime::Counts, hits: usize| {
        let (p, r, f) = c.prf(hits);
        println!(
            "{name:<28} {:>6} {:>6} {p:>9.3} {r:>9.3} {f:>9.3}",
            c.gold, c.predicted
        );
    };
    row("entities, strict, typed", &ents, ents.strict_labelled);
    row("entities, strict, untyped", &ents, ents.strict);
    row("entities, relaxed, typed", &ents, ents.relaxed_labelled);
    row("entities, relaxed, untyped", &ents, ents.relaxed);
    row(
        "in scope, strict, typed",
        &ents_scope,
        ents_scope.strict_labelled,
    );
    row(
        "in scope, relaxed, typed",
        &ents_scope,
        ents_scope.relaxed_labelled,
    );
    row(
        "in scope, relaxed, untyped",
        &ents_scope,
        ents_scope.relaxed,
    );
    row("timexes, extent strict", &tims, tims.strict);
    row("timexes, extent relaxed", &tims, tims.relaxed);
    row("timexes, value", &tims, tims.relaxed_valued);
    row("timexes, type", &tims, tims.relaxed_labelled);
    println!(
        "timex value accuracy {:.3} (same TIMEX3 value over relaxed matches)",
        tims.relaxed_valued as f64 / tims.relaxed.max(1) as f64
    );
    println!();
    println!(
        "Entities: mentions with syntactic_type NAM or PRE.NAM whose entity is PER -> PERSON, \
         ORG -> ORG, LOC -> LOC; ours GPE/LOC/FAC -> LOC. PRO, FIN, MIX ({skipped} named \
         mentions) and our other types (NORP, EVENT, LAW...) are not scored."
    );
    println!(
        "In scope: the same gold; our mentions that overlap no scored gold mention but one of \
         the {unscored} unscored gold mentions of the scored region (PRO/FIN/MIX names, nominal, \
         pronoun, appositive, conjoined mentions, and mentions with an empty syntactic_type, \
         among them names such as Chrysler) are left out: there gold and ours disagree on scope, \
         not on the name."
    );
    println!(
        "Scored region: MEANTIME annotates only the first sentences of each article, so gold \
         and ours are compared from the first body sentence to the end of the last annotated \
         sentence. The title and dateline are metadata in chronicle (not facts): their {} \
         entity mentions and {} timexes are not scored.",
        outside.0, outside.1
    );
    println!(
        "Timexes: every TIMEX3 with tokens in the scored region; value compared as a \
         TIMEX3 string (PRESENT_REF, XXXX-XX-XX as written)."
    );
    println!(
        "strict: same span; relaxed: overlap, one to one, exact spans first; typed/value/type: \
         the relaxed (or strict) match also has the same type/value, over ours (P) and gold (R)."
    );
    println!(
        "Text: tokens joined with spaces (none before , . 's n't ...), title and dateline on \
         lines of their own; the publication date is the creation time. {:.1} docs/s.",
        docs as f64 / seconds.max(1e-9)
    );
    report_unreadable(&unreadable, "files");
    Ok(())
}

fn report_unreadable(unreadable: &[String], what: &str) {
    if unreadable.is_empty() {
        println!("could not read: none");
    } else {
        println!("could not read {} {what}:", unreadable.len());
        for u in unreadable {
            println!("  {u}");
        }
    }
}

/// PLOVER gold records: reads and validates them all, runs the pipeline on every sentence and
/// scores the events found against the record's type, source and target.
pub fn eval_plover(args: &EvalPloverArgs) -> anyhow::Result<()> {
    let path = if args.data.is_file() {
        args.data.clone()
    } else {
        args.data
            .join("gold_standard_records")
            .join("PLOVER_GSR_CAMEO.txt")
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read the PLOVER gold records {}", path.display()))?;
    let gold = plover::read(&text);
    let pipeline = Pipeline::new(Options::default());
    // Per gold type: records, typed, typed with the source, typed with source and target;
    // per half (even records tune, odd held out) the same over the types chronicle covers.
    let mut by_type: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    let mut halves = [[0usize; 4]; 2];
    let (mut predicted, mut predicted_right) = (0usize, 0usize);
    let covered: Vec<&str> = [
        "APPEAL",
        "ACCUSE",
        "REJECT",
        "MEET",
        "PRAISE",
        "PROMISE",
        "GRANT_ACCESS",
        "DETAIN",
        "INVESTIGATE",
        "SANCTION",
    ]
    .iter()
    .filter_map(|a| plover::plover_type(a))
    .collect();
    for (i, r) in gold.records.iter().enumerate() {
        let doc = run_text(&pipeline, &r.id, &r.text, Some("2000-01-01"));
        let typed: Vec<_> = doc
            .layers
            .events
            .iter()
            .filter_map(|e| plover::plover_type(&e.action).map(|t| (t, e)))
            .collect();
        predicted += typed.len();
        predicted_right += typed.iter().filter(|(t, _)| *t == r.event).count();
        let right: Vec<_> = typed.iter().filter(|(t, _)| *t == r.event).collect();
        let with_source: Vec<_> = right
            .iter()
            .filter(|(_, e)| {
                e.actor
                    .as_deref()
                    .is_some_and(|a| plover::party_agrees(a, &r.source))
            })
            .collect();
        let with_target = with_source.iter().any(|(_, e)| {
            e.target
                .as_deref()
                .is_some_and(|t| plover::party_agrees(t, &r.target))
        });
        let hits = [
            1,
            usize::from(!right.is_empty()),
            usize::from(!with_source.is_empty()),
            usize::from(with_target),
        ];
        let e = by_type.entry(r.event.as_str()).or_default();
        for k in 0..4 {
            e[k] += hits[k];
            if covered.contains(&r.event.as_str()) {
                halves[i % 2][k] += hits[k];
            }
        }
    }
    let n = gold.records.len();
    println!(
        "PLOVER gold records in {}: {n} event records valid, {} documentation records, {} invalid",
        path.display(),
        gold.documentation,
        gold.invalid.len()
    );
    println!(
        "{:<12} {:>6} {:>7} {:>7} {:>7}  covered",
        "event", "gold", "typed", "+source", "+target"
    );
    let share = |h: usize, g: usize| h as f64 / g.max(1) as f64;
    let mut all = [0usize; 4];
    for (t, c) in &by_type {
        println!(
            "{t:<12} {:>6} {:>7.3} {:>7.3} {:>7.3}  {}",
            c[0],
            share(c[1], c[0]),
            share(c[2], c[0]),
            share(c[3], c[0]),
            if covered.contains(t) { "yes" } else { "no" }
        );
        for k in 0..4 {
            all[k] += c[k];
        }
    }
    println!(
        "{:<12} {:>6} {:>7.3} {:>7.3} {:>7.3}",
        "all",
        all[0],
        share(all[1], all[0]),
        share(all[2], all[0]),
        share(all[3], all[0])
    );
    for (name, h) in [("covered-tune", halves[0]), ("covered-held", halves[1])] {
        println!(
            "{name:<12} {:>6} {:>7.3} {:>7.3} {:>7.3}",
            h[0],
            share(h[1], h[0]),
            share(h[2], h[0]),
            share(h[3], h[0])
        );
    }
    println!(
        "typed events predicted: {predicted}, of the record's type: {predicted_right} ({:.3})",
        share(predicted_right, predicted)
    );
    println!();
    println!(
        "typed: an event of the record's type (chronicle's actions mapped to PLOVER, \
         plover::plover_type) in the record's sentence; +source: its actor shares a word with a \
         gold source; +target: and its target with a gold target. Recall only: a record's \
         sentence holds one gold event, and the last line's share is a lower bound on \
         precision. covered-tune / covered-held: the types chronicle has, records of even / odd \
         position (rules are developed on the even ones)."
    );
    report_unreadable(&gold.invalid, "records (invalid, not scored)");
    Ok(())
}

/// Pairwise precision, recall and F1 of linking decisions: `pairs` holds for each pair whether
/// gold and the system link it.
fn pair_scores(pairs: &[(bool, bool)]) -> (usize, usize, usize, f64, f64, f64) {
    let gold = pairs.iter().filter(|p| p.0).count();
    let ours = pairs.iter().filter(|p| p.1).count();
    let both = pairs.iter().filter(|p| p.0 && p.1).count();
    let p = both as f64 / ours.max(1) as f64;
    let r = both as f64 / gold.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (gold, ours, both, p, r, f)
}

/// MEANTIME cross-document entities: each document runs through the pipeline; each of our
/// entities is aligned to the gold instance most of its named mentions overlap; then every
/// pair of aligned entities of two different documents is one decision, linked by gold when
/// they have one instance id, and by us when `chronicle entities` groups them.
fn eval_meantime_cross(args: &EvalMeantimeArgs) -> anyhow::Result<()> {
    use crate::cmd_entities::{merge, Local};
    let mut files = Vec::new();
    xml_files(&args.data, &mut files);
    files.retain(|p| p.to_string_lossy().contains("cross-doc_annotation"));
    files.sort();
    if files.is_empty() {
        anyhow::bail!(
            "no intra_cross-doc_annotation files under {}",
            args.data.display()
        );
    }
    let pipeline = Pipeline::new(Options::default());
    let mut locals: Vec<Local> = Vec::new();
    // For each local entity, its gold instance (when aligned).
    let mut instance: Vec<Option<String>> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let (read, unreadable) = read_cats(&files);
    for (name, doc) in read {
        // The document's number: its place among the documents read.
        let d = names.len();
        names.push(name.clone());
        let out = run_text(&pipeline, &name, &doc.text, doc.dct.as_deref());
        for (i, e) in out.layers.entities.iter().enumerate() {
            let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
            for m in &e.mentions {
                for g in &doc.entities {
                    if g.start < m.span.end && m.span.start < g.end {
                        if let Some(id) = g.value.as_deref() {
                            *votes.entry(id).or_default() += 1;
                        }
                    }
                }
            }
            let best = votes
                .iter()
                .max_by_key(|(id, n)| (**n, std::cmp::Reverse(*id)))
                .map(|(id, _)| id.to_string());
            locals.push(Local::new(d, i, e));
            instance.push(best);
        }
    }
    let groups = merge(&locals);
    let mut group_of = vec![0usize; locals.len()];
    for (g, members) in groups.iter().enumerate() {
        for &i in members {
            group_of[i] = g;
        }
    }
    let aligned: Vec<usize> = (0..locals.len())
        .filter(|&i| instance[i].is_some())
        .collect();
    let key = |i: usize| chronicle_facts::entities::lexicon::normalize(&locals[i].entity.name);
    let (mut ours, mut by_name) = (Vec::new(), Vec::new());
    for (x, &i) in aligned.iter().enumerate() {
        for &j in &aligned[x + 1..] {
            if locals[i].doc == locals[j].doc {
                continue;
            }
            let gold = instance[i] == instance[j];
            let linked = group_of[i] == group_of[j];
            ours.push((gold, linked));
            by_name.push((gold, key(i) == key(j)));
            if args.verbose && gold != linked {
                println!(
                    "{}\t{:?} ({})\t{:?} ({})\tgold {}",
                    if linked {
                        "wrongly linked"
                    } else {
                        "not linked"
                    },
                    locals[i].entity.name,
                    names.get(locals[i].doc).map_or("", |s| s.as_str()),
                    locals[j].entity.name,
                    names.get(locals[j].doc).map_or("", |s| s.as_str()),
                    instance[i].as_deref().unwrap_or("")
                );
            }
        }
    }
    let instances: std::collections::BTreeSet<&str> = aligned
        .iter()
        .filter_map(|&i| instance[i].as_deref())
        .collect();
    println!(
        "MEANTIME cross-document entities ({} documents in {}): {} of our {} document entities \
         aligned to {} gold PER/ORG/LOC instances",
        names.len(),
        args.data.display(),
        aligned.len(),
        locals.len(),
        instances.len()
    );
    println!(
        "{:<34} {:>7} {:>7} {:>7} {:>9} {:>7} {:>7}",
        "pairs of two documents", "gold", "ours", "both", "precision", "recall", "F1"
    );
    for (what, pairs) in [
        ("chronicle entities", &ours),
        ("same name (normalised), baseline", &by_name),
    ] {
        let (g, o, b, p, r, f) = pair_scores(pairs);
        println!("{what:<34} {g:>7} {o:>7} {b:>7} {p:>9.3} {r:>7.3} {f:>7.3}");
    }
    println!();
    println!(
        "An entity of ours is aligned to the gold instance (instance_id of the cross-document \
         annotation) that most of its mentions overlap among the named PER/ORG/LOC mentions of \
         the scored region; unaligned entities take part in the grouping but are not scored \
         (their names are scored by `chronicle eval meantime`). A pair is two aligned entities \
         of two different documents."
    );
    for u in &unreadable {
        eprintln!("unreadable: {u}");
    }
    Ok(())
}

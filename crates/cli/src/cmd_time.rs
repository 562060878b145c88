//! `chronicle eval tempeval` and `chronicle eval recognizers`: dates and numbers measured.

use chronicle_facts::time::infer::InferenceScore;
use chronicle_facts::time::{recognizers, tempeval};
use std::path::PathBuf;

/// Arguments of `chronicle eval tempeval`.
#[derive(Debug, clap::Args)]
pub struct EvalTempevalArgs {
    /// The TempEval-3 TBAQ-cleaned folder.
    #[arg(long, default_value = "../shared/data/tempeval3/TBAQ-cleaned")]
    pub data: PathBuf,
    /// Seed metadata (`meta.jsonl` with `file` and `published`): publication-date inference is
    /// also measured on these articles with their dates hidden.
    #[arg(long, default_value = "examples/meta.jsonl")]
    pub seeds: PathBuf,
    /// Extract from the text alone, without the language analysis (tense from cue words only,
    /// as `extract_timexes` without an analysis does).
    #[arg(long)]
    pub no_analysis: bool,
}

/// Arguments of `chronicle eval recognizers`.
#[derive(Debug, clap::Args)]
pub struct EvalRecognizersArgs {
    /// The Recognizers-Text specs folder.
    #[arg(long, default_value = "../shared/data/recognizers-text-specs")]
    pub data: PathBuf,
}

pub fn eval_tempeval(args: &EvalTempevalArgs) -> anyhow::Result<()> {
    if !args.data.is_dir() {
        anyhow::bail!("TempEval-3 folder not found: {}", args.data.display());
    }
    let started = std::time::Instant::now();
    let analyzer = (!args.no_analysis).then(chronicle_nlp::Analyzer::shipped);
    let s = tempeval::evaluate_with(&args.data, analyzer.as_ref());
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "TempEval-3 timexes on {} ({} documents, {} gold, {} predicted; {})",
        args.data.display(),
        s.docs,
        s.gold,
        s.system,
        if args.no_analysis {
            "text alone"
        } else {
            "with the language analysis"
        }
    );
    println!(
        "{:<16} {:>9} {:>9} {:>9}",
        "metric", "precision", "recall", "F1"
    );
    for (name, (p, r, f)) in [
        ("extent strict", s.strict_prf()),
        ("extent relaxed", s.relaxed_prf()),
        ("value", s.value_prf()),
        ("type", s.type_prf()),
    ] {
        println!("{name:<16} {p:>9.3} {r:>9.3} {f:>9.3}");
    }
    println!(
        "value accuracy {:.3} (correct values over relaxed matches)",
        s.value_accuracy()
    );
    println!();
    println!("strict: same span; relaxed: any overlap (one to one, exact spans first).");
    println!(
        "value/type F1: matches with the same TIMEX3 value/type over predicted (P) and gold (R),"
    );
    println!("i.e. relaxed F1 times attribute accuracy, as TempEval-3 defines attribute scores.");
    let mb = s.bytes as f64 / 1e6;
    print!(
        "speed: {:.1} MB/s overall including TimeML parsing; extraction {:.1} MB/s",
        mb / seconds.max(1e-9),
        mb / s.extract_secs.max(1e-9)
    );
    if args.no_analysis {
        println!();
    } else {
        println!(
            ", language analysis {:.2} MB/s",
            mb / s.analyze_secs.max(1e-9)
        );
    }
    if !s.unreadable.is_empty() {
        println!(
            "could not read {} files: {:?}",
            s.unreadable.len(),
            s.unreadable
        );
    }
    println!();
    println!("Publication date inferred from the text alone (share of documents, any precision):");
    let tbaq = tempeval::evaluate_inference(&args.data, |_, _, _| {});
    println!("  TBAQ, creation time hidden: {}", tbaq.summary());
    match seed_inference(&args.seeds) {
        Ok(seeds) => println!("  seeds, dates hidden: {}", seeds.summary()),
        Err(e) => println!("  seeds: not measured ({e})"),
    }
    Ok(())
}

/// Publication-date inference on the seed articles listed in `meta` (their `published` the
/// truth), printing each guess.
fn seed_inference(meta: &std::path::Path) -> anyhow::Result<InferenceScore> {
    let dir = meta.parent().unwrap_or(std::path::Path::new("."));
    let mut score = InferenceScore::default();
    for line in std::fs::read_to_string(meta)?.lines() {
        let m: serde_json::Value = serde_json::from_str(line)?;
        let (Some(file), Some(truth)) = (m["file"].as_str(), m["published"].as_str()) else {
            continue;
        };
        let text = std::fs::read_to_string(dir.join(file))?;
        let got = score.add(&text, truth);
        println!(
            "    {file}: published {truth}, inferred {}",
            got.map_or("nothing".to_string(), |g| format!(
                "{} ({:.2}: {})",
                g.value,
                g.confidence,
                g.evidence.join("; ")
            ))
        );
    }
    Ok(score)
}

pub fn eval_recognizers(args: &EvalRecognizersArgs) -> anyhow::Result<()> {
    if !args.data.is_dir() {
        anyhow::bail!(
            "Recognizers-Text specs folder not found: {}",
            args.data.display()
        );
    }
    println!("Recognizers-Text English specs in {}", args.data.display());
    println!(
        "{:<12} {:>6} {:>9} {:>7} {:>10} {:>12}",
        "model", "cases", "in scope", "passed", "pass rate", "extent rate"
    );
    let scores = recognizers::run_all(&args.data);
    for s in &scores {
        let n = s.in_scope.max(1) as f64;
        println!(
            "{:<12} {:>6} {:>9} {:>7} {:>10.3} {:>12.3}",
            s.model,
            s.total,
            s.in_scope,
            s.passed,
            s.passed as f64 / n,
            s.extent_passed as f64 / n
        );
    }
    println!();
    println!("pass: every expected result found with the same text and value, nothing extra.");
    println!("extent rate: the same, ignoring values. Out of scope (documented rules):");
    for s in &scores {
        if let Some(e) = &s.error {
            println!("  {}: could not read: {e}", s.model);
        }
        for (why, n) in &s.out_of_scope {
            println!("  {}: {n} cases, {why}", s.model);
        }
    }
    Ok(())
}

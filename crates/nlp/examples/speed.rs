//! Throughput of the analyzer on a raw text file: tokenize, tokenize+tag, and the full parse.
//!
//! `cargo run --release -p chronicle-nlp --example speed -- FILE [REPEAT] [MODEL_DIR]`
use chronicle_nlp::{Analyzer, Depth};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = std::fs::read_to_string(&args[0]).expect("read text");
    let repeat: usize = args.get(1).map_or(3, |a| a.parse().expect("repeat count"));
    let start = Instant::now();
    // A model folder as the third argument replaces the shipped models.
    // `beam` as the third argument: the shipped models with the beam-search parser.
    let analyzer = match args.get(2).map(String::as_str) {
        Some("beam") => Analyzer::shipped_beam(),
        Some(dir) => Analyzer::from_dir(dir.as_ref()).expect("load models"),
        None => Analyzer::shipped(),
    };
    println!("models loaded in {:.3} s", start.elapsed().as_secs_f64());
    for (name, depth) in [
        ("tokenize", Depth::Tokens),
        ("tokenize+tag+lemma", Depth::Tags),
        ("full parse", Depth::Parse),
    ] {
        let mut best = f64::MAX;
        let mut best_cpu = f64::MAX;
        let mut n_tokens = 0;
        for _ in 0..repeat {
            let start = Instant::now();
            let cpu_start = thread_cpu_seconds();
            let analysis = analyzer.analyze_to(&text, depth);
            best_cpu = best_cpu.min(thread_cpu_seconds() - cpu_start);
            best = best.min(start.elapsed().as_secs_f64());
            n_tokens = analysis.tokens.len();
        }
        println!(
            "{name:>20}: {n_tokens} tokens in {best:.3} s = {:.0} tokens/s wall, {:.0} tokens/s of CPU time",
            n_tokens as f64 / best,
            n_tokens as f64 / best_cpu
        );
    }
}

/// CPU time of this thread so far (Linux `schedstat`; 0 elsewhere), so that throughput per core
/// can be told apart from time spent waiting for a shared core.
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

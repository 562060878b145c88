//! What events and calls to action cost next to the language core and the entity and quotation
//! stages: `cargo run --release -p chronicle-facts --example events_speed -- DIR [--repeat N]`
//! (the `.txt` files under DIR, e.g. ../shared/data/polnear/data/dev/text). Prints the CPU
//! seconds of each stage (analysis once per text, then every stage `N` times on it).

use chronicle_facts::entities::extract_entities;
use chronicle_facts::events::extract_events;
use chronicle_facts::quotes::extract_quotes;
use chronicle_facts::time::extract_timexes_with;
use chronicle_nlp::Analyzer;
use std::time::Instant;

/// This thread's CPU time in seconds (`/proc/thread-self/schedstat`), or wall time elsewhere.
fn cpu(start: &Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| start.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: events_speed DIR [--repeat N]");
        std::process::exit(2);
    };
    let repeat: usize = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(3);
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {dir}: {e}"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let analyzer = Analyzer::shipped();
    let clock = Instant::now();
    let (mut analysis_s, mut people_s, mut events_s) = (0.0, 0.0, 0.0);
    let (mut events, mut calls) = (0usize, 0usize);
    for text in &texts {
        let t0 = cpu(&clock);
        let analysis = analyzer.analyze(text);
        let t1 = cpu(&clock);
        analysis_s += t1 - t0;
        let timexes = extract_timexes_with(text, None, Some(&analysis));
        for _ in 0..repeat {
            let t2 = cpu(&clock);
            let entities = extract_entities(text, &analysis);
            let quotes = extract_quotes(text, &analysis, &entities);
            let t3 = cpu(&clock);
            let found = extract_events(text, &analysis, &entities, &quotes, &timexes);
            let t4 = cpu(&clock);
            people_s += t3 - t2;
            events_s += t4 - t3;
            events += found.events.len();
            calls += found.calls.len();
        }
    }
    let (people_s, events_s) = (people_s / repeat as f64, events_s / repeat as f64);
    println!(
        "{} texts, {:.2} MB; {} events and {} calls to action per pass",
        texts.len(),
        bytes as f64 / 1e6,
        events / repeat,
        calls / repeat
    );
    println!("language core (tokens, tags, parse): {analysis_s:.3} s CPU");
    println!(
        "entities + quotations: {people_s:.3} s CPU ({:.1} % of the core)",
        100.0 * people_s / analysis_s
    );
    println!(
        "events + calls to action: {events_s:.3} s CPU ({:.1} % of the core, {:.1} MB/s)",
        100.0 * events_s / analysis_s,
        bytes as f64 / 1e6 / events_s.max(1e-9)
    );
}

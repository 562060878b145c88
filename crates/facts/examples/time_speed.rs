//! Throughput of timexes and claims together: `cargo run --release -p chronicle-facts
//! --example time_speed -- FILE_OR_DIR... [--repeat N]` (text files, or TimeML whose text is used).

use std::path::Path;
use std::time::Instant;

fn collect(path: &Path, out: &mut Vec<String>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            collect(&p, out);
        }
        return;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    match path.extension().and_then(|e| e.to_str()) {
        Some("tml") => {
            if let Some(doc) = chronicle_facts::time::tempeval::parse_timeml("", &text) {
                out.push(doc.text);
            }
        }
        Some("txt") => out.push(text),
        _ => {}
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 1;
    let mut texts = Vec::new();
    let mut k = 0;
    while k < args.len() {
        if args[k] == "--repeat" {
            repeat = args.get(k + 1).and_then(|r| r.parse().ok()).unwrap_or(1);
            k += 2;
            continue;
        }
        collect(Path::new(&args[k]), &mut texts);
        k += 1;
    }
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * repeat;
    let started = Instant::now();
    let (mut n_timexes, mut n_claims) = (0, 0);
    for _ in 0..repeat {
        for t in &texts {
            n_timexes += chronicle_facts::extract_timexes(t, Some("2019-04-29")).len();
            n_claims += chronicle_facts::extract_claims(t).len();
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} docs x {repeat}: {:.1} MB in {seconds:.2} s = {:.2} MB/s on one core ({n_timexes} timexes, {n_claims} claims)",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds.max(1e-9)
    );
}

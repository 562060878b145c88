//! Prints TempEval-3 timex scores and error samples for a TimeML folder (development aid):
//! `cargo run --release -p chronicle-facts --example tempeval -- DIR [N_ERRORS] [analysis]`.

use chronicle_facts::time::tempeval::{evaluate, evaluate_inference};
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args
        .get(1)
        .map_or("/work/shared/data/tempeval3/TBAQ-cleaned", String::as_str);
    let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(0);
    let t0 = std::time::Instant::now();
    // A third argument `analysis` gives the extractor the language analysis, as
    // `chronicle eval tempeval` does by default.
    let s = if args.get(3).is_some_and(|a| a == "analysis") {
        let analyzer = chronicle_nlp::Analyzer::shipped();
        chronicle_facts::time::tempeval::evaluate_with(Path::new(dir), Some(&analyzer))
    } else {
        evaluate(Path::new(dir))
    };
    let secs = t0.elapsed().as_secs_f64();
    let show = |name: &str, (p, r, f): (f64, f64, f64)| {
        println!("{name:<16} P {p:.3}  R {r:.3}  F1 {f:.3}")
    };
    println!(
        "docs {} gold {} system {} ({:.1} MB/s incl. parsing)",
        s.docs,
        s.gold,
        s.system,
        s.bytes as f64 / 1e6 / secs
    );
    show("extent strict", s.strict_prf());
    show("extent relaxed", s.relaxed_prf());
    show("value", s.value_prf());
    show("type", s.type_prf());
    println!("value accuracy {:.3}", s.value_accuracy());
    // Publication-date inference with the creation time hidden.
    let inf = evaluate_inference(Path::new(dir), |path, dct, got| {
        if let (true, Some(got)) = (n > 0, got) {
            println!(
                "INFER {}\tdct={}\tguess={}\t{:.2}\t{:?}",
                path.display(),
                &dct[..10],
                got.value,
                got.confidence,
                got.evidence
            );
        }
    });
    println!("inferred publication date on {}", inf.summary());
    for (k, (n, d, y)) in inf.calibration.iter().enumerate().filter(|(_, c)| c.0 > 0) {
        println!(
            "  confidence {:.1}-{:.1}: {n} guesses, right day {:.2}, right year {:.2}",
            k as f64 / 10.0,
            (k + 1) as f64 / 10.0,
            *d as f64 / *n as f64,
            *y as f64 / *n as f64
        );
    }
    for e in s.value_right.iter().take(n) {
        println!("RIGHT {}\t{}\t{}", e.0, e.1, e.2);
    }
    for e in s.value_errors.iter().take(n) {
        println!("VALUE {}\t{}\tgold={}\tpred={}", e.0, e.1, e.2, e.3);
    }
    for e in s.missed.iter().take(n) {
        println!("MISS  {}\t{}\t{}", e.0, e.1, e.2);
    }
    for e in s.boundary_errors.iter().take(n) {
        println!("BOUND {}\t{}\t{}", e.0, e.1, e.2);
    }
    for e in s.spurious.iter().take(n) {
        println!("EXTRA {}\t{}\t{}", e.0, e.1, e.2);
    }
}

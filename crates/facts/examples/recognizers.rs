//! Prints Recognizers-Text pass rates and failures (development aid):
//! `cargo run -p chronicle-facts --example recognizers -- SPECS_DIR [N_FAILURES]`.

use chronicle_facts::time::recognizers::run_all;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args
        .get(1)
        .map_or("/work/shared/data/recognizers-text-specs", String::as_str);
    let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(0);
    for s in run_all(Path::new(dir)) {
        println!(
            "{:<12} total {:>4} in scope {:>4} passed {:>4} ({:.3}) extent {:.3} {:?} {:?}",
            s.model,
            s.total,
            s.in_scope,
            s.passed,
            s.passed as f64 / s.in_scope.max(1) as f64,
            s.extent_passed as f64 / s.in_scope.max(1) as f64,
            s.out_of_scope,
            s.error
        );
        for f in s.failures.iter().take(n) {
            println!("  FAIL {f}");
        }
    }
}

//! Recognizers-Text English specs as a regression guard: the in-scope pass rates must not
//! fall below the floors measured when the guard was set. Skips (and passes) when the shared
//! data folder is absent, as on a fresh CI machine.

use chronicle_facts::time::recognizers::run_all;
use std::path::Path;

/// (model, minimum in-scope pass rate).
const FLOORS: &[(&str, f64)] = &[("DateTime", 0.20), ("Number", 0.50), ("NumberRange", 0.30)];

#[test]
fn recognizers_specs_stay_above_their_floors() {
    let root = std::env::var("RECOGNIZERS_SPECS")
        .unwrap_or_else(|_| "/work/shared/data/recognizers-text-specs".to_string());
    if !Path::new(&root).is_dir() {
        println!("SKIP: Recognizers-Text specs not found at {root}");
        return;
    }
    for score in run_all(Path::new(&root)) {
        assert!(score.error.is_none(), "{}: {:?}", score.model, score.error);
        let rate = score.passed as f64 / score.in_scope.max(1) as f64;
        let floor = FLOORS
            .iter()
            .find(|(m, _)| *m == score.model)
            .map_or(0.0, |f| f.1);
        println!(
            "{}: {}/{} in scope pass ({rate:.3}), floor {floor}",
            score.model, score.passed, score.in_scope
        );
        assert!(
            rate >= floor,
            "{} pass rate {rate:.3} fell below {floor}",
            score.model
        );
    }
}

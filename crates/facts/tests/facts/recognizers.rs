//! Recognizers-Text English specs as a regression guard: the in-scope pass rates must not
//! fall below the floors measured when the guard was set. The full specs live in the shared
//! data folder (skipped when absent, as on a fresh CI machine); a committed MIT-licensed slice
//! (`tests/fixtures/recognizers-text`, credited in its README) always runs.

use chronicle_facts::time::recognizers::run_all;
use std::path::Path;

/// (model, minimum in-scope pass rate).
const FLOORS: &[(&str, f64)] = &[("DateTime", 0.33), ("Number", 0.59), ("NumberRange", 0.67)];

/// Floors on the committed slice (every 8th DateTime case, every 2nd Number and NumberRange).
const SLICE_FLOORS: &[(&str, f64)] = &[("DateTime", 0.34), ("Number", 0.57), ("NumberRange", 0.72)];

#[test]
fn recognizers_slice_stays_above_its_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recognizers-text");
    for score in run_all(&root) {
        assert!(score.error.is_none(), "{}: {:?}", score.model, score.error);
        assert!(score.in_scope > 30, "{}: slice too small", score.model);
        let rate = score.passed as f64 / score.in_scope as f64;
        let floor = SLICE_FLOORS
            .iter()
            .find(|(m, _)| *m == score.model)
            .map_or(0.0, |f| f.1);
        assert!(
            rate >= floor,
            "{} slice pass rate {rate:.3} fell below {floor}",
            score.model
        );
    }
}

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

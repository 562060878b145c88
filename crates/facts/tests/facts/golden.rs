//! Golden files: timexes and claims of the seed articles under `tests/golden/`, compared as
//! JSON and regenerated with `UPDATE_GOLDEN=1 cargo test -p chronicle-facts golden`.

use serde_json::{json, Value};
use std::path::Path;

#[test]
fn seed_articles_match_golden_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let examples = root.join("../../examples");
    let Ok(meta) = std::fs::read_to_string(examples.join("meta.jsonl")) else {
        println!("SKIP: no examples/meta.jsonl");
        return;
    };
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for line in meta.lines() {
        let m: Value = serde_json::from_str(line).expect("meta line");
        let file = m["file"].as_str().expect("file");
        let text = std::fs::read_to_string(examples.join(file)).expect("article");
        let timexes: Vec<Value> = chronicle_facts::extract_timexes(&text, m["published"].as_str())
            .into_iter()
            .map(|t| json!({"text": &text[t.range.clone()], "start": t.range.start, "type": t.kind, "value": t.value}))
            .collect();
        let claims: Vec<Value> = chronicle_facts::extract_claims(&text)
            .into_iter()
            .map(|c| {
                json!({"text": &text[c.range.clone()], "start": c.range.start, "value": c.value,
                       "low": c.low, "high": c.high, "unit": c.unit, "hedge": c.hedge})
            })
            .collect();
        let got = serde_json::to_string_pretty(&json!({"timexes": timexes, "claims": claims}))
            .unwrap()
            + "\n";
        let path = root
            .join("tests/golden")
            .join(file.replace(".txt", ".json"));
        if update {
            std::fs::write(&path, &got).expect("write golden");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            _ => failures.push(path.display().to_string()),
        }
    }
    assert!(
        failures.is_empty(),
        "golden files differ (UPDATE_GOLDEN=1 to accept): {failures:?}"
    );
}

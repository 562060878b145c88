//! Writes predictions for the seed articles in the evaluation format, so the scorer can run
//! before the CLI exists: `cargo run -p chronicle-facts --example seed_pred -- META OUT_DIR
//! [--hide-dates]` (with `--hide-dates`, the publication date is inferred from the text).

use chronicle_facts::time::{calendar_value, infer_published};
use serde_json::{json, Value};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let meta = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("examples/meta.jsonl");
    let out = args.get(2).map(String::as_str).unwrap_or("/tmp/seed_pred");
    let hide = args.iter().any(|a| a == "--hide-dates");
    std::fs::create_dir_all(out)?;
    let dir = Path::new(meta).parent().unwrap_or(Path::new("."));
    for line in std::fs::read_to_string(meta)?.lines() {
        let m: Value = serde_json::from_str(line)?;
        let file = m["file"].as_str().unwrap_or_default();
        let text = std::fs::read_to_string(dir.join(file))?;
        let published = if hide {
            let got = infer_published(&text);
            // The report on stderr: truth, guess, confidence, evidence.
            eprintln!(
                "{file}\tpublished {}\tinferred {:?}",
                m["published"].as_str().unwrap_or("?"),
                got.as_ref().map(|d| (&d.value, d.confidence, &d.evidence))
            );
            got.map(|d| d.value)
        } else {
            m["published"].as_str().map(str::to_string)
        };
        let timexes: Vec<Value> = chronicle_facts::extract_timexes(&text, published.as_deref())
            .into_iter()
            .map(|t| {
                json!({"text": &text[t.range.clone()], "type": t.kind,
                       "value": calendar_value(t.value.as_deref()), "timex3": t.value})
            })
            .collect();
        let claims: Vec<Value> = chronicle_facts::extract_claims(&text)
            .into_iter()
            .map(|c| {
                json!({"text": &text[c.range.clone()], "value": c.value, "low": c.low,
                       "high": c.high, "unit": c.unit, "hedge": c.hedge})
            })
            .collect();
        let doc =
            json!({"doc": file, "published": published, "timexes": timexes, "claims": claims});
        let name = file.trim_end_matches(".txt");
        std::fs::write(
            Path::new(out).join(format!("{name}.json")),
            serde_json::to_string_pretty(&doc)?,
        )?;
    }
    Ok(())
}

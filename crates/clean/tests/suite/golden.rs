//! Golden files: every `tests/golden/NAME.txt` or `NAME.html` is cleaned and compared with
//! `NAME.expected`. Run with `UPDATE_GOLDEN=1` to rewrite the expectations after a deliberate
//! change, then review the diff.

use chronicle_clean::{clean_html, clean_text, Cleaned};
use std::fmt::Write;
use std::path::Path;

fn render(c: &Cleaned) -> String {
    let mut out = String::new();
    let meta = serde_json::to_string_pretty(&c.meta).unwrap();
    writeln!(out, "== meta\n{meta}").unwrap();
    writeln!(out, "== removed").unwrap();
    let mut reasons: Vec<&str> = c.removed.iter().map(|r| r.reason.as_str()).collect();
    reasons.dedup();
    writeln!(out, "{}", reasons.join(" ")).unwrap();
    writeln!(out, "== blocks: {}", c.blocks.len()).unwrap();
    for b in &c.blocks {
        writeln!(out, "{}", &c.text.text[b.clone()]).unwrap();
        writeln!(out, "--").unwrap();
    }
    out
}

#[test]
fn golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let mut n = 0;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "txt" && ext != "html" {
            continue;
        }
        n += 1;
        let input = std::fs::read_to_string(&path).unwrap();
        let cleaned = if ext == "html" {
            clean_html(&input)
        } else {
            clean_text(&input)
        };
        crate::assert_aligned(&input, &cleaned);
        let got = render(&cleaned);
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != got {
            failures.push(format!(
                "{}:\n--- expected\n{expected}\n--- got\n{got}",
                path.display()
            ));
        }
    }
    assert!(n > 0, "no golden inputs found in {}", dir.display());
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ (UPDATE_GOLDEN=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

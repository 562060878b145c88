//! Cleans one gzipped or plain HTML file and prints the metadata and text (for inspection).

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).expect("usage: one FILE");
    let p = std::path::Path::new(&path);
    let html = if path.ends_with(".gz") {
        chronicle_clean::wcxb::read_gz(p)?
    } else {
        std::fs::read_to_string(p)?
    };
    let c = chronicle_clean::clean_html(&html);
    println!("{}", serde_json::to_string(&c.meta).unwrap_or_default());
    let mut reasons = std::collections::BTreeMap::new();
    for r in &c.removed {
        *reasons.entry(r.reason.clone()).or_insert(0) += 1;
    }
    println!("removed: {reasons:?}");
    if std::env::var_os("CLEAN_DEBUG").is_some() {
        for r in &c.removed {
            if r.span.end - r.span.start > 2000 {
                let s = &html[r.span.start..r.span.end];
                let head: String = s.chars().take(60).collect();
                eprintln!(
                    "big removal {} {} {:?}",
                    r.reason,
                    r.span.end - r.span.start,
                    head
                );
                let before = &html[r.span.start.saturating_sub(200)..r.span.start];
                eprintln!("   before {:?}", before);
            }
        }
    }
    println!("{}", c.text.text);
    Ok(())
}

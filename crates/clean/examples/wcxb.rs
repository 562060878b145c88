//! Evaluates the HTML cleaner on WCXB: `cargo run --release -p chronicle-clean --example wcxb --
//! [DIR] [all|tune|holdout] [--pages] [--jsonl OUT]`. `tune` is the pages with an odd id number,
//! `holdout` the even ones; `--pages` lists every page's F1, worst first; `--jsonl` writes one
//! `{"id", "text", "title", "date"}` line per page for `bench/clean/score.py`.

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--") && a.contains('/'))
        .cloned()
        .unwrap_or_else(|| "/work/shared/data/wcxb/dev".into());
    let part = args
        .iter()
        .find(|a| matches!(a.as_str(), "all" | "tune" | "holdout"))
        .cloned()
        .unwrap_or_else(|| "all".into());
    let select = |id: &str| {
        let n: u64 = id.trim_start_matches('0').parse().unwrap_or(0);
        match part.as_str() {
            "tune" => !n.is_multiple_of(2),
            "holdout" => n.is_multiple_of(2),
            _ => true,
        }
    };
    if let Some(pos) = args.iter().position(|a| a == "--jsonl") {
        let out = args.get(pos + 1).expect("--jsonl OUT");
        return write_jsonl(std::path::Path::new(&dir), out);
    }
    let report = chronicle_clean::wcxb::evaluate(std::path::Path::new(&dir), select)?;
    chronicle_clean::wcxb::print_report(&report, &part);
    if args.iter().any(|a| a == "--pages") {
        let mut pages = report.per_page.clone();
        pages.sort_by(|a, b| a.2.total_cmp(&b.2));
        for (id, ty, f) in pages {
            println!("{id} {ty} {f:.3}");
        }
    }
    Ok(())
}

fn write_jsonl(dir: &std::path::Path, out: &str) -> std::io::Result<()> {
    use std::io::Write;
    let (pages, _) = chronicle_clean::wcxb::load(dir)?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    let mut secs = 0.0;
    for page in pages {
        let html = chronicle_clean::wcxb::read_gz(&page.html_path)?;
        let start = std::time::Instant::now();
        let c = chronicle_clean::clean_html(&html);
        secs += start.elapsed().as_secs_f64();
        let line = serde_json::json!({"id": page.id, "text": c.text.text,
            "title": c.meta.title, "date": c.meta.published,
            "date_source": c.meta.published_source});
        writeln!(w, "{line}")?;
    }
    eprintln!("seconds {secs:.3}");
    Ok(())
}

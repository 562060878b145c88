//! Evaluates the HTML cleaner on WCXB: `cargo run --release -p chronicle-clean --example wcxb --
//! [DIR] [all|tune|holdout] [--pages]`. `tune` is the pages with an odd id number, `holdout` the
//! even ones; `--pages` lists every page's F1, worst first.

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

//! Evaluation on the WCXB benchmark (Web Content eXtraction Benchmark): word-level F1 of the
//! main content, title and publication-date accuracy, speed.
//!
//! The metric is WCXB's own: both texts are lowercased and cut into `\w+` runs (letters,
//! digits and `_`); precision and recall are over the multisets of those words; each page gets
//! an F1 (1.0 when both are empty, 0.0 when only one is), and a set's F1 is the mean over its
//! pages.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Reads a gzipped HTML file as UTF-8 (invalid bytes replaced).
pub fn read_gz(path: &Path) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The lowercased `\w+` words of `s`, counted.
pub fn words(s: &str) -> HashMap<String, u32> {
    let mut out = HashMap::new();
    let lower = s.to_lowercase();
    for w in lower
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_string()).or_insert(0) += 1;
    }
    out
}

/// Word precision, recall and F1 of `pred` against `gold`, as WCXB defines them.
pub fn word_prf(pred: &str, gold: &str) -> (f64, f64, f64) {
    let p = words(pred);
    let g = words(gold);
    let n_g: u32 = g.values().sum();
    let n_p: u32 = p.values().sum();
    if n_g == 0 {
        let f = if n_p == 0 { 1.0 } else { 0.0 };
        return (f, f, f);
    }
    if n_p == 0 {
        return (0.0, 0.0, 0.0);
    }
    let overlap: u32 = p
        .iter()
        .map(|(w, c)| (*c).min(g.get(w).copied().unwrap_or(0)))
        .sum();
    let pr = f64::from(overlap) / f64::from(n_p);
    let rc = f64::from(overlap) / f64::from(n_g);
    let f = if pr + rc > 0.0 {
        2.0 * pr * rc / (pr + rc)
    } else {
        0.0
    };
    (pr, rc, f)
}

/// One page of the benchmark with its ground truth.
#[derive(Debug, Clone)]
pub struct Page {
    pub id: String,
    pub page_type: String,
    pub html_path: PathBuf,
    pub main_content: String,
    pub title: Option<String>,
    pub publish_date: Option<String>,
}

/// Loads the ground truth of a split folder (`.../dev` with `ground-truth/` and `html/`).
/// Returns the pages and the files that could not be read, with why.
pub fn load(split_dir: &Path) -> std::io::Result<(Vec<Page>, Vec<String>)> {
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(split_dir.join("ground-truth"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    for path in entries {
        let id = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let parsed: Result<serde_json::Value, String> = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()));
        let v = match parsed {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let gt = &v["ground_truth"];
        let html_path = split_dir.join("html").join(format!("{id}.html.gz"));
        if !html_path.exists() {
            problems.push(format!("{}: missing", html_path.display()));
            continue;
        }
        let s = |x: &serde_json::Value| x.as_str().map(str::to_string);
        pages.push(Page {
            id,
            page_type: s(&v["_internal"]["page_type"]["primary"])
                .unwrap_or_else(|| "unknown".into()),
            html_path,
            main_content: s(&gt["main_content"]).unwrap_or_default(),
            title: s(&gt["title"]).filter(|t| !t.trim().is_empty()),
            publish_date: s(&gt["publish_date"]).filter(|t| !t.trim().is_empty()),
        });
    }
    Ok((pages, problems))
}

/// Sums for one group of pages.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub pages: usize,
    pub p: f64,
    pub r: f64,
    pub f: f64,
    pub titles: usize,
    pub titles_ok: usize,
    pub dates: usize,
    pub dates_ok: usize,
}

impl Tally {
    fn add(&mut self, prf: (f64, f64, f64), title: Option<bool>, date: Option<bool>) {
        self.pages += 1;
        self.p += prf.0;
        self.r += prf.1;
        self.f += prf.2;
        if let Some(ok) = title {
            self.titles += 1;
            self.titles_ok += usize::from(ok);
        }
        if let Some(ok) = date {
            self.dates += 1;
            self.dates_ok += usize::from(ok);
        }
    }

    /// Mean precision, recall and F1.
    pub fn means(&self) -> (f64, f64, f64) {
        let n = self.pages.max(1) as f64;
        (self.p / n, self.r / n, self.f / n)
    }
}

/// The result of one evaluation run.
#[derive(Debug, Default)]
pub struct Report {
    pub all: Tally,
    pub by_type: Vec<(String, Tally)>,
    /// Per page: id, type, F1.
    pub per_page: Vec<(String, String, f64)>,
    /// Seconds spent in `clean_html` alone (reading and decompressing excluded).
    pub clean_seconds: f64,
    pub bytes: usize,
    pub problems: Vec<String>,
}

fn norm_title(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Evaluates `clean_html` on the pages whose id `select` accepts.
pub fn evaluate(split_dir: &Path, select: impl Fn(&str) -> bool) -> std::io::Result<Report> {
    let (pages, problems) = load(split_dir)?;
    let mut report = Report {
        problems,
        ..Report::default()
    };
    let mut by_type: HashMap<String, Tally> = HashMap::new();
    for page in pages.iter().filter(|p| select(&p.id)) {
        let html = match read_gz(&page.html_path) {
            Ok(h) => h,
            Err(e) => {
                report
                    .problems
                    .push(format!("{}: {e}", page.html_path.display()));
                continue;
            }
        };
        let start = Instant::now();
        let cleaned = crate::clean_html(&html);
        report.clean_seconds += start.elapsed().as_secs_f64();
        report.bytes += html.len();
        let prf = word_prf(&cleaned.text.text, &page.main_content);
        let title = page
            .title
            .as_ref()
            .map(|t| cleaned.meta.title.as_deref().map(norm_title) == Some(norm_title(t)));
        let date = page.publish_date.as_ref().map(|d| {
            let gold = crate::normalize_date(d).unwrap_or_else(|| d.clone());
            let pred = cleaned.meta.published.as_deref().unwrap_or("");
            pred.len() >= 10 && gold.len() >= 10 && pred[..10] == gold[..10]
        });
        report.all.add(prf, title, date);
        by_type
            .entry(page.page_type.clone())
            .or_default()
            .add(prf, title, date);
        report
            .per_page
            .push((page.id.clone(), page.page_type.clone(), prf.2));
    }
    let mut types: Vec<(String, Tally)> = by_type.into_iter().collect();
    types.sort_by_key(|t| std::cmp::Reverse(t.1.pages));
    report.by_type = types;
    Ok(report)
}

/// Prints a report as the `chronicle eval wcxb` table.
pub fn print_report(r: &Report, label: &str) {
    println!("WCXB {label}: word-level F1 of the main content (lowercased \\w+ words, multiset");
    println!("overlap; per-page F1 averaged over pages), title exact match (case and spaces");
    println!("folded), publication-date accuracy on the date part where the gold has a date.");
    println!(
        "{:<14} {:>5} {:>6} {:>6} {:>6} {:>7} {:>7}",
        "type", "pages", "P", "R", "F1", "title", "date"
    );
    let row = |name: &str, t: &Tally| {
        let (p, rc, f) = t.means();
        let acc = |ok: usize, n: usize| {
            if n == 0 {
                "-".to_string()
            } else {
                format!("{:.3}", ok as f64 / n as f64)
            }
        };
        println!(
            "{:<14} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>7} {:>7}",
            name,
            t.pages,
            p,
            rc,
            f,
            acc(t.titles_ok, t.titles),
            acc(t.dates_ok, t.dates)
        );
    };
    row("all", &r.all);
    for (ty, t) in &r.by_type {
        row(ty, t);
    }
    let secs = r.clean_seconds.max(1e-9);
    println!(
        "speed: {:.0} pages/s, {:.1} MB/s on one core (clean_html only, {} pages, {:.1} MB)",
        r.all.pages as f64 / secs,
        r.bytes as f64 / 1e6 / secs,
        r.all.pages,
        r.bytes as f64 / 1e6
    );
    if !r.problems.is_empty() {
        println!("could not read {} file(s):", r.problems.len());
        for p in r.problems.iter().take(20) {
            println!("  {p}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_f1_counts_multisets() {
        let (p, r, f) = word_prf("the cat the", "The cat sat");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(word_prf("", ""), (1.0, 1.0, 1.0));
        assert_eq!(word_prf("x", "").2, 0.0);
    }
}

//! Runs a Rust peer extractor over the WCXB dev pages and writes one JSON line per page
//! (`{"id", "text", "date", "title"}`) plus the seconds spent extracting, for `bench/clean/score.py`.
//!
//! `peers-rs rs-trafilatura|dom_smoothie WCXB_DEV_DIR OUT.jsonl`

use std::io::{Read, Write};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (which, dir, out) = (&args[1], &args[2], &args[3]);
    let mut files: Vec<_> = std::fs::read_dir(format!("{dir}/html"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    let mut secs = 0.0;
    for path in files {
        let id = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".html.gz", "");
        let mut bytes = Vec::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_end(&mut bytes)
            .unwrap();
        let html = String::from_utf8_lossy(&bytes).into_owned();
        let start = Instant::now();
        let (text, title, date) = match which.as_str() {
            "rs-trafilatura" => match rs_trafilatura::extract(&html) {
                Ok(r) => (
                    r.content_text,
                    r.metadata.title.unwrap_or_default(),
                    r.metadata.date.map(|d| d.to_string()).unwrap_or_default(),
                ),
                Err(_) => Default::default(),
            },
            _ => {
                let cfg = dom_smoothie::Config::default();
                match dom_smoothie::Readability::new(html.as_str(), None, Some(cfg))
                    .and_then(|mut r| r.parse())
                {
                    Ok(a) => (
                        a.text_content.to_string(),
                        a.title.to_string(),
                        a.published_time.map(|t| t.to_string()).unwrap_or_default(),
                    ),
                    Err(_) => Default::default(),
                }
            }
        };
        secs += start.elapsed().as_secs_f64();
        let line = serde_json::json!({"id": id, "text": text, "title": title, "date": date});
        writeln!(w, "{line}").unwrap();
    }
    eprintln!("seconds {secs:.3}");
}

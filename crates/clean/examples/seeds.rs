//! Writes `{"doc", "body"}` JSON for each text file given, for the seed scorer.
//!
//! `cargo run -p chronicle-clean --example seeds -- OUT_DIR FILE...`

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().expect("usage: seeds OUT_DIR FILE..."));
    std::fs::create_dir_all(&out)?;
    for file in args {
        let path = std::path::Path::new(&file);
        let input = std::fs::read_to_string(path)?;
        let cleaned = if file.ends_with(".html") || file.ends_with(".htm") {
            chronicle_clean::clean_html(&input)
        } else {
            chronicle_clean::clean_text(&input)
        };
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let stem = name
            .rsplit_once('.')
            .map_or(name.clone(), |(s, _)| s.to_string());
        let json = serde_json::json!({"doc": name, "body": cleaned.text.text});
        std::fs::write(out.join(format!("{stem}.json")), json.to_string())?;
    }
    Ok(())
}

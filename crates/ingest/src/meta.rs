//! Metadata from outside the article: sidecar `meta.jsonl` files and JSON metadata fields.

use chronicle_core::Metadata;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// Metadata fields as they appear in JSON Lines articles and sidecar files.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct MetaFields {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default, alias = "authors")]
    pub author: Option<serde_json::Value>,
    #[serde(default)]
    pub language: Option<String>,
}

pub(crate) fn metadata_from_json(f: &MetaFields, origin: &str) -> Metadata {
    let authors = match &f.author {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    let published = f.published.as_deref().and_then(parse_date);
    Metadata {
        title: f.title.clone(),
        outlet: f.outlet.clone(),
        url: f.url.clone(),
        authors,
        published_source: published.as_ref().map(|_| origin.to_string()),
        published,
        language: f.language.clone(),
    }
}

/// Normalises a date or date-time to ISO 8601 (`2019-04-29` or `2019-04-29T14:03:00Z`).
///
/// Accepts `YYYY-MM-DD`, `YYYY/MM/DD`, and RFC 3339 / ISO date-times; returns `None` otherwise.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let sep_ok = (b[4] == b'-' && b[7] == b'-') || (b[4] == b'/' && b[7] == b'/');
    if !(digits(0..4) && digits(5..7) && digits(8..10) && sep_ok) {
        return None;
    }
    let month: u32 = s[5..7].parse().ok()?;
    let day: u32 = s[8..10].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let date = format!("{}-{:02}-{:02}", &s[0..4], month, day);
    match s[10..].trim() {
        "" => Some(date),
        rest if rest.starts_with('T') || rest.starts_with(' ') => {
            let time = rest[1..].trim();
            if time.len() >= 5 && time.as_bytes()[2] == b':' {
                Some(format!("{date}T{time}"))
            } else {
                Some(date)
            }
        }
        _ => Some(date),
    }
}

/// Metadata for the files of one folder, from its `meta.jsonl` (one object per line with a
/// `file` field naming the article file, plus any metadata fields).
#[derive(Debug, Default, Clone)]
pub struct Sidecar {
    by_file: HashMap<String, Metadata>,
}

impl Sidecar {
    /// Reads a sidecar file. Bad lines are returned as `(line number, reason)`.
    pub fn load(path: &Path) -> std::io::Result<(Sidecar, Vec<(usize, String)>)> {
        let text = std::fs::read_to_string(path)?;
        let mut sidecar = Sidecar::default();
        let mut problems = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            #[derive(Deserialize)]
            struct Entry {
                file: String,
                #[serde(flatten)]
                meta: MetaFields,
            }
            match serde_json::from_str::<Entry>(line) {
                Ok(e) => {
                    sidecar
                        .by_file
                        .insert(e.file, metadata_from_json(&e.meta, "sidecar"));
                }
                Err(e) => problems.push((n + 1, format!("invalid sidecar line: {e}"))),
            }
        }
        Ok((sidecar, problems))
    }

    /// Merges another sidecar in; entries of `other` win.
    pub fn extend(&mut self, other: Sidecar) {
        self.by_file.extend(other.by_file);
    }

    /// The metadata of a file, looked up by its file name.
    pub fn get(&self, path: &Path) -> Option<&Metadata> {
        let name = path.file_name()?.to_str()?;
        self.by_file.get(name)
    }

    pub fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalise() {
        assert_eq!(parse_date("2019-04-29").as_deref(), Some("2019-04-29"));
        assert_eq!(parse_date("2019/4/29"), None);
        assert_eq!(parse_date("2019/04/29").as_deref(), Some("2019-04-29"));
        assert_eq!(
            parse_date("2019-04-29T10:00:00Z").as_deref(),
            Some("2019-04-29T10:00:00Z")
        );
        assert_eq!(parse_date("2019-13-01"), None);
        assert_eq!(parse_date("yesterday"), None);
    }
}

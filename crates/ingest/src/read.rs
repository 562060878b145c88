//! Walking inputs and reading every supported format into [`RawDoc`]s, streaming.
//!
//! **Invariant:** reading never stops a batch. Every problem becomes one [`Problem`] naming the
//! file, the record (line, WARC record or feed item) and the reason; the walk goes on with the next record
//! or file.

use crate::feed::{feed_encoding, read_feed, sniff};
use crate::jsonl::parse_line;
use crate::meta::Sidecar;
use crate::warc::{for_each_record, parse_http};
use chronicle_core::{Metadata, SourceFormat, SourceRef};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Size limits that protect memory.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest single document (a text or HTML file, a JSON line, a WARC record, a feed item), in
    /// bytes. A whole feed file may be 32 times as large.
    pub max_doc_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_doc_bytes: 32 * 1024 * 1024,
        }
    }
}

/// How bad a problem is: a warning goes with a document that was still read; an error means
/// something was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem with one input, for the user: file, record and reason.
#[derive(Clone, Debug)]
pub struct Problem {
    pub path: String,
    pub record: Option<String>,
    pub severity: Severity,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match &self.record {
            Some(r) => write!(f, "{level}: {}: {r}: {}", self.path, self.message),
            None => write!(f, "{level}: {}: {}", self.path, self.message),
        }
    }
}

/// Where the article text sits inside a document's original bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// The whole original is the article (a text or HTML file, a WARC payload).
    Whole,
    /// The article is the JSON string literal at this byte range (quotes included).
    JsonString(Range<usize>),
    /// The article is the content of a feed item's element at this byte range of the item
    /// (see [`crate::decode_feed_body`]): XML character data whose entity references and
    /// CDATA sections are resolved with an alignment, or inline XHTML when `markup`.
    Feed {
        range: Range<usize>,
        markup: bool,
        /// The encoding the feed's XML declaration names, if any.
        encoding: Option<&'static str>,
    },
}

/// A document as read, before decoding and cleaning.
#[derive(Clone, Debug)]
pub struct RawDoc {
    pub source: SourceRef,
    /// The container it came from.
    pub container: SourceFormat,
    /// True when the article is HTML (else plain text).
    pub is_html: bool,
    /// The original bytes, verbatim.
    pub raw: Vec<u8>,
    pub body: Body,
    /// Metadata from the container and sidecar.
    pub meta: Metadata,
    /// An identifier the input gave the document (`id` of a JSON line, WARC-Record-ID, a feed
    /// item's `guid`, Atom `id` or RSS 1.0 `rdf:about`).
    pub given_id: Option<String>,
}

/// What reading hands out, one at a time.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // items are moved one at a time; boxing would only add an allocation
pub enum Item {
    Doc(RawDoc),
    Problem(Problem),
}

/// Reads a file or a folder (recursively, in sorted order), calling `sink` for every document
/// and every problem. A folder's `meta.jsonl` is read as the sidecar metadata of its files.
pub fn read_path(path: &Path, limits: &Limits, sink: &mut dyn FnMut(Item)) {
    read_path_with(path, limits, &Sidecar::default(), sink)
}

/// Like [`read_path`], with metadata from a sidecar given by the caller (it loses to a folder's
/// own `meta.jsonl`).
pub fn read_path_with(path: &Path, limits: &Limits, sidecar: &Sidecar, sink: &mut dyn FnMut(Item)) {
    walk(path, limits, sidecar, &mut HashSet::new(), sink)
}

/// One step of the walk; `seen` holds the canonical paths of the folders already entered, so a
/// symbolic link back to a folder (a cycle) is read once, not until the path gets too long.
fn walk(
    path: &Path,
    limits: &Limits,
    sidecar: &Sidecar,
    seen: &mut HashSet<PathBuf>,
    sink: &mut dyn FnMut(Item),
) {
    let display = path.display().to_string();
    let md = match std::fs::metadata(path) {
        Ok(md) => md,
        Err(e) => {
            return problem(
                sink,
                &display,
                None,
                Severity::Error,
                format!("cannot read: {e}"),
            )
        }
    };
    if md.is_dir() {
        // A folder whose real path cannot be resolved is still listed (by its own path).
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !seen.insert(real.clone()) {
            return problem(
                sink,
                &display,
                None,
                Severity::Warning,
                format!(
                    "folder {} was already read (a symbolic link leads back to it); skipped",
                    real.display()
                ),
            );
        }
        read_dir(path, limits, sidecar, seen, sink);
    } else {
        read_file(path, &display, md.len(), limits, sidecar, sink);
    }
}

fn read_dir(
    dir: &Path,
    limits: &Limits,
    inherited: &Sidecar,
    seen: &mut HashSet<PathBuf>,
    sink: &mut dyn FnMut(Item),
) {
    let display = dir.display().to_string();
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(e) => {
            return problem(
                sink,
                &display,
                None,
                Severity::Error,
                format!("cannot list folder: {e}"),
            )
        }
    };
    entries.sort();
    let mut sidecar = inherited.clone();
    let meta_path = dir.join("meta.jsonl");
    if meta_path.is_file() {
        match Sidecar::load(&meta_path) {
            Ok((own, problems)) => {
                sidecar.extend(own);
                for (line, msg) in problems {
                    let path = meta_path.display().to_string();
                    problem(
                        sink,
                        &path,
                        Some(format!("line {line}")),
                        Severity::Warning,
                        msg,
                    );
                }
            }
            Err(e) => {
                let path = meta_path.display().to_string();
                problem(
                    sink,
                    &path,
                    None,
                    Severity::Error,
                    format!("cannot read sidecar: {e}"),
                );
            }
        }
    }
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden || path == meta_path {
            continue;
        }
        walk(&path, limits, &sidecar, seen, sink);
    }
}

/// Compression layers recognised by file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Zstd,
}

/// Splits `name.html.gz` into its format and compression.
fn classify(path: &Path) -> (Option<SourceFormat>, bool, Compression, String) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let (inner, compression) = if let Some(s) = name.strip_suffix(".gz") {
        (s, Compression::Gzip)
    } else if let Some(s) = name
        .strip_suffix(".zst")
        .or_else(|| name.strip_suffix(".zstd"))
    {
        (s, Compression::Zstd)
    } else {
        (name.as_str(), Compression::None)
    };
    let ext = inner
        .rsplit_once('.')
        .map(|(_, e)| e.to_string())
        .unwrap_or_default();
    let (format, html) = match ext.as_str() {
        "txt" | "text" | "md" => (Some(SourceFormat::Text), false),
        "html" | "htm" | "xhtml" | "shtml" => (Some(SourceFormat::Html), true),
        "jsonl" | "ndjson" => (Some(SourceFormat::Jsonl), false),
        "warc" => (Some(SourceFormat::Warc), true),
        // `.xml` is read as a feed only when its root element says it is one.
        "rss" | "atom" | "rdf" | "xml" => (Some(SourceFormat::Feed), true),
        _ => (None, false),
    };
    (format, html, compression, ext)
}

fn open(path: &Path, compression: Compression) -> std::io::Result<Box<dyn Read>> {
    let file = std::fs::File::open(path)?;
    Ok(match compression {
        Compression::None => Box::new(file),
        Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file))),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(file)?),
    })
}

fn read_file(
    path: &Path,
    display: &str,
    size: u64,
    limits: &Limits,
    sidecar: &Sidecar,
    sink: &mut dyn FnMut(Item),
) {
    let (format, is_html, compression, ext) = classify(path);
    let Some(format) = format else {
        let what = if ext.is_empty() {
            "no extension".to_string()
        } else {
            format!("extension .{ext}")
        };
        return problem(
            sink,
            display,
            None,
            Severity::Error,
            format!("unsupported file type ({what}); expected .txt, .html, .jsonl, .warc, .rss, .atom, .xml, optionally .gz or .zst"),
        );
    };
    if size == 0 {
        return problem(
            sink,
            display,
            None,
            Severity::Error,
            "empty file; skipped".into(),
        );
    }
    let reader = match open(path, compression) {
        Ok(r) => r,
        Err(e) => {
            return problem(
                sink,
                display,
                None,
                Severity::Error,
                format!("cannot open: {e}"),
            )
        }
    };
    let source = SourceRef {
        path: display.to_string(),
        record: None,
        compression: match compression {
            Compression::None => None,
            Compression::Gzip => Some("gzip".into()),
            Compression::Zstd => Some("zstd".into()),
        },
    };
    let side = sidecar.get(path).cloned().unwrap_or_default();
    match format {
        SourceFormat::Text | SourceFormat::Html => read_whole(
            reader,
            source,
            format,
            is_html,
            compression,
            size,
            limits,
            side,
            sink,
        ),
        SourceFormat::Jsonl => read_jsonl(reader, source, limits, side, sink),
        SourceFormat::Warc => read_warc(reader, source, limits, side, sink),
        SourceFormat::Feed => read_feed_file(reader, source, compression, limits, side, sink),
    }
}

#[allow(clippy::too_many_arguments)]
fn read_whole(
    reader: Box<dyn Read>,
    source: SourceRef,
    format: SourceFormat,
    is_html: bool,
    compression: Compression,
    size: u64,
    limits: &Limits,
    meta: Metadata,
    sink: &mut dyn FnMut(Item),
) {
    let path = source.path.clone();
    if compression == Compression::None && size > limits.max_doc_bytes {
        return problem(sink, &path, None, Severity::Error, too_big(size, limits));
    }
    let mut raw = Vec::new();
    if let Err(why) = read_capped(reader, limits.max_doc_bytes, compression, &mut raw) {
        return problem(
            sink,
            &path,
            None,
            Severity::Error,
            format!("{why}; skipped"),
        );
    }
    if raw.len() as u64 > limits.max_doc_bytes {
        return problem(
            sink,
            &path,
            None,
            Severity::Error,
            too_big(raw.len() as u64, limits),
        );
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        return problem(sink, &path, None, Severity::Error, BLANK.into());
    }
    if looks_binary(&raw) {
        return problem(
            sink,
            &path,
            None,
            Severity::Error,
            "binary content (NUL or control bytes), not text; skipped".into(),
        );
    }
    // A feed saved as `.html` or `.txt` is still a feed.
    if sniff(&raw).is_some() {
        return read_feed_bytes(&raw, source, None, limits, meta, sink);
    }
    sink(Item::Doc(RawDoc {
        source,
        container: format,
        is_html,
        raw,
        body: Body::Whole,
        meta,
        given_id: None,
    }));
}

/// Reads at most `cap + 1` bytes into `raw`; on failure says what went wrong (what was read
/// before it stays in `raw`).
fn read_capped(
    reader: Box<dyn Read>,
    cap: u64,
    compression: Compression,
    raw: &mut Vec<u8>,
) -> Result<(), String> {
    match reader.take(cap + 1).read_to_end(raw) {
        Ok(_) => Ok(()),
        Err(e) if compression == Compression::None => Err(format!("read error: {e}")),
        Err(e) => Err(format!("truncated or corrupt compressed data: {e}")),
    }
}

fn too_big(size: u64, limits: &Limits) -> String {
    over_limit(size, limits.max_doc_bytes, "the document limit")
}

/// `size` bytes are over the limit of `limit` bytes that `what` names.
fn over_limit(size: u64, limit: u64, what: &str) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    format!(
        "{:.1} MiB is over {what} of {:.1} MiB (--max-doc-mb); skipped",
        size as f64 / MIB,
        limit as f64 / MIB
    )
}

/// The problem of an input that holds only white space.
const BLANK: &str = "empty (only white space); skipped";

/// NUL bytes or many control characters in the first 8 kB, unless a UTF-16 byte-order mark
/// says NUL bytes are expected.
fn looks_binary(raw: &[u8]) -> bool {
    if raw.starts_with(&[0xFF, 0xFE]) || raw.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let head = &raw[..raw.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)))
        .count();
    head.contains(&0) || control * 20 > head.len()
}

fn read_jsonl(
    reader: Box<dyn Read>,
    source: SourceRef,
    limits: &Limits,
    meta: Metadata,
    sink: &mut dyn FnMut(Item),
) {
    let path = source.path.clone();
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut buf = Vec::new();
    let mut n = 0usize;
    let mut any = false;
    loop {
        buf.clear();
        n += 1;
        let read = (&mut reader)
            .take(limits.max_doc_bytes + 1)
            .read_until(b'\n', &mut buf);
        match read {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                let msg = format!(
                    "read stopped at line {n}: {e} (truncated or corrupt compressed data?)"
                );
                return problem(sink, &path, None, Severity::Error, msg);
            }
        }
        let record = Some(format!("line {n}"));
        if buf.len() as u64 > limits.max_doc_bytes {
            problem(
                sink,
                &path,
                record,
                Severity::Error,
                too_big(buf.len() as u64, limits),
            );
            // Skip the rest of the over-long line.
            let mut rest = Vec::new();
            let _ = reader.read_until(b'\n', &mut rest);
            continue;
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l,
            Err(e) => {
                let msg = format!(
                    "not valid UTF-8 (byte {}); JSON Lines must be UTF-8",
                    e.valid_up_to()
                );
                problem(sink, &path, record, Severity::Error, msg);
                continue;
            }
        };
        match parse_line(line) {
            Ok(article) => {
                any = true;
                let mut doc_meta = article.meta;
                doc_meta.fill_from(&meta);
                sink(Item::Doc(RawDoc {
                    source: SourceRef {
                        record: record.clone(),
                        ..source.clone()
                    },
                    container: SourceFormat::Jsonl,
                    is_html: article.is_html,
                    raw: buf.clone(),
                    body: Body::JsonString(article.string_range),
                    meta: doc_meta,
                    given_id: article.id,
                }));
            }
            Err(reason) => problem(sink, &path, record, Severity::Error, reason),
        }
    }
    if !any && n <= 2 {
        problem(
            sink,
            &path,
            None,
            Severity::Error,
            "no JSON lines in the file".into(),
        );
    }
}

fn read_warc(
    reader: Box<dyn Read>,
    source: SourceRef,
    limits: &Limits,
    meta: Metadata,
    sink: &mut dyn FnMut(Item),
) {
    let path = source.path.clone();
    let reader = BufReader::with_capacity(1 << 16, reader);
    for_each_record(reader, limits.max_doc_bytes, &mut |rec| {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => return problem(sink, &path, None, Severity::Error, e),
        };
        if !rec
            .header("WARC-Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("response"))
        {
            return;
        }
        let record = Some(format!("record {} @ byte {}", rec.index, rec.offset));
        let http = match parse_http(&rec.block) {
            Ok(h) => h,
            Err(e) => return problem(sink, &path, record, Severity::Error, e),
        };
        // A feed fetched by the crawler (whatever type the server gave it): one document per
        // item, with offsets into the record's payload.
        if http.status == 200 && sniff(&http.body).is_some() {
            return read_feed_bytes(
                &http.body,
                source.clone(),
                record,
                limits,
                meta.clone(),
                sink,
            );
        }
        let is_html = http.content_type.contains("html");
        if http.status != 200 || !(is_html || http.content_type.starts_with("text/plain")) {
            return;
        }
        if let Some(note) = http.note {
            problem(sink, &path, record.clone(), Severity::Warning, note);
        }
        let mut doc_meta = Metadata {
            url: rec
                .header("WARC-Target-URI")
                .map(|u| u.trim_matches(['<', '>']).to_string()),
            ..Metadata::default()
        };
        doc_meta.fill_from(&meta);
        sink(Item::Doc(RawDoc {
            source: SourceRef {
                record,
                ..source.clone()
            },
            container: SourceFormat::Warc,
            is_html,
            raw: http.body,
            body: Body::Whole,
            meta: doc_meta,
            given_id: rec.header("WARC-Record-ID").map(String::from),
        }));
    });
}

/// Reads a whole feed file (at most 32 documents' worth of bytes) and its items. A read that
/// fails midway (truncated compressed data) is reported, and the items read before it are kept.
fn read_feed_file(
    reader: Box<dyn Read>,
    source: SourceRef,
    compression: Compression,
    limits: &Limits,
    meta: Metadata,
    sink: &mut dyn FnMut(Item),
) {
    let path = source.path.clone();
    let cap = limits.max_doc_bytes.saturating_mul(32);
    let mut raw = Vec::new();
    if let Err(why) = read_capped(reader, cap, compression, &mut raw) {
        let msg = format!("{why}; only the items before byte {} are read", raw.len());
        problem(sink, &path, None, Severity::Error, msg);
    }
    if raw.len() as u64 > cap {
        return problem(
            sink,
            &path,
            None,
            Severity::Error,
            over_limit(
                raw.len() as u64,
                cap,
                "the feed limit (32 times the document limit)",
            ),
        );
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        return problem(sink, &path, None, Severity::Error, BLANK.into());
    }
    read_feed_bytes(&raw, source, None, limits, meta, sink);
}

/// One document per item of the feed in `raw` (see `feed.rs` for what each one's bytes are);
/// `within` names the container record that holds the feed (a WARC record), if any.
fn read_feed_bytes(
    raw: &[u8],
    source: SourceRef,
    within: Option<String>,
    limits: &Limits,
    meta: Metadata,
    sink: &mut dyn FnMut(Item),
) {
    let path = source.path.clone();
    let Some(kind) = sniff(raw) else {
        let why = if looks_binary(raw) {
            "binary content, not a feed; skipped".to_string()
        } else {
            "not an RSS, RSS 1.0 (RDF) or Atom feed (no <rss>, <rdf:RDF> or <feed> root element); skipped".to_string()
        };
        return problem(sink, &path, within, Severity::Error, why);
    };
    let encoding = feed_encoding(raw);
    let feed_problem = read_feed(raw, kind, &mut |item| {
        let here = format!("item {} @ byte {}", item.index, item.range.start);
        let record = Some(match &within {
            Some(w) => format!("{w}, {here}"),
            None => here,
        });
        let size = item.range.len() as u64;
        let article = match item.article {
            Ok(_) if size > limits.max_doc_bytes => Err(too_big(size, limits)),
            other => other,
        };
        match article {
            Ok(a) => {
                let mut doc_meta = a.meta;
                doc_meta.fill_from(&meta);
                sink(Item::Doc(RawDoc {
                    source: SourceRef {
                        record,
                        ..source.clone()
                    },
                    container: SourceFormat::Feed,
                    is_html: a.is_html,
                    raw: raw[item.range].to_vec(),
                    body: Body::Feed {
                        range: a.body,
                        markup: a.markup,
                        encoding,
                    },
                    meta: doc_meta,
                    given_id: a.id,
                }));
            }
            Err(why) => problem(sink, &path, record, Severity::Error, why),
        }
    });
    if let Some(why) = feed_problem {
        problem(sink, &path, within, Severity::Error, why);
    }
}

fn problem(
    sink: &mut dyn FnMut(Item),
    path: &str,
    record: Option<String>,
    severity: Severity,
    message: String,
) {
    sink(Item::Problem(Problem {
        path: path.to_string(),
        record,
        severity,
        message,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_by_extension() {
        let c = |p: &str| {
            let (f, h, comp, _) = classify(Path::new(p));
            (f, h, comp)
        };
        assert_eq!(
            c("a.html.gz"),
            (Some(SourceFormat::Html), true, Compression::Gzip)
        );
        assert_eq!(
            c("a.WARC.zst"),
            (Some(SourceFormat::Warc), true, Compression::Zstd)
        );
        assert_eq!(
            c("a.ndjson"),
            (Some(SourceFormat::Jsonl), false, Compression::None)
        );
        assert_eq!(c("a.pdf").0, None);
        assert_eq!(
            c("news.RSS.gz"),
            (Some(SourceFormat::Feed), true, Compression::Gzip)
        );
        assert_eq!(c("a.atom").0, Some(SourceFormat::Feed));
        assert_eq!(c("a.xml.zst").0, Some(SourceFormat::Feed));
    }

    #[test]
    fn a_feed_in_a_warc_record_is_read_item_by_item() {
        let feed = "<rss><channel><title>Wire</title>\
            <item><title>A</title><description>First story.</description></item>\
            <item><title>B</title><description>Second story.</description></item>\
            </channel></rss>";
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\n\r\n{feed}",
            feed.len()
        );
        let warc = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://wire.example/feed\r\n\
             WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n\
             Content-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("crawl.warc"), warc).unwrap();
        let (mut docs, mut problems) = (Vec::new(), Vec::new());
        read_path(tmp.path(), &Limits::default(), &mut |item| match item {
            Item::Doc(d) => docs.push(d),
            Item::Problem(p) => problems.push(p.to_string()),
        });
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(docs.len(), 2);
        let b = &docs[1];
        let at = feed.find("<item><title>B").unwrap();
        assert_eq!(
            b.source.record.as_deref(),
            Some(format!("record 1 @ byte 0, item 2 @ byte {at}").as_str())
        );
        assert_eq!(b.container, SourceFormat::Feed);
        assert_eq!(b.meta.outlet.as_deref(), Some("Wire"));
        assert_eq!(b.raw, feed.as_bytes()[at..feed.find("</channel>").unwrap()]);
    }

    #[test]
    fn feeds_are_told_by_their_root_element_not_their_name() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let feed = "<?xml version=\"1.0\"?><rss><channel><title>T</title>\
            <item><title>A</title><description>First story.</description></item>\
            <item><title>B</title><description>Second story.</description></item>\
            </channel></rss>";
        std::fs::write(dir.join("a-feed.html"), feed).unwrap();
        std::fs::write(dir.join("b-feed.xml"), feed.replace("story", "report")).unwrap();
        std::fs::write(
            dir.join("c-sitemap.xml"),
            "<?xml version=\"1.0\"?><urlset></urlset>",
        )
        .unwrap();
        std::fs::write(
            dir.join("d-page.rss"),
            "<!doctype html><html><p>x</p></html>",
        )
        .unwrap();
        let (mut docs, mut problems) = (Vec::new(), Vec::new());
        read_path(dir, &Limits::default(), &mut |item| match item {
            Item::Doc(d) => docs.push(d),
            Item::Problem(p) => problems.push(p.to_string()),
        });
        assert_eq!(docs.len(), 4, "{problems:?}");
        assert!(docs.iter().all(|d| d.container == SourceFormat::Feed));
        assert_eq!(docs[1].source.record.as_deref(), Some("item 2 @ byte 119"));
        assert!(String::from_utf8_lossy(&docs[1].raw).starts_with("<item><title>B"));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("c-sitemap.xml: not an RSS"),
            "{problems:?}"
        );
        assert!(
            problems[1].contains("d-page.rss: not an RSS"),
            "{problems:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_cycle_is_walked_once() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("in");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("a.txt"), "Guterres said on Monday.").unwrap();
        std::fs::write(dir.join("sub/b.txt"), "Bachelet said on Tuesday.").unwrap();
        std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
        let (mut docs, mut problems) = (Vec::new(), Vec::new());
        read_path(&dir, &Limits::default(), &mut |item| match item {
            Item::Doc(d) => docs.push(d.source.path),
            Item::Problem(p) => problems.push(p.to_string()),
        });
        assert_eq!(docs.len(), 2, "{docs:?}");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("sub/up") && problems[0].contains("already read"));
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"\x00\x01\x02abc"));
        assert!(!looks_binary("plain text – fine\n".as_bytes()));
        assert!(!looks_binary(&[0xFF, 0xFE, b'a', 0]));
    }
}

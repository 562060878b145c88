//! The store itself: opening with migrations, writing batches, reading documents back.

use crate::schema::MIGRATIONS;
use crate::{Error, Result};
use chronicle_core::{AlignedText, Alignment, Document, Layers, Metadata, SourceFormat, SourceRef};
use chronicle_ingest::Signature;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// Opens a matched term in a [`Store::search`] snippet (STX).
pub const HIT_START: char = '\u{2}';
/// Closes a matched term in a [`Store::search`] snippet (ETX).
pub const HIT_END: char = '\u{3}';

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "chronicle.db";

/// A document ready to be stored, with what copy detection needs.
#[derive(Debug)]
pub struct Prepared {
    pub doc: Document,
    pub is_html: bool,
    pub given_id: Option<String>,
    pub signature: Signature,
}

/// A line of the ingest log that is not about a stored document (a problem with an input).
#[derive(Debug, Clone)]
pub struct LogLine {
    pub path: String,
    pub record: Option<String>,
    pub status: String,
    pub message: String,
}

/// A copy relation between two documents.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CopyRelation {
    /// The earlier-stored document.
    pub doc_a: String,
    /// The later-stored document, a copy of `doc_a`.
    pub doc_b: String,
    /// `exact` (same clean text), `near` (Jaccard ≥ 0.8) or `contained` (most of the shorter
    /// text's shingles are in the longer: a trimmed or extended copy).
    pub kind: String,
    pub jaccard: f64,
    pub containment: f64,
    /// True when the two come from different outlets or hosts: a syndicated copy.
    pub cross_outlet: bool,
}

/// What storing one document did.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredOutcome {
    Added { copies: Vec<CopyRelation> },
    Unchanged,
}

/// One row of `chronicle list`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DocSummary {
    pub id: String,
    pub seq: i64,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub words: i64,
    pub entities: i64,
    pub quotes: i64,
    pub timexes: i64,
    pub claims: i64,
    pub copies: i64,
}

/// Counts of one ingest run.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct RunCounts {
    pub added: u64,
    pub unchanged: u64,
    pub problems: u64,
}

/// Minimum shingles before a similarity estimate is trusted (tiny texts look alike by chance).
const MIN_SHINGLES: usize = 8;
const NEAR_JACCARD: f64 = 0.8;
const CONTAINED: f64 = 0.8;
/// Rows read from one LSH bucket, newest first.
const BUCKET_READ_LIMIT: i64 = 64;
/// Earlier documents with the same clean text related to a new one, newest first.
const EXACT_READ_LIMIT: i64 = 64;
/// Shared bands needed before a candidate is verified (about Jaccard 0.2 and up).
const MIN_BAND_HITS: usize = 3;
/// Candidates verified on their signatures per new document, best-ranked first.
const MAX_VERIFIED: usize = 32;

/// The embedded store of one data directory.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    next_seq: i64,
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl Store {
    /// Opens (creating if needed) the store in `dir`, applying any missing migrations.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|cause| Error::Dir {
            path: dir.display().to_string(),
            cause,
        })?;
        let mut conn = Connection::open(dir.join(DB_FILE))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL: readers never block the writer, and a committed transaction survives a killed
        // process. synchronous=NORMAL keeps it durable against process crashes (the WAL is in
        // the OS cache); only a power loss could drop the last commits.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 64 MiB of page cache: the LSH and id lookups of a large ingest stay in memory.
        conn.pragma_update(None, "cache_size", -65536)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(Error::TooNew {
                found: version,
                known,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        let next_seq =
            conn.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents", [], |r| {
                r.get(0)
            })?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
            next_seq,
        })
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// A value that changes whenever what the store holds changes (documents, sightings and
    /// copy relations are only ever added): the newest row of each. Cheap (three index lookups),
    /// so readers can keep answers computed from the store until it changes.
    pub fn version(&self) -> Result<(i64, i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT coalesce(max(rowid), 0) FROM documents), \
                    (SELECT coalesce(max(rowid), 0) FROM sightings), \
                    (SELECT coalesce(max(rowid), 0) FROM relations)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// Starts an ingest run and returns its id.
    pub fn begin_run(&self, command: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO runs (started_at, command) VALUES (?1, ?2)",
            params![now(), command],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records the end of a run.
    pub fn finish_run(&self, run_id: i64, counts: RunCounts) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET finished_at = ?1, added = ?2, unchanged = ?3, problems = ?4 WHERE id = ?5",
            params![now(), counts.added as i64, counts.unchanged as i64, counts.problems as i64, run_id],
        )?;
        Ok(())
    }

    /// True when a document with this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Stores a batch of documents and log lines in one transaction and returns what happened
    /// to each document, in order.
    pub fn store_batch(
        &mut self,
        run_id: i64,
        docs: &[Prepared],
        log: &[LogLine],
    ) -> Result<Vec<StoredOutcome>> {
        let tx = self.conn.transaction()?;
        let at = now();
        let mut outcomes = Vec::with_capacity(docs.len());
        for p in docs {
            let d = &p.doc;
            let record = d.source.record.clone().unwrap_or_default();
            let exists = tx
                .query_row("SELECT 1 FROM documents WHERE id = ?1", [&d.id], |_| Ok(()))
                .optional()?
                .is_some();
            if exists {
                tx.execute(
                    "INSERT OR IGNORE INTO sightings (doc_id, path, record, run_id) VALUES (?1, ?2, ?3, ?4)",
                    params![d.id, d.source.path, record, run_id],
                )?;
                tx.execute(
                    "INSERT INTO ingest_log (run_id, at, path, record, status, doc_id) VALUES (?1, ?2, ?3, ?4, 'unchanged', ?5)",
                    params![run_id, at, d.source.path, d.source.record, d.id],
                )?;
                outcomes.push(StoredOutcome::Unchanged);
                continue;
            }
            let copies = find_copies(&tx, p)?;
            insert_document(&tx, p, self.next_seq, run_id, at)?;
            self.next_seq += 1;
            tx.execute(
                "INSERT INTO sightings (doc_id, path, record, run_id) VALUES (?1, ?2, ?3, ?4)",
                params![d.id, d.source.path, record, run_id],
            )?;
            for c in &copies {
                tx.execute(
                    "INSERT OR IGNORE INTO relations (doc_a, doc_b, kind, jaccard, containment, cross_outlet) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![c.doc_a, c.doc_b, c.kind, c.jaccard, c.containment, c.cross_outlet],
                )?;
            }
            if p.signature.shingles >= MIN_SHINGLES {
                let mut stmt = tx.prepare_cached(
                    "INSERT OR IGNORE INTO lsh (band_key, seq, doc_id) VALUES (?1, ?2, ?3)",
                )?;
                for key in p.signature.band_keys() {
                    stmt.execute(params![key, self.next_seq - 1, d.id])?;
                }
            }
            let message = (!copies.is_empty()).then(|| {
                copies
                    .iter()
                    .map(|c| format!("{} copy of {}", c.kind, &c.doc_a[..12]))
                    .collect::<Vec<_>>()
                    .join("; ")
            });
            tx.execute(
                "INSERT INTO ingest_log (run_id, at, path, record, status, message, doc_id) VALUES (?1, ?2, ?3, ?4, 'added', ?5, ?6)",
                params![run_id, at, d.source.path, d.source.record, message, d.id],
            )?;
            outcomes.push(StoredOutcome::Added { copies });
        }
        for l in log {
            tx.execute(
                "INSERT INTO ingest_log (run_id, at, path, record, status, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![run_id, at, l.path, l.record, l.status, l.message],
            )?;
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// Number of stored documents.
    pub fn count_documents(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))?)
    }

    /// Resolves a document reference: a full id, an id prefix (at least 4 characters), a
    /// sequence number, or a source path.
    pub fn resolve(&self, reference: &str) -> Result<String> {
        if let Ok(seq) = reference.parse::<i64>() {
            if let Some(id) = self
                .conn
                .query_row("SELECT id FROM documents WHERE seq = ?1", [seq], |r| {
                    r.get(0)
                })
                .optional()?
            {
                return Ok(id);
            }
        }
        let mut ids: Vec<String> = Vec::new();
        if reference.len() >= 4 && reference.chars().all(|c| c.is_ascii_hexdigit()) {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM documents WHERE id >= ?1 AND id < ?1 || 'g' LIMIT 3")?;
            ids = stmt
                .query_map([reference], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
        if ids.is_empty() {
            let mut stmt = self
                .conn
                .prepare("SELECT DISTINCT doc_id FROM sightings WHERE path = ?1 OR path LIKE '%/' || ?1 LIMIT 3")?;
            ids = stmt
                .query_map([reference], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
        match ids.len() {
            1 => Ok(ids.remove(0)),
            0 => Err(Error::NotFound(format!(
                "no document matches {reference:?} (try `chronicle list`)"
            ))),
            _ => Err(Error::NotFound(format!(
                "{reference:?} matches several documents; give more of the id"
            ))),
        }
    }

    /// Reads a whole document back, original bytes included.
    pub fn get(&self, id: &str) -> Result<Document> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE id = ?1"
        ))?;
        let row = stmt.query_row([id], |r| Ok(read_doc_row(r))).optional()?;
        match row {
            Some(doc) => doc,
            None => Err(Error::NotFound(format!("no document {id}"))),
        }
    }

    /// Calls `f` for every document in storage order.
    pub fn for_each_document(&self, f: &mut dyn FnMut(Document) -> Result<()>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {DOC_COLUMNS} FROM documents ORDER BY seq"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(read_doc_row(r)?)?;
        }
        Ok(())
    }

    /// One summary row per document, in storage order.
    pub fn list(&self) -> Result<Vec<DocSummary>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.seq, d.source_path, d.record, d.title, d.outlet, d.published,
                    d.clean_text,
                    json_array_length(d.layers, '$.entities'), json_array_length(d.layers, '$.quotes'),
                    json_array_length(d.layers, '$.timexes'), json_array_length(d.layers, '$.claims'),
                    (SELECT COUNT(*) FROM relations r WHERE r.doc_a = d.id OR r.doc_b = d.id)
             FROM documents d ORDER BY d.seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DocSummary {
                id: r.get(0)?,
                seq: r.get(1)?,
                source: r.get(2)?,
                record: r.get(3)?,
                title: r.get(4)?,
                outlet: r.get(5)?,
                published: r.get(6)?,
                // Words as everywhere else (ingest report, CSV export): runs of non-space, so
                // line ends separate words and an empty text has none.
                words: r.get::<_, String>(7)?.split_whitespace().count() as i64,
                entities: r.get::<_, Option<i64>>(8)?.unwrap_or(0),
                quotes: r.get::<_, Option<i64>>(9)?.unwrap_or(0),
                timexes: r.get::<_, Option<i64>>(10)?.unwrap_or(0),
                claims: r.get::<_, Option<i64>>(11)?.unwrap_or(0),
                copies: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The copy relations a document takes part in.
    pub fn relations_of(&self, id: &str) -> Result<Vec<CopyRelation>> {
        let mut stmt = self.conn.prepare(
            "SELECT doc_a, doc_b, kind, jaccard, containment, cross_outlet FROM relations WHERE doc_a = ?1 OR doc_b = ?1",
        )?;
        let rows = stmt.query_map([id], read_relation)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// All copy relations.
    pub fn relations(&self) -> Result<Vec<CopyRelation>> {
        let mut stmt = self.conn.prepare(
            "SELECT doc_a, doc_b, kind, jaccard, containment, cross_outlet FROM relations",
        )?;
        let rows = stmt.query_map([], read_relation)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every place a document was seen (path and record), in first-seen order.
    pub fn sightings(&self, id: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, record FROM sightings WHERE doc_id = ?1 ORDER BY rowid")?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ingest log of a run: (path, record, status, message, doc id).
    #[allow(clippy::type_complexity)]
    pub fn run_log(
        &self,
        run_id: i64,
    ) -> Result<
        Vec<(
            String,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
        )>,
    > {
        let mut stmt = self
            .conn
            .prepare("SELECT path, record, status, message, doc_id FROM ingest_log WHERE run_id = ?1 ORDER BY rowid")?;
        let rows = stmt.query_map([run_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Full-text search over titles and clean text; returns (id, title, snippet) best first.
    /// In the snippet each matched term sits between [`HIT_START`] and [`HIT_END`] (control
    /// characters, which clean text never holds), so callers can mark them without mistaking a
    /// bracket of the text for a hit.
    pub fn search(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Vec<(String, Option<String>, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, title, snippet(documents_fts, 2, char(2), char(3), ' … ', 12) FROM documents_fts
             WHERE documents_fts MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![query, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        rows.collect::<rusqlite::Result<_>>().map_err(|e| {
            let message = e.to_string();
            if message.contains("fts5:") {
                Error::BadQuery(message)
            } else {
                Error::Sqlite(e)
            }
        })
    }
}

fn read_relation(r: &rusqlite::Row) -> rusqlite::Result<CopyRelation> {
    Ok(CopyRelation {
        doc_a: r.get(0)?,
        doc_b: r.get(1)?,
        kind: r.get(2)?,
        jaccard: r.get(3)?,
        containment: r.get(4)?,
        cross_outlet: r.get(5)?,
    })
}

const DOC_COLUMNS: &str =
    "id, source_path, record, compression, container, encoding, title, outlet, url, authors, \
     published, published_source, language, raw, clean_text, alignment, layers, diagnostics";

fn read_doc_row(r: &rusqlite::Row) -> Result<Document> {
    let authors: String = r.get(9)?;
    let alignment: String = r.get(15)?;
    let layers: String = r.get(16)?;
    let diagnostics: String = r.get(17)?;
    let container: String = r.get(4)?;
    Ok(Document {
        id: r.get(0)?,
        source: SourceRef {
            path: r.get(1)?,
            record: r.get(2)?,
            compression: r.get(3)?,
        },
        format: SourceFormat::parse(&container),
        encoding: r.get(5)?,
        meta: Metadata {
            title: r.get(6)?,
            outlet: r.get(7)?,
            url: r.get(8)?,
            authors: serde_json::from_str(&authors)?,
            published: r.get(10)?,
            published_source: r.get(11)?,
            language: r.get(12)?,
        },
        raw: r.get(13)?,
        clean: AlignedText {
            text: r.get(14)?,
            alignment: serde_json::from_str::<Alignment>(&alignment)?,
        },
        layers: serde_json::from_str::<Layers>(&layers)?,
        diagnostics: serde_json::from_str(&diagnostics)?,
    })
}

/// The layers as stored: everything but the tokens, which are about 100 bytes each in JSON and
/// are recomputed from the clean text by the deterministic analyzer when asked for
/// (`chronicle show --tokens`).
fn stored_layers(layers: &chronicle_core::Layers) -> Result<String> {
    let mut value = serde_json::to_value(layers)?;
    if let Some(tokens) = value.get_mut("tokens") {
        *tokens = serde_json::Value::Array(Vec::new());
    }
    Ok(serde_json::to_string(&value)?)
}

fn insert_document(
    tx: &rusqlite::Transaction,
    p: &Prepared,
    seq: i64,
    run_id: i64,
    at: i64,
) -> Result<()> {
    let d = &p.doc;
    let text_hash = chronicle_core::content_hash(d.clean.text.as_bytes());
    tx.execute(
        "INSERT INTO documents (id, seq, source_path, record, compression, container, is_html, given_id, encoding,
            title, outlet, url, authors, published, published_source, language, raw, clean_text, alignment, layers,
            diagnostics, text_hash, minhash, shingles, run_id, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
            ?23, ?24, ?25, ?26)",
        params![
            d.id,
            seq,
            d.source.path,
            d.source.record,
            d.source.compression,
            d.format.map_or("text", SourceFormat::as_str),
            p.is_html,
            p.given_id,
            d.encoding,
            d.meta.title,
            d.meta.outlet,
            d.meta.url,
            serde_json::to_string(&d.meta.authors)?,
            d.meta.published,
            d.meta.published_source,
            d.meta.language,
            d.raw,
            d.clean.text,
            serde_json::to_string(&d.clean.alignment)?,
            stored_layers(&d.layers)?,
            serde_json::to_string(&d.diagnostics)?,
            text_hash,
            p.signature.to_bytes(),
            p.signature.shingles as i64,
            run_id,
            at,
        ],
    )?;
    tx.execute(
        "INSERT INTO documents_fts (id, title, body) VALUES (?1, ?2, ?3)",
        params![d.id, d.meta.title, d.clean.text],
    )?;
    Ok(())
}

/// Finds stored documents that `p` copies: the same clean text, or LSH candidates whose
/// signatures say near-duplicate or contained.
fn find_copies(tx: &rusqlite::Transaction, p: &Prepared) -> Result<Vec<CopyRelation>> {
    let d = &p.doc;
    // Pages without article text (only navigation, a paywall's markup) share no story: an
    // empty text is nobody's copy.
    if d.clean.text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let text_hash = chronicle_core::content_hash(d.clean.text.as_bytes());
    let mut candidates: Vec<String> = Vec::new();
    {
        // Newest first and capped like the LSH buckets: a thousand identical pages ("Access
        // denied") must not cost each new one a thousand relations.
        let mut stmt = tx.prepare_cached(
            "SELECT id FROM documents WHERE text_hash = ?1 ORDER BY seq DESC LIMIT ?2",
        )?;
        for id in stmt.query_map(params![&text_hash, EXACT_READ_LIMIT], |r| {
            r.get::<_, String>(0)
        })? {
            candidates.push(id?);
        }
    }
    let exact: std::collections::HashSet<String> = candidates.iter().cloned().collect();
    if p.signature.shingles >= MIN_SHINGLES {
        // Count how many bands each candidate shares: with 2 rows per band a pair of Jaccard J
        // shares about 64·J² bands, so the count ranks candidates before any signature is read.
        // Buckets are read newest first and capped, so a cluster of thousands of copies costs a
        // bounded amount per new document instead of growing with the cluster.
        let mut hits: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut stmt = tx.prepare_cached(
            "SELECT doc_id FROM lsh WHERE band_key = ?1 ORDER BY seq DESC LIMIT ?2",
        )?;
        for key in p.signature.band_keys() {
            for id in stmt.query_map(params![key, BUCKET_READ_LIMIT], |r| r.get::<_, String>(0))? {
                *hits.entry(id?).or_default() += 1;
            }
        }
        let mut ranked: Vec<(String, usize)> = hits
            .into_iter()
            .filter(|(_, n)| *n >= MIN_BAND_HITS)
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for (id, _) in ranked.into_iter().take(MAX_VERIFIED) {
            if !exact.contains(&id) {
                candidates.push(id);
            }
        }
    }
    let mut out = Vec::new();
    let mut stmt =
        tx.prepare_cached("SELECT minhash, shingles, outlet, url FROM documents WHERE id = ?1")?;
    for other in candidates {
        let (mins, shingles, outlet, url): (Vec<u8>, i64, Option<String>, Option<String>) = stmt
            .query_row([&other], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        let Some(sig) = Signature::from_bytes(&mins, shingles as usize) else {
            continue;
        };
        let jaccard = p.signature.jaccard(&sig);
        let containment = p.signature.containment(&sig);
        let kind = if exact.contains(&other) {
            "exact"
        } else if sig.shingles.min(p.signature.shingles) < MIN_SHINGLES {
            continue;
        } else if jaccard >= NEAR_JACCARD {
            "near"
        } else if containment >= CONTAINED {
            "contained"
        } else {
            continue;
        };
        let cross_outlet =
            differs(&outlet, &d.meta.outlet) || differs(&host(&url), &host(&d.meta.url));
        out.push(CopyRelation {
            doc_a: other,
            doc_b: d.id.clone(),
            kind: kind.to_string(),
            jaccard,
            containment,
            cross_outlet,
        });
    }
    Ok(out)
}

fn differs(a: &Option<String>, b: &Option<String>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if !x.eq_ignore_ascii_case(y))
}

fn host(url: &Option<String>) -> Option<String> {
    let u = url.as_deref()?;
    let rest = u.split_once("://").map_or(u, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    Some(host.trim_start_matches("www.").to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chronicle_core::{content_hash, AlignedText};

    fn prepared(text: &str, path: &str, outlet: Option<&str>) -> Prepared {
        let doc = Document {
            id: content_hash(format!("{path}\u{0}{text}").as_bytes()),
            source: SourceRef {
                path: path.into(),
                ..SourceRef::default()
            },
            format: Some(SourceFormat::Text),
            encoding: "UTF-8".into(),
            meta: Metadata {
                outlet: outlet.map(String::from),
                ..Metadata::default()
            },
            raw: text.as_bytes().to_vec(),
            clean: AlignedText::identity(text.to_string()),
            ..Document::default()
        };
        Prepared {
            signature: Signature::of(text),
            doc,
            is_html: false,
            given_id: None,
        }
    }

    const STORY: &str = "Secretary-General Antonio Guterres raised the plight of an estimated one \
        million Uighurs held in camps in China during a recent meeting with President Xi Jinping, \
        the United Nations said Monday, after rights groups had pressed him for months to speak \
        out in public about the detentions in the region of Xinjiang.";

    #[test]
    fn empty_texts_are_not_copies() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let run = store.begin_run("test").unwrap();
        let docs = [
            prepared("", "a.html", None),
            prepared(" \n", "b.html", None),
        ];
        let out = store.store_batch(run, &docs, &[]).unwrap();
        assert!(
            out.iter()
                .all(|o| *o == StoredOutcome::Added { copies: vec![] }),
            "{out:?}"
        );
        assert!(store.relations().unwrap().is_empty());
    }

    #[test]
    fn exact_copies_relate_to_a_bounded_number_of_earlier_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let run = store.begin_run("test").unwrap();
        let n = EXACT_READ_LIMIT as usize + 6;
        let docs: Vec<Prepared> = (0..n)
            .map(|i| prepared(STORY, &format!("{i}.txt"), None))
            .collect();
        let out = store.store_batch(run, &docs, &[]).unwrap();
        let most = out
            .iter()
            .map(|o| match o {
                StoredOutcome::Added { copies } => copies.len(),
                other => panic!("{other:?}"),
            })
            .max();
        assert_eq!(most, Some(EXACT_READ_LIMIT as usize));
    }

    #[test]
    fn list_counts_words_split_by_any_white_space() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let run = store.begin_run("test").unwrap();
        let docs = [
            prepared("one two\nthree\n\nfour  five", "a.txt", None),
            prepared("", "b.txt", None),
        ];
        store.store_batch(run, &docs, &[]).unwrap();
        let words: Vec<i64> = store.list().unwrap().iter().map(|d| d.words).collect();
        assert_eq!(words, [5, 0]);
    }

    #[test]
    fn migrations_run_once_and_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        drop(store);
        let again = Store::open(dir.path()).unwrap();
        assert_eq!(again.schema_version().unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        assert!(matches!(
            Store::open(dir.path()),
            Err(Error::TooNew { found: 99, .. })
        ));
    }

    #[test]
    fn batches_store_once_and_relate_copies() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let run = store.begin_run("test").unwrap();
        let a = prepared(STORY, "a.txt", Some("AP"));
        let b = prepared(STORY, "b.txt", Some("Local Times"));
        let out = store.store_batch(run, &[a, b], &[]).unwrap();
        assert_eq!(out[0], StoredOutcome::Added { copies: vec![] });
        let StoredOutcome::Added { copies } = &out[1] else {
            panic!("{out:?}")
        };
        assert_eq!(copies.len(), 1);
        assert_eq!(copies[0].kind, "exact");
        assert!(copies[0].cross_outlet);
        // The same document again: unchanged, and seen in one more place.
        let again = prepared(STORY, "a.txt", Some("AP"));
        let id = again.doc.id.clone();
        let out = store.store_batch(run, &[again], &[]).unwrap();
        assert_eq!(out, vec![StoredOutcome::Unchanged]);
        assert_eq!(store.count_documents().unwrap(), 2);
        assert_eq!(store.resolve("1").unwrap(), id);
        assert_eq!(store.resolve(&id[..6]).unwrap(), id);
        assert_eq!(store.resolve("a.txt").unwrap(), id);
        assert!(store.resolve("nothing-like-it").is_err());
        let doc = store.get(&id).unwrap();
        assert_eq!(doc.clean.text, STORY);
        assert_eq!(doc.raw, STORY.as_bytes());
        assert_eq!(store.relations_of(&id).unwrap().len(), 1);
        assert_eq!(store.search("Guterres", 5).unwrap().len(), 2);
    }

    #[test]
    fn unrelated_documents_are_not_related() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let run = store.begin_run("test").unwrap();
        let other =
            "The weather in Geneva was mild on Tuesday, with light winds from the lake and \
            temperatures near twenty degrees, forecasters at the national weather service said in \
            their morning bulletin, adding that rain could return by the weekend.";
        let out = store
            .store_batch(
                run,
                &[
                    prepared(STORY, "a.txt", None),
                    prepared(other, "b.txt", None),
                ],
                &[],
            )
            .unwrap();
        assert_eq!(out[1], StoredOutcome::Added { copies: vec![] });
    }
}

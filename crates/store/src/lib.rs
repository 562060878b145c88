//! The embedded store: one data directory holding a SQLite database in WAL mode with the
//! documents (original bytes, metadata, clean text and its alignment, annotation layers), the
//! relations between copies, the LSH index that finds them, a full-text index and the ingest log.
//!
//! **Invariants:**
//! - A document is keyed by its content hash, so storing the same input twice changes nothing.
//! - A batch of documents and its log lines commit in one transaction: after a crash (even
//!   `kill -9`) a document is either fully stored with its relations and log line, or absent.
//! - The schema carries a version (`PRAGMA user_version`); [`Store::open`] applies the missing
//!   migrations in order, so older data directories keep opening.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let store = chronicle_store::Store::open(dir.path()).unwrap();
//! assert_eq!(store.count_documents().unwrap(), 0);
//! ```

mod schema;
mod store;

pub use store::{
    CopyRelation, DocSummary, LogLine, Prepared, RunCounts, Store, StoredOutcome, DB_FILE, HIT_END,
    HIT_START,
};

/// Errors of the store. Each message holds its cause's message, so the cause is not also
/// chained as a `source` (which would print it twice in `error: …: …` reports).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Sqlite(rusqlite::Error),
    #[error("data directory {path}: {cause}")]
    Dir { path: String, cause: std::io::Error },
    #[error("stored JSON: {0}")]
    Json(serde_json::Error),
    #[error("the data directory was written by a newer chronicle (schema {found}, this build knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("{0}")]
    NotFound(String),
    /// A full-text query that FTS5 cannot parse: the caller's mistake, not the store's.
    #[error("{0}")]
    BadQuery(String),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

/// Result alias of the store.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    /// Reports (`anyhow`'s `{:#}`) print the chain of sources: a cause already in the message must not
    /// come again.
    #[test]
    fn an_error_names_its_cause_once() {
        let store = super::Store::open(tempfile::tempdir().unwrap().path()).unwrap();
        let e = store.search("AND OR (", 5).unwrap_err();
        let mut text = e.to_string();
        let mut cause = std::error::Error::source(&e);
        while let Some(c) = cause {
            text.push_str(&format!(": {c}"));
            cause = c.source();
        }
        assert_eq!(text.matches("syntax error").count(), 1, "{text}");
    }
}

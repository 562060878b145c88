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
    CopyRelation, DocSummary, LogLine, Prepared, RunCounts, Store, StoredOutcome, DB_FILE,
};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("data directory {path}: {source}")]
    Dir {
        path: String,
        source: std::io::Error,
    },
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the data directory was written by a newer chronicle (schema {found}, this build knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("{0}")]
    NotFound(String),
}

/// Result alias of the store.
pub type Result<T> = std::result::Result<T, Error>;

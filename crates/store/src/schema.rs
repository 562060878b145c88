//! The schema as an ordered list of migrations. Never edit a released migration: add one.

/// Migration `i` brings the schema from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: documents, where they were seen, copies, LSH buckets, runs and the ingest log.
    r#"
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        source_path TEXT NOT NULL,
        record TEXT,
        compression TEXT,
        container TEXT NOT NULL,
        is_html INTEGER NOT NULL,
        given_id TEXT,
        encoding TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        url TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        published TEXT,
        published_source TEXT,
        language TEXT,
        raw BLOB NOT NULL,
        clean_text TEXT NOT NULL,
        alignment TEXT NOT NULL,
        layers TEXT NOT NULL,
        diagnostics TEXT NOT NULL DEFAULT '[]',
        text_hash TEXT NOT NULL,
        minhash BLOB NOT NULL,
        shingles INTEGER NOT NULL,
        run_id INTEGER NOT NULL,
        ingested_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX documents_seq ON documents(seq);
    CREATE INDEX documents_text_hash ON documents(text_hash);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE sightings (
        doc_id TEXT NOT NULL REFERENCES documents(id),
        path TEXT NOT NULL,
        record TEXT NOT NULL DEFAULT '',
        run_id INTEGER NOT NULL,
        PRIMARY KEY (doc_id, path, record)
    );
    CREATE TABLE relations (
        doc_a TEXT NOT NULL REFERENCES documents(id),
        doc_b TEXT NOT NULL REFERENCES documents(id),
        kind TEXT NOT NULL,
        jaccard REAL NOT NULL,
        containment REAL NOT NULL,
        cross_outlet INTEGER NOT NULL,
        PRIMARY KEY (doc_a, doc_b)
    );
    -- Clustered by band key, newest document first within a bucket: a lookup is one range scan.
    CREATE TABLE lsh (
        band_key INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        doc_id TEXT NOT NULL REFERENCES documents(id),
        PRIMARY KEY (band_key, seq)
    ) WITHOUT ROWID;
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        command TEXT NOT NULL,
        added INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        problems INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE ingest_log (
        run_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        path TEXT NOT NULL,
        record TEXT,
        status TEXT NOT NULL,
        message TEXT,
        doc_id TEXT
    );
    CREATE INDEX ingest_log_run ON ingest_log(run_id);
    CREATE VIRTUAL TABLE documents_fts USING fts5(id UNINDEXED, title, body);
    "#,
];

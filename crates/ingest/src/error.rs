//! Errors of the ingest crate.

/// What can stop the reading of one input.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Invalid(String),
}

/// Result alias of the ingest crate.
pub type Result<T> = std::result::Result<T, Error>;

//! Errors of the core crate.

/// What can go wrong in the document model itself (almost nothing: analysis never fails).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A span does not fall inside the text it is applied to, or does not sit on char boundaries.
    #[error("span {start}..{end} is outside the text (length {len}) or not on a char boundary")]
    BadSpan {
        start: usize,
        end: usize,
        len: usize,
    },
    /// JSON (de)serialisation of a document failed.
    #[error("document JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Result alias of the core crate.
pub type Result<T> = std::result::Result<T, Error>;

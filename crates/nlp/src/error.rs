//! Errors of the language core: only reading models and treebanks can fail, never analysis.

/// What went wrong while loading a model or reading a treebank.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("CoNLL-U line {line}: {message}")]
    Conllu { line: usize, message: String },
    #[error("model file is damaged or of another version: {0}")]
    Model(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

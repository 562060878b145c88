//! Inferring the publication date from the content when the metadata lacks it.

use crate::numbers::scan::Scan;

/// A publication date read from the text, marked as inferred.
#[derive(Clone, Debug, PartialEq)]
pub struct InferredDate {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the evidence allows.
    pub value: String,
    /// 0..=1.
    pub confidence: f64,
    /// The expressions and reasons behind the value.
    pub evidence: Vec<String>,
}

/// Infers the publication date of `text` from its dated references.
pub fn infer_published(text: &str) -> Option<InferredDate> {
    infer_from_scan(&Scan::new(text))
}

pub(crate) fn infer_from_scan(_scan: &Scan) -> Option<InferredDate> {
    None
}

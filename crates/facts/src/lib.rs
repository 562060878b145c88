//! Facts from analysed text: temporal expressions, numeric claims, entities, quotations,
//! events and calls to action. Each extractor works on the clean text and returns byte ranges
//! of it; the pipeline maps them to source spans.
//!
//! (Placeholder: extractors return nothing yet; the facts issues fill them in.)

use std::ops::Range;

/// A temporal expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimexMatch {
    pub range: Range<usize>,
    /// DATE, TIME, DURATION or SET.
    pub kind: String,
    pub value: Option<String>,
}

/// A numeric claim found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimMatch {
    pub range: Range<usize>,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub hedge: Option<String>,
}

/// Finds and normalises temporal expressions; `published` is the document date (`YYYY-MM-DD`).
pub fn extract_timexes(_text: &str, _published: Option<&str>) -> Vec<TimexMatch> {
    Vec::new()
}

/// Finds numeric claims.
pub fn extract_claims(_text: &str) -> Vec<ClaimMatch> {
    Vec::new()
}

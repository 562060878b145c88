//! Facts from analysed text: temporal expressions, numeric claims, entities, quotations,
//! events and calls to action. Each extractor works on the clean text and returns byte ranges
//! of it; the pipeline maps them to source spans.
//!
//! Temporal expressions live in [`time`], numbers and numeric claims in [`numbers`].

use std::ops::Range;

pub mod entities;
pub mod events;
pub mod numbers;
pub mod quotes;
pub mod time;

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
pub fn extract_timexes(text: &str, published: Option<&str>) -> Vec<TimexMatch> {
    time::extract_timexes(text, published)
}

/// Finds numeric claims.
pub fn extract_claims(text: &str) -> Vec<ClaimMatch> {
    numbers::extract_claims(text)
}

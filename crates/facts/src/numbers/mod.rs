//! Numbers and numeric claims: figures in digits and words, ranges, bounds and hedges, and
//! what each figure counts.

pub mod scan;
pub mod words;

use crate::ClaimMatch;

/// Finds numeric claims in `text`.
pub fn extract_claims(_text: &str) -> Vec<ClaimMatch> {
    Vec::new()
}

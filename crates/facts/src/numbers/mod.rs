//! Numbers and numeric claims: figures in digits and words, ranges, bounds and hedges, and
//! what each figure counts.

mod claims;
pub mod scan;
pub mod words;

pub use claims::extract_claims;

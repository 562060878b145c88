//! Numbers and numeric claims: figures in digits and words, ranges, bounds and hedges, and
//! what each figure counts.

mod claims;
pub mod scan;
pub mod words;

pub use claims::extract_claims;

/// Every number in `text` with its value, figures or not (years and list numbers included):
/// the raw reading beneath the claims.
pub fn find_numbers(text: &str) -> Vec<(std::ops::Range<usize>, f64)> {
    let scan = scan::Scan::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < scan.len() {
        match words::number_at(&scan, i) {
            Some(n) if !n.vague => {
                out.push((scan.span(n.start, n.end), n.value));
                i = n.end;
            }
            _ => i += 1,
        }
    }
    out
}

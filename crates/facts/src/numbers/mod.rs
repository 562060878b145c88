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
                let (start, value) = match negative_sign(&scan, n.start) {
                    Some(sign) => (sign, -n.value),
                    None => (n.start, n.value),
                };
                out.push((scan.span(start, n.end), value));
                i = n.end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The token that makes the number at `i` negative: a minus sign glued to it but not to a word
/// before it ("-1", "fell to -9.5", but not "Covid-19"), or "minus" / "negative" before it.
fn negative_sign(scan: &scan::Scan, i: usize) -> Option<usize> {
    let before = i.checked_sub(1)?;
    let raw = scan.raw(before);
    if matches!(raw, "-" | "−") && scan.glued(i) && (before == 0 || !scan.glued(before)) {
        return Some(before);
    }
    matches!(scan.low(before), "minus" | "negative").then_some(before)
}

#[cfg(test)]
mod tests {
    #[test]
    fn negative_numbers() {
        let cases: &[(&str, &[(&str, f64)])] = &[
            ("-1", &[("-1", -1.0)]),
            ("It fell to -9.5 degrees.", &[("-9.5", -9.5)]),
            ("The answer is minus five", &[("minus five", -5.0)]),
            ("negative one", &[("negative one", -1.0)]),
            ("Covid-19 spread", &[("19", 19.0)]),
            ("pages 10-12", &[("10", 10.0), ("12", 12.0)]),
        ];
        for (text, want) in cases {
            let got: Vec<(&str, f64)> = super::find_numbers(text)
                .into_iter()
                .map(|(r, v)| (&text[r], v))
                .collect();
            assert_eq!(&got, want, "{text}");
        }
    }
}

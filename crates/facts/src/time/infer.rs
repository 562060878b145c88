//! Inferring the publication date from the content when the metadata lacks it.
//!
//! News reports date events shortly before they are published: the latest full date in the
//! text is the best single guess, a weekday named in the text that agrees with it raises the
//! confidence, and without a full date the latest month or year mentioned bounds it from
//! below at a coarser precision.

use super::calendar::Date;
use super::rules::Finder;
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

pub(crate) fn infer_from_scan(scan: &Scan) -> Option<InferredDate> {
    let found = Finder::new(scan, None).find_all();
    let mut days: Vec<(Date, String)> = Vec::new();
    let mut months: Vec<(String, String)> = Vec::new();
    let mut years: Vec<(i32, String)> = Vec::new();
    let mut weekdays: Vec<u32> = Vec::new();
    for f in &found {
        let text = scan.text[scan.span(f.start, f.end)].to_string();
        if let Some((wd, false)) = super::lexicon::weekday(scan.low(f.start)) {
            weekdays.push(wd);
        }
        let Some(v) = f.value.as_deref() else {
            continue;
        };
        // A range counts by its last day.
        let last = v.rsplit('/').next().unwrap_or(v);
        let head = last.get(0..4).and_then(|y| y.parse::<i32>().ok());
        if let Some(d) = Date::parse(last).filter(|_| last.len() == 10) {
            days.push((d, text));
        } else if last.len() == 7
            && last.as_bytes()[4] == b'-'
            && last[5..].bytes().all(|b| b.is_ascii_digit())
        {
            months.push((last.to_string(), text));
        } else if let (Some(y), 4) = (head, last.len()) {
            years.push((y, text));
        }
    }
    if let Some((d, text)) = days.iter().max_by_key(|(d, _)| *d) {
        let agrees = weekdays.contains(&d.weekday());
        let mut evidence = vec![format!(
            "latest full date in the text: {text:?} ({})",
            d.iso()
        )];
        if agrees {
            evidence.push("a weekday named in the text falls on that date".into());
        }
        return Some(InferredDate {
            value: d.iso(),
            confidence: if agrees { 0.8 } else { 0.6 },
            evidence,
        });
    }
    if let Some((m, text)) = months.iter().max_by(|a, b| a.0.cmp(&b.0)) {
        return Some(InferredDate {
            value: m.clone(),
            confidence: 0.4,
            evidence: vec![format!("latest month with a year in the text: {text:?}")],
        });
    }
    let (y, text) = years.iter().max_by_key(|(y, _)| *y)?;
    Some(InferredDate {
        value: format!("{y:04}"),
        confidence: 0.25,
        evidence: vec![format!(
            "latest year in the text: {text:?} (published then or later)"
        )],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infers_from_dated_references() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "The letter was released on September 17, 2019. Officials said Tuesday.",
                Some("2019-09-17"),
            ),
            (
                "The campaign began in March 2015 and grew.",
                Some("2015-03"),
            ),
            ("The 2022 report was damning.", Some("2022")),
            ("Officials said Monday.", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                infer_published(text).map(|d| d.value).as_deref(),
                *want,
                "{text}"
            );
        }
        assert_eq!(
            infer_published("Released on September 17, 2019, a Tuesday.")
                .unwrap()
                .confidence,
            0.8
        );
    }
}

//! Temporal expressions: finding dates, durations, sets and references in news text and
//! normalising them to TIMEX3 values against the publication date.
//!
//! ```
//! let found = chronicle_facts::extract_timexes("The U.N. said Monday it met last week.", Some("2019-04-29"));
//! let values: Vec<_> = found.iter().map(|t| t.value.as_deref()).collect();
//! assert_eq!(values, [Some("2019-04-29"), Some("2019-W17")]);
//! ```

pub mod calendar;
pub mod holidays;
pub mod infer;
pub mod lexicon;
pub mod recognizers;
pub mod rules;
pub mod syntax;
pub mod tempeval;

use crate::numbers::scan::Scan;
use crate::TimexMatch;
use calendar::Date;

pub use infer::{infer_published, InferredDate};

/// Finds and normalises the temporal expressions of `text`; `published` (`YYYY-MM-DD`, or a
/// longer ISO timestamp) anchors relative ones. Without it, the date inferred from the
/// content is used when it names a day with confidence ≥ 0.4 (a full date in the lead).
pub fn extract_timexes(text: &str, published: Option<&str>) -> Vec<TimexMatch> {
    extract_timexes_with(text, published, None)
}

/// [`extract_timexes`] with the language analysis of the same `text` (tags and dependency
/// parse from `chronicle-nlp`): weekdays, months and seasons without a year then point back or
/// forward by the tense of the verb that governs them ("will meet Monday", "meet Monday",
/// "said Monday"). Without an analysis the tense comes from cue words alone.
pub fn extract_timexes_with(
    text: &str,
    published: Option<&str>,
    analysis: Option<&chronicle_nlp::Analysis>,
) -> Vec<TimexMatch> {
    let scan = Scan::new(text);
    let mut dct = published.and_then(Date::parse);
    if dct.is_none() && published.is_none() {
        dct = infer::infer_from_scan(&scan)
            .filter(|d| d.value.len() == 10 && d.confidence >= 0.4)
            .and_then(|d| Date::parse(&d.value));
    }
    let mut finder = rules::Finder::new(&scan, dct);
    finder.syntax = analysis.map(syntax::Syntax::new);
    finder
        .find_all()
        .into_iter()
        .map(|f| TimexMatch {
            range: scan.span(f.start, f.end),
            kind: f.kind.to_string(),
            value: f.value,
        })
        .collect()
}

/// The value as an ISO 8601 calendar value, or `None` for TIMEX3 tokens that name no
/// calendar point (`PAST_REF`, `PRESENT_REF`, `FUTURE_REF`) or an unknown count (`PXY`):
/// the evaluation format writes those as null.
pub fn calendar_value(value: Option<&str>) -> Option<&str> {
    let v = value?;
    if v.ends_with("_REF") || (v.starts_with('P') && v.contains('X')) {
        return None;
    }
    Some(v)
}

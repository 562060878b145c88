//! Runs the Microsoft Recognizers-Text English specs (MIT-licensed test data) against our
//! date, number and number-range readers, with a documented scope rule per model.
//!
//! Scope rules (a case out of scope is listed, not scored):
//! - DateTime (`DateTimeModel.json`): every expected result is a date, date range, duration
//!   or set; no expected value has a time of day (`T`); the input names no holiday; the case
//!   is not marked `NotSupportedByDesign`. Cases expecting nothing are in scope (negatives).
//! - Number (`NumberModel.json`): every expected result is an integer or decimal (fractions
//!   and powers are out).
//! - NumberRange (`NumberRangeModel.json`): bounds are non-negative and written as cardinals
//!   (no ordinals such as "the tenth"), and at most one comparative on each side.
//!
//! A case passes when every expected result is found with the same text (case-insensitive)
//! and value, and nothing else is found. Values compare as follows: a date equals the
//! expected `value` or `timex`; a range or period covers the same `[start, end)` days as the
//! expected `start`/`end`; durations and sets compare the TIMEX3 string; numbers within 1e-9
//! relative; number ranges compare the two bounds (open or closed alike).

use super::calendar::{add_months, Date};
use serde_json::Value;
use std::path::Path;

/// Outcome of one spec file.
#[derive(Clone, Debug, Default)]
pub struct SpecScore {
    pub model: String,
    pub total: usize,
    pub in_scope: usize,
    pub passed: usize,
    /// Passing on text alone (values ignored).
    pub extent_passed: usize,
    /// Why cases were left out: (reason, count).
    pub out_of_scope: Vec<(String, usize)>,
    /// Failed in-scope inputs, for reading.
    pub failures: Vec<String>,
    pub error: Option<String>,
}

/// An empty score for `model` with the cases of `path`; when the file cannot be read, the
/// score says why and there are no cases.
fn start(model: &str, path: &Path) -> (SpecScore, Vec<Value>) {
    let mut score = SpecScore {
        model: model.into(),
        ..SpecScore::default()
    };
    let cases = load(path).unwrap_or_else(|e| {
        score.error = Some(e);
        Vec::new()
    });
    (score, cases)
}

fn load(path: &Path) -> Result<Vec<Value>, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let raw = raw.trim_start_matches('\u{feff}');
    serde_json::from_str(raw).map_err(|e| format!("{}: {e}", path.display()))
}

fn count_reason(reasons: &mut Vec<(String, usize)>, why: &str) {
    match reasons.iter_mut().find(|(r, _)| r == why) {
        Some(r) => r.1 += 1,
        None => reasons.push((why.to_string(), 1)),
    }
}

const HOLIDAYS: &[&str] = &[
    "christmas",
    "easter",
    "thanksgiving",
    "halloween",
    "valentine",
    "new year",
    "independence day",
    "labor day",
    "labour day",
    "memorial day",
    "mother's day",
    "father's day",
    "mlk",
    "martin luther",
    "yuandan",
    "columbus",
    "veteran",
    "groundhog",
    "st patrick",
    "st. patrick",
    "inauguration",
    "black friday",
    "cyber monday",
    "boxing day",
    "super bowl",
    "earth day",
    "flag day",
    "tax day",
    "election day",
    "ramadan",
    "eid",
    "diwali",
    "hanukkah",
    "kwanzaa",
    "lent",
    "passover",
    "canberra",
];

/// Days `[start, end)` that a TIMEX3 calendar value covers.
fn value_days(v: &str) -> Option<(Date, Date)> {
    if let Some((a, b)) = v.split_once('/') {
        return Some((Date::parse(a)?, Date::parse(b)?.add_days(1)));
    }
    if let Some(d) = Date::parse(v).filter(|_| v.len() == 10) {
        return Some((d, d.add_days(1)));
    }
    if v.len() == 8 && &v[4..6] == "-W" {
        let y: i32 = v[0..4].parse().ok()?;
        let w: i64 = v[6..8].parse().ok()?;
        let jan4 = Date::new(y, 1, 4)?;
        let monday = jan4.add_days(1 - i64::from(jan4.weekday()) + 7 * (w - 1));
        return Some((monday, monday.add_days(7)));
    }
    if v.len() == 7 && &v[4..5] == "-" && v[5..].bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = v[0..4].parse().ok()?;
        let m: u32 = v[5..7].parse().ok()?;
        let (ny, nm) = add_months(y, m, 1);
        return Some((Date::new(y, m, 1)?, Date::new(ny, nm, 1)?));
    }
    if v.len() == 7 && &v[4..6] == "-Q" {
        let y: i32 = v[0..4].parse().ok()?;
        let q: u32 = v[6..7].parse().ok()?;
        let (ny, nm) = add_months(y, 3 * q - 2, 3);
        return Some((Date::new(y, 3 * q - 2, 1)?, Date::new(ny, nm, 1)?));
    }
    // Halves: "2019-H2" is July to December.
    if v.len() == 7 && &v[4..6] == "-H" {
        let y: i32 = v[0..4].parse().ok()?;
        let h: u32 = v[6..7].parse().ok().filter(|h| matches!(h, 1 | 2))?;
        let (ny, nm) = add_months(y, 6 * h - 5, 6);
        return Some((Date::new(y, 6 * h - 5, 1)?, Date::new(ny, nm, 1)?));
    }
    if v.bytes().all(|b| b.is_ascii_digit()) {
        let n: i32 = v.parse().ok()?;
        return match v.len() {
            4 => Some((Date::new(n, 1, 1)?, Date::new(n + 1, 1, 1)?)),
            3 => Some((Date::new(n * 10, 1, 1)?, Date::new(n * 10 + 10, 1, 1)?)),
            // A TIMEX3 century: "14" is 1400-1499.
            2 => Some((Date::new(n * 100, 1, 1)?, Date::new(n * 100 + 100, 1, 1)?)),
            _ => None,
        };
    }
    None
}

/// A duration of years, quarters or months (`P1.5Y`, `P2Q`, `P6M`) in months.
fn months(v: &str) -> Option<f64> {
    let body = v.strip_prefix('P')?;
    let unit = body.chars().last()?;
    let n: f64 = body[..body.len() - 1].parse().ok()?;
    match unit {
        'Y' => Some(n * 12.0),
        'Q' => Some(n * 3.0),
        'M' if !body.contains('T') => Some(n),
        _ => None,
    }
}

fn date_matches(ours: &str, expected: &Value) -> bool {
    let Some(values) = expected["Resolution"]["values"].as_array() else {
        return false;
    };
    let our_days = value_days(ours);
    values.iter().any(|x| {
        let timex = x["timex"].as_str().unwrap_or("");
        if timex == ours || x["value"].as_str() == Some(ours) {
            return true;
        }
        // The same length written in other units: "P6M" and "P0.5Y", "P1Q" and "P3M".
        if let (Some(a), Some(b)) = (months(ours), months(timex)) {
            return (a - b).abs() < 1e-9;
        }
        let (Some(s), Some(e)) = (x["start"].as_str(), x["end"].as_str()) else {
            return false;
        };
        match (our_days, Date::parse(s), Date::parse(e)) {
            (Some((a, b)), Some(s), Some(e)) => a == s && b == e,
            _ => false,
        }
    })
}

/// Scores `DateTimeModel.json`-style specs.
pub fn run_datetime(path: &Path) -> SpecScore {
    let (mut score, cases) = start("DateTime", path);
    if score.error.is_some() {
        return score;
    }
    for case in &cases {
        score.total += 1;
        let input = case["Input"].as_str().unwrap_or("");
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let lower = input.to_lowercase();
        let why = if case.get("NotSupportedByDesign").is_some() {
            Some("marked NotSupportedByDesign")
        } else if results.iter().any(|r| {
            let t = r["TypeName"]
                .as_str()
                .or(r["Typename"].as_str())
                .unwrap_or("");
            !matches!(
                t,
                "datetimeV2.date"
                    | "datetimeV2.daterange"
                    | "datetimeV2.duration"
                    | "datetimeV2.set"
            )
        }) {
            Some("time of day, date-time or time zone expected")
        } else if results.iter().any(|r| {
            r["Resolution"]["values"].as_array().is_some_and(|vs| {
                vs.iter()
                    .any(|v| v["timex"].as_str().is_some_and(|t| t.contains('T')))
            })
        }) {
            Some("time of day in the value")
        } else if HOLIDAYS.iter().any(|h| lower.contains(h)) {
            Some("holiday")
        } else {
            None
        };
        if let Some(why) = why {
            count_reason(&mut score.out_of_scope, why);
            continue;
        }
        score.in_scope += 1;
        let reference = case["Context"]["ReferenceDateTime"]
            .as_str()
            .unwrap_or("2016-11-07");
        let found = super::extract_timexes(input, Some(reference));
        let texts: Vec<String> = found
            .iter()
            .map(|t| input[t.range.clone()].to_lowercase())
            .collect();
        let mut extent_ok = found.len() == results.len();
        let mut value_ok = extent_ok;
        for r in &results {
            let want = r["Text"].as_str().unwrap_or("").to_lowercase();
            match texts.iter().position(|t| *t == want) {
                Some(k) => {
                    let ours = found[k].value.as_deref().unwrap_or("");
                    if !date_matches(ours, r) {
                        value_ok = false;
                    }
                }
                None => {
                    extent_ok = false;
                    value_ok = false;
                }
            }
        }
        score.extent_passed += usize::from(extent_ok);
        if value_ok {
            score.passed += 1;
        } else {
            let got: Vec<String> = found
                .iter()
                .map(|t| {
                    format!(
                        "{}={}",
                        &input[t.range.clone()],
                        t.value.as_deref().unwrap_or("-")
                    )
                })
                .collect();
            let want: Vec<String> = results
                .iter()
                .map(|r| {
                    format!(
                        "{}={}",
                        r["Text"].as_str().unwrap_or(""),
                        r["Resolution"]["values"][0]["timex"].as_str().unwrap_or("")
                    )
                })
                .collect();
            score
                .failures
                .push(format!("{input} | want {want:?} got {got:?}"));
        }
    }
    score
}

/// Scores `NumberModel.json`-style specs against the number reader.
pub fn run_number(path: &Path) -> SpecScore {
    let (mut score, cases) = start("Number", path);
    if score.error.is_some() {
        return score;
    }
    for case in &cases {
        score.total += 1;
        let input = case["Input"].as_str().unwrap_or("");
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        if let Some(bad) = results.iter().find_map(|r| {
            let sub = r["Resolution"]["subtype"].as_str().unwrap_or("");
            (!matches!(sub, "integer" | "decimal")).then_some(sub)
        }) {
            let why = if bad.is_empty() { "no subtype" } else { bad };
            count_reason(&mut score.out_of_scope, &format!("{why} numbers"));
            continue;
        }
        score.in_scope += 1;
        let found = crate::numbers::find_numbers(input);
        let mut extent_ok = found.len() == results.len();
        let mut value_ok = extent_ok;
        for r in &results {
            let want = r["Text"].as_str().unwrap_or("").to_lowercase();
            let value: f64 = r["Resolution"]["value"]
                .as_str()
                .and_then(|v| v.parse().ok())
                .unwrap_or(f64::NAN);
            match found
                .iter()
                .find(|(range, _)| input[range.clone()].to_lowercase() == want)
            {
                Some((_, v)) => {
                    if (v - value).abs() > 1e-9 * value.abs().max(1.0) {
                        value_ok = false;
                    }
                }
                None => {
                    extent_ok = false;
                    value_ok = false;
                }
            }
        }
        score.extent_passed += usize::from(extent_ok);
        if value_ok {
            score.passed += 1;
        } else {
            let got: Vec<String> = found
                .iter()
                .map(|(r, v)| format!("{}={v}", &input[r.clone()]))
                .collect();
            score.failures.push(format!("{input} | got {got:?}"));
        }
    }
    score
}

fn parse_bounds(v: &str) -> Option<(Option<f64>, Option<f64>)> {
    let inner = v.get(1..v.len().checked_sub(1)?)?;
    let (a, b) = inner.split_once(',')?;
    let num = |s: &str| {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            s.trim().parse::<f64>().map(Some)
        }
    };
    Some((num(a).ok()?, num(b).ok()?))
}

/// Scores `NumberRangeModel.json`-style specs against the claim reader's bounds.
pub fn run_number_range(path: &Path) -> SpecScore {
    let (mut score, cases) = start("NumberRange", path);
    if score.error.is_some() {
        return score;
    }
    const ORDINALS: &[&str] = &[
        "first",
        "second",
        "third",
        "th ",
        "tenth",
        "twentieth",
        "hundredth",
    ];
    for case in &cases {
        score.total += 1;
        let input = case["Input"].as_str().unwrap_or("");
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let mut why = None;
        for r in &results {
            let text = r["Text"].as_str().unwrap_or("").to_lowercase();
            let bounds = r["Resolution"]["value"].as_str().and_then(parse_bounds);
            let comparatives = ["than", "least", "most", "or more", "or less", "up to"]
                .iter()
                .map(|c| text.matches(c).count())
                .sum::<usize>();
            if bounds.is_none() {
                why = Some("unreadable range");
            } else if bounds
                .is_some_and(|(a, b)| a.is_some_and(|a| a < 0.0) || b.is_some_and(|b| b < 0.0))
            {
                why = Some("negative bounds");
            } else if ORDINALS.iter().any(|o| text.contains(o)) {
                why = Some("ordinal bounds");
            } else if comparatives > 1 {
                why = Some("two comparatives joined");
            }
        }
        if let Some(why) = why {
            count_reason(&mut score.out_of_scope, why);
            continue;
        }
        score.in_scope += 1;
        let found: Vec<_> = crate::numbers::extract_claims(input)
            .into_iter()
            .filter(|c| c.low.is_some() || c.high.is_some())
            .collect();
        let mut extent_ok = found.len() == results.len();
        let mut value_ok = extent_ok;
        for r in &results {
            let (lo, hi) = r["Resolution"]["value"]
                .as_str()
                .and_then(parse_bounds)
                .unwrap_or((None, None));
            let want = r["Text"].as_str().unwrap_or("").to_lowercase();
            let same = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(1.0),
                (None, None) => true,
                _ => false,
            };
            match found.iter().find(|c| {
                let t = input[c.range.clone()].to_lowercase();
                t.contains(&want) || want.contains(&t)
            }) {
                Some(c) => {
                    if !(same(c.low, lo) && same(c.high, hi)) {
                        value_ok = false;
                    }
                }
                None => {
                    extent_ok = false;
                    value_ok = false;
                }
            }
        }
        score.extent_passed += usize::from(extent_ok);
        if value_ok {
            score.passed += 1;
        } else {
            let got: Vec<String> = found
                .iter()
                .map(|c| format!("{}=[{:?},{:?}]", &input[c.range.clone()], c.low, c.high))
                .collect();
            score.failures.push(format!("{input} | got {got:?}"));
        }
    }
    score
}

/// Runs the three English models under a specs root (the folder holding `Specs/`).
pub fn run_all(root: &Path) -> Vec<SpecScore> {
    let base = if root.join("Specs").is_dir() {
        root.join("Specs")
    } else {
        root.to_path_buf()
    };
    vec![
        run_datetime(&base.join("DateTime/English/DateTimeModel.json")),
        run_number(&base.join("Number/English/NumberModel.json")),
        run_number_range(&base.join("Number/English/NumberRangeModel.json")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_cover_six_months() {
        let days = |v| value_days(v).map(|(a, b)| (a.iso(), b.iso()));
        let h = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(days("2019-H2"), h("2019-07-01", "2020-01-01"));
        assert_eq!(days("2019-H1"), h("2019-01-01", "2019-07-01"));
        assert_eq!(days("2019-H3"), None);
    }

    #[test]
    fn lengths_compare_in_months() {
        assert_eq!(months("P6M"), months("P0.5Y"));
        assert_eq!(months("P1Q"), Some(3.0));
        assert_eq!(months("PT5M"), None);
        assert_eq!(months("PXY"), None);
        assert_eq!(months("P2W"), None);
    }
}

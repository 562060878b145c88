//! Inferring the publication date from the content when the metadata lacks it.
//!
//! News reports date events shortly before they are published: the latest full date in the
//! text is the best single guess, a weekday named in the text that agrees with it raises the
//! confidence, and without a full date the latest month or year mentioned bounds it from
//! below at a coarser precision.

use super::calendar::Date;
use super::lexicon;
use super::rules::{Finder, Tense};
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

/// How often inferred publication dates match the true ones, at each precision.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InferenceScore {
    /// Documents with a known date.
    pub docs: usize,
    /// Documents given any guess.
    pub guessed: usize,
    /// Guesses naming the right day (`YYYY-MM-DD` equal).
    pub day: usize,
    /// Guesses naming the right year and month.
    pub month: usize,
    /// Guesses naming the right year.
    pub year: usize,
    /// Per confidence tenth: (guesses, right day, right year).
    pub calibration: [(usize, usize, usize); 10],
}

impl InferenceScore {
    /// Infers the date of `text` and scores it against `truth` (`YYYY-MM-DD...`); returns the
    /// guess.
    pub fn add(&mut self, text: &str, truth: &str) -> Option<InferredDate> {
        if truth.len() < 10 {
            return None;
        }
        self.docs += 1;
        let got = infer_published(text)?;
        let v = got.value.as_str();
        self.guessed += 1;
        let right_day = v.len() == 10 && v == &truth[..10];
        let right_year = v.get(..4) == truth.get(..4);
        let bucket = ((got.confidence * 10.0) as usize).min(9);
        self.calibration[bucket].0 += 1;
        self.calibration[bucket].1 += usize::from(right_day);
        self.calibration[bucket].2 += usize::from(right_year);
        self.day += usize::from(right_day);
        self.month += usize::from(v.len() >= 7 && v[..7] == truth[..7]);
        self.year += usize::from(right_year);
        Some(got)
    }

    /// Share of documents (not of guesses) for a count.
    pub fn share(&self, count: usize) -> f64 {
        count as f64 / self.docs.max(1) as f64
    }

    /// "any 0.335, right day 0.000, month 0.008, year 0.035" on `docs` documents.
    pub fn summary(&self) -> String {
        format!(
            "{} docs: any guess {:.3}, right day {:.3}, month {:.3}, year {:.3} ({} / {} / {} / {})",
            self.docs,
            self.share(self.guessed),
            self.share(self.day),
            self.share(self.month),
            self.share(self.year),
            self.guessed,
            self.day,
            self.month,
            self.year
        )
    }
}

/// A month and day read without a year ("April 29", "Monday, Oct. 26").
#[derive(Clone, Debug)]
struct MonthDay {
    month: u32,
    day: u32,
    /// The weekday written beside it, if any.
    weekday: Option<u32>,
    /// In a dateline at the head of the text ("GENEVA, April 29 (Reuters) -").
    dateline: bool,
    /// The sentence looks ahead ("will meet on May 3").
    future: bool,
    text: String,
}

/// Evidence gathered from one pass of the grammar without a reference date.
#[derive(Default)]
struct Evidence {
    /// Full dates: (date, text, in the lead: within the first 600 bytes).
    days: Vec<(Date, String, bool)>,
    months: Vec<(String, String)>,
    years: Vec<(i32, String)>,
    /// Every year a dated expression names, with the tense around it (full dates ahead
    /// included: they bound the year of writing from above).
    year_mentions: Vec<(i32, Tense, String)>,
    /// Expressions of a year relative to the time of writing ("last year", "this year's
    /// third quarter", "a year earlier"): tokens and text.
    relative_years: Vec<(usize, String)>,
    month_days: Vec<MonthDay>,
    weekdays: Vec<u32>,
    /// The first weekday the lead reports in the past or present ("the U.N. said Monday").
    lead_weekday: Option<(u32, String)>,
    copyright: Option<i32>,
}

fn gather(scan: &Scan) -> Evidence {
    let mut finder = Finder::new(scan, None);
    let found = finder.find_all();
    let mut ev = Evidence::default();
    for f in &found {
        let text = scan.text[scan.span(f.start, f.end)].to_string();
        let Some(v) = f.value.as_deref() else {
            if (f.start..f.end).any(|k| scan.low(k).contains("year")) {
                ev.relative_years.push((f.start, text.clone()));
            }
            if let Some(md) = month_day(scan, &finder, f.start, f.end, text.clone()) {
                ev.month_days.push(md);
            } else if let Some((wd, false)) = lexicon::weekday(scan.low(f.start)) {
                ev.weekdays.push(wd);
                let lead = scan.span(f.start, f.end).start < 600;
                if lead
                    && ev.lead_weekday.is_none()
                    && finder.tense(f.start, f.end) != Tense::Future
                {
                    ev.lead_weekday = Some((wd, text.clone()));
                }
            }
            continue;
        };
        // A range counts by its last day, a time by its day.
        let last = v.rsplit('/').next().unwrap_or(v);
        let last = last.split('T').next().unwrap_or(last);
        let head = last.get(0..4).and_then(|y| y.parse::<i32>().ok());
        let tense = finder.tense(f.start, f.end);
        if let Some(y) = head.filter(|_| last.as_bytes().get(4).is_none_or(|&b| b == b'-')) {
            ev.year_mentions.push((y, tense, text.clone()));
        }
        if let Some(d) = Date::parse(last).filter(|_| last.len() == 10) {
            // Dates ahead ("notes due March 1, 2011") say nothing about the day of writing.
            if tense == Tense::Future {
                continue;
            }
            let lead = scan.span(f.start, f.end).start < 600;
            ev.days.push((d, text, lead));
        } else if last.len() == 7
            && last.as_bytes()[4] == b'-'
            && last[5..].bytes().all(|b| b.is_ascii_digit())
        {
            ev.months.push((last.to_string(), text));
        } else if let (Some(y), 4) = (head, last.len()) {
            ev.years.push((y, text));
        }
    }
    // "© 2019", "Copyright 2019", "(c) 2019".
    for i in 0..scan.len() {
        let w = scan.low(i);
        let mark = w == "©" || w == "copyright" || (w == "c" && scan.raw(i.wrapping_sub(1)) == "(");
        if !mark {
            continue;
        }
        let mut k = i + 1;
        while k < (i + 4).min(scan.len()) {
            if let Some(y) = scan
                .is_num(k)
                .then(|| scan.low(k).parse::<i32>().ok())
                .flatten()
                .filter(|y| (1900..=2199).contains(y))
            {
                ev.copyright = Some(y);
                break;
            }
            k += 1;
        }
    }
    ev
}

/// Reads a month and a day without a year from tokens `start..end`.
fn month_day(
    scan: &Scan,
    finder: &Finder,
    start: usize,
    end: usize,
    text: String,
) -> Option<MonthDay> {
    let mut month = None;
    let mut day = None;
    let mut weekday = None;
    for k in start..end {
        let w = scan.low(k);
        if matches!(w, "last" | "next" | "this") {
            return None;
        }
        if let Some((wd, false)) = lexicon::weekday(w) {
            weekday = Some(wd);
        } else if let Some(m) = lexicon::month(w).filter(|_| scan.capitalised(k)) {
            month = Some(m);
        } else if scan.is_num(k) && month.is_some() && day.is_none() {
            day = w.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
        }
    }
    let (month, day) = (month?, day?);
    // A dateline: within the first words, after "CITY," and before "(" or a dash.
    let next = scan.raw(end);
    let dateline = start < 12
        && start > 0
        && scan.raw(start - 1) == ","
        && (next == "(" || scan.is_dash(end) || next == "_");
    let future = finder.tense(start, end) == Tense::Future;
    Some(MonthDay {
        month,
        day,
        weekday,
        dateline,
        future,
        text,
    })
}

/// The year of writing as the text's dated references bound and support it.
struct YearGuess {
    year: i32,
    /// Relative expressions ("last year", "next year's") that name, from this year, a year
    /// the text also names outright.
    support: usize,
    confidence: f64,
    evidence: Vec<String>,
}

/// Reads the year of writing: years named in the past bound it from below, years named ahead
/// from above, and a relative year ("last year") that lands on a year the text names outright
/// ("1988") supports the candidate it is read from. Without support the latest year named in
/// the past (else the year before the nearest one ahead) is the guess.
fn publication_year(scan: &Scan, ev: &Evidence) -> Option<YearGuess> {
    let mentions = &ev.year_mentions;
    if mentions.is_empty() && ev.copyright.is_none() {
        return None;
    }
    let max_of = |t: Tense| mentions.iter().filter(|m| m.1 == t).map(|m| m.0).max();
    let hi = mentions
        .iter()
        .filter(|m| m.1 == Tense::Future)
        .map(|m| m.0)
        .min();
    // Years told in the past (or a copyright) are on or before the year of writing; years
    // without a tense too, unless they lie past a year named ahead.
    let lo = max_of(Tense::Past)
        .into_iter()
        .chain(ev.copyright)
        .chain(
            mentions
                .iter()
                .filter(|m| m.1 == Tense::Unknown && hi.is_none_or(|h| m.0 <= h))
                .map(|m| m.0),
        )
        .max();
    let default = lo.or(hi.map(|h| h - 1))?;
    // Candidates: the years named and their neighbours, and the years from which a relative
    // year of the text ("nearly four years ago") lands on a year named ("April 6, 1994").
    let relative = relative_offsets(scan, ev);
    let offsets: Vec<i32> = relative
        .iter()
        .map(|r| r.1)
        .filter(|&o| o != 0 && o.abs() <= 100)
        .collect();
    let mut candidates: Vec<i32> = mentions
        .iter()
        .map(|m| m.0)
        .chain(ev.copyright)
        .flat_map(|y| [y - 1, y, y + 1])
        .chain(
            mentions
                .iter()
                .flat_map(|m| offsets.iter().map(move |o| m.0 - o)),
        )
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    // The most recent candidates only: a story of anniversaries names many old years.
    let skip = candidates.len().saturating_sub(32);
    // Each named year is evidence for the years of writing it is likely to be told from:
    // the same year most, the year after (last year's figures, history told in the past) or
    // before (plans for next year) less, years further back a little, a year told in the
    // past that lies ahead of the candidate against it.
    let fit = |d: i32, t: Tense| -> f64 {
        match (d, t) {
            (0, _) => 2.0,
            (-1, _) => 1.5,
            (1, Tense::Past) => 0.5,
            (1, Tense::Future) => 2.0,
            (1, _) => 1.5,
            (..=-2, _) => 0.5,
            (_, Tense::Past) => -2.0,
            (_, Tense::Future) => 0.5,
            _ => 0.0,
        }
    };
    let mut best: Option<(f64, i32, Vec<String>)> = None;
    for &y in &candidates[skip..] {
        let support = relative_support(&relative, y, mentions);
        let score = mentions.iter().map(|m| fit(m.0 - y, m.1)).sum::<f64>()
            + ev.copyright.map_or(0.0, |c| fit(c - y, Tense::Past))
            + 2.0 * support.len() as f64;
        let better = best.as_ref().is_none_or(|b| {
            score > b.0 + 1e-9
                || ((score - b.0).abs() < 1e-9 && (y - default).abs() < (b.1 - default).abs())
        });
        if better {
            best = Some((score, y, support));
        }
    }
    let (_, year, support) = best?;
    let mut evidence = Vec::new();
    let confidence = if !support.is_empty() {
        evidence.extend(support.iter().cloned());
        // On TBAQ about a third of the years so supported are right.
        0.3
    } else {
        let mut named: Vec<i32> = mentions.iter().map(|m| m.0).collect();
        named.sort_unstable();
        named.dedup();
        evidence.push(format!(
            "years named in the text {named:?} fit {year} best (named years are mostly the year of writing or the one before)"
        ));
        0.15
    };
    Some(YearGuess {
        year,
        support: support.len(),
        confidence,
        evidence,
    })
}

/// Each relative year of the text with its text lowercased, in the order of the text, and how
/// many years back (negative) or ahead it points from the year of writing ("nearly four years
/// ago": -4, "this year": 0). Read once, from a reference year: the offset is the same from
/// any year of writing.
fn relative_offsets(scan: &Scan, ev: &Evidence) -> Vec<(String, i32)> {
    if ev.relative_years.is_empty() {
        return Vec::new();
    }
    const REFERENCE: i32 = 2000;
    let mut finder = Finder::new(scan, Date::new(REFERENCE, 7, 1));
    finder
        .find_all()
        .into_iter()
        .filter_map(|f| {
            let (_, text) = ev.relative_years.iter().find(|r| r.0 == f.start)?;
            let v = f.value.as_deref()?.get(..4)?.parse::<i32>().ok()?;
            Some((text.to_lowercase(), v - REFERENCE))
        })
        .collect()
}

/// The relative years of the text ([`relative_offsets`]: "last year", "next year's") that,
/// read from year `y`, name another year that the text also names outright in a compatible
/// tense ("last year" and "1988" told in the past, "next year" and "1990" told ahead). "This
/// year" names `y` itself and so says nothing about which year `y` is.
fn relative_support(
    relative: &[(String, i32)],
    y: i32,
    mentions: &[(i32, Tense, String)],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (key, offset) in relative.iter().filter(|r| r.1 != 0) {
        let v = y + offset;
        let wrong_way = if v < y { Tense::Future } else { Tense::Past };
        let named = mentions.iter().any(|m| m.0 == v && m.1 != wrong_way);
        if named && !out.iter().any(|o| o.starts_with(&format!("{key:?}"))) {
            out.push(format!(
                "{key:?} read from {y} is {v}, which the text names"
            ));
        }
    }
    out
}

pub(crate) fn infer_from_scan(scan: &Scan) -> Option<InferredDate> {
    let ev = gather(scan);
    let year = publication_year(scan, &ev);
    let weekday_agrees = |d: Date| ev.weekdays.contains(&d.weekday());
    // 1. A full date of the year of writing: one in the lead (the event the report opens
    // with), else the latest. Confidences are calibrated on TBAQ and the seeds (see
    // docs/time.md): full dates deep in a story are mostly history.
    let in_year = |d: &&(Date, String, bool)| year.as_ref().is_none_or(|y| d.0.year == y.year);
    let lead = ev
        .days
        .iter()
        .filter(in_year)
        .filter(|d| d.2)
        .max_by_key(|d| d.0);
    let latest = ev.days.iter().filter(in_year).max_by_key(|d| d.0);
    if let Some((d, text, in_lead)) = lead.or(latest) {
        let mut evidence = vec![if *in_lead {
            format!("full date in the lead: {text:?} ({})", d.iso())
        } else {
            format!("latest full date in the text: {text:?} ({})", d.iso())
        }];
        let mut best = *d;
        let mut confidence: f64 = if *in_lead { 0.4 } else { 0.15 };
        if let Some(y) = year.as_ref().filter(|y| y.support > 0) {
            confidence += 0.1;
            evidence.extend(y.evidence.iter().cloned());
        }
        if let Some(line) = ev.month_days.iter().find(|m| m.dateline) {
            if let Some(dl) = Date::new(d.year, line.month, line.day).filter(|x| x >= d) {
                best = dl;
                confidence += 0.2;
                evidence.push(format!("dateline {:?} in that year", line.text));
            }
        }
        // "Iraq said Sunday" in the lead of a story whose latest date is a Saturday: the
        // report is written on that Sunday or later, so the first such day after the date is
        // the nearer guess.
        if let Some((wd, text)) = ev
            .lead_weekday
            .as_ref()
            .filter(|(wd, _)| *wd != best.weekday())
        {
            let ahead = (i64::from(*wd) - i64::from(best.weekday())).rem_euclid(7);
            best = best.add_days(ahead);
            evidence.push(format!(
                "the lead reports {text:?}, the first such day after that date"
            ));
        } else if weekday_agrees(best) {
            confidence += 0.15;
            evidence.push("a weekday named in the text falls on that date".into());
        }
        return Some(InferredDate {
            value: best.iso(),
            confidence,
            evidence,
        });
    }
    let year = year?;
    // 2. A month and day without a year: place it in the year of writing.
    if let Some(found) = month_day_date(&ev, &year) {
        return Some(found);
    }
    if ev.copyright == Some(year.year) {
        return Some(InferredDate {
            value: format!("{:04}", year.year),
            confidence: 0.5,
            evidence: vec![format!("copyright notice {}", year.year)],
        });
    }
    // 3. Coarser: the latest month of that year named, else the year.
    let y4 = format!("{:04}", year.year);
    if let Some((m, text)) = ev
        .months
        .iter()
        .filter(|m| m.0.starts_with(&y4))
        .max_by(|a, b| a.0.cmp(&b.0))
    {
        let mut evidence = vec![format!("latest month with a year in the text: {text:?}")];
        evidence.extend(year.evidence.iter().cloned());
        return Some(InferredDate {
            value: m.clone(),
            confidence: year.confidence.min(0.15),
            evidence,
        });
    }
    Some(InferredDate {
        value: y4,
        confidence: year.confidence,
        evidence: year.evidence,
    })
}

/// The publication day from month-days without a year: the dateline, else the latest day the
/// text reports as past; its year is the guessed year of writing, or, when no relative
/// reference supports that guess, the first year from it in which a weekday written beside a
/// month-day holds ("Monday, Oct. 26").
fn month_day_date(ev: &Evidence, guess: &YearGuess) -> Option<InferredDate> {
    let mut evidence = Vec::new();
    // A year that relative references support is kept.
    let pinned = guess.support > 0;
    // Year from weekday agreement: "Monday, Oct. 26" holds in 1998, 1992, 1987 ...
    // (A weekday named alone is no help: with a few of them in a story, nearly every year
    // has a past month-day falling on one.)
    let from = guess.year;
    let weekday_year = ev
        .month_days
        .iter()
        .find(|m| m.weekday.is_some())
        .filter(|_| !pinned)
        .and_then(|md| {
            let y = (from..from + 12)
                .find(|&y| Date::new(y, md.month, md.day).map(Date::weekday) == md.weekday)?;
            evidence.push(format!(
                "{:?} holds in {y}, the first such year from {from}",
                md.text
            ));
            Some(y)
        });
    let year = weekday_year.unwrap_or_else(|| {
        evidence.extend(guess.evidence.iter().cloned());
        guess.year
    });
    let weekday_year = weekday_year.is_some();
    let candidates = ev.month_days.iter().filter(|m| !m.future || m.dateline);
    let pick = ev
        .month_days
        .iter()
        .find(|m| m.dateline)
        .or_else(|| candidates.max_by_key(|m| (m.month, m.day)))?;
    let date = Date::new(year, pick.month, pick.day)?;
    evidence.insert(
        0,
        if pick.dateline {
            format!("dateline {:?}", pick.text)
        } else {
            format!("latest month and day reported as past: {:?}", pick.text)
        },
    );
    let mut confidence: f64 = if pick.dateline { 0.3 } else { 0.1 };
    if weekday_year || ev.copyright == Some(year) {
        confidence += 0.3;
    } else if pinned {
        confidence += 0.2;
    }
    if ev.weekdays.contains(&date.weekday()) {
        confidence += 0.1;
        evidence.push("a weekday named in the text falls on that date".into());
    }
    Some(InferredDate {
        value: date.iso(),
        confidence: confidence.min(0.9),
        evidence,
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
            // A date ahead is no evidence of the day of writing.
            (
                "The notes will mature on March 1, 2011. In 1989 sales rose.",
                Some("1989"),
            ),
            // A dateline names the day; its year comes from a full date in the text.
            (
                "GENEVA, April 29 (Reuters) - The talks that began on April 25, 2019 went on.",
                Some("2019-04-29"),
            ),
            // Weekday agreement: October 26 was a Monday in 1998, the first such year from
            // the latest year named.
            (
                "The Times said in an editorial on Monday, Oct. 26: the 1994 law failed.",
                Some("1998-10-26"),
            ),
            // A copyright year places a month-day.
            (
                "The minister resigned on June 3. © 2021 Example News",
                Some("2021-06-03"),
            ),
            (
                "The campaign began in March 2015 and grew.",
                Some("2015-03"),
            ),
            ("The 2022 report was damning.", Some("2022")),
            // "Last year" lands on the 1988 the text names when read from 1989.
            (
                "Profit rose 5% from a year earlier. In 1988 the company earned $5 million. Last year's loss was small.",
                Some("1989"),
            ),
            // "Nearly four years ago" lands on the 1994 named when read from 1998.
            (
                "The killings began nearly four years ago, on April 6, 1994.",
                Some("1998"),
            ),
            // A year named ahead bounds the year of writing from above.
            ("The company will open the plant in early 1990.", Some("1989")),
            ("Officials said Monday.", None),
        ];
        for (text, want) in cases {
            assert_eq!(
                infer_published(text).map(|d| d.value).as_deref(),
                *want,
                "{text}"
            );
        }
    }

    #[test]
    fn confidence_follows_the_evidence() {
        let conf = |t: &str| infer_published(t).map_or(0.0, |d| d.confidence);
        // Weekday agreement raises a lead date; a date deep in the story or a bare year stays
        // low (on TBAQ such guesses are almost never the publication day).
        assert!(
            conf("Released on September 17, 2019, a Tuesday.")
                > conf("Released on September 17, 2019.")
        );
        let deep = format!(
            "{} It happened on May 5, 1946.",
            "Words go here. ".repeat(50)
        );
        assert!(conf(&deep) < 0.2);
        assert!(conf("The 2022 report was damning.") < 0.2);
    }
}

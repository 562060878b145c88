//! The temporal-expression grammar: at each token, a family of hand-written matchers tries to
//! read a date, duration, set or reference, longest first, and resolves it against the
//! publication date, the tense of the sentence and the dates already read.

use super::calendar::{add_months, Date};
use super::holidays::{self, Span};
use super::lexicon::{self, Unit};
use super::syntax::{Clause, Syntax};
use crate::numbers::scan::Scan;
use crate::numbers::words::{number_at, ordinal, small_number};

/// Which way an underspecified date points from the reference date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
    /// Either way, the nearest: the date a change takes effect ("effective Feb. 1") is told
    /// the same before and after it.
    Either,
}

/// One expression read: tokens `start..end`, a TIMEX3 type and value.
#[derive(Clone, Debug)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub value: Option<String>,
}

/// The state carried through a text.
#[derive(Debug)]
pub struct Finder<'s, 'a> {
    pub scan: &'s Scan<'a>,
    pub dct: Option<Date>,
    /// The last day-precise date read from the text, for "the next day".
    pub anchor_day: Option<Date>,
    /// The token where `anchor_day` was read.
    pub anchor_token: usize,
    /// The last date value read, for "a year earlier" after a quarter.
    pub last_value: Option<String>,
    /// The last quarter named in the text ("the third quarter"), for "a year earlier".
    pub last_quarter: Option<String>,
    /// The language analysis of the text, when the caller has one: the governing verb's tense.
    pub syntax: Option<Syntax<'s>>,
}

fn found(start: usize, end: usize, kind: &'static str, value: Option<String>) -> Option<Found> {
    Some(Found {
        start,
        end,
        kind,
        value,
    })
}

fn date_value(d: Option<Date>) -> Option<String> {
    d.map(Date::iso)
}

impl<'s, 'a> Finder<'s, 'a> {
    pub fn new(scan: &'s Scan<'a>, dct: Option<Date>) -> Self {
        Finder {
            scan,
            dct,
            anchor_day: None,
            last_value: None,
            last_quarter: None,
            anchor_token: 0,
            syntax: None,
        }
    }

    /// The tense that points a weekday, month or season (tokens `start..end`) back or
    /// forward: the governing verb's through the parse when there is one, else the cue words.
    /// A present tense other than a verb of saying is a scheduled event ("meet Monday", "takes
    /// effect in January"), which lies ahead; "says Monday" is the day of the report.
    fn direction(&self, start: usize, end: usize) -> Tense {
        let before = self.w(start.wrapping_sub(1));
        if before == "effective"
            || (matches!(before, "on" | "from") && self.is(start.wrapping_sub(2), "effective"))
        {
            return Tense::Either;
        }
        if self.deadline_before(start) {
            return Tense::Either;
        }
        let Some(g) = self
            .syntax
            .as_ref()
            .and_then(|s| s.governor(self.scan.span(start, end)))
        else {
            return self.tense(start, end);
        };
        match g.clause {
            Clause::Past => Tense::Past,
            Clause::Future => Tense::Future,
            Clause::Present if g.reporting => Tense::Past,
            Clause::Present => Tense::Future,
        }
    }

    /// Whether "until" or "till" comes right before `start`, over a clock time ("until 9 a.m.
    /// EST Tuesday"): the end of a span running from the time of writing, which is the
    /// nearest such day whatever the tense ("has given them until Tuesday").
    fn deadline_before(&self, start: usize) -> bool {
        let mut k = start;
        let floor = self.scan.sentence_begin(start);
        while k > floor && start - k < 8 {
            k -= 1;
            let w = self.w(k);
            if matches!(w, "until" | "till") {
                return true;
            }
            let clock = self.scan.is_num(k)
                || matches!(
                    w,
                    ":" | "." | "," | "a" | "p" | "m" | "am" | "pm" | "noon" | "midnight"
                )
                || lexicon::time_zone(w);
            if !clock {
                return false;
            }
        }
        false
    }

    fn w(&self, i: usize) -> &str {
        self.scan.low(i)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.scan.low(i) == word
    }

    /// Runs every matcher over the text.
    pub fn find_all(&mut self) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut floor = 0;
        while i < self.scan.len() {
            match self.at(i) {
                Some(mut f) if f.end > f.start => {
                    f.start = self.mod_start(f.start, f.end, floor);
                    floor = f.end;
                    if f.kind == "DATE" {
                        if let Some(v) = &f.value {
                            if let Some(d) = Date::parse(v) {
                                if v.len() == 10 {
                                    self.anchor_day = Some(d);
                                    self.anchor_token = f.start;
                                }
                            }
                            if !v.ends_with("REF") {
                                self.last_value = Some(v.clone());
                            }
                            let relative =
                                matches!(self.w(f.end - 1), "ago" | "earlier" | "before");
                            // The quarter a report is about is named without a year;
                            // "the 1988 quarter", "the third quarter of 1990" and "the
                            // year-ago quarter" compare with it or look ahead.
                            let quarter = v.len() == 7 && &v[4..6] == "-Q";
                            let names_year = (f.start..f.end).any(|t| {
                                self.year_tokens(t).is_some()
                                    || (self.is(t, "year") && !self.is(t.wrapping_sub(1), "this"))
                            });
                            if quarter && !relative && !names_year {
                                self.last_quarter = Some(v.clone());
                            }
                        }
                    }
                    i = f.end;
                    out.push(f);
                }
                _ => i += 1,
            }
        }
        out
    }

    /// TIMEX3 records approximation and bounds in its `mod` attribute and keeps the words in
    /// the extent: "nearly two years", "around Nov. 1", "no more than sixty days". ("about"
    /// stays out: TimeBank leaves it out twice as often as it keeps it.)
    fn mod_start(&self, start: usize, end: usize, floor: usize) -> usize {
        if start <= floor {
            return start;
        }
        let before = self.w(start - 1);
        // Before a possessive the word belongs to the verb ("get around Wednesday's ruling").
        let possessive =
            |end: usize| matches!(self.scan.raw(end), "'" | "’") && self.is(end + 1, "s");
        if (matches!(before, "nearly" | "almost") || (before == "around" && !possessive(end)))
            || (before == "no" && matches!(self.w(start), "more" | "less" | "fewer"))
        {
            return start - 1;
        }
        start
    }

    /// The tense around tokens `start..end`: the nearest cue word in the sentence, looking left
    /// first (the verb that governs an adjunct usually precedes it).
    pub fn tense(&self, start: usize, end: usize) -> Tense {
        let begin = self.scan.sentence_begin(start);
        let stop = self.scan.sentence_end(start);
        let mut left = start;
        let mut steps = 0;
        while left > begin && steps < 16 {
            left -= 1;
            steps += 1;
            if let Some(t) = self.cue(left) {
                return t;
            }
        }
        let mut right = end;
        steps = 0;
        while right < stop && steps < 8 {
            if let Some(t) = self.cue(right) {
                return t;
            }
            right += 1;
            steps += 1;
        }
        Tense::Unknown
    }

    fn cue(&self, i: usize) -> Option<Tense> {
        let w = self.w(i);
        if w == "to"
            && matches!(
                self.w(i.wrapping_sub(1)),
                "going" | "is" | "are" | "due" | "set"
            )
            && !matches!(self.w(i.wrapping_sub(2)), "was" | "were" | "been")
        {
            return Some(Tense::Future);
        }
        // "next to the embassy" is a place.
        if lexicon::future_cue(w) && !(w == "next" && self.is(i + 1, "to")) {
            return Some(Tense::Future);
        }
        // "as early as Tuesday", "as soon as Friday"; "is expected to".
        if matches!(w, "early" | "soon") && self.is(i.wrapping_sub(1), "as") && self.is(i + 1, "as")
        {
            return Some(Tense::Future);
        }
        if w == "expected" && matches!(self.w(i.wrapping_sub(1)), "is" | "are") {
            return Some(Tense::Future);
        }
        // "planned to leave Thursday", "agreed to meet Monday": the infinitive after a verb of
        // intention looks ahead of it.
        if w == "to" && self.scan.is_word(i + 1) && lexicon::intention(self.w(i.wrapping_sub(1))) {
            // "was due to be completed around the new year": a plan told in the past.
            if matches!(self.w(i.wrapping_sub(2)), "was" | "were" | "been")
                && matches!(
                    self.w(i.wrapping_sub(1)),
                    "due" | "set" | "going" | "scheduled"
                )
            {
                return Some(Tense::Past);
            }
            return Some(Tense::Future);
        }
        // Reported futures: "said it would leave Friday".
        if w == "would" && !matches!(self.w(i + 1), "have" | "not") {
            return Some(Tense::Future);
        }
        if lexicon::past_cue(w) {
            // A participle after a form of "be" is a passive, which carries no tense of its
            // own ("will be named in December"): look further.
            let passive = matches!(
                self.w(i.wrapping_sub(1)),
                "be" | "being" | "is" | "are" | "am"
            );
            if !passive {
                return Some(Tense::Past);
            }
        }
        None
    }

    /// Tries every family at token `i`.
    fn at(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        if w.is_empty() {
            return None;
        }
        if self.scan.is_num(i) {
            return self
                .compact_quarter(i)
                // "the 1st quarter", "2nd-half".
                .or_else(|| self.quarter(i, i))
                .or_else(|| self.numeric_date(i))
                .or_else(|| self.day_month(i))
                .or_else(|| self.decade(i, i))
                .or_else(|| self.duration(i, i))
                .or_else(|| self.year(i, i))
                .or_else(|| self.clock(i))
                .or_else(|| self.second_day(i))
                .or_else(|| self.short_year_after_dash(i));
        }
        if !self.scan.is_word(i) {
            if matches!(w, "'" | "’") {
                return self.decade(i, i);
            }
            return None;
        }
        self.modified(i)
            .or_else(|| self.week_of_day(i))
            .or_else(|| self.the_phrase(i))
            .or_else(|| self.spelled_year_date(i))
            .or_else(|| self.clock_word(i))
            // Before months: "May Day".
            .or_else(|| self.holiday(i))
            .or_else(|| self.month_date(i, i))
            .or_else(|| self.weekday(i, i))
            .or_else(|| self.deictic(i))
            .or_else(|| self.week_of_year(i))
            .or_else(|| self.year_end(i))
            .or_else(|| self.compact_quarter(i))
            .or_else(|| self.quarter(i, i))
            .or_else(|| self.relative_period(i, i))
            .or_else(|| self.set(i))
            .or_else(|| self.season(i, i))
            .or_else(|| self.day_month(i))
            .or_else(|| self.decade(i, i))
            .or_else(|| self.duration(i, i))
            .or_else(|| self.vague(i))
    }

    /// "early", "late", "mid", "earlier", "later", "the end of", "the beginning of" before a
    /// date: part of the extent, same value (TIMEX3 puts the nuance in `mod`).
    fn modified(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if self.is(j, "the")
            && matches!(
                self.w(j + 1),
                "end" | "beginning" | "start" | "middle" | "turn"
            )
            && self.is(j + 2, "of")
        {
            j += 3;
        } else if matches!(self.w(j), "end" | "beginning" | "start" | "middle")
            && self.is(j + 1, "of")
        {
            j += 2;
        } else if matches!(self.w(j), "earlier" | "later") {
            // TimeBank keeps "earlier" and "later" inside the extent ("earlier this week",
            // "Later yesterday"), with the value of what they modify.
            let inner = self
                .relative_period(j + 1, j + 1)
                .or_else(|| self.weekday(j + 1, j + 1))
                .or_else(|| self.day_word(j + 1))?;
            return (inner.kind != "DURATION").then_some(Found { start: i, ..inner });
        } else if matches!(self.w(j), "early" | "late" | "mid" | "middle")
            || (self.is(j, "the") && matches!(self.w(j + 1), "early" | "late" | "mid"))
            // "end-2019", "end-June", "start-2020", as wire copy writes them.
            || (matches!(self.w(j), "end" | "start")
                && self.scan.is_dash(j + 1)
                && self.scan.glued(j + 1)
                && self.scan.glued(j + 2))
        {
            j += if self.is(j, "the") { 2 } else { 1 };
            if self.scan.is_dash(j) && self.scan.glued(j) {
                j += 1;
            }
        } else {
            return None;
        }
        // "mid-afternoon yesterday", "late morning", "early evening Monday": that part of the
        // day named after it, else of the day of writing.
        if let Some(p) = lexicon::part_of_day(self.w(j)).filter(|_| !self.is(i, "the")) {
            let day = self
                .day_word(j + 1)
                .or_else(|| self.weekday(j + 1, j + 1))
                .filter(|f| f.kind == "DATE")
                .and_then(|f| Some((f.end, Date::parse(f.value.as_deref()?)?)));
            let (end, date) = match day {
                Some((end, d)) => (end, Some(d)),
                None => (j + 1, self.dct),
            };
            return found(i, end, "TIME", date.map(|d| format!("{}T{p}", d.iso())));
        }
        let inner = if self.scan.is_num(j) {
            self.decade(i, j).or_else(|| self.year(i, j))
        } else {
            self.relative_period(i, j)
                .or_else(|| self.month_date(i, j))
                .or_else(|| self.decade(i, j))
                .or_else(|| self.season(i, j))
                .or_else(|| self.quarter(i, j))
                .or_else(|| self.weekday(i, j))
                .or_else(|| self.the_year(i, j))
                .or_else(|| self.day_word(j).map(|f| Found { start: i, ..f }))
        }?;
        if inner.kind == "DURATION" {
            return None;
        }
        Some(inner)
    }

    /// "the year" after "end of": the publication year.
    fn the_year(&self, i: usize, j: usize) -> Option<Found> {
        if self.is(j, "the") && matches!(self.w(j + 1), "year" | "month" | "week") && i != j {
            let d = self.dct;
            let v = match self.w(j + 1) {
                "year" => d.map(|d| format!("{:04}", d.year)),
                "month" => d.map(Date::iso_month),
                _ => d.map(Date::iso_week_string),
            };
            return found(i, j + 2, "DATE", v);
        }
        None
    }

    /// 2019-04-29, 19980303, 11/02/89, 4/29/2019.
    fn numeric_date(&self, i: usize) -> Option<Found> {
        let s = self.scan;
        let a = self.w(i);
        if a.len() == 8
            && a.bytes().all(|b| b.is_ascii_digit())
            && (a.starts_with("19") || a.starts_with("20"))
        {
            let d = Date::new(
                a[0..4].parse().ok()?,
                a[4..6].parse().ok()?,
                a[6..8].parse().ok()?,
            )?;
            return found(i, i + 1, "DATE", Some(d.iso()));
        }
        // "2015-12": a year and month.
        if a.len() == 4
            && s.is_dash(i + 1)
            && s.raw(i + 1) == "-"
            && s.glued(i + 1)
            && s.glued(i + 2)
            && s.is_num(i + 2)
            && self.w(i + 2).len() == 2
            && !(s.is_dash(i + 3) && s.glued(i + 3))
        {
            if let (Some(y), Ok(m)) = (self.year_at(i), self.w(i + 2).parse::<u32>()) {
                if (1..=12).contains(&m) {
                    return found(i, i + 3, "DATE", Some(format!("{y:04}-{m:02}")));
                }
            }
        }
        let sep = s.raw(i + 1);
        if !(sep == "-" || sep == "/")
            || !s.glued(i + 1)
            || !s.glued(i + 2)
            || !s.is_num(i + 2)
            || s.raw(i + 3) != sep
            || !s.glued(i + 3)
            || !s.glued(i + 4)
            || !s.is_num(i + 4)
        {
            return None;
        }
        let (x, y, z) = (a, self.w(i + 2), self.w(i + 4));
        let n = |t: &str| t.parse::<u32>().ok();
        let d = if x.len() == 4 && sep == "-" {
            Date::new(x.parse().ok()?, n(y)?, n(z)?)
        } else if sep == "/" && x.len() <= 2 && y.len() <= 2 && (z.len() == 2 || z.len() == 4) {
            let mut year = n(z)? as i32;
            if z.len() == 2 {
                year += if year < 40 { 2000 } else { 1900 };
            }
            // American order first, day-first when the month cannot be.
            Date::new(year, n(x)?, n(y)?).or_else(|| Date::new(year, n(y)?, n(x)?))
        } else {
            None
        }?;
        found(i, i + 5, "DATE", Some(d.iso()))
    }

    /// A day number 1..=31 at `i` (optionally "4th"); returns (day, next token).
    fn day_number(&self, i: usize) -> Option<(u32, usize)> {
        if self.scan.is_num(i) && self.w(i).len() <= 2 {
            let d: u32 = self.w(i).parse().ok()?;
            if !(1..=31).contains(&d) {
                return None;
            }
            if self.scan.glued(i + 1) && matches!(self.w(i + 1), "st" | "nd" | "rd" | "th") {
                return Some((d, i + 2));
            }
            return Some((d, i + 1));
        }
        // "twenty second", "thirty first": a spelled ordinal written with a space.
        if let Some(t) = small_number(self.w(i)).filter(|t| matches!(t, 20 | 30)) {
            if let Some((u, end)) = ordinal(self.scan, i + 1)
                .filter(|&(u, _)| u < 10 && self.scan.is_word(i + 1) && t + u <= 31)
            {
                return Some((t + u, end));
            }
        }
        let (d, end) = ordinal(self.scan, i)?;
        if (1..=31).contains(&d) && !self.scan.is_num(i) {
            return Some((d, end));
        }
        None
    }

    /// A day of the month in cardinal words ("twenty five") followed by a year, maybe after a
    /// month and a comma; returns (day, next token).
    fn spelled_day_with_year(&self, k: usize) -> Option<(u32, usize)> {
        if !self.scan.is_word(k) {
            return None;
        }
        let (d, e) = self
            .spelled_below_hundred(k)
            .filter(|&(d, _)| (1..=31).contains(&d))?;
        let y = e + usize::from(self.scan.raw(e) == ",");
        (self.date_year(y).is_some() || self.month_at(e).is_some()).then_some((d, e))
    }

    /// The year closing a date ("May 5, 1998", "May fifth, nineteen ninety-eight"); a count
    /// in words is no year ("May 5, two thousand people").
    fn date_year(&self, k: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.year_at(k) {
            return Some((y, k + 1));
        }
        let (y, end) = self.spelled_year(k)?;
        (end > k + 2 && !self.is(k + 1, "hundred")).then_some((y, end))
    }

    /// "April 24 and 25": the second day of a pair shares the month and year of the first
    /// (the first is read by `month_date`, whose value the finder keeps).
    fn second_day(&self, i: usize) -> Option<Found> {
        if i < 3 || !matches!(self.w(i - 1), "and" | "or") {
            return None;
        }
        let (d, end) = self.day_number(i)?;
        // "April 24 and 25 percent", "Jan. 5 and 6 others": a count, not a day.
        if self.scan.is_word(end) && !self.scan.capitalised(end) && !self.is(end, "at") {
            return None;
        }
        let (d0, e0) = self.day_number(i - 2)?;
        if e0 != i - 1 || d <= d0 {
            return None;
        }
        let (m, _) = [i - 3, i.saturating_sub(4)]
            .into_iter()
            .find_map(|t| self.month_at(t).filter(|&(_, e)| e == i - 2))?;
        let first = self.last_value.as_deref().and_then(Date::parse)?;
        if first.month != m || first.day != d0 {
            return None;
        }
        // "Oct. 3 and 4, 1998": the year closes the pair.
        if self.scan.raw(end) == "," {
            if let Some(y) = self.year_at(end + 1) {
                return found(i, end + 2, "DATE", date_value(Date::new(y, m, d)));
            }
        }
        found(i, end, "DATE", date_value(Date::new(first.year, m, d)))
    }

    /// A month name at `i` (abbreviations may carry a full stop); returns (month, next token).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.w(i);
        let m = lexicon::month(w)?;
        // Full month names are months in lower case too ("the april 2017 bonus"), except the
        // ones that are also words ("may", "march", "august").
        let lower_ok = w.len() > 3 && !matches!(w, "may" | "march" | "august" | "sept");
        if !self.scan.is_word(i) || !(self.scan.capitalised(i) || lower_ok) {
            return None;
        }
        let mut end = i + 1;
        if lexicon::is_month_abbreviation(w) {
            if self.scan.raw(end) == "." && self.scan.glued(end) {
                end += 1;
            } else if w.len() == 3 && matches!(w, "mar" | "jan" | "jun" | "jul") {
                // Bare three-letter forms collide with words and names; need a day after.
                if !self.scan.is_num(end) {
                    return None;
                }
            }
        }
        // "May" and "March" are also a verb and a noun: accept them with a date around or in a
        // date-like context only.
        if matches!(w, "may" | "march") {
            let prev = self.w(i.wrapping_sub(1));
            let next_is_num = self.scan.is_num(end);
            let ctx = matches!(
                prev,
                "in" | "since"
                    | "of"
                    | "until"
                    | "by"
                    | "last"
                    | "next"
                    | "this"
                    | "early"
                    | "late"
                    | "mid"
                    | "from"
                    | "through"
                    | "to"
                    | "and"
                    | "during"
                    | "before"
                    | "after"
                    | "between"
                    | "or"
                    | "around"
                    | "throughout"
                    | "till"
                    | "for"
            ) || (self.scan.is_dash(i.wrapping_sub(1))
                && self.scan.glued(i)
                && self.is(i.wrapping_sub(2), "mid"))
                // "12 March", "the 3rd May": a day before the month.
                || (i > 0 && self.day_number(i - 1).is_some_and(|(_, e)| e == i))
                || (i > 1 && self.day_number(i - 2).is_some_and(|(_, e)| e == i));
            if !next_is_num && !ctx {
                return None;
            }
            if w == "may" && i > 0 && !self.scan.toks[i].sentence_start && !ctx && !next_is_num {
                return None;
            }
        }
        Some((m, end))
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        let w = self.w(i);
        if self.scan.is_num(i) && w.len() == 4 && !(self.scan.glued(i + 1) && self.w(i + 1) == "s")
        {
            let y: i32 = w.parse().ok()?;
            if (1000..=2199).contains(&y) {
                return Some(y);
            }
        }
        None
    }

    /// Year for a month (and day) given without one: the nearest such date to the reference,
    /// pushed back in past contexts and forward in future ones.
    fn infer_year(&self, month: u32, day: Option<u32>, tense: Tense) -> Option<i32> {
        let dct = self.dct?;
        let mut best = None;
        let mut best_dist = i64::MAX;
        // February 29 exists one year in four: look as far as the nearest leap years.
        let reach = if month == 2 && day == Some(29) { 4 } else { 1 };
        for y in dct.year - reach..=dct.year + reach {
            let Some(cand) = Date::new(y, month, day.unwrap_or(1)) else {
                continue;
            };
            let diff = if day.is_some() {
                cand.to_days() - dct.to_days()
            } else {
                i64::from(y) * 12 + i64::from(month)
                    - (i64::from(dct.year) * 12 + i64::from(dct.month))
            };
            // A leap day years away is on the side of the tense.
            if reach > 1
                && matches!(
                    (tense, diff.signum()),
                    (Tense::Past, 1) | (Tense::Future, -1)
                )
            {
                continue;
            }
            // A month on the wrong side of the tense also pays half a year, so that "will ...
            // in December" said in March is not last December.
            let wrong_side = if day.is_some() { 0 } else { 6 };
            let dist = match tense {
                Tense::Past if diff > 0 => diff.abs() * 3 + wrong_side,
                Tense::Future if diff < 0 => diff.abs() * 3 + wrong_side,
                // News reports look back more often than ahead.
                Tense::Unknown if diff > 0 => diff.abs() * 2,
                _ => diff.abs(),
            };
            if dist < best_dist {
                best_dist = dist;
                best = Some(y);
            }
        }
        best
    }

    /// Month-led dates: "September 17, 2019", "April 25-27", "Dec. 2018", "December of last
    /// year", "July"; `i` is the start of the extent, `j` the month.
    fn month_date(&self, i: usize, j: usize) -> Option<Found> {
        let (m, mut k) = self.month_at(j)?;
        let tense_of = |end| self.direction(i, end);
        // Day, then maybe a range or a year.
        if let Some((d, k2)) = self.day_number(k).filter(|_| !self.is(k, "second")) {
            let mut end = k2;
            // Range "25-27" or "25 to 27".
            let mut range_end = None;
            if (self.scan.is_dash(end) || self.is(end, "to")) && self.scan.is_num(end + 1) {
                if let Some((d2, e2)) = self.day_number(end + 1) {
                    if d2 > d {
                        range_end = Some(d2);
                        end = e2;
                    }
                }
            }
            let mut year = None;
            let mut e = end;
            // "May 5, 1998", "July 4 of 1995".
            if self.scan.raw(e) == "," || (self.is(e, "of") && self.date_year(e + 1).is_some()) {
                e += 1;
            }
            if let Some((y, ye)) = self.date_year(e) {
                year = Some(y);
                end = ye;
            }
            let year = year
                .or_else(|| self.year_after(end))
                .or_else(|| self.range_closing_year(end, m))
                .or_else(|| self.infer_year(m, Some(d), tense_of(end)));
            let v = year.and_then(|y| {
                let a = Date::new(y, m, d)?;
                match range_end {
                    Some(d2) => Some(format!("{}/{}", a.iso(), Date::new(y, m, d2)?.iso())),
                    None => Some(a.iso()),
                }
            });
            // Lead weekday: "Monday, April 29".
            let start = self.lead_weekday(i);
            return found(start, end, "DATE", v);
        }
        // "January twenty five, nineteen eighty six": a day in cardinal words, only with the
        // year that closes the date (alone, "May twenty" may be a count).
        if let Some((d, e)) = self.spelled_day_with_year(k) {
            if let Some((y, end)) = self.date_year(e + usize::from(self.scan.raw(e) == ",")) {
                return found(i, end, "DATE", date_value(Date::new(y, m, d)));
            }
        }
        // "December of last year", "December 2018", "December of 2018".
        let mut of = k;
        if self.is(of, "of") || self.scan.raw(of) == "," {
            of += 1;
        }
        if let Some((y, e)) = self.year_tokens(of) {
            return found(i, e, "DATE", Some(format!("{y:04}-{m:02}")));
        }
        if self.is(k, "of")
            && matches!(self.w(k + 1), "last" | "this" | "next")
            && self.is(k + 2, "year")
        {
            let off = match self.w(k + 1) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            let v = self.dct.map(|d| format!("{:04}-{m:02}", d.year + off));
            return found(i, k + 3, "DATE", v);
        }
        // A bare month.
        k = k.max(j + 1);
        // "February this year", "July last year": the year named right after, one expression
        // (TimeBank 4 times of 4; AQUAINT annotates the month alone and never the year).
        if let Some(y) = self.year_after(k) {
            return found(i, k + 2, "DATE", Some(format!("{y:04}-{m:02}")));
        }
        // "through January", "by February", "until March": the end of a span that runs on
        // from the time of writing is the nearest such month, whatever the tense ("this year
        // through August" in October is this August).
        let deadline = matches!(
            self.w(i.wrapping_sub(1)),
            "until" | "till" | "through" | "by"
        );
        let y = if deadline {
            self.dct.map(|d| {
                let months = |y: i32| {
                    (i64::from(y) * 12 + i64::from(m))
                        - (i64::from(d.year) * 12 + i64::from(d.month))
                };
                // The nearest; a tie goes ahead.
                [d.year, d.year + 1, d.year - 1]
                    .into_iter()
                    .min_by_key(|&y| (months(y).abs(), months(y) < 0))
                    .unwrap_or(d.year)
            })
        } else {
            self.infer_year(m, None, tense_of(k))
        };
        found(i, k, "DATE", y.map(|y| format!("{y:04}-{m:02}")))
    }

    /// "April 29 to May 3, 2019", "Dec. 28 through Jan. 3, 2020": the year that closes a
    /// range of dates also dates its first end (month `m`), the year before when the range
    /// runs over New Year.
    fn range_closing_year(&self, k: usize, m: u32) -> Option<i32> {
        let linked = matches!(self.w(k), "to" | "through" | "until" | "till" | "and")
            || (self.scan.is_dash(k) && !self.scan.glued(k + 1));
        if !linked {
            return None;
        }
        let (m2, e) = self.month_at(k + 1)?;
        let (_, e) = self.day_number(e)?;
        let (y, _) = self.date_year(e + usize::from(self.scan.raw(e) == ","))?;
        Some(if m > m2 { y - 1 } else { y })
    }

    /// The year of "this year", "last year", "next year" at `k`.
    fn year_after(&self, k: usize) -> Option<i32> {
        let off = match self.w(k) {
            "this" => 0,
            "last" => -1,
            "next" => 1,
            _ => return None,
        };
        if !self.is(k + 1, "year") {
            return None;
        }
        self.dct.map(|d| d.year + off)
    }

    /// Includes a weekday and comma before a date ("Monday, April 29").
    fn lead_weekday(&self, i: usize) -> usize {
        if i >= 2 && self.scan.raw(i - 1) == "," && lexicon::weekday(self.w(i - 2)).is_some() {
            return i - 2;
        }
        i
    }

    /// Day-led dates: "17 September 2019", "4th of July", "25-27 April".
    fn day_month(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        if let Some(f) = self.day_pair(i, j) {
            return Some(f);
        }
        let (d, mut k) = self.day_number(j).or_else(|| {
            self.spelled_day_with_year(j).filter(|&(_, e)| {
                self.month_at(e)
                    .is_some_and(|(_, me)| self.date_year(me).is_some())
            })
        })?;
        let mut range_end = None;
        if self.scan.is_dash(k) && self.scan.is_num(k + 1) {
            let (d2, k2) = self.day_number(k + 1)?;
            range_end = Some(d2);
            k = k2;
        }
        if self.is(k, "of") {
            k += 1;
        }
        let (m, mut end) = self.month_at(k)?;
        if (self.scan.raw(end) == "," || self.is(end, "of")) && self.date_year(end + 1).is_some() {
            end += 1;
        }
        let year = match self.date_year(end) {
            Some((y, ye)) => {
                end = ye;
                Some(y)
            }
            None => self.infer_year(m, Some(d), self.direction(i, end)),
        };
        let v = year.and_then(|y| {
            let a = Date::new(y, m, d)?;
            match range_end {
                Some(d2) => Some(format!("{}/{}", a.iso(), Date::new(y, m, d2)?.iso())),
                None => Some(a.iso()),
            }
        });
        found(i, end, "DATE", v)
    }

    /// "1990-95", "the 1998-99 budget": the end of a span of years written with two digits is
    /// a year of the same century (TimeML tags the two ends apart).
    fn short_year_after_dash(&self, i: usize) -> Option<Found> {
        let s = self.scan;
        if i < 2 || !(s.is_dash(i - 1) && s.glued(i - 1) && s.glued(i)) || self.w(i).len() != 2 {
            return None;
        }
        let y = self.year_at(i - 2)?;
        let yy: i32 = self.w(i).parse().ok()?;
        if yy <= y % 100 || self.in_digit_chain(i) || (s.glued(i + 1) && s.is_dash(i + 1)) {
            return None;
        }
        found(i, i + 1, "DATE", Some(format!("{:04}", y - y % 100 + yy)))
    }

    /// "the week of March 6": the ISO week holding that day, one expression. ("the night of
    /// Oct. 23" is not: AQUAINT tags the day alone, 2 times of 2.)
    fn week_of_day(&self, i: usize) -> Option<Found> {
        if !(self.is(i, "the") && self.is(i + 1, "week") && self.is(i + 2, "of")) {
            return None;
        }
        let k = i + 3;
        let day = self.month_date(k, k).or_else(|| self.day_month(k))?;
        let date = day.value.as_deref().filter(|v| v.len() == 10);
        let v = date.and_then(Date::parse).map(Date::iso_week_string);
        found(i, day.end, "DATE", v)
    }

    /// "18 and 19 June", "the 3rd or 4th of May", "from 12 to 14 March": the first day of a
    /// pair before the month takes the month (and year) written after the second, which is
    /// read on its own.
    fn day_pair(&self, i: usize, j: usize) -> Option<Found> {
        let (d, k) = self.day_number(j)?;
        // "from 12 to 14 March" too.
        let from = self.is(i.wrapping_sub(1), "from");
        if !(matches!(self.w(k), "and" | "or")
            || (from && matches!(self.w(k), "to" | "until" | "through")))
        {
            return None;
        }
        let (d2, k2) = self.day_number(k + 1).filter(|&(d2, _)| d2 > d)?;
        let (m, me) = self.month_at(k2 + usize::from(self.is(k2, "of")))?;
        let year = match self.date_year(me + usize::from(self.scan.raw(me) == ",")) {
            Some((y, _)) => Some(y),
            None => self.infer_year(m, Some(d2), self.direction(i, me)),
        };
        found(
            i,
            k,
            "DATE",
            date_value(year.and_then(|y| Date::new(y, m, d))),
        )
    }

    /// "Monday", "last Friday", "next Tuesday", "Monday morning", "Mondays" (a set).
    fn weekday(&self, i: usize, j: usize) -> Option<Found> {
        let mut k = j;
        let mut dir = 0;
        // "the previous Friday", "the following Monday": counted from the day the text
        // last named, else from the reference date.
        if self.is(k, "the") && matches!(self.w(k + 1), "previous" | "following") {
            let (wd, false) = lexicon::weekday(self.w(k + 2))? else {
                return None;
            };
            let v = self.anchor_day.or(self.dct).map(|a| {
                let diff = i64::from(wd) - i64::from(a.weekday());
                if self.is(k + 1, "previous") {
                    a.add_days(-(((-diff) + 6).rem_euclid(7) + 1))
                } else {
                    a.add_days((diff + 6).rem_euclid(7) + 1)
                }
            });
            return found(i, k + 3, "DATE", date_value(v));
        }
        if matches!(self.w(k), "last" | "past" | "previous") {
            dir = -1;
            k += 1;
        } else if self.is(k, "this") && self.is(k + 1, "past") {
            // "this past Monday": the latest one before the time of writing.
            dir = -1;
            k += 2;
        } else if matches!(self.w(k), "next" | "coming") {
            dir = 1;
            k += 1;
        } else if self.is(k, "this") {
            dir = 2;
            k += 1;
        }
        let (wd, plural) = lexicon::weekday(self.w(k))?;
        if !self.scan.capitalised(k) && dir == 0 {
            return None;
        }
        k += 1;
        if plural {
            return found(i, k, "SET", Some(format!("XXXX-WXX-{wd}")));
        }
        // "Tuesday nights": that part of every such day.
        if let Some(p) = self
            .w(k)
            .strip_suffix('s')
            .and_then(lexicon::part_of_day)
            .filter(|_| dir == 0)
        {
            return found(i, k + 1, "SET", Some(format!("XXXX-WXX-{wd}T{p}")));
        }
        // "Monday, April 29", "Friday Oct. 13", "Wednesday 12 March 2008": the date decides,
        // the weekday joins it.
        if dir == 0 {
            let m = if self.scan.raw(k) == "," { k + 1 } else { k };
            if let Some(f) = self
                .month_date(m, m)
                .or_else(|| self.day_month(m).filter(|_| self.scan.is_num(m)))
                .filter(|f| f.value.as_deref().is_some_and(|v| v.len() == 10))
            {
                // A year the text left out is the nearest one where the weekday holds.
                let date = f.value.as_deref().and_then(Date::parse);
                let fixed = date.filter(|d| d.weekday() != wd).and_then(|d| {
                    [d.year, d.year - 1, d.year + 1, d.year - 2]
                        .into_iter()
                        .filter_map(|y| Date::new(y, d.month, d.day))
                        .find(|c| c.weekday() == wd)
                });
                let explicit = (m..f.end).any(|t| self.year_tokens(t).is_some());
                let v = if explicit {
                    f.value
                } else {
                    fixed.map(Date::iso).or(f.value)
                };
                return found(i, f.end, "DATE", v);
            }
        }
        // "Wednesday's ruling": a possessive weekday names a day whose event is known, which
        // in news is one already past.
        let possessive = matches!(self.scan.raw(k), "'" | "’") && self.is(k + 1, "s");
        let tense = match dir {
            -1 => Tense::Past,
            1 => Tense::Future,
            0 if possessive => Tense::Past,
            _ => self.direction(i, k),
        };
        let date = self.dct.map(|dct| {
            let diff = i64::from(wd) - i64::from(dct.weekday());
            match tense {
                Tense::Future => dct.add_days(diff.rem_euclid(7)),
                // "this Friday" said on a Monday is the coming one.
                Tense::Unknown if dir == 2 => dct.add_days(diff.rem_euclid(7)),
                // The nearest ("until Tuesday"; a tie, three or four days away, goes ahead).
                Tense::Either if diff.rem_euclid(7) <= 3 => dct.add_days(diff.rem_euclid(7)),
                _ if dir == -1 && diff == 0 => dct.add_days(-7),
                _ => dct.add_days(-((-diff).rem_euclid(7))),
            }
        });
        if let Some(p) = lexicon::part_of_day(self.w(k)) {
            return found(i, k + 1, "TIME", date.map(|d| format!("{}T{p}", d.iso())));
        }
        found(i, k, "DATE", date_value(date))
    }

    /// "Thanksgiving Day", "last Christmas", "Easter 1998", "Election Day", "Easter week": the
    /// holiday in the year given, else the one the tense points to (the latest one on or
    /// before the time of writing in the past, the next one ahead, the nearest otherwise).
    fn holiday(&self, i: usize) -> Option<Found> {
        let (dir, j) = match self.w(i) {
            "last" | "past" => (Tense::Past, i + 1),
            "next" | "coming" => (Tense::Future, i + 1),
            "this" => (Tense::Either, i + 1),
            _ => (Tense::Unknown, i),
        };
        let h = holidays::holiday_at(self.scan, j)?;
        let mut end = h.end;
        let of = if self.is(end, "of") || self.scan.raw(end) == "," {
            end + 1
        } else {
            end
        };
        let date = if let Some(y) = self.year_at(of) {
            end = of + 1;
            h.on(y)
        } else {
            let tense = if dir == Tense::Unknown {
                self.direction(i, end)
            } else {
                dir
            };
            self.dct.and_then(|dct| {
                let gap = |d: &Date| d.to_days() - dct.to_days();
                // A week is past once it has begun.
                let days: Vec<Date> = [dct.year - 1, dct.year, dct.year + 1]
                    .into_iter()
                    .filter_map(|y| h.on(y))
                    .map(|d| match h.span {
                        Span::Day => d,
                        Span::Week => d.add_days(1 - i64::from(d.weekday())),
                    })
                    .collect();
                match tense {
                    Tense::Past => days.into_iter().filter(|d| gap(d) <= 0).max_by_key(gap),
                    Tense::Future => days.into_iter().filter(|d| gap(d) >= 0).min_by_key(gap),
                    // News looks back more often than ahead.
                    _ => days
                        .into_iter()
                        .min_by_key(|d| if gap(d) > 0 { gap(d) * 2 } else { -gap(d) }),
                }
            })
        };
        let v = match h.span {
            Span::Day => date_value(date),
            Span::Week => date.map(Date::iso_week_string),
        };
        found(i, end, "DATE", v)
    }

    /// "today", "yesterday", "tomorrow", "tonight" (and "yesterday morning") at `i`, the
    /// deictic days a modifier can take ("late yesterday", "earlier today").
    fn day_word(&self, i: usize) -> Option<Found> {
        if matches!(self.w(i), "today" | "yesterday" | "tomorrow" | "tonight")
            || (self.is(i, "this") && lexicon::part_of_day(self.w(i + 1)).is_some())
        {
            return self.deictic(i);
        }
        None
    }

    /// today, yesterday, tomorrow, tonight, now, this morning, last night.
    fn deictic(&self, i: usize) -> Option<Found> {
        let dct = self.dct;
        let shift = |n: i64| dct.map(|d| d.add_days(n).iso());
        match self.w(i) {
            // "USA Today", "VOA Today": a title after a name, capitalised mid-sentence.
            "today"
                if self.scan.raw(i) == "Today"
                    && i > self.scan.sentence_begin(i)
                    && self.scan.is_word(i - 1)
                    && self.scan.capitalised(i - 1) =>
            {
                None
            }
            "today" => found(i, i + 1, "DATE", shift(0)),
            "yesterday" => {
                if let Some(p) = lexicon::part_of_day(self.w(i + 1)) {
                    return found(i, i + 2, "TIME", shift(-1).map(|d| format!("{d}T{p}")));
                }
                found(i, i + 1, "DATE", shift(-1))
            }
            "tomorrow" => {
                // "tomorrow night", as "yesterday morning".
                if let Some(p) = lexicon::part_of_day(self.w(i + 1)) {
                    return found(i, i + 2, "TIME", shift(1).map(|d| format!("{d}T{p}")));
                }
                found(i, i + 1, "DATE", shift(1))
            }
            "tonight" => found(i, i + 1, "TIME", shift(0).map(|d| format!("{d}TNI"))),
            "now" if !self.is(i + 1, "that") => found(i, i + 1, "DATE", Some("PRESENT_REF".into())),
            "currently" | "nowadays" => found(i, i + 1, "DATE", Some("PRESENT_REF".into())),
            "recently" => found(i, i + 1, "DATE", Some("PAST_REF".into())),
            "soon" if !self.is(i + 1, "after") && !self.is(i - 1, "as") => {
                found(i, i + 1, "DATE", Some("FUTURE_REF".into()))
            }
            "last" if self.is(i + 1, "night") => {
                found(i, i + 2, "TIME", shift(-1).map(|d| format!("{d}TNI")))
            }
            "this" => {
                let p = lexicon::part_of_day(self.w(i + 1))?;
                found(i, i + 2, "TIME", shift(0).map(|d| format!("{d}T{p}")))
            }
            _ => None,
        }
    }

    /// "last week", "this month", "next year", "last November", "last summer", "this
    /// weekend", "the past week" (a duration); `i` starts the extent, `j` the determiner.
    fn relative_period(&self, i: usize, j: usize) -> Option<Found> {
        let det = self.w(j);
        // "that year", "later that year": the year of the last date the text named.
        if det == "that" && self.is(j + 1, "year") && !matches!(self.scan.raw(j + 2), "'" | "’") {
            let v = self.last_value.as_deref().and_then(|v| {
                v.get(..4)
                    .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
                    .map(str::to_string)
            });
            return found(i, j + 2, "DATE", v);
        }
        // "ABC's \"This Week\"": a title capitalised mid-sentence, not the week.
        if self.scan.raw(j) == "This" && self.scan.capitalised(j + 1) {
            let begin = self.scan.sentence_begin(j);
            if begin + 1 < j || (begin + 1 == j && self.scan.is_word(begin)) {
                return None;
            }
        }
        let off: i64 = match det {
            "last" | "previous" => -1,
            "this" | "current" => 0,
            "next" | "coming" => 1,
            "the"
                if matches!(
                    self.w(j + 1),
                    "past" | "last" | "previous" | "coming" | "next" | "following"
                ) =>
            {
                return self.the_past_unit(i, j)
            }
            _ => return None,
        };
        let k = j + 1;
        let dct = self.dct;
        let w = self.w(k);
        if let Some((m, end)) = self.month_at(k).or_else(|| {
            // Lowercase full month names after "last" are dates too ("last november"), but
            // not the modal and the verb ("this may take longer").
            lexicon::month(w)
                .filter(|_| self.scan.is_word(k) && w.len() > 3 && w != "march")
                .map(|m| (m, k + 1))
        }) {
            // "last Oct. 23": the latest such day before the reference date.
            if let Some((day, day_end)) = self.day_number(end).filter(|_| off != 0) {
                let v = dct.and_then(|d| {
                    let this_year = Date::new(d.year, m, day)?;
                    let date = match off {
                        -1 if this_year >= d => Date::new(d.year - 1, m, day),
                        1 if this_year <= d => Date::new(d.year + 1, m, day),
                        _ => Some(this_year),
                    };
                    date.map(Date::iso)
                });
                return found(i, day_end, "DATE", v);
            }
            let v = dct.map(|d| {
                let y = match off {
                    -1 if m >= d.month => d.year - 1,
                    1 if m <= d.month => d.year + 1,
                    -1 | 1 => d.year,
                    _ => d.year,
                };
                format!("{y:04}-{m:02}")
            });
            return found(i, end, "DATE", v);
        }
        if let Some(code) = lexicon::season(w) {
            let v = dct.map(|d| format!("{:04}-{code}", d.year + off as i32));
            return found(i, k + 1, "DATE", v);
        }
        let (unit, plural) = lexicon::unit(w)?;
        if plural {
            return None;
        }
        let v = dct.and_then(|d| match unit {
            Unit::Day => None,
            Unit::Week => Some(d.add_days(7 * off).iso_week_string()),
            Unit::Weekend => Some(format!("{}-WE", d.add_days(7 * off).iso_week_string())),
            Unit::Month => Some(d.add_months(off).iso_month()),
            Unit::Quarter => {
                let (y, m) = add_months(d.year, d.month, 3 * off);
                Some(format!("{y:04}-Q{}", (m - 1) / 3 + 1))
            }
            Unit::Year => Some(format!("{:04}", i64::from(d.year) + off)),
            Unit::Decade => Some(format!("{:03}", (i64::from(d.year) / 10) + off)),
            Unit::Century => Some(format!("{:02}", (i64::from(d.year) / 100) + off)),
            _ => None,
        });
        if unit == Unit::Day {
            return None;
        }
        let mut end = k + 1;
        // "last year's", the possessive is not part of it.
        if matches!(self.scan.raw(end), "'" | "’") && self.is(end + 1, "s") {
            // "last year's third quarter" belongs to the quarter matcher; keep simple.
            end = k + 1;
        }
        found(i, end, "DATE", v)
    }

    /// "the past week" (P1W), "the last two years" (P2Y), "the next day" (anchor + 1),
    /// "the previous year".
    fn the_past_unit(&self, i: usize, j: usize) -> Option<Found> {
        let which = self.w(j + 1);
        // "the next morning", "the previous night": that part of the day after (before) the
        // day the text last named.
        if let Some(p) = lexicon::part_of_day(self.w(j + 2)) {
            let sign = match which {
                "next" | "following" => 1,
                "previous" => -1,
                _ => return None,
            };
            let d = self.anchor_day.or(self.dct).map(|d| d.add_days(sign));
            return found(i, j + 3, "TIME", d.map(|d| format!("{}T{p}", d.iso())));
        }
        let mut k = j + 2;
        let mut count = "1".to_string();
        // "the past half-century", "the last quarter century": a length.
        if let Some((years, e)) = self.part_of_century(k) {
            if matches!(which, "past" | "last") {
                return found(i, e, "DURATION", Some(format!("P{years}Y")));
            }
        }
        if let Some(n) = number_at(self.scan, k) {
            count = fmt_num(n.value);
            k = n.end;
            // "the next 12 to 18 months".
            if let Some(e) = self.count_range(&n) {
                count = "X".into();
                k = e;
            }
        } else if matches!(self.w(k), "several" | "few" | "many") {
            count = "X".into();
            k += 1;
        } else if self.is(k, "couple") && self.is(k + 1, "of") {
            count = "2".into();
            k += 2;
        } else if self.is(k, "couple") && lexicon::unit(self.w(k + 1)).is_some_and(|u| u.1) {
            // "the next couple weeks".
            count = "2".into();
            k += 1;
        }
        let (unit, plural) = lexicon::unit(self.w(k))?;
        // "the coming years", "the past months": a count the text does not give.
        if plural && k == j + 2 {
            count = "X".into();
        }
        let mut end = k + 1;
        if self.is(end, "or") && self.is(end + 1, "so") {
            end += 2;
        }
        // "the past fortnight", "the next fortnight": two weeks, a length.
        if self.w(k).starts_with("fortnight") {
            let n = count.parse::<f64>().map_or(count, |n| fmt_num(n * 2.0));
            return found(i, end, "DURATION", Some(unit.duration(&n)));
        }
        match which {
            "past" | "last" => found(i, end, "DURATION", Some(unit.duration(&count))),
            "coming" => found(i, end, "DURATION", Some(unit.duration(&count))),
            "next" | "following" | "previous" if count == "1" && k == j + 2 && end == k + 1 => {
                let sign = if which == "previous" { -1 } else { 1 };
                // "the following year" after "May 22, 1995" is 1996: "following" and
                // "previous" count from the last date the text named, "next" from the time
                // of writing.
                let named = self.last_value.as_deref().and_then(|v| {
                    let y: i32 = v.get(0..4)?.parse().ok()?;
                    let m: u32 = v.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
                    Date::new(y, m.clamp(1, 12), 1)
                });
                let base = if unit == Unit::Day {
                    self.anchor_day.or(self.dct)
                } else if which != "next" {
                    named.or(self.dct)
                } else {
                    self.dct
                };
                let v = base.and_then(|d| match unit {
                    Unit::Day => Some(d.add_days(sign).iso()),
                    Unit::Week => Some(d.add_days(7 * sign).iso_week_string()),
                    Unit::Month => Some(d.add_months(sign).iso_month()),
                    Unit::Year => Some(format!("{:04}", i64::from(d.year) + sign)),
                    // "the next quarter", "the previous decade", "the following century".
                    Unit::Quarter => {
                        let (y, m) = add_months(d.year, d.month, 3 * sign);
                        Some(format!("{y:04}-Q{}", (m - 1) / 3 + 1))
                    }
                    Unit::Decade => Some(format!("{:03}", i64::from(d.year) / 10 + sign)),
                    Unit::Century => Some(format!("{:02}", i64::from(d.year) / 100 + sign)),
                    _ => None,
                });
                found(i, end, "DATE", v)
            }
            _ => found(i, end, "DURATION", Some(unit.duration(&count))),
        }
    }

    /// Sets: "every four years", "each week", "annual", "daily", "every Monday".
    fn set(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let simple = match w {
            "hourly" => Some("PT1H"),
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "annual" | "annually" | "yearly" => Some("P1Y"),
            "biennial" => Some("P2Y"),
            "semiannual" | "semiannually" | "biannual" | "biannually" => Some("P6M"),
            "biweekly" => Some("P2W"),
            _ => None,
        };
        if let Some(v) = simple {
            // "semi-annual(ly)" every six months, "bi-weekly" every two weeks; "bi-monthly"
            // is read both ways (every two months, twice a month): no set.
            let s = self.scan;
            if i >= 2 && s.is_dash(i - 1) && s.glued(i - 1) && s.glued(i) {
                let v = match (self.w(i - 2), w) {
                    ("semi" | "bi", "annual" | "annually" | "yearly") => "P6M",
                    ("bi", "weekly") => "P2W",
                    _ => return None,
                };
                return found(i - 2, i + 1, "SET", Some(v.into()));
            }
            return found(i, i + 1, "SET", Some(v.into()));
        }
        // "twice a year", "once a week": the frequency belongs to the set (TimeML `freq`).
        if matches!(w, "twice" | "once" | "thrice") && matches!(self.w(i + 1), "a" | "per") {
            if let Some((unit, false)) = lexicon::unit(self.w(i + 2)) {
                return found(i, i + 3, "SET", Some(unit.duration("1")));
            }
        }
        if !matches!(w, "every" | "each") {
            // "per year", "a year" after "times"; "three times a year" with its frequency, as
            // "twice a year".
            if w == "per" || (w == "a" && self.is(i.wrapping_sub(1), "times")) {
                let (unit, false) = lexicon::unit(self.w(i + 1))? else {
                    return None;
                };
                let counted = w == "a"
                    && i >= 2
                    && number_at(self.scan, i - 2).is_some_and(|n| n.end == i - 1 && !n.vague);
                let start = if counted { i - 2 } else { i };
                return found(start, i + 2, "SET", Some(unit.duration("1")));
            }
            return None;
        }
        let mut k = i + 1;
        // "every other Friday": the weekday's set (the frequency is TIMEX3 `freq`).
        let other = usize::from(w == "every" && self.is(k, "other"));
        if let Some((wd, _)) = lexicon::weekday(self.w(k + other)) {
            return found(i, k + other + 1, "SET", Some(format!("XXXX-WXX-{wd}")));
        }
        // "each July": that month of every year.
        if let Some((m, end)) = self.month_at(k).filter(|_| self.scan.capitalised(k)) {
            return found(i, end, "SET", Some(format!("XXXX-{m:02}")));
        }
        // "each spring", "every summer": that season of every year.
        if let Some(code) = lexicon::season(self.w(k)) {
            return found(i, k + 1, "SET", Some(format!("XXXX-{code}")));
        }
        let mut count = "1".to_string();
        if let Some(n) = number_at(self.scan, k) {
            count = fmt_num(n.value);
            k = n.end;
        } else if self.is(k, "other") {
            count = "2".into();
            k += 1;
        } else if matches!(self.w(k), "few" | "several") {
            // "every few years": a count the text does not give.
            count = "X".into();
            k += 1;
        }
        let (unit, _) = lexicon::unit(self.w(k))?;
        found(i, k + 1, "SET", Some(unit.duration(&count)))
    }

    /// "the third quarter (of 1997)", "third-quarter", "the first half of 2019", "the quarter".
    fn quarter(&self, i: usize, j: usize) -> Option<Found> {
        let mut k = j;
        let mut start = i;
        if self.is(k, "the") {
            k += 1;
        }
        let mut year_off = None;
        if matches!(self.w(k), "this" | "last" | "next")
            && matches!(self.scan.raw(k + 2), "'" | "’")
            && self.is(k + 1, "year")
            && self.is(k + 3, "s")
        {
            year_off = Some(match self.w(k) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            });
            k += 4;
        }
        // "the 1988 third quarter"; "the 1988 quarter", "last year's quarter": the quarter
        // named last, in that year.
        let mut named_year = None;
        if self.is(j, "the") && k == j + 1 {
            if let Some(y) = self.year_at(k) {
                named_year = Some(y);
                k += 1;
            }
        }
        if named_year.is_some() || year_off.is_some() {
            let word = self.w(k);
            let plain = word == "quarter" || (word == "period" && named_year.is_some());
            if let (true, Some(q)) = (plain, self.last_quarter.as_deref()) {
                let y = named_year.or_else(|| Some(self.dct?.year + year_off?));
                return found(i, k + 1, "DATE", y.map(|y| format!("{y:04}{}", &q[4..])));
            }
            if word == "period" {
                return found(i, k + 1, "DATE", named_year.map(|y| format!("{y:04}")));
            }
        }
        // "the fiscal first quarter", "fiscal second-quarter".
        if self.is(k, "fiscal") {
            k += 1;
            if self.scan.is_dash(k) && self.scan.glued(k) {
                k += 1;
            }
        }
        // "the first two quarters of 1990", "the last half of 1989": halves.
        let halves = match (self.w(k), self.w(k + 1), self.w(k + 2)) {
            ("first", "two", "quarters") => Some((1, k + 3)),
            ("last", "two", "quarters") => Some((2, k + 3)),
            ("last" | "second", "half", _) => Some((2, k + 2)),
            _ => None,
        };
        let (n, kind, mut end) = if let Some((n, e)) = halves {
            self.explicit_year(e)?;
            (n, "H", e)
        } else {
            let (n, mut e) = ordinal(self.scan, k)?;
            if self.scan.is_dash(e) && self.scan.glued(e) {
                e += 1;
            }
            let (kind, max) = match self.w(e) {
                "quarter" => ("Q", 4),
                "half" => ("H", 2),
                _ => return None,
            };
            if n == 0 || n > max {
                return None;
            }
            // "the third-quarter results": before a hyphenated compound the article belongs
            // to the noun it modifies, not to the period.
            if kind == "Q" && self.scan.is_dash(e - 1) && self.is(j, "the") && i == j && k == j + 1
            {
                start = k;
            }
            (n, kind, e + 1)
        };
        let year = if let Some((y, e)) = self.explicit_year(end) {
            end = e;
            Some(y)
        } else if named_year.is_some() {
            named_year
        } else if let Some(off) = year_off {
            self.dct.map(|d| d.year + off)
        } else {
            self.dct.map(|d| {
                let current = if kind == "Q" {
                    (d.month - 1) / 3 + 1
                } else {
                    (d.month - 1) / 6 + 1
                };
                if n > current && self.tense(i, end) == Tense::Past {
                    d.year - 1
                } else {
                    d.year
                }
            })
        };
        found(
            start,
            end,
            "DATE",
            year.map(|y| format!("{y:04}-{kind}{n}")),
        )
    }

    /// A year right after a period name: "2019" or "of 2019"; returns (year, next token).
    fn explicit_year(&self, k: usize) -> Option<(i32, usize)> {
        let of = self.is(k, "of");
        let k = if of { k + 1 } else { k };
        // "the second half of next year", "the spring of last year".
        if of {
            if let Some(y) = self.year_after(k) {
                return Some((y, k + 2));
            }
        }
        self.year_tokens(k)
    }

    /// A year in digits or in words at `k`; returns (year, next token).
    fn year_tokens(&self, k: usize) -> Option<(i32, usize)> {
        self.year_at(k)
            .map(|y| (y, k + 1))
            .or_else(|| self.spelled_year(k))
    }

    /// A year in words, as broadcast transcripts write them: "nineteen ninety-six",
    /// "nineteen eighty", "nineteen hundred", "two thousand", "two thousand and one".
    fn spelled_year(&self, i: usize) -> Option<(i32, usize)> {
        if self.is(i, "two") && self.is(i + 1, "thousand") {
            let mut k = i + 2;
            if self.is(k, "and") {
                k += 1;
            }
            return match self.spelled_below_hundred(k) {
                Some((n, e)) if n > 0 => Some((2000 + n as i32, e)),
                _ => Some((2000, i + 2)),
            };
        }
        let century = small_number(self.w(i)).filter(|c| (11..=20).contains(c))?;
        if self.is(i + 1, "hundred") {
            return Some((century as i32 * 100, i + 2));
        }
        let (n, e) = self
            .spelled_below_hundred(i + 1)
            .filter(|(n, _)| *n >= 10)?;
        Some((century as i32 * 100 + n as i32, e))
    }

    /// "ninety-six", "ninety", "twelve" at `k`; returns (number, next token).
    fn spelled_below_hundred(&self, k: usize) -> Option<(u32, usize)> {
        let t = small_number(self.w(k))?;
        if t >= 20 && self.scan.is_dash(k + 1) && self.scan.glued(k + 1) {
            if let Some(u) = small_number(self.w(k + 2)).filter(|u| (1..=9).contains(u)) {
                return Some((t + u, k + 3));
            }
        }
        // "ninety six" written apart, as transcripts do ("nineteen ninety six").
        if t >= 20 && t % 10 == 0 && self.scan.is_word(k + 1) {
            if let Some(u) = small_number(self.w(k + 1)).filter(|u| (1..=9).contains(u)) {
                return Some((t + u, k + 2));
            }
        }
        Some((t, k + 1))
    }

    /// A year in words on its own ("nineteen ninety-six"), or "the year two thousand".
    fn spelled_year_date(&self, i: usize) -> Option<Found> {
        let (k, by_itself) = if self.is(i, "the") && self.is(i + 1, "year") {
            (i + 2, false)
        } else {
            (i, true)
        };
        let (y, end) = self.year_tokens(k)?;
        // "in two thousand and fifteen", "since two thousand one": a year after a preposition
        // of time, with no noun counted after it ("in two thousand and five cases").
        let spoken_year = self.is(i, "two")
            && end > i + 2
            && matches!(
                self.w(i.wrapping_sub(1)),
                "in" | "since" | "by" | "until" | "of" | "from" | "before" | "after"
            )
            && !(self.scan.is_word(end)
                && !self.scan.capitalised(end)
                && !matches!(
                    self.w(end),
                    "and"
                        | "or"
                        | "but"
                        | "when"
                        | "to"
                        | "in"
                        | "on"
                        | "at"
                        | "for"
                        | "after"
                        | "before"
                        | "until"
                        | "as"
                        | "the"
                ));
        // "two thousand" and "twelve hundred" alone are counts.
        if by_itself
            && !spoken_year
            && (self.scan.is_num(i) || self.is(i, "two") || self.is(i + 1, "hundred"))
        {
            return None;
        }
        found(i, end, "DATE", Some(format!("{y:04}")))
    }

    /// "summer 2019", "the summer of 2019", "this summer" (via relative_period), "in the spring".
    fn season(&self, i: usize, j: usize) -> Option<Found> {
        let mut k = j;
        if self.is(k, "the") {
            k += 1;
        }
        // "this past spring": the latest one before the time of writing.
        let this_past = self.is(k, "this") && self.is(k + 1, "past");
        if this_past {
            k += 2;
        }
        let code = lexicon::season(self.w(k))?;
        let mut end = k + 1;
        // "the Winter Olympics", "Spring Festival": a capitalised season before a capitalised
        // word is part of a name.
        if self.scan.capitalised(k) && self.scan.capitalised(end) && self.year_at(end).is_none() {
            return None;
        }
        let year = if let Some((y, e)) = self.explicit_year(end) {
            end = e;
            // "the winter of 1995-96": the season that runs into the next year, one expression.
            let s = self.scan;
            if s.is_dash(end)
                && s.glued(end)
                && s.glued(end + 1)
                && self.w(end + 1).len() == 2
                && self.w(end + 1).parse::<i32>().ok() == Some((y + 1) % 100)
            {
                end += 2;
            }
            Some(y)
        } else {
            // A bare season is only a date with an article or a modifier ("in the spring").
            if k == j && i == j {
                return None;
            }
            let tense = if this_past {
                Tense::Past
            } else {
                self.direction(i, end)
            };
            self.dct.map(|d| {
                let season_month = match code {
                    "SP" => 4,
                    "SU" => 7,
                    "FA" => 10,
                    _ => 1,
                };
                match tense {
                    Tense::Past if season_month > d.month => d.year - 1,
                    Tense::Future if season_month + 2 < d.month => d.year + 1,
                    _ => d.year,
                }
            })
        };
        found(i, end, "DATE", year.map(|y| format!("{y:04}-{code}")))
    }

    /// "the 1990s", "1990s", "the '90s", "mid-1990s", "the 20th century".
    fn decade(&self, i: usize, j: usize) -> Option<Found> {
        let mut k = j;
        let mut start = i;
        if self.is(k, "the") {
            k += 1;
        }
        if matches!(self.scan.raw(k), "'" | "’")
            && self.scan.is_num(k + 1)
            && self.w(k + 1).len() == 2
            && self.scan.glued(k + 2)
            && self.is(k + 2, "s")
        {
            let n: i32 = self.w(k + 1).parse().ok()?;
            let century = if n < 30 { 200 } else { 190 };
            return found(start, k + 3, "DATE", Some(format!("{}", century + n / 10)));
        }
        if self.scan.is_num(k)
            && self.w(k).len() == 4
            && self.scan.glued(k + 1)
            && self.is(k + 1, "s")
        {
            let y: i32 = self.w(k).parse().ok()?;
            if y % 10 != 0 {
                return None;
            }
            return found(start, k + 2, "DATE", Some(format!("{:03}", y / 10)));
        }
        // "the 1990's", as the style of some papers writes decades.
        if self.scan.is_num(k)
            && self.w(k).len() == 4
            && matches!(self.scan.raw(k + 1), "'" | "’")
            && self.scan.glued(k + 1)
            && self.scan.glued(k + 2)
            && self.is(k + 2, "s")
        {
            let y: i32 = self.w(k).parse().ok()?;
            if y % 10 == 0 && (1000..=2190).contains(&y) {
                return found(start, k + 3, "DATE", Some(format!("{:03}", y / 10)));
            }
        }
        // "the nineties": the latest such decade begun by the time of writing.
        if k > j {
            if let Some(tens) = lexicon::decade_word(self.w(k)) {
                let v = self.dct.map(|d| {
                    let c = d.year.div_euclid(100);
                    let c = if c * 100 + tens * 10 <= d.year {
                        c
                    } else {
                        c - 1
                    };
                    format!("{}", c * 10 + tens)
                });
                return found(start, k + 1, "DATE", v);
            }
        }
        if let Some((n, e)) = ordinal(self.scan, k) {
            if self.is(e, "century") && (1..=22).contains(&n) {
                if k == j && start == j {
                    start = i;
                }
                return found(start, e + 1, "DATE", Some(format!("{:02}", n - 1)));
            }
        }
        None
    }

    /// A year on its own: "2019", "in 1998", "fiscal 1989".
    fn year(&self, i: usize, j: usize) -> Option<Found> {
        let y = self.year_at(j)?;
        let prev = self.w(j.wrapping_sub(1));
        let next = self.w(j + 1);
        // Money, measures and counts are not years ("more than 2000"; "no later than 2030" is
        // one).
        let temporal_than = prev == "than"
            && matches!(
                self.w(j.wrapping_sub(2)),
                "later" | "earlier" | "sooner" | "before"
            );
        if (matches!(
            prev,
            "$" | "£" | "€" | "#" | "no" | "number" | "about" | "some" | "nearly" | "over" | "than"
        ) && !temporal_than)
            || matches!(
                next,
                "%" | "percent"
                    | "per"
                    | "people"
                    | "km"
                    | "kilometres"
                    | "kilometers"
                    | "miles"
                    | "meters"
                    | "metres"
                    | "feet"
                    | "troops"
                    | "soldiers"
                    | "dollars"
                    | "yuan"
                    | "euros"
            )
            || (self.scan.is_dash(j + 1)
                && self.scan.is_num(j + 2)
                && self.w(j + 2).len() != 2
                && self.w(j + 2).len() != 4)
            || self.in_digit_chain(j)
        {
            return None;
        }
        if y < 1900
            && !matches!(
                prev,
                "in" | "since"
                    | "of"
                    | "by"
                    | "until"
                    | "from"
                    | "year"
                    | "before"
                    | "after"
                    | "during"
                    | "circa"
            )
        {
            return None;
        }
        let start = if self.is(j.wrapping_sub(1), "fiscal") && i == j {
            j - 1
        } else {
            i
        };
        found(start, j + 1, "DATE", Some(format!("{y:04}")))
    }

    /// The day named right after a clock time at `k` ("10 p.m. Wednesday", "noon Thursday",
    /// "5 p.m. EST, Nov. 9"): (end, date).
    fn day_after_clock(&self, k: usize) -> Option<(usize, Option<Date>)> {
        let mut k = k;
        // Where the clock ends when its day is read on its own.
        let mut split = None;
        loop {
            // "9 a.m. EST Tuesday": the zone belongs to the clock.
            if lexicon::time_zone(self.w(k)) {
                k += 1;
            // "6 a.m. local time on Sunday": the clock takes the day, which is read on its own.
            } else if self.is(k, "local") && self.is(k + 1, "time") {
                split.get_or_insert(k);
                k += 2;
            // "10:35 a.m. (0735 GMT) Friday": the time in another zone is an aside; the clock
            // takes the day but ends before the aside.
            } else if let Some(close) = (self.scan.raw(k) == "(")
                .then(|| (k + 1..k + 6).find(|&t| self.scan.raw(t) == ")"))
                .flatten()
            {
                split.get_or_insert(k);
                k = close + 1;
            } else {
                break;
            }
        }
        if self.scan.raw(k) == "," {
            k += 1;
        }
        // "at 9 p.m. on Friday".
        if self.is(k, "on") {
            let before = if self.scan.raw(k - 1) == "," {
                k - 1
            } else {
                k
            };
            split = split.or(Some(before));
            k += 1;
        }
        let day = self
            .weekday(k, k)
            .or_else(|| self.month_date(k, k))
            .or_else(|| self.deictic(k))
            .filter(|f| f.kind == "DATE" && f.value.as_deref().is_some_and(|v| v.len() == 10))?;
        Some((
            split.unwrap_or(day.end),
            day.value.and_then(|v| Date::parse(&v)),
        ))
    }

    /// "noon Thursday", "midnight Friday": a clock word with its day.
    fn clock_word(&self, i: usize) -> Option<Found> {
        let hour = match self.w(i) {
            "noon" | "midday" => "12:00",
            "midnight" => "24:00",
            _ => return None,
        };
        // Alone after "at" ("at midday"), the day of writing ("High Noon" is no time).
        // "10 a.m. to noon": the end of a range of clock times.
        let closes_range = matches!(self.w(i.wrapping_sub(1)), "to" | "and")
            && (matches!(self.w(i.wrapping_sub(2)), "m" | "am" | "pm")
                || (self.scan.raw(i.wrapping_sub(2)) == "." && self.is(i.wrapping_sub(3), "m")));
        // "around midnight", "shortly after noon": a lowercase clock word after a preposition
        // of time.
        let after_preposition = matches!(self.w(i.wrapping_sub(1)), "at" | "until" | "till" | "by")
            || (!self.scan.capitalised(i)
                && matches!(
                    self.w(i.wrapping_sub(1)),
                    "around" | "after" | "before" | "since" | "from" | "about" | "near" | "past"
                ));
        let (end, date) = self.day_after_clock(i + 1).or_else(|| {
            (closes_range || after_preposition)
                .then_some((i + 1, self.day_named_before(i).or(self.dct)))
        })?;
        found(i, end, "TIME", date.map(|d| format!("{}T{hour}", d.iso())))
    }

    /// Whether the number at `j` is a link of a dashed digit chain that is no year range:
    /// phone numbers and codes ("138-2010-2015", "82-2100").
    fn in_digit_chain(&self, j: usize) -> bool {
        let s = self.scan;
        let linked_before = |t: usize| {
            t >= 2 && s.is_dash(t - 1) && s.glued(t) && s.glued(t - 1) && s.is_num(t - 2)
        };
        let linked_after =
            |t: usize| s.is_dash(t + 1) && s.glued(t + 1) && s.glued(t + 2) && s.is_num(t + 2);
        let links = usize::from(linked_before(j))
            + usize::from(linked_after(j))
            + usize::from(linked_before(j) && linked_before(j - 2))
            + usize::from(linked_after(j) && linked_after(j + 2));
        links >= 2 || (linked_before(j) && self.year_at(j - 2).is_none())
    }

    /// "2019-Q1", "2019 Q1", "2019-H2", "Q1 2019": quarters and halves in the compact form of
    /// business reports.
    fn compact_quarter(&self, i: usize) -> Option<Found> {
        let s = self.scan;
        let letter = |t: usize| match self.w(t) {
            "q" => Some(("Q", 4)),
            "h" => Some(("H", 2)),
            _ => None,
        };
        // ("2019 H2O" is no half: nothing may stick to the number.)
        let number = |t: usize, max: u32| {
            (s.glued(t) && s.is_num(t) && !(s.glued(t + 1) && s.is_word(t + 1)))
                .then(|| self.w(t).parse::<u32>().ok())
                .flatten()
                .filter(|n| (1..=max).contains(n))
        };
        if let Some(y) = self.year_at(i) {
            let k = if s.is_dash(i + 1) && s.glued(i + 1) {
                i + 2
            } else {
                i + 1
            };
            let (kind, max) = letter(k)?;
            let n = number(k + 1, max)?;
            return found(i, k + 2, "DATE", Some(format!("{y:04}-{kind}{n}")));
        }
        let (kind, max) = letter(i)?;
        let n = number(i + 1, max)?;
        let mut k = i + 2;
        if self.is(k, "of") {
            k += 1;
        }
        let y = self.year_at(k)?;
        found(i, k + 1, "DATE", Some(format!("{y:04}-{kind}{n}")))
    }

    /// "the first week of 2015", "the last week of 2016", "3rd week of 2018": ISO weeks.
    fn week_of_year(&self, i: usize) -> Option<Found> {
        let mut k = i;
        if self.is(k, "the") {
            k += 1;
        }
        let (n, e) = if self.is(k, "last") {
            (0, k + 1)
        } else {
            ordinal(self.scan, k).filter(|(n, _)| (1..=53).contains(n))?
        };
        if !(self.is(e, "week") && self.is(e + 1, "of")) {
            return None;
        }
        let y = self.year_at(e + 2)?;
        let n = if n == 0 {
            // The last ISO week holds 28 December.
            Date::new(y, 12, 28)?.iso_week_string()[6..].parse().ok()?
        } else {
            n
        };
        found(i, e + 3, "DATE", Some(format!("{y:04}-W{n:02}")))
    }

    /// Clock times: "10:30 a.m.", "3 p.m.", "noon" with the reference day.
    fn clock(&self, i: usize) -> Option<Found> {
        let s = self.scan;
        let mut k = i + 1;
        let mut minute = 0;
        // "11.30 a.m.", "2.46pm": hours and minutes with a full stop, as British papers write
        // them, only before the half of the day.
        let dotted = self
            .w(i)
            .split_once('.')
            .filter(|(_, m)| m.len() == 2)
            .and_then(|(h, m)| {
                let meridiem = matches!(self.w(k), "am" | "pm")
                    || (matches!(self.w(k), "a" | "p")
                        && s.raw(k + 1) == "."
                        && self.is(k + 2, "m"));
                let h: u32 = h.parse().ok().filter(|&h| (1..=12).contains(&h))?;
                let m: u32 = m.parse().ok().filter(|&m| m < 60)?;
                meridiem.then_some((h, m))
            });
        let h: u32 = match dotted {
            Some((h, m)) => {
                minute = m;
                h
            }
            None => self.w(i).parse().ok().filter(|&h| h <= 24)?,
        };
        let colon = dotted.is_none()
            && s.raw(k) == ":"
            && s.glued(k)
            && s.is_num(k + 1)
            && s.glued(k + 1)
            && self.w(k + 1).len() == 2;
        if colon {
            minute = self.w(k + 1).parse().ok()?;
            k += 2;
        } else if h > 12 {
            return None;
        }
        let (pm, end) = match self.w(k) {
            "a" | "p" if s.raw(k + 1) == "." && self.is(k + 2, "m") => {
                let e = if s.raw(k + 3) == "." && s.glued(k + 3) {
                    k + 4
                } else {
                    k + 3
                };
                (self.is(k, "p"), e)
            }
            "am" => (false, k + 1),
            "pm" => (true, k + 1),
            // "4 in the morning", "9 in the evening", "11 at night".
            "in" if self.is(k + 1, "the")
                && matches!(self.w(k + 2), "morning" | "afternoon" | "evening") =>
            {
                (!self.is(k + 2, "morning"), k + 3)
            }
            "at" if self.is(k + 1, "night") && k == i + 1 => (h != 12 && h > 5, k + 2),
            // "between 2 and 4 p.m.", "from 9 to 11 a.m.", "between 1:30 and 3 p.m.": an hour
            // without its half of the day opening a range takes the half of the clock that
            // closes it, when that is later the same day (a bare hour only after "between" or
            // "from").
            _ if k > i + 1 || matches!(self.w(i.wrapping_sub(1)), "between" | "from") => {
                let h2: Option<u32> = self
                    .range_partner(k)
                    .and_then(|v| v.get(11..13)?.parse().ok());
                let pm = h2.is_some_and(|h2| h < 12 && h + 12 <= h2 && h2 != 24);
                if k == i + 1 && !pm && h2.is_none_or(|h2| h >= h2) {
                    return None;
                }
                (pm, k)
            }
            _ => return None,
        };
        let hour = if pm && h < 12 {
            h + 12
        } else if !pm && h == 12 && end > k {
            0
        } else {
            h
        };
        // The day of a clock time: a weekday or date right after it, else the day of the clock
        // that closes its range ("from 9 a.m. to 5 p.m. Monday"), else the reference date.
        let (end, date) = self.day_after_clock(end).unwrap_or_else(|| {
            // A range past midnight starts the day before ("11 p.m. to 2 a.m. Friday").
            let day = self.range_partner(end).and_then(|v| {
                let d = Date::parse(v.get(..10)?)?;
                let h2: u32 = v.get(11..13)?.parse().ok()?;
                Some(if hour > h2 { d.add_days(-1) } else { d })
            });
            (end, day.or(self.day_named_before(i)).or(self.dct))
        });
        let v = date.map(|d| format!("{}T{hour:02}:{minute:02}", d.iso()));
        found(i, end, "TIME", v)
    }

    /// The day named just before "at" and the clock time at `i` ("Monday at 3 p.m.", "on May
    /// 5 at noon").
    fn day_named_before(&self, i: usize) -> Option<Date> {
        self.anchor_day.filter(|_| {
            self.is(i.wrapping_sub(1), "at")
                && self.anchor_token + 5 >= i
                && self.anchor_token >= self.scan.sentence_begin(i)
        })
    }

    /// The value of the clock time that closes a range after "to", "until", "till", "and" or
    /// a dash at `k` ("9 a.m. to 5 p.m. Monday", "10 a.m. to noon").
    fn range_partner(&self, k: usize) -> Option<String> {
        if !(matches!(self.w(k), "to" | "until" | "till" | "and") || self.scan.is_dash(k)) {
            return None;
        }
        let t = k + 1;
        let f = if self.scan.is_num(t) {
            self.clock(t)
        } else {
            self.clock_word(t)
        };
        f.filter(|f| f.kind == "TIME")?.value
    }

    /// Durations and dates counted from now: "10 years", "five-year", "a year", "several
    /// years", "two weeks ago", "a year earlier", "hours", "years-long".
    fn duration(&self, i: usize, j: usize) -> Option<Found> {
        let s = self.scan;
        let mut k = j;
        let mut start = i;
        // Hedges belong to the extent in TimeML ("more than four decades").
        for (a, b) in [
            ("more", "than"),
            ("less", "than"),
            ("at", "least"),
            ("up", "to"),
        ] {
            if self.is(k, a) && self.is(k + 1, b) {
                k += 2;
            }
        }
        // A bounded count is a length ("wait at least 30 days before closing").
        let hedged = k > j;
        // Approximators stay outside the extent ("about two weeks": "two weeks").
        if matches!(
            self.w(k),
            "about" | "nearly" | "almost" | "some" | "roughly" | "approximately" | "over"
        ) && k == j
            && i == j
        {
            k += 1;
            start = k;
        }
        // "the nine months", "the first two years", "the latest nine months".
        if self.is(k, "the") && k == j {
            let mut m = k + 1;
            if matches!(
                self.w(m),
                "first" | "latest" | "final" | "full" | "entire" | "whole" | "same" | "last"
            ) {
                m += 1;
            }
            if number_at(s, m).is_some_and(|n| !n.vague && lexicon::unit(self.w(n.end)).is_some()) {
                k = m;
            } else {
                return None;
            }
        }
        let mut count: Option<String> = None;
        let mut hyphen_adj = false;
        let mut half = false;
        if let Some(n) = number_at(s, k).filter(|n| !n.vague) {
            count = Some(fmt_num(n.value));
            k = n.end;
            // "two to three weeks", "10-12 days": one expression of a count not known
            // exactly (TimeBank tags both ends and the unit as one).
            if let Some(e) = self.count_range(&n) {
                count = Some("X".into());
                k = e;
            }
            // "2 1/2 years".
            if self.is(k, "1")
                && s.raw(k + 1) == "/"
                && s.glued(k + 1)
                && s.glued(k + 2)
                && self.is(k + 2, "2")
            {
                half = true;
                k += 3;
            }
            // "three and a half years".
            if self.is(k, "and")
                && self.is(k + 1, "a")
                && self.is(k + 2, "half")
                && lexicon::unit(self.w(k + 3)).is_some_and(|u| u.1)
            {
                half = true;
                k += 3;
            }
            if s.is_dash(k) && s.glued(k) && s.glued(k + 1) {
                k += 1;
                hyphen_adj = true;
            }
        } else if let Some((years, e)) = self
            .part_of_century(k + 1)
            .filter(|_| matches!(self.w(k), "a" | "half"))
        {
            // "a quarter-century", "a half century", "half a century" (read below as "a").
            return self.years_ago_or_length(start, e, years);
        } else if matches!(self.w(k), "a" | "an" | "one")
            && lexicon::unit(self.w(k + 1)).is_some_and(|u| !u.1)
        {
            // "$500 million a year", "700 seats a week": a rate, which TimeBank leaves
            // unannotated (22 of 24 times); "twice a year" is a set, read by `set`.
            if self.is(k, "a")
                && k == j
                && !matches!(
                    self.w(k + 2),
                    "ago" | "earlier" | "later" | "before" | "after" | "or"
                )
                && !(self.is(k + 2, "and") && self.is(k + 4, "half"))
                && (self.after_quantity(j) || self.after_shorter_length(j, k + 1))
            {
                return None;
            }
            // "a second betrayal", "a second term": the ordinal before a noun.
            if self.is(k + 1, "second")
                && s.is_word(k + 2)
                && !s.capitalised(k + 2)
                && !matches!(
                    self.w(k + 2),
                    "ago"
                        | "earlier"
                        | "later"
                        | "before"
                        | "after"
                        | "or"
                        | "and"
                        | "of"
                        | "to"
                        | "in"
                        | "for"
                        | "longer"
                        | "more"
                        | "less"
                        | "at"
                        | "too"
                )
            {
                return None;
            }
            count = Some("1".into());
            k += 1;
        } else if let Some(e) = number_at(s, k)
            .filter(|n| n.vague)
            .map(|n| n.end + usize::from(self.is(n.end, "of")))
            .filter(|&e| lexicon::unit(self.w(e)).is_some_and(|u| u.1))
        {
            // "hundreds of years", "dozens of days": a count not given, in the extent.
            count = Some("X".into());
            k = e;
        } else if matches!(self.w(k), "several" | "few" | "many" | "some") {
            count = Some("X".into());
            k += 1;
        } else if self.is(k, "a") && self.is(k + 1, "few") {
            count = Some("X".into());
            k += 2;
        } else if self.is(k, "a") && self.is(k + 1, "couple") && self.is(k + 2, "of") {
            count = Some("2".into());
            k += 3;
        } else if self.is(k, "a")
            && self.is(k + 1, "couple")
            && lexicon::unit(self.w(k + 2)).is_some_and(|u| u.1)
        {
            // "a couple weeks ago", as American news writes it.
            count = Some("2".into());
            k += 2;
        } else if self.is(k, "half") && matches!(self.w(k + 1), "a" | "an") {
            let (unit, false) = lexicon::unit(self.w(k + 2))? else {
                return None;
            };
            let v = match unit {
                Unit::Hour => "PT30M".to_string(),
                Unit::Year => "P6M".to_string(),
                Unit::Day => "PT12H".to_string(),
                _ => unit.duration("0.5"),
            };
            return found(start, k + 3, "DURATION", Some(v));
        }
        // "eight trading days", "ten business days", "20 more years".
        if count.is_some()
            && matches!(
                self.w(k),
                "trading" | "business" | "working" | "calendar" | "more" | "additional" | "extra"
            )
            && lexicon::unit(self.w(k + 1)).is_some()
        {
            k += 1;
        }
        let (unit, plural) = lexicon::unit(self.w(k))?;
        let mut end = k + 1;
        // "more than a quarter of the market", "three quarters of the shares": a fraction.
        if unit == Unit::Quarter
            && self.is(end, "of")
            && self.year_at(end + 1).is_none()
            && matches!(count.as_deref(), Some("1" | "2" | "3"))
        {
            return None;
        }
        // "a minute and a half".
        if count.is_some()
            && self.is(end, "and")
            && self.is(end + 1, "a")
            && self.is(end + 2, "half")
        {
            half = true;
            end += 3;
        }
        // "a year-earlier quarter" is read by `the_phrase`.
        if s.is_dash(end) && matches!(self.w(end + 1), "earlier" | "ago") {
            return None;
        }
        let count = match count {
            Some(c) => c,
            None if !plural
                && k == j
                && start == j
                && s.is_dash(end)
                && s.glued(end)
                && self.is(end + 1, "long") =>
            {
                // "a day-long meeting", "a week-long trip".
                end += 2;
                "1".into()
            }
            None => {
                // A bare plural unit ("for years", "Hours after", "years-long"); "the small
                // hours", "the early hours" are a time of night, no length.
                if !plural
                    || k != j
                    || start != j
                    || (unit == Unit::Hour
                        && matches!(self.w(k.wrapping_sub(1)), "small" | "early" | "wee"))
                {
                    return None;
                }
                if s.is_dash(end) && s.glued(end) && self.is(end + 1, "long") {
                    end += 2;
                }
                if matches!(unit, Unit::Quarter | Unit::Weekend | Unit::Second) {
                    return None;
                }
                "X".into()
            }
        };
        if hyphen_adj && plural {
            return None;
        }
        // "a week-long trip": the article belongs to the noun, "week-long" is the length.
        if count == "1"
            && start == j
            && k == j + 1
            && s.is_dash(end)
            && s.glued(end)
            && self.is(end + 1, "long")
        {
            start = k;
            end += 2;
        }
        // "a fortnight", "two fortnights": two weeks each.
        let count = match count.parse::<f64>() {
            Ok(n) if self.w(k).starts_with("fortnight") => fmt_num(n * 2.0),
            _ => count,
        };
        let value = if half {
            unit.duration_and_half(&count)
        } else {
            unit.duration(&count)
        };
        // "several years ago", "months ago": a past of unknown distance, "ago" included.
        if count == "X" && self.is(end, "ago") && !hyphen_adj {
            return found(start, end + 1, "DATE", Some("PAST_REF".into()));
        }
        // "a year or so", "the next two years or so": the approximation is in the extent.
        if self.is(end, "or") && self.is(end + 1, "so") {
            end += 2;
        }
        // "two weeks ago", "a year earlier": a date.
        if matches!(
            self.w(end),
            "ago" | "earlier" | "before" | "later" | "after"
        ) && !hyphen_adj
            && count != "X"
        {
            let dir = self.w(end);
            let n: f64 = count.parse().ok()?;
            if n.fract() != 0.0 {
                return None;
            }
            let n = n as i64;
            let sign = if matches!(dir, "ago" | "earlier" | "before") {
                -1
            } else {
                1
            };
            // "before"/"after" need a clause after them; "ago"/"earlier" stand alone.
            if matches!(dir, "before" | "after") {
                // "on Friday, a day after ...", "This came a day after ...": relative to a date
                // set in this or the previous sentence, the event named is `n` days off it.
                let sentence = self.scan.sentence_begin(start);
                let near = self.anchor_day.is_some()
                    && self.anchor_token >= self.scan.sentence_begin(sentence.saturating_sub(1));
                if let (Some(a), true, true, false) =
                    (self.anchor_day, unit == Unit::Day, near, hedged)
                {
                    return found(start, end + 1, "DATE", Some(a.add_days(-sign * n).iso()));
                }
                return found(start, end, "DURATION", Some(value));
            }
            let base = if dir == "ago" {
                self.dct
            } else {
                self.dct.or(self.anchor_day)
            };
            let v = base.and_then(|d| {
                // After a quarter, "a year earlier" is the same quarter a year before.
                if let Some(q) = self.last_quarter.as_deref() {
                    if unit == Unit::Year {
                        let y: i64 = q[0..4].parse().ok()?;
                        return Some(format!("{:04}{}", y + sign * n, &q[4..]));
                    }
                }
                Some(match unit {
                    Unit::Day => d.add_days(sign * n).iso(),
                    Unit::Week => d.add_days(7 * sign * n).iso_week_string(),
                    Unit::Month => d.add_months(sign * n).iso_month(),
                    Unit::Year => format!("{:04}", i64::from(d.year) + sign * n),
                    Unit::Decade => format!("{:03}", i64::from(d.year) / 10 + sign * n),
                    _ => return None,
                })
            });
            if dir == "later" && unit != Unit::Day {
                return found(start, end, "DURATION", Some(value));
            }
            return found(start, end + 1, "DATE", v);
        }
        // Ages ("6-year-old", "52 years old") are not temporal expressions in TimeBank.
        if (hyphen_adj && self.scan.is_dash(end) && self.is(end + 1, "old"))
            || (plural && self.is(end, "old"))
        {
            return None;
        }
        if k > j && start == i && j > i {
            start = i;
        }
        found(start, end, "DURATION", Some(value))
    }

    /// The end of a range of counts starting with `n` and followed by a unit: "two to three
    /// (weeks)", "two- to three(-year)", "10-12 (days)"; the second count must be larger.
    fn count_range(&self, n: &crate::numbers::words::Number) -> Option<usize> {
        let s = self.scan;
        let k = if s.is_dash(n.end) && s.glued(n.end) && self.is(n.end + 1, "to") {
            n.end + 2
        } else if self.is(n.end, "to")
            || (s.is_dash(n.end) && s.glued(n.end) && s.glued(n.end + 1) && s.is_num(n.start))
        {
            n.end + 1
        } else {
            return None;
        };
        let m = number_at(s, k).filter(|m| !m.vague && m.value > n.value)?;
        let unit_at = if s.is_dash(m.end) && s.glued(m.end) {
            m.end + 1
        } else {
            m.end
        };
        lexicon::unit(self.w(unit_at))?;
        Some(m.end)
    }

    /// "quarter-century", "half century" at `k`, also "a century" after "half" ("half a
    /// century"); returns (years, next token).
    fn part_of_century(&self, k: usize) -> Option<(u32, usize)> {
        let s = self.scan;
        if self.is(k.wrapping_sub(1), "half") && self.is(k, "a") && self.is(k + 1, "century") {
            return Some((50, k + 2));
        }
        let years = match self.w(k) {
            "quarter" => 25,
            "half" => 50,
            _ => return None,
        };
        let c = if s.is_dash(k + 1) && s.glued(k + 1) {
            k + 2
        } else {
            k + 1
        };
        self.is(c, "century").then_some((years, c + 1))
    }

    /// A length of `years` ending before `end`, or with "ago" the year that far back.
    fn years_ago_or_length(&self, start: usize, end: usize, years: u32) -> Option<Found> {
        if self.is(end, "ago") {
            let v = self.dct.map(|d| format!("{:04}", d.year - years as i32));
            return found(start, end + 1, "DATE", v);
        }
        found(start, end, "DURATION", Some(format!("P{years}Y")))
    }

    /// "24 hours a day", "seven days a week": a count of a shorter unit just before `j`
    /// makes "a day" (unit at `u`) a rate, which TimeBank leaves unannotated.
    fn after_shorter_length(&self, j: usize, u: usize) -> bool {
        let (Some((per, false)), Some((unit, true))) = (
            lexicon::unit(self.w(u)),
            lexicon::unit(self.w(j.wrapping_sub(1))),
        ) else {
            return false;
        };
        unit < per && number_at(self.scan, j.wrapping_sub(2)).is_some()
    }

    /// A quantity just before `j` ("$2 million", "358,000", "four flights"), with no
    /// preposition between that would make what follows a length ("within a week").
    fn after_quantity(&self, j: usize) -> bool {
        let begin = self.scan.sentence_begin(j);
        let quantity = |t: usize| {
            self.scan.is_num(t)
                || small_number(self.w(t)).is_some()
                || matches!(
                    self.w(t),
                    "million" | "billion" | "thousand" | "hundred" | "cents" | "dollars"
                )
        };
        let before = self.w(j.wrapping_sub(1));
        (j > begin && quantity(j - 1))
            || (j > begin + 1
                && quantity(j - 2)
                && self.scan.is_word(j - 1)
                && lexicon::unit(before).is_none()
                && !matches!(
                    before,
                    "and" | "or" | "within" | "for" | "in" | "over" | "than"
                ))
    }

    /// Phrases with "the": "the past", "the recent past", "the future", "the new year", "the
    /// weekend", "the quarter", "the same day", plus "recent years".
    fn the_phrase(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        if w == "recent"
            && matches!(
                self.w(i + 1),
                "years" | "months" | "weeks" | "days" | "decades"
            )
        {
            return found(i, i + 2, "DATE", Some("PAST_REF".into()));
        }
        // "in coming months", "future quarters": the time ahead.
        if matches!(w, "coming" | "future" | "upcoming")
            && matches!(
                self.w(i + 1),
                "years" | "months" | "weeks" | "days" | "quarters"
            )
        {
            return found(i, i + 2, "DATE", Some("FUTURE_REF".into()));
        }
        if let Some(f) = self.year_earlier(i) {
            return Some(f);
        }
        // ("trades made that day" with no day named before is no reference.)
        if w == "that" && self.is(i + 1, "day") && self.anchor_day.is_some() {
            return found(i, i + 2, "DATE", self.anchor_day.map(Date::iso));
        }
        // "that same day", "the same day": the day the text last named.
        if matches!(w, "that" | "the") && self.is(i + 1, "same") && self.is(i + 2, "day") {
            return found(i, i + 3, "DATE", self.anchor_day.map(Date::iso));
        }
        // "that week", "that weekend", "that month", "that quarter": the period of the last
        // date named that holds it (none named, no reference, as "that day").
        if w == "that" && !matches!(self.scan.raw(i + 2), "'" | "’") {
            let last = self.last_value.as_deref();
            let v = match self.w(i + 1) {
                "week" => self.anchor_day.map(Date::iso_week_string),
                "weekend" => self
                    .anchor_day
                    .map(|d| format!("{}-WE", d.iso_week_string())),
                "month" => last
                    .filter(|v| v.len() >= 7 && v[5..7].bytes().all(|b| b.is_ascii_digit()))
                    .map(|v| v[..7].to_string())
                    .or_else(|| self.anchor_day.map(Date::iso_month)),
                "quarter" => last
                    .filter(|v| v.len() == 7 && &v[4..6] == "-Q")
                    .or(self.last_quarter.as_deref())
                    .map(str::to_string),
                _ => None,
            };
            if v.is_some() {
                return found(i, i + 2, "DATE", v);
            }
        }
        // "that same year", "the same month": the year or month of the last date named (none
        // named, no reference).
        if matches!(w, "that" | "the") && self.is(i + 1, "same") {
            let len = match self.w(i + 2) {
                "year" => 4,
                "month" => 7,
                _ => 0,
            };
            let named = self.last_value.as_deref().filter(|v| {
                len > 0
                    && v.len() >= len
                    && v[..4].bytes().all(|b| b.is_ascii_digit())
                    && (len == 4 || v[5..7].bytes().all(|b| b.is_ascii_digit()))
            });
            if let Some(v) = named {
                return found(i, i + 3, "DATE", Some(v[..len].to_string()));
            }
        }
        if w != "the" {
            return None;
        }
        let a = self.w(i + 1);
        let b = self.w(i + 2);
        match (a, b) {
            // "the week after next", "the year before last": two periods off the time of
            // writing.
            ("week" | "weekend" | "month" | "year", "after" | "before")
                if matches!((b, self.w(i + 3)), ("after", "next") | ("before", "last")) =>
            {
                let n: i64 = if b == "after" { 2 } else { -2 };
                let v = self.dct.map(|d| match a {
                    "week" => d.add_days(7 * n).iso_week_string(),
                    "weekend" => format!("{}-WE", d.add_days(7 * n).iso_week_string()),
                    "month" => d.add_months(n).iso_month(),
                    _ => format!("{:04}", i64::from(d.year) + n),
                });
                found(i, i + 4, "DATE", v)
            }
            ("past" | "future", _)
                if lexicon::unit(b).is_none()
                    && number_at(self.scan, i + 2).is_none()
                    && self.part_of_century(i + 2).is_none()
                    && !matches!(b, "several" | "few" | "many") =>
            {
                let v = if a == "past" {
                    "PAST_REF"
                } else {
                    "FUTURE_REF"
                };
                found(i, i + 2, "DATE", Some(v.into()))
            }
            ("recent" | "distant", "past") => found(i, i + 3, "DATE", Some("PAST_REF".into())),
            ("near" | "distant", "future") => found(i, i + 3, "DATE", Some("FUTURE_REF".into())),
            ("new", "year") if !self.is(i + 3, "'") && !self.is(i + 3, "’") => {
                let tense = self.tense(i, i + 3);
                let v = self.dct.map(|d| {
                    let y = match tense {
                        Tense::Future => d.year + 1,
                        Tense::Past => d.year,
                        Tense::Unknown | Tense::Either if d.month >= 7 => d.year + 1,
                        Tense::Unknown | Tense::Either => d.year,
                    };
                    format!("{y:04}-01-01")
                });
                found(i, i + 3, "DATE", v)
            }
            ("weekend", _) => {
                let tense = self.tense(i, i + 2);
                let v = self.dct.map(|d| {
                    let base = if tense == Tense::Past && d.weekday() < 6 {
                        d.add_days(-7)
                    } else {
                        d
                    };
                    format!("{}-WE", base.iso_week_string())
                });
                found(i, i + 2, "DATE", v)
            }
            // Anaphoric years and weeks of business news: "for the year", "the fiscal
            // year", "the full year", "the current fiscal year" are the year of writing, "the
            // latest fiscal year" the one before; "the year ended Sept. 30" is a length.
            ("year" | "week" | "fiscal" | "full", _)
            | ("current" | "latest", "fiscal" | "year") => {
                let mut k = i + 1;
                let mut back = 0;
                if matches!(a, "full" | "current" | "latest") {
                    back = i32::from(a == "latest");
                    k += 1;
                }
                if self.is(k, "fiscal") {
                    k += 1;
                }
                let unit = self.w(k);
                if !matches!(unit, "year" | "week")
                    || (unit == "week" && k > i + 1)
                    || self.year_tokens(k + 1).is_some()
                    || matches!(
                        self.w(k + 1),
                        "before" | "after" | "earlier" | "later" | "ago" | "-"
                    )
                {
                    return None;
                }
                // "the year ended Sept. 30" a year's length, "the week ended Oct. 20" a week's.
                if matches!(self.w(k + 1), "ended" | "ending") {
                    let v = if unit == "week" { "P1W" } else { "P1Y" };
                    return found(i, k + 1, "DURATION", Some(v.into()));
                }
                let v = self.dct.map(|d| match unit {
                    "week" => d.iso_week_string(),
                    _ => format!("{:04}", d.year - back),
                });
                found(i, k + 1, "DATE", v)
            }
            ("same", "day") => found(
                i,
                i + 3,
                "DATE",
                self.anchor_day.or(self.dct).map(Date::iso),
            ),
            // "the day before yesterday", "the day after tomorrow": one expression, two days
            // off the time of writing.
            ("day", "before" | "after")
                if matches!(
                    (b, self.w(i + 3)),
                    ("before", "yesterday") | ("after", "tomorrow")
                ) =>
            {
                let n = if b == "before" { -2 } else { 2 };
                found(i, i + 4, "DATE", self.dct.map(|d| d.add_days(n).iso()))
            }
            ("day", "before" | "after") if !matches!(self.w(i + 3), "yesterday" | "the") => {
                let sign = if b == "before" { -1 } else { 1 };
                found(
                    i,
                    i + 3,
                    "DATE",
                    self.anchor_day.or(self.dct).map(|d| d.add_days(sign).iso()),
                )
            }
            ("quarter" | "latest" | "current", _) => {
                let e = if a == "quarter" {
                    i + 2
                } else if b == "quarter" || (a == "latest" && b == "period") {
                    i + 3
                } else {
                    return None;
                };
                // "the latest period" of an earnings report is the quarter it reports.
                if let (Some(q), "latest") = (self.last_quarter.as_deref(), a) {
                    return found(i, e, "DATE", Some(q.to_string()));
                }
                let v = self.dct.map(|d| {
                    let tense = self.tense(i, e);
                    let back = if a != "current" && tense != Tense::Future {
                        -3
                    } else {
                        0
                    };
                    let (y, m) = add_months(d.year, d.month, back);
                    format!("{y:04}-Q{}", (m - 1) / 3 + 1)
                });
                found(i, e, "DATE", v)
            }
            _ => None,
        }
    }

    /// "year-earlier", "the year-ago quarter", "the comparable year-earlier period": the same
    /// period a year before the last one named (a quarter in earnings reports).
    fn year_earlier(&self, i: usize) -> Option<Found> {
        let mut k = i;
        let with_the = self.is(k, "the");
        if with_the {
            k += 1;
            if self.is(k, "comparable") {
                k += 1;
            }
        }
        if !(self.is(k, "year")
            && self.scan.is_dash(k + 1)
            && matches!(self.w(k + 2), "earlier" | "ago"))
        {
            return None;
        }
        let mut end = k + 3;
        let mut quarter = self
            .last_value
            .as_deref()
            .filter(|v| v.len() == 7 && &v[4..6] == "-Q")
            .map(|v| v[4..].to_string());
        if let Some((n, e)) = ordinal(self.scan, end).filter(|_| with_the) {
            if self.is(e, "quarter") && (1..=4).contains(&n) {
                quarter = Some(format!("-Q{n}"));
                end = e + 1;
            }
        } else if with_the && matches!(self.w(end), "quarter" | "period") {
            end += 1;
        }
        let start = if with_the && end > k + 3 { i } else { k };
        let year = match self
            .last_value
            .as_deref()
            .and_then(|v| v.get(0..4)?.parse::<i32>().ok())
        {
            Some(y) if quarter.is_some() => Some(y - 1),
            _ => self.dct.map(|d| d.year - 1),
        };
        let v = year.map(|y| format!("{y:04}{}", quarter.unwrap_or_default()));
        found(start, end, "DATE", v)
    }

    /// "year-end", "year end", "year's end": the end of the year of writing (of the year
    /// before, told in the past early in a year), with the year as value as for "the end of
    /// the year".
    fn year_end(&self, i: usize) -> Option<Found> {
        if !self.is(i, "year") {
            return None;
        }
        let s = self.scan;
        let end = if s.is_dash(i + 1) && s.glued(i + 1) && s.glued(i + 2) && self.is(i + 2, "end") {
            i + 3
        } else if self.is(i + 1, "end") {
            i + 2
        } else if matches!(s.raw(i + 1), "'" | "’") && self.is(i + 2, "s") && self.is(i + 3, "end")
        {
            i + 4
        } else {
            return None;
        };
        let past = self.tense(i, end) == Tense::Past;
        let v = self.dct.map(|d| {
            let y = if past && d.month <= 3 {
                d.year - 1
            } else {
                d.year
            };
            format!("{y:04}")
        });
        found(i, end, "DATE", v)
    }

    /// Other vague references: "these days", "at present", "in the past" handled above.
    fn vague(&self, i: usize) -> Option<Found> {
        match (self.w(i), self.w(i + 1)) {
            ("these", "days") => found(i, i + 2, "DATE", Some("PRESENT_REF".into())),
            ("at", "present") => found(i + 1, i + 2, "DATE", Some("PRESENT_REF".into())),
            _ => None,
        }
    }
}

/// Formats a count for a duration: integers without a fraction.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

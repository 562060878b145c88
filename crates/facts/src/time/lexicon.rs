//! Word lists for temporal expressions: months, weekdays, units, seasons, tense cues.

/// Month number of a month name or abbreviation (lowercased).
pub fn month(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Is this spelling an abbreviation (which may be followed by a full stop)?
pub fn is_month_abbreviation(word: &str) -> bool {
    word.len() <= 4 && !matches!(word, "may" | "june" | "july")
}

/// ISO weekday (Monday = 1) of a weekday name; `plural` tells "Mondays" (a set).
pub fn weekday(word: &str) -> Option<(u32, bool)> {
    let (stem, plural) = match word.strip_suffix('s') {
        Some(s) if s.ends_with("day") => (s, true),
        _ => (word, false),
    };
    let d = match stem {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    };
    Some((d, plural))
}

/// Units of duration.
/// Ordered from the shortest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The ISO 8601 duration designator, with `T` for times, for a count `n` ("X" if vague).
    pub fn duration(self, n: &str) -> String {
        match self {
            Unit::Second => format!("PT{n}S"),
            Unit::Minute => format!("PT{n}M"),
            Unit::Hour => format!("PT{n}H"),
            Unit::Day => format!("P{n}D"),
            Unit::Week => format!("P{n}W"),
            Unit::Weekend => format!("P{n}WE"),
            Unit::Month => format!("P{n}M"),
            Unit::Quarter => format!("P{n}Q"),
            Unit::Year => format!("P{n}Y"),
            // TimeBank writes counted decades and centuries in years ("two decades": P20Y);
            // "decades" is a count of years unknown (PXY, as "decades-long" in AQUAINT).
            Unit::Decade => match n.parse::<f64>() {
                Ok(v) => format!("P{}Y", crate::time::rules::fmt_num(v * 10.0)),
                Err(_) => format!("P{n}Y"),
            },
            Unit::Century => match n.parse::<f64>() {
                Ok(v) => format!("P{}Y", crate::time::rules::fmt_num(v * 100.0)),
                Err(_) => format!("P{n}CE"),
            },
        }
    }
}

impl Unit {
    /// `n` and a half units, the half written in the next smaller unit ("2 1/2 years":
    /// P2Y6M, "a minute and a half": PT1M30S).
    pub fn duration_and_half(self, n: &str) -> String {
        match self {
            Unit::Year => format!("P{n}Y6M"),
            Unit::Day => format!("P{n}DT12H"),
            Unit::Hour => format!("PT{n}H30M"),
            Unit::Minute => format!("PT{n}M30S"),
            _ => match n.parse::<f64>() {
                Ok(v) => self.duration(&crate::time::rules::fmt_num(v + 0.5)),
                Err(_) => self.duration(n),
            },
        }
    }
}

/// A time zone written after a clock time ("9 a.m. EST").
pub fn time_zone(word: &str) -> bool {
    matches!(
        word,
        "est" | "edt" | "gmt" | "utc" | "pst" | "pdt" | "cst" | "cdt"
    )
}

/// A unit word and whether it is plural.
pub fn unit(word: &str) -> Option<(Unit, bool)> {
    Some(match word {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "fortnight" => (Unit::Week, false),
        "fortnights" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Season code of TIMEX3.
pub fn season(word: &str) -> Option<&'static str> {
    Some(match word {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// The tens digit of a decade named in words ("nineties" is 9).
pub fn decade_word(word: &str) -> Option<i32> {
    Some(match word {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    })
}

/// Part-of-day code of TIMEX3.
pub fn part_of_day(word: &str) -> Option<&'static str> {
    Some(match word {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

/// Verbs of intention or plan whose infinitive points ahead ("planned to", "agreed to").
pub fn intention(word: &str) -> bool {
    matches!(
        word,
        "plan"
            | "plans"
            | "planned"
            | "planning"
            | "expect"
            | "expects"
            | "expected"
            | "scheduled"
            | "supposed"
            | "intend"
            | "intends"
            | "intended"
            | "agreed"
            | "decided"
            | "promised"
            | "vowed"
            | "hope"
            | "hopes"
            | "hoped"
            | "prepared"
            | "preparing"
            | "set"
            | "due"
            | "going"
            | "aims"
            | "aim"
            | "wants"
            | "want"
    )
}

/// Words that put a sentence in the future.
pub fn future_cue(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "ll"
            | "shall"
            | "next"
            | "upcoming"
            | "coming"
            | "scheduled"
            | "plans"
            | "planning"
            | "due"
            | "tomorrow"
            | "forthcoming"
            | "intends"
    )
}

/// Words ending in "-ed" that are not past forms: "succeed", "indeed", "hundred".
fn not_past_ed(word: &str) -> bool {
    matches!(
        word,
        "scheduled" | "kindred" | "hundred" | "sacred" | "naked" | "wicked" | "embed" | "ashamed"
    ) || is_negated_participle(word)
        || (word.ends_with("eed")
            && !matches!(
                word,
                "agreed" | "freed" | "decreed" | "guaranteed" | "disagreed"
            ))
}

/// "un-" participles that are adjectives ("an unspecified date", "undisclosed terms"), not
/// verbs; the few "un-" verbs of news ("unveiled", "uncovered") still count as past.
fn is_negated_participle(word: &str) -> bool {
    word.starts_with("un")
        && !matches!(
            word,
            "unveiled"
                | "uncovered"
                | "unleashed"
                | "unloaded"
                | "unlocked"
                | "unearthed"
                | "unfolded"
                | "unravelled"
                | "unraveled"
                | "unsettled"
                | "united"
                | "unified"
        )
        && !word.starts_with("under")
}

/// Irregular past forms and auxiliaries that put a sentence in the past.
pub fn past_cue(word: &str) -> bool {
    if word.len() > 4 && word.ends_with("ed") && !not_past_ed(word) {
        return true;
    }
    matches!(
        word,
        "said"
            | "was"
            | "were"
            | "had"
            | "did"
            | "told"
            | "met"
            | "made"
            | "held"
            | "went"
            | "came"
            | "gave"
            | "took"
            | "saw"
            | "wrote"
            | "spoke"
            | "began"
            | "left"
            | "won"
            | "lost"
            | "sent"
            | "paid"
            | "found"
            | "got"
            | "became"
            | "fell"
            | "rose"
            | "ran"
            | "led"
            | "brought"
            | "thought"
            | "bought"
            | "sold"
            | "kept"
            | "felt"
            | "chose"
            | "drew"
            | "flew"
            | "grew"
            | "knew"
            | "threw"
            | "struck"
            | "broke"
            | "spent"
            | "built"
            | "stood"
            | "heard"
            | "ago"
            | "last"
            | "since"
            | "earlier"
            | "yesterday"
    )
}

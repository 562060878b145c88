//! Proleptic Gregorian calendar arithmetic on plain `(year, month, day)` dates, enough for
//! resolving news expressions without pulling in a date-time library.

/// A calendar date. Months and days start at 1; the weekday of day 0 of the epoch is Thursday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Days in `month` of `year`, or 0 for a month outside 1..=12.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl Date {
    /// A valid date, or `None` (30 February, month 13 ...).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, also the first ten characters of a longer ISO timestamp.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        chronicle_core::calendar::days_from_civil(i64::from(self.year), self.month, self.day)
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Monday = 1 ... Sunday = 7 (ISO 8601).
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (self.to_days() + 3).rem_euclid(7) as u32 + 1
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = ((thursday.to_days() - jan1.to_days()) / 7 + 1) as u32;
        (thursday.year, week)
    }

    /// Month arithmetic on (year, month) only; the day is kept where it exists.
    pub fn add_months(self, n: i64) -> Date {
        let (year, month) = add_months(self.year, self.month, n);
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn iso_month(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn iso_week_string(self) -> String {
        let (y, w) = self.iso_week();
        format!("{y:04}-W{w:02}")
    }
}

/// (year, month) plus `n` months.
pub fn add_months(year: i32, month: u32, n: i64) -> (i32, u32) {
    let total = i64::from(year) * 12 + i64::from(month) - 1 + n;
    (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        let cases = [
            ("1970-01-01", 4, (1970, 1)),
            ("2019-04-29", 1, (2019, 18)),
            ("2019-03-07", 4, (2019, 10)),
            ("2024-06-21", 5, (2024, 25)),
            ("2021-01-03", 7, (2020, 53)),
            ("2000-02-29", 2, (2000, 9)),
        ];
        for (s, weekday, week) in cases {
            let d = Date::parse(s).unwrap();
            assert_eq!(Date::from_days(d.to_days()), d, "{s}");
            assert_eq!(d.weekday(), weekday, "{s}");
            assert_eq!(d.iso_week(), week, "{s}");
            assert_eq!(d.iso(), s);
        }
        assert_eq!(Date::parse("2019-02-30"), None);
        assert_eq!(
            Date::parse("2019-03-31").unwrap().add_months(-1).iso(),
            "2019-02-28"
        );
    }
}

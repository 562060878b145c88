//! Holidays news names as days: fixed dates ("Christmas", "Halloween") and movable ones
//! computed for a year ("Thanksgiving" is the fourth Thursday of November, "Easter" the
//! Gregorian computus).

use super::calendar::Date;
use crate::numbers::scan::Scan;

/// What a holiday name denotes: a day, or the ISO week holding it ("Easter week").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Day,
    Week,
}

/// A holiday read at a token: the day it falls on in a given year, and where its name ends.
#[derive(Clone, Copy, Debug)]
pub struct Holiday {
    day: fn(i32) -> Option<Date>,
    pub span: Span,
    pub end: usize,
}

impl Holiday {
    pub fn on(&self, year: i32) -> Option<Date> {
        (self.day)(year)
    }
}

/// The `n`th `weekday` (Monday = 1) of a month; `n` = 0 is the last.
fn nth_weekday(year: i32, month: u32, weekday: u32, n: u32) -> Option<Date> {
    if n == 0 {
        let next = Date::new(year, month, 1)?.add_months(1);
        let last = next.add_days(-1);
        let back = (i64::from(last.weekday()) - i64::from(weekday)).rem_euclid(7);
        return Some(last.add_days(-back));
    }
    let first = Date::new(year, month, 1)?;
    let ahead = (i64::from(weekday) - i64::from(first.weekday())).rem_euclid(7);
    Some(first.add_days(ahead + 7 * i64::from(n - 1)))
}

/// Easter Sunday (the anonymous Gregorian algorithm).
pub fn easter(year: i32) -> Option<Date> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Reads a capitalised holiday name at token `i`: "Thanksgiving (Day)", "Christmas (Day|Eve)",
/// "New Year's Day|Eve", "Easter (Sunday|Monday|week)", "Good Friday", "Election Day", "Labor
/// Day", "Memorial Day", "Veterans Day", "Halloween", "Valentine's Day", "Boxing Day", "Martin
/// Luther King (Jr.) Day", "Presidents' Day", "Columbus Day", "Inauguration Day", "St.
/// Patrick's Day", "May Day", "Bastille Day", "Remembrance/Armistice Day", "Juneteenth",
/// "(International) Workers' Day".
pub fn holiday_at(scan: &Scan, i: usize) -> Option<Holiday> {
    if !scan.capitalised(i) {
        return None;
    }
    let w = |t: usize| scan.low(t);
    let possessive = |t: usize| matches!(scan.raw(t), "'" | "’") && w(t + 1) == "s";
    // A second word that must be capitalised too ("Election Day", not "election day").
    let cap = |t: usize, word: &str| w(t) == word && scan.capitalised(t);
    let day = |t: usize| if cap(t, "day") { t + 1 } else { t };
    let fixed = |f: fn(i32) -> Option<Date>, end: usize| {
        Some(Holiday {
            day: f,
            span: Span::Day,
            end,
        })
    };
    match w(i) {
        "thanksgiving" => fixed(|y| nth_weekday(y, 11, 4, 4), day(i + 1)),
        "christmas" if cap(i + 1, "eve") => fixed(|y| Date::new(y, 12, 24), i + 2),
        "christmas" => fixed(|y| Date::new(y, 12, 25), day(i + 1)),
        "halloween" => fixed(|y| Date::new(y, 10, 31), i + 1),
        "new" if cap(i + 1, "year") && possessive(i + 2) => {
            if cap(i + 4, "eve") {
                fixed(|y| Date::new(y, 12, 31), i + 5)
            } else if cap(i + 4, "day") {
                fixed(|y| Date::new(y, 1, 1), i + 5)
            } else {
                None
            }
        }
        "valentine" if possessive(i + 1) && cap(i + 3, "day") => {
            fixed(|y| Date::new(y, 2, 14), i + 4)
        }
        "easter" if cap(i + 1, "week") || w(i + 1) == "week" => Some(Holiday {
            day: easter,
            span: Span::Week,
            end: i + 2,
        }),
        "easter" if cap(i + 1, "monday") => fixed(|y| Some(easter(y)?.add_days(1)), i + 2),
        "easter" => fixed(easter, if cap(i + 1, "sunday") { i + 2 } else { i + 1 }),
        "good" if cap(i + 1, "friday") => fixed(|y| Some(easter(y)?.add_days(-2)), i + 2),
        // The Tuesday after the first Monday of November.
        "election" if cap(i + 1, "day") => {
            fixed(|y| Some(nth_weekday(y, 11, 1, 1)?.add_days(1)), i + 2)
        }
        "labor" | "labour" if cap(i + 1, "day") => fixed(|y| nth_weekday(y, 9, 1, 1), i + 2),
        "memorial" if cap(i + 1, "day") => fixed(|y| nth_weekday(y, 5, 1, 0), i + 2),
        "veterans" if cap(i + 1, "day") => fixed(|y| Date::new(y, 11, 11), i + 2),
        "boxing" if cap(i + 1, "day") => fixed(|y| Date::new(y, 12, 26), i + 2),
        // US federal holidays on a Monday, and fixed days named the same everywhere.
        "martin" if cap(i + 1, "luther") && cap(i + 2, "king") => {
            let mut k = i + 3;
            if w(k) == "jr" {
                k += usize::from(scan.raw(k + 1) == ".") + 1;
            }
            cap(k, "day").then_some(())?;
            fixed(|y| nth_weekday(y, 1, 1, 3), k + 1)
        }
        "presidents" | "president" => {
            let k = i + 1 + usize::from(matches!(scan.raw(i + 1), "'" | "’"));
            let k = if w(k) == "s" && w(i) == "president" {
                k + 1
            } else {
                k
            };
            cap(k, "day").then_some(())?;
            fixed(|y| nth_weekday(y, 2, 1, 3), k + 1)
        }
        "columbus" if cap(i + 1, "day") => fixed(|y| nth_weekday(y, 10, 1, 2), i + 2),
        "inauguration" if cap(i + 1, "day") => fixed(|y| Date::new(y, 1, 20), i + 2),
        "st" | "saint" => {
            let k = i + 1 + usize::from(scan.raw(i + 1) == ".");
            (cap(k, "patrick") && possessive(k + 1) && cap(k + 3, "day")).then_some(())?;
            fixed(|y| Date::new(y, 3, 17), k + 4)
        }
        "may" if cap(i + 1, "day") && !(scan.is_dash(i + 2) && scan.glued(i + 2)) => {
            fixed(|y| Date::new(y, 5, 1), i + 2)
        }
        "bastille" if cap(i + 1, "day") => fixed(|y| Date::new(y, 7, 14), i + 2),
        "remembrance" | "armistice" if cap(i + 1, "day") => fixed(|y| Date::new(y, 11, 11), i + 2),
        "juneteenth" => fixed(|y| Date::new(y, 6, 19), i + 1),
        // "International Workers' Day", "Workers' Day": May 1.
        "international" | "workers" => {
            let k = if w(i) == "international" { i + 1 } else { i };
            let apostrophe = matches!(scan.raw(k + 1), "'" | "’");
            (cap(k, "workers") && apostrophe && cap(k + 2, "day")).then_some(())?;
            fixed(|y| Date::new(y, 5, 1), k + 3)
        }
        _ => None,
    }
}

//! Normalises the date strings pages write (ISO 8601, "September 4, 2025", "4 Sep 2025",
//! "2025/09/04") to ISO 8601: `2025-09-04`, keeping an ISO time and zone when one is given.

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn valid(y: u32, m: u32, d: u32) -> bool {
    (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// The ISO date, or date-time, that `s` states; `None` when it states none.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    // ISO: 2025-09-04, 2025/09/04, 20250904 is not accepted (too ambiguous with ids).
    if b.len() >= 10 && matches!(b.get(4), Some(b'-' | b'/' | b'.')) && b.get(7) == b.get(4) {
        if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) {
            if valid(y, m, d) {
                let date = format!("{y:04}-{m:02}-{d:02}");
                // Keep a well-formed time part: T14:03:00Z, T14:03:00+02:00.
                if b.get(10) == Some(&b'T') && b.len() >= 16 {
                    let time = &s[10..];
                    let ok = time.bytes().all(|c| {
                        c.is_ascii_digit() || matches!(c, b'T' | b':' | b'+' | b'-' | b'Z' | b'.')
                    });
                    if ok && time.len() <= 30 {
                        return Some(format!("{date}{time}"));
                    }
                }
                return Some(date);
            }
        }
    }
    textual_date(s)
}

/// A date written anywhere in a short visible text: "Updated: 10/31/2024", "by Jon -
/// 2025-09-13", "17.05.2021", "30th March 2025, 16:26". Slashed dates are read month first
/// unless the first number cannot be a month; dotted ones day first.
pub fn find_date(s: &str) -> Option<String> {
    if let Some(d) = textual_date(s) {
        return Some(d);
    }
    let b = s.as_bytes();
    let digits_at = |i: usize, n: usize| -> Option<u32> {
        let part = b.get(i..i + n)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // Not part of a longer number.
        let before = i.checked_sub(1).and_then(|k| b.get(k));
        if before.is_some_and(u8::is_ascii_digit) || b.get(i + n).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        s.get(i..i + n)?.parse().ok()
    };
    for i in 0..b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            continue;
        }
        // YYYY-MM-DD (or / .)
        if let Some(y) = digits_at(i, 4) {
            let sep = b.get(i + 4).copied();
            if matches!(sep, Some(b'-' | b'/' | b'.')) && b.get(i + 7).copied() == sep {
                if let (Some(m), Some(d)) = (digits_at(i + 5, 2), digits_at(i + 8, 2)) {
                    if valid(y, m, d) {
                        return Some(format!("{y:04}-{m:02}-{d:02}"));
                    }
                }
            }
            continue;
        }
        // A/B/YYYY, A.B.YYYY or A-B-YYYY with one- or two-digit A and B.
        for la in [1, 2] {
            let Some(a) = digits_at(i, la) else { continue };
            let sep = b.get(i + la).copied();
            if !matches!(sep, Some(b'/' | b'.' | b'-')) {
                continue;
            }
            for lb in [1, 2] {
                let Some(c) = digits_at(i + la + 1, lb) else {
                    continue;
                };
                if b.get(i + la + 1 + lb).copied() != sep {
                    continue;
                }
                let Some(y) = digits_at(i + la + lb + 2, 4) else {
                    continue;
                };
                let (m, d) = if sep == Some(b'.') || a > 12 {
                    (c, a)
                } else {
                    (a, c)
                };
                if valid(y, m, d) {
                    return Some(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
    }
    None
}

/// Days since 1970-01-01 of the `YYYY-MM-DD` that `iso` starts with.
pub fn day_number(iso: &str) -> Option<i64> {
    let y: i64 = iso.get(0..4)?.parse().ok()?;
    let m: u32 = iso.get(5..7)?.parse().ok()?;
    let d: u32 = iso.get(8..10)?.parse().ok()?;
    Some(chronicle_core::calendar::days_from_civil(y, m, d))
}

/// "September 4, 2025", "Sep. 4 2025", "4 September 2025", "Thursday, 4 Sep 2025 10:00".
fn textual_date(s: &str) -> Option<String> {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    let month_of = |w: &str| {
        MONTHS
            .iter()
            .position(|m| w.len() >= 3 && w.starts_with(m))
            .map(|i| i as u32 + 1)
    };
    let day_of = |w: &str| {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        w.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
    };
    let year_of = |w: &str| w.parse::<u32>().ok().filter(|y| (1990..=2100).contains(y));
    for i in 0..words.len() {
        let Some(m) = month_of(words[i]) else {
            continue;
        };
        // Month D YYYY
        if let (Some(d), Some(y)) = (
            words.get(i + 1).and_then(|w| day_of(w)),
            words.get(i + 2).and_then(|w| year_of(w)),
        ) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        // D Month YYYY
        if let (Some(d), Some(y)) = (
            i.checked_sub(1).and_then(|k| day_of(words[k])),
            words.get(i + 1).and_then(|w| year_of(w)),
        ) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        // YYYY Month D (PubMed's "2023 Jan 7")
        if let (Some(y), Some(d)) = (
            i.checked_sub(1).and_then(|k| year_of(words[k])),
            words
                .get(i + 1)
                .filter(|w| w.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|w| day_of(w)),
        ) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::normalize_date;

    #[test]
    fn formats() {
        assert_eq!(normalize_date("2019-04-29").as_deref(), Some("2019-04-29"));
        assert_eq!(
            normalize_date("2019-04-29T14:03:00+02:00").as_deref(),
            Some("2019-04-29T14:03:00+02:00")
        );
        assert_eq!(
            normalize_date("September 4, 2025").as_deref(),
            Some("2025-09-04")
        );
        assert_eq!(
            normalize_date("Thu, 4 Sep. 2025 10:00").as_deref(),
            Some("2025-09-04")
        );
        assert_eq!(normalize_date("2025/9/4"), None);
        assert_eq!(normalize_date("soon"), None);
    }

    #[test]
    fn day_numbers() {
        use super::day_number;
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(
            day_number("2025-03-01")
                .zip(day_number("2025-02-28"))
                .map(|(a, b)| a - b),
            Some(1)
        );
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn dates_in_text() {
        use super::{find_date, normalize_date};
        assert_eq!(
            find_date("Updated: 10/31/2024").as_deref(),
            Some("2024-10-31")
        );
        assert_eq!(
            find_date("by Jon Foster - 2025-09-13").as_deref(),
            Some("2025-09-13")
        );
        assert_eq!(find_date("17.05.2021").as_deref(), Some("2021-05-17"));
        assert_eq!(find_date("3/4/2025").as_deref(), Some("2025-03-04"));
        assert_eq!(
            find_date("30th March 2025, 16:26").as_deref(),
            Some("2025-03-30")
        );
        assert_eq!(
            find_date("11-29-2024, 09:03 AM").as_deref(),
            Some("2024-11-29")
        );
        assert_eq!(normalize_date("2023 Jan 7").as_deref(), Some("2023-01-07"));
        assert_eq!(normalize_date("2023 Jan"), None);
        assert_eq!(find_date("Order 12345/2025"), None);
        assert_eq!(find_date("call 1-800-555-2025"), None);
        assert_eq!(find_date("version 1.2.3"), None);
    }
}

//! Reading one number at a token position: digits (`800,000`, `1.5bn`), words ("two million",
//! "twenty-six", "a dozen") and vague counts ("thousands", "dozens"), with ordinals beside.

use super::scan::{Kind, Scan};

/// A number read from tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// "thousands", "dozens of": `value` is only a lower bound.
    pub vague: bool,
    /// Written in digits only, with no scale word (candidates for years and list numbers).
    pub bare_digits: bool,
}

/// Cardinal words below a hundred that stand alone.
pub fn small_number(word: &str) -> Option<u32> {
    Some(match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return tens(word),
    })
}

fn tens(word: &str) -> Option<u32> {
    Some(match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Scale words after a number ("2 million", "1.5bn").
pub fn scale(word: &str, glued: bool) -> Option<f64> {
    Some(match word {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" | "mn" => 1e6,
        "billion" | "bln" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        // One-letter scales only when written against the digits ("$5m", "2k").
        "k" if glued => 1e3,
        "m" if glued => 1e6,
        "b" if glued => 1e9,
        _ => return None,
    })
}

/// Ordinal words and suffixed digits: "third", "twenty-first", "21st".
pub fn ordinal(scan: &Scan, i: usize) -> Option<(u32, usize)> {
    let w = scan.low(i);
    if scan.is_num(i) && scan.glued(i + 1) && matches!(scan.low(i + 1), "st" | "nd" | "rd" | "th") {
        let v: u32 = w.parse().ok()?;
        return Some((v, i + 2));
    }
    if let Some(t) = tens(w) {
        if scan.is_dash(i + 1) && scan.glued(i + 1) && scan.glued(i + 2) {
            if let Some(u) = ordinal_word(scan.low(i + 2)) {
                if u < 10 {
                    return Some((t + u, i + 3));
                }
            }
        }
    }
    ordinal_word(w).map(|v| (v, i + 1))
}

fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "hundredth" => 100,
        _ => return None,
    })
}

/// Parses a plain digit token ("800,000", "1.5"); commas must group by threes.
pub fn digits_value(s: &str) -> Option<f64> {
    if s.contains(',') {
        let mut parts = s.split('.');
        let int = parts.next()?;
        let groups: Vec<&str> = int.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
        let cleaned: String = s.chars().filter(|&c| c != ',').collect();
        return cleaned.parse().ok();
    }
    if s.matches('.').count() > 1 {
        return None;
    }
    s.parse().ok()
}

/// Reads a number starting at token `i`.
pub fn number_at(scan: &Scan, i: usize) -> Option<Number> {
    let w = scan.low(i);
    match scan.kind(i)? {
        Kind::Num => {
            // "1990s" is a decade, "3rd" an ordinal: not cardinals.
            if scan.glued(i + 1) && matches!(scan.low(i + 1), "s" | "st" | "nd" | "rd" | "th") {
                return None;
            }
            let mut value = digits_value(w)?;
            let mut end = i + 1;
            let mut bare = true;
            // Scales may stack ("2.5 million", "1 hundred thousand").
            while let Some(m) = scale(scan.low(end), scan.glued(end)) {
                value *= m;
                end += 1;
                bare = false;
            }
            Some(Number {
                start: i,
                end,
                value,
                vague: false,
                bare_digits: bare,
            })
        }
        Kind::Word => words_number(scan, i),
        Kind::Punct => None,
    }
}

fn words_number(scan: &Scan, i: usize) -> Option<Number> {
    let w = scan.low(i);
    // Vague plural counts: "thousands of", "dozens", "tens of thousands".
    let vague = match w {
        "dozens" => Some(24.0),
        "scores" => Some(40.0),
        "hundreds" => Some(200.0),
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        "tens" if scan.low(i + 1) == "of" && scan.low(i + 2) == "thousands" => {
            return Some(Number {
                start: i,
                end: i + 3,
                value: 1e4,
                vague: true,
                bare_digits: false,
            })
        }
        _ => None,
    };
    if let Some(v) = vague {
        if w == "hundreds" && scan.low(i + 1) == "of" && scan.low(i + 2) == "thousands" {
            return Some(Number {
                start: i,
                end: i + 3,
                value: 2e5,
                vague: true,
                bare_digits: false,
            });
        }
        return Some(Number {
            start: i,
            end: i + 1,
            value: v,
            vague: true,
            bare_digits: false,
        });
    }
    let mut total = 0.0_f64;
    let mut current = 0.0_f64;
    let mut j = i;
    let mut seen = false;
    // "a million", "a dozen", "a hundred": the article stands for one.
    if (w == "a" || w == "an")
        && (scale(scan.low(i + 1), false).is_some() || scan.low(i + 1) == "dozen")
    {
        current = 1.0;
        j = i + 1;
        seen = true;
    }
    loop {
        let w = scan.low(j);
        if !scan.is_word(j) {
            break;
        }
        if let Some(v) = small_number(w) {
            // Two units in a row ("one two") are two numbers; "twenty four" is one.
            let after_tens = current % 10.0 == 0.0 && current % 100.0 != 0.0 && v < 10;
            if seen && current % 100.0 != 0.0 && !after_tens {
                break;
            }
            current += f64::from(v);
            seen = true;
            j += 1;
            if tens(w).is_some() && scan.is_dash(j) && scan.glued(j) && scan.glued(j + 1) {
                if let Some(u) = small_number(scan.low(j + 1)) {
                    if u < 10 {
                        current += f64::from(u);
                        j += 2;
                    }
                }
            }
            continue;
        }
        if w == "dozen" && seen {
            current *= 12.0;
            j += 1;
            continue;
        }
        if w == "hundred" && seen {
            current = current.max(1.0) * 100.0;
            j += 1;
            continue;
        }
        if let Some(m) = scale(w, false) {
            if !seen {
                break;
            }
            total += current.max(1.0) * m;
            current = 0.0;
            j += 1;
            continue;
        }
        if w == "and"
            && seen
            && small_number(scan.low(j + 1)).is_some()
            && (total + current) >= 100.0
        {
            j += 1;
            continue;
        }
        break;
    }
    if !seen {
        return None;
    }
    Some(Number {
        start: i,
        end: j,
        value: total + current,
        vague: false,
        bare_digits: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers() {
        let cases: &[(&str, Option<f64>, &str)] = &[
            ("800,000 people", Some(8e5), "800,000"),
            ("two million Muslims", Some(2e6), "two million"),
            ("1.5bn dollars", Some(1.5e9), "1.5bn"),
            ("a dozen men", Some(12.0), "a dozen"),
            ("twenty-six percent", Some(26.0), "twenty-six"),
            (
                "one hundred and twenty",
                Some(120.0),
                "one hundred and twenty",
            ),
            ("thousands of people", Some(1e3), "thousands"),
            ("3,50 x", None, ""),
            ("a man", None, ""),
            ("1990s", None, ""),
        ];
        for &(text, value, span) in cases {
            let scan = Scan::new(text);
            let got = number_at(&scan, 0);
            assert_eq!(got.map(|n| n.value), value, "{text}");
            if let Some(n) = got {
                assert_eq!(&text[scan.span(n.start, n.end)], span, "{text}");
            }
        }
    }
}

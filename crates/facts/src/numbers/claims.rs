//! Numeric claims: a figure about the world (a count, amount, share or range), its bound or
//! hedge, and the noun phrase it counts. Years, dates, durations, ages, identifiers and list
//! numbers are not claims.

use super::scan::Scan;
use super::words::{number_at, Number};
use crate::ClaimMatch;

/// How a hedge bounds the figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bound {
    /// The figure itself, perhaps approximate.
    Point,
    /// At least the figure ("more than", "over").
    Lower,
    /// At most the figure ("less than", "up to").
    Upper,
}

/// Multi-word hedges before a figure, longest first: (words, normalised hedge, bound).
const HEDGES: &[(&[&str], &str, Bound)] = &[
    (&["an", "estimated"], "estimated", Bound::Point),
    (
        &["greater", "than", "or", "equal", "to"],
        "at least",
        Bound::Lower,
    ),
    (
        &["more", "than", "or", "equal", "to"],
        "at least",
        Bound::Lower,
    ),
    (
        &["less", "than", "or", "equal", "to"],
        "at most",
        Bound::Upper,
    ),
    (&["no", "more", "than"], "at most", Bound::Upper),
    (&["no", "fewer", "than"], "at least", Bound::Lower),
    (&["no", "less", "than"], "at least", Bound::Lower),
    (&["in", "excess", "of"], "at least", Bound::Lower),
    (&["as", "many", "as"], "up to", Bound::Upper),
    (&["as", "much", "as"], "up to", Bound::Upper),
    (&["more", "than"], "at least", Bound::Lower),
    (&["over"], "at least", Bound::Lower),
    (&["upwards", "of"], "at least", Bound::Lower),
    (&["at", "least"], "at least", Bound::Lower),
    (&["less", "than"], "at most", Bound::Upper),
    (&["fewer", "than"], "at most", Bound::Upper),
    (&["at", "most"], "at most", Bound::Upper),
    (&["under"], "at most", Bound::Upper),
    (&["greater", "than"], "at least", Bound::Lower),
    (&["higher", "than"], "at least", Bound::Lower),
    (&["larger", "than"], "at least", Bound::Lower),
    (&["bigger", "than"], "at least", Bound::Lower),
    (&["lower", "than"], "at most", Bound::Upper),
    (&["smaller", "than"], "at most", Bound::Upper),
    (&["above"], "at least", Bound::Lower),
    (&["below"], "at most", Bound::Upper),
    (&["exceeding"], "at least", Bound::Lower),
    (&[">", "="], "at least", Bound::Lower),
    (&["<", "="], "at most", Bound::Upper),
    (&[">"], "at least", Bound::Lower),
    (&["<"], "at most", Bound::Upper),
    (&["up", "to"], "up to", Bound::Upper),
    (&["nearly"], "nearly", Bound::Upper),
    (&["almost"], "nearly", Bound::Upper),
    (&["close", "to"], "about", Bound::Point),
    (&["about"], "about", Bound::Point),
    (&["around"], "about", Bound::Point),
    (&["approximately"], "about", Bound::Point),
    (&["roughly"], "about", Bound::Point),
    (&["some"], "about", Bound::Point),
    (&["estimated"], "estimated", Bound::Point),
];

/// Words that end the counted noun phrase.
fn ends_noun_phrase(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "said"
            | "say"
            | "says"
            | "did"
            | "do"
            | "does"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "in"
            | "on"
            | "at"
            | "to"
            | "from"
            | "for"
            | "with"
            | "by"
            | "as"
            | "into"
            | "during"
            | "since"
            | "than"
            | "ahead"
            | "about"
            | "over"
            | "under"
            | "after"
            | "before"
            | "while"
            | "when"
            | "where"
            | "because"
            | "according"
            | "including"
            | "but"
            | "or"
            | "nor"
            | "so"
            | "if"
            | "per"
            | "across"
            | "against"
            | "among"
            | "between"
            | "out"
            | "up"
            | "down"
            | "off"
            | "through"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "it"
            | "they"
            | "he"
            | "she"
            | "we"
            | "you"
            | "i"
            | "not"
            | "also"
            | "each"
            | "were."
    )
}

/// Currency written before a figure.
fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        _ => return None,
    })
}

/// Finds numeric claims in `text`.
pub fn extract_claims(text: &str) -> Vec<ClaimMatch> {
    let scan = Scan::new(text);
    // Numbers inside temporal expressions (years, dates, durations) are not claims.
    let mut in_timex = vec![false; scan.len()];
    for f in crate::time::rules::Finder::new(&scan, None).find_all() {
        for flag in &mut in_timex[f.start..f.end.min(scan.len())] {
            *flag = true;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < scan.len() {
        if in_timex[i] {
            i += 1;
            continue;
        }
        if let Some(low) = scan.low(i).strip_prefix("multi") {
            // "multibillion-dollar": at least a billion.
            let floor = match low {
                "million" | "millions" => Some(1e6),
                "billion" | "billions" => Some(1e9),
                "trillion" => Some(1e12),
                _ => None,
            };
            if let Some(floor) = floor {
                let mut end = i + 1;
                let mut unit = None;
                if scan.is_dash(end) && scan.glued(end) && scan.is_word(end + 1) {
                    let w = scan.low(end + 1);
                    unit = Some(currency_word(w).map_or_else(|| w.to_string(), str::to_string));
                    end += 2;
                }
                out.push(ClaimMatch {
                    range: scan.span(i, end),
                    value: None,
                    low: Some(floor),
                    high: None,
                    unit,
                    hedge: None,
                });
                i = end;
                continue;
            }
        }
        match claim_at(&scan, i, &in_timex) {
            Some((claims, end)) => {
                out.extend(claims);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Reads a claim whose figure starts at token `i` (hedges are looked for before it).
fn claim_at(scan: &Scan, i: usize, in_timex: &[bool]) -> Option<(Vec<ClaimMatch>, usize)> {
    let first = number_at(scan, i)?;
    if first.end > in_timex.len() || in_timex[first.start..first.end].iter().any(|&t| t) {
        return None;
    }
    if !is_figure(scan, &first) {
        return None;
    }
    // Hedge before the figure.
    let (mut start, mut hedge, mut bound) = (i, None, Bound::Point);
    let mut currency = None;
    if i > 0 {
        if let Some(c) = currency_symbol(scan.raw(i - 1)) {
            currency = Some(c);
            start = i - 1;
            if i >= 2 && matches!(scan.raw(i - 2), "US" | "HK" | "A" | "C") && scan.glued(i - 1) {
                start = i - 2;
            }
        }
    }
    for (words, name, b) in HEDGES {
        let n = words.len();
        let at = start.wrapping_sub(n);
        // "=>30", "<>30" are no comparisons.
        let odd_symbol = matches!(words[0], ">" | "<")
            && at > 0
            && scan.glued(at)
            && matches!(scan.raw(at - 1), "=" | "<" | ">");
        if start >= n && (0..n).all(|k| scan.low(start - n + k) == words[k]) && !odd_symbol {
            // "some" and "over" hedge digits and scaled numbers; "over two days" is a time.
            start -= n;
            hedge = Some(*name);
            bound = *b;
            break;
        }
    }
    let mut end = first.end;
    let mut low = None;
    let mut high = None;
    let mut value = Some(first.value);
    // Ranges: "between X and Y", "from X to Y", "X to Y", "X-Y".
    let range_word = scan.low(end);
    let between = start >= 1 && matches!(scan.low(start - 1), "between" | "from");
    // "1000 - 5000", "20 through 100", "20~100" too.
    let spaced_dash = scan.is_dash(end) || scan.raw(end) == "~";
    if (between && matches!(range_word, "and" | "to" | "through"))
        || (!between
            && (matches!(range_word, "to" | "through")
                || (spaced_dash && (scan.glued(end) || first.bare_digits))))
    {
        if let Some(second) = number_at(scan, end + 1).filter(|n| !n.vague) {
            let mut a = first.value;
            // "between 1 and 2 million": the scale applies to both.
            if first.bare_digits && !second.bare_digits && second.value >= 1e3 && a < 1e3 {
                let mult = [1e12, 1e9, 1e6, 1e3]
                    .into_iter()
                    .find(|m| second.value >= *m)
                    .unwrap_or(1.0);
                a *= mult;
            }
            if second.value > a && !(scan.is_dash(end) && in_timex.get(end + 1) == Some(&true)) {
                if between {
                    start -= 1;
                }
                low = Some(a);
                high = Some(second.value);
                value = None;
                end = second.end;
            }
        }
    }
    // Ratios: "62 of 346 recommendations", "three out of four".
    let mut ratio_total = None;
    if low.is_none() {
        let mut k = end;
        if scan.low(k) == "out" && scan.low(k + 1) == "of" {
            k += 1;
        }
        if scan.low(k) == "of" {
            if let Some(total) =
                number_at(scan, k + 1).filter(|n| !n.vague && n.value > first.value)
            {
                ratio_total = Some(total.value);
                end = total.end;
            }
        }
    }
    // "or more", "or less", "or greater".
    // ("about 500 or more": the bound wins over the approximation.)
    if scan.low(end) == "or" && bound == Bound::Point {
        let after = match scan.low(end + 1) {
            "more" | "greater" | "higher" | "above" => Some(("at least", Bound::Lower)),
            "less" | "fewer" | "lower" | "below" => Some(("at most", Bound::Upper)),
            _ => None,
        };
        if let Some((name, b)) = after {
            hedge = Some(name);
            bound = b;
            end += 2;
        }
    }
    if first.vague {
        value = None;
        low = Some(first.value);
    }
    // Unit: percent, currency word or the counted noun phrase.
    let mut unit = currency.map(str::to_string);
    let mut unit_end = end;
    let w = scan.low(end);
    if w == "%" || w == "percent" || (w == "per" && scan.low(end + 1) == "cent") {
        unit_end = if w == "per" { end + 2 } else { end + 1 };
        unit = Some("percent".into());
        if scan.low(unit_end) == "of" {
            if let Some((np, e)) = noun_phrase(scan, unit_end + 1, in_timex) {
                unit = Some(format!("percent of {np}"));
                unit_end = e;
            }
        }
    } else if let Some(c) = currency_word(w) {
        unit = Some(c.to_string());
        unit_end = end + 1;
    } else {
        let mut k = end;
        // "thousands of people", "a dozen of them".
        if scan.low(k) == "of" && (first.vague || scan.low(k.wrapping_sub(1)).ends_with("dozen")) {
            k += 1;
        }
        if let Some((np, e)) = noun_phrase(scan, k, in_timex) {
            if unit.is_none() {
                unit = Some(np);
            }
            unit_end = e;
        }
    }
    // A bare figure with nothing counted, no hedge and no money is an identifier or a list
    // number more often than a claim.
    if unit.is_none() && hedge.is_none() && low.is_none() {
        return None;
    }
    // Small word counts of one ("one of the", "a man") are not figures.
    if value == Some(1.0) && hedge.is_none() && currency.is_none() && ratio_total.is_none() {
        return None;
    }
    if hedge.is_none() {
        hedge = clause_hedge(scan, start, unit_end);
    }
    match bound {
        Bound::Lower if low.is_none() => low = value,
        Bound::Upper if high.is_none() => high = value,
        _ => {}
    }
    let range = scan.span(start, unit_end);
    let make = |value| ClaimMatch {
        range: range.clone(),
        value,
        low,
        high,
        unit: unit.clone(),
        hedge: hedge.map(str::to_string),
    };
    let mut claims = vec![make(value)];
    if let Some(total) = ratio_total {
        claims.push(ClaimMatch {
            value: Some(total),
            low: None,
            high: None,
            ..make(None)
        });
    }
    Some((claims, unit_end))
}

/// Is this number a figure about the world rather than a label?
fn is_figure(scan: &Scan, n: &Number) -> bool {
    let i = n.start;
    let prev = if i > 0 { scan.raw(i - 1) } else { "" };
    let next = scan.low(n.end);
    // Glued to a word or a hyphen after a word: "Covid-19", "G20", "F-16".
    if scan.glued(i)
        && (scan.is_word(i - 1)
            || (scan.is_dash(i - 1) && i >= 2 && scan.is_word(i - 2) && scan.glued(i - 1)))
    {
        return false;
    }
    // An identifier after a capitalised word: "Google Ads 1", "Article 5", "No. 3".
    if scan.is_num(i)
        && i > 0
        && !scan.toks[i].sentence_start
        && scan.is_word(i - 1)
        && scan.capitalised(i - 1)
    {
        let after_word = scan.low(i - 1);
        if !matches!(
            after_word,
            "about" | "over" | "some" | "nearly" | "almost" | "around" | "only" | "just" | "all"
        ) {
            return false;
        }
    }
    if matches!(
        scan.low(i.wrapping_sub(1)),
        "no" | "number"
            | "nos"
            | "#"
            | "aged"
            | "age"
            | "ages"
            | "page"
            | "chapter"
            | "article"
            | "section"
            | "version"
            | "route"
            | "channel"
            | "level"
            | "phase"
            | "round"
            | "step"
            | "item"
            | "resolution"
            | "room"
            | "flight"
    ) {
        return false;
    }
    // "45-year-old", "a 30-year-old man".
    if scan.is_dash(n.end) && scan.low(n.end + 1) == "year" && scan.is_dash(n.end + 2) {
        return false;
    }
    if scan.is_dash(n.end) && scan.low(n.end + 1).starts_with("year-old") {
        return false;
    }
    // List numbering at the start of a line: "1." or "2)".
    if scan.toks[i].sentence_start && matches!(next, "." | ")") && n.bare_digits {
        return false;
    }
    // A quoted name: “two sessions”.
    if matches!(prev, "“" | "\"" | "‘") && scan.glued(i) {
        return false;
    }
    // Pronoun uses of "one": "one of the", "no one", "one another".
    if scan.low(i) == "one"
        && n.end == i + 1
        && matches!(
            next,
            "of" | "another" | "day" | "who" | "that" | "thing" | "way" | "side"
        )
    {
        return false;
    }
    // Scores, ratios in digits and times ("3-1", "2:30") are left out.
    if next == ":" && scan.glued(n.end) {
        return false;
    }
    true
}

fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollars" | "dollar" | "usd" => "USD",
        "euros" | "euro" | "eur" => "EUR",
        "pounds" | "sterling" | "gbp" => "GBP",
        "yuan" | "renminbi" | "rmb" | "cny" => "CNY",
        "yen" | "jpy" => "JPY",
        "rupees" | "inr" => "INR",
        "roubles" | "rubles" => "RUB",
        _ => return None,
    })
}

/// The counted noun phrase starting at token `k`: words up to a verb, a preposition or a
/// punctuation mark; "and other X" continues it.
fn noun_phrase(scan: &Scan, k: usize, in_timex: &[bool]) -> Option<(String, usize)> {
    let mut j = k;
    let mut last = None;
    let mut n_words = 0;
    while j < scan.len() && n_words < 7 {
        if in_timex.get(j) == Some(&true) {
            break;
        }
        let w = scan.low(j);
        if scan.is_word(j) {
            if ends_noun_phrase(w) {
                break;
            }
            if w == "and" {
                if scan.low(j + 1) == "other" {
                    j += 2;
                    n_words += 2;
                    continue;
                }
                break;
            }
            // A past participle or gerund after the head closes the phrase ("people detained").
            let participle = (w.ends_with("ed") || w.ends_with("ing")) && w.len() > 4
                || matches!(
                    w,
                    "held"
                        | "kept"
                        | "taken"
                        | "made"
                        | "seen"
                        | "known"
                        | "given"
                        | "left"
                        | "lost"
                        | "shown"
                        | "found"
                        | "built"
                        | "sent"
                        | "killed"
                        | "hurt"
                        | "born"
                );
            let verb = crate::time::lexicon::past_cue(w) || crate::time::lexicon::future_cue(w);
            if last.is_some() && (participle || verb) && !scan.capitalised(j) {
                break;
            }
            j += 1;
            n_words += 1;
            last = Some(j);
            continue;
        }
        // Hyphenated words ("re-education", "state-run") and possessives stay inside.
        if scan.is_dash(j)
            && scan.glued(j)
            && scan.glued(j + 1)
            && scan.is_word(j + 1)
            && last.is_some()
        {
            j += 1;
            continue;
        }
        break;
    }
    let end = last?;
    let text = scan.text[scan.span(k, end)].to_string();
    Some((text, end))
}

/// "reportedly" or "allegedly" in the clause after the figure, or "estimates" before it.
fn clause_hedge(scan: &Scan, start: usize, end: usize) -> Option<&'static str> {
    let stop = scan.sentence_end(end.saturating_sub(1)).min(end + 8);
    for j in end..stop {
        if matches!(scan.low(j), "reportedly" | "allegedly") {
            return Some("reportedly");
        }
        if matches!(scan.raw(j), "." | ";") {
            break;
        }
    }
    let begin = scan.sentence_begin(start);
    for j in begin.max(start.saturating_sub(10))..start {
        if matches!(scan.low(j), "estimates" | "estimated" | "estimate") {
            return Some("estimated");
        }
    }
    None
}

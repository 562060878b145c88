//! `chronicle claims`: the figures of the store compared across reports. Figures that count the
//! same thing (`an estimated 1 million Uighurs`, `over 1 million Uygurs`, `between 800,000 and
//! two million Muslims`) are grouped, and each group says whether its figures can all be true at
//! once or which ones differ.

use crate::Global;
use chronicle_core::facts::Claim;
use std::collections::BTreeSet;
use std::io::Write;

/// Arguments of `chronicle claims`.
#[derive(Debug, clap::Args)]
pub struct ClaimsArgs {
    /// Only groups where something counted contains these words (case-insensitive, any
    /// spelling: `uighurs` finds `Uyghurs` and `Uygurs`).
    #[arg(long)]
    pub about: Option<String>,
    /// Only figures asserted by this name (the speaker of the quotation or attributed clause
    /// the figure sits in, else the outlet); its surname is enough.
    #[arg(long)]
    pub by: Option<String>,
    /// Also list what only one document counts (by default a group needs figures from two
    /// documents or more, the ones there is something to compare).
    #[arg(long)]
    pub all: bool,
    /// One JSON object per group.
    #[arg(long)]
    pub json: bool,
}

/// One figure with its report.
struct Figure {
    claim: Claim,
    doc: String,
    source: String,
    outlet: Option<String>,
    published: Option<String>,
    /// What it counts, as keys ([`counted_keys`]).
    heads: Vec<String>,
    /// The values the figure allows.
    low: f64,
    high: f64,
}

/// Words after which the counted phrase is a qualifier, not its head noun: prepositions,
/// relative words (`Uighurs incarcerated in camps`, `people who fled`).
fn ends_head(word: &str) -> bool {
    matches!(
        word,
        "of" | "in"
            | "at"
            | "on"
            | "from"
            | "for"
            | "with"
            | "by"
            | "to"
            | "into"
            | "across"
            | "under"
            | "who"
            | "that"
            | "which"
            | "whose"
            | "where"
            | "held"
            | "detained"
            | "incarcerated"
            | "interned"
            | "killed"
            | "living"
    )
}

/// The singular of a normalised plural noun, by its spelling (`minorities` → `minority`,
/// `uyghurs` → `uyghur`); words that are not plainly plural are kept.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        if stem.len() >= 2 {
            return format!("{stem}y");
        }
    }
    match word.strip_suffix('s') {
        Some(stem)
            if stem.len() >= 3
                && !stem.ends_with('s')
                && !stem.ends_with('u')
                && !stem.ends_with('i') =>
        {
            stem.to_string()
        }
        _ => word.to_string(),
    }
}

/// Words that say nothing of what is counted.
fn is_function_word(word: &str) -> bool {
    ends_head(word)
        || matches!(
            word,
            "other"
                | "the"
                | "a"
                | "an"
                | "some"
                | "more"
                | "and"
                | "or"
                | "&"
                | "nor"
                | "their"
                | "its"
                | "his"
                | "her"
                | "our"
                | "those"
                | "these"
                | "such"
                | "all"
                | "about"
                | "than"
                | "as"
                | "are"
                | "were"
                | "is"
                | "was"
                | "have"
                | "had"
                | "been"
        )
        || word.chars().all(|c| !c.is_alphabetic())
}

/// What a figure counts, as keys that figures counting the same thing share: a name counted
/// (`Uyghurs`, `Muslims`: a capitalised head noun) is a key by itself, in any spelling; a common
/// noun only with another word of the phrase (`detainees|camp`), since `people`, `members` or
/// `percent` alone say nothing of which people or what share. One key per conjunct:
/// `Uyghurs and other Turkic Muslims` has `uyghur` and `muslim`, `Uighurs incarcerated in
/// re-education camps` has `uyghur`.
fn counted_keys(unit: &str) -> Vec<String> {
    use chronicle_facts::entities::lexicon::normalize;
    // The words as written (capitals tell names) beside their normalised singular forms.
    let written: Vec<&str> = unit
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '/'))
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<(bool, String)> = written
        .iter()
        .map(|w| {
            let proper = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().any(char::is_lowercase);
            (proper, singular(&normalize(w)))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let content: Vec<&str> = words
        .iter()
        .map(|(_, w)| w.as_str())
        .filter(|w| !is_function_word(w))
        .collect();
    let mut heads: Vec<(bool, &str)> = Vec::new();
    let mut current: Option<(bool, &str)> = None;
    let mut stopped = false;
    for (proper, w) in &words {
        if matches!(w.as_str(), "and" | "or" | "&" | "nor") {
            heads.extend(current.take());
            stopped = false;
        } else if stopped {
        } else if ends_head(w) && current.is_some() {
            stopped = true;
        } else if !is_function_word(w) {
            current = Some((*proper, w));
        }
    }
    heads.extend(current);
    // Shares, ages and repetitions are not things counted: `52 percent of registered voters`
    // and `9 percent of likely voters` are two polls, not two counts of one thing.
    if heads.iter().any(|(_, h)| {
        matches!(
            *h,
            "percent" | "percentage" | "cent" | "%" | "point" | "old" | "year" | "time"
        )
    }) {
        return Vec::new();
    }
    let mut keys = Vec::new();
    for (proper, h) in heads {
        if proper {
            keys.push(h.to_string());
        } else {
            keys.extend(
                content
                    .iter()
                    .filter(|w| **w != h)
                    .map(|w| format!("{h}|{w}")),
            );
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The values a figure allows: a range, a bound (`at least 1 million` is 1 million or more), an
/// approximate figure (`about`, `an estimated`: within a fifth of it), `nearly` (up to a fifth
/// below it), or the figure itself.
fn interval(c: &Claim) -> Option<(f64, f64)> {
    let approx = matches!(
        c.hedge.as_deref(),
        Some("about" | "estimated" | "reportedly" | "approximately")
    );
    match (c.low, c.high, c.value) {
        (Some(lo), Some(hi), _) => Some((lo, hi)),
        (Some(lo), None, _) => Some((lo, f64::INFINITY)),
        (None, Some(hi), _) if c.hedge.as_deref() == Some("nearly") => Some((hi * 0.8, hi)),
        (None, Some(hi), _) => Some((0.0, hi)),
        (None, None, Some(v)) if approx => Some((v * 0.8, v * 1.2)),
        (None, None, Some(v)) => Some((v, v)),
        (None, None, None) => None,
    }
}

/// Groups of figures that count the same thing: figures sharing a key, and through them
/// (`Uyghurs and other Turkic Muslims` joins the Uyghurs and the Muslims).
fn groups(figures: &[Figure]) -> Vec<Vec<usize>> {
    let keys: Vec<&[String]> = figures.iter().map(|f| f.heads.as_slice()).collect();
    crate::group::by_shared_keys(&keys)
}

/// The least and greatest value allowed (the greatest may be infinite).
type Bounds = (f64, f64);

/// Whether every figure of a group can hold at once (the values all allow), and else the pairs
/// of figures from different reports that cannot both be true.
fn compare(figures: &[&Figure]) -> (Option<Bounds>, Vec<(usize, usize)>) {
    let lo = figures
        .iter()
        .map(|f| f.low)
        .fold(f64::NEG_INFINITY, f64::max);
    let hi = figures.iter().map(|f| f.high).fold(f64::INFINITY, f64::min);
    if lo <= hi {
        return (Some((lo, hi)), Vec::new());
    }
    let mut pairs = Vec::new();
    for i in 0..figures.len() {
        for j in i + 1..figures.len() {
            let (a, b) = (figures[i], figures[j]);
            if a.doc != b.doc && (a.high < b.low || b.high < a.low) {
                pairs.push((i, j));
            }
        }
    }
    (None, pairs)
}

/// A number for people: whole numbers with thousands separators (`1,000,000`), others as they
/// are.
fn thousands(v: f64) -> String {
    if v.fract() != 0.0 {
        return format!("{v}");
    }
    let digits = format!("{}", v as i64);
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && ch.is_ascii_digit() {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A figure for people: `1,000,000`, `800,000–2,000,000`, `≥ 1,000,000`, `≈ 1,000,000`.
fn show_figure(c: &Claim) -> String {
    let n = thousands;
    match (c.low, c.high, c.value) {
        (Some(lo), Some(hi), _) => format!("{}–{}", n(lo), n(hi)),
        (Some(lo), None, _) => format!("≥ {}", n(lo)),
        (None, Some(hi), _) => format!("≤ {}", n(hi)),
        (None, None, Some(v)) if interval(c).is_some_and(|(a, b)| a < b) => format!("≈ {}", n(v)),
        (None, None, Some(v)) => n(v),
        (None, None, None) => "?".into(),
    }
}

/// The values every figure of a group allows: `1,000,000 to 1,200,000`, `20,000,000 or more`.
fn show_bounds((lo, hi): Bounds) -> String {
    let n = |v: f64| thousands(v.round());
    if hi.is_infinite() {
        format!("{} or more", n(lo))
    } else if (hi - lo).abs() < f64::EPSILON {
        n(lo)
    } else {
        format!("{} to {}", n(lo), n(hi))
    }
}

pub fn claims(global: &Global, args: &ClaimsArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    use chronicle_facts::entities::lexicon::normalize;
    let store = crate::cmd_docs::open(global)?;
    let about = args.about.as_deref().map(|a| {
        normalize(a)
            .split(' ')
            .map(singular)
            .collect::<Vec<_>>()
            .join(" ")
    });
    let by = args.by.as_deref().map(normalize);
    let mut figures: Vec<Figure> = Vec::new();
    store.for_each_document(&mut |doc| {
        let published = doc
            .meta
            .published
            .as_deref()
            .map(|p| p[..p.len().min(10)].to_string());
        for c in &doc.layers.claims {
            let Some(unit) = c.unit.as_deref() else {
                continue;
            };
            let heads = counted_keys(unit);
            let Some((low, high)) = interval(c) else {
                continue;
            };
            let asserted = c.source.as_deref().or(doc.meta.outlet.as_deref());
            if by.as_deref().is_some_and(|w| {
                !asserted.is_some_and(|a| crate::cmd_people::name_matches(&normalize(a), w))
            }) {
                continue;
            }
            figures.push(Figure {
                claim: c.clone(),
                doc: doc.id.clone(),
                source: doc.source.path.clone(),
                outlet: doc.meta.outlet.clone(),
                published: published.clone(),
                heads,
                low,
                high,
            });
        }
        Ok(())
    })?;
    let mut listed: Vec<Vec<usize>> = groups(&figures)
        .into_iter()
        .filter(|g| {
            let docs: BTreeSet<&str> = g.iter().map(|&i| figures[i].doc.as_str()).collect();
            (args.all || docs.len() >= 2)
                && about.as_deref().is_none_or(|a| {
                    g.iter().any(|&i| {
                        let f = &figures[i];
                        let counted = normalize(f.claim.unit.as_deref().unwrap_or(""));
                        let counted: Vec<String> = counted.split(' ').map(singular).collect();
                        format!(" {} ", counted.join(" ")).contains(&format!(" {a} "))
                    })
                })
        })
        .collect();
    for g in &mut listed {
        g.sort_by(|&a, &b| {
            let (fa, fb) = (&figures[a], &figures[b]);
            (&fa.published, &fa.doc, fa.claim.span.start).cmp(&(
                &fb.published,
                &fb.doc,
                fb.claim.span.start,
            ))
        });
    }
    // The groups most reported first.
    listed.sort_by_cached_key(|g| {
        let docs: BTreeSet<&str> = g.iter().map(|&i| figures[i].doc.as_str()).collect();
        (
            std::cmp::Reverse(docs.len()),
            std::cmp::Reverse(g.len()),
            g[0],
        )
    });
    // Groups with figures of two reports that cannot both be right.
    let mut differing = 0usize;
    for g in &listed {
        let members: Vec<&Figure> = g.iter().map(|&i| &figures[i]).collect();
        // What the group counts, the most named first.
        let mut heads: Vec<(&str, usize)> = Vec::new();
        for h in members
            .iter()
            .flat_map(|f| &f.heads)
            .map(|k| k.split('|').next().unwrap_or(k))
        {
            match heads.iter_mut().find(|(x, _)| *x == h) {
                Some((_, n)) => *n += 1,
                None => heads.push((h, 1)),
            }
        }
        heads.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        let mut heads: Vec<&str> = heads.into_iter().map(|(h, _)| h).collect();
        // A figure with nothing to compare it by stands alone, under what it counts.
        if heads.is_empty() {
            heads.extend(members[0].claim.unit.as_deref());
        }
        let docs: BTreeSet<&str> = members.iter().map(|f| f.doc.as_str()).collect();
        let outlets: BTreeSet<&str> = members.iter().filter_map(|f| f.outlet.as_deref()).collect();
        let (common, differ) = compare(&members);
        differing += usize::from(!differ.is_empty());
        if args.json {
            let figs: Vec<serde_json::Value> = members
                .iter()
                .map(|f| {
                    let c = &f.claim;
                    serde_json::json!({
                        "doc": f.doc, "source": f.source, "outlet": f.outlet,
                        "published": f.published, "text": c.text, "counted": c.unit,
                        "value": c.value, "low": c.low, "high": c.high, "hedge": c.hedge,
                        "asserted_by": c.source.as_deref().or(f.outlet.as_deref()),
                        "allows": [f.low, if f.high.is_infinite() { None } else { Some(f.high) }],
                        "start": c.span.start, "end": c.span.end,
                    })
                })
                .collect();
            let line = serde_json::json!({
                "counted": heads, "documents": docs.len(), "outlets": outlets,
                "agree": common.is_some(),
                "common": common.map(|(lo, hi)| serde_json::json!([lo, if hi.is_infinite() { None } else { Some(hi) }])),
                "differ": differ, "figures": figs,
            });
            writeln!(out, "{line}")?;
            continue;
        }
        writeln!(
            out,
            "{}: {} figure(s) in {} document(s), {} outlet(s)",
            heads.join(" / "),
            members.len(),
            docs.len(),
            outlets.len()
        )?;
        for f in &members {
            let c = &f.claim;
            writeln!(
                out,
                "  {:<20} {} | {} | {} {} [{}..{}] {}",
                show_figure(c),
                crate::one_line(&c.text),
                c.source
                    .as_deref()
                    .or(f.outlet.as_deref())
                    .unwrap_or("(unattributed)"),
                f.outlet.as_deref().unwrap_or("-"),
                f.published.as_deref().unwrap_or("-"),
                c.span.start,
                c.span.end,
                &f.doc[..12.min(f.doc.len())],
            )?;
        }
        match common {
            Some(bounds) if members.len() > 1 => {
                writeln!(out, "  agree: every figure allows {}", show_bounds(bounds))?
            }
            Some(_) => {}
            None => {
                for (i, j) in differ.iter().take(10) {
                    let (a, b) = (members[*i], members[*j]);
                    writeln!(
                        out,
                        "  differ: {} ({}, {}) vs {} ({}, {})",
                        show_figure(&a.claim),
                        a.outlet.as_deref().unwrap_or("-"),
                        a.published.as_deref().unwrap_or("-"),
                        show_figure(&b.claim),
                        b.outlet.as_deref().unwrap_or("-"),
                        b.published.as_deref().unwrap_or("-"),
                    )?;
                }
                if differ.len() > 10 {
                    writeln!(
                        out,
                        "  ... and {} more pairs that differ",
                        differ.len() - 10
                    )?;
                }
                if differ.is_empty() {
                    writeln!(
                        out,
                        "  differ within one report (no two reports contradict each other)"
                    )?;
                }
            }
        }
    }
    if !args.json {
        writeln!(
            out,
            "{} group(s) of figures, {differing} with figures that differ between reports",
            listed.len()
        )?;
    }
    Ok(if listed.is_empty() { 1 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(value: Option<f64>, low: Option<f64>, high: Option<f64>, hedge: &str) -> Claim {
        Claim {
            value,
            low,
            high,
            hedge: (!hedge.is_empty()).then(|| hedge.to_string()),
            ..Claim::default()
        }
    }

    fn figure(doc: &str, unit: &str, c: Claim) -> Figure {
        let (low, high) = interval(&c).unwrap();
        Figure {
            claim: Claim {
                unit: Some(unit.into()),
                ..c
            },
            doc: doc.into(),
            source: String::new(),
            outlet: None,
            published: None,
            heads: counted_keys(unit),
            low,
            high,
        }
    }

    #[test]
    fn what_is_counted_is_keyed_in_any_spelling() {
        assert_eq!(counted_keys("Uighurs"), ["uyghur"]);
        assert_eq!(counted_keys("Uygurs"), ["uyghur"]);
        assert_eq!(
            counted_keys("Uyghurs and other Turkic Muslims"),
            ["muslim", "uyghur"]
        );
        assert_eq!(
            counted_keys("Muslim Uighurs and other minorities"),
            ["minority|muslim", "minority|uyghur", "uyghur"]
        );
        assert_eq!(
            counted_keys("Uighurs incarcerated in re-education camps"),
            ["uyghur"]
        );
        assert_eq!(counted_keys("UPR recommendations"), ["recommendation|upr"]);
        // A common noun alone, a currency, a share or an age names nothing to compare.
        assert!(counted_keys("percent of voters").is_empty());
        assert!(counted_keys("years old").is_empty());
        assert!(counted_keys("people").is_empty());
        assert!(counted_keys("percent").is_empty());
        assert!(counted_keys("USD").is_empty());
    }

    #[test]
    fn hedges_and_bounds_say_which_values_a_figure_allows() {
        assert_eq!(
            interval(&claim(Some(1e6), None, None, "estimated")),
            Some((8e5, 1.2e6))
        );
        assert_eq!(
            interval(&claim(Some(1e6), Some(1e6), None, "at least")),
            Some((1e6, f64::INFINITY))
        );
        assert_eq!(
            interval(&claim(None, Some(8e5), Some(2e6), "")),
            Some((8e5, 2e6))
        );
        assert_eq!(
            interval(&claim(Some(10.0), None, Some(10.0), "at most")),
            Some((0.0, 10.0))
        );
        assert_eq!(
            interval(&claim(Some(3.0), None, None, "")),
            Some((3.0, 3.0))
        );
        assert_eq!(interval(&claim(None, None, None, "")), None);
    }

    #[test]
    fn figures_that_share_a_head_are_one_group_and_compared() {
        let figs = vec![
            figure("a", "Uighurs", claim(Some(1e6), None, None, "estimated")),
            figure(
                "b",
                "Uyghurs and other Turkic Muslims",
                claim(Some(1e6), Some(1e6), None, "at least"),
            ),
            figure("c", "Muslims", claim(None, Some(8e5), Some(2e6), "")),
            figure("c", "countries", claim(Some(25.0), None, None, "")),
        ];
        let mut gs = groups(&figs);
        gs.sort();
        assert_eq!(gs, vec![vec![0, 1, 2], vec![3]]);
        let members: Vec<&Figure> = gs[0].iter().map(|&i| &figs[i]).collect();
        let (common, differ) = compare(&members);
        assert_eq!(common, Some((1e6, 1.2e6)));
        assert!(differ.is_empty());
        // Two reports whose figures cannot both hold differ; one report alone does not.
        let figs = [
            figure("a", "Uighurs", claim(Some(1e6), None, None, "about")),
            figure("b", "Uyghurs", claim(Some(3e6), None, None, "")),
            figure("b", "Uyghurs", claim(Some(2e6), None, None, "")),
        ];
        let members: Vec<&Figure> = figs.iter().collect();
        let (common, differ) = compare(&members);
        assert_eq!(common, None);
        assert_eq!(differ, vec![(0, 1), (0, 2)]);
        assert_eq!(show_figure(&figs[0].claim), "≈ 1,000,000");
        assert_eq!(show_figure(&figs[1].claim), "3,000,000");
    }
}

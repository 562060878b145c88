//! Noise removal from plain text that was scraped from a web page with its boilerplate.
//!
//! The text is cut into paragraphs (one per line, or one per blank-line-separated group when the
//! text is hard-wrapped) and each paragraph is judged in three places:
//!
//! - **anywhere**: stock boilerplate (menus, newsletter and donation prompts, ad slots, site
//!   disclaimers, embedded tweets) is dropped wherever it stands;
//! - **head**: lines before the first sentence of prose are page furniture (titles, menus,
//!   bylines) and are dropped; the first title-like one becomes the title;
//! - **tail**: after the last run of prose, a stretch that contains boilerplate and no two
//!   paragraphs of prose in a row is the page footer and is dropped whole, which catches the
//!   short sidebar items ("Region / Country", "Giving Assistant") that carry no vocabulary.
//!
//! Short lines in the middle of the article are kept: they are usually sub-headings.

use crate::noise::{self, Features};
use crate::output::OutputBuilder;
use crate::Cleaned;
use chronicle_core::{Metadata, Removed, Span};

/// One paragraph of the input: its trimmed byte range and what we decided about it.
#[derive(Debug)]
struct Unit {
    start: usize,
    end: usize,
    features: Features,
    /// `None` while kept, else the reason word it was dropped for.
    dropped: Option<&'static str>,
}

/// Cleans scraped plain text. See the module documentation for the rules.
pub fn clean_text(input: &str) -> Cleaned {
    let mut units = split_units(input);
    mark_anywhere(input, &mut units);
    let title = mark_head(input, &mut units);
    mark_tail(&mut units);

    let mut out = OutputBuilder::new();
    let mut removed = Vec::new();
    for u in &units {
        match u.dropped {
            None => {
                out.start_block(u.start);
                out.push_copy(&input[u.start..u.end], u.start);
                out.end_block();
            }
            Some(reason) => removed.push(Removed {
                span: Span::new(u.start, u.end),
                reason: reason.to_string(),
            }),
        }
    }
    let (text, blocks) = out.finish();
    let meta = Metadata {
        title,
        ..Metadata::default()
    };
    Cleaned {
        text,
        removed,
        blocks,
        meta,
    }
}

/// Lines as trimmed byte ranges, skipping blank ones.
fn lines(input: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in input.split_inclusive('\n') {
        let trimmed_start = line.len() - line.trim_start().len();
        let t = line.trim();
        if !t.is_empty() {
            out.push((at + trimmed_start, at + trimmed_start + t.len()));
        }
        at += line.len();
    }
    out
}

/// Hard-wrapped text has most lines of similar, moderate length that run on into the next
/// line; then a paragraph is a group of lines between blank lines, not a line.
fn is_hard_wrapped(input: &str, lines: &[(usize, usize)]) -> bool {
    if lines.len() < 6 {
        return false;
    }
    let wrapped = lines
        .windows(2)
        .filter(|w| {
            let (s, e) = w[0];
            let len = input[s..e].chars().count();
            let adjacent =
                !input[e..w[1].0].contains("\n\n") && input[e..w[1].0].matches('\n').count() == 1;
            (50..=100).contains(&len) && adjacent && !input[s..e].ends_with(['.', '!', '?', '"'])
        })
        .count();
    wrapped * 2 >= lines.len()
}

fn split_units(input: &str) -> Vec<Unit> {
    let ls = lines(input);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    if is_hard_wrapped(input, &ls) {
        for &(s, e) in &ls {
            match ranges.last_mut() {
                Some(last) if input[last.1..s].matches('\n').count() == 1 => last.1 = e,
                _ => ranges.push((s, e)),
            }
        }
    } else {
        ranges = ls;
    }
    ranges
        .into_iter()
        .map(|(start, end)| Unit {
            start,
            end,
            features: noise::features(&input[start..end]),
            dropped: None,
        })
        .collect()
}

/// Boilerplate that is noise wherever it stands, and embedded tweets.
fn mark_anywhere(input: &str, units: &mut [Unit]) {
    for i in 0..units.len() {
        let text = &input[units[i].start..units[i].end];
        if noise::is_tweet_attribution(text) {
            units[i].dropped = Some(noise::NoiseKind::Tweet.reason());
            // The tweet's own text is the paragraph just before its attribution line.
            if i > 0 && units[i - 1].features.words <= 70 && units[i - 1].dropped.is_none() {
                units[i - 1].dropped = Some(noise::NoiseKind::Tweet.reason());
            }
            continue;
        }
        if let Some(kind) = units[i].features.noise() {
            units[i].dropped = Some(kind.reason());
        }
    }
}

/// Drops the page furniture above the first paragraph of prose; returns a title found there.
fn mark_head(input: &str, units: &mut [Unit]) -> Option<String> {
    let first_prose = units
        .iter()
        .position(|u| u.dropped.is_none() && u.features.is_prose())?;
    let mut title = None;
    for u in &mut units[..first_prose] {
        if u.dropped.is_some() {
            continue;
        }
        let text = &input[u.start..u.end];
        let words = u.features.words;
        // Menus ("Home | World | Sports") have separators; titles do not.
        let separators = text.matches(['|', '•', '·', '/']).count();
        if title.is_none() && (2..=25).contains(&words) && !text.ends_with('.') && separators == 0 {
            title = Some(text.to_string());
            u.dropped = Some("title");
        } else if title.as_deref() == Some(text) {
            u.dropped = Some("title");
        } else {
            u.dropped = Some("header");
        }
    }
    title
}

/// Drops the page footer: the longest suffix that starts with a non-prose or noise paragraph,
/// contains at least one noise paragraph and never two kept prose paragraphs in a row. A page
/// whose last paragraph is prose has no footer: the article runs to the end.
fn mark_tail(units: &mut [Unit]) {
    if units
        .last()
        .is_none_or(|u| u.dropped.is_none() && (u.features.is_prose() || u.features.is_sentence()))
    {
        return;
    }
    let mut tail_start = None;
    let mut seen_noise = false;
    let mut prev_clean_prose = false;
    let mut clean_prose = 0usize;
    for i in (0..units.len()).rev() {
        let u = &units[i];
        let is_noise = u.dropped.is_some();
        // Any kept sentence counts as article text here, however short.
        let clean = !is_noise && (u.features.is_prose() || u.features.is_sentence());
        if clean && prev_clean_prose {
            break;
        }
        prev_clean_prose = clean;
        seen_noise |= is_noise;
        clean_prose += usize::from(clean);
        let n = units.len() - i;
        if seen_noise && !clean && clean_prose * 3 <= n {
            tail_start = Some(i);
        }
    }
    if let Some(t) = tail_start {
        for u in &mut units[t..] {
            u.dropped.get_or_insert("footer");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(input: &str) -> String {
        clean_text(input).text.text
    }

    #[test]
    fn head_menu_and_title_go_meta_keeps_title() {
        let input = "Skip to main content\n\nTown votes on bridge\n\nTown votes on bridge\n\n\
                     The council voted on Monday to rebuild the old bridge over the river.\n\n\
                     Work starts in May, the mayor said in a statement.\n";
        let c = clean_text(input);
        assert_eq!(
            c.text.text,
            "The council voted on Monday to rebuild the old bridge over the river.\n\n\
             Work starts in May, the mayor said in a statement."
        );
        assert_eq!(c.meta.title.as_deref(), Some("Town votes on bridge"));
        assert_eq!(c.blocks.len(), 2);
    }

    #[test]
    fn footer_run_is_dropped_whole() {
        let input = "The council voted on Monday to rebuild the old bridge over the river.\n\
                     Work starts in May, the mayor said in a statement to reporters.\n\
                     Subscribe to our newsletter\n\
                     Most read\n\
                     Weather\n\
                     Sports\n\
                     Give today and your gift will help us keep reporting on the town for you.\n\
                     Contact\n";
        assert_eq!(
            kept(input),
            "The council voted on Monday to rebuild the old bridge over the river.\n\n\
             Work starts in May, the mayor said in a statement to reporters."
        );
    }

    #[test]
    fn short_subheading_in_the_middle_is_kept() {
        let input = "The council voted on Monday to rebuild the old bridge over the river.\n\
                     What comes next\n\
                     Work starts in May, the mayor said in a statement to reporters.\n\
                     (Reporting by Jane Doe; Editing by John Roe)\n";
        assert_eq!(
            kept(input),
            "The council voted on Monday to rebuild the old bridge over the river.\n\n\
             What comes next\n\n\
             Work starts in May, the mayor said in a statement to reporters.\n\n\
             (Reporting by Jane Doe; Editing by John Roe)"
        );
    }

    #[test]
    fn embedded_tweet_is_dropped() {
        let input = "The minister spoke on Saturday about the visit to the region.\n\n\
                     The visit was a success, the minister told media on Saturday.\n\n\
                     — Daily Paper (@dailypaper) May 28, 2022\n\n\
                     Critics said the visit was a propaganda exercise for the government.\n";
        assert_eq!(
            kept(input),
            "The minister spoke on Saturday about the visit to the region.\n\n\
             Critics said the visit was a propaganda exercise for the government."
        );
    }
}

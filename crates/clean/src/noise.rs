//! Cues that tell boilerplate from article prose, shared by the text and HTML cleaners.
//!
//! Every rule here looks at the *shape* and *vocabulary* of one paragraph: whether it reads like
//! a sentence, whether it addresses the reader with a call to action, whether it is made of the
//! stock phrases that sites put around articles (menus, newsletter prompts, donation appeals, ad
//! slots, disclaimers). None is keyed to one site; each is a habit of web pages in general.

/// Why a paragraph looks like noise, as the reason word recorded in [`chronicle_core::Removed`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoiseKind {
    Navigation,
    Newsletter,
    Donation,
    Ad,
    Social,
    Legal,
    Disclaimer,
    Promotion,
    Related,
    Caption,
    Tweet,
}

impl NoiseKind {
    /// The reason word stored with a removed span.
    pub fn reason(self) -> &'static str {
        match self {
            NoiseKind::Navigation => "navigation",
            NoiseKind::Newsletter => "newsletter",
            NoiseKind::Donation => "donation",
            NoiseKind::Ad => "ad",
            NoiseKind::Social => "social",
            NoiseKind::Legal => "legal",
            NoiseKind::Disclaimer => "disclaimer",
            NoiseKind::Promotion => "promotion",
            NoiseKind::Related => "related",
            NoiseKind::Caption => "caption",
            NoiseKind::Tweet => "tweet",
        }
    }
}

/// Phrases that on their own mark a paragraph as boilerplate when the paragraph is short, or
/// when it also speaks to the reader. Lowercase; matched on word boundaries.
const PHRASES: &[(&str, NoiseKind)] = &[
    ("skip to content", NoiseKind::Navigation),
    ("skip to main content", NoiseKind::Navigation),
    ("skip to navigation", NoiseKind::Navigation),
    ("skip navigation", NoiseKind::Navigation),
    ("jump to navigation", NoiseKind::Navigation),
    ("toggle navigation", NoiseKind::Navigation),
    ("main menu", NoiseKind::Navigation),
    ("back to top", NoiseKind::Navigation),
    ("open popup", NoiseKind::Navigation),
    ("close popup", NoiseKind::Navigation),
    ("open menu", NoiseKind::Navigation),
    ("close menu", NoiseKind::Navigation),
    ("search for", NoiseKind::Navigation),
    ("log in", NoiseKind::Navigation),
    ("sign in", NoiseKind::Navigation),
    ("welcome back", NoiseKind::Navigation),
    ("next article", NoiseKind::Navigation),
    ("previous article", NoiseKind::Navigation),
    ("sign up", NoiseKind::Newsletter),
    ("subscribe", NoiseKind::Newsletter),
    ("newsletter", NoiseKind::Newsletter),
    ("in your inbox", NoiseKind::Newsletter),
    ("to your inbox", NoiseKind::Newsletter),
    ("email address", NoiseKind::Newsletter),
    ("donate", NoiseKind::Donation),
    ("donation", NoiseKind::Donation),
    ("tax deductible", NoiseKind::Donation),
    ("tax-deductible", NoiseKind::Donation),
    ("your support", NoiseKind::Donation),
    ("your contribution", NoiseKind::Donation),
    ("support our", NoiseKind::Donation),
    ("support us", NoiseKind::Donation),
    ("become a member", NoiseKind::Donation),
    ("advertisement", NoiseKind::Ad),
    ("advertising", NoiseKind::Ad),
    ("sponsored", NoiseKind::Ad),
    ("google ads", NoiseKind::Ad),
    ("ad choices", NoiseKind::Ad),
    ("share this", NoiseKind::Social),
    ("share on", NoiseKind::Social),
    ("follow us", NoiseKind::Social),
    ("like us on", NoiseKind::Social),
    ("all rights reserved", NoiseKind::Legal),
    ("privacy policy", NoiseKind::Legal),
    ("terms of use", NoiseKind::Legal),
    ("terms of service", NoiseKind::Legal),
    ("cookie", NoiseKind::Legal),
    ("cookies", NoiseKind::Legal),
    ("copyright", NoiseKind::Legal),
    ("point of view of the site", NoiseKind::Disclaimer),
    ("views expressed", NoiseKind::Disclaimer),
    ("the site", NoiseKind::Disclaimer),
    ("this site", NoiseKind::Disclaimer),
    ("our site", NoiseKind::Disclaimer),
    ("this website", NoiseKind::Disclaimer),
    ("our website", NoiseKind::Disclaimer),
    ("click here", NoiseKind::Promotion),
    ("click on", NoiseKind::Promotion),
    ("download", NoiseKind::Promotion),
    ("learn more", NoiseKind::Promotion),
    ("know more", NoiseKind::Promotion),
    ("find out more", NoiseKind::Promotion),
    ("this project", NoiseKind::Promotion),
    ("read more", NoiseKind::Related),
    ("related", NoiseKind::Related),
    ("most read", NoiseKind::Related),
    ("most popular", NoiseKind::Related),
    ("recommended", NoiseKind::Related),
    ("more stories", NoiseKind::Related),
    ("photo credit", NoiseKind::Caption),
    ("image credit", NoiseKind::Caption),
    ("getty images", NoiseKind::Caption),
];

/// Phrases so specific to boilerplate that they mark even a long paragraph.
const STRONG_PHRASES: &[&str] = &[
    "skip to content",
    "skip to main content",
    "sign up for",
    "subscribe to our",
    "our free daily newsletter",
    "tax deductible gift",
    "tax-deductible gift",
    "we need your support",
    "all rights reserved",
    "google ads",
    "this site uses cookies",
    "we use cookies",
    "by continuing to use",
];

/// Lead-ins of links to other stories, when followed by a colon or dash.
const RELATED_PREFIXES: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "related",
    "see also",
    "more",
    "watch",
    "listen",
    "recommended",
    "further reading",
    "more on this",
];

/// The site speaking of itself; twice in one paragraph makes a disclaimer.
const SITE_SELF: &[&str] = &[
    "the site",
    "this site",
    "our site",
    "this website",
    "our website",
];

/// Words that address the reader; prose about the world rarely does outside quotations.
const READER_WORDS: &[&str] = &["you", "your", "you're", "you’re", "yours", "us", "our"];

/// Verbs of a call to action aimed at the reader.
const ACTION_WORDS: &[&str] = &[
    "sign",
    "subscribe",
    "donate",
    "support",
    "click",
    "download",
    "follow",
    "share",
    "join",
    "register",
    "help",
    "contribute",
    "toggle",
    "browse",
    "browsing",
    "know",
    "visit",
    "give",
];

/// The features of one paragraph that the cleaners combine.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Word count (runs of alphanumeric characters).
    pub words: usize,
    /// Ends like a sentence: `.`, `!`, `?`, `:`, or a closing quote or bracket after one.
    pub sentence_end: bool,
    /// The first boilerplate phrase found, if any.
    pub phrase: Option<NoiseKind>,
    /// Number of distinct boilerplate phrases found.
    pub n_phrases: usize,
    /// A phrase from [`STRONG_PHRASES`] occurs.
    pub strong: bool,
    /// Starts with "Read more", "Related", "See also", "Also read", "Watch" and a colon or dash.
    pub related_prefix: bool,
    /// Times the site refers to itself ("the site", "this website").
    pub site_refs: usize,
    /// Reader-addressing words outside quotation marks.
    pub reader_words: usize,
    /// Call-to-action verbs outside quotation marks.
    pub action_words: usize,
}

impl Features {
    /// Reads like article prose: a sentence of some length.
    pub fn is_prose(&self) -> bool {
        (self.words >= 8 && self.sentence_end) || self.words >= 25
    }

    /// A short sentence: a few words ending like a sentence.
    pub fn is_sentence(&self) -> bool {
        self.words >= 4 && self.sentence_end
    }

    /// Reads like boilerplate wherever it stands in the page.
    pub fn noise(&self) -> Option<NoiseKind> {
        let kind = self.phrase.unwrap_or(NoiseKind::Promotion);
        if self.strong {
            return Some(kind);
        }
        // A short line made of a stock phrase ("Subscribe", "Related stories", "Advertisement").
        if self.phrase.is_some() && self.words <= 6 && !self.sentence_end {
            return Some(kind);
        }
        // A link to another story: "Read more: Drought warnings issued for the north".
        if self.related_prefix && !self.sentence_end && self.words <= 25 {
            return Some(NoiseKind::Related);
        }
        // A paragraph that speaks to the reader and asks them to act ("Your gift can help ...",
        // "Now you can ... by toggling the switch below").
        let addressed = self.reader_words >= 2 || (self.reader_words >= 1 && self.words <= 20);
        if addressed && self.action_words >= 1 && (self.phrase.is_some() || self.words <= 40) {
            return Some(kind);
        }
        if self.site_refs >= 2 {
            return Some(NoiseKind::Disclaimer);
        }
        if self.n_phrases >= 2 && self.reader_words >= 1 {
            return Some(kind);
        }
        None
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// Computes the [`Features`] of one paragraph of text.
pub fn features(text: &str) -> Features {
    let trimmed = text.trim();
    let mut f = Features::default();
    // Sentence end: skip closing quotes, brackets and trailing markers such as "[Source]".
    let tail = trimmed.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*') || c.is_whitespace()
    });
    f.sentence_end = tail.ends_with(['.', '!', '?', ':', '…', ';']) || trimmed.ends_with(']');

    let lower = trimmed.to_lowercase();
    // Words, with whether each stands inside quotation marks.
    let mut in_quote = false;
    let mut words: Vec<(&str, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in lower.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            words.push((&lower[s..i], in_quote));
        }
        match c {
            '“' | '«' => in_quote = true,
            '”' | '»' => in_quote = false,
            '"' => in_quote = !in_quote,
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((&lower[s..], in_quote));
    }
    f.words = words
        .iter()
        .filter(|(w, _)| w.chars().any(char::is_alphanumeric))
        .count();
    for (w, quoted) in &words {
        if *quoted {
            continue;
        }
        let w = w.trim_matches(|c| c == '\'' || c == '’' || c == '-');
        if READER_WORDS.contains(&w) {
            f.reader_words += 1;
        }
        if ACTION_WORDS.contains(&w) {
            f.action_words += 1;
        }
    }
    for (phrase, kind) in PHRASES {
        if contains_phrase(&lower, phrase) {
            f.phrase.get_or_insert(*kind);
            f.n_phrases += 1;
        }
    }
    f.related_prefix = RELATED_PREFIXES.iter().any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            rest.trim_start()
                .starts_with([':', '-', '–', '—', '|', '»'])
        })
    });
    f.site_refs = SITE_SELF.iter().map(|p| count_phrase(&lower, p)).sum();
    f.strong = STRONG_PHRASES.iter().any(|p| contains_phrase(&lower, p));
    f
}

/// `phrase` occurs in `hay` at word boundaries.
fn contains_phrase(hay: &str, phrase: &str) -> bool {
    count_phrase(hay, phrase) > 0
}

/// Occurrences of `phrase` in `hay` at word boundaries.
///
/// A plain byte scan: blocks are short and there are many phrases, so setting up a substring
/// searcher per call (what `str::find` does) cost more than the search. A match can only start
/// at a character boundary, since the phrase's first byte starts a character.
fn count_phrase(hay: &str, phrase: &str) -> usize {
    let (h, p) = (hay.as_bytes(), phrase.as_bytes());
    let Some(&first) = p.first() else {
        return 0;
    };
    let mut n = 0;
    let mut start = 0;
    while start + p.len() <= h.len() {
        if h[start] == first && h[start..].starts_with(p) {
            let end = start + p.len();
            let before_ok = hay[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = hay[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if before_ok && after_ok {
                n += 1;
            }
        }
        start += 1;
    }
    n
}

/// The attribution line of an embedded tweet: `— Name (@handle) May 28, 2022`.
pub fn is_tweet_attribution(line: &str) -> bool {
    let t = line.trim();
    let Some(rest) = t
        .strip_prefix('—')
        .or_else(|| t.strip_prefix('–'))
        .or_else(|| t.strip_prefix("--"))
        .or_else(|| t.strip_prefix('-'))
    else {
        return false;
    };
    let Some(at) = rest.find("(@") else {
        return false;
    };
    let Some(close) = rest[at..].find(')') else {
        return false;
    };
    let handle = &rest[at + 2..at + close];
    let handle_ok = !handle.is_empty()
        && handle.len() <= 15
        && handle
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    // After the handle comes a date ending in a four-digit year.
    let after = rest[at + close + 1..].trim();
    let year_ok = after.len() >= 4
        && after.len() <= 24
        && after[after.len() - 4..].chars().all(|c| c.is_ascii_digit());
    handle_ok && year_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stock_lines_are_noise() {
        for line in [
            "Skip to main content",
            "Subscribe to CDT",
            "Google Ads 1",
            "Advertisement",
            "Share this article",
            "Related stories",
            "Sign up for First Edition, our free daily newsletter – every weekday morning at 7am",
            "Your tax deductible gift can help stop human rights violations and save lives.",
            "© 2024 Example Media. All rights reserved.",
        ] {
            assert!(features(line).noise().is_some(), "{line}");
        }
    }

    #[test]
    fn article_sentences_are_not_noise() {
        for line in [
            "The groups asked Guterres to urge Chinese authorities to grant access to the camps.",
            "“You should sign up now,” the minister told the crowd, “and support our work.”",
            "See also the most recent report, in which the author argues that the party is insecure.",
            "Rights groups said the site of the camp had been cleared before the visit.",
        ] {
            assert_eq!(features(line).noise(), None, "{line}");
        }
    }

    #[test]
    fn tweet_attributions() {
        assert!(is_tweet_attribution(
            "— Global Times (@globaltimesnews) May 28, 2022"
        ));
        assert!(is_tweet_attribution("- Jane Doe (@jane_d) 3 June 2021"));
        assert!(!is_tweet_attribution(
            "— said the minister (in Geneva) on Monday"
        ));
    }
}

//! Cleaning: the main content of HTML pages and scraped plain text without its noise.
//!
//! Both entry points return a [`Cleaned`] whose text is aligned to the input string, so every
//! kept character maps back to its byte offset in the input.
//!
//! (Placeholder implementation: plain text is kept whole and HTML has its tags stripped. The
//! clean issue replaces both with real extractors behind the same signatures.)

mod noise;
#[allow(dead_code)] // The HTML extractor, in progress, uses the rest.
mod output;
mod text;

use chronicle_core::{AlignedText, AlignedTextBuilder, Metadata, Removed, Span};

/// The result of cleaning one input.
#[derive(Clone, Debug, Default)]
pub struct Cleaned {
    /// The kept text, aligned to the input string's bytes.
    pub text: AlignedText,
    /// Byte ranges of the input that were dropped as noise, with the reason.
    pub removed: Vec<Removed>,
    /// Paragraph-like blocks, as byte ranges of `text.text`.
    pub blocks: Vec<std::ops::Range<usize>>,
    /// Metadata found in the page (title, authors, date with its origin, site name, language).
    pub meta: Metadata,
}

/// Cleans scraped plain text: drops noise lines, keeps every sentence of the article.
pub fn clean_text(input: &str) -> Cleaned {
    text::clean_text(input)
}

/// Extracts the main content and metadata of an HTML page.
pub fn clean_html(input: &str) -> Cleaned {
    let mut b = AlignedTextBuilder::new();
    let mut removed = Vec::new();
    let bytes = input.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            if text_start < i {
                b.push_copy(&input[text_start..i], text_start);
            }
            let end = input[i..].find('>').map_or(bytes.len(), |e| i + e + 1);
            removed.push(Removed {
                span: Span::new(i, end),
                reason: "markup".into(),
            });
            if !b.text().ends_with('\n') && !b.text().is_empty() {
                b.push_inserted("\n", i);
            }
            i = end;
            text_start = end;
        } else {
            i += 1;
        }
    }
    if text_start < bytes.len() {
        b.push_copy(&input[text_start..], text_start);
    }
    let text = b.finish();
    let blocks = paragraph_blocks(&text.text);
    Cleaned {
        text,
        removed,
        blocks,
        meta: Metadata::default(),
    }
}

/// Non-empty lines, trimmed of surrounding white space, as byte ranges.
fn paragraph_blocks(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push(at + lead..at + lead + trimmed.len());
        }
        at += line.len();
    }
    out
}

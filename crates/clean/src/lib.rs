//! Cleaning: the main content of HTML pages and scraped plain text without its noise.
//!
//! Both entry points return a [`Cleaned`] whose text is aligned to the input string, so every
//! kept character maps back to its byte offset in the input: kept runs are copy segments, and
//! decoded entities and collapsed white space are replaced segments covering their source.
//!
//! ```
//! let page = "<html><head><meta property=\"article:published_time\" content=\"2019-04-29\">\
//!             </head><body><nav>Home | World</nav><article><h1>Bridge vote</h1>\
//!             <p>The council voted on Monday to rebuild the old bridge &amp; the road.</p>\
//!             </article></body></html>";
//! let c = chronicle_clean::clean_html(page);
//! assert_eq!(c.text.text, "The council voted on Monday to rebuild the old bridge & the road.");
//! assert_eq!(c.meta.title.as_deref(), Some("Bridge vote"));
//! assert_eq!(c.meta.published.as_deref(), Some("2019-04-29"));
//! let amp = c.text.text.find('&').unwrap();
//! assert_eq!(&page[c.text.source_span(amp..amp + 1).range()], "&amp;");
//! ```

mod date;
mod html;
mod noise;
mod output;
mod text;
pub mod wcxb;

pub use date::normalize_date;
pub use html::date_from_url;

use chronicle_core::{AlignedText, Metadata, Removed};

/// The result of cleaning one input.
#[derive(Clone, Debug, Default)]
pub struct Cleaned {
    /// The kept text, aligned to the input string's bytes.
    pub text: AlignedText,
    /// Byte ranges of the input that were dropped as noise, with the reason.
    pub removed: Vec<Removed>,
    /// Paragraph-like blocks, as byte ranges of `text.text`, joined in the text by "\n\n".
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
    html::clean_html(input)
}

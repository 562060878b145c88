//! The document model of chronicle: every other crate reads and writes these types.
//!
//! A [`Document`] keeps the original bytes of one article verbatim. Every annotation that later
//! stages add is anchored by a [`Span`]: a half-open range of **byte offsets into those original
//! bytes**. Stages do their work on a cleaned text view, an [`AlignedText`], whose every byte knows
//! the source range it came from, so any range of the clean text maps back to the source with
//! [`Alignment::to_source`].
//!
//! ```
//! use chronicle_core::{AlignedTextBuilder, Span};
//!
//! let source = "Skip to content\nGuterres said &quot;no&quot;.";
//! let mut b = AlignedTextBuilder::new();
//! b.push_copy("Guterres said ", 16);
//! b.push_replaced("\"", Span::new(30, 36));
//! b.push_copy("no", 36);
//! let clean = b.finish();
//! assert_eq!(clean.text, "Guterres said \"no");
//! let span = clean.alignment.to_source(14..17);
//! assert_eq!(&source[span.range()], "&quot;no");
//! ```

mod align;
pub mod calendar;
mod document;
mod error;
pub mod facts;
pub mod html_entities;
mod span;

pub use align::{AlignedText, AlignedTextBuilder, Alignment, Segment};
pub use document::{
    content_hash, Diagnostic, Document, Layers, Metadata, Removed, SourceFormat, SourceRef, Token,
};
pub use error::{Error, Result};
pub use span::Span;

//! One document: original bytes, metadata, the clean text view and the annotation layers.

use crate::align::AlignedText;
use crate::facts::{CallToAction, Claim, Entity, Event, Quote, Timex};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// The content hash that identifies a document: BLAKE3 of its original bytes, 128 bits in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes);
    hash.to_hex()[..32].to_string()
}

/// The container format a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Text,
    Html,
    Jsonl,
    Warc,
    /// An RSS 2.0, RSS 1.0 (RDF) or Atom feed: one document per item or entry.
    Feed,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
            SourceFormat::Jsonl => "jsonl",
            SourceFormat::Warc => "warc",
            SourceFormat::Feed => "feed",
        }
    }

    pub fn parse(s: &str) -> Option<SourceFormat> {
        Some(match s {
            "text" => SourceFormat::Text,
            "html" => SourceFormat::Html,
            "jsonl" => SourceFormat::Jsonl,
            "warc" => SourceFormat::Warc,
            "feed" => SourceFormat::Feed,
            _ => return None,
        })
    }
}

/// Where a document came from: a file, and a record inside it for multi-document containers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The path as given on the command line (joined with the walked sub-path).
    pub path: String,
    /// The record inside the file: `line 12` of a JSON Lines file, `record 3 @ 10240` of a WARC,
    /// `item 3 @ byte 1024` of a feed (the byte where the item's element starts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// Compression layers removed before the bytes were read (`gzip`, `zstd`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<String>,
}

impl SourceRef {
    /// `path` or `path: record`, the way messages about an input name it.
    pub fn place(&self) -> String {
        match &self.record {
            Some(r) => format!("{}: {r}", self.path),
            None => self.path.clone(),
        }
    }
}

/// Bibliographic metadata of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Publication date or date-time, ISO 8601 (`2019-04-29` or `2019-04-29T14:03:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Where `published` came from: `sidecar`, `flag`, `jsonl`, `warc`, `html:<where>`, `inferred`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_source: Option<String>,
    /// ISO 639-1 language code, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Metadata {
    /// Fills every field that is empty in `self` from `other`.
    pub fn fill_from(&mut self, other: &Metadata) {
        fn fill(a: &mut Option<String>, b: &Option<String>) {
            if a.is_none() {
                a.clone_from(b);
            }
        }
        fill(&mut self.title, &other.title);
        fill(&mut self.outlet, &other.outlet);
        fill(&mut self.url, &other.url);
        if self.published.is_none() && other.published.is_some() {
            self.published.clone_from(&other.published);
            self.published_source.clone_from(&other.published_source);
        }
        fill(&mut self.language, &other.language);
        if self.authors.is_empty() {
            self.authors.clone_from(&other.authors);
        }
    }
}

/// A part of the source that cleaning dropped, and why (`navigation`, `newsletter`, `ad`, ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub span: Span,
    pub reason: String,
}

/// A token of the clean text with its analysis. Fields after `span` are empty until the
/// language stage fills them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub upos: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub xpos: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lemma: String,
    /// Index of the head token within the sentence's tokens, 0-based from the document start;
    /// `None` for the root or before parsing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<usize>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deprel: String,
}

/// A problem met while analysing a document. Analysis never fails on strange text: it records
/// a diagnostic and goes on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub stage: String,
    pub message: String,
}

/// The annotation layers that stages add to a document. Every span is into `Document::raw`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Layers {
    #[serde(default)]
    pub removed: Vec<Removed>,
    /// Paragraph-like blocks of the article body.
    #[serde(default)]
    pub blocks: Vec<Span>,
    #[serde(default)]
    pub sentences: Vec<Span>,
    #[serde(default)]
    pub tokens: Vec<Token>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub timexes: Vec<Timex>,
    #[serde(default)]
    pub claims: Vec<Claim>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub calls_to_action: Vec<CallToAction>,
}

/// One article: its identity, its original bytes, its metadata, its clean view and its layers.
///
/// **Invariant:** `raw` is never modified after ingest; `clean.alignment` maps into `raw`; every
/// span in `layers` is a range of `raw`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Content hash of `raw` (see [`content_hash`]).
    pub id: String,
    pub source: SourceRef,
    pub format: Option<SourceFormat>,
    /// The character set the raw bytes were decoded from (`UTF-8`, `windows-1252`, ...).
    pub encoding: String,
    pub meta: Metadata,
    /// The original bytes, verbatim. Not part of the JSON form (the store keeps them apart).
    #[serde(skip)]
    pub raw: Vec<u8>,
    /// The clean article text, aligned to `raw`.
    pub clean: AlignedText,
    pub layers: Layers,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// The source bytes of a span, decoded lossily for display.
    pub fn source_text(&self, span: Span) -> String {
        let end = span.end.min(self.raw.len());
        let start = span.start.min(end);
        String::from_utf8_lossy(&self.raw[start..end]).into_owned()
    }

    /// The source span of a byte range of the clean text.
    pub fn span_of_clean(&self, range: std::ops::Range<usize>) -> Span {
        self.clean.source_span(range)
    }

    /// Records a diagnostic for `stage`.
    pub fn diagnose(&mut self, stage: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            stage: stage.to_string(),
            message: message.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_short() {
        let h = content_hash(b"hello");
        assert_eq!(h.len(), 32);
        assert_eq!(h, content_hash(b"hello"));
        assert_ne!(h, content_hash(b"hello!"));
    }

    #[test]
    fn document_json_round_trip_skips_raw() {
        let mut d = Document {
            id: content_hash(b"x"),
            raw: b"x".to_vec(),
            clean: AlignedText::identity("x".into()),
            ..Document::default()
        };
        d.layers.sentences.push(Span::new(0, 1));
        let json = serde_json::to_string(&d).unwrap();
        assert!(!json.contains("\"raw\""));
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back.layers, d.layers);
        assert!(back.raw.is_empty());
    }
}

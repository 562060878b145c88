//! Alignment between a derived text (decoded, cleaned) and the original bytes it came from.
//!
//! A derived text is cut into [`Segment`]s. A *copy* segment is byte-for-byte the source range it
//! comes from, so any byte inside it maps exactly. A *replaced* segment (an HTML entity decoded,
//! a Latin-1 byte re-encoded, a separator inserted between blocks) maps as a whole: a range that
//! starts or ends inside it widens to the whole source range of the segment. This is the idea of
//! `NormalizedString` alignments, kept compact: one segment per run, not one entry per byte.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One run of the derived text and the source range it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SegmentRepr", into = "SegmentRepr")]
pub struct Segment {
    /// Byte offset of the run in the derived text.
    pub text_start: usize,
    /// Byte length of the run in the derived text (never 0 inside an [`Alignment`]).
    pub text_len: usize,
    /// Byte offset of the source range.
    pub src_start: usize,
    /// Byte length of the source range (0 for text inserted by a stage, such as block breaks).
    pub src_len: usize,
    /// True when the run is a verbatim copy of its source range (then `text_len == src_len`).
    pub copy: bool,
}

/// Compact serialised form: `[text_start, text_len, src_start, src_len, copy]`.
type SegmentRepr = (usize, usize, usize, usize, bool);

impl From<SegmentRepr> for Segment {
    fn from(r: SegmentRepr) -> Segment {
        Segment {
            text_start: r.0,
            text_len: r.1,
            src_start: r.2,
            src_len: r.3,
            copy: r.4,
        }
    }
}

impl From<Segment> for SegmentRepr {
    fn from(s: Segment) -> SegmentRepr {
        (s.text_start, s.text_len, s.src_start, s.src_len, s.copy)
    }
}

impl Segment {
    fn text_end(&self) -> usize {
        self.text_start + self.text_len
    }
    fn src_end(&self) -> usize {
        self.src_start + self.src_len
    }
}

/// The map from every byte of a derived text to the source bytes it came from.
///
/// **Invariant:** segments are sorted, contiguous and cover the derived text exactly: the first
/// starts at 0, each starts where the previous ends, the last ends at the text's length.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Alignment {
    segments: Vec<Segment>,
}

impl Alignment {
    /// The alignment of a text that is its own source (plain UTF-8 input).
    pub fn identity(len: usize) -> Alignment {
        let segments = if len == 0 {
            Vec::new()
        } else {
            vec![Segment {
                text_start: 0,
                text_len: len,
                src_start: 0,
                src_len: len,
                copy: true,
            }]
        };
        Alignment { segments }
    }

    /// Builds an alignment from segments, checking the coverage invariant.
    pub fn from_segments(segments: Vec<Segment>) -> Option<Alignment> {
        let mut at = 0;
        for s in &segments {
            if s.text_start != at || s.text_len == 0 || (s.copy && s.text_len != s.src_len) {
                return None;
            }
            at = s.text_end();
        }
        Some(Alignment { segments })
    }

    /// The segments, in text order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Length of the derived text this alignment covers.
    pub fn text_len(&self) -> usize {
        self.segments.last().map_or(0, Segment::text_end)
    }

    fn segment_at(&self, text_pos: usize) -> Option<&Segment> {
        let idx = self.segments.partition_point(|s| s.text_start <= text_pos);
        idx.checked_sub(1).map(|i| &self.segments[i])
    }

    fn map_start(&self, pos: usize) -> usize {
        match self.segment_at(pos) {
            Some(s) if pos < s.text_end() => {
                if s.copy {
                    s.src_start + (pos - s.text_start)
                } else {
                    s.src_start
                }
            }
            Some(s) => s.src_end(),
            None => 0,
        }
    }

    fn map_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.segments.first().map_or(0, |s| s.src_start);
        }
        match self.segment_at(pos - 1) {
            Some(s) if s.copy => s.src_start + (pos - s.text_start).min(s.text_len),
            Some(s) => s.src_end(),
            None => 0,
        }
    }

    /// Maps a byte range of the derived text to the span of source bytes it came from.
    ///
    /// Exact inside copy segments; widened to whole segments inside replaced ones. An empty
    /// range maps to an empty span at the mapped position.
    pub fn to_source(&self, range: Range<usize>) -> Span {
        let start = self.map_start(range.start);
        if range.end <= range.start {
            return Span::new(start, start);
        }
        Span::new(start, self.map_end(range.end))
    }

    /// Maps a source span to the byte range of the derived text that came from it, if any.
    ///
    /// Assumes the alignment is monotonic in the source (true of decoding and cleaning, which
    /// keep text in document order). Returns `None` when no derived byte comes from the span.
    pub fn to_text(&self, span: Span) -> Option<Range<usize>> {
        let mut start = None;
        let mut end = 0;
        for s in &self.segments {
            let (ss, se) = (s.src_start, s.src_end());
            // Inserted text (separators) has no source bytes, so no span maps onto it.
            let touches = s.src_len > 0 && ss < span.end && span.start < se;
            if !touches {
                if ss >= span.end && start.is_some() {
                    break;
                }
                continue;
            }
            let (ts, te) = if s.copy {
                let lo = span.start.max(ss) - ss;
                let hi = span.end.min(se) - ss;
                (s.text_start + lo, s.text_start + hi)
            } else {
                (s.text_start, s.text_end())
            };
            start.get_or_insert(ts);
            end = end.max(te);
        }
        start.map(|s| s..end)
    }

    /// Composes two alignments: `self` maps text to a middle text, `inner` maps the middle text
    /// to the source. The result maps text straight to the source.
    pub fn compose(&self, inner: &Alignment) -> Alignment {
        let mut b = AlignedTextBuilder::new();
        for s in &self.segments {
            if !s.copy {
                let span = inner.to_source(s.src_start..s.src_end());
                b.push_segment(s.text_len, span, false);
                continue;
            }
            // A copy segment may straddle several inner segments: split it along them.
            let mut mid = s.src_start;
            let mid_end = s.src_end();
            while mid < mid_end {
                let Some(inner_seg) = inner.segment_at(mid).copied() else {
                    break;
                };
                let piece_end = inner_seg.text_end().min(mid_end);
                if piece_end <= mid {
                    break;
                }
                if inner_seg.copy {
                    let src = inner_seg.src_start + (mid - inner_seg.text_start);
                    b.push_segment(piece_end - mid, Span::new(src, src + piece_end - mid), true);
                } else {
                    b.push_segment(
                        piece_end - mid,
                        Span::new(inner_seg.src_start, inner_seg.src_end()),
                        false,
                    );
                }
                mid = piece_end;
            }
        }
        b.alignment
    }
}

/// A derived text together with its alignment to the source bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlignedText {
    pub text: String,
    pub alignment: Alignment,
}

impl AlignedText {
    /// A text that is its own source.
    pub fn identity(text: String) -> AlignedText {
        let alignment = Alignment::identity(text.len());
        AlignedText { text, alignment }
    }

    /// The source span of a byte range of the text.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        self.alignment.to_source(range)
    }

    /// Re-anchors this text, whose alignment points into `inner`'s text, onto `inner`'s source.
    pub fn compose(self, inner: &Alignment) -> AlignedText {
        let alignment = self.alignment.compose(inner);
        AlignedText {
            text: self.text,
            alignment,
        }
    }
}

/// Builds an [`AlignedText`] piece by piece, in text order.
#[derive(Debug, Default)]
pub struct AlignedTextBuilder {
    text: String,
    alignment: Alignment,
}

impl AlignedTextBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The text built so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Appends `s`, which is a verbatim copy of the source bytes starting at `src_start`.
    pub fn push_copy(&mut self, s: &str, src_start: usize) {
        self.text.push_str(s);
        self.push_segment(s.len(), Span::new(src_start, src_start + s.len()), true);
    }

    /// Appends `s`, which stands for the source bytes of `src` without being a copy of them.
    pub fn push_replaced(&mut self, s: &str, src: Span) {
        self.text.push_str(s);
        self.push_segment(s.len(), src, false);
    }

    /// Appends `s`, which has no source (a separator), anchored at source position `at`.
    pub fn push_inserted(&mut self, s: &str, at: usize) {
        self.push_replaced(s, Span::new(at, at));
    }

    fn push_segment(&mut self, text_len: usize, src: Span, copy: bool) {
        if text_len == 0 {
            return;
        }
        let text_start = self.alignment.text_len();
        if copy {
            if let Some(last) = self.alignment.segments.last_mut() {
                if last.copy && last.src_end() == src.start {
                    last.text_len += text_len;
                    last.src_len += text_len;
                    return;
                }
            }
        }
        self.alignment.segments.push(Segment {
            text_start,
            text_len,
            src_start: src.start,
            src_len: src.len(),
            copy,
        });
    }

    /// The finished text.
    pub fn finish(self) -> AlignedText {
        debug_assert_eq!(self.text.len(), self.alignment.text_len());
        AlignedText {
            text: self.text,
            alignment: self.alignment,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(source: &str) -> AlignedText {
        // "a &amp; b" -> "a & b", with a block break inserted before "b".
        let mut b = AlignedTextBuilder::new();
        b.push_copy("a ", 0);
        b.push_replaced("&", Span::new(2, 7));
        b.push_copy(" ", 7);
        b.push_inserted("\n", 8);
        b.push_copy("b", 8);
        let t = b.finish();
        assert_eq!(&source[8..9], "b");
        t
    }

    #[test]
    fn copy_ranges_map_exactly() {
        let src = "a &amp; b";
        let t = build(src);
        assert_eq!(t.text, "a & \nb");
        assert_eq!(&src[t.source_span(0..1).range()], "a");
        assert_eq!(&src[t.source_span(5..6).range()], "b");
    }

    #[test]
    fn replaced_ranges_widen() {
        let src = "a &amp; b";
        let t = build(src);
        assert_eq!(&src[t.source_span(2..3).range()], "&amp;");
        assert_eq!(&src[t.source_span(0..6).range()], "a &amp; b");
        assert_eq!(t.source_span(3..3), Span::new(7, 7));
    }

    #[test]
    fn every_copied_byte_round_trips() {
        let src = "a &amp; b";
        let t = build(src);
        for seg in t.alignment.segments().iter().filter(|s| s.copy) {
            for i in seg.text_start..seg.text_start + seg.text_len {
                let span = t.source_span(i..i + 1);
                assert_eq!(&src[span.range()], &t.text[i..i + 1]);
            }
        }
    }

    #[test]
    fn to_text_inverts() {
        let src = "a &amp; b";
        let t = build(src);
        assert_eq!(t.alignment.to_text(Span::new(8, 9)), Some(5..6));
        assert_eq!(t.alignment.to_text(Span::new(3, 5)), Some(2..3));
    }

    #[test]
    fn compose_through_decoding() {
        // Source bytes: Latin-1 "caf\xe9 ok"; decoded "café ok" (é is 2 bytes).
        let mut dec = AlignedTextBuilder::new();
        dec.push_copy("caf", 0);
        dec.push_replaced("é", Span::new(3, 4));
        dec.push_copy(" ok", 4);
        let decoded = dec.finish();
        // Cleaning keeps "é ok" of the decoded text (bytes 3..9).
        let mut cl = AlignedTextBuilder::new();
        cl.push_copy("é ok", 3);
        let clean = cl.finish().compose(&decoded.alignment);
        assert_eq!(clean.source_span(0..2), Span::new(3, 4));
        assert_eq!(clean.source_span(3..5), Span::new(5, 7));
        assert!(Alignment::from_segments(clean.alignment.segments().to_vec()).is_some());
    }

    #[test]
    fn from_segments_rejects_gaps() {
        let bad = vec![Segment {
            text_start: 1,
            text_len: 1,
            src_start: 0,
            src_len: 1,
            copy: true,
        }];
        assert!(Alignment::from_segments(bad).is_none());
    }
}

//! Assembles cleaned blocks into one aligned text, one paragraph per block.

use chronicle_core::{AlignedText, AlignedTextBuilder, Span};
use std::ops::Range;

/// One piece of the block being built.
#[derive(Debug)]
enum Piece {
    /// Verbatim source text starting at the given source offset.
    Copy(String, usize),
    /// Text standing for a source span (a decoded entity, a collapsed space).
    Replaced(String, Span),
}

/// Collects blocks piece by piece; a block with no visible character is dropped whole. Ended
/// blocks are held until [`OutputBuilder::finish`], so that a tail of them can still be dropped.
#[derive(Debug, Default)]
pub struct OutputBuilder {
    builder: AlignedTextBuilder,
    blocks: Vec<Range<usize>>,
    /// Ended blocks not yet written: their pieces and the anchor of their separator.
    done: Vec<(Vec<Piece>, usize)>,
    current: Vec<Piece>,
    current_at: usize,
    has_text: bool,
    /// Source end of the last piece written to `builder`.
    builder_src_end: usize,
}

impl OutputBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a block whose first source byte is `at` (the anchor of its separator).
    pub fn start_block(&mut self, at: usize) {
        if !self.current.is_empty() {
            self.end_block();
        }
        self.current_at = at;
    }

    pub fn push_copy(&mut self, s: &str, src_start: usize) {
        if s.is_empty() {
            return;
        }
        if self.current.is_empty() {
            self.current_at = src_start;
        }
        self.has_text |= s.chars().any(|c| !c.is_whitespace());
        self.current.push(Piece::Copy(s.to_string(), src_start));
    }

    pub fn push_replaced(&mut self, s: &str, src: Span) {
        if s.is_empty() {
            return;
        }
        if self.current.is_empty() {
            self.current_at = src.start;
        }
        self.has_text |= s.chars().any(|c| !c.is_whitespace());
        self.current.push(Piece::Replaced(s.to_string(), src));
    }

    /// True when the block being built ends in white space (or is empty).
    pub fn ends_with_space(&self) -> bool {
        match self.current.last() {
            None => true,
            Some(Piece::Copy(s, _)) | Some(Piece::Replaced(s, _)) => {
                s.ends_with(char::is_whitespace)
            }
        }
    }

    /// Visible text of the block being built.
    pub fn current_text(&self) -> String {
        let mut s = String::new();
        for p in &self.current {
            match p {
                Piece::Copy(t, _) | Piece::Replaced(t, _) => s.push_str(t),
            }
        }
        s
    }

    /// Source position just after the last piece pushed (0 when nothing was pushed).
    pub fn last_src_end(&self) -> usize {
        match self.current.last() {
            Some(Piece::Copy(t, at)) => at + t.len(),
            Some(Piece::Replaced(_, span)) => span.end,
            None => self.builder_src_end,
        }
    }

    /// The source span covered by the block being built.
    pub fn current_span(&self) -> Option<Span> {
        let start = match self.current.first()? {
            Piece::Copy(_, at) => *at,
            Piece::Replaced(_, span) => span.start,
        };
        Some(Span::new(start, self.last_src_end().max(start)))
    }

    /// Discards the block being built.
    pub fn discard_block(&mut self) {
        self.current.clear();
        self.has_text = false;
    }

    /// Ends the block being built; it is kept when it has a visible character.
    pub fn end_block(&mut self) {
        let pieces = std::mem::take(&mut self.current);
        if !std::mem::take(&mut self.has_text) {
            return;
        }
        self.builder_src_end = match pieces.last() {
            Some(Piece::Copy(t, at)) => at + t.len(),
            Some(Piece::Replaced(_, span)) => span.end,
            None => self.builder_src_end,
        };
        self.done.push((pieces, self.current_at));
    }

    /// Writes one ended block, trimming white space at its two ends.
    fn write_block(&mut self, pieces: Vec<Piece>, at: usize) {
        if !self.builder.text().is_empty() {
            self.builder.push_inserted("\n\n", at);
        }
        let start = self.builder.text().len();
        let n = pieces.len();
        // Trim white space at the block's two ends, splitting copy pieces so that offsets stay
        // exact; white-space-only replaced pieces at the ends are skipped.
        let mut first = 0;
        while first < n && piece_text(&pieces[first]).trim().is_empty() {
            first += 1;
        }
        let mut last = n;
        while last > first && piece_text(&pieces[last - 1]).trim().is_empty() {
            last -= 1;
        }
        for (i, p) in pieces.iter().enumerate().take(last).skip(first) {
            let (mut lo, mut hi) = (0, piece_text(p).len());
            let t = piece_text(p);
            if i == first {
                lo = t.len() - t.trim_start().len();
            }
            if i + 1 == last {
                hi = t.trim_end().len();
            }
            match p {
                Piece::Copy(t, src) => self.builder.push_copy(&t[lo..hi], src + lo),
                Piece::Replaced(t, span) => {
                    if lo == 0 && hi == t.len() {
                        self.builder.push_replaced(t, *span);
                    } else {
                        self.builder.push_replaced(&t[lo..hi], *span);
                    }
                }
            }
        }
        let end = self.builder.text().len();
        if end > start {
            self.blocks.push(start..end);
        }
    }

    pub fn finish(self) -> (AlignedText, Vec<Range<usize>>) {
        let (text, blocks, _) = self.finish_trimmed(0, 0.0);
        (text, blocks)
    }

    /// Ends the output, first dropping the blocks after the last one of `min_words` words or
    /// more when together they hold under `share` of the words; returns the source spans of
    /// the dropped blocks too.
    pub fn finish_trimmed(
        mut self,
        min_words: usize,
        share: f32,
    ) -> (AlignedText, Vec<Range<usize>>, Vec<Span>) {
        self.end_block();
        let mut done = std::mem::take(&mut self.done);
        let mut dropped = Vec::new();
        if min_words > 0 {
            let words: Vec<usize> = done.iter().map(|(p, _)| block_words(p)).collect();
            let total: usize = words.iter().sum();
            let keep = words
                .iter()
                .rposition(|&w| w >= min_words)
                .map_or(done.len(), |k| k + 1);
            let tail: usize = words[keep..].iter().sum();
            if tail > 0 && (tail as f32) < share * total as f32 {
                for (pieces, _) in done.drain(keep..) {
                    if let Some(span) = pieces_span(&pieces) {
                        dropped.push(span);
                    }
                }
            }
        }
        for (pieces, at) in done {
            self.write_block(pieces, at);
        }
        (self.builder.finish(), self.blocks, dropped)
    }
}

/// Words (runs of letters, digits and `_`) in a block's pieces.
fn block_words(pieces: &[Piece]) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for p in pieces {
        for c in piece_text(p).chars() {
            let w = c.is_alphanumeric() || c == '_';
            n += usize::from(w && !in_word);
            in_word = w;
        }
    }
    n
}

/// The source span a block's pieces cover.
fn pieces_span(pieces: &[Piece]) -> Option<Span> {
    let start = match pieces.first()? {
        Piece::Copy(_, at) => *at,
        Piece::Replaced(_, span) => span.start,
    };
    let end = match pieces.last()? {
        Piece::Copy(t, at) => at + t.len(),
        Piece::Replaced(_, span) => span.end,
    };
    Some(Span::new(start, end.max(start)))
}

fn piece_text(p: &Piece) -> &str {
    match p {
        Piece::Copy(t, _) | Piece::Replaced(t, _) => t,
    }
}

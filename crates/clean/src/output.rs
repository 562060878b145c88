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

/// Collects blocks piece by piece; a block with no visible character is dropped whole.
#[derive(Debug, Default)]
pub struct OutputBuilder {
    builder: AlignedTextBuilder,
    blocks: Vec<Range<usize>>,
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

    /// Ends the block being built; it is kept when it has a visible character. Leading and
    /// trailing white space of the block is trimmed.
    pub fn end_block(&mut self) {
        let pieces = std::mem::take(&mut self.current);
        if !std::mem::take(&mut self.has_text) {
            return;
        }
        if !self.builder.text().is_empty() {
            self.builder.push_inserted("\n\n", self.current_at);
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
            self.builder_src_end = match p {
                Piece::Copy(_, src) => src + hi,
                Piece::Replaced(_, span) => span.end,
            };
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

    pub fn finish(mut self) -> (AlignedText, Vec<Range<usize>>) {
        self.end_block();
        (self.builder.finish(), self.blocks)
    }
}

fn piece_text(p: &Piece) -> &str {
    match p {
        Piece::Copy(t, _) | Piece::Replaced(t, _) => t,
    }
}

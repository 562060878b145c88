//! Integration tests of chronicle-clean: golden files, offset round trips, random-input stress.

#[path = "suite/fuzz.rs"]
mod fuzz;
#[path = "suite/golden.rs"]
mod golden;
#[path = "suite/roundtrip.rs"]
mod roundtrip;
#[path = "suite/stress.rs"]
mod stress;
#[path = "suite/wcxb.rs"]
mod wcxb;

use chronicle_clean::Cleaned;

/// Checks the alignment invariant of a cleaning result against its input: every copy segment is
/// the same bytes in both, every block is a range of the text, removed spans lie in the input.
pub fn assert_aligned(input: &str, c: &Cleaned) {
    let text = &c.text.text;
    let segs = c.text.alignment.segments();
    assert!(chronicle_core::Alignment::from_segments(segs.to_vec()).is_some());
    assert_eq!(c.text.alignment.text_len(), text.len());
    for s in segs {
        assert!(
            s.src_start + s.src_len <= input.len(),
            "segment past the input: {s:?}"
        );
        if s.copy {
            assert_eq!(
                &input[s.src_start..s.src_start + s.src_len],
                &text[s.text_start..s.text_start + s.text_len]
            );
        }
    }
    let mut prev_end = 0;
    for b in &c.blocks {
        assert!(b.start >= prev_end && b.end <= text.len() && b.start < b.end);
        assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end));
        prev_end = b.end;
    }
    for r in &c.removed {
        assert!(r.span.end <= input.len() && r.span.start <= r.span.end);
    }
}

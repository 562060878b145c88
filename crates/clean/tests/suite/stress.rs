//! Deterministic random-input stress: the cleaners never panic, keep their alignment valid and
//! finish in time linear in the input, on garbage, deep nesting and broken markup.
//!
//! The mutational fuzz loop over real-looking pages is `fuzz.rs` (ignored by default).

use chronicle_clean::{clean_html, clean_text};
use std::time::Instant;

/// A small xorshift generator, so the inputs are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "<p>",
    "</p>",
    "<div class=\"content\">",
    "</div>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&",
    "&#",
    "&#x1F600;",
    "&#99999999;",
    "&nbsp",
    "<a href='x'>",
    "</a>",
    "<br/>",
    "\"",
    "'",
    "=",
    " ",
    "\n",
    "text ",
    "é",
    "日本",
    "\u{0}",
    "<meta property=\"article:published_time\" content=\"2020-01-02\">",
    "<time datetime=",
    "<script type=\"application/ld+json\">{\"datePublished\":",
    "}",
    "<style>",
    "</style>",
    "<title>",
    "</title>",
    "<article>",
    "</article>",
    "<li>",
    "<table><tr><td>",
    "<h1>",
    "</h1>",
    "Skip to content",
    "Subscribe now",
    "— X (@x) May 1, 2020",
    "The minister said on Monday that the plan would go ahead as agreed. ",
];

#[test]
fn random_inputs_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let n = (rng.next() % 200) as usize;
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(rng.pick(PIECES));
        }
        let c = clean_html(&s);
        crate::assert_aligned(&s, &c);
        let c = clean_text(&s);
        crate::assert_aligned(&s, &c);
    }
}

#[test]
fn deep_nesting_finishes() {
    let depth = 10_000;
    let mut s = String::with_capacity(depth * 12);
    for _ in 0..depth {
        s.push_str("<div><span>");
    }
    s.push_str("The minister said on Monday that the plan would go ahead as agreed by all.");
    for _ in 0..depth {
        s.push_str("</span></div>");
    }
    let start = Instant::now();
    let c = clean_html(&s);
    crate::assert_aligned(&s, &c);
    assert!(c.text.text.contains("go ahead"));
    assert!(start.elapsed().as_secs() < 10);
}

#[test]
fn unclosed_tags_and_big_input_finish() {
    // About 4 MB of unclosed elements and stray brackets.
    let unit = "<div><p>Some text <b>bold <i>x < y > z & w <a href=\"";
    let s = unit.repeat(4_000_000 / unit.len());
    let start = Instant::now();
    let c = clean_html(&s);
    crate::assert_aligned(&s, &c);
    assert!(start.elapsed().as_secs() < 30);
    let t = "Subscribe now\nThe minister said on Monday.\n".repeat(50_000);
    let c = clean_text(&t);
    crate::assert_aligned(&t, &c);
}

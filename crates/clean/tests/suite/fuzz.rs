//! A mutational fuzz loop for the HTML path on the stable toolchain (cargo-fuzz needs a
//! nightly one): seeds are the golden pages (and, with `FUZZ_CORPUS=DIR`, every `.html` or
//! `.html.gz` file of a folder), mutated byte-wise by a fixed-seed generator; every result must
//! keep the alignment invariant, and no input may panic or take more than a few seconds.
//!
//! Ignored by default; run for N seconds with
//! `FUZZ_SECONDS=N cargo test -p chronicle-clean --release -- --ignored fuzz_html`
//! (`FUZZ_SEED` changes the generator's seed). A failing input is written to
//! `target/fuzz-failure.html` before the test fails.

use chronicle_clean::clean_html;
use std::path::Path;
use std::time::{Duration, Instant};

/// splitmix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments spliced in: the markup the cleaner treats specially.
const TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&",
    "&#",
    "&#x",
    ";",
    "\"",
    "'",
    "=",
    "<p>",
    "</p>",
    "<div class=\"comments\">",
    "<div class=\"related-posts\">",
    "</div>",
    "<h2>Related articles</h2>",
    "<h3>Reviews (3)</h3>",
    "<header>",
    "</header>",
    "<nav>",
    "<script>",
    "</script>",
    "<script type=\"application/ld+json\">",
    "{\"@type\":\"Product\"",
    "\"datePublished\":\"2021-08-12T19:35:44+00:00\"}",
    "<time datetime=\"2025-13-45\">",
    "Last updated: Dec 4, 2025",
    "<span itemprop=\"datePublished\">",
    "<h1>",
    "</h1>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<li>",
    "<a href=\"/x\">",
    "</a>",
    "$19.99",
    "<div hidden id=\"S:1\">",
    "<noscript>",
    "</noscript>",
    "\u{0}",
    "\u{feff}",
    "é",
    "日本語",
    "\u{1F600}",
    "â€™",
    "Ã©",
    "Â",
    "â\u{80}",
    "<br>",
    "<html",
    "<body>",
    "<head>",
    "<title>",
    "</title>",
    "<meta ",
];

fn seeds() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut dirs = vec![golden];
    if let Some(extra) = std::env::var_os("FUZZ_CORPUS") {
        dirs.push(extra.into());
    }
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = p.to_string_lossy();
            if name.ends_with(".html") {
                out.push(std::fs::read(&p).unwrap());
            } else if name.ends_with(".html.gz") {
                if let Ok(s) = chronicle_clean::wcxb::read_gz(&p) {
                    out.push(s.into_bytes());
                }
            }
        }
    }
    out
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(8) {
        let len = input.len();
        let at = rng.below(len + 1);
        match rng.below(8) {
            0 if len > 0 => input[at.min(len - 1)] = rng.next() as u8,
            1 => input.insert(at, rng.next() as u8),
            2 if len > 0 => {
                let end = (at + rng.below(64)).min(len);
                input.drain(at..end);
            }
            3 if len > 0 => {
                let end = (at + rng.below(256)).min(len);
                let piece = input[at..end].to_vec();
                let to = rng.below(input.len() + 1);
                input.splice(to..to, piece);
            }
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len());
                let end = (from + rng.below(512)).min(other.len());
                input.splice(at..at, other[from..end].iter().copied());
            }
            5 => input.truncate(at),
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(at..at, t.iter().copied());
            }
        }
    }
}

#[test]
#[ignore]
fn fuzz_html() {
    let secs: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED);
    let seeds = seeds();
    assert!(!seeds.is_empty());
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let (mut runs, mut bytes, mut slowest) = (0u64, 0u64, Duration::ZERO);
    while Instant::now() < deadline {
        let mut input = seeds[rng.below(seeds.len())].clone();
        // Chains of mutations drift far from the seed; most stay near it.
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut input, &seeds);
        }
        let page = String::from_utf8_lossy(&input).into_owned();
        let start = Instant::now();
        let outcome = std::panic::catch_unwind(|| {
            let c = clean_html(&page);
            crate::assert_aligned(&page, &c);
        });
        let took = start.elapsed();
        slowest = slowest.max(took);
        if outcome.is_err() || took > Duration::from_secs(5) {
            let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-failure.html");
            let _ = std::fs::write(&out, page.as_bytes());
            panic!(
                "input {runs} failed (panic: {}, {took:?}); written to {}",
                outcome.is_err(),
                out.display()
            );
        }
        runs += 1;
        bytes += page.len() as u64;
    }
    eprintln!(
        "fuzz_html: {runs} inputs, {} MB, slowest {slowest:?}, seed {seed:#x}, {} seeds",
        bytes / 1_000_000,
        seeds.len()
    );
}

//! Deterministic random-input stress tests of the parsers of outside input (WARC records, JSON
//! Lines, charset decoding): no panic, and every alignment stays inside its source. A stand-in
//! for fuzzing, which needs a nightly toolchain this project does not use.

use chronicle_ingest::{decode, read_path, unescape_json_string, Item, Limits};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Bytes biased towards the characters that matter to the parsers.
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        const PIECES: &[&[u8]] = &[
            b"WARC/1.0\r\n",
            b"Content-Length: 12\r\n",
            b"\r\n\r\n",
            b"HTTP/1.1 200 OK\r\n",
            b"Content-Type: text/html\r\n",
            b"Transfer-Encoding: chunked\r\n",
            b"\\u00e9",
            b"\\ud83d",
            b"\\\"",
            b"\"text\": \"",
            b"{",
            b"}",
            b"\n",
            b"<meta charset=\"iso-8859-1\">",
            b"\xff\xfe",
            b"\xe9",
            b"\xc3",
            b"\x00",
            b"\xef\xbb\xbf",
            b"0\r\n",
        ];
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            if self.below(3) == 0 {
                out.extend_from_slice(PIECES[self.below(PIECES.len())]);
            } else {
                out.push(self.next() as u8);
            }
        }
        out
    }
}

#[test]
fn decoding_random_bytes_never_panics_and_stays_in_bounds() {
    let mut rng = Rng(0x5EED_1234);
    for round in 0..3000 {
        let len = rng.below(400);
        let raw = rng.bytes(len);
        let d = decode(&raw, round % 2 == 0);
        for seg in d.text.alignment.segments() {
            assert!(
                seg.src_start + seg.src_len <= raw.len(),
                "round {round}: {seg:?} past {}",
                raw.len()
            );
            if seg.copy {
                let text = &d.text.text.as_bytes()[seg.text_start..seg.text_start + seg.text_len];
                assert_eq!(
                    text,
                    &raw[seg.src_start..seg.src_start + seg.src_len],
                    "round {round}"
                );
            }
        }
    }
}

#[test]
fn unescaping_random_json_strings_never_panics() {
    let mut rng = Rng(42);
    for round in 0..3000 {
        let len = rng.below(200);
        let body = String::from_utf8_lossy(&rng.bytes(len)).replace('"', "'");
        let line = format!("{{\"text\": \"{body}\"}}");
        let start = line.find("\"text\": ").unwrap() + "\"text\": ".len();
        let t = unescape_json_string(&line, start..line.len() - 1);
        for seg in t.alignment.segments() {
            assert!(seg.src_start + seg.src_len <= line.len(), "round {round}");
        }
    }
}

#[test]
fn reading_random_files_of_every_format_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(7);
    for (i, ext) in ["warc", "jsonl", "txt", "html", "warc.gz", "jsonl.zst"]
        .iter()
        .cycle()
        .take(240)
        .enumerate()
    {
        let len = rng.below(2000);
        let bytes = rng.bytes(len);
        std::fs::write(dir.path().join(format!("f{i}.{ext}")), bytes).unwrap();
    }
    let (mut docs, mut problems) = (0, 0);
    read_path(dir.path(), &Limits::default(), &mut |item| match item {
        Item::Doc(d) => {
            docs += 1;
            assert!(!d.raw.is_empty());
        }
        Item::Problem(p) => {
            problems += 1;
            assert!(p.path.contains(dir.path().to_str().unwrap()), "{p}");
        }
    });
    assert!(
        docs + problems >= 240,
        "every file yields a document or a problem ({docs} + {problems})"
    );
}

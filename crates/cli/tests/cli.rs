//! End-to-end tests of the `chronicle` binary: every input format, the bad-input catalogue,
//! idempotent re-ingest, copy detection, extract output, and a kill -9 in the middle of a
//! 10,000-document ingest.

use std::io::Write;
use std::path::Path;

mod common;
use common::{bin, examples, gzip, run, stderr, stdout};

fn list(data: &Path) -> Vec<serde_json::Value> {
    let o = run(data, &["list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

const ARTICLE: &str =
    "U.N. spokesman Stephane Dujarric told reporters on Monday that the secretary-general \
raised the situation in Xinjiang with President Xi Jinping during his visit to Beijing.\n\
Human Rights Watch said an estimated 1 million Uighurs are held in camps.\n";

const PAGE: &str = "<!doctype html><html><head><title>UN chief raises Xinjiang</title>\
<meta property=\"article:published_time\" content=\"2019-04-29T10:00:00Z\"></head><body>\
<nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a></nav><article><h1>UN chief raises Xinjiang</h1>\
<p>U.N. spokesman Stephane Dujarric told reporters on Monday that the secretary-general raised the \
situation in Xinjiang with President Xi Jinping during his visit to Beijing.</p>\
<p>Human Rights Watch said an estimated 1 million Uighurs are held in camps &amp; prisons.</p>\
</article><footer>© 2019 Example News</footer></body></html>";

fn warc_record(uri: &str, http_body: &str) -> Vec<u8> {
    let http =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{http_body}");
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[test]
fn ingest_seeds_list_show_export() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = run(&data, &["ingest", examples().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ingested 5 new document(s)"),
        "{}",
        stderr(&o)
    );
    let docs = list(&data);
    assert_eq!(docs.len(), 5);
    // Sidecar metadata: the seeds' publication dates come from examples/meta.jsonl.
    assert_eq!(docs[0]["published"], "2019-04-29");
    assert_eq!(docs[1]["outlet"], "Human Rights Watch");
    let show = run(&data, &["show", "1"]);
    assert!(
        stdout(&show).contains("Stephane Dujarric"),
        "{}",
        stdout(&show)
    );
    assert!(stdout(&show).contains("published  2019-04-29 (from sidecar)"));
    let json = run(&data, &["show", "1", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["meta"]["published"], "2019-04-29");
    let csv = run(&data, &["export", "--format", "csv"]);
    let text = stdout(&csv);
    assert_eq!(text.lines().count(), 6, "{text}");
    assert!(text.lines().next().unwrap().contains("published"));
    let jsonl = run(&data, &["export"]);
    assert_eq!(stdout(&jsonl).lines().count(), 5);
    let first: serde_json::Value =
        serde_json::from_str(stdout(&jsonl).lines().next().unwrap()).unwrap();
    assert!(first["text"].as_str().unwrap().contains("Guterres"));
}

#[test]
fn every_format_is_read_with_offsets_into_the_original() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir_all(inputs.join("sub")).unwrap();
    std::fs::write(inputs.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(inputs.join("b.html"), PAGE).unwrap();
    std::fs::write(
        inputs.join("sub/c.txt.gz"),
        gzip(ARTICLE.replace("Monday", "Tuesday").as_bytes()),
    )
    .unwrap();
    std::fs::write(
        inputs.join("d.html.zst"),
        zstd::encode_all(PAGE.replace("Monday", "Friday").as_bytes(), 3).unwrap(),
    )
    .unwrap();
    let lines = [
        serde_json::json!({"id": "j1", "text": ARTICLE.replace("Monday", "Wednesday"), "title": "J one", "published": "2019-05-01", "outlet": "Wire", "author": "A. Writer", "url": "https://wire.test/1"}),
        serde_json::json!({"id": "j2", "html": PAGE.replace("Monday", "Thursday")}),
    ];
    let jsonl: String = lines.iter().map(|l| l.to_string() + "\n").collect();
    std::fs::write(inputs.join("e.jsonl"), jsonl).unwrap();
    let mut warc = warc_record("https://news.test/a", &PAGE.replace("Monday", "Saturday"));
    warc.extend(warc_record(
        "https://news.test/b",
        &PAGE.replace("Monday", "Sunday"),
    ));
    std::fs::write(inputs.join("f.warc.gz"), gzip(&warc)).unwrap();
    // Latin-1 HTML with its charset declared: é is one byte in the source.
    let mut latin = b"<html><head><meta charset=\"iso-8859-1\"></head><body><article><p>Caf\xe9 society in \
Geneva debated the report of the high commissioner for many hours on Tuesday evening.</p></article></body></html>"
        .to_vec();
    latin.extend_from_slice(b"\n");
    std::fs::write(inputs.join("g.htm"), &latin).unwrap();

    let data = tmp.path().join("data");
    let o = run(&data, &["ingest", inputs.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = list(&data);
    assert_eq!(docs.len(), 9, "{docs:#?}\n{}", stderr(&o));
    let by_source = |s: &str| {
        docs.iter()
            .filter(|d| d["source"].as_str().unwrap().ends_with(s))
            .collect::<Vec<_>>()
    };
    assert_eq!(by_source("e.jsonl").len(), 2);
    assert_eq!(by_source("f.warc.gz").len(), 2);
    let j1 = by_source("e.jsonl")[0];
    assert_eq!(j1["title"], "J one");
    assert_eq!(j1["published"], "2019-05-01");

    // Every document: each copy segment of the clean text equals its source bytes.
    for d in &docs {
        let id = d["id"].as_str().unwrap();
        let o = run(&data, &["show", id, "--json"]);
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let text = doc["clean"]["text"].as_str().unwrap();
        assert!(
            text.contains("Geneva") || text.contains("Dujarric"),
            "{id}: {text}"
        );
        assert!(!text.contains("<p>"), "markup left in {id}: {text}");
        let source = d["source"].as_str().unwrap();
        let raw = original_bytes(source, &d["record"]);
        for seg in doc["clean"]["alignment"].as_array().unwrap() {
            let s: Vec<usize> = seg.as_array().unwrap()[..4]
                .iter()
                .map(|v| v.as_u64().unwrap() as usize)
                .collect();
            if seg[4].as_bool().unwrap() {
                assert_eq!(
                    text.as_bytes()[s[0]..s[0] + s[1]],
                    raw[s[2]..s[2] + s[3]],
                    "segment {seg} of {source}"
                );
            }
        }
    }
    let g = by_source("g.htm")[0];
    let o = run(&data, &["show", g["id"].as_str().unwrap(), "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["encoding"], "windows-1252");
    assert!(doc["clean"]["text"].as_str().unwrap().contains("Café"));

    fn original_bytes(source: &str, record: &serde_json::Value) -> Vec<u8> {
        let bytes = std::fs::read(source).unwrap();
        let plain = if source.ends_with(".gz") {
            let mut out = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::MultiGzDecoder::new(&bytes[..]),
                &mut out,
            )
            .unwrap();
            out
        } else if source.ends_with(".zst") {
            zstd::decode_all(&bytes[..]).unwrap()
        } else {
            bytes
        };
        if source.contains(".jsonl") {
            let n: usize = record
                .as_str()
                .unwrap()
                .trim_start_matches("line ")
                .parse()
                .unwrap();
            return plain.split(|&b| b == b'\n').nth(n - 1).unwrap().to_vec();
        }
        if source.contains(".warc") {
            // The original of a WARC document is the HTTP payload of its record.
            let n: usize = record
                .as_str()
                .unwrap()
                .split_whitespace()
                .nth(1)
                .unwrap()
                .parse()
                .unwrap();
            let text = String::from_utf8(plain).unwrap();
            let rec = text.split("WARC/1.0").nth(n).unwrap();
            let body = rec.splitn(3, "\r\n\r\n").nth(2).unwrap();
            return body.trim_end_matches("\r\n\r\n").as_bytes().to_vec();
        }
        plain
    }
}

#[test]
fn bad_inputs_get_one_line_each_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::write(inputs.join("good.txt"), ARTICLE).unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(inputs.join("blank.txt"), "  \n\n ").unwrap();
    std::fs::write(
        inputs.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 4, 5],
    )
    .unwrap();
    std::fs::write(
        inputs.join("latin1.txt"),
        b"Caf\xe9 owners in Geneva said on Monday that prices rose.\n",
    )
    .unwrap();
    let gz = gzip(ARTICLE.repeat(50).as_bytes());
    std::fs::write(inputs.join("truncated.txt.gz"), &gz[..gz.len() / 2]).unwrap();
    let mut warc = warc_record("https://news.test/ok", PAGE);
    let cut = warc_record("https://news.test/cut", PAGE);
    warc.extend_from_slice(&cut[..cut.len() - 40]);
    std::fs::write(inputs.join("truncated.warc"), warc).unwrap();
    let jsonl = format!(
        "{}\n{{not json\n{{\"title\": \"no text\"}}\n{}\n",
        serde_json::json!({"text": "First good line about the Geneva talks on human rights, reported on Monday."}),
        serde_json::json!({"text": "Second good line about the Geneva talks on detention, reported on Tuesday."})
    );
    std::fs::write(inputs.join("mixed.jsonl"), jsonl).unwrap();
    std::fs::write(inputs.join("notes.pdf"), "%PDF-1.4").unwrap();
    // Two pages without article text: each is kept with a warning, and neither is a copy.
    let nav = "<html><body><nav><a href=\"/\">Home</a></nav></body></html>";
    std::fs::write(inputs.join("nav.html"), nav).unwrap();
    std::fs::write(inputs.join("nav2.htm"), nav.replace("Home", "Start")).unwrap();
    // A 100 MB file: over the 32 MB document limit, so it is refused with a message.
    let big = inputs.join("big.txt");
    let mut f = std::fs::File::create(&big).unwrap();
    let line = "All work and no play makes a very long file indeed. ".repeat(20) + "\n";
    for _ in 0..(100 * 1024 * 1024 / line.len() + 1) {
        f.write_all(line.as_bytes()).unwrap();
    }
    drop(f);

    let data = tmp.path().join("data");
    let missing = tmp.path().join("does-not-exist");
    let o = run(
        &data,
        &[
            "ingest",
            inputs.to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let expect = [
        ("empty.txt", "empty file"),
        ("blank.txt", "only white space"),
        ("binary.txt", "binary content"),
        ("latin1.txt", "not valid UTF-8"),
        ("truncated.txt.gz", "truncated or corrupt compressed data"),
        ("truncated.warc", "truncated"),
        ("mixed.jsonl: line 2", "invalid JSON"),
        ("mixed.jsonl: line 3", "no `text` or `html` field"),
        ("notes.pdf", "unsupported file type"),
        ("nav.html", "no article text found"),
        ("nav2.htm", "no article text found"),
        ("big.txt", "over the document limit"),
        ("does-not-exist", "cannot read"),
    ];
    for (file, reason) in expect {
        let lines: Vec<&str> = err
            .lines()
            .filter(|l| l.contains(file) && l.contains(reason))
            .collect();
        assert_eq!(
            lines.len(),
            1,
            "expected one line for {file} / {reason} in:\n{err}"
        );
    }
    // good.txt, latin1.txt, the WARC's first record, two JSON lines and the two pages
    // without text are in.
    assert_eq!(list(&data).len(), 7, "{err}");
    assert!(err.contains("ingested 7 new document(s)"), "{err}");
    let docs = list(&data);
    let navs: Vec<_> = docs
        .iter()
        .filter(|d| d["source"].as_str().unwrap().contains("/nav"))
        .collect();
    assert_eq!(navs.len(), 2);
    assert!(navs.iter().all(|d| d["copies"] == 0), "{navs:?}");
    // --strict turns problems into a failing exit status, without losing what was read.
    let strict = run(&data, &["ingest", "--strict", inputs.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(3));
    assert_eq!(list(&data).len(), 7);
    // Nothing readable at all: exit status 3.
    let nothing = run(
        &tmp.path().join("data2"),
        &["ingest", inputs.join("empty.txt").to_str().unwrap()],
    );
    assert_eq!(nothing.status.code(), Some(3));
}

#[test]
fn reingest_changes_nothing_and_copies_are_related() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let story = std::fs::read_to_string(examples().join("000_4af8160f90ad8d88.txt")).unwrap();
    std::fs::write(inputs.join("ap.txt"), &story).unwrap();
    // A syndicated copy: the same story trimmed of its last two paragraphs, another outlet.
    let trimmed: Vec<&str> = story.lines().collect();
    let trimmed = trimmed[..trimmed.len() - 2].join("\n");
    std::fs::write(inputs.join("copy.txt"), &trimmed).unwrap();
    std::fs::write(
        inputs.join("meta.jsonl"),
        "{\"file\": \"ap.txt\", \"outlet\": \"AP\"}\n{\"file\": \"copy.txt\", \"outlet\": \"Local Times\"}\n",
    )
    .unwrap();
    // The same article as a JSON line: same text, different bytes.
    std::fs::write(
        inputs.join("feed.jsonl"),
        serde_json::json!({"text": story}).to_string() + "\n",
    )
    .unwrap();
    let data = tmp.path().join("data");
    let first = run(&data, &["ingest", inputs.to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = list(&data);
    assert_eq!(before.len(), 3);
    let again = run(&data, &["ingest", inputs.to_str().unwrap()]);
    assert!(
        stderr(&again).contains("0 new document(s), 3 unchanged"),
        "{}",
        stderr(&again)
    );
    assert_eq!(list(&data), before);
    let copies = run(&data, &["export", "--table", "copies"]);
    let rels: Vec<serde_json::Value> = stdout(&copies)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = rels.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"exact"), "{rels:#?}");
    assert!(
        kinds.contains(&"contained") || kinds.contains(&"near"),
        "{rels:#?}"
    );
    assert!(rels.iter().any(|r| r["cross_outlet"] == true), "{rels:#?}");
}

#[test]
fn extract_writes_the_evaluation_format() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let meta = examples().join("meta.jsonl");
    let mut args = vec![
        "extract".to_string(),
        "--meta".into(),
        meta.display().to_string(),
    ];
    for e in std::fs::read_dir(examples()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            args.push(p.display().to_string());
        }
    }
    args.extend(["--out".into(), out.display().to_string()]);
    let o = bin().args(&args).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let rec: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("000_4af8160f90ad8d88.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(rec["doc"], "000_4af8160f90ad8d88.txt");
    assert_eq!(rec["published"], "2019-04-29");
    assert!(rec["body"]
        .as_str()
        .unwrap()
        .starts_with("Secretary-General Antonio Guterres"));
    for key in [
        "entities",
        "quotes",
        "timexes",
        "claims",
        "events",
        "calls_to_action",
    ] {
        assert!(rec[key].is_array(), "{key}");
    }
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 5);
}

/// Kill -9 in the middle of a 10,000-document ingest, then run it again: every document is
/// there once, with the right content.
#[test]
fn kill_9_mid_ingest_loses_nothing_and_doubles_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let n_files = 10;
    let per_file = 1000;
    for f in 0..n_files {
        let mut out = String::new();
        for i in 0..per_file {
            let n = f * per_file + i;
            let text = format!(
                "Report {n}: officials in city {n} said on Monday that {n} people attended the hearing on \
                 detention in Xinjiang. The spokesman for office {n} told reporters the review would continue.\n\
                 A second paragraph for document {n} adds that the commission met {} times last year.",
                n % 17
            );
            out.push_str(&serde_json::json!({"id": n, "text": text}).to_string());
            out.push('\n');
        }
        std::fs::write(inputs.join(format!("part{f:02}.jsonl")), out).unwrap();
    }
    let data = tmp.path().join("data");
    let mut child = bin()
        .arg("--data-dir")
        .arg(&data)
        .args([
            "ingest",
            "--no-analyze",
            "-j",
            "1",
            inputs.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let db = data.join("chronicle.db");
    let count = |db: &Path| -> i64 {
        let Ok(conn) =
            rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        else {
            return 0;
        };
        conn.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
            .unwrap_or(0)
    };
    let started = std::time::Instant::now();
    while count(&db) < 500 && started.elapsed().as_secs() < 120 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let at_kill = count(&db);
    assert!(
        at_kill > 0 && at_kill < 10_000,
        "the kill must land mid-ingest (had {at_kill})"
    );

    let o = run(&data, &["ingest", "--no-analyze", inputs.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let total: i64 = conn
        .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total, 10_000);
    let distinct: i64 = conn
        .query_row("SELECT COUNT(DISTINCT given_id) FROM documents", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(distinct, 10_000);
    let seqs: i64 = conn
        .query_row("SELECT COUNT(DISTINCT seq) FROM documents", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(seqs, 10_000);
    // Content: every stored text is the one its id was generated with.
    let mut stmt = conn
        .prepare("SELECT given_id, clean_text FROM documents")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap();
    for row in rows {
        let (id, text) = row.unwrap();
        assert!(
            text.starts_with(&format!("Report {id}: officials in city {id} said")),
            "{id}: {text}"
        );
        assert!(text.contains(&format!("document {id} adds")), "{id}");
    }
    let added: i64 = conn
        .query_row("SELECT added FROM runs ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        added,
        10_000 - at_kill.min(10_000),
        "the re-run adds exactly what was missing"
    );
}

/// The seed gold score stays at the level reached (floors in tests/floors/seeds.json). Needs
/// ../shared/eval/seeds; skips with a note on a machine without it.
#[test]
fn seed_scores_stay_above_their_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let gold = root.join("../shared/eval/seeds");
    if !gold.is_dir() {
        eprintln!("skipped: {} is absent", gold.display());
        return;
    }
    let floors = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/floors/seeds.json");
    let o = bin()
        .args(["eval", "seeds", "--gold"])
        .arg(&gold)
        .arg("--seeds")
        .arg(examples())
        .arg("--floors")
        .arg(&floors)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("quotes_attributed"), "{}", stdout(&o));
}

/// Analysis never fails on strange text: random and hostile inputs through the whole pipeline
/// give documents or problem lines, never a panic (exit status 101).
#[test]
fn the_whole_pipeline_survives_hostile_input() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces = [
        "“",
        "”",
        "‘",
        "’",
        "\"",
        "'",
        " said ",
        " told reporters ",
        "U.N.",
        "Mr. ",
        " Monday ",
        " between 800,000 and two million ",
        "\n",
        "\n\n",
        " — ",
        "...",
        "<p>",
        "</div>",
        "&amp;",
        "<script>",
        "Xinjiang",
        "1.5bn",
        "@handle",
        "https://x.test/a?b=c",
        "\u{200b}",
        "٣",
        "🙂",
    ];
    for i in 0..40 {
        let mut text = String::new();
        for _ in 0..(next() % 300) {
            if next() % 3 == 0 {
                text.push(char::from_u32((next() % 0x3000) as u32).unwrap_or('?'));
            } else {
                text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
        }
        let ext = if i % 2 == 0 { "txt" } else { "html" };
        std::fs::write(inputs.join(format!("h{i:02}.{ext}")), text).unwrap();
    }
    // One very long line without any sentence end, and deep nesting.
    std::fs::write(inputs.join("long.txt"), "word ".repeat(200_000)).unwrap();
    std::fs::write(
        inputs.join("deep.html"),
        "<div>".repeat(20_000) + "text" + &"</div>".repeat(20_000),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = bin()
        .args(["extract", "-q"])
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(101), "panic:\n{}", stderr(&o));
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(3),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

/// Provenance over the bundled examples: every stored fact (entity mentions, quotations and
/// their cues, dates, figures, events and calls to action) names a byte range of the original file that holds exactly the
/// text the fact claims; so do the spans of `export` and of `extract`.
#[test]
fn every_fact_of_the_examples_points_to_its_bytes_in_the_original() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = run(&data, &["ingest", examples().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The report quotes one quotation per document, without doubling its quotation marks.
    assert!(stdout(&o).contains(" said: “"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("““"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("”…”"), "{}", stdout(&o));
    let docs = list(&data);
    assert_eq!(docs.len(), 5);
    let at = |raw: &[u8], span: &serde_json::Value, what: &str| -> String {
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert!(
            s < e && e <= raw.len(),
            "{what}: span {s}..{e} of {}",
            raw.len()
        );
        String::from_utf8(raw[s..e].to_vec())
            .unwrap_or_else(|_| panic!("{what}: {s}..{e} cuts a character"))
    };
    let mut checked = std::collections::HashMap::<&str, usize>::new();
    let mut originals = std::collections::HashMap::new();
    for d in &docs {
        let id = d["id"].as_str().unwrap();
        let source = d["source"].as_str().unwrap().to_string();
        let raw = std::fs::read(&source).unwrap();
        let o = run(&data, &["show", id, "--json"]);
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let l = &doc["layers"];
        let mut check = |kind: &'static str, text: &serde_json::Value, span: &serde_json::Value| {
            let what = format!("{source}: {kind} {text}");
            assert_eq!(at(&raw, span, &what), text.as_str().unwrap(), "{what}");
            *checked.entry(kind).or_default() += 1;
        };
        for e in l["entities"].as_array().unwrap() {
            for m in e["mentions"].as_array().unwrap() {
                check("mention", &m["text"], &m["span"]);
            }
        }
        for q in l["quotes"].as_array().unwrap() {
            check("quote", &q["text"], &q["span"]);
            if !q["cue"].is_null() {
                check("cue", &q["cue"], &q["cue_span"]);
            }
            if !q["speaker_span"].is_null() {
                at(
                    &raw,
                    &q["speaker_span"],
                    &format!("{source}: speaker of {}", q["text"]),
                );
            }
        }
        for t in l["timexes"].as_array().unwrap() {
            check("timex", &t["text"], &t["span"]);
        }
        for c in l["claims"].as_array().unwrap() {
            check("claim", &c["text"], &c["span"]);
        }
        for e in l["events"].as_array().unwrap() {
            check("event", &e["evidence"], &e["span"]);
        }
        for c in l["calls_to_action"].as_array().unwrap() {
            check("call", &c["evidence"], &c["span"]);
        }
        for s in l["sentences"].as_array().unwrap() {
            at(&raw, s, &format!("{source}: sentence"));
        }
        originals.insert(source, raw);
    }
    for kind in ["mention", "quote", "cue", "timex", "claim", "event", "call"] {
        assert!(
            checked.get(kind).copied().unwrap_or(0) >= 5,
            "{kind}: {checked:?}"
        );
    }
    // The flat tables of `export` carry the same spans.
    for table in ["quotes", "timexes", "claims"] {
        let o = run(&data, &["export", "--table", table]);
        assert!(o.status.success(), "{}", stderr(&o));
        let mut rows = 0;
        for line in stdout(&o).lines() {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            let raw = &originals[row["source"].as_str().unwrap()];
            assert_eq!(
                at(raw, &row, table),
                row["text"].as_str().unwrap(),
                "{table}: {row}"
            );
            rows += 1;
        }
        assert!(rows >= 5, "{table}: {rows} rows");
    }
    // So do `export --table events|calls` and `chronicle events [--calls] --json`, on their
    // evidence.
    for args in [
        &["export", "--table", "events"][..],
        &["export", "--table", "calls"],
        &["events", "--json"],
        &["events", "--calls", "--json"],
    ] {
        let o = run(&data, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let mut rows = 0;
        for line in stdout(&o).lines() {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            let raw = &originals[row["source"].as_str().unwrap()];
            let what = format!("{args:?}: {row}");
            assert_eq!(
                at(raw, &row, &what),
                row["evidence"].as_str().unwrap(),
                "{what}"
            );
            rows += 1;
        }
        assert!(rows >= 5, "{args:?}: {rows} rows");
    }
    // And every figure `chronicle claims` compares, group by group.
    let o = run(&data, &["claims", "--all", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut figures = 0;
    let mut largest = 0;
    for line in stdout(&o).lines() {
        let group: serde_json::Value = serde_json::from_str(line).unwrap();
        largest = largest.max(group["documents"].as_u64().unwrap());
        for f in group["figures"].as_array().unwrap() {
            let raw = &originals[f["source"].as_str().unwrap()];
            assert_eq!(at(raw, f, "claims"), f["text"].as_str().unwrap(), "{f}");
            figures += 1;
        }
    }
    assert!(figures >= 10, "{figures} figures");
    // The examples' counts of detained Uyghurs (three spellings, four reports) are compared.
    assert!(largest >= 4, "largest group: {largest} documents");
    // And an entity's page: one person across the five reports, each quotation and event of
    // hers at its bytes.
    let o = run(&data, &["entities", "--name", "Bachelet", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(page["documents"], 5, "{page}");
    assert_eq!(page["type"], "PERSON");
    for (list, text) in [("quotations", "text"), ("event_list", "evidence")] {
        let items = page[list].as_array().unwrap();
        assert!(items.len() >= 5, "{list}: {}", items.len());
        for f in items {
            let raw = &originals[f["source"].as_str().unwrap()];
            assert_eq!(at(raw, f, list), f[text].as_str().unwrap(), "{f}");
        }
    }
    // `extract` writes the same offsets into the evaluation format.
    let out = tmp.path().join("out");
    let o = bin()
        .args(["extract", "-q", "--meta"])
        .arg(examples().join("meta.jsonl"))
        .arg(examples())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    for (source, raw) in &originals {
        let name = Path::new(source).file_stem().unwrap().to_str().unwrap();
        let rec: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        for key in ["quotes", "timexes", "claims"] {
            for f in rec[key].as_array().unwrap() {
                assert_eq!(
                    at(raw, f, key),
                    f["text"].as_str().unwrap(),
                    "{name} {key}: {f}"
                );
            }
        }
        for e in rec["entities"].as_array().unwrap() {
            for m in e["mentions"].as_array().unwrap() {
                assert_eq!(
                    at(raw, m, "mention"),
                    m["text"].as_str().unwrap(),
                    "{name}: {m}"
                );
            }
        }
    }
}

/// A symbolic link back to a parent folder is followed once, not until the path is too long;
/// two inputs with the same name do not overwrite each other's `extract` output.
#[cfg(unix)]
#[test]
fn a_link_cycle_is_read_once_and_same_names_keep_both_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir_all(inputs.join("sub")).unwrap();
    std::fs::write(inputs.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(
        inputs.join("sub/a.txt"),
        ARTICLE.replace("Monday", "Friday"),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", inputs.join("sub/up")).unwrap();
    let data = tmp.path().join("data");
    let o = run(&data, &["ingest", inputs.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("ingested 2 new document(s), 0 unchanged, 0 error(s), 1 warning(s)"),
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| l.contains("already read")).count(),
        1,
        "{err}"
    );
    let out = tmp.path().join("out");
    let o = bin()
        .arg("extract")
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["a.2.json", "a.json"], "{err}");
    assert!(err.contains("written as a.2.json"), "{err}");
    assert!(err.contains("0 error(s), 2 warning(s)"), "{err}"); // the link, the name
                                                                // With --strict, a warning makes the exit status 3, as for `ingest`.
    let strict = bin()
        .args(["extract", "--strict"])
        .arg(&inputs)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(3), "{}", stderr(&strict));
}

/// Exit statuses of `search` follow the convention of `chronicle --help`: no hit is still a
/// success, a query FTS5 cannot parse is wrong usage; output cut short by a closed pipe is not
/// a failure either.
#[test]
fn search_and_closed_pipes_exit_as_documented() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = run(&data, &["ingest", "-q", examples().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hit = run(&data, &["search", "Bachelet"]);
    assert_eq!(hit.status.code(), Some(0));
    let none = run(&data, &["search", "zzzunknownword"]);
    assert_eq!(none.status.code(), Some(0), "{}", stderr(&none));
    assert!(stderr(&none).contains("0 hit(s)"));
    let bad_date = run(&data, &["ingest", "--published", "yesterday", "x.txt"]);
    assert_eq!(bad_date.status.code(), Some(2), "{}", stderr(&bad_date));
    assert!(stderr(&bad_date).contains("not a date like 2019-04-29"));
    for cmd in ["ingest", "extract"] {
        let no_meta = run(&data, &[cmd, "--meta", "missing.jsonl", "x.txt"]);
        assert_eq!(no_meta.status.code(), Some(2), "{}", stderr(&no_meta));
        assert!(
            stderr(&no_meta).contains("missing.jsonl") && stderr(&no_meta).contains("no such file"),
            "{}",
            stderr(&no_meta)
        );
    }
    let unknown = run(&data, &["show", "99"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("no document matches \"99\""));
    let bad = run(&data, &["search", "AND OR ("]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    assert_eq!(stderr(&bad).lines().count(), 1, "{}", stderr(&bad));
    assert_eq!(
        stderr(&bad).matches("syntax error").count(),
        1,
        "{}",
        stderr(&bad)
    );
    // `chronicle export | head -c 10`: the reader goes away early.
    let mut child = bin()
        .arg("--data-dir")
        .arg(&data)
        .arg("export")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("error"), "{}", stderr(&o));
    // A listing that cannot write (a full disk) fails and says why.
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        for cmd in [
            &["quotes"][..],
            &["search", "--json", "Bachelet"],
            &["claims"],
        ] {
            let o = bin()
                .arg("--data-dir")
                .arg(&data)
                .args(cmd)
                .stdout(full.try_clone().unwrap())
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(1), "{cmd:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("No space left"),
                "{cmd:?}: {}",
                stderr(&o)
            );
        }
    }
}

/// The examples of the reading commands' `--help` work on the bundled examples as printed
/// (those without a pipe or a redirection).
#[test]
fn help_examples_work_as_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = run(&data, &["ingest", "-q", examples().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Splits a command line on spaces outside quotes, removing the quotes (as a shell does).
    fn words(line: &str) -> Vec<String> {
        let (mut out, mut word, mut quote, mut any) = (Vec::new(), String::new(), None, false);
        for c in line.chars() {
            match (quote, c) {
                (None, '\'' | '"') => (quote, any) = (Some(c), true),
                (Some(q), c) if c == q => quote = None,
                (None, ' ') if any => {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
                (None, ' ') => {}
                (_, c) => {
                    word.push(c);
                    any = true;
                }
            }
        }
        if any {
            out.push(word);
        }
        out
    }
    assert_eq!(words(r#"search '"a b"' x"#), ["search", r#""a b""#, "x"]);
    let mut ran = 0;
    for cmd in [
        "list", "show", "search", "quotes", "export", "claims", "entities",
    ] {
        let help = stdout(&run(&data, &[cmd, "--help"]));
        for line in help.lines().skip_while(|l| !l.starts_with("Example")) {
            let line = line.split(" #").next().unwrap().trim();
            let Some(rest) = line.strip_prefix("chronicle ") else {
                continue;
            };
            if rest.contains('|') || rest.contains('>') {
                continue;
            }
            let rest = rest.replace("examples/", &format!("{}/", examples().display()));
            let args = words(&rest);
            let o = bin()
                .current_dir(tmp.path())
                .arg("--data-dir")
                .arg(&data)
                .args(&args)
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(0), "{line}: {}", stderr(&o));
            assert!(
                !o.stdout.is_empty() || rest.contains(" -o "),
                "{line}: no output"
            );
            ran += 1;
        }
    }
    assert!(ran >= 16, "{ran} examples");
}

/// Every `eval` command treats a missing gold set alike: one line naming the path, exit 1.
#[test]
fn a_missing_gold_set_is_an_error_for_every_eval() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-gold");
    let m = missing.to_str().unwrap();
    for args in [
        vec!["eval", "seeds", "--gold", m],
        vec!["eval", "meantime", "--data", m],
        vec!["eval", "tempeval", "--data", m],
        vec!["eval", "wcxb", "--data", m],
    ] {
        let o = run(&tmp.path().join("data"), &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("no-such-gold"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

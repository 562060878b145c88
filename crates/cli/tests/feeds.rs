//! End-to-end tests of feed ingest: RSS 2.0, Atom and RSS 1.0 (RDF) files read item by item,
//! every stored fact pointing at its bytes in the original feed file, a malformed item reported
//! once while the rest is read, and large or truncated feeds finishing without panic.

use std::path::{Path, PathBuf};

mod common;
use common::{gzip, run, stderr};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds")
}

/// Every stored document, in full (`show --json`).
fn documents(data: &Path) -> Vec<serde_json::Value> {
    let o = run(data, &["list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    list.iter()
        .map(|d| {
            let o = run(data, &["show", d["id"].as_str().unwrap(), "--json"]);
            assert!(o.status.success(), "{}", stderr(&o));
            serde_json::from_slice(&o.stdout).unwrap()
        })
        .collect()
}

/// The feed file's bytes after decompression.
fn file_bytes(path: &str) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    if path.ends_with(".gz") {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bytes[..]), &mut out)
            .unwrap();
        out
    } else {
        bytes
    }
}

/// Resolves XML and HTML references (`&lt;`, `&#8220;`, `&euro;`), twice, for text that was
/// escaped twice, then drops tags and collapses white space: what a reader sees of a span.
fn visible(source: &str) -> String {
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            let semi = rest.find(';').filter(|&k| k < 12);
            let c = semi.and_then(|k| match &rest[1..k] {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "euro" => Some('€'),
                "nbsp" => Some(' '),
                n => n
                    .strip_prefix('#')
                    .and_then(|d| d.parse().ok())
                    .and_then(char::from_u32),
            });
            match (c, semi) {
                (Some(c), Some(k)) => {
                    out.push(c);
                    rest = &rest[k + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }
    let s = unescape(&unescape(source));
    let mut text = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    collapse(&text)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks every copy segment of the clean text and every span of the stored layers against
/// the original feed file: the record `item N @ byte B` says where the item's bytes start.
/// Returns (spans checked, spans whose file bytes are exactly their text).
fn check_provenance(doc: &serde_json::Value) -> (usize, usize) {
    let path = doc["source"]["path"].as_str().unwrap();
    let record = doc["source"]["record"].as_str().unwrap();
    let base: usize = record.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(record.starts_with("item "), "{record}");
    let file = file_bytes(path);
    let text = doc["clean"]["text"].as_str().unwrap();
    for seg in doc["clean"]["alignment"].as_array().unwrap() {
        let s: Vec<usize> = seg.as_array().unwrap()[..4]
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        if seg[4].as_bool().unwrap() {
            assert_eq!(
                &text.as_bytes()[s[0]..s[0] + s[1]],
                &file[base + s[2]..base + s[2] + s[3]],
                "segment {seg} of {path}: {record}"
            );
        }
    }
    let (mut checked, mut exact) = (0, 0);
    let mut check = |what: &str, text: &serde_json::Value, span: &serde_json::Value| {
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        let original = std::str::from_utf8(&file[base + s..base + e])
            .unwrap_or_else(|_| panic!("{path}: {record}: {what} {s}..{e} cuts a character"));
        let text = text.as_str().unwrap();
        assert_eq!(
            visible(original),
            collapse(text),
            "{path}: {record}: {what} at {s}..{e}: file has {original:?}"
        );
        checked += 1;
        exact += usize::from(original == text);
    };
    let l = &doc["layers"];
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
    }
    for t in l["timexes"].as_array().unwrap() {
        check("timex", &t["text"], &t["span"]);
    }
    for c in l["claims"].as_array().unwrap() {
        check("claim", &c["text"], &c["span"]);
    }
    (checked, exact)
}

#[test]
fn feed_items_are_documents_whose_facts_point_into_the_feed_file() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = run(&data, &["ingest", fixtures().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    // The malformed third item of wire.rss: one line naming the file, the item and the reason.
    let broken: Vec<&str> = err.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(broken.len(), 1, "{err}");
    assert!(
        broken[0].contains("wire.rss: item 3 @ byte ")
            && broken[0].contains("</description> closes <b>"),
        "{err}"
    );

    let docs = documents(&data);
    // wire.rss: 3 of 4 items; harbour.atom: 2 entries; valley-weekly.xml (RSS 1.0): 1 item.
    assert_eq!(docs.len(), 6, "{err}");
    let titled = |t: &str| {
        docs.iter()
            .find(|d| d["meta"]["title"].as_str().is_some_and(|x| x.contains(t)))
            .unwrap_or_else(|| panic!("no document titled {t}"))
    };
    for d in &docs {
        assert_eq!(d["format"], "feed");
        let text = d["clean"]["text"].as_str().unwrap();
        assert!(!text.contains("<p>") && !text.contains("&lt;"), "{text}");
    }

    let dam = titled("Dam operator");
    assert_eq!(dam["meta"]["outlet"], "Riverside Wire");
    assert_eq!(
        dam["meta"]["url"],
        "https://wire.example/2024/03/05/dam-release"
    );
    assert_eq!(dam["meta"]["authors"][0], "Maria Okafor");
    assert_eq!(dam["meta"]["published"], "2024-03-05T16:20:00+00:00");
    assert_eq!(dam["meta"]["published_source"], "feed");
    // content:encoded, not the teaser in <description>.
    let text = dam["clean"]["text"].as_str().unwrap();
    assert!(text.contains("We have heard the farmers"), "{text}");

    let plan = titled("water plan & new reservoir");
    assert_eq!(plan["meta"]["authors"][0], "Daniel Brandt");
    let text = plan["clean"]["text"].as_str().unwrap();
    assert!(
        text.contains("“Nobody should have to choose") && text.contains("€4.5 million"),
        "{text}"
    );

    let ferry = titled("Ferry union");
    assert_eq!(
        ferry["meta"]["title"],
        "Ferry union calls off strike after late-night deal"
    );
    assert_eq!(ferry["meta"]["outlet"], "Harbour Times");
    assert_eq!(ferry["meta"]["published"], "2024-03-08T06:45:00Z");
    assert_eq!(
        ferry["meta"]["url"],
        "https://harbour.example/news/ferry-deal?src=feed&v=2"
    );
    let quay = titled("new quay");
    assert!(quay["clean"]["text"]
        .as_str()
        .unwrap()
        .contains("Residents & shop owners"));
    let orchard = titled("Orchard growers");
    assert_eq!(orchard["meta"]["outlet"], "Valley Weekly");
    assert_eq!(orchard["meta"]["published"], "2024-03-04T07:00:00+01:00");

    // Provenance: every fact of every feed document, back to the feed file's bytes.
    let (mut checked, mut exact) = (0, 0);
    for d in &docs {
        let (c, e) = check_provenance(d);
        checked += c;
        exact += e;
    }
    let quotes: usize = docs
        .iter()
        .map(|d| d["layers"]["quotes"].as_array().unwrap().len())
        .sum();
    assert!(quotes >= 4, "only {quotes} quotations found");
    assert!(checked >= 40, "only {checked} spans checked");
    // CDATA text is the file's bytes as they are; only escaped items needed resolving.
    assert!(exact * 2 >= checked, "{exact} of {checked} exact");
    let (c, e) = check_provenance(dam);
    assert_eq!(c, e, "a CDATA item's spans are its bytes");

    // Ingesting again changes nothing.
    let o = run(&data, &["ingest", fixtures().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(documents(&data).len(), 6);
}

#[test]
fn a_compressed_feed_keeps_offsets_into_the_decompressed_file() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = std::fs::read(fixtures().join("harbour.atom")).unwrap();
    let path = tmp.path().join("harbour.atom.gz");
    std::fs::write(&path, gzip(&feed)).unwrap();
    let data = tmp.path().join("data");
    let o = run(&data, &["ingest", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = documents(&data);
    assert_eq!(docs.len(), 2);
    for d in &docs {
        assert_eq!(d["source"]["compression"], "gzip");
        let (checked, _) = check_provenance(d);
        assert!(checked > 0);
    }
}

/// A feed of `n` generated items, each a short distinct article.
fn big_feed(n: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Generated</title>\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "<item><title>Story {i}</title><link>https://gen.example/{i}</link>\
             <pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;Report number {i} \
             says the council met on Monday and approved {i} new permits.&lt;/p&gt;</description></item>\n"
        ));
    }
    s.push_str("</channel></rss>\n");
    s
}

#[test]
fn a_ten_thousand_item_feed_and_truncated_feeds_are_read_without_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let feed = big_feed(10_000);
    let dir = tmp.path().join("big");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("big.rss"), &feed).unwrap();
    let data = tmp.path().join("data");
    let o = run(&data, &["ingest", "--no-analyze", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&data, &["list", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list.len(), 10_000);

    // Cut in the middle of item 101 (plain) and in the gzip stream (compressed): the whole
    // items before the cut are read, the cut one is named.
    let cut = feed.find("<item><title>Story 100<").unwrap() + 150;
    let dir = tmp.path().join("cut");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.rss"), &feed[..cut]).unwrap();
    let gz = gzip(&feed.as_bytes()[..feed.len() / 2]);
    std::fs::write(dir.join("b.rss.gz"), &gz[..gz.len() - 200]).unwrap();
    let data = tmp.path().join("data-cut");
    let o = run(&data, &["ingest", "--no-analyze", dir.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("a.rss: item 101 @ byte") && err.contains("truncated"),
        "{err}"
    );
    assert!(
        err.contains("b.rss.gz: truncated or corrupt compressed data"),
        "{err}"
    );
    let o = run(&data, &["list", "--json"]);
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    // 100 from a.rss; b.rss.gz repeats the same items (same bytes: the same documents) and more.
    assert!(list.len() > 100, "{}", list.len());
}

//! End-to-end tests of `chronicle serve`: the binary serves a store of the examples (and one
//! hostile document) on a free port; the tests speak HTTP/1.0 over a socket and check that the
//! API answers what the commands print, that every fact points to its bytes, that the pages
//! show the texts unaltered around their marks, and that nothing from a document reaches a page
//! unescaped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

mod common;
use common::{chronicle, examples};

/// The server, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(data: &Path) -> Server {
    let mut child = chronicle(data)
        .args(["serve", "--addr", "127.0.0.1:0", "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start chronicle serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("http://")
        .and_then(|a| a.strip_suffix('/'))
        .unwrap_or_else(|| panic!("first line is not the address: {line:?}"))
        .to_string();
    Server { child, addr }
}

/// GET a path: the status and the body.
fn get(server: &Server, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header");
    let head = String::from_utf8_lossy(&response[..end]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, response[end + 4..].to_vec())
}

fn get_json(server: &Server, path: &str) -> (u16, serde_json::Value) {
    let (status, body) = get(server, path);
    let value = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {}", String::from_utf8_lossy(&body)));
    (status, value)
}

fn get_page(server: &Server, path: &str) -> (u16, String) {
    let (status, body) = get(server, path);
    (status, String::from_utf8(body).unwrap())
}

/// The text of a page's `.text` block: tags removed, entities decoded.
fn shown_text(page: &str) -> String {
    let start = page.find("<div class=\"text").expect("a text block");
    let start = start + page[start..].find('>').unwrap() + 1;
    let end = start + page[start..].find("</div>").unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in page[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

const HOSTILE: &str = "<script>alert('x')</script> Amnesty International said \"the <b>camps</b> \
must close\" on Monday, and 1 million people & more were held.\n";

fn store() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let hostile = tmp.path().join("hostile.txt");
    std::fs::write(&hostile, HOSTILE).unwrap();
    let o = chronicle(&data)
        .args(["ingest", "-q"])
        .arg(examples())
        .arg(&hostile)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (tmp, data)
}

#[test]
fn the_api_answers_what_the_commands_print_with_spans_into_the_originals() {
    let (_tmp, data) = store();
    let server = serve(&data);

    let (status, docs) = get_json(&server, "/api/documents");
    assert_eq!(status, 200);
    assert_eq!(docs["count"], 6);

    // The quotations are the lines of `chronicle quotes --json`, each at its bytes.
    let (status, quotes) = get_json(&server, "/api/quotes");
    assert_eq!(status, 200);
    let cli = chronicle(&data)
        .args(["quotes", "--json"])
        .output()
        .unwrap();
    let printed: Vec<serde_json::Value> = String::from_utf8(cli.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(quotes["items"].as_array().unwrap(), &printed);
    assert!(printed.len() > 40, "{} quotations", printed.len());
    for q in &printed {
        let raw = std::fs::read(q["source"].as_str().unwrap()).unwrap();
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf8_lossy(&raw[s..e]),
            q["text"].as_str().unwrap(),
            "quotation at {s}..{e}"
        );
    }

    // A part of a listing: `count` stays the whole listing's length.
    let (_, part) = get_json(&server, "/api/quotes?offset=2&limit=3");
    assert_eq!(part["count"], quotes["count"]);
    assert_eq!(part["offset"], 2);
    assert_eq!(part["items"].as_array().unwrap(), &printed[2..5]);

    // Filters are the commands' options.
    let (_, bachelet) = get_json(&server, "/api/quotes?speaker=Bachelet");
    let n = bachelet["count"].as_u64().unwrap();
    assert!(n > 0 && n < quotes["count"].as_u64().unwrap());
    let (_, claims) = get_json(&server, "/api/claims?about=uighurs");
    assert_eq!(claims["count"], 1, "{claims}");
    assert_eq!(claims["items"][0]["documents"], 4);
    let (_, page) = get_json(&server, "/api/entities?name=Bachelet");
    assert_eq!(page["items"][0]["name"], "Michelle Bachelet");
    let (_, events) = get_json(&server, "/api/events?party=Guterres");
    assert!(events["count"].as_u64().unwrap() > 0);
    let (_, calls) = get_json(&server, "/api/calls");
    assert!(calls["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["status"].is_string()));

    // One document, by its number, and its original bytes.
    let (status, doc) = get_json(&server, "/api/documents/1");
    assert_eq!(status, 200);
    let source = doc["source"]["path"].as_str().unwrap().to_string();
    let (status, raw) = get(&server, "/api/documents/1/source");
    assert_eq!(status, 200);
    assert_eq!(raw, std::fs::read(&source).unwrap());

    // Search marks its hits with control characters a text never holds.
    let (status, hits) = get_json(&server, "/api/search?q=Bachelet");
    assert_eq!(status, 200);
    assert!(hits["items"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("\u{2}Bachelet\u{3}"));

    // Mistakes are JSON errors with the status that says whose they are.
    let (status, e) = get_json(&server, "/api/search?q=AND%20OR%20(");
    assert_eq!(status, 400);
    assert!(e["error"].as_str().unwrap().contains("not a valid query"));
    let (status, e) = get_json(&server, "/api/documents/nothing-like-this");
    assert_eq!(status, 404);
    assert!(e["error"].as_str().unwrap().contains("nothing-like-this"));
    let (status, _) = get_json(&server, "/api/nowhere");
    assert_eq!(status, 404);
    let (status, e) = get_json(&server, "/api/entities?min_docs=many");
    assert_eq!(status, 400);
    assert!(e["error"].as_str().unwrap().contains("many"));
}

#[test]
fn pages_show_the_texts_unaltered_with_every_link_landing_on_an_anchor() {
    let (_tmp, data) = store();
    let server = serve(&data);

    let (status, home) = get_page(&server, "/");
    assert_eq!(status, 200);
    for f in ["000_4af8160f90ad8d88.txt", "hostile.txt"] {
        assert!(home.contains(f), "{f} not listed");
    }

    // Both views of every document show its text exactly, around the marks.
    let (_, docs) = get_json(&server, "/api/documents");
    for d in docs["items"].as_array().unwrap() {
        let id = d["id"].as_str().unwrap();
        let (_, json) = get_json(&server, &format!("/api/documents/{id}"));
        let (status, clean) = get_page(&server, &format!("/documents/{id}"));
        assert_eq!(status, 200);
        assert_eq!(
            shown_text(&clean),
            json["clean"]["text"].as_str().unwrap(),
            "{id}"
        );
        // The tables under the text link to its marks.
        for href in clean.split("href=\"#").skip(1) {
            let anchor = &href[..href.find('"').unwrap()];
            assert!(
                clean.contains(&format!("id=\"{anchor}\"")),
                "{id}: #{anchor}"
            );
        }
        let (_, source) = get_page(&server, &format!("/documents/{id}?view=source"));
        let raw = std::fs::read(d["source"].as_str().unwrap()).unwrap();
        assert_eq!(shown_text(&source), String::from_utf8(raw).unwrap(), "{id}");
    }

    // Every evidence link of the listings lands on an anchor of its document's page.
    let mut pages = std::collections::HashMap::new();
    let mut links = 0;
    for listing in [
        "/timeline",
        "/calls",
        "/quotes",
        "/claims",
        "/entities/Bachelet",
    ] {
        let (status, html) = get_page(&server, listing);
        assert_eq!(status, 200, "{listing}");
        for href in html.split("href=\"/documents/").skip(1) {
            let href = &href[..href.find('"').unwrap()];
            let Some((doc, anchor)) = href.split_once('#') else {
                continue;
            };
            let page = pages
                .entry(doc.to_string())
                .or_insert_with(|| get_page(&server, &format!("/documents/{doc}")).1);
            assert!(
                page.contains(&format!("id=\"{anchor}\"")),
                "{listing}: {href} has no anchor"
            );
            links += 1;
        }
    }
    assert!(links > 100, "{links} links");

    // Long listings come in pages whose links keep the filters.
    let (_, first) = get_page(&server, "/quotes?speaker=Bachelet&limit=5");
    assert!(first.contains("1–5 of "), "no pager");
    assert!(first.contains("href=\"/quotes?speaker=Bachelet&amp;limit=5&amp;offset=5\">next"));
    let rows = |html: &str| html.matches("<tr><td>").count();
    assert_eq!(rows(&first), 5);
    let (_, second) = get_page(&server, "/quotes?speaker=Bachelet&limit=5&offset=5");
    assert!(second.contains("6–10 of ") && second.contains("offset=0\">← previous"));

    // A form sent with its fields emptied is the unfiltered listing.
    let (status, all) = get_page(&server, "/entities?name=&type=&min_docs=");
    assert_eq!(status, 200);
    assert!(
        all == get_page(&server, "/entities").1,
        "emptied fields changed the page"
    );

    // The timeline's chart: each month's bar opens the page holding its first event there.
    let (_, timeline) = get_page(&server, "/timeline?limit=10");
    let bars: Vec<&str> = timeline
        .split("<a href=\"/timeline?")
        .skip(1)
        .map(|h| &h[..h.find('"').unwrap()])
        .filter(|h| h.contains('#'))
        .collect();
    assert!(bars.len() >= 4, "{} bars", bars.len());
    for bar in bars {
        let bar = bar.replace("&amp;", "&");
        let (query, anchor) = bar.split_once('#').unwrap();
        let (_, target) = get_page(&server, &format!("/timeline?{query}"));
        assert!(target.contains(&format!("id=\"{anchor}\"")), "{bar}");
    }

    // Nothing of a document reaches a page unescaped.
    let (_, hostile) = get_page(&server, "/documents/6");
    assert!(!hostile.contains("<script>alert"), "unescaped script");
    assert!(!hostile.contains("<b>camps"), "unescaped markup");
    assert!(hostile.contains("&lt;script&gt;alert"));
    let (_, found) = get_page(&server, "/search?q=camps");
    assert!(!found.contains("<b>camps"));
    assert!(found.contains("<mark>camps</mark>"), "{found}");

    // An entity nobody names, an unknown path: pages that say so, with 404.
    let (status, page) = get_page(&server, "/entities/Nobody%20At%20All");
    assert_eq!(status, 404);
    assert!(page.contains("Nobody At All"));
    assert_eq!(get_page(&server, "/no/such/page").0, 404);
}

#[test]
fn serving_without_a_store_fails_at_once_and_names_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("none");
    let o = chronicle(&data)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("none"), "{err}");
}

#[test]
fn answers_follow_the_store_when_an_ingest_runs_beside_the_server() {
    let (tmp, data) = store();
    let server = serve(&data);
    let (_, before) = get_json(&server, "/api/quotes");
    let (_, people) = get_json(&server, "/api/entities");
    let named = |v: &serde_json::Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "Margarethe Vestergaard")
    };
    assert!(!named(&people));
    let later = tmp.path().join("later.txt");
    std::fs::write(
        &later,
        "Margarethe Vestergaard, a Danish diplomat, said on Tuesday that \"the camps must be \
         opened to inspectors without delay.\"\n",
    )
    .unwrap();
    let o = chronicle(&data)
        .args(["ingest", "-q"])
        .arg(&later)
        .output()
        .unwrap();
    assert!(o.status.success());
    let (_, after) = get_json(&server, "/api/quotes");
    assert!(after["count"].as_u64() > before["count"].as_u64());
    let (_, people) = get_json(&server, "/api/entities");
    assert!(
        named(&people),
        "a cached listing outlived the store it was computed from"
    );
}

#[test]
fn figures_that_contradict_each_other_are_shown_side_by_side() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (a, b) = (tmp.path().join("a.txt"), tmp.path().join("b.txt"));
    std::fs::write(
        &a,
        "GENEVA — The Red Cross said on Monday that 300 flood victims were buried in the valley.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "GENEVA — Officials said on Tuesday that more than 900 flood victims were buried in the \
         valley.\n",
    )
    .unwrap();
    let o = chronicle(&data)
        .args(["ingest", "-q"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(o.status.success());
    let server = serve(&data);
    let (_, groups) = get_json(&server, "/api/claims");
    assert_eq!(groups["count"], 1, "{groups}");
    assert_eq!(groups["items"][0]["agree"], false);
    let (status, page) = get_page(&server, "/claims");
    assert_eq!(status, 200);
    assert!(page.contains("1 pair(s) of figures from two reports cannot both hold"));
    let line = &page[page.find("<ul><li>").expect("the pairs are listed")..];
    let line = &line[..line.find("</li>").unwrap()];
    assert!(
        line.contains(">300 flood victims</a>")
            && line.contains("cannot hold with")
            && line.contains(">more than 900 flood victims</a>"),
        "{line}"
    );
}

#[test]
fn a_refused_call_links_to_the_refusal() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (a, b) = (tmp.path().join("a.txt"), tmp.path().join("b.txt"));
    std::fs::write(
        &a,
        "GENEVA — The United Nations on Monday urged China to grant access to Xinjiang for its \
         investigators.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "BEIJING — China on Friday rejected the request and refused access to Xinjiang, a \
         spokesman said.\n",
    )
    .unwrap();
    for (file, date) in [(&a, "2022-05-02"), (&b, "2022-05-06")] {
        let o = chronicle(&data)
            .args(["ingest", "-q", "--published", date])
            .arg(file)
            .output()
            .unwrap();
        assert!(o.status.success());
    }
    let server = serve(&data);
    let (_, calls) = get_json(&server, "/api/calls");
    let call = &calls["items"][0];
    assert_eq!(call["status"], "refused", "{calls}");
    let answer = &call["answer"];
    let (_, page) = get_page(&server, "/calls");
    let link = format!(
        "<a href=\"/documents/{}#b{}\">REFUSE_ACCESS</a>",
        answer["doc"].as_str().unwrap(),
        answer["start"]
    );
    assert!(page.contains(&link), "{link} not on the page");
    assert!(page.contains("status-refused\">refused"));
}

//! Page metadata: title, authors, publication date (with where it came from), outlet, language
//! and canonical URL, from `<meta>` tags, JSON-LD, `<time>`, `<title>` and URL patterns.

use super::entities::decode_all;
use super::tree::{Kind, Tree};
use crate::date::{day_number, find_date, normalize_date};
use chronicle_core::Metadata;

/// `<meta>` names and properties that carry the publication date, best first.
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date.published",
    "publication_date",
    "publish-date",
    "publish_date",
    "pubdate",
    "publishdate",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "dc.date.created",
    "article.published",
    "og:published_time",
    "date",
    "published",
    "published-date",
    "ms.date",
    "citation_publication_date",
    "citation_date",
    "article:modified_time",
    "og:updated_time",
];

/// The page's metadata, and the article text it declares for search engines (JSON-LD
/// `articleBody`), which extraction uses as evidence of what the content is.
pub fn extract(src: &str, tree: &Tree) -> (Metadata, Option<String>) {
    let mut m = Metadata::default();
    let mut metas: Vec<(String, String)> = Vec::new();
    let mut title_tag = None;
    let mut time_dates: Vec<String> = Vec::new();
    let mut jsonld: Vec<serde_json::Value> = Vec::new();
    let mut visible_date: Option<(String, &'static str)> = None;
    let mut visible_date_node = 0;
    let mut shown_microdata: Option<String> = None;
    let mut microdata_count = 0;
    for (i, node) in tree.nodes.iter().enumerate() {
        let Kind::Element { name, raw, .. } = &node.kind else {
            continue;
        };
        if visible_date.is_none() {
            visible_date = visible_date_at(src, tree, i);
            visible_date_node = i;
        }
        match name.as_str() {
            "html" => {
                if let Some(lang) = node.attr(src, "lang").or(node.attr(src, "xml:lang")) {
                    let code = lang.trim().split(['-', '_']).next().unwrap_or("");
                    if (2..=3).contains(&code.len()) {
                        m.language = Some(code.to_ascii_lowercase());
                    }
                }
            }
            "meta" => {
                let key = node
                    .attr(src, "property")
                    .or(node.attr(src, "name"))
                    .or(node.attr(src, "itemprop"))
                    .or(node.attr(src, "http-equiv"));
                if let (Some(k), Some(v)) = (key, node.attr(src, "content")) {
                    // Next.js can put JSON-LD in a meta tag: `name="script:ld+json"`.
                    if k.contains("ld+json") {
                        if let Ok(v) = serde_json::from_str(decode_all(v).trim()) {
                            jsonld.push(v);
                        }
                        continue;
                    }
                    metas.push((
                        k.trim().to_ascii_lowercase(),
                        decode_all(v).trim().to_string(),
                    ));
                }
            }
            "link" => {
                let rel = node.attr(src, "rel").unwrap_or("");
                if rel.eq_ignore_ascii_case("canonical") && m.url.is_none() {
                    m.url = node
                        .attr(src, "href")
                        .map(|h| decode_all(h).trim().to_string());
                }
            }
            "title" if title_tag.is_none() => {
                if let Some(r) = raw {
                    let t = decode_all(&src[r.clone()]);
                    title_tag = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            "script" => {
                let ty = node.attr(src, "type").unwrap_or("");
                if ty.eq_ignore_ascii_case("application/ld+json") {
                    if let Some(r) = raw {
                        if let Ok(v) = serde_json::from_str(src[r.clone()].trim()) {
                            jsonld.push(v);
                        }
                    }
                }
            }
            // Microdata on a shown element: `<span itemprop="datePublished">May 4, 2020</span>`.
            _ if node.attr(src, "content").is_none()
                && node
                    .attr(src, "itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datepublished")) =>
            {
                let text: String = (i + 1..node.end.min(i + 8).min(tree.nodes.len()))
                    .filter_map(|j| match &tree.nodes[j].kind {
                        Kind::Text(r) => Some(decode_all(&src[r.clone()])),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                // Forums mark every post so; only a page's single one is its date.
                microdata_count += 1;
                if text.len() < 80 && shown_microdata.is_none() {
                    shown_microdata = normalize_date(&text);
                }
            }
            "time" if time_dates.len() < 4 => {
                if let Some(d) = node.attr(src, "datetime").and_then(normalize_date) {
                    time_dates.push(d);
                }
            }
            _ => {}
        }
    }
    let meta = |key: &str| {
        metas
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.clone())
    };

    let mut ld = LdFacts::default();
    for v in &jsonld {
        walk_ld(v, &mut ld, 0);
    }
    if m.url.is_none() {
        m.url = meta("og:url");
    }
    // Publication date candidates, each with where it came from.
    let declared = DATE_METAS
        .iter()
        .filter(|k| !k.contains("modified") && !k.contains("updated"))
        .find_map(|key| {
            let d = meta(key).and_then(|v| normalize_date(&v))?;
            Some((d, format!("html:meta[{key}]")))
        })
        .or_else(|| {
            // Site-specific names: "w-published-date", "cXenseParse:publishtime".
            metas.iter().find_map(|(k, v)| {
                let named = k.contains("publish")
                    && (k.contains("date") || k.contains("time"))
                    && !k.contains("modif")
                    && !k.contains("updat");
                let d = named.then(|| normalize_date(v)).flatten()?;
                Some((d, format!("html:meta[{k}]")))
            })
        });
    let declared_ld = ld
        .date_published
        .as_deref()
        .and_then(normalize_date)
        .map(|d| (d, "html:json-ld".to_string()));
    let shown = visible_date.map(|(d, s)| (d, s.to_string()));
    let modified = DATE_METAS
        .iter()
        .filter(|k| k.contains("modified") || k.contains("updated"))
        .find_map(|key| {
            let d = meta(key).and_then(|v| normalize_date(&v))?;
            Some((d, format!("html:meta[{key}]")))
        });
    let near_title = date_near_title(src, tree).map(|d| (d, "html:near-title".to_string()));
    let time = time_dates
        .first()
        .map(|d| (d.clone(), "html:time".to_string()));
    let url_date = m.url.as_deref().and_then(date_from_url);
    let from_url = url_date.clone().map(|d| (d, "url".to_string()));
    // Publication first: what the page declares (meta, JSON-LD), then the date it shows by a
    // byline or `<time>`, then a date printed under the title (often "Updated ..."), then the
    // declared modification date, any `<time>`, the URL.
    // Pages that declare their date only for search engines (schema.org `datePublished`,
    // not the OpenGraph `article:published_time` that news sites set) are mostly evergreen
    // guides that show "Updated <date>" under the title: that shown date is the one readers
    // (and WCXB's annotators) take as the page's date.
    let og_declared = declared
        .as_ref()
        .is_some_and(|(_, s)| !s.ends_with("[datepublished]"));
    let shown_update = (!og_declared)
        .then(|| shown_updated_date(src, tree))
        .flatten()
        .map(|(d, s)| (d, s.to_string()));
    // On those pages a date shown by the byline under the title is what readers see too.
    let h1 = tree.nodes.iter().position(|n| n.name() == "h1");
    // Under it, or just above it ("November 21, 2025" over the heading in a hero).
    let under_title = h1.is_some_and(|h| {
        (h.saturating_sub(NEAR_TITLE_BEFORE)..tree.nodes[h].end + NEAR_TITLE_AFTER)
            .contains(&visible_date_node)
    });
    let schema_shown = if og_declared || !under_title {
        None
    } else {
        shown.clone().filter(|(_, s)| s == "html:byline")
    };
    let microdata = shown_microdata
        .filter(|_| microdata_count == 1)
        .map(|d| (d, "html:itemprop".to_string()));
    let chosen = shown_update
        .or(microdata.clone().filter(|_| !og_declared))
        .or(schema_shown)
        .or(declared)
        .or(declared_ld)
        .or(microdata)
        .or(shown)
        .or(near_title)
        .or(modified)
        .or(time)
        .or(from_url)
        .or_else(|| first_shown_date(src, tree).map(|d| (d, "html:first-date".to_string())));
    // A declared time stamp is often UTC, a day off the local date the page shows and its
    // URL carries ("2025-12-19T02:41:41+00:00" for a post of 18 December): take the shown one.
    let chosen = chosen.map(|(d, source)| {
        let local = url_date.as_ref().filter(|l| {
            d.len() > 10
                && day_number(&d)
                    .zip(day_number(l))
                    .is_some_and(|(a, b)| (a - b).abs() == 1)
        });
        match local {
            Some(l) => (l.clone(), source),
            None => (d, source),
        }
    });
    if let Some((d, source)) = chosen {
        m.published = Some(d);
        m.published_source = Some(source);
    }

    m.outlet = meta("og:site_name")
        .or(ld.publisher.clone())
        .or(meta("application-name"));
    m.title = meta("og:title")
        .or(ld.headline.clone())
        .or(meta("twitter:title"))
        .or(title_tag.map(|t| strip_site_suffix(&t, m.outlet.as_deref())));
    let mut authors: Vec<String> = Vec::new();
    for key in [
        "author",
        "article:author",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
    ] {
        for (k, v) in &metas {
            if k == key && !v.is_empty() && !v.starts_with("http") && v.len() < 100 {
                authors.push(v.clone());
            }
        }
        if !authors.is_empty() {
            break;
        }
    }
    if authors.is_empty() {
        authors = ld.authors.clone();
    }
    authors.dedup();
    m.authors = authors;
    if m.language.is_none() {
        m.language = meta("content-language")
            .or(meta("og:locale"))
            .and_then(|l| l.split(['-', '_']).next().map(str::to_ascii_lowercase));
    }
    (m, ld.body)
}

/// How many nodes after the first `<h1>` (and before it) are searched for a shown date.
const NEAR_TITLE_AFTER: usize = 80;
const NEAR_TITLE_BEFORE: usize = 20;

/// A date shown as a short text of its own just below (or above) the page's `<h1>`, where
/// pages print "December 15, 2025" or "Updated: 10/31/2024" without naming it in a class.
fn date_near_title(src: &str, tree: &Tree) -> Option<String> {
    let h1 = tree.nodes.iter().position(|n| n.name() == "h1")?;
    let date_at = |j: usize| {
        let node = tree.nodes.get(j)?;
        let Kind::Text(r) = &node.kind else {
            return None;
        };
        let t = src[r.clone()].trim();
        if t.len() < 6 || t.len() > 80 || is_raw_parent(tree, j) {
            return None;
        }
        find_date(&decode_all(t))
    };
    let after_end = (tree.nodes[h1].end + NEAR_TITLE_AFTER).min(tree.nodes.len());
    (tree.nodes[h1].end..after_end)
        .find_map(date_at)
        .or_else(|| {
            (h1.saturating_sub(NEAR_TITLE_BEFORE)..h1)
                .rev()
                .find_map(date_at)
        })
}

/// Labels that introduce a modification date a page shows.
const UPDATED_LABELS: &[&str] = &["updated", "modified"];
/// Labels that introduce a publication date a page shows.
const PUBLISHED_LABELS: &[&str] = &["published", "posted", "originally"];
/// How many nodes after the first `<h1>` an "Updated" label is looked for.
const UPDATED_AFTER_TITLE: usize = 200;

/// The date a page shows after an "Updated" label ("Last updated: Dec 4, 2025", "Updated on
/// <time>September 28, 2025</time>"), unless the page shows a publication date beside it.
fn shown_updated_date(src: &str, tree: &Tree) -> Option<(String, &'static str)> {
    // Most pages show no such label: look for one before reading every short text.
    let labelled = tree.nodes.iter().any(|n| match &n.kind {
        Kind::Text(r) => {
            let t = &src[r.clone()];
            t.len() <= 200
                && ["pdated", "PDATED", "odified", "ODIFIED"]
                    .iter()
                    .any(|l| t.contains(l))
        }
        _ => false,
    });
    if !labelled {
        return None;
    }
    let texts: Vec<(usize, String)> = (0..tree.nodes.len())
        .filter_map(|j| {
            let Kind::Text(r) = &tree.nodes[j].kind else {
                return None;
            };
            let t = src[r.clone()].trim();
            (!t.is_empty() && t.len() <= 80 && !is_raw_parent(tree, j))
                .then(|| (j, decode_all(t).to_lowercase()))
        })
        .collect();
    // The label belongs to the article's header: near the first `<h1>`, when there is one.
    let limit = tree
        .nodes
        .iter()
        .position(|n| n.name() == "h1")
        .map_or(usize::MAX, |h1| tree.nodes[h1].end + UPDATED_AFTER_TITLE);
    for (k, (j, t)) in texts.iter().enumerate() {
        if *j > limit {
            break;
        }
        if in_footer(tree, *j) {
            continue;
        }
        // A label starts its text ("Last updated:", "Updated on"); "prices last updated"
        // or "this post was last modified" say something else.
        let Some(at) = UPDATED_LABELS
            .iter()
            .filter_map(|l| t.find(l))
            .filter(|&at| at <= 10)
            .min()
        else {
            continue;
        };
        let mut window = t[at..].to_string();
        let mut date = find_date(&window);
        for (_, next) in texts.iter().skip(k + 1).take(3) {
            if date.is_some() {
                break;
            }
            window.push(' ');
            window.push_str(next);
            date = find_date(&window);
        }
        let date = date?;
        // A date shown just before the label is the publication date ("August 16, 2019 -
        // Updated July 9, 2025"), and so is one named as such beside it.
        let lo = k.saturating_sub(3);
        let hi = (k + 4).min(texts.len());
        // "Published Apr 26, 2023 · Updated Aug 21, 2025": the labelled publication date.
        for m in lo..hi {
            let t = &texts[m].1;
            if let Some(p) = PUBLISHED_LABELS.iter().filter_map(|l| t.find(l)).min() {
                let mut window = t[p..].to_string();
                if let Some(next) = texts.get(m + 1).filter(|_| m != k) {
                    window.push(' ');
                    window.push_str(&next.1);
                }
                let before_update = if m == k { &t[p..at.max(p)] } else { &window };
                return find_date(before_update).map(|d| (d, "html:published"));
            }
        }
        let published_beside = find_date(&t[..at]).is_some()
            || texts[lo..k].iter().any(|(_, t)| find_date(t).is_some());
        return (!published_beside).then_some((date, "html:updated"));
    }
    None
}

/// Whether node `j` lies inside a `<footer>`.
fn in_footer(tree: &Tree, j: usize) -> bool {
    let mut a = tree.nodes[j].parent;
    for _ in 0..256 {
        if tree.nodes[a].name() == "footer" {
            return true;
        }
        if a == 0 || tree.nodes[a].parent == a {
            return false;
        }
        a = tree.nodes[a].parent;
    }
    false
}

/// The first short text of the page that is a date (forum posts, bare blogs): the last resort.
fn first_shown_date(src: &str, tree: &Tree) -> Option<String> {
    (0..tree.nodes.len()).find_map(|j| {
        let Kind::Text(r) = &tree.nodes[j].kind else {
            return None;
        };
        let t = src[r.clone()].trim();
        if t.len() < 6 || t.len() > 60 || is_raw_parent(tree, j) {
            return None;
        }
        find_date(&decode_all(t))
    })
}

/// Whether text node `j` sits in a script, style or similar element.
fn is_raw_parent(tree: &Tree, j: usize) -> bool {
    let p = tree.nodes[j].parent;
    matches!(
        tree.nodes[p].name(),
        "script" | "style" | "template" | "noscript" | "option" | "textarea"
    )
}

/// Words in class or id of elements that show the article's date.
const DATE_CLASS_WORDS: &[&str] = &["date", "time", "publish", "posted", "updated", "byline"];

/// A date shown in element `i`: a `<time>`, or a small element whose class names a date.
fn visible_date_at(src: &str, tree: &Tree, i: usize) -> Option<(String, &'static str)> {
    let node = &tree.nodes[i];
    let end = node.end.min(tree.nodes.len());
    let is_time = node.name() == "time";
    if !is_time {
        let class = node.attr(src, "class").unwrap_or("");
        let id = node.attr(src, "id").unwrap_or("");
        let dateish = |v: &str| {
            let v = v.to_ascii_lowercase();
            v.len() < 200 && DATE_CLASS_WORDS.iter().any(|w| v.contains(w))
        };
        if end - i > 12 || !(dateish(class) || dateish(id)) {
            return None;
        }
    } else if let Some(d) = node.attr(src, "datetime").and_then(normalize_date) {
        return Some((d, "html:time"));
    }
    let mut text = String::new();
    for j in i + 1..end {
        if let Kind::Text(r) = &tree.nodes[j].kind {
            text.push_str(&src[r.clone()]);
            text.push(' ');
            if text.len() > 160 {
                return None;
            }
        }
    }
    // "3 weeks ago" with the date in a tooltip.
    let d = normalize_date(&text).or_else(|| node.attr(src, "title").and_then(find_date))?;
    Some((d, if is_time { "html:time" } else { "html:byline" }))
}

#[derive(Default)]
struct LdFacts {
    date_published: Option<String>,
    headline: Option<String>,
    publisher: Option<String>,
    authors: Vec<String>,
    /// The longest declared `articleBody`.
    body: Option<String>,
}

/// Collects article facts from a JSON-LD value, through `@graph` and nested arrays.
fn walk_ld(v: &serde_json::Value, out: &mut LdFacts, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        serde_json::Value::Array(items) => {
            for item in items {
                walk_ld(item, out, depth + 1);
            }
        }
        serde_json::Value::Object(map) => {
            if let Some(g) = map.get("@graph") {
                walk_ld(g, out, depth + 1);
            }
            let str_of = |k: &str| map.get(k).and_then(|x| x.as_str()).map(str::to_string);
            // The body is declared on the article, or on the entity a page is about
            // (`mainEntity`, `blogPost`).
            let bodies = [map.get("articleBody")]
                .into_iter()
                .chain(["mainEntity", "blogPost"].map(|k| {
                    map.get(k).and_then(|e| {
                        e.get("articleBody")
                            .or_else(|| e.get(0)?.get("articleBody"))
                    })
                }))
                .flatten()
                .filter_map(|b| b.as_str());
            for b in bodies {
                if out.body.as_ref().is_none_or(|o| o.len() < b.len()) {
                    out.body = Some(b.to_string());
                }
            }
            if out.date_published.is_none() {
                out.date_published = str_of("datePublished").or(str_of("dateCreated"));
            }
            if out.headline.is_none() {
                out.headline = str_of("headline").map(|h| decode_all(&h));
            }
            if out.publisher.is_none() {
                out.publisher = map
                    .get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(|n| n.as_str())
                    .map(str::to_string);
            }
            if out.authors.is_empty() {
                if let Some(a) = map.get("author") {
                    let list: Vec<&serde_json::Value> = match a {
                        serde_json::Value::Array(x) => x.iter().collect(),
                        x => vec![x],
                    };
                    for a in list {
                        let name = a.get("name").and_then(|n| n.as_str()).or(a.as_str());
                        if let Some(name) = name {
                            out.authors.push(name.trim().to_string());
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// `/2019/04/29/` or `2019-04-29` in a URL path.
pub fn date_from_url(url: &str) -> Option<String> {
    let b = url.as_bytes();
    for i in 0..b.len().saturating_sub(9) {
        let four = |k: usize| {
            b.get(k..k + 4)
                .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
        };
        let two = |k: usize| {
            b.get(k..k + 2)
                .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
        };
        if (i == 0 || !b[i - 1].is_ascii_digit()) && four(i) {
            let sep = b.get(i + 4).copied();
            if matches!(sep, Some(b'/' | b'-' | b'_'))
                && two(i + 5)
                && b.get(i + 7) == sep.as_ref()
                && two(i + 8)
                && b.get(i + 10).is_none_or(|c| !c.is_ascii_digit())
            {
                let s = format!(
                    "{}-{}-{}",
                    &url[i..i + 4],
                    &url[i + 5..i + 7],
                    &url[i + 8..i + 10]
                );
                return normalize_date(&s);
            }
        }
    }
    None
}

/// "Story title | Outlet" → "Story title".
fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(p) = title.rfind(sep) {
            let tail = &title[p + sep.len()..];
            let short = tail.split_whitespace().count() <= 4;
            if short || outlet.is_some_and(|o| tail.contains(o)) {
                return title[..p].trim().to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        extract(html, &Tree::parse(html)).0
    }

    #[test]
    fn meta_tag_date_wins_and_says_so() {
        let m = meta_of(
            r#"<html lang="en-GB"><head><meta property="article:published_time" content="2019-04-29T14:03:00Z">
            <meta property="og:site_name" content="The Paper"><title>Bridge vote | The Paper</title></head></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2019-04-29T14:03:00Z"));
        assert_eq!(
            m.published_source.as_deref(),
            Some("html:meta[article:published_time]")
        );
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.title.as_deref(), Some("Bridge vote"));
        assert_eq!(m.outlet.as_deref(), Some("The Paper"));
    }

    #[test]
    fn shown_update_wins_over_schema_only_dates() {
        let ld = r#"<script type="application/ld+json">{"datePublished":"2021-08-12T19:35:44+00:00"}</script>"#;
        let body = "<h1>Cost of college</h1><div><span>Last updated:</span> <span>Dec 4, 2025</span></div><p>Text.</p>";
        let m = meta_of(&format!("{ld}{body}"));
        assert_eq!(m.published.as_deref(), Some("2025-12-04"));
        assert_eq!(m.published_source.as_deref(), Some("html:updated"));
        // News sites declare publication for OpenGraph; that stays the date.
        let og = r#"<meta property="article:published_time" content="2021-08-12T10:00:00Z">"#;
        let m = meta_of(&format!("{og}{body}"));
        assert_eq!(m.published.as_deref(), Some("2021-08-12T10:00:00Z"));
        // A publication date shown beside the update is the date.
        // A byline just above the heading counts as under it.
        let hero = r#"<div class="post-date">November 21, 2025</div><h1>T</h1><p>Text.</p>"#;
        let m = meta_of(&format!("{ld}{hero}"));
        assert_eq!(m.published.as_deref(), Some("2025-11-21"));
        let both = "<h1>T</h1><p>August 16, 2019 - Updated July 9, 2025</p>";
        let m = meta_of(&format!("{ld}{both}"));
        assert_eq!(m.published_source.as_deref(), Some("html:json-ld"));
    }

    #[test]
    fn utc_stamp_a_day_off_the_url_date_takes_the_url_date() {
        let m = meta_of(
            r#"<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">
            <link rel="canonical" href="https://blog.example/2025/12/18/title/">"#,
        );
        assert_eq!(m.published.as_deref(), Some("2025-12-18"));
        let m =
            meta_of(r#"<h1>T</h1><p><span itemprop="datePublished">October 17, 2018</span></p>"#);
        assert_eq!(m.published.as_deref(), Some("2018-10-17"));
        assert_eq!(m.published_source.as_deref(), Some("html:itemprop"));
    }

    #[test]
    fn json_ld_time_and_url_fallbacks() {
        let m = meta_of(
            r#"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2020-03-01","author":{"name":"Ann Lee"},"headline":"X"}]}</script>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2020-03-01"));
        assert_eq!(m.published_source.as_deref(), Some("html:json-ld"));
        assert_eq!(m.authors, ["Ann Lee"]);
        let m = meta_of(
            r#"<meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}">"#,
        );
        assert_eq!(m.published.as_deref(), Some("2025-11-17T09:00:00-05:00"));
        let m = meta_of(r#"<p><time datetime="2021-07-04">4 July</time></p>"#);
        assert_eq!(m.published_source.as_deref(), Some("html:time"));
        let m = meta_of(r#"<link rel="canonical" href="https://x.org/2018/02/03/story">"#);
        assert_eq!(m.published.as_deref(), Some("2018-02-03"));
        assert_eq!(m.published_source.as_deref(), Some("url"));
    }
}

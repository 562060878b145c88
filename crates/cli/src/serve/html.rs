//! HTML building blocks of the pages: escaping, links, the page frame and the highlighter that
//! marks a document's facts on its text.

use std::fmt::Write as _;

/// Text made safe for HTML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than line breaks and tabs have no place in a page.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A value percent-encoded for a URL path segment or query value.
pub(crate) fn url_part(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The link to the evidence of a fact: its document, scrolled to the byte where it starts.
pub(crate) fn evidence_href(doc: &str, start: u64) -> String {
    format!("/documents/{}#b{start}", url_part(doc))
}

/// The link to an entity's page.
pub(crate) fn entity_href(name: &str) -> String {
    format!("/entities/{}", url_part(name))
}

const STYLE: &str = "
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#223;color:#eee;padding:.5em 1em;display:flex;gap:1.2em;align-items:center;flex-wrap:wrap}
header a{color:#cde;text-decoration:none}header a.on{color:#fff;font-weight:600;border-bottom:2px solid #fc6}
header form{margin-left:auto}
main{padding:1em 1.5em;max-width:75em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eef;font-weight:600}
.muted{color:#777;font-size:90%}.num-col{text-align:right}
.filters{background:#eef;padding:.5em;margin:.5em 0;border-radius:4px}
.filters input[type=text]{width:12em}
.text{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:1em;font-size:16px;line-height:1.7}
.source{font-family:ui-monospace,monospace;font-size:13px}
.ent{border-bottom:2px solid #2a7}.ent a{color:inherit;text-decoration:none}
.quote{background:#fff1a8}.time{background:#cfe6ff}.num{background:#ffd3d3}
.event{box-shadow:inset 0 -3px 0 #b6f}.call{box-shadow:inset 0 -3px 0 #f80}
.removed{color:#aaa;text-decoration:line-through}
#t-ent:not(:checked)~.text .ent{border:none}
#t-quote:not(:checked)~.text .quote,#t-time:not(:checked)~.text .time,#t-num:not(:checked)~.text .num{background:none}
#t-event:not(:checked)~.text .event,#t-call:not(:checked)~.text .call{box-shadow:none}
#t-removed:not(:checked)~.text .removed{display:none}
label.key{margin-right:1em;padding:0 .3em}
.status-met{color:#080;font-weight:600}.status-refused{color:#b00;font-weight:600}.status-open{color:#777}
.agree{color:#080}.differ{color:#b00;font-weight:600}
mark{background:#ffe066}
";

/// The page frame: header with the sections (the `active` one marked), search box, and body.
pub(crate) fn page(title: &str, active: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 4096);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{} · chronicle</title><style>{STYLE}</style></head><body><header>\
         <strong>chronicle</strong>",
        esc(title)
    );
    for (href, label) in [
        ("/", "Documents"),
        ("/timeline", "Timeline"),
        ("/calls", "Calls to action"),
        ("/entities", "Entities"),
        ("/quotes", "Quotations"),
        ("/claims", "Figures"),
    ] {
        let on = if label == active { " class=\"on\"" } else { "" };
        let _ = write!(out, "<a href=\"{href}\"{on}>{label}</a>");
    }
    let _ = writeln!(
        out,
        "<form action=\"/search\"><input type=\"search\" name=\"q\" placeholder=\"search the texts\" \
         aria-label=\"search the texts\"> <button>Search</button></form></header><main>{body}</main>\
         </body></html>"
    );
    out
}

/// One fact to mark on a text: its byte range in that text, a CSS class, a tooltip, an
/// optional link (an entity's page) and the source span it stands for (the anchor `b{start}`).
#[derive(Clone, Debug)]
pub(crate) struct Mark {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) class: &'static str,
    pub(crate) title: String,
    pub(crate) href: Option<String>,
    pub(crate) source_start: usize,
}

/// The text with its marks as nested-free HTML: the text is cut at every mark boundary and
/// each piece carries the classes and tooltips of the marks covering it, so overlapping facts
/// (an entity inside a quotation) all show. An anchor `id="b{source_start}"` precedes each
/// mark's first piece. Marks outside the text or off character boundaries are clamped.
pub(crate) fn highlight(text: &str, marks: &[Mark]) -> String {
    let fit = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut marks: Vec<Mark> = marks
        .iter()
        .map(|m| Mark {
            start: fit(m.start),
            end: fit(m.end),
            ..m.clone()
        })
        .filter(|m| m.start < m.end)
        .collect();
    marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut cuts: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    cuts.extend([0, text.len()]);
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    let mut anchored = std::collections::HashSet::new();
    let mut next = 0; // the first mark not yet opened
    let mut active: Vec<usize> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        active.retain(|&i| marks[i].end > a);
        while next < marks.len() && marks[next].start <= a {
            if marks[next].end > a {
                active.push(next);
                if anchored.insert(marks[next].source_start) {
                    let _ = write!(out, "<a id=\"b{}\"></a>", marks[next].source_start);
                }
            }
            next += 1;
        }
        let piece = esc(&text[a..b]);
        if active.is_empty() {
            out.push_str(&piece);
            continue;
        }
        let mut classes: Vec<&str> = active.iter().map(|&i| marks[i].class).collect();
        classes.sort_unstable();
        classes.dedup();
        let title: Vec<&str> = active.iter().map(|&i| marks[i].title.as_str()).collect();
        let href = active.iter().rev().find_map(|&i| marks[i].href.as_deref());
        let _ = write!(
            out,
            "<span class=\"{}\" title=\"{}\">",
            classes.join(" "),
            esc(&title.join("\n"))
        );
        match href {
            Some(h) => {
                let _ = write!(out, "<a href=\"{}\">{piece}</a>", esc(h));
            }
            None => out.push_str(&piece),
        }
        out.push_str("</span>");
    }
    out
}

/// A bar chart of counts per month (`YYYY-MM`, in any order) as inline SVG: one bar per
/// calendar month from the first to the last (empty months stay empty), each bar a link
/// (`href(first index)`) with its month and count as tooltip, and the years written under
/// their Januaries (or under the first month).
pub(crate) fn month_chart(
    months: &[(String, usize, usize)],
    href: &dyn Fn(usize) -> String,
) -> String {
    let index = |m: &str| -> Option<i64> {
        let year: i64 = m.get(..4)?.parse().ok()?;
        let month: i64 = m.get(5..7)?.parse().ok()?;
        (1..=12).contains(&month).then_some(year * 12 + month - 1)
    };
    let known: Vec<(i64, &(String, usize, usize))> = months
        .iter()
        .filter_map(|m| Some((index(&m.0)?, m)))
        .collect();
    let (Some(lo), Some(hi)) = (
        known.iter().map(|k| k.0).min(),
        known.iter().map(|k| k.0).max(),
    ) else {
        return String::new();
    };
    let span = (hi - lo + 1) as f64;
    let top = known.iter().map(|k| k.1 .1).max().unwrap_or(1).max(1) as f64;
    let (width, height, base) = (900.0, 110.0, 90.0);
    let step = width / span;
    let mut out = format!(
        "<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" height=\"{height}\" role=\"img\" \
         aria-label=\"events per month\" style=\"max-width:{width}px;display:block\">"
    );
    for (i, (month, count, first)) in &known {
        let h = (*count as f64 / top * (base - 10.0)).max(2.0);
        let x = (i - lo) as f64 * step;
        let _ = write!(
            out,
            "<a href=\"{}\"><rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" \
             fill=\"#b6f\"><title>{}: {count} event(s)</title></rect></a>",
            esc(&href(*first)),
            base - h,
            (step * 0.8).max(1.0),
            esc(month)
        );
    }
    for i in lo..=hi {
        if i % 12 == 0 || i == lo {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" fill=\"#555\">{}</text>",
                (i - lo) as f64 * step,
                base + 15.0,
                i.div_euclid(12)
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, class: &'static str) -> Mark {
        Mark {
            start,
            end,
            class,
            title: class.to_string(),
            href: None,
            source_start: start + 100,
        }
    }

    #[test]
    fn the_month_chart_spans_the_months_and_links_each_bar() {
        let months = vec![
            ("2019-11".to_string(), 2, 0),
            ("2020-02".to_string(), 4, 5),
            ("someday".to_string(), 9, 9),
        ];
        let svg = month_chart(&months, &|i| format!("/timeline?offset=0#e{i}"));
        // Two bars, four month steps (Nov..Feb), the taller bar for the larger count.
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("href=\"/timeline?offset=0#e5\""));
        assert!(svg.contains("<title>2020-02: 4 event(s)</title>"));
        assert!(svg.contains("x=\"675.0\""), "{svg}"); // 3 of 4 steps of 225
        assert!(svg.contains(">2019</text>") && svg.contains(">2020</text>"));
        assert_eq!(month_chart(&[], &|_| String::new()), "");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(esc("a\u{2}b\nc"), "a\u{FFFD}b\nc");
    }

    #[test]
    fn percent_encodes_what_a_path_cannot_hold() {
        assert_eq!(
            url_part("Michelle Bachelet/UN?"),
            "Michelle%20Bachelet%2FUN%3F"
        );
        assert_eq!(url_part("Zeid Ra’ad"), "Zeid%20Ra%E2%80%99ad");
    }

    #[test]
    fn overlapping_marks_cut_the_text_and_keep_every_class() {
        // "said Bachelet on Monday": a quotation over all, an entity and a date inside it.
        let text = "said Bachelet on Monday";
        let html = highlight(
            text,
            &[
                mark(0, 23, "quote"),
                mark(5, 13, "ent"),
                mark(17, 23, "time"),
            ],
        );
        assert_eq!(
            html,
            "<a id=\"b100\"></a><span class=\"quote\" title=\"quote\">said </span>\
             <a id=\"b105\"></a><span class=\"ent quote\" title=\"quote\nent\">Bachelet</span>\
             <span class=\"quote\" title=\"quote\"> on </span>\
             <a id=\"b117\"></a><span class=\"quote time\" title=\"quote\ntime\">Monday</span>"
        );
    }

    #[test]
    fn text_between_marks_is_escaped_and_kept_whole() {
        let html = highlight("a < b and c", &[mark(6, 9, "num")]);
        assert_eq!(
            html,
            "a &lt; b <a id=\"b106\"></a><span class=\"num\" title=\"num\">and</span> c"
        );
    }

    #[test]
    fn marks_off_the_text_or_inside_a_character_are_clamped() {
        // "é" is two bytes: a mark ending inside it ends before it.
        let html = highlight("xé", &[mark(0, 2, "ent"), mark(5, 9, "num")]);
        assert_eq!(
            html,
            "<a id=\"b100\"></a><span class=\"ent\" title=\"ent\">x</span>é"
        );
    }
}

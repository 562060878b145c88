//! The pages: server-rendered HTML built from the same listings as the API.

use super::api::{self, ClaimsQuery, EntitiesQuery, EventsQuery, QuotesQuery};
use super::html::{entity_href, esc, evidence_href, highlight, month_chart, page, url_part, Mark};
use super::{blocking, cached, flag, given, Failure, Paging, Shared};
use crate::cmd_docs;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use chronicle_core::Document;
use serde::Deserialize;
use serde_json::Value;
use std::fmt::Write as _;

/// A failure as a page.
#[derive(Debug)]
pub(crate) struct PageError(pub(crate) Failure);

impl From<Failure> for PageError {
    fn from(f: Failure) -> PageError {
        PageError(f)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = self.0.status.canonical_reason().unwrap_or("Error");
        let body = format!("<h1>{}</h1><p>{}</p>", esc(title), esc(&self.0.message));
        (self.0.status, Html(page(title, "", &body))).into_response()
    }
}

type Answer = Result<Html<String>, PageError>;

/// A field of a listing object as text: strings as they are, numbers printed, else `-`.
fn field(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => "-".to_string(),
    }
}

fn count(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// The strings of an array field, joined.
fn joined(v: &Value, key: &str, sep: &str) -> String {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(sep)
        })
        .unwrap_or_default()
}

/// The evidence of a fact as a link to its bytes in its document, with the byte range shown.
fn evidence(v: &Value, text_key: &str) -> String {
    let doc = field(v, "doc");
    let start = count(v, "start");
    format!(
        "<a href=\"{}\">{}</a> <span class=\"muted\">[{}..{}]</span>",
        esc(&evidence_href(&doc, start)),
        esc(&crate::one_line(&field(v, text_key))),
        start,
        count(v, "end")
    )
}

/// The report a fact comes from: outlet (or source file) and publication date.
fn report(v: &Value) -> String {
    let outlet = match v.get("outlet").and_then(Value::as_str) {
        Some(o) => o.to_string(),
        None => field(v, "source")
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string(),
    };
    format!(
        "{} <span class=\"muted\">{}</span>",
        esc(&outlet),
        esc(&field(v, "published"))
    )
}

/// A link to an entity's page, for a name that may be missing.
fn party(v: &Value, key: &str) -> String {
    name_link(v.get(key).and_then(Value::as_str))
}

/// A name as a link to its entity's page, or a dash.
fn name_link(name: Option<&str>) -> String {
    match name {
        Some(name) => format!("<a href=\"{}\">{}</a>", esc(&entity_href(name)), esc(name)),
        None => "<span class=\"muted\">-</span>".to_string(),
    }
}

fn text_input(name: &str, label: &str, value: &Option<String>) -> String {
    format!(
        "<label>{label} <input type=\"text\" name=\"{name}\" value=\"{}\"></label> ",
        esc(value.as_deref().unwrap_or(""))
    )
}

fn checkbox(name: &str, label: &str, value: &Option<String>) -> String {
    let checked = if flag(value) { " checked" } else { "" };
    format!("<label><input type=\"checkbox\" name=\"{name}\"{checked}> {label}</label> ")
}

/// A table: a header row of column names, then a row of cells (HTML, already escaped) per item.
fn table(columns: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::from("<table><tr>");
    for c in columns {
        let _ = write!(out, "<th>{c}</th>");
    }
    out.push_str("</tr>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

/// Rows per page of a listing, unless the query asks for another `limit`.
const PAGE: usize = 200;

/// The rows of this page and the links to the pages around it (the other query parameters
/// kept); no links when everything fits on one page.
fn pager(
    path: &str,
    raw: Option<&str>,
    paging: &Paging,
    total: usize,
) -> (std::ops::Range<usize>, String) {
    let range = paging.range(total, PAGE);
    if range.start == 0 && range.end == total {
        return (range, String::new());
    }
    let link = |offset: usize, label: &str| {
        format!(
            "<a href=\"{}\">{label}</a>",
            esc(&with_offset(path, raw, offset))
        )
    };
    let size = range.len().max(1);
    let mut nav = format!(
        "<p class=\"muted\">{}–{} of {total}",
        range.start + 1,
        range.end
    );
    if range.start > 0 {
        let _ = write!(
            nav,
            " · {}",
            link(range.start.saturating_sub(size), "← previous")
        );
    }
    if range.end < total {
        let _ = write!(nav, " · {}", link(range.end, "next →"));
    }
    nav.push_str("</p>");
    (range, nav)
}

/// The address of a listing's page starting at `offset`, the other query parameters kept.
fn with_offset(path: &str, raw: Option<&str>, offset: usize) -> String {
    let mut query: Vec<String> = raw
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("offset="))
        .map(str::to_string)
        .collect();
    query.push(format!("offset={offset}"));
    format!("{path}?{}", query.join("&"))
}

/// The month (`YYYY-MM`) an event belongs to on the chart: the month its text gives, else,
/// when the text gives no date, its report's month; `None` for a year or week alone.
fn event_month(e: &Value) -> Option<String> {
    let month = |v: &str| {
        let b = v.as_bytes();
        (b.len() >= 7
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..7].iter().all(u8::is_ascii_digit))
        .then(|| v[..7].to_string())
    };
    match e.get("date").and_then(Value::as_str) {
        Some(date) => month(date),
        None => e.get("published").and_then(Value::as_str).and_then(month),
    }
}

fn nothing(what: &str) -> String {
    format!("<p class=\"muted\">No {what} in the store match.</p>")
}

pub(crate) async fn overview(
    State(s): State<Shared>,
    Query(paging): Query<Paging>,
    RawQuery(raw): RawQuery,
) -> Answer {
    let rows = cached(&s, "documents".to_string(), api::documents_of).await?;
    let total = |key: &str| rows.iter().map(|r| count(r, key)).sum::<u64>();
    let mut body = format!(
        "<h1>Documents</h1><p>{} document(s), {} words; {} entities, {} quotations, {} dates, \
         {} figures, {} copy relations (per document; <a href=\"/entities\">entities</a> are \
         merged across documents).</p>",
        rows.len(),
        total("words"),
        total("entities"),
        total("quotes"),
        total("timexes"),
        total("claims"),
        total("copies"),
    );
    if rows.is_empty() {
        body.push_str("<p>The store is empty: run <code>chronicle ingest PATH</code>.</p>");
    }
    let (range, nav) = pager("/", raw.as_deref(), &paging, rows.len());
    body.push_str(&nav);
    body.push_str(
        "<table><tr><th>#</th><th>published</th><th>outlet</th><th>title / source</th>\
         <th class=\"num-col\">words</th><th class=\"num-col\">entities</th>\
         <th class=\"num-col\">quotes</th><th class=\"num-col\">dates</th>\
         <th class=\"num-col\">figures</th><th class=\"num-col\">copies</th></tr>",
    );
    for r in &rows[range] {
        let title = match (
            r.get("title").and_then(Value::as_str),
            r.get("record").and_then(Value::as_str),
        ) {
            (Some(t), _) => t.to_string(),
            (None, Some(rec)) => format!("{} ({rec})", field(r, "source")),
            (None, None) => field(r, "source"),
        };
        let published = field(r, "published");
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><a href=\"/documents/{}\">{}</a></td>",
            count(r, "seq"),
            esc(&published[..published.len().min(10)]),
            esc(&field(r, "outlet")),
            url_part(&field(r, "id")),
            esc(&title),
        );
        for key in ["words", "entities", "quotes", "timexes", "claims", "copies"] {
            let _ = write!(body, "<td class=\"num-col\">{}</td>", count(r, key));
        }
        body.push_str("</tr>");
    }
    body.push_str("</table>");
    body.push_str(&nav);
    Ok(Html(page("Documents", "Documents", &body)))
}

#[derive(Debug, Deserialize)]
pub(crate) struct DocumentQuery {
    view: Option<String>,
}

/// The marks of a document's facts, by their source spans; `to_text` maps a source span to the
/// shown text (`None`: not shown there).
fn marks_of(
    doc: &Document,
    to_text: &dyn Fn(chronicle_core::Span) -> Option<std::ops::Range<usize>>,
) -> Vec<Mark> {
    let l = &doc.layers;
    let mut marks = Vec::new();
    let mut add =
        |span: chronicle_core::Span, class: &'static str, title: String, href: Option<String>| {
            if let Some(r) = to_text(span) {
                marks.push(Mark {
                    start: r.start,
                    end: r.end,
                    class,
                    title,
                    href,
                    source_start: span.start,
                });
            }
        };
    for e in &l.entities {
        for m in &e.mentions {
            add(
                m.span,
                "ent",
                format!("{} ({}) [{}..{}]", e.name, e.kind, m.span.start, m.span.end),
                Some(entity_href(&e.name)),
            );
        }
    }
    for q in &l.quotes {
        add(
            q.span,
            "quote",
            format!(
                "{} quotation by {} [{}..{}]",
                q.kind,
                q.speaker.as_deref().unwrap_or("(unattributed)"),
                q.span.start,
                q.span.end
            ),
            None,
        );
    }
    for t in &l.timexes {
        add(
            t.span,
            "time",
            format!(
                "{} {} [{}..{}]",
                t.kind,
                t.value.as_deref().unwrap_or("(no value)"),
                t.span.start,
                t.span.end
            ),
            None,
        );
    }
    for c in &l.claims {
        let value = claim_value(c);
        add(
            c.span,
            "num",
            format!(
                "figure {value}{}{} [{}..{}]",
                c.unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default(),
                c.hedge
                    .as_deref()
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default(),
                c.span.start,
                c.span.end
            ),
            None,
        );
    }
    for e in &l.events {
        add(
            e.span,
            "event",
            {
                let mut parts = vec!["event", e.actor.as_deref().unwrap_or("?"), &e.action];
                parts.extend(e.target.as_deref());
                parts.extend(e.date.as_deref());
                format!("{} [{}..{}]", parts.join(" "), e.span.start, e.span.end)
            },
            None,
        );
    }
    for c in &l.calls_to_action {
        add(
            c.span,
            "call",
            format!(
                "call by {} to {}: {} [{}..{}]",
                c.by.as_deref().unwrap_or("?"),
                c.to.as_deref().unwrap_or("?"),
                c.demand,
                c.span.start,
                c.span.end
            ),
            None,
        );
    }
    marks
}

const LAYER_KEYS: &str = "<input type=\"checkbox\" id=\"t-ent\" checked><label class=\"key ent\" for=\"t-ent\">entities</label>\
<input type=\"checkbox\" id=\"t-quote\" checked><label class=\"key quote\" for=\"t-quote\">quotations</label>\
<input type=\"checkbox\" id=\"t-time\" checked><label class=\"key time\" for=\"t-time\">dates</label>\
<input type=\"checkbox\" id=\"t-num\" checked><label class=\"key num\" for=\"t-num\">figures</label>\
<input type=\"checkbox\" id=\"t-event\" checked><label class=\"key event\" for=\"t-event\">events</label>\
<input type=\"checkbox\" id=\"t-call\" checked><label class=\"key call\" for=\"t-call\">calls to action</label>";

pub(crate) async fn document(
    State(s): State<Shared>,
    Path(reference): Path<String>,
    Query(q): Query<DocumentQuery>,
) -> Answer {
    let (doc, copies) = blocking(&s, move |g| {
        let store = cmd_docs::open(g)?;
        let doc = store.get(&store.resolve(&reference)?)?;
        let copies = store.relations_of(&doc.id)?;
        Ok((doc, copies))
    })
    .await?;
    let source_view = q.view.as_deref() == Some("source");
    let m = &doc.meta;
    let title = m
        .title
        .clone()
        .unwrap_or_else(|| doc.source.path.rsplit('/').next().unwrap_or("").to_string());
    let mut body = format!("<h1>{}</h1><table>", esc(&title));
    let mut row = |k: &str, v: String| {
        let _ = write!(body, "<tr><th>{k}</th><td>{v}</td></tr>");
    };
    row("id", format!("<code>{}</code>", esc(&doc.id)));
    let mut source = esc(&doc.source.path);
    if let Some(r) = &doc.source.record {
        let _ = write!(source, " (record {})", esc(r));
    }
    let _ = write!(
        source,
        " · <a href=\"/api/documents/{}/source\">original bytes</a> · \
         <a href=\"/api/documents/{}\">JSON</a>",
        url_part(&doc.id),
        url_part(&doc.id)
    );
    row("source", source);
    row("outlet", esc(m.outlet.as_deref().unwrap_or("-")));
    row(
        "published",
        format!(
            "{} <span class=\"muted\">{}</span>",
            esc(m.published.as_deref().unwrap_or("-")),
            esc(m.published_source.as_deref().unwrap_or(""))
        ),
    );
    if !m.authors.is_empty() {
        row("authors", esc(&m.authors.join("; ")));
    }
    if let Some(url) = &m.url {
        row("url", esc(url));
    }
    if !copies.is_empty() {
        let list: Vec<String> = copies
            .iter()
            .map(|c| {
                let other = if c.doc_a == doc.id {
                    &c.doc_b
                } else {
                    &c.doc_a
                };
                format!(
                    "{} of <a href=\"/documents/{}\">{}</a> (Jaccard {:.2})",
                    esc(&c.kind),
                    url_part(other),
                    esc(&other[..other.len().min(12)]),
                    c.jaccard
                )
            })
            .collect();
        row("copies", list.join("<br>"));
    }
    body.push_str("</table>");
    let raw_text = std::str::from_utf8(&doc.raw).ok();
    let (shown, marks) = match (source_view, raw_text) {
        (true, Some(raw)) => {
            let mut marks = marks_of(&doc, &|s| Some(s.range()));
            for r in &doc.layers.removed {
                marks.push(Mark {
                    start: r.span.start,
                    end: r.span.end,
                    class: "removed",
                    title: format!("removed: {} [{}..{}]", r.reason, r.span.start, r.span.end),
                    href: None,
                    source_start: r.span.start,
                });
            }
            (raw, marks)
        }
        _ => (
            doc.clean.text.as_str(),
            marks_of(&doc, &|s| doc.clean.alignment.to_text(s)),
        ),
    };
    let _ = write!(
        body,
        "<p>{} · <a href=\"?view={}\">{}</a></p>",
        if source_view && raw_text.is_some() {
            "The original bytes, with every fact at its exact byte range and what cleaning removed struck through."
        } else {
            "The clean text; every mark stands for a byte range of the original (hover for it)."
        },
        if source_view { "clean" } else { "source" },
        if source_view {
            "show the clean text"
        } else {
            "show the original bytes"
        },
    );
    if source_view && raw_text.is_none() {
        let _ = write!(
            body,
            "<p class=\"muted\">The original is in {} and is shown decoded as the clean text.</p>",
            esc(&doc.encoding)
        );
    }
    body.push_str("<div>");
    body.push_str(LAYER_KEYS);
    if source_view {
        body.push_str("<input type=\"checkbox\" id=\"t-removed\" checked><label class=\"key removed\" for=\"t-removed\">removed</label>");
    }
    let _ = write!(
        body,
        "<div class=\"text{}\">{}</div></div>",
        if source_view && raw_text.is_some() {
            " source"
        } else {
            ""
        },
        highlight(shown, &marks)
    );
    // The facts, listed with their spans.
    let l = &doc.layers;
    // The mark and the byte range of a fact of this document.
    let here = |span: chronicle_core::Span, text: &str| {
        format!(
            "<a href=\"#b{}\">{}</a> <span class=\"muted\">[{}..{}]</span>",
            span.start,
            esc(&crate::one_line(text)),
            span.start,
            span.end
        )
    };
    if !l.quotes.is_empty() {
        body.push_str("<h2>Quotations</h2>");
        body.push_str(&table(
            &["speaker", "kind", "cue", "text"],
            l.quotes.iter().map(|q| {
                vec![
                    name_link(q.speaker.as_deref()),
                    esc(&q.kind),
                    esc(q.cue.as_deref().unwrap_or("-")),
                    here(q.span, &q.text),
                ]
            }),
        ));
    }
    if !l.timexes.is_empty() {
        body.push_str("<h2>Dates</h2>");
        body.push_str(&table(
            &["text", "type", "value"],
            l.timexes.iter().map(|t| {
                vec![
                    here(t.span, &t.text),
                    esc(&t.kind),
                    esc(t.value.as_deref().unwrap_or("-")),
                ]
            }),
        ));
    }
    if !l.claims.is_empty() {
        body.push_str("<h2>Figures</h2>");
        body.push_str(&table(
            &["text", "value", "counted", "hedge", "asserted by"],
            l.claims.iter().map(|c| {
                vec![
                    here(c.span, &c.text),
                    esc(&claim_value(c)),
                    esc(c.unit.as_deref().unwrap_or("-")),
                    esc(c.hedge.as_deref().unwrap_or("-")),
                    name_link(c.source.as_deref().or(m.outlet.as_deref())),
                ]
            }),
        ));
    }
    if !l.events.is_empty() {
        body.push_str("<h2>Events</h2>");
        body.push_str(&table(
            &["date", "actor", "action", "target", "evidence"],
            l.events.iter().map(|e| {
                vec![
                    esc(e.date.as_deref().unwrap_or("-")),
                    name_link(e.actor.as_deref()),
                    esc(&e.action),
                    name_link(e.target.as_deref()),
                    here(e.span, &e.evidence),
                ]
            }),
        ));
    }
    if !l.calls_to_action.is_empty() {
        body.push_str("<h2>Calls to action</h2>");
        body.push_str(&table(
            &["by", "to", "demand", "evidence"],
            l.calls_to_action.iter().map(|c| {
                vec![
                    name_link(c.by.as_deref()),
                    name_link(c.to.as_deref()),
                    esc(&c.demand),
                    here(c.span, &c.evidence),
                ]
            }),
        ));
    }
    Ok(Html(page(&title, "", &body)))
}

/// Events as a table: date, parties (linked to their pages), action, evidence, report. With
/// `first`, row `i` is the listing's event `first + i` and carries the anchor `e{first + i}`.
fn events_table(rows: &[Value], first: Option<usize>) -> String {
    let mut out = String::from(
        "<table><tr><th>date</th><th>actor</th><th>action</th><th>target</th>\
         <th>evidence</th><th>report</th></tr>",
    );
    for (i, e) in rows.iter().enumerate() {
        let id = first.map_or(String::new(), |f| format!(" id=\"e{}\"", f + i));
        let _ = write!(
            out,
            "<tr{id}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&field(e, "date")),
            party(e, "actor"),
            esc(&field(e, "action")),
            party(e, "target"),
            evidence(e, "evidence"),
            report(e)
        );
    }
    out.push_str("</table>");
    out
}

pub(crate) async fn timeline(
    State(s): State<Shared>,
    Query(q): Query<EventsQuery>,
    Query(paging): Query<Paging>,
    RawQuery(raw): RawQuery,
) -> Answer {
    let form = format!(
        "<form class=\"filters\">{}{}{}<button>Filter</button></form>",
        text_input("party", "party", &q.party),
        text_input("action", "action", &q.action),
        checkbox("merge", "one line per happening", &q.merge)
    );
    let rows = cached(&s, format!("events, false {:?}", q), move |g| {
        api::events_of(g, q, false)
    })
    .await?;
    let mut body = format!(
        "<h1>Timeline</h1><p>Who did what to whom, when: {} event(s) in date order (the date the \
         text gives, else the report's).</p>{form}",
        rows.len()
    );
    if rows.is_empty() {
        body.push_str(&nothing("events"));
    } else {
        // The chart: events per month, each bar a link to the first event of its month.
        let mut months: Vec<(String, usize, usize)> = Vec::new();
        for (i, e) in rows.iter().enumerate() {
            let Some(m) = event_month(e) else { continue };
            match months.iter_mut().find(|(x, _, _)| *x == m) {
                Some((_, n, _)) => *n += 1,
                None => months.push((m, 1, i)),
            }
        }
        let per_page = paging.limit.unwrap_or(PAGE).max(1);
        body.push_str(&month_chart(&months, &|first| {
            format!(
                "{}#e{first}",
                with_offset("/timeline", raw.as_deref(), first / per_page * per_page)
            )
        }));
        let (range, nav) = pager("/timeline", raw.as_deref(), &paging, rows.len());
        let start = range.start;
        let _ = write!(
            body,
            "{nav}{}{nav}",
            events_table(&rows[range], Some(start))
        );
    }
    Ok(Html(page("Timeline", "Timeline", &body)))
}

pub(crate) async fn calls(
    State(s): State<Shared>,
    Query(q): Query<EventsQuery>,
    Query(paging): Query<Paging>,
    RawQuery(raw): RawQuery,
) -> Answer {
    let form = format!(
        "<form class=\"filters\">{}<button>Filter</button></form>",
        text_input("party", "party", &q.party)
    );
    let rows = cached(&s, format!("events, true {:?}", q), move |g| {
        api::events_of(g, q, true)
    })
    .await?;
    let mut body = format!(
        "<h1>Calls to action</h1><p>Who urged whom to do what, and whether the addressee did it \
         (<span class=\"status-met\">met</span>), refused it \
         (<span class=\"status-refused\">refused</span>) or neither yet \
         (<span class=\"status-open\">open</span>) in the reports: {} call(s).</p>{form}",
        rows.len()
    );
    if rows.is_empty() {
        body.push_str(&nothing("calls to action"));
    } else {
        let (range, nav) = pager("/calls", raw.as_deref(), &paging, rows.len());
        body.push_str(&nav);
        body.push_str("<table><tr><th>status</th><th>by</th><th>to</th><th>demand</th><th>evidence</th><th>report</th></tr>");
        for c in &rows[range] {
            let status = field(c, "status");
            let mut answer = String::new();
            if let Some(a) = c.get("answer").filter(|a| a.is_object()) {
                // The later event that meets or refuses it: its action, linked to its bytes.
                let _ = write!(
                    answer,
                    "<br><span class=\"muted\">answer:</span> {} <span class=\"muted\">{}</span>",
                    evidence(a, "action"),
                    esc(&field(a, "published"))
                );
            }
            let _ = write!(
                body,
                "<tr><td class=\"status-{0}\">{0}</td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}{5}</td><td>{6}</td></tr>",
                esc(&status),
                party(c, "by"),
                party(c, "to"),
                esc(&field(c, "demand")),
                evidence(c, "evidence"),
                answer,
                report(c)
            );
        }
        body.push_str("</table>");
        body.push_str(&nav);
    }
    Ok(Html(page("Calls to action", "Calls to action", &body)))
}

pub(crate) async fn entities(
    State(s): State<Shared>,
    Query(q): Query<EntitiesQuery>,
    Query(paging): Query<Paging>,
    RawQuery(raw): RawQuery,
) -> Answer {
    let form = format!(
        "<form class=\"filters\">{}<label>type <input type=\"text\" name=\"type\" value=\"{}\" \
         placeholder=\"PERSON, ORG, GPE…\"></label> <label>in at least <input type=\"number\" \
         name=\"min_docs\" min=\"1\" value=\"{}\" style=\"width:4em\"> document(s)</label> \
         <button>Filter</button></form>",
        text_input("name", "name", &q.name),
        esc(q.kind.as_deref().unwrap_or("")),
        esc(given(q.min_docs.clone()).as_deref().unwrap_or("1"))
    );
    // The listing filters by name as a substring of any spelling; `--name` would open pages.
    let wanted = given(q.name.clone()).map(|w| w.to_lowercase());
    let query = EntitiesQuery { name: None, ..q };
    let rows = cached(&s, format!("entities {:?}", query), move |g| {
        api::entities_of(g, query)
    })
    .await?;
    let rows: Vec<&Value> = rows
        .iter()
        .filter(|e| {
            wanted.as_deref().is_none_or(|w| {
                format!("{} {}", field(e, "name"), joined(e, "spellings", " "))
                    .to_lowercase()
                    .contains(w)
            })
        })
        .collect();
    let mut body = format!(
        "<h1>Entities</h1><p>People, organisations and places, each once across documents, \
         spellings and outlets: {} entit(ies), the most reported first.</p>{form}",
        rows.len()
    );
    if rows.is_empty() {
        body.push_str(&nothing("entities"));
    } else {
        let (range, nav) = pager("/entities", raw.as_deref(), &paging, rows.len());
        body.push_str(&nav);
        body.push_str("<table><tr><th>name</th><th>type</th><th class=\"num-col\">documents</th><th class=\"num-col\">mentions</th><th class=\"num-col\">quotations</th><th class=\"num-col\">events</th><th>first – last</th><th>spellings</th><th>titles</th></tr>");
        for e in &rows[range] {
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td class=\"num-col\">{}</td><td class=\"num-col\">{}</td><td class=\"num-col\">{}</td><td class=\"num-col\">{}</td><td>{} – {}</td><td>{}</td><td>{}</td></tr>",
                party(e, "name"),
                esc(&field(e, "type")),
                count(e, "documents"),
                count(e, "mentions"),
                count(e, "quotes"),
                count(e, "events"),
                esc(&field(e, "first")),
                esc(&field(e, "last")),
                esc(&joined(e, "spellings", "; ")),
                esc(&joined(e, "roles", "; "))
            );
        }
        body.push_str("</table>");
    }
    Ok(Html(page("Entities", "Entities", &body)))
}

pub(crate) async fn entity(State(s): State<Shared>, Path(name): Path<String>) -> Answer {
    let wanted = name.clone();
    let query = EntitiesQuery {
        name: Some(wanted),
        ..EntitiesQuery::default()
    };
    let pages = cached(&s, format!("entities {query:?}"), move |g| {
        api::entities_of(g, query)
    })
    .await?;
    if pages.is_empty() {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            format!("no entity in the store answers to {name:?}"),
        )
        .into());
    }
    let mut body = String::new();
    if pages.len() > 1 {
        let _ = write!(
            body,
            "<p>{} entities answer to “{}”.</p>",
            pages.len(),
            esc(&name)
        );
    }
    for e in pages.iter() {
        let _ = write!(
            body,
            "<h1>{}</h1><p>{} · named in {} document(s) ({} mention(s)), {} – {} · outlets: {}</p>\
             <table><tr><th>spellings</th><td>{}</td></tr><tr><th>titles</th><td>{}</td></tr></table>",
            esc(&field(e, "name")),
            esc(&field(e, "type")),
            count(e, "documents"),
            count(e, "mentions"),
            esc(&field(e, "first")),
            esc(&field(e, "last")),
            esc(&joined(e, "outlets", "; ")),
            esc(&joined(e, "spellings", "; ")),
            esc(&joined(e, "roles", "; "))
        );
        let list = |key: &str| -> Vec<Value> {
            e.get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let reports = list("reports");
        if !reports.is_empty() {
            body.push_str("<h2>Reports naming it</h2><table><tr><th>report</th><th>as</th><th class=\"num-col\">mentions</th><th>titles there</th></tr>");
            for r in &reports {
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td>{}</td><td class=\"num-col\">{}</td><td>{}</td></tr>",
                    report(r),
                    evidence(r, "name"),
                    count(r, "mentions"),
                    esc(&joined(r, "roles", "; "))
                );
            }
            body.push_str("</table>");
        }
        let quotations = list("quotations");
        if !quotations.is_empty() {
            let _ = write!(
                body,
                "<h2>Quotations ({})</h2><table><tr><th>report</th><th>kind</th><th>text</th></tr>",
                quotations.len()
            );
            for q in &quotations {
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    report(q),
                    esc(&field(q, "kind")),
                    evidence(q, "text")
                );
            }
            body.push_str("</table>");
        }
        let events = list("event_list");
        if !events.is_empty() {
            let _ = write!(
                body,
                "<h2>Events ({})</h2>{}",
                events.len(),
                events_table(&events, None)
            );
        }
    }
    Ok(Html(page(&name, "Entities", &body)))
}

pub(crate) async fn quotes(
    State(s): State<Shared>,
    Query(q): Query<QuotesQuery>,
    Query(paging): Query<Paging>,
    RawQuery(raw): RawQuery,
) -> Answer {
    let form = format!(
        "<form class=\"filters\">{}<button>Filter</button></form>",
        text_input("speaker", "speaker", &q.speaker)
    );
    let rows = cached(&s, format!("quotes {:?}", q), move |g| api::quotes_of(g, q)).await?;
    let mut body = format!(
        "<h1>Quotations</h1><p>Every statement with its speaker: direct (in quotation marks), \
         indirect (reported) or mixed; {} quotation(s).</p>{form}",
        rows.len()
    );
    if rows.is_empty() {
        body.push_str(&nothing("quotations"));
    } else {
        let (range, nav) = pager("/quotes", raw.as_deref(), &paging, rows.len());
        body.push_str(&nav);
        body.push_str(&table(
            &["speaker", "kind", "cue", "text", "report"],
            rows[range].iter().map(|v| {
                vec![
                    party(v, "speaker"),
                    esc(&field(v, "kind")),
                    esc(&field(v, "cue")),
                    evidence(v, "text"),
                    report(v),
                ]
            }),
        ));
    }
    Ok(Html(page("Quotations", "Quotations", &body)))
}

/// A figure's value, or its range (`?` for an open end), as the reports would write it.
fn claim_value(c: &chronicle_core::facts::Claim) -> String {
    let show = |x: Option<f64>| x.map_or("?".to_string(), |x| figure(&Value::from(x)));
    match c.value {
        Some(v) => show(Some(v)),
        None => format!("{} – {}", show(c.low), show(c.high)),
    }
}

/// A number as the reports would write it (no fraction when whole, thousands separated).
fn figure(v: &Value) -> String {
    match v.as_f64() {
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => {
            let digits = format!("{}", x.abs() as u64);
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            if x < 0.0 {
                out.insert(0, '-');
            }
            out
        }
        Some(x) => format!("{x}"),
        None => "∞".to_string(),
    }
}

pub(crate) async fn claims(
    State(s): State<Shared>,
    Query(q): Query<ClaimsQuery>,
    Query(paging): Query<Paging>,
    RawQuery(raw): RawQuery,
) -> Answer {
    let form = format!(
        "<form class=\"filters\">{}{}{}<button>Filter</button></form>",
        text_input("about", "about", &q.about),
        text_input("by", "asserted by", &q.by),
        checkbox("all", "also figures only one report gives", &q.all)
    );
    let groups = cached(&s, format!("claims {:?}", q), move |g| api::claims_of(g, q)).await?;
    let mut body = format!(
        "<h1>Figures</h1><p>Figures that count the same thing, grouped across reports; each group \
         either agrees (every figure allows the range shown) or lists the reports that cannot \
         both be right: {} group(s).</p>{form}",
        groups.len()
    );
    if groups.is_empty() {
        body.push_str(&nothing("groups of figures"));
    }
    let (range, nav) = pager("/claims", raw.as_deref(), &paging, groups.len());
    body.push_str(&nav);
    for g in &groups[range] {
        let figures: &[Value] = g
            .get("figures")
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice);
        // The pairs of figures (indices into `figures`) of two reports that cannot both hold.
        let pairs: Vec<(&Value, &Value)> = g
            .get("differ")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| {
                let at = |k: usize| p.get(k)?.as_u64().and_then(|i| figures.get(i as usize));
                Some((at(0)?, at(1)?))
            })
            .collect();
        let verdict = match g.get("common").and_then(Value::as_array) {
            Some(range) if g.get("agree") == Some(&Value::Bool(true)) => format!(
                "<span class=\"agree\">agree: every figure allows {} – {}</span>",
                range.first().map_or("?".to_string(), figure),
                range.get(1).map_or("?".to_string(), figure)
            ),
            _ if pairs.is_empty() => "<span class=\"differ\">differ within one report (no two \
                                      reports contradict each other)</span>"
                .to_string(),
            _ => format!(
                "<span class=\"differ\">differ: {} pair(s) of figures from two reports cannot \
                 both hold</span>",
                pairs.len()
            ),
        };
        let _ = write!(
            body,
            "<h2>{}</h2><p>{} document(s) · {} · {}</p><table><tr><th>figure</th><th>counted</th><th>hedge</th><th>asserted by</th><th>text</th><th>report</th></tr>",
            esc(&joined(g, "counted", " / ")),
            count(g, "documents"),
            esc(&joined(g, "outlets", "; ")),
            verdict
        );
        for f in figures {
            let allows = f.get("allows").and_then(Value::as_array);
            let _ = write!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                allows.map_or("-".to_string(), |a| {
                    let lo = a.first().map_or("?".to_string(), figure);
                    let hi = a.get(1).map_or("?".to_string(), figure);
                    if lo == hi {
                        lo
                    } else {
                        format!("{lo} – {hi}")
                    }
                }),
                esc(&field(f, "counted")),
                esc(&field(f, "hedge")),
                party(f, "asserted_by"),
                evidence(f, "text"),
                report(f)
            );
        }
        body.push_str("</table>");
        if !pairs.is_empty() {
            body.push_str("<ul>");
            for (a, b) in pairs.iter().take(10) {
                let _ = write!(
                    body,
                    "<li>{} ({}) <span class=\"differ\">cannot hold with</span> {} ({})</li>",
                    evidence(a, "text"),
                    report(a),
                    evidence(b, "text"),
                    report(b)
                );
            }
            if pairs.len() > 10 {
                let _ = write!(body, "<li>… and {} more pairs</li>", pairs.len() - 10);
            }
            body.push_str("</ul>");
        }
    }
    Ok(Html(page("Figures", "Figures", &body)))
}

#[derive(Debug, Deserialize)]
pub(crate) struct SearchQuery {
    q: Option<String>,
}

pub(crate) async fn search(State(s): State<Shared>, Query(q): Query<SearchQuery>) -> Answer {
    let query = given(q.q);
    let mut body = format!(
        "<h1>Search</h1><form class=\"filters\"><input type=\"search\" name=\"q\" value=\"{}\" \
         style=\"width:30em\"> <button>Search</button> <span class=\"muted\">words, \
         \"exact phrases\", OR, NOT, prefix*</span></form>",
        esc(query.as_deref().unwrap_or(""))
    );
    let Some(query) = query else {
        return Ok(Html(page("Search", "", &body)));
    };
    let hits = blocking(&s, move |g| Ok(cmd_docs::open(g)?.search(&query, 50)?)).await?;
    let _ = write!(body, "<p>{} document(s).</p>", hits.len());
    for (id, title, snippet) in &hits {
        let mut marked = String::new();
        let mut last = 0;
        for (i, c) in snippet.char_indices() {
            let tag = match c {
                chronicle_store::HIT_START => "<mark>",
                chronicle_store::HIT_END => "</mark>",
                _ => continue,
            };
            marked.push_str(&esc(&snippet[last..i]));
            marked.push_str(tag);
            last = i + c.len_utf8();
        }
        marked.push_str(&esc(&snippet[last..]));
        let _ = write!(
            body,
            "<p><a href=\"/documents/{}\">{}</a><br>{}</p>",
            url_part(id),
            esc(title.as_deref().unwrap_or(&id[..id.len().min(12)])),
            marked
        );
    }
    Ok(Html(page("Search", "", &body)))
}

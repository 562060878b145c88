//! Reading the store: `chronicle list`, `show`, `export` and `search`.

use crate::Global;
use anyhow::Context;
use chronicle_core::{Document, Span};
use chronicle_store::Store;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

pub(crate) fn open(global: &Global) -> anyhow::Result<Store> {
    if !global.data_dir.join(chronicle_store::DB_FILE).exists() {
        anyhow::bail!(
            "no store in {} yet: run `chronicle ingest PATH...` first (or pass --data-dir)",
            global.data_dir.display()
        );
    }
    Store::open(&global.data_dir)
        .with_context(|| format!("cannot open the store in {}", global.data_dir.display()))
}

/// Arguments of `chronicle list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// One JSON object per document instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn list(global: &Global, args: &ListArgs) -> anyhow::Result<i32> {
    let store = open(global)?;
    let rows = store.list()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
        return Ok(0);
    }
    writeln!(
        out,
        "{:>4}  {:12}  {:10}  {:18}  {:>6} {:>4} {:>4} {:>4} {:>4} {:>4}  title / source",
        "#", "id", "published", "outlet", "words", "ents", "quot", "time", "nums", "copy"
    )?;
    for r in &rows {
        let title = r.title.clone().unwrap_or_else(|| {
            let mut s = r.source.clone();
            if let Some(rec) = &r.record {
                s.push_str(&format!(" ({rec})"));
            }
            s
        });
        writeln!(
            out,
            "{:>4}  {:12}  {:10}  {:18}  {:>6} {:>4} {:>4} {:>4} {:>4} {:>4}  {}",
            r.seq,
            &r.id[..12],
            r.published
                .as_deref()
                .map_or("-", |p| &p[..p.len().min(10)]),
            truncate(r.outlet.as_deref().unwrap_or("-"), 18),
            r.words,
            r.entities,
            r.quotes,
            r.timexes,
            r.claims,
            r.copies,
            truncate(&title, 60)
        )?;
    }
    writeln!(
        out,
        "{} document(s) in {}",
        rows.len(),
        global.data_dir.display()
    )?;
    Ok(0)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// A stored document as `show --json` prints it: the document (metadata, clean text,
/// alignment, layers; not its original bytes) with its copy relations and sightings.
pub(crate) fn document_json(store: &Store, doc: &Document) -> anyhow::Result<serde_json::Value> {
    let mut value = serde_json::to_value(doc)?;
    value["copies"] = serde_json::to_value(store.relations_of(&doc.id)?)?;
    value["sightings"] = serde_json::to_value(store.sightings(&doc.id)?)?;
    Ok(value)
}

/// Arguments of `chronicle show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The document: its number in `chronicle list`, an id prefix, or its source path.
    pub doc: String,
    /// The whole document as JSON (metadata, clean text, alignment, layers).
    #[arg(long)]
    pub json: bool,
    /// Print the source in order with the parts cleaning removed marked ⟦like this⟧.
    #[arg(long)]
    pub marked: bool,
    /// Also list sentences and tokens with tags, lemmas and dependencies (tokens are not
    /// stored; they are recomputed by the shipped analyzer).
    #[arg(long)]
    pub tokens: bool,
}

pub fn show(global: &Global, args: &ShowArgs) -> anyhow::Result<i32> {
    let store = open(global)?;
    let id = match store.resolve(&args.doc) {
        Ok(id) => id,
        // A reference to no document (or to several) is wrong usage: exit status 2.
        Err(chronicle_store::Error::NotFound(msg)) => {
            eprintln!("error: {msg}");
            return Ok(2);
        }
        Err(e) => return Err(e.into()),
    };
    let mut doc = store.get(&id)?;
    if args.tokens {
        recompute_tokens(&mut doc);
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &document_json(&store, &doc)?)?;
        writeln!(out)?;
        return Ok(0);
    }
    let m = &doc.meta;
    writeln!(out, "id         {}", doc.id)?;
    for (path, record) in store.sightings(&id)? {
        let rec = if record.is_empty() {
            String::new()
        } else {
            format!(" ({record})")
        };
        writeln!(out, "source     {path}{rec}")?;
    }
    writeln!(
        out,
        "format     {} ({}), {} bytes",
        doc.format.map_or("?", |f| f.as_str()),
        doc.encoding,
        doc.raw.len()
    )?;
    let field = |o: &mut std::io::StdoutLock, k: &str, v: Option<&str>| -> std::io::Result<()> {
        if let Some(v) = v {
            writeln!(o, "{k:10} {v}")?;
        }
        Ok(())
    };
    field(&mut out, "title", m.title.as_deref())?;
    field(&mut out, "outlet", m.outlet.as_deref())?;
    field(&mut out, "url", m.url.as_deref())?;
    if !m.authors.is_empty() {
        writeln!(out, "authors    {}", m.authors.join("; "))?;
    }
    if let Some(p) = &m.published {
        writeln!(
            out,
            "published  {p} (from {})",
            m.published_source.as_deref().unwrap_or("?")
        )?;
    }
    for r in store.relations_of(&id)? {
        let other = if r.doc_a == id { &r.doc_b } else { &r.doc_a };
        let syndicated = if r.cross_outlet { ", syndicated" } else { "" };
        writeln!(
            out,
            "copy       {} copy of {} (Jaccard {:.2}, containment {:.2}{syndicated})",
            r.kind,
            &other[..12],
            r.jaccard,
            r.containment
        )?;
    }
    for d in &doc.diagnostics {
        writeln!(out, "note       {}: {}", d.stage, d.message)?;
    }
    writeln!(out)?;
    if args.marked {
        write_marked(&mut out, &doc)?;
    } else {
        writeln!(out, "{}", doc.clean.text)?;
    }
    write_layers(&mut out, &doc, args.tokens)?;
    Ok(0)
}

/// Fills the token layer, which the store does not keep, by re-running the (deterministic)
/// analyzer on the clean text.
fn recompute_tokens(doc: &mut Document) {
    if !doc.layers.tokens.is_empty() {
        return;
    }
    let analysis = chronicle_nlp::Analyzer::shipped().analyze(&doc.clean.text);
    doc.layers.tokens = crate::pipeline::token_layer(&doc.clean, &analysis, 0, 0);
}

/// The source text in order: kept text plain, removed parts in ⟦reason: text⟧ marks.
fn write_marked(out: &mut impl Write, doc: &Document) -> std::io::Result<()> {
    let color = std::io::stdout().is_terminal();
    let (dim, reset) = if color {
        ("\x1b[2m", "\x1b[0m")
    } else {
        ("", "")
    };
    let mut removed = doc.layers.removed.clone();
    removed.sort_by_key(|r| r.span.start);
    let mut at = 0;
    for r in removed.iter().filter(|r| !r.span.is_empty()) {
        if r.span.start < at {
            continue;
        }
        write!(out, "{}", doc.source_text(Span::new(at, r.span.start)))?;
        let text = doc.source_text(r.span);
        let shown = truncate(text.trim(), 160).replace('\n', "⏎");
        write!(out, "{dim}⟦{}: {shown}⟧{reset}", r.reason)?;
        at = r.span.end;
    }
    writeln!(out, "{}", doc.source_text(Span::new(at, doc.raw.len())))
}

fn write_layers(out: &mut impl Write, doc: &Document, tokens: bool) -> std::io::Result<()> {
    let l = &doc.layers;
    let at = |s: Span| format!("[{}..{}]", s.start, s.end);
    writeln!(
        out,
        "\n-- {} block(s), {} sentence(s), {} token(s), {} entit(ies), {} quote(s), {} timex(es), {} claim(s), {} event(s)",
        l.blocks.len(),
        l.sentences.len(),
        l.tokens.len(),
        l.entities.len(),
        l.quotes.len(),
        l.timexes.len(),
        l.claims.len(),
        l.events.len()
    )?;
    for e in &l.entities {
        let mentions: Vec<String> = e
            .mentions
            .iter()
            .map(|m| format!("{} {}", m.text, at(m.span)))
            .collect();
        writeln!(
            out,
            "entity  {} {}: {}",
            e.kind,
            e.name,
            mentions.join(", ")
        )?;
    }
    for q in &l.quotes {
        writeln!(
            out,
            "quote   {} ({}, {}) {}: “{}”",
            q.speaker.as_deref().unwrap_or("?"),
            q.kind,
            q.cue.as_deref().unwrap_or("-"),
            at(q.span),
            q.text
        )?;
    }
    for t in &l.timexes {
        writeln!(
            out,
            "timex   {} {} = {} {}",
            t.kind,
            t.text,
            t.value.as_deref().unwrap_or("?"),
            at(t.span)
        )?;
    }
    for c in &l.claims {
        let value = match (c.value, c.low, c.high) {
            (Some(v), _, _) => format!("{v}"),
            (None, lo, hi) => format!(
                "{}–{}",
                lo.map_or("?".into(), |x| x.to_string()),
                hi.map_or("?".into(), |x| x.to_string())
            ),
        };
        writeln!(
            out,
            "claim   {value} {} (hedge {}) {}: {}",
            c.unit.as_deref().unwrap_or("?"),
            c.hedge.as_deref().unwrap_or("-"),
            at(c.span),
            c.text
        )?;
    }
    if tokens {
        for s in &l.sentences {
            writeln!(out, "sentence {}: {}", at(*s), doc.source_text(*s))?;
        }
        for t in &l.tokens {
            writeln!(
                out,
                "token   {} {} {} {} {}",
                at(t.span),
                doc.source_text(t.span),
                t.upos,
                t.lemma,
                t.deprel
            )?;
        }
    }
    Ok(())
}

/// What `chronicle export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Jsonl,
    Csv,
}

/// Which table `chronicle export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportTable {
    Documents,
    Quotes,
    Entities,
    Timexes,
    Claims,
    Events,
    Calls,
    Copies,
}

/// Arguments of `chronicle export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
    /// What to export: whole documents, or one row per fact of a kind, or copy relations.
    #[arg(long, value_enum, default_value = "documents")]
    pub table: ExportTable,
    /// Output file (standard output when absent).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

pub fn export(global: &Global, args: &ExportArgs) -> anyhow::Result<i32> {
    let store = open(global)?;
    let sink: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink = std::io::BufWriter::new(sink);
    let mut rows: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
    let mut emit = |row: serde_json::Value, sink: &mut dyn Write| -> anyhow::Result<()> {
        match args.format {
            ExportFormat::Jsonl => {
                serde_json::to_writer(&mut *sink, &row)?;
                writeln!(sink)?;
            }
            ExportFormat::Csv => {
                if let serde_json::Value::Object(m) = row {
                    rows.push(m);
                }
            }
        }
        Ok(())
    };
    if args.table == ExportTable::Copies {
        for r in store.relations()? {
            emit(serde_json::to_value(r)?, &mut sink)?;
        }
    } else {
        store.for_each_document(&mut |doc| {
            for row in table_rows(&doc, args.table, args.format == ExportFormat::Csv) {
                emit(row, &mut sink)
                    .map_err(|e| chronicle_store::Error::NotFound(e.to_string()))?;
            }
            Ok(())
        })?;
    }
    if args.format == ExportFormat::Csv {
        write_csv(&mut sink, csv_columns(args.table), &rows)?;
    }
    sink.flush()?;
    Ok(0)
}

fn table_rows(doc: &Document, table: ExportTable, flat: bool) -> Vec<serde_json::Value> {
    use serde_json::json;
    let m = &doc.meta;
    let base = json!({"doc_id": doc.id, "source": doc.source.path, "outlet": m.outlet, "published": m.published});
    let with = |extra: serde_json::Value| {
        let mut row = base.clone();
        if let (Some(r), serde_json::Value::Object(e)) = (row.as_object_mut(), extra) {
            r.extend(e);
        }
        row
    };
    let l = &doc.layers;
    match table {
        ExportTable::Documents if flat => vec![with(json!({
            "record": doc.source.record, "title": m.title, "url": m.url, "authors": m.authors.join("; "),
            "published_source": m.published_source, "encoding": doc.encoding,
            "bytes": doc.raw.len(), "words": doc.clean.text.split_whitespace().count(),
            "entities": l.entities.len(), "quotes": l.quotes.len(), "timexes": l.timexes.len(), "claims": l.claims.len(),
            "events": l.events.len(), "calls_to_action": l.calls_to_action.len(),
        }))],
        ExportTable::Documents => vec![json!({
            "id": doc.id, "source": doc.source, "format": doc.format, "encoding": doc.encoding, "meta": m,
            "text": doc.clean.text,
            "layers": {"blocks": l.blocks, "sentences": l.sentences, "entities": l.entities, "quotes": l.quotes,
                       "timexes": l.timexes, "claims": l.claims, "events": l.events, "calls_to_action": l.calls_to_action,
                       "removed": l.removed},
            "diagnostics": doc.diagnostics,
        })],
        ExportTable::Quotes => l.quotes.iter().map(|q| with(json!({
            "speaker": q.speaker, "kind": q.kind, "cue": q.cue, "text": q.text, "start": q.span.start, "end": q.span.end,
        }))).collect(),
        ExportTable::Entities => l.entities.iter().map(|e| with(json!({
            "name": e.name, "type": e.kind, "mentions": e.mentions.len(), "roles": e.roles.join("; "),
            "first_start": e.mentions.first().map(|x| x.span.start), "first_end": e.mentions.first().map(|x| x.span.end),
        }))).collect(),
        ExportTable::Timexes => l.timexes.iter().map(|t| with(json!({
            "text": t.text, "type": t.kind, "value": t.value, "start": t.span.start, "end": t.span.end,
        }))).collect(),
        ExportTable::Claims => l.claims.iter().map(|c| with(json!({
            "text": c.text, "value": c.value, "low": c.low, "high": c.high, "unit": c.unit, "hedge": c.hedge,
            "source_speaker": c.source, "start": c.span.start, "end": c.span.end,
        }))).collect(),
        ExportTable::Events => l.events.iter().map(|e| with(json!({
            "actor": e.actor, "action": e.action, "target": e.target, "date": e.date,
            "evidence": e.evidence, "start": e.span.start, "end": e.span.end,
        }))).collect(),
        ExportTable::Calls => l.calls_to_action.iter().map(|c| with(json!({
            "by": c.by, "to": c.to, "demand": c.demand, "status": c.status,
            "evidence": c.evidence, "start": c.span.start, "end": c.span.end,
        }))).collect(),
        ExportTable::Copies => Vec::new(),
    }
}

/// The CSV columns of a table, in reading order: what the row is about first, the fact, then
/// its byte span (the header is written even when the table is empty).
fn csv_columns(table: ExportTable) -> &'static [&'static str] {
    const DOC: [&str; 4] = ["doc_id", "source", "outlet", "published"];
    match table {
        ExportTable::Documents => &[
            "doc_id",
            "source",
            "record",
            "title",
            "outlet",
            "published",
            "published_source",
            "url",
            "authors",
            "encoding",
            "bytes",
            "words",
            "entities",
            "quotes",
            "timexes",
            "claims",
            "events",
            "calls_to_action",
        ],
        ExportTable::Quotes => &[
            DOC[0], DOC[1], DOC[2], DOC[3], "speaker", "kind", "cue", "text", "start", "end",
        ],
        ExportTable::Entities => &[
            DOC[0],
            DOC[1],
            DOC[2],
            DOC[3],
            "name",
            "type",
            "roles",
            "mentions",
            "first_start",
            "first_end",
        ],
        ExportTable::Timexes => &[
            DOC[0], DOC[1], DOC[2], DOC[3], "text", "type", "value", "start", "end",
        ],
        ExportTable::Claims => &[
            DOC[0],
            DOC[1],
            DOC[2],
            DOC[3],
            "text",
            "value",
            "low",
            "high",
            "unit",
            "hedge",
            "source_speaker",
            "start",
            "end",
        ],
        ExportTable::Events => &[
            DOC[0], DOC[1], DOC[2], DOC[3], "actor", "action", "target", "date", "evidence",
            "start", "end",
        ],
        ExportTable::Calls => &[
            DOC[0], DOC[1], DOC[2], DOC[3], "by", "to", "demand", "status", "evidence", "start",
            "end",
        ],
        ExportTable::Copies => &[
            "doc_a",
            "doc_b",
            "kind",
            "jaccard",
            "containment",
            "cross_outlet",
        ],
    }
}

/// Writes `rows` as CSV under `columns`, then any field a row has that `columns` lacks (so a
/// field added to a table is never dropped silently).
fn write_csv(
    sink: &mut dyn Write,
    columns: &[&str],
    rows: &[serde_json::Map<String, serde_json::Value>],
) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(sink);
    let mut header: Vec<&str> = columns.to_vec();
    for row in rows {
        for k in row.keys() {
            if !header.contains(&k.as_str()) {
                header.push(k);
            }
        }
    }
    w.write_record(&header)?;
    for row in rows {
        let cells: Vec<String> = header
            .iter()
            .map(|k| match row.get(*k) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
            })
            .collect();
        w.write_record(&cells)?;
    }
    w.flush()?;
    Ok(())
}

/// Arguments of `chronicle search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Full-text query (SQLite FTS5 syntax: words, "exact phrases", OR, NOT, prefix*).
    pub query: String,
    /// Most results to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// The hits as a JSON array (id, title, snippet).
    #[arg(long)]
    pub json: bool,
}

pub fn search(global: &Global, args: &SearchArgs) -> anyhow::Result<i32> {
    let store = open(global)?;
    let hits = match store.search(&args.query, args.limit) {
        Ok(hits) => hits,
        // A query FTS5 cannot parse is wrong usage (exit status 2), not a failure of the store.
        Err(e @ chronicle_store::Error::BadQuery(_)) => {
            eprintln!(
                "error: {:?} is not a valid query ({e}); use words, \"exact phrases\", OR, NOT, prefix*",
                args.query
            );
            return Ok(2);
        }
        Err(e) => {
            return Err(
                anyhow::Error::from(e).context(format!("search for {:?} failed", args.query))
            )
        }
    };
    // Matched terms between brackets, as the command has always printed them.
    let bracketed = |snippet: &str| {
        snippet
            .replace(chronicle_store::HIT_START, "[")
            .replace(chronicle_store::HIT_END, "]")
    };
    if args.json {
        let rows: Vec<_> = hits
            .iter()
            .map(|(id, title, snip)| serde_json::json!({"id": id, "title": title, "snippet": bracketed(snip)}))
            .collect();
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        let mut out = std::io::stdout().lock();
        for (id, title, snippet) in &hits {
            writeln!(
                out,
                "{}  {}\n    {}",
                &id[..12],
                title.as_deref().unwrap_or("(untitled)"),
                bracketed(snippet).replace('\n', " ")
            )?;
        }
        eprintln!("{} hit(s)", hits.len());
    }
    // No hit is an answer, not a failure: exit status 0 like every other successful command.
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of every table has its named column, so the CSV order is the declared one.
    #[test]
    fn csv_columns_name_every_field() {
        let mut doc = Document::default();
        doc.layers.quotes.push(Default::default());
        doc.layers.entities.push(Default::default());
        doc.layers.timexes.push(Default::default());
        doc.layers.claims.push(Default::default());
        doc.layers.events.push(Default::default());
        doc.layers.calls_to_action.push(Default::default());
        for table in [
            ExportTable::Documents,
            ExportTable::Quotes,
            ExportTable::Entities,
            ExportTable::Timexes,
            ExportTable::Claims,
            ExportTable::Events,
            ExportTable::Calls,
        ] {
            let rows = table_rows(&doc, table, true);
            assert!(!rows.is_empty(), "{table:?}");
            for row in rows {
                for k in row.as_object().unwrap().keys() {
                    assert!(csv_columns(table).contains(&k.as_str()), "{table:?}: {k}");
                }
            }
        }
        let relation = chronicle_store::CopyRelation {
            doc_a: String::new(),
            doc_b: String::new(),
            kind: String::new(),
            jaccard: 0.0,
            containment: 0.0,
            cross_outlet: false,
        };
        for k in serde_json::to_value(relation)
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
        {
            assert!(
                csv_columns(ExportTable::Copies).contains(&k.as_str()),
                "{k}"
            );
        }
        let mut out = Vec::new();
        write_csv(&mut out, csv_columns(ExportTable::Copies), &[]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "doc_a,doc_b,kind,jaccard,containment,cross_outlet\n"
        );
    }
}

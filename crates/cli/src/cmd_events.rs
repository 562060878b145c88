//! `chronicle events`: the events and calls to action of the store, as a timeline.

use crate::Global;
use std::io::Write;

/// Arguments of `chronicle events`.
#[derive(Debug, clap::Args)]
pub struct EventsArgs {
    /// Only events (or calls) where this name is a party: actor or target (by or to for calls);
    /// case-insensitive, any spelling the document knows for the entity, or its surname.
    #[arg(long)]
    pub party: Option<String>,
    /// Only this action: MAKE_STATEMENT, APPEAL, DEMAND, ACCUSE, CRITICIZE, DENY, REJECT,
    /// REQUEST_ACCESS, GRANT_ACCESS, REFUSE_ACCESS, VISIT, MEET, CONSULT, PRAISE,
    /// PUBLISH_REPORT, DETAIN, PROMISE, INVESTIGATE, SANCTION.
    #[arg(long)]
    pub action: Option<String>,
    /// List the calls to action (who urged whom to do what) instead of the events.
    #[arg(long)]
    pub calls: bool,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}

/// Whether `name` (an actor or target as written) is the party `wanted` (normalised), through
/// the names, mentions and aliases of the document's entity of that name.
fn party_matches(doc: &chronicle_core::Document, name: Option<&str>, wanted: &str) -> bool {
    use chronicle_facts::entities::lexicon::normalize;
    let Some(name) = name else { return false };
    let mut names = vec![normalize(name)];
    for e in doc.layers.entities.iter().filter(|e| e.name == name) {
        names.extend(e.mentions.iter().map(|m| normalize(&m.text)));
        names.extend(e.aliases.iter().map(|a| normalize(a)));
    }
    names.iter().any(|n| {
        n == wanted || n.rsplit(' ').next() == Some(wanted) || n.contains(&format!(" {wanted}"))
    })
}

/// One row of the listing, with the date it sorts by.
struct Row {
    when: String,
    json: serde_json::Value,
    line: String,
}

pub fn events(global: &Global, args: &EventsArgs) -> anyhow::Result<i32> {
    let store = crate::cmd_docs::open(global)?;
    let wanted = args
        .party
        .as_deref()
        .map(chronicle_facts::entities::lexicon::normalize);
    let action = args.action.as_deref().map(str::to_uppercase);
    let mut rows: Vec<Row> = Vec::new();
    store.for_each_document(&mut |doc| {
        let published = doc
            .meta
            .published
            .as_deref()
            .map(|p| p[..p.len().min(10)].to_string());
        let outlet = doc.meta.outlet.clone().unwrap_or_else(|| "-".into());
        let short = &doc.id[..12.min(doc.id.len())];
        let party = |names: [Option<&str>; 2]| {
            wanted
                .as_deref()
                .is_none_or(|w| names.iter().any(|n| party_matches(&doc, *n, w)))
        };
        if args.calls {
            for c in &doc.layers.calls_to_action {
                if !party([c.by.as_deref(), c.to.as_deref()]) {
                    continue;
                }
                let when = published.clone().unwrap_or_default();
                rows.push(Row {
                    json: serde_json::json!({
                        "doc": doc.id, "source": doc.source.path, "outlet": doc.meta.outlet,
                        "published": published, "by": c.by, "to": c.to, "demand": c.demand,
                        "status": c.status, "evidence": c.evidence,
                        "start": c.span.start, "end": c.span.end,
                    }),
                    line: format!(
                        "{} | {} -> {}: {} | {} [{}..{}] {}\n    {}",
                        if when.is_empty() { "-" } else { &when },
                        c.by.as_deref().unwrap_or("?"),
                        c.to.as_deref().unwrap_or("?"),
                        c.demand,
                        outlet,
                        c.span.start,
                        c.span.end,
                        short,
                        c.evidence.split_whitespace().collect::<Vec<_>>().join(" "),
                    ),
                    when,
                });
            }
        } else {
            for e in &doc.layers.events {
                if action.as_deref().is_some_and(|a| a != e.action)
                    || !party([e.actor.as_deref(), e.target.as_deref()])
                {
                    continue;
                }
                // The event's own date when the text gives one, else the report's.
                let when = e
                    .date
                    .clone()
                    .or_else(|| published.clone())
                    .unwrap_or_default();
                rows.push(Row {
                    json: serde_json::json!({
                        "doc": doc.id, "source": doc.source.path, "outlet": doc.meta.outlet,
                        "published": published, "actor": e.actor, "action": e.action,
                        "target": e.target, "date": e.date, "evidence": e.evidence,
                        "start": e.span.start, "end": e.span.end,
                    }),
                    line: format!(
                        "{}{} | {} {} {} | {} {} [{}..{}] {}\n    {}",
                        if when.is_empty() { "-" } else { &when },
                        if e.date.is_some() { "" } else { " (reported)" },
                        e.actor.as_deref().unwrap_or("?"),
                        e.action,
                        e.target.as_deref().unwrap_or("-"),
                        outlet,
                        published.as_deref().unwrap_or("-"),
                        e.span.start,
                        e.span.end,
                        short,
                        e.evidence.split_whitespace().collect::<Vec<_>>().join(" "),
                    ),
                    when,
                });
            }
        }
        Ok(())
    })?;
    // A timeline: oldest first (a range sorts by its start); undated rows last.
    rows.sort_by(|a, b| (a.when.is_empty(), &a.when).cmp(&(b.when.is_empty(), &b.when)));
    let mut out = std::io::stdout().lock();
    for r in &rows {
        if args.json {
            writeln!(out, "{}", r.json)?;
        } else {
            writeln!(out, "{}", r.line)?;
        }
    }
    if !args.json {
        let what = if args.calls {
            "call(s) to action"
        } else {
            "event(s)"
        };
        writeln!(out, "{} {what}", rows.len())?;
    }
    Ok(if rows.is_empty() { 1 } else { 0 })
}

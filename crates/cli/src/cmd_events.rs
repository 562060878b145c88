//! `chronicle events`: the events and calls to action of the store, as a timeline.

use crate::Global;
use std::collections::HashMap;
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
    /// List the calls to action (who urged whom to do what) instead of the events, each with
    /// its status: `met` when its addressee later did what it asks (in the same report after it,
    /// or in a report published later), `refused` when the addressee rejected or denied it,
    /// else `open`.
    #[arg(long)]
    pub calls: bool,
    /// One line per happening: reports of one event in several documents (the same actor,
    /// action and target, by surname, on the same date given by the texts) are listed under the
    /// first report. Events dated only by their report stay apart.
    #[arg(long)]
    pub merge: bool,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}

/// Whether `name` (an actor or target as written) is the party `wanted` (normalised), through
/// the names, mentions and aliases of the document's entity of that name.
fn party_matches(doc: &chronicle_core::Document, name: Option<&str>, wanted: &str) -> bool {
    names_of(doc, name)
        .iter()
        .any(|n| crate::cmd_people::name_matches(n, wanted))
}

/// One row of the listing, with the date it sorts by.
struct Row {
    when: String,
    json: serde_json::Value,
    line: String,
    /// For a call to action: what is needed to find whether it was met or refused.
    call: Option<Pending>,
    /// For an event the text dates: what makes two reports one happening (`--merge`).
    key: Option<String>,
    /// Where this report is, for the list of other reports under a merged row.
    report: serde_json::Value,
}

/// The last word of a normalised name: `antonio guterres` and `guterres` are one party.
fn surname(name: Option<&str>) -> String {
    let n = name.map(chronicle_facts::entities::lexicon::normalize);
    n.as_deref()
        .and_then(|n| n.rsplit(' ').next())
        .unwrap_or("")
        .to_string()
}

/// A call to action waiting for its answer.
struct Pending {
    doc: String,
    published: Option<String>,
    end: usize,
    by: Vec<String>,
    to: Vec<String>,
    expects: Option<String>,
}

/// An event that may answer a call.
struct Answer {
    doc: String,
    published: Option<String>,
    start: usize,
    end: usize,
    actor: Vec<String>,
    target: Vec<String>,
    action: String,
    line: String,
}

/// The normalised names under which a document knows `name`: the name, and the mentions and
/// aliases of its entity of that name.
fn names_of(doc: &chronicle_core::Document, name: Option<&str>) -> Vec<String> {
    use chronicle_facts::entities::lexicon::normalize;
    let Some(name) = name else { return Vec::new() };
    let mut names = vec![normalize(name)];
    for e in doc.layers.entities.iter().filter(|e| e.name == name) {
        names.extend(e.mentions.iter().map(|m| normalize(&m.text)));
        names.extend(e.aliases.iter().map(|a| normalize(a)));
    }
    names
}

/// Whether two parties share a name, or one's name is the other's surname.
fn same_party(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| {
        b.iter().any(|y| {
            x == y || x.rsplit(' ').next() == Some(y.as_str()) || y.rsplit(' ').next() == Some(x)
        })
    })
}

/// Whether a call was met or refused later (in its own document after it, or in a document
/// published later): `met` when its addressee did what it expects, `refused` when the addressee
/// rejected or denied its author (or refused access that was asked for), else `open`.
///
/// `answers` may hold other events too (the candidates of [`by_surname`]).
fn status<'a>(call: &Pending, answers: &[&'a Answer]) -> (&'static str, Option<&'a Answer>) {
    let later = |a: &Answer| {
        if a.doc == call.doc {
            a.start >= call.end
        } else {
            matches!((&a.published, &call.published), (Some(x), Some(y)) if x > y)
        }
    };
    let mut by_addressee: Vec<&Answer> = answers
        .iter()
        .copied()
        .filter(|a| !call.to.is_empty() && same_party(&a.actor, &call.to) && later(a))
        .collect();
    by_addressee.sort_by(|a, b| (&a.published, a.start).cmp(&(&b.published, b.start)));
    if let Some(a) = by_addressee
        .iter()
        .find(|a| call.expects.as_deref() == Some(a.action.as_str()))
    {
        return ("met", Some(a));
    }
    let refused = by_addressee.iter().find(|a| {
        matches!(a.action.as_str(), "REJECT" | "DENY" | "REFUSE_ACCESS")
            && (same_party(&a.target, &call.by)
                || (a.action == "REFUSE_ACCESS" && call.expects.as_deref() == Some("GRANT_ACCESS")))
    });
    match refused {
        Some(a) => ("refused", Some(a)),
        None => ("open", None),
    }
}

/// The answers by the last word of each of their actor's names: every answer that
/// [`same_party`] could match with a name has that name's last word among its keys, so a call
/// reads only the answers of its addressee's surnames instead of every event in the store.
fn by_surname(answers: &[Answer]) -> HashMap<&str, Vec<usize>> {
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in answers.iter().enumerate() {
        for n in &a.actor {
            let list = index.entry(n.rsplit(' ').next().unwrap_or(n)).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    index
}

/// Rows of one happening folded into the first report (rows are in timeline order): its JSON
/// gains `also` (the other reports) and its line one `also:` line per report.
fn merged(rows: Vec<Row>) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    let mut first: HashMap<String, usize> = HashMap::new();
    for r in rows {
        let Some(key) = r.key.clone() else {
            out.push(r);
            continue;
        };
        match first.get(&key) {
            Some(&i) => {
                let head = &mut out[i];
                let rep = &r.report;
                head.line.push_str(&format!(
                    "\n    also: {} {} [{}..{}] {}",
                    rep["outlet"].as_str().unwrap_or("-"),
                    rep["published"].as_str().unwrap_or("-"),
                    rep["start"],
                    rep["end"],
                    rep["doc"].as_str().map_or("", |d| &d[..12.min(d.len())]),
                ));
                match head.json["also"].as_array_mut() {
                    Some(a) => a.push(r.report),
                    None => head.json["also"] = serde_json::json!([r.report]),
                }
            }
            None => {
                first.insert(key, out.len());
                out.push(r);
            }
        }
    }
    out
}

pub fn events(global: &Global, args: &EventsArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let store = crate::cmd_docs::open(global)?;
    let wanted = args
        .party
        .as_deref()
        .map(chronicle_facts::entities::lexicon::normalize);
    let action = args.action.as_deref().map(str::to_uppercase);
    let mut rows: Vec<Row> = Vec::new();
    let mut answers: Vec<Answer> = Vec::new();
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
            for e in &doc.layers.events {
                answers.push(Answer {
                    doc: doc.id.clone(),
                    published: published.clone(),
                    start: e.span.start,
                    end: e.span.end,
                    actor: names_of(&doc, e.actor.as_deref()),
                    target: names_of(&doc, e.target.as_deref()),
                    action: e.action.clone(),
                    line: format!(
                        "{} {} {} {} [{}..{}]",
                        published.as_deref().unwrap_or("-"),
                        e.actor.as_deref().unwrap_or("?"),
                        e.action,
                        short,
                        e.span.start,
                        e.span.end
                    ),
                });
            }
            for c in &doc.layers.calls_to_action {
                if !party([c.by.as_deref(), c.to.as_deref()]) {
                    continue;
                }
                let when = published.clone().unwrap_or_default();
                rows.push(Row {
                    json: serde_json::json!({
                        "doc": doc.id, "source": doc.source.path, "outlet": doc.meta.outlet,
                        "published": published, "by": c.by, "to": c.to, "demand": c.demand,
                        "expects": c.expects, "evidence": c.evidence,
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
                        crate::one_line(&c.evidence),
                    ),
                    when,
                    key: None,
                    report: serde_json::Value::Null,
                    call: Some(Pending {
                        doc: doc.id.clone(),
                        published: published.clone(),
                        end: c.span.end,
                        by: names_of(&doc, c.by.as_deref()),
                        to: names_of(&doc, c.to.as_deref()),
                        expects: c.expects.clone(),
                    }),
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
                        crate::one_line(&e.evidence),
                    ),
                    when,
                    call: None,
                    key: e.date.as_ref().map(|d| {
                        format!(
                            "{}|{}|{}|{d}",
                            surname(e.actor.as_deref()),
                            e.action,
                            surname(e.target.as_deref())
                        )
                    }),
                    report: serde_json::json!({
                        "doc": doc.id, "outlet": doc.meta.outlet, "published": published,
                        "start": e.span.start, "end": e.span.end, "evidence": e.evidence,
                    }),
                });
            }
        }
        Ok(())
    })?;
    // A timeline: oldest first (a range sorts by its start); undated rows last.
    rows.sort_by(|a, b| (a.when.is_empty(), &a.when).cmp(&(b.when.is_empty(), &b.when)));
    if args.merge {
        rows = merged(rows);
    }
    let index = by_surname(&answers);
    for r in &mut rows {
        if let Some(call) = &r.call {
            let mut candidates: Vec<usize> = call
                .to
                .iter()
                .filter_map(|n| index.get(n.rsplit(' ').next().unwrap_or(n)))
                .flatten()
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let candidates: Vec<&Answer> = candidates.iter().map(|&i| &answers[i]).collect();
            let (status, answer) = status(call, &candidates);
            r.json["status"] = status.into();
            if let Some(a) = answer {
                r.json["answer"] = serde_json::json!({
                    "doc": a.doc, "published": a.published, "action": a.action,
                    "start": a.start, "end": a.end,
                });
            }
            r.line.push_str(&format!(
                "\n    status: {status}{}",
                answer.map_or(String::new(), |a| format!(" ({})", a.line))
            ));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(
        doc: &str,
        published: &str,
        start: usize,
        actor: &str,
        action: &str,
        target: &str,
    ) -> Answer {
        Answer {
            doc: doc.into(),
            published: Some(published.into()),
            start,
            end: start + 10,
            actor: vec![actor.into()],
            target: vec![target.into()],
            action: action.into(),
            line: String::new(),
        }
    }

    fn row(key: Option<&str>, doc: &str) -> Row {
        Row {
            when: String::new(),
            json: serde_json::json!({ "doc": doc }),
            line: doc.into(),
            call: None,
            key: key.map(String::from),
            report: serde_json::json!({ "doc": doc, "start": 0, "end": 1 }),
        }
    }

    #[test]
    fn reports_of_one_dated_happening_merge_and_others_stay() {
        let rows = vec![
            row(Some("guterres|MEET|xi|2019-04-26"), "a"),
            row(None, "b"),
            row(Some("guterres|MEET|xi|2019-04-26"), "c"),
            row(Some("guterres|MEET|xi|2019-04-27"), "d"),
        ];
        let out = merged(rows);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].json["also"][0]["doc"], "c");
        assert!(out[0].line.contains("also:"));
        assert!(out[2].json["also"].is_null());
        assert_eq!(surname(Some("Antonio Guterres")), "guterres");
    }

    fn call(expects: &str) -> Pending {
        Pending {
            doc: "a".into(),
            published: Some("2019-09-17".into()),
            end: 100,
            by: vec!["human rights watch".into()],
            to: vec!["antonio guterres".into()],
            expects: Some(expects.into()),
        }
    }

    #[test]
    fn a_call_is_met_when_its_addressee_later_does_what_it_asks() {
        let later = answer("b", "2020-01-02", 5, "guterres", "VISIT", "xinjiang");
        assert_eq!(status(&call("VISIT"), &[&later]).0, "met");
        // Before the call, or in its own report before it: no answer.
        let earlier = answer("b", "2019-01-02", 5, "guterres", "VISIT", "xinjiang");
        let before = answer("a", "2019-09-17", 50, "guterres", "VISIT", "xinjiang");
        assert_eq!(status(&call("VISIT"), &[&earlier, &before]).0, "open");
        // Someone else doing it does not meet it.
        let other = answer("b", "2020-01-02", 5, "bachelet", "VISIT", "xinjiang");
        assert_eq!(status(&call("VISIT"), &[&other]).0, "open");
    }

    #[test]
    fn a_call_is_refused_when_its_addressee_rejects_its_author() {
        let no = answer(
            "a",
            "2019-09-17",
            150,
            "guterres",
            "REJECT",
            "human rights watch",
        );
        assert_eq!(status(&call("VISIT"), &[&no]).0, "refused");
        let elsewhere = answer("a", "2019-09-17", 150, "guterres", "REJECT", "the plan");
        assert_eq!(status(&call("VISIT"), &[&elsewhere]).0, "open");
        let access = answer(
            "c",
            "2021-03-01",
            0,
            "guterres",
            "REFUSE_ACCESS",
            "the envoy",
        );
        assert_eq!(status(&call("GRANT_ACCESS"), &[&access]).0, "refused");
    }
}

//! `chronicle entities`: the people, organisations and places of the store, one line each
//! across documents, spellings and outlets; with `--name`, an entity's page (its reports,
//! titles, quotations and events, each with its source span).

use crate::Global;
use chronicle_core::facts::Entity;
use chronicle_facts::entities::lexicon::normalize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// Arguments of `chronicle entities`.
#[derive(Debug, clap::Args)]
pub struct EntitiesArgs {
    /// Show the page of the entities answering to this name (any spelling, a surname, an
    /// acronym the documents define): every report naming it, its titles, its quotations and
    /// the events it takes part in, with their source spans.
    #[arg(long)]
    pub name: Option<String>,
    /// Only entities of this type: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, LAW.
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Only entities named in at least this many documents.
    #[arg(long, default_value_t = 1)]
    pub min_docs: usize,
    /// One JSON object per entity.
    #[arg(long)]
    pub json: bool,
}

/// One entity of one document.
pub(crate) struct Local {
    /// The document's number in the listing.
    pub(crate) doc: usize,
    /// The entity's index in its document's entities.
    pub(crate) index: usize,
    pub(crate) entity: Entity,
    /// The normalised names it answers to in its document: its name, its mentions that are
    /// names, its aliases.
    pub(crate) names: BTreeSet<String>,
}

impl Local {
    pub(crate) fn new(doc: usize, index: usize, entity: &Entity) -> Local {
        let mut names: BTreeSet<String> = BTreeSet::new();
        names.insert(normalize(&entity.name));
        names.extend(
            entity
                .mentions
                .iter()
                .filter(|m| m.text.chars().next().is_some_and(char::is_uppercase))
                .map(|m| normalize(&m.text)),
        );
        names.extend(entity.aliases.iter().map(|a| normalize(a)));
        Local {
            doc,
            index,
            entity: entity.clone(),
            names,
        }
    }
}

/// What one document says of its documents' metadata.
struct Report {
    id: String,
    source: String,
    outlet: Option<String>,
    published: Option<String>,
    quotes: Vec<chronicle_core::facts::Quote>,
    events: Vec<chronicle_core::facts::Event>,
}

/// A name as a key: normalised, without a leading `the` or a company's legal form (`Apple
/// Inc.`, `General Motors Corporation`), a group's plural folded (`Muslims` and `Muslim`).
fn name_key(kind: &str, name: &str) -> String {
    let n = normalize(name);
    let mut words: Vec<&str> = n.split(' ').collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    while words.len() > 1
        && matches!(
            words[words.len() - 1],
            "inc"
                | "incorporated"
                | "corp"
                | "corporation"
                | "co"
                | "company"
                | "ltd"
                | "limited"
                | "llc"
                | "plc"
                | "ag"
                | "sa"
                | "nv"
        )
    {
        words.pop();
    }
    let n = words.join(" ");
    if kind == "NORP" {
        if let Some(stem) = n.strip_suffix('s') {
            if stem.len() >= 3 && !stem.ends_with('s') {
                return stem.to_string();
            }
        }
    }
    n
}

/// The initials of a name of several words (`United States` → `us`, `General Motors` → `gm`;
/// `of`, `the`, `and`, `for` left out), which an acronym of it spells.
fn initials(key: &str) -> Option<String> {
    let words: Vec<&str> = key
        .split(' ')
        .filter(|w| !matches!(*w, "of" | "the" | "and" | "for" | "&"))
        .collect();
    (words.len() >= 2).then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

/// Whether a name is written as an acronym (`US`, `U.S.`, `GM`, `OHCHR`).
fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=6).contains(&letters.len())
        && letters.iter().all(|c| c.is_uppercase())
        && name.chars().all(|c| c.is_alphabetic() || c == '.')
}

/// Whether an alias can stand for one entity across documents: a name of several words, or an
/// acronym (`OHCHR`); a lone surname (`Clinton`) may be anyone's.
fn distinctive(alias: &str) -> bool {
    alias.trim().contains(' ')
        || (alias.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && alias
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase))
}

/// The keys under which entities of several documents meet: the name, a person's first and
/// last names (`Donald J. Trump` and `Donald Trump`), and the distinctive aliases, in any
/// spelling.
fn keys_of(e: &Entity) -> Vec<String> {
    let mut keys = vec![name_key(&e.kind, &e.name)];
    if e.kind == "PERSON" {
        let n = normalize(&e.name);
        let words: Vec<&str> = n.split(' ').collect();
        if words.len() >= 3 {
            keys.push(format!("{} {}", words[0], words[words.len() - 1]));
        }
    }
    keys.extend(
        e.aliases
            .iter()
            .filter(|a| distinctive(a))
            .map(|a| name_key(&e.kind, a)),
    );
    keys.sort();
    keys.dedup();
    keys
}

/// Groups of one entity across documents: the same name or distinctive alias in any spelling;
/// then a short form joins the one group its long form is in, and stays alone when two groups
/// could be meant: a name of one word, the surname of a person named in full (`Guterres` alone
/// in one report, `Antonio Guterres` in another; `Clinton` beside Hillary and Bill Clinton stays
/// alone); an acronym, the initials of a name (`US`, `GM`); an organisation's name that begins
/// with another organisation's whole name (`Apple Computer`, `Ford Motor Company`).
pub(crate) fn merge(locals: &[Local]) -> Vec<Vec<usize>> {
    let mut keys: Vec<Vec<String>> = locals.iter().map(|l| keys_of(&l.entity)).collect();
    let first = crate::group::by_shared_keys(&keys);
    let mut surnames: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let mut spelled: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let mut orgs: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (g, members) in first.iter().enumerate() {
        for &i in members {
            let e = &locals[i].entity;
            let key = name_key(&e.kind, &e.name);
            if let Some(init) = initials(&key) {
                spelled.entry(init).or_default().insert(g);
            }
            match e.kind.as_str() {
                "PERSON" => {
                    if let Some((_, last)) = normalize(&e.name).rsplit_once(' ') {
                        surnames.entry(last.to_string()).or_default().insert(g);
                    }
                }
                "ORG" => {
                    orgs.entry(key).or_default().insert(g);
                }
                _ => {}
            }
        }
    }
    for (g, members) in first.iter().enumerate() {
        for &i in members {
            keys[i].push(format!("group {g}"));
        }
    }
    let unique = |m: &BTreeMap<String, BTreeSet<usize>>, k: &str| -> Option<usize> {
        m.get(k)
            .filter(|g| g.len() == 1)
            .and_then(|g| g.first().copied())
    };
    for (l, k) in locals.iter().zip(&mut keys) {
        let e = &l.entity;
        let key = name_key(&e.kind, &e.name);
        let mut joins = Vec::new();
        if !key.contains(' ') && matches!(e.kind.as_str(), "PERSON" | "GPE" | "ORG") {
            joins.extend(unique(&surnames, &key));
        }
        let bare = e
            .name
            .strip_prefix("The ")
            .or_else(|| e.name.strip_prefix("the "))
            .unwrap_or(&e.name);
        if is_acronym(bare) {
            joins.extend(unique(&spelled, &key));
        }
        if e.kind == "ORG" {
            let words: Vec<&str> = key.split(' ').collect();
            if let Some(g) = (1..words.len())
                .rev()
                .find_map(|n| unique(&orgs, &words[..n].join(" ")))
            {
                joins.push(g);
            }
        }
        k.extend(joins.into_iter().map(|g| format!("group {g}")));
    }
    crate::group::by_shared_keys(&keys)
}

pub fn entities(global: &Global, args: &EntitiesArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let store = crate::cmd_docs::open(global)?;
    let mut reports: Vec<Report> = Vec::new();
    let mut locals: Vec<Local> = Vec::new();
    store.for_each_document(&mut |doc| {
        let d = reports.len();
        for (index, e) in doc.layers.entities.iter().enumerate() {
            locals.push(Local::new(d, index, e));
        }
        // The document is ours: its layers move into the report, nothing is copied.
        let layers = doc.layers;
        reports.push(Report {
            id: doc.id,
            source: doc.source.path,
            outlet: doc.meta.outlet,
            published: doc
                .meta
                .published
                .as_deref()
                .map(|p| p[..p.len().min(10)].to_string()),
            quotes: layers.quotes,
            events: layers.events,
        });
        Ok(())
    })?;
    let wanted = args.name.as_deref().map(normalize);
    let kind = args.kind.as_deref().map(str::to_uppercase);
    let mut shown = 0usize;
    let mut groups = merge(&locals);
    // The most reported first.
    let docs_of = |g: &[usize]| -> usize {
        g.iter()
            .map(|&i| locals[i].doc)
            .collect::<BTreeSet<_>>()
            .len()
    };
    let mentions_of =
        |g: &[usize]| -> usize { g.iter().map(|&i| locals[i].entity.mentions.len()).sum() };
    groups.sort_by_cached_key(|g| {
        (
            std::cmp::Reverse(docs_of(g)),
            std::cmp::Reverse(mentions_of(g)),
        )
    });
    for g in &groups {
        let mut members: Vec<&Local> = g.iter().map(|&i| &locals[i]).collect();
        members.sort_by_key(|m| (reports[m.doc].published.as_deref(), m.doc));
        // Its type: the one most of its mentions carry.
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for m in &members {
            *kinds.entry(m.entity.kind.as_str()).or_default() += m.entity.mentions.len();
        }
        let top_kind = kinds
            .iter()
            .max_by_key(|(k, n)| (**n, std::cmp::Reverse(*k)))
            .map_or("", |(k, _)| k);
        // Its name: the one most reports use, the fuller on a tie.
        let mut names: BTreeMap<&str, usize> = BTreeMap::new();
        for m in &members {
            *names.entry(m.entity.name.as_str()).or_default() += 1;
        }
        let name = names
            .iter()
            .max_by_key(|(n, c)| (**c, n.split_whitespace().count().min(3), n.len()))
            .map_or("", |(n, _)| n);
        let docs = docs_of(g);
        if docs < args.min_docs || kind.as_deref().is_some_and(|k| k != top_kind) {
            continue;
        }
        if let Some(w) = &wanted {
            if !members.iter().any(|m| {
                m.names
                    .iter()
                    .any(|n| crate::cmd_people::name_matches(n, w))
            }) {
                continue;
            }
        }
        shown += 1;
        let mut spellings: BTreeSet<&str> = BTreeSet::new();
        let mut roles: Vec<&str> = Vec::new();
        let mut outlets: BTreeSet<&str> = BTreeSet::new();
        let mut dates: BTreeSet<&str> = BTreeSet::new();
        for m in &members {
            spellings.insert(m.entity.name.as_str());
            spellings.extend(m.entity.aliases.iter().map(String::as_str));
            for r in &m.entity.roles {
                if !roles.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                    roles.push(r);
                }
            }
            let rep = &reports[m.doc];
            outlets.extend(rep.outlet.as_deref());
            dates.extend(rep.published.as_deref());
        }
        // Its quotations (the speaker resolved to it) and its events (as actor or target).
        let mut quotes = Vec::new();
        let mut events = Vec::new();
        for m in &members {
            let rep = &reports[m.doc];
            for q in &rep.quotes {
                if q.speaker_entity == Some(m.index) {
                    quotes.push((m.doc, q));
                }
            }
            let is_it = |p: &Option<String>| {
                p.as_deref()
                    .is_some_and(|p| m.names.contains(&normalize(p)))
            };
            for e in &rep.events {
                if is_it(&e.actor) || is_it(&e.target) {
                    events.push((m.doc, e));
                }
            }
        }
        let when = |doc: usize, start: usize| (reports[doc].published.as_deref(), doc, start);
        quotes.sort_by_key(|(d, q)| when(*d, q.span.start));
        events.sort_by_key(|(d, e)| when(*d, e.span.start));
        let span_json = |doc: usize, s: chronicle_core::Span| {
            let r = &reports[doc];
            serde_json::json!({
                "doc": r.id, "source": r.source, "outlet": r.outlet, "published": r.published,
                "start": s.start, "end": s.end,
            })
        };
        if args.json {
            let mut v = serde_json::json!({
                "name": name, "type": top_kind, "documents": docs,
                "mentions": mentions_of(g), "spellings": spellings, "roles": roles,
                "outlets": outlets, "first": dates.iter().next(), "last": dates.iter().last(),
                "quotes": quotes.len(), "events": events.len(),
            });
            if wanted.is_some() {
                v["reports"] = members
                    .iter()
                    .map(|m| {
                        let mut r = span_json(
                            m.doc,
                            m.entity
                                .mentions
                                .first()
                                .map_or(chronicle_core::Span::default(), |x| x.span),
                        );
                        r["name"] = m.entity.name.clone().into();
                        r["mentions"] = m.entity.mentions.len().into();
                        r["roles"] = serde_json::json!(m.entity.roles);
                        r
                    })
                    .collect();
                v["quotations"] = quotes
                    .iter()
                    .map(|(d, q)| {
                        let mut r = span_json(*d, q.span);
                        r["text"] = q.text.clone().into();
                        r["kind"] = q.kind.clone().into();
                        r
                    })
                    .collect();
                v["event_list"] = events
                    .iter()
                    .map(|(d, e)| {
                        let mut r = span_json(*d, e.span);
                        r["actor"] = serde_json::json!(e.actor);
                        r["action"] = e.action.clone().into();
                        r["target"] = serde_json::json!(e.target);
                        r["date"] = serde_json::json!(e.date);
                        r["evidence"] = e.evidence.clone().into();
                        r
                    })
                    .collect();
            }
            writeln!(out, "{v}")?;
            continue;
        }
        writeln!(
            out,
            "{name} ({top_kind}): {docs} document(s), {} mention(s), {} outlet(s), {}; {} quotation(s), {} event(s)",
            mentions_of(g),
            outlets.len(),
            match (dates.iter().next(), dates.iter().last()) {
                (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
                (Some(a), _) => a.to_string(),
                _ => "undated".into(),
            },
            quotes.len(),
            events.len(),
        )?;
        if spellings.len() > 1 {
            let s: Vec<&str> = spellings.into_iter().collect();
            writeln!(out, "    written: {}", s.join("; "))?;
        }
        if !roles.is_empty() {
            writeln!(out, "    titles: {}", roles.join("; "))?;
        }
        if wanted.is_none() {
            continue;
        }
        for m in &members {
            let r = &reports[m.doc];
            let first = m
                .entity
                .mentions
                .first()
                .map(|x| x.span)
                .unwrap_or_default();
            writeln!(
                out,
                "  report {} {} [{}..{}] {}: {} mention(s) as {}",
                r.published.as_deref().unwrap_or("-"),
                r.outlet.as_deref().unwrap_or("-"),
                first.start,
                first.end,
                &r.id[..12.min(r.id.len())],
                m.entity.mentions.len(),
                m.entity.name,
            )?;
        }
        for (d, q) in &quotes {
            let r = &reports[*d];
            writeln!(
                out,
                "  said ({}) {} {} [{}..{}]: {}",
                q.kind,
                r.published.as_deref().unwrap_or("-"),
                r.outlet.as_deref().unwrap_or("-"),
                q.span.start,
                q.span.end,
                crate::one_line(&q.text),
            )?;
        }
        for (d, e) in &events {
            let r = &reports[*d];
            writeln!(
                out,
                "  event {} {} {} {} | {} [{}..{}]: {}",
                e.date.as_deref().or(r.published.as_deref()).unwrap_or("-"),
                e.actor.as_deref().unwrap_or("?"),
                e.action,
                e.target.as_deref().unwrap_or("-"),
                r.outlet.as_deref().unwrap_or("-"),
                e.span.start,
                e.span.end,
                crate::one_line(&e.evidence),
            )?;
        }
    }
    if !args.json {
        writeln!(out, "{shown} entit{}", if shown == 1 { "y" } else { "ies" })?;
    }
    Ok(if shown == 0 { 1 } else { 0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(doc: usize, kind: &str, name: &str, aliases: &[&str]) -> Local {
        let entity = Entity {
            name: name.into(),
            kind: kind.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Entity::default()
        };
        Local::new(doc, 0, &entity)
    }

    #[test]
    fn one_entity_across_spellings_surnames_and_acronyms() {
        let locals = vec![
            local(0, "NORP", "Uighurs", &[]),
            local(1, "NORP", "Uyghurs", &[]),
            local(2, "NORP", "Uygur", &[]),
            local(0, "PERSON", "Antonio Guterres", &[]),
            local(1, "GPE", "Guterres", &[]),
            local(2, "PERSON", "António Guterres", &[]),
            local(
                1,
                "ORG",
                "Office of the High Commissioner for Human Rights",
                &["OHCHR"],
            ),
            local(2, "ORG", "OHCHR", &[]),
            local(2, "PERSON", "Bachelet", &[]),
        ];
        let mut groups = merge(&locals);
        groups.sort();
        assert_eq!(
            groups,
            vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7], vec![8]]
        );
        // A surname two people share joins neither, as a name or as an alias; a middle
        // initial does not part one person.
        let locals = vec![
            local(0, "PERSON", "Hillary Clinton", &["Clinton"]),
            local(1, "PERSON", "Bill Clinton", &["Clinton"]),
            local(2, "PERSON", "Clinton", &[]),
            local(3, "PERSON", "Donald J. Trump", &[]),
            local(4, "PERSON", "Donald Trump", &[]),
            local(5, "PERSON", "Trump", &[]),
        ];
        let mut groups = merge(&locals);
        groups.sort();
        assert_eq!(groups, vec![vec![0], vec![1], vec![2], vec![3, 4, 5]]);
        // A company's legal form, a longer name of it, an acronym; but a part of a country is
        // not the country, and an acronym two names spell joins neither.
        let locals = vec![
            local(0, "ORG", "Apple Inc.", &[]),
            local(1, "ORG", "Apple", &[]),
            local(2, "ORG", "Apple Computer", &[]),
            local(3, "GPE", "United States", &[]),
            local(4, "GPE", "The US", &[]),
            local(5, "ORG", "United States Senate", &[]),
            local(6, "ORG", "General Motors", &[]),
            local(7, "ORG", "General Mills", &[]),
            local(8, "ORG", "GM", &[]),
        ];
        let mut groups = merge(&locals);
        groups.sort();
        assert_eq!(
            groups,
            vec![
                vec![0, 1, 2],
                vec![3, 4],
                vec![5],
                vec![6],
                vec![7],
                vec![8]
            ]
        );
    }
}

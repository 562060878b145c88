//! MEANTIME (NewsReader, CAT XML): reading the gold entity mentions and TIMEX3s of a document,
//! rebuilding its raw text from the tokens, and scoring predicted spans against the gold by
//! character (byte) offsets into that text.
//!
//! The text is rebuilt deterministically: the title (sentence 0) and the dateline (sentence 1)
//! each on a line of their own followed by a blank line, then the body's sentences separated by
//! one space; inside a sentence, tokens are joined by one space except before closing
//! punctuation and clitics (`,` `.` `'s` `n't` ...) and after opening brackets and `$`.
//!
//! Entity types: MEANTIME `PER` → `PERSON`, `ORG` → `ORG`, `LOC` → `LOC` (MEANTIME's LOC covers
//! countries, cities and physical places, so our `GPE`, `LOC` and `FAC` all map to it).
//! `PRO` (products), `FIN` (financial entities) and `MIX` have no counterpart and are not
//! scored; neither are predictions of other types (`NORP`, `EVENT`, `LAW`, ...). Only named
//! mentions are gold (`syntactic_type` `NAM` or `PRE.NAM`): chronicle does not output common-noun
//! or pronoun mentions as entities.

use std::collections::{BTreeMap, HashMap};

/// A gold or predicted span with a label (an entity type, a TIMEX3 type) and an optional value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub value: Option<String>,
}

/// One MEANTIME document, read.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub name: String,
    /// The TIMEX3 value of the document creation time.
    pub dct: Option<String>,
    pub text: String,
    /// Named mentions of PER/ORG/LOC entities, labelled `PERSON`, `ORG`, `LOC`, valued with
    /// the instance id of their entity when the annotation gives one (the cross-document
    /// annotation gives one entity of several documents one id).
    pub entities: Vec<Spanned>,
    /// TIMEX3s anchored to tokens, labelled with their type, valued with their value.
    pub timexes: Vec<Spanned>,
    /// Named mentions left out because their entity type has no counterpart (PRO, FIN, MIX)
    /// or their entity could not be found.
    pub skipped_mentions: usize,
    /// Spans of the gold entity mentions in the scored region that are not scored: named
    /// mentions of other types (PRO, FIN, MIX), and mentions whose `syntactic_type` is not
    /// `NAM`/`PRE.NAM` (nominal, pronoun, apposition, conjunction, or left empty: MEANTIME leaves
    /// it empty on 771 body mentions, among them names such as `Chrysler` and `Airbus`). A
    /// prediction that overlaps one of them and no scored mention is outside the comparable
    /// scope (see [`in_scope`]).
    pub unscored: Vec<(usize, usize)>,
    /// The byte range that is scored: from the first body sentence (after the title and the
    /// dateline, which chronicle reads as metadata) to the end of the last sentence with any
    /// annotation (MEANTIME annotates only the first sentences of each article).
    pub scored: (usize, usize),
    /// Gold entity mentions and timexes in the title and dateline (not scored).
    pub outside: (usize, usize),
}

/// Our entity type for a MEANTIME `ent_type`, or `None` when it is not scored.
pub fn map_gold_type(meantime: &str) -> Option<&'static str> {
    match meantime {
        "PER" => Some("PERSON"),
        "ORG" => Some("ORG"),
        "LOC" => Some("LOC"),
        _ => None,
    }
}

/// The comparable type for one of chronicle's entity types, or `None` when it is not scored.
pub fn map_pred_type(ours: &str) -> Option<&'static str> {
    match ours {
        "PERSON" => Some("PERSON"),
        "ORG" => Some("ORG"),
        "GPE" | "LOC" | "FAC" => Some("LOC"),
        _ => None,
    }
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(unescape(&tag[at..at + len]))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Tokens that attach to the previous token without a space.
fn no_space_before(t: &str) -> bool {
    matches!(
        t,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "'s" | "'S" | "n't" | "'"
    ) || t.starts_with('\'') && t.len() <= 3 && t[1..].chars().all(|c| c.is_ascii_alphabetic())
}

/// Tokens after which the next token attaches without a space.
fn no_space_after(t: &str) -> bool {
    matches!(t, "(" | "[" | "{" | "$" | "US$" | "#")
}

/// One element of the markup: its name, its opening tag, and the token ids it anchors.
struct Element<'a> {
    name: &'a str,
    tag: &'a str,
    anchors: Vec<String>,
    sources: Vec<String>,
    targets: Vec<String>,
}

/// Splits the XML after `<Markables>` / `<Relations>` into elements (flat in CAT XML).
/// The `<token>` elements of a CAT document in order, as (t_id, sentence, text).
fn read_tokens(xml: &str) -> Result<Vec<(String, String, String)>, String> {
    let mut tokens = Vec::new();
    let mut rest = xml;
    while let Some(p) = rest.find("<token ") {
        rest = &rest[p..];
        let Some(gt) = rest.find('>') else {
            return Err("unterminated <token>".into());
        };
        let tag = &rest[..gt];
        let Some(end) = rest.find("</token>") else {
            return Err("<token> without </token>".into());
        };
        let text = unescape(&rest[gt + 1..end]);
        let (Some(id), Some(sentence)) = (attr(tag, "t_id"), attr(tag, "sentence")) else {
            return Err(format!("token without t_id or sentence: {tag}"));
        };
        tokens.push((id, sentence, text));
        rest = &rest[end + 8..];
    }
    Ok(tokens)
}

/// The entity instances' types and instance ids (which the cross-document annotation shares
/// between documents) by `m_id`, and each mention's link to its instance.
type EntityLinks = (
    HashMap<String, (String, Option<String>)>,
    HashMap<String, String>,
);

fn entity_links(els: &[Element]) -> EntityLinks {
    let entity_type = els
        .iter()
        .filter(|e| e.name == "ENTITY")
        .filter_map(|e| {
            Some((
                attr(e.tag, "m_id")?,
                (attr(e.tag, "ent_type")?, attr(e.tag, "instance_id")),
            ))
        })
        .collect();
    let mut refers = HashMap::new();
    for r in els.iter().filter(|e| e.name == "REFERS_TO") {
        if let Some(t) = r.targets.first() {
            for s in &r.sources {
                refers.insert(s.clone(), t.clone());
            }
        }
    }
    (entity_type, refers)
}

fn elements(xml: &str) -> Vec<Element<'_>> {
    let mut out: Vec<Element> = Vec::new();
    let mut rest = xml;
    while let Some(p) = rest.find('<') {
        rest = &rest[p + 1..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        rest = &rest[close + 1..];
        if tag.starts_with('/') || tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        let name = tag.split([' ', '/', '\n', '\t']).next().unwrap_or_default();
        let id = || attr(tag, "t_id").or_else(|| attr(tag, "m_id"));
        match name {
            "token_anchor" => {
                if let (Some(e), Some(t)) = (out.last_mut(), attr(tag, "t_id")) {
                    e.anchors.push(t);
                }
            }
            "source" => {
                if let (Some(e), Some(m)) = (out.last_mut(), id()) {
                    e.sources.push(m);
                }
            }
            "target" => {
                if let (Some(e), Some(m)) = (out.last_mut(), id()) {
                    e.targets.push(m);
                }
            }
            "token" | "Document" | "Markables" | "Relations" => {}
            _ => out.push(Element {
                name,
                tag,
                anchors: Vec::new(),
                sources: Vec::new(),
                targets: Vec::new(),
            }),
        }
    }
    out
}

/// Reads one MEANTIME CAT XML document. Errors name what is missing.
pub fn parse_cat(name: &str, xml: &str) -> Result<Doc, String> {
    if !xml.contains("<Document") {
        return Err("no <Document> element".into());
    }
    // Tokens, in order: (t_id, sentence, text).
    let tokens = read_tokens(xml)?;
    if tokens.is_empty() {
        return Err("no tokens".into());
    }
    // Rebuild the text and remember each token's byte span.
    let mut text = String::new();
    let mut spans: HashMap<String, (usize, usize)> = HashMap::new();
    let mut sentence_of: HashMap<String, usize> = HashMap::new();
    let mut sentence_end: BTreeMap<usize, usize> = BTreeMap::new();
    let mut body_start = None;
    let mut sentences_seen = 0usize;
    let mut prev: Option<(&str, &str)> = None; // (sentence, token text)
    for (id, sentence, tok) in &tokens {
        match prev {
            None => {}
            Some((s, _)) if s != sentence => {
                sentences_seen += 1;
                text.push_str(if sentences_seen <= 2 { "\n\n" } else { " " });
            }
            Some((_, p)) if !no_space_before(tok) && !no_space_after(p) => text.push(' '),
            Some(_) => {}
        }
        let start = text.len();
        text.push_str(tok);
        spans.insert(id.clone(), (start, text.len()));
        sentence_of.insert(id.clone(), sentences_seen);
        sentence_end.insert(sentences_seen, text.len());
        if sentences_seen == 2 && body_start.is_none() {
            body_start = Some(start);
        }
        prev = Some((sentence, tok));
    }
    text.push('\n');
    let markup = xml.find("<Markables").map_or("", |p| &xml[p..]);
    let els = elements(markup);
    let span_of = |anchors: &[String]| -> Option<(usize, usize)> {
        let mut s = usize::MAX;
        let mut e = 0;
        for a in anchors {
            let (a0, a1) = *spans.get(a)?;
            s = s.min(a0);
            e = e.max(a1);
        }
        (s < e).then_some((s, e))
    };
    // Entities (instances) by m_id, and mention → entity links.
    let (entity_type, refers) = entity_links(&els);
    let last_annotated = els
        .iter()
        .flat_map(|e| e.anchors.iter())
        .filter_map(|a| sentence_of.get(a))
        .max()
        .copied()
        .unwrap_or(0);
    let scored = (
        body_start.unwrap_or(text.len()),
        sentence_end.get(&last_annotated).copied().unwrap_or(0),
    );
    let mut doc = Doc {
        name: name.to_string(),
        scored,
        ..Doc::default()
    };
    for e in &els {
        match e.name {
            "ENTITY_MENTION" => {
                let syn = attr(e.tag, "syntactic_type").unwrap_or_default();
                let Some((start, end)) = span_of(&e.anchors) else {
                    continue;
                };
                if syn != "NAM" && syn != "PRE.NAM" {
                    doc.unscored.push((start, end));
                    continue;
                }
                let m_id = attr(e.tag, "m_id").unwrap_or_default();
                let entity = refers.get(&m_id).and_then(|t| entity_type.get(t));
                let ty = entity.and_then(|(t, _)| map_gold_type(t));
                match ty {
                    // The value of an entity mention is its instance id.
                    Some(t) => doc.entities.push(Spanned {
                        start,
                        end,
                        label: t.to_string(),
                        value: entity.and_then(|(_, i)| i.clone()),
                    }),
                    None => {
                        doc.skipped_mentions += 1;
                        doc.unscored.push((start, end));
                    }
                }
            }
            "TIMEX3" => {
                let value = attr(e.tag, "value");
                if attr(e.tag, "functionInDocument").as_deref() == Some("CREATION_TIME") {
                    doc.dct = value.clone();
                }
                let Some((start, end)) = span_of(&e.anchors) else {
                    continue; // empty TIMEX3s (implicit times) have no extent
                };
                doc.timexes.push(Spanned {
                    start,
                    end,
                    label: attr(e.tag, "type").unwrap_or_default(),
                    value,
                });
            }
            _ => {}
        }
    }
    let inside = |s: &Spanned| s.start >= scored.0 && s.end <= scored.1;
    doc.outside = (
        doc.entities.iter().filter(|s| !inside(s)).count(),
        doc.timexes.iter().filter(|s| !inside(s)).count(),
    );
    doc.entities.retain(inside);
    doc.timexes.retain(inside);
    doc.unscored
        .retain(|&(start, end)| start >= scored.0 && end <= scored.1);
    doc.entities.sort_by_key(|s| (s.start, s.end));
    doc.entities
        .dedup_by(|a, b| a.start == b.start && a.end == b.end);
    doc.timexes.sort_by_key(|s| (s.start, s.end));
    doc.text = text;
    Ok(doc)
}

/// One sentence as words and IOB2 labels (`B-PER`, `I-ORG`, `O`, ...).
pub type IobSentence = (Vec<String>, Vec<String>);

/// The body sentences of a MEANTIME CAT XML document as IOB2 sentences, for training a name
/// tagger: named mentions (`NAM`, `PRE.NAM`) of PER/ORG/LOC entities become `PER`, `ORG` and
/// `LOC` spans over their tokens. The title and the dateline are left out (headline
/// capitalisation), and so are the sentences after the last annotated one (MEANTIME annotates
/// only the first sentences of each article), and so are sentences with a named mention of
/// another type (PRO, FIN, MIX), which would be taught as `O`. A mention over non-contiguous
/// tokens, or overlapping one already labelled, is left out.
pub fn iob_sentences(xml: &str) -> Result<Vec<IobSentence>, String> {
    // Tokens in order, grouped by sentence: (t_id, text).
    let mut sentences: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (id, sentence, text) in read_tokens(xml)? {
        match sentences.last_mut() {
            Some((s, toks)) if *s == sentence => toks.push((id, text)),
            _ => sentences.push((sentence, vec![(id, text)])),
        }
    }
    // Token id → (sentence index, token index).
    let mut at: HashMap<&str, (usize, usize)> = HashMap::new();
    for (si, (_, toks)) in sentences.iter().enumerate() {
        for (ti, (id, _)) in toks.iter().enumerate() {
            at.insert(id.as_str(), (si, ti));
        }
    }
    let markup = xml.find("<Markables").map_or("", |p| &xml[p..]);
    let els = elements(markup);
    let (entity_type, refers) = entity_links(&els);
    let last_annotated = els
        .iter()
        .flat_map(|e| e.anchors.iter())
        .filter_map(|a| at.get(a.as_str()).map(|x| x.0))
        .max();
    let mut labels: Vec<Vec<String>> = sentences
        .iter()
        .map(|(_, t)| vec!["O".to_string(); t.len()])
        .collect();
    let mut unsure: Vec<usize> = Vec::new();
    for e in els.iter().filter(|e| e.name == "ENTITY_MENTION") {
        let syn = attr(e.tag, "syntactic_type").unwrap_or_default();
        if syn != "NAM" && syn != "PRE.NAM" {
            continue;
        }
        let m_id = attr(e.tag, "m_id").unwrap_or_default();
        let ty = match refers
            .get(&m_id)
            .and_then(|t| entity_type.get(t))
            .map(|(t, _)| t.as_str())
        {
            Some("PER") => "PER",
            Some("ORG") => "ORG",
            Some("LOC") => "LOC",
            _ => {
                // A name of another type (PRO, FIN, MIX) would be taught as `O`.
                if let Some(&(si, _)) = e.anchors.first().and_then(|a| at.get(a.as_str())) {
                    unsure.push(si);
                }
                continue;
            }
        };
        let Some(pos) = e
            .anchors
            .iter()
            .map(|a| at.get(a.as_str()).copied())
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let Some(&(si, first)) = pos.iter().min_by_key(|p| p.1) else {
            continue;
        };
        let last = pos.iter().map(|p| p.1).max().unwrap_or(first);
        if pos.iter().any(|p| p.0 != si) || last + 1 - first != pos.len() {
            continue;
        }
        let row = &mut labels[si];
        if row[first..=last].iter().any(|l| l != "O") {
            continue;
        }
        for (k, l) in row[first..=last].iter_mut().enumerate() {
            *l = format!("{}-{ty}", if k == 0 { "B" } else { "I" });
        }
    }
    let Some(last) = last_annotated else {
        return Ok(Vec::new());
    };
    Ok(sentences
        .into_iter()
        .zip(labels)
        .enumerate()
        .filter(|(i, _)| *i >= 2 && *i <= last && !unsure.contains(i))
        .map(|(_, ((_, toks), l))| (toks.into_iter().map(|t| t.1).collect(), l))
        .collect())
}

/// Counts of a span comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    /// Same start and end.
    pub strict: usize,
    /// Same start and end and the same label.
    pub strict_labelled: usize,
    /// Overlapping (one to one, exact matches first).
    pub relaxed: usize,
    /// Overlapping with the same label.
    pub relaxed_labelled: usize,
    /// Overlapping with the same value.
    pub relaxed_valued: usize,
}

impl Counts {
    pub fn merge(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict += o.strict;
        self.strict_labelled += o.strict_labelled;
        self.relaxed += o.relaxed;
        self.relaxed_labelled += o.relaxed_labelled;
        self.relaxed_valued += o.relaxed_valued;
    }

    /// Precision, recall and F1 of `hits` matches.
    pub fn prf(&self, hits: usize) -> (f64, f64, f64) {
        let p = if self.predicted == 0 {
            0.0
        } else {
            hits as f64 / self.predicted as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            hits as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// The predictions of `pred` on the scope MEANTIME annotates as named PER/ORG/LOC mentions:
/// a prediction that overlaps no scored gold mention but overlaps an unscored one (a product,
/// a financial index, a nominal or untyped mention) is left out, as gold and ours disagree there
/// on what is scored rather than on the name. Predictions over text with no gold mention stay.
pub fn in_scope(doc: &Doc, pred: &[Spanned]) -> Vec<Spanned> {
    let overlaps = |p: &Spanned, s: usize, e: usize| p.start < e && s < p.end;
    pred.iter()
        .filter(|p| {
            doc.entities.iter().any(|g| overlaps(p, g.start, g.end))
                || !doc.unscored.iter().any(|&(s, e)| overlaps(p, s, e))
        })
        .cloned()
        .collect()
}

/// Compares predicted spans with gold spans of one document: exact matches first, then each
/// remaining gold span with the first remaining overlapping prediction (one to one).
pub fn compare(gold: &[Spanned], pred: &[Spanned]) -> Counts {
    let mut c = Counts {
        gold: gold.len(),
        predicted: pred.len(),
        ..Counts::default()
    };
    let mut used = vec![false; pred.len()];
    let mut matched: Vec<Option<usize>> = vec![None; gold.len()];
    let exact: BTreeMap<(usize, usize), Vec<usize>> =
        pred.iter()
            .enumerate()
            .fold(BTreeMap::new(), |mut m, (i, p)| {
                m.entry((p.start, p.end)).or_insert_with(Vec::new).push(i);
                m
            });
    for (g, gs) in gold.iter().enumerate() {
        if let Some(i) = exact
            .get(&(gs.start, gs.end))
            .and_then(|v| v.iter().copied().find(|&i| !used[i]))
        {
            used[i] = true;
            matched[g] = Some(i);
            c.strict += 1;
            if pred[i].label == gs.label {
                c.strict_labelled += 1;
            }
        }
    }
    for (g, gs) in gold.iter().enumerate() {
        if matched[g].is_some() {
            continue;
        }
        if let Some(i) =
            (0..pred.len()).find(|&i| !used[i] && pred[i].start < gs.end && gs.start < pred[i].end)
        {
            used[i] = true;
            matched[g] = Some(i);
        }
    }
    for (g, gs) in gold.iter().enumerate() {
        let Some(i) = matched[g] else { continue };
        c.relaxed += 1;
        if pred[i].label == gs.label {
            c.relaxed_labelled += 1;
        }
        if gs.value.is_some() && pred[i].value == gs.value {
            c.relaxed_valued += 1;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Test" lang="en">
<token number="0" sentence="0" t_id="1">Barra</token>
<token number="1" sentence="0" t_id="2">named</token>
<token number="2" sentence="1" t_id="3">December</token>
<token number="3" sentence="1" t_id="4">10</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2013</token>
<token number="6" sentence="2" t_id="7">General</token>
<token number="7" sentence="2" t_id="8">Motors</token>
<token number="8" sentence="2" t_id="9">&amp;</token>
<token number="9" sentence="2" t_id="10">Ford</token>
<token number="10" sentence="2" t_id="11">'s</token>
<token number="11" sentence="2" t_id="12">iPod</token>
<token number="12" sentence="2" t_id="13">today</token>
<token number="13" sentence="2" t_id="14">.</token>
<token number="14" sentence="3" t_id="15">Later</token>
<Markables>
<ENTITY_MENTION m_id="20" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="21" syntactic_type="NAM"><token_anchor t_id="7"/><token_anchor t_id="8"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="22" syntactic_type="NAM"><token_anchor t_id="12"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="23" syntactic_type="PRO"><token_anchor t_id="10"/></ENTITY_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="30" type="DATE" value="2013-12-10">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="31" type="DATE" value="2013-12-10"><token_anchor t_id="13"/></TIMEX3>
<TIMEX3 TAG_DESCRIPTOR="2058" functionInDocument="NONE" m_id="32" type="DATE" value="2058"/>
<ENTITY TAG_DESCRIPTOR="Mary Barra" ent_type="PER" m_id="40"/>
<ENTITY TAG_DESCRIPTOR="GM" ent_type="ORG" m_id="41"/>
<ENTITY TAG_DESCRIPTOR="iPod" ent_type="PRO" m_id="42"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="20"/><target m_id="40"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="21"/><target m_id="41"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="22"/><target m_id="42"/></REFERS_TO>
</Relations>
</Document>"#;

    #[test]
    fn reads_tokens_mentions_and_timexes() {
        let d = parse_cat("t", SAMPLE).unwrap();
        assert_eq!(
            d.text,
            "Barra named\n\nDecember 10, 2013\n\nGeneral Motors & Ford's iPod today. Later\n"
        );
        // Scored: the body up to the last annotated sentence; title and dateline apart.
        assert_eq!(
            &d.text[d.scored.0..d.scored.1],
            "General Motors & Ford's iPod today."
        );
        assert_eq!(d.outside, (1, 1));
        assert_eq!(d.dct.as_deref(), Some("2013-12-10"));
        let texts: Vec<(&str, &str)> = d
            .entities
            .iter()
            .map(|e| (&d.text[e.start..e.end], e.label.as_str()))
            .collect();
        assert_eq!(texts, [("General Motors", "ORG")]);
        assert_eq!(d.skipped_mentions, 1, "the PRO mention is not scored");
        let timexes: Vec<&str> = d.timexes.iter().map(|t| &d.text[t.start..t.end]).collect();
        assert_eq!(timexes, ["today"]);
        assert_eq!(d.timexes[0].value.as_deref(), Some("2013-12-10"));
    }

    #[test]
    fn iob_sentences_of_the_body() {
        // A sentence with a name of an unscored type (the PRO `iPod`) is left out.
        assert!(iob_sentences(SAMPLE).unwrap().is_empty());
        let no_pro = SAMPLE.replace(
            r#"<ENTITY_MENTION m_id="22" syntactic_type="NAM">"#,
            r#"<ENTITY_MENTION m_id="22" syntactic_type="NOM">"#,
        );
        let sents = iob_sentences(&no_pro).unwrap();
        assert_eq!(
            sents.len(),
            1,
            "title, dateline and unannotated tail left out"
        );
        let (words, labels) = &sents[0];
        assert_eq!(words[..3], ["General", "Motors", "&"]);
        assert_eq!(labels[..], ["B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O"]);
    }

    #[test]
    fn rejects_non_cat() {
        assert!(parse_cat("x", "<html></html>").is_err());
        assert!(parse_cat("x", "<Document></Document>").is_err());
    }

    fn s(start: usize, end: usize, label: &str, value: Option<&str>) -> Spanned {
        Spanned {
            start,
            end,
            label: label.into(),
            value: value.map(String::from),
        }
    }

    #[test]
    fn compares_strict_relaxed_labels_values() {
        let gold = [
            s(0, 5, "PERSON", None),
            s(10, 20, "ORG", Some("a")),
            s(30, 35, "LOC", None),
        ];
        let pred = [
            s(0, 5, "ORG", None),
            s(12, 22, "ORG", Some("a")),
            s(40, 45, "LOC", None),
        ];
        let c = compare(&gold, &pred);
        assert_eq!((c.gold, c.predicted), (3, 3));
        assert_eq!((c.strict, c.strict_labelled), (1, 0));
        assert_eq!((c.relaxed, c.relaxed_labelled, c.relaxed_valued), (2, 1, 1));
        let (p, r, f) = c.prf(c.relaxed);
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - p).abs() < 1e-9 && (f - p).abs() < 1e-9);
    }
}

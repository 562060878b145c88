//! The per-document pipeline: decode → clean → analyse → extract facts, every result anchored
//! to source byte spans. Used by `ingest` (into the store) and `extract` (into files).

use chronicle_core::{content_hash, AlignedText, Document, Metadata, Removed, Span, Token};
use chronicle_ingest::{decode, unescape_json_string, Body, RawDoc};
use chronicle_nlp::Analyzer;

/// Options that change what the pipeline does.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Metadata given on the command line; fills what a document lacks.
    pub defaults: Metadata,
    /// Skip the language and fact stages (ingest only stores and cleans).
    pub no_analyze: bool,
}

/// The pipeline with its models loaded (load once, share across threads).
#[derive(Debug)]
pub struct Pipeline {
    analyzer: Analyzer,
    options: Options,
}

impl Pipeline {
    pub fn new(options: Options) -> Pipeline {
        Pipeline {
            analyzer: Analyzer::shipped(),
            options,
        }
    }

    /// Turns a raw document into an analysed [`Document`]. Never fails: problems become
    /// diagnostics on the document.
    pub fn run(&self, raw: RawDoc) -> Document {
        let mut doc = Document {
            id: content_hash(&raw.raw),
            source: raw.source,
            format: Some(raw.container),
            ..Document::default()
        };
        // 1. The article text as UTF-8, aligned to the original bytes.
        let decoded: AlignedText = match &raw.body {
            Body::Whole => {
                let d = decode(&raw.raw, raw.is_html);
                doc.encoding = d.encoding.to_string();
                if let Some(w) = d.warning {
                    doc.diagnose("decode", w);
                }
                d.text
            }
            Body::JsonString(range) => {
                doc.encoding = "UTF-8".into();
                // The reader checked that the line is UTF-8.
                let line = String::from_utf8_lossy(&raw.raw);
                unescape_json_string(&line, range.clone())
            }
        };
        // 2. Cleaning, re-anchored from the decoded text onto the original bytes.
        let cleaned = if raw.is_html {
            chronicle_clean::clean_html(&decoded.text)
        } else {
            chronicle_clean::clean_text(&decoded.text)
        };
        let to_src = |r: std::ops::Range<usize>| decoded.alignment.to_source(r);
        doc.layers.removed = cleaned
            .removed
            .iter()
            .map(|r| Removed {
                span: to_src(r.span.range()),
                reason: r.reason.clone(),
            })
            .collect();
        let clean = cleaned.text.compose(&decoded.alignment);
        doc.layers.blocks = cleaned
            .blocks
            .iter()
            .map(|b| clean.source_span(b.clone()))
            .collect();
        doc.clean = clean;
        doc.raw = raw.raw;
        // 3. Metadata: what the input said, then what the page says, then the command line.
        doc.meta = raw.meta;
        doc.meta.fill_from(&cleaned.meta);
        doc.meta.fill_from(&self.options.defaults);
        if self.options.no_analyze {
            return doc;
        }
        self.analyze(&mut doc);
        doc
    }

    /// Language analysis and fact extraction on the clean text.
    fn analyze(&self, doc: &mut Document) {
        let text = &doc.clean.text;
        let span = |r: std::ops::Range<usize>| doc.clean.source_span(r);
        let analysis = self.analyzer.analyze(text);
        let tokens = token_layer(&doc.clean, &analysis);
        let sentences: Vec<Span> = analysis
            .sentences
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| {
                let (first, last) = (&analysis.tokens[s.start], &analysis.tokens[s.end - 1]);
                span(first.range.start..last.range.end)
            })
            .collect();
        let published = doc.meta.published.as_deref().map(|p| &p[..p.len().min(10)]);
        let timexes = chronicle_facts::time::extract_timexes_with(text, published, Some(&analysis))
            .into_iter()
            .map(|t| chronicle_core::facts::Timex {
                text: text[t.range.clone()].to_string(),
                span: span(t.range),
                kind: t.kind,
                value: t.value,
            })
            .collect();
        let (entities, quotes, found_quotes) = people(text, &analysis, &span);
        let claims = chronicle_facts::extract_claims(text)
            .into_iter()
            .map(|c| chronicle_core::facts::Claim {
                text: text[c.range.clone()].to_string(),
                source: claim_source(&c.range, &found_quotes, doc.meta.outlet.as_deref()),
                span: span(c.range),
                value: c.value,
                low: c.low,
                high: c.high,
                unit: c.unit,
                hedge: c.hedge,
            })
            .collect();
        doc.layers.tokens = tokens;
        doc.layers.sentences = sentences;
        doc.layers.timexes = timexes;
        doc.layers.claims = claims;
        doc.layers.entities = entities;
        doc.layers.quotes = quotes;
    }
}

/// Entities and quotations of the clean text, with source spans; also returns the quotations
/// with clean-text ranges for the claim sources.
fn people(
    text: &str,
    analysis: &chronicle_nlp::Analysis,
    span: &dyn Fn(std::ops::Range<usize>) -> Span,
) -> (
    Vec<chronicle_core::facts::Entity>,
    Vec<chronicle_core::facts::Quote>,
    Vec<chronicle_facts::quotes::QuoteMatch>,
) {
    use chronicle_core::facts::{Entity, Mention, Quote};
    let found = chronicle_facts::entities::extract_entities(text, analysis);
    let entities = found
        .entities
        .iter()
        .map(|e| Entity {
            name: e.name.clone(),
            kind: e.kind.clone(),
            mentions: e
                .mentions
                .iter()
                .map(|m| Mention {
                    text: text[m.range.clone()].to_string(),
                    span: span(m.range.clone()),
                })
                .collect(),
            roles: e.roles.clone(),
            aliases: e.aliases(text),
        })
        .collect();
    let quotes = chronicle_facts::quotes::extract_quotes(text, analysis, &found);
    let layer = quotes
        .iter()
        .map(|q| Quote {
            speaker: q.speaker.clone(),
            speaker_entity: q.speaker_entity,
            text: text[q.range.clone()].to_string(),
            span: span(q.range.clone()),
            kind: q.kind.to_string(),
            cue: q.cue.as_ref().map(|c| text[c.clone()].to_string()),
            cue_span: q.cue.as_ref().map(|c| span(c.clone())),
            speaker_span: q.speaker_range.as_ref().map(|r| span(r.clone())),
        })
        .collect();
    (entities, layer, quotes)
}

/// Who asserts a numeric claim: the speaker of the quotation or reported clause it sits in,
/// otherwise the outlet.
fn claim_source(
    range: &std::ops::Range<usize>,
    quotes: &[chronicle_facts::quotes::QuoteMatch],
    outlet: Option<&str>,
) -> Option<String> {
    quotes
        .iter()
        .filter(|q| q.range.start <= range.start && range.end <= q.range.end)
        .min_by_key(|q| q.range.end - q.range.start)
        .and_then(|q| q.speaker.clone())
        .or_else(|| outlet.map(String::from))
}

/// The token layer of an analysis of `clean`'s text: every token anchored to source bytes.
pub fn token_layer(clean: &AlignedText, analysis: &chronicle_nlp::Analysis) -> Vec<Token> {
    analysis
        .tokens
        .iter()
        .map(|t| Token {
            span: clean.source_span(t.range.clone()),
            upos: t.upos.clone(),
            xpos: t.xpos.clone(),
            lemma: t.lemma.clone(),
            head: t.head,
            deprel: t.deprel.clone(),
        })
        .collect()
}

/// Problems with the input itself that the pipeline met on a document (a charset that had to
/// be guessed, bytes that were not what they claimed), as `path: record: message` lines.
pub fn input_warnings(doc: &Document) -> impl Iterator<Item = String> + '_ {
    let place = match &doc.source.record {
        Some(r) => format!("{}: {r}", doc.source.path),
        None => doc.source.path.clone(),
    };
    doc.diagnostics
        .iter()
        .filter(|d| d.stage == "decode")
        .map(move |d| format!("{place}: {}", d.message))
}

/// The record of one document in the evaluation format of `../shared/eval/FORMAT.md`.
pub fn eval_record(doc: &Document, name: &str) -> serde_json::Value {
    use serde_json::json;
    let l = &doc.layers;
    let spanned = |text: &str, s: Span| json!({"text": text, "start": s.start, "end": s.end});
    json!({
        "doc": name,
        "id": doc.id,
        "published": doc.meta.published.as_deref().map(|p| &p[..p.len().min(10)]),
        "published_source": doc.meta.published_source,
        "title": doc.meta.title,
        "body": doc.clean.text,
        "entities": l.entities.iter().map(|e| json!({
            "name": e.name, "type": e.kind, "roles": e.roles,
            "mentions": e.mentions.iter().map(|m| spanned(&m.text, m.span)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "quotes": l.quotes.iter().map(|q| json!({
            "speaker": q.speaker, "text": q.text, "kind": q.kind, "cue": q.cue,
            "start": q.span.start, "end": q.span.end,
        })).collect::<Vec<_>>(),
        "timexes": l.timexes.iter().map(|t| json!({
            // The evaluation format has null where TIMEX3 has a vague value (PAST_REF, PXY).
            "text": t.text, "value": chronicle_facts::time::calendar_value(t.value.as_deref()),
            "timex3": t.value, "type": t.kind, "start": t.span.start, "end": t.span.end,
        })).collect::<Vec<_>>(),
        "claims": l.claims.iter().map(|c| json!({
            "text": c.text, "value": c.value, "low": c.low, "high": c.high, "unit": c.unit,
            "hedge": c.hedge, "source": c.source, "start": c.span.start, "end": c.span.end,
        })).collect::<Vec<_>>(),
        "events": l.events.iter().map(|e| json!({
            "actor": e.actor, "action": e.action, "target": e.target, "date": e.date,
            "evidence": e.evidence, "start": e.span.start, "end": e.span.end,
        })).collect::<Vec<_>>(),
        "calls_to_action": l.calls_to_action.iter().map(|c| json!({
            "by": c.by, "to": c.to, "demand": c.demand, "evidence": c.evidence, "status": c.status,
            "start": c.span.start, "end": c.span.end,
        })).collect::<Vec<_>>(),
    })
}

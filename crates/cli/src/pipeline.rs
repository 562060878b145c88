//! The per-document pipeline: decode → clean → analyse → extract facts, every result anchored
//! to source byte spans. Used by `ingest` (into the store) and `extract` (into files).

use chronicle_core::{content_hash, AlignedText, Document, Metadata, Removed, Span, Token};
use chronicle_ingest::{decode, decode_feed_body, unescape_json_string, Body, RawDoc};
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

    /// Like [`Pipeline::run`], but a panic (a bug met on some strange input) becomes a message
    /// for the user, so that one document never stops a batch nor loses the others' results.
    pub fn run_guarded(&self, raw: RawDoc) -> Result<Document, String> {
        guard(|| self.run(raw))
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
            Body::Feed {
                range,
                markup,
                encoding,
            } => {
                let d = decode_feed_body(&raw.raw, range.clone(), *markup, *encoding);
                doc.encoding = d.encoding.to_string();
                if let Some(w) = d.warning {
                    doc.diagnose("decode", w);
                }
                d.text
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
        if doc.clean.text.trim().is_empty() {
            let what = if raw.is_html {
                "no article text found (the page holds only markup, navigation or boilerplate)"
            } else {
                "no article text left after cleaning"
            };
            doc.diagnose("clean", what);
        }
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
        self.analyze_in_parts(doc, MAX_ANALYSIS_PART);
    }

    /// Analyses the clean text in parts of at most `max` bytes, cut at line ends, so that an
    /// oversized page (a 10 MB HTML dump) costs time in proportion to its size: some fact
    /// stages grow faster than linearly with the text they see. News articles are far below
    /// the limit and are analysed whole. Every range is shifted back to the whole text, so all
    /// spans still point into the original bytes.
    fn analyze_in_parts(&self, doc: &mut Document, max: usize) {
        let published = doc.meta.published.as_deref().map(|p| &p[..p.len().min(10)]);
        let whole = &doc.clean.text;
        let parts = analysis_parts(whole, max);
        let mut l = chronicle_core::Layers::default();
        for part in &parts {
            let text = &whole[part.clone()];
            let at = part.start;
            let span = |r: std::ops::Range<usize>| doc.clean.source_span(r.start + at..r.end + at);
            let analysis = self.analyzer.analyze(text);
            let token_base = l.tokens.len();
            l.sentences.extend(
                analysis
                    .sentences
                    .iter()
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        let (first, last) =
                            (&analysis.tokens[s.start], &analysis.tokens[s.end - 1]);
                        span(first.range.start..last.range.end)
                    }),
            );
            l.tokens
                .extend(token_layer(&doc.clean, &analysis, at, token_base));
            let timexes =
                chronicle_facts::time::extract_timexes_with(text, published, Some(&analysis));
            l.timexes
                .extend(timexes.iter().map(|t| chronicle_core::facts::Timex {
                    text: text[t.range.clone()].to_string(),
                    span: span(t.range.clone()),
                    kind: t.kind.clone(),
                    value: t.value.clone(),
                }));
            let (entities, mut quotes, found_entities, found_quotes) =
                people(text, &analysis, &span);
            let (events, calls) = events(
                text,
                &analysis,
                &found_entities,
                &found_quotes,
                &timexes,
                &span,
            );
            l.events.extend(events);
            l.calls_to_action.extend(calls);
            let entity_base = l.entities.len();
            for q in &mut quotes {
                if let Some(e) = q.speaker_entity.as_mut() {
                    *e += entity_base;
                }
            }
            l.entities.extend(entities);
            l.quotes.extend(quotes);
            l.claims
                .extend(chronicle_facts::extract_claims(text).into_iter().map(|c| {
                    chronicle_core::facts::Claim {
                        text: text[c.range.clone()].to_string(),
                        source: claim_source(&c.range, &found_quotes, doc.meta.outlet.as_deref()),
                        span: span(c.range),
                        value: c.value,
                        low: c.low,
                        high: c.high,
                        unit: c.unit,
                        hedge: c.hedge,
                    }
                }));
        }
        let d = &mut doc.layers;
        d.tokens = l.tokens;
        d.sentences = l.sentences;
        d.timexes = l.timexes;
        d.claims = l.claims;
        d.entities = l.entities;
        d.quotes = l.quotes;
        d.events = l.events;
        d.calls_to_action = l.calls_to_action;
        if parts.len() > 1 {
            let message = format!(
                "{} kB of clean text analysed in {} parts of at most {} kB; entities and \
                 quotations are not linked across parts",
                whole.len() / 1000,
                parts.len(),
                max / 1000
            );
            doc.diagnose("analyze", message);
        }
    }
}

/// Runs `f`, turning a panic into the message of an input problem.
fn guard<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|e| {
        let why = e
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        format!("internal error while analysing ({why}); skipped (please report it)")
    })
}

/// The largest part of a clean text analysed at once (see [`Pipeline::analyze_in_parts`]):
/// ten times a long news article.
const MAX_ANALYSIS_PART: usize = 128 * 1024;

/// Cuts `text` into consecutive ranges of at most `max` bytes (more only for a line longer
/// than `max` without a space), each ending after a line end, else after a space, when one
/// lies in the second half of the part.
fn analysis_parts(text: &str, max: usize) -> Vec<std::ops::Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let mut limit = start + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        let half = max / 2;
        let cut = window
            .rfind('\n')
            .filter(|&i| i >= half)
            .or_else(|| window.rfind(' ').filter(|&i| i >= half))
            .map_or(limit, |i| start + i + 1);
        parts.push(start..cut);
        start = cut;
    }
    parts.push(start..text.len());
    parts
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
    chronicle_facts::entities::DocEntities,
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
    (entities, layer, found, quotes)
}

/// Events and calls to action of the clean text, with source spans.
fn events(
    text: &str,
    analysis: &chronicle_nlp::Analysis,
    entities: &chronicle_facts::entities::DocEntities,
    quotes: &[chronicle_facts::quotes::QuoteMatch],
    timexes: &[chronicle_facts::TimexMatch],
    span: &dyn Fn(std::ops::Range<usize>) -> Span,
) -> (
    Vec<chronicle_core::facts::Event>,
    Vec<chronicle_core::facts::CallToAction>,
) {
    use chronicle_core::facts::{CallToAction, Event};
    let found = chronicle_facts::events::extract_events(text, analysis, entities, quotes, timexes);
    let events = found
        .events
        .into_iter()
        .map(|e| Event {
            actor: Some(e.actor.name),
            action: e.action.to_string(),
            target: e.target.map(|t| t.name),
            date: chronicle_facts::time::calendar_value(e.date.as_deref()).map(String::from),
            evidence: text[e.range.clone()].to_string(),
            span: span(e.range),
        })
        .collect();
    let calls = found
        .calls
        .into_iter()
        .map(|c| CallToAction {
            by: Some(c.by.name),
            to: c.to.map(|t| t.name),
            demand: text[c.demand].to_string(),
            expects: c.expects.map(String::from),
            evidence: text[c.range.clone()].to_string(),
            span: span(c.range),
            status: None,
        })
        .collect();
    (events, calls)
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
///
/// `analysis` may cover a part of the clean text that starts at byte `at`, whose first token is
/// token `first` of the whole layer (both 0 for the whole text).
pub fn token_layer(
    clean: &AlignedText,
    analysis: &chronicle_nlp::Analysis,
    at: usize,
    first: usize,
) -> Vec<Token> {
    analysis
        .tokens
        .iter()
        .map(|t| Token {
            span: clean.source_span(t.range.start + at..t.range.end + at),
            upos: t.upos.clone(),
            xpos: t.xpos.clone(),
            lemma: t.lemma.clone(),
            head: t.head.map(|h| h + first),
            deprel: t.deprel.clone(),
        })
        .collect()
}

/// Problems with the input itself that the pipeline met on a document (a charset that had to
/// be guessed, bytes that were not what they claimed, no article text at all), as
/// `path: record: message` lines.
pub fn input_warnings(doc: &Document) -> impl Iterator<Item = String> + '_ {
    let place = doc.source.place();
    doc.diagnostics
        .iter()
        .filter(|d| d.stage == "decode" || d.stage == "clean")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_message() {
        assert_eq!(guard(|| 7), Ok(7));
        let e = guard(|| -> u8 { panic!("index out of bounds") }).unwrap_err();
        assert!(
            e.contains("internal error while analysing (index out of bounds)"),
            "{e}"
        );
    }

    #[test]
    fn parts_cut_at_line_ends_and_cover_the_text() {
        let text = "one two three\nfour five six\nseven eight nine ten\n".repeat(50);
        let parts = analysis_parts(&text, 200);
        assert!(parts.len() > 5);
        assert_eq!(parts[0].start, 0);
        assert_eq!(parts.last().unwrap().end, text.len());
        for w in parts.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(
                text[w[0].clone()].ends_with('\n'),
                "{:?}",
                &text[w[0].clone()]
            );
        }
        assert!(parts.iter().all(|p| p.len() <= 200));
        // A text without line ends or spaces is still cut, on character boundaries.
        let parts = analysis_parts(&"é".repeat(300), 101);
        assert_eq!(parts[0], 0..100);
        assert_eq!(parts.iter().map(|p| p.len()).sum::<usize>(), 600);
        assert_eq!(analysis_parts("short", 200), vec![0..5]);
    }

    /// An example article analysed in small parts: facts from every part, every span still
    /// holding its text in the original bytes, speaker and head indices into the whole layers.
    #[test]
    fn an_article_analysed_in_parts_keeps_its_provenance() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/002_d65b20c59fc33eb3.txt"
        );
        let raw = std::fs::read(path).unwrap();
        let pipeline = Pipeline::new(Options {
            no_analyze: true,
            ..Options::default()
        });
        let mut doc = pipeline.run(RawDoc {
            source: chronicle_core::SourceRef::default(),
            container: chronicle_core::SourceFormat::Text,
            is_html: false,
            raw: raw.clone(),
            body: Body::Whole,
            meta: Metadata::default(),
            given_id: None,
        });
        let mut whole = doc.clone();
        pipeline.analyze_in_parts(&mut whole, MAX_ANALYSIS_PART);
        pipeline.analyze_in_parts(&mut doc, 2000);
        assert!(doc.diagnostics.iter().any(|d| d.stage == "analyze"));
        assert!(whole.diagnostics.is_empty());
        let l = &doc.layers;
        let text = |s: Span| {
            std::str::from_utf8(&raw[s.start..s.end])
                .unwrap()
                .to_string()
        };
        for q in &l.quotes {
            assert_eq!(text(q.span), q.text);
            if let Some(e) = q.speaker_entity {
                assert!(e < l.entities.len());
            }
        }
        for m in l.entities.iter().flat_map(|e| &e.mentions) {
            assert_eq!(text(m.span), m.text);
        }
        for t in &l.timexes {
            assert_eq!(text(t.span), t.text);
        }
        for c in &l.claims {
            assert_eq!(text(c.span), c.text);
        }
        assert!(l
            .tokens
            .iter()
            .all(|t| t.head.is_none_or(|h| h < l.tokens.len())));
        // The last part has facts too, and the parts together find most of what the whole does.
        let tail = raw.len() * 3 / 4;
        assert!(
            l.quotes.iter().any(|q| q.span.start > tail),
            "{:?}",
            l.quotes
        );
        assert_eq!(l.tokens.len(), whole.layers.tokens.len());
        assert!(l.quotes.len() * 10 >= whole.layers.quotes.len() * 7);
        assert!(l.timexes.len() * 10 >= whole.layers.timexes.len() * 7);
    }
}

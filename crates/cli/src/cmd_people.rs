//! `chronicle quotes`, `chronicle eval uner` and `chronicle eval polnear`: who said what.

use crate::Global;
use std::path::PathBuf;

/// Arguments of `chronicle quotes`.
#[derive(Debug, clap::Args)]
pub struct QuotesArgs {
    /// Only quotations whose speaker matches this name (case-insensitive, any spelling known).
    #[arg(long)]
    pub speaker: Option<String>,
    /// One JSON object per quotation.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `chronicle eval uner`.
#[derive(Debug, clap::Args)]
pub struct EvalUnerArgs {
    /// The UNER English folder (IOB2 files).
    #[arg(long, default_value = "../shared/data/uner-english")]
    pub data: PathBuf,
    /// First train the name tagger on the dev split and write it here (e.g. models/ner.bin);
    /// the evaluation then uses the new model.
    #[arg(long)]
    pub train: Option<PathBuf>,
    /// The GUM folder (CoNLL-U with entities), added to the training data.
    #[arg(long, default_value = "../shared/data/gum")]
    pub gum: PathBuf,
    /// A MEANTIME folder (CAT XML, CC BY 4.0) to add to the training data (e.g.
    /// ../shared/data/meantime). Not used by the shipped model: it did not raise UNER test F1.
    #[arg(long)]
    pub meantime: Option<PathBuf>,
    /// A re3d folder (JSON with character offsets) to add to the training data: only its
    /// sub-folders whose licence allows shipping a model trained on them. Not used by the
    /// shipped model: with MEANTIME it did not raise UNER test F1.
    #[arg(long)]
    pub re3d: Option<PathBuf>,
    /// UD English EWT train (CoNLL-U): word statistics for the tagger (how often each word is
    /// capitalised or a proper noun); its sentences are not in UNER dev or test.
    #[arg(
        long,
        default_value = "../shared/data/ud-english-ewt/en_ewt-ud-train.conllu"
    )]
    pub ewt_train: PathBuf,
    /// Leave out forms seen fewer times than this from the word statistics (0: no statistics).
    #[arg(long, default_value_t = 2)]
    pub min_count: u32,
    /// Seed of the training shuffle.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Training epochs.
    #[arg(long, default_value_t = 15)]
    pub epochs: usize,
    /// How many times each UNER dev sentence is given in training (web text, like test; the
    /// other sets are other genres).
    #[arg(long, default_value_t = 3)]
    pub dev_repeat: usize,

    /// Instead of the test split, cross-validate on dev with this many folds (each fold tagged
    /// by a model trained on the others, plus GUM); writes no model. For tuning: test stays
    /// unseen.
    #[arg(long, default_value_t = 0)]
    pub folds: usize,
}

/// Arguments of `chronicle eval polnear`.
#[derive(Debug, clap::Args)]
pub struct EvalPolnearArgs {
    /// The PolNeAR folder (brat standoff).
    #[arg(long, default_value = "../shared/data/polnear")]
    pub data: PathBuf,
    /// The quote-verb list that selects gold attributions with a verb of saying as cue.
    #[arg(
        long,
        default_value = "../shared/data/ggt-quote-rules/nlp/english/rules/quote_verb_list.txt"
    )]
    pub verbs: PathBuf,
    /// Only the first N documents.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Writes every document's gold attributions and predicted quotations (byte ranges) to
    /// this JSON Lines file, for error analysis.
    #[arg(long)]
    pub dump: Option<PathBuf>,
}

/// Whether the quotation's speaker answers to `wanted` (already normalised): its name, any
/// mention of its entity, or its surname.
fn speaker_matches(
    doc: &chronicle_core::Document,
    q: &chronicle_core::facts::Quote,
    wanted: &str,
) -> bool {
    use chronicle_facts::entities::lexicon::normalize;
    let mut names: Vec<String> = q.speaker.iter().map(|s| normalize(s)).collect();
    if let Some(e) = q.speaker_entity.and_then(|i| doc.layers.entities.get(i)) {
        names.push(normalize(&e.name));
        names.extend(e.mentions.iter().map(|m| normalize(&m.text)));
        names.extend(e.aliases.iter().map(|a| normalize(a)));
    }
    names.iter().any(|n| name_matches(n, wanted))
}

/// Whether a normalised name is the wanted one (normalised): the same, its last word, or a
/// run of its words from one after the first (`guterres`, `antonio guterres`).
pub(crate) fn name_matches(name: &str, wanted: &str) -> bool {
    name == wanted
        || name.rsplit(' ').next() == Some(wanted)
        || name.contains(&format!(" {wanted}"))
}

pub fn quotes(
    global: &Global,
    args: &QuotesArgs,
    out: &mut dyn std::io::Write,
) -> anyhow::Result<i32> {
    use anyhow::Context;
    let dir = &global.data_dir;
    if !dir.join(chronicle_store::DB_FILE).exists() {
        anyhow::bail!(
            "no store in {} yet: run `chronicle ingest PATH...` first (or pass --data-dir)",
            dir.display()
        );
    }
    let store = chronicle_store::Store::open(dir)
        .with_context(|| format!("cannot open the store in {}", dir.display()))?;
    let wanted = args
        .speaker
        .as_deref()
        .map(chronicle_facts::entities::lexicon::normalize);
    let mut n = 0usize;
    // The first write that failed (a closed pipe, a full disk): nothing more is written and it
    // is the command's error once the store's walk ends.
    let mut failed: Option<std::io::Error> = None;
    store.for_each_document(&mut |doc| {
        for q in &doc.layers.quotes {
            if failed.is_some() {
                break;
            }
            if let Some(w) = &wanted {
                if !speaker_matches(&doc, q, w) {
                    continue;
                }
            }
            n += 1;
            let published = doc.meta.published.as_deref().map(|p| &p[..p.len().min(10)]);
            if args.json {
                let v = serde_json::json!({
                    "doc": doc.id, "source": doc.source.path, "outlet": doc.meta.outlet,
                    "published": published, "speaker": q.speaker, "kind": q.kind, "cue": q.cue,
                    "text": q.text, "start": q.span.start, "end": q.span.end,
                    "speaker_span": q.speaker_span.map(|s| [s.start, s.end]),
                    "cue_span": q.cue_span.map(|s| [s.start, s.end]),
                });
                failed = writeln!(out, "{v}").err();
            } else {
                failed = writeln!(
                    out,
                    "{} | {} | {} | {} ({}) [{}..{}] {}\n    {}",
                    q.speaker.as_deref().unwrap_or("(unattributed)"),
                    doc.meta.outlet.as_deref().unwrap_or("-"),
                    published.unwrap_or("-"),
                    q.kind,
                    q.cue.as_deref().unwrap_or("-"),
                    q.span.start,
                    q.span.end,
                    &doc.id[..12.min(doc.id.len())],
                    crate::one_line(&q.text),
                )
                .err();
            }
        }
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    if !args.json {
        writeln!(out, "{n} quotation(s)")?;
    }
    Ok(if n == 0 { 1 } else { 0 })
}

/// One IOB2 sentence: words and labels.
type IobSentence = (Vec<String>, Vec<String>);

/// The sentences of an IOB2 file, the document of each (numbered by the `# newdoc` lines; each
/// sentence is its own document when there are none) and the lines that could not be read.
fn read_iob2(
    path: &std::path::Path,
) -> anyhow::Result<(Vec<IobSentence>, Vec<usize>, Vec<String>)> {
    use anyhow::Context;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut docs = Vec::new();
    let mut doc = 0usize;
    let with_docs = text.lines().any(|l| l.starts_with("# newdoc"));
    let (mut words, mut labels) = (Vec::new(), Vec::new());
    // The first malformed line of the current sentence, which leaves the sentence out.
    let mut broken: Option<String> = None;
    let mut finish = |words: &mut Vec<String>,
                      labels: &mut Vec<String>,
                      broken: &mut Option<String>,
                      doc: usize| {
        let sentence = (std::mem::take(words), std::mem::take(labels));
        match broken.take() {
            Some(p) => problems.push(format!("{}: {p} (sentence left out)", path.display())),
            None if !sentence.0.is_empty() => {
                out.push(sentence);
                docs.push(match with_docs {
                    true => doc,
                    false => out.len() - 1,
                });
            }
            None => {}
        }
    };
    for (n, line) in text.lines().enumerate() {
        if line.starts_with("# newdoc") {
            finish(&mut words, &mut labels, &mut broken, doc);
            doc += 1;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            finish(&mut words, &mut labels, &mut broken, doc);
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let label = cols.get(2).copied().unwrap_or_default();
        let (bio, kind) = label.split_once('-').unwrap_or((label, ""));
        let valid = label == "O" || (matches!(bio, "B" | "I") && !kind.is_empty());
        if cols.len() < 3 || !valid {
            broken.get_or_insert_with(|| {
                format!("line {}: not `INDEX<TAB>WORD<TAB>B-/I-TYPE or O`", n + 1)
            });
            continue;
        }
        words.push(cols[1].to_string());
        labels.push(label.to_string());
    }
    finish(&mut words, &mut labels, &mut broken, doc);
    Ok((out, docs, problems))
}

/// Typed spans `(start, end, type)` of BIO labels.
fn bio_spans(labels: &[&str]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, l) in labels.iter().enumerate() {
        let (bio, kind) = l.split_once('-').unwrap_or((l, ""));
        let continues = bio == "I" && cur.as_ref().is_some_and(|(_, k)| k == kind);
        if !continues {
            if let Some((s, k)) = cur.take() {
                out.push((s, i, k));
            }
            if bio == "B" || bio == "I" {
                cur = Some((i, kind.to_string()));
            }
        }
    }
    if let Some((s, k)) = cur {
        out.push((s, labels.len(), k));
    }
    out
}

#[derive(Default)]
struct SpanCounts {
    by_type: std::collections::BTreeMap<String, (usize, usize, usize)>, // tp, pred, gold
}

impl SpanCounts {
    fn add(&mut self, gold: &[(usize, usize, String)], pred: &[(usize, usize, String)]) {
        for t in ["PER", "ORG", "LOC"] {
            let e = self.by_type.entry(t.to_string()).or_default();
            let g: Vec<_> = gold.iter().filter(|x| x.2 == t).collect();
            let p: Vec<_> = pred.iter().filter(|x| x.2 == t).collect();
            e.0 += p.iter().filter(|x| g.contains(x)).count();
            e.1 += p.len();
            e.2 += g.len();
        }
    }

    fn merge(&mut self, other: &SpanCounts) {
        for (t, c) in &other.by_type {
            let e = self.by_type.entry(t.clone()).or_default();
            *e = (e.0 + c.0, e.1 + c.1, e.2 + c.2);
        }
    }

    fn line(&self, name: &str) -> String {
        let f = |(tp, p, g): (usize, usize, usize)| {
            let pr = if p > 0 { tp as f64 / p as f64 } else { 0.0 };
            let rc = if g > 0 { tp as f64 / g as f64 } else { 0.0 };
            if pr + rc > 0.0 {
                2.0 * pr * rc / (pr + rc)
            } else {
                0.0
            }
        };
        let mut all = (0, 0, 0);
        let mut parts = Vec::new();
        for (t, &c) in &self.by_type {
            all = (all.0 + c.0, all.1 + c.1, all.2 + c.2);
            parts.push(format!("{t} {:.3}", f(c)));
        }
        let p = if all.1 > 0 {
            all.0 as f64 / all.1 as f64
        } else {
            0.0
        };
        let r = if all.2 > 0 {
            all.0 as f64 / all.2 as f64
        } else {
            0.0
        };
        format!(
            "{name:28} P {p:.3} R {r:.3} F1 {:.3}   {}",
            f(all),
            parts.join("  ")
        )
    }
}

/// The entities of the rule-based recogniser (with the tagger's help) on one document of
/// pre-tokenised sentences (joined by spaces into one text, the way a user feeds a whole post),
/// as typed token spans of each sentence.
fn recogniser_spans(
    analyzer: &chronicle_nlp::Analyzer,
    doc: &[&IobSentence],
    tagger: Option<&chronicle_facts::entities::ner::NameTagger>,
    timing: &mut (std::time::Duration, std::time::Duration),
) -> Vec<Vec<(usize, usize, String)>> {
    use chronicle_nlp::{Analysis, AnalyzedToken, Depth};
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    // Sentence of each token and its index there.
    let mut place = Vec::new();
    let t0 = std::time::Instant::now();
    for (k, (words, _)) in doc.iter().enumerate() {
        let first = tokens.len();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        for (i, (w, a)) in words
            .iter()
            .zip(analyzer.annotate_words(&refs, Depth::Parse))
            .enumerate()
        {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(w);
            tokens.push(AnalyzedToken {
                range: start..text.len(),
                upos: a.upos,
                xpos: a.xpos,
                lemma: a.lemma,
                // Heads are sentence-relative in the parse; the analysis counts from the text.
                head: a.head.map(|h| h + first),
                deprel: a.deprel,
            });
            place.push((k, i));
        }
        sentences.push(first..tokens.len());
    }
    let analysis = Analysis { tokens, sentences };
    let t1 = std::time::Instant::now();
    let ents = chronicle_facts::entities::extract_entities_with(&text, &analysis, tagger);
    timing.0 += t1 - t0;
    timing.1 += t1.elapsed();
    let mut out = vec![Vec::new(); doc.len()];
    for e in &ents.entities {
        let kind = match e.kind.as_str() {
            "PERSON" => "PER",
            "ORG" => "ORG",
            "GPE" | "LOC" | "FAC" => "LOC",
            _ => continue,
        };
        for m in e.mentions.iter().filter(|m| m.proper) {
            let last = analysis
                .tokens
                .iter()
                .position(|t| t.range.end == m.range.end)
                .unwrap_or(m.first_token);
            let ((k, a), (k2, b)) = (place[m.first_token], place[last]);
            if k == k2 {
                out[k].push((a, b + 1, kind.to_string()));
            }
        }
    }
    for spans in &mut out {
        spans.sort();
        spans.dedup();
    }
    out
}

/// The sentences of a CoNLL-U file as `(form, UPOS)` pairs (multi-word tokens and empty nodes
/// left out).
fn read_conllu_forms(path: &std::path::Path) -> anyhow::Result<Vec<Vec<(String, String)>>> {
    use anyhow::Context;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || cols.len() < 4 || cols[0].contains(['-', '.']) {
            continue;
        }
        cur.push((cols[1].to_string(), cols[3].to_string()));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Span counts of the tagger alone, the tagger with gazetteer types and the full entity stage
/// on labelled sentences, the last both on each sentence alone and on whole documents.
#[derive(Default)]
struct UnerCounts {
    model: SpanCounts,
    lexicon: SpanCounts,
    rules: SpanCounts,
    documents: SpanCounts,
    timing: (std::time::Duration, std::time::Duration),
    /// Time of the name tagger alone and the words it tagged.
    tagging: (std::time::Duration, usize),
}

impl UnerCounts {
    fn merge(&mut self, other: &UnerCounts) {
        self.model.merge(&other.model);
        self.lexicon.merge(&other.lexicon);
        self.rules.merge(&other.rules);
        self.documents.merge(&other.documents);
        self.tagging.0 += other.tagging.0;
        self.tagging.1 += other.tagging.1;
    }

    fn print(&self, tagger: bool) {
        if tagger {
            println!("{}", self.model.line("name tagger alone"));
            println!("{}", self.lexicon.line("name tagger + gazetteer"));
            println!(
                "name tagger speed: {:.0} words/s ({} words)",
                self.tagging.1 as f64 / self.tagging.0.as_secs_f64().max(1e-9),
                self.tagging.1
            );
        }
        println!("{}", self.documents.line("chronicle entities"));
        println!("{}", self.rules.line("entities, sentence by sentence"));
    }
}

fn uner_counts(
    analyzer: &chronicle_nlp::Analyzer,
    sentences: &[&IobSentence],
    docs: &[usize],
    tagger: Option<&chronicle_facts::entities::ner::NameTagger>,
    tags_of: &dyn Fn(&[String]) -> Vec<String>,
) -> UnerCounts {
    use chronicle_facts::entities::ner::{Sentence, LABELS};
    let mut c = UnerCounts::default();
    let gold_of =
        |labels: &[String]| bio_spans(&labels.iter().map(String::as_str).collect::<Vec<_>>());
    for &sentence in sentences {
        let (words, labels) = sentence;
        let gold = gold_of(labels);
        if let Some(tagger) = tagger {
            let tags = tags_of(words);
            let w: Vec<&str> = words.iter().map(String::as_str).collect();
            let t: Vec<&str> = tags.iter().map(String::as_str).collect();
            let t0 = std::time::Instant::now();
            let tagged = tagger.tag(&Sentence {
                words: &w,
                tags: &t,
            });
            c.tagging.0 += t0.elapsed();
            c.tagging.1 += w.len();
            let pred: Vec<&str> = tagged.into_iter().map(|c| LABELS[c]).collect();
            let spans = bio_spans(&pred);
            c.model.add(&gold, &spans);
            // The gazetteer settles the type of a span it knows (`UN` ORG, `Kenya` LOC).
            let typed: Vec<(usize, usize, String)> = spans
                .into_iter()
                .map(|(a, b, k)| {
                    let phrase = words[a..b].join(" ");
                    match chronicle_facts::entities::lexicon::lookup(&phrase) {
                        Some(e) if e.kind == "ORG" => (a, b, "ORG".to_string()),
                        Some(_) => (a, b, "LOC".to_string()),
                        None => (a, b, k),
                    }
                })
                .collect();
            c.lexicon.add(&gold, &typed);
        }
        let mut unused = Default::default();
        let pred = recogniser_spans(analyzer, &[sentence], tagger, &mut unused);
        c.rules.add(&gold, &pred[0]);
    }
    // Whole documents: consecutive sentences of one document.
    let mut start = 0;
    while start < sentences.len() {
        let mut end = start + 1;
        while end < sentences.len() && docs[end] == docs[start] {
            end += 1;
        }
        let doc = &sentences[start..end];
        let pred = recogniser_spans(analyzer, doc, tagger, &mut c.timing);
        for ((_, labels), p) in doc.iter().zip(&pred) {
            c.documents.add(&gold_of(labels), p);
        }
        start = end;
    }
    c
}

/// `n` copies of `items`, one after the other.
fn repeated<T: Clone>(items: &[T], n: usize) -> Vec<T> {
    std::iter::repeat_n(items, n).flatten().cloned().collect()
}

pub fn eval_uner(args: &EvalUnerArgs) -> anyhow::Result<()> {
    use anyhow::Context;
    use chronicle_facts::entities::ner::{NameTagger, WordStats, LABELS};
    let (dev, dev_docs, mut unread) = read_iob2(&args.data.join("en_ewt-ud-dev.iob2"))?;
    let (test, test_docs, unread_test) = read_iob2(&args.data.join("en_ewt-ud-test.iob2"))?;
    unread.extend(unread_test);
    let analyzer = chronicle_nlp::Analyzer::shipped();
    let tags_of = |words: &[String]| -> Vec<String> {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        analyzer
            .annotate_words(&refs, chronicle_nlp::Depth::Tags)
            .into_iter()
            .map(|a| a.xpos)
            .collect()
    };
    let training = args.train.is_some() || args.folds > 0;
    let (gum, meantime, re3d) = match training {
        false => Default::default(),
        true => (
            read_gum(&args.gum).unwrap_or_else(|e| {
                eprintln!("warning: GUM not read from {}: {e}", args.gum.display());
                Vec::new()
            }),
            args.meantime.as_deref().map_or_else(Vec::new, |d| {
                read_meantime(d).unwrap_or_else(|e| {
                    eprintln!("warning: MEANTIME not read from {}: {e}", d.display());
                    Vec::new()
                })
            }),
            args.re3d.as_deref().map_or_else(Vec::new, |d| {
                read_re3d(d).unwrap_or_else(|e| {
                    eprintln!("warning: re3d not read from {}: {e}", d.display());
                    Vec::new()
                })
            }),
        ),
    };
    let prepare = |sentences: &[&IobSentence]| -> Vec<(Vec<String>, Vec<String>, Vec<usize>)> {
        sentences
            .iter()
            .map(|(w, l)| {
                let gold = l
                    .iter()
                    .map(|x| LABELS.iter().position(|y| y == x).unwrap_or(0))
                    .collect();
                (w.clone(), tags_of(w), gold)
            })
            .collect()
    };
    let extra: Vec<&IobSentence> = gum.iter().chain(&meantime).chain(&re3d).collect();
    let stats = match training && args.min_count > 0 {
        false => WordStats::default(),
        true => {
            let treebank = read_conllu_forms(&args.ewt_train)?;
            WordStats::count(&treebank, args.min_count)
        }
    };
    if args.folds > 0 {
        // Cross-validation on dev: each fold (whole documents) is tagged by a model trained on
        // the other folds.
        let k = args.folds;
        let extra_data = prepare(&extra);
        let mut total = UnerCounts::default();
        for fold in 0..k {
            let in_fold = |i: usize| dev_docs[i] % k == fold;
            let train: Vec<usize> = (0..dev.len()).filter(|&i| !in_fold(i)).collect();
            let held: Vec<usize> = (0..dev.len()).filter(|&i| in_fold(i)).collect();
            let dev_data = prepare(&train.iter().map(|&i| &dev[i]).collect::<Vec<_>>());
            let mut data = repeated(&dev_data, args.dev_repeat);
            data.extend(extra_data.iter().cloned());
            let tagger = NameTagger::train(&data, stats.clone(), args.epochs, args.seed);
            let sentences: Vec<&IobSentence> = held.iter().map(|&i| &dev[i]).collect();
            let docs: Vec<usize> = held.iter().map(|&i| dev_docs[i]).collect();
            total.merge(&uner_counts(
                &analyzer,
                &sentences,
                &docs,
                Some(&tagger),
                &tags_of,
            ));
        }
        println!(
            "UNER English EWT dev, {k}-fold cross-validation by document ({} sentences + {} extra in training)",
            dev.len(),
            extra.len()
        );
        total.print(true);
        return Ok(());
    }
    let trained = match &args.train {
        Some(out) => {
            println!(
                "training sentences: {} UNER dev + {} GUM (open genres) + {} MEANTIME + {} re3d",
                dev.len(),
                gum.len(),
                meantime.len(),
                re3d.len()
            );
            let mut data = repeated(&prepare(&dev.iter().collect::<Vec<_>>()), args.dev_repeat);
            data.extend(prepare(&extra));
            let t = std::time::Instant::now();
            let tagger = NameTagger::train(&data, stats.clone(), args.epochs, args.seed);
            let bytes = tagger.write();
            std::fs::write(out, &bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!(
                "trained on {} sentences, {} epochs, seed {} in {:.1} s: {} ({} bytes)",
                data.len(),
                args.epochs,
                args.seed,
                t.elapsed().as_secs_f64(),
                out.display(),
                bytes.len()
            );
            Some(tagger)
        }
        None => None,
    };
    let tagger = trained.as_ref().or(NameTagger::shipped());
    let c = uner_counts(
        &analyzer,
        &test.iter().collect::<Vec<_>>(),
        &test_docs,
        tagger,
        &tags_of,
    );
    println!(
        "UNER English EWT test: {} sentences in {} documents, exact-span match (PERSON->PER, ORG, GPE/LOC/FAC->LOC)",
        test.len(),
        test_docs.iter().collect::<std::collections::BTreeSet<_>>().len()
    );
    c.print(tagger.is_some());
    println!(
        "time: tag+parse {:.2} s, entities {:.2} s",
        c.timing.0.as_secs_f64(),
        c.timing.1.as_secs_f64()
    );
    match unread.is_empty() {
        true => println!("could not read: none"),
        false => println!(
            "could not read {} sentences:\n  {}",
            unread.len(),
            unread.join("\n  ")
        ),
    }
    Ok(())
}

/// One gold attribution of PolNeAR: cue, content and source character ranges.
struct GoldAttribution {
    cue: Vec<std::ops::Range<usize>>,
    content: Vec<std::ops::Range<usize>>,
    source: Vec<std::ops::Range<usize>>,
}

/// Reads a brat `.ann` file into attributions (discontinuous spans as several ranges).
fn read_ann(ann: &str, chars: usize, problems: &mut Vec<String>) -> Vec<GoldAttribution> {
    let mut spans: std::collections::HashMap<&str, Vec<std::ops::Range<usize>>> =
        std::collections::HashMap::new();
    for (n, line) in ann.lines().enumerate() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 || !cols[0].starts_with('T') {
            continue;
        }
        let ranges = cols[1].split_once(' ').map_or("", |x| x.1);
        let list: Option<Vec<std::ops::Range<usize>>> = ranges
            .split(';')
            .map(|r| {
                let (a, b) = r.trim().split_once(' ')?;
                let r: std::ops::Range<usize> = a.parse().ok()?..b.parse().ok()?;
                (r.start <= r.end && r.end <= chars).then_some(r)
            })
            .collect();
        match list {
            Some(list) => {
                spans.insert(cols[0], list);
            }
            None => problems.push(format!(
                "line {}: span `{ranges}` is not `START END[;START END]` within the text's {chars} characters",
                n + 1
            )),
        }
    }
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some(args) = line.split('\t').nth(1) else {
            continue;
        };
        let mut a = GoldAttribution {
            cue: Vec::new(),
            content: Vec::new(),
            source: Vec::new(),
        };
        for part in args.split_whitespace().skip(1) {
            let Some((role, id)) = part.split_once(':') else {
                continue;
            };
            let Some(r) = spans.get(id).cloned() else {
                problems.push(format!(
                    "`{}`: no readable text-bound annotation {id}",
                    line.split('\t').next().unwrap_or_default()
                ));
                continue;
            };
            match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Cue" => a.cue.extend(r),
                "Content" => a.content.extend(r),
                "Source" => a.source.extend(r),
                _ => {}
            }
        }
        if !a.cue.is_empty() && !a.content.is_empty() {
            out.push(a);
        }
    }
    out
}

/// One-to-one matching of predicted quotations to gold attributions (word overlap of the
/// content at least half of both, greedy by overlap): content and content + source hits.
fn match_attributions(
    text: &str,
    gold: &[&GoldAttribution],
    quotes: &[chronicle_facts::quotes::QuoteMatch],
    content_text: &dyn Fn(&GoldAttribution) -> String,
) -> (usize, usize) {
    let (mut content_tp, mut source_tp) = (0, 0);
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let gt = content_text(g);
        for (pi, q) in quotes.iter().enumerate() {
            let (a, b) = chronicle_eval::seeds::overlap(&gt, &text[q.range.clone()]);
            if a >= 0.5 && b >= 0.5 {
                cands.push((a + b, gi, pi));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0));
    let (mut ug, mut up) = (vec![false; gold.len()], vec![false; quotes.len()]);
    for (_, gi, pi) in cands {
        if ug[gi] || up[pi] {
            continue;
        }
        ug[gi] = true;
        up[pi] = true;
        content_tp += 1;
        let hit = quotes[pi].speaker_range.as_ref().is_some_and(|s| {
            gold[gi]
                .source
                .iter()
                .any(|g| s.start < g.end && g.start < s.end)
        });
        if hit {
            source_tp += 1;
        }
    }
    (content_tp, source_tp)
}

pub fn eval_polnear(args: &EvalPolnearArgs) -> anyhow::Result<()> {
    use anyhow::Context;
    let verbs_path = args.verbs.clone();
    let verbs: std::collections::HashSet<String> = std::fs::read_to_string(&verbs_path)
        .with_context(|| format!("cannot read the quote-verb list {}", verbs_path.display()))?
        .lines()
        .map(|l| l.trim().to_lowercase())
        .filter(|l| !l.is_empty())
        .collect();
    let dir = args.data.join("data/dev");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("text"))
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    if let Some(n) = args.limit {
        names.truncate(n);
    }
    let anns: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    let analyzer = chronicle_nlp::Analyzer::shipped();
    let mut counts = [[0usize; 4]; 2]; // gold, predicted, content TP, source TP
    let mut dump = match &args.dump {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    let (mut t_core, mut t_people) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    let mut unread = Vec::new();
    for path in &names {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                unread.push(format!("{}: {e} (document left out)", path.display()));
                continue;
            }
        };
        // Annotation files are named like the text with a short suffix: `NAME_ef2d.ann`.
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let Some(ann_path) = anns.iter().find(|a| {
            a.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(stem) && n.ends_with(".ann"))
        }) else {
            unread.push(format!(
                "{}: no annotation file (document left out)",
                path.display()
            ));
            continue;
        };
        let ann = match std::fs::read_to_string(ann_path) {
            Ok(a) => a,
            Err(e) => {
                unread.push(format!("{}: {e} (document left out)", ann_path.display()));
                continue;
            }
        };
        // Brat offsets count characters; the extractors work in bytes.
        let byte_of: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let to_bytes = |r: &std::ops::Range<usize>| {
            byte_of[r.start.min(byte_of.len() - 1)]..byte_of[r.end.min(byte_of.len() - 1)]
        };
        let mut problems = Vec::new();
        let read = read_ann(&ann, byte_of.len() - 1, &mut problems);
        unread.extend(
            problems
                .into_iter()
                .map(|p| format!("{}: {p}", ann_path.display())),
        );
        let all_gold: Vec<GoldAttribution> = read
            .into_iter()
            .map(|a| GoldAttribution {
                cue: a.cue.iter().map(to_bytes).collect(),
                content: a.content.iter().map(to_bytes).collect(),
                source: a.source.iter().map(to_bytes).collect(),
            })
            .collect();
        let listed = |a: &GoldAttribution| {
            a.cue.iter().any(|r| {
                text[r.clone()]
                    .split(|c: char| !c.is_alphabetic())
                    .any(|w| verbs.contains(&w.to_lowercase()))
            })
        };
        let t0 = std::time::Instant::now();
        let analysis = analyzer.analyze(&text);
        let t1 = std::time::Instant::now();
        let ents = chronicle_facts::entities::extract_entities(&text, &analysis);
        let quotes = chronicle_facts::quotes::extract_quotes(&text, &analysis, &ents);
        t_core += t1 - t0;
        t_people += t1.elapsed();
        let content_text = |a: &GoldAttribution| {
            a.content
                .iter()
                .map(|r| &text[r.clone()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        if let Some(w) = dump.as_mut() {
            use std::io::Write;
            let spans = |v: &[std::ops::Range<usize>]| {
                v.iter().map(|r| [r.start, r.end]).collect::<Vec<_>>()
            };
            let gold: Vec<_> = all_gold
                .iter()
                .map(|a| {
                    serde_json::json!({
                        "cue": spans(&a.cue), "content": spans(&a.content),
                        "source": spans(&a.source), "listed": listed(a),
                    })
                })
                .collect();
            let pred: Vec<_> = quotes
                .iter()
                .map(|q| {
                    serde_json::json!({
                        "range": [q.range.start, q.range.end], "kind": q.kind,
                        "cue": q.cue.as_ref().map(|r| [r.start, r.end]),
                        "speaker": q.speaker,
                        "speaker_range": q.speaker_range.as_ref().map(|r| [r.start, r.end]),
                    })
                })
                .collect();
            let v =
                serde_json::json!({"doc": path.display().to_string(), "gold": gold, "pred": pred});
            writeln!(w, "{v}")?;
        }
        // Listed cues only (the headline), then every attribution whatever its cue.
        for (pass, gold) in [
            all_gold.iter().filter(|a| listed(a)).collect::<Vec<_>>(),
            all_gold.iter().collect::<Vec<_>>(),
        ]
        .into_iter()
        .enumerate()
        {
            let (tp_c, tp_s) = match_attributions(&text, &gold, &quotes, &content_text);
            counts[pass][0] += gold.len();
            counts[pass][1] += quotes.len();
            counts[pass][2] += tp_c;
            counts[pass][3] += tp_s;
        }
    }
    let [n_gold, n_pred, content_tp, source_tp] = counts[0];
    let [n_all, _, content_all, source_all] = counts[1];
    let f = |tp: usize, n_gold: usize| {
        let (p, r, f1) = chronicle_eval::seeds::prf(tp, n_pred, tp, n_gold);
        format!("P {p:.3} R {r:.3} F1 {f1:.3}")
    };
    println!(
        "PolNeAR dev: {} documents, {} gold attributions with a cue word from the quote-verb list, {} predicted quotations",
        names.len(),
        n_gold,
        n_pred
    );
    println!(
        "content (word overlap >= 0.5 both ways): {}",
        f(content_tp, n_gold)
    );
    println!(
        "content + source (speaker phrase overlaps the gold source span): {}",
        f(source_tp, n_gold)
    );
    println!(
        "all {n_all} attributions, any cue: content {}; content + source {}",
        f(content_all, n_all),
        f(source_all, n_all)
    );
    println!(
        "time: language core {:.2} s, entities + quotations {:.2} s ({:.0} %)",
        t_core.as_secs_f64(),
        t_people.as_secs_f64(),
        100.0 * t_people.as_secs_f64() / t_core.as_secs_f64().max(1e-9)
    );
    match unread.is_empty() {
        true => println!("could not read: none"),
        false => println!(
            "could not read {}:\n  {}",
            unread.len(),
            unread.join("\n  ")
        ),
    }
    Ok(())
}

/// Named PER/ORG/LOC spans of the GUM documents whose genre is openly licensed (academic, bio,
/// court, interview, news, voyage), as IOB2 sentences. A mention counts as a name when its
/// tokens after a determiner are capitalised proper nouns.
fn read_gum(dir: &std::path::Path) -> anyhow::Result<Vec<IobSentence>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("dep"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            ["academic", "bio", "court", "interview", "news", "voyage"]
                .iter()
                .any(|g| n.starts_with(&format!("GUM_{g}_")))
                && n.ends_with(".conllu")
        })
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f)?;
        let mut rows: Vec<(String, String, String)> = Vec::new(); // form, upos, misc
        let mut flush = |rows: &mut Vec<(String, String, String)>| {
            if rows.is_empty() {
                return;
            }
            let mut labels = vec!["O".to_string(); rows.len()];
            let mut open: Vec<(String, String, usize)> = Vec::new(); // id, type, start
            for (i, (_, _, misc)) in rows.iter().enumerate() {
                let Some(ent) = misc.split('|').find_map(|x| x.strip_prefix("Entity=")) else {
                    continue;
                };
                let mut rest = ent;
                while !rest.is_empty() {
                    if let Some(r) = rest.strip_prefix('(') {
                        let end = r.find(['(', ')']).unwrap_or(r.len());
                        let body = &r[..end];
                        let mut parts = body.split('-');
                        let id = parts.next().unwrap_or_default().to_string();
                        let kind = parts.next().unwrap_or_default().to_string();
                        open.push((id, kind, i));
                        rest = &r[end..];
                    } else if let Some(r) = rest.strip_prefix(')') {
                        // `(...)` closes the mention just opened.
                        if let Some((_, kind, start)) = open.pop() {
                            mark(rows, &mut labels, start, i + 1, &kind);
                        }
                        rest = r;
                    } else {
                        let end = rest.find(['(', ')']).unwrap_or(rest.len());
                        let id = &rest[..end];
                        rest = &rest[end..];
                        if let Some(r) = rest.strip_prefix(')') {
                            if let Some(pos) = open.iter().rposition(|(x, _, _)| x == id) {
                                let (_, kind, start) = open.remove(pos);
                                mark(rows, &mut labels, start, i + 1, &kind);
                            }
                            rest = r;
                        }
                    }
                }
            }
            out.push((rows.iter().map(|r| r.0.clone()).collect(), labels));
            rows.clear();
        };
        for line in text.lines() {
            if line.trim().is_empty() {
                flush(&mut rows);
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 10 || cols[0].contains('-') || cols[0].contains('.') {
                continue;
            }
            rows.push((
                cols[1].to_string(),
                cols[3].to_string(),
                cols[9].to_string(),
            ));
        }
        flush(&mut rows);
    }
    Ok(out)
}

/// Labels a GUM mention when it is a name of a kept type and no label is there yet.
fn mark(
    rows: &[(String, String, String)],
    labels: &mut [String],
    start: usize,
    end: usize,
    kind: &str,
) {
    let t = match kind {
        "person" => "PER",
        "organization" => "ORG",
        "place" => "LOC",
        _ => return,
    };
    let mut s = start;
    while s < end && matches!(rows[s].1.as_str(), "DET") {
        s += 1;
    }
    if s >= end || end - s > 8 {
        return;
    }
    let named = (s..end).all(|i| {
        rows[i].1 == "PROPN"
            || matches!(
                rows[i].0.as_str(),
                "of" | "and" | "the" | "for" | "-" | "&" | "'s"
            )
    }) && rows[s].0.chars().next().is_some_and(char::is_uppercase);
    if !named || labels[s..end].iter().any(|l| l != "O") {
        return;
    }
    for (k, l) in labels[s..end].iter_mut().enumerate() {
        *l = format!("{}-{t}", if k == 0 { "B" } else { "I" });
    }
}

/// The annotated body sentences of the MEANTIME English documents (intra-document
/// annotation), as IOB2 sentences of PER/ORG/LOC names.
fn read_meantime(dir: &std::path::Path) -> anyhow::Result<Vec<IobSentence>> {
    let root = dir.join("data/meantime_newsreader_english_oct15/intra-doc_annotation");
    let mut files = Vec::new();
    for corpus in std::fs::read_dir(&root)? {
        let corpus = corpus?.path();
        if corpus.is_dir() {
            for f in std::fs::read_dir(&corpus)? {
                let f = f?.path();
                if f.extension().is_some_and(|e| e == "xml") {
                    files.push(f);
                }
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let xml = std::fs::read_to_string(&f)?;
        match chronicle_eval::meantime::iob_sentences(&xml) {
            Ok(s) => out.extend(s),
            Err(e) => eprintln!("warning: {}: {e}", f.display()),
        }
    }
    Ok(out)
}

/// The re3d sub-folders whose licence allows shipping a model trained on them: CC BY 3.0 AU,
/// public domain (US federal works), Open Government Licence v3.0, CC BY-SA 3.0. Left out:
/// `BBC Online` (CC BY-NC 3.0) and `Delegation of the European Union to Syria` (a website
/// legal notice without an explicit licence to reuse).
const RE3D_FOLDERS: [&str; 5] = [
    "Australian Department of Foreign Affairs",
    "CENTCOM",
    "UK Government",
    "US State Department",
    "Wikipedia",
];

/// re3d documents of the shippable folders as IOB2 sentences: `Person` → PER, `Organisation`
/// → ORG, `Location` → LOC, other types skipped. Only names are kept: a mention, after a
/// leading `the`, must start with a capital letter and have only capitalised words besides
/// `of`, `and`, `the`, `for`, `de`, `al`, `-`, `&`, `'s` (re3d also marks `U.S. service
/// members` or `the coalition`). The text is cut by chronicle's tokenizer and sentence
/// splitter; a mention whose edges fall inside a token is left out.
fn read_re3d(dir: &std::path::Path) -> anyhow::Result<Vec<IobSentence>> {
    use anyhow::Context;
    let mut out = Vec::new();
    for folder in RE3D_FOLDERS {
        let d = dir.join(folder);
        let docs = std::fs::read_to_string(d.join("documents.json"))
            .with_context(|| format!("cannot read {}", d.display()))?;
        let ents = std::fs::read_to_string(d.join("entities.json"))
            .with_context(|| format!("cannot read {}", d.display()))?;
        let mut by_doc: std::collections::BTreeMap<String, Vec<(usize, usize, &str)>> =
            Default::default();
        for line in ents.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let kind = match v["type"].as_str() {
                Some("Person") => "PER",
                Some("Organisation") => "ORG",
                Some("Location") => "LOC",
                _ => continue,
            };
            let (Some(doc), Some(b), Some(e)) = (
                v["documentId"].as_str(),
                v["begin"].as_u64(),
                v["end"].as_u64(),
            ) else {
                continue;
            };
            by_doc
                .entry(doc.to_string())
                .or_default()
                .push((b as usize, e as usize, kind));
        }
        let mut texts: Vec<(String, String)> = Vec::new();
        for line in docs.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line)?;
            if let (Some(id), Some(text)) = (v["_id"].as_str(), v["text"].as_str()) {
                texts.push((id.to_string(), text.to_string()));
            }
        }
        texts.sort();
        for (id, text) in texts {
            let mentions = by_doc.get(&id).map(Vec::as_slice).unwrap_or_default();
            out.extend(re3d_sentences(&text, mentions));
        }
    }
    Ok(out)
}

/// IOB2 sentences of one re3d text with mentions at character offsets `(begin, end, type)`.
fn re3d_sentences(text: &str, mentions: &[(usize, usize, &str)]) -> Vec<IobSentence> {
    // Character offset → byte offset.
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());
    let tok = chronicle_nlp::tokenize::tokenize(text);
    let mut labels = vec!["O".to_string(); tok.tokens.len()];
    let mut spans: Vec<(usize, usize, &str)> = mentions
        .iter()
        .filter_map(|&(b, e, k)| Some((*byte_at.get(b)?, *byte_at.get(e)?, k)))
        .filter(|(b, e, _)| b < e)
        .collect();
    // Longer mentions first, so a nested shorter one does not cut a name.
    spans.sort_by_key(|&(b, e, _)| (std::cmp::Reverse(e - b), b));
    for (b, e, kind) in spans {
        let Some(first) = tok.tokens.iter().position(|t| t.start == b) else {
            continue;
        };
        let Some(last) = tok.tokens.iter().position(|t| t.end == e) else {
            continue;
        };
        if last < first || labels[first..=last].iter().any(|l| l != "O") {
            continue;
        }
        let words: Vec<&str> = tok.tokens[first..=last]
            .iter()
            .map(|t| &text[t.clone()])
            .collect();
        let skip = usize::from(words[0].eq_ignore_ascii_case("the"));
        if skip >= words.len() || words.len() - skip > 8 {
            continue;
        }
        let named = words[skip].chars().next().is_some_and(char::is_uppercase)
            && words[skip..].iter().all(|w| {
                matches!(
                    *w,
                    "of" | "and" | "the" | "for" | "de" | "al" | "-" | "&" | "'s" | "." | ","
                ) || !w.chars().next().is_some_and(char::is_lowercase)
            });
        if !named {
            continue;
        }
        for (k, l) in labels[first + skip..=last].iter_mut().enumerate() {
            *l = format!("{}-{kind}", if k == 0 { "B" } else { "I" });
        }
    }
    tok.sentences
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| {
            (
                tok.tokens[s.clone()]
                    .iter()
                    .map(|t| text[t.clone()].to_string())
                    .collect(),
                labels[s.clone()].to_vec(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn re3d_mentions_become_iob_names() {
        let text = "The U.S. service members met Ahmad Khan in Raqqa. The coalition left.";
        // Character offsets, as in re3d's entities.json.
        let m = [
            (0, 24, "ORG"),  // The U.S. service members: not a name
            (29, 39, "PER"), // Ahmad Khan
            (43, 48, "LOC"), // Raqqa
            (50, 63, "ORG"), // The coalition: not a name
        ];
        let s = re3d_sentences(text, &m);
        assert_eq!(s.len(), 2);
        let tagged: Vec<(&str, &str)> = s[0]
            .0
            .iter()
            .zip(&s[0].1)
            .filter(|(_, l)| *l != "O")
            .map(|(w, l)| (w.as_str(), l.as_str()))
            .collect();
        assert_eq!(
            tagged,
            [("Ahmad", "B-PER"), ("Khan", "I-PER"), ("Raqqa", "B-LOC")]
        );
        assert!(s[1].1.iter().all(|l| l == "O"));
    }
}

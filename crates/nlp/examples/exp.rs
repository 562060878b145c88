//! Experiments on one model at a time, scored on EWT dev (tuning only; never used for shipping).
//!
//! `exp tagger DATA OUT EPOCHS` trains the tagger alone; `exp parser DATA OUT EPOCHS TAGCACHE`
//! trains the parser on jackknifed tags cached in TAGCACHE (computed on the first run; `exp
//! parser-beam DATA OUT EPOCHS TAGCACHE PRUNE WIDTH` with a beam and global training), and puts
//! the shipped tagger and lemmatizer beside it so that the folder scores as a pipeline.
//! `exp splitter DATA OUT EPOCHS [gum|ewt] [MARGINS]` trains the sentence splitter (seed from
//! `SPLIT_SEED`, default 1, as shipped) and scores it on EWT dev, GUM dev (`/tmp/gum-dev.conllu`
//! from `bench/nlp/make_gum_dev.py`) and PUD. `exp splitcv DATA EPOCHS MARGIN` scores the
//! splitter by 5-fold cross-validation over EWT train (GUM's shippable genres always in
//! training; `SPLIT_DUMP=1` prints every wrong gap), a tuning set six times the size of EWT dev.
//! Both take the splitter's optional feature groups from `SPLIT_GROUPS` (bits of
//! `splitter::groups`, default none as shipped); with tag groups, `splitcv` trains its taggers by
//! one 5-fold jackknife over EWT train and GUM (cached in `/tmp/split-jk-cv`; `SPLIT_ORACLE=1`
//! tags with the shipped tagger instead, an upper bound), `splitter` by 5 folds of the training
//! sentences (cached in `/tmp/split-jk-full`), and scores with the shipped tagger. `splitcv`
//! reads its training seed from `SPLIT_SEED` (default 1).
use chronicle_nlp::{conllu, eval, parser::Parser, tagger::Tagger, train, Analyzer};
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args[0] == "segerr" {
        return segment_errors(Path::new(&args[1]), args.get(2).map(Path::new));
    }
    if args[0] == "gaperr" {
        return gap_errors(Path::new(&args[1]), Path::new(&args[2]));
    }
    if args[0] == "tokerr" {
        let gold = conllu::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
        let raw = conllu::raw_text(&gold);
        let t = chronicle_nlp::tokenize::tokenize(&raw.text);
        let predicted: std::collections::HashSet<(usize, usize)> =
            t.tokens.iter().map(|r| (r.start, r.end)).collect();
        let gold_set: std::collections::HashSet<(usize, usize)> =
            raw.words.iter().map(|r| (r.start, r.end)).collect();
        let mut counts: std::collections::HashMap<String, usize> = Default::default();
        for r in &raw.words {
            if !predicted.contains(&(r.start, r.end)) {
                let over: Vec<&str> = t
                    .tokens
                    .iter()
                    .filter(|p| p.start < r.end && r.start < p.end)
                    .map(|p| &raw.text[p.clone()])
                    .collect();
                *counts
                    .entry(format!("gold {:?} pred {:?}", &raw.text[r.clone()], over))
                    .or_default() += 1;
            }
        }
        let extra = t
            .tokens
            .iter()
            .filter(|p| !gold_set.contains(&(p.start, p.end)))
            .count();
        let mut list: Vec<_> = counts.into_iter().collect();
        list.sort_by_key(|item| std::cmp::Reverse(item.1));
        for (k, n) in list.iter().take(80) {
            println!("{n} {k}");
        }
        println!("predicted tokens not in gold: {extra}");
        return;
    }
    if args[0] == "confusions" {
        let gold = conllu::parse(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
        let analyzer = Analyzer::from_dir(Path::new(&args[2])).unwrap();
        let predicted = analyzer.annotate_conllu(&gold);
        let mut tags: std::collections::HashMap<(String, String), usize> = Default::default();
        let mut words: std::collections::HashMap<String, usize> = Default::default();
        let mut labels: std::collections::HashMap<(String, String), usize> = Default::default();
        for (g, p) in gold.iter().zip(&predicted) {
            for (gw, pw) in g.words.iter().zip(&p.words) {
                if gw.upos != pw.upos {
                    *tags.entry((gw.upos.clone(), pw.upos.clone())).or_default() += 1;
                    *words.entry(gw.form.to_lowercase()).or_default() += 1;
                }
                if gw.head == pw.head && gw.deprel != pw.deprel {
                    *labels
                        .entry((gw.deprel.clone(), pw.deprel.clone()))
                        .or_default() += 1;
                }
            }
        }
        for (name, list) in [
            (
                "upos gold->pred",
                tags.into_iter()
                    .map(|((a, b), n)| (format!("{a}->{b}"), n))
                    .collect::<Vec<_>>(),
            ),
            ("words", words.into_iter().collect()),
            (
                "labels gold->pred",
                labels
                    .into_iter()
                    .map(|((a, b), n)| (format!("{a}->{b}"), n))
                    .collect(),
            ),
        ] {
            let mut list = list;
            list.sort_by_key(|item| std::cmp::Reverse(item.1));
            let top: Vec<String> = list
                .iter()
                .take(25)
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            println!("{name}: {}", top.join(", "));
        }
        return;
    }
    if args[0] == "setbeam" {
        // `exp setbeam IN OUT WIDTH`: the parser model IN decoding with another beam width.
        let bytes = std::fs::read(&args[1]).unwrap();
        let mut parser = Parser::read(&mut bytes.as_slice()).unwrap();
        parser.set_beam(args[3].parse().unwrap());
        let mut out = Vec::new();
        parser.write(&mut out);
        std::fs::write(&args[2], &out).unwrap();
        return;
    }
    if args[0] == "prune-tagger" {
        let bytes = std::fs::read(&args[1]).unwrap();
        let mut tagger = Tagger::read(&mut bytes.as_slice()).unwrap();
        tagger.prune(args[3].parse().unwrap());
        let mut out = Vec::new();
        tagger.write(&mut out);
        std::fs::write(&args[2], &out).unwrap();
        eprintln!("{} -> {} bytes", bytes.len(), out.len());
        return;
    }
    if args[0] == "splitcv" {
        let data = Path::new(&args[1]);
        let epochs: usize = args[2].parse().unwrap();
        let margin: f32 = args[3].parse().unwrap();
        let ewt = conllu::parse(
            &std::fs::read_to_string(data.join("ud-english-ewt/en_ewt-ud-train.conllu")).unwrap(),
        )
        .unwrap();
        let all = train::training_sentences(data, true).unwrap();
        let gum = &all[ewt.len()..];
        let fold_of = |i: usize| i * 5 / ewt.len();
        // With tag groups in SPLIT_GROUPS the splitter sees tags. One jackknife over EWT train (its five CV folds)
        // and GUM (chunks of 200 sentences dealt into five folds): the tagger of fold g is
        // trained on the other folds; it tags fold g's training text, and the held-out fold's
        // text when g is the held-out fold, so no text is tagged by a tagger that saw it.
        let tagged = split_groups() & chronicle_nlp::splitter::groups::ANY_TAGS != 0;
        let folds: Vec<usize> = (0..ewt.len())
            .map(fold_of)
            .chain((0..gum.len()).map(|j| (j / 200) % 5))
            .collect();
        // SPLIT_ORACLE=1: the shipped tagger, trained on all of EWT train, tags every fold
        // (near-gold tags; an upper bound of what tags can give, not a fair score).
        let oracle = std::env::var("SPLIT_ORACLE").is_ok_and(|v| v == "1");
        let taggers: Vec<Tagger> = if tagged && oracle {
            let bytes = std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/tagger.bin"),
            )
            .unwrap();
            (0..5)
                .map(|_| Tagger::read(&mut bytes.as_slice()).unwrap())
                .collect()
        } else if tagged {
            cached_fold_taggers(&all, &folds, Path::new("/tmp/split-jk-cv"))
        } else {
            Vec::new()
        };
        let mut total = eval::F1::default();
        for f in 0..5 {
            let mut tr: Vec<conllu::Sentence> = ewt
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i) != f)
                .map(|(_, s)| s.clone())
                .collect();
            tr.extend_from_slice(gum);
            let tr_folds: Vec<usize> = folds
                .iter()
                .enumerate()
                .filter(|&(i, _)| i >= ewt.len() || fold_of(i) != f)
                .map(|(_, &g)| g)
                .collect();
            let held: Vec<conllu::Sentence> = ewt
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of(*i) == f)
                .map(|(_, s)| s.clone())
                .collect();
            let splitter = chronicle_nlp::splitter::Splitter::train_with(
                &tr,
                split_groups(),
                tagged.then_some((&taggers[..], &tr_folds[..])),
                epochs,
                std::env::var("SPLIT_SEED").map_or(1, |s| s.parse().unwrap()),
            )
            .with_add_margin(margin);
            let held_tagger = taggers.get(f);
            let (_, sent) =
                eval::segmentation_scores_by(&held, |text| splitter.segment(text, held_tagger).0);
            println!("fold {f}: {sent}");
            if std::env::var("SPLIT_DUMP").is_ok() {
                let raw = conllu::raw_text(&held);
                let (t, _) = splitter.segment(&raw.text, held_tagger);
                let gold_ends: std::collections::HashSet<usize> =
                    raw.sentences.iter().map(|s| s.end).collect();
                let pred_ends: std::collections::HashSet<usize> = t
                    .sentences
                    .iter()
                    .map(|s| t.tokens[s.end - 1].end)
                    .collect();
                for (k, tok) in t.tokens.iter().enumerate() {
                    let (g, p) = (gold_ends.contains(&tok.end), pred_ends.contains(&tok.end));
                    if g != p && k + 1 < t.tokens.len() {
                        let a = t.tokens[k.saturating_sub(5)].start;
                        let b = t.tokens[(k + 5).min(t.tokens.len() - 1)].end;
                        println!(
                            "{} {:?} | {:?}",
                            if g { "MISS" } else { "EXTRA" },
                            &raw.text[a..tok.end],
                            &raw.text[tok.end..b]
                        );
                    }
                }
            }
            total.gold += sent.gold;
            total.predicted += sent.predicted;
            total.matched += sent.matched;
        }
        println!("all folds: {total}");
        return;
    }
    if args[0] == "splitter" {
        let data = Path::new(&args[1]);
        let out = Path::new(&args[2]);
        std::fs::create_dir_all(out).unwrap();
        let sentences =
            train::training_sentences(data, args.get(4).is_none_or(|a| a == "gum")).unwrap();
        let epochs: usize = args[3].parse().unwrap();
        let seed = std::env::var("SPLIT_SEED").map_or(1, |s| s.parse().unwrap());
        // Tag groups in SPLIT_GROUPS: trained on jackknifed tags, scored with the shipped tagger.
        let tagged = split_groups() & chronicle_nlp::splitter::groups::ANY_TAGS != 0;
        let folds = chronicle_nlp::splitter::tag_folds(sentences.len());
        let taggers = if tagged {
            cached_fold_taggers(&sentences, &folds, Path::new("/tmp/split-jk-full"))
        } else {
            Vec::new()
        };
        let splitter = chronicle_nlp::splitter::Splitter::train_with(
            &sentences,
            split_groups(),
            tagged.then_some((&taggers[..], &folds[..])),
            epochs,
            seed,
        );
        let shipped_tagger = Tagger::read(
            &mut std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/tagger.bin"),
            )
            .unwrap()
            .as_slice(),
        )
        .unwrap();
        let mut bytes = Vec::new();
        splitter.write(&mut bytes);
        std::fs::write(out.join("splitter.bin"), &bytes).unwrap();
        // Margins to compare (the model's own when none is given).
        let margins: Vec<Option<f32>> = args.get(5).map_or(vec![None], |m| {
            m.split(',').map(|x| Some(x.parse().unwrap())).collect()
        });
        for set in [
            "ud-english-ewt/en_ewt-ud-dev.conllu",
            "/tmp/gum-dev.conllu",
            "ud-english-pud/en_pud-ud-test.conllu",
        ] {
            let gold = conllu::parse(&std::fs::read_to_string(data.join(set)).unwrap()).unwrap();
            for &m in &margins {
                let mut splitter =
                    chronicle_nlp::splitter::Splitter::read(&mut bytes.as_slice()).unwrap();
                if let Some(m) = m {
                    splitter = splitter.with_add_margin(m);
                }
                let (_, sent) = eval::segmentation_scores_by(&gold, |text| {
                    splitter.segment(text, Some(&shipped_tagger)).0
                });
                println!("{set} margin {m:?}: sentences {sent}");
            }
            let (_, rules) = eval::segmentation_scores(&gold);
            println!("{set} rules: sentences {rules}");
        }
        return;
    }
    let data = Path::new(&args[1]);
    let out = Path::new(&args[2]);
    std::fs::create_dir_all(out).unwrap();
    let epochs: usize = args[3].parse().unwrap();
    let sentences = train::training_sentences(data, true).unwrap();
    let mut log = |m: String| eprintln!("{m}");
    let start = Instant::now();
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models");
    match args[0].as_str() {
        "tagger" | "tagger2" => {
            let tagger = if args[0] == "tagger2" {
                Tagger::train_two_pass(&sentences, epochs, 5, 1, &mut log)
            } else {
                Tagger::train(&sentences, epochs, 1, &mut log)
            };
            let mut bytes = Vec::new();
            tagger.write(&mut bytes);
            std::fs::write(out.join("tagger.bin"), &bytes).unwrap();
            eprintln!("tagger {} bytes", bytes.len());
        }
        "parser" | "parser-beam" => {
            let cache = Path::new(&args[4]);
            let tags: Vec<Vec<String>> = if cache.exists() {
                std::fs::read_to_string(cache)
                    .unwrap()
                    .lines()
                    .map(|l| l.split(' ').map(String::from).collect())
                    .collect()
            } else {
                let options = train::TrainOptions {
                    data: data.into(),
                    out: out.into(),
                    seed: 1,
                    tagger_epochs: 8,
                    parser_epochs: epochs,
                    folds: 5,
                    use_gum: true,
                    skip_parser: false,
                    two_pass_tagger: false,
                    parser_prune: 1.0,
                };
                let tags = train::jackknifed_tags(&sentences, &options, &mut log);
                let text: Vec<String> = tags.iter().map(|t| t.join(" ")).collect();
                std::fs::write(cache, text.join("\n")).unwrap();
                tags
            };
            let prune: f32 = args.get(5).map_or(1.0, |a| a.parse().unwrap());
            let mut parser = if args[0] == "parser-beam" {
                let width: usize = args.get(6).map_or(8, |a| a.parse().unwrap());
                // BEAM_ONE_LABEL=1: only the best label per arc direction competes for the beam.
                let one_label = std::env::var("BEAM_ONE_LABEL").is_ok_and(|v| v == "1");
                Parser::train_beam(&sentences, &tags, epochs, width, one_label, 1, &mut log)
            } else {
                Parser::train(&sentences, &tags, epochs, 1, &mut log)
            };
            parser.prune(prune);
            let mut bytes = Vec::new();
            parser.write(&mut bytes);
            std::fs::write(out.join("parser.bin"), &bytes).unwrap();
            eprintln!("parser {} bytes", bytes.len());
        }
        other => panic!("unknown experiment {other}"),
    }
    eprintln!("trained in {:?}", start.elapsed());
    for name in ["tagger.bin", "lemmatizer.bin", "parser.bin"] {
        if !out.join(name).exists() {
            std::fs::copy(models.join(name), out.join(name)).unwrap();
        }
    }
    let dev = data.join("ud-english-ewt/en_ewt-ud-dev.conllu");
    let gold = conllu::parse(&std::fs::read_to_string(dev).unwrap()).unwrap();
    let analyzer = Analyzer::from_dir(out).unwrap();
    let predicted = analyzer.annotate_conllu(&gold);
    println!(
        "{} dev: {}",
        out.display(),
        eval::tagging_scores(&gold, &predicted)
    );
}

/// The splitter's optional feature groups (`SPLIT_GROUPS`, bits of
/// `chronicle_nlp::splitter::groups`; none by default, as shipped).
fn split_groups() -> u32 {
    std::env::var("SPLIT_GROUPS").map_or(0, |v| v.parse().unwrap())
}

/// The splitter's fold taggers ([`chronicle_nlp::splitter::fold_taggers`], 8 epochs, seed 1),
/// read from `dir` when an earlier run left them there.
fn cached_fold_taggers(sentences: &[conllu::Sentence], folds: &[usize], dir: &Path) -> Vec<Tagger> {
    let n = folds.iter().max().map_or(0, |&f| f + 1);
    let paths: Vec<_> = (0..n)
        .map(|f| dir.join(format!("tagger-{f}.bin")))
        .collect();
    if paths.iter().all(|p| p.exists()) {
        return paths
            .iter()
            .map(|p| Tagger::read(&mut std::fs::read(p).unwrap().as_slice()).unwrap())
            .collect();
    }
    let taggers =
        chronicle_nlp::splitter::fold_taggers(sentences, folds, 8, 1, &mut |m| eprintln!("{m}"));
    std::fs::create_dir_all(dir).unwrap();
    for (t, p) in taggers.iter().zip(&paths) {
        let mut bytes = Vec::new();
        t.write(&mut bytes);
        std::fs::write(p, bytes).unwrap();
    }
    taggers
}

/// Prints the gold sentences the tokenizer did not find, with the predicted ones overlapping them.
fn segment_errors(gold: &Path, models: Option<&Path>) {
    let gold = conllu::parse(&std::fs::read_to_string(gold).unwrap()).unwrap();
    let raw = conllu::raw_text(&gold);
    let t = match models {
        Some(dir) => Analyzer::from_dir(dir).unwrap().segment(&raw.text),
        None => chronicle_nlp::tokenize::tokenize(&raw.text),
    };
    let predicted: Vec<std::ops::Range<usize>> = t
        .sentences
        .iter()
        .map(|s| t.tokens[s.start].start..t.tokens[s.end - 1].end)
        .collect();
    for g in &raw.sentences {
        if predicted.contains(g) {
            continue;
        }
        println!("GOLD {:?}", &raw.text[g.clone()]);
        for p in predicted
            .iter()
            .filter(|p| p.start < g.end && g.start < p.end)
        {
            println!("  PRED {:?}", &raw.text[p.clone()]);
        }
    }
}

/// Prints every gap where the predicted and gold sentence boundaries differ, with context, and
/// counts of the token before each missed or extra boundary.
fn gap_errors(gold: &Path, models: &Path) {
    let gold = conllu::parse(&std::fs::read_to_string(gold).unwrap()).unwrap();
    let raw = conllu::raw_text(&gold);
    let t = Analyzer::from_dir(models).unwrap().segment(&raw.text);
    let gold_ends: std::collections::HashSet<usize> = raw.sentences.iter().map(|s| s.end).collect();
    let pred_ends: std::collections::HashSet<usize> = t
        .sentences
        .iter()
        .map(|s| t.tokens[s.end - 1].end)
        .collect();
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for (k, tok) in t.tokens.iter().enumerate() {
        let (g, p) = (gold_ends.contains(&tok.end), pred_ends.contains(&tok.end));
        if g == p {
            continue;
        }
        let kind = if g { "MISS" } else { "EXTRA" };
        let before = &raw.text[t.tokens[k.saturating_sub(6)].start..tok.end];
        let after_end = t.tokens[(k + 6).min(t.tokens.len() - 1)].end;
        let after = &raw.text[tok.end..after_end];
        println!("{kind} {before:?} | {after:?}");
        let cur = &raw.text[tok.clone()];
        let class = if cur.chars().all(|c| c.is_alphanumeric()) {
            "word".to_string()
        } else {
            cur.to_string()
        };
        *counts.entry(format!("{kind} {class}")).or_default() += 1;
    }
    let mut list: Vec<_> = counts.into_iter().collect();
    list.sort_by_key(|item| std::cmp::Reverse(item.1));
    for (k, n) in list.iter().take(30) {
        println!("COUNT {n} {k}");
    }
}

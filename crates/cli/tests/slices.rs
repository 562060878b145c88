//! A fast slice of every evaluation, with floors: each `chronicle eval ...` command runs on a
//! small, fixed part of its gold set in `../shared/data`, its figures are read from its printed
//! table, and each must stay at or above its floor in `tests/floors/slices.json`. A change that
//! lowers quality, or a change of a table's layout that hides a figure, fails here.
//!
//! The gold sets are not in the repository (several may not be redistributed), so each slice is
//! skipped with a note when its data is absent, as on a fresh machine without `../shared`.
//! Print the figures with `cargo test --release -p chronicle --test slices -- --nocapture`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// Where to read one figure in a command's output: the first line that starts (after leading
/// spaces) with `line`, then either the word after the word `after`, or the `nth` word.
enum At {
    After(&'static str, &'static str),
    Nth(&'static str, usize),
}

fn read_figure(out: &str, at: &At) -> Option<f64> {
    let start = match *at {
        At::After(line, _) | At::Nth(line, _) => line,
    };
    let line = out.lines().find(|l| l.trim_start().starts_with(start))?;
    let words: Vec<&str> = line.split_whitespace().collect();
    let word = match *at {
        At::After(_, label) => words.get(words.iter().position(|x| *x == label)? + 1)?,
        At::Nth(_, n) => words.get(n)?,
    };
    word.trim_end_matches([',', ';', '%']).parse().ok()
}

struct Slice {
    name: &'static str,
    /// The arguments after `chronicle`, once the slice's input is prepared; `None` skips it.
    args: Option<Vec<String>>,
    figures: Vec<(&'static str, At)>,
}

fn copy_first(from: &Path, to: &Path, keep: impl Fn(usize, &str) -> bool) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    let mut names: Vec<String> = std::fs::read_dir(from)?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    for (i, n) in names.iter().enumerate() {
        if keep(i, n) {
            std::fs::copy(from.join(n), to.join(n))?;
        }
    }
    Ok(())
}

/// The first `n` blank-line-separated blocks (sentences) of a CoNLL-U or IOB2 file.
fn first_blocks(from: &Path, to: &Path, n: usize) -> std::io::Result<()> {
    let text = std::fs::read_to_string(from)?;
    let blocks: Vec<&str> = text
        .split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .collect();
    let mut out = blocks[..n.min(blocks.len())].join("\n\n");
    out.push_str("\n\n");
    std::fs::write(to, out)
}

fn slices(data: &Path, tmp: &Path) -> std::io::Result<Vec<Slice>> {
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let mut all = Vec::new();

    // UD English EWT dev, first 300 sentences: tags and parse on gold tokens, and segmentation.
    let ewt = data.join("ud-english-ewt/en_ewt-ud-dev.conllu");
    let args = if ewt.is_file() {
        let f = tmp.join("ewt-dev-300.conllu");
        first_blocks(&ewt, &f, 300)?;
        Some(vec!["eval".into(), "conllu".into(), s(&f)])
    } else {
        None
    };
    all.push(Slice {
        name: "ewt_dev_300",
        args,
        figures: vec![
            ("upos", At::After("on gold tokens", "UPOS")),
            ("uas", At::After("on gold tokens", "UAS")),
            ("las", At::After("on gold tokens", "LAS")),
            ("token_f1", At::After("from raw text", "F1")),
            ("sentence_f1", At::After("sentences", "F1")),
        ],
    });

    // UNER English EWT test, first 400 sentences (the name tagger trains on dev, not on test).
    let uner = data.join("uner-english");
    let args = if uner.join("en_ewt-ud-test.iob2").is_file() {
        let d = tmp.join("uner");
        std::fs::create_dir_all(&d)?;
        std::fs::copy(
            uner.join("en_ewt-ud-dev.iob2"),
            d.join("en_ewt-ud-dev.iob2"),
        )?;
        first_blocks(
            &uner.join("en_ewt-ud-test.iob2"),
            &d.join("en_ewt-ud-test.iob2"),
            400,
        )?;
        Some(vec!["eval".into(), "uner".into(), "--data".into(), s(&d)])
    } else {
        None
    };
    all.push(Slice {
        name: "uner_test_400",
        args,
        figures: vec![
            ("tagger_f1", At::After("name tagger alone", "F1")),
            ("entities_f1", At::After("chronicle entities", "F1")),
        ],
    });

    // PolNeAR dev, first 12 documents.
    let polnear = data.join("polnear");
    let verbs = data.join("ggt-quote-rules/nlp/english/rules/quote_verb_list.txt");
    let args = (polnear.join("data/dev/text").is_dir() && verbs.is_file()).then(|| {
        vec![
            "eval".into(),
            "polnear".into(),
            "--data".into(),
            s(&polnear),
            "--verbs".into(),
            s(&verbs),
            "--limit".into(),
            "12".into(),
        ]
    });
    all.push(Slice {
        name: "polnear_dev_12",
        args,
        figures: vec![
            ("content_f1", At::After("content (", "F1")),
            ("source_f1", At::After("content + source", "F1")),
        ],
    });

    // TempEval-3 TBAQ, the first 24 TimeML files (AQUAINT and TimeBank both come later in
    // name order, so take every tenth file for a mix of both).
    let tbaq = data.join("tempeval3/TBAQ-cleaned");
    let args = if tbaq.is_dir() {
        let d = tmp.join("tbaq");
        std::fs::create_dir_all(&d)?;
        for sub in std::fs::read_dir(&tbaq)? {
            let sub = sub?.path();
            if sub.is_dir() {
                copy_first(&sub, &d, |i, n| i % 10 == 0 && n.ends_with(".tml"))?;
            }
        }
        Some(vec![
            "eval".into(),
            "tempeval".into(),
            "--data".into(),
            s(&d),
        ])
    } else {
        None
    };
    all.push(Slice {
        name: "tbaq_tenth",
        args,
        figures: vec![
            ("extent_strict_f1", At::Nth("extent strict", 4)),
            ("extent_relaxed_f1", At::Nth("extent relaxed", 4)),
            ("value_f1", At::Nth("value ", 3)),
        ],
    });

    // MEANTIME English, all 120 documents (under a second).
    let meantime = data.join("meantime");
    let args = meantime.is_dir().then(|| {
        vec![
            "eval".into(),
            "meantime".into(),
            "--data".into(),
            s(&meantime),
        ]
    });
    all.push(Slice {
        name: "meantime",
        args,
        figures: vec![
            (
                "entities_relaxed_typed_f1",
                At::Nth("entities, relaxed, typed", 7),
            ),
            (
                "timex_extent_relaxed_f1",
                At::Nth("timexes, extent relaxed", 7),
            ),
            ("timex_value_f1", At::Nth("timexes, value", 6)),
        ],
    });

    // MEANTIME cross-document entities, all 120 documents (under two seconds).
    let args = meantime.is_dir().then(|| {
        vec![
            "eval".into(),
            "meantime".into(),
            "--cross-document".into(),
            "--data".into(),
            s(&meantime),
        ]
    });
    all.push(Slice {
        name: "meantime_cross",
        args,
        figures: vec![("pairs_f1", At::Nth("chronicle entities", 7))],
    });

    // WCXB dev, every tenth page (150 pages of every type).
    let wcxb = data.join("wcxb/dev");
    let args = if wcxb.join("html").is_dir() {
        let d = tmp.join("wcxb");
        copy_first(&wcxb.join("html"), &d.join("dev/html"), |i, _| i % 10 == 0)?;
        copy_first(
            &wcxb.join("ground-truth"),
            &d.join("dev/ground-truth"),
            |i, _| i % 10 == 0,
        )?;
        Some(vec!["eval".into(), "wcxb".into(), "--data".into(), s(&d)])
    } else {
        None
    };
    all.push(Slice {
        name: "wcxb_dev_tenth",
        args,
        figures: vec![
            ("all_f1", At::Nth("all ", 4)),
            ("article_f1", At::Nth("article ", 4)),
            ("date_accuracy", At::Nth("all ", 6)),
        ],
    });

    // PLOVER gold records: every record is read; typed recall of the events, and with the
    // source actor, over all 320 records (chronicle covers 10 of the 18 types).
    let plover = data.join("plover");
    let args = plover
        .is_dir()
        .then(|| vec!["eval".into(), "plover".into(), "--data".into(), s(&plover)]);
    all.push(Slice {
        name: "plover",
        args,
        figures: vec![
            ("records_read", At::Nth("all ", 1)),
            ("typed_recall", At::Nth("all ", 2)),
            ("source_recall", At::Nth("all ", 3)),
        ],
    });
    Ok(all)
}

#[test]
fn evaluation_slices_stay_above_their_floors() {
    let data = shared_data();
    if !data.is_dir() {
        eprintln!("skipped: {} is absent", data.display());
        return;
    }
    let floors_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/floors/slices.json");
    let floors: BTreeMap<String, BTreeMap<String, f64>> =
        serde_json::from_str(&std::fs::read_to_string(&floors_path).unwrap()).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for slice in slices(&data, tmp.path()).unwrap() {
        let Some(args) = slice.args else {
            eprintln!("{}: skipped, its data is absent", slice.name);
            continue;
        };
        let out = Command::new(env!("CARGO_BIN_EXE_chronicle"))
            .args(&args)
            .env_remove("CHRONICLE_DATA")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            failures.push(format!(
                "{}: `chronicle {}` failed: {}",
                slice.name,
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let want = floors.get(slice.name);
        for (key, at) in &slice.figures {
            let Some(got) = read_figure(&text, at) else {
                failures.push(format!(
                    "{}.{key}: not found in the output:\n{text}",
                    slice.name
                ));
                continue;
            };
            let floor = want.and_then(|w| w.get(*key)).copied();
            eprintln!("{}.{key} = {got} (floor {floor:?})", slice.name);
            match floor {
                Some(f) if got + 1e-9 < f => {
                    failures.push(format!("{}.{key} = {got}, below its floor {f}", slice.name))
                }
                Some(_) => {}
                None => failures.push(format!("{}.{key} = {got} has no floor", slice.name)),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

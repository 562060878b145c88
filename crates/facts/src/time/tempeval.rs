//! TempEval-3 evaluation of the timex extractor on TimeML files (TBAQ-cleaned): extent
//! precision, recall and F1 (strict and relaxed), value and type accuracy and F1, as the
//! TempEval-3 task defines them.

use std::path::{Path, PathBuf};

/// One gold TIMEX3 of a TimeML document, with byte offsets into the tag-free text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldTimex {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// A TimeML document: its creation time, its text without tags, and its gold timexes.
#[derive(Clone, Debug)]
pub struct TimeMlDoc {
    pub name: String,
    pub dct: Option<String>,
    pub text: String,
    pub timexes: Vec<GoldTimex>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].to_string())
}

fn unescape_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let (rep, len) = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ]
        .iter()
        .find(|(e, _)| rest.starts_with(e))
        .map_or(('&', 1), |(e, c)| (*c, e.len()));
        out.push(rep);
        rest = &rest[len..];
    }
    out.push_str(rest);
}

/// Parses a TimeML document; `None` when it has no `<TEXT>` element.
pub fn parse_timeml(name: &str, xml: &str) -> Option<TimeMlDoc> {
    let dct = xml.find("<DCT>").and_then(|p| {
        let tag_end = xml[p..].find('>').map(|e| p + e)?;
        let inner = &xml[tag_end..];
        let t = inner.find("<TIMEX3")?;
        let close = inner[t..].find('>')? + t;
        attr(&inner[t..close], "value")
    });
    let body_start = xml.find("<TEXT>")? + "<TEXT>".len();
    let body_end = xml[body_start..]
        .find("</TEXT>")
        .map_or(xml.len(), |e| body_start + e);
    let body = &xml[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        unescape_into(&mut text, &rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt..lt + gt + 1];
        if tag.starts_with("<TIMEX3") {
            let kind = attr(tag, "type").unwrap_or_default();
            let value = attr(tag, "value").unwrap_or_default();
            open = Some((text.len(), kind, value));
        } else if tag.starts_with("</TIMEX3") {
            if let Some((start, kind, value)) = open.take() {
                timexes.push(GoldTimex {
                    start,
                    end: text.len(),
                    kind,
                    value,
                });
            }
        }
        rest = &rest[lt + gt + 1..];
    }
    unescape_into(&mut text, rest);
    Some(TimeMlDoc {
        name: name.to_string(),
        dct,
        text,
        timexes,
    })
}

/// Counts behind the TempEval-3 timex scores.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub docs: usize,
    pub unreadable: Vec<String>,
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub value_correct: usize,
    pub type_correct: usize,
    /// Wrong values on relaxed matches: (doc, text, gold, predicted).
    pub value_errors: Vec<(String, String, String, String)>,
    /// Right values on relaxed matches: (doc, gold text, value).
    pub value_right: Vec<(String, String, String)>,
    /// Gold timexes not found: (doc, text, gold value).
    pub missed: Vec<(String, String, String)>,
    /// Predicted timexes with no gold overlap: (doc, text, predicted value).
    pub spurious: Vec<(String, String, String)>,
    /// Relaxed but not strict matches: (doc, gold text, predicted text).
    pub boundary_errors: Vec<(String, String, String)>,
    pub bytes: usize,
    /// Seconds spent in language analysis (with an analyzer) and in timex extraction.
    pub analyze_secs: f64,
    pub extract_secs: f64,
}

/// Precision, recall and F1 from true positives on each side.
pub fn prf(tp: usize, system: usize, gold: usize) -> (f64, f64, f64) {
    let p = if system == 0 {
        0.0
    } else {
        tp as f64 / system as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl Scores {
    pub fn strict_prf(&self) -> (f64, f64, f64) {
        prf(self.strict, self.system, self.gold)
    }
    pub fn relaxed_prf(&self) -> (f64, f64, f64) {
        prf(self.relaxed, self.system, self.gold)
    }
    /// TempEval-3 attribute F1: relaxed F1 times attribute accuracy, i.e. correct values over
    /// system and gold counts.
    pub fn value_prf(&self) -> (f64, f64, f64) {
        prf(self.value_correct, self.system, self.gold)
    }
    pub fn type_prf(&self) -> (f64, f64, f64) {
        prf(self.type_correct, self.system, self.gold)
    }
    pub fn value_accuracy(&self) -> f64 {
        if self.relaxed == 0 {
            0.0
        } else {
            self.value_correct as f64 / self.relaxed as f64
        }
    }
}

/// All `.tml` files under `dir`, sorted.
pub fn timeml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "tml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Scores one document into `scores`.
pub fn score_doc(doc: &TimeMlDoc, scores: &mut Scores) {
    score_doc_with(doc, None, scores);
}

/// Scores one document into `scores`, analysing its text with `analyzer` first when given.
pub fn score_doc_with(
    doc: &TimeMlDoc,
    analyzer: Option<&chronicle_nlp::Analyzer>,
    scores: &mut Scores,
) {
    let t0 = std::time::Instant::now();
    let analysis = analyzer.map(|a| a.analyze(&doc.text));
    let t1 = std::time::Instant::now();
    let pred = super::extract_timexes_with(&doc.text, doc.dct.as_deref(), analysis.as_ref());
    scores.analyze_secs += (t1 - t0).as_secs_f64();
    scores.extract_secs += t1.elapsed().as_secs_f64();
    scores.docs += 1;
    scores.bytes += doc.text.len();
    scores.gold += doc.timexes.len();
    scores.system += pred.len();
    let mut used = vec![false; pred.len()];
    for g in &doc.timexes {
        // Relaxed: any overlap; prefer the exact span when there is one.
        let mut best: Option<usize> = None;
        for (k, p) in pred.iter().enumerate() {
            if used[k] || p.range.end <= g.start || p.range.start >= g.end {
                continue;
            }
            let exact = p.range.start == g.start && p.range.end == g.end;
            if best.is_none() || exact {
                best = Some(k);
            }
            if exact {
                break;
            }
        }
        let gold_text = doc.text.get(g.start..g.end).unwrap_or("").to_string();
        // Errors name the document and the byte offset of the expression in its text.
        let at = format!("{}:{}", doc.name, g.start);
        let Some(k) = best else {
            scores.missed.push((at, gold_text, g.value.clone()));
            continue;
        };
        used[k] = true;
        let p = &pred[k];
        scores.relaxed += 1;
        if p.range.start == g.start && p.range.end == g.end {
            scores.strict += 1;
        } else {
            let t = doc.text.get(p.range.clone()).unwrap_or("").to_string();
            scores
                .boundary_errors
                .push((at.clone(), gold_text.clone(), t));
        }
        if p.kind == g.kind {
            scores.type_correct += 1;
        }
        let pv = p.value.clone().unwrap_or_default();
        if pv == g.value {
            scores.value_correct += 1;
            scores.value_right.push((at, gold_text, pv));
        } else {
            scores
                .value_errors
                .push((at, gold_text, g.value.clone(), pv));
        }
    }
    for (k, p) in pred.iter().enumerate() {
        if !used[k] {
            let t = doc.text.get(p.range.clone()).unwrap_or("").to_string();
            scores.spurious.push((
                format!("{}:{}", doc.name, p.range.start),
                t,
                p.value.clone().unwrap_or_default(),
            ));
        }
    }
}

/// Publication-date inference on every TimeML file under `dir` with its creation time hidden:
/// the text alone is read, the DCT is the truth. `each` sees the file, truth and guess.
pub fn evaluate_inference(
    dir: &Path,
    mut each: impl FnMut(&Path, &str, Option<&super::InferredDate>),
) -> super::infer::InferenceScore {
    let mut score = super::infer::InferenceScore::default();
    for path in timeml_files(dir) {
        let Some(doc) = std::fs::read_to_string(&path)
            .ok()
            .and_then(|x| parse_timeml("", &x))
        else {
            continue;
        };
        let Some(dct) = doc.dct.as_deref().filter(|d| d.len() >= 10) else {
            continue;
        };
        let got = score.add(&doc.text, dct);
        each(&path, dct, got.as_ref());
    }
    score
}

/// Evaluates every TimeML file under `dir`.
pub fn evaluate(dir: &Path) -> Scores {
    evaluate_with(dir, None)
}

/// Evaluates every TimeML file under `dir`, giving the extractor the analysis of each text
/// by `analyzer` when there is one.
pub fn evaluate_with(dir: &Path, analyzer: Option<&chronicle_nlp::Analyzer>) -> Scores {
    let mut scores = Scores::default();
    for path in timeml_files(dir) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match std::fs::read_to_string(&path)
            .ok()
            .and_then(|x| parse_timeml(&name, &x))
        {
            Some(doc) => score_doc_with(&doc, analyzer, &mut scores),
            None => scores.unreadable.push(path.display().to_string()),
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_timeml() {
        let xml = r#"<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08">19980108</TIMEX3></DCT>
<TEXT>A &amp; B <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>.</TEXT>"#;
        let doc = parse_timeml("x", xml).unwrap();
        assert_eq!(doc.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(doc.text, "A & B fell yesterday.");
        let t = &doc.timexes[0];
        assert_eq!(&doc.text[t.start..t.end], "yesterday");
        let mut s = Scores::default();
        score_doc(&doc, &mut s);
        assert_eq!((s.gold, s.strict, s.value_correct), (1, 1, 1));
    }
}

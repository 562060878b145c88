//! The seed-gold scorer: a port of `../shared/eval/score.py` (same rules, same numbers).
//!
//! Predictions and gold are JSON values in the format of `../shared/eval/FORMAT.md`.

use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;

const NAMED_TYPES: [&str; 5] = ["PERSON", "ORG", "GPE", "LOC", "NORP"];
const QUOTE_CHARS: &str = "\"'“”‘’«»„‟‹›`";

/// NFKC, case-folded, typographic quotes made plain, white space collapsed, edges stripped.
pub fn norm(s: &str) -> String {
    let folded: String = s.nfkc().collect::<String>().to_lowercase();
    let plain = folded.replace(['’', '‘'], "'").replace(['“', '”'], "\"");
    let collapsed = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let strip = |c: char| " \t\n.,;:".contains(c) || QUOTE_CHARS.contains(c);
    collapsed.trim_matches(strip).to_string()
}

/// Word tokens of the normalised string (Python's `\w+`).
pub fn toks(s: &str) -> Vec<String> {
    norm(s)
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

fn name_keys(s: &str) -> Vec<String> {
    let mut n = norm(s);
    if let Some(stripped) = n.strip_suffix("'s") {
        n = stripped.to_string();
    }
    let mut keys = vec![n.clone()];
    if let Some(rest) = n.strip_prefix("the ") {
        keys.push(rest.to_string());
    }
    keys.retain(|k| !k.is_empty());
    keys.dedup();
    keys
}

fn counts(tokens: Vec<String>) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for t in tokens {
        *m.entry(t).or_insert(0) += 1;
    }
    m
}

fn intersection(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> usize {
    a.iter()
        .map(|(k, n)| (*n).min(*b.get(k).unwrap_or(&0)))
        .sum()
}

/// Multiset token overlap: (overlap / |a|, overlap / |b|).
pub fn overlap(a: &str, b: &str) -> (f64, f64) {
    let (ta, tb) = (counts(toks(a)), counts(toks(b)));
    let (na, nb): (usize, usize) = (ta.values().sum(), tb.values().sum());
    if na == 0 || nb == 0 {
        return (0.0, 0.0);
    }
    let o = intersection(&ta, &tb) as f64;
    (o / na as f64, o / nb as f64)
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Maps a predicted name to a gold entity id of one document.
struct Resolver {
    by_key: Vec<(String, String)>,
    key_index: HashMap<String, String>,
    last: HashMap<String, String>,
}

impl Resolver {
    fn new(gold_entities: &[Value]) -> Resolver {
        let mut r = Resolver {
            by_key: Vec::new(),
            key_index: HashMap::new(),
            last: HashMap::new(),
        };
        for e in gold_entities {
            let id = str_of(e, "id").to_string();
            let mut forms = vec![str_of(e, "name").to_string()];
            forms.extend(
                list(e, "mentions")
                    .iter()
                    .filter_map(|m| m.as_str().map(String::from)),
            );
            for f in forms {
                for k in name_keys(&f) {
                    if !r.key_index.contains_key(&k) {
                        r.key_index.insert(k.clone(), id.clone());
                        r.by_key.push((k, id.clone()));
                    }
                }
            }
            if str_of(e, "type") == "PERSON" {
                if let Some(last) = toks(str_of(e, "name")).pop() {
                    r.last.entry(last).or_insert(id);
                }
            }
        }
        r
    }

    fn resolve(&self, v: Option<&Value>) -> Option<String> {
        let s = match v? {
            Value::String(s) => s.clone(),
            Value::Object(o) => o
                .get("name")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .or_else(|| o.get("text").and_then(Value::as_str))
                .unwrap_or("")
                .to_string(),
            _ => return None,
        };
        if s.is_empty() {
            return None;
        }
        for k in name_keys(&s) {
            if let Some(id) = self.key_index.get(&k) {
                return Some(id.clone());
            }
        }
        let t = toks(&s);
        if let Some(id) = t.last().and_then(|l| self.last.get(l)) {
            return Some(id.clone());
        }
        if t.len() >= 2 {
            let needle = format!(" {} ", t.join(" "));
            let hits: HashSet<&String> = self
                .by_key
                .iter()
                .filter(|(key, _)| format!(" {} ", toks(key).join(" ")).contains(&needle))
                .map(|(_, id)| id)
                .collect();
            if hits.len() == 1 {
                return hits.into_iter().next().cloned();
            }
        }
        None
    }
}

/// One-to-one matching, best score first; ties broken as Python's reverse tuple sort does.
fn greedy_match(
    n_gold: usize,
    n_pred: usize,
    score: impl Fn(usize, usize) -> Option<f64>,
) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for gi in 0..n_gold {
        for pi in 0..n_pred {
            if let Some(s) = score(gi, pi) {
                cands.push((s, gi, pi));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
    let (mut used_g, mut used_p, mut pairs) = (HashSet::new(), HashSet::new(), Vec::new());
    for (_, gi, pi) in cands {
        if used_g.contains(&gi) || used_p.contains(&pi) {
            continue;
        }
        used_g.insert(gi);
        used_p.insert(pi);
        pairs.push((gi, pi));
    }
    pairs
}

fn body_gold(text: &str, body: &Value) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let noise: HashSet<i64> = list(body, "noise_lines")
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    let start = body.get("start_line").and_then(Value::as_i64).unwrap_or(1);
    let end = body.get("end_line").and_then(Value::as_i64).unwrap_or(0);
    (start..=end)
        .filter(|i| !noise.contains(i) && ((*i - 1) as usize) < lines.len())
        .map(|i| lines[(i - 1) as usize])
        .collect::<Vec<_>>()
        .join("\n")
}

fn num_set(c: &Value) -> Vec<f64> {
    let mut v: Vec<f64> = ["value", "low", "high"]
        .iter()
        .filter_map(|k| c.get(*k).and_then(Value::as_f64))
        .collect();
    v.sort_by(f64::total_cmp);
    v
}

fn same_numbers(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= f64::max(1e-9, 0.01 * x.abs()))
}

fn opt_str(v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Null) | None => None,
        Some(Value::String(_)) => None,
        Some(other) => Some(other.to_string()),
    }
}

fn mention_texts(e: &Value) -> Vec<String> {
    let mut out: Vec<String> = list(e, "mentions")
        .iter()
        .map(|m| match m {
            Value::String(s) => s.clone(),
            Value::Object(o) => o
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            _ => String::new(),
        })
        .collect();
    if !str_of(e, "name").is_empty() {
        out.push(str_of(e, "name").to_string());
    }
    out.retain(|m| !m.is_empty());
    out
}

/// Counts of one or more documents, summed.
#[derive(Debug, Default, Clone)]
pub struct Counts(BTreeMap<&'static str, usize>);

impl Counts {
    fn add(&mut self, k: &'static str, n: usize) {
        *self.0.entry(k).or_insert(0) += n;
    }
    fn get(&self, k: &str) -> usize {
        *self.0.get(k).unwrap_or(&0)
    }
    /// Adds another document's counts.
    pub fn merge(&mut self, other: &Counts) {
        for (k, v) in &other.0 {
            self.add(k, *v);
        }
    }
}

/// Scores one document; `log` receives the misses, extras and wrong values (as `-v` prints).
pub fn score_doc(gold: &Value, pred: &Value, text: &str, log: &mut Vec<String>) -> Counts {
    let res = Resolver::new(list(gold, "entities"));
    let mut c = Counts::default();
    if let Some(body) = pred.get("body").and_then(Value::as_str) {
        let g = counts(toks(&body_gold(
            text,
            gold.get("body").unwrap_or(&Value::Null),
        )));
        let p = counts(toks(body));
        c.add("body_tp", intersection(&g, &p));
        c.add("body_pred", p.values().sum());
        c.add("body_gold", g.values().sum());
    }

    let gold_entities = list(gold, "entities");
    let gold_type: HashMap<String, String> = gold_entities
        .iter()
        .map(|e| (str_of(e, "id").to_string(), str_of(e, "type").to_string()))
        .collect();
    let named: Vec<&Value> = gold_entities
        .iter()
        .filter(|e| {
            NAMED_TYPES.contains(&str_of(e, "type")) && {
                let mut forms = vec![str_of(e, "name")];
                forms.extend(list(e, "mentions").iter().filter_map(Value::as_str));
                forms.iter().any(|m| {
                    m.chars().next().is_some_and(char::is_uppercase)
                        && !m.to_lowercase().starts_with("the ")
                })
            }
        })
        .collect();
    let named_ids: HashSet<&str> = named.iter().map(|e| str_of(e, "id")).collect();
    let pred_ents: Vec<&Value> = list(pred, "entities")
        .iter()
        .filter(|e| NAMED_TYPES.contains(&str_of(e, "type")))
        .collect();
    let (mut hit_gold, mut type_ok, mut pred_hits) = (HashSet::new(), 0, 0);
    for e in &pred_ents {
        let gid = mention_texts(e)
            .iter()
            .find_map(|m| res.resolve(Some(&Value::String(m.clone()))));
        match gid {
            Some(gid) => {
                pred_hits += 1;
                if !hit_gold.contains(&gid) && named_ids.contains(gid.as_str()) {
                    if gold_type.get(&gid).map(String::as_str) == Some(str_of(e, "type")) {
                        type_ok += 1;
                    }
                    hit_gold.insert(gid);
                }
            }
            None => log.push(format!(
                "  entity extra: {:?} {}",
                str_of(e, "name"),
                str_of(e, "type")
            )),
        }
    }
    for e in &named {
        if !hit_gold.contains(str_of(e, "id")) {
            log.push(format!(
                "  entity missed: {:?} {}",
                str_of(e, "name"),
                str_of(e, "type")
            ));
        }
    }
    c.add("ent_pred", pred_ents.len());
    c.add("ent_pred_tp", pred_hits);
    c.add("ent_gold", named.len());
    c.add("ent_gold_tp", hit_gold.len());
    c.add("ent_type_ok", type_ok);

    // Quotations.
    let (gq, pq) = (list(gold, "quotes"), list(pred, "quotes"));
    let pairs = greedy_match(gq.len(), pq.len(), |gi, pi| {
        let (a, b) = overlap(str_of(&gq[gi], "text"), str_of(&pq[pi], "text"));
        (a >= 0.5 && b >= 0.5).then_some(a + b)
    });
    let mut spk = 0;
    for &(gi, pi) in &pairs {
        if res.resolve(pq[pi].get("speaker")).as_deref() == Some(str_of(&gq[gi], "speaker")) {
            spk += 1;
        } else {
            let text: String = str_of(&gq[gi], "text").chars().take(50).collect();
            log.push(format!(
                "  quote speaker wrong: {text:?} gold={} pred={:?}",
                str_of(&gq[gi], "speaker"),
                opt_str(pq[pi].get("speaker"))
            ));
        }
    }
    unmatched(&pairs, gq.len(), |gi| {
        let text: String = str_of(&gq[gi], "text").chars().take(60).collect();
        log.push(format!(
            "  quote missed: {}: {text:?}",
            str_of(&gq[gi], "speaker")
        ));
    });
    for pi in (0..pq.len()).filter(|pi| !pairs.iter().any(|p| p.1 == *pi)) {
        let text: String = str_of(&pq[pi], "text").chars().take(60).collect();
        log.push(format!(
            "  quote extra: {:?}: {text:?}",
            opt_str(pq[pi].get("speaker"))
        ));
    }
    c.add("q_gold", gq.len());
    c.add("q_pred", pq.len());
    c.add("q_tp", pairs.len());
    c.add("q_spk", spk);

    // Temporal expressions: by text, then the value as a string.
    let (gt, pt) = (list(gold, "timexes"), list(pred, "timexes"));
    let pairs = greedy_match(gt.len(), pt.len(), |gi, pi| {
        let (a, b) = (norm(str_of(&gt[gi], "text")), norm(str_of(&pt[pi], "text")));
        if a.is_empty() || b.is_empty() {
            None
        } else if a == b {
            Some(2.0)
        } else if a.contains(&b) || b.contains(&a) {
            Some(1.0)
        } else {
            None
        }
    });
    let mut val = 0;
    for &(gi, pi) in &pairs {
        let (gv, pv) = (opt_str(gt[gi].get("value")), opt_str(pt[pi].get("value")));
        if gv == pv {
            val += 1;
        } else {
            log.push(format!(
                "  timex value: {:?} gold={gv:?} pred={pv:?}",
                str_of(&gt[gi], "text")
            ));
        }
    }
    unmatched(&pairs, gt.len(), |gi| {
        log.push(format!(
            "  timex missed: {:?} ({:?})",
            str_of(&gt[gi], "text"),
            opt_str(gt[gi].get("value"))
        ));
    });
    c.add("t_gold", gt.len());
    c.add("t_pred", pt.len());
    c.add("t_tp", pairs.len());
    c.add("t_val", val);

    // Numeric claims.
    let (gc, pc) = (list(gold, "claims"), list(pred, "claims"));
    let pairs = greedy_match(gc.len(), pc.len(), |gi, pi| {
        let (a, b) = overlap(str_of(&gc[gi], "text"), str_of(&pc[pi], "text"));
        (a.max(b) >= 0.5 && a.min(b) > 0.0).then_some(a + b)
    });
    let mut cval = 0;
    for &(gi, pi) in &pairs {
        let (g, p) = (num_set(&gc[gi]), num_set(&pc[pi]));
        if same_numbers(&g, &p) {
            cval += 1;
        } else {
            let text: String = str_of(&gc[gi], "text").chars().take(50).collect();
            log.push(format!("  claim numbers: {text:?} gold={g:?} pred={p:?}"));
        }
    }
    unmatched(&pairs, gc.len(), |gi| {
        let text: String = str_of(&gc[gi], "text").chars().take(60).collect();
        log.push(format!("  claim missed: {text:?}"));
    });
    c.add("c_gold", gc.len());
    c.add("c_pred", pc.len());
    c.add("c_tp", pairs.len());
    c.add("c_val", cval);

    // Events.
    let (ge, pe) = (list(gold, "events"), list(pred, "events"));
    let escore = |gi: usize, pi: usize| -> Option<f64> {
        let (g, p) = (&ge[gi], &pe[pi]);
        if str_of(p, "action") != str_of(g, "action")
            || res.resolve(p.get("actor")).as_deref() != Some(str_of(g, "actor"))
        {
            return None;
        }
        let tgt = if opt_str(p.get("target")).is_some() {
            res.resolve(p.get("target"))
        } else {
            None
        };
        Some(if tgt == opt_str(g.get("target")) {
            2.0
        } else {
            1.0
        })
    };
    let pairs = greedy_match(ge.len(), pe.len(), escore);
    let strict = pairs
        .iter()
        .filter(|(gi, pi)| escore(*gi, *pi) == Some(2.0))
        .count();
    let dated = pairs
        .iter()
        .filter(|(gi, pi)| opt_str(ge[*gi].get("date")) == opt_str(pe[*pi].get("date")))
        .count();
    c.add("e_gold", ge.len());
    c.add("e_pred", pe.len());
    c.add("e_tp", pairs.len());
    c.add("e_strict", strict);
    c.add("e_date", dated);

    // Calls to action.
    let (ga, pa) = (list(gold, "calls_to_action"), list(pred, "calls_to_action"));
    let pairs = greedy_match(ga.len(), pa.len(), |gi, pi| {
        let (g, p) = (&ga[gi], &pa[pi]);
        if res.resolve(p.get("by")).as_deref() != Some(str_of(g, "by"))
            || res.resolve(p.get("to")).as_deref() != Some(str_of(g, "to"))
        {
            return None;
        }
        let (a, b) = overlap(str_of(g, "evidence"), str_of(p, "evidence"));
        Some(1.0 + a + b)
    });
    c.add("a_gold", ga.len());
    c.add("a_pred", pa.len());
    c.add("a_tp", pairs.len());
    c
}

/// Calls `f` for every gold index that no pair matched.
fn unmatched(pairs: &[(usize, usize)], n_gold: usize, mut f: impl FnMut(usize)) {
    for gi in (0..n_gold).filter(|gi| !pairs.iter().any(|p| p.0 == *gi)) {
        f(gi);
    }
}

/// One row of the score table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub pred: usize,
    pub gold: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_accuracy: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_accuracy: Option<f64>,
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Precision, recall and F1 from true positives counted on each side (they differ under
/// one-to-many matching) and the sizes of the predicted and gold sets; 0 when undefined.
pub fn prf(tp_p: usize, n_pred: usize, tp_g: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_pred > 0 {
        tp_p as f64 / n_pred as f64
    } else {
        0.0
    };
    let r = if n_gold > 0 {
        tp_g as f64 / n_gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn row(tp_p: usize, n_pred: usize, tp_g: usize, n_gold: usize) -> Row {
    let (p, r, f) = prf(tp_p, n_pred, tp_g, n_gold);
    Row {
        precision: round3(p),
        recall: round3(r),
        f1: round3(f),
        pred: n_pred,
        gold: n_gold,
        type_accuracy: None,
        date_accuracy: None,
    }
}

/// The table of `score.py`, in its order.
pub fn summarize(c: &Counts) -> Vec<(&'static str, Row)> {
    let g = |k: &str| c.get(k);
    let ratio = |a: usize, b: usize| {
        if b > 0 {
            round3(a as f64 / b as f64)
        } else {
            0.0
        }
    };
    let mut entities = row(
        g("ent_pred_tp"),
        g("ent_pred"),
        g("ent_gold_tp"),
        g("ent_gold"),
    );
    entities.type_accuracy = Some(ratio(g("ent_type_ok"), g("ent_gold_tp")));
    let mut events = row(g("e_tp"), g("e_pred"), g("e_tp"), g("e_gold"));
    events.date_accuracy = Some(ratio(g("e_date"), g("e_tp")));
    vec![
        (
            "body_tokens",
            row(g("body_tp"), g("body_pred"), g("body_tp"), g("body_gold")),
        ),
        ("entities", entities),
        (
            "quotes_span",
            row(g("q_tp"), g("q_pred"), g("q_tp"), g("q_gold")),
        ),
        (
            "quotes_attributed",
            row(g("q_spk"), g("q_pred"), g("q_spk"), g("q_gold")),
        ),
        (
            "timex_extent",
            row(g("t_tp"), g("t_pred"), g("t_tp"), g("t_gold")),
        ),
        (
            "timex_value",
            row(g("t_val"), g("t_pred"), g("t_val"), g("t_gold")),
        ),
        (
            "claims_span",
            row(g("c_tp"), g("c_pred"), g("c_tp"), g("c_gold")),
        ),
        (
            "claims_value",
            row(g("c_val"), g("c_pred"), g("c_val"), g("c_gold")),
        ),
        ("events_actor_action", events),
        (
            "events_with_target",
            row(g("e_strict"), g("e_pred"), g("e_strict"), g("e_gold")),
        ),
        (
            "calls_to_action",
            row(g("a_tp"), g("a_pred"), g("a_tp"), g("a_gold")),
        ),
    ]
}

/// The table as `score.py` prints it.
pub fn format_table(rows: &[(&'static str, Row)]) -> String {
    let mut out = format!(
        "{:22} {:>6} {:>6} {:>6} {:>5} {:>5}  extra\n",
        "task", "P", "R", "F1", "pred", "gold"
    );
    for (name, r) in rows {
        let mut extra = Vec::new();
        if let Some(t) = r.type_accuracy {
            extra.push(format!("type_accuracy={t:?}"));
        }
        if let Some(d) = r.date_accuracy {
            extra.push(format!("date_accuracy={d:?}"));
        }
        out.push_str(&format!(
            "{name:22} {:6.3} {:6.3} {:6.3} {:5} {:5}  {}\n",
            r.precision,
            r.recall,
            r.f1,
            r.pred,
            r.gold,
            extra.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn norm_and_tokens_follow_the_python_scorer() {
        assert_eq!(norm("  “The U.N. chief,”  "), "the u.n. chief");
        assert_eq!(toks("U.N. chief’s"), vec!["u", "n", "chief", "s"]);
        assert_eq!(
            name_keys("The Secretary-General's"),
            vec!["the secretary-general", "secretary-general"]
        );
    }

    #[test]
    fn resolver_uses_names_surnames_and_parts() {
        let gold = vec![
            json!({"id": "g", "name": "António Guterres", "type": "PERSON", "mentions": ["Antonio Guterres", "the U.N. chief"]}),
            json!({"id": "mfa", "name": "Ministry of Foreign Affairs of China", "type": "ORG", "mentions": ["Chinese Foreign Ministry"]}),
        ];
        let r = Resolver::new(&gold);
        assert_eq!(r.resolve(Some(&json!("U.N. chief"))).as_deref(), Some("g"));
        assert_eq!(
            r.resolve(Some(&json!("Mr. Guterres"))).as_deref(),
            Some("g")
        );
        assert_eq!(
            r.resolve(Some(&json!("foreign ministry"))).as_deref(),
            Some("mfa")
        );
        assert_eq!(r.resolve(Some(&json!("he"))), None);
    }

    #[test]
    fn a_perfect_prediction_scores_one() {
        let gold = json!({
            "body": {"start_line": 1, "end_line": 1, "noise_lines": []},
            "entities": [{"id": "d", "name": "Stéphane Dujarric", "type": "PERSON", "mentions": ["Dujarric"]}],
            "quotes": [{"speaker": "d", "text": "very cordial"}],
            "timexes": [{"text": "Monday", "value": "2019-04-29"}],
            "claims": [{"text": "an estimated 1 million Uighurs", "value": 1000000}],
        });
        let pred = json!({
            "body": "Dujarric said Monday talks were “very cordial” for an estimated 1 million Uighurs.",
            "entities": [{"name": "Dujarric", "type": "PERSON", "mentions": [{"text": "Dujarric"}]}],
            "quotes": [{"speaker": "Dujarric", "text": "very cordial"}],
            "timexes": [{"text": "Monday", "value": "2019-04-29"}],
            "claims": [{"text": "1 million Uighurs", "value": 1e6}],
        });
        let text =
            "Dujarric said Monday talks were “very cordial” for an estimated 1 million Uighurs.";
        let rows = summarize(&score_doc(&gold, &pred, text, &mut Vec::new()));
        for (name, r) in &rows[..8] {
            assert_eq!(r.f1, 1.0, "{name}");
        }
    }
}

//! PLOVER gold-standard records (`PLOVER_GSR_CAMEO.txt`, a JSON array): reading and validating
//! every record. A record is one sentence with its event type, source and target actors and
//! the words that express the event.

use serde_json::Value;

/// The PLOVER event types of the gold records (the 0.5 ontology; `DOCUMENT` records are file
/// documentation, not events).
pub const EVENT_TYPES: [&str; 18] = [
    "AGREE",
    "ASSAULT",
    "AID",
    "COERCE",
    "CONCEDE",
    "CONSULT",
    "COOPERATE",
    "DEMAND",
    "DISAPPROVE",
    "FIGHT",
    "INVESTIGATE",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "RETREAT",
    "SANCTION",
    "SUPPORT",
    "THREATEN",
];

/// An actor of a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub text: String,
    pub code: String,
}

/// One valid gold event record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub event: String,
    pub text: String,
    pub event_text: String,
    pub source: Vec<Actor>,
    pub target: Vec<Actor>,
}

/// What reading a gold file gave: the valid event records, how many documentation records
/// were passed over, and each unreadable or invalid record with the reason.
#[derive(Clone, Debug, Default)]
pub struct Gold {
    pub records: Vec<Record>,
    pub documentation: usize,
    pub invalid: Vec<String>,
}

fn actors(v: Option<&Value>, field: &str) -> Result<Vec<Actor>, String> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) if s.is_empty() => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| {
                let text = x["actorText"]
                    .as_str()
                    .ok_or_else(|| format!("{field}: an actor without actorText"))?;
                let code = x["code"]
                    .as_str()
                    .ok_or_else(|| format!("{field}: actor {text:?} without code"))?;
                Ok(Actor {
                    text: text.to_string(),
                    code: code.to_string(),
                })
            })
            .collect(),
        Some(other) => Err(format!(
            "{field} is neither a list of actors nor empty: {other}"
        )),
    }
}

/// Validates one record: `Ok(None)` for a documentation record.
pub fn validate(v: &Value) -> Result<Option<Record>, String> {
    let id = v["id"].as_str().ok_or("no string \"id\"")?.to_string();
    let event = v["event"]
        .as_str()
        .ok_or_else(|| format!("{id}: no string \"event\""))?;
    if event == "DOCUMENT" {
        return Ok(None);
    }
    if !EVENT_TYPES.contains(&event) {
        return Err(format!("{id}: unknown event type {event:?}"));
    }
    let text = v["text"]
        .as_str()
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| format!("{id}: no sentence \"text\""))?;
    let source = actors(v.get("source"), "source").map_err(|e| format!("{id}: {e}"))?;
    let target = actors(v.get("target"), "target").map_err(|e| format!("{id}: {e}"))?;
    if source.is_empty() {
        return Err(format!("{id}: no source actor"));
    }
    Ok(Some(Record {
        id,
        event: event.to_string(),
        text: text.to_string(),
        event_text: v["eventText"].as_str().unwrap_or_default().to_string(),
        source,
        target,
    }))
}

/// Splits a JSON array's text into its top-level `{...}` objects (for reading record by
/// record when the whole file does not parse).
fn split_objects(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start, mut in_str, mut esc) = (0usize, 0usize, false, false);
    for (i, c) in s.char_indices() {
        if in_str {
            match (esc, c) {
                (true, _) => esc = false,
                (false, '\\') => esc = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(&s[start..=i]);
                }
            }
            _ => {}
        }
    }
    out
}

/// Reads a gold file's text: the whole array when it parses, else object by object, so that
/// one broken record is reported without losing the others.
pub fn read(text: &str) -> Gold {
    let mut gold = Gold::default();
    let values: Vec<Result<Value, String>> = match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(a)) => a.into_iter().map(Ok).collect(),
        Ok(_) => {
            gold.invalid
                .push("the file is JSON but not an array of records".into());
            return gold;
        }
        Err(e) => {
            gold.invalid.push(format!(
                "the file is not valid JSON ({e}); read record by record"
            ));
            split_objects(text)
                .into_iter()
                .map(|o| {
                    serde_json::from_str(o).map_err(|e| {
                        let head: String = o.chars().take(60).collect();
                        format!("unreadable record ({e}): {head}...")
                    })
                })
                .collect()
        }
    };
    for v in values {
        match v.and_then(|v| validate(&v)) {
            Ok(Some(r)) => gold.records.push(r),
            Ok(None) => gold.documentation += 1,
            Err(e) => gold.invalid.push(e),
        }
    }
    gold
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id": "G-AGREE-1", "event": "AGREE", "eventText": "agreed",
        "text": "Hungary and Romania agreed on Wednesday.",
        "source": [{"actorText": "Hungary", "code": "HUN"}], "target": ""}"#;

    #[test]
    fn reads_valid_documentation_and_invalid_records() {
        let text = format!(
            r#"[{{"id": "D-1", "event": "DOCUMENT"}}, {GOOD},
            {{"id": "G-X-1", "event": "DANCE", "text": "x", "source": []}},
            {{"id": "G-AID-1", "event": "AID", "text": "", "source": []}},
            {{"id": "G-AID-2", "event": "AID", "text": "Aid.", "source": [{{"actorText": "EU"}}]}}]"#
        );
        let g = read(&text);
        assert_eq!(g.documentation, 1);
        assert_eq!(g.records.len(), 1);
        assert_eq!(g.records[0].source[0].code, "HUN");
        assert!(g.records[0].target.is_empty());
        assert_eq!(g.invalid.len(), 3, "{:?}", g.invalid);
        assert!(g.invalid[0].contains("unknown event type"));
        assert!(g.invalid[1].contains("no sentence"));
        assert!(g.invalid[2].contains("without code"));
    }

    #[test]
    fn broken_json_is_read_record_by_record() {
        let text = format!("[{GOOD}, {{\"id\": \"broken\", \"event\": }}, {GOOD}");
        let g = read(&text);
        assert_eq!(g.records.len(), 2);
        assert_eq!(g.invalid.len(), 2, "{:?}", g.invalid);
        assert!(g.invalid[0].contains("not valid JSON"));
        assert!(g.invalid[1].contains("unreadable record"));
    }
}

/// The gold record type that an action of chronicle's event format falls under (CAMEO 02 appeals
/// and 10 demands are PLOVER's `DEMAND`; criticisms and accusations `DISAPPROVE`; meetings and
/// visits `CONSULT`; detentions `COERCE`). Statements have no PLOVER type.
pub fn plover_type(action: &str) -> Option<&'static str> {
    Some(match action {
        "APPEAL" | "DEMAND" | "REQUEST_ACCESS" => "DEMAND",
        "ACCUSE" | "CRITICIZE" => "DISAPPROVE",
        "DENY" | "REJECT" | "REFUSE_ACCESS" => "REJECT",
        "MEET" | "VISIT" | "CONSULT" => "CONSULT",
        "PRAISE" => "SUPPORT",
        "PROMISE" => "AGREE",
        "GRANT_ACCESS" => "CONCEDE",
        "DETAIN" => "COERCE",
        "INVESTIGATE" => "INVESTIGATE",
        "SANCTION" => "SANCTION",
        _ => return None,
    })
}

/// Whether a predicted party (a name or phrase) agrees with one of the gold actors: they share
/// a word of three letters or more, ignoring case (`Hungarian` and `Senior Hungarian officials`).
pub fn party_agrees(predicted: &str, gold: &[Actor]) -> bool {
    // Words of three letters or more, and acronyms with or without dots (`U.S.`, `US`).
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '.')
            .map(|w| w.replace('.', ""))
            .filter(|w| {
                w.chars().count() >= 3
                    || (w.chars().count() == 2 && w.chars().all(|c| c.is_ascii_uppercase()))
            })
            .map(|w| w.to_lowercase())
            .collect()
    };
    let ours = words(predicted);
    gold.iter()
        .any(|a| words(&a.text).iter().any(|w| ours.contains(w)))
}

#[cfg(test)]
mod mapping_tests {
    use super::*;

    #[test]
    fn parties_agree_on_a_shared_word() {
        let gold = [Actor {
            text: "Hungarian".into(),
            code: "HUN".into(),
        }];
        assert!(party_agrees("Senior Hungarian officials", &gold));
        assert!(!party_agrees("Romania", &gold));
        assert!(!party_agrees("of", &gold));
        let us = [Actor {
            text: "US".into(),
            code: "USA".into(),
        }];
        assert!(party_agrees("U.S.", &us));
        assert!(!party_agrees("us", &us));
        assert_eq!(plover_type("APPEAL"), Some("DEMAND"));
        assert_eq!(plover_type("MAKE_STATEMENT"), None);
        assert!(EVENT_TYPES.contains(&plover_type("DETAIN").unwrap()));
    }
}

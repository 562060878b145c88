//! Quotation patterns of wire copy, one sentence or paragraph each, with the expected speaker.
//! The sentences are our own, written in the style of news agencies.

use chronicle_facts::entities::extract_entities;
use chronicle_facts::quotes::{extract_quotes, segments, QuoteMatch};
use chronicle_nlp::Analyzer;

fn quotes(text: &str) -> Vec<(String, &'static str, Option<String>)> {
    let analysis = Analyzer::shipped().analyze(text);
    let entities = extract_entities(text, &analysis);
    extract_quotes(text, &analysis, &entities)
        .into_iter()
        .map(|q: QuoteMatch| (text[q.range].to_string(), q.kind, q.speaker))
        .collect()
}

/// The quotation whose text contains `needle`, with its kind and speaker.
fn find(text: &str, needle: &str) -> (&'static str, Option<String>) {
    let all = quotes(text);
    let hit = all
        .iter()
        .find(|q| q.0.contains(needle))
        .unwrap_or_else(|| panic!("no quotation with {needle:?} in {all:#?}"));
    (hit.1, hit.2.clone())
}

#[test]
fn apostrophes_are_not_quotation_marks() {
    let text =
        "The minister’s aides said the agency’s ‘review’ was over. Guterres’ staff said nothing.";
    let segs = segments(text);
    assert_eq!(segs.len(), 1);
    assert_eq!(&text[segs[0].inner.clone()], "review");
}

#[test]
fn an_unclosed_quote_ends_at_the_paragraph() {
    let text = "He said “this never ends.\n\nThe next paragraph has “a real quote” in it.";
    let segs = segments(text);
    let inner: Vec<&str> = segs.iter().map(|s| &text[s.inner.clone()]).collect();
    assert_eq!(inner, vec!["this never ends.", "a real quote"]);
}

#[test]
fn a_quote_continues_into_the_next_paragraph() {
    let text = "“The first paragraph of the statement goes on.\n\n“And the second one closes it,” she said.";
    let segs = segments(text);
    assert_eq!(segs.len(), 1);
    assert!(text[segs[0].inner.clone()].ends_with("closes it,"));
}

#[test]
fn trailing_attribution() {
    let text = "Aid workers Mark Olsen and Ruth Baker reached the town on Tuesday. “We have never seen anything like this in twenty years of work,” said Ruth Baker, a nurse with the charity.";
    assert_eq!(
        find(text, "never seen"),
        ("direct", Some("Ruth Baker".to_string()))
    );
}

#[test]
fn leading_attribution_with_colon() {
    let text = "Foreign Minister Karl Jensen told reporters: “The border will stay closed until the talks resume next month.”";
    assert_eq!(
        find(text, "border will stay"),
        ("direct", Some("Karl Jensen".to_string()))
    );
}

#[test]
fn pronoun_speaker_resolves_to_the_person() {
    let text = "Police chief Anna Moreau spoke to the press on Friday. “Nobody was arrested during the protest in the capital,” she said.";
    assert_eq!(
        find(text, "Nobody was arrested"),
        ("direct", Some("Anna Moreau".to_string()))
    );
}

#[test]
fn indirect_speech_with_that() {
    let text = "Interior Minister Paul Dubois said that the curfew would be lifted on Monday.";
    assert_eq!(
        find(text, "curfew would be lifted"),
        ("indirect", Some("Paul Dubois".to_string()))
    );
}

#[test]
fn urge_to() {
    let text = "Amnesty International urged the government to release the detained journalists immediately.";
    let (kind, speaker) = find(text, "release the detained");
    assert_eq!(kind, "indirect");
    assert_eq!(speaker.as_deref(), Some("Amnesty International"));
}

#[test]
fn mixed_quote() {
    let text = "The spokesman for the ministry, Li Wen, said the report was “full of lies and fabrications” and would be ignored.";
    let (kind, speaker) = find(text, "full of lies");
    assert_eq!(kind, "mixed");
    assert_eq!(speaker.as_deref(), Some("Li Wen"));
}

#[test]
fn scare_quotes_are_not_speech() {
    let text = "The authorities call the facilities “boarding schools” and deny any abuse.";
    assert!(quotes(text)
        .iter()
        .all(|q| !q.0.contains("boarding schools") || q.1 != "direct"));
}

#[test]
fn according_to() {
    let text = "At least 40 people were killed in the attack, according to the Red Cross.";
    let (kind, speaker) = find(text, "40 people were killed");
    assert_eq!(kind, "indirect");
    assert_eq!(speaker.as_deref(), Some("Red Cross"));
}

#[test]
fn second_quote_continues_the_speaker() {
    let text = "“The talks were useful,” Ambassador Maria Costa said. “But we still need to see real changes on the ground before the sanctions are lifted.”";
    assert_eq!(
        find(text, "real changes"),
        ("direct", Some("Maria Costa".to_string()))
    );
}

#[test]
fn odd_text_never_panics() {
    let pieces = [
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "'",
        "\n",
        "\n\n",
        " said ",
        "Ms. Ana Li",
        " he ",
        "é",
        "—",
        ":",
        ",",
        ".",
        "according to ",
        "U.N.",
        "“Yes",
        "no”",
        " told reporters that ",
        "s’ ",
    ];
    let mut seed = 7u64;
    for _ in 0..200 {
        let mut text = String::new();
        for _ in 0..(seed % 40) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        let qs = quotes(&text);
        for (quoted, _, _) in qs {
            assert!(text.contains(&quoted));
        }
    }
}

#[test]
fn framing_verbs_report_the_quoted_words() {
    let text = "Trade Minister Paula Grant called the talks with her Canadian counterpart “productive” and “candid.”";
    let (kind, speaker) = find(text, "productive");
    assert_eq!(kind, "mixed");
    assert_eq!(speaker.as_deref(), Some("Paula Grant"));
    let text = "The ministry rejected the report by the Geneva-based monitors as “biased and baseless,” while criticising the timing of its release as “deliberate.”";
    let (kind, speaker) = find(text, "biased and baseless");
    assert_eq!((kind, speaker.as_deref()), ("mixed", Some("The ministry")));
    assert!(
        quotes(text).iter().any(|q| q.0.contains("deliberate")),
        "{:#?}",
        quotes(text)
    );
}

#[test]
fn framing_verbs_need_a_speaker_and_their_as() {
    // A name, a passive and a verb without `as` are not speech.
    for text in [
        "Fishermen sailed a boat called “Northern Star” into the harbour on Monday.",
        "The plan is being criticised as “a giveaway” by some commentators.",
        "The board rejected the offer on Monday, weeks before the “final round” of talks.",
        "The chairman called the delegates to the stage for a “family photo” on Friday.",
    ] {
        let all = quotes(text);
        assert!(all.is_empty(), "{text}: {all:#?}");
    }
}

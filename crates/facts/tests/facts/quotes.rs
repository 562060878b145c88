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

/// Every quotation as (text, kind, speaker, speaker mention).
fn quotes_with_mentions(text: &str) -> Vec<(String, &'static str, Option<String>, Option<String>)> {
    let analysis = Analyzer::shipped().analyze(text);
    let entities = extract_entities(text, &analysis);
    extract_quotes(text, &analysis, &entities)
        .into_iter()
        .map(|q| {
            let mention = q.speaker_range.map(|r| text[r].to_string());
            (text[q.range].to_string(), q.kind, q.speaker, mention)
        })
        .collect()
}

#[test]
fn a_continued_quotation_keeps_the_speakers_mention() {
    let text = "“The harvest was the worst in a decade,” farm union leader Peter Holm said. “Many families will not plant again next spring unless the banks help.”";
    let all = quotes_with_mentions(text);
    let second = all
        .iter()
        .find(|q| q.0.contains("plant again"))
        .expect("the continued quotation");
    assert_eq!(second.2.as_deref(), Some("Peter Holm"));
    assert!(second.3.as_deref().is_some_and(|m| m.contains("Holm")));
}

#[test]
fn a_partial_quotation_inside_reported_speech_is_one_mixed_quotation() {
    let text = "Trade Minister Lena Fischer told lawmakers that the new tariffs had “done more harm than good to our exporters.”";
    let all = quotes(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].1, "mixed");
    assert!(all[0].0.contains("the new tariffs"));
    assert_eq!(all[0].2.as_deref(), Some("Lena Fischer"));
}

#[test]
fn a_partial_quotation_after_the_reported_clause_ends_it() {
    let text = "The port authority said it would reopen the terminal, provided the unions “call off every strike planned for the summer.”";
    let all = quotes(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].1, "mixed");
    assert!(all[0].0.starts_with("it would reopen") && all[0].0.contains("call off"));
}

#[test]
fn a_full_quoted_sentence_after_but_stands_alone() {
    let text = "Opposition leader Ivan Petrov said the vote was “rigged from the start,” but “We will not take to the streets. We will go to the courts.”";
    let all = quotes(text);
    assert!(
        all.iter()
            .any(|q| q.0.starts_with("We will not take") && q.1 == "direct"),
        "{all:#?}"
    );
}

#[test]
fn stance_verbs_report_what_the_stance_is_about() {
    let text = "Health Minister Sara Lind raised concerns about the shortage of nurses in rural hospitals.";
    expect(text, "shortage of nurses", "indirect", "Sara Lind");
    let text = "The European Commission expressed hope that the two sides would resume talks before the end of the year.";
    expect(text, "resume talks", "indirect", "European Commission");
}

/// The quotation holding `needle` has this kind and speaker.
fn expect(text: &str, needle: &str, kind: &str, speaker: &str) {
    let (k, s) = find(text, needle);
    assert_eq!((k, s.as_deref()), (kind, Some(speaker)), "{text}");
}

#[test]
fn a_speech_verb_whose_object_holds_quoted_words_is_mixed() {
    let text = "Mayor Tom Reyes announced a plan to build “affordable homes for every nurse and teacher” in the city.";
    expect(text, "a plan to build", "mixed", "Tom Reyes");
}

#[test]
fn a_modifying_participle_is_no_cue() {
    let text = "The agency published its responding statement on Friday, calling the charges “absurd and entirely without foundation from start to end.”";
    let analysis = Analyzer::shipped().analyze(text);
    let entities = extract_entities(text, &analysis);
    for q in extract_quotes(text, &analysis, &entities) {
        assert_ne!(q.cue.map(|c| &text[c]), Some("responding"));
    }
}

#[test]
fn asked_opening_a_sentence_is_a_question_not_speech() {
    let text = "Asked about the ability of journalists to work freely in the region, Governor Amir Khan said the press had full access.";
    let all = quotes(text);
    assert!(all.iter().all(|q| !q.0.contains("work freely")), "{all:#?}");
    assert!(all.iter().any(|q| q.0.contains("full access")));
}

#[test]
fn she_after_a_who_clause_is_the_person_of_that_clause() {
    let text = "Economy Minister Carlos Vidal met Central Bank governor Elena Ruiz, who has been trying to slow inflation since March. She said last week that rates would stay high until prices fall.";
    expect(text, "rates would stay high", "indirect", "Elena Ruiz");
}

#[test]
fn a_relative_pronoun_speaker_is_its_antecedent_and_its_own_mention() {
    let text = "The charity published a report that said more than 2,000 children had left school to work in the mines.";
    let all = quotes_with_mentions(text);
    let q = all
        .iter()
        .find(|q| q.0.contains("children had left"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(q.3.as_deref(), Some("that"));
    assert_eq!(q.2.as_deref(), Some("a report"));
}

#[test]
fn someone_else_named_inside_reported_speech_keeps_a_quotation() {
    let text = "A spokesman for the ministry said Minister Omar Haddad told the envoys that the border crossings would reopen next week.";
    let all = quotes(text);
    assert!(
        all.iter()
            .any(|q| q.0.starts_with("the border crossings")
                && q.2.as_deref() == Some("Omar Haddad")),
        "{all:#?}"
    );
    assert!(
        all.iter().any(|q| q.0.contains("Omar Haddad told")),
        "{all:#?}"
    );
    // The same speaker again (a pronoun) is folded into the outer quotation.
    let text = "Senator Alice Grant said she told the committee that the budget was too small.";
    let all = quotes(text);
    assert_eq!(all.len(), 1, "{all:#?}");
}

#[test]
fn the_possessor_of_a_speaking_body_is_not_the_speaker() {
    let text = "Officials in Oslo met the delegation. Norway’s foreign ministry said it welcomed the decision to release the two fishermen.";
    let (_, speaker) = find(text, "welcomed the decision");
    assert_eq!(speaker.as_deref(), Some("Norway’s foreign ministry"));
}

#[test]
fn a_text_speaks_for_the_author_named_with_it() {
    let text = "In their letter on Friday, the farmers’ unions said that the drought had cut their yields by half.\n\n“Without urgent help, hundreds of farms will close before winter,” the letter added.";
    let (_, speaker) = find(text, "hundreds of farms");
    assert_eq!(speaker.as_deref(), Some("the farmers’ unions"));
}

#[test]
fn an_appeal_to_a_named_official_with_an_infinitive() {
    let text = "Several aid groups urged the UN Special Envoy for Yemen, Lars Berg, to press both sides for a ceasefire.";
    expect(text, "press both sides", "indirect", "Several aid groups");
}

#[test]
fn a_time_after_the_speaker_is_not_part_of_the_name() {
    let text = "An adviser to the prime minister last week asked the regulator to delay the merger review.";
    let all = quotes(text);
    let q = all
        .iter()
        .find(|q| q.0.contains("delay the merger"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(q.2.as_deref(), Some("An adviser to the prime minister"));
}

#[test]
fn the_reported_clause_ends_where_the_speaker_goes_on() {
    let text = "The finance minister said the deficit would shrink next year and warned against new spending on defence.";
    let all = quotes(text);
    let q = all
        .iter()
        .find(|q| q.0.contains("deficit would shrink"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert!(!q.0.contains("warned"), "{q:?}");
    let text = "The union said the strike would go ahead on Monday, citing the failure of talks with the airport operator.";
    let all = quotes(text);
    let q = all
        .iter()
        .find(|q| q.0.contains("strike would go ahead"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert!(!q.0.contains("citing"), "{q:?}");
}

#[test]
fn a_trailing_attribution_after_a_long_appositive() {
    let text = "“We expect prices to fall by the end of the year,” Maria Lopez, the chief economist at the central bank in Madrid, said on Thursday.";
    expect(text, "prices to fall", "direct", "Maria Lopez");
}

#[test]
fn a_partial_quotation_after_a_bare_speech_verb_is_one_mixed_quotation() {
    // The parse gives `says` no clause; the quotation close by still makes it reported speech.
    let text = "The coach says the new stadium deal was “a gift to the owners, paid for by fans.”";
    let all = quotes(text);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].1, "mixed");
    assert!(all[0].0.starts_with("the new stadium deal"), "{all:#?}");
}

#[test]
fn a_lead_in_ending_in_a_colon_attributes_the_next_paragraph() {
    let text = "Grain prices rose again this week.\n\nThe Farmers Weekly reports:\n\n“Wheat futures climbed for a fifth straight session as dry weather hit the plains.”";
    let (kind, speaker) = find(text, "Wheat futures climbed");
    assert_eq!(kind, "direct");
    assert_eq!(speaker.as_deref(), Some("Farmers Weekly"));
}

#[test]
fn the_speaker_of_a_quotation_is_never_inside_it() {
    let text = "“She would be a fine judge. Fair, not soft. One of the sharpest minds on the state bench,” Sen. Paul Ortiz (D-Ore.) said in an interview.";
    let all = quotes(text);
    assert!(!all.is_empty(), "{all:#?}");
    for q in &all {
        assert!(
            !q.2.as_deref().unwrap_or("").contains("sharpest"),
            "{all:#?}"
        );
    }
    assert!(
        all.iter().any(|q| q.2.as_deref() == Some("Paul Ortiz")),
        "{all:#?}"
    );
}

#[test]
fn a_day_after_the_verb_is_not_the_speaker() {
    let text = "“Our view is that the bill will pass before the recess,” Senate leader Tom Harris, R-Ohio, said Tuesday.";
    expect(text, "bill will pass", "direct", "Tom Harris");
}

#[test]
fn a_preposed_reported_clause_runs_from_the_sentence_start() {
    let text = "The young driver who hit the barrier was not carrying a licence, police said.";
    let all = quotes(text);
    let q = all
        .iter()
        .find(|q| q.0.contains("carrying a licence"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert!(q.0.starts_with("The young driver"), "{q:?}");
    assert_eq!(q.2.as_deref(), Some("police"));
}

#[test]
fn a_quotation_opening_its_own_reported_clause_is_not_reported_twice() {
    let text = "The envoy said the president told the visitors “that he fully backs the ceasefire plan” of the regional bloc announced in May.";
    let all = quotes(text);
    let direct: Vec<_> = all.iter().filter(|q| q.1 == "direct").collect();
    assert!(direct.is_empty(), "{all:#?}");
    assert!(
        all.iter()
            .any(|q| q.0.contains("fully backs") && q.1 == "mixed"),
        "{all:#?}"
    );
}

#[test]
fn quoted_words_that_finish_the_reported_clause_make_it_mixed() {
    let text = "The candidate told voters he was “totally opposed to the new pipeline” because it crossed tribal land.";
    let all = quotes(text);
    assert!(
        all.iter()
            .any(|q| q.1 == "mixed" && q.0.starts_with("he was")),
        "{all:#?}"
    );
}

#[test]
fn a_second_verb_of_the_reported_subject_stays_in_the_clause() {
    let text = "Critics say the agency knew of the flaw and failed to act.";
    let all = quotes(text);
    let q = all
        .iter()
        .find(|q| q.0.contains("knew of the flaw"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert!(q.0.contains("failed to act"), "{q:?}");
}

#[test]
fn organisations_listed_together_speak_together() {
    let text = "Human Rights Watch, Amnesty International and the International Crisis Group said on Monday that the talks should resume without conditions.";
    let all = quotes(text);
    let q = all
        .iter()
        .find(|q| q.0.contains("talks should resume"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    let speaker = q.2.as_deref().unwrap_or_default();
    assert!(
        speaker.contains("Human Rights Watch") && speaker.contains("Amnesty International"),
        "{q:?}"
    );
}

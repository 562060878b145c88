//! Events and calls to action of hand-written wire sentences (our own, in the style of news
//! agencies), with the actor, action and target expected.

use chronicle_facts::entities::extract_entities;
use chronicle_facts::events::{extract_events, Found};
use chronicle_facts::quotes::extract_quotes;
use chronicle_facts::time::extract_timexes_with;
use chronicle_nlp::Analyzer;

fn found(text: &str) -> Found {
    let analysis = Analyzer::shipped().analyze(text);
    let entities = extract_entities(text, &analysis);
    let quotes = extract_quotes(text, &analysis, &entities);
    let timexes = extract_timexes_with(text, Some("2019-04-29"), Some(&analysis));
    extract_events(text, &analysis, &entities, &quotes, &timexes)
}

/// (actor, action, target) of every event.
fn events(text: &str) -> Vec<(String, &'static str, Option<String>)> {
    found(text)
        .events
        .into_iter()
        .map(|e| (e.actor.name, e.action, e.target.map(|t| t.name)))
        .collect()
}

fn has(text: &str, actor: &str, action: &str, target: Option<&str>) {
    let all = events(text);
    assert!(
        all.iter().any(|(a, x, t)| a.contains(actor)
            && *x == action
            && match target {
                Some(want) => t.as_deref().is_some_and(|t| t.contains(want)),
                None => true,
            }),
        "no {actor} {action} {target:?} in {all:#?}"
    );
}

#[test]
fn a_verb_with_its_subject_and_object() {
    has(
        "Israeli soldiers arrested more than 100 Palestinians on Saturday.",
        "Israeli soldiers",
        "DETAIN",
        Some("Palestinians"),
    );
    has(
        "Zimbabwean Prime Minister Robert Mugabe accused the United States of blackmail.",
        "Robert Mugabe",
        "ACCUSE",
        Some("United States"),
    );
}

#[test]
fn a_dateline_is_not_the_actor() {
    has(
        "GENEVA (AP) - China rejected the report on Tuesday.",
        "China",
        "REJECT",
        None,
    );
    has(
        "WASHINGTON — Senator Bob Menendez urged President Barack Obama to act.",
        "Menendez",
        "APPEAL",
        Some("Obama"),
    );
    assert!(
        events("BEIJING (Reuters) — The U.N. human rights chief, Bachelet, met President Xi.")
            .iter()
            .all(|(a, _, _)| !a.contains("BEIJING")),
        "{:?}",
        events("BEIJING (Reuters) — The U.N. human rights chief, Bachelet, met President Xi.")
    );
}

#[test]
fn a_passive_takes_its_agent_as_actor() {
    has(
        "Guterres has been criticized by Human Rights Watch for his quiet diplomacy.",
        "Human Rights Watch",
        "CRITICIZE",
        Some("Guterres"),
    );
}

#[test]
fn who_made_a_rejected_proposal_is_the_target() {
    has(
        "Yemen has rejected a U.S. request to interrogate the detainees.",
        "Yemen",
        "REJECT",
        Some("U.S."),
    );
}

#[test]
fn a_noun_trigger_takes_its_possessor() {
    has(
        "Critics condemned China's internment of the Uighurs in camps.",
        "China",
        "DETAIN",
        Some("Uighurs"),
    );
}

#[test]
fn a_time_is_not_part_of_a_party() {
    let all = events("Rebels in the Ivory Coast on Wednesday rejected a Senegalese peace plan.");
    let reject = all.iter().find(|e| e.1 == "REJECT").expect("a rejection");
    assert_eq!(reject.0, "Rebels in the Ivory Coast");
}

#[test]
fn negated_and_nameless_triggers_give_nothing() {
    assert!(events("The officials did not meet the delegation.").is_empty());
    assert!(events("Some officials visited the camp last year.").is_empty());
}

#[test]
fn one_event_however_often_it_is_reported() {
    let text = "U.N. spokesman Stephane Dujarric said on Monday that talks went well. \
                Dujarric said on Monday that more talks would follow.";
    let statements = events(text)
        .into_iter()
        .filter(|e| e.1 == "MAKE_STATEMENT")
        .count();
    assert_eq!(statements, 1);
}

#[test]
fn an_appeal_with_its_infinitive_is_a_call_to_action() {
    let text =
        "Amnesty International urged Secretary-General Antonio Guterres to speak out publicly.";
    let f = found(text);
    let call = f.calls.first().expect("a call to action");
    assert_eq!(call.by.name, "Amnesty International");
    assert!(call
        .to
        .as_ref()
        .is_some_and(|t| t.name.contains("Guterres")));
    assert_eq!(&text[call.demand.clone()], "speak out publicly");
}

#[test]
fn a_demanded_clause_names_who_is_asked() {
    let text =
        "Beijing on Tuesday demanded that the United States cancel its arms sales to Taiwan.";
    let f = found(text);
    let call = f.calls.first().expect("a call to action");
    assert!(call
        .to
        .as_ref()
        .is_some_and(|t| t.name.contains("United States")));
    assert!(text[call.demand.clone()].starts_with("the United States cancel"));
}

#[test]
fn must_in_a_quotation_is_a_call_by_the_speaker() {
    let text = "“China must close the camps,” Kenneth Roth said on Monday.";
    let f = found(text);
    let call = f.calls.first().expect("a call to action");
    assert!(call.by.name.contains("Roth"));
    assert!(call.to.as_ref().is_some_and(|t| t.name == "China"));
    assert_eq!(&text[call.demand.clone()], "close the camps");
    assert!(f.events.iter().any(|e| e.action == "APPEAL"));
}

#[test]
fn a_coalition_acts_as_one() {
    let text = "Human Rights Watch, Amnesty International and the World Uyghur Congress jointly \
                urged Secretary-General Antonio Guterres to visit Xinjiang.";
    let f = found(text);
    let call = f.calls.first().expect("a call to action");
    assert!(
        call.by.name.contains("Amnesty International") && call.by.name.contains("Congress"),
        "{:?}",
        call.by
    );
    assert_eq!(call.expects, Some("VISIT"));
}

#[test]
fn a_date_attached_to_the_trigger_is_the_events_date() {
    let f = found("Bachelet visited Kashgar on Wednesday.");
    let visit = f
        .events
        .iter()
        .find(|e| e.action == "VISIT")
        .expect("a visit");
    assert_eq!(visit.date.as_deref(), Some("2019-04-24"));
    // A duration is no date of the event.
    let f = found("Bachelet visited Kashgar for five days.");
    assert!(f.events.iter().all(|e| e.date.is_none()), "{:?}", f.events);
}

#[test]
fn concern_over_a_partys_acts_is_a_criticism_of_it() {
    has(
        "Secretary of State Antony Blinken expressed concern over China's efforts to restrict the visit.",
        "Antony Blinken",
        "CRITICIZE",
        Some("China"),
    );
}

#[test]
fn halting_aid_is_a_sanction_on_its_receiver() {
    has(
        "Japan halted economic aid to Serbia on Tuesday.",
        "Japan",
        "SANCTION",
        Some("Serbia"),
    );
}

#[test]
fn who_opens_an_investigation_investigates() {
    has(
        "Judge Alejandro Rivera opened an investigation into the ministry.",
        "Alejandro Rivera",
        "INVESTIGATE",
        None,
    );
    let asked = events("Amnesty International called for an investigation into the killings.");
    assert!(
        !asked.iter().any(|e| e.1 == "INVESTIGATE"),
        "asking for an inquiry is no inquiry: {asked:?}"
    );
}

#[test]
fn a_text_acts_for_its_author_or_for_nobody() {
    let all = events("In July, a joint statement at the UN Human Rights Council criticized China.");
    assert!(
        !all.iter().any(|e| e.0.contains("statement")),
        "a statement is no actor: {all:?}"
    );
    has(
        "The ministry's statement criticized Canada for its remarks.",
        "ministry",
        "CRITICIZE",
        Some("Canada"),
    );
}

#[test]
fn asking_someone_to_act_is_an_appeal_and_asking_whether_is_not() {
    has(
        "Sophie Richardson pressed for an inquiry into the camps.",
        "Sophie Richardson",
        "APPEAL",
        None,
    );
    // `to urge` parsed as a modifier of `Guterres`: still the demand.
    let text = "The coalition asked Antonio Guterres to urge the authorities to grant access.";
    let f = found(text);
    assert!(
        f.calls
            .iter()
            .any(|c| text[c.demand.clone()].starts_with("urge the authorities")),
        "{:?}",
        f.calls
    );
    let question = events("Reporters asked Michelle Bachelet whether she had seen the camps.");
    assert!(!question.iter().any(|e| e.1 == "APPEAL"), "{question:?}");
}

#[test]
fn idioms_that_are_no_events() {
    for text in [
        "Donald Trump avoided condemning the invasion of Ukraine.",
        "The plan was met with criticism from Senator John McCain.",
        "Senator Bernie Sanders offered some pointed advice to Hillary Clinton.",
        "Mayor Robert Cole welcomed several hundred guests at the hall.",
    ] {
        let all = events(text);
        assert!(
            !all.iter()
                .any(|e| matches!(e.1, "CRITICIZE" | "MEET" | "PROMISE" | "PRAISE")),
            "{text}: {all:?}"
        );
    }
    // Refusing to do something is a rejection, not the thing refused.
    let all = events("Ted Cruz pointedly refused to endorse Donald Trump.");
    assert!(all.iter().any(|e| e.1 == "REJECT"), "{all:?}");
    assert!(!all.iter().any(|e| e.1 == "PRAISE"), "{all:?}");
}

#[test]
fn what_is_asked_for_or_promised_has_not_happened() {
    let all = events("Sophie Richardson asked Michelle Bachelet to publish the report.");
    assert!(all.iter().any(|e| e.1 == "APPEAL"), "{all:?}");
    assert!(!all.iter().any(|e| e.1 == "PUBLISH_REPORT"), "{all:?}");
    let all = events("Prime Minister Li Keqiang vowed to visit Xinjiang.");
    assert!(all.iter().any(|e| e.1 == "PROMISE"), "{all:?}");
    assert!(!all.iter().any(|e| e.1 == "VISIT"), "{all:?}");
}

#[test]
fn a_concern_is_not_the_target_of_a_criticism() {
    let f =
        found("Numerous governments have voiced concerns about China's detention of the Uighurs.");
    let c = f
        .events
        .iter()
        .find(|e| e.action == "CRITICIZE")
        .expect("a criticism");
    assert!(
        c.target
            .as_ref()
            .is_none_or(|t| !t.name.contains("concern")),
        "{c:?}"
    );
}

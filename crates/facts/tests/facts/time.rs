//! Temporal expressions by family, each case with its reference date: (text, reference,
//! expected extents and values).

use chronicle_facts::extract_timexes;

type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, Option<&'static str>)],
);

fn check(cases: &[Case]) {
    for (text, dct, expected) in cases {
        let got: Vec<(&str, Option<String>)> = extract_timexes(text, Some(dct))
            .into_iter()
            .map(|t| (&text[t.range], t.value))
            .collect();
        let want: Vec<(&str, Option<String>)> = expected
            .iter()
            .map(|(s, v)| (*s, v.map(str::to_string)))
            .collect();
        assert_eq!(got, want, "{text:?} at {dct}");
    }
}

#[test]
fn absolute_dates() {
    check(&[
        (
            "It was released on September 17, 2019.",
            "2019-09-20",
            &[("September 17, 2019", Some("2019-09-17"))],
        ),
        (
            "I'll go back 04th Jan 2019.",
            "2016-11-07",
            &[("04th Jan 2019", Some("2019-01-04"))],
        ),
        (
            "He arrived on 17 September 2019 at dawn.",
            "2020-01-01",
            &[("17 September 2019", Some("2019-09-17"))],
        ),
        (
            "Filed 1998-08-08 and 11/02/89.",
            "1998-08-09",
            &[
                ("1998-08-08", Some("1998-08-08")),
                ("11/02/89", Some("1989-11-02")),
            ],
        ),
        (
            "The war ended in 1945.",
            "2019-01-01",
            &[("1945", Some("1945"))],
        ),
        (
            "Profits rose in fiscal 1989.",
            "1989-11-01",
            &[("fiscal 1989", Some("1989"))],
        ),
        (
            "It began in December 2018.",
            "2019-03-07",
            &[("December 2018", Some("2018-12"))],
        ),
        (
            "Prices fell in the 1990s and the '80s.",
            "2019-03-07",
            &[("the 1990s", Some("199")), ("the '80s", Some("198"))],
        ),
        ("It cost $2019 and 2019 people came.", "2019-03-07", &[]),
    ]);
}

#[test]
fn months_and_days_without_a_year() {
    check(&[
        (
            "He has sought access since December.",
            "2019-04-29",
            &[("December", Some("2018-12"))],
        ),
        (
            "In July, 25 countries issued a statement.",
            "2019-09-17",
            &[("July", Some("2019-07"))],
        ),
        (
            "He was in Beijing from April 25-27.",
            "2019-04-29",
            &[("April 25-27", Some("2019-04-25/2019-04-27"))],
        ),
        (
            "The vote will be held on Jan. 5.",
            "2018-12-20",
            &[("Jan. 5", Some("2019-01-05"))],
        ),
        (
            "They met on Aug. 7.",
            "1998-08-09",
            &[("Aug. 7", Some("1998-08-07"))],
        ),
        ("She may come and they march on.", "2019-04-29", &[]),
        ("This may take longer than this march.", "2019-04-29", &[]),
        (
            "It happened in December of last year.",
            "2019-03-07",
            &[("December of last year", Some("2018-12"))],
        ),
        (
            "He wrote to China last November.",
            "2019-03-07",
            &[("last November", Some("2018-11"))],
        ),
    ]);
}

#[test]
fn weekdays_follow_tense() {
    check(&[
        (
            "The United Nations said Monday.",
            "2019-04-29",
            &[("Monday", Some("2019-04-29"))],
        ),
        (
            "Blinken said in a statement on Saturday.",
            "2022-05-29",
            &[("Saturday", Some("2022-05-28"))],
        ),
        (
            "They will meet on Monday.",
            "2019-03-07",
            &[("Monday", Some("2019-03-11"))],
        ),
        (
            "He left last Friday.",
            "2024-06-21",
            &[("last Friday", Some("2024-06-14"))],
        ),
        (
            "Talks resume next Tuesday.",
            "2019-03-07",
            &[("next Tuesday", Some("2019-03-12"))],
        ),
        (
            "He spoke Wednesday night.",
            "2019-03-07",
            &[("Wednesday night", Some("2019-03-06TNI"))],
        ),
        (
            "Markets close on Mondays.",
            "2019-03-07",
            &[("Mondays", Some("XXXX-WXX-1"))],
        ),
    ]);
}

#[test]
fn relative_periods() {
    check(&[
        (
            "Last week, Roth wrote an op-ed.",
            "2019-04-29",
            &[("Last week", Some("2019-W17"))],
        ),
        (
            "They respond later this week.",
            "2019-03-07",
            &[("later this week", Some("2019-W10"))],
        ),
        (
            "She complained last month.",
            "2019-04-29",
            &[("last month", Some("2019-03"))],
        ),
        (
            "Sales fell last year and will rise next year.",
            "2019-03-07",
            &[("last year", Some("2018")), ("next year", Some("2020"))],
        ),
        (
            "It closed yesterday and opens tomorrow.",
            "2019-03-07",
            &[
                ("yesterday", Some("2019-03-06")),
                ("tomorrow", Some("2019-03-08")),
            ],
        ),
        (
            "Results for the third quarter were weak.",
            "1989-11-01",
            &[("the third quarter", Some("1989-Q3"))],
        ),
        (
            "It happened three years ago.",
            "2019-03-07",
            &[("three years ago", Some("2016"))],
        ),
        (
            "It rose from a year earlier.",
            "2019-03-07",
            &[("a year earlier", Some("2018"))],
        ),
        (
            "We met last summer.",
            "2019-03-07",
            &[("last summer", Some("2018-SU"))],
        ),
        (
            "Late last year prices rose.",
            "2019-03-07",
            &[("Late last year", Some("2018"))],
        ),
        (
            "Prices rose over the past two months.",
            "2019-03-07",
            &[("the past two months", Some("P2M"))],
        ),
    ]);
}

#[test]
fn durations_sets_and_references() {
    check(&[
        (
            "halfway through his five-year term",
            "2019-04-29",
            &[("five-year", Some("P5Y"))],
        ),
        (
            "The press conference lasted 45 minutes.",
            "2022-05-29",
            &[("45 minutes", Some("PT45M"))],
        ),
        (
            "It took 10 years and a decade.",
            "2022-05-29",
            &[("10 years", Some("P10Y")), ("a decade", Some("P10Y"))],
        ),
        (
            "It could take several years.",
            "2022-05-29",
            &[("several years", Some("PXY"))],
        ),
        (
            "States are reviewed every four years.",
            "2019-03-07",
            &[("every four years", Some("P4Y"))],
        ),
        (
            "his annual report",
            "2019-03-07",
            &[("annual", Some("P1Y"))],
        ),
        (
            "contacts in the recent past",
            "2019-04-29",
            &[("the recent past", Some("PAST_REF"))],
        ),
        (
            "She must release it now.",
            "2022-05-29",
            &[("now", Some("PRESENT_REF"))],
        ),
        (
            "in recent years",
            "2019-09-17",
            &[("recent years", Some("PAST_REF"))],
        ),
        (
            "It will happen in the future.",
            "2019-09-17",
            &[("the future", Some("FUTURE_REF"))],
        ),
    ]);
}

#[test]
fn anchored_to_the_text() {
    check(&[
        (
            "Officials rebutted it on Friday, a day after groups urged action.",
            "2024-06-21",
            &[
                ("Friday", Some("2024-06-21")),
                ("a day after", Some("2024-06-20")),
            ],
        ),
        (
            "The talks began on March 3, 2019. The next day they collapsed.",
            "2019-04-01",
            &[
                ("March 3, 2019", Some("2019-03-03")),
                ("The next day", Some("2019-03-04")),
            ],
        ),
    ]);
}

#[test]
fn no_publication_date_leaves_relative_values_empty() {
    let got = extract_timexes("He left last week, on 3 May 2019.", Some("unknown"));
    let values: Vec<Option<String>> = got.into_iter().map(|t| t.value).collect();
    assert_eq!(values, [None, Some("2019-05-03".to_string())]);
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "-",
        "1/",
        "April",
        "the",
        "0000-00-00",
        "99/99/99",
        "’’’’s",
        "every",
        "\u{a0}2019\u{a0}",
        "Monday,",
        "9999999999999999999999 years",
    ] {
        let _ = extract_timexes(text, Some("2019-01-01"));
        let _ = extract_timexes(text, None);
        let _ = chronicle_facts::extract_claims(text);
    }
}

#[test]
fn tense_cues_beyond_the_verb() {
    check(&[
        // A passive carries no tense; "will" further left decides.
        (
            "Collins will be named commander of the Space Shuttle for a mission in December.",
            "1998-03-04",
            &[("December", Some("1998-12"))],
        ),
        // "succeed" is not a past form.
        (
            "He will succeed Daniel P. Davison Feb. 1.",
            "1989-10-26",
            &[("Feb. 1", Some("1990-02-01"))],
        ),
        // Intentions and reported futures look ahead.
        (
            "The team planned to leave Nairobi on Thursday.",
            "1998-09-30",
            &[("Thursday", Some("1998-10-01"))],
        ),
        (
            "The stock split would be paid on a date in January.",
            "1989-10-26",
            &[("January", Some("1990-01"))],
        ),
        (
            "The talks that are supposed to conclude by May resumed.",
            "1998-03-22",
            &[("May", Some("1998-05"))],
        ),
        // ... unless the plan is told in the past.
        (
            "The report was due to be completed around the new year.",
            "2022-05-29",
            &[("around the new year", Some("2022-01-01"))],
        ),
        // "next to" is a place; a possessive weekday is a day already past.
        (
            "A bomb ripped through a building next to the embassy Friday morning.",
            "1998-08-08",
            &[("Friday morning", Some("1998-08-07TMO"))],
        ),
        (
            "They would look for ways to get around Wednesday's ruling.",
            "2000-01-07",
            &[("Wednesday", Some("2000-01-05"))],
        ),
    ]);
}

#[test]
fn months_with_a_named_year() {
    check(&[
        (
            "Ratification began in February this year.",
            "1998-12-03",
            &[("February this year", Some("1998-02"))],
        ),
        (
            "It opened in July last year.",
            "1998-02-10",
            &[("July last year", Some("1997-07"))],
        ),
        (
            "He was shot last Oct. 23 at his home.",
            "1999-04-19",
            &[("last Oct. 23", Some("1998-10-23"))],
        ),
        (
            "The talks resume next March 3.",
            "1999-04-19",
            &[("next March 3", Some("2000-03-03"))],
        ),
    ]);
}

#[test]
fn quarters_halves_and_report_periods() {
    check(&[
        (
            "Net for this year's third quarter rose; next year's first quarter may be weak.",
            "1989-10-27",
            &[
                ("this year's third quarter", Some("1989-Q3")),
                ("next year's first quarter", Some("1990-Q1")),
            ],
        ),
        (
            "It had a charge in the 1988 second quarter.",
            "1989-10-27",
            &[("the 1988 second quarter", Some("1988-Q2"))],
        ),
        (
            "Profit rose in the third quarter. It earned $2 million in the 1988 quarter. The latest period included a gain.",
            "1989-10-27",
            &[
                ("the third quarter", Some("1989-Q3")),
                ("the 1988 quarter", Some("1988-Q3")),
                ("The latest period", Some("1989-Q3")),
            ],
        ),
        (
            "Weakness will last through the first two quarters of 1990 and hurt the last half of 1989.",
            "1989-10-27",
            &[
                ("the first two quarters of 1990", Some("1990-H1")),
                ("the last half of 1989", Some("1989-H2")),
            ],
        ),
        (
            "Sales rose in the fiscal first quarter.",
            "1989-10-27",
            &[("the fiscal first quarter", Some("1989-Q1"))],
        ),
    ]);
}

#[test]
fn years_in_words_clock_words_and_modifiers() {
    check(&[
        (
            "Atlanta, nineteen ninety-six. Then January nineteen ninety-seven, and the year two thousand.",
            "1998-02-27",
            &[
                ("nineteen ninety-six", Some("1996")),
                ("January nineteen ninety-seven", Some("1997-01")),
                ("the year two thousand", Some("2000")),
            ],
        ),
        (
            "Twelve hundred people came.",
            "1998-02-27",
            &[],
        ),
        (
            "Talks broke off at noon Thursday.",
            "1998-02-13",
            &[("noon Thursday", Some("1998-02-12T12:00"))],
        ),
        (
            "He was kidnapped nearly two years ago, and the offer runs no more than sixty days.",
            "1998-02-19",
            &[
                ("nearly two years ago", Some("1996")),
                ("no more than sixty days", Some("P60D")),
            ],
        ),
        (
            "Shares fell late yesterday after a report earlier this month.",
            "1989-11-02",
            &[
                ("late yesterday", Some("1989-11-01")),
                ("earlier this month", Some("1989-11")),
            ],
        ),
        (
            "The banks must wait at least 30 days before closing the purchase.",
            "1989-10-26",
            &[("at least 30 days", Some("P30D"))],
        ),
    ]);
}

#[test]
fn anaphoric_years_and_deadline_months() {
    check(&[
        (
            "It had revenue of $76 million for the year ended March 31. For the year, volume was flat.",
            "1989-11-01",
            &[
                ("the year", Some("P1Y")),
                ("March 31", Some("1989-03-31")),
                ("the year", Some("1989")),
            ],
        ),
        (
            "Sales in the current fiscal year will beat the latest fiscal year.",
            "1989-11-02",
            &[
                ("the current fiscal year", Some("1989")),
                ("the latest fiscal year", Some("1988")),
            ],
        ),
        (
            "Debt should fall by year-end and again by year's end.",
            "1989-11-01",
            &[("year-end", Some("1989")), ("year's end", Some("1989"))],
        ),
        (
            "Sales were flat this year through August.",
            "1989-10-30",
            &[("this year", Some("1989")), ("August", Some("1989-08"))],
        ),
        (
            "On May 22, 1995, he was promoted, and the following year he left for 20 more years.",
            "1998-04-18",
            &[
                ("May 22, 1995", Some("1995-05-22")),
                ("the following year", Some("1996")),
                ("20 more years", Some("P20Y")),
            ],
        ),
        (
            "Lenders have extended loans through January.",
            "1989-10-30",
            &[("January", Some("1990-01"))],
        ),
        (
            "It would be paid on a still unspecified date in January.",
            "1989-10-30",
            &[("January", Some("1990-01"))],
        ),
        (
            "The offer had been due to expire Friday evening.",
            "1989-10-30",
            &[("Friday evening", Some("1989-10-27TEV"))],
        ),
        // "that year" is the year of the last date named.
        (
            "The plant opened in May 1995 and closed later that year.",
            "1998-03-03",
            &[
                ("May 1995", Some("1995-05")),
                ("later that year", Some("1995")),
            ],
        ),
        // Decades in words: the latest such decade begun by the time of writing.
        (
            "Prices rose in the nineties, as in the twenties; it was in the low nineties.",
            "2026-11-22",
            &[("the nineties", Some("199")), ("the twenties", Some("202"))],
        ),
        // "this past spring", "this past Monday": the latest before the time of writing.
        (
            "Sales fell this past spring and rose this past Monday.",
            "1989-10-30",
            &[
                ("this past spring", Some("1989-SP")),
                ("this past Monday", Some("1989-10-23")),
            ],
        ),
        // The day a change takes effect is the nearest one, whatever the tense of the news.
        (
            "The company created an office of the chairman, effective Feb. 1.",
            "1989-10-26",
            &[("Feb. 1", Some("1990-02-01"))],
        ),
        (
            "The company created an office of the chairman, effective Oct. 1.",
            "1989-10-26",
            &[("Oct. 1", Some("1989-10-01"))],
        ),
    ]);
}

#[test]
fn inference_is_scored_at_each_precision() {
    let mut score = chronicle_facts::time::infer::InferenceScore::default();
    score.add(
        "GENEVA, April 29, 2019 (Reuters) - The U.N. said Monday.",
        "2019-04-29",
    );
    score.add("Prices rose in 2018.", "2019-04-29T10:00");
    score.add("No dates at all.", "2019-04-29");
    score.add("Undated truth is skipped.", "2019");
    assert_eq!(
        (
            score.docs,
            score.guessed,
            score.day,
            score.month,
            score.year
        ),
        (3, 2, 1, 1, 1)
    );
}

#[test]
fn weekdays_beside_dates_and_vague_distances() {
    check(&[
        (
            "$14 million seeped out Friday Oct. 13 alone, down from the previous Friday.",
            "1989-10-27",
            &[
                ("Friday Oct. 13", Some("1989-10-13")),
                ("the previous Friday", Some("1989-10-06")),
            ],
        ),
        (
            "The machines were removed several years ago; months ago, prices fell.",
            "1998-02-12",
            &[
                ("several years ago", Some("PAST_REF")),
                ("months ago", Some("PAST_REF")),
            ],
        ),
        (
            "Investors expect gains in coming months and over the next year or so.",
            "1998-02-06",
            &[
                ("coming months", Some("FUTURE_REF")),
                ("the next year or so", Some("P1Y")),
            ],
        ),
        (
            "The third-quarter results were weak.",
            "1989-10-27",
            &[("third-quarter", Some("1989-Q3"))],
        ),
    ]);
}

#[test]
fn rates_ages_and_halves() {
    check(&[
        (
            "It will save $500 million a year and add 700 seats a week; it fell a year ago.",
            "1989-10-26",
            &[("a year ago", Some("1988"))],
        ),
        (
            "Mr. Reupke, 52 years old, left within a week.",
            "1989-10-26",
            &[("a week", Some("P1W"))],
        ),
        (
            "They lived in camps for 2 1/2 years; a minute and a half later, eight trading days passed.",
            "1998-02-27",
            &[
                ("2 1/2 years", Some("P2Y6M")),
                ("a minute and a half", Some("PT1M30S")),
                ("eight trading days", Some("P8D")),
            ],
        ),
    ]);
}

#[test]
fn compact_periods_weeks_of_a_year_and_codes() {
    check(&[
        (
            "Sales rose in 2017-Q1 and Q3 2018; 2019 H2 looks weak; the target was 2015-12.",
            "2018-11-20",
            &[
                ("2017-Q1", Some("2017-Q1")),
                ("Q3 2018", Some("2018-Q3")),
                ("2019 H2", Some("2019-H2")),
                ("2015-12", Some("2015-12")),
            ],
        ),
        (
            "It shipped in the first week of 2015 and the last week of 2016.",
            "2018-11-20",
            &[
                ("the first week of 2015", Some("2015-W01")),
                ("the last week of 2016", Some("2016-W52")),
            ],
        ),
        (
            "Call +86 138-2010-2015 about the 1998-2001 period in the century's 15th century.",
            "2018-11-20",
            &[
                ("1998", Some("1998")),
                ("2001", Some("2001")),
                ("15th century", Some("14")),
            ],
        ),
        (
            "What is the april 2017 bonus? It may come in may.",
            "2018-11-20",
            &[("april 2017", Some("2017-04"))],
        ),
    ]);
}

#[test]
fn a_lead_weekday_moves_the_guess_past_the_latest_date() {
    let text = "BAGHDAD (AP) _ Iraq said Sunday it would resume talks. The fighting began on Oct. 23, 1999, officials said.";
    let got = chronicle_facts::time::infer_published(text).expect("a guess");
    assert_eq!(got.value, "1999-10-24");
}

/// A hand-built analysis: tokens `word|XPOS|lemma|head|deprel` separated by spaces (head a
/// token index, `-` for the root), one sentence. Returns the text and its analysis.
fn analysed(tokens: &str) -> (String, chronicle_nlp::Analysis) {
    let mut text = String::new();
    let mut out = Vec::new();
    for t in tokens.split(' ') {
        let f: Vec<&str> = t.split('|').collect();
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(f[0]);
        out.push(chronicle_nlp::AnalyzedToken {
            range: start..text.len(),
            upos: String::new(),
            xpos: f[1].to_string(),
            lemma: f[2].to_string(),
            head: f[3].parse().ok(),
            deprel: f[4].to_string(),
        });
    }
    let n = out.len();
    let analysis = chronicle_nlp::Analysis {
        tokens: out,
        sentences: std::iter::once(0..n).collect(),
    };
    (text, analysis)
}

#[test]
fn the_governing_verb_points_weekdays_months_and_seasons() {
    use chronicle_facts::time::extract_timexes_with;
    // (tokens, reference, value with the analysis, value from the text alone)
    let cases: &[(&str, &str, &str, &str)] = &[
        // A present of schedule looks ahead; the text alone cannot see it.
        (
            "They|PRP|they|1|nsubj meet|VBP|meet|-|root Monday|NNP|Monday|1|obl:tmod .|.|.|1|punct",
            "2019-04-24",
            "2019-04-29",
            "2019-04-22",
        ),
        // The tagger's base form with a subject is the same present.
        (
            "They|PRP|they|1|nsubj meet|VB|meet|-|root Monday|NNP|Monday|1|obj .|.|.|1|punct",
            "2019-04-24",
            "2019-04-29",
            "2019-04-22",
        ),
        (
            "He|PRP|he|1|nsubj met|VBD|meet|-|root Monday|NNP|Monday|1|obl:tmod .|.|.|1|punct",
            "2019-04-24",
            "2019-04-22",
            "2019-04-22",
        ),
        (
            "She|PRP|she|2|nsubj will|MD|will|2|aux speak|VB|speak|-|root Friday|NNP|Friday|2|obl:tmod .|.|.|2|punct",
            "2019-04-24",
            "2019-04-26",
            "2019-04-26",
        ),
        // A verb of saying in the present dates the report.
        (
            "Police|NNS|police|1|nsubj say|VBP|say|-|root Monday|NNP|Monday|1|obl:tmod .|.|.|1|punct",
            "2019-04-24",
            "2019-04-22",
            "2019-04-22",
        ),
        // "going to" and a to-infinitive complement look ahead.
        (
            "They|PRP|they|2|nsubj are|VBP|be|2|aux going|VBG|go|-|root to|TO|to|4|mark vote|VB|vote|2|xcomp Tuesday|NNP|Tuesday|4|obl:tmod .|.|.|2|punct",
            "2019-04-24",
            "2019-04-30",
            "2019-04-30",
        ),
        // An infinitive of purpose takes the time of its clause.
        (
            "They|PRP|they|1|nsubj held|VBD|hold|-|root rallies|NNS|rally|1|obj to|TO|to|4|mark mark|VB|mark|1|advcl it|PRP|it|4|obj on|IN|on|7|case Friday|NNP|Friday|4|obl .|.|.|1|punct",
            "2019-04-24",
            "2019-04-19",
            "2019-04-19",
        ),
        // "could not be reached": ability says nothing; the cue words decide (past).
        (
            "He|PRP|he|4|nsubj:pass could|MD|could|4|aux not|RB|not|4|advmod be|VB|be|4|aux:pass reached|VBN|reach|-|root Monday|NNP|Monday|4|obl:tmod .|.|.|4|punct",
            "2019-04-24",
            "2019-04-22",
            "2019-04-22",
        ),
        // A month and a season in a present of schedule.
        (
            "The|DT|the|1|det law|NN|law|2|nsubj takes|VBZ|take|-|root effect|NN|effect|2|obj in|IN|in|5|case January|NNP|January|2|obl .|.|.|2|punct",
            "2019-04-24",
            "2020-01",
            "2019-01",
        ),
        (
            "The|DT|the|1|det plant|NN|plant|2|nsubj opens|VBZ|open|-|root in|IN|in|5|case the|DT|the|5|det spring|NN|spring|2|obl .|.|.|2|punct",
            "2019-11-20",
            "2020-SP",
            "2019-SP",
        ),
        // A weekday hung on a noun is not trusted to the parse.
        (
            "They|PRP|they|1|nsubj meet|VBP|meet|-|root the|DT|the|3|det maker|NN|maker|1|obj Friday|NNP|Friday|3|appos .|.|.|1|punct",
            "2019-04-24",
            "2019-04-19",
            "2019-04-19",
        ),
    ];
    for (tokens, dct, with, alone) in cases {
        let (text, analysis) = analysed(tokens);
        let value = |a: Option<&chronicle_nlp::Analysis>| {
            let found = extract_timexes_with(&text, Some(dct), a);
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            found[0].value.clone().unwrap_or_default()
        };
        assert_eq!(value(Some(&analysis)), *with, "{text:?} with the analysis");
        assert_eq!(value(None), *alone, "{text:?} from the text alone");
        assert_eq!(
            extract_timexes(&text, Some(dct)),
            extract_timexes_with(&text, Some(dct), None),
            "{text:?}"
        );
    }
}

#[test]
fn holidays_months_with_their_year_and_ordinal_seconds() {
    check(&[
        (
            "They met on Thanksgiving Day and again last Thanksgiving.",
            "2000-01-07",
            &[
                ("Thanksgiving Day", Some("1999-11-25")),
                ("last Thanksgiving", Some("1999-11-25")),
            ],
        ),
        (
            "The vote is on Election Day, and he will return by Christmas.",
            "1998-10-26",
            &[
                ("Election Day", Some("1998-11-03")),
                ("Christmas", Some("1998-12-25")),
            ],
        ),
        (
            "Protesters prayed as Easter week began. Easter 1998 was quiet; New Year's Eve was not.",
            "2000-04-17",
            &[
                ("Easter week", Some("2000-W16")),
                ("Easter 1998", Some("1998-04-12")),
                ("New Year's Eve", Some("1999-12-31")),
            ],
        ),
        (
            "It began in early October this year and ends in April next year.",
            "1998-12-03",
            &[
                ("early October this year", Some("1998-10")),
                ("April next year", Some("1999-04")),
            ],
        ),
        (
            "It would be a second betrayal. He waited a second or two.",
            "2000-04-17",
            &[("a second", Some("PT1S"))],
        ),
    ]);
}

#[test]
fn deadlines_clock_phrases_and_uncounted_periods() {
    check(&[
        (
            "The agency has given the family until 9 a.m. Tuesday to sign.",
            "2000-04-03",
            &[("9 a.m. Tuesday", Some("2000-04-04T09:00"))],
        ),
        (
            "He stayed until Friday.",
            "2000-04-03",
            &[("Friday", Some("2000-03-31"))],
        ),
        (
            "He will leave at 4 in the morning, and was due in court at midday.",
            "2000-04-05",
            &[
                ("4 in the morning", Some("2000-04-05T04:00")),
                ("midday", Some("2000-04-05T12:00")),
            ],
        ),
        (
            "The blast occurred at 10:35 a.m. (0735 GMT) Friday.",
            "1998-08-08",
            &[
                ("10:35 a.m.", Some("1998-08-07T10:35")),
                ("Friday", Some("1998-08-07")),
            ],
        ),
        (
            "They will buy equipment in the coming years, as in the past two years.",
            "1999-03-12",
            &[
                ("the coming years", Some("PXY")),
                ("the past two years", Some("P2Y")),
            ],
        ),
        ("He showed a picture from High Noon.", "1999-03-12", &[]),
    ]);
}

#[test]
fn sets_with_frequency_month_or_part_of_day_and_titles() {
    check(&[
        (
            "They meet twice a year, each July and on Tuesday nights; prices change hourly.",
            "1998-02-13",
            &[
                ("twice a year", Some("P1Y")),
                ("each July", Some("XXXX-07")),
                ("Tuesday nights", Some("XXXX-WXX-2TNI")),
                ("hourly", Some("PT1H")),
            ],
        ),
        (
            "He told USA Today on Monday. Today, he left.",
            "2000-01-07",
            &[
                ("Monday", Some("2000-01-03")),
                ("Today", Some("2000-01-07")),
            ],
        ),
        (
            "The feud has lasted for decades.",
            "2000-01-06",
            &[("decades", Some("PXY"))],
        ),
    ]);
}

#[test]
fn day_pairs_same_day_next_morning_and_long_adjectives() {
    check(&[
        (
            "The summit is on April 24 and 25. It met on Oct. 3 and 4, 1998.",
            "1999-02-10",
            &[
                ("April 24", Some("1999-04-24")),
                ("25", Some("1999-04-25")),
                ("Oct. 3", Some("1998-10-03")),
                ("4, 1998", Some("1998-10-04")),
            ],
        ),
        (
            "Shares rose on Jan. 5 and 6 others fell.",
            "1999-02-10",
            &[("Jan. 5", Some("1999-01-05"))],
        ),
        (
            "On March 3 he appeared in court, again the next morning, and was released that same day.",
            "2000-04-03",
            &[
                ("March 3", Some("2000-03-03")),
                ("the next morning", Some("2000-03-04TMO")),
                ("that same day", Some("2000-03-03")),
            ],
        ),
        (
            "It was their third day-long meeting.",
            "2000-04-03",
            &[("day-long", Some("P1D"))],
        ),
        (
            "He spent a fortnight there, then two fortnights, on a week-long trip.",
            "2000-04-03",
            &[
                ("a fortnight", Some("P2W")),
                ("two fortnights", Some("P4W")),
                ("week-long", Some("P1W")),
            ],
        ),
    ]);
}

#[test]
fn fractions_titles_parts_of_days_and_days_without_an_anchor() {
    check(&[
        (
            "Funds hold more than a quarter of the market after several quarters of losses.",
            "1989-10-27",
            &[("several quarters", Some("PXQ"))],
        ),
        (
            "Baker said on ABC's \"This Week\" that this week is busy.",
            "1989-10-27",
            &[("this week", Some("1989-W43"))],
        ),
        (
            "Shares rose in mid-afternoon yesterday and fell by late morning Friday.",
            "1989-11-02",
            &[
                ("mid-afternoon yesterday", Some("1989-11-01TAF")),
                ("late morning Friday", Some("1989-10-27TMO")),
            ],
        ),
        ("Trades made that day fell.", "1989-10-27", &[]),
    ]);
}

#[test]
fn ranges_of_counts_and_clock_times() {
    check(&[
        (
            "Talks will take two to three weeks; the strike lasted 10-12 days.",
            "1989-11-02",
            &[
                ("two to three weeks", Some("PXW")),
                ("10-12 days", Some("PXD")),
            ],
        ),
        (
            "Sales should rise over the next 12 to 18 months after a two- to three-year slump.",
            "1989-11-02",
            &[
                ("the next 12 to 18 months", Some("PXM")),
                ("two- to three-year", Some("PXY")),
            ],
        ),
        ("Prices rose 5 to 10 percent.", "1989-11-02", &[]),
        (
            "Polls will be open from 7 to 9 p.m. Tuesday; the office from 9 a.m. to noon.",
            "2000-04-03",
            &[
                ("7", Some("2000-04-04T19:00")),
                ("9 p.m. Tuesday", Some("2000-04-04T21:00")),
                ("9 a.m.", Some("2000-04-03T09:00")),
                ("noon", Some("2000-04-03T12:00")),
            ],
        ),
        (
            "It happened between 1:30 and 3 p.m. yesterday, and the vigil ran from 11 p.m. to \
             2 a.m. Friday.",
            "2000-04-03",
            &[
                ("1:30", Some("2000-04-02T13:30")),
                ("3 p.m. yesterday", Some("2000-04-02T15:00")),
                ("11 p.m.", Some("2000-03-30T23:00")),
                ("2 a.m. Friday", Some("2000-03-31T02:00")),
            ],
        ),
        ("The score was 10 to 2 at halftime.", "2000-04-03", &[]),
    ]);
}

#[test]
fn spelled_days_and_years_next_periods_and_fortnights() {
    check(&[
        (
            "They left in nineteen ninety six and came back in two thousand and fifteen.",
            "2019-04-29",
            &[
                ("nineteen ninety six", Some("1996")),
                ("two thousand and fifteen", Some("2015")),
            ],
        ),
        (
            "It cost two thousand and fifty dollars in two thousand and five cases.",
            "2019-04-29",
            &[],
        ),
        (
            "She was born on January twenty fifth, nineteen eighty six, and he on twenty five \
             January nineteen eighty six; they met on February twenty second.",
            "2019-04-29",
            &[
                (
                    "January twenty fifth, nineteen eighty six",
                    Some("1986-01-25"),
                ),
                (
                    "twenty five January nineteen eighty six",
                    Some("1986-01-25"),
                ),
                ("February twenty second", Some("2019-02-22")),
            ],
        ),
        (
            "On May 5, two thousand people marched.",
            "2019-06-01",
            &[("May 5", Some("2019-05-05"))],
        ),
        (
            "Troops landed on June 6 of 1944, the fourth of July of 1995 was quiet.",
            "2019-04-29",
            &[
                ("June 6 of 1944", Some("1944-06-06")),
                ("the fourth of July of 1995", Some("1995-07-04")),
            ],
        ),
        (
            "Work starts in the next quarter or the next decade, after the previous decade.",
            "2019-04-29",
            &[
                ("the next quarter", Some("2019-Q3")),
                ("the next decade", Some("202")),
                ("the previous decade", Some("200")),
            ],
        ),
        (
            "Cases rose over the past fortnight and may fall in the next fortnight.",
            "2021-05-17",
            &[
                ("the past fortnight", Some("P2W")),
                ("the next fortnight", Some("P2W")),
            ],
        ),
        (
            "They met a couple weeks ago and will meet over the next couple weeks.",
            "2019-04-29",
            &[
                ("a couple weeks ago", Some("2019-W16")),
                ("the next couple weeks", Some("P2W")),
            ],
        ),
        (
            "Ministers met on 18 and 19 June.",
            "2019-06-25",
            &[("18", Some("2019-06-18")), ("19 June", Some("2019-06-19"))],
        ),
        (
            "It happened on Feb. 29; the next vote is on Feb. 29.",
            "2019-04-29",
            &[
                ("Feb. 29", Some("2016-02-29")),
                ("Feb. 29", Some("2020-02-29")),
            ],
        ),
    ]);
}

#[test]
fn more_holidays_and_periodic_adjectives() {
    check(&[
        (
            "They marched on Martin Luther King Jr. Day, Presidents' Day and Columbus Day.",
            "1999-11-01",
            &[
                ("Martin Luther King Jr. Day", Some("1999-01-18")),
                ("Presidents' Day", Some("1999-02-15")),
                ("Columbus Day", Some("1999-10-11")),
            ],
        ),
        (
            "Workers marched on May Day; parades followed on St. Patrick's Day, Bastille Day, \
             Remembrance Day, Inauguration Day and Juneteenth.",
            "2021-12-01",
            &[
                ("May Day", Some("2021-05-01")),
                ("St. Patrick's Day", Some("2021-03-17")),
                ("Bastille Day", Some("2021-07-14")),
                ("Remembrance Day", Some("2021-11-11")),
                ("Inauguration Day", Some("2021-01-20")),
                ("Juneteenth", Some("2021-06-19")),
            ],
        ),
        (
            "Unions marched on International Workers' Day; the workers' day off was Monday.",
            "2021-12-01",
            &[
                ("International Workers' Day", Some("2021-05-01")),
                ("Monday", Some("2021-11-29")),
            ],
        ),
        (
            "The semiannual dividend, a semi-annual report and bi-weekly meetings; bi-monthly \
             drills.",
            "2021-12-01",
            &[
                ("semiannual", Some("P6M")),
                ("semi-annual", Some("P6M")),
                ("bi-weekly", Some("P2W")),
            ],
        ),
    ]);
}

#[test]
fn the_week_of_a_day_and_the_same_year() {
    check(&[
        (
            "During the week of March 6, he left.",
            "2000-03-20",
            &[("the week of March 6", Some("2000-W10"))],
        ),
        (
            "He was born on May 5, 1950. That same year his father died.",
            "2000-03-20",
            &[
                ("May 5, 1950", Some("1950-05-05")),
                ("That same year", Some("1950")),
            ],
        ),
        (
            "Smog filled the whole 1st quarter of 2013; they meet every other Friday.",
            "2019-04-29",
            &[
                ("1st quarter of 2013", Some("2013-Q1")),
                ("every other Friday", Some("XXXX-WXX-5")),
            ],
        ),
        (
            "He arrived on May 5, 1999. That week he met her, and that weekend they married. \
             Profit fell in the second quarter; results for that quarter were poor.",
            "2000-03-20",
            &[
                ("May 5, 1999", Some("1999-05-05")),
                ("That week", Some("1999-W18")),
                ("that weekend", Some("1999-W18-WE")),
                ("the second quarter", Some("1999-Q2")),
                ("that quarter", Some("1999-Q2")),
            ],
        ),
        ("That week was hard, that month too.", "2000-03-20", &[]),
        (
            "The talks began in June 1998 and ended the same month.",
            "2000-03-20",
            &[
                ("June 1998", Some("1998-06")),
                ("the same month", Some("1998-06")),
            ],
        ),
    ]);
}

#[test]
fn two_days_off_clock_days_apart_and_short_year_spans() {
    check(&[
        (
            "He left the day before yesterday and returns the day after tomorrow.",
            "2019-06-05",
            &[
                ("the day before yesterday", Some("2019-06-03")),
                ("the day after tomorrow", Some("2019-06-07")),
            ],
        ),
        (
            "The ceasefire will begin at 6 a.m. local time on Sunday; talks ended at 9 p.m. on \
             Friday.",
            "2019-06-05",
            &[
                ("6 a.m.", Some("2019-06-09T06:00")),
                ("Sunday", Some("2019-06-09")),
                ("9 p.m.", Some("2019-05-31T21:00")),
                ("Friday", Some("2019-05-31")),
            ],
        ),
        (
            "Shots rang out around midnight and again shortly after noon, in the small hours \
             of Sunday; Midnight Express played.",
            "2019-06-05",
            &[
                ("around midnight", Some("2019-06-05T24:00")),
                ("noon", Some("2019-06-05T12:00")),
                ("Sunday", Some("2019-06-02")),
            ],
        ),
        (
            "Output fell in 1990-95, in the winter of 1995-96 and the 1998-99 budget; call \
             2010-45-22.",
            "2019-06-05",
            &[
                ("1990", Some("1990")),
                ("95", Some("1995")),
                ("the winter of 1995-96", Some("1995-WI")),
                ("1998", Some("1998")),
                ("99", Some("1999")),
            ],
        ),
    ]);
}

#[test]
fn halves_of_counts_parts_of_centuries_and_days_before_at() {
    check(&[
        (
            "He served three and a half years, a quarter-century after the war, half a \
             century ago.",
            "2019-06-05",
            &[
                ("three and a half years", Some("P3Y6M")),
                ("a quarter-century", Some("P25Y")),
                ("half a century ago", Some("1969")),
            ],
        ),
        (
            "Prices doubled in the past half-century; a quarter of the shares fell.",
            "2019-06-05",
            &[("the past half-century", Some("P50Y"))],
        ),
        (
            "They meet Monday at 3 p.m. and on May 5 at noon.",
            "2019-06-05",
            &[
                ("Monday", Some("2019-06-03")),
                ("3 p.m.", Some("2019-06-03T15:00")),
                ("May 5", Some("2019-05-05")),
                ("noon", Some("2019-05-05T12:00")),
            ],
        ),
        (
            "Rain fell in mid-March and between March and May.",
            "2019-06-05",
            &[
                ("mid-March", Some("2019-03")),
                ("March", Some("2019-03")),
                ("May", Some("2019-05")),
            ],
        ),
    ]);
}

#[test]
fn periods_of_next_year_and_parts_of_tomorrow() {
    check(&[
        (
            "Growth slows in the second half of next year, after the spring of last year.",
            "2019-06-05",
            &[
                ("the second half of next year", Some("2020-H2")),
                ("the spring of last year", Some("2018-SP")),
            ],
        ),
        (
            "Troops move in tomorrow night; shots were fired in the early hours of Monday.",
            "2019-06-05",
            &[
                ("tomorrow night", Some("2019-06-06TNI")),
                ("Monday", Some("2019-06-03")),
            ],
        ),
    ]);
}

#[test]
fn clock_asides_after_local_time_and_day_first_dates_after_weekdays() {
    check(&[
        (
            "The crash happened at 10:00 local time (0800 UTC) on Tuesday.",
            "2008-03-12",
            &[
                ("10:00", Some("2008-03-11T10:00")),
                ("Tuesday", Some("2008-03-11")),
            ],
        ),
        (
            "It opened on Wednesday 12 March 2008; on Friday 13 people died in March.",
            "2008-03-20",
            &[
                ("Wednesday 12 March 2008", Some("2008-03-12")),
                ("Friday", Some("2008-03-14")),
                ("March", Some("2008-03")),
            ],
        ),
    ]);
}

#[test]
fn day_first_may_and_march_and_day_ranges_before_the_month() {
    check(&[
        (
            "It was 12 May; the summit runs from 12 to 14 March, and 3rd May.",
            "2008-03-12",
            &[
                ("12 May", Some("2008-05-12")),
                ("12", Some("2008-03-12")),
                ("14 March", Some("2008-03-14")),
                ("3rd May", Some("2008-05-03")),
            ],
        ),
        (
            "He may march 12 miles; prices rose 5 may.",
            "2008-03-12",
            &[],
        ),
    ]);
}

#[test]
fn decades_with_an_apostrophe_and_weeks_ended() {
    check(&[
        (
            "Talks resume the week after next; prices peaked the year before last.",
            "2023-03-08",
            &[
                ("the week after next", Some("2023-W12")),
                ("the year before last", Some("2021")),
            ],
        ),
        (
            "Debt peaked at end-2019 and falls by end-June; the end-user price rose.",
            "2023-03-12",
            &[("end-2019", Some("2019")), ("end-June", Some("2023-06"))],
        ),
        (
            "The fair ran from April 29 to May 3, 2019, and from Dec. 28 through Jan. 3, 2020.",
            "2023-03-12",
            &[
                ("April 29", Some("2019-04-29")),
                ("May 3, 2019", Some("2019-05-03")),
                ("Dec. 28", Some("2019-12-28")),
                ("Jan. 3, 2020", Some("2020-01-03")),
            ],
        ),
        (
            "The wall stood for hundreds of years; thousands of years ago thousands of people \
             lived there.",
            "2023-03-12",
            &[
                ("hundreds of years", Some("PXY")),
                ("thousands of years ago", Some("PAST_REF")),
            ],
        ),
        (
            "The board meets three times a year, every few years it moves, and each spring it \
             votes.",
            "2023-03-12",
            &[
                ("three times a year", Some("P1Y")),
                ("every few years", Some("PXY")),
                ("each spring", Some("XXXX-SP")),
            ],
        ),
        (
            "Police came at 11.30 a.m., left at 2.46pm and returned at 9:30 in the morning; \
             shares rose 2.46 percent.",
            "2023-03-12",
            &[
                ("11.30 a.m.", Some("2023-03-12T11:30")),
                ("2.46pm", Some("2023-03-12T14:46")),
                ("9:30 in the morning", Some("2023-03-12T09:30")),
            ],
        ),
        (
            "Emissions must fall no later than 2030; more than 2030 people marched.",
            "2023-03-12",
            &[("2030", Some("2030"))],
        ),
        (
            "Guards stood there 24 hours a day, seven days a week, for a week.",
            "1998-11-02",
            &[
                ("24 hours", Some("PT24H")),
                ("seven days", Some("P7D")),
                ("a week", Some("P1W")),
            ],
        ),
        (
            "Since the 1990's, and in 1998's budget, sales fell in the week ended Oct. 20.",
            "1998-11-02",
            &[
                ("the 1990's", Some("199")),
                ("1998", Some("1998")),
                ("the week", Some("P1W")),
                ("Oct. 20", Some("1998-10-20")),
            ],
        ),
    ]);
}

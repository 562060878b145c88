//! Numeric claims by family: (text, expected (extent, value, low, high, unit, hedge)).

use chronicle_facts::extract_claims;

type Want = (
    &'static str,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<&'static str>,
    Option<&'static str>,
);

fn check(cases: &[(&str, &[Want])]) {
    for (text, expected) in cases {
        let got: Vec<Want> = extract_claims(text)
            .into_iter()
            .map(|c| {
                let unit: Option<&'static str> = c.unit.map(|u| &*Box::leak(u.into_boxed_str()));
                let hedge: Option<&'static str> = c.hedge.map(|u| &*Box::leak(u.into_boxed_str()));
                let extent: &'static str = Box::leak(text[c.range].to_string().into_boxed_str());
                (extent, c.value, c.low, c.high, unit, hedge)
            })
            .collect();
        assert_eq!(&got, expected, "{text:?}");
    }
}

#[test]
fn counts_and_hedges() {
    check(&[
        (
            "an estimated 1 million Uighurs held",
            &[(
                "an estimated 1 million Uighurs",
                Some(1e6),
                None,
                None,
                Some("Uighurs"),
                Some("estimated"),
            )],
        ),
        (
            "more than 120 reporters came",
            &[(
                "more than 120 reporters",
                Some(120.0),
                Some(120.0),
                None,
                Some("reporters"),
                Some("at least"),
            )],
        ),
        (
            "He answered less than 10 questions.",
            &[(
                "less than 10 questions",
                Some(10.0),
                None,
                Some(10.0),
                Some("questions"),
                Some("at most"),
            )],
        ),
        (
            "photos of thousands of people",
            &[(
                "thousands of people",
                None,
                Some(1e3),
                None,
                Some("people"),
                None,
            )],
        ),
        (
            "two Chinese tech giants",
            &[(
                "two Chinese tech giants",
                Some(2.0),
                None,
                None,
                Some("Chinese tech giants"),
                None,
            )],
        ),
        (
            "a dozen protesters",
            &[(
                "a dozen protesters",
                Some(12.0),
                None,
                None,
                Some("protesters"),
                None,
            )],
        ),
        (
            "over 1 million Uygurs have reportedly been held",
            &[(
                "over 1 million Uygurs",
                Some(1e6),
                Some(1e6),
                None,
                Some("Uygurs"),
                Some("at least"),
            )],
        ),
        (
            "1 million Uygurs have reportedly been held",
            &[(
                "1 million Uygurs",
                Some(1e6),
                None,
                None,
                Some("Uygurs"),
                Some("reportedly"),
            )],
        ),
    ]);
}

#[test]
fn ranges_ratios_money_percent() {
    check(&[
        (
            "between 800,000 and two million Muslims",
            &[(
                "between 800,000 and two million Muslims",
                None,
                Some(8e5),
                Some(2e6),
                Some("Muslims"),
                None,
            )],
        ),
        (
            "800,000 to 2 million people",
            &[(
                "800,000 to 2 million people",
                None,
                Some(8e5),
                Some(2e6),
                Some("people"),
                None,
            )],
        ),
        (
            "between 1 and 2 million people",
            &[(
                "between 1 and 2 million people",
                None,
                Some(1e6),
                Some(2e6),
                Some("people"),
                None,
            )],
        ),
        (
            "It rejected 62 of 346 UPR recommendations.",
            &[
                (
                    "62 of 346 UPR recommendations",
                    Some(62.0),
                    None,
                    None,
                    Some("UPR recommendations"),
                    None,
                ),
                (
                    "62 of 346 UPR recommendations",
                    Some(346.0),
                    None,
                    None,
                    Some("UPR recommendations"),
                    None,
                ),
            ],
        ),
        (
            "It raised $1.5bn last year.",
            &[("$1.5bn", Some(1.5e9), None, None, Some("USD"), None)],
        ),
        (
            "Turnout was 62% in the city.",
            &[("62%", Some(62.0), None, None, Some("percent"), None)],
        ),
        (
            "a multibillion-dollar initiative",
            &[(
                "multibillion-dollar",
                None,
                Some(1e9),
                None,
                Some("USD"),
                None,
            )],
        ),
    ]);
}

#[test]
fn not_claims() {
    check(&[
        ("In 2019 he was one of the leaders.", &[]),
        ("The 45-year-old man left on May 3.", &[]),
        ("Google Ads 1", &[]),
        ("Covid-19 spread in the G20.", &[]),
        ("1. Introduction", &[]),
        ("the annual “two sessions” meetings", &[]),
        ("It lasted 45 minutes.", &[]),
    ]);
}

#[test]
fn comparatives_and_spaced_ranges() {
    check(&[
        (
            "horsepower exceeding 150",
            &[(
                "exceeding 150",
                Some(150.0),
                Some(150.0),
                None,
                None,
                Some("at least"),
            )],
        ),
        (
            "no more than 12 delegates",
            &[(
                "no more than 12 delegates",
                Some(12.0),
                None,
                Some(12.0),
                Some("delegates"),
                Some("at most"),
            )],
        ),
        (
            "about 500 or more products",
            &[(
                "about 500 or more products",
                Some(500.0),
                Some(500.0),
                None,
                Some("products"),
                Some("at least"),
            )],
        ),
        (
            "1000 - 5000 troops",
            &[(
                "1000 - 5000 troops",
                None,
                Some(1000.0),
                Some(5000.0),
                Some("troops"),
                None,
            )],
        ),
    ]);
}

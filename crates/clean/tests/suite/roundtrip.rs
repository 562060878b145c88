//! Offset round trips: every character of the clean text maps back to the same character of
//! the source, through the examples shipped with the repository.

use chronicle_clean::{clean_html, clean_text};
use std::path::Path;

#[test]
fn seed_examples_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} not found", dir.display());
        return;
    };
    for e in entries {
        let path = e.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let input = std::fs::read_to_string(&path).unwrap();
        let c = clean_text(&input);
        crate::assert_aligned(&input, &c);
        // Character by character through `source_span`.
        for (i, ch) in c.text.text.char_indices() {
            let span = c.text.source_span(i..i + ch.len_utf8());
            let src = &input[span.range()];
            if src.len() == ch.len_utf8() {
                assert_eq!(src.chars().next(), Some(ch));
            }
        }
    }
}

#[test]
fn entities_map_to_their_source() {
    let input = "<html><body><article><p>Tom &amp; Jerry&#8217;s &quot;show&quot; &nbsp;ran \
                 for 10&nbsp;years, said the network in a statement on Monday.</p></article></body></html>";
    let c = clean_html(input);
    crate::assert_aligned(input, &c);
    let text = &c.text.text;
    let amp = text.find('&').expect("decoded ampersand");
    assert_eq!(&input[c.text.source_span(amp..amp + 1).range()], "&amp;");
    let apos = text.find('’').expect("decoded apostrophe");
    assert_eq!(
        &input[c.text.source_span(apos..apos + '’'.len_utf8()).range()],
        "&#8217;"
    );
    let tom = text.find("Tom").unwrap();
    assert_eq!(&input[c.text.source_span(tom..tom + 3).range()], "Tom");
}

#[test]
fn declared_article_body_drops_blocks_it_does_not_hold() {
    let para = |n: usize| {
        format!(
            "<p>The harbour board met on day {n} to weigh the dredging plan, the tide tables \
             and the cost of moving the old pier further out into the bay.</p>"
        )
    };
    let body: String = (1..=6).map(para).collect();
    let declared: String = (1..=6)
        .map(|n| {
            format!(
                "The harbour board met on day {n} to weigh the dredging plan, the tide tables \
                 and the cost of moving the old pier further out into the bay. "
            )
        })
        .collect();
    let input = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
         \"articleBody\":\"{declared}\"}}</script></head><body><article>{body}\
         <p>Grab a pair of wireless headphones at forty percent off during the winter \
         sale, only while stocks last.</p></article></body></html>"
    );
    let c = clean_html(&input);
    crate::assert_aligned(&input, &c);
    assert!(c.text.text.contains("on day 6 to weigh"), "{}", c.text.text);
    assert!(!c.text.text.contains("headphones"), "{}", c.text.text);
    assert!(c.removed.iter().any(|r| r.reason == "undeclared"));
}

/// A paragraph of prose long enough to count as content.
fn board_paragraph(topic: &str, n: usize) -> String {
    format!(
        "<p>The {topic} board met on day {n} to weigh the dredging plan, the tide tables and \
         the cost of moving the old pier further out into the bay.</p>"
    )
}

#[test]
fn furniture_before_the_heading_inside_the_content_goes() {
    let para = |n: usize| board_paragraph("harbour", n);
    let body: String = (1..=6).map(para).collect();
    let input = format!(
        "<html><body><div class=\"wrap\"><div><span>Asked 13 years ago</span> \
         <span>Viewed 11k times</span></div><h1>Harbour dredging</h1>{body}</div></body></html>"
    );
    let c = clean_html(&input);
    crate::assert_aligned(&input, &c);
    assert!(c.text.text.contains("on day 6 to weigh"), "{}", c.text.text);
    assert!(!c.text.text.contains("Viewed 11k"), "{}", c.text.text);
    // A heading in the middle of the prose leaves the prose before it alone.
    let late = format!(
        "<html><body><div class=\"wrap\">{}<h1>Harbour dredging</h1>{}</div></body></html>",
        (1..=3).map(para).collect::<String>(),
        (4..=6).map(para).collect::<String>()
    );
    let c = clean_html(&late);
    assert!(c.text.text.contains("on day 1 to weigh"), "{}", c.text.text);
}

#[test]
fn short_blocks_after_the_last_sentence_go() {
    let body: String = (1..=8).map(|n| board_paragraph("harbour", n)).collect();
    let input = format!(
        "<html><body><article><h1>Harbour dredging</h1>{body}<div>Filed under:</div>\
         <div>Jane Doe</div><div>12 votes</div></article></body></html>"
    );
    let c = clean_html(&input);
    crate::assert_aligned(&input, &c);
    assert!(
        c.text.text.ends_with("out into the bay."),
        "{}",
        c.text.text
    );
    assert!(c.removed.iter().any(|r| r.reason == "tail"));
}

#[test]
fn the_article_holding_the_heading_is_the_content() {
    let story: String = (1..=6).map(|n| board_paragraph("harbour", n)).collect();
    let next: String = (1..=3).map(|n| board_paragraph("river", n)).collect();
    let input = format!(
        "<html><body><div class=\"wrap\"><article><h1>Harbour dredging</h1>{story}</article>\
         <div><h2>Next story</h2>{next}</div></div></body></html>"
    );
    let c = clean_html(&input);
    crate::assert_aligned(&input, &c);
    assert!(
        c.text.text.contains("harbour board met on day 6"),
        "{}",
        c.text.text
    );
    assert!(!c.text.text.contains("river board"), "{}", c.text.text);
}

#[test]
fn accordion_panels_named_by_their_container_are_content() {
    let intro: String = (1..=3).map(|n| board_paragraph("harbour", n)).collect();
    let input = format!(
        "<html><body><main><h1>Harbour dredging</h1>{intro}\
         <div class=\"es-accordion\"><button>Week 1</button>\
         <div id=\"panel_0\" style=\"display:none\">{}</div></div>\
         <div><button>Week 2</button><div role=\"region\" style=\"display:none\">{}</div></div>\
         <div class=\"modal\" style=\"display:none\"><p>Sign in to see the harbour \
         board's documents and the minutes of its meetings.</p></div>\
         </main></body></html>",
        board_paragraph("river", 1),
        board_paragraph("canal", 2)
    );
    let c = clean_html(&input);
    crate::assert_aligned(&input, &c);
    assert!(c.text.text.contains("river board"), "{}", c.text.text);
    assert!(c.text.text.contains("canal board"), "{}", c.text.text);
    assert!(!c.text.text.contains("Sign in"), "{}", c.text.text);
}

#[test]
fn nested_reply_threads_are_judged_against_the_page_not_their_siblings() {
    let comment = |who: &str, n: usize| {
        format!(
            "<li class=\"comment\"><p>{who} wrote on day {n}: the dredging plan ignores the tide \
             tables and the cost of moving the old pier further out into the bay, and the \
             harbour board has not answered the letters sent about it since the spring.</p>"
        )
    };
    let replies: String = (1..=4).map(|n| comment("Reply", n)).collect();
    let threads: String = (1..=10).map(|n| comment("Member", n)).collect();
    let input = format!(
        "<html><body><div class=\"story\"><h1>Harbour dredging</h1>\
         <a href=\"https://example.org/dredging\">example.org</a></div>\
         <ol class=\"comments\">{threads}<ol class=\"comments\">{replies}</ol></li></ol>\
         </body></html>"
    );
    let c = clean_html(&input);
    crate::assert_aligned(&input, &c);
    assert!(
        c.text.text.contains("Member wrote on day 1"),
        "{}",
        c.text.text
    );
    assert!(
        c.text.text.contains("Reply wrote on day 4"),
        "{}",
        c.text.text
    );
}

#[test]
fn labels_of_controls_go() {
    let cards: String = (1..=6)
        .map(|n| {
            format!(
                "<div class=\"card\"><h3>Trail shoe {n}</h3><p>A light trail shoe with a rock \
                 plate, a grippy outsole and a roomy toe box for long days.</p>\
                 <label>Compare</label><div>Add to Cart</div></div>"
            )
        })
        .collect();
    let input = format!(
        "<html><body><main><h1>Trail shoes</h1><div class=\"grid\">{cards}</div>\
         <div>Loading...</div></main></body></html>"
    );
    let c = clean_html(&input);
    crate::assert_aligned(&input, &c);
    assert!(c.text.text.contains("Trail shoe 6"), "{}", c.text.text);
    assert!(!c.text.text.contains("Compare"), "{}", c.text.text);
    assert!(!c.text.text.contains("Add to Cart"), "{}", c.text.text);
    assert!(c.removed.iter().any(|r| r.reason == "control"));
}

#[test]
fn linked_headings_followed_by_a_snippet_are_card_titles() {
    let cards: String = (1..=5)
        .map(|n| {
            format!(
                "<article class=\"teaser\"><h3><a href=\"/story/{n}\">Harbour story {n}</a></h3>\
                 <time>May {n}, 2024</time><p>The harbour board met on day {n} to weigh the \
                 dredging plan, the tide tables and the cost of moving the old pier.</p></article>"
            )
        })
        .collect();
    let input = format!(
        "<html><body><main><h1>Harbour news</h1><div class=\"feed\">{cards}</div>\
         <h3><a href=\"/other\">Other news from the river</a></h3>\
         <h3><a href=\"/more\">More news from the canal</a></h3></main></body></html>"
    );
    let c = clean_html(&input);
    crate::assert_aligned(&input, &c);
    assert!(c.text.text.contains("Harbour story 1"), "{}", c.text.text);
    assert!(c.text.text.contains("Harbour story 5"), "{}", c.text.text);
    assert!(c.text.text.contains("on day 5 to weigh"), "{}", c.text.text);
    assert!(!c.text.text.contains("river"), "{}", c.text.text);
}

/// A page whose menu of links outweighs its content, so that the 40 % guard does not hold.
fn menu_of_links() -> String {
    (1..=60)
        .map(|n| {
            format!("<li><a href=\"/topic/{n}\">Topic number {n} of the harbour guide</a></li>")
        })
        .collect()
}

/// Cleans `input`, checks the alignment invariant, and checks that the text holds every one of
/// `kept` and none of `dropped`; returns the result for further checks.
fn check_clean(input: &str, kept: &[&str], dropped: &[&str]) -> chronicle_clean::Cleaned {
    let c = clean_html(input);
    crate::assert_aligned(input, &c);
    for k in kept {
        assert!(
            c.text.text.contains(k),
            "{k:?} missing from {}",
            c.text.text
        );
    }
    for d in dropped {
        assert!(!c.text.text.contains(d), "{d:?} kept in {}", c.text.text);
    }
    c
}

/// Two paragraphs of content on `topic`.
fn two_paragraphs(topic: &str) -> String {
    board_paragraph(topic, 1) + &board_paragraph(topic, 2)
}

/// A product's page (`og:type` product) with `extra` between its heading and its description.
fn product_page(extra: &str) -> String {
    format!(
        "<html><head><meta property=\"og:type\" content=\"product\"></head><body><main>\
         <h1>Harbour chart</h1>{extra}{}</main></body></html>",
        two_paragraphs("chart")
    )
}

#[test]
fn a_furniture_class_around_the_main_element_is_layout() {
    let input = format!(
        "<html><body><ul class=\"topics\">{}</ul><h1>Harbour dredging</h1>\
         <div class=\"row row-offcanvas\"><main>{}</main></div></body></html>",
        menu_of_links(),
        two_paragraphs("dredging")
    );
    check_clean(&input, &["The dredging board met on day 2"], &[]);
}

#[test]
fn a_furniture_class_around_the_heading_is_layout() {
    let input = format!(
        "<html><body><ul class=\"topics\">{}</ul><div class=\"sidebar-layout\">\
         <h1>Harbour dredging</h1>{}</div></body></html>",
        menu_of_links(),
        two_paragraphs("dredging")
    );
    check_clean(&input, &["The dredging board met on day 2"], &[]);
}

#[test]
fn questions_on_disclosure_buttons_are_content() {
    let faq: String = (1..=3)
        .map(|n| {
            format!(
                "<div class=\"faq-item\"><button aria-expanded=\"false\">How deep is berth {n} \
                 after dredging?</button><div class=\"answer\">{}</div></div>",
                board_paragraph("berth", n)
            )
        })
        .collect();
    let input = format!(
        "<html><body><main><h1>Harbour dredging</h1>{}{faq}\
         <button>Sign up</button></main></body></html>",
        board_paragraph("harbour", 1)
    );
    check_clean(
        &input,
        &[
            "How deep is berth 2 after dredging?",
            "The berth board met on day 3",
        ],
        &["Sign up"],
    );
}

#[test]
fn advice_to_the_reader_inside_the_content_stays() {
    let input = format!(
        "<html><body><article><h1>Budgeting a refit</h1>{}\
         <p>Keep your spreadsheet updated so you know where you are.</p>{}\
         <p>Subscribe to our newsletter</p></article></body></html>",
        board_paragraph("refit", 1),
        board_paragraph("refit", 2)
    );
    check_clean(&input, &["Keep your spreadsheet updated"], &["Subscribe"]);
}

#[test]
fn the_add_to_cart_form_of_a_product_page_goes() {
    let input = product_page(
        "<form action=\"/cart/add\"><label>Size Large Medium Small</label>\
         <div>Quantity selector for the chart</div><span>$22.00</span></form>",
    );
    check_clean(
        &input,
        &["The chart board met on day 2"],
        &["Quantity selector"],
    );
}

#[test]
fn price_lines_of_a_product_page_go() {
    let input = product_page("<div>From $22.00 or 4 payments</div>");
    let c = check_clean(&input, &["The chart board met on day 2"], &["$22.00"]);
    assert!(c.removed.iter().any(|r| r.reason == "price"));
}

#[test]
fn tallies_of_members_and_items_go() {
    let input = format!(
        "<html><body><main><h1>Harbour dredging</h1><div>29,553 posts</div>\
         <div>518 helpful votes</div>{}<div>12 replies to this topic</div></main></body></html>",
        two_paragraphs("dredging")
    );
    let c = check_clean(
        &input,
        &[
            "The dredging board met on day 2",
            "12 replies to this topic",
        ],
        &["29,553", "518 helpful"],
    );
    assert!(c.removed.iter().any(|r| r.reason == "counter"));
}

#[test]
fn a_trailing_ad_in_a_class_is_a_modifier() {
    let items: String = (1..=4)
        .map(|n| {
            format!(
                "<div class=\"items hide-read-more-ad\">{}</div>",
                board_paragraph("river", n)
            )
        })
        .collect();
    let input = format!(
        "<html><body><ul class=\"topics\">{}</ul><main><h1>Science</h1>{}{items}\
         <div class=\"top-ad\">Advert slot</div></main></body></html>",
        menu_of_links(),
        two_paragraphs("science")
    );
    check_clean(&input, &["The river board met on day 4"], &["Advert slot"]);
}

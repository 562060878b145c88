//! Main-content extraction: which part of the page is the article, and its text as blocks.
//!
//! 1. **Prune** what is never content: scripts, styles, hidden elements, `nav`, `aside`,
//!    `footer`, `header`, forms controls, figure captions, and elements whose class or id names
//!    page furniture (menus, share bars, cookie banners, related stories, comments sections,
//!    ads). A class-based prune is skipped when it would remove most of the page's text, since
//!    some sites wrap the whole page in a `sidebar-layout` or `has-menu` element.
//! 2. **Score** paragraph-like elements by their length and commas and credit their parent and
//!    grandparent (the readability idea), discounted by link density; the best scoring element
//!    is the content core.
//! 3. **Widen** the core to wrappers that add little other text, to a `<main>`/`<article>` that
//!    holds it, and to siblings that score well, since content is often split into sections.
//! 4. **Emit** blocks in document order, flattening inline markup, decoding entities as
//!    replaced segments and dropping blocks that are mostly links or stock boilerplate.

use super::entities;
use super::tree::{is_inline, Kind, Tree};
use crate::noise;
use crate::output::OutputBuilder;
use chronicle_core::{AlignedText, Removed, Span};
use std::collections::HashSet;
use std::ops::Range;

/// Tags that are never content.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "nav",
    "footer",
    "aside",
    "button",
    "select",
    "option",
    "iframe",
    "figcaption",
    "dialog",
    "input",
    "textarea",
    "object",
    "canvas",
    "video",
    "audio",
    "map",
    "head",
    "title",
    "menu",
    "header",
    "link",
    "meta",
];

/// Tags whose content is never readable text, pruned even when nothing else is.
const NO_TEXT_TAGS: &[&str] = &[
    "script", "style", "template", "svg", "math", "head", "title", "link", "meta", "iframe",
    "object", "canvas", "video", "audio", "select", "option", "textarea", "button",
];

/// Roles that mark page furniture.
const SKIP_ROLES: &[&str] = &[
    "navigation",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "menu",
    "menubar",
    "alertdialog",
    "toolbar",
];

/// Words in class or id that name page furniture; a class token equal to one of these or
/// starting with it followed by a separator or nothing marks the element.
const BOILER_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "sharing",
    "social",
    "related",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "promo",
    "advert",
    "ad",
    "ads",
    "advertisement",
    "sponsor",
    "sponsored",
    "pagination",
    "pager",
    "skip",
    "comments",
    "disqus",
    "respond",
    "tags",
    "tag-list",
    "byline",
    "caption",
    "credit",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
    "toolbar",
    "masthead",
    "recommended",
    "recirc",
    "outbrain",
    "taboola",
    "author-bio",
    "author-box",
    "most-popular",
    "trending",
    "login",
    "search",
    "offcanvas",
    "print",
    "toc",
    "meta",
    "post-meta",
    "entry-meta",
    "article-meta",
    "dateline",
    "timestamp",
    "share-bar",
    "wp-caption-text",
    "figcaption",
    "supplementary",
    "more-stories",
    "reviews",
    "ratings",
    "yotpo",
    "jdgm",
    "stamped",
    "okendo",
    "loox",
    "bv",
    "userextras",
    "userbanner",
    "signature",
    "postprofile",
    "author_statistics",
];

#[derive(Clone, Copy, Default)]
struct Stats {
    /// Non-white-space bytes of text in the kept part of the subtree.
    text: u32,
    /// Of those, bytes inside links.
    link: u32,
    /// Readability-style content score credited from paragraph-like descendants.
    score: f32,
    /// Text bytes of paragraph-like descendants that read as content (long, few links).
    good: u32,
}

/// The result of extraction before metadata: text, removed spans and blocks.
pub struct Extracted {
    pub text: AlignedText,
    pub removed: Vec<Removed>,
    pub blocks: Vec<Range<usize>>,
}

/// The page's own heading, white space collapsed: the title on most pages. The first `<h1>`,
/// unless it shares no word with the declared title (`og:title`, `<title>`) while a later
/// `<h1>` or an `<h2>` does: pages put their name or a menu heading in an `<h1>` too.
pub fn page_heading(src: &str, tree: &Tree, declared: Option<&str>) -> Option<String> {
    let text_of = |i: usize| {
        let mut text = String::new();
        for j in i + 1..tree.nodes[i].end.min(tree.nodes.len()) {
            if let Kind::Text(r) = &tree.nodes[j].kind {
                text.push_str(&entities::decode_all(&src[r.clone()]));
                text.push(' ');
            }
        }
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        (!t.is_empty() && t.len() < 400).then_some(t)
    };
    let headings: Vec<(bool, String)> = tree
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| matches!(n.name(), "h1" | "h2"))
        .take(40)
        .filter_map(|(i, n)| text_of(i).map(|t| (n.name() == "h1", t)))
        .collect();
    let first_h1 = headings.iter().find(|(h1, _)| *h1).map(|(_, t)| t.clone());
    let (Some(declared), Some(_)) = (declared, &first_h1) else {
        return first_h1;
    };
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(str::to_string)
            .collect()
    };
    let declared_words = words(declared);
    let overlap = |t: &str| {
        let w = words(t);
        let shared = w.iter().filter(|x| declared_words.contains(x)).count();
        shared as f32 / w.len().max(1) as f32
    };
    if first_h1.as_deref().is_some_and(|t| overlap(t) > 0.0) {
        return first_h1;
    }
    headings
        .iter()
        .find(|(_, t)| overlap(t) >= 0.5)
        .map(|(_, t)| t.clone())
        .or(first_h1)
}

pub fn extract(
    src: &str,
    tree: &Tree,
    title: Option<&str>,
    declared_body: Option<&str>,
) -> Extracted {
    let kind = PageKind::of(src);
    let declared = declared_body.and_then(Declared::of);
    let declared = declared.as_ref();
    let mut ex = extract_pruned(src, tree, title, Pruning::Strict, kind, declared);
    // Some pages ship their content hidden until a script reveals it (React streaming into
    // `<div hidden>`, anti-flicker `visibility:hidden` wrappers, forums that serve crawlers a
    // `<noscript>` copy), others wrap it in `<header>` or `<aside>` sections; when pruning leaves
    // nearly nothing, it is relaxed step by step.
    for pruning in [Pruning::Lenient, Pruning::Minimal] {
        if ex.text.text.len() >= 200 {
            break;
        }
        let retry = extract_pruned(src, tree, title, pruning, kind, declared);
        if retry.text.text.len() > 3 * ex.text.text.len().max(100) {
            ex = retry;
        }
    }
    ex
}

/// How much markup pass 1 prunes before any class-name judgement.
#[derive(Clone, Copy, PartialEq)]
enum Pruning {
    /// Never-content tags, hidden elements and furniture roles.
    Strict,
    /// Never-content tags, except `<noscript>`: no judgement on visibility or roles.
    Lenient,
    /// Only tags that never hold readable text (scripts, styles, head, embedded media).
    Minimal,
}

fn extract_pruned(
    src: &str,
    tree: &Tree,
    title: Option<&str>,
    pruning: Pruning,
    kind: PageKind,
    declared: Option<&Declared>,
) -> Extracted {
    let n = tree.nodes.len();
    let mut skip = vec![false; n];
    let mut removed = Vec::new();
    let prose = prose_text(src, tree);
    // Pass 1: tag, attribute and role pruning, top-down (parents come first in the arena).
    for i in 1..n {
        let node = &tree.nodes[i];
        if skip[node.parent] {
            skip[i] = true;
            continue;
        }
        if let Kind::Element { name, .. } = &node.kind {
            let pruned = match pruning {
                Pruning::Strict => hard_skip(src, tree, i, name, &prose),
                Pruning::Lenient => name != "noscript" && SKIP_TAGS.contains(&name.as_str()),
                Pruning::Minimal => NO_TEXT_TAGS.contains(&name.as_str()),
            };
            if pruned {
                skip[i] = true;
                note_removed(tree, i, &mut removed, "markup");
            }
        }
    }
    let hard_skip_only = skip.clone();
    let stats = compute_stats(src, tree, &skip);
    let total = stats[0].text.max(1);
    let forum = kind.forum;
    // Prose outside every comment section: nested reply threads are judged against the page's
    // other text, not against their sibling replies.
    let outside_comments = if forum {
        0
    } else {
        prose_outside_comments(src, tree, &skip, &stats)
    };
    // Pass 2: class and id pruning, unless the element holds most of the page's text, the
    // page's own `<main>` or its first `<h1>`: a wrapper around the declared content or the
    // page's heading is layout ("row-offcanvas" holding `<main>` and a sidebar,
    // "sidebar-layout"), not furniture.
    let main_at = declared_main(src, tree, &skip);
    let h1_at = (1..n).find(|&i| !skip[i] && tree.nodes[i].name() == "h1");
    let layout = |i: usize| {
        [main_at, h1_at]
            .iter()
            .any(|m| m.is_some_and(|m| is_ancestor(tree, i, m)))
    };
    let mut class_removed = Vec::new();
    for i in 1..n {
        let node = &tree.nodes[i];
        if skip[i] {
            continue;
        }
        if skip[node.parent] {
            skip[i] = true;
            continue;
        }
        if !matches!(node.kind, Kind::Element { .. }) {
            continue;
        }
        // Reader comments under an article can outweigh it; they are pruned whatever their
        // size when the page has an article's worth of prose outside them (on forums the
        // opening post is short and the replies are the content).
        // A comment section that stays is the discussion the page is about: its nested reply
        // lists are not furniture either, whatever their size.
        let comments = comment_section(src, tree, i);
        if comments && !forum && outside_comments >= ARTICLE_OUTSIDE_COMMENTS {
            skip[i] = true;
            note_removed(tree, i, &mut class_removed, "comments");
        } else if !comments
            && !layout(i)
            && boiler_class(src, tree, i)
            && (stats[i].text as f32) < 0.4 * total as f32
            && !(stats[i].good >= WEAK_CLASS_PROSE && weak_class(src, tree, i))
        {
            skip[i] = true;
            note_removed(tree, i, &mut class_removed, "boilerplate");
        }
    }
    // Pass 3: on a product's page, lists of other products' cards (each with a price) are
    // recommendations ("similar items", "complete the set"), and the add-to-cart form (variant
    // pickers, quantity, price) is the shop's control, unless they are most of the page.
    if kind.product {
        let priced = priced_nodes(src, tree);
        for i in 1..n {
            let cart_form = tree.nodes[i].name() == "form"
                && tree.nodes[i]
                    .attr(src, "action")
                    .is_some_and(|a| a.to_ascii_lowercase().contains("cart"));
            if skip[i]
                || (stats[i].text as f32) >= 0.4 * total as f32
                || !(cart_form || card_list(src, tree, &skip, &priced, i))
            {
                continue;
            }
            skip[i..tree.nodes[i].end.min(n)].fill(true);
            note_removed(tree, i, &mut class_removed, "related");
        }
    }
    // Pass 4: sections that a heading announces as furniture ("Customers also viewed",
    // "Related articles", "Reviews"): the widest element the heading opens.
    for i in 1..n {
        if skip[i] || !is_heading(tree.nodes[i].name()) || !furniture_heading(src, tree, i) {
            continue;
        }
        let section = heading_section(src, tree, &skip, &stats, i, total);
        skip[section..tree.nodes[section].end.min(n)].fill(true);
        note_removed(tree, section, &mut class_removed, "related");
    }
    let mut ex = emit_content(src, tree, &skip, title, kind, declared);
    // When class names pruned nearly everything, the site named its content with furniture
    // words; judge the page by its tags alone.
    if ex.text.text.len() < 200 && total > 1000 {
        let retry = emit_content(src, tree, &hard_skip_only, title, kind, declared);
        if retry.text.text.len() > ex.text.text.len() {
            ex = retry;
            class_removed.clear();
        }
    }
    removed.append(&mut class_removed);
    removed.append(&mut ex.removed);
    removed.sort_by_key(|r| r.span.start);
    ex.removed = removed;
    ex
}

fn emit_content(
    src: &str,
    tree: &Tree,
    skip: &[bool],
    title: Option<&str>,
    kind: PageKind,
    declared: Option<&Declared>,
) -> Extracted {
    let stats = compute_stats(src, tree, skip);
    let mut roots = choose_roots(src, tree, skip, &stats);
    narrow_to_article(tree, skip, &stats, &mut roots);
    let pre = before_heading(tree, skip, &stats, &roots);
    let skip: &[bool] = pre.as_deref().unwrap_or(skip);
    let emit = |keep_links: bool, filter: bool| {
        let mut em = Emitter {
            src,
            out: OutputBuilder::new(),
            link_depth: 0,
            stats: &stats,
            block_card: false,
            block_chars: 0,
            block_link_chars: 0,
            pre_depth: 0,
            removed: Vec::new(),
            title: title.map(str::to_string),
            keep_links,
            kept_chars: 0,
            link_dropped_chars: 0,
            seen: HashSet::new(),
            mojibake: kind.mojibake,
            product: kind.product,
            declared,
            filter: declared.filter(|_| filter),
            kept_words: 0,
            kept_vocab: HashSet::new(),
        };
        for &r in &roots {
            em.emit(tree, skip, r);
        }
        em.close_block();
        em
    };
    let mut em = emit(false, false);
    // When most of the content area is lists of links, the links are the content (listings,
    // catalogues, link aggregators).
    let keep_links = em.link_dropped_chars > em.kept_chars;
    if keep_links {
        em = emit(true, false);
    }
    // A declared article body that the area holds nearly all of, and that is not a mere
    // excerpt of it, tells which of the area's blocks are the article: the others are
    // sidebars, deal cards and author boxes inside the container.
    if declared.is_some_and(|d| d.confirmed_by(em.kept_words, &em.kept_vocab)) {
        let filtered = emit(keep_links, true);
        if filtered.kept_chars > 0 {
            em = filtered;
        }
    }
    // Short blocks after the last sentence-sized one are the area's furniture (share bars,
    // tags, author lines, "Loading..."), when they are a small part of it.
    let (text, blocks, tail) = em.out.finish_trimmed(TAIL_MIN_WORDS, TAIL_SHARE);
    let mut removed = em.removed;
    removed.extend(tail.into_iter().map(|span| Removed {
        span,
        reason: "tail".to_string(),
    }));
    Extracted {
        text,
        removed,
        blocks,
    }
}

/// Words of a block that ends the content; the short blocks after the last one go when they
/// hold under `TAIL_SHARE` of the words.
const TAIL_MIN_WORDS: usize = 10;
const TAIL_SHARE: f32 = 0.05;

fn hard_skip(src: &str, tree: &Tree, i: usize, name: &str, prose: &[u32]) -> bool {
    let node = &tree.nodes[i];
    // A `<header>` holding paragraphs of prose is a section of the article (site builders use
    // it for the body of blog posts), not the page header.
    if SKIP_TAGS.contains(&name)
        && !(name == "header" && prose[i] >= HEADER_PROSE)
        && !(name == "button" && disclosure_toggle(src, tree, i))
    {
        return true;
    }
    // React streams server-rendered content into `<div hidden id="S:n">` and moves it into
    // place with a script: it is the page, not hidden furniture.
    let streamed = node.attr(src, "id").is_some_and(|id| id.starts_with("S:"));
    let hidden = (node.attr(src, "hidden").is_some() && !streamed)
        || node
            .attr(src, "aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || node.attr(src, "style").is_some_and(|style| {
            let s = style.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        });
    // Collapsed tab panels and accordion answers are content the reader opens with a click;
    // the panel may be named by its container (`<div class="accordion"><div style="display:
    // none">`) or by the ARIA accordion pattern (`role="region"`).
    let folded = || {
        folded_panel(src, node)
            || folded_panel(src, &tree.nodes[node.parent])
            || node
                .attr(src, "role")
                .is_some_and(|r| r.eq_ignore_ascii_case("region"))
    };
    if hidden && !folded() {
        return true;
    }
    if let Some(role) = node.attr(src, "role") {
        if SKIP_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    false
}

/// Whether `<button>` `i` opens a folded answer (`aria-expanded`) and reads as its question,
/// a few words long: FAQ questions are headings of the content, not controls.
fn disclosure_toggle(src: &str, tree: &Tree, i: usize) -> bool {
    let node = &tree.nodes[i];
    if node.attr(src, "aria-expanded").is_none() {
        return false;
    }
    let mut words = 0;
    for j in i + 1..node.end.min(tree.nodes.len()) {
        if let Kind::Text(r) = &tree.nodes[j].kind {
            words += src[r.clone()].split_whitespace().count();
        }
    }
    words >= 3
}

/// Class or id words of panels that hide content until the reader opens them.
const FOLDED_WORDS: &[&str] = &[
    "accordion",
    "collapse",
    "tab-pane",
    "tabpanel",
    "tab-panel",
    "faq",
];

fn folded_panel(src: &str, node: &super::tree::Node) -> bool {
    if node
        .attr(src, "role")
        .is_some_and(|r| r.eq_ignore_ascii_case("tabpanel"))
    {
        return true;
    }
    ["class", "id"].iter().any(|k| {
        node.attr(src, k).is_some_and(|v| {
            let l = v.to_ascii_lowercase();
            v.len() < 200 && FOLDED_WORDS.iter().any(|w| l.contains(w))
        })
    })
}

/// Text bytes of a `<header>` in paragraphs above which it is content, not furniture.
const HEADER_PROSE: u32 = 400;

/// For every node, the non-white-space text bytes inside `<p>` elements of its subtree.
fn prose_text(src: &str, tree: &Tree) -> Vec<u32> {
    let n = tree.nodes.len();
    let mut text = vec![0u32; n];
    let mut prose = vec![0u32; n];
    for i in (1..n).rev() {
        let node = &tree.nodes[i];
        if let Kind::Text(r) = &node.kind {
            text[i] = src[r.clone()]
                .bytes()
                .filter(|b| !b.is_ascii_whitespace())
                .count() as u32;
        }
        if node.name() == "p" {
            prose[i] = text[i];
        }
        let p = node.parent;
        text[p] += text[i];
        prose[p] += prose[i];
    }
    prose
}

/// Class or id tokens of a reader-comments section.
const COMMENT_TOKENS: &[&str] = &[
    "comments",
    "commentlist",
    "comment-list",
    "comments-area",
    "comments-wrapper",
    "entry-comments",
    "commentwrap",
];

/// Prose (non-white-space bytes) outside a comments section above which it is pruned.
const ARTICLE_OUTSIDE_COMMENTS: u32 = 1500;

fn comment_section(src: &str, tree: &Tree, i: usize) -> bool {
    let node = &tree.nodes[i];
    if matches!(node.name(), "body" | "html" | "main" | "article") {
        return false;
    }
    ["class", "id"].iter().any(|key| {
        node.attr(src, key).is_some_and(|v| {
            v.len() < 200
                && v.split_ascii_whitespace()
                    .any(|t| COMMENT_TOKENS.iter().any(|c| t.eq_ignore_ascii_case(c)))
        })
    })
}

/// Content-like text of the page outside its outermost comment sections.
fn prose_outside_comments(src: &str, tree: &Tree, skip: &[bool], stats: &[Stats]) -> u32 {
    let n = tree.nodes.len();
    let mut inside = 0u32;
    let mut i = 1;
    while i < n {
        if !skip[i] && comment_section(src, tree, i) {
            inside += stats[i].good;
            i = tree.nodes[i].end.max(i + 1);
        } else {
            i += 1;
        }
    }
    stats[0].good.saturating_sub(inside)
}

/// The page's first `<main>` (or `role="main"`) element left after pass 1, if any.
fn declared_main(src: &str, tree: &Tree, skip: &[bool]) -> Option<usize> {
    (1..tree.nodes.len()).find(|&i| {
        !skip[i]
            && (tree.nodes[i].name() == "main"
                || tree.nodes[i]
                    .attr(src, "role")
                    .is_some_and(|r| r.eq_ignore_ascii_case("main")))
    })
}

/// Furniture words that also name small parts of an entry ("meta", "caption", "tags"); an
/// element so named that holds this much prose is content (arXiv's `<div class="meta">`
/// holds each paper's abstract).
const WEAK_WORDS: &[&str] = &[
    "meta", "caption", "credit", "tags", "byline", "toc", "print",
];
const WEAK_CLASS_PROSE: u32 = 1000;

/// Whether every furniture word in the element's class and id is a weak one.
fn weak_class(src: &str, tree: &Tree, i: usize) -> bool {
    let node = &tree.nodes[i];
    ["class", "id"].iter().all(|key| {
        node.attr(src, key).is_none_or(|v| {
            v.to_ascii_lowercase()
                .split_ascii_whitespace()
                .all(|token| {
                    let parts: Vec<&str> =
                        token.split(['-', '_']).filter(|p| !p.is_empty()).collect();
                    let named = [
                        token,
                        parts.first().copied().unwrap_or(""),
                        parts.last().copied().unwrap_or(""),
                    ];
                    named
                        .iter()
                        .all(|w| !BOILER_WORDS.contains(w) || WEAK_WORDS.contains(w))
                })
        })
    })
}

fn boiler_class(src: &str, tree: &Tree, i: usize) -> bool {
    let node = &tree.nodes[i];
    let name = node.name();
    // Structural content elements are judged by their content, not their class.
    if matches!(
        name,
        "p" | "body" | "html" | "main" | "article" | "h1" | "h2" | "h3" | "li" | "td"
    ) {
        return false;
    }
    for key in ["class", "id"] {
        let Some(v) = node.attr(src, key) else {
            continue;
        };
        if v.len() > 300 {
            continue;
        }
        let v = v.to_ascii_lowercase();
        // Content markers win over furniture words in the same attribute.
        if v.contains("article-body")
            || v.contains("articlebody")
            || v.contains("post-content")
            || v.contains("entry-content")
            || v.contains("story-body")
        {
            return false;
        }
        // A token names furniture when it is a furniture word, or starts or ends with one
        // ("site-footer", "share-buttons"); a word in the middle ("elementor-widget-text")
        // is a framework's naming scheme, not a statement about the element.
        for token in v.split_ascii_whitespace() {
            let mut parts = token.split(['-', '_']).filter(|p| !p.is_empty());
            let first = parts.next().unwrap_or("");
            let last = parts.next_back().unwrap_or(first);
            // BEM: "product-reviews__snapshot" is an element of the "product-reviews" block.
            let block_last = token
                .split_once("__")
                .and_then(|(block, _)| block.rsplit(['-', '_']).next())
                .unwrap_or("");
            if BOILER_WORDS.contains(&token)
                || BOILER_WORDS.contains(&first)
                // A trailing "ad" is a modifier ("hide-read-more-ad", "no-ads"), not a name.
                || (BOILER_WORDS.contains(&last) && !matches!(last, "ad" | "ads"))
                || BOILER_WORDS.contains(&block_last)
            {
                return true;
            }
            // A customer review ("individual-review", "review"), named by its class; ids
            // ending so name the sections of review articles ("acme-x200-review").
            if key == "class" && (token == "review" || last == "review" || block_last == "review") {
                return true;
            }
        }
    }
    false
}

/// What a page declares itself to be, read once per page.
#[derive(Clone, Copy)]
struct PageKind {
    /// A discussion (schema.org `DiscussionForumPosting`, `QAPage`): made of replies, so its
    /// comment sections are the content.
    forum: bool,
    /// One product's page (schema.org `Product` or `og:type` product, and no list or article
    /// around it: catalogues and buying guides declare their products too).
    product: bool,
    /// UTF-8 decoded once too often ("itâ€™s"): such runs are repaired.
    mojibake: bool,
}

impl PageKind {
    fn of(src: &str) -> PageKind {
        let forum = src.contains("DiscussionForumPosting") || src.contains("QAPage");
        let mut product = src.contains("og:type\" content=\"product\"");
        let mut other = false;
        // Splitting on a character is a memchr scan; substring searches over the whole page
        // cost more than the rest of the extraction on large pages.
        for piece in src.split('@').skip(1).take(5000) {
            let Some(rest) = piece.strip_prefix("type\"") else {
                continue;
            };
            let rest = rest.trim_start_matches([' ', ':', '\n', '\t', '\r']);
            let ty = rest
                .strip_prefix('"')
                .and_then(|r| r.split('"').next())
                .unwrap_or("");
            product |= ty == "Product";
            other |= matches!(
                ty,
                "ItemList" | "CollectionPage" | "Article" | "BlogPosting" | "OfferCatalog"
            );
        }
        let microdata = "schema.org/Product\"";
        product |= src.contains(microdata)
            && src
                .find(microdata)
                .is_some_and(|at| !src[at + microdata.len()..].contains(microdata));
        PageKind {
            forum,
            product: product && !other,
            mojibake: entities::has_mojibake(src),
        }
    }
}

/// For every node, whether its subtree shows a price ("$22", "£1,299.00", "20 €").
fn priced_nodes(src: &str, tree: &Tree) -> Vec<bool> {
    let n = tree.nodes.len();
    let mut priced = vec![false; n];
    for i in (1..n).rev() {
        if let Kind::Text(r) = &tree.nodes[i].kind {
            priced[i] = has_price(&src[r.clone()]);
        }
        if priced[i] {
            priced[tree.nodes[i].parent] = true;
        }
    }
    priced
}

fn has_price(t: &str) -> bool {
    let b = t.as_bytes();
    ["$", "£", "€"].iter().any(|c| {
        t.match_indices(c).any(|(at, _)| {
            let after = b.get(at + c.len()).is_some_and(u8::is_ascii_digit);
            let before = at
                .checked_sub(2)
                .is_some_and(|k| b[k].is_ascii_digit() && b[k + 1] == b' ');
            after || before
        })
    })
}

/// Whether element `i` is a list of cards: three or more children of one kind (tag and
/// class), each showing a price.
fn card_list(src: &str, tree: &Tree, skip: &[bool], priced: &[bool], i: usize) -> bool {
    let mut kinds: Vec<((&str, &str), usize)> = Vec::new();
    for c in tree.children(i) {
        if skip[c] || !priced[c] {
            continue;
        }
        let Kind::Element { name, .. } = &tree.nodes[c].kind else {
            continue;
        };
        let key = (
            name.as_str(),
            tree.nodes[c].attr(src, "class").unwrap_or(""),
        );
        match kinds.iter_mut().find(|(k, _)| *k == key) {
            Some((_, count)) => *count += 1,
            None => kinds.push((key, 1)),
        }
    }
    kinds.iter().any(|(_, count)| *count >= 3)
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Headings that open page furniture rather than a part of the content: recommendations,
/// reviews, reader comments. Matched against the start of the heading, lowercased.
const FURNITURE_HEADINGS: &[&str] = &[
    "customers also",
    "customers who",
    "people also",
    "people who viewed",
    "people who bought",
    "you may also like",
    "you might also like",
    "you may like",
    "you might like",
    "similar items",
    "similar products",
    "related products",
    "related items",
    "related articles",
    "related posts",
    "related stories",
    "related reading",
    "related content",
    "recently viewed",
    "customer reviews",
    "ratings & reviews",
    "ratings and reviews",
    "questions & answers",
    "questions and answers",
    "frequently bought",
    "read next",
    "more stories",
    "more articles",
    "recommended for you",
    "recommended products",
    "popular posts",
    "complete the look",
    "shop the look",
    "leave a reply",
    "leave a comment",
    "write a review",
    "recent posts",
    "recent articles",
    "more videos",
    "you may also",
    "you might also",
    "more to explore",
    "keep reading",
    "up next",
    "trending now",
    "most popular",
    "most read",
];

/// Headings that are furniture when they are the whole heading ("Reviews (132)").
const FURNITURE_HEADING_WORDS: &[&str] = &["reviews", "comments", "trending", "sponsored"];

fn furniture_heading(src: &str, tree: &Tree, i: usize) -> bool {
    let mut text = String::new();
    for j in i + 1..tree.nodes[i].end.min(tree.nodes.len()) {
        if let Kind::Text(r) = &tree.nodes[j].kind {
            text.push_str(&src[r.clone()]);
            text.push(' ');
            if text.len() > 80 {
                return false;
            }
        }
    }
    let lower = entities::decode_all(&text).to_lowercase();
    let t = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let letters: String = t
        .chars()
        .filter(|c| c.is_alphabetic() || *c == ' ')
        .collect();
    FURNITURE_HEADINGS.iter().any(|h| t.starts_with(h))
        || FURNITURE_HEADING_WORDS.contains(&letters.trim())
}

/// The widest element that heading `i` opens: its ancestors while the heading is their first
/// text, short of the page's main containers and of most of its text.
fn heading_section(
    src: &str,
    tree: &Tree,
    skip: &[bool],
    stats: &[Stats],
    i: usize,
    total: u32,
) -> usize {
    let first_text = |a: usize| {
        (a + 1..tree.nodes[a].end.min(tree.nodes.len())).find(|&j| {
            !skip[j]
                && matches!(&tree.nodes[j].kind, Kind::Text(r) if !src[r.clone()].trim().is_empty())
        })
    };
    let mut section = i;
    let mut a = tree.nodes[i].parent;
    for _ in 0..32 {
        if a == 0 || skip[a] {
            break;
        }
        let node = &tree.nodes[a];
        if matches!(node.name(), "body" | "html" | "main" | "article")
            || stats[a].text as f32 >= 0.4 * total as f32
            || !first_text(a).is_some_and(|j| is_ancestor(tree, i, j))
        {
            break;
        }
        section = a;
        a = node.parent;
    }
    section
}

fn note_removed(tree: &Tree, i: usize, removed: &mut Vec<Removed>, reason: &str) {
    let node = &tree.nodes[i];
    let mut first = None;
    let mut last = 0;
    for j in i..node.end.min(tree.nodes.len()) {
        if let Kind::Text(r) | Kind::Element { raw: Some(r), .. } = &tree.nodes[j].kind {
            first.get_or_insert(r.start);
            last = last.max(r.end);
        }
    }
    if let Some(f) = first {
        if f < last {
            removed.push(Removed {
                span: Span::new(f, last),
                reason: reason.to_string(),
            });
        }
    }
}

fn is_paragraph_like(name: &str) -> bool {
    matches!(
        name,
        "p" | "pre" | "td" | "li" | "blockquote" | "dd" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
    )
}

/// Bottom-up text and link counts and content scores.
fn compute_stats(src: &str, tree: &Tree, skip: &[bool]) -> Vec<Stats> {
    let n = tree.nodes.len();
    let mut stats = vec![Stats::default(); n];
    let mut commas = vec![0u32; n];
    let mut direct_text = vec![0u32; n];
    for i in (1..n).rev() {
        if skip[i] {
            continue;
        }
        let node = &tree.nodes[i];
        if let Kind::Text(r) = &node.kind {
            let t = &src[r.clone()];
            let len = t.bytes().filter(|b| !b.is_ascii_whitespace()).count() as u32;
            stats[i].text = len;
            commas[i] = t.matches([',', '，', '、']).count() as u32;
            direct_text[node.parent] += len;
        }
        if node.name() == "a" {
            stats[i].link = stats[i].text;
        }
        // Paragraph-like elements credit their ancestors.
        let name = node.name();
        let para = is_paragraph_like(name) || (name == "div" && direct_text[i] >= 50);
        if para && stats[i].text >= 25 {
            let density = stats[i].link as f32 / stats[i].text.max(1) as f32;
            let s = (1.0 + commas[i] as f32 + (stats[i].text as f32 / 100.0).min(3.0))
                * (1.0 - density);
            let p = node.parent;
            stats[p].score += s;
            let gp = tree.nodes[p].parent;
            if gp != p {
                stats[gp].score += s / 2.0;
                let ggp = tree.nodes[gp].parent;
                if ggp != gp {
                    stats[ggp].score += s / 3.0;
                }
            }
        }
        if (para || name == "div") && stats[i].good == 0 && stats[i].text >= 40 {
            let density = stats[i].link as f32 / stats[i].text.max(1) as f32;
            if density < 0.3 {
                stats[i].good = stats[i].text;
            }
        }
        let (t, l, c, g) = (stats[i].text, stats[i].link, commas[i], stats[i].good);
        let p = node.parent;
        stats[p].text += t;
        stats[p].link += l;
        stats[p].good += g;
        commas[p] += c;
    }
    stats
}

/// Share of the holder's content-like text below which a best scorer outside the holder
/// gives way to it.
const HOLDER_OVER_CORE: f32 = 0.3;

/// Text bytes below which a page is a shell (its links are its footer), not a page of links.
const LINK_PAGE_MIN_TEXT: f32 = 1500.0;
/// A page whose content-like text is under this share of its text is a page of links...
const LINK_PAGE_GOOD: f32 = 0.3;
/// ...when the best scorer holds under this share of the text...
const LINK_PAGE_CORE: f32 = 0.2;
/// ...and its content is the deepest element holding this share of the text.
const LINK_PAGE_HOLDER: f32 = 0.6;

/// The element(s) whose content is emitted, in document order.
#[allow(clippy::needless_range_loop)] // Several arrays are indexed by node.
fn choose_roots(src: &str, tree: &Tree, skip: &[bool], stats: &[Stats]) -> Vec<usize> {
    let n = tree.nodes.len();
    let final_score = |i: usize| {
        let s = stats[i];
        s.score * (1.0 - s.link as f32 / s.text.max(1) as f32)
    };
    let mut best = None;
    let mut best_score = 0.0f32;
    for i in 1..n {
        if skip[i] || !matches!(tree.nodes[i].kind, Kind::Element { .. }) {
            continue;
        }
        let s = final_score(i);
        if s > best_score {
            best_score = s;
            best = Some(i);
        }
    }
    let Some(mut core) = best else {
        return vec![body_or_root(tree)];
    };
    // The deepest element that holds most of the page's content-like text: on pages whose
    // content is many cards or sections this is their container, wider than the best scorer.
    let share = 0.9;
    let mut holder = 0;
    loop {
        let g = stats[holder].good as f32;
        let next = tree
            .children(holder)
            .filter(|&c| !skip[c])
            .find(|&c| stats[c].good as f32 >= share * g);
        match next {
            Some(c) if g > 0.0 => holder = c,
            _ => break,
        }
    }
    // It also wins when the best scorer lies outside it with little of that text: a lone
    // paragraph-like block beside a grid of cards (listings, catalogues).
    if holder != 0
        && (is_ancestor(tree, holder, core)
            || (stats[core].good as f32) < HOLDER_OVER_CORE * stats[holder].good as f32)
    {
        core = holder;
    }
    // Pages of links (job boards, schedules, link aggregators) have little content-like text
    // and a best scorer that holds a sliver of the page (often its footer): the content is the
    // deepest element holding most of the page's text, links included.
    let page_text = stats[0].text as f32;
    if page_text >= LINK_PAGE_MIN_TEXT
        && (stats[0].good as f32) < LINK_PAGE_GOOD * page_text
        && (stats[core].text as f32) < LINK_PAGE_CORE * page_text
    {
        let mut t = 0;
        loop {
            let next = tree
                .children(t)
                .filter(|&c| !skip[c])
                .find(|&c| stats[c].text as f32 >= LINK_PAGE_HOLDER * page_text);
            match next {
                Some(c) => t = c,
                None => break,
            }
        }
        if t != 0 {
            core = t;
        }
    }
    // Widen to wrappers that add little text of their own.
    loop {
        let p = tree.nodes[core].parent;
        if p == 0 || p == core || skip[p] {
            break;
        }
        let pname = tree.nodes[p].name();
        if pname == "body" || pname == "html" {
            break;
        }
        if stats[p].text as f32 <= stats[core].text as f32 * 1.25 {
            core = p;
        } else {
            break;
        }
    }
    // A <main> or <article> holding the core is the page's own statement of its content.
    let mut a = tree.nodes[core].parent;
    let mut steps = 0;
    while a != 0 && steps < 64 {
        let node = &tree.nodes[a];
        let semantic = matches!(node.name(), "main" | "article")
            || node
                .attr(src, "role")
                .is_some_and(|r| r.eq_ignore_ascii_case("main"))
            || node
                .attr(src, "itemprop")
                .is_some_and(|v| v == "articleBody");
        if semantic && !skip[a] && (stats[a].text as f32) <= 3.0 * stats[core].text as f32 {
            core = a;
        }
        a = node.parent;
        steps += 1;
    }
    // Siblings that score well are more of the same content (sections, split bodies).
    let parent = tree.nodes[core].parent;
    if parent == core {
        return vec![core];
    }
    let core_score = final_score(core).max(best_score);
    let mut roots = Vec::new();
    for c in tree.children(parent) {
        if c == core {
            roots.push(c);
            continue;
        }
        if skip[c] {
            continue;
        }
        let s = stats[c];
        let density = s.link as f32 / s.text.max(1) as f32;
        let good_score = final_score(c) >= 0.2 * core_score && final_score(c) > 3.0;
        let good_text = is_paragraph_like(tree.nodes[c].name()) && s.text >= 80 && density < 0.25;
        if good_score || good_text {
            roots.push(c);
        }
    }
    roots
}

/// Share of a content root's text that may lie before its `<h1>` and still be dropped.
const BEFORE_HEADING_SHARE: f32 = 0.5;

/// Share of its content-like text, likewise.
const BEFORE_HEADING_PROSE: f32 = 0.2;

/// When the page's `<h1>` lies inside a content root, what precedes it there (breadcrumbs,
/// menus, "Asked 13 years ago", "Get in touch") is not content, if it is a small part of it.
fn before_heading(
    tree: &Tree,
    skip: &[bool],
    stats: &[Stats],
    roots: &[usize],
) -> Option<Vec<bool>> {
    let h = (1..tree.nodes.len()).find(|&i| !skip[i] && tree.nodes[i].name() == "h1")?;
    let r = *roots.iter().find(|&&r| r < h && is_ancestor(tree, r, h))?;
    let mut out = skip.to_vec();
    let mut before = 0u32;
    let mut before_good = 0u32;
    let mut j = r + 1;
    while j < h {
        if is_ancestor(tree, j, h) {
            j += 1;
            continue;
        }
        if !skip[j] {
            before += stats[j].text;
            before_good += stats[j].good;
        }
        let end = tree.nodes[j].end.min(h);
        out[j..end].fill(true);
        j = end.max(j + 1);
    }
    (before > 0
        && (before as f32) < BEFORE_HEADING_SHARE * stats[r].text as f32
        && (before_good as f32) < BEFORE_HEADING_PROSE * stats[r].good as f32)
        .then_some(out)
}

/// An `<article>` or `<main>` inside a content root that holds the page's `<h1>` and
/// `ARTICLE_NARROW` of the root's content-like text is the content; the rest of the root is what sites put around
/// it (the next story, teasers with prose, author pages' feeds).
fn narrow_to_article(tree: &Tree, skip: &[bool], stats: &[Stats], roots: &mut [usize]) {
    let Some(h) = (1..tree.nodes.len()).find(|&i| !skip[i] && tree.nodes[i].name() == "h1") else {
        return;
    };
    for r in roots.iter_mut() {
        if !is_ancestor(tree, *r, h) {
            continue;
        }
        let mut a = tree.nodes[h].parent;
        let mut best = None;
        for _ in 0..64 {
            if a == *r || a == 0 {
                break;
            }
            if matches!(tree.nodes[a].name(), "article" | "main") {
                best = Some(a);
            }
            a = tree.nodes[a].parent;
        }
        if let Some(a) = best {
            if (stats[a].good as f32) >= ARTICLE_NARROW * stats[*r].good as f32 {
                *r = a;
            }
        }
    }
}

/// Share of a root's content-like text an `<article>` or `<main>` holding the `<h1>` needs to
/// replace it.
const ARTICLE_NARROW: f32 = 0.3;

fn is_ancestor(tree: &Tree, a: usize, b: usize) -> bool {
    a <= b && b < tree.nodes[a].end
}

fn body_or_root(tree: &Tree) -> usize {
    tree.nodes
        .iter()
        .position(|n| n.name() == "body")
        .unwrap_or(0)
}

fn is_block(name: &str) -> bool {
    !is_inline(name) && !matches!(name, "td" | "th" | "#root")
}

struct Emitter<'a> {
    src: &'a str,
    out: OutputBuilder,
    link_depth: usize,
    /// Content stats of the tree, for judging card titles.
    stats: &'a [Stats],
    /// The open block is a card's title: a linked heading followed by its snippet.
    block_card: bool,
    block_chars: usize,
    block_link_chars: usize,
    pre_depth: usize,
    removed: Vec<Removed>,
    /// The page title: a block that repeats it is metadata, not content.
    title: Option<String>,
    /// Whether blocks that are mostly links are kept.
    keep_links: bool,
    /// Text bytes of the blocks kept, and of those dropped for being mostly links.
    kept_chars: usize,
    link_dropped_chars: usize,
    /// Kept blocks of at least `DUPLICATE_MIN_WORDS` words, white space collapsed.
    seen: HashSet<String>,
    /// The page's UTF-8 was decoded once too often ("itâ€™s"): such runs are repaired.
    mojibake: bool,
    /// A single product's page: its price lines are the purchase box, not content.
    product: bool,
    /// The declared article body, whose words kept blocks are counted against...
    declared: Option<&'a Declared>,
    /// ...and, once it is confirmed, the filter that drops blocks it does not hold.
    filter: Option<&'a Declared>,
    /// Words of the kept blocks, and their vocabulary (only with a declared body).
    kept_words: usize,
    kept_vocab: HashSet<String>,
}

/// Declared bodies shorter than this (bytes) are excerpts, not the article.
const DECLARED_MIN_BYTES: usize = 500;
/// Share of the declared body's words the extracted area must hold for the body to count.
const DECLARED_RECALL: f32 = 0.8;
/// The declared body must have at least this share of the extracted area's words...
const DECLARED_LENGTH: f32 = 0.5;
/// ...and a block is kept when this share of its words occur in the body.
const DECLARED_BLOCK_SHARE: f32 = 0.7;

/// The article text a page declares for search engines (JSON-LD `articleBody`), as words.
pub struct Declared {
    words: Vec<String>,
    vocab: HashSet<String>,
}

impl Declared {
    fn of(body: &str) -> Option<Declared> {
        if body.len() < DECLARED_MIN_BYTES {
            return None;
        }
        let words: Vec<String> = words_of(body).collect();
        let vocab = words.iter().cloned().collect();
        Some(Declared { words, vocab })
    }

    /// Whether the extracted area (`words` words, `vocab` their vocabulary) holds the
    /// declared body and the body is not a short excerpt of it.
    fn confirmed_by(&self, words: usize, vocab: &HashSet<String>) -> bool {
        let held = self.words.iter().filter(|w| vocab.contains(*w)).count();
        held as f32 >= DECLARED_RECALL * self.words.len() as f32
            && self.words.len() as f32 >= DECLARED_LENGTH * words as f32
    }

    /// Whether most of a block's words occur in the declared body.
    fn holds(&self, text: &str) -> bool {
        let (mut n, mut held) = (0usize, 0usize);
        for w in words_of(text) {
            n += 1;
            held += usize::from(self.vocab.contains(&w));
        }
        held as f32 >= DECLARED_BLOCK_SHARE * n as f32
    }
}

/// Lower-cased runs of letters, digits and `_` (markup in a declared body adds a few words
/// like `p` and `href` to its vocabulary, which blocks rarely consist of).
fn words_of(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Text bytes, outside links, of the snippet that makes a linked heading a card's title.
const CARD_SNIPPET: u32 = 60;

/// Whether heading `i` is the title of a card: the heading (or the link or box holding only it)
/// is followed by a snippet of prose, after at most one short element (a date, a byline).
/// Listings and collections keep such titles; linked headings without a snippet are links to
/// other pages ("Related", "Most read").
fn card_title(tree: &Tree, skip: &[bool], stats: &[Stats], i: usize) -> bool {
    let n = tree.nodes.len();
    let mut c = i;
    for _ in 0..3 {
        let p = tree.nodes[c].parent;
        if p == c || stats[p].text != stats[c].text {
            break;
        }
        c = p;
    }
    let parent = tree.nodes[c].parent;
    let mut j = tree.nodes[c].end;
    let mut short = 0;
    while j < n && tree.nodes[j].parent == parent && short < 2 {
        let s = &stats[j];
        if !skip[j] && s.text > 0 {
            if s.text.saturating_sub(s.link) >= CARD_SNIPPET && s.link * 10 < s.text * 3 {
                return true;
            }
            if is_heading(tree.nodes[j].name()) {
                return false;
            }
            short += 1;
        }
        j = tree.nodes[j].end.max(j + 1);
    }
    false
}

/// Words of a block showing a price that reads as a price line on a product's page.
const PRICE_LINE_WORDS: usize = 8;

/// Words holding a letter: a card's title has two ("#1 2025-11-01 15:14" heads a post).
fn lettered_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

/// Labels of buttons, toggles and status badges that stand as blocks of their own on shop,
/// forum and documentation pages (product-card checkboxes, wish-list buttons, forum members'
/// presence, table-of-contents toggles). Lowercase, without trailing punctuation.
const CONTROL_LABELS: &[&str] = &[
    "compare",
    "add to compare",
    "add to cart",
    "add to bag",
    "add to basket",
    "add to wishlist",
    "add to wish list",
    "wishlist",
    "quick view",
    "quick shop",
    "more options",
    "loading",
    "in stock",
    "back order",
    "free shipping",
    "calculate shipping",
    "best seller",
    "top rated",
    "online",
    "offline",
    "table of contents",
    "tags",
    "share",
    "join date",
];

fn control_label(block: &str) -> bool {
    let label = block
        .trim_end_matches(|c: char| c == '.' || c == ':' || c == '…' || c.is_whitespace())
        .to_lowercase();
    CONTROL_LABELS.contains(&label.as_str())
}

/// Nouns that a bare number counts in a tally line ("518 helpful votes").
const COUNTED: &[&str] = &[
    "post",
    "posts",
    "vote",
    "votes",
    "answer",
    "answers",
    "like",
    "likes",
    "reply",
    "replies",
    "reaction",
    "reactions",
    "message",
    "messages",
    "point",
    "points",
    "follower",
    "followers",
    "view",
    "views",
    "comment",
    "comments",
    "review",
    "reviews",
    "rating",
    "ratings",
    "sales",
    "question",
    "questions",
    "thread",
    "threads",
    "solution",
    "solutions",
    "kudos",
    "reputation",
];

/// Whether a block is a tally: a number ("29,553", "1.1k"), an optional "helpful", and one
/// of the counted nouns.
fn counter(block: &str) -> bool {
    let lower = block.to_lowercase();
    let mut words = lower.split_whitespace();
    let Some(number) = words.next() else {
        return false;
    };
    let digits = number.trim_end_matches(['k', 'm']);
    if !digits.starts_with(|c: char| c.is_ascii_digit())
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return false;
    }
    let rest: Vec<&str> = words.collect();
    match rest.as_slice() {
        [noun] | ["helpful", noun] => COUNTED.contains(noun),
        _ => false,
    }
}

/// Blocks this long that repeat an earlier one are dropped; shorter ones ("Yes", "Price")
/// repeat legitimately in tables and lists.
const DUPLICATE_MIN_WORDS: usize = 3;

impl Emitter<'_> {
    fn emit(&mut self, tree: &Tree, skip: &[bool], root: usize) {
        // Open elements as (end index, name); closed when the walk passes their end.
        let mut open: Vec<(usize, &str)> = Vec::new();
        let end = tree.nodes[root].end;
        let mut j = root;
        while j < end {
            while let Some(&(e, name)) = open.last() {
                if e > j {
                    break;
                }
                open.pop();
                self.close(name);
            }
            if skip[j] {
                j = tree.nodes[j].end.max(j + 1);
                continue;
            }
            let node = &tree.nodes[j];
            match &node.kind {
                Kind::Text(r) => self.text(r.clone()),
                Kind::Element { name, .. } => {
                    self.open(name);
                    if matches!(name.as_str(), "h2" | "h3" | "h4" | "h5" | "h6") {
                        self.block_card = card_title(tree, skip, self.stats, j);
                    }
                    open.push((node.end, name));
                }
            }
            j += 1;
        }
        while let Some((_, name)) = open.pop() {
            self.close(name);
        }
    }

    fn open(&mut self, name: &str) {
        match name {
            "a" => self.link_depth += 1,
            "pre" => self.pre_depth += 1,
            "br" | "hr" | "td" | "th" => self.close_block(),
            _ if is_block(name) => self.close_block(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "a" => self.link_depth = self.link_depth.saturating_sub(1),
            "pre" => self.pre_depth = self.pre_depth.saturating_sub(1),
            "td" | "th" => self.close_block(),
            _ if is_block(name) => self.close_block(),
            _ => {}
        }
    }

    /// Ends the current block, dropping it when it is mostly links or stock boilerplate.
    fn close_block(&mut self) {
        let card = std::mem::take(&mut self.block_card);
        let chars = std::mem::take(&mut self.block_chars);
        let link = std::mem::take(&mut self.block_link_chars);
        if chars == 0 {
            self.out.discard_block();
            return;
        }
        let text = self.out.current_text();
        let density = link as f32 / chars as f32;
        let f = noise::features(&text);
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let reason = if self.title.as_deref() == Some(collapsed.as_str()) {
            Some("title")
        } else if f.words <= 4 && counter(&collapsed) {
            // "29,553 posts", "518 helpful votes", "1.1k sales": a member's or an item's tally.
            Some("counter")
        } else if f.words <= 3 && control_label(&collapsed) {
            // "Compare", "Add to cart", "Loading...": labels of the page's controls.
            Some("control")
        } else if self.product && f.words <= PRICE_LINE_WORDS && has_price(&collapsed) {
            // "$19.99", "From $899.99", "Current price is $179.00": the purchase box.
            Some("price")
        } else if f.words <= 8 && crate::date::normalize_date(&collapsed).is_some() {
            // "Posted on 14 June 2022": the date is metadata, kept in `meta.published`.
            Some("dateline")
        } else if f.words >= DUPLICATE_MIN_WORDS && self.seen.contains(&collapsed) {
            // Sites repeat blocks for other screen sizes or in carousels; readers see one.
            Some("duplicate")
        } else if density > 0.6
            && f.words <= 30
            && !self.keep_links
            && !(card && lettered_words(&text) >= 2)
        {
            self.link_dropped_chars += chars;
            Some("links")
        } else if self.filter.is_some_and(|d| !d.holds(&text)) {
            Some("undeclared")
        } else {
            // The markup has already told furniture from content: a block that only speaks to
            // the reader with a verb of action ("Keep your spreadsheet updated", "tips to help
            // you stay consistent") is a how-to's prose, unless it holds a stock phrase.
            let only_addressed =
                f.phrase.is_none() && !f.strong && !f.related_prefix && f.site_refs < 2;
            f.noise()
                .filter(|_| (f.words <= 15 || f.strong) && !only_addressed)
                .map(|kind| kind.reason())
        };
        if let Some(reason) = reason {
            if let Some(span) = self.out.current_span() {
                self.removed.push(Removed {
                    span,
                    reason: reason.to_string(),
                });
            }
            self.out.discard_block();
        } else {
            // A card's title is link text: it still counts for whether links are the content.
            if card && density > 0.6 && f.words <= 30 {
                self.link_dropped_chars += chars;
            } else {
                self.kept_chars += chars;
            }
            if self.declared.is_some() {
                for w in words_of(&text) {
                    self.kept_words += 1;
                    self.kept_vocab.insert(w);
                }
            }
            if f.words >= DUPLICATE_MIN_WORDS {
                self.seen.insert(collapsed);
            }
            self.out.end_block();
        }
    }

    fn count(&mut self, s: &str) {
        let n = s.bytes().filter(|b| !b.is_ascii_whitespace()).count();
        self.block_chars += n;
        if self.link_depth > 0 {
            self.block_link_chars += n;
        }
    }

    fn text(&mut self, r: Range<usize>) {
        let src = self.src;
        let t = &src[r.clone()];
        let base = r.start;
        let bytes = t.as_bytes();
        let mut i = 0;
        let mut run_start = 0;
        let pre = self.pre_depth > 0;
        while i < bytes.len() {
            let c = bytes[i];
            if c == 0xC3 && self.mojibake {
                if let Some((repaired, len)) = entities::repair_mojibake(&t[i..]) {
                    self.copy(&t[run_start..i], base + run_start);
                    self.count(&repaired);
                    self.out
                        .push_replaced(&repaired, Span::new(base + i, base + i + len));
                    i += len;
                    run_start = i;
                    continue;
                }
            }
            if c == b'&' {
                if let Some((decoded, len)) = entities::decode_at(&t[i..]) {
                    self.copy(&t[run_start..i], base + run_start);
                    let span = Span::new(base + i, base + i + len);
                    if decoded.trim().is_empty() && !pre {
                        if !self.out.ends_with_space() {
                            self.out.push_replaced(" ", span);
                        }
                    } else {
                        self.count(&decoded);
                        self.out.push_replaced(&decoded, span);
                    }
                    i += len;
                    run_start = i;
                    continue;
                }
            }
            if !pre && c.is_ascii_whitespace() {
                self.copy(&t[run_start..i], base + run_start);
                let ws_start = i;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if !self.out.ends_with_space() {
                    if i - ws_start == 1 && c == b' ' {
                        self.out.push_copy(" ", base + ws_start);
                    } else {
                        self.out
                            .push_replaced(" ", Span::new(base + ws_start, base + i));
                    }
                }
                run_start = i;
                continue;
            }
            i += 1;
        }
        self.copy(&t[run_start..], base + run_start);
    }

    fn copy(&mut self, s: &str, at: usize) {
        if !s.is_empty() {
            self.count(s);
            self.out.push_copy(s, at);
        }
    }
}

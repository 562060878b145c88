//! HTML cleaning: tokenizer, tree, main-content extraction and metadata.

use chronicle_core::html_entities as entities;
mod extract;
mod meta;
mod tokenize;
mod tree;

use crate::Cleaned;

pub use meta::date_from_url;

/// Extracts the main content and metadata of an HTML page.
pub fn clean_html(input: &str) -> Cleaned {
    let tree = tree::Tree::parse(input);
    let (mut meta, declared_body) = meta::extract(input, &tree);
    // The page's own heading is the title more often than og:title or <title>, which carry
    // the site name and marketing variants.
    if let Some(h1) = extract::page_heading(input, &tree, meta.title.as_deref()) {
        meta.title = Some(h1);
    }
    let ex = extract::extract(
        input,
        &tree,
        meta.title.as_deref(),
        declared_body.as_deref(),
    );
    Cleaned {
        text: ex.text,
        removed: ex.removed,
        blocks: ex.blocks,
        meta,
    }
}

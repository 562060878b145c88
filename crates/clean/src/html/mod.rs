//! HTML cleaning: tokenizer, tree, main-content extraction and metadata.

mod entities;
mod extract;
mod meta;
mod tokenize;
mod tree;

use crate::Cleaned;

pub use meta::date_from_url;

/// Extracts the main content and metadata of an HTML page.
pub fn clean_html(input: &str) -> Cleaned {
    let tree = tree::Tree::parse(input);
    let mut meta = meta::extract(input, &tree);
    let ex = extract::extract(input, &tree);
    if meta.title.is_none() {
        meta.title = ex.h1.clone();
    }
    Cleaned {
        text: ex.text,
        removed: ex.removed,
        blocks: ex.blocks,
        meta,
    }
}

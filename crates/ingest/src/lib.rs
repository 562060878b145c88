//! Reading articles: files and folders of text, HTML, JSON Lines, WARC and RSS/Atom feeds,
//! plain or compressed,
//! decoded to UTF-8 with offsets into the original bytes kept, plus sidecar metadata and the
//! MinHash signatures that near-duplicate detection compares.
//!
//! The entry point is [`read_path`], which walks a file or folder and hands every [`Item`] (a
//! document or a problem) to a callback as soon as it is read, so a 10 GB WARC streams through
//! and one bad record never stops the rest.
//!
//! ```
//! use chronicle_ingest::{read_path, Item, Limits};
//! let dir = std::env::temp_dir().join("chronicle-ingest-doctest");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "Guterres said Monday.").unwrap();
//! let mut docs = 0;
//! read_path(&dir, &Limits::default(), &mut |item| if let Item::Doc(_) = item { docs += 1 });
//! assert_eq!(docs, 1);
//! ```

mod charset;
mod dedup;
mod error;
mod feed;
mod jsonl;
mod meta;
mod read;
mod warc;

pub use charset::{decode, Decoded};
pub use dedup::{Signature, BANDS, ROWS_PER_BAND, SIGNATURE_LEN};
pub use error::{Error, Result};
pub use feed::{decode_feed_body, unescape_xml};
pub use jsonl::unescape_json_string;
pub use meta::{parse_date, Sidecar};
pub use read::{read_path, read_path_with, Body, Item, Limits, Problem, RawDoc, Severity};

//! Times the reading stage alone: walk the inputs, split containers into documents and decode
//! each article to UTF-8 aligned with its original bytes (entity references and CDATA
//! resolved for feed items). Cleaning, analysis and the store are not included.
//!
//! ```sh
//! cargo run --release -p chronicle-ingest --example read_bench -- feed.rss pages/
//! ```

use chronicle_ingest::{decode, decode_feed_body, read_path, Body, Item, Limits};
use std::time::Instant;

fn main() {
    for arg in std::env::args().skip(1) {
        let mut best = f64::INFINITY;
        let (mut docs, mut problems, mut bytes, mut chars) = (0, 0, 0, 0);
        for _ in 0..5 {
            (docs, problems, bytes, chars) = (0, 0, 0, 0);
            let t = Instant::now();
            read_path(arg.as_ref(), &Limits::default(), &mut |item| match item {
                Item::Doc(d) => {
                    docs += 1;
                    bytes += d.raw.len();
                    let text = match &d.body {
                        Body::Feed {
                            range,
                            markup,
                            encoding,
                        } => decode_feed_body(&d.raw, range.clone(), *markup, *encoding).text,
                        _ => decode(&d.raw, d.is_html).text,
                    };
                    chars += text.text.len();
                }
                Item::Problem(_) => problems += 1,
            });
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{arg}: {docs} documents ({problems} problems), {:.1} MB of originals, {:.1} MB of text; \
             best of 5: {:.3} s = {:.0} documents/s, {:.0} MB/s",
            bytes as f64 / 1e6,
            chars as f64 / 1e6,
            best,
            docs as f64 / best,
            bytes as f64 / 1e6 / best
        );
    }
}

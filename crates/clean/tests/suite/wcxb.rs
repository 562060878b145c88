//! WCXB dev smoke test: runs only where the shared data set is present.

use std::path::Path;

#[test]
fn wcxb_sample_cleans_without_panic() {
    let dir = Path::new("/work/shared/data/wcxb/dev/html");
    let Ok(entries) = std::fs::read_dir(dir) else {
        println!("skipped: WCXB data not found at {}", dir.display());
        return;
    };
    let mut n = 0;
    for e in entries.take(30) {
        let path = e.unwrap().path();
        let Ok(html) = chronicle_clean::wcxb::read_gz(&path) else {
            continue;
        };
        let c = chronicle_clean::clean_html(&html);
        crate::assert_aligned(&html, &c);
        n += 1;
    }
    assert!(n > 0);
}

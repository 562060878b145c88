//! Prints the timexes of one text against a reference date (development aid):
//! `cargo run -p chronicle-facts --example timexes -- 2019-04-29 "The U.N. said Monday ..."`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dct), Some(text)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: timexes YYYY-MM-DD TEXT");
        std::process::exit(2);
    };
    let dct = (dct != "-").then_some(dct.as_str());
    for t in chronicle_facts::extract_timexes(text, dct) {
        println!(
            "{:?}\t{}\t{}",
            &text[t.range.clone()],
            t.kind,
            t.value.as_deref().unwrap_or("-")
        );
    }
    if dct.is_none() {
        println!("{:?}", chronicle_facts::time::infer_published(text));
    }
}

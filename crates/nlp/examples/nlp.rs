//! Runs the language-core commands through the library until the CLI wires them up.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let gold = std::fs::read_to_string(&args[1]).expect("read gold");
    let sentences = chronicle_nlp::conllu::parse(&gold).expect("parse gold");
    match args[0].as_str() {
        "seg" => {
            let (tok, sent) = chronicle_nlp::eval::segmentation_scores(&sentences);
            println!("tokens    {tok}\nsentences {sent}");
        }
        other => panic!("unknown command {other}"),
    }
}

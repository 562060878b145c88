//! Runs the language-core commands through the library until the CLI wires them up.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut log = |m: String| eprintln!("{m}");
    match args[0].as_str() {
        "train" => {
            let options = chronicle_nlp::train::TrainOptions {
                data: args[1].clone().into(),
                out: args[2].clone().into(),
                seed: 1,
                tagger_epochs: args.get(3).map_or(8, |a| a.parse().unwrap()),
                parser_epochs: args.get(4).map_or(10, |a| a.parse().unwrap()),
                folds: args.get(5).map_or(5, |a| a.parse().unwrap()),
                use_gum: args.get(6).is_none_or(|a| a == "gum"),
                skip_parser: args.get(4).is_some_and(|a| a == "0"),
                two_pass_tagger: args.get(7).is_some_and(|a| a == "2"),
                parser_prune: 1.0,
            };
            chronicle_nlp::train::train(&options, &mut log).unwrap();
        }
        "train-beam" => {
            // nlp train-beam DATA OUT_FILE EPOCHS WIDTH [PRUNE]: the beam parser alone, on the
            // jackknifed tags `train` makes (tagger 8 epochs, 5 folds, EWT + GUM, seed 1).
            let options = chronicle_nlp::train::TrainOptions {
                data: args[1].clone().into(),
                out: std::env::temp_dir(),
                seed: 1,
                tagger_epochs: 8,
                parser_epochs: args[3].parse().unwrap(),
                folds: 5,
                use_gum: true,
                skip_parser: false,
                two_pass_tagger: false,
                parser_prune: args.get(5).map_or(1.0, |a| a.parse().unwrap()),
            };
            let width = args[4].parse().unwrap();
            chronicle_nlp::train::train_beam_parser(&options, width, args[2].as_ref(), &mut log)
                .unwrap();
        }
        "seg" | "eval" => {
            let gold = std::fs::read_to_string(&args[1]).expect("read gold");
            let sentences = chronicle_nlp::conllu::parse(&gold).expect("parse gold");
            if args[0] == "eval" {
                let start = Instant::now();
                let analyzer = load(args.get(2));
                eprintln!("loaded in {:?}", start.elapsed());
                let start = Instant::now();
                let predicted = analyzer.annotate_conllu(&sentences);
                eprintln!("annotated in {:?}", start.elapsed());
                println!(
                    "{}",
                    chronicle_nlp::eval::tagging_scores(&sentences, &predicted)
                );
            }
            let analyzer = load(args.get(2));
            let (tok, sent) =
                chronicle_nlp::eval::segmentation_scores_by(&sentences, |t| analyzer.segment(t));
            println!("tokens    {tok}\nsentences {sent}");
            let (_, rules) = chronicle_nlp::eval::segmentation_scores(&sentences);
            println!("sentences by the rules alone {rules}");
        }
        "parse" => {
            let text = std::fs::read_to_string(&args[1]).unwrap();
            // nlp parse FILE [beam]
            let analysis = load(args.get(2)).analyze(&text);
            let sentences = chronicle_nlp::to_conllu(&text, &analysis, "doc");
            print!("{}", chronicle_nlp::conllu::write(&sentences));
        }
        "prune" => {
            let bytes = std::fs::read(&args[1]).unwrap();
            let mut parser = chronicle_nlp::parser::Parser::read(&mut bytes.as_slice()).unwrap();
            parser.prune(args[3].parse().unwrap());
            let mut out = Vec::new();
            parser.write(&mut out);
            std::fs::write(&args[2], &out).unwrap();
            eprintln!("{} -> {} bytes", bytes.len(), out.len());
        }
        other => panic!("unknown command {other}"),
    }
}

/// The shipped models, the shipped ones with the beam parser (`beam`), or those of a folder.
fn load(arg: Option<&String>) -> chronicle_nlp::Analyzer {
    match arg.map(String::as_str) {
        Some("beam") => chronicle_nlp::Analyzer::shipped_beam(),
        Some(dir) => chronicle_nlp::Analyzer::from_dir(dir.as_ref()).unwrap(),
        None => chronicle_nlp::Analyzer::shipped(),
    }
}

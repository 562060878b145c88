//! `chronicle`: the command line. A thin layer: argument parsing and dispatch to the commands,
//! each in its own module; the work happens in the library crates.

mod cmd_claims;
mod cmd_clean;
mod cmd_docs;
mod cmd_entities;
mod cmd_eval;
mod cmd_events;
mod cmd_extract;
mod cmd_ingest;
mod cmd_nlp;
mod cmd_people;
mod cmd_time;
mod group;
mod pipeline;
mod serve;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  chronicle ingest examples/                 # read the bundled articles into ./chronicle-data
  chronicle list                             # what is stored
  chronicle show 1 --marked                  # document 1 with removed noise marked
  chronicle events --party Guterres          # a timeline of what Guterres did and had done
  chronicle claims --about Uyghurs           # the figures of every report, compared
  chronicle serve                            # the same in a browser, and a JSON API
  chronicle entities --name Bachelet         # one person across reports: titles, quotes, events
  chronicle export --format csv --table quotes -o quotes.csv
  chronicle extract --meta examples/meta.jsonl examples/*.txt --out out/

Exit status: 0 success; 1 failure (unreadable store, unwritable output); 2 wrong usage;
3 nothing could be read, or (with --strict) some input had a problem.";

/// chronicle turns news coverage into an evidence-linked record: who said what, who did what to
/// whom, when, and with which figures, every fact tied to the exact bytes of its source.
#[derive(Debug, Parser)]
#[command(name = "chronicle", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options of every command.
#[derive(Clone, Debug, clap::Args)]
pub struct Global {
    /// The data directory of the embedded store.
    #[arg(
        long,
        global = true,
        env = "CHRONICLE_DATA",
        default_value = "chronicle-data"
    )]
    pub data_dir: PathBuf,
    /// Print only results and errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read files and folders into the store: clean, analyse, detect copies.
    #[command(
        after_help = "Examples:\n  chronicle ingest examples/\n  chronicle ingest crawl.warc.gz feed.jsonl --outlet \"AP\"\n  chronicle ingest news.rss.gz                # one document per feed item\n  chronicle ingest articles/ --meta meta.jsonl --strict\n\nA document is identified by the hash of its bytes: ingesting the same input again changes\nnothing. Problems are printed one per line (file, record, reason) and the batch goes on."
    )]
    Ingest(cmd_ingest::IngestArgs),
    /// List the stored documents with their metadata and fact counts.
    #[command(
        after_help = "Examples:\n  chronicle list\n  chronicle list --json | jq '.[] | select(.quotes > 10) | .id'"
    )]
    List(cmd_docs::ListArgs),
    /// Show one document: metadata, sources, copies, clean text and annotations.
    #[command(
        after_help = "Examples:\n  chronicle show 3\n  chronicle show 8ea76cd5 --marked                     # an id prefix\n  chronicle show examples/000_4af8160f90ad8d88.txt --json   # a source path"
    )]
    Show(cmd_docs::ShowArgs),
    /// Export documents, facts or copy relations as JSON Lines or CSV.
    #[command(
        after_help = "Examples:\n  chronicle export > corpus.jsonl\n  chronicle export --format csv --table claims -o claims.csv"
    )]
    Export(cmd_docs::ExportArgs),
    /// Full-text search over the stored documents.
    #[command(
        after_help = "Examples:\n  chronicle search Bachelet\n  chronicle search '\"fact-finding mission\"'\n\nExit status 0 with or without hits (the count is on standard error); 2 when the query is\nnot valid FTS5 syntax."
    )]
    Search(cmd_docs::SearchArgs),
    /// Run the pipeline on files and write one JSON file per document (evaluation format).
    #[command(
        after_help = "Example:\n  chronicle extract --meta examples/meta.jsonl examples/*.txt --out out/\n  python3 ../shared/eval/score.py out/"
    )]
    Extract(cmd_extract::ExtractArgs),
    /// List the quotations in the store with speaker, outlet, date and source spans.
    #[command(
        after_help = "Examples:\n  chronicle quotes\n  chronicle quotes --speaker Guterres --json"
    )]
    Quotes(cmd_people::QuotesArgs),
    /// List the events (who did what to whom, when) or the calls to action in the store, as a
    /// timeline with outlet, date and source spans.
    #[command(
        after_help = "Examples:\n  chronicle events\n  chronicle events --party Guterres --action MEET\n  chronicle events --calls --json\n  chronicle events --merge          # one line per happening, its other reports under it\n\nAn event is dated by the text when it says when (\"met on Monday\"), else by its report\n(marked \"(reported)\"). Exit status 1 when nothing matches."
    )]
    Events(cmd_events::EventsArgs),
    /// List the people, organisations and places of the store, each once across documents,
    /// spellings and outlets; with --name, an entity's page.
    #[command(
        after_help = "Examples:\n  chronicle entities                      # the most reported first\n  chronicle entities --type PERSON --min-docs 2\n  chronicle entities --name Bachelet      # her reports, titles, quotations and events\n  chronicle entities --name uighurs --json\n\nEntities of several documents are one when they share a name or an alias in any spelling\n(Uighur, Uyghur, Uygur; accents; U.N. and UN), or when a one-word name is the surname of\nexactly one person named in full elsewhere. Exit status 1 when nothing matches."
    )]
    Entities(cmd_entities::EntitiesArgs),
    /// Compare the figures of the store across reports: figures that count the same thing are
    /// grouped, and each group says whether they can all hold or which reports differ.
    #[command(
        after_help = "Examples:\n  chronicle claims                   # what two reports or more count\n  chronicle claims --about uighurs   # any spelling: Uyghurs, Uygurs\n  chronicle claims --by Isa --all\n  chronicle claims --json\n\nFigures are grouped by the head nouns of what they count (`Uyghurs and other Turkic Muslims`\njoins the Uyghurs and the Muslims). A figure allows a set of values: a range, a bound (`over 1\nmillion`: 1 million or more), `about`/`an estimated` (within a fifth), `nearly` (up to a fifth\nbelow), else itself. A group agrees when one value is allowed by all its figures; otherwise the\npairs of reports that cannot both be right are listed. Exit status 1 when nothing matches."
    )]
    Claims(cmd_claims::ClaimsArgs),
    /// Serve the store over HTTP: a web UI (timeline, calls to action, entity pages,
    /// quotations, figures, search, each document with its facts highlighted) and a JSON API.
    #[command(
        after_help = "Examples:\n  chronicle serve                          # http://127.0.0.1:8080/\n  chronicle serve --addr 127.0.0.1:0       # any free port (the URL is printed)\n  curl -s 'http://127.0.0.1:8080/api/quotes?speaker=Bachelet' | jq '.items[0]'\n\nThe first line on standard output is the address served; one line per request goes to\nstandard error (not with --quiet). Read-only: ingest may run beside it. The API lists what the\ncommands print with --json ({\"count\": N, \"items\": [...]}); GET /api describes it. There is\nno authentication: keep the default address unless the store may be read by the network."
    )]
    Serve(serve::ServeArgs),
    /// Train the language models from ../shared/data.
    #[command(
        after_help = "Examples:\n  chronicle train                          # all models into ./models (needs ../shared/data)\n  chronicle train --out /tmp/models --skip-parser\n  chronicle eval conllu ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu"
    )]
    Train(cmd_nlp::TrainArgs),
    /// Tokenise, tag and parse text into CoNLL-U.
    #[command(
        after_help = "Examples:\n  echo 'Bachelet said the visit was not an investigation.' | chronicle parse\n  chronicle parse examples/000_4af8160f90ad8d88.txt > 000.conllu"
    )]
    Parse(cmd_nlp::ParseArgs),
    /// Evaluate against a gold data set (each prints its metric definitions).
    #[command(
        subcommand,
        after_help = "Examples:\n  chronicle eval seeds\n  chronicle eval conllu ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu\n  chronicle eval wcxb\n  chronicle eval tempeval\n\nData sets default to their place in ../shared/data; pass --data (or the file) elsewhere."
    )]
    Eval(EvalCommand),
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// Tagging, lemmas and parsing against a CoNLL-U file (UD EWT, PUD, GUM).
    Conllu(cmd_nlp::EvalConlluArgs),
    /// Main-content extraction on the WCXB benchmark.
    Wcxb(cmd_clean::EvalWcxbArgs),
    /// Temporal expressions on TempEval-3 (TBAQ).
    Tempeval(cmd_time::EvalTempevalArgs),
    /// Dates and numbers on the Recognizers-Text specs.
    Recognizers(cmd_time::EvalRecognizersArgs),
    /// Named entities on Universal NER English (IOB2).
    Uner(cmd_people::EvalUnerArgs),
    /// Attributions (source, cue, content) on PolNeAR.
    Polnear(cmd_people::EvalPolnearArgs),
    /// Every task on the seed gold (the numbers of ../shared/eval/score.py).
    Seeds(cmd_eval::EvalSeedsArgs),
    /// Entities and times on MEANTIME.
    Meantime(cmd_eval::EvalMeantimeArgs),
    /// Events on the PLOVER gold records.
    Plover(cmd_eval::EvalPloverArgs),
}

fn main() {
    let cli = Cli::parse();
    let g = &cli.global;
    let result = match &cli.command {
        Command::Ingest(a) => cmd_ingest::run(g, a),
        Command::List(a) => cmd_docs::list(g, a),
        Command::Show(a) => cmd_docs::show(g, a),
        Command::Export(a) => cmd_docs::export(g, a),
        Command::Search(a) => cmd_docs::search(g, a),
        Command::Extract(a) => cmd_extract::run(g, a),
        Command::Quotes(a) => cmd_people::quotes(g, a, &mut std::io::stdout().lock()),
        Command::Events(a) => cmd_events::events(g, a, &mut std::io::stdout().lock()),
        Command::Claims(a) => cmd_claims::claims(g, a, &mut std::io::stdout().lock()),
        Command::Entities(a) => cmd_entities::entities(g, a, &mut std::io::stdout().lock()),
        Command::Serve(a) => serve::run(g, a),
        Command::Train(a) => cmd_nlp::train(a).map(|()| 0),
        Command::Parse(a) => cmd_nlp::parse(a).map(|()| 0),
        Command::Eval(EvalCommand::Conllu(a)) => cmd_nlp::eval_conllu(a).map(|()| 0),
        Command::Eval(EvalCommand::Wcxb(a)) => cmd_clean::eval_wcxb(a).map(|()| 0),
        Command::Eval(EvalCommand::Tempeval(a)) => cmd_time::eval_tempeval(a).map(|()| 0),
        Command::Eval(EvalCommand::Recognizers(a)) => cmd_time::eval_recognizers(a).map(|()| 0),
        Command::Eval(EvalCommand::Uner(a)) => cmd_people::eval_uner(a).map(|()| 0),
        Command::Eval(EvalCommand::Polnear(a)) => cmd_people::eval_polnear(a).map(|()| 0),
        Command::Eval(EvalCommand::Seeds(a)) => cmd_eval::eval_seeds(a),
        Command::Eval(EvalCommand::Meantime(a)) => cmd_eval::eval_meantime(a).map(|()| 0),
        Command::Eval(EvalCommand::Plover(a)) => cmd_eval::eval_plover(a).map(|()| 0),
    };
    match result {
        Ok(code) => std::process::exit(code),
        // `chronicle export | head`: the reader has what it wanted; not a failure.
        Err(e) if is_broken_pipe(&e) => std::process::exit(0),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(1);
        }
    }
}

/// A text on one line for a listing: its runs of white space (line breaks included) as one
/// space.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the error comes from writing to a closed pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
            || c.to_string().contains("Broken pipe (os error 32)")
    })
}

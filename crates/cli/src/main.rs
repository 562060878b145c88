//! The `chronicle` command line (being built).
mod cmd_clean;
mod cmd_nlp;
mod cmd_time;

fn main() {
    let _ = (cmd_clean::eval_wcxb, cmd_nlp::train, cmd_nlp::parse, cmd_nlp::eval_conllu);
    let _ = (cmd_time::eval_tempeval, cmd_time::eval_recognizers);
}

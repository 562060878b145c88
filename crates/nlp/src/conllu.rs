//! Reading and writing CoNLL-U, and rebuilding the raw text a treebank was cut from.

use crate::error::{Error, Result};
use std::fmt::Write as _;
use std::ops::Range;

/// One syntactic word of a CoNLL-U sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 1-based index of the head word, 0 for the root.
    pub head: usize,
    pub deprel: String,
    pub misc: String,
}

/// A multi-word token (`don't` over the words `do` and `n't`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultiWord {
    /// 0-based word indices covered.
    pub words: Range<usize>,
    pub form: String,
    pub misc: String,
}

/// One CoNLL-U sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    pub multiwords: Vec<MultiWord>,
}

impl Sentence {
    /// The `# text =` comment, if any.
    pub fn text(&self) -> Option<&str> {
        self.comments
            .iter()
            .find_map(|c| c.strip_prefix("# text = "))
    }

    /// Whether the sentence starts a paragraph or a document.
    pub fn starts_paragraph(&self) -> bool {
        self.comments
            .iter()
            .any(|c| c.starts_with("# newpar") || c.starts_with("# newdoc"))
    }

    /// The surface tokens: multi-word tokens and plain words, with the word indices each covers.
    pub fn surface_tokens(&self) -> Vec<(String, Range<usize>, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 0;
        while i < self.words.len() {
            if let Some(mw) = self.multiwords.iter().find(|m| m.words.start == i) {
                out.push((mw.form.clone(), mw.words.clone(), space_after(&mw.misc)));
                i = mw.words.end.max(i + 1);
            } else {
                let w = &self.words[i];
                out.push((w.form.clone(), i..i + 1, space_after(&w.misc)));
                i += 1;
            }
        }
        out
    }

    /// The sentence text: the `# text =` comment, or the forms joined by their `SpaceAfter`.
    pub fn raw_text(&self) -> String {
        if let Some(t) = self.text() {
            return t.to_string();
        }
        let mut s = String::new();
        for (form, _, space) in self.surface_tokens() {
            s.push_str(&form);
            if space {
                s.push(' ');
            }
        }
        s.trim_end().to_string()
    }
}

fn space_after(misc: &str) -> bool {
    !misc.split('|').any(|m| m == "SpaceAfter=No")
}

/// Parses CoNLL-U text. Empty nodes (`3.1`) are skipped; they carry no basic-tree annotation.
/// The first malformed line is an error; [`parse_lenient`] skips its sentence instead.
pub fn parse(text: &str) -> Result<Vec<Sentence>> {
    let (sentences, mut problems) = parse_lenient(text);
    match problems.is_empty() {
        true => Ok(sentences),
        false => Err(problems.swap_remove(0)),
    }
}

/// Parses CoNLL-U text, leaving out every sentence that holds a malformed line (wrong column
/// count, bad ids, a head that is not a number or points outside the sentence) and returning one
/// error per sentence left out, in file order.
pub fn parse_lenient(text: &str) -> (Vec<Sentence>, Vec<Error>) {
    let mut sentences = Vec::new();
    let mut problems = Vec::new();
    let mut current = Sentence::default();
    // The first problem of the current sentence, and the line the sentence started on.
    let mut broken: Option<Error> = None;
    let mut first_line = 1;
    let mut finish = |current: &mut Sentence, broken: &mut Option<Error>, first_line: usize| {
        let sentence = std::mem::take(current);
        let n = sentence.words.len();
        let head_out = sentence.words.iter().position(|w| w.head > n);
        if let Some(e) = broken.take() {
            problems.push(e);
        } else if let Some(i) = head_out {
            problems.push(Error::Conllu {
                line: first_line,
                message: format!(
                    "word {} has head {}, outside the sentence",
                    i + 1,
                    sentence.words[i].head
                ),
            });
        } else if n > 0 {
            sentences.push(sentence);
        }
    };
    for (line_no, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            finish(&mut current, &mut broken, first_line);
            first_line = line_no + 2;
            continue;
        }
        if broken.is_some() {
            continue;
        }
        if line.starts_with('#') {
            current.comments.push(line.to_string());
            continue;
        }
        match parse_line(line, &mut current) {
            Ok(()) => {}
            Err(message) => {
                broken = Some(Error::Conllu {
                    line: line_no + 1,
                    message,
                })
            }
        }
    }
    finish(&mut current, &mut broken, first_line);
    (sentences, problems)
}

/// Adds one word or multiword line to the sentence, or says what is wrong with it.
fn parse_line(line: &str, current: &mut Sentence) -> std::result::Result<(), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(format!("expected 10 columns, found {}", cols.len()));
    }
    if cols[0].contains('.') {
        return Ok(());
    }
    if let Some((a, b)) = cols[0].split_once('-') {
        let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
            return Err("bad range id".into());
        };
        if a == 0 || b < a {
            return Err("bad range id".into());
        }
        current.multiwords.push(MultiWord {
            words: a - 1..b,
            form: cols[1].to_string(),
            misc: cols[9].to_string(),
        });
        return Ok(());
    }
    let head = if cols[6] == "_" {
        0
    } else {
        cols[6].parse().map_err(|_| "bad head".to_string())?
    };
    current.words.push(Word {
        form: cols[1].to_string(),
        lemma: cols[2].to_string(),
        upos: cols[3].to_string(),
        xpos: cols[4].to_string(),
        feats: cols[5].to_string(),
        head,
        deprel: cols[7].to_string(),
        misc: cols[9].to_string(),
    });
    Ok(())
}

/// Writes sentences as CoNLL-U.
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        for c in &s.comments {
            out.push_str(c);
            out.push('\n');
        }
        for (i, w) in s.words.iter().enumerate() {
            if let Some(mw) = s.multiwords.iter().find(|m| m.words.start == i) {
                let _ = writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    mw.words.start + 1,
                    mw.words.end,
                    mw.form,
                    or_blank(&mw.misc)
                );
            }
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
                i + 1,
                w.form,
                or_blank(&w.lemma),
                or_blank(&w.upos),
                or_blank(&w.xpos),
                or_blank(&w.feats),
                w.head,
                or_blank(&w.deprel),
                or_blank(&w.misc)
            );
        }
        out.push('\n');
    }
    out
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

/// A treebank turned back into running text, with the character span of every gold word and
/// sentence (byte offsets into `text`).
#[derive(Clone, Debug, Default)]
pub struct RawText {
    pub text: String,
    pub words: Vec<Range<usize>>,
    pub sentences: Vec<Range<usize>>,
}

/// Rebuilds running text from sentences: sentences of one paragraph are joined with a space,
/// paragraphs (`# newpar`, `# newdoc`) with a newline, as article text reaches the analyzer.
pub fn raw_text(sentences: &[Sentence]) -> RawText {
    let mut out = RawText::default();
    for (k, s) in sentences.iter().enumerate() {
        if k > 0 {
            out.text.push(if s.starts_paragraph() { '\n' } else { ' ' });
        }
        let base = out.text.len();
        let text = s.raw_text();
        out.text.push_str(&text);
        let mut at = 0;
        for (form, words, _) in s.surface_tokens() {
            // Locate the token in the sentence text; a mismatch (rare typos in `# text`) leaves
            // the token where the search would have started.
            let found = text[at..].find(form.as_str()).map(|i| at + i);
            let start = found.unwrap_or(at);
            let end = if found.is_some() {
                start + form.len()
            } else {
                start
            };
            let covered: String = words.clone().map(|w| s.words[w].form.as_str()).collect();
            if words.len() > 1 && covered == form {
                let mut p = start;
                for w in words {
                    let len = s.words[w].form.len();
                    out.words.push(base + p..base + p + len);
                    p += len;
                }
            } else {
                for _ in words {
                    out.words.push(base + start..base + end);
                }
            }
            at = end;
        }
        out.sentences.push(base..base + text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newpar\n# text = I don't.\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_multiword_tokens_and_rebuilds_offsets() {
        let text = "# newpar\n# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
        let s = parse(text).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 4);
        let raw = raw_text(&s);
        let spans: Vec<&str> = raw.words.iter().map(|r| &raw.text[r.clone()]).collect();
        assert_eq!(spans, ["I", "do", "n't", "."]);
        assert!(write(&s).contains("2-3\tdon't"));
        assert!(parse(SAMPLE).is_ok());
    }

    #[test]
    fn lenient_parsing_leaves_out_only_the_broken_sentences() {
        let good = "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
        let short = "1\tHi\thi\n\n";
        let far_head = "1\tHi\thi\tINTJ\tUH\t_\t7\troot\t_\t_\n\n";
        let text = format!("{good}{short}{good}{far_head}{good}");
        let (sentences, problems) = parse_lenient(&text);
        assert_eq!(sentences.len(), 3);
        let lines: Vec<usize> = problems
            .iter()
            .map(|e| match e {
                Error::Conllu { line, .. } => *line,
                _ => 0,
            })
            .collect();
        assert_eq!(lines, [3, 7]);
        assert!(parse(&text).is_err());
    }
}

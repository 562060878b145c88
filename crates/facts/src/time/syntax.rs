//! The tense of the clause that governs an expression, read from the language analysis
//! (part-of-speech tags and dependency parse of `chronicle-nlp`) when the caller has one: the
//! timex's head is followed up the parse to the first verb (or copula clause), and that verb's
//! form and auxiliaries give the tense.

use chronicle_nlp::Analysis;
use std::ops::Range;

/// The time of the clause governing an expression, as its verb group shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clause {
    /// A past form: "met", "was named", "has said", "had been due to".
    Past,
    /// A present form: "meet", "meets", "is meeting", "is due".
    Present,
    /// "will", "would", "could" (without "have"), "going to", a to-infinitive of plan.
    Future,
}

/// The governing clause of an expression: its time and whether its verb reports speech
/// ("says Monday" is the day of the report, not a coming one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Governor {
    pub clause: Clause,
    pub reporting: bool,
}

/// Read-only view of an analysis for tense questions.
#[derive(Debug)]
pub struct Syntax<'x> {
    analysis: &'x Analysis,
}

/// Verbs whose to-infinitive happens when they do ("managed to leave Monday").
fn implicative(lemma: &str) -> bool {
    matches!(
        lemma,
        "manage" | "try" | "fail" | "begin" | "start" | "continue" | "help" | "use" | "seem"
    )
}

/// Verbs of saying: in the present they date the report, not the event.
fn reporting(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "announce"
            | "report"
            | "add"
            | "note"
            | "claim"
            | "confirm"
            | "deny"
            | "insist"
            | "warn"
            | "acknowledge"
            | "state"
            | "declare"
            | "write"
    )
}

impl<'x> Syntax<'x> {
    pub fn new(analysis: &'x Analysis) -> Self {
        Syntax { analysis }
    }

    fn tok(&self, i: usize) -> &chronicle_nlp::AnalyzedToken {
        &self.analysis.tokens[i]
    }

    fn lower(&self, i: usize) -> String {
        self.tok(i).lemma.to_ascii_lowercase()
    }

    /// Indices of the analysed tokens overlapping `bytes`.
    fn tokens_in(&self, bytes: &Range<usize>) -> Range<usize> {
        let toks = &self.analysis.tokens;
        let first = toks.partition_point(|t| t.range.end <= bytes.start);
        let mut last = first;
        while last < toks.len() && toks[last].range.start < bytes.end {
            last += 1;
        }
        first..last
    }

    /// The sentence (token range) holding token `i`.
    fn sentence_of(&self, i: usize) -> Range<usize> {
        let s = &self.analysis.sentences;
        let k = s.partition_point(|r| r.end <= i);
        s.get(k).cloned().unwrap_or(i..i + 1)
    }

    /// The clause that governs the expression at `bytes`, when the parse reaches a verb.
    pub fn governor(&self, bytes: Range<usize>) -> Option<Governor> {
        let span = self.tokens_in(&bytes);
        if span.is_empty() {
            return None;
        }
        let sentence = self.sentence_of(span.start);
        // The expression's head: its token attached outside it.
        let head = span
            .clone()
            .find(|&t| self.tok(t).head.is_none_or(|h| !span.contains(&h)))?;
        // Only an expression attached to a verb (or to a copula clause) is trusted: one hung
        // on a noun ("the vaccine maker Friday", "a June agreement") is too often misattached.
        // A participle without auxiliaries ("announced Friday, ...") passes on to its head.
        let rel = self.tok(head).deprel.as_str();
        let adjunct = rel.starts_with("obl")
            || rel.starts_with("nmod:tmod")
            || rel.starts_with("nmod:npmod")
            || matches!(rel, "advmod" | "obj" | "iobj");
        if !adjunct {
            return None;
        }
        let mut at = self.tok(head).head?;
        for _ in 0..3 {
            if let Some(g) = self.verb_group(at, &sentence) {
                return Some(g);
            }
            if !self.tok(at).xpos.starts_with("VB") {
                return None;
            }
            at = self.tok(at).head?;
        }
        None
    }

    fn has_subject(&self, v: usize, sentence: &Range<usize>) -> bool {
        sentence
            .clone()
            .any(|c| self.tok(c).head == Some(v) && self.tok(c).deprel.starts_with("nsubj"))
    }

    /// The tense of the verb group headed by `v`, or `None` when `v` heads no finite clause of
    /// its own (a noun, a participle modifier): the caller climbs on.
    fn verb_group(&self, v: usize, sentence: &Range<usize>) -> Option<Governor> {
        let t = self.tok(v);
        let aux: Vec<usize> = sentence
            .clone()
            .filter(|&c| {
                let d = &self.tok(c).deprel;
                self.tok(c).head == Some(v) && (d.starts_with("aux") || d == "cop")
            })
            .collect();
        // A tagger's verb must at least be a word ("to 452.76" is not an infinitive).
        let is_verb = t.xpos.starts_with("VB") && t.lemma.starts_with(|c: char| c.is_alphabetic());
        if !is_verb && aux.is_empty() {
            return None;
        }
        let lemma = self.lower(v);
        let gov = |clause| {
            Some(Governor {
                clause,
                reporting: reporting(&lemma),
            })
        };
        // Auxiliaries and copulas decide first, leftmost modal first.
        let words: Vec<String> = aux
            .iter()
            .map(|&a| self.tok(a).lemma.to_ascii_lowercase())
            .collect();
        let has_have = words.iter().any(|w| w == "have");
        for (&a, w) in aux.iter().zip(&words) {
            let x = &self.tok(a).xpos;
            if x == "MD" {
                // "would have", "could have": a past that did not happen.
                if has_have {
                    return gov(Clause::Past);
                }
                // "could not be reached Friday", "can": ability, as often past as not.
                if matches!(w.as_str(), "could" | "can" | "ca") {
                    return None;
                }
                return gov(Clause::Future);
            }
            if matches!(w.as_str(), "will" | "shall" | "'ll") {
                return gov(Clause::Future);
            }
        }
        for &a in &aux {
            let x = self.tok(a).xpos.as_str();
            if x == "VBD" {
                return gov(Clause::Past);
            }
            // "has said", "have met": the present perfect tells of the past.
            if matches!(x, "VBZ" | "VBP") && self.lower(a) == "have" {
                return gov(Clause::Past);
            }
        }
        for &a in &aux {
            if matches!(self.tok(a).xpos.as_str(), "VBZ" | "VBP") {
                return gov(Clause::Present);
            }
        }
        if !aux.is_empty() && !is_verb {
            return None;
        }
        match t.xpos.as_str() {
            "VBD" => gov(Clause::Past),
            "VBN" if aux.is_empty() => gov(Clause::Past),
            // A present verb needs its subject: a tagger's "aides" or "es" (VBZ) has none.
            "VBZ" | "VBP" if self.has_subject(v, sentence) => gov(Clause::Present),
            "VB" => {
                let to = sentence.clone().any(|c| {
                    self.tok(c).head == Some(v)
                        && self.tok(c).deprel == "mark"
                        && self.lower(c) == "to"
                });
                if !to {
                    // A base form with a subject is a present mistagged ("they meet Monday").
                    return self.has_subject(v, sentence).then_some(Governor {
                        clause: Clause::Present,
                        reporting: reporting(&lemma),
                    });
                }
                // A to-infinitive looks ahead of the verb it completes, unless that verb
                // implies it happened ("managed to").
                let g = t.head?;
                let gl = self.lower(g);
                // Under an adjective or noun ("difficult for Sun to meet demand into the
                // summer") the infinitive takes that clause's time.
                // So does an infinitive of purpose ("staged celebrations to mark the entry
                // on Friday"): only a complement ("agreed to meet") looks ahead.
                if implicative(&gl) || !self.tok(g).xpos.starts_with("VB") || t.deprel != "xcomp" {
                    return self.verb_group(g, sentence);
                }
                // "was due to", "was going to": a plan told in the past.
                let outer = self.verb_group(g, sentence);
                if matches!(gl.as_str(), "go" | "due" | "set" | "schedule")
                    && outer.is_some_and(|o| o.clause == Clause::Past)
                {
                    return outer;
                }
                Some(Governor {
                    clause: Clause::Future,
                    reporting: false,
                })
            }
            _ => None,
        }
    }
}

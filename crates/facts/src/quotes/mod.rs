//! Quotations and reported speech, attributed to resolved speakers.
//!
//! Three passes over one analysed document:
//! 1. [`segments`]: quotation marks are paired character by character. Curly and straight
//!    double marks, single marks nested inside them or standing alone; an apostrophe (`China’s`)
//!    never opens or closes. A quotation left open at the end of a paragraph continues when the
//!    next paragraph opens with a mark (the wire convention) and is closed there otherwise, so
//!    one unbalanced mark never spoils the rest of the document.
//! 2. Direct quotations: a segment is attributed to the speech verb next to it in its sentence
//!    (`“...,” X said`, `X said: “...”`), else to the speaker of the previous quotation when it
//!    continues it. Short segments with no speech verb next to them are scare quotes or titles
//!    (`“vocational training centers”`) and are not reported as speech.
//! 3. Reported speech from the parse: a speech verb with a subject and a clausal complement
//!    (`X said that ...`, `X urged Y to ...`), a clause followed by `X said`, and `according to X`.
//!    When the reported clause contains quoted words it is `mixed`, else `indirect`.
//!
//! Speakers are resolved to entities: names and roles through [`DocEntities`], pronouns to the
//! previous speaker or the most recent person, never left as a bare pronoun.

use crate::entities::{lexicon, DocEntities};
use chronicle_nlp::{Analysis, AnalyzedToken};
use std::ops::Range;

/// A pair of quotation marks and what they enclose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// From the opening mark to the closing mark inclusive (or to the paragraph end).
    pub outer: Range<usize>,
    /// The quoted words, without the marks.
    pub inner: Range<usize>,
    /// Single marks (`‘...’`).
    pub single: bool,
    /// Whether a closing mark was found.
    pub closed: bool,
}

/// A quotation found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteMatch {
    /// The quoted or reported words.
    pub range: Range<usize>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: &'static str,
    pub cue: Option<Range<usize>>,
    /// The speaker's name: the entity's name when resolved, else the phrase of the article.
    pub speaker: Option<String>,
    pub speaker_entity: Option<usize>,
    pub speaker_range: Option<Range<usize>>,
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

/// Pairs the quotation marks of `text`; top-level segments only (nested single quotes belong to
/// their enclosing double quote).
pub fn segments(text: &str) -> Vec<Segment> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut open_double: Option<usize> = None; // byte of the mark
    let mut open_single: Option<usize> = None;
    let mut skip_open_at: Option<usize> = None; // a continuation mark at a paragraph start
    let close = |out: &mut Vec<Segment>,
                 open: usize,
                 mark_len: usize,
                 end: usize,
                 close_len: usize,
                 single: bool,
                 closed: bool| {
        let inner = open + mark_len..end;
        let inner = trim(text, inner);
        if inner.end > inner.start {
            out.push(Segment {
                outer: open..end + close_len,
                inner,
                single,
                closed,
            });
        }
    };
    for (k, &(b, c)) in chars.iter().enumerate() {
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|x| x.1);
        if Some(b) == skip_open_at {
            skip_open_at = None;
            continue;
        }
        match c {
            '\n' => {
                if let Some(o) = open_double {
                    // Continues when the next paragraph opens with a mark.
                    let rest = &text[b..];
                    let next_par = rest.trim_start();
                    let starts_quoted = next_par.starts_with('“') || next_par.starts_with('"');
                    let blank_or_break = rest[..rest.len() - next_par.len()].contains('\n');
                    if starts_quoted && blank_or_break {
                        skip_open_at = Some(b + (rest.len() - next_par.len()));
                    } else {
                        close(
                            &mut out,
                            o,
                            text[o..].chars().next().map_or(1, char::len_utf8),
                            b,
                            0,
                            false,
                            false,
                        );
                        open_double = None;
                    }
                }
                open_single = None;
            }
            '“' | '”' | '"' | '«' | '»' => {
                let opening = match c {
                    // `“...“, he said`: an opening mark used to close.
                    '“' if open_double.is_some()
                        && (is_space(next) || next.is_some_and(|n| ",.;:".contains(n))) =>
                    {
                        false
                    }
                    '“' | '«' => true,
                    '”' | '»' => false,
                    _ => open_double.is_none() && !is_space(next),
                };
                if opening {
                    if let Some(o) = open_double {
                        // An unclosed quotation: end it where this one starts.
                        close(
                            &mut out,
                            o,
                            text[o..].chars().next().map_or(1, char::len_utf8),
                            b,
                            0,
                            false,
                            false,
                        );
                    }
                    open_double = Some(b);
                    open_single = None;
                } else if let Some(o) = open_double.take() {
                    close(
                        &mut out,
                        o,
                        text[o..].chars().next().map_or(1, char::len_utf8),
                        b,
                        c.len_utf8(),
                        false,
                        true,
                    );
                    open_single = None;
                }
            }
            '‘' | '\'' | '’' => {
                let letter_before = prev.is_some_and(|p| p.is_alphanumeric());
                let letter_after = next.is_some_and(|p| p.is_alphanumeric());
                let may_open = c != '’'
                    && (prev.is_none_or(|p| p.is_whitespace() || "“\"([—–-".contains(p)))
                    && !is_space(next);
                let may_close = c != '‘'
                    && !letter_after
                    && !is_space(prev)
                    && (c != '’' || prev != Some('s') || open_single.is_some());
                if let (Some(o), true) = (open_single, may_close) {
                    if open_double.is_none() {
                        close(
                            &mut out,
                            o,
                            text[o..].chars().next().map_or(1, char::len_utf8),
                            b,
                            c.len_utf8(),
                            true,
                            true,
                        );
                    }
                    open_single = None;
                } else if may_open && !letter_before {
                    open_single = Some(b);
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open_double {
        close(
            &mut out,
            o,
            text[o..].chars().next().map_or(1, char::len_utf8),
            text.len(),
            0,
            false,
            false,
        );
    }
    out.sort_by_key(|s| s.outer.start);
    out
}

/// Shrinks a range to leave out surrounding white space.
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// What a speaker is before resolution.
#[derive(Clone, Debug)]
enum Who {
    /// The head token of the speaker phrase.
    Token(usize),
    /// The speaker of the previous quotation.
    Previous,
    None,
}

#[derive(Clone, Debug)]
struct Found {
    range: Range<usize>,
    kind: &'static str,
    cue: Option<usize>,
    who: Who,
    /// An evaluative framing (`called X “...”`), kept even inside other reported speech.
    framing: bool,
    /// For a direct quotation, where its closing mark ends.
    outer_end: Option<usize>,
}

/// Verbs that report words by framing an object with them: `called X “...”`, `described X as
/// “...”`, `rejected X as “...”`. The second value: whether `as` must come between.
fn framing_verb(lemma: &str) -> Option<bool> {
    match lemma {
        "call" | "label" | "brand" | "term" | "dub" => Some(false),
        "describe" | "characterize" | "characterise" | "condemn" | "denounce" | "reject"
        | "criticise" | "criticize" | "decry" | "hail" | "praise" | "dismiss" | "slam"
        | "portray" | "depict" => Some(true),
        _ => None,
    }
}

/// Finds quotations and reported speech in `text` and attributes them.
pub fn extract_quotes(text: &str, analysis: &Analysis, entities: &DocEntities) -> Vec<QuoteMatch> {
    let toks = &analysis.tokens;
    if toks.is_empty() {
        return Vec::new();
    }
    let segs = segments(text);
    let mut sent_of = vec![0; toks.len()];
    for (k, s) in analysis.sentences.iter().enumerate() {
        for i in s.clone() {
            sent_of[i] = k;
        }
    }
    let token_at = |byte: usize| -> usize {
        match toks.binary_search_by(|t| {
            if t.range.end <= byte {
                std::cmp::Ordering::Less
            } else if t.range.start > byte {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => i,
            Err(i) => i.min(toks.len() - 1),
        }
    };
    // A sentence that the splitter cut off mid-clause (`confirmed Monday | that ...`): no
    // newline between it and the one before, which does not end in terminal punctuation.
    let glued: Vec<bool> = analysis
        .sentences
        .iter()
        .enumerate()
        .map(|(k, s)| {
            k > 0 && !s.is_empty() && !analysis.sentences[k - 1].is_empty() && {
                let prev = &analysis.sentences[k - 1];
                let last = &text[toks[prev.end - 1].range.clone()];
                let between = &text[toks[prev.end - 1].range.end..toks[s.start].range.start];
                !between.contains('\n')
                    && !matches!(last, "." | "!" | "?" | "”" | "\"" | ":" | ";" | "…" | "’")
            }
        })
        .collect();
    let root_of = |k: usize| {
        analysis.sentences[k]
            .clone()
            .find(|&i| toks[i].head.is_none())
    };
    let ordered = segs.windows(2).all(|w| w[0].outer.end <= w[1].outer.start);
    let in_segment = |byte: usize| segment_at(&segs, ordered, byte);
    // Each token's dependents in text order, built once: scanning every token per lookup made
    // the stage quadratic in the document's length.
    let mut dependents = vec![Vec::new(); toks.len()];
    for (c, t) in toks.iter().enumerate() {
        if let Some(h) = t.head.filter(|&h| h < toks.len()) {
            dependents[h].push(c);
        }
    }
    let children = |h: usize| dependents[h].iter().copied();
    let is_speech =
        |i: usize| toks[i].upos == "VERB" && lexicon::is_speech_verb(&toks[i].lemma.to_lowercase());
    // A cue of a direct quotation: a speech verb that is not a noun's modifier (`its responding
    // report`).
    let is_cue = |i: usize| is_speech(i) && toks[i].deprel != "amod";
    let speech_like = |t: usize| {
        let l = toks[t].lemma.to_lowercase();
        is_speech(t) || framing_verb(&l).is_some() || lexicon::is_stance_verb(&l)
    };
    // The subject of a speech verb; a participle (`adding that`, `saying`) takes the subject
    // of the speech verb above it, else of the nearest verb above it.
    let subject_of = |v0: usize| -> Option<usize> {
        let participle = toks[v0].xpos == "VBG";
        let mut fallback = None;
        let mut v = v0;
        for _ in 0..5 {
            // The subject nearest the verb, before it when there is one (`Xi Jinping, the
            // United Nations said Monday`).
            let subject = children(v)
                .filter(|&c| {
                    (toks[c].deprel == "nsubj"
                        || toks[c].deprel == "nsubj:outer"
                        // A passive subject of an active speech verb is a parser slip.
                        || (toks[c].deprel == "nsubj:pass"
                            && is_speech(v)
                            && !children(v).any(|a| toks[a].deprel == "aux:pass")))
                        && !lexicon::is_stop_cap(&toks[c].lemma.to_lowercase())
                })
                .min_by_key(|&c| (c > v, c.abs_diff(v)));
            if let Some(s) = subject {
                if !participle || v == v0 || is_speech(v) {
                    return Some(s);
                }
                fallback.get_or_insert(s);
            }
            if children(v).any(|c| toks[c].deprel == "expl") {
                return fallback;
            }
            match (toks[v].deprel.as_str(), toks[v].head) {
                (_, None) if glued[sent_of[v]] => match root_of(sent_of[v] - 1) {
                    Some(r) if toks[r].upos == "VERB" => v = r,
                    _ => break,
                },
                ("ccomp", Some(h)) if participle && is_speech(h) => v = h,
                ("ccomp" | "root" | "csubj", _) | (_, None) => break,
                (_, Some(h)) => v = h,
            }
        }
        fallback
    };
    let mut found: Vec<Found> = Vec::new();
    let mut direct_segs: Vec<usize> = Vec::new();

    // 2. Direct quotations.
    for (k, seg) in segs.iter().enumerate() {
        let words = word_count(&text[seg.inner.clone()]);
        let open_tok = token_at(seg.outer.start);
        let close_tok = token_at(seg.outer.end.saturating_sub(1).max(seg.outer.start));
        let s_open = &analysis.sentences[sent_of[open_tok]];
        let s_close = &analysis.sentences[sent_of[close_tok]];
        // Trailing attribution: `,” X said` / `,” said X`; further on only past a name and its
        // appositive (`,” Jane Doe, the chief economist at the bank, said`), with no other verb.
        let mut cue = None;
        let mut near = false;
        if seg.closed {
            let after = close_tok + 1;
            let mut other_verb = false;
            for (i, t) in toks
                .iter()
                .enumerate()
                .take(s_close.end.min(after + 30))
                .skip(after)
            {
                if in_segment(t.range.start).is_some() {
                    break;
                }
                if is_cue(i) {
                    if i < after + 7 || !other_verb {
                        cue = Some(i);
                        near = true;
                    }
                    break;
                }
                other_verb |= matches!(t.upos.as_str(), "VERB" | "AUX");
                if i >= after + 7 && other_verb {
                    break;
                }
            }
        }
        // Leading attribution: a speech verb before the mark in the same sentence.
        if cue.is_none() {
            let mut i = open_tok;
            while i > s_open.start {
                i -= 1;
                if in_segment(toks[i].range.start).is_some() {
                    continue;
                }
                if is_cue(i) {
                    near = open_tok - i <= 4;
                    cue = Some(i);
                    break;
                }
            }
        }
        let ends_with_comma = text[seg.inner.clone()].ends_with(',');
        let whole_sentence = open_tok <= s_open.start + 1;
        let partial = text[seg.inner.clone()]
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
            && open_tok > s_open.start + 2;
        if let Some(v) = cue {
            if partial && v > close_tok {
                continue; // `They are ..., “and that ...,” X said`: one mixed quotation
            }
            if words < 5 && !(near && (ends_with_comma || whole_sentence)) {
                continue; // quoted words inside reported speech: part of a mixed quotation
            }
            // Never a word of the quotation itself (a quoted sentence the splitter cut off).
            let outside = |t: &usize| !seg.outer.contains(&toks[*t].range.start);
            let who = subject_of(v)
                .filter(outside)
                .or_else(|| {
                    (v > close_tok)
                        .then(|| name_between(toks, close_tok + 1, v))
                        .flatten()
                })
                .or_else(|| after_verb_subject(toks, v, s_close.end))
                .or_else(|| before_verb_subject(toks, v, s_open.start))
                .or_else(|| initial_name(toks, entities, s_open.start, v))
                .filter(outside)
                .map_or(Who::None, Who::Token);
            found.push(Found {
                range: seg.inner.clone(),
                kind: "direct",
                cue: Some(v),
                who,
                framing: false,
                outer_end: Some(seg.outer.end),
            });
            direct_segs.push(k);
            continue;
        }
        // No speech verb in the sentence: a continuation of the previous quotation, or a scare
        // quote / title.
        if words < 5 || !whole_sentence {
            continue;
        }
        // A lead-in that ends in a colon (`The Times reports:`) attributes the quotation that
        // opens the next sentence or paragraph.
        let lead_in = sent_of[open_tok].checked_sub(1).and_then(|p| {
            let prev = analysis.sentences[p].clone();
            let last = prev.end.checked_sub(1).filter(|&l| l >= prev.start)?;
            if &text[toks[last].range.clone()] != ":" {
                return None;
            }
            prev.rev()
                .find(|&t| is_cue(t) && in_segment(toks[t].range.start).is_none())
        });
        if let Some(v) = lead_in {
            if let Some(who) = subject_of(v).or_else(|| before_verb_subject(toks, v, 0)) {
                found.push(Found {
                    range: seg.inner.clone(),
                    kind: "direct",
                    cue: Some(v),
                    who: Who::Token(who),
                    framing: false,
                    outer_end: Some(seg.outer.end),
                });
                direct_segs.push(k);
                continue;
            }
        }
        // The speaker of the quotation or reported speech just before, if close enough.
        found.push(Found {
            range: seg.inner.clone(),
            kind: "direct",
            cue: None,
            who: Who::Previous,
            framing: false,
            outer_end: Some(seg.outer.end),
        });
        direct_segs.push(k);
    }

    // 3. Reported speech.
    let subtree = |root: usize, sent: &Range<usize>| -> Range<usize> {
        let mut lo = root;
        let mut hi = root;
        for i in sent.clone() {
            let mut h = Some(i);
            let mut steps = 0;
            while let Some(x) = h {
                if x == root {
                    lo = lo.min(i);
                    hi = hi.max(i);
                    break;
                }
                h = toks[x].head;
                steps += 1;
                if steps > 60 {
                    break;
                }
            }
        }
        lo..hi + 1
    };
    for v in 0..toks.len() {
        if !is_speech(v) {
            continue;
        }
        let sent = analysis.sentences[sent_of[v]].clone();
        if in_segment(toks[v].range.start).is_some_and(|k| !segs[k].single) {
            continue; // speech verbs inside a quotation are the quoted person's words
        }
        let lemma = toks[v].lemma.to_lowercase();
        let content_child = children(v)
            .find(|&c| toks[c].deprel == "ccomp")
            .or_else(|| {
                matches!(
                    lemma.as_str(),
                    "urge"
                        | "ask"
                        | "call"
                        | "tell"
                        | "vow"
                        | "promise"
                        | "pledge"
                        | "demand"
                        | "warn"
                        | "press"
                        | "encourage"
                        | "appeal"
                        | "request"
                        | "advise"
                )
                .then(|| {
                    children(v)
                        .find(|&c| {
                            toks[c].deprel == "xcomp"
                                || (matches!(toks[c].deprel.as_str(), "advcl" | "parataxis")
                                    && c > v
                                    && children(c)
                                        .any(|m| toks[m].deprel == "mark" && toks[m].lemma == "to"))
                        })
                        // `asked Guterres to urge ...` parsed with the infinitive on the object.
                        .or_else(|| {
                            children(v)
                                .filter(|&o| matches!(toks[o].deprel.as_str(), "obj" | "iobj"))
                                .flat_map(children)
                                .find(|&x| {
                                    matches!(toks[x].deprel.as_str(), "acl" | "xcomp")
                                        && children(x).any(|m| {
                                            toks[m].deprel == "mark" && toks[m].lemma == "to"
                                        })
                                })
                        })
                })
                .flatten()
            });
        // A sentence the parser gave no subject before the verb (`Beijing denies ... and says
        // ...` with `Beijing denies` read as a noun): the name that opens it.
        let Some(subject) = subject_of(v).or_else(|| {
            let no_subject = (sent.start..v).all(|t| !toks[t].deprel.starts_with("nsubj"));
            (content_child.is_some() && no_subject)
                .then(|| initial_name(toks, entities, sent.start, v))
                .flatten()
        }) else {
            continue;
        };
        // `Asked whether ...`: a question put to the subject, not their words.
        let opens_sentence = (sent.start..v).all(|t| toks[t].upos == "PUNCT");
        if lemma == "ask"
            && (toks[v].xpos == "VBN"
                || opens_sentence
                || content_child.is_some_and(|c| {
                    children(c).any(|m| {
                        matches!(
                            toks[m].lemma.as_str(),
                            "whether" | "if" | "how" | "what" | "why" | "when"
                        )
                    })
                }))
        {
            continue;
        }
        let partial_quote_after = |v: usize, sent: &Range<usize>| {
            // Not a framing verb (`called X “...”` has its own rule) nor `called on ...`.
            let particle = toks.get(v + 1).is_some_and(|t| {
                matches!(t.lemma.to_lowercase().as_str(), "on" | "out" | "for" | "up")
            });
            if particle || framing_verb(&toks[v].lemma.to_lowercase()).is_some() {
                return None;
            }
            segs.iter().position(|g| {
                let open = token_at(g.outer.start);
                !g.single
                    && open > v + 1
                    && open <= v + 12
                    && open < sent.end
                    && g.closed
                    && text[g.inner.clone()].starts_with(char::is_lowercase)
                    && (v + 1..open)
                        .all(|t| !is_speech(t) && in_segment(toks[t].range.start).is_none())
            })
        };
        // `said on Wednesday that ...`, `said during the tour that ...` with the clause hung on a
        // noun by the parser: the words after `that` up to the sentence end.
        let that_clause = || -> Option<Range<usize>> {
            let t = (v + 1..sent.end.min(v + 9))
                .find(|&t| text[toks[t].range.clone()].eq_ignore_ascii_case("that"))?;
            let between_clean = (v + 1..t).all(|b| {
                !matches!(toks[b].upos.as_str(), "VERB" | "AUX" | "PRON" | "SCONJ")
                    || segs.iter().any(|g| {
                        g.outer.start <= toks[b].range.start && toks[b].range.start < g.outer.end
                    })
            });
            (between_clean && t + 2 < sent.end).then(|| t + 1..sent.end)
        };
        let mut content = match content_child {
            None if that_clause().is_some() => that_clause().unwrap_or_default(),
            Some(c) => {
                let r = subtree(c, &sent);
                // A quoted clause `said: “...”` is the direct quotation itself.
                if r.end <= v {
                    // `CLAUSE, police said`: the clause runs from the sentence start, whatever
                    // the parser gave the speech verb of it (a second subject).
                    let start = (sent.start..r.start)
                        .find(|&t| {
                            toks[t].upos != "PUNCT" || is_open_mark(&text[toks[t].range.clone()])
                        })
                        .unwrap_or(r.start);
                    let clean = (start..r.start).all(|t| {
                        toks[t]
                            .head
                            .is_some_and(|h| (r.start..r.end).contains(&h) || h == v)
                            || (start..r.end).contains(&toks[t].head.unwrap_or(v))
                    });
                    if clean {
                        start..r.end
                    } else {
                        r
                    }
                } else if r.start > v {
                    // `say he posed a threat and refused to ...` with the second verb hung on the
                    // speech verb: a verb sharing the reported subject, not the speaker's.
                    let mut r = r;
                    if let Some(x) = children(v).find(|&x| {
                        x >= r.end
                            && toks[x].deprel == "conj"
                            && toks[x].upos == "VERB"
                            && toks[x].xpos != toks[v].xpos
                            && !speech_like(x)
                            && !children(x).any(|c| toks[c].deprel.starts_with("nsubj"))
                    }) {
                        r.end = r.end.max(subtree(x, &sent).end);
                    }
                    r
                } else {
                    v + 1..r.end
                }
            }
            // `says Y was “unhinged, even for him”` with the clause missed by the parser: the
            // words from the verb to the sentence end, when a partial quotation follows close by.
            // (Within the verb's own clause, and at least to the closing mark.)
            None if partial_quote_after(v, &sent).is_some() => {
                let g = &segs[partial_quote_after(v, &sent).unwrap_or_default()];
                let close = token_at(g.outer.end.saturating_sub(1)) + 1;
                v + 1..subtree(v, &sent).end.max(close)
            }
            None if toks[v].head.is_none()
                && sent_of[v] + 1 < analysis.sentences.len()
                && glued[sent_of[v] + 1] =>
            {
                analysis.sentences[sent_of[v] + 1].clone()
            }
            None => {
                // `CLAUSE, X said.`: the verb hangs off the clause it reports.
                // The subject phrase must follow a comma: `CLAUSE, the United Nations said`.
                let mut phrase_start = subject;
                while phrase_start > sent.start
                    && matches!(
                        toks[phrase_start - 1].upos.as_str(),
                        "DET" | "ADJ" | "PROPN" | "NOUN" | "NUM"
                    )
                {
                    phrase_start -= 1;
                }
                let after_comma =
                    phrase_start > sent.start && &text[toks[phrase_start - 1].range.clone()] == ",";
                if toks[v].deprel == "parataxis"
                    && toks[v].head.is_some_and(|h| h < v)
                    && subject > toks[v].head.unwrap_or(0)
                    && after_comma
                {
                    sent.start..phrase_start
                } else {
                    continue;
                }
            }
        };
        if content.end <= content.start {
            continue;
        }
        // Leave out `that`, commas and colons at the edges.
        while content.start < content.end
            && (matches!(toks[content.start].deprel.as_str(), "mark" | "punct")
                && !is_open_mark(&text[toks[content.start].range.clone()]))
        {
            content.start += 1;
        }
        while content.end > content.start
            && toks[content.end - 1].upos == "PUNCT"
            && !is_close_mark(&text[toks[content.end - 1].range.clone()])
        {
            content.end -= 1;
        }
        // Where the reported words end and the writer's go on: `..., adding that ...` (a nested
        // participle of speech starts another quotation), `... and warned against ...` (a
        // speech verb sharing the speaker's subject), `..., citing ...`, `..., although ...`.
        let after_comma = |t: usize| t > 0 && &text[toks[t - 1].range.clone()] == ",";
        if let Some(t) = (content.start + 2..content.end).find(|&t| {
            t != v
                && in_segment(toks[t].range.start).is_none()
                && ((toks[t].xpos == "VBG" && speech_like(t))
                    || (toks[t].deprel == "conj"
                        && toks[t].upos == "VERB"
                        && speech_like(t)
                        && !children(t).any(|c| toks[c].deprel.starts_with("nsubj")))
                    || (after_comma(t)
                        && (matches!(
                            text[toks[t].range.clone()].to_lowercase().as_str(),
                            "although" | "though" | "whereas"
                        ) || (toks[t].xpos == "VBG" && toks[t].lemma == "cite"))))
        }) {
            content.end = t;
            while content.end > content.start
                && (matches!(toks[content.end - 1].upos.as_str(), "PUNCT" | "CCONJ")
                    || (toks[content.end - 1].upos == "SCONJ"
                        && toks[content.end - 1].lemma == "while"))
                && !is_close_mark(&text[toks[content.end - 1].range.clone()])
            {
                content.end -= 1;
            }
        }
        if content.end <= content.start + 1 {
            continue;
        }
        let mut range = toks[content.start].range.start..toks[content.end - 1].range.end;
        // A direct quotation that follows the reported clause after `but`/`and` stands alone.
        for &k in &direct_segs {
            let s = &segs[k];
            let mut cut = token_at(s.outer.start);
            let after_conj = (content.start..cut)
                .rev()
                .find(|&t| toks[t].upos != "PUNCT")
                .is_some_and(|t| toks[t].upos == "CCONJ")
                || (content.start..cut)
                    .next_back()
                    .is_some_and(|t| matches!(&text[toks[t].range.clone()], ":" | "—" | "–"));
            if s.outer.start > range.start + 20 && s.outer.start < range.end && after_conj {
                while cut > content.start
                    && (toks[cut - 1].upos == "CCONJ" || toks[cut - 1].upos == "PUNCT")
                    && !is_close_mark(&text[toks[cut - 1].range.clone()])
                {
                    cut -= 1;
                }
                if cut > content.start {
                    range.end = toks[cut - 1].range.end;
                }
            }
        }
        // Already a direct quotation? Not when the quoted words only finish the writer's
        // (`he was “totally against the war”`): that is one mixed quotation.
        let quoted: usize = segs.iter().map(|s| overlap(&s.inner, &range)).sum();
        let len = range.end - range.start;
        if direct_segs.iter().any(|&k| {
            let inner = &segs[k].inner;
            let partial = segs[k].outer.start > range.start
                && text[inner.clone()].starts_with(char::is_lowercase);
            overlap(inner, &range) * 10 >= len * 7 && !partial
        }) {
            continue;
        }
        let kind = if quoted > 0 { "mixed" } else { "indirect" };
        // Reported speech is a clause: it has a verb, and not the speaker's.
        let tok_range = token_at(range.start)..token_at(range.end.saturating_sub(1)) + 1;
        if word_count(&text[range.clone()]) < 3
            || !tok_range
                .clone()
                .any(|t| matches!(toks[t].upos.as_str(), "VERB" | "AUX"))
            || tok_range.contains(&subject)
        {
            continue;
        }
        found.push(Found {
            range,
            kind,
            cue: Some(v),
            who: Who::Token(subject),
            framing: false,
            outer_end: None,
        });
    }
    // Framing: `X called Y “...”`, `X described Y as “...”`, `X rejected Y as “...”`.
    for v in 0..toks.len() {
        let lemma = toks[v].lemma.to_lowercase();
        let Some(needs_as) = framing_verb(&lemma) else {
            continue;
        };
        if toks[v].upos != "VERB"
            || matches!(toks[v].deprel.as_str(), "acl" | "amod")
            || in_segment(toks[v].range.start).is_some_and(|k| !segs[k].single)
        {
            continue; // `a group called “...”`, or words inside a quotation
        }
        let sent = analysis.sentences[sent_of[v]].clone();
        if v + 1 >= sent.end
            || matches!(
                text[toks[v + 1].range.clone()].to_lowercase().as_str(),
                "on" | "for" | "off" | "up" | "upon"
            )
        {
            continue; // `called on X to ...`: an appeal, handled as reported speech
        }
        // The first quotation after the verb, close by, in the sentence.
        let Some(k) = segs.iter().position(|g| {
            g.outer.start >= toks[v].range.end
                && g.outer.start < toks[sent.end - 1].range.end
                && token_at(g.outer.start) <= v + 16
        }) else {
            continue;
        };
        let open = token_at(segs[k].outer.start);
        let between = v + 1..open;
        if between.clone().any(|t| {
            matches!(text[toks[t].range.clone()].as_ref(), ";" | ":")
                || (!needs_as && toks[t].upos == "VERB" && t > v + 1 && toks[t].xpos != "VBG")
        }) {
            continue;
        }
        let has_as = between
            .clone()
            .any(|t| text[toks[t].range.clone()].eq_ignore_ascii_case("as"));
        if needs_as && !has_as {
            continue;
        }
        // `called them to the stage`, `thanked ... for`; `is criticized as`: no speaker.
        if (!needs_as
            && between.clone().any(|t| {
                matches!(
                    text[toks[t].range.clone()].to_lowercase().as_str(),
                    "to" | "for"
                )
            }))
            || children(v).any(|a| toks[a].deprel == "aux:pass")
        {
            continue;
        }
        // Quotations joined by `and`/`or`/commas continue the framing: `“very cordial” and “frank.”`.
        let mut last = k;
        while let Some(n) = segs.get(last + 1) {
            let gap = &text[segs[last].outer.end..n.outer.start];
            let gap = gap.trim().trim_matches(',').trim();
            if matches!(gap, "and" | "or" | "") && n.outer.start < toks[sent.end - 1].range.end {
                last += 1;
            } else {
                break;
            }
        }
        let Some(subject) = subject_of(v) else {
            continue;
        };
        let mut start = v + 1;
        if text[toks[start].range.clone()].eq_ignore_ascii_case("as") {
            start += 1;
        }
        let range = toks[start].range.start..segs[last].outer.end;
        if range.end <= range.start || (token_at(range.start)..open + 1).contains(&subject) {
            continue;
        }
        found.push(Found {
            range,
            kind: "mixed",
            cue: Some(v),
            who: Who::Token(subject),
            framing: true,
            outer_end: None,
        });
    }
    // `according to X, ...` / `..., according to X`.
    for i in 0..toks.len().saturating_sub(2) {
        if !text[toks[i].range.clone()].eq_ignore_ascii_case("according")
            || &text[toks[i + 1].range.clone()] != "to"
        {
            continue;
        }
        let sent = analysis.sentences[sent_of[i]].clone();
        let src = i + 2;
        let mut np_end = src;
        while np_end < sent.end && toks[np_end].upos != "PUNCT" && toks[np_end].upos != "VERB" {
            np_end += 1;
        }
        if np_end == src {
            continue;
        }
        let head = (src..np_end)
            .rev()
            .find(|&t| matches!(toks[t].upos.as_str(), "PROPN" | "NOUN" | "PRON"))
            .unwrap_or(np_end - 1);
        // A source, not `according to estimates`.
        let named = (src..np_end)
            .any(|t| toks[t].upos == "PROPN" || entities.entity_of_token(t).is_some())
            || lexicon::is_title_word(&text[toks[head].range.clone()].to_lowercase());
        if !named {
            continue;
        }
        let content = if i > sent.start + 2 {
            sent.start..i
        } else {
            (np_end + 1).min(sent.end)..sent.end
        };
        let mut c = content;
        while c.end > c.start && toks[c.end - 1].upos == "PUNCT" {
            c.end -= 1;
        }
        if c.end <= c.start + 2 {
            continue;
        }
        found.push(reported(toks, &segs, c, i, head));
    }

    // Speech verbs whose object reports the words: `raised concerns about X`, `expressed concern
    // that ...`, `announced her desire to ... “...”` (an object holding quoted words).
    for v in 0..toks.len() {
        if toks[v].upos != "VERB"
            || found.iter().any(|f| f.cue == Some(v) && f.kind != "direct")
            || in_segment(toks[v].range.start).is_some_and(|k| !segs[k].single)
        {
            continue;
        }
        let lemma = toks[v].lemma.to_lowercase();
        let sent = analysis.sentences[sent_of[v]].clone();
        let stance = |o: usize| lexicon::is_stance_noun(&toks[o].lemma.to_lowercase());
        let content = if lexicon::is_stance_verb(&lemma) {
            // The object is a stance (`concern`), the content what it is about or the clause.
            // (`hope` is sometimes tagged a verb and hung on as `xcomp`.)
            let Some(o) = children(v)
                .find(|&o| matches!(toks[o].deprel.as_str(), "obj" | "xcomp") && stance(o))
            else {
                continue;
            };
            let about = |c: usize| {
                (matches!(toks[c].deprel.as_str(), "nmod" | "obl" | "acl" | "ccomp")
                    && c > o
                    && children(c).any(|m| {
                        matches!(toks[m].deprel.as_str(), "case" | "mark")
                            && lexicon::is_stance_preposition(&toks[m].lemma.to_lowercase())
                    }))
                    || (toks[c].deprel == "acl" && c > o)
            };
            let Some(c) = children(o)
                .find(|&c| about(c))
                .or_else(|| children(v).find(|&c| about(c)))
            else {
                continue;
            };
            let mut r = subtree(c, &sent);
            // A list the parser hung on the verb: `raised concerns about X, the “...” Y and Z`.
            for x in children(v).filter(|&x| {
                x > c
                    && matches!(toks[x].deprel.as_str(), "obj" | "conj" | "appos")
                    && matches!(toks[x].upos.as_str(), "NOUN" | "PROPN")
            }) {
                r.end = r.end.max(subtree(x, &sent).end);
            }
            // Leave out the preposition or `that` that opens it.
            let mut start = r.start;
            while start < r.end
                && matches!(toks[start].upos.as_str(), "ADP" | "SCONJ" | "PUNCT")
                && !is_open_mark(&text[toks[start].range.clone()])
            {
                start += 1;
            }
            start..r.end
        } else if is_speech(v) {
            // An object that holds quoted words and words of the writer: mixed.
            let Some(o) = children(v).find(|&o| toks[o].deprel == "obj" && o > v) else {
                continue;
            };
            let r = subtree(o, &sent);
            let quoted = (r.start..r.end)
                .filter(|&t| in_segment(toks[t].range.start).is_some())
                .count();
            let unquoted = (r.start..r.end)
                .filter(|&t| in_segment(toks[t].range.start).is_none() && toks[t].upos != "PUNCT")
                .count();
            if quoted == 0 || unquoted < 2 || r.start <= v {
                continue;
            }
            r
        } else {
            continue;
        };
        let mut content = content;
        while content.end > content.start
            && toks[content.end - 1].upos == "PUNCT"
            && !is_close_mark(&text[toks[content.end - 1].range.clone()])
        {
            content.end -= 1;
        }
        if content.end < content.start + 2 {
            continue;
        }
        let Some(subject) = subject_of(v) else {
            continue;
        };
        if content.contains(&subject) {
            continue;
        }
        found.push(reported(toks, &segs, content, v, subject));
    }
    found.sort_by_key(|f| (f.range.start, f.range.end));
    found.dedup_by(|a, b| a.range == b.range);
    // A partial quotation after its cue's reported clause (`said they welcome X, provided they
    // “avoid ...”`) ends that clause; one inside it (`told state media that the visit had
    // “provided ...”`) is part of it. Either way one mixed quotation, not two.
    let mut merged = vec![false; found.len()];
    for d in 0..found.len() {
        let (Some(v), Some(outer_end), "direct") =
            (found[d].cue, found[d].outer_end, found[d].kind)
        else {
            continue;
        };
        let dr = found[d].range.clone();
        let host = (0..found.len()).find(|&g| {
            g != d
                && !merged[g]
                && found[g].kind != "direct"
                && found[g].cue == Some(v)
                // (It may start a word or two into the quotation: `“that he ...”`.)
                && found[g].range.start <= dr.start + (dr.end - dr.start) / 4
                && (dr.end <= found[g].range.end + 3 || {
                    // Just after it in the same sentence, with no colon, dash or conjunction
                    // between, and not a sentence of its own.
                    let gap = &text[found[g].range.end.min(dr.start)..dr.start];
                    gap.len() < 60
                        && !gap.contains([':', '—', '–', '.', ';', '\n'])
                        && (!text[dr.clone()].starts_with(char::is_uppercase)
                            || !matches!(
                                gap.trim_matches(|c: char| !c.is_alphabetic()),
                                "and" | "but" | "or" | "yet"
                            ))
                        && !text[dr.clone()].contains(". ")
                        && sent_of[token_at(found[g].range.end.saturating_sub(1))]
                            == sent_of[token_at(dr.start)]
                })
        });
        if let Some(g) = host {
            found[g].range.start = found[g].range.start.min(dr.start);
            if found[g].range.end < dr.end {
                found[g].range.end = outer_end;
            }
            found[g].kind = "mixed";
            merged[d] = true;
        }
    }
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        !merged[k - 1]
    });
    // Reported speech inside other reported speech (`she said she urged them to ...`) is part
    // of it; direct quotations keep their own entry.
    // Speech of someone else named inside it (`He said Guterres told the Chinese that ...`)
    // stays a quotation of its own.
    let outer: Vec<(Range<usize>, Option<usize>)> = found
        .iter()
        .filter(|f| f.kind != "direct")
        .map(|f| {
            let who = match f.who {
                Who::Token(t) => Some(t),
                _ => None,
            };
            (f.range.clone(), who)
        })
        .collect();
    let same_speaker = |a: usize, b: usize| {
        let key = |t: usize| {
            entities
                .entity_of_token(t)
                .map_or_else(|| toks[t].lemma.to_lowercase(), |e| e.to_string())
        };
        // Only a named speaker counts as someone else (`the report suggests` stays part of it).
        toks[a].upos != "PROPN" || entities.entity_of_token(a).is_none() || key(a) == key(b)
    };
    found.retain(|f| {
        f.kind == "direct"
            || f.framing
            || !outer.iter().any(|(o, ow)| {
                *o != f.range
                    && o.start <= f.range.start
                    && f.range.end <= o.end
                    && match (&f.who, ow) {
                        (Who::Token(a), Some(b)) => {
                            !o.contains(&toks[*a].range.start) || same_speaker(*a, *b)
                        }
                        _ => true,
                    }
            })
    });
    // Speakers, in document order (pronouns look back at earlier speakers).
    let mut out: Vec<QuoteMatch> = Vec::with_capacity(found.len());
    let mut last: Option<(Option<String>, Option<usize>, bool)> = None; // name, entity, person
    let mut last_range: Option<Range<usize>> = None; // the mention that named the last speaker
    let mut last_end = 0;
    let mut last_pos = 0;
    for f in found {
        let (speaker, entity, srange) = match f.who {
            Who::Token(s) => resolve_speaker(text, analysis, entities, s, &last, last_pos, &|b| {
                segment_at(&segs, ordered, b).is_some_and(|k| !segs[k].single)
            }),
            // A continuation: the same speaker, named by the same mention.
            Who::Previous => match &last {
                Some((n, e, _)) if f.range.start < last_end + 400 => {
                    (n.clone(), *e, last_range.clone())
                }
                _ => (None, None, None),
            },
            Who::None => (None, None, None),
        };
        // `the letter added`: a text already named in an earlier attribution speaks for its
        // author (`In their letter, the lawmakers said ...`).
        let (speaker, entity) = match (&f.who, entity) {
            (Who::Token(s), None) if is_text_reference(toks, *s) => {
                let lemma = toks[*s].lemma.to_lowercase();
                let earlier = (s.saturating_sub(400)..*s)
                    .rev()
                    .find(|&t| toks[t].lemma.to_lowercase() == lemma && sent_of[t] < sent_of[*s]);
                let author = earlier.and_then(|t| {
                    out.iter().rev().find(|q| {
                        q.speaker.is_some()
                            && q.speaker_range
                                .as_ref()
                                .is_some_and(|r| sent_of[token_at(r.start)] == sent_of[t])
                    })
                });
                match author {
                    Some(q) => (q.speaker.clone(), q.speaker_entity),
                    None => (speaker, None),
                }
            }
            _ => (speaker, entity),
        };
        if speaker.is_some() {
            let person = entity.is_some_and(|e| entities.entities[e].kind == "PERSON");
            last = Some((speaker.clone(), entity, person));
            last_range.clone_from(&srange);
            last_end = f.range.end;
            last_pos = srange
                .as_ref()
                .map_or(f.range.start, |r| r.start.max(f.range.start));
        }
        out.push(QuoteMatch {
            range: f.range,
            kind: f.kind,
            cue: f.cue.map(|c| toks[c].range.clone()),
            speaker,
            speaker_entity: entity,
            speaker_range: srange,
        });
    }
    out
}

/// Reported words over the tokens `content`, `mixed` when they hold quoted words.
fn reported(
    toks: &[AnalyzedToken],
    segs: &[Segment],
    content: Range<usize>,
    cue: usize,
    who: usize,
) -> Found {
    let range = toks[content.start].range.start..toks[content.end - 1].range.end;
    let quoted = segs.iter().any(|g| overlap(&g.inner, &range) > 0);
    Found {
        range,
        kind: if quoted { "mixed" } else { "indirect" },
        cue: Some(cue),
        who: Who::Token(who),
        framing: false,
        outer_end: None,
    }
}

/// A definite reference to a text (`the letter`, `the statement`), which speaks for its author.
fn is_text_reference(toks: &[AnalyzedToken], s: usize) -> bool {
    toks[s].upos == "NOUN"
        && lexicon::is_text_noun(&toks[s].lemma.to_lowercase())
        && (0..s).rev().take(4).any(|d| {
            toks[d].head == Some(s)
                && matches!(
                    toks[d].lemma.to_lowercase().as_str(),
                    "the" | "this" | "that" | "its" | "their" | "his" | "her"
                )
        })
}

fn is_open_mark(s: &str) -> bool {
    matches!(s, "“" | "\"" | "‘" | "«")
}

fn is_close_mark(s: &str) -> bool {
    matches!(s, "”" | "\"" | "’" | "»")
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// `said Kenneth Roth`: a proper noun right after the verb when the parse gave no subject.
fn after_verb_subject(toks: &[AnalyzedToken], v: usize, end: usize) -> Option<usize> {
    let mut i = v + 1;
    while i < end && i <= v + 4 {
        match toks[i].upos.as_str() {
            "PROPN" if !is_name_token(toks, i) => return None, // `said Tuesday`
            "PROPN" | "PRON" => {
                // The head of the name: the last proper noun of the run.
                let mut j = i;
                while j + 1 < end && toks[j + 1].upos == "PROPN" {
                    j += 1;
                }
                return Some(j);
            }
            "DET" | "ADJ" | "NOUN" => i += 1,
            _ => return None,
        }
    }
    None
}

/// `..., Dujarric said “...”` with no subject in the parse: the name or pronoun just before
/// the verb.
fn before_verb_subject(toks: &[AnalyzedToken], v: usize, start: usize) -> Option<usize> {
    let t = v.checked_sub(1).filter(|&t| t >= start)?;
    (is_name_token(toks, t) || toks[t].upos == "PRON").then_some(t)
}

/// A proper noun that can name a speaker (not `Tuesday`, `March`).
fn is_name_token(toks: &[AnalyzedToken], t: usize) -> bool {
    toks[t].upos == "PROPN" && !lexicon::is_stop_cap(&toks[t].lemma.to_lowercase())
}

/// `,” Rep. Ann Lee (D-Ohio) said`: the first run of proper nouns between the quotation and
/// its verb (its last token), outside parentheses.
fn name_between(toks: &[AnalyzedToken], from: usize, v: usize) -> Option<usize> {
    let first = (from..v).find(|&t| is_name_token(toks, t))?;
    let mut last = first;
    while last + 1 < v && toks[last + 1].upos == "PROPN" {
        last += 1;
    }
    Some(last)
}

/// `Rayhan Asat, a Uyghur activist ..., said: “...”` parsed without a subject: the name that
/// opens the sentence (its last token).
fn initial_name(
    toks: &[AnalyzedToken],
    entities: &DocEntities,
    start: usize,
    v: usize,
) -> Option<usize> {
    let e = entities.entity_of_token(start)?;
    if toks[start].upos != "PROPN" {
        return None;
    }
    let mut last = start;
    while last + 1 < v && entities.entity_of_token(last + 1) == Some(e) {
        last += 1;
    }
    Some(last)
}

/// The segment holding `byte`. `segments` gives them in text order without overlap
/// (`ordered`), which a binary search uses so that long documents stay linear; the scan for any
/// other order gives the same answer.
fn segment_at(segs: &[Segment], ordered: bool, byte: usize) -> Option<usize> {
    if ordered {
        let k = segs.partition_point(|s| s.outer.end <= byte);
        segs.get(k)
            .filter(|s| s.outer.start <= byte && byte < s.outer.end)
            .map(|_| k)
    } else {
        segs.iter()
            .position(|s| s.outer.start <= byte && byte < s.outer.end)
    }
}

/// The speaker phrase of head token `s`, resolved to an entity when possible (also the actors
/// and targets of events).
pub(crate) fn resolve_speaker(
    text: &str,
    analysis: &Analysis,
    entities: &DocEntities,
    s: usize,
    last: &Option<(Option<String>, Option<usize>, bool)>,
    last_pos: usize,
    quoted: &dyn Fn(usize) -> bool,
) -> (Option<String>, Option<usize>, Option<Range<usize>>) {
    let toks = &analysis.tokens;
    let word = text[toks[s].range.clone()].to_lowercase();
    // `a statement that raised concerns`, `Li, who said`: the relative pronoun stands for the
    // noun the clause describes (the name just before `who`); the pronoun is the mention.
    if toks[s].upos == "PRON"
        && matches!(word.as_str(), "who" | "which" | "that")
        && toks[s].deprel.starts_with("nsubj")
    {
        let clause = toks[s].head.filter(|&h| toks[h].deprel == "acl:relcl");
        let before = s
            .checked_sub(1)
            .and_then(|b| {
                if &text[toks[b].range.clone()] == "," {
                    b.checked_sub(1)
                } else {
                    Some(b)
                }
            })
            .filter(|&b| {
                word == "who" && toks[b].upos == "PROPN" && entities.entity_of_token(b).is_some()
            });
        let antecedent = before
            .or_else(|| clause.and_then(|h| toks[h].head))
            .filter(|&a| a < s);
        let pronoun = Some(toks[s].range.clone());
        if let Some(a) = antecedent {
            let (name, e, phrase) =
                resolve_speaker(text, analysis, entities, a, last, last_pos, quoted);
            // A phrase that runs into the clause itself is no name.
            if phrase.is_some_and(|p| p.end <= toks[s].range.start) {
                return (name, e, pronoun);
            }
        }
        return (None, None, pronoun);
    }
    if toks[s].upos == "PRON" {
        let range = Some(toks[s].range.clone());
        return match word.as_str() {
            "he" | "she" | "him" | "her" => {
                let subject =
                    entities.last_subject_person_before(toks, toks[s].range.start, quoted);
                // The more recent of the last person speaker and the last person subject.
                let speaker_is_later = subject.is_none_or(|(p, _)| last_pos > p);
                if let (Some((n, e, true)), true) = (last, speaker_is_later) {
                    return (n.clone(), *e, range);
                }
                if let Some((_, e)) = subject {
                    return (Some(entities.entities[e].name.clone()), Some(e), range);
                }
                match entities.last_person_before(toks, toks[s].range.start) {
                    Some(e) => (Some(entities.entities[e].name.clone()), Some(e), range),
                    None => (None, None, range),
                }
            }
            "they" | "it" | "we" => match last {
                Some((n, e, false)) => (n.clone(), *e, range),
                _ => (None, None, range),
            },
            _ => (None, None, range),
        };
    }
    // `The spokesman for the ministry, Li Wen, said`: the named appositive is the speaker.
    if entities.entity_of_token(s).is_none() {
        let title = lexicon::is_title_word(&word);
        let appos = (s + 1..toks.len().min(s + 10)).find(|&i| {
            (toks[i].deprel == "appos" || (title && &text[toks[i - 1].range.clone()] == ","))
                && (toks[i].head == Some(s) || title)
                && entities
                    .entity_of_token(i)
                    .is_some_and(|e| entities.entities[e].kind == "PERSON")
        });
        if let Some(a) = appos {
            let e = entities.entity_of_token(a).unwrap_or_default();
            return (
                Some(entities.entities[e].name.clone()),
                Some(e),
                Some(toks[a].range.clone()),
            );
        }
    }
    // The phrase: the head with its modifiers, up to an appositive comma or relative clause.
    let mut lo = s;
    let mut hi = s;
    // Only `s`'s sentence can hold its dependents: looking further made the stage quadratic in
    // the document's length.
    let sentence = analysis
        .sentences
        .get(analysis.sentences.partition_point(|r| r.end <= s))
        .filter(|r| r.contains(&s))
        .cloned()
        .unwrap_or(0..toks.len());
    for i in sentence {
        let mut h = toks[i].head;
        let mut depth = 0;
        let mut below = i; // the child of `s` on the way up
        while let Some(x) = h {
            if x == s {
                // Nothing of a relative clause or an appositive, however deep, nor a time
                // (`a UN envoy ... last month`).
                let rel = toks[below].deprel.as_str();
                if matches!(rel, "acl:relcl" | "appos" | "acl" | "parataxis")
                    || rel.ends_with("tmod")
                    || rel.ends_with("unmarked")
                    || (depth == 0 && rel == "punct")
                {
                    break;
                }
                lo = lo.min(i);
                hi = hi.max(i);
                break;
            }
            below = x;
            h = toks[x].head;
            depth += 1;
            if depth > 6 {
                break;
            }
        }
    }
    // A coalition (`Human Rights Watch, Amnesty International and the World Uyghur Congress
    // said`): organisations listed with commas and `and` speak together. Read on the surface:
    // parsers rarely get such lists right.
    let kind_of = |t: usize| {
        entities
            .entity_of_token(t)
            .map(|e| entities.entities[e].kind.as_str())
    };
    let head_kind = kind_of(s).filter(|&k| k != "PERSON");
    // Members are of the head's kind (`... in Xinjiang, Human Rights Watch, ...`: not Xinjiang).
    let org = |t: usize| {
        entities
            .entity_of_token(t)
            .filter(|_| head_kind.is_some() && kind_of(t) == head_kind)
    };
    let mut coalition = false;
    if let Some(e) = org(s) {
        let sep = |t: usize| {
            matches!(toks[t].upos.as_str(), "CCONJ" | "DET")
                || matches!(&text[toks[t].range.clone()], "," | "–" | "-")
        };
        let (mut a, mut b) = (s, s);
        while a > 0 && org(a - 1) == Some(e) {
            a -= 1;
        }
        while b + 1 < toks.len() && org(b + 1) == Some(e) {
            b += 1;
        }
        let mut joined_by_and = false;
        loop {
            let mut t = a;
            while t > 0 && sep(t - 1) && t + 4 > a {
                t -= 1;
                joined_by_and |= toks[t].upos == "CCONJ";
            }
            match (t < a, t.checked_sub(1).and_then(org)) {
                (true, Some(o)) => {
                    a = t - 1;
                    while a > 0 && org(a - 1) == Some(o) {
                        a -= 1;
                    }
                }
                _ => break,
            }
        }
        loop {
            let mut t = b;
            while t + 1 < toks.len() && sep(t + 1) && t < b + 4 {
                t += 1;
                joined_by_and |= toks[t].upos == "CCONJ";
            }
            match (t > b, toks.get(t + 1).and_then(|_| org(t + 1))) {
                (true, Some(o)) => {
                    b = t + 1;
                    while b + 1 < toks.len() && org(b + 1) == Some(o) {
                        b += 1;
                    }
                }
                _ => break,
            }
        }
        if joined_by_and && (a < s || b > s) {
            coalition = true;
            lo = a;
            hi = b;
        }
    }
    // An appositive after a comma is not part of the name.
    if !coalition {
        if let Some(c) = (s..=hi).find(|&i| &text[toks[i].range.clone()] == ",") {
            hi = c.saturating_sub(1).max(s);
        }
    }
    // `According to NGO reports`: the preposition is not part of the source.
    while lo < s && matches!(toks[lo].upos.as_str(), "ADP" | "VERB" | "SCONJ" | "PUNCT") {
        lo += 1;
    }
    let range = toks[lo].range.start..toks[hi].range.end;
    // `China’s foreign ministry`: the possessor is not the speaker.
    let possessor = |i: usize| {
        toks[i].deprel == "nmod:poss"
            || toks[i]
                .head
                .is_some_and(|h| h != s && toks[h].deprel == "nmod:poss")
    };
    let ent = (!coalition)
        .then_some(())
        .and_then(|()| {
            (lo..=hi).rev().find_map(|i| {
                entities.entity_of_token(i).filter(|_| {
                    i == s || (toks[i].upos == "PROPN" && toks[s].upos == "PROPN" && !possessor(i))
                })
            })
        })
        .or_else(|| (!coalition).then(|| entities.entity_of_token(s)).flatten());
    match ent {
        Some(e) => (
            Some(entities.entities[e].name.clone()),
            Some(e),
            Some(range),
        ),
        None => {
            let phrase = text[range.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (Some(phrase), None, Some(range))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_search_for_a_segment_agrees_with_the_scan() {
        let text = "“One,” he said. ‘Two’ and “three\n\nno close. “Four” ends; 'five' too “six”.";
        let segs = segments(text);
        assert!(segs.len() >= 4, "{segs:?}");
        assert!(segs.windows(2).all(|w| w[0].outer.end <= w[1].outer.start));
        for b in 0..=text.len() {
            assert_eq!(
                segment_at(&segs, true, b),
                segment_at(&segs, false, b),
                "byte {b}"
            );
        }
    }
}

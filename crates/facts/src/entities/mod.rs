//! Named entities of one document, with their roles and every mention tied to its entity.
//!
//! Recognition works on the analysed tokens: runs of capitalised words (proper nouns, acronyms,
//! `of`/`for` inside organisation names) become candidate names; leading titles are split off as
//! roles (`Chinese Vice Foreign Minister Ma Zhaoxu`); the gazetteer, organisation head words,
//! group words and context give the type. Within the document, mentions meet in one entity by
//! normalised name ([`lexicon::normalize`]: `Uighur`/`Uyghur`, `António`/`Antonio`), surname,
//! acronym (`HRW`, `OHCHR`) and role (`the U.N. spokesman` → the person whose role is `U.N.
//! spokesman`). Pronouns are resolved only where the quotation stage needs a speaker.

pub mod lexicon;
pub mod ner;

use chronicle_nlp::{Analysis, AnalyzedToken};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// One mention of an entity: a byte range of the analysed text and whether it is a proper name
/// (as opposed to a role like `the U.N. spokesman`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionMatch {
    pub range: Range<usize>,
    pub proper: bool,
    /// Index of the first token of the mention.
    pub first_token: usize,
}

/// An entity of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityMatch {
    pub name: String,
    /// PERSON, ORG, GPE, LOC or NORP.
    pub kind: String,
    pub mentions: Vec<MentionMatch>,
    pub roles: Vec<String>,
    /// Normalised keys under which the entity is known (names, surname, acronym).
    keys: Vec<String>,
}

impl EntityMatch {
    /// Other spellings of the name found in the text.
    pub fn aliases(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for m in self.mentions.iter().filter(|m| m.proper) {
            let t = text[m.range.clone()].to_string();
            if t != self.name && !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }
}

/// The entities of one document and what is needed to resolve later references to them.
#[derive(Clone, Debug, Default)]
pub struct DocEntities {
    pub entities: Vec<EntityMatch>,
    /// Entity of each token covered by a mention.
    by_token: HashMap<usize, usize>,
}

/// Finds the entities of `text` from its analysis.
pub fn extract_entities(text: &str, analysis: &Analysis) -> DocEntities {
    extract_entities_with(text, analysis, ner::NameTagger::shipped())
}

/// [`extract_entities`] with another name tagger (or none).
pub fn extract_entities_with(
    text: &str,
    analysis: &Analysis,
    tagger: Option<&ner::NameTagger>,
) -> DocEntities {
    let toks = &analysis.tokens;
    let word = |i: usize| &text[toks[i].range.clone()];
    let mut found: Vec<Candidate> = Vec::new();
    for s in &analysis.sentences {
        let mut i = s.start;
        while i < s.end {
            let Some(end) = name_run(text, toks, s.clone(), i) else {
                i += 1;
                continue;
            };
            classify_run(text, toks, s.clone(), i..end, &mut found);
            i = end;
        }
    }
    // A sentence-initial capital is a name when the document names it inside a sentence too
    // (`Boeing said ...` after `... orders than Boeing`).
    // The parser may read such a word as a verb (`Boeing claims ...`): a one-word name takes
    // the type its occurrence inside the sentence has.
    let named: HashSet<&str> = found
        .iter()
        .flat_map(|c| c.tokens.clone().map(word))
        .collect();
    let one_word: HashMap<&str, &'static str> = found
        .iter()
        .filter(|c| c.tokens.len() == 1 && c.group.is_none())
        .map(|c| (word(c.tokens.start), c.kind))
        .collect();
    for s in &analysis.sentences {
        let i = s.start;
        if !named.contains(word(i)) || found.iter().any(|c| c.tokens.contains(&i)) {
            continue;
        }
        let mut end = i + 1;
        while end < s.end && namelike(text, toks, s, end) {
            end += 1;
        }
        if end == i + 1 && toks[i].upos != "PROPN" {
            if let Some(&kind) = one_word.get(word(i)) {
                found.push(Candidate {
                    tokens: i..end,
                    kind,
                    group: None,
                    roles: Vec::new(),
                });
            }
        } else if toks[i].upos == "PROPN" {
            classify_run(text, toks, s.clone(), i..end, &mut found);
        }
    }
    // Guessed types (`~`, `?`) are settled by the statistical name tagger when it has a view.
    let mut edited = true;
    if let Some(tagger) = tagger {
        let mut labels = vec![0usize; toks.len()];
        for s in &analysis.sentences {
            let words: Vec<&str> = s.clone().map(word).collect();
            let tags: Vec<&str> = s.clone().map(|i| toks[i].xpos.as_str()).collect();
            for (k, l) in tagger
                .tag(&ner::Sentence {
                    words: &words,
                    tags: &tags,
                })
                .into_iter()
                .enumerate()
            {
                labels[s.start + k] = l;
            }
        }
        consistent_labels(text, analysis, &mut labels);
        match prose(text, analysis) {
            Prose::Unedited => {
                edited = false;
                found = tagger_candidates(text, toks, &labels, found);
            }
            // Too short to tell: a guess of the rules goes when the tagger sees no name there
            // and it is one word (`Amid`) or holds a word usually written in lowercase (`Ice
            // Cream`); `Peter Holm` stays.
            Prose::Short => {
                edited = false;
                found.retain(|c| {
                    !c.kind.ends_with(['~', '?'])
                        || c.tokens.clone().any(|t| labels[t] != 0)
                        || (c.tokens.len() > 1
                            && !c.tokens.clone().any(|t| tagger.mostly_lowercase(word(t))))
                })
            }
            Prose::Edited => {}
        }
        for c in &mut found {
            if !c.kind.ends_with(['~', '?']) {
                continue;
            }
            let mut votes = [0usize; 4]; // O, PER, ORG, LOC
            for t in c.tokens.clone() {
                votes[labels[t].div_ceil(2)] += 1;
            }
            let best = (1..4)
                .max_by_key(|&k| votes[k])
                .filter(|&k| votes[k] * 2 > c.tokens.len());
            c.kind = match best {
                // A lone word needs more than the tagger to be a person (`Amid`, `Road`).
                Some(1) if c.tokens.len() > 1 || c.kind == "PERSON~" => "PERSON",
                Some(2) => "ORG",
                // A place does not speak: a speaker stays a person (a body may speak).
                Some(3) if c.kind == "PERSON~" && speaks(toks, c.tokens.clone()) => "PERSON",
                Some(3) => "GPE",
                _ => c.kind,
            };
        }
    }
    // `at Apple` after `Apple said`: a place guessed from a preposition alone, which the tagger
    // does not read as a place, is the name the document uses elsewhere outside a preposition.
    let elsewhere: HashMap<&str, &'static str> = found
        .iter()
        .filter(|c| c.tokens.len() == 1 && matches!(c.kind, "PERSON" | "PERSON?"))
        .map(|c| (word(c.tokens.start), c.kind))
        .collect();
    for c in &mut found {
        if c.kind == "GPE~" && c.tokens.len() == 1 {
            if let Some(&kind) = elsewhere.get(word(c.tokens.start)) {
                c.kind = kind;
            }
        }
    }
    for c in &mut found {
        c.kind = match c.kind {
            "PERSON~" => "PERSON",
            "GPE~" => "GPE",
            k => k,
        };
    }
    // Entities: multi-word names first, so that surnames and acronyms find them.
    let mut doc = DocEntities::default();
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&k| (found[k].tokens.len() < 2, found[k].tokens.start));
    for k in order {
        let c = &found[k];
        let surface = &text[toks[c.tokens.start].range.start..toks[c.tokens.end - 1].range.end];
        let id = doc.find_or_add(surface, c);
        let e = &mut doc.entities[id];
        // A full name the document gives a person's role is a person in all its mentions (`said
        // the chairman of Chrysler LLC Jim Press`, then `said Jim Press, the vice chairman`),
        // unless the gazetteer knows it.
        if c.kind == "PERSON"
            && e.kind != "PERSON"
            && c.tokens.len() >= 2
            && c.roles.iter().any(|r| person_role(r))
            && e.keys.iter().all(|k| !k.starts_with('@'))
            && e.keys.contains(&lexicon::normalize(surface))
        {
            e.kind = "PERSON".into();
        }
        for r in &c.roles {
            if !e.roles.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                e.roles.push(r.clone());
            }
        }
        e.mentions.push(MentionMatch {
            range: toks[c.tokens.start].range.start..toks[c.tokens.end - 1].range.end,
            proper: true,
            first_token: c.tokens.start,
        });
        for t in c.tokens.clone() {
            doc.by_token.insert(t, id);
        }
    }
    // Generic actors: `human rights groups`, `some governments`, `several countries`.
    for s in &analysis.sentences {
        for i in s.clone() {
            let Some((start, kind, key)) = generic_actor(text, toks, s.clone(), i) else {
                continue;
            };
            if (start..=i).any(|t| doc.by_token.contains_key(&t)) {
                continue;
            }
            let id = match doc.entities.iter().position(|e| e.keys.contains(&key)) {
                Some(id) => id,
                None => {
                    doc.entities.push(EntityMatch {
                        kind: kind.to_string(),
                        keys: vec![key],
                        ..EntityMatch::default()
                    });
                    doc.entities.len() - 1
                }
            };
            doc.entities[id].mentions.push(MentionMatch {
                range: toks[start].range.start..toks[i].range.end,
                proper: true,
                first_token: start,
            });
            for t in start..=i {
                doc.by_token.insert(t, id);
            }
        }
    }
    // Roles used as names: `the U.N. spokesman`, `the secretary-general`.
    for s in &analysis.sentences {
        for i in s.clone() {
            if doc.by_token.contains_key(&i) {
                continue;
            }
            let Some(np) = title_phrase(text, toks, s.clone(), i) else {
                continue;
            };
            if let Some(id) = doc.resolve_title(text, toks, np.clone()) {
                let range = toks[np.start].range.start..toks[np.end - 1].range.end;
                doc.entities[id].mentions.push(MentionMatch {
                    range,
                    proper: false,
                    first_token: np.start,
                });
                for t in np {
                    doc.by_token.entry(t).or_insert(id);
                }
            }
        }
    }
    for e in &mut doc.entities {
        e.mentions.sort_by_key(|m| m.range.start);
        e.mentions.dedup();
        // The canonical name: the longest proper mention.
        // A country's adjective (`Chinese`) names it only when nothing else does.
        let nominal = |m: &MentionMatch| m.proper && !demonym_use(text, toks, m);
        let any_nominal = e.mentions.iter().any(nominal);
        // A place named only by its adjective (`a Danish diplomat`, `French wine`) is a
        // nationality: NORP.
        if e.kind == "GPE" && !any_nominal && e.mentions.iter().any(|m| m.proper) {
            e.kind = "NORP".into();
        }
        if let Some(m) = e
            .mentions
            .iter()
            .filter(|m| m.proper && (!any_nominal || nominal(m)))
            .max_by_key(|m| {
                (
                    text[m.range.clone()].chars().count(),
                    usize::MAX - m.range.start,
                )
            })
        {
            e.name = clean_name(&text[m.range.clone()]);
        }
    }
    // Entities in the order of their first mention.
    let mut idx: Vec<usize> = (0..doc.entities.len()).collect();
    idx.sort_by_key(|&i| {
        doc.entities[i]
            .mentions
            .first()
            .map_or(0, |m| m.range.start)
    });
    let mut remap = vec![0; idx.len()];
    for (new, &old) in idx.iter().enumerate() {
        remap[old] = new;
    }
    let mut ents: Vec<EntityMatch> = idx.iter().map(|&i| doc.entities[i].clone()).collect();
    for e in &mut ents {
        e.roles.retain(|r| !r.is_empty());
    }
    doc.entities = ents;
    for v in doc.by_token.values_mut() {
        *v = remap[*v];
    }
    let _ = word;
    finalize(&mut doc, edited.then_some((text, toks.as_slice())));
    doc
}

/// Whether the text reads as edited prose (news, reports), where a capital inside a sentence
/// marks a name: sentences open with a capital and end with a stop, few words are all capitals,
/// `i` is written `I`; from 40 words on, also sentences of 13 words or more on average and few
/// `I`, `me`, `my`, `you`, `your` outside quotations (at most one word in fifty, one in a hundred
/// when sentences average under 18 words). Forum posts, reviews and e-mail fail it; there the
/// statistical tagger decides which capitalised runs are names.
fn prose(text: &str, analysis: &Analysis) -> Prose {
    let toks = &analysis.tokens;
    let (mut sentences, mut capital_starts, mut stops) = (0, 0, 0);
    let (mut words, mut all_caps, mut lower_i) = (0, 0, 0);
    // `I`, `me`, `my`, `you`, `your` outside quotation marks.
    let (mut personal, mut quoted) = (0, false);
    for s in &analysis.sentences {
        for i in s.clone() {
            match &text[toks[i].range.clone()] {
                "\"" => quoted = !quoted,
                "“" => quoted = true,
                "”" => quoted = false,
                w if !quoted => {
                    personal += ["i", "me", "my", "you", "your"]
                        .iter()
                        .any(|p| w.eq_ignore_ascii_case(p)) as usize
                }
                _ => {}
            }
        }
        let alpha: Vec<&str> = s
            .clone()
            .map(|i| &text[toks[i].range.clone()])
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let Some(first) = alpha.first() else {
            continue;
        };
        sentences += 1;
        capital_starts += first.chars().next().is_some_and(|c| !c.is_lowercase()) as usize;
        let last = s
            .clone()
            .rev()
            .map(|i| &text[toks[i].range.clone()])
            .find(|w| !matches!(*w, "\"" | "”" | "’" | "'" | ")"));
        stops += last.is_some_and(|w| matches!(w, "." | "?" | "!" | ":")) as usize;
        for w in &alpha {
            words += 1;
            all_caps += (w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)) as usize;
            lower_i += (*w == "i") as usize;
        }
    }

    let edited = capital_starts * 5 >= sentences * 4
        && stops * 3 >= sentences * 2
        && all_caps * 5 < words
        && lower_i == 0;
    // Sentence length and personal pronouns are evidence from 40 words on (below, short
    // sentences only make the text too short to tell): web text has short sentences (reviews
    // and forum posts average 4 to 12 words, news 14 to 32) or speaks to its reader.
    let long = words >= sentences * 18;
    let web = words < sentences * 13 || personal * 50 > words || (!long && personal * 100 > words);
    match (edited, sentences) {
        (false, _) => Prose::Unedited,
        (true, _) if words >= 40 && web => Prose::Unedited,
        // One or two sentences are too little to tell.
        (true, 0..=2) => Prose::Short,
        (true, _) if !long => Prose::Short,
        (true, _) => Prose::Edited,
    }
}

/// Document-level consistency of the tagger's labels: a name keeps one type in the document (the
/// type most of its tagged occurrences have), and its other occurrences that the tagger left
/// unlabelled become names too.
fn consistent_labels(text: &str, analysis: &Analysis, labels: &mut [usize]) {
    let toks = &analysis.tokens;
    let word = |i: usize| &text[toks[i].range.clone()];
    let spans = label_spans(labels);
    if spans.is_empty() {
        return;
    }
    // Words of the span -> votes per type (PER, ORG, LOC) and the first type seen.
    let mut votes: HashMap<Vec<&str>, Votes> = HashMap::new();
    for (r, t) in &spans {
        let key: Vec<&str> = r.clone().map(word).collect();
        let e = votes.entry(key).or_insert(([0; 3], *t));
        e.0[*t - 1] += 1;
    }
    let kind_of = |v: &Votes| {
        let best = *v.0.iter().max().unwrap_or(&0);
        match v.0[v.1 - 1] == best {
            true => v.1,
            false => (1..4).find(|&k| v.0[k - 1] == best).unwrap_or(v.1),
        }
    };
    for (r, _) in &spans {
        let key: Vec<&str> = r.clone().map(word).collect();
        let t = kind_of(&votes[&key]);
        for i in r.clone() {
            labels[i] = 2 * t - (i == r.start) as usize;
        }
    }
    // Names by their first word, capitalised ones only.
    let mut by_first: HashMap<&str, Vec<(&Vec<&str>, &Votes)>> = HashMap::new();
    for (k, v) in &votes {
        if k[0].chars().next().is_some_and(char::is_uppercase) {
            by_first.entry(k[0]).or_default().push((k, v));
        }
    }
    for s in &analysis.sentences {
        let mut i = s.start;
        while i < s.end {
            let found = by_first
                .get(word(i))
                .into_iter()
                .flatten()
                .filter(|(k, _)| {
                    i + k.len() <= s.end
                        && (0..k.len()).all(|j| labels[i + j] == 0 && word(i + j) == k[j])
                })
                .max_by_key(|(k, _)| k.len());
            match found {
                Some((k, v)) => {
                    let t = kind_of(v);
                    for j in 0..k.len() {
                        labels[i + j] = 2 * t - (j == 0) as usize;
                    }
                    i += k.len();
                }
                None => i += 1,
            }
        }
    }
}

/// Tagged occurrences of a name per type (PER, ORG, LOC), and the type of the first.
type Votes = ([usize; 3], usize);

/// Typed token spans (type 1 PER, 2 ORG, 3 LOC) of BIO label indices.
fn label_spans(labels: &[usize]) -> Vec<(Range<usize>, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        if labels[i] == 0 {
            i += 1;
            continue;
        }
        let b = labels[i] + (labels[i] % 2); // the I- label of the type
        let mut end = i + 1;
        while end < labels.len() && labels[end] == b {
            end += 1;
        }
        spans.push((i..end, b / 2));
        i = end;
    }
    spans
}

/// What [`prose`] makes of a text.
enum Prose {
    Edited,
    Short,
    Unedited,
}

/// In text that is not edited prose, the tagger's names replace the rules' runs; a rule
/// candidate the tagger does not touch stays when its type is certain (gazetteer, title,
/// organisation head), and the roles the rules found go with the tagger's name.
fn tagger_candidates(
    text: &str,
    toks: &[AnalyzedToken],
    labels: &[usize],
    rules: Vec<Candidate>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let spans = label_spans(labels);
    for (r, t) in &spans {
        let surface = &text[toks[r.start].range.start..toks[r.end - 1].range.end];
        let known = lexicon::lookup(surface);
        let kind = match (known, t) {
            (Some(g), _) => g.kind,
            (None, 1) => "PERSON",
            (None, 2) => "ORG",
            (None, _) => "GPE",
        };
        let roles = rules
            .iter()
            .filter(|c| c.tokens.start < r.end && r.start < c.tokens.end)
            .flat_map(|c| c.roles.clone())
            .collect();
        out.push(Candidate {
            tokens: r.clone(),
            kind,
            group: known.map(|g| g.group),
            roles,
        });
    }
    for c in rules {
        let touched = spans
            .iter()
            .any(|(r, _)| c.tokens.start < r.end && r.start < c.tokens.end);
        // Groups (NORP) and other kinds the tagger does not know stay.
        if !touched
            && !matches!(c.kind, "PERSON" | "ORG" | "GPE" | "LOC")
            && !c.kind.ends_with(['~', '?'])
        {
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.tokens.start);
    out
}

fn clean_name(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.strip_prefix("the ").unwrap_or(&s).to_string();
    s.trim_end_matches(['’', '\'']).to_string()
}

/// A recognised name before entities are grouped.
#[derive(Clone, Debug)]
struct Candidate {
    tokens: Range<usize>,
    kind: &'static str,
    /// Group key from the gazetteer, when the name is there.
    group: Option<&'static str>,
    roles: Vec<String>,
}

impl DocEntities {
    /// The entity a token belongs to, if any mention covers it.
    pub fn entity_of_token(&self, token: usize) -> Option<usize> {
        self.by_token.get(&token).copied()
    }

    fn find_or_add(&mut self, surface: &str, c: &Candidate) -> usize {
        let key = lexicon::normalize(surface);
        // `Kordana Motor Company Inc.` is `Kordana Motor Company`.
        let key = match key.rsplit_once(' ') {
            Some((name, suffix)) if c.kind == "ORG" && lexicon::is_legal_suffix(suffix) => {
                name.to_string()
            }
            _ => key,
        };
        let key = if c.kind == "NORP" {
            key.trim_end_matches('s').to_string()
        } else {
            key
        };
        let group_key = c.group.map(|g| format!("@{g}"));
        // Same name, same gazetteer group, or same kind with a matching surname or acronym.
        let mut hit = None;
        for (id, e) in self.entities.iter().enumerate() {
            if e.keys.contains(&key) || group_key.as_ref().is_some_and(|g| e.keys.contains(g)) {
                hit = Some(id);
                break;
            }
        }
        if hit.is_none() {
            let words: Vec<&str> = key.split(' ').collect();
            for (id, e) in self.entities.iter().enumerate() {
                if c.kind.starts_with("PERSON")
                    && e.kind == "PERSON"
                    && words.len() == 1
                    && e.keys.iter().any(|k| {
                        k.contains(' ')
                            && (k.rsplit(' ').next() == Some(words[0])
                                || k.split(' ').next() == Some(words[0]))
                    })
                {
                    hit = Some(id);
                    break;
                }
                if (c.kind == "ORG" || c.kind == "GPE") && e.kind != "PERSON" && e.kind != "NORP" {
                    let compact: String = key.chars().filter(|c| !c.is_whitespace()).collect();
                    if words.len() == 1
                        && compact.len() >= 2
                        && e.keys.iter().any(|k| acronym_of(k, &compact))
                    {
                        hit = Some(id);
                        break;
                    }
                }
            }
        }
        // A lone word guessed as a person that opens an organisation's name is its short form
        // (`Apple` after `Apple Computer`, `Ford` after `Ford Motor Company`).
        if hit.is_none() && c.kind.starts_with("PERSON") && !key.contains(' ') {
            hit = self.entities.iter().position(|e| {
                e.kind == "ORG"
                    && e.keys
                        .iter()
                        .any(|k| k.contains(' ') && k.split(' ').next() == Some(key.as_str()))
            });
        }
        let id = match hit {
            Some(id) => id,
            None => {
                self.entities.push(EntityMatch {
                    kind: c.kind.to_string(),
                    ..EntityMatch::default()
                });
                self.entities.len() - 1
            }
        };
        let e = &mut self.entities[id];
        if !e.keys.contains(&key) {
            e.keys.push(key);
        }
        if let Some(g) = group_key {
            if !e.keys.contains(&g) {
                e.keys.push(g);
            }
        }
        id
    }

    /// The person (or body) a role phrase like `the U.N. spokesman` refers to: the most
    /// recently mentioned entity before it whose role has the same head word, and the same
    /// qualifier when the phrase has one.
    fn resolve_title(&self, text: &str, toks: &[AnalyzedToken], np: Range<usize>) -> Option<usize> {
        let words: Vec<String> = np
            .clone()
            .map(|i| lexicon::normalize(&text[toks[i].range.clone()]))
            .filter(|w| !w.is_empty() && w != "the")
            .collect();
        let head = words.last()?.clone();
        let head_words: Vec<&str> = head.split(' ').collect();
        let quals: Vec<&String> = words[..words.len() - 1].iter().collect();
        let pos = toks[np.start].range.start;
        let top = [
            "secretary general",
            "president",
            "premier",
            "prime minister",
            "chief",
            "leader",
            "head",
            "chairman",
            "director",
        ];
        let mut best: Option<(usize, usize, usize)> = None; // (score, last mention, id)
        for (id, e) in self.entities.iter().enumerate() {
            if e.kind != "PERSON" {
                continue;
            }
            let Some(last) = e
                .mentions
                .iter()
                .filter(|m| m.range.start < pos)
                .map(|m| m.range.start)
                .max()
            else {
                continue;
            };
            let mut score = 0;
            for r in &e.roles {
                let r = lexicon::normalize(r);
                let rw: Vec<&str> = r.split(' ').collect();
                let has_head = head_words.iter().all(|h| rw.contains(h));
                let generic = matches!(head.as_str(), "chief" | "leader" | "head")
                    && top.iter().any(|t| r.contains(t));
                if !(has_head || generic) {
                    continue;
                }
                let mut s = 1;
                for q in &quals {
                    if rw.contains(&q.as_str())
                        || (q.as_str() == "un" && r.contains("secretary general"))
                    {
                        s += 1;
                    }
                }
                if has_head {
                    s += 1;
                }
                score = score.max(s);
            }
            if score > 0 && best.is_none_or(|(bs, bl, _)| (score, last) > (bs, bl)) {
                best = Some((score, last, id));
            }
        }
        best.map(|(_, _, id)| id)
    }

    /// The most recent person that was the subject of a clause before byte `pos`, outside
    /// quotations (`quoted` tells whether a byte is inside one): its mention's start and id.
    pub fn last_subject_person_before(
        &self,
        toks: &[AnalyzedToken],
        pos: usize,
        quoted: &dyn Fn(usize) -> bool,
    ) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (id, e) in self.entities.iter().enumerate() {
            if e.kind != "PERSON" {
                continue;
            }
            for m in e
                .mentions
                .iter()
                .filter(|m| m.range.end <= pos && !quoted(m.range.start))
            {
                // The name is the subject, or names the subject (`U.N. rapporteur Ahmed Shaheed`).
                let subject = (m.first_token..toks.len())
                    .take_while(|&t| toks[t].range.start < m.range.end)
                    .any(|t| {
                        toks[t].deprel.starts_with("nsubj")
                            || toks[t].head.is_some_and(|h| {
                                toks[h].deprel.starts_with("nsubj") && h + 4 > t && t + 4 > h
                            })
                            || relative_subject(toks, t)
                    });
                if subject && best.is_none_or(|b| m.range.start > b.0) {
                    best = Some((m.range.start, id));
                }
            }
        }
        best
    }

    /// The most recent person mentioned before byte `pos`.
    pub fn last_person_before(&self, toks: &[AnalyzedToken], pos: usize) -> Option<usize> {
        let mut best: Option<(bool, usize, usize)> = None;
        for (id, e) in self.entities.iter().enumerate() {
            if e.kind != "PERSON" {
                continue;
            }
            for m in e.mentions.iter().filter(|m| m.range.end <= pos) {
                let subj = (m.first_token..toks.len())
                    .take_while(|&t| toks[t].range.start < m.range.end)
                    .any(|t| toks[t].deprel.starts_with("nsubj"));
                let key = (subj, m.range.start, id);
                if best.is_none_or(|b| (key.1) > b.1) {
                    best = Some(key);
                }
            }
        }
        best.map(|b| b.2)
    }
}

/// Whether `acro` (lowercase, no dots) is the acronym of the normalised name `name`.
fn acronym_of(name: &str, acro: &str) -> bool {
    let words: Vec<&str> = name
        .split(' ')
        .filter(|w| !matches!(*w, "of" | "for" | "the" | "and" | "on" | "in" | "&"))
        .collect();
    if words.len() < 2 {
        return false;
    }
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    initials == acro
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
    letters.len() >= 2
        && letters.len() <= 7
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether token `i` can be part of a name.
fn namelike(text: &str, toks: &[AnalyzedToken], sentence: &Range<usize>, i: usize) -> bool {
    let t = &toks[i];
    let w = &text[t.range.clone()];
    if !is_capitalised(w) || lexicon::is_stop_cap(&w.to_lowercase().replace('.', "")) {
        return false;
    }
    if w.chars().all(|c| !c.is_alphabetic()) {
        return false;
    }
    if t.upos == "PROPN" || is_acronym(w) {
        return true;
    }
    let initial = i == sentence.start
        || (i > sentence.start && {
            let p = &text[toks[i - 1].range.clone()];
            matches!(p, "“" | "\"" | "‘" | "(" | "'" | ":")
        });
    if initial {
        // A sentence-initial capital is a name only when the gazetteer knows it.
        let with_next = toks
            .get(i + 1)
            .filter(|_| i + 1 < sentence.end)
            .map(|n| format!("{w} {}", &text[n.range.clone()]));
        // ... or when a proper noun follows (`Human Rights Watch said`).
        let name_follows = i + 1 < sentence.end
            && matches!(t.upos.as_str(), "ADJ" | "NOUN")
            && !matches!(toks[i + 1].upos.as_str(), "DET" | "ADP" | "PUNCT" | "CCONJ")
            && is_capitalised(&text[toks[i + 1].range.clone()]);
        return name_follows
            || lexicon::lookup(w).is_some()
            || with_next.is_some_and(|p| lexicon::lookup(&p).is_some())
            || lexicon::is_group_word(&singular(&w.to_lowercase()));
    }
    // A capital inside a sentence marks a name whatever the tagger says (`Watch` as PRON).
    !matches!(
        t.upos.as_str(),
        "DET" | "CCONJ" | "PUNCT" | "ADP" | "SCONJ" | "PART"
    )
}

fn singular(lower: &str) -> String {
    let n = lexicon::normalize(lower);
    n.strip_suffix('s').map(String::from).unwrap_or(n)
}

/// The end of the run of name tokens starting at `i`, if `i` starts one.
fn name_run(text: &str, toks: &[AnalyzedToken], sentence: Range<usize>, i: usize) -> Option<usize> {
    if !namelike(text, toks, &sentence, i) {
        return None;
    }
    let mut end = i + 1;
    loop {
        if end >= sentence.end {
            break;
        }
        // `Chrysler LLC Jim Press`: a legal suffix closes a company's name.
        let closed = lexicon::is_legal_suffix(
            text[toks[end - 1].range.clone()]
                .to_lowercase()
                .trim_end_matches('.'),
        );
        if namelike(text, toks, &sentence, end) && !closed {
            end += 1;
            continue;
        }
        let w = &text[toks[end].range.clone()];
        let prev = text[toks[end - 1].range.clone()].to_lowercase();
        // `Secretary-General`, `Al-Shabaab`: a hyphen touching both sides.
        if (w == "-" || w == "&")
            && end + 1 < sentence.end
            && namelike(text, toks, &sentence, end + 1)
            && (w == "&"
                || (toks[end].range.start == toks[end - 1].range.end
                    && toks[end + 1].range.start == toks[end].range.end))
        {
            end += 2;
            continue;
        }
        // `the Trump administration`.
        if matches!(w, "administration" | "government" | "campaign")
            && end - i == 1
            && toks[end - 1].upos == "PROPN"
        {
            end += 1;
            break;
        }
        // `Office of the High Commissioner for Human Rights`, `Secretary of State`.
        if matches!(w, "of" | "for" | "on")
            && (lexicon::is_org_first(&prev)
                || lexicon::is_org_head(&prev)
                || lexicon::is_title_word(&prev)
                || prev == "republic")
        {
            let mut j = end + 1;
            if j < sentence.end && matches!(&text[toks[j].range.clone()], "the" | "The") {
                j += 1;
            }
            if j < sentence.end && namelike(text, toks, &sentence, j) {
                end = j + 1;
                continue;
            }
        }
        break;
    }
    Some(end)
}

/// Types a run of name tokens; splits titles off people's names and records roles.
fn classify_run(
    text: &str,
    toks: &[AnalyzedToken],
    sentence: Range<usize>,
    run: Range<usize>,
    out: &mut Vec<Candidate>,
) {
    let w = |i: usize| &text[toks[i].range.clone()];
    let lw = |i: usize| w(i).to_lowercase().replace('.', "");
    let phrase =
        |r: Range<usize>| text[toks[r.start].range.start..toks[r.end - 1].range.end].to_string();
    // The last title word of the run: what follows is a person's name.
    let mut last_title = None;
    for i in run.clone() {
        let l = lw(i);
        // A title word closing a name after another name word is a surname (`Erik Prince`).
        let surname = i + 1 == run.end
            && i > run.start
            && !lexicon::is_title_word(&lw(i - 1))
            && !lexicon::is_title_modifier(&lw(i - 1));
        // `General Motors Corporation`, `General Electric`: `General` before an organisation's
        // head word or one common word names a company, not a general.
        let company = l == "general"
            && i + 1 < run.end
            && (lexicon::is_org_head(&lw(run.end - 1))
                || (i + 2 == run.end
                    && ner::NameTagger::shipped().is_some_and(|t| t.mostly_lowercase(&lw(i + 1)))));
        if (lexicon::is_title_word(&l) || l == "secretary-general") && !surname && !company {
            last_title = Some(i);
        }
    }
    if let Some(k) = last_title {
        // Skip `of/for ...` complements of the title (`High Commissioner for Human Rights`).
        let mut name_start = k + 1;
        let has_complement = (run.start..run.end).any(|i| matches!(w(i), "of" | "for" | "on"));
        if name_start < run.end && has_complement {
            // The name is the last tokens joined by `flat`, or the last two.
            let end = run.end;
            let mut s = end - 1;
            while s > name_start && (toks[s].deprel == "flat" || toks[s - 1].deprel == "flat") {
                s -= 1;
            }
            if s == end - 1 && end - name_start >= 2 {
                s = end - 2;
            }
            name_start = s;
            // `Chief Operating Officer of AirTran Airways`: a name ending in an organisation's
            // head word is the body of the complement, not a person; the run is a title.
            if lexicon::is_org_head(&lw(end - 1)) {
                if let Some(b) = (name_start..end).find(|&i| is_capitalised(w(i))) {
                    classify_plain(text, toks, &sentence, b..end, Vec::new(), out);
                }
                name_start = end;
            }
        }
        while name_start < run.end && lexicon::is_title_modifier(&lw(name_start)) {
            name_start += 1;
        }
        if name_start < run.end {
            let mut role = phrase(run.start..name_start);
            if let Some(pre) = role_before(text, toks, sentence.clone(), run.start) {
                role = format!("{} {}", pre, role);
            }
            // An organisation or country before the title is a mention too.
            let first_title = first_title_word(text, toks, run.start..name_start);
            if let Some(ft) = first_title {
                if ft > run.start {
                    classify_org_prefix(text, toks, &sentence, run.start..ft, out);
                }
            }
            let mut roles = vec![role];
            roles.extend(role_appositive_before(
                text,
                toks,
                sentence.clone(),
                name_start,
            ));
            roles.extend(role_after(text, toks, sentence.clone(), run.end));
            out.push(Candidate {
                tokens: name_start..run.end,
                kind: "PERSON",
                group: None,
                roles,
            });
        } else {
            // Only a title (`UN High Commissioner for Human Rights`): the organisation in front of
            // it is still a mention.
            let first_title = first_title_word(text, toks, run.clone());
            if let Some(ft) = first_title {
                if ft > run.start {
                    classify_org_prefix(text, toks, &sentence, run.start..ft, out);
                }
            }
        }
        return;
    }
    let mut roles = Vec::new();
    if let Some(pre) = role_before(text, toks, sentence.clone(), run.start) {
        roles.push(pre);
    }
    roles.extend(role_appositive_before(
        text,
        toks,
        sentence.clone(),
        run.start,
    ));
    roles.extend(role_after(text, toks, sentence.clone(), run.end));
    classify_plain(text, toks, &sentence, run, roles, out);
}

/// Types a run without titles.
fn classify_plain(
    text: &str,
    toks: &[AnalyzedToken],
    sentence: &Range<usize>,
    run: Range<usize>,
    roles: Vec<String>,
    out: &mut Vec<Candidate>,
) {
    let w = |i: usize| &text[toks[i].range.clone()];
    let lw = |i: usize| w(i).to_lowercase().replace('.', "");
    let surface = text[toks[run.start].range.start..toks[run.end - 1].range.end].to_string();
    let n = run.end - run.start;
    let push = |out: &mut Vec<Candidate>, kind: &'static str, group, roles: Vec<String>| {
        out.push(Candidate {
            tokens: run.clone(),
            kind,
            group,
            roles,
        })
    };
    if let Some(g) = lexicon::lookup(&surface) {
        // A country's adjective (`Chinese authorities`) is a mention of the country; group
        // words used as adjectives (`Uyghur community`) stay groups.
        push(out, g.kind, Some(g.group), Vec::new());
        return;
    }
    let last = lw(run.end - 1);
    let first = lw(run.start);
    // `Muslim Uighurs`: two groups.
    if n == 2
        && lexicon::is_group_word(&singular(&first))
        && lexicon::is_group_word(&singular(&last))
    {
        classify_plain(
            text,
            toks,
            sentence,
            run.start..run.start + 1,
            Vec::new(),
            out,
        );
        classify_plain(
            text,
            toks,
            sentence,
            run.start + 1..run.end,
            Vec::new(),
            out,
        );
        return;
    }
    // `NGO Amnesty International`: a generic word in front of the name.
    if n >= 2 && matches!(first.as_str(), "ngo" | "ngos" | "igo") {
        classify_plain(text, toks, sentence, run.start + 1..run.end, roles, out);
        return;
    }
    if n >= 2 && is_geo_head(&last) {
        push(out, "GPE", None, Vec::new());
        return;
    }
    // `Turkic Muslims`: a group with its qualifier.
    if n == 2 && lexicon::is_group_word(&singular(&last)) {
        push(out, "NORP", None, Vec::new());
        return;
    }
    if n == 1 || (n == 2 && lexicon::is_group_word(&singular(&first))) {
        let l = singular(&last);
        if lexicon::is_group_word(&l) || lexicon::is_group_word(&singular(&first)) {
            push(out, "NORP", None, Vec::new());
            return;
        }
        // Plural of a country's people: `Afghans`, `Kazakhs`.
        if let Some(stem) = last.strip_suffix('s') {
            if lexicon::lookup(stem).is_some_and(|g| g.kind == "GPE") && n == 1 {
                push(out, "NORP", None, Vec::new());
                return;
            }
        }
    }
    // `Jim Press, the vice chairman of Chrysler`: a name opening with a given name that the
    // document gives a person's role, or that speaks, is a person, whatever its last word.
    if n == 2
        && lexicon::person_name(&first) & 1 == 1
        && !lexicon::is_org_first(&first)
        && (roles.iter().any(|r| person_role(r)) || speaks(toks, run.clone()))
    {
        push(out, "PERSON", None, roles);
        return;
    }
    let after_det = run.start > sentence.start
        && matches!(toks[run.start - 1].upos.as_str(), "DET" | "PRON" | "PUNCT");
    if n == 1 && lexicon::is_org_head(&last) && (after_det || toks[run.start].upos != "PROPN") {
        return; // `the Government`, `My Office`: a common noun with a capital
    }
    if lexicon::is_org_head(&last)
        || (n >= 2 && lexicon::is_org_first(&first))
        || (n >= 2 && (run.start..run.end).any(|i| matches!(w(i), "of" | "for")))
    {
        push(out, "ORG", None, Vec::new());
        return;
    }
    if n == 1 && is_acronym(w(run.start)) {
        // `A380`, `A400M`: a model number, not an organisation.
        if w(run.start).chars().filter(char::is_ascii_digit).count() < 3 {
            push(out, "ORG", None, Vec::new());
        }
        return;
    }
    // `Airbus A350`: the maker of a model is an organisation; the model is no entity.
    if n >= 2 && w(run.end - 1).chars().any(|c| c.is_ascii_digit()) {
        out.push(Candidate {
            tokens: run.start..run.end - 1,
            kind: "ORG",
            group: None,
            roles: Vec::new(),
        });
        return;
    }
    // A known place in front of a name: `Hong Kong Free Press` is handled above; `China
    // Xinjiang` is two places.
    if n >= 2 {
        if (run.start..run.end).any(|i| lexicon::lookup(w(i)).is_some()) {
            push(out, "ORG", None, Vec::new());
        } else if (run.start..run.end).all(|i| {
            toks[i].upos == "PROPN" || is_capitalised(w(i)) || (w(i) == "-" && i > run.start + 1)
        }) {
            // (`Ingrid Lindqvist-Berg`: a hyphen after the first word joins the two parts of a
            // surname; `Wal-Mart`, `Rolls-Royce` are left to the other rules.)
            // A name the document gives a person's role (`X, a Danish diplomat`, `U.N.
            // spokesman X`) is a person; the tagger does not get to guess otherwise.
            let kind = match roles.iter().any(|r| person_role(r)) {
                true => "PERSON",
                false => "PERSON~",
            };
            push(out, kind, None, roles);
        }
        return;
    }
    // One unknown capitalised word: a place after a locative preposition, a person when it is a
    // known surname (grouping decides), else nothing.
    let prev = if run.start > sentence.start {
        lw(run.start - 1)
    } else {
        String::new()
    };
    if matches!(
        prev.as_str(),
        "in" | "at" | "from" | "to" | "near" | "across" | "into" | "throughout" | "outside"
    ) {
        push(out, "GPE~", None, Vec::new());
        return;
    }
    if toks[run.start].upos == "PROPN" {
        // The subject of a speech verb is a speaker, and a name given a person's role is a
        // person: a person unless known otherwise.
        let person = speaks(toks, run.clone()) || roles.iter().any(|r| person_role(r));
        push(out, if person { "PERSON" } else { "PERSON?" }, None, roles);
    }
}

/// Whether a mention is a country's adjective (`Chinese officials`, `the Peruvian ambassador`)
/// rather than its name: one word, an adjective, or a proper noun with a demonym's ending that
/// modifies a noun after it and that the gazetteer files under another name (`peruvian` under
/// `peru`; not `China policy`, not `US officials`).
fn demonym_use(text: &str, toks: &[AnalyzedToken], m: &MentionMatch) -> bool {
    let t = &toks[m.first_token];
    if t.range.end < m.range.end {
        return false;
    }
    if t.upos == "ADJ" {
        return true;
    }
    let word = lexicon::normalize(&text[t.range.clone()]);
    let modifier = t.upos == "PROPN"
        && matches!(t.deprel.as_str(), "amod" | "compound")
        && t.head
            .is_some_and(|h| h > m.first_token && toks[h].upos == "NOUN");
    let ending = ["an", "ese", "ish", "i", "ic", "ch", "ss", "ek", "ai"]
        .iter()
        .any(|e| word.ends_with(e));
    modifier && ending && lexicon::lookup(&word).is_some_and(|g| g.group != word)
}

/// Whether a token of the run is the subject of a speech verb (`X said`, `said X`).
fn speaks(toks: &[AnalyzedToken], run: Range<usize>) -> bool {
    run.into_iter().any(|i| {
        toks[i].deprel.starts_with("nsubj")
            && toks[i]
                .head
                .is_some_and(|h| lexicon::is_speech_verb(&toks[h].lemma.to_lowercase()))
    })
}

/// Whether a role phrase names a person's office or occupation: a title word in its head, before
/// any complement (`executive director of ...`, `a Danish diplomat`; not `home of the governor`).
fn person_role(role: &str) -> bool {
    role.split_whitespace()
        .map(|w| w.to_lowercase().replace('.', ""))
        .take_while(|w| {
            !matches!(
                w.as_str(),
                "of" | "for" | "at" | "in" | "with" | "from" | "to" | "on" | "and" | "by"
            )
        })
        .any(|w| lexicon::is_title_word(&w))
}

/// A lowercase role directly before a name: `U.N. spokesman` in `U.N. spokesman Stephane
/// Dujarric`, `Human Rights Watch executive director` before `Kenneth Roth`.
fn role_before(
    text: &str,
    toks: &[AnalyzedToken],
    sentence: Range<usize>,
    start: usize,
) -> Option<String> {
    if start == sentence.start {
        return None;
    }
    let lw = |i: usize| text[toks[i].range.clone()].to_lowercase().replace('.', "");
    let prev = lw(start - 1);
    if !lexicon::is_title_word(&prev) {
        return None;
    }
    let mut s = start - 1;
    while s > sentence.start {
        let l = lw(s - 1);
        let t = &toks[s - 1];
        let cap = is_capitalised(&text[t.range.clone()]);
        if lexicon::is_title_word(&l)
            || lexicon::is_title_modifier(&l)
            || (cap && t.upos != "DET" && t.upos != "PRON" && t.upos != "ADP")
            || t.upos == "ADJ"
            || (l == "-" && toks[s - 1].range.start == toks[s - 2].range.end)
        {
            s -= 1;
        } else {
            break;
        }
    }
    Some(text[toks[s].range.start..toks[start - 1].range.end].to_string())
}

/// An appositive role after a name: `Kenneth Roth, executive director of Human Rights Watch`.
fn role_after(
    text: &str,
    toks: &[AnalyzedToken],
    sentence: Range<usize>,
    end: usize,
) -> Vec<String> {
    let w = |i: usize| &text[toks[i].range.clone()];
    if end + 1 >= sentence.end || w(end) != "," {
        return Vec::new();
    }
    let mut i = end + 1;
    if matches!(w(i).to_lowercase().as_str(), "a" | "an" | "the") {
        i += 1;
    }
    let start = i;
    let mut saw_title = false;
    while i < sentence.end && i - start < 12 {
        let t = &toks[i];
        let word = w(i);
        if matches!(word, "," | "." | ";" | "”" | "\"" | "(" | ")" | "—" | "–")
            || (t.upos == "VERB" && t.deprel != "amod")
            || t.upos == "AUX"
            || t.upos == "PRON"
            || t.upos == "SCONJ"
        {
            break;
        }
        if lexicon::is_title_word(&word.to_lowercase()) {
            saw_title = true;
        }
        if !saw_title && i - start >= 4 {
            return Vec::new();
        }
        i += 1;
    }
    if !saw_title || i == start {
        return Vec::new();
    }
    // The title heads the appositive (`executive director of ...`), not its complement (`home
    // to the president`).
    let role = text[toks[start].range.start..toks[i - 1].range.end].to_string();
    match person_role(&role) {
        true => vec![role],
        false => Vec::new(),
    }
}

/// A role phrase used as a name starting at token `i`: `the U.N. spokesman`, `the
/// secretary-general`, `the high commissioner`. Returns its token range (with the determiner).
fn title_phrase(
    text: &str,
    toks: &[AnalyzedToken],
    sentence: Range<usize>,
    i: usize,
) -> Option<Range<usize>> {
    let w = |i: usize| &text[toks[i].range.clone()];
    if !matches!(w(i), "the" | "The") {
        return None;
    }
    let mut j = i + 1;
    let mut last_title = None;
    while j < sentence.end && j - i <= 5 {
        let l = w(j).to_lowercase().replace('.', "");
        let t = &toks[j];
        if lexicon::is_title_word(&l) {
            last_title = Some(j);
            j += 1;
            continue;
        }
        if l == "-" && j + 1 < sentence.end && toks[j].range.start == toks[j - 1].range.end {
            j += 1;
            continue;
        }
        if lexicon::is_title_modifier(&l)
            || t.upos == "PROPN"
            || t.upos == "ADJ"
            || is_capitalised(w(j))
            || (l == "general" && last_title.is_some())
        {
            j += 1;
            continue;
        }
        break;
    }
    let end = last_title? + 1;
    // `the secretary-general's position`: the phrase stops before the possessive.
    if end < sentence.end && toks[end].upos == "PROPN" {
        return None;
    }
    Some(i..end)
}

/// Settles `PERSON?` (a lone unknown name) once grouping is known.
fn finalize(doc: &mut DocEntities, edited: Option<(&str, &[AnalyzedToken])>) {
    let mut drop = Vec::new();
    for (id, e) in doc.entities.iter_mut().enumerate() {
        if edited.is_some_and(|(text, toks)| lone_name_of_a_body(e, text, toks)) {
            e.kind = "ORG".into();
            continue;
        }
        if e.kind == "PERSON?" {
            // A lone capitalised word that never met a full name: keep only when it has a role.
            if e.roles.is_empty() {
                drop.push(id);
            } else {
                e.kind = "PERSON".into();
            }
        }
    }
    if drop.is_empty() {
        return;
    }
    let mut remap = Vec::with_capacity(doc.entities.len());
    let mut kept = Vec::new();
    for (id, e) in doc.entities.drain(..).enumerate() {
        if drop.contains(&id) {
            remap.push(None);
        } else {
            remap.push(Some(kept.len()));
            kept.push(e);
        }
    }
    doc.entities = kept;
    doc.by_token = doc
        .by_token
        .iter()
        .filter_map(|(&t, &id)| remap[id].map(|n| (t, n)))
        .collect();
}

/// Whether a name the rules took for a person is an organisation's: edited news introduces a
/// person by a full name or a title, so a one-word name that never met either (`Boeing`,
/// `Fiat said`) and is named twice as a proper noun, speaks, or has a company's role (`Airbus,
/// the European aircraft manufacturer`) names a body. A name after a possessive (`Reuters’
/// Nebehay`) is a member of that body: a person.
fn lone_name_of_a_body(e: &EntityMatch, text: &str, toks: &[AnalyzedToken]) -> bool {
    if !matches!(e.kind.as_str(), "PERSON" | "PERSON?") {
        return false;
    }
    let possessed = e.mentions.iter().any(|m| {
        m.first_token > 0
            && matches!(
                &text[toks[m.first_token - 1].range.clone()],
                "'s" | "’s" | "'" | "’"
            )
    });
    // Named twice, once at least inside a sentence, where a capital marks a name (not
    // `“Sinicize religion”`).
    let inside = |m: &&MentionMatch| {
        m.first_token > 0
            && !matches!(
                &text[toks[m.first_token - 1].range.clone()],
                "." | "!" | "?" | "“" | "\"" | "‘" | "(" | "'" | ":"
            )
    };
    let named_twice = e.mentions.len() >= 2
        && e.mentions
            .iter()
            .filter(|m| m.proper && toks[m.first_token].upos == "PROPN")
            .any(|m| inside(&m));
    let full_name = e
        .keys
        .iter()
        .any(|k| !k.starts_with('@') && k.contains(' '));
    let words = |r: &String| {
        r.split_whitespace()
            .map(|w| w.to_lowercase().replace('.', ""))
            .collect::<Vec<_>>()
    };
    let person_role = e.roles.iter().any(|r| person_role(r));
    let body_role = e.roles.iter().any(|r| {
        words(r)
            .last()
            .is_some_and(|w| lexicon::is_company_noun(w) || lexicon::is_org_head(w))
    });
    !full_name && !person_role && !possessed && (body_role || e.kind == "PERSON" || named_twice)
}

/// Last words of place names.
fn is_geo_head(lower: &str) -> bool {
    matches!(
        lower,
        "region"
            | "province"
            | "prefecture"
            | "county"
            | "city"
            | "district"
            | "republic"
            | "island"
            | "islands"
            | "valley"
            | "mountains"
            | "sea"
            | "river"
            | "ocean"
            | "desert"
            | "strait"
            | "peninsula"
            | "territory"
            | "territories"
            | "oblast"
            | "governorate"
            | "airport"
    )
}

/// The first title word or title modifier of a run that is not inside an `of/for/on`
/// complement.
fn first_title_word(text: &str, toks: &[AnalyzedToken], run: Range<usize>) -> Option<usize> {
    let lw = |i: usize| text[toks[i].range.clone()].to_lowercase().replace('.', "");
    let mut in_complement = false;
    for i in run {
        let l = lw(i);
        if matches!(l.as_str(), "of" | "for" | "on") {
            in_complement = true;
            continue;
        }
        if lexicon::is_title_word(&l) || (!in_complement && lexicon::is_title_modifier(&l)) {
            return Some(i);
        }
    }
    None
}

/// The name in front of a title (`Blackwater` in `Blackwater CEO`): an organisation unless the
/// gazetteer says otherwise.
fn classify_org_prefix(
    text: &str,
    toks: &[AnalyzedToken],
    sentence: &Range<usize>,
    run: Range<usize>,
    out: &mut Vec<Candidate>,
) {
    let before = out.len();
    classify_plain(text, toks, sentence, run.clone(), Vec::new(), out);
    if out.len() == before {
        out.push(Candidate {
            tokens: run,
            kind: "ORG",
            group: None,
            roles: Vec::new(),
        });
    } else {
        for c in &mut out[before..] {
            if c.kind.starts_with("PERSON") {
                c.kind = "ORG";
            }
        }
    }
}

/// A role in apposition before a name: `a Chinese diplomat, identified as Dai Demao`, `the
/// country's president, Xi Jinping`.
fn role_appositive_before(
    text: &str,
    toks: &[AnalyzedToken],
    sentence: Range<usize>,
    start: usize,
) -> Vec<String> {
    let w = |i: usize| text[toks[i].range.clone()].to_lowercase();
    let mut i = start;
    if i >= sentence.start + 2 && matches!(w(i - 1).as_str(), "as" | "named" | "called") {
        i -= 1;
        if i > sentence.start && matches!(w(i - 1).as_str(), "identified" | "known") {
            i -= 1;
        }
    }
    if i <= sentence.start + 1 || w(i - 1) != "," {
        return Vec::new();
    }
    let end = i - 1; // the comma
    if !lexicon::is_title_word(&w(end - 1).replace('.', "")) {
        return Vec::new();
    }
    let mut s = end - 1;
    while s > sentence.start && end - s < 8 {
        let t = &toks[s - 1];
        if matches!(t.upos.as_str(), "ADJ" | "NOUN" | "PROPN" | "PART")
            || (t.upos == "PUNCT" && w(s - 1) == "-")
        {
            s -= 1;
        } else {
            break;
        }
    }
    vec![text[toks[s].range.start..toks[end - 1].range.end].to_string()]
}

/// A plural noun phrase naming an unnamed group of actors ending at token `i`: its first token,
/// type and grouping key. Rights groups are organisations; governments, countries and states
/// with a quantifier are governments (GPE).
fn generic_actor(
    text: &str,
    toks: &[AnalyzedToken],
    sentence: Range<usize>,
    i: usize,
) -> Option<(usize, &'static str, String)> {
    let t = &toks[i];
    if t.xpos != "NNS" {
        return None;
    }
    let lw = |k: usize| text[toks[k].range.clone()].to_lowercase();
    let head = lw(i);
    let mut start = i;
    while start > sentence.start {
        let p = &toks[start - 1];
        if matches!(p.upos.as_str(), "ADJ" | "NOUN" | "NUM")
            || (p.upos == "DET" && lw(start - 1) != "the")
        {
            start -= 1;
        } else {
            break;
        }
    }
    let mods: Vec<String> = (start..i).map(lw).collect();
    let has = |w: &str| mods.iter().any(|m| m == w);
    match head.as_str() {
        "groups" | "organizations" | "organisations" | "ngos"
            if has("rights") || has("advocacy") || has("humanitarian") =>
        {
            Some((start, "ORG", "#rights groups".to_string()))
        }
        "governments" | "countries" | "states" | "nations"
            if start < i
                && mods.iter().any(|m| {
                    matches!(
                        m.as_str(),
                        "some"
                            | "several"
                            | "many"
                            | "numerous"
                            | "other"
                            | "concerned"
                            | "foreign"
                            | "western"
                            | "various"
                            | "few"
                            | "dozens"
                    )
                })
                && !mods.iter().any(|m| m.chars().any(|c| c.is_ascii_digit())) =>
        {
            Some((start, "GPE", "#governments".to_string()))
        }
        "governments" if start == i => Some((start, "GPE", "#governments".to_string())),
        _ => None,
    }
}

/// Whether the name ending at token `t` is followed by the subject `who` of a relative clause
/// (`Michelle Bachelet, who has been trying ...`): it is the subject of that clause, whatever the
/// parser hung the clause on.
fn relative_subject(toks: &[AnalyzedToken], t: usize) -> bool {
    let mut w = t + 1;
    if toks
        .get(w)
        .is_some_and(|x| x.upos == "PUNCT" && x.lemma == ",")
    {
        w += 1;
    }
    toks.get(w).is_some_and(|x| {
        x.lemma.eq_ignore_ascii_case("who")
            && x.deprel.starts_with("nsubj")
            && toks[t].upos == "PROPN"
    })
}

//! Events (who did what to whom, and when) and calls to action (who urged whom to do what),
//! read from the dependency parse.
//!
//! A trigger is a verb, or one of a few nouns (`meeting`, `visit`, `internment`), whose lemma
//! the lexicon below gives an action of the evaluation format (`MEET`, `APPEAL`, `DETAIN`, ...);
//! some need their object or particle to say which (`call on` is an appeal, `call for` a demand,
//! `deny access` refuses access). The actor is the trigger's subject (for a passive, the `by`
//! agent; for an infinitive or a second verb, the subject it shares with the verb it hangs on),
//! resolved to an entity by the quotation stage's phrase resolver (pronouns, titles,
//! appositives, coalitions); the target is the object, or the noun of `with`, `to`, `on`,
//! `against`. A speech verb that cues a quotation takes the quotation's speaker. Triggers inside
//! quotation marks, negated ones and those with no named actor give nothing.
//!
//! A call to action is an appeal or demand whose content is found: the infinitive (`urged China
//! to close the camps`), the `that` clause (`demanded that ...`) or the `for` phrase (`called
//! for an inquiry`). A quotation also holds one when one of its clauses says what an entity
//! `must` or `should` do (`China must close the camps`, or the listener the speaker `told`).

use crate::entities::DocEntities;
use crate::quotes::{resolve_speaker, segments, QuoteMatch};
use crate::TimexMatch;
use chronicle_nlp::{Analysis, AnalyzedToken};
use std::ops::Range;

/// A party of an event or call: the name as resolved, its entity and the phrase in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub entity: Option<usize>,
    pub range: Range<usize>,
}

/// An event found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventMatch {
    pub actor: Party,
    /// One of the actions of the evaluation format (`MAKE_STATEMENT`, `MEET`, ...).
    pub action: &'static str,
    pub target: Option<Party>,
    /// The TIMEX3 value of a date attached to the trigger.
    pub date: Option<String>,
    pub trigger: Range<usize>,
    /// The evidence: actor, trigger and target, within the trigger's sentence.
    pub range: Range<usize>,
}

/// A call to action found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallMatch {
    pub by: Party,
    pub to: Option<Party>,
    /// What is asked for.
    pub demand: Range<usize>,
    /// The action that would meet the demand, when the lexicon knows the demanded verb.
    pub expects: Option<&'static str>,
    pub trigger: Range<usize>,
    pub range: Range<usize>,
}

/// The events and calls to action of one text.
#[derive(Clone, Debug, Default)]
pub struct Found {
    pub events: Vec<EventMatch>,
    pub calls: Vec<CallMatch>,
}

/// Objects that make `grant`, `deny`, `seek` ... a matter of access.
fn is_access(lemma: &str) -> bool {
    matches!(
        lemma,
        "access" | "entry" | "visa" | "permission" | "admission" | "admittance" | "visit"
    )
}

/// Objects that make `express`, `voice`, `raise` a criticism.
fn is_concern(lemma: &str) -> bool {
    matches!(
        lemma,
        "concern" | "alarm" | "outrage" | "dismay" | "regret" | "indignation" | "objection"
    )
}

/// Objects that make `halt`, `suspend`, `cut` a sanction.
fn is_support(lemma: &str) -> bool {
    matches!(
        lemma,
        "aid"
            | "assistance"
            | "funding"
            | "loan"
            | "supply"
            | "link"
            | "tie"
            | "relation"
            | "cooperation"
            | "trade"
            | "export"
            | "import"
    )
}

/// Objects that make `publish`, `release`, `issue` a report.
fn is_report(lemma: &str) -> bool {
    matches!(
        lemma,
        "report"
            | "assessment"
            | "study"
            | "finding"
            | "document"
            | "paper"
            | "review"
            | "dossier"
            | "investigation"
            | "analysis"
    )
}

/// The action of a noun trigger, and whether the subject of the clause that holds it takes part
/// (`X raised it during a meeting with Y`: X met Y).
fn noun_action(lemma: &str) -> Option<(&'static str, bool)> {
    Some(match lemma {
        "meeting" | "talk" | "summit" => ("MEET", true),
        "visit" | "trip" | "tour" => ("VISIT", true),
        "detention" | "internment" | "incarceration" | "imprisonment" | "arrest" => {
            ("DETAIN", false)
        }
        "investigation" | "inquiry" | "probe" => ("INVESTIGATE", true),
        "criticism" | "condemnation" => ("CRITICIZE", false),
        "accusation" => ("ACCUSE", false),
        "sanction" => ("SANCTION", false),
        "praise" => ("PRAISE", false),
        _ => return None,
    })
}

/// Reading of one sentence's parse.
struct Parse<'a> {
    text: &'a str,
    toks: &'a [AnalyzedToken],
    kids: Vec<Vec<usize>>,
}

impl Parse<'_> {
    fn word(&self, t: usize) -> &str {
        &self.text[self.toks[t].range.clone()]
    }

    fn lemma(&self, t: usize) -> String {
        self.toks[t].lemma.to_lowercase()
    }

    fn child(&self, t: usize, rel: &str) -> Option<usize> {
        self.kids[t]
            .iter()
            .copied()
            .find(|&c| self.toks[c].deprel == rel)
    }

    /// The case marker (`with`, `on`) of a nominal dependent.
    fn case(&self, t: usize) -> Option<String> {
        self.kids[t]
            .iter()
            .find(|&&c| self.toks[c].deprel == "case")
            .map(|&c| self.word(c).to_lowercase())
    }

    /// An oblique or nominal modifier of `t` introduced by one of `preps`.
    fn prep_child(&self, t: usize, preps: &[&str]) -> Option<usize> {
        self.kids[t].iter().copied().find(|&c| {
            matches!(self.toks[c].deprel.as_str(), "obl" | "nmod" | "obl:arg")
                && self.case(c).is_some_and(|p| preps.contains(&p.as_str()))
        })
    }

    fn particle(&self, t: usize) -> Option<String> {
        self.child(t, "compound:prt")
            .map(|c| self.word(c).to_lowercase())
    }

    /// Whether `t` is only wanted, asked for, promised, avoided or refused by the verb it depends
    /// on (`urged China to close the camps`, `asked Bachelet to publish`, `vowed to visit`,
    /// `avoids condemning`, and a verb joined to such a one by `and`): that verb is the event,
    /// `t` has not happened.
    fn avoided(&self, t: usize) -> bool {
        let mut t = t;
        for _ in 0..4 {
            if self.toks[t].deprel != "conj" {
                break;
            }
            match self.toks[t].head {
                Some(h) => t = h,
                None => return false,
            }
        }
        let governed = matches!(self.toks[t].deprel.as_str(), "xcomp" | "ccomp")
            || (matches!(self.toks[t].deprel.as_str(), "advcl" | "acl") && self.infinitive(t));
        governed
            && self.toks[t].head.is_some_and(|h| {
                matches!(
                    self.lemma(h).as_str(),
                    "avoid"
                        | "fail"
                        | "neglect"
                        | "hesitate"
                        | "decline"
                        | "refuse"
                        | "urge"
                        | "ask"
                        | "call"
                        | "appeal"
                        | "demand"
                        | "press"
                        | "encourage"
                        | "request"
                        | "want"
                        | "plan"
                        | "hope"
                        | "seek"
                        | "try"
                        | "intend"
                        | "threaten"
                        | "vow"
                        | "promise"
                        | "pledge"
                        | "offer"
                ) || (self.toks[h].upos != "VERB"
                    && self.toks[h]
                        .head
                        .is_some_and(|g| matches!(self.lemma(g).as_str(), "urge" | "ask")))
            })
    }

    fn negated(&self, t: usize) -> bool {
        self.kids[t].iter().any(|&c| {
            self.toks[c].deprel == "advmod"
                && matches!(
                    self.word(c).to_lowercase().as_str(),
                    "not" | "n't" | "never"
                )
        })
    }

    /// The first and last byte of `t`'s subtree (within `limit`).
    fn subtree(&self, t: usize, limit: &Range<usize>) -> Range<usize> {
        let (mut lo, mut hi) = (t, t);
        let mut stack = vec![t];
        while let Some(x) = stack.pop() {
            lo = lo.min(x);
            hi = hi.max(x);
            stack.extend(self.kids[x].iter().filter(|&&c| limit.contains(&c)));
        }
        // Trailing punctuation is not part of a phrase.
        while hi > lo && self.toks[hi].upos == "PUNCT" {
            hi -= 1;
        }
        self.toks[lo].range.start..self.toks[hi].range.end
    }

    /// Whether clause head `c` is marked by `to`.
    fn infinitive(&self, c: usize) -> bool {
        self.kids[c]
            .iter()
            .any(|&m| self.toks[m].deprel == "mark" && self.word(m) == "to")
    }

    /// An infinitive hung on `v` as a clause of purpose, or on its object as a modifier: the
    /// parser's readings of `urged X to speak out` besides `xcomp`.
    fn to_clause(&self, v: usize) -> Option<usize> {
        let to = |c: usize, rel: &str| self.toks[c].deprel == rel && self.infinitive(c);
        self.kids[v]
            .iter()
            .copied()
            .find(|&c| to(c, "advcl"))
            .or_else(|| {
                let o = self.child(v, "obj")?;
                self.kids[o].iter().copied().find(|&c| to(c, "acl"))
            })
    }

    /// The action of verb `v`, if the lexicon has one.
    fn verb_action(&self, v: usize) -> Option<&'static str> {
        let lemma = self.lemma(v);
        let obj = self.child(v, "obj").map(|o| self.lemma(o));
        let access = obj.as_deref().is_some_and(is_access)
            || self
                .prep_child(v, &["to"])
                .is_some_and(|c| is_access(&self.lemma(c)));
        let prt = self.particle(v);
        let has = |preps: &[&str]| self.prep_child(v, preps).is_some();
        Some(match lemma.as_str() {
            "urge" | "appeal" | "implore" | "plead" | "exhort" | "beseech" | "encourage" => {
                "APPEAL"
            }
            "call" if prt.as_deref() == Some("on") || has(&["on", "upon"]) => "APPEAL",
            "call" if has(&["for"]) => "DEMAND",
            "ask" | "request" | "seek" if access => "REQUEST_ACCESS",
            // `asked Guterres to urge ...` (an infinitive, however parsed), `pressed for`; not
            // `asked whether`.
            "ask" | "press"
                if self.child(v, "xcomp").is_some()
                    || self.to_clause(v).is_some()
                    || has(&["for"]) =>
            {
                "APPEAL"
            }
            "request" => "APPEAL",
            "demand" => "DEMAND",
            "order" if self.child(v, "xcomp").is_some() => "DEMAND",
            "accuse" | "blame" | "allege" | "indict" => "ACCUSE",
            "charge" if has(&["with"]) => "ACCUSE",
            "complain" | "protest" => "CRITICIZE",
            // `expressed concern over`, `voiced alarm at`, `raised concerns about`.
            "express" | "voice" | "raise" if obj.as_deref().is_some_and(is_concern) => "CRITICIZE",
            // `halted aid to Serbia`, `suspended air links with`.
            "halt" | "suspend" | "cut" | "freeze" | "reduce" | "withdraw"
                if obj.as_deref().is_some_and(is_support) =>
            {
                "SANCTION"
            }
            "criticize" | "criticise" | "condemn" | "denounce" | "decry" | "deplore"
            | "censure" | "rebuke" | "lambast" | "lambaste" | "slam" | "chide" | "castigate" => {
                "CRITICIZE"
            }
            "deny" | "refuse" | "block" | "bar" if access => "REFUSE_ACCESS",
            "deny" | "refute" | "rebut" => "DENY",
            "reject" | "refuse" | "rebuff" | "veto" | "spurn" | "dismiss" => "REJECT",
            "decline" if self.child(v, "xcomp").is_some() => "REJECT",
            "grant" | "allow" | "permit" | "give" | "offer" if access => "GRANT_ACCESS",
            "visit" | "tour" => "VISIT",
            "travel" if has(&["to"]) => "VISIT",
            "arrive" if has(&["in"]) => "VISIT",
            // Not `was met with criticism`.
            "meet" if self.child(v, "nsubj:pass").is_some() && has(&["with"]) => return None,
            "meet" | "host" => "MEET",
            "discuss" | "consult" | "confer" | "negotiate" => "CONSULT",
            "raise"
                if obj.as_deref().is_some_and(|o| {
                    matches!(
                        o,
                        "issue" | "concern" | "plight" | "case" | "matter" | "question"
                    )
                }) =>
            {
                "CONSULT"
            }
            "talk" | "speak" if has(&["with"]) => "CONSULT",
            // `welcomed the decision`, not `would welcome him in Jerusalem` or `welcomed several
            // hundred guests`.
            "welcome"
                if self.child(v, "obj").is_some_and(|o| {
                    matches!(self.toks[o].upos.as_str(), "PRON" | "PROPN")
                        || matches!(
                            self.lemma(o).as_str(),
                            "guest" | "visitor" | "delegation" | "crowd" | "audience" | "people"
                        )
                }) =>
            {
                return None
            }
            "praise" | "commend" | "applaud" | "hail" | "laud" | "welcome" | "thank" => "PRAISE",
            "publish" | "release" | "issue" if obj.as_deref().is_some_and(is_report) => {
                "PUBLISH_REPORT"
            }
            "detain" | "arrest" | "imprison" | "jail" | "incarcerate" | "intern" | "abduct"
            | "kidnap" => "DETAIN",
            "promise" | "pledge" | "vow" => "PROMISE",
            // `offered to hand over`, `offered its troops`, not `offered some advice`.
            "offer"
                if self.child(v, "xcomp").is_some()
                    || self.to_clause(v).is_some()
                    || obj.as_deref().is_some_and(|o| {
                        matches!(
                            o.strip_suffix('s').unwrap_or(o),
                            "troop"
                                | "aid"
                                | "help"
                                | "assistance"
                                | "support"
                                | "concession"
                                | "loan"
                                | "fund"
                                | "talk"
                                | "dialogue"
                                | "compensation"
                                | "protection"
                                | "asylum"
                                | "guarantee"
                                | "cooperation"
                        )
                    }) =>
            {
                "PROMISE"
            }
            "investigate" | "probe" => "INVESTIGATE",
            "look" if prt.as_deref() == Some("into") || has(&["into"]) => "INVESTIGATE",
            "sanction" | "blacklist" | "embargo" | "boycott" | "expel" => "SANCTION",
            "impose"
                if obj.as_deref().is_some_and(|o| {
                    matches!(o, "sanction" | "ban" | "embargo" | "restriction")
                }) =>
            {
                "SANCTION"
            }
            l if crate::entities::lexicon::is_speech_verb(l) => "MAKE_STATEMENT",
            _ => return None,
        })
    }

    /// The token that names who does `v`: its subject, the `by` agent of a passive, or the
    /// subject it shares with the verb it depends on (`refused to meet`, `met and discussed`;
    /// `urged China to close`: the object of the verb above).
    fn actor_token(&self, v: usize) -> Option<usize> {
        let mut v = v;
        for _ in 0..4 {
            // A verb has one subject: when the parse gives it two, the one nearest the verb
            // (a dateline, `GENEVA (AP) — China rejected`, comes first and is not).
            if let Some(s) = self.kids[v]
                .iter()
                .copied()
                .filter(|&c| self.toks[c].deprel == "nsubj")
                .min_by_key(|&c| c.abs_diff(v))
            {
                return Some(s);
            }
            if let Some(a) = self.child(v, "obl:agent") {
                return Some(a);
            }
            if self.child(v, "nsubj:pass").is_some() {
                return None;
            }
            let h = self.toks[v].head?;
            match self.toks[v].deprel.as_str() {
                "xcomp" => {
                    if let Some(o) = self.child(h, "obj") {
                        return Some(o);
                    }
                }
                "conj" => {}
                _ => return None,
            }
            v = h;
        }
        None
    }

    /// The tokens that may name who `v` is done to, best first.
    fn target_tokens(&self, v: usize, action: &str) -> Vec<usize> {
        let mut out = Vec::new();
        if let Some(p) = self.child(v, "nsubj:pass") {
            out.push(p);
        }
        let obj = self.child(v, "obj");
        let iobj = self.child(v, "iobj");
        let preps = |preps: &[&str]| {
            self.kids[v]
                .iter()
                .copied()
                .filter(|&c| {
                    matches!(self.toks[c].deprel.as_str(), "obl" | "obl:arg")
                        && self.case(c).is_some_and(|p| preps.contains(&p.as_str()))
                })
                .collect::<Vec<_>>()
        };
        match action {
            "MAKE_STATEMENT" => {
                out.extend(iobj);
                out.extend(obj.filter(|&o| self.toks[o].upos == "PROPN"));
            }
            "REQUEST_ACCESS" | "GRANT_ACCESS" | "REFUSE_ACCESS" => {
                // `denied the UN access to Xinjiang`: the one refused is the indirect object;
                // `granted access to Xinjiang`: the place.
                out.extend(iobj);
                out.extend(obj.filter(|&o| !is_access(&self.lemma(o))));
                out.extend(obj.and_then(|o| self.prep_child(o, &["to"])));
                out.extend(preps(&["to"]));
            }
            "VISIT" => {
                out.extend(obj);
                out.extend(preps(&["to", "in"]));
            }
            "PUBLISH_REPORT" | "CONSULT" | "SANCTION" | "DEMAND" => {
                out.extend(preps(&["with", "on", "against", "to", "from", "of"]));
                out.extend(obj.filter(|_| action == "SANCTION"));
            }
            _ => {
                out.extend(obj);
                out.extend(iobj);
                out.extend(preps(&["with", "to", "on", "upon", "against", "from"]));
            }
        }
        // `expressed concern over China's efforts`, `halted aid to Serbia`, `called for
        // sanctions against Nigeria`: the party is in the object's phrase.
        for o in [obj, self.prep_child(v, &["for"])].into_iter().flatten() {
            for c in self.kids[o].iter().copied() {
                let rel = self.toks[c].deprel.as_str();
                let prep = self.case(c).unwrap_or_default();
                if matches!(rel, "nmod" | "obl")
                    && matches!(
                        prep.as_str(),
                        "over" | "about" | "at" | "regarding" | "to" | "with" | "against" | "on"
                    )
                {
                    out.extend(self.author(c));
                    out.push(c);
                }
            }
        }
        out.extend(preps(&["over", "about"]).into_iter().flat_map(|c| {
            let mut v: Vec<usize> = self.author(c).into_iter().collect();
            v.push(c);
            v
        }));
        // A concern or an aid is what is expressed or cut, not a party.
        out.retain(|&t| {
            let l = self.lemma(t);
            !is_concern(&l) && !is_support(&l)
        });
        // `rejected a U.S. request`, `dismissed an appeal from President Gbagbo`: the one
        // rejected is who made the proposal.
        out.into_iter()
            .flat_map(|t| {
                let author = is_proposal(&self.lemma(t))
                    .then(|| self.author(t))
                    .flatten();
                author.into_iter().chain([t])
            })
            .collect()
    }

    /// Who made a proposal noun: its possessor, its `by` or `from` phrase, or a proper noun or
    /// nationality before it (`a U.S. request`, `an Indian proposal`).
    fn author(&self, n: usize) -> Option<usize> {
        self.child(n, "nmod:poss")
            .or_else(|| self.prep_child(n, &["by", "from"]))
            .or_else(|| {
                self.kids[n].iter().copied().find(|&c| {
                    c < n
                        && matches!(self.toks[c].deprel.as_str(), "compound" | "amod")
                        && (self.toks[c].upos == "PROPN"
                            || self.word(c).starts_with(char::is_uppercase))
                })
            })
    }
}

/// Nouns for texts that speak for their authors (`the statement said`).
fn is_text_noun(lemma: &str) -> bool {
    matches!(
        lemma,
        "statement"
            | "report"
            | "letter"
            | "resolution"
            | "declaration"
            | "document"
            | "study"
            | "communique"
            | "op-ed"
            | "article"
            | "editorial"
    )
}

/// Nouns for what one party puts to another (`a U.S. request`).
fn is_proposal(lemma: &str) -> bool {
    matches!(
        lemma,
        "request"
            | "demand"
            | "call"
            | "appeal"
            | "proposal"
            | "offer"
            | "plan"
            | "ultimatum"
            | "invitation"
            | "initiative"
            | "bid"
            | "suggestion"
            | "overture"
    )
}

/// Resolves the phrase headed by `t` to a party; `None` for a phrase that names nobody (no
/// entity and no proper noun: `the officials`) and for a time (`Friday`).
fn party(ctx: &Context, t: usize) -> Option<Party> {
    let toks = &ctx.analysis.tokens;
    let (name, entity, range) =
        resolve_speaker(ctx.text, ctx.analysis, ctx.entities, t, &None, 0, &|b| {
            ctx.quoted(b)
        });
    let head = toks[t].range.start;
    let Party {
        name,
        entity,
        range,
    } = without_time(
        ctx,
        Party {
            name: name?,
            entity,
            range: range?,
        },
    );
    if range.end <= head {
        return None;
    }
    let first = toks.partition_point(|k| k.range.end <= range.start);
    let words = (first..toks.len()).take_while(|&i| toks[i].range.start < range.end);
    // `Human Rights Watch, Amnesty International and ... urged`: names joined by `and` are a
    // coalition, which no one member stands for.
    let mut members: Vec<usize> = words
        .clone()
        .filter_map(|i| ctx.entities.entity_of_token(i))
        .collect();
    members.dedup();
    let coalition = members.len() >= 2 && words.clone().any(|i| toks[i].upos == "CCONJ");
    if coalition {
        return Some(Party {
            name: phrase(ctx.text, &range),
            entity: None,
            range,
        });
    }
    // The name of the party comes before any preposition of its phrase: `Secretary-General
    // Antonio Guterres` is Guterres, `Ethnic Albanians in south Serbia` is not Serbia.
    let before_prep: Vec<usize> = words
        .clone()
        .take_while(|&i| toks[i].upos != "ADP" || i < t)
        .collect();
    // A list (`Human Rights Watch, Amnesty International and ...`) is a coalition: no one
    // member stands for it.
    let list = before_prep.iter().any(|&i| toks[i].upos == "CCONJ");
    let entity_before = before_prep
        .iter()
        .rev()
        .find_map(|&i| ctx.entities.entity_of_token(i))
        .filter(|_| !list);
    // (A pronoun or an appositive resolves to an entity that its phrase does not write.)
    let written = |e: usize| {
        words
            .clone()
            .any(|i| ctx.entities.entity_of_token(i) == Some(e))
    };
    let (name, entity) = match entity {
        Some(e) if !written(e) => (name, Some(e)),
        Some(e)
            if before_prep
                .iter()
                .any(|&i| ctx.entities.entity_of_token(i) == Some(e)) =>
        {
            (name, Some(e))
        }
        _ => match entity_before {
            // `Israeli soldiers`, `U.S. officials`: a nationality or country that only
            // qualifies the party does not stand for it.
            Some(e)
                if !before_prep
                    .iter()
                    .any(|&i| i == t && ctx.entities.entity_of_token(i) == Some(e))
                    && matches!(ctx.entities.entities[e].kind.as_str(), "NORP" | "GPE")
                    && toks[t].upos == "NOUN" =>
            {
                (phrase(ctx.text, &range), None)
            }
            Some(e) => (ctx.entities.entities[e].name.clone(), Some(e)),
            None if entity.is_some() => (phrase(ctx.text, &range), None),
            None => (name, None),
        },
    };
    let named = entity.is_some()
        || words
            .clone()
            .any(|i| toks[i].upos == "PROPN" || ctx.entities.entity_of_token(i).is_some());
    (named && !range.is_empty()).then_some(Party {
        name,
        entity,
        range,
    })
}

/// The words of `range` on one line.
fn phrase(text: &str, range: &Range<usize>) -> String {
    text[range.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A party without the time the parse hung on its noun (`Rebels in the Ivory Coast on
/// Wednesday`, `The Security Council today`): the phrase ends before it. A time at the start
/// leaves nothing.
fn without_time(ctx: &Context, p: Party) -> Party {
    let i = ctx
        .timexes
        .partition_point(|x| x.range.end <= p.range.start);
    let Some(x) = ctx.timexes.get(i).filter(|x| x.range.start < p.range.end) else {
        return p;
    };
    let start = p.range.start;
    let cut = ctx.text[start..x.range.start.max(start)]
        .trim_end()
        .trim_end_matches(',')
        .trim_end();
    let cut = cut
        .strip_suffix(" on")
        .or_else(|| cut.strip_suffix(" in"))
        .unwrap_or(cut);
    let range = start..start + cut.len();
    let name = if p.entity.is_some() {
        p.name
    } else {
        phrase(ctx.text, &range)
    };
    Party {
        name,
        entity: p.entity,
        range,
    }
}

/// What every step of the extraction reads.
struct Context<'a> {
    text: &'a str,
    analysis: &'a Analysis,
    entities: &'a DocEntities,
    timexes: &'a [TimexMatch],
    /// The inner ranges of the quotation segments, in order and not overlapping.
    inner: Vec<Range<usize>>,
}

impl Context<'_> {
    fn quoted(&self, b: usize) -> bool {
        let i = self.inner.partition_point(|r| r.start <= b);
        i > 0 && self.inner[i - 1].contains(&b)
    }

    fn token_at(&self, r: &Range<usize>) -> Option<usize> {
        let toks = &self.analysis.tokens;
        let i = toks.partition_point(|k| k.range.start < r.start);
        (i < toks.len() && &toks[i].range == r).then_some(i)
    }
}

/// Finds the events and calls to action of `text`.
pub fn extract_events(
    text: &str,
    analysis: &Analysis,
    entities: &DocEntities,
    quotes: &[QuoteMatch],
    timexes: &[TimexMatch],
) -> Found {
    let toks = &analysis.tokens[..];
    let mut kids = vec![Vec::new(); toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if let Some(h) = t.head.filter(|&h| h < toks.len()) {
            kids[h].push(i);
        }
    }
    let p = Parse { text, toks, kids };
    let ctx = Context {
        text,
        analysis,
        entities,
        timexes,
        inner: segments(text).into_iter().map(|s| s.inner).collect(),
    };
    let mut found = Found::default();
    for sentence in &analysis.sentences {
        for v in sentence.clone() {
            if let Some((event, call)) = event_at(&p, &ctx, quotes, sentence, v) {
                found.calls.extend(call);
                found.events.push(event);
            }
        }
    }
    // Statements whose cue is no verb (`according to X`).
    for q in quotes {
        let (Some(cue), Some(name)) = (&q.cue, &q.speaker) else {
            continue;
        };
        let verb = ctx.token_at(cue).is_some_and(|c| toks[c].upos == "VERB");
        if verb || found.events.iter().any(|e| &e.trigger == cue) {
            continue;
        }
        let speaker = q.speaker_range.clone().unwrap_or(cue.clone());
        found.events.push(EventMatch {
            actor: Party {
                name: name.clone(),
                entity: q.speaker_entity,
                range: speaker.clone(),
            },
            action: "MAKE_STATEMENT",
            target: None,
            date: None,
            trigger: cue.clone(),
            range: cue.start.min(speaker.start)..cue.end.max(speaker.end),
        });
    }
    // A call inside a quotation is also an appeal by the speaker.
    for c in quoted_calls(&p, &ctx, quotes) {
        if !found.events.iter().any(|e| {
            e.trigger == c.trigger || (e.action == "APPEAL" && e.range.contains(&c.demand.start))
        }) {
            found.events.push(EventMatch {
                actor: c.by.clone(),
                action: "APPEAL",
                target: c.to.clone(),
                date: None,
                trigger: c.trigger.clone(),
                range: c.range.clone(),
            });
        }
        found.calls.push(c);
    }
    found
        .events
        .sort_by_key(|e| (e.range.start, e.trigger.start));
    // One event however often it is reported: the same actor, action, target and date (`he
    // said`, `Dujarric said` on the same day) keep their first report.
    let mut seen = std::collections::HashSet::new();
    found.events.retain(|e| {
        seen.insert((
            e.actor
                .entity
                .map_or(e.actor.name.to_lowercase(), |x| x.to_string()),
            e.action,
            e.target
                .as_ref()
                .map(|t| t.entity.map_or(t.name.to_lowercase(), |x| x.to_string())),
            e.date.clone(),
        ))
    });
    found
        .calls
        .sort_by_key(|c| (c.range.start, c.trigger.start));
    found
}

/// The event whose trigger is token `v`, with the call to action it makes, if any.
fn event_at(
    p: &Parse,
    ctx: &Context,
    quotes: &[QuoteMatch],
    sentence: &Range<usize>,
    v: usize,
) -> Option<(EventMatch, Option<CallMatch>)> {
    let toks = p.toks;
    let tok = &toks[v];
    if ctx.quoted(tok.range.start) || p.negated(v) || p.avoided(v) {
        return None;
    }
    let (action, joins) = match tok.upos.as_str() {
        "VERB" => (p.verb_action(v)?, false),
        "NOUN" => noun_action(&p.lemma(v))?,
        _ => return None,
    };
    let cue_quote = quotes
        .iter()
        .find(|q| q.cue.as_ref() == Some(&tok.range) && q.speaker.is_some());
    let actor = match cue_quote {
        Some(q) => without_time(
            ctx,
            Party {
                name: q.speaker.clone().unwrap_or_default(),
                entity: q.speaker_entity,
                range: q.speaker_range.clone().unwrap_or(tok.range.clone()),
            },
        ),
        None if tok.upos == "NOUN" => party(ctx, noun_actor(p, v, joins)?)?,
        None => {
            let a = p.actor_token(v)?;
            // `a joint statement ... that raised`, `the report said`: a text acts for its
            // author (`the ministry's statement`, `a letter by 20 groups`), or names no actor.
            let a = if is_text_noun(&p.lemma(a)) {
                p.author(a)?
            } else {
                a
            };
            party(ctx, a)?
        }
    };
    let demand = matches!(action, "APPEAL" | "DEMAND")
        .then(|| demand_clause(p, v))
        .flatten();
    let mut candidates = if tok.upos == "NOUN" {
        p.prep_child(v, &["with", "to", "of", "on", "against", "into"])
            .into_iter()
            .collect()
    } else {
        p.target_tokens(v, action)
    };
    // `demanded that the US cancel ...`: the one asked is the subject of what is demanded.
    candidates.extend(demand.and_then(|d| p.child(d, "nsubj")));
    // `refused to meet Jordan's King Abdullah`, `promised to continue aid to Mozambique`: the
    // party of the infinitive.
    if matches!(action, "REJECT" | "PROMISE" | "DENY") {
        if let Some(x) = p.child(v, "xcomp") {
            candidates.extend(p.target_tokens(x, "OTHER"));
        }
    }
    let target = candidates
        .into_iter()
        .filter_map(|t| party(ctx, t))
        .find(|t| t.name != actor.name);
    let bounds = toks[sentence.start].range.start..toks[sentence.end - 1].range.end;
    // A date of the sentence whose words hang on the trigger (`said Monday`, `on 25 April`).
    let from = ctx
        .timexes
        .partition_point(|x| x.range.start < bounds.start);
    let date = ctx.timexes[from..]
        .iter()
        .take_while(|x| x.range.start < bounds.end)
        // A date or time, not a duration (`for five years`) or a set.
        .filter(|x| matches!(x.kind.as_str(), "DATE" | "TIME"))
        .find(|x| {
            toks[sentence.clone()].iter().any(|k| {
                x.range.contains(&k.range.start)
                    && (k.head == Some(v) || k.head.is_some_and(|h| toks[h].head == Some(v)))
            })
        })
        .and_then(|x| x.value.clone());
    let mut range = tok.range.clone();
    for r in [Some(&actor.range), target.as_ref().map(|t| &t.range)]
        .into_iter()
        .flatten()
        .filter(|r| bounds.start <= r.start && r.end <= bounds.end)
    {
        range = range.start.min(r.start)..range.end.max(r.end);
    }
    let call = demand.map(|d| {
        let demand = demand_text(p, d, sentence);
        CallMatch {
            by: actor.clone(),
            to: target.clone(),
            expects: expected(p, d),
            trigger: tok.range.clone(),
            range: range.start.min(demand.start)..range.end.max(demand.end),
            demand,
        }
    });
    let event = EventMatch {
        actor,
        action,
        target,
        date,
        trigger: tok.range.clone(),
        range,
    };
    Some((event, call))
}

/// Who does a noun trigger: its possessor (`China's internment`), its `by` phrase, or, for a
/// meeting or visit, the subject of the clause it sits in (also when the possessor is a pronoun:
/// `held their first meeting with`).
fn noun_actor(p: &Parse, n: usize, joins: bool) -> Option<usize> {
    if let Some(poss) = p
        .child(n, "nmod:poss")
        .filter(|&c| p.toks[c].upos != "PRON")
    {
        return Some(poss);
    }
    if let Some(by) = p.prep_child(n, &["by"]) {
        return Some(by);
    }
    if !joins {
        return None;
    }
    let h = p.toks[n].head?;
    // `opened an investigation into`: who opens it investigates; `called for an inquiry` is
    // no inquiry yet.
    if noun_action(&p.lemma(n)).is_some_and(|a| a.0 == "INVESTIGATE") {
        let opens = matches!(
            p.lemma(h).as_str(),
            "open" | "launch" | "begin" | "start" | "conduct" | "complete" | "carry" | "order"
        );
        if !opens {
            return None;
        }
    }
    (p.toks[h].upos == "VERB" && matches!(p.toks[n].deprel.as_str(), "obl" | "obj"))
        .then(|| p.actor_token(h))
        .flatten()
}

/// The head of what an appeal or demand asks for: its infinitive, `that` clause or `for`
/// phrase.
fn demand_clause(p: &Parse, v: usize) -> Option<usize> {
    p.child(v, "xcomp")
        .or_else(|| p.child(v, "ccomp"))
        .or_else(|| p.to_clause(v))
        .or_else(|| p.prep_child(v, &["for"]))
}

/// The action that would meet a demand headed by `d` (`grant access`, `publish the report`,
/// `release the detainees`); statements are no answer to a demand.
fn expected(p: &Parse, d: usize) -> Option<&'static str> {
    let action = match p.toks[d].upos.as_str() {
        "VERB" => p.verb_action(d),
        _ => noun_action(&p.lemma(d)).map(|a| a.0),
    };
    action.filter(|&a| a != "MAKE_STATEMENT")
}

/// The words of a demand, without its marker (`to`, `that`, `for`).
fn demand_text(p: &Parse, clause: usize, sentence: &Range<usize>) -> Range<usize> {
    let r = p.subtree(clause, sentence);
    let text = &p.text[r.clone()];
    let skip = ["to ", "that ", "for "]
        .iter()
        .find(|m| text.starts_with(*m))
        .map_or(0, |m| m.len());
    r.start + skip..r.end
}

/// Calls inside attributed quotations: a clause with `must` or `should` whose subject is an
/// entity other than the speaker (`China must close the camps`), or, when the subject names
/// nobody, the listener of the cue (`told the Chinese leader that "human rights must ..."`).
fn quoted_calls(p: &Parse, ctx: &Context, quotes: &[QuoteMatch]) -> Vec<CallMatch> {
    let toks = p.toks;
    let mut out: Vec<CallMatch> = Vec::new();
    for q in quotes {
        let Some(speaker) = q.speaker.clone() else {
            continue;
        };
        let first = toks.partition_point(|k| k.range.start < q.range.start);
        let last = toks.partition_point(|k| k.range.start < q.range.end);
        for m in first..last {
            let modal = matches!(p.word(m).to_lowercase().as_str(), "must" | "should");
            if !modal || toks[m].deprel != "aux" {
                continue;
            }
            let Some(v) = toks[m].head else { continue };
            let sentences = &ctx.analysis.sentences;
            let sentence = sentences
                .get(sentences.partition_point(|s| s.end <= v))
                .cloned()
                .unwrap_or(0..toks.len());
            let subject = p
                .child(v, "nsubj")
                .or_else(|| p.child(v, "nsubj:pass"))
                .and_then(|s| party(ctx, s))
                .filter(|s| s.name != speaker && s.entity.is_some());
            let listener = q
                .cue
                .as_ref()
                .and_then(|c| ctx.token_at(c))
                .and_then(|c| p.child(c, "iobj").or_else(|| p.child(c, "obj")))
                .and_then(|o| party(ctx, o))
                .filter(|l| l.name != speaker);
            let Some(to) = subject.or(listener) else {
                continue;
            };
            // What follows the modal: `should use the weight of his office` is `use ...`.
            let demand = p.subtree(v, &sentence);
            let after = toks
                .get(m + 1)
                .map_or(demand.start, |k| k.range.start.max(demand.start));
            let demand = after.max(q.range.start)..demand.end.min(q.range.end);
            if demand.is_empty() || out.iter().any(|c| c.demand == demand) {
                continue;
            }
            let by = Party {
                name: speaker.clone(),
                entity: q.speaker_entity,
                range: q.speaker_range.clone().unwrap_or(demand.clone()),
            };
            let start = q.cue.as_ref().map_or(q.range.start, |c| c.start);
            out.push(CallMatch {
                by,
                to: Some(to),
                expects: expected(p, v),
                demand,
                trigger: toks[m].range.clone(),
                range: q.range.start.min(start)..q.range.end,
            });
        }
    }
    out
}

//! Lemmatizer: a lexicon of (XPOS, form) pairs seen in training, backed by suffix edit rules.
//!
//! An edit rule says how to turn a form into its lemma: optionally lowercase, strip so many final
//! characters, append a string (`studies` → strip 3, append `y`). Rules are learnt per XPOS and
//! final letters, so an unseen `-ies` plural noun still lemmatizes like the seen ones.

use crate::conllu::Sentence;
use crate::error::Result;
use crate::perceptron::{hash_str, mix, write_string, FastMap, Reader};
use std::collections::HashMap;

/// How to turn a form into its lemma.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rule {
    lowercase: bool,
    strip: usize,
    append: String,
}

impl Rule {
    /// The rule that turns `form` into `lemma`, preferring to keep the case.
    pub fn derive(form: &str, lemma: &str) -> Rule {
        let make = |lowercase: bool| {
            let base = if lowercase {
                form.to_lowercase()
            } else {
                form.to_string()
            };
            let common = base
                .chars()
                .zip(lemma.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let append: String = lemma.chars().skip(common).collect();
            Rule {
                lowercase,
                strip: base.chars().count() - common,
                append,
            }
        };
        let keep = make(false);
        let lower = make(true);
        if lower.strip + lower.append.len() < keep.strip + keep.append.len() {
            lower
        } else {
            keep
        }
    }

    pub fn apply(&self, form: &str) -> String {
        let base = if self.lowercase {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        if self.strip >= n {
            return form.to_string();
        }
        let mut out: String = base.chars().take(n - self.strip).collect();
        out.push_str(&self.append);
        out
    }
}

const MAX_SUFFIX: usize = 6;

/// The trained lemmatizer. Tables are keyed by hashes of (XPOS, text) so that a lookup needs no
/// allocation.
#[derive(Debug, Default)]
pub struct Lemmatizer {
    /// (xpos, form) to lemma.
    exact: FastMap<u64, String>,
    /// (xpos, lowercased form) to rule.
    lower: FastMap<u64, Rule>,
    /// (xpos, capitalised?, final letters) to rule.
    suffix: FastMap<u64, Rule>,
}

fn key(xpos: &str, text: &str) -> u64 {
    mix(hash_str(xpos), hash_str(text))
}

fn suffix_key(xpos: &str, capitalised: &str, suffix: &str) -> u64 {
    mix(key(xpos, capitalised), hash_str(suffix))
}

fn capitalised(form: &str) -> &'static str {
    if form.chars().next().is_some_and(char::is_uppercase) {
        "C"
    } else {
        "l"
    }
}

impl Lemmatizer {
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        if let Some(l) = self.exact.get(&key(xpos, form)) {
            return l.clone();
        }
        let lower = form.to_lowercase();
        if let Some(r) = self.lower.get(&key(xpos, &lower)) {
            return r.apply(form);
        }
        let cap = capitalised(form);
        let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        for k in (1..=MAX_SUFFIX.min(starts.len())).rev() {
            let suffix = &lower[starts[starts.len() - k]..];
            if let Some(r) = self.suffix.get(&suffix_key(xpos, cap, suffix)) {
                return r.apply(form);
            }
        }
        form.to_string()
    }

    pub fn train(sentences: &[Sentence]) -> Lemmatizer {
        let mut exact: HashMap<u64, HashMap<String, usize>> = HashMap::new();
        let mut lower: HashMap<u64, HashMap<Rule, usize>> = HashMap::new();
        let mut suffix: HashMap<u64, HashMap<Rule, usize>> = HashMap::new();
        for s in sentences {
            for w in &s.words {
                if w.lemma.is_empty() || w.lemma == "_" {
                    continue;
                }
                *exact
                    .entry(key(&w.xpos, &w.form))
                    .or_default()
                    .entry(w.lemma.clone())
                    .or_default() += 1;
                let rule = Rule::derive(&w.form, &w.lemma);
                let lw = w.form.to_lowercase();
                *lower
                    .entry(key(&w.xpos, &lw))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
                let chars: Vec<char> = lw.chars().collect();
                let cap = capitalised(&w.form);
                for k in 1..=MAX_SUFFIX.min(chars.len()) {
                    let suf: String = chars[chars.len() - k..].iter().collect();
                    *suffix
                        .entry(suffix_key(&w.xpos, cap, &suf))
                        .or_default()
                        .entry(rule.clone())
                        .or_default() += 1;
                }
            }
        }
        fn best<K: Clone + Ord>(counts: &HashMap<K, usize>) -> (K, usize) {
            let mut all: Vec<(&K, &usize)> = counts.iter().collect();
            // Most frequent first, ties broken by value so training is deterministic.
            all.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            (all[0].0.clone(), *all[0].1)
        }
        let exact = exact.iter().map(|(k, v)| (*k, best(v).0)).collect();
        let lower = lower.iter().map(|(k, v)| (*k, best(v).0)).collect();
        // Suffix rules need support: at least two words, and the identity rule is the default.
        let suffix = suffix
            .iter()
            .filter_map(|(k, v)| {
                let (rule, n) = best(v);
                (n >= 2 && rule != Rule::default()).then_some((*k, rule))
            })
            .collect();
        Lemmatizer {
            exact,
            lower,
            suffix,
        }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"CLM2");
        let mut exact: Vec<_> = self.exact.iter().collect();
        exact.sort();
        out.extend_from_slice(&(exact.len() as u32).to_le_bytes());
        for (k, v) in exact {
            out.extend_from_slice(&k.to_le_bytes());
            write_string(out, v);
        }
        for table in [&self.lower, &self.suffix] {
            let mut rules: Vec<_> = table.iter().collect();
            rules.sort();
            out.extend_from_slice(&(rules.len() as u32).to_le_bytes());
            for (k, r) in rules {
                out.extend_from_slice(&k.to_le_bytes());
                out.push(u8::from(r.lowercase));
                out.push(r.strip.min(255) as u8);
                write_string(out, &r.append);
            }
        }
    }

    pub fn read(bytes: &mut &[u8]) -> Result<Lemmatizer> {
        let mut r = Reader(bytes);
        if r.take(4)? != b"CLM2" {
            return Err(crate::Error::Model("not a lemmatizer model".into()));
        }
        let mut lem = Lemmatizer::default();
        let n = r.u32()? as usize;
        for _ in 0..n {
            let k = r.u64()?;
            lem.exact.insert(k, r.string()?);
        }
        for which in 0..2 {
            let n = r.u32()? as usize;
            for _ in 0..n {
                let k = r.u64()?;
                let flags = r.take(2)?;
                let (lowercase, strip) = (flags[0] == 1, flags[1] as usize);
                let rule = Rule {
                    lowercase,
                    strip,
                    append: r.string()?,
                };
                if which == 0 {
                    lem.lower.insert(k, rule);
                } else {
                    lem.suffix.insert(k, rule);
                }
            }
        }
        Ok(lem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_edit_the_end_of_a_word() {
        let r = Rule::derive("studies", "study");
        assert_eq!(r.apply("worries"), "worry");
        let r = Rule::derive("The", "the");
        assert_eq!(r.apply("A"), "a");
        assert_eq!(Rule::derive("Paris", "Paris"), Rule::default());
    }
}

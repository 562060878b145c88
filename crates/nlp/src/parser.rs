//! Labeled dependency parser: the arc-hybrid transition system, a greedy averaged perceptron,
//! and training with a dynamic oracle and exploration.
//!
//! Configuration: a stack, a buffer of the words still to come, and the arcs built so far. The
//! artificial root sits at the *end* of the buffer, so it can take exactly one dependent, the
//! last word left on the stack: UD's single-root rule holds by construction.
//!
//! Transitions (s0 = stack top, s1 below it, b0 = buffer front):
//! - `Shift`: push b0.
//! - `Left(l)`: b0 → s0 with label l, pop s0.
//! - `Right(l)`: s1 → s0 with label l, pop s0.
//!
//! The dynamic oracle (Goldberg and Nivre 2013) gives each transition's cost: how many gold arcs
//! it makes unreachable. Training follows the model's own (possibly wrong) choices once the model
//! is half-trained, and always learns the best zero-cost move from there, so the parser learns to
//! recover from its own mistakes instead of only from gold histories.

use crate::conllu::Sentence;
use crate::error::Result;
use crate::perceptron::{self, feature, hash_str, FastMap, Model, Reader, Rng, SlotCache, Trainer};

const NONE: usize = usize::MAX;

/// Entries of the slot cache a beam search keeps per sentence.
const CACHE: usize = 4096;

/// A transition, encoded as a class number: 0 shift, 1..=L left, L+1..=2L right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    Shift,
    Left(usize),
    Right(usize),
}

impl Transition {
    pub fn class(self, n_labels: usize) -> usize {
        match self {
            Transition::Shift => 0,
            Transition::Left(l) => 1 + l,
            Transition::Right(l) => 1 + n_labels + l,
        }
    }

    pub fn of_class(class: usize, n_labels: usize) -> Transition {
        if class == 0 {
            Transition::Shift
        } else if class <= n_labels {
            Transition::Left(class - 1)
        } else {
            Transition::Right(class - 1 - n_labels)
        }
    }
}

/// A parser configuration over `n` words; word `n` is the root.
#[derive(Clone, Debug)]
pub struct State {
    n: usize,
    pub stack: Vec<usize>,
    /// The buffer front; the buffer is `front..=n`.
    pub front: usize,
    pub heads: Vec<usize>,
    pub labels: Vec<usize>,
    /// Leftmost two and rightmost two dependents of each word (`NONE` when absent).
    left: Vec<[usize; 2]>,
    right: Vec<[usize; 2]>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    /// Labels of each word's left and right dependents, one bit per label (modulo 64).
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            front: 0,
            heads: vec![NONE; n + 1],
            labels: vec![NONE; n + 1],
            left: vec![[NONE; 2]; n + 1],
            right: vec![[NONE; 2]; n + 1],
            n_left: vec![0; n + 1],
            n_right: vec![0; n + 1],
            left_labels: vec![0; n + 1],
            right_labels: vec![0; n + 1],
        }
    }

    /// Becomes a copy of `other` without allocating (when the sentence length is the same).
    fn copy_from(&mut self, other: &State) {
        self.n = other.n;
        self.stack.clone_from(&other.stack);
        self.front = other.front;
        self.heads.clone_from(&other.heads);
        self.labels.clone_from(&other.labels);
        self.left.clone_from(&other.left);
        self.right.clone_from(&other.right);
        self.n_left.clone_from(&other.n_left);
        self.n_right.clone_from(&other.n_right);
        self.left_labels.clone_from(&other.left_labels);
        self.right_labels.clone_from(&other.right_labels);
    }

    pub fn is_terminal(&self) -> bool {
        self.front == self.n && self.stack.is_empty()
    }

    /// Whether `t` may be applied; `root_label` may only (and must) label the arc from the root.
    pub fn is_legal(&self, t: Transition, root_label: usize) -> bool {
        match t {
            Transition::Shift => self.front < self.n,
            Transition::Left(l) => {
                !self.stack.is_empty()
                    && (self.front < self.n || self.stack.len() == 1)
                    && ((self.front == self.n) == (l == root_label))
            }
            Transition::Right(l) => self.stack.len() >= 2 && l != root_label,
        }
    }

    pub fn apply(&mut self, t: Transition) {
        match t {
            Transition::Shift => {
                self.stack.push(self.front);
                self.front += 1;
            }
            Transition::Left(l) => {
                let dep = self.stack.pop().unwrap_or(0);
                self.add_arc(self.front, dep, l);
            }
            Transition::Right(l) => {
                let dep = self.stack.pop().unwrap_or(0);
                let head = self.stack.last().copied().unwrap_or(self.n);
                self.add_arc(head, dep, l);
            }
        }
    }

    fn add_arc(&mut self, head: usize, dep: usize, label: usize) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        if dep < head {
            let l = &mut self.left[head];
            if l[0] == NONE || dep < l[0] {
                l[1] = l[0];
                l[0] = dep;
            } else if l[1] == NONE || dep < l[1] {
                l[1] = dep;
            }
            self.n_left[head] = self.n_left[head].saturating_add(1);
            self.left_labels[head] |= 1 << (label % 64);
        } else {
            let r = &mut self.right[head];
            if r[0] == NONE || dep > r[0] {
                r[1] = r[0];
                r[0] = dep;
            } else if r[1] == NONE || dep > r[1] {
                r[1] = dep;
            }
            self.n_right[head] = self.n_right[head].saturating_add(1);
            self.right_labels[head] |= 1 << (label % 64);
        }
    }

    fn s(&self, k: usize) -> usize {
        if self.stack.len() > k {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    /// Unlabeled costs of shift, left and right against gold heads (`n` for the root).
    pub fn costs(&self, gold: &[usize]) -> [usize; 3] {
        let (s0, s1, b) = (self.s(0), self.s(1), self.front);
        let mut costs = [0usize; 3];
        if b < self.n {
            // Shift: b0 can no longer take a dependent from the stack, nor a head below s0.
            for (k, &d) in self.stack.iter().enumerate() {
                if gold[d] == b {
                    costs[0] += 1;
                }
                if gold[b] == d && k + 1 < self.stack.len() {
                    costs[0] += 1;
                }
            }
        }
        if s0 != NONE {
            let deps_in_buffer = (b..self.n).filter(|&d| gold[d] == s0).count();
            let h = gold[s0];
            costs[1] = deps_in_buffer + usize::from(h != b && (h == s1 || (h > b && h <= self.n)));
            costs[2] = deps_in_buffer + usize::from(h >= b && h <= self.n);
        }
        costs
    }
}

/// The trained parser.
#[derive(Debug, Default)]
pub struct Parser {
    model: Model,
    /// Whether the parser was trained on UPOS|XPOS pairs ([`crate::train::parser_tag`]) rather
    /// than XPOS alone (models before `CDP2`).
    pub pair_tags: bool,
    pub(crate) labels: Vec<String>,
    root_label: usize,
    /// Beam width for decoding; 0 or 1 decodes greedily. A model trained with a beam
    /// ([`Parser::train_beam`]) remembers its width.
    beam: usize,
    /// Only the best-scoring label of each arc direction of a configuration becomes a beam
    /// candidate (the rest of a beam is not crowded by label variants of one arc).
    one_label: bool,
}

/// Per-word hashes the features draw on: the word (lowercased) and its tag.
struct Context {
    words: Vec<u64>,
    tags: Vec<u64>,
}

impl Context {
    fn new(words: &[&str], tags: &[&str]) -> Context {
        let mut w: Vec<u64> = words.iter().map(|w| hash_str(&w.to_lowercase())).collect();
        let mut t: Vec<u64> = tags.iter().map(|t| hash_str(t)).collect();
        // The root's own word and tag.
        w.push(3);
        t.push(3);
        Context { words: w, tags: t }
    }
}

impl Parser {
    fn n_classes(&self) -> usize {
        1 + 2 * self.labels.len()
    }

    fn features(&self, st: &State, cx: &Context, out: &mut Vec<u64>) {
        out.clear();
        let word = |i: usize| if i == NONE { 0 } else { cx.words[i] };
        let tag = |i: usize| if i == NONE { 0 } else { cx.tags[i] };
        let label = |i: usize| {
            if i == NONE || st.labels[i] == NONE {
                0
            } else {
                st.labels[i] as u64 + 1
            }
        };
        let lc = |i: usize, k: usize| if i == NONE { NONE } else { st.left[i][k] };
        let rc = |i: usize, k: usize| if i == NONE { NONE } else { st.right[i][k] };
        let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
        let b0 = st.front;
        let b1 = if b0 < st.n { b0 + 1 } else { NONE };
        let b2 = if b1 != NONE && b1 < st.n {
            b1 + 1
        } else {
            NONE
        };
        let (s0w, s0p, s1w, s1p, s2p) = (word(s0), tag(s0), word(s1), tag(s1), tag(s2));
        let (b0w, b0p, b1w, b1p, b2w, b2p) =
            (word(b0), tag(b0), word(b1), tag(b1), word(b2), tag(b2));
        let dist = if s0 == NONE {
            0
        } else {
            (b0 - s0).min(6) as u64 + 1
        };
        let d01 = if s1 == NONE {
            0
        } else {
            (s0 - s1).min(6) as u64 + 1
        };
        let (s0l, s0r, s0l2, s0r2) = (lc(s0, 0), rc(s0, 0), lc(s0, 1), rc(s0, 1));
        let (b0l, b0l2) = (lc(b0, 0), lc(b0, 1));
        let (s1l, s1r) = (lc(s1, 0), rc(s1, 0));
        let vl = |i: usize| {
            if i == NONE {
                0
            } else {
                st.n_left[i] as u64 + 1
            }
        };
        let vr = |i: usize| {
            if i == NONE {
                0
            } else {
                st.n_right[i] as u64 + 1
            }
        };
        let templates: [(u64, u64, u64); 60] = [
            (s0w, s0p, 0),
            (s0w, 0, 1),
            (s0p, 0, 2),
            (b0w, b0p, 3),
            (b0w, 0, 4),
            (b0p, 0, 5),
            (b1w, b1p, 6),
            (b1w, 0, 7),
            (b1p, 0, 8),
            (b2w, b2p, 9),
            (b2p, 0, 10),
            (s1w, s1p, 11),
            (s1w, 0, 12),
            (s1p, 0, 13),
            (s2p, 0, 14),
            (s0w ^ s0p.rotate_left(7), b0w ^ b0p.rotate_left(7), 15),
            (s0w ^ s0p.rotate_left(7), b0w, 16),
            (s0w, b0w ^ b0p.rotate_left(7), 17),
            (s0w ^ s0p.rotate_left(7), b0p, 18),
            (s0p, b0w ^ b0p.rotate_left(7), 19),
            (s0w, b0w, 20),
            (s0p, b0p, 21),
            (b0p, b1p, 22),
            (b0p ^ b1p.rotate_left(9), b2p, 23),
            (s0p ^ b0p.rotate_left(9), b1p, 24),
            (s1p ^ s0p.rotate_left(9), b0p, 25),
            (s0p ^ tag(s0l).rotate_left(9), b0p, 26),
            (s0p ^ tag(s0r).rotate_left(9), b0p, 27),
            (s0p ^ b0p.rotate_left(9), tag(b0l), 28),
            (s0w, dist, 29),
            (s0p, dist, 30),
            (b0w, dist, 31),
            (b0p, dist, 32),
            (s0w ^ b0w.rotate_left(9), dist, 33),
            (s0p ^ b0p.rotate_left(9), dist, 34),
            (s0w, vr(s0), 35),
            (s0p, vr(s0), 36),
            (s0w, vl(s0), 37),
            (s0p, vl(s0), 38),
            (b0w, vl(b0), 39),
            (b0p, vl(b0), 40),
            (word(s0l), tag(s0l) ^ label(s0l).rotate_left(9), 41),
            (word(s0r), tag(s0r) ^ label(s0r).rotate_left(9), 42),
            (word(b0l), tag(b0l) ^ label(b0l).rotate_left(9), 43),
            (tag(s0l2), label(s0l2), 44),
            (tag(s0r2), label(s0r2), 45),
            (tag(b0l2), label(b0l2), 46),
            (s0p ^ tag(s0l).rotate_left(9), tag(s0l2), 47),
            (s0p ^ tag(s0r).rotate_left(9), tag(s0r2), 48),
            (b0p ^ tag(b0l).rotate_left(9), tag(b0l2), 49),
            (
                s0p,
                label(s0l) ^ label(s0r).rotate_left(9) ^ label(s0l2).rotate_left(18),
                50,
            ),
            (b0p, label(b0l) ^ label(b0l2).rotate_left(9), 51),
            (s1w ^ s1p.rotate_left(7), s0w ^ s0p.rotate_left(7), 52),
            (s1w, s0w, 53),
            (s1p ^ s0p.rotate_left(9), d01, 54),
            (s2p ^ s1p.rotate_left(9), s0p, 55),
            (s1p ^ tag(s1l).rotate_left(9), s0p, 56),
            (
                s1p ^ tag(s1r).rotate_left(9) ^ label(s1r).rotate_left(20),
                s0p,
                57,
            ),
            (s1w, s0p ^ b0p.rotate_left(9), 58),
            (s0w, b0p ^ b1p.rotate_left(9), 59),
        ];
        for (a, b, k) in templates {
            out.push(feature(k, a, b, 0));
        }
        out.push(feature(60, 0, 0, 0));
        // Label sets of the dependents so far, and more single children and third-order
        // features (Zhang and Nivre 2011), read off the arc-hybrid stack and buffer.
        let lset = |i: usize| {
            if i == NONE {
                0
            } else {
                st.left_labels[i] | 1 << 63
            }
        };
        let rset = |i: usize| {
            if i == NONE {
                0
            } else {
                st.right_labels[i] | 1 << 63
            }
        };
        let (s1l2, s1r2) = (lc(s1, 1), rc(s1, 1));
        let s2w = word(s2);
        let b3p = if b2 != NONE && b2 < st.n {
            tag(b2 + 1)
        } else {
            0
        };
        let extra: [(u64, u64, u64); 28] = [
            (s0w, rset(s0), 61),
            (s0p, rset(s0), 62),
            (s0w, lset(s0), 63),
            (s0p, lset(s0), 64),
            (b0w, lset(b0), 65),
            (b0p, lset(b0), 66),
            (s1p, rset(s1) ^ lset(s1).rotate_left(32), 67),
            (word(s0l), 0, 68),
            (tag(s0l), label(s0l), 69),
            (word(s0r), 0, 70),
            (tag(s0r), label(s0r), 71),
            (word(b0l), 0, 72),
            (tag(b0l), label(b0l), 73),
            (word(s1r), tag(s1r) ^ label(s1r).rotate_left(9), 74),
            (word(s1l), tag(s1l) ^ label(s1l).rotate_left(9), 75),
            (s1p ^ tag(s1r).rotate_left(9), tag(s1r2), 76),
            (s1p ^ tag(s1l).rotate_left(9), tag(s1l2), 77),
            (s2w, s2p, 78),
            (s2w ^ s1w.rotate_left(9), s0w, 79),
            (s1w ^ s0p.rotate_left(9), d01, 80),
            (s1p ^ s0w.rotate_left(9), d01, 81),
            (s1w ^ s0w.rotate_left(9), d01, 82),
            (b0p ^ b1p.rotate_left(9) ^ b2p.rotate_left(18), b3p, 83),
            (
                s0w ^ s0p.rotate_left(9),
                b0p ^ label(b0l).rotate_left(9),
                84,
            ),
            (
                s1p ^ s0p.rotate_left(9),
                label(s0l) ^ label(s0r).rotate_left(9),
                85,
            ),
            (s0p ^ b0w.rotate_left(9), b1w, 86),
            (s0w ^ s1p.rotate_left(9), b0p, 87),
            (s0p ^ s1w.rotate_left(9), b0w, 88),
        ];
        for (a, b, k) in extra {
            out.push(feature(k, a, b, 0));
        }
    }

    /// Best legal transition by the scores.
    fn best_legal(&self, st: &State, scores: &[f32]) -> Transition {
        let mut best = None;
        let mut best_score = f32::NEG_INFINITY;
        self.legal_classes(st, |c| {
            if scores[c] > best_score {
                best = Some(Transition::of_class(c, self.labels.len()));
                best_score = scores[c];
            }
        });
        // Some transition is always legal in a non-terminal state; shift is a safe fallback.
        best.unwrap_or(if st.stack.is_empty() {
            Transition::Shift
        } else {
            Transition::Left(self.root_label)
        })
    }

    /// Parses one sentence; returns (head, label) per word, head `None` for the root. `tags` are
    /// UPOS|XPOS pairs when [`Parser::pair_tags`] is set, XPOS otherwise.
    pub fn parse(&self, words: &[&str], tags: &[&str]) -> Vec<(Option<usize>, usize)> {
        let n = words.len();
        let st = if self.beam > 1 {
            self.parse_beam(words, tags, self.beam)
        } else {
            self.parse_greedy(words, tags)
        };
        (0..n)
            .map(|i| {
                let h = st.heads[i];
                let label = if st.labels[i] == NONE {
                    self.root_label
                } else {
                    st.labels[i]
                };
                (if h == NONE || h >= n { None } else { Some(h) }, label)
            })
            .collect()
    }

    fn parse_greedy(&self, words: &[&str], tags: &[&str]) -> State {
        let n = words.len();
        let cx = Context::new(words, tags);
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0.0f32; self.n_classes()];
        // Every transition either consumes a buffer word or pops the stack: 2n steps at most.
        let mut steps = 0;
        while !st.is_terminal() && steps <= 2 * n + 2 {
            self.features(&st, &cx, &mut feats);
            self.model.score(&feats, &mut scores);
            let t = self.best_legal(&st, &scores);
            st.apply(t);
            steps += 1;
        }
        st
    }

    /// Trains on sentences whose tags are those the tagger will give at run time (UPOS|XPOS
    /// pairs or XPOS alone; the model remembers which).
    pub fn train(
        sentences: &[Sentence],
        tags: &[Vec<String>],
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(String),
    ) -> Parser {
        let (mut parser, label_index) = Parser::untrained(sentences, tags);
        let n_labels = parser.labels.len();
        let root_label = parser.root_label;
        let mut trainer = Trainer::new(parser.n_classes());
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut feats = Vec::new();
        let mut scores = vec![0.0f32; parser.n_classes()];
        let mut costs = vec![0usize; parser.n_classes()];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let explore = epoch >= 1;
            let (mut correct, mut total) = (0usize, 0usize);
            for &k in &order {
                let s = &sentences[k];
                let n = s.words.len();
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                let tag_refs = tag_refs(&tags[k]);
                let cx = Context::new(&words, &tag_refs);
                let (gold_heads, gold_labels) = gold_tree(s, &label_index);
                let mut st = State::new(n);
                while !st.is_terminal() {
                    parser.features(&st, &cx, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let [shift, left, right] = st.costs(&gold_heads);
                    let (s0, s1) = (st.s(0), st.s(1));
                    let mut min_cost = usize::MAX;
                    for (c, cost) in costs.iter_mut().enumerate() {
                        let t = Transition::of_class(c, n_labels);
                        *cost = if !st.is_legal(t, root_label) {
                            usize::MAX
                        } else {
                            match t {
                                Transition::Shift => shift,
                                Transition::Left(l) => {
                                    left + usize::from(
                                        gold_heads[s0] == st.front && gold_labels[s0] != l,
                                    )
                                }
                                Transition::Right(l) => {
                                    right
                                        + usize::from(gold_heads[s0] == s1 && gold_labels[s0] != l)
                                }
                            }
                        };
                        min_cost = min_cost.min(*cost);
                    }
                    let mut guess = 0;
                    let mut best = 0;
                    let (mut guess_score, mut best_score) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
                    for c in 0..costs.len() {
                        if costs[c] == usize::MAX {
                            continue;
                        }
                        if scores[c] > guess_score {
                            guess_score = scores[c];
                            guess = c;
                        }
                        if costs[c] == min_cost && scores[c] > best_score {
                            best_score = scores[c];
                            best = c;
                        }
                    }
                    trainer.tick();
                    total += 1;
                    let next = if costs[guess] == min_cost {
                        correct += 1;
                        guess
                    } else {
                        trainer.update(&feats, best, guess);
                        if explore && rng.unit() < 0.9 {
                            guess
                        } else {
                            best
                        }
                    };
                    st.apply(Transition::of_class(next, n_labels));
                }
            }
            log(format!(
                "parser epoch {epoch}: {:.2}% of transitions optimal",
                100.0 * correct as f64 / total.max(1) as f64
            ));
        }
        parser.model = trainer.finish(0.0);
        parser
    }

    /// A parser with the label set of `sentences` and no weights, and the label numbers.
    fn untrained(sentences: &[Sentence], tags: &[Vec<String>]) -> (Parser, FastMap<u64, usize>) {
        let mut labels: Vec<String> = sentences
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
            .collect();
        labels.sort();
        labels.dedup();
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0);
        let label_index: FastMap<u64, usize> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (hash_str(l), i))
            .collect();
        let parser = Parser {
            model: Model::default(),
            pair_tags: tags
                .iter()
                .flatten()
                .next()
                .is_some_and(|t| t.contains('|')),
            labels,
            root_label,
            beam: 0,
            one_label: false,
        };
        (parser, label_index)
    }

    /// Calls `f` with every legal transition class of a non-terminal state, in class order.
    #[inline]
    fn legal_classes(&self, st: &State, mut f: impl FnMut(usize)) {
        let n_labels = self.labels.len();
        if st.front < st.n {
            f(0);
        }
        if !st.stack.is_empty() {
            if st.front == st.n {
                if st.stack.len() == 1 {
                    f(1 + self.root_label);
                }
            } else {
                (0..n_labels)
                    .filter(|&l| l != self.root_label)
                    .for_each(|l| f(1 + l));
            }
        }
        if st.stack.len() >= 2 {
            (0..n_labels)
                .filter(|&l| l != self.root_label)
                .for_each(|l| f(1 + n_labels + l));
        }
    }

    /// Offers the candidates of one beam item (`base` score, index) to `top`.
    #[inline]
    fn candidates(
        &self,
        st: &State,
        row: &[f32],
        (base, i): (f32, usize),
        width: usize,
        top: &mut Vec<(f32, usize, usize)>,
    ) {
        if !self.one_label {
            self.legal_classes(st, |c| keep_top(top, width, (base + row[c], i, c)));
            return;
        }
        let n_labels = self.labels.len();
        let mut best = [(f32::NEG_INFINITY, NONE); 3];
        self.legal_classes(st, |c| {
            let k = if c == 0 {
                0
            } else if c <= n_labels {
                1
            } else {
                2
            };
            if row[c] > best[k].0 {
                best[k] = (row[c], c);
            }
        });
        for (score, c) in best {
            if c != NONE {
                keep_top(top, width, (base + score, i, c));
            }
        }
    }

    /// The beam width the parser decodes with (1: greedy).
    pub fn beam(&self) -> usize {
        self.beam.max(1)
    }

    /// Sets the beam width for decoding (1: greedy).
    pub fn set_beam(&mut self, width: usize) {
        self.beam = width.max(1);
    }

    /// Beam search: keeps the `width` best-scoring configurations after every transition (all
    /// finish after exactly 2n transitions). Each configuration's features are scored once for
    /// all its transitions; only legal ones become candidates; configurations are copied into
    /// reused buffers.
    fn parse_beam(&self, words: &[&str], tags: &[&str], width: usize) -> State {
        let n = words.len();
        let n_classes = self.n_classes();
        let n_labels = self.labels.len();
        let cx = Context::new(words, tags);
        let mut beam = vec![(0.0f32, State::new(n))];
        let mut next: Vec<(f32, State)> = Vec::with_capacity(width);
        let mut spare: Vec<State> = Vec::with_capacity(width);
        let mut feats = Vec::with_capacity(96);
        let mut row = vec![0.0f32; n_classes];
        let mut top: Vec<(f32, usize, usize)> = Vec::with_capacity(width + 1);
        let mut cache = SlotCache::new(CACHE);
        for _ in 0..2 * n {
            top.clear();
            for (i, (base, st)) in beam.iter().enumerate() {
                self.features(st, &cx, &mut feats);
                self.model.score_cached(&feats, &mut row, &mut cache);
                self.candidates(st, &row, (*base, i), width, &mut top);
            }
            if top.is_empty() {
                break;
            }
            for &(total, i, c) in &top {
                let mut st = spare.pop().unwrap_or_else(|| State::new(n));
                st.copy_from(&beam[i].1);
                st.apply(Transition::of_class(c, n_labels));
                next.push((total, st));
            }
            spare.extend(beam.drain(..).map(|(_, st)| st));
            std::mem::swap(&mut beam, &mut next);
        }
        beam.swap_remove(0).1
    }

    /// The transitions that build the gold tree (the best reachable one when it is not
    /// projective): the cheapest legal move by the dynamic oracle, arcs before shifts.
    fn oracle(&self, gold_heads: &[usize], gold_labels: &[usize]) -> Vec<usize> {
        let n = gold_heads.len();
        let n_labels = self.labels.len();
        let mut st = State::new(n);
        let mut seq = Vec::with_capacity(2 * n);
        let other = (0..n_labels).find(|&l| l != self.root_label).unwrap_or(0);
        while !st.is_terminal() {
            let costs = st.costs(gold_heads);
            let s0 = st.s(0);
            let label = match s0 {
                NONE => other,
                _ if gold_labels[s0] == self.root_label => other,
                _ => gold_labels[s0],
            };
            let left = if st.front == n {
                self.root_label
            } else {
                label
            };
            let mut best: Option<(usize, usize)> = None;
            for (cost, t) in [
                (costs[1], Transition::Left(left)),
                (costs[2], Transition::Right(label)),
                (costs[0], Transition::Shift),
            ] {
                if st.is_legal(t, self.root_label) && best.is_none_or(|(c, _)| cost < c) {
                    best = Some((cost, t.class(n_labels)));
                }
            }
            let Some((_, class)) = best else { break };
            seq.push(class);
            st.apply(Transition::of_class(class, n_labels));
        }
        seq
    }

    /// Trains a globally scored model for beam search of the given width (Zhang and Nivre 2011;
    /// Huang, Fayong and Guo 2012): each sentence is decoded with the current weights, and where
    /// the gold sequence has fallen out of the beam the update is made at the step where the
    /// best configuration outscores the gold prefix by the most (max-violation), adding the gold
    /// prefix's features and subtracting the predicted one's. With `one_label`, only the
    /// best-scoring label of each arc direction of a configuration competes for the beam, in
    /// training and decoding alike (the model file remembers it).
    pub fn train_beam(
        sentences: &[Sentence],
        tags: &[Vec<String>],
        epochs: usize,
        width: usize,
        one_label: bool,
        seed: u64,
        log: &mut dyn FnMut(String),
    ) -> Parser {
        let (mut parser, label_index) = Parser::untrained(sentences, tags);
        parser.beam = width.max(1);
        parser.one_label = one_label;
        let width = parser.beam;
        let n_classes = parser.n_classes();
        let n_labels = parser.labels.len();
        let mut trainer = Trainer::new(n_classes);
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        let mut feats = Vec::new();
        let mut row = vec![0.0f32; n_classes];
        let mut top: Vec<(f32, usize, usize)> = Vec::with_capacity(width + 1);
        // Back-pointers of every configuration of the search: (parent node, class).
        let mut nodes: Vec<(usize, usize)> = Vec::new();
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let (mut updates, mut early) = (0usize, 0usize);
            for &k in &order {
                let s = &sentences[k];
                let n = s.words.len();
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                let tag_refs = tag_refs(&tags[k]);
                let cx = Context::new(&words, &tag_refs);
                let (gold_heads, gold_labels) = gold_tree(s, &label_index);
                let oracle = parser.oracle(&gold_heads, &gold_labels);
                nodes.clear();
                // (score, state, node, whether the item is the gold prefix)
                let mut beam = vec![(0.0f32, State::new(n), NONE, true)];
                let mut next: Vec<(f32, State, usize, bool)> = Vec::with_capacity(width);
                let mut spare: Vec<State> = Vec::new();
                let mut gold = State::new(n);
                let mut gold_score = 0.0f32;
                // (violation, step, node of the best configuration then)
                let mut worst: Option<(f32, usize, usize)> = None;
                for (step, &gold_class) in oracle.iter().enumerate() {
                    top.clear();
                    for (i, (base, st, _, _)) in beam.iter().enumerate() {
                        parser.features(st, &cx, &mut feats);
                        trainer.score(&feats, &mut row);
                        parser.candidates(st, &row, (*base, i), width, &mut top);
                    }
                    parser.features(&gold, &cx, &mut feats);
                    trainer.score(&feats, &mut row);
                    gold_score += row[gold_class];
                    gold.apply(Transition::of_class(gold_class, n_labels));
                    for &(total, i, c) in &top {
                        let mut st = spare.pop().unwrap_or_else(|| State::new(n));
                        st.copy_from(&beam[i].1);
                        st.apply(Transition::of_class(c, n_labels));
                        nodes.push((beam[i].2, c));
                        next.push((total, st, nodes.len() - 1, beam[i].3 && c == gold_class));
                    }
                    spare.extend(beam.drain(..).map(|item| item.1));
                    std::mem::swap(&mut beam, &mut next);
                    let last = step + 1 == oracle.len();
                    let gold_in = beam.iter().any(|item| item.3);
                    if (!gold_in || (last && !beam[0].3)) && beam[0].0 >= gold_score {
                        let v = beam[0].0 - gold_score;
                        if worst.is_none_or(|(w, _, _)| v > w) {
                            worst = Some((v, step, beam[0].2));
                        }
                    }
                }
                trainer.tick();
                let Some((_, step, mut node)) = worst else {
                    continue;
                };
                updates += 1;
                early += usize::from(step + 1 < oracle.len());
                let mut predicted = Vec::with_capacity(step + 1);
                while node != NONE {
                    predicted.push(nodes[node].1);
                    node = nodes[node].0;
                }
                predicted.reverse();
                let common = predicted
                    .iter()
                    .zip(&oracle)
                    .take_while(|(a, b)| a == b)
                    .count();
                let mut start = State::new(n);
                for &c in &oracle[..common] {
                    start.apply(Transition::of_class(c, n_labels));
                }
                for (seq, delta) in [(&oracle[..=step], 1.0f32), (&predicted[..], -1.0)] {
                    let mut st = start.clone();
                    for &c in &seq[common..] {
                        parser.features(&st, &cx, &mut feats);
                        trainer.add(&feats, c, delta);
                        st.apply(Transition::of_class(c, n_labels));
                    }
                }
            }
            log(format!(
                "parser epoch {epoch} (beam {width}): {updates} of {} sentences updated, {early} early",
                sentences.len()
            ));
        }
        parser.model = trainer.finish(0.0);
        parser
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        if self.beam > 1 {
            // Beam models always use pair tags.
            out.extend_from_slice(b"CDP3");
            let flag = if self.one_label { 1 << 31 } else { 0 };
            out.extend_from_slice(&(self.beam as u32 | flag).to_le_bytes());
        } else {
            out.extend_from_slice(if self.pair_tags { b"CDP2" } else { b"CDP1" });
        }
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            perceptron::write_string(out, l);
        }
        self.model.write(out);
    }

    pub fn read(bytes: &mut &[u8]) -> Result<Parser> {
        let mut r = Reader(bytes);
        let (pair_tags, beam) = match r.take(4)? {
            b"CDP1" => (false, 0),
            b"CDP2" => (true, 0),
            b"CDP3" => (true, r.u32()? as usize),
            _ => return Err(crate::Error::Model("not a parser model".into())),
        };
        let n = r.u32()? as usize;
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(r.string()?);
        }
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0);
        let model = Model::read(bytes)?;
        if model.n_classes() != 1 + 2 * labels.len() {
            return Err(crate::Error::Model(
                "parser classes do not match its labels".into(),
            ));
        }
        Ok(Parser {
            model,
            pair_tags,
            labels,
            root_label,
            beam: (beam & 0x7FFF_FFFF).clamp(1, 64),
            one_label: beam >> 31 == 1,
        })
    }

    /// Drops weights below `min_weight`; see [`Model::pruned`].
    pub fn prune(&mut self, min_weight: f32) {
        self.model = self.model.pruned(min_weight);
    }

    pub fn label(&self, i: usize) -> &str {
        self.labels.get(i).map(String::as_str).unwrap_or("dep")
    }
}

/// Keeps `top` the `width` best candidates (score, item, class), best first; on equal scores
/// the earlier candidate stays ahead, so a width of one decodes as the greedy parser does.
#[inline]
fn keep_top(top: &mut Vec<(f32, usize, usize)>, width: usize, cand: (f32, usize, usize)) {
    if top.len() == width && top.last().is_some_and(|last| cand.0 <= last.0) {
        return;
    }
    let at = top.iter().position(|t| cand.0 > t.0).unwrap_or(top.len());
    top.insert(at, cand);
    top.truncate(width);
}

fn tag_refs(tags: &[String]) -> Vec<&str> {
    tags.iter().map(String::as_str).collect()
}

/// Gold heads (`n` for the root) and label numbers of a sentence.
fn gold_tree(s: &Sentence, label_index: &FastMap<u64, usize>) -> (Vec<usize>, Vec<usize>) {
    let n = s.words.len();
    let heads = s
        .words
        .iter()
        .map(|w| {
            if w.head == 0 || w.head > n {
                n
            } else {
                w.head - 1
            }
        })
        .collect();
    let labels = s
        .words
        .iter()
        .map(|w| label_index[&hash_str(&w.deprel)])
        .collect();
    (heads, labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the static oracle: the zero-cost transition, preferring arcs, labels ignored.
    fn oracle_parse(gold: &[usize]) -> Vec<usize> {
        let n = gold.len();
        let mut st = State::new(n);
        while !st.is_terminal() {
            let [shift, left, right] = st.costs(gold);
            let t = if st.is_legal(Transition::Left(0), if st.front == n { 0 } else { 1 })
                && left == 0
            {
                Transition::Left(if st.front == n { 0 } else { 1 })
            } else if st.is_legal(Transition::Right(1), 0) && right == 0 {
                Transition::Right(1)
            } else if st.is_legal(Transition::Shift, 0) && shift == 0 {
                Transition::Shift
            } else {
                panic!("no zero-cost transition for {gold:?} in {st:?}");
            };
            st.apply(t);
        }
        st.heads[..n].to_vec()
    }

    #[test]
    fn zero_cost_transitions_rebuild_a_projective_tree() {
        // "The cat sat on the mat": heads as indices, root (6) for "sat".
        let gold = vec![1, 2, 6, 5, 5, 2];
        assert_eq!(oracle_parse(&gold), gold);
        let gold = vec![1];
        assert_eq!(oracle_parse(&gold), gold);
        let gold = vec![1, 5, 1, 2, 3];
        assert_eq!(oracle_parse(&gold), gold);
    }

    #[test]
    fn only_one_word_attaches_to_the_root() {
        let mut st = State::new(2);
        st.apply(Transition::Shift);
        st.apply(Transition::Shift);
        assert!(
            !st.is_legal(Transition::Left(0), 0),
            "two words on the stack, buffer at root"
        );
        assert!(st.is_legal(Transition::Right(1), 0));
        st.apply(Transition::Right(1));
        assert!(st.is_legal(Transition::Left(0), 0));
        assert!(
            !st.is_legal(Transition::Left(1), 0),
            "the root arc takes the root label"
        );
        st.apply(Transition::Left(0));
        assert!(st.is_terminal());
        assert_eq!(st.heads[..2], [2, 0]);
    }

    const TOY: &str = "1\tThe\t_\tDET\tDT\t_\t2\tdet\t_\t_
2\tcat\t_\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsat\t_\tVERB\tVBD\t_\t0\troot\t_\t_
4\ton\t_\tADP\tIN\t_\t6\tcase\t_\t_
5\tthe\t_\tDET\tDT\t_\t6\tdet\t_\t_
6\tmat\t_\tNOUN\tNN\t_\t3\tobl\t_\t_
7\t.\t_\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tDogs\t_\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tbark\t_\tVERB\tVBP\t_\t0\troot\t_\t_
3\tloudly\t_\tADV\tRB\t_\t2\tadvmod\t_\t_
4\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

    fn toy() -> (Vec<Sentence>, Vec<Vec<String>>) {
        let sentences = crate::conllu::parse(TOY).unwrap();
        let tags = sentences
            .iter()
            .map(|s| {
                s.words
                    .iter()
                    .map(|w| crate::train::parser_tag(&w.upos, &w.xpos))
                    .collect()
            })
            .collect();
        (sentences, tags)
    }

    fn parse_sentence(p: &Parser, s: &Sentence, tags: &[String]) -> Vec<(Option<usize>, usize)> {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        p.parse(&words, &tag_refs(tags))
    }

    #[test]
    fn a_beam_of_one_decodes_as_the_greedy_parser() {
        let (sentences, tags) = toy();
        let mut p = Parser::train(&sentences, &tags, 2, 1, &mut |_| {});
        for (s, t) in sentences.iter().zip(&tags) {
            let greedy = parse_sentence(&p, s, t);
            p.set_beam(1);
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let st = p.parse_beam(&words, &tag_refs(t), 1);
            assert_eq!(
                st.heads[..s.words.len()],
                p.parse_greedy(&words, &tag_refs(t)).heads[..s.words.len()]
            );
            assert_eq!(greedy, parse_sentence(&p, s, t));
        }
    }

    fn round_trip(p: Parser) -> Parser {
        let mut bytes = Vec::new();
        p.write(&mut bytes);
        Parser::read(&mut bytes.as_slice()).unwrap()
    }

    #[test]
    fn beam_training_learns_its_sentences_and_round_trips() {
        let (sentences, tags) = toy();
        let read = round_trip(Parser::train_beam(
            &sentences,
            &tags,
            20,
            4,
            false,
            1,
            &mut |_| {},
        ));
        assert_eq!((read.beam(), read.one_label), (4, false));
        for (s, t) in sentences.iter().zip(&tags) {
            let parsed = parse_sentence(&read, s, t);
            for (w, (head, label)) in s.words.iter().zip(parsed) {
                assert_eq!(head.map_or(0, |h| h + 1), w.head);
                assert_eq!(read.label(label), w.deprel);
            }
        }
        // With one label per arc direction the averaged weights of two sentences need not
        // separate them (the last updates leave small margins), so only the form is checked.
        let read = round_trip(Parser::train_beam(
            &sentences,
            &tags,
            20,
            4,
            true,
            1,
            &mut |_| {},
        ));
        assert_eq!((read.beam(), read.one_label), (4, true));
        for (s, t) in sentences.iter().zip(&tags) {
            let parsed = parse_sentence(&read, s, t);
            assert_eq!(parsed.len(), s.words.len());
            assert_eq!(parsed.iter().filter(|(h, _)| h.is_none()).count(), 1);
        }
    }

    #[test]
    fn the_oracle_sequence_builds_the_gold_tree() {
        let (sentences, tags) = toy();
        let (p, label_index) = Parser::untrained(&sentences, &tags);
        for s in &sentences {
            let (heads, labels) = gold_tree(s, &label_index);
            let mut st = State::new(heads.len());
            for c in p.oracle(&heads, &labels) {
                assert!(st.is_legal(Transition::of_class(c, p.labels.len()), p.root_label));
                st.apply(Transition::of_class(c, p.labels.len()));
            }
            assert!(st.is_terminal());
            assert_eq!(st.heads[..heads.len()], heads[..]);
            for (i, &l) in labels.iter().enumerate() {
                if heads[i] != heads.len() {
                    assert_eq!(st.labels[i], l);
                }
            }
        }
    }

    #[test]
    fn shift_costs_count_lost_arcs() {
        // Words 0 1 2; gold: 0 <- 2 (head of 0 is 2), 1 -> root... shifting 1 over 0 loses nothing
        // yet, but after 0 and 1 are stacked, shifting 2 loses 0's arc to it.
        let gold = vec![2, 3, 1];
        let mut st = State::new(3);
        st.apply(Transition::Shift);
        st.apply(Transition::Shift);
        assert_eq!(st.costs(&gold)[0], 1);
    }
}

//! Averaged perceptron over hashed sparse features, and its compact frozen form.
//!
//! Features are 64-bit hashes; each feature keeps weights only for the classes it was ever
//! updated for, so a feature costs a few entries, not one per class. Training keeps f32 weights
//! with lazily accumulated sums for averaging; the frozen [`Model`] keeps averaged weights
//! quantised to i16 with one scale, and 32-bit feature keys, which is what the model files hold.

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already well-mixed hashes: it passes them through.
#[derive(Default, Clone, Copy, Debug)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<PassThrough>>;

/// Hashes a string (FNV-1a, then mixed).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.bytes())
}

/// `hash_str(&s.to_lowercase())` without the allocation when `s` is ASCII.
#[inline]
pub fn hash_lower(s: &str) -> u64 {
    if s.is_ascii() {
        hash_bytes(s.bytes().map(|b| b.to_ascii_lowercase()))
    } else {
        hash_str(&s.to_lowercase())
    }
}

#[inline]
fn hash_bytes(bytes: impl Iterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    finalize(h)
}

/// Combines two hashes into one feature hash.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    finalize(a.rotate_left(23) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// A feature hash of a template number and up to three values.
#[inline]
pub fn feature(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(
        mix(mix(template.wrapping_mul(0xA24B_AED4_963E_E407), a), b),
        c,
    )
}

#[inline]
fn finalize(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The 32-bit key a 64-bit feature hash is stored under.
#[inline]
fn key32(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u16,
    weight: f32,
    total: f64,
    stamp: u64,
}

/// A perceptron being trained.
#[derive(Debug)]
pub struct Trainer {
    n_classes: usize,
    weights: FastMap<u64, Vec<Entry>>,
    /// Number of training instances seen, the clock of the lazy averaging.
    time: u64,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            weights: FastMap::default(),
            time: 0,
        }
    }

    /// Adds the current weights of `features` into `scores` (one slot per class).
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(entries) = self.weights.get(f) {
                for e in entries {
                    scores[e.class as usize] += e.weight;
                }
            }
        }
    }

    /// Counts one training instance (call once per decision, updated or not).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Moves weight from `wrong` to `right` for every feature.
    pub fn update(&mut self, features: &[u64], right: usize, wrong: usize) {
        if right == wrong {
            return;
        }
        for &f in features {
            let entries = self.weights.entry(f).or_default();
            for (class, delta) in [(right, 1.0f32), (wrong, -1.0)] {
                bump(entries, class, delta, self.time);
            }
        }
    }

    /// Adds `delta` to the weight of `class` for every feature (a structured update adds the
    /// gold sequence's features and subtracts the predicted one's, which differ).
    pub fn add(&mut self, features: &[u64], class: usize, delta: f32) {
        for &f in features {
            bump(self.weights.entry(f).or_default(), class, delta, self.time);
        }
    }

    /// Averages the weights and freezes them, dropping weights smaller than `min_weight`.
    pub fn finish(self, min_weight: f32) -> Model {
        let time = self.time.max(1) as f64;
        let mut merged: FastMap<u32, Vec<(u16, f32)>> = FastMap::default();
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        // Sorted so that the model bytes do not depend on hash-map order.
        keys.sort_unstable();
        for k in keys {
            let slot = merged.entry(key32(*k)).or_default();
            for e in &self.weights[k] {
                let total = e.total + f64::from(e.weight) * (self.time - e.stamp) as f64;
                let avg = (total / time) as f32;
                match slot.iter_mut().find(|(c, _)| *c == e.class) {
                    Some((_, w)) => *w += avg,
                    None => slot.push((e.class, avg)),
                }
            }
        }
        let max_abs = merged
            .values()
            .flatten()
            .map(|(_, w)| w.abs())
            .fold(0.0f32, f32::max)
            .max(1e-9);
        let scale = max_abs / 32767.0;
        let mut keys: Vec<u32> = merged.keys().copied().collect();
        keys.sort_unstable();
        let mut model = Model::with_capacity(self.n_classes, scale, keys.len());
        for k in keys {
            let mut entries: Vec<(u16, i16)> = merged[&k]
                .iter()
                .filter(|(_, w)| w.abs() >= min_weight)
                .map(|&(c, w)| (c, (w / scale).round() as i16))
                .filter(|&(_, q)| q != 0)
                .collect();
            if entries.is_empty() {
                continue;
            }
            entries.sort_unstable();
            model.push(k, &entries);
        }
        model
    }
}

/// Adds `delta` to one class's weight of a feature, keeping the running sum for averaging.
#[inline]
fn bump(entries: &mut Vec<Entry>, class: usize, delta: f32, time: u64) {
    match entries.iter_mut().find(|e| e.class as usize == class) {
        Some(e) => {
            e.total += f64::from(e.weight) * (time - e.stamp) as f64;
            e.stamp = time;
            e.weight += delta;
        }
        None => entries.push(Entry {
            class: class as u16,
            weight: delta,
            total: 0.0,
            stamp: time,
        }),
    }
}

/// A frozen perceptron: averaged, quantised weights in a flat open-addressing table.
///
/// Each slot holds a 32-bit feature key in its high half. A feature with a single weight (most of
/// them) keeps it in the slot's low half — flag bit 31, class in bits 16..31, the i16 weight below
/// — so scoring it costs one memory access; otherwise the low half is the offset of a run in
/// `entries`: a length, then one `class << 16 | weight` word per class. Scores accumulate in
/// quantised units and are scaled once at the end.
#[derive(Clone, Debug, Default)]
pub struct Model {
    n_classes: usize,
    scale: f32,
    slots: Vec<u64>,
    n_features: usize,
    entries: Vec<u32>,
}

const EMPTY: u64 = u64::MAX;
const INLINE: u32 = 1 << 31;

/// The largest number of features scored at once without a heap buffer.
const BATCH: usize = 128;

impl Model {
    /// An empty table sized for `n` features (load factor at most one half).
    fn with_capacity(n_classes: usize, scale: f32, n: usize) -> Model {
        let size = (2 * n).next_power_of_two().max(16);
        Model {
            n_classes,
            scale,
            slots: vec![EMPTY; size],
            n_features: 0,
            entries: Vec::new(),
        }
    }

    #[inline]
    fn slot_of(&self, key: u32) -> usize {
        // Keys are hash bits already; a multiply spreads them over the table's index bits.
        (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & (self.slots.len() - 1)
    }

    /// Adds a feature; `entries` are (class, quantised weight) pairs, classes below 32768.
    fn push(&mut self, key: u32, entries: &[(u16, i16)]) {
        if entries.is_empty() {
            return;
        }
        let low = if let [(c, q)] = entries {
            INLINE | u32::from(*c) << 16 | u32::from(*q as u16)
        } else {
            let at = self.entries.len() as u32;
            self.entries.push(entries.len() as u32);
            for &(c, q) in entries {
                self.entries.push(u32::from(c) << 16 | u32::from(q as u16));
            }
            at
        };
        let mask = self.slots.len() - 1;
        let mut i = self.slot_of(key);
        loop {
            let slot = self.slots[i];
            if slot == EMPTY || (slot >> 32) as u32 == key {
                self.slots[i] = u64::from(key) << 32 | u64::from(low);
                break;
            }
            i = (i + 1) & mask;
        }
        self.n_features += 1;
    }

    /// The (class, quantised weight) pairs of the slot's feature.
    fn slot_entries(&self, slot: u64, out: &mut Vec<(u16, i16)>) {
        out.clear();
        let low = slot as u32;
        if low & INLINE != 0 {
            out.push((((low >> 16) & 0x7FFF) as u16, low as u16 as i16));
        } else {
            let at = low as usize;
            let len = self.entries[at] as usize;
            for &e in &self.entries[at + 1..at + 1 + len] {
                out.push(((e >> 16) as u16, e as u16 as i16));
            }
        }
    }

    /// Occupied slots in key order, so that written bytes do not depend on the table layout.
    fn sorted_slots(&self) -> Vec<u64> {
        let mut slots: Vec<u64> = self.slots.iter().copied().filter(|&s| s != EMPTY).collect();
        slots.sort_unstable_by_key(|s| s >> 32);
        slots
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The model without weights smaller than `min_weight` (and without features left empty):
    /// most small averaged weights barely move a decision but cost memory and lookups.
    pub fn pruned(&self, min_weight: f32) -> Model {
        let min_q = ((min_weight / self.scale).round() as i32).max(1);
        let slots = self.sorted_slots();
        let mut out = Model::with_capacity(self.n_classes, self.scale, slots.len());
        let mut entries = Vec::new();
        for slot in slots {
            self.slot_entries(slot, &mut entries);
            entries.retain(|&(_, q)| i32::from(q).abs() >= min_q);
            out.push((slot >> 32) as u32, &entries);
        }
        out
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Class scores of a feature set.
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        if self.slots.is_empty() {
            return;
        }
        // Model lookups are cache misses; each pass below issues independent loads with no
        // data-dependent branch between them, so the processor overlaps the misses: first the
        // home slot of every feature, then the probing (rarely past the home slot's cache line),
        // then the first word of every multi-class run, then the sums.
        let mut home = [EMPTY; BATCH];
        let mut runs = [0u32; BATCH];
        for chunk in features.chunks(BATCH) {
            for (h, &f) in home.iter_mut().zip(chunk) {
                *h = self.slots[self.slot_of(key32(f))];
            }
            let mut n_runs = 0;
            for (j, &f) in chunk.iter().enumerate() {
                let slot = self.probe(key32(f), home[j]);
                add_inline(slot, scores, &mut runs, &mut n_runs);
            }
            self.add_runs(&runs[..n_runs], scores);
        }
        scores.iter_mut().for_each(|s| *s *= self.scale);
    }

    /// [`Model::score`] through a small direct-mapped cache of looked-up slots: a beam
    /// search scores many configurations that share most of their features (the same buffer
    /// words, the same stack top), and a cached slot costs no miss in the large table.
    #[inline]
    pub fn score_cached(&self, features: &[u64], scores: &mut [f32], cache: &mut SlotCache) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        if self.slots.is_empty() {
            return;
        }
        let cache_mask = cache.0.len() - 1;
        let mut found = [EMPTY; BATCH];
        let mut misses = [0u8; BATCH];
        let mut home = [EMPTY; BATCH];
        let mut runs = [0u32; BATCH];
        for chunk in features.chunks(BATCH) {
            let mut n_misses = 0;
            for (j, &f) in chunk.iter().enumerate() {
                let key = key32(f);
                let (k, slot) = cache.0[key as usize & cache_mask];
                if k == key && slot != UNCACHED {
                    found[j] = slot;
                } else {
                    misses[n_misses] = j as u8;
                    n_misses += 1;
                }
            }
            for (h, &j) in home.iter_mut().zip(&misses[..n_misses]) {
                *h = self.slots[self.slot_of(key32(chunk[j as usize]))];
            }
            for (&h, &j) in home.iter().zip(&misses[..n_misses]) {
                let key = key32(chunk[j as usize]);
                let slot = self.probe(key, h);
                found[j as usize] = slot;
                cache.0[key as usize & cache_mask] = (key, slot);
            }
            let mut n_runs = 0;
            for &slot in &found[..chunk.len()] {
                add_inline(slot, scores, &mut runs, &mut n_runs);
            }
            self.add_runs(&runs[..n_runs], scores);
        }
        scores.iter_mut().for_each(|s| *s *= self.scale);
    }

    /// The slot of `key` given its home slot's content: probes on when the home slot holds
    /// another key; `EMPTY` when the model does not have the feature.
    #[inline]
    fn probe(&self, key: u32, home: u64) -> u64 {
        let mut slot = home;
        if slot != EMPTY && (slot >> 32) as u32 != key {
            let mask = self.slots.len() - 1;
            let mut i = self.slot_of(key);
            loop {
                i = (i + 1) & mask;
                slot = self.slots[i];
                if slot == EMPTY || (slot >> 32) as u32 == key {
                    break;
                }
            }
        }
        slot
    }

    /// Adds the multi-class runs at `runs` into `scores`: first the length word of every run
    /// (independent loads the processor overlaps), then the sums.
    #[inline]
    fn add_runs(&self, runs: &[u32], scores: &mut [f32]) {
        let mut lens = [0u32; BATCH];
        for (len, &at) in lens.iter_mut().zip(runs) {
            *len = self.entries[at as usize];
        }
        for (&at, &len) in runs.iter().zip(&lens) {
            let at = at as usize + 1;
            for &e in &self.entries[at..at + len as usize] {
                scores[(e >> 16) as usize] += f32::from(e as u16 as i16);
            }
        }
    }

    /// Serialises the model: a header, then per feature its key, entry count and entries.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"CPM1");
        out.extend_from_slice(&(self.n_classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let slots = self.sorted_slots();
        out.extend_from_slice(&(slots.len() as u32).to_le_bytes());
        let mut entries = Vec::new();
        for slot in slots {
            self.slot_entries(slot, &mut entries);
            out.extend_from_slice(&((slot >> 32) as u32).to_le_bytes());
            out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
            for &(c, q) in &entries {
                out.extend_from_slice(&c.to_le_bytes());
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
    }

    /// Reads a model written by [`Model::write`] from the front of `bytes`.
    pub fn read(bytes: &mut &[u8]) -> Result<Model> {
        let mut r = Reader(bytes);
        if r.take(4)? != b"CPM1" {
            return Err(Error::Model("not a perceptron model".into()));
        }
        let n_classes = r.u32()? as usize;
        if n_classes >= 1 << 15 {
            return Err(Error::Model("too many classes".into()));
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().unwrap_or_default());
        let n = r.u32()? as usize;
        if n > r.0.len() / 6 {
            return Err(Error::Model("truncated".into()));
        }
        let mut model = Model::with_capacity(n_classes, scale, n);
        let mut entries = Vec::new();
        for _ in 0..n {
            let key = r.u32()?;
            let len = r.u16()? as usize;
            entries.clear();
            for _ in 0..len {
                let c = r.u16()?;
                if c as usize >= n_classes {
                    return Err(Error::Model("class out of range".into()));
                }
                entries.push((c, r.u16()? as i16));
            }
            model.push(key, &entries);
        }
        Ok(model)
    }
}

/// Adds a found slot's inline weight into `scores`, or queues its multi-class run.
#[inline]
fn add_inline(slot: u64, scores: &mut [f32], runs: &mut [u32; BATCH], n_runs: &mut usize) {
    if slot == EMPTY {
        return;
    }
    let low = slot as u32;
    if low & INLINE != 0 {
        scores[((low >> 16) & 0x7FFF) as usize] += f32::from(low as u16 as i16);
    } else {
        runs[*n_runs] = low;
        *n_runs += 1;
    }
}

/// Slot value of a cache entry that holds nothing yet.
const UNCACHED: u64 = EMPTY - 1;

/// Recently looked-up slots of one [`Model`], for [`Model::score_cached`]; valid only for the
/// model it was filled from.
#[derive(Clone, Debug)]
pub struct SlotCache(Vec<(u32, u64)>);

impl SlotCache {
    /// A cache of `size` entries (rounded up to a power of two).
    pub fn new(size: usize) -> SlotCache {
        SlotCache(vec![(0, UNCACHED); size.next_power_of_two().max(1)])
    }
}

/// A cursor over model bytes that fails instead of panicking on truncated input.
#[derive(Debug)]
pub struct Reader<'a, 'b>(pub &'a mut &'b [u8]);

impl Reader<'_, '_> {
    pub fn take(&mut self, n: usize) -> Result<&[u8]> {
        if self.0.len() < n {
            return Err(Error::Model("truncated".into()));
        }
        let (head, tail) = self.0.split_at(n);
        *self.0 = tail;
        Ok(head)
    }
    pub fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().unwrap_or_default(),
        ))
    }
    pub fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    pub fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
    /// A table of 64-bit keys and values as [`write_table`] writes it.
    pub fn table(&mut self) -> Result<FastMap<u64, u64>> {
        let n = self.u32()? as usize;
        let mut table = FastMap::default();
        table.reserve(n);
        for _ in 0..n {
            let key = self.u64()?;
            table.insert(key, self.u64()?);
        }
        Ok(table)
    }
    pub fn string(&mut self) -> Result<String> {
        let len = self.u32()? as usize;
        String::from_utf8(self.take(len)?.to_vec()).map_err(|_| Error::Model("bad UTF-8".into()))
    }
}

/// Writes a length-prefixed string, the counterpart of [`Reader::string`].
/// Writes a table of 64-bit keys and values, sorted so that the bytes are deterministic.
pub fn write_table(out: &mut Vec<u8>, table: &FastMap<u64, u64>) {
    let mut pairs: Vec<(u64, u64)> = table.iter().map(|(&a, &b)| (a, b)).collect();
    pairs.sort_unstable();
    out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
    for (a, b) in pairs {
        out.extend_from_slice(&a.to_le_bytes());
        out.extend_from_slice(&b.to_le_bytes());
    }
}

pub fn write_string(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// A small deterministic random generator (SplitMix64) for shuffling and exploration.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_5EED)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        finalize(self.0)
    }
    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(2);
        let data = [
            (vec![1u64, 10], 0usize),
            (vec![2, 10], 1),
            (vec![1, 11], 0),
            (vec![2, 11], 1),
        ];
        let mut scores = [0.0f32; 2];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut scores);
                let guess = usize::from(scores[1] > scores[0]);
                t.update(f, *y, guess);
                t.tick();
            }
        }
        let model = t.finish(0.0);
        let mut bytes = Vec::new();
        model.write(&mut bytes);
        let read = Model::read(&mut bytes.as_slice()).unwrap();
        for (f, y) in &data {
            read.score(f, &mut scores);
            assert_eq!(usize::from(scores[1] > scores[0]), *y);
        }
        assert!(Model::read(&mut &bytes[..bytes.len() - 1]).is_err());
    }
}

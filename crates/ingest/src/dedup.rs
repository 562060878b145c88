//! MinHash signatures of word shingles, for near-duplicate and syndicated-copy detection.
//!
//! A signature is [`SIGNATURE_LEN`] minima of hashed 5-word shingles of the clean text (words
//! lower-cased, punctuation dropped, so markup and typography differences between outlets do not
//! matter). Two signatures agree in a share of places that estimates the Jaccard similarity of
//! the shingle sets. For locality-sensitive hashing the signature is cut into [`BANDS`] bands of
//! [`ROWS_PER_BAND`] rows: documents that share a band key are candidates.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Number of hash functions in a signature.
pub const SIGNATURE_LEN: usize = 128;
/// Rows per LSH band. With 2 rows and 64 bands, a pair with Jaccard 0.3 becomes a candidate with
/// probability 0.998, and one with Jaccard 0.05 with probability 0.15.
pub const ROWS_PER_BAND: usize = 2;
/// Number of LSH bands.
pub const BANDS: usize = SIGNATURE_LEN / ROWS_PER_BAND;
const SHINGLE_WORDS: usize = 5;

/// The MinHash signature of one text, with the size of its shingle set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    pub mins: Vec<u64>,
    pub shingles: usize,
}

impl Signature {
    /// The signature of a text.
    pub fn of(text: &str) -> Signature {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut mins = vec![u64::MAX; SIGNATURE_LEN];
        let mut seen = std::collections::HashSet::new();
        let n = words
            .len()
            .saturating_sub(SHINGLE_WORDS - 1)
            .max(usize::from(!words.is_empty()));
        for i in 0..n {
            let shingle = words[i..(i + SHINGLE_WORDS).min(words.len())].join(" ");
            let base = xxh3_64_with_seed(shingle.as_bytes(), 0x5EED);
            if !seen.insert(base) {
                continue;
            }
            for (k, m) in mins.iter_mut().enumerate() {
                // A cheap family of hash functions: mix the base hash with a per-slot constant.
                let h = mix(base ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
                if h < *m {
                    *m = h;
                }
            }
        }
        Signature {
            mins,
            shingles: seen.len(),
        }
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.shingles == 0 || other.shingles == 0 {
            return 0.0;
        }
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / self.mins.len() as f64
    }

    /// Estimated share of the smaller text's shingles that the larger one also has.
    pub fn containment(&self, other: &Signature) -> f64 {
        let j = self.jaccard(other);
        let (a, b) = (self.shingles as f64, other.shingles as f64);
        if a == 0.0 || b == 0.0 {
            return 0.0;
        }
        let intersection = j * (a + b) / (1.0 + j);
        (intersection / a.min(b)).min(1.0)
    }

    /// The LSH band keys: one 64-bit key per band.
    pub fn band_keys(&self) -> Vec<i64> {
        self.mins
            .chunks(ROWS_PER_BAND)
            .enumerate()
            .map(|(band, rows)| {
                let mut bytes = Vec::with_capacity(8 * (ROWS_PER_BAND + 1));
                bytes.extend_from_slice(&(band as u64).to_le_bytes());
                for r in rows {
                    bytes.extend_from_slice(&r.to_le_bytes());
                }
                xxh3_64_with_seed(&bytes, 7) as i64
            })
            .collect()
    }

    /// Serialises the minima as little-endian bytes (for storage).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins.iter().flat_map(|m| m.to_le_bytes()).collect()
    }

    /// Reads minima written by [`Signature::to_bytes`].
    pub fn from_bytes(bytes: &[u8], shingles: usize) -> Option<Signature> {
        if bytes.len() != SIGNATURE_LEN * 8 {
            return None;
        }
        let mins = bytes
            .chunks(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
            .collect();
        Some(Signature { mins, shingles })
    }
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str =
        "Secretary-General Antonio Guterres raised the plight of an estimated 1 million \
        Uighurs incarcerated in re-education camps in China during a recent meeting with the \
        country's president, Xi Jinping, the United Nations said Monday. U.N. spokesman Stephane \
        Dujarric told reporters the U.N. chief told the Chinese leader that human rights must be \
        fully respected in the fight against terrorism and in the prevention of violent extremism.";

    #[test]
    fn identical_texts_agree_fully() {
        let a = Signature::of(STORY);
        assert_eq!(a.jaccard(&Signature::of(STORY)), 1.0);
        assert_eq!(a.band_keys(), Signature::of(STORY).band_keys());
    }

    #[test]
    fn typography_does_not_matter() {
        let b = STORY.replace('\'', "’").to_uppercase();
        assert_eq!(Signature::of(STORY).jaccard(&Signature::of(&b)), 1.0);
    }

    #[test]
    fn a_trimmed_copy_is_contained() {
        let half = &STORY[..STORY.len() / 2];
        let (a, b) = (Signature::of(STORY), Signature::of(half));
        assert!(a.jaccard(&b) < 0.8);
        assert!(a.containment(&b) > 0.7, "{}", a.containment(&b));
    }

    #[test]
    fn unrelated_texts_differ() {
        let other =
            "The weather in Geneva was mild on Tuesday, with light winds from the lake and \
            temperatures near twenty degrees, forecasters at the national service said.";
        assert!(Signature::of(STORY).jaccard(&Signature::of(other)) < 0.1);
    }

    #[test]
    fn bytes_round_trip() {
        let a = Signature::of(STORY);
        assert_eq!(Signature::from_bytes(&a.to_bytes(), a.shingles), Some(a));
    }
}

//! Scorers for chronicle's evaluations.
//!
//! [`seeds`] is a faithful port of `../shared/eval/score.py`: the same normalisation, matching
//! and counting, so `chronicle eval seeds` prints the numbers the Python scorer prints, and CI
//! can guard them without Python.

pub mod meantime;
pub mod plover;
pub mod seeds;

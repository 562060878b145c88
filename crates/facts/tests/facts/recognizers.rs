//! Recognizers-Text specs (added below).

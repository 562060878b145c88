//! Integration tests of chronicle-facts: one binary, one module per family.

mod claims;
mod entities;
mod events;
mod golden;
mod quotes;
mod recognizers;
mod time;

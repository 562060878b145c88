//! Fact types: entities, quotations, temporal expressions, numeric claims, events, calls to
//! action. Each carries the source span(s) of its evidence.

use crate::span::Span;
use serde::{Deserialize, Serialize};

/// One mention of an entity in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub span: Span,
}

/// An entity of one document with all its mentions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name (the longest proper-name mention).
    pub name: String,
    /// PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, LAW.
    #[serde(rename = "type")]
    pub kind: String,
    pub mentions: Vec<Mention>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A quotation or reported statement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The speaker as named in the article (resolved from pronouns and titles).
    pub speaker: Option<String>,
    /// Index into `Layers::entities` of the speaker, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_entity: Option<usize>,
    pub text: String,
    pub span: Span,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_span: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_span: Option<Span>,
}

/// A temporal expression with its TIMEX3 normalisation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    pub text: String,
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value (`2019-04-29`, `2019-W17`, `P5Y`, `2019-04-25/2019-04-27`), or none.
    pub value: Option<String>,
}

/// A numeric claim: a value or range, what it counts, its hedge and who asserts it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub text: String,
    pub span: Span,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub hedge: Option<String>,
    pub source: Option<String>,
}

/// Something that someone did to someone, at some time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub actor: Option<String>,
    /// One of the actions of the evaluation format (MAKE_STATEMENT, APPEAL, MEET, ...).
    pub action: String,
    pub target: Option<String>,
    pub date: Option<String>,
    pub evidence: String,
    pub span: Span,
}

/// A demand made by one party to another, and its later status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallToAction {
    pub by: Option<String>,
    pub to: Option<String>,
    pub demand: String,
    pub evidence: String,
    pub span: Span,
    /// The action that would meet the demand (`GRANT_ACCESS` for `grant access to Xinjiang`,
    /// `PUBLISH_REPORT` for `publish the report`), when the lexicon knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expects: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

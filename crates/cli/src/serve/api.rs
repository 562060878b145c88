//! The JSON API: `/api/...`. Listings answer `{"count": N, "items": [...]}` with the objects
//! the matching command prints with `--json`; errors answer `{"error": "..."}` with a 4xx/5xx
//! status.

use super::{blocking, cached, flag, given, json_lines, Failure, Paging, Shared};
use crate::{cmd_claims, cmd_docs, cmd_entities, cmd_events, cmd_people};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

/// A failure as the API answers it.
#[derive(Debug)]
pub(crate) struct ApiError(pub(crate) Failure);

impl From<Failure> for ApiError {
    fn from(f: Failure) -> ApiError {
        ApiError(f)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0.status, Json(json!({"error": self.0.message}))).into_response()
    }
}

type Answer = Result<Json<Value>, ApiError>;

/// A listing: `count` is the whole listing's length, `items` the part `offset`/`limit` ask
/// for (all of it by default).
fn listing(items: &[Value], paging: &Paging) -> Json<Value> {
    let range = paging.range(items.len(), usize::MAX);
    Json(json!({"count": items.len(), "offset": range.start, "items": &items[range]}))
}

/// What the API offers, for a reader who starts at `/api`.
pub(crate) async fn index() -> Json<Value> {
    Json(json!({
        "about": "chronicle's store as JSON. Listings answer {count, offset, items} and take offset= and limit= (all items by default). Every fact carries `doc` (the document id) and \
                  `start`/`end`: the byte range of its evidence in the original document.",
        "endpoints": {
            "GET /api/documents": "the documents with metadata and fact counts",
            "GET /api/documents/{ref}": "one document (number, id prefix or source path): metadata, clean text, alignment, layers, copies",
            "GET /api/documents/{ref}/source": "its original bytes",
            "GET /api/search?q=&limit=": "full-text search (SQLite FTS5 syntax); snippets mark hits with \\u0002 and \\u0003",
            "GET /api/quotes?speaker=": "quotations (chronicle quotes --json)",
            "GET /api/events?party=&action=&merge=": "events as a timeline (chronicle events --json)",
            "GET /api/calls?party=": "calls to action with their status (chronicle events --calls --json)",
            "GET /api/entities?name=&type=&min_docs=": "entities across documents; with name, their pages (chronicle entities --json)",
            "GET /api/claims?about=&by=&all=": "figures grouped by what they count, compared (chronicle claims --json)",
        }
    }))
}

/// The documents as `chronicle list --json` prints them.
pub(crate) fn documents_of(g: &crate::Global) -> Result<Vec<Value>, Failure> {
    let rows = cmd_docs::open(g)?.list()?;
    Ok(rows
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<Vec<_>, _>>()
        .map_err(anyhow::Error::from)?)
}

pub(crate) async fn documents(State(s): State<Shared>, Query(paging): Query<Paging>) -> Answer {
    let rows = cached(&s, "documents".to_string(), documents_of).await?;
    Ok(listing(&rows, &paging))
}

pub(crate) async fn document(State(s): State<Shared>, Path(reference): Path<String>) -> Answer {
    let value = blocking(&s, move |g| {
        let store = cmd_docs::open(g)?;
        let doc = store.get(&store.resolve(&reference)?)?;
        Ok(cmd_docs::document_json(&store, &doc)?)
    })
    .await?;
    Ok(Json(value))
}

/// The original bytes, as text (never rendered as a page: `nosniff`).
pub(crate) async fn source(
    State(s): State<Shared>,
    Path(reference): Path<String>,
) -> Result<Response, ApiError> {
    let (raw, encoding) = blocking(&s, move |g| {
        let store = cmd_docs::open(g)?;
        let doc = store.get(&store.resolve(&reference)?)?;
        Ok((doc.raw, doc.encoding))
    })
    .await?;
    let charset = if encoding.is_empty() {
        "utf-8".to_string()
    } else {
        encoding.to_lowercase()
    };
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                format!("text/plain; charset={charset}"),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        raw,
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub(crate) struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
}

pub(crate) async fn search(State(s): State<Shared>, Query(q): Query<SearchQuery>) -> Answer {
    let Some(query) = given(q.q) else {
        return Err(
            Failure::new(StatusCode::BAD_REQUEST, "give a query: /api/search?q=WORDS").into(),
        );
    };
    let limit = q.limit.unwrap_or(20).min(1000);
    let hits = blocking(&s, move |g| Ok(cmd_docs::open(g)?.search(&query, limit)?)).await?;
    Ok(listing(
        &hits
            .into_iter()
            .map(|(id, title, snippet)| json!({"id": id, "title": title, "snippet": snippet}))
            .collect::<Vec<_>>(),
        &Paging::default(),
    ))
}

#[derive(Debug, Deserialize)]
pub(crate) struct QuotesQuery {
    pub(crate) speaker: Option<String>,
}

pub(crate) fn quotes_of(g: &crate::Global, q: QuotesQuery) -> Result<Vec<Value>, Failure> {
    let args = cmd_people::QuotesArgs {
        speaker: given(q.speaker),
        json: true,
    };
    json_lines(|out| cmd_people::quotes(g, &args, out))
}

pub(crate) async fn quotes(
    State(s): State<Shared>,
    Query(q): Query<QuotesQuery>,
    Query(paging): Query<Paging>,
) -> Answer {
    Ok(listing(
        &cached(&s, format!("quotes {q:?}"), move |g| quotes_of(g, q)).await?,
        &paging,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct EventsQuery {
    pub(crate) party: Option<String>,
    pub(crate) action: Option<String>,
    pub(crate) merge: Option<String>,
}

pub(crate) fn events_of(
    g: &crate::Global,
    q: EventsQuery,
    calls: bool,
) -> Result<Vec<Value>, Failure> {
    let args = cmd_events::EventsArgs {
        party: given(q.party),
        action: given(q.action),
        calls,
        merge: flag(&q.merge),
        json: true,
    };
    json_lines(|out| cmd_events::events(g, &args, out))
}

pub(crate) async fn events(
    State(s): State<Shared>,
    Query(q): Query<EventsQuery>,
    Query(paging): Query<Paging>,
) -> Answer {
    Ok(listing(
        &cached(&s, format!("events, false {q:?}"), move |g| {
            events_of(g, q, false)
        })
        .await?,
        &paging,
    ))
}

pub(crate) async fn calls(
    State(s): State<Shared>,
    Query(q): Query<EventsQuery>,
    Query(paging): Query<Paging>,
) -> Answer {
    Ok(listing(
        &cached(&s, format!("events, true {q:?}"), move |g| {
            events_of(g, q, true)
        })
        .await?,
        &paging,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct EntitiesQuery {
    pub(crate) name: Option<String>,
    #[serde(rename = "type")]
    pub(crate) kind: Option<String>,
    /// Text, so that an emptied form field means the default rather than a rejected request.
    pub(crate) min_docs: Option<String>,
}

pub(crate) fn entities_of(g: &crate::Global, q: EntitiesQuery) -> Result<Vec<Value>, Failure> {
    let args = cmd_entities::EntitiesArgs {
        name: given(q.name),
        kind: given(q.kind).map(|k| k.to_uppercase()),
        min_docs: match given(q.min_docs) {
            None => 1,
            Some(v) => v.parse().map_err(|_| {
                Failure::new(
                    StatusCode::BAD_REQUEST,
                    format!("min_docs is a number of documents, not {v:?}"),
                )
            })?,
        },
        json: true,
    };
    json_lines(|out| cmd_entities::entities(g, &args, out))
}

pub(crate) async fn entities(
    State(s): State<Shared>,
    Query(q): Query<EntitiesQuery>,
    Query(paging): Query<Paging>,
) -> Answer {
    Ok(listing(
        &cached(&s, format!("entities {q:?}"), move |g| entities_of(g, q)).await?,
        &paging,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ClaimsQuery {
    pub(crate) about: Option<String>,
    pub(crate) by: Option<String>,
    pub(crate) all: Option<String>,
}

pub(crate) fn claims_of(g: &crate::Global, q: ClaimsQuery) -> Result<Vec<Value>, Failure> {
    let args = cmd_claims::ClaimsArgs {
        about: given(q.about),
        by: given(q.by),
        all: flag(&q.all),
        json: true,
    };
    json_lines(|out| cmd_claims::claims(g, &args, out))
}

pub(crate) async fn claims(
    State(s): State<Shared>,
    Query(q): Query<ClaimsQuery>,
    Query(paging): Query<Paging>,
) -> Answer {
    Ok(listing(
        &cached(&s, format!("claims {q:?}"), move |g| claims_of(g, q)).await?,
        &paging,
    ))
}

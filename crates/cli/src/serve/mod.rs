//! `chronicle serve`: the store over HTTP, as a JSON API under `/api` and as a web UI of plain
//! server-rendered pages (no script): the timeline, the calls to action, the entities and each
//! entity's page, the quotations, the figures compared across reports, full-text search, and
//! each document with its facts highlighted in its clean text or in its original bytes.
//!
//! Invariants:
//! - Read-only: the server never writes to the store; `chronicle ingest` may run beside it and
//!   each request sees the store as it is when the request starts.
//! - One answer for one question: the listings of the API are the JSON lines of the commands
//!   (`quotes`, `events`, `entities`, `claims` with `--json`), run on the same arguments, so the
//!   CLI, the API and the pages never disagree.
//! - Provenance: every fact on a page links to its byte span in its original document
//!   (`/documents/{id}#b{start}`), and the document page shows the span's bytes.
//! - Every text that comes from a document is HTML-escaped on output.

mod api;
mod html;
mod ui;

use crate::Global;
use anyhow::Context as _;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use serde_json::Value;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// Arguments of `chronicle serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one). Listening on an address other
    /// than 127.0.0.1 lets other machines read the store: there is no authentication.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

/// What every request handler shares: where the store is, and the listings already computed.
#[derive(Debug)]
pub(crate) struct AppState {
    global: Global,
    cache: Mutex<Cache>,
}

/// Listings computed for the store as it was at `version`; emptied when the store changes.
#[derive(Debug, Default)]
struct Cache {
    version: Option<(i64, i64, i64)>,
    listings: HashMap<String, Arc<Vec<Value>>>,
}

/// Most listings kept at once (each is a whole-store answer); past it the cache starts over.
const CACHED_LISTINGS: usize = 64;

pub(crate) type Shared = Arc<AppState>;

/// A request that could not be answered: its status and a message for the user.
#[derive(Debug)]
pub(crate) struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}"))
    }
}

impl From<chronicle_store::Error> for Failure {
    fn from(e: chronicle_store::Error) -> Failure {
        match e {
            chronicle_store::Error::NotFound(m) => Failure::new(StatusCode::NOT_FOUND, m),
            chronicle_store::Error::BadQuery(m) => Failure::new(
                StatusCode::BAD_REQUEST,
                format!("not a valid query ({m}); use words, \"exact phrases\", OR, NOT, prefix*"),
            ),
            e => Failure::from(anyhow::Error::from(e)),
        }
    }
}

/// Runs store work off the async workers (SQLite reads block).
pub(crate) async fn blocking<T: Send + 'static>(
    state: &Shared,
    work: impl FnOnce(&Global) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    blocking_state(state, move |st| work(&st.global)).await
}

async fn blocking_state<T: Send + 'static>(
    state: &Shared,
    work: impl FnOnce(&AppState) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || work(&state))
        .await
        .map_err(|e| Failure::from(anyhow::anyhow!("the request's worker failed: {e}")))?
}

/// A whole-store listing, computed once per state of the store: `key` names the listing and
/// its arguments. Listings read every document, so on a large store the first request pays
/// for the pages that follow.
pub(crate) async fn cached(
    state: &Shared,
    key: String,
    compute: impl FnOnce(&Global) -> Result<Vec<Value>, Failure> + Send + 'static,
) -> Result<Arc<Vec<Value>>, Failure> {
    blocking_state(state, move |st| {
        let version = Some(crate::cmd_docs::open(&st.global)?.version()?);
        let lock = || st.cache.lock().unwrap_or_else(|e| e.into_inner());
        {
            let mut cache = lock();
            if cache.version != version {
                cache.version = version;
                cache.listings.clear();
            }
            if let Some(hit) = cache.listings.get(&key) {
                return Ok(Arc::clone(hit));
            }
        }
        let rows = Arc::new(compute(&st.global)?);
        let mut cache = lock();
        if cache.version == version {
            if cache.listings.len() >= CACHED_LISTINGS {
                cache.listings.clear();
            }
            cache.listings.insert(key, Arc::clone(&rows));
        }
        Ok(rows)
    })
    .await
}

/// The objects a listing command writes as JSON lines, parsed back.
pub(crate) fn json_lines(
    run: impl FnOnce(&mut dyn std::io::Write) -> anyhow::Result<i32>,
) -> Result<Vec<serde_json::Value>, Failure> {
    let mut out = Vec::new();
    run(&mut out)?;
    let text = String::from_utf8(out).context("a listing wrote bytes that are not UTF-8")?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).context("a listing wrote a line that is not JSON"))
        .collect::<anyhow::Result<_>>()
        .map_err(Failure::from)
}

/// Which part of a listing to answer: `offset` (from 0) and `limit` (how many).
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct Paging {
    pub(crate) offset: Option<usize>,
    pub(crate) limit: Option<usize>,
}

impl Paging {
    /// The range of a listing of `total` items this page holds.
    pub(crate) fn range(&self, total: usize, default_limit: usize) -> std::ops::Range<usize> {
        let start = self.offset.unwrap_or(0).min(total);
        let limit = self.limit.unwrap_or(default_limit).max(1);
        start..start.saturating_add(limit).min(total)
    }
}

/// A query parameter as the commands want it: an empty form field is no filter.
pub(crate) fn given(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A flag parameter: present and not `0`/`false`/`off` (an HTML checkbox sends `on`).
pub(crate) fn flag(value: &Option<String>) -> bool {
    value
        .as_deref()
        .is_some_and(|v| !matches!(v.trim(), "" | "0" | "false" | "off" | "no"))
}

/// The routes of the API and of the pages.
pub(crate) fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(ui::overview))
        .route("/documents/{doc}", get(ui::document))
        .route("/timeline", get(ui::timeline))
        .route("/calls", get(ui::calls))
        .route("/entities", get(ui::entities))
        .route("/entities/{name}", get(ui::entity))
        .route("/quotes", get(ui::quotes))
        .route("/claims", get(ui::claims))
        .route("/search", get(ui::search))
        .route("/api", get(api::index))
        .route("/api/documents", get(api::documents))
        .route("/api/documents/{doc}", get(api::document))
        .route("/api/documents/{doc}/source", get(api::source))
        .route("/api/search", get(api::search))
        .route("/api/quotes", get(api::quotes))
        .route("/api/events", get(api::events))
        .route("/api/calls", get(api::calls))
        .route("/api/entities", get(api::entities))
        .route("/api/claims", get(api::claims))
        .fallback(fallback)
        .with_state(state)
}

/// Unknown paths: a JSON error under `/api`, a page elsewhere.
async fn fallback(uri: axum::http::Uri) -> axum::response::Response {
    let failure = Failure::new(StatusCode::NOT_FOUND, format!("nothing at {}", uri.path()));
    if uri.path().starts_with("/api") {
        axum::response::IntoResponse::into_response(api::ApiError(failure))
    } else {
        axum::response::IntoResponse::into_response(ui::PageError(failure))
    }
}

/// One line per request on standard error: method, path, status, milliseconds.
async fn log_request(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let method = request.method().clone();
    let uri = request.uri().clone();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    eprintln!(
        "{method} {uri} {} {:.1} ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1e3
    );
    response
}

pub fn run(global: &Global, args: &ServeArgs) -> anyhow::Result<i32> {
    // No store is a mistake to report now, not on the first request.
    let documents = crate::cmd_docs::open(global)?.count_documents()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        // The address is the result (port 0 picks one): on standard output, flushed.
        {
            use std::io::Write as _;
            let mut out = std::io::stdout().lock();
            writeln!(out, "http://{local}/")?;
            out.flush()?;
        }
        if !global.quiet {
            eprintln!(
                "chronicle: serving {documents} document(s) from {} — pages at http://{local}/, \
                 JSON at http://{local}/api; Ctrl-C stops",
                global.data_dir.display()
            );
        }
        let state = Arc::new(AppState {
            global: global.clone(),
            cache: Mutex::default(),
        });
        let mut app = router(state);
        if !global.quiet {
            app = app.layer(axum::middleware::from_fn(log_request));
        }
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("the server stopped")?;
        Ok(0)
    })
}

//! `policegraph serve`: the store over HTTP, read-only. A SPARQL 1.1 Protocol endpoint at
//! `/sparql` and Graph Store Protocol reads at `/store` ([`protocol`]), and server-rendered
//! pages where a person who does not write SPARQL looks an officer, a unit or an article up
//! ([`pages`]). Beside the SPARQL views and DOT, the last arrow of the data flow.
//!
//! The server holds a reader's lock on the store for as long as it runs (as `query` does for
//! one query): the store cannot change under it, so the search index it builds at start stays
//! true, and an `ingest` waits until the server stops.

mod data;
mod pages;
mod protocol;
mod search;
mod service;

use crate::error::Error;
use crate::sparql::TimeLimit;
use crate::store::GraphStore;
use axum::Router;
use axum::http::Method;
use axum::routing::get;
use search::SearchIndex;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// How the server was asked to run.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub store: PathBuf,
    pub bind: SocketAddr,
    /// The time limit of each query, the endpoint's and the pages'.
    pub timeout: TimeLimit,
    /// The most rows the query page shows (its downloads have them all).
    pub page_rows: usize,
    /// Whether a query's SERVICE calls other SPARQL endpoints (`--allow-service`); refused if not.
    pub allow_service: bool,
}

/// What every request handler shares.
pub(crate) struct Shared {
    store: GraphStore,
    timeout: TimeLimit,
    page_rows: usize,
    allow_service: bool,
    index: SearchIndex,
    /// The store's drawable graph, read at the first article page that draws it.
    drawing: OnceLock<Result<crate::dot::Drawing, String>>,
}

type State = Arc<Shared>;

/// Opens the store, builds the search index, listens on `config.bind` and serves until Ctrl-C
/// or SIGTERM; the address it listens on is printed on stdout once it does.
pub fn serve(config: ServeConfig) -> Result<(), Error> {
    let store = GraphStore::open_read_only(&config.store)?;
    let index = SearchIndex::build(&store, config.timeout)?;
    let shared = Arc::new(Shared {
        store,
        timeout: config.timeout,
        page_rows: config.page_rows,
        allow_service: config.allow_service,
        index,
        drawing: OnceLock::new(),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Serve {
            address: config.bind.to_string(),
            source,
        })?;
    runtime.block_on(listen(config, shared))
}

async fn listen(config: ServeConfig, shared: State) -> Result<(), Error> {
    let serve_error = |source| Error::Serve {
        address: config.bind.to_string(),
        source,
    };
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(serve_error)?;
    let address = listener.local_addr().map_err(serve_error)?;
    announce(&config, address).map_err(serve_error)?;
    axum::serve(listener, router(shared))
        .with_graceful_shutdown(stop_signal())
        .await
        .map_err(serve_error)
}

/// The routes.
fn router(shared: State) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/query", get(pages::query_page))
        .route("/id/{*path}", get(pages::entity))
        .route("/article-graph/{*path}", get(pages::article_graph))
        .route("/style.css", get(pages::style))
        .route(
            "/sparql",
            get(protocol::sparql_get)
                .post(protocol::sparql_post)
                .fallback(|method: Method| async move {
                    protocol::method_not_allowed(&method, "/sparql", "GET, HEAD, POST")
                }),
        )
        .route(
            "/store",
            get(protocol::graph_store).fallback(|method: Method| async move {
                protocol::method_not_allowed(&method, "/store", "GET, HEAD")
            }),
        )
        .fallback(pages::not_found)
        .with_state(shared)
}

/// Says where the server listens, on stdout (a script reads the port from it when it asked for
/// port 0).
fn announce(config: &ServeConfig, address: SocketAddr) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "policegraph: serving {} at http://{address}/ (SPARQL at http://{address}/sparql); Ctrl-C stops",
        config.store.display()
    )?;
    out.flush()
}

/// Resolves at Ctrl-C or SIGTERM; requests under way are finished before the server stops.
async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

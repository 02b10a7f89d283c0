//! The binary crate's one error type: the extraction crate's errors (reading articles, the
//! reference data) and those of the store, SPARQL and output, each holding its typed cause.
//! Each renders as the single line the user sees after `policegraph: `, the file, query or
//! store first.

use oxigraph::io::RdfSyntaxError;
use oxigraph::model::IriParseError;
use oxigraph::sparql::{QueryEvaluationError, SparqlSyntaxError};
use oxigraph::store::{LoaderError, StorageError};
use std::path::PathBuf;
use std::sync::Arc;

/// Everything that can go wrong in policegraph's commands.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or extracting an article, or the reference data.
    #[error(transparent)]
    Extract(#[from] policegraph_extract::error::Error),
    /// The server could not start or stopped on an error (binding its address, most often).
    #[error("serve {address}: {source}")]
    Serve {
        address: String,
        #[source]
        source: std::io::Error,
    },
    /// Graphviz failed to draw a page's graph.
    #[error("dot -Tsvg: {source}")]
    Graphviz {
        #[source]
        source: std::io::Error,
    },
    /// A query argument that is no file and does not look like a query.
    #[error("cannot read {path}: no such file (and not a SPARQL query)")]
    NoQueryFile { path: PathBuf },
    /// A query file that cannot be read.
    #[error("cannot read {path}: {source}")]
    ReadQuery {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An RDF file that does not parse; nothing of it is loaded.
    #[error("{location}: {source}")]
    BadRdf {
        location: String,
        #[source]
        source: RdfSyntaxError,
    },
    /// An RDF file whose extension names no syntax policegraph reads.
    #[error("{location}: not an RDF syntax policegraph reads")]
    UnknownRdfSyntax { location: String },
    /// `extract` was given an RDF file.
    #[error("{location}: RDF files are loaded by `ingest`, not extracted")]
    RdfNotExtracted { location: String },
    /// An article whose transaction failed, with the articles of the same batch.
    #[error("{location}: not stored: {source}")]
    NotStored {
        location: String,
        #[source]
        source: Arc<Error>,
    },
    /// A bulk load whose commit failed: none of its articles are in the store.
    #[error("store (bulk load): {articles} articles not stored: {source}")]
    BulkLoad {
        articles: usize,
        #[source]
        source: Box<Error>,
    },
    /// A line of a decisions file (`policegraph resolve`) that cannot be recorded.
    #[error("{location}: {problem}")]
    Decision {
        location: String,
        #[source]
        problem: crate::commands::DecisionProblem,
    },
    #[error("store {path}: not a directory")]
    StoreNotADirectory { path: PathBuf },
    #[error("store {path}: not a policegraph store (a directory with other files in it)")]
    NotAStore { path: PathBuf },
    #[error("store {path}: no store here (run `policegraph ingest` first)")]
    NoStore { path: PathBuf },
    #[error("store {path}: locked by another process (another ingest or optimize is writing it)")]
    StoreLocked {
        path: PathBuf,
        #[source]
        source: Option<StorageError>,
    },
    /// A lock file of the store that cannot be opened or locked.
    #[error("store lock {path}: {source}")]
    StoreLockFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The store's files are damaged (RocksDB reports a corruption or a file it cannot read).
    #[error(
        "store {path} is damaged ({source}); rebuild it: move it aside and ingest the articles again, or ingest an export of it into a new store (see README, \"A damaged store\")"
    )]
    StoreDamaged {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A store written anew could not be put in the old one's place; the old one is kept.
    #[error(
        "store {path}: the store written anew beside it could not take its place ({source}); the store is as it was before this run: run `ingest` again"
    )]
    RebuildNotPlaced {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The store directory cannot be listed.
    #[error("store {path}: {source}")]
    StoreDirectory {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("store {path}: {source}")]
    Store {
        path: PathBuf,
        #[source]
        source: StorageError,
    },
    /// The ontology or reference data shipped in the binary does not load.
    #[error("{origin}: invalid reference data: {source}")]
    Ontology {
        origin: &'static str,
        #[source]
        source: LoaderError,
    },
    /// A query that does not parse, with its line and column.
    #[error("query {query}: {}", readable_syntax_error(source))]
    QuerySyntax {
        query: String,
        #[source]
        source: SparqlSyntaxError,
    },
    /// An update (INSERT, DELETE, LOAD, CLEAR...) given to `query`.
    #[error(
        "query {query}: updates are not supported (policegraph changes the store only by `ingest`)"
    )]
    UpdateNotSupported { query: String },
    /// A query that failed as it ran.
    #[error("query {query}: {source}")]
    Query {
        query: String,
        #[source]
        source: QueryEvaluationError,
    },
    /// A query stopped by its time limit (`--timeout`).
    #[error(
        "query {query}: stopped after the time limit of {limit} (raise it with --timeout SECONDS)"
    )]
    QueryTimeout { query: String, limit: String },
    /// A `--bind` the query cannot take: a variable it computes, or does not have.
    #[error("query {query}: --bind {variable}: {reason}")]
    Bind {
        query: String,
        variable: String,
        reason: String,
    },
    /// A `--format` the query's results cannot be written in.
    #[error(
        "query {query}: {form} gives {gives}, which --format {format} cannot write; use {possible}"
    )]
    FormatMismatch {
        query: String,
        form: &'static str,
        gives: &'static str,
        format: String,
        possible: String,
    },
    /// An output file whose extension names no RDF syntax policegraph writes.
    #[error(
        "{path}: .{extension} is no RDF syntax policegraph writes (it writes {known}); name one with --format"
    )]
    UnknownOutputExtension {
        path: PathBuf,
        extension: String,
        known: String,
    },
    #[error("dot --focus {name}: no person or organisation has that name{}",
        article.as_ref().map(|a| format!(" in the article {a}")).unwrap_or_default())]
    FocusNotFound {
        name: String,
        article: Option<String>,
    },
    /// A focus name several people or organisations have (listed on stderr before this line).
    #[error(
        "dot --focus {name}: {count} people or organisations match (listed above); choose one \
         with --focus-iri IRI, or narrow with --article URL"
    )]
    FocusAmbiguous { name: String, count: usize },
    #[error("dot --focus-iri {iri}: no person or organisation has that IRI")]
    FocusIriNotFound { iri: String },
    #[error("dot --article {article}: no article with that URL, IRI or file in the store")]
    FocusArticleNotFound { article: String },
    /// A drawing with more nodes than `--max-nodes`: Graphviz would take minutes over it.
    #[error(
        "dot: {} has {nodes} nodes and {links} links, more than --max-nodes {limit} (past \
         which Graphviz slows sharply and no one can read the drawing); {}",
        if *focused { "the drawing" } else { "the whole graph" },
        if *focused {
            format!("draw fewer steps with --depth, or raise the limit with --max-nodes {nodes}")
        } else {
            format!("draw one person or organisation with --focus NAME, or raise the limit \
                     with --max-nodes {nodes}")
        }
    )]
    DrawingTooLarge {
        nodes: usize,
        links: usize,
        limit: usize,
        focused: bool,
    },
    /// A prefix of `vocab::PREFIXES` that the RDF writer refuses.
    #[error("prefix {prefix}: {source}")]
    Prefix {
        prefix: String,
        #[source]
        source: IriParseError,
    },
    /// An `-o` file that is read-only: it is not replaced.
    #[error("cannot write {path}: the file is read-only (make it writable or choose another name)")]
    ReadOnlyOutput { path: PathBuf },
    /// `push` without a remote (`--to` or `--update`).
    #[error(
        "push: give the remote store with --to URL (Graph Store Protocol) or --update URL (SPARQL Update)"
    )]
    NoRemote,
    /// A push that stopped at a graph the remote did not take; the graphs before it are there
    /// and remembered, and the next push goes on from them.
    #[error(
        "push to {url}: stopped at graph <{graph}> ({sent} graphs sent before it, and remembered): {source}"
    )]
    Push {
        url: String,
        graph: String,
        sent: usize,
        #[source]
        source: Box<crate::remote::RemoteError>,
    },
    /// The file that remembers what was pushed where.
    #[error("cannot write {path}: {source}")]
    PushState {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A query sent to a remote SPARQL endpoint that did not answer it.
    #[error("query {query} at {url}: {source}")]
    RemoteQuery {
        query: String,
        url: String,
        #[source]
        source: Box<crate::remote::RemoteError>,
    },
    /// `--user` without a password to go with it.
    #[error(
        "--user {user}: no password: set POLICEGRAPH_PASSWORD, or run on a terminal to be asked ({reason})"
    )]
    NoPassword { user: String, reason: String },
    /// Writing output: `stdout` or the file given with `-o`.
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Whether this is a write to a reader that stopped reading (`| head`), which is not a
    /// failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Write { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// A SPARQL syntax error as a person can read it: the position, and the parser's list of
/// expected tokens only when it is short. (The parser's error has no accessor for its
/// position: this rewrites its message, for display only.)
fn readable_syntax_error(error: &SparqlSyntaxError) -> String {
    let message = error.to_string();
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((position, expected)) = message.split_once(": expected one of ") else {
        return message;
    };
    if expected.contains("Prefix not found") {
        return format!("{position}: undeclared prefix (add a PREFIX line)");
    }
    if expected.len() > 100 {
        return format!("{position}: unexpected text here");
    }
    format!("{position}: expected one of {expected}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn a_write_error_keeps_its_io_error_as_its_source() {
        let error = Error::Write {
            path: "stdout".into(),
            source: std::io::Error::from(std::io::ErrorKind::BrokenPipe),
        };
        assert!(error.is_broken_pipe());
        let source = error
            .source()
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .map(std::io::Error::kind);
        assert_eq!(source, Some(std::io::ErrorKind::BrokenPipe));
        assert!(error.to_string().starts_with("cannot write stdout: "));
    }

    #[test]
    fn a_query_syntax_error_keeps_the_parser_error_and_names_the_position() {
        let parsed =
            oxigraph::sparql::SparqlEvaluator::new().parse_query("SELECT ?x WHERE { ?x ?y }");
        let Err(source) = parsed else {
            panic!("the query parsed");
        };
        let error = Error::QuerySyntax {
            query: "(inline)".into(),
            source,
        };
        assert!(
            error
                .source()
                .is_some_and(|s| s.downcast_ref::<SparqlSyntaxError>().is_some())
        );
        assert_eq!(
            error.to_string(),
            "query (inline): error at 1:26: expected one of LATERAL, SERVICE, [_]"
        );
    }

    #[test]
    fn an_extraction_error_is_transparent() {
        let inner = policegraph_extract::error::Error::NoArticles {
            path: "drafts".into(),
        };
        let message = inner.to_string();
        let error = Error::from(inner);
        assert_eq!(error.to_string(), message);
        assert!(!error.is_broken_pipe());
    }
}

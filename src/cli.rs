//! The command line: clap derive structs. Each `///` is the option's `--help`; the `--format`
//! names and their formats are [`crate::formats`]'.

pub use crate::formats::{QueryOutput, RdfOutput};
use crate::sparql::TimeLimit;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Builds a knowledge graph of police misconduct cases from news articles and press releases:
/// who did what, where they served, who investigated and what the hearing decided, each fact
/// traceable to the sentence it came from.
#[derive(Debug, Parser)]
#[command(name = "policegraph", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract facts from articles and add them to the store (re-ingesting an unchanged
    /// article changes nothing; a changed one replaces its own facts)
    ///
    /// A run that changes at least half of the stored articles writes the store anew in
    /// STORE.rebuilding, beside it, and puts it in the old one's place when done: it needs room
    /// for a second store meanwhile, and a run killed before the end leaves the old store as
    /// it was.
    Ingest(IngestArgs),
    /// Extract facts from articles and print them as RDF, without a store
    Extract(ExtractArgs),
    /// Run a SPARQL query (a .rq file or an inline query) over the store
    Query(QueryArgs),
    /// Write the whole store, ontology included, as RDF
    Export(ExportArgs),
    /// Draw the graph (or the neighbourhood of one person or organisation) as Graphviz DOT
    Dot(DotArgs),
    /// Compact the store after a large ingest, so that queries run fast (takes a while)
    Optimize(StoreArg),
    /// Record decisions on who is who: which person nodes of one name are one person and which
    /// are not (kept across re-ingest; see queries/ambiguous.rq)
    Resolve(ResolveArgs),
    /// Read the whole store to find damage (a truncated or missing file, a bad block); exits 1
    /// and says what to do if it finds any
    Check(StoreArg),
    /// Send the store to a shared triplestore (SPARQL 1.1 Graph Store Protocol or Update), each
    /// article in its own named graph; only what changed since the last push to the same URL
    Push(PushArgs),
    /// Serve the store over HTTP, read-only: a SPARQL endpoint (/sparql), graph reads (/store)
    /// and pages to look people, organisations and articles up. Holds the store for reading
    /// while it runs: an ingest waits until it stops
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Address to listen on (port 0 picks a free port). Only this machine can connect unless
    /// you give another interface, e.g. 0.0.0.0:7878
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Stop a query (the endpoint's or a page's) with an error when it has run this many seconds
    #[arg(long, value_name = "SECONDS", default_value = "30")]
    pub timeout: TimeLimit,
    /// The most result rows the query page shows (its CSV and JSON downloads have them all);
    /// an organisation's page lists at most this many (and at most 100) of its people,
    /// proceedings and investigations a page
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub page_rows: usize,
    /// Let a query's SERVICE <http...> call other SPARQL endpoints (off: SERVICE is refused).
    /// Risk: the server then sends HTTP requests to whatever http or https address a query
    /// names, from this machine, so anyone who can query it can make it reach hosts on your
    /// network that they cannot reach themselves. Turn it on only where every client is trusted
    #[arg(long)]
    pub allow_service: bool,
}

#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// A file of decisions, one a line: `same IRI IRI` or `different IRI IRI` (the IRIs as
    /// queries/ambiguous.rq gives them; `#` starts a comment). A later decision on a pair
    /// replaces an earlier one; a file with a bad line records nothing
    #[arg(value_name = "FILE")]
    pub decisions: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct StoreArg {
    /// Store directory (created if missing)
    #[arg(long, env = "POLICEGRAPH_STORE", default_value = "policegraph.db")]
    pub store: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Articles: .txt files, saved web pages (.html, .htm), .jsonl files (one article per line:
    /// text and/or html, url, title, published, source), RDF files (.ttl, .nt, .nq, .trig)
    /// loaded as they are, folders (searched recursively), or - for stdin
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print nothing but errors
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print a line for every article
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = RdfOutput::Turtle)]
    pub format: RdfOutput,
    /// Articles, as for ingest
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Output format: table, csv, tsv, json or xml for SELECT and ASK (default: table on a
    /// terminal, csv otherwise); an RDF syntax for CONSTRUCT and DESCRIBE (default: turtle). A
    /// format the query's results cannot take is an error
    #[arg(long, value_enum)]
    pub format: Option<QueryOutput>,
    /// Keep only the results where variable VAR has this value (repeatable). VALUE is a plain
    /// literal, or an IRI written <https://...>. A variable the query only tests in a FILTER
    /// (as ?officer in queries/timeline.rq) takes the value; one the query computes (BIND, AS)
    /// or does not have is an error
    #[arg(long, value_name = "VAR=VALUE", value_parser = parse_binding)]
    pub bind: Vec<(String, String)>,
    /// Stop the query, with an error, when it has run this many seconds (results written so
    /// far included)
    #[arg(long, value_name = "SECONDS", default_value = "60")]
    pub timeout: TimeLimit,
    /// Run the query at this SPARQL endpoint (SPARQL 1.1 Protocol) instead of over the store;
    /// its default graph should be the union of its graphs, as after `policegraph push`
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// With --endpoint: log in as this user (password as for push)
    #[arg(long, value_name = "NAME", requires = "endpoint")]
    pub user: Option<String>,
    /// A file holding the query (e.g. queries/people.rq), or the query itself
    #[arg(value_name = "QUERY")]
    pub query: String,
}

fn parse_binding(arg: &str) -> Result<(String, String), String> {
    let (name, value) = arg
        .split_once('=')
        .ok_or_else(|| format!("expected VAR=VALUE, got {arg:?}"))?;
    let name = name.trim().trim_start_matches(['?', '$']);
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Err(format!("{name:?} is not a SPARQL variable name"));
    }
    Ok((name.to_owned(), value.to_owned()))
}

#[derive(Debug, clap::Args)]
pub struct PushArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// The remote's Graph Store Protocol endpoint: each graph is PUT to URL?graph=IRI, which
    /// replaces it (Oxigraph: http://HOST:7878/store; Virtuoso: http://HOST:8890/sparql-graph-crud-auth).
    /// To Oxigraph's server, graphs it does not hold yet go many a request through its bulk
    /// loader (POST URL?no_transaction, N-Quads)
    #[arg(
        long,
        value_name = "URL",
        required_unless_present = "update",
        conflicts_with = "update"
    )]
    pub to: Option<String>,
    /// The remote's SPARQL Update endpoint, for stores without the Graph Store Protocol: each
    /// graph is replaced by DROP SILENT GRAPH and INSERT DATA
    #[arg(long, value_name = "URL")]
    pub update: Option<String>,
    /// Send every graph, not only those changed since the last push to this URL
    #[arg(long)]
    pub all: bool,
    /// Log in as this user; the password comes from the POLICEGRAPH_PASSWORD environment
    /// variable, else is asked for on the terminal
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Requests in flight at once
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
    /// Give up on a request (after retries) that has not completed in this many seconds
    #[arg(long, value_name = "SECONDS", default_value = "120")]
    pub timeout: TimeLimit,
    /// Print nothing but errors
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Output format [default: from the --output file's extension (.ttl .nt .nq .trig .jsonld
    /// .rdf; another extension is an error), else turtle]
    #[arg(long, value_enum)]
    pub format: Option<RdfOutput>,
    /// Write to this file instead of stdout (replaced only when the export succeeds)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DotArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Draw only the neighbourhood of the person or organisation with this name (case does not
    /// matter; a unique part of the name is enough). If several have it, they are listed with
    /// their IRIs and kinds: choose one with --focus-iri, or with --article
    #[arg(long, value_name = "NAME", conflicts_with = "focus_iri")]
    pub focus: Option<String>,
    /// With --focus: take the one named in this article (its URL, IRI or file)
    #[arg(long, value_name = "URL", requires = "focus")]
    pub article: Option<String>,
    /// Draw only the neighbourhood of the person or organisation with this IRI (as --focus lists
    /// them)
    #[arg(long, value_name = "IRI")]
    pub focus_iri: Option<String>,
    /// How many steps from the focus to draw; organisations other than the focus (a force, the
    /// IOPC) are drawn but not walked through, nor is anyone with more than a dozen links
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub depth: usize,
    /// Refuse to draw more nodes than this: Graphviz takes minutes over larger drawings, and no
    /// one can read them
    #[arg(long, default_value_t = crate::dot::DEFAULT_MAX_NODES, value_name = "N")]
    pub max_nodes: usize,
    /// Write to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

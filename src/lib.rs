//! policegraph builds a knowledge graph of police misconduct cases from news articles and
//! police press releases, and keeps it in an embedded Oxigraph store.
//!
//! The data flow runs one way:
//!
//! ```text
//! article file -> clean text -> sentences -> mentions -> entities -> facts (+ evidence)
//!              -> quads in the article's named graph -> store (one transaction)
//!              -> SPARQL views in queries/ | Turtle and other RDF | DOT
//! ```
//!
//! Everything up to the quads is the `policegraph-extract` crate (re-exported here), which builds
//! without the store; this crate adds:
//!
//! - [`cli`]: the command line's arguments
//! - [`commands`]: one function per command, behind [`commands::run`]
//! - [`error`]: the one error type, wrapping the extraction crate's
//! - [`formats`]: the RDF syntaxes and results formats, by `--format` name and file extension
//! - [`store`]: the Oxigraph store
//! - [`pipeline`]: ingest and extract over many files, in parallel
//! - [`sparql`]: queries parsed, bound (`--bind`) and run under a time limit
//! - [`results`]: SPARQL results as tables, CSV, JSON..., graphs as RDF
//! - [`dot`]: the graph as Graphviz DOT
//! - [`remote`]: a shared triplestore over the W3C protocols (`push`, `query --endpoint`)
//! - [`serve`]: the SPARQL endpoint and the pages, over HTTP

pub use policegraph_extract::{concepts, extract, facts, input, rdf, reference, text, vocab};

pub mod cli;
pub mod commands;
pub mod dot;
pub mod error;
pub mod formats;
pub mod pipeline;
pub mod remote;
pub mod results;
pub mod serve;
pub mod sparql;
pub mod store;

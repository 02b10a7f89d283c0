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
//! - [`input`]: finding and reading articles
//! - [`text`]: cleaning, sentences, dates
//! - [`extract`]: gazetteer, people, organisations, case facts
//! - [`facts`]: the extractor's output, plain data
//! - [`rdf`]: facts -> quads with stable IRIs and provenance
//! - [`store`]: the Oxigraph store
//! - [`pipeline`]: ingest and extract over many files, in parallel
//! - [`results`]: SPARQL results as tables, CSV, JSON...
//! - [`dot`]: the graph as Graphviz DOT
//! - [`reference`], [`vocab`]: the ontology's reference data and IRIs

pub mod dot;
pub mod error;
pub mod extract;
pub mod facts;
pub mod input;
pub mod pipeline;
pub mod rdf;
pub mod reference;
pub mod results;
pub mod store;
pub mod text;
pub mod vocab;

/// Compiles one of the crate's constant patterns. Each is forced by a unit test, so a bad
/// pattern fails in CI rather than at a user's desk.
#[expect(
    clippy::expect_used,
    reason = "patterns are constants, each forced by a unit test"
)]
pub(crate) fn regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).expect("a constant pattern compiles")
}

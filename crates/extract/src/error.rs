//! The extraction crate's one error type: reading articles and the reference data. Each variant
//! names the file or line it is about, holds its typed cause where there is one, and renders as
//! the single line the user sees after `policegraph: `. (The store's, SPARQL's and output's
//! errors are the top crate's.)

use std::path::PathBuf;

/// Everything that can go wrong reading articles and reference data.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file, folder or stdin that cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Something that is not a regular file where an article was to be read (a FIFO, a socket,
    /// a device): reading it could wait for ever or never end.
    #[error("cannot read {path}: not a regular file ({what})")]
    NotAFile { path: PathBuf, what: &'static str },
    /// An article (a file, stdin, or a line of a JSON Lines file) over the size limit.
    #[error("{location}: article larger than the limit of {limit} bytes, not read")]
    TooLarge { location: String, limit: usize },
    /// A path the user gave that does not exist.
    #[error("cannot read {path}: no such file or folder")]
    Missing { path: PathBuf },
    /// A folder with no file policegraph reads.
    #[error(
        "{path}: no articles found (looked for .txt, .jsonl, .html, .htm, .ttl, .nt, .nq, .trig)"
    )]
    NoArticles { path: PathBuf },
    /// An article (a file, or a line of a JSON Lines file) that is not UTF-8.
    #[error("{location}: not UTF-8 at byte {}", source.valid_up_to())]
    NotUtf8 {
        location: String,
        #[source]
        source: std::str::Utf8Error,
    },
    #[error("{location}: empty file")]
    EmptyFile { location: String },
    #[error("{location}: binary file (NUL byte at {offset})")]
    BinaryFile { location: String, offset: usize },
    /// A line of a JSON Lines file that is not a JSON article.
    #[error("{location}: malformed JSON: {source}")]
    MalformedJson {
        location: String,
        #[source]
        source: serde_json::Error,
    },
    /// A JSON article without text.
    #[error("{location}: empty \"text\"")]
    EmptyText { location: String },
    /// A JSON article with neither `text` nor `html`.
    #[error("{location}: no \"text\" or \"html\" field")]
    NoTextField { location: String },
    /// A web page (a file, or the `html` of a JSON article) with no article text outside its
    /// markup, scripts and site chrome.
    #[error("{location}: no article text in the page (only markup, scripts or site chrome)")]
    NoPageText { location: String },
    /// Reference data that is not Turtle.
    #[error("{origin}: invalid reference data: {source}")]
    ReferenceSyntax {
        origin: String,
        #[source]
        source: oxttl::TurtleSyntaxError,
    },
    /// Reference data whose concepts disagree with the ones the code names.
    #[error("{origin}: invalid reference data: {problem}")]
    ReferenceConcept {
        origin: String,
        problem: ConceptProblem,
    },
    /// Reference data with more labels than the gazetteer's automata can hold.
    #[error("reference data: too many labels to match: {source}")]
    Gazetteer {
        #[source]
        source: aho_corasick::BuildError,
    },
}

/// How reference data disagrees with the concepts the code names (`crate::concepts`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConceptProblem {
    /// A concept of a scheme the code handles one by one, which the code does not know.
    #[error("{iri} is not a concept the extractor knows")]
    Unknown { iri: String },
    /// A concept the code names, missing from the reference data.
    #[error("{iri} is missing")]
    Missing { iri: String },
}

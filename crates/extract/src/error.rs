//! The library's one error type: each variant names the file, query or store it is about, and
//! renders as the single line the user sees after `policegraph: `.

use std::path::PathBuf;

/// Everything that can go wrong in policegraph's library code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {cause}")]
    Read { path: PathBuf, cause: String },
    #[error("{path}: not UTF-8 at byte {offset}")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: {cause}")]
    BadArticle { path: String, cause: String },
    #[error("{path}: no articles found (looked for .txt, .jsonl, .ttl, .nt, .nq, .trig)")]
    NoArticles { path: PathBuf },
    #[error("{path}: {cause}")]
    BadRdf { path: String, cause: String },
    #[error("{origin}: invalid reference data: {cause}")]
    Reference { origin: String, cause: String },
    #[error("store {path}: {cause}")]
    Store { path: PathBuf, cause: String },
    #[error("query {query}: {cause}")]
    Query { query: String, cause: String },
    #[error("cannot write {path}: {cause}")]
    Write { path: String, cause: String },
}

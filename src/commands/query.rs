//! `policegraph query`: a SPARQL query, from a file or the command line, over the store.

use super::Outcome;
use super::output::stdout_error;
use crate::cli::QueryArgs;
use crate::error::Error;
use crate::results::{ResultsFormat, write_results};
use crate::store::GraphStore;
use oxigraph::sparql::results::QueryResultsFormat;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Runs the query of `args` and writes its results to stdout: a table on a terminal, CSV
/// otherwise, unless `--format` says.
pub(super) fn query(args: QueryArgs) -> Result<Outcome, Error> {
    let (sparql, name) = read_query(&args.query)?;
    let store = GraphStore::open_read_only(&args.store.store)?;
    let results = store.query_with(&sparql, &name, &args.bind)?;
    let format = match args.format {
        Some(format) => ResultsFormat::from(format),
        None if std::io::stdout().is_terminal() => ResultsFormat::Table,
        None => ResultsFormat::W3c(QueryResultsFormat::Csv),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_results(results, format, &mut out, &name)?;
    out.flush().map_err(stdout_error)?;
    Ok(Outcome::Success)
}

/// A query argument: the file it names, or the query itself, with the name errors give it. A
/// single word that names no file is a missing file, not a query.
fn read_query(arg: &str) -> Result<(String, String), Error> {
    let path = Path::new(arg);
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|source| Error::ReadQuery {
            path: path.into(),
            source,
        })?;
        return Ok((text, arg.to_owned()));
    }
    if !arg.trim().contains(char::is_whitespace) && !arg.contains('{') {
        return Err(Error::NoQueryFile { path: path.into() });
    }
    Ok((arg.to_owned(), "(inline)".to_owned()))
}

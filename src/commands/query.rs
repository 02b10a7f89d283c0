//! `policegraph query`: a SPARQL query, from a file or the command line, over the store.

use super::Outcome;
use super::output::stdout_error;
use crate::cli::QueryArgs;
use crate::error::Error;
use crate::formats::QueryFormat;
use crate::remote::{self, Client, RemoteError, credentials};
use crate::results::{format_for, write_results};
use crate::sparql::{BoundQuery, Deadline, QueryForm};
use crate::store::GraphStore;
use clap::ValueEnum;
use oxigraph::sparql::QueryResults;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Runs the query of `args` and writes its results to stdout, in the format asked for (a table
/// on a terminal, CSV otherwise, Turtle for a graph), within the time limit.
pub(super) fn query(args: QueryArgs) -> Result<Outcome, Error> {
    let (sparql, name) = read_query(&args.query)?;
    let mut query = BoundQuery::parse(&sparql, &name)?;
    for (variable, value) in &args.bind {
        query.bind(variable, value)?;
    }
    let asked = args.format.map(|f| {
        let name = f.to_possible_value().map(|v| v.get_name().to_owned());
        (QueryFormat::from(f), name.unwrap_or_default())
    });
    let format = format_for(
        query.form(),
        asked.as_ref().map(|(f, n)| (*f, n.as_str())),
        std::io::stdout().is_terminal(),
        &name,
    )?;
    let deadline = Deadline::start(args.timeout);
    let results = match &args.endpoint {
        Some(endpoint) => remote_query(&args, endpoint, &sparql, &query)?,
        None => {
            let store = GraphStore::open_read_only(&args.store.store)?;
            store
                .evaluate(query.prepare(&deadline))
                .map_err(|source| deadline.error(&name, source))?
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write_results(results, format, &mut out, &name, &deadline)?;
    out.flush().map_err(stdout_error)?;
    Ok(Outcome::Success)
}

/// Runs the query at a remote SPARQL endpoint: as written when nothing is bound (the server
/// gets the user's own text), else as rewritten with the bindings.
fn remote_query(
    args: &QueryArgs,
    endpoint: &str,
    sparql: &str,
    query: &BoundQuery,
) -> Result<QueryResults<'static>, Error> {
    let text = if args.bind.is_empty() {
        sparql.to_owned()
    } else {
        query.to_sparql()
    };
    let client = Client::new(args.timeout.duration(), credentials(args.user.as_deref())?);
    remote::query(&client, endpoint, &text, query.form() == QueryForm::Graph).map_err(|source| {
        let source = match source {
            RemoteError::Timeout(_) => {
                return Error::QueryTimeout {
                    query: query.name().to_owned(),
                    limit: args.timeout.to_string(),
                };
            }
            source => source,
        };
        Error::RemoteQuery {
            query: query.name().to_owned(),
            url: endpoint.to_owned(),
            source: Box::new(source),
        }
    })
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

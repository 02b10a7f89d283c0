//! Query results: SELECT and ASK results in the W3C formats or as an aligned table; CONSTRUCT
//! and DESCRIBE results in an RDF syntax. A format the results cannot take is an error, and
//! writing stops at the query's time limit.

use crate::error::Error;
use crate::formats::{QueryFormat, rdf_format_names, results_format_names, serializer};
use crate::sparql::{Deadline, QueryForm};
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::Write;

/// The format to write a query's results in: the one asked for if the results can take it,
/// else an error; without one, a table on a terminal and CSV elsewhere for SELECT and ASK,
/// Turtle for a graph. `name` and `asked` (the `--format` name) are for the error.
pub fn format_for(
    form: QueryForm,
    requested: Option<(QueryFormat, &str)>,
    terminal: bool,
    name: &str,
) -> Result<QueryFormat, Error> {
    let Some((format, asked)) = requested else {
        return Ok(match form {
            QueryForm::Graph => QueryFormat::Graph(RdfFormat::Turtle),
            _ if terminal => QueryFormat::Table,
            _ => QueryFormat::Results(QueryResultsFormat::Csv),
        });
    };
    let graph = matches!(format, QueryFormat::Graph(_));
    if graph == (form == QueryForm::Graph) {
        return Ok(format);
    }
    let (form, gives, possible) = match form {
        QueryForm::Select => ("a SELECT query", "solutions", results_format_names()),
        QueryForm::Ask => ("an ASK query", "true or false", results_format_names()),
        QueryForm::Graph => (
            "a CONSTRUCT or DESCRIBE query",
            "a graph",
            rdf_format_names(),
        ),
    };
    Err(Error::FormatMismatch {
        query: name.to_owned(),
        form,
        gives,
        format: asked.to_owned(),
        possible,
    })
}

/// A term as a person reads it: literals as their text, IRIs as they are.
fn plain(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

/// Writes query results in `format` (from [`format_for`]); `name` names the query in errors.
/// Past the `deadline`, writing stops with the time-limit error.
pub fn write_results(
    results: QueryResults<'_>,
    format: QueryFormat,
    out: &mut dyn Write,
    name: &str,
    deadline: &Deadline,
) -> Result<(), Error> {
    let write_err = |source| Error::Write {
        path: "stdout".into(),
        source,
    };
    let query_err = |source| deadline.error(name, source);
    match (results, format) {
        (QueryResults::Boolean(value), QueryFormat::Results(f)) => {
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(out, value)
                .map_err(write_err)?;
        }
        (QueryResults::Boolean(value), QueryFormat::Table) => {
            writeln!(out, "{value}").map_err(write_err)?;
        }
        (QueryResults::Solutions(solutions), QueryFormat::Results(f)) => {
            let variables = solutions.variables().to_vec();
            let mut writer = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(out, variables)
                .map_err(write_err)?;
            for solution in solutions {
                deadline.check(name)?;
                writer
                    .serialize(&solution.map_err(query_err)?)
                    .map_err(write_err)?;
            }
            writer.finish().map_err(write_err)?;
        }
        (QueryResults::Solutions(solutions), QueryFormat::Table) => {
            let variables = solutions.variables().to_vec();
            let mut rows: Vec<Vec<String>> =
                vec![variables.iter().map(|v| v.as_str().to_owned()).collect()];
            for solution in solutions {
                deadline.check(name)?;
                let solution = solution.map_err(query_err)?;
                rows.push(
                    variables
                        .iter()
                        .map(|v| solution.get(v).map(plain).unwrap_or_default())
                        .collect(),
                );
            }
            write_table(&rows, out).map_err(write_err)?;
        }
        (QueryResults::Graph(triples), QueryFormat::Graph(f)) => {
            let mut writer = serializer(f)?.for_writer(out);
            for triple in triples {
                deadline.check(name)?;
                writer
                    .serialize_triple(&triple.map_err(query_err)?)
                    .map_err(write_err)?;
            }
            writer.finish().map_err(write_err)?;
        }
        (results, format) => {
            let form = match results {
                QueryResults::Solutions(_) => QueryForm::Select,
                QueryResults::Boolean(_) => QueryForm::Ask,
                QueryResults::Graph(_) => QueryForm::Graph,
            };
            let asked = format!("{format:?}").to_lowercase();
            format_for(form, Some((format, &asked)), false, name)?;
        }
    }
    Ok(())
}

/// An aligned text table with a rule under the header.
fn write_table(rows: &[Vec<String>], out: &mut dyn Write) -> std::io::Result<()> {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        writeln!(out, "{}", cells.join("  ").trim_end())?;
        if i == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            writeln!(out, "{}", rule.join("  "))?;
        }
    }
    match rows.len() - 1 {
        0 => writeln!(out, "(no rows)")?,
        1 => writeln!(out, "(1 row)")?,
        n => writeln!(out, "({n} rows)")?,
    }
    Ok(())
}

//! Query results: SELECT and ASK results in the W3C formats or as an aligned table;
//! CONSTRUCT and DESCRIBE results as Turtle.

use crate::error::Error;
use crate::vocab;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::Write;

/// How SELECT and ASK results are written: an aligned table for people, or one of the W3C
/// formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsFormat {
    /// Columns aligned under a header, literals as their text, and a row count.
    Table,
    /// CSV, TSV, JSON or XML, as Oxigraph writes them.
    W3c(QueryResultsFormat),
}

/// A term as a person reads it: literals as their text, IRIs as they are.
fn plain(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

/// Writes query results; `name` names the query in errors.
pub fn write_results(
    results: QueryResults<'_>,
    format: ResultsFormat,
    out: &mut dyn Write,
    name: &str,
) -> Result<(), Error> {
    let query_err = |source| Error::Query {
        query: name.to_owned(),
        source,
    };
    let write_err = |source| Error::Write {
        path: "stdout".into(),
        source,
    };
    let w3c = match format {
        ResultsFormat::Table => None,
        ResultsFormat::W3c(format) => Some(format),
    };
    match results {
        QueryResults::Boolean(value) => match w3c {
            Some(f) => {
                QueryResultsSerializer::from_format(f)
                    .serialize_boolean_to_writer(out, value)
                    .map_err(write_err)?;
            }
            None => writeln!(out, "{value}").map_err(write_err)?,
        },
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            match w3c {
                Some(f) => {
                    let mut writer = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(out, variables)
                        .map_err(write_err)?;
                    for solution in solutions {
                        let solution = solution.map_err(query_err)?;
                        writer.serialize(&solution).map_err(write_err)?;
                    }
                    writer.finish().map_err(write_err)?;
                }
                None => {
                    let mut rows: Vec<Vec<String>> =
                        vec![variables.iter().map(|v| v.as_str().to_owned()).collect()];
                    for solution in solutions {
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
            }
        }
        QueryResults::Graph(triples) => {
            let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
            for (prefix, iri) in vocab::PREFIXES {
                serializer =
                    serializer
                        .with_prefix(*prefix, *iri)
                        .map_err(|source| Error::Prefix {
                            prefix: (*prefix).to_owned(),
                            source,
                        })?;
            }
            let mut writer = serializer.for_writer(out);
            for triple in triples {
                let triple = triple.map_err(query_err)?;
                writer.serialize_triple(&triple).map_err(write_err)?;
            }
            writer.finish().map_err(write_err)?;
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

//! The one set of formats: RDF syntaxes are Oxigraph's [`RdfFormat`], SPARQL results formats
//! Oxigraph's [`QueryResultsFormat`] (beside the aligned table). This is the one place that
//! turns a `--format` name or a file's extension into one of them, and that says which ones a
//! command can write; a format a command cannot write is an error, never another format.

use crate::error::Error;
use crate::input::RDF_EXTENSIONS;
use crate::vocab;
use clap::ValueEnum;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::sparql::results::QueryResultsFormat;
use std::path::Path;

/// JSON-LD as Oxigraph writes it (its streaming profile; the profile set only matters when
/// reading).
pub const JSON_LD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

/// The names `--format` takes for RDF (`extract`, `export`, and `query` on CONSTRUCT and
/// DESCRIBE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RdfOutput {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Jsonld,
    Rdfxml,
}

impl From<RdfOutput> for RdfFormat {
    fn from(output: RdfOutput) -> Self {
        match output {
            RdfOutput::Turtle => RdfFormat::Turtle,
            RdfOutput::Ntriples => RdfFormat::NTriples,
            RdfOutput::Nquads => RdfFormat::NQuads,
            RdfOutput::Trig => RdfFormat::TriG,
            RdfOutput::Jsonld => JSON_LD,
            RdfOutput::Rdfxml => RdfFormat::RdfXml,
        }
    }
}

/// The names `query --format` takes: a results format for SELECT and ASK, or an RDF syntax for
/// CONSTRUCT and DESCRIBE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryOutput {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Jsonld,
    Rdfxml,
}

/// How query results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryFormat {
    /// SELECT and ASK: columns aligned under a header, literals as their text, and a row count.
    Table,
    /// SELECT and ASK: CSV, TSV, JSON or XML, as Oxigraph writes them.
    Results(QueryResultsFormat),
    /// CONSTRUCT and DESCRIBE: an RDF syntax.
    Graph(RdfFormat),
}

impl From<QueryOutput> for QueryFormat {
    fn from(output: QueryOutput) -> Self {
        let graph = |rdf: RdfOutput| QueryFormat::Graph(rdf.into());
        match output {
            QueryOutput::Table => QueryFormat::Table,
            QueryOutput::Csv => QueryFormat::Results(QueryResultsFormat::Csv),
            QueryOutput::Tsv => QueryFormat::Results(QueryResultsFormat::Tsv),
            QueryOutput::Json => QueryFormat::Results(QueryResultsFormat::Json),
            QueryOutput::Xml => QueryFormat::Results(QueryResultsFormat::Xml),
            QueryOutput::Turtle => graph(RdfOutput::Turtle),
            QueryOutput::Ntriples => graph(RdfOutput::Ntriples),
            QueryOutput::Nquads => graph(RdfOutput::Nquads),
            QueryOutput::Trig => graph(RdfOutput::Trig),
            QueryOutput::Jsonld => graph(RdfOutput::Jsonld),
            QueryOutput::Rdfxml => graph(RdfOutput::Rdfxml),
        }
    }
}

/// The `--format` names of a list of value-enum variants, for error messages.
pub fn names<T: ValueEnum>(variants: &[T]) -> String {
    variants
        .iter()
        .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_owned()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `query --format` names that write SELECT and ASK results.
pub fn results_format_names() -> String {
    names(&[
        QueryOutput::Table,
        QueryOutput::Csv,
        QueryOutput::Tsv,
        QueryOutput::Json,
        QueryOutput::Xml,
    ])
}

/// The `--format` names of the RDF syntaxes policegraph writes.
pub fn rdf_format_names() -> String {
    names(RdfOutput::value_variants())
}

/// The extensions `export -o FILE` recognises, with their syntaxes.
const OUTPUT_EXTENSIONS: [(&str, RdfOutput); 6] = [
    ("ttl", RdfOutput::Turtle),
    ("nt", RdfOutput::Ntriples),
    ("nq", RdfOutput::Nquads),
    ("trig", RdfOutput::Trig),
    ("jsonld", RdfOutput::Jsonld),
    ("rdf", RdfOutput::Rdfxml),
];

/// The syntax an output file's extension names (in any case); `None` for a file without an
/// extension. An extension that names no syntax policegraph writes is an error, never Turtle.
///
/// ```
/// use oxigraph::io::RdfFormat;
/// use policegraph::formats::output_format_of;
/// use std::path::Path;
///
/// assert_eq!(output_format_of(Path::new("out/graph.RDF")).ok().flatten(), Some(RdfFormat::RdfXml));
/// assert_eq!(output_format_of(Path::new("graph")).ok().flatten(), None);
/// assert!(output_format_of(Path::new("graph.owl")).is_err());
/// ```
pub fn output_format_of(path: &Path) -> Result<Option<RdfFormat>, Error> {
    let Some(extension) = path.extension() else {
        return Ok(None);
    };
    let extension = extension.to_string_lossy().to_ascii_lowercase();
    OUTPUT_EXTENSIONS
        .iter()
        .find(|(known, _)| *known == extension)
        .map(|(_, output)| Some(RdfFormat::from(*output)))
        .ok_or_else(|| Error::UnknownOutputExtension {
            path: path.to_path_buf(),
            extension,
            known: OUTPUT_EXTENSIONS
                .iter()
                .map(|(e, _)| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(" "),
        })
}

/// The syntax a file's extension names, for the RDF files `ingest` loads as they are
/// ([`RDF_EXTENSIONS`]: `.ttl`, `.nt`, `.nq`, `.trig`, in any case).
///
/// ```
/// use oxigraph::io::RdfFormat;
/// use policegraph::formats::rdf_format_of;
/// use std::path::Path;
///
/// assert_eq!(rdf_format_of(Path::new("out/graph.TTL")), Some(RdfFormat::Turtle));
/// assert_eq!(rdf_format_of(Path::new("graph.rdf")), None);
/// ```
pub fn rdf_format_of(path: &Path) -> Option<RdfFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    if !RDF_EXTENSIONS.contains(&extension.as_str()) {
        return None;
    }
    RdfFormat::from_extension(&extension)
}

/// A serializer for `format` that declares the project's prefixes (used where the syntax has
/// prefixes: Turtle, TriG and RDF/XML).
pub fn serializer(format: RdfFormat) -> Result<RdfSerializer, Error> {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .map_err(|source| Error::Prefix {
                prefix: (*prefix).to_owned(),
                source,
            })?;
    }
    Ok(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rdf_extension_input_recognises_names_its_own_format() {
        let formats: Vec<Option<RdfFormat>> = RDF_EXTENSIONS
            .iter()
            .map(|extension| rdf_format_of(&Path::new("data").with_extension(extension)))
            .collect();
        assert_eq!(
            formats,
            [
                Some(RdfFormat::Turtle),
                Some(RdfFormat::NTriples),
                Some(RdfFormat::NQuads),
                Some(RdfFormat::TriG)
            ]
        );
    }

    #[test]
    fn other_extensions_name_no_format() {
        for name in ["a.txt", "a.jsonl", "a.rdf", "a.jsonld", "a", "a.n3"] {
            assert_eq!(rdf_format_of(Path::new(name)), None, "{name}");
        }
    }

    #[test]
    fn each_rdf_output_is_the_oxigraph_format_of_its_name() {
        for output in RdfOutput::value_variants() {
            let name = output.to_possible_value().map(|v| v.get_name().to_owned());
            let expected = match name.as_deref() {
                Some("turtle") => RdfFormat::Turtle,
                Some("ntriples") => RdfFormat::NTriples,
                Some("nquads") => RdfFormat::NQuads,
                Some("trig") => RdfFormat::TriG,
                Some("jsonld") => JSON_LD,
                Some("rdfxml") => RdfFormat::RdfXml,
                other => panic!("unexpected --format name {other:?}"),
            };
            assert_eq!(RdfFormat::from(*output), expected);
        }
    }

    #[test]
    fn each_query_output_is_the_format_of_its_name() {
        for output in QueryOutput::value_variants() {
            let name = output.to_possible_value().map(|v| v.get_name().to_owned());
            let expected = match name.as_deref() {
                Some("table") => QueryFormat::Table,
                Some("csv") => QueryFormat::Results(QueryResultsFormat::Csv),
                Some("tsv") => QueryFormat::Results(QueryResultsFormat::Tsv),
                Some("json") => QueryFormat::Results(QueryResultsFormat::Json),
                Some("xml") => QueryFormat::Results(QueryResultsFormat::Xml),
                Some("turtle") => QueryFormat::Graph(RdfFormat::Turtle),
                Some("ntriples") => QueryFormat::Graph(RdfFormat::NTriples),
                Some("nquads") => QueryFormat::Graph(RdfFormat::NQuads),
                Some("trig") => QueryFormat::Graph(RdfFormat::TriG),
                Some("jsonld") => QueryFormat::Graph(JSON_LD),
                Some("rdfxml") => QueryFormat::Graph(RdfFormat::RdfXml),
                other => panic!("unexpected --format name {other:?}"),
            };
            assert_eq!(QueryFormat::from(*output), expected);
        }
    }

    #[test]
    fn each_output_extension_is_the_extension_oxigraph_gives_its_format() {
        for (extension, output) in OUTPUT_EXTENSIONS {
            let format = RdfFormat::from(output);
            assert_eq!(RdfFormat::from_extension(extension), Some(format));
            let path = Path::new("graph").with_extension(extension.to_uppercase());
            assert_eq!(output_format_of(&path).ok().flatten(), Some(format));
        }
    }
}

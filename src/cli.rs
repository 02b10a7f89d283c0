//! The command line: clap derive structs, and the one conversion of each `--format` name to its
//! format. Each `///` is the option's `--help`.

use crate::results::ResultsFormat;
use clap::{Parser, Subcommand, ValueEnum};
use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;
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
    /// Articles: .txt files, .jsonl files (one article per line: text, url, title, published,
    /// source), RDF files (.ttl, .nt, .nq, .trig) loaded as they are, folders (searched
    /// recursively), or - for stdin
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
    /// Result format for SELECT and ASK (CONSTRUCT and DESCRIBE always give Turtle); default:
    /// table on a terminal, csv otherwise
    #[arg(long, value_enum)]
    pub format: Option<ResultsOutput>,
    /// Give a query variable a value before it runs, as a plain literal: `--bind
    /// officer="Kevin Phillips"` fills ?officer (repeatable)
    #[arg(long, value_name = "VAR=VALUE", value_parser = parse_binding)]
    pub bind: Vec<(String, String)>,
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
pub struct ExportArgs {
    #[command(flatten)]
    pub store: StoreArg,
    /// Output format [default: from the --output file's extension (.ttl .nt .nq .trig), else
    /// turtle]
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
    /// Draw only what lies within --depth steps of the person or organisation with this name
    /// (case does not matter; a unique part of the name is enough)
    #[arg(long, value_name = "NAME")]
    pub focus: Option<String>,
    /// How many steps from --focus to draw
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub depth: usize,
    /// Write to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The names `--format` takes for RDF; the formats are Oxigraph's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RdfOutput {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
}

impl From<RdfOutput> for RdfFormat {
    fn from(output: RdfOutput) -> Self {
        match output {
            RdfOutput::Turtle => RdfFormat::Turtle,
            RdfOutput::Ntriples => RdfFormat::NTriples,
            RdfOutput::Nquads => RdfFormat::NQuads,
            RdfOutput::Trig => RdfFormat::TriG,
        }
    }
}

/// The names `--format` takes for SELECT and ASK results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultsOutput {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

impl From<ResultsOutput> for ResultsFormat {
    fn from(output: ResultsOutput) -> Self {
        match output {
            ResultsOutput::Table => ResultsFormat::Table,
            ResultsOutput::Csv => ResultsFormat::W3c(QueryResultsFormat::Csv),
            ResultsOutput::Tsv => ResultsFormat::W3c(QueryResultsFormat::Tsv),
            ResultsOutput::Json => ResultsFormat::W3c(QueryResultsFormat::Json),
            ResultsOutput::Xml => ResultsFormat::W3c(QueryResultsFormat::Xml),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rdf_output_is_the_oxigraph_format_of_its_name() {
        for output in RdfOutput::value_variants() {
            let name = output.to_possible_value().map(|v| v.get_name().to_owned());
            let format = RdfFormat::from(*output);
            let expected = match name.as_deref() {
                Some("turtle") => RdfFormat::Turtle,
                Some("ntriples") => RdfFormat::NTriples,
                Some("nquads") => RdfFormat::NQuads,
                Some("trig") => RdfFormat::TriG,
                other => panic!("unexpected --format name {other:?}"),
            };
            assert_eq!(format, expected);
        }
    }

    #[test]
    fn each_results_output_is_the_table_or_the_w3c_format_of_its_name() {
        for output in ResultsOutput::value_variants() {
            let name = output.to_possible_value().map(|v| v.get_name().to_owned());
            let expected = match name.as_deref() {
                Some("table") => ResultsFormat::Table,
                Some("csv") => ResultsFormat::W3c(QueryResultsFormat::Csv),
                Some("tsv") => ResultsFormat::W3c(QueryResultsFormat::Tsv),
                Some("json") => ResultsFormat::W3c(QueryResultsFormat::Json),
                Some("xml") => ResultsFormat::W3c(QueryResultsFormat::Xml),
                other => panic!("unexpected --format name {other:?}"),
            };
            assert_eq!(ResultsFormat::from(*output), expected);
        }
    }
}

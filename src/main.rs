//! The `policegraph` binary: parses the command line, calls the library, prints one line per
//! error on stderr and exits non-zero when anything failed.

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::QueryResultsFormat;
use policegraph::cli::{Cli, Command, DotArgs, ExportArgs, ExtractArgs, IngestArgs, QueryArgs};
use policegraph::error::Error;
use policegraph::extract::Extractor;
use policegraph::formats::rdf_format_of;
use policegraph::pipeline::{self, Event, Summary};
use policegraph::results::{ResultsFormat, write_results};
use policegraph::store::{GraphStore, Ingested};
use policegraph::{dot, vocab};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

type Result<T, E = Error> = std::result::Result<T, E>;

fn stdout_error(source: std::io::Error) -> Error {
    Error::Write {
        path: "stdout".into(),
        source,
    }
}

/// A command-line error as one line: clap's first line, with the possible values if it lists
/// them.
fn one_line(error: &clap::Error) -> String {
    let text = error.to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ")
        .to_owned();
    match lines.find(|l| l.starts_with("[possible values:")) {
        Some(values) => format!("{first} {values}"),
        None => first,
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            eprintln!("policegraph: {}", one_line(&e));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Ingest(args) => ingest(args),
        Command::Extract(args) => extract(args),
        Command::Query(args) => query(args),
        Command::Export(args) => export(args),
        Command::Dot(args) => draw(args),
        Command::Optimize(args) => optimize(&args.store),
    };
    match result {
        Ok(code) => code,
        // A reader that stopped reading (`| head`) is not a failure.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let message = e.to_string();
            eprintln!(
                "policegraph: {}",
                message.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            ExitCode::FAILURE
        }
    }
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {pos} articles [{elapsed_precise}] {per_sec} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

/// Reports pipeline events: errors always, one line per article with --verbose, a progress
/// bar on a terminal.
fn reporter(bar: &ProgressBar, verbose: bool) -> impl FnMut(Event<'_>) + '_ {
    move |event| match event {
        Event::Started(_) => {}
        Event::Failed(e) => bar.suspend(|| {
            let message = e.to_string();
            eprintln!(
                "policegraph: {}",
                message.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }),
        Event::Article { location, outcome } => {
            bar.inc(1);
            if verbose {
                let what = match outcome {
                    Ingested::New => "added",
                    Ingested::Replaced => "replaced",
                    Ingested::Unchanged => "unchanged",
                };
                bar.suspend(|| eprintln!("{location}: {what}"));
            }
        }
        Event::Rdf { location, quads } => {
            if verbose {
                bar.suspend(|| eprintln!("{location}: loaded {quads} quads"));
            }
        }
    }
}

fn exit_code(summary: &Summary) -> ExitCode {
    if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Quads written by one ingest past which it suggests `optimize` (about 2,500 articles).
const OPTIMIZE_HINT_QUADS: usize = 1_000_000;

fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let extractor = Extractor::new()?;
    let store = GraphStore::open(&args.store.store)?;
    let bar = progress_bar(args.quiet);
    let summary = pipeline::ingest(
        &store,
        &extractor,
        &args.paths,
        &mut reporter(&bar, args.verbose),
    );
    bar.finish_and_clear();
    // The store's own count would read every quad: at 100,000 articles, half a minute.
    if !args.quiet {
        eprintln!(
            "ingested {} articles ({} new, {} replaced, {} unchanged){}{}: {} people, {} organisations, {} proceedings; {} quads written",
            summary.articles,
            summary.new,
            summary.replaced,
            summary.unchanged,
            if summary.rdf_files > 0 {
                format!(", {} RDF files", summary.rdf_files)
            } else {
                String::new()
            },
            if summary.failed > 0 {
                format!(", {} failed", summary.failed)
            } else {
                String::new()
            },
            summary.people,
            summary.organisations,
            summary.proceedings,
            summary.quads
        );
        if summary.quads >= OPTIMIZE_HINT_QUADS {
            eprintln!(
                "hint: run `policegraph optimize --store {}` before heavy querying; a freshly bulk-loaded store answers many times slower until it is compacted",
                args.store.store.display()
            );
        }
    }
    Ok(exit_code(&summary))
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let extractor = Extractor::new()?;
    let format = RdfFormat::from(args.format);
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .map_err(|source| Error::Prefix {
                prefix: (*prefix).to_owned(),
                source,
            })?;
    }
    let stdout = std::io::stdout().lock();
    let mut writer = serializer.for_writer(std::io::BufWriter::new(stdout));
    let write_err = stdout_error;
    let mut write = |quads: &[oxigraph::model::Quad]| -> Result<(), Error> {
        for quad in quads {
            if format.supports_datasets() {
                writer.serialize_quad(quad).map_err(write_err)?;
            } else {
                writer
                    .serialize_triple(oxigraph::model::TripleRef::from(quad.as_ref()))
                    .map_err(write_err)?;
            }
        }
        Ok(())
    };
    let bar = progress_bar(true);
    let summary = pipeline::extract(
        &extractor,
        &args.paths,
        &mut reporter(&bar, false),
        &mut write,
    );
    writer
        .finish()
        .map_err(write_err)?
        .flush()
        .map_err(write_err)?;
    Ok(exit_code(&summary))
}

/// A query argument: the file it names, or the query itself. A single word that names no
/// file is a missing file, not a query.
fn read_query(arg: &str) -> Result<(String, String)> {
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

fn query(args: QueryArgs) -> Result<ExitCode> {
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
    Ok(ExitCode::SUCCESS)
}

/// Writes to `-o FILE` through a temporary file renamed into place on success, or to stdout.
fn write_output(
    output: Option<&Path>,
    body: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<()> {
    match output {
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            body(&mut out)?;
            out.flush().map_err(stdout_error)?;
        }
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let write_err = |source| Error::Write {
                path: path.display().to_string(),
                source,
            };
            let mut file = tempfile::NamedTempFile::new_in(dir).map_err(write_err)?;
            {
                let mut out = std::io::BufWriter::new(file.as_file_mut());
                body(&mut out)?;
                out.flush().map_err(write_err)?;
            }
            // A temporary file is private; the output is an ordinary file.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::Permissions::from_mode(0o644);
                file.as_file().set_permissions(mode).map_err(write_err)?;
            }
            file.persist(path).map_err(|e| write_err(e.error))?;
        }
    }
    Ok(())
}

fn export(args: ExportArgs) -> Result<ExitCode> {
    let store = GraphStore::open_read_only(&args.store.store)?;
    // The format asked for, else the one the output file's extension names, else Turtle.
    let format = match args.format {
        Some(format) => RdfFormat::from(format),
        None => args
            .output
            .as_deref()
            .and_then(rdf_format_of)
            .unwrap_or(RdfFormat::Turtle),
    };
    write_output(args.output.as_deref(), |out| store.export(format, out))?;
    Ok(ExitCode::SUCCESS)
}

fn optimize(path: &Path) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    GraphStore::open(path)?.optimize()?;
    eprintln!(
        "optimized store {} in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn draw(args: DotArgs) -> Result<ExitCode> {
    let store = GraphStore::open_read_only(&args.store.store)?;
    let mut graph = dot::read_graph(&store)?;
    if let Some(name) = &args.focus {
        graph = dot::focus(&graph, name, args.depth)?;
    }
    let text = dot::to_dot(&graph);
    write_output(args.output.as_deref(), |out| {
        out.write_all(text.as_bytes())
            .map_err(|source| Error::Write {
                path: "output".into(),
                source,
            })
    })?;
    Ok(ExitCode::SUCCESS)
}

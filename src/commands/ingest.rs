//! `policegraph ingest`: articles and RDF files into the store, with a summary line.

use super::Outcome;
use super::progress::{outcome, progress_bar, reporter};
use crate::cli::IngestArgs;
use crate::error::Error;
use crate::extract::Extractor;
use crate::pipeline::{self, Summary};
use crate::store::GraphStore;
use std::path::Path;

/// Quads written by one ingest past which it suggests `optimize` (about 2,500 articles).
const OPTIMIZE_HINT_QUADS: usize = 1_000_000;

/// Extracts the articles and loads the RDF files named by `args` into the store.
pub(super) fn ingest(args: IngestArgs) -> Result<Outcome, Error> {
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
    store.close()?;
    if !args.quiet {
        print_summary(&summary, &args.store.store);
    }
    Ok(outcome(&summary))
}

/// The summary line, and a hint to optimize after a large load. (The store's own count would
/// read every quad: at 100,000 articles, half a minute.)
fn print_summary(summary: &Summary, store: &Path) {
    eprintln!(
        "ingested {} articles ({} new, {} replaced, {} unchanged){}{}{}: {} people, {} organisations, {} proceedings; {} quads written",
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
        if summary.without_facts > 0 {
            format!(
                ", {} with no facts found (run with --verbose to list them)",
                summary.without_facts
            )
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
            store.display()
        );
    }
}

//! `policegraph ingest`: articles and RDF files into the store, with a summary line.

use super::Outcome;
use super::progress::{outcome, progress_bar, reporter};
use crate::cli::IngestArgs;
use crate::error::Error;
use crate::extract::Extractor;
use crate::pipeline::{self, Summary};
use crate::store::{GraphStore, rebuild_pays};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Quads written by one ingest past which it suggests `optimize` (about 2,500 articles).
const OPTIMIZE_HINT_QUADS: usize = 1_000_000;

/// Extracts the articles and loads the RDF files named by `args` into the store. A run that
/// changes at least half of the stored articles writes the store anew beside the old one and
/// exchanges the two (see `store::rebuild`); any other changes the store in place.
pub(super) fn ingest(args: IngestArgs) -> Result<Outcome, Error> {
    let extractor = Extractor::new()?;
    let store = GraphStore::open(&args.store.store)?;
    let bar = progress_bar(args.quiet);
    let mut report = reporter(&bar, args.verbose);
    let rebuild = rebuild(&store, &args.paths);
    let in_place = HashSet::new();
    let (target, changed) = match &rebuild {
        Some((rebuilt, changed)) => (rebuilt, changed),
        None => (&store, &in_place),
    };
    let summary = pipeline::ingest(target, &extractor, &args.paths, changed, &mut report);
    match rebuild {
        Some((rebuilt, changed)) => {
            if let Err(err) = store.keep_missing(&rebuilt, &changed) {
                GraphStore::abandon_rebuild(rebuilt);
                store.close()?;
                return Err(err);
            }
            store.replace_with(rebuilt)?;
        }
        None => store.close()?,
    }
    drop(report);
    bar.finish_and_clear();
    if !args.quiet {
        print_summary(&summary, &args.store.store);
    }
    Ok(outcome(&summary))
}

/// When the articles under `paths` change enough of the store that writing it anew costs less
/// ([`rebuild_pays`]), and it can be rebuilt where it is: the new store, holding already all
/// that the run keeps, and the articles whose old versions it left out. Anything that keeps a
/// rebuild from starting (a store error, no room) leaves the run to change the store in place,
/// where the same trouble, if it lasts, is reported article by article.
fn rebuild(store: &GraphStore, paths: &[PathBuf]) -> Option<(GraphStore, HashSet<String>)> {
    let survey = pipeline::survey(store, paths).ok()??;
    if !rebuild_pays(survey.stored, survey.changed.len()) {
        return None;
    }
    let rebuilt = store.start_rebuild().ok()??;
    let leaving: HashSet<&str> = survey.changed.iter().map(String::as_str).collect();
    match store.copy_kept(&rebuilt, &leaving) {
        Ok(()) => Some((rebuilt, survey.changed)),
        Err(_) => {
            GraphStore::abandon_rebuild(rebuilt);
            None
        }
    }
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

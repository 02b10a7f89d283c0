//! What a pipeline run shows on stderr as it goes: a progress bar on a terminal, a line per
//! failure, and a line per article with `--verbose`.

use super::{Outcome, error_line};
use crate::pipeline::{Event, Summary};
use crate::store::Ingested;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A spinner counting articles on stderr, hidden when `quiet` or when stderr is no terminal.
pub(super) fn progress_bar(quiet: bool) -> ProgressBar {
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
pub(super) fn reporter(bar: &ProgressBar, verbose: bool) -> impl FnMut(Event<'_>) + '_ {
    move |event| match event {
        Event::Started(_) => {}
        Event::Failed(e) => bar.suspend(|| eprintln!("policegraph: {}", error_line(e))),
        Event::Article {
            location,
            outcome,
            without_facts,
        } => {
            bar.inc(1);
            if verbose {
                let what = match outcome {
                    Ingested::New => "added",
                    Ingested::Replaced => "replaced",
                    Ingested::Unchanged => "unchanged",
                };
                let found = if without_facts {
                    ", no facts found"
                } else {
                    ""
                };
                bar.suspend(|| eprintln!("{location}: {what}{found}"));
            }
        }
        Event::Rdf { location, quads } => {
            if verbose {
                bar.suspend(|| eprintln!("{location}: loaded {quads} quads"));
            }
        }
    }
}

/// How a run went, from its summary.
pub(super) fn outcome(summary: &Summary) -> Outcome {
    if summary.failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    }
}

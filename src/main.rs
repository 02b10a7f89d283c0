//! The `policegraph` binary: parses the command line, runs the command through the library,
//! prints one line per error on stderr and exits non-zero when anything failed.

use clap::Parser;
use policegraph::cli::Cli;
use policegraph::commands::{self, error_line};
use std::process::ExitCode;

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
    match commands::run(cli.command) {
        Ok(outcome) => outcome.into(),
        // A reader that stopped reading (`| head`) is not a failure.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("policegraph: {}", error_line(&e));
            ExitCode::FAILURE
        }
    }
}

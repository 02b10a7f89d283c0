//! The commands: one module, and one function, per subcommand of the command line, behind
//! [`run`]. Each takes its parsed arguments ([`crate::cli`]), does its work through the library
//! and says how it ended; `main.rs` only parses, prints the error line and exits. A new command
//! (a server, a push) is a new module here, an arm in [`run`] and a variant of
//! [`crate::cli::Command`].

mod check;
mod draw;
mod export;
mod extract;
mod ingest;
mod optimize;
mod output;
mod progress;
mod push;
mod query;
mod resolve;
mod serve;

pub use resolve::DecisionProblem;

use crate::cli::Command;
use crate::error::Error;
use std::process::ExitCode;

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything went through.
    Success,
    /// Some inputs failed (each reported on stderr as it failed); the others went through.
    SomeFailed,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::SomeFailed => ExitCode::FAILURE,
        }
    }
}

/// Runs one command. An error is what stopped it; failures of single inputs, which do not stop
/// a run, are reported on stderr and give [`Outcome::SomeFailed`].
pub fn run(command: Command) -> Result<Outcome, Error> {
    match command {
        Command::Ingest(args) => ingest::ingest(args),
        Command::Extract(args) => extract::extract(args),
        Command::Query(args) => query::query(args),
        Command::Export(args) => export::export(args),
        Command::Dot(args) => draw::draw(args),
        Command::Optimize(args) => optimize::optimize(&args.store),
        Command::Resolve(args) => resolve::resolve(args),
        Command::Check(args) => check::check(&args.store),
        Command::Push(args) => push::push(args),
        Command::Serve(args) => serve::serve(args),
    }
}

/// An error as the one line the user sees after `policegraph: ` (a cause that spans lines, as a
/// parser's may, is joined into one).
pub fn error_line(error: &Error) -> String {
    error
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_one_line() {
        let error = Error::FocusNotFound {
            name: "Sarah\n  Everard".into(),
            article: None,
        };
        assert_eq!(
            error_line(&error),
            "dot --focus Sarah Everard: no person or organisation has that name"
        );
    }
}

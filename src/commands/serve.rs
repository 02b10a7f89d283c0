//! `policegraph serve`: the store over HTTP until Ctrl-C or SIGTERM (see [`crate::serve`]).

use super::Outcome;
use crate::cli::ServeArgs;
use crate::error::Error;
use crate::serve::ServeConfig;

/// Serves the store of `args` until stopped.
pub(super) fn serve(args: ServeArgs) -> Result<Outcome, Error> {
    crate::serve::serve(ServeConfig {
        store: args.store.store,
        bind: args.bind,
        timeout: args.timeout,
        page_rows: args.page_rows,
        allow_service: args.allow_service,
    })?;
    Ok(Outcome::Success)
}

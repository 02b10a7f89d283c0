//! `policegraph export`: the whole store as RDF.

use super::Outcome;
use super::output::write_output;
use crate::cli::ExportArgs;
use crate::error::Error;
use crate::formats::output_format_of;
use crate::store::GraphStore;
use oxigraph::io::RdfFormat;

/// Writes the store to stdout or `-o FILE`, in the format asked for, else the one the output
/// file's extension names (an extension that names none is an error), else Turtle.
pub(super) fn export(args: ExportArgs) -> Result<Outcome, Error> {
    let format = match (args.format, args.output.as_deref()) {
        (Some(format), _) => RdfFormat::from(format),
        (None, Some(path)) => output_format_of(path)?.unwrap_or(RdfFormat::Turtle),
        (None, None) => RdfFormat::Turtle,
    };
    let store = GraphStore::open_read_only(&args.store.store)?;
    write_output(args.output.as_deref(), |out, name| {
        store.export(format, out, name)
    })?;
    Ok(Outcome::Success)
}

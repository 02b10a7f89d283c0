//! `policegraph export`: the whole store as RDF.

use super::Outcome;
use super::output::write_output;
use crate::cli::ExportArgs;
use crate::error::Error;
use crate::formats::rdf_format_of;
use crate::store::GraphStore;
use oxigraph::io::RdfFormat;

/// Writes the store to stdout or `-o FILE`, in the format asked for, else the one the output
/// file's extension names, else Turtle.
pub(super) fn export(args: ExportArgs) -> Result<Outcome, Error> {
    let store = GraphStore::open_read_only(&args.store.store)?;
    let format = match args.format {
        Some(format) => RdfFormat::from(format),
        None => args
            .output
            .as_deref()
            .and_then(rdf_format_of)
            .unwrap_or(RdfFormat::Turtle),
    };
    write_output(args.output.as_deref(), |out, name| {
        store.export(format, out, name)
    })?;
    Ok(Outcome::Success)
}

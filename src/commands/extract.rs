//! `policegraph extract`: articles to RDF on stdout, without a store.

use super::Outcome;
use super::output::stdout_error;
use super::progress::{outcome, progress_bar, reporter};
use crate::cli::ExtractArgs;
use crate::error::Error;
use crate::extract::Extractor;
use crate::formats::serializer;
use crate::pipeline;
use oxigraph::io::{RdfFormat, WriterQuadSerializer};
use oxigraph::model::{Quad, TripleRef};
use std::io::Write;

/// Extracts the articles named by `args` and writes their quads to stdout in the format asked
/// for (their triples, for a format without graphs).
pub(super) fn extract(args: ExtractArgs) -> Result<Outcome, Error> {
    let extractor = Extractor::new()?;
    let format = RdfFormat::from(args.format);
    let serializer = serializer(format)?;
    let stdout = std::io::stdout().lock();
    let mut writer = serializer.for_writer(std::io::BufWriter::new(stdout));
    // A reader that stopped reading (`| head`) wants nothing more: the rest goes nowhere, and
    // is no failure.
    let mut closed = false;
    let mut write = |quads: &[Quad]| {
        if closed {
            return Ok(());
        }
        let written = write_quads(&mut writer, format, quads);
        if written.as_ref().is_err_and(Error::is_broken_pipe) {
            closed = true;
            return Ok(());
        }
        written
    };
    let bar = progress_bar(true);
    let summary = pipeline::extract(
        &extractor,
        &args.paths,
        &mut reporter(&bar, false),
        &mut write,
    );
    if closed {
        return Ok(outcome(&summary));
    }
    writer
        .finish()
        .map_err(stdout_error)?
        .flush()
        .map_err(stdout_error)?;
    Ok(outcome(&summary))
}

fn write_quads<W: Write>(
    writer: &mut WriterQuadSerializer<W>,
    format: RdfFormat,
    quads: &[Quad],
) -> Result<(), Error> {
    for quad in quads {
        if format.supports_datasets() {
            writer.serialize_quad(quad).map_err(stdout_error)?;
        } else {
            writer
                .serialize_triple(TripleRef::from(quad.as_ref()))
                .map_err(stdout_error)?;
        }
    }
    Ok(())
}

//! RDF syntaxes are Oxigraph's [`RdfFormat`] everywhere; this is the one place that names a
//! file's syntax from its extension. (SPARQL results formats are Oxigraph's
//! `QueryResultsFormat`, beside the table of [`crate::results::ResultsFormat`].)

use crate::error::Error;
use crate::input::RDF_EXTENSIONS;
use crate::vocab;
use oxigraph::io::{RdfFormat, RdfSerializer};
use std::path::Path;

/// The syntax a file's extension names, for the RDF files `ingest` loads as they are
/// ([`RDF_EXTENSIONS`]: `.ttl`, `.nt`, `.nq`, `.trig`, in any case).
///
/// ```
/// use oxigraph::io::RdfFormat;
/// use policegraph::formats::rdf_format_of;
/// use std::path::Path;
///
/// assert_eq!(rdf_format_of(Path::new("out/graph.TTL")), Some(RdfFormat::Turtle));
/// assert_eq!(rdf_format_of(Path::new("graph.rdf")), None);
/// ```
pub fn rdf_format_of(path: &Path) -> Option<RdfFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    if !RDF_EXTENSIONS.contains(&extension.as_str()) {
        return None;
    }
    RdfFormat::from_extension(&extension)
}

/// A serializer for `format` that declares the project's prefixes (used where the syntax has
/// prefixes: Turtle and TriG).
pub fn serializer(format: RdfFormat) -> Result<RdfSerializer, Error> {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in vocab::PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *iri)
            .map_err(|source| Error::Prefix {
                prefix: (*prefix).to_owned(),
                source,
            })?;
    }
    Ok(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rdf_extension_input_recognises_names_its_own_format() {
        let formats: Vec<Option<RdfFormat>> = RDF_EXTENSIONS
            .iter()
            .map(|extension| rdf_format_of(&Path::new("data").with_extension(extension)))
            .collect();
        assert_eq!(
            formats,
            [
                Some(RdfFormat::Turtle),
                Some(RdfFormat::NTriples),
                Some(RdfFormat::NQuads),
                Some(RdfFormat::TriG)
            ]
        );
    }

    #[test]
    fn other_extensions_name_no_format() {
        for name in ["a.txt", "a.jsonl", "a.rdf", "a.jsonld", "a", "a.n3"] {
            assert_eq!(rdf_format_of(Path::new(name)), None, "{name}");
        }
    }
}

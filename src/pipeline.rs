//! The pipeline over many files: reads articles as a stream, extracts them in parallel in
//! bounded batches (memory follows the batch, not the corpus), and hands each article's quads
//! to the store or to an RDF writer in input order.

use crate::error::Error;
use crate::extract::Extractor;
use crate::facts::Facts;
use crate::input::{self, Article, Item, Source};
use crate::rdf;
use crate::store::{GraphStore, Ingested};
use oxigraph::model::Quad;
use rayon::prelude::*;
use std::path::PathBuf;

/// Articles extracted in parallel at a time.
const BATCH: usize = 256;

/// What a run did, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub new: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub rdf_files: usize,
    pub failed: usize,
    pub people: usize,
    pub organisations: usize,
    pub proceedings: usize,
    pub bytes: usize,
}

/// What happens as the pipeline goes, for progress bars and messages.
pub enum Event<'a> {
    /// Sources found; their count.
    Started(usize),
    /// An article went in (or was unchanged).
    Article {
        location: &'a str,
        outcome: Ingested,
    },
    /// An RDF file was loaded.
    Rdf { location: &'a str, quads: usize },
    /// Something failed; the run goes on.
    Failed(&'a Error),
}

/// Receives pipeline events.
pub type Reporter<'a> = dyn FnMut(Event<'_>) + 'a;
/// Takes each item, in input order, and says what it wrote.
type Sink<'a> = dyn FnMut(Ready, &mut Summary) -> Result<Written, Error> + 'a;

/// An item ready for the sink: an extracted article, or an RDF file to load as it is.
enum Ready {
    Article(Box<Extracted>),
    Rdf {
        location: String,
        kind: input::RdfKind,
        data: Vec<u8>,
    },
}

/// What the sink did with an item.
enum Written {
    Article { location: String, outcome: Ingested },
    Rdf { location: String, quads: usize },
}

/// One extracted article, ready to write.
struct Extracted {
    article: Article,
    facts: Facts,
    quads: Vec<Quad>,
}

fn extract_one(extractor: &Extractor, article: Article) -> Extracted {
    let facts = extractor.extract(&article);
    let quads = rdf::article_quads(&article, &facts);
    Extracted {
        article,
        facts,
        quads,
    }
}

/// Reads every source as a stream of items, `BATCH` at a time, extracting articles in
/// parallel; `sink` takes each extracted article or RDF file in input order.
fn run(
    extractor: &Extractor,
    paths: &[PathBuf],
    on_event: &mut Reporter<'_>,
    sink: &mut Sink<'_>,
) -> Summary {
    let mut summary = Summary::default();
    let (sources, errors) = input::discover(paths);
    for e in &errors {
        summary.failed += 1;
        on_event(Event::Failed(e));
    }
    on_event(Event::Started(sources.len()));
    let mut items = sources.iter().flat_map(|s: &Source| input::read(s));
    loop {
        let batch: Vec<Result<Item, Error>> = items.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let ready: Vec<Result<Ready, Error>> = batch
            .into_par_iter()
            .map(|item| {
                item.map(|item| match item {
                    Item::Article(article) => {
                        Ready::Article(Box::new(extract_one(extractor, article)))
                    }
                    Item::Rdf {
                        location,
                        kind,
                        data,
                    } => Ready::Rdf {
                        location,
                        kind,
                        data,
                    },
                })
            })
            .collect();
        for item in ready {
            match item.and_then(|item| sink(item, &mut summary)) {
                Ok(Written::Article { location, outcome }) => on_event(Event::Article {
                    location: &location,
                    outcome,
                }),
                Ok(Written::Rdf { location, quads }) => on_event(Event::Rdf {
                    location: &location,
                    quads,
                }),
                Err(e) => {
                    summary.failed += 1;
                    on_event(Event::Failed(&e));
                }
            }
        }
    }
    summary
}

fn count(summary: &mut Summary, e: &Extracted) {
    summary.articles += 1;
    summary.people += e.facts.people.len();
    summary.organisations += e.facts.organisations.len();
    summary.proceedings += e.facts.proceedings.len();
    summary.bytes += e.article.text.len();
}

/// Ingests articles and RDF files into the store. Each article goes in its own transaction;
/// a failure is reported through `on_event` and the run goes on.
pub fn ingest(
    store: &GraphStore,
    extractor: &Extractor,
    paths: &[PathBuf],
    on_event: &mut Reporter<'_>,
) -> Summary {
    let mut sink = |item: Ready, summary: &mut Summary| match item {
        Ready::Article(e) => {
            let iri = rdf::article_iri(&e.article.identity);
            let hash = rdf::sha256_hex(&e.article.text);
            let outcome = store.ingest_article(&iri, &hash, &e.quads)?;
            count(summary, &e);
            match outcome {
                Ingested::New => summary.new += 1,
                Ingested::Replaced => summary.replaced += 1,
                Ingested::Unchanged => summary.unchanged += 1,
            }
            Ok(Written::Article {
                location: e.article.location,
                outcome,
            })
        }
        Ready::Rdf {
            location,
            kind,
            data,
        } => {
            let quads = store.load_rdf(kind, &data, &location)?;
            summary.rdf_files += 1;
            Ok(Written::Rdf { location, quads })
        }
    };
    run(extractor, paths, on_event, &mut sink)
}

/// Extracts articles and hands each one's quads to `write`, in input order. RDF files are
/// not articles: they are reported as failures.
pub fn extract(
    extractor: &Extractor,
    paths: &[PathBuf],
    on_event: &mut Reporter<'_>,
    write: &mut dyn FnMut(&[Quad]) -> Result<(), Error>,
) -> Summary {
    let mut sink = |item: Ready, summary: &mut Summary| match item {
        Ready::Article(e) => {
            write(&e.quads)?;
            count(summary, &e);
            Ok(Written::Article {
                location: e.article.location,
                outcome: Ingested::New,
            })
        }
        Ready::Rdf { location, .. } => Err(Error::BadArticle {
            path: location,
            cause: "RDF files are loaded by `ingest`, not extracted".into(),
        }),
    };
    run(extractor, paths, on_event, &mut sink)
}

//! The pipeline over many files: reads articles as a stream, extracts them in parallel in
//! bounded batches (memory follows the batch, not the corpus), and hands each article's quads
//! to the store or to an RDF writer in input order.

use crate::error::Error;
use crate::extract::Extractor;
use crate::facts::Facts;
use crate::formats::rdf_format_of;
use crate::input::{self, Article, Item, Source};
use crate::rdf;
use crate::store::{BulkLoad, GraphStore, Ingested, Leaving, Plan, Replacement, Update};
use oxigraph::io::RdfFormat;
use oxigraph::model::Quad;
use policegraph_extract::error::Error as ExtractError;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

/// Articles extracted in parallel at a time.
const BATCH: usize = 256;
/// Changed articles taken out of the store per transaction. A transaction's reads and writes
/// slow down as it grows (RocksDB indexes its pending changes), and each commit has a fixed
/// cost: about 16 articles is the fastest (measured on 1,000 generated articles: 4 and 64 take
/// half as long again).
const TAKE_OUT_BATCH: usize = 16;

/// What a run did, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub new: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub rdf_files: usize,
    pub failed: usize,
    /// Articles read in which the extractor found nothing: no person, organisation,
    /// proceeding or quotation (stored all the same, as an article with no facts).
    pub without_facts: usize,
    pub people: usize,
    pub organisations: usize,
    pub proceedings: usize,
    pub bytes: usize,
    /// The articles' quads written to the store (by `ingest`; the store adds its bookkeeping of
    /// shared triples, see `store::shared`) or out (by `extract`).
    pub quads: usize,
}

/// What happens as the pipeline goes, for progress bars and messages.
pub enum Event<'a> {
    /// Sources found; their count.
    Started(usize),
    /// An article went in (or was unchanged); `without_facts` when nothing was found in it.
    Article {
        location: &'a str,
        outcome: Ingested,
        without_facts: bool,
    },
    /// An RDF file was loaded.
    Rdf { location: &'a str, quads: usize },
    /// Something failed; the run goes on.
    Failed(&'a Error),
}

/// Receives pipeline events.
pub type Reporter<'a> = dyn FnMut(Event<'_>) + 'a;
/// Takes a batch of items, in input order, and says what it wrote of each.
type Sink<'a> = dyn FnMut(Vec<Ready>, &mut Summary) -> Vec<Result<Written, Error>> + 'a;

/// An item ready for the sink: an extracted article, or an RDF file to load as it is.
enum Ready {
    Article(Box<Extracted>),
    Rdf {
        location: String,
        format: RdfFormat,
        data: Vec<u8>,
    },
}

/// What the sink did with an item.
enum Written {
    Article {
        location: String,
        outcome: Ingested,
        without_facts: bool,
    },
    Rdf {
        location: String,
        quads: usize,
    },
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

/// Extracts one batch of items in parallel, keeping their order.
fn extract_batch(
    extractor: &Extractor,
    batch: Vec<Result<Item, ExtractError>>,
) -> Vec<Result<Ready, Error>> {
    batch
        .into_par_iter()
        .map(|item| match item? {
            Item::Article(article) => Ok(Ready::Article(Box::new(extract_one(extractor, article)))),
            Item::Rdf { path, data } => {
                let location = path.display().to_string();
                match rdf_format_of(&path) {
                    Some(format) => Ok(Ready::Rdf {
                        location,
                        format,
                        data,
                    }),
                    None => Err(Error::UnknownRdfSyntax { location }),
                }
            }
        })
        .collect()
}

/// Reads every source as a stream of items, `BATCH` at a time, extracting articles in
/// parallel; `sink` takes each extracted article or RDF file in input order. The next batch is
/// extracted while the sink writes the one before, so writing never leaves the cores idle.
fn run(
    extractor: &Extractor,
    paths: &[PathBuf],
    on_event: &mut Reporter<'_>,
    sink: &mut Sink<'_>,
) -> Summary {
    let mut summary = Summary::default();
    let (sources, errors) = input::discover(paths);
    for e in errors {
        summary.failed += 1;
        on_event(Event::Failed(&Error::from(e)));
    }
    on_event(Event::Started(sources.len()));
    let mut items = sources.iter().flat_map(|s: &Source| input::read(s));
    let mut pending: Option<Vec<Result<Ready, Error>>> = None;
    loop {
        let batch: Vec<Result<Item, ExtractError>> = items.by_ref().take(BATCH).collect();
        let next = (!batch.is_empty()).then_some(batch);
        if next.is_none() && pending.is_none() {
            break;
        }
        pending = std::thread::scope(|scope| {
            let extracting = next.map(|batch| scope.spawn(|| extract_batch(extractor, batch)));
            if let Some(ready) = pending.take() {
                write_batch(ready, &mut summary, on_event, sink);
            }
            extracting.map(|handle| match handle.join() {
                Ok(ready) => ready,
                Err(panic) => std::panic::resume_unwind(panic),
            })
        });
    }
    summary
}

/// Hands a batch to the sink and reports what became of each item.
fn write_batch(
    ready: Vec<Result<Ready, Error>>,
    summary: &mut Summary,
    on_event: &mut Reporter<'_>,
    sink: &mut Sink<'_>,
) {
    let mut written = Vec::with_capacity(ready.len());
    let mut good = Vec::with_capacity(ready.len());
    for item in ready {
        match item {
            Ok(item) => good.push(item),
            Err(e) => written.push(Err(e)),
        }
    }
    written.extend(sink(good, summary));
    for item in written {
        match item {
            Ok(Written::Article {
                location,
                outcome,
                without_facts,
            }) => on_event(Event::Article {
                location: &location,
                outcome,
                without_facts,
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

/// Whether the extractor found nothing at all in an article.
fn without_facts(facts: &Facts) -> bool {
    facts.people.is_empty()
        && facts.organisations.is_empty()
        && facts.proceedings.is_empty()
        && facts.quotations.is_empty()
}

/// What became of an article, for its event.
fn written(e: &Extracted, outcome: Ingested) -> Written {
    Written::Article {
        location: e.article.location.clone(),
        outcome,
        without_facts: without_facts(&e.facts),
    }
}

fn count(summary: &mut Summary, e: &Extracted) {
    summary.articles += 1;
    summary.without_facts += usize::from(without_facts(&e.facts));
    summary.people += e.facts.people.len();
    summary.organisations += e.facts.organisations.len();
    summary.proceedings += e.facts.proceedings.len();
    summary.bytes += e.article.text.len();
}

/// Decides, for one article, whether it is unchanged, new or changed. An identity met earlier
/// in the same run is treated as changed, after the bulk load so far is committed so that
/// taking out its graph sees it.
fn place(store: &GraphStore, iri: &str, hash: &str, seen_before: bool) -> Result<Ingested, Error> {
    Ok(if store.has_article(iri, hash)? {
        Ingested::Unchanged
    } else if seen_before || store.has_graph(iri)? {
        Ingested::Replaced
    } else {
        Ingested::New
    })
}

impl Summary {
    /// Adds the counts of `other` (a bulk load that committed) to these.
    fn absorb(&mut self, other: &Summary) {
        self.articles += other.articles;
        self.new += other.new;
        self.replaced += other.replaced;
        self.unchanged += other.unchanged;
        self.rdf_files += other.rdf_files;
        self.failed += other.failed;
        self.without_facts += other.without_facts;
        self.people += other.people;
        self.organisations += other.organisations;
        self.proceedings += other.proceedings;
        self.bytes += other.bytes;
        self.quads += other.quads;
    }
}

/// The bulk load under way, and what its articles will add to the summary once it commits:
/// an article counts as stored only when its load commits, and as failed, once, when it does
/// not.
struct Bulk<'s> {
    store: &'s GraphStore,
    load: BulkLoad<'s>,
    pending: Summary,
    /// Loads that failed, reported at the end of the run.
    failures: Vec<Error>,
}

impl<'s> Bulk<'s> {
    fn new(store: &'s GraphStore) -> Self {
        Bulk {
            store,
            load: store.bulk_load(),
            pending: Summary::default(),
            failures: Vec::new(),
        }
    }

    /// Adds an article new to the store to the load: `Ingested::New`, or `Ingested::Replaced`
    /// when the store is a rebuilt one that left its old version out.
    fn add(
        &mut self,
        mut e: Box<Extracted>,
        iri: &str,
        outcome: Ingested,
        summary: &mut Summary,
    ) -> Written {
        let quads = std::mem::take(&mut e.quads);
        self.add_with(&e, quads.len(), outcome, summary, |load| {
            load.add_article(iri, quads)
        })
    }

    /// Adds a changed article's new version (the article's `quads` quads with their
    /// statements), its old one taken out already, to the load.
    fn add_replacement(
        &mut self,
        e: &Extracted,
        quads: usize,
        new: Replacement,
        summary: &mut Summary,
    ) -> Written {
        self.add_with(e, quads, Ingested::Replaced, summary, |load| {
            load.add_replacement(new)
        })
    }

    /// Counts an article of `quads` quads in, and hands it to the load with `add`. If the load
    /// fails (a full disk, say), it is dropped with everything it held, and its articles, this
    /// one included, are counted as failed.
    fn add_with(
        &mut self,
        e: &Extracted,
        quads: usize,
        outcome: Ingested,
        summary: &mut Summary,
        add: impl FnOnce(&mut BulkLoad<'s>) -> Result<(), Error>,
    ) -> Written {
        let written = written(e, outcome);
        count(&mut self.pending, e);
        match outcome {
            Ingested::Replaced => self.pending.replaced += 1,
            _ => self.pending.new += 1,
        }
        self.pending.quads += quads;
        if let Err(err) = add(&mut self.load) {
            let failed = std::mem::replace(&mut self.load, self.store.bulk_load());
            drop(failed);
            self.fail(err, summary);
        }
        written
    }

    /// Commits the load (starting a new one), moving its articles into the summary.
    fn commit(&mut self, summary: &mut Summary) {
        let done = std::mem::replace(&mut self.load, self.store.bulk_load());
        match done.commit() {
            Ok(()) => summary.absorb(&std::mem::take(&mut self.pending)),
            Err(err) => self.fail(err, summary),
        }
    }

    /// Counts the pending articles as failed, with the one error that says why.
    fn fail(&mut self, err: Error, summary: &mut Summary) {
        let pending = std::mem::take(&mut self.pending);
        summary.failed += pending.articles;
        self.failures.push(Error::BulkLoad {
            articles: pending.articles,
            source: Box::new(err),
        });
    }
}

/// Ingests articles and RDF files into the store. Articles go through Oxigraph's bulk loader,
/// committed at the end (or earlier, when an article comes twice); changed articles' old
/// graphs are first taken out, in one transaction per batch; an RDF file goes in a
/// transaction of its own. A failure is reported through `on_event` and the run goes on; a
/// failed commit leaves the store as it was and counts its articles as failed. `rebuilt`
/// names the articles whose old versions a rebuilt store left out (see [`survey`]): they are
/// reported as replaced.
pub fn ingest(
    store: &GraphStore,
    extractor: &Extractor,
    paths: &[PathBuf],
    rebuilt: &HashSet<String>,
    on_event: &mut Reporter<'_>,
) -> Summary {
    let mut bulk = Bulk::new(store);
    let mut seen: HashSet<String> = HashSet::new();
    let mut summary = {
        let mut sink = |items: Vec<Ready>, summary: &mut Summary| {
            let mut written = Vec::new();
            let mut replaced: Vec<(Box<Extracted>, String)> = Vec::new();
            for item in items {
                let e = match item {
                    Ready::Article(e) => e,
                    Ready::Rdf {
                        location,
                        format,
                        data,
                    } => {
                        written.push(store.load_rdf(format, &data, &location).map(|quads| {
                            summary.rdf_files += 1;
                            summary.quads += quads;
                            Written::Rdf { location, quads }
                        }));
                        continue;
                    }
                };
                let (iri, hash) = iri_and_hash(&e.article);
                let seen_before = !seen.insert(iri.clone());
                if seen_before {
                    // Its earlier version may wait to be taken out, or sit in the bulk load:
                    // both are done first, so this version replaces it.
                    let earlier = std::mem::take(&mut replaced);
                    written.extend(replace_articles(store, &mut bulk, earlier, summary));
                    if bulk.pending.articles > 0 {
                        bulk.commit(summary);
                    }
                }
                match place(store, &iri, &hash, seen_before) {
                    Err(err) => written.push(Err(err)),
                    Ok(Ingested::Replaced) => replaced.push((e, iri)),
                    Ok(Ingested::New) => {
                        let outcome = if rebuilt.contains(&iri) {
                            Ingested::Replaced
                        } else {
                            Ingested::New
                        };
                        written.push(Ok(bulk.add(e, &iri, outcome, summary)));
                    }
                    Ok(Ingested::Unchanged) => {
                        count(summary, &e);
                        summary.unchanged += 1;
                        written.push(Ok(self::written(&e, Ingested::Unchanged)));
                    }
                }
            }
            written.extend(replace_articles(store, &mut bulk, replaced, summary));
            written
        };
        run(extractor, paths, on_event, &mut sink)
    };
    bulk.commit(&mut summary);
    for err in &bulk.failures {
        on_event(Event::Failed(err));
    }
    summary
}

/// What a run would change in the store, found before anything is extracted: the number of
/// articles stored, and those of the run stored in another version (read, hashed and looked
/// up as the run will). It tells whether the run replaces enough of the store to write it
/// anew (see `store::rebuild`).
pub struct Survey {
    pub stored: usize,
    pub changed: HashSet<String>,
}

/// Surveys the articles under `paths` against the store: `None` for an empty store, or when
/// the articles cannot be read twice (stdin). Unreadable sources are left to the run to report.
pub fn survey(store: &GraphStore, paths: &[PathBuf]) -> Result<Option<Survey>, Error> {
    let stored = store.article_count()?;
    let (sources, _) = input::discover(paths);
    if stored == 0 || sources.iter().any(|source| source.path.is_none()) {
        return Ok(None);
    }
    // Each article's graph name, and whether it is stored in another version, in input order.
    let found: Vec<Option<(String, bool)>> = sources
        .par_iter()
        .flat_map_iter(input::read)
        .map(|item| -> Result<Option<(String, bool)>, Error> {
            let Ok(Item::Article(article)) = item else {
                return Ok(None);
            };
            let (iri, hash) = iri_and_hash(&article);
            let changed = store.has_graph(&iri)? && !store.has_article(&iri, &hash)?;
            Ok(Some((iri, changed)))
        })
        .collect::<Result<_, _>>()?;
    // An article that comes twice counts by its first coming, as the run will: unchanged
    // first, it stays, and its later version replaces it as any article met twice does.
    let mut seen = HashSet::new();
    let changed = found
        .into_iter()
        .flatten()
        .filter(|(iri, _)| seen.insert(iri.clone()))
        .filter_map(|(iri, changed)| changed.then_some(iri))
        .collect();
    Ok(Some(Survey { stored, changed }))
}

/// An article's graph name and the hash of its text: what tells whether it is stored, and in
/// which version.
fn iri_and_hash(article: &Article) -> (String, String) {
    (
        rdf::article_iri(&article.identity),
        rdf::sha256_hex(&article.text),
    )
}

/// Replaces changed articles. An updated story (most of its new version stored already) is
/// changed in place, only what differs, all such articles of the batch in one transaction.
/// Any other has its old graph taken out, `TAKE_OUT_BATCH` articles per transaction, in
/// parallel (taking out is most of a replacement's cost, and one thread leaves a core idle
/// once the next batch is extracted), and its new version joins the bulk load. Either way an
/// article is never half in: a run killed or failed in the update leaves the old version; one
/// killed or failed between taking out and the bulk load leaves the article out (and says so)
/// until `ingest` runs again. The articles taken out go first, and count as leaving only
/// themselves: an updated article's claims stay alive until its own transaction.
fn replace_articles(
    store: &GraphStore,
    bulk: &mut Bulk<'_>,
    articles: Vec<(Box<Extracted>, String)>,
    summary: &mut Summary,
) -> Vec<Result<Written, Error>> {
    let prepared: Vec<(Change, Result<Plan, Error>)> = articles
        .into_par_iter()
        .enumerate()
        .map(|(position, (mut e, iri))| {
            let quads = e.quads.len();
            let new = Replacement::new(iri, std::mem::take(&mut e.quads));
            (Change { position, e, quads }, store.plan_replacement(new))
        })
        .collect();
    let mut written: Vec<Option<Result<Written, Error>>> = Vec::new();
    written.resize_with(prepared.len(), || None);
    let (mut taken_out, mut updated) = (Vec::new(), Vec::new());
    for (change, plan) in prepared {
        match plan {
            Ok(Plan::Update(update)) => updated.push((change, update)),
            Ok(Plan::Whole(new)) => taken_out.push((change, new)),
            Err(err) => written[change.position] = Some(Err(change.not_stored(&Arc::new(err)))),
        }
    }
    let iris: Vec<&str> = taken_out.iter().map(|(_, new)| new.iri.as_str()).collect();
    let leaving = Leaving::new(iris.iter().copied());
    let outcomes: Vec<Result<(), Arc<Error>>> = iris
        .par_chunks(TAKE_OUT_BATCH)
        .map(|chunk| store.take_out_articles(chunk, &leaving).map_err(Arc::new))
        .collect();
    let mut taken_out = taken_out.into_iter();
    for outcome in outcomes {
        for (change, new) in taken_out.by_ref().take(TAKE_OUT_BATCH) {
            written[change.position] = Some(match &outcome {
                Ok(()) => Ok(bulk.add_replacement(&change.e, change.quads, new, summary)),
                Err(err) => Err(change.not_stored(err)),
            });
        }
    }
    if !updated.is_empty() {
        let (updated, updates): (Vec<Change>, Vec<Update>) = updated.into_iter().unzip();
        let outcome = store.update_articles(&updates).map_err(Arc::new);
        for change in updated {
            written[change.position] = Some(match &outcome {
                Ok(()) => {
                    count(summary, &change.e);
                    summary.replaced += 1;
                    summary.quads += change.quads;
                    Ok(self::written(&change.e, Ingested::Replaced))
                }
                Err(err) => Err(change.not_stored(err)),
            });
        }
    }
    written.into_iter().flatten().collect()
}

/// A changed article on its way into the store: its place in the batch, what was extracted
/// and its number of quads (the quads themselves are in its [`Replacement`]).
struct Change {
    position: usize,
    e: Box<Extracted>,
    quads: usize,
}

impl Change {
    /// The error for this article when its replacement failed.
    fn not_stored(&self, source: &Arc<Error>) -> Error {
        Error::NotStored {
            location: self.e.article.location.clone(),
            source: Arc::clone(source),
        }
    }
}

/// Extracts articles and hands each one's quads to `write`, in input order. RDF files are
/// not articles: they are reported as failures.
pub fn extract(
    extractor: &Extractor,
    paths: &[PathBuf],
    on_event: &mut Reporter<'_>,
    write: &mut dyn FnMut(&[Quad]) -> Result<(), Error>,
) -> Summary {
    let mut sink = |items: Vec<Ready>, summary: &mut Summary| {
        items
            .into_iter()
            .map(|item| match item {
                Ready::Article(e) => {
                    write(&e.quads)?;
                    count(summary, &e);
                    summary.quads += e.quads.len();
                    Ok(written(&e, Ingested::New))
                }
                Ready::Rdf { location, .. } => Err(Error::RdfNotExtracted { location }),
            })
            .collect()
    };
    run(extractor, paths, on_event, &mut sink)
}

//! The store, the last arrows of the data flow: an embedded Oxigraph (RocksDB) store that takes
//! articles' quads through the bulk loader (a changed article's old graph, and nothing else,
//! taken out first, in a transaction; an updated one changed in place, in a transaction; or,
//! when a run changes most of the store, the store written anew beside the old one: see
//! [`rebuild`]), answers SPARQL over the union of all graphs, and exports.

use crate::error::Error;
use crate::rdf::{rdf_file_graph, sha256_hex};
use crate::reference::{ONTOLOGY_TTL, REFERENCE_TTL};
use crate::vocab::{self, pg};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    GraphName, Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef,
    Quad, QuadRef, Term, TermRef,
};
use oxigraph::sparql::{PreparedSparqlQuery, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::{BulkLoader, StorageError, Store, StoreOptions};
use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

mod graphs;
mod lock;
mod rebuild;
mod seal;
mod shared;

use lock::StoreLock;
pub use rebuild::pays as rebuild_pays;
pub use shared::{Leaving, Plan, Replacement, Update};

/// What ingesting one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingested {
    New,
    Replaced,
    Unchanged,
}

/// A policegraph store on disk, and the lock that lets this process use it (see [`lock`]).
pub struct GraphStore {
    // Declared before the lock, so that the store is closed before the lock is released.
    store: Store,
    lock: Option<StoreLock>,
    /// Opened for writing (sealed again by [`GraphStore::close`]).
    writer: bool,
    path: PathBuf,
}

/// A storage error; a corruption RocksDB reports names the store as damaged.
fn store_error(path: &Path, source: StorageError) -> Error {
    match source {
        StorageError::Corruption(_) => Error::StoreDamaged {
            path: path.to_path_buf(),
            source: Box::new(source),
        },
        source => Error::Store {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// Whether a file of a store directory is one policegraph keeps there beside RocksDB's.
fn is_policegraph_file(name: &std::ffi::OsStr) -> bool {
    lock::is_lock_file(name) || name == seal::SEAL || name == rebuild::MARK
}

/// Fails if the store's table files are not those it was sealed with.
fn check_seal(path: &Path) -> Result<(), Error> {
    match seal::check(path) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(damage)) => Err(Error::StoreDamaged {
            path: path.to_path_buf(),
            source: Box::new(damage),
        }),
        Err(source) => Err(Error::StoreDirectory {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Why opening the store failed: another process holding it, or anything else.
fn open_error(path: &Path, source: StorageError) -> Error {
    if is_locked(&source) {
        Error::StoreLocked {
            path: path.to_path_buf(),
            source: Some(source),
        }
    } else {
        store_error(path, source)
    }
}

/// Whether opening failed because another process holds the store's lock. RocksDB says so only
/// in its message (`IO error: While lock file: …/LOCK: Resource temporarily unavailable`), which
/// Oxigraph passes on as an I/O error of kind `Other`; this is the one place that reads it.
fn is_locked(error: &StorageError) -> bool {
    let StorageError::Io(error) = error else {
        return false;
    };
    match error.kind() {
        std::io::ErrorKind::WouldBlock => true,
        std::io::ErrorKind::Other => {
            let message = error.to_string();
            message.contains("lock file") || message.contains("Resource temporarily unavailable")
        }
        _ => false,
    }
}

/// The names of the files in a store directory.
fn store_entries(path: &Path) -> Result<Vec<std::ffi::OsString>, Error> {
    let dir_error = |source| Error::StoreDirectory {
        path: path.to_path_buf(),
        source,
    };
    std::fs::read_dir(path)
        .map_err(dir_error)?
        .map(|entry| entry.map(|e| e.file_name()).map_err(dir_error))
        .collect()
}

/// Removes the `bulk-*.sst` files of a bulk load that never finished (a killed ingest leaves
/// them; Oxigraph removes its own only when the load commits or fails). Called with the
/// writer's lock held, so no bulk load of another process can be under way: RocksDB copies an
/// ingested file under a name of its own, so a file of this name is never part of the store.
fn remove_bulk_leftovers(path: &Path, entries: &[std::ffi::OsString]) -> Result<(), Error> {
    for name in entries {
        let text = name.to_string_lossy();
        if text.starts_with("bulk-") && text.ends_with(".sst") {
            let file = path.join(name);
            std::fs::remove_file(&file).map_err(|source| Error::StoreDirectory {
                path: file.clone(),
                source,
            })?;
        }
    }
    Ok(())
}

impl GraphStore {
    /// Opens the store at `path` for writing, creating it if the directory is missing or empty.
    /// A directory that holds something else is refused rather than written into. Waits for
    /// the commands reading the store; refuses if another process writes it, or if its files
    /// are damaged. Removes the files an interrupted bulk load left behind. Call
    /// [`GraphStore::close`] when done, which seals the store again.
    pub fn open(path: &Path) -> Result<Self, Error> {
        let graph = Self::open_for_writing(path, StoreOptions::default())?;
        graph.ensure_ontology()?;
        Ok(graph)
    }

    /// Opens the store for writing with RocksDB's options, after the checks of [`open`].
    fn open_for_writing(path: &Path, options: StoreOptions) -> Result<Self, Error> {
        if path.exists() && !path.is_dir() {
            return Err(Error::StoreNotADirectory {
                path: path.to_path_buf(),
            });
        }
        std::fs::create_dir_all(path).map_err(|source| Error::StoreDirectory {
            path: path.to_path_buf(),
            source,
        })?;
        let entries = store_entries(path)?;
        let has_store = entries.iter().any(|name| name == "CURRENT");
        if !has_store && entries.iter().any(|name| !is_policegraph_file(name)) {
            return Err(Error::NotAStore {
                path: path.to_path_buf(),
            });
        }
        let lock = lock::lock_for_writing(path)?;
        check_seal(path)?;
        seal::unseal(path).map_err(|source| Error::StoreDirectory {
            path: path.join(seal::SEAL),
            source,
        })?;
        remove_bulk_leftovers(path, &store_entries(path)?)?;
        rebuild::remove_leftover(path)?;
        let store = Store::open_with_options(path, options).map_err(|e| open_error(path, e))?;
        Ok(GraphStore {
            store,
            lock: Some(lock),
            writer: true,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing store for reading only, waiting while another process writes it; a
    /// missing or damaged store is an error.
    pub fn open_read_only(path: &Path) -> Result<Self, Error> {
        if !path.join("CURRENT").exists() {
            return Err(Error::NoStore {
                path: path.to_path_buf(),
            });
        }
        let lock = lock::lock_for_reading(path)?;
        check_seal(path)?;
        let store = Store::open_read_only(path).map_err(|e| open_error(path, e))?;
        Ok(GraphStore {
            store,
            lock,
            writer: false,
            path: path.to_path_buf(),
        })
    }

    /// Closes the store; after writing, seals it (see [`seal`]) before letting others in.
    pub fn close(self) -> Result<(), Error> {
        self.close_keeping_lock().map(drop)
    }

    /// Closes the store as [`GraphStore::close`] does, but hands back its lock, for a caller
    /// that must keep others out a while longer (see [`rebuild`]).
    fn close_keeping_lock(self) -> Result<Option<StoreLock>, Error> {
        let GraphStore {
            store,
            lock,
            writer,
            path,
        } = self;
        if writer {
            store.flush().map_err(|e| store_error(&path, e))?;
        }
        drop(store);
        if writer {
            seal::seal(&path).map_err(|source| Error::StoreDirectory {
                path: path.join(seal::SEAL),
                source,
            })?;
        }
        Ok(lock)
    }

    fn error(&self, source: StorageError) -> Error {
        store_error(&self.path, source)
    }

    /// Loads the ontology and reference data into their graph when missing or out of date.
    fn ensure_ontology(&self) -> Result<(), Error> {
        let graph = NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH);
        let hash = sha256_hex(format!("{ONTOLOGY_TTL}{REFERENCE_TTL}"));
        let marker = Quad::new(
            graph.clone(),
            NamedNode::new_unchecked(pg::CONTENT_HASH),
            Literal::new_simple_literal(&hash),
            graph.clone(),
        );
        if self.store.contains(&marker).map_err(|e| self.error(e))? {
            return Ok(());
        }
        let mut transaction = self.store.start_transaction().map_err(|e| self.error(e))?;
        transaction.clear_graph(&graph).map_err(|e| self.error(e))?;
        for (turtle, origin) in [
            (ONTOLOGY_TTL, "ontology/policegraph.ttl"),
            (REFERENCE_TTL, "ontology/reference.ttl"),
        ] {
            let parser =
                RdfParser::from_format(RdfFormat::Turtle).with_default_graph(graph.clone());
            transaction
                .load_from_slice(parser, turtle)
                .map_err(|source| Error::Ontology { origin, source })?;
        }
        transaction.insert(&marker);
        transaction.commit().map_err(|e| self.error(e))
    }

    /// Takes changed articles out of the store, in one transaction: all of them or, if the
    /// store fails, none. Each graph goes, and so does every shared triple that only the
    /// articles of `leaving` (these and any taken out beside them) gave (see [`shared`]), so
    /// that loading the new versions gives the store a fresh ingest of the same articles
    /// gives. The new versions go through the bulk loader: a transaction that inserts them
    /// costs many times a bulk load (every quad is indexed in the transaction's batch, then in
    /// the memtable), while taking out costs one read and one delete per old quad.
    pub fn take_out_articles(&self, iris: &[&str], leaving: &Leaving<'_>) -> Result<(), Error> {
        let graphs: Vec<NamedNodeRef<'_>> = iris
            .iter()
            .map(|iri| NamedNodeRef::new_unchecked(iri))
            .collect();
        let mut transaction = self.store.start_transaction().map_err(|e| self.error(e))?;
        shared::take_out(&self.store, &mut transaction, &graphs, leaving)
            .map_err(|e| self.error(e))?;
        transaction.commit().map_err(|e| self.error(e))
    }

    /// Decides how a changed article replaces its stored version (see [`shared::plan`]):
    /// changed in place by [`GraphStore::update_articles`], or taken out whole by
    /// [`GraphStore::take_out_articles`] and loaded again. Only reads the store.
    pub fn plan_replacement(&self, article: Replacement) -> Result<Plan, Error> {
        shared::plan(&self.store, article).map_err(|e| self.error(e))
    }

    /// Changes updated articles in place, only what differs, in one transaction: all of them
    /// or, if the store fails, none (see [`shared::update`]).
    pub fn update_articles(&self, updates: &[Update]) -> Result<(), Error> {
        let mut transaction = self.store.start_transaction().map_err(|e| self.error(e))?;
        shared::update(&self.store, &mut transaction, updates).map_err(|e| self.error(e))?;
        transaction.commit().map_err(|e| self.error(e))
    }

    /// Records decisions on who is who (`policegraph resolve`), in one transaction: each quad
    /// replaces whatever was decided before about the same pair, either way round.
    pub fn replace_decisions(&self, decisions: &[Quad]) -> Result<(), Error> {
        let predicates =
            [pg::DECIDED_SAME_AS, pg::DECIDED_DIFFERENT_FROM].map(NamedNodeRef::new_unchecked);
        let mut transaction = self.store.start_transaction().map_err(|e| self.error(e))?;
        for decision in decisions {
            let Term::NamedNode(object) = &decision.object else {
                continue;
            };
            let subject = NamedOrBlankNode::from(object.clone());
            let pairs: [(NamedOrBlankNodeRef<'_>, TermRef<'_>); 2] = [
                (decision.subject.as_ref(), object.as_ref().into()),
                (subject.as_ref(), decision.subject.as_ref().into()),
            ];
            for (s, o) in pairs {
                for predicate in predicates {
                    let old = QuadRef::new(s, predicate, o, decision.graph_name.as_ref());
                    transaction.remove(old);
                }
            }
            transaction.insert(decision.as_ref());
        }
        transaction.commit().map_err(|e| self.error(e))
    }

    /// Whether an article with this content hash is stored.
    pub fn has_article(&self, iri: &str, content_hash: &str) -> Result<bool, Error> {
        let graph = NamedNodeRef::new_unchecked(iri);
        let hash = QuadRef::new(
            graph,
            NamedNodeRef::new_unchecked(pg::CONTENT_HASH),
            LiteralRef::new_simple_literal(content_hash),
            graph,
        );
        self.store.contains(hash).map_err(|e| self.error(e))
    }

    /// The number of articles stored (each article's graph says its content hash).
    pub fn article_count(&self) -> Result<usize, Error> {
        let hash = NamedNodeRef::new_unchecked(pg::CONTENT_HASH);
        let mut articles = 0;
        for quad in self.store.quads_for_pattern(None, Some(hash), None, None) {
            let quad = quad.map_err(|e| self.error(e))?;
            if let (NamedOrBlankNode::NamedNode(subject), GraphName::NamedNode(graph)) =
                (&quad.subject, &quad.graph_name)
                && subject == graph
                && graph.as_str() != vocab::ONTOLOGY_GRAPH
            {
                articles += 1;
            }
        }
        Ok(articles)
    }

    /// Whether the store holds a graph of this name (an article, in any version).
    pub fn has_graph(&self, iri: &str) -> Result<bool, Error> {
        self.store
            .contains_named_graph(NamedNodeRef::new_unchecked(iri))
            .map_err(|e| self.error(e))
    }

    /// Starts a bulk load: Oxigraph's bulk loader, for articles new to the store. Nothing is
    /// visible, and nothing changes, until [`BulkLoad::commit`] succeeds.
    pub fn bulk_load(&self) -> BulkLoad<'_> {
        BulkLoad {
            loader: Some(
                self.store
                    .bulk_loader()
                    .with_max_memory_size_in_megabytes(BULK_MEMORY_MB),
            ),
            pending: Vec::new(),
            path: &self.path,
        }
    }

    /// Loads an RDF file as it is, in one transaction: all of it or none; the triples of a file
    /// without graphs go into the file's own graph ([`rdf_file_graph`]). Returns the number
    /// of quads that were not in the store already (found quad by quad: counting the whole
    /// store before and after would read every quad of it).
    pub fn load_rdf(&self, format: RdfFormat, data: &[u8], location: &str) -> Result<usize, Error> {
        let mut parser = RdfParser::from_format(format).rename_blank_nodes();
        if !format.supports_datasets() {
            parser = parser.with_default_graph(NamedNode::new_unchecked(rdf_file_graph(data)));
        }
        let mut transaction = self.store.start_transaction().map_err(|e| self.error(e))?;
        let mut added = 0;
        for quad in parser.for_slice(data) {
            let quad = quad.map_err(|source| Error::BadRdf {
                location: location.to_owned(),
                source,
            })?;
            if !transaction.contains(&quad).map_err(|e| self.error(e))? {
                transaction.insert(&quad);
                added += 1;
            }
        }
        transaction.commit().map_err(|e| self.error(e))?;
        Ok(added)
    }

    /// Opens the store for writing with every table file opened at once, which makes RocksDB
    /// check each file's size and footer against its manifest: for `optimize` and `check`, which
    /// read them all anyway.
    pub fn open_every_file(path: &Path) -> Result<Self, Error> {
        Self::open_for_writing(
            path,
            StoreOptions::default().with_unlimited_max_open_files(),
        )
    }

    /// Compacts the store. A bulk load leaves many small files that every lookup must visit;
    /// after compaction a query reads a few.
    pub fn optimize(&self) -> Result<(), Error> {
        self.store.optimize().map_err(|e| self.error(e))
    }

    /// Reads the whole store, as `check` does: every quad of the main indexes (which decodes
    /// every term), then every quad again through the index by predicate, stopping at the first
    /// error (RocksDB verifies each block's checksum as it reads it). Returns the number of
    /// quads; a read error or a disagreement between the indexes is damage.
    pub fn read_everything(&self) -> Result<usize, Error> {
        let mut quads = 0usize;
        let mut predicates = std::collections::BTreeSet::new();
        for quad in self.store.iter() {
            let quad = quad.map_err(|e| self.error(e))?;
            quads += 1;
            predicates.insert(quad.predicate);
        }
        let mut by_predicate = 0usize;
        for predicate in &predicates {
            for quad in self
                .store
                .quads_for_pattern(None, Some(predicate.as_ref()), None, None)
            {
                quad.map_err(|e| self.error(e))?;
                by_predicate += 1;
            }
        }
        if by_predicate != quads {
            return Err(Error::StoreDamaged {
                path: self.path.clone(),
                source: format!(
                    "its index by predicate holds {by_predicate} quads, its main index {quads}"
                )
                .into(),
            });
        }
        Ok(quads)
    }

    /// Runs a SPARQL query over the union of all graphs; `name` names the query in errors.
    /// (User queries, with their bindings and time limit, go through [`crate::sparql`].)
    pub fn query(&self, sparql: &str, name: &str) -> Result<QueryResults<'static>, Error> {
        let mut prepared = match SparqlEvaluator::new().parse_query(sparql) {
            Ok(prepared) => prepared,
            // An update is no query: say so rather than where the parser expected SELECT.
            Err(_) if SparqlEvaluator::new().parse_update(sparql).is_ok() => {
                return Err(Error::UpdateNotSupported {
                    query: name.to_owned(),
                });
            }
            Err(source) => {
                return Err(Error::QuerySyntax {
                    query: name.to_owned(),
                    source,
                });
            }
        };
        prepared.dataset_mut().set_default_graph_as_union();
        prepared
            .on_store(&self.store)
            .execute()
            .map_err(|source| Error::Query {
                query: name.to_owned(),
                source,
            })
    }

    /// Runs a query prepared elsewhere (its bindings, dataset and cancellation token set, as
    /// [`crate::sparql::BoundQuery::prepare`] does), leaving its errors to the caller.
    pub fn evaluate(
        &self,
        query: PreparedSparqlQuery,
    ) -> Result<QueryResults<'static>, QueryEvaluationError> {
        query.on_store(&self.store).execute()
    }

    /// Writes the whole store. Graph-aware formats keep the graphs; Turtle and N-Triples get
    /// every distinct triple once, sorted so that each subject's triples stand together.
    /// `name` names the output in errors (`stdout`, or the file).
    pub fn export(&self, format: RdfFormat, out: impl Write, name: &str) -> Result<(), Error> {
        let serializer = crate::formats::serializer(format)?;
        let mut writer = serializer.for_writer(out);
        let write_err = |source: std::io::Error| Error::Write {
            path: name.to_owned(),
            source,
        };
        if format.supports_datasets() {
            for quad in self.store.iter() {
                let quad = quad.map_err(|e| self.error(e))?;
                writer.serialize_quad(&quad).map_err(write_err)?;
            }
        } else {
            let mut triples: Vec<oxigraph::model::Triple> = Vec::new();
            for quad in self.store.iter() {
                triples.push(quad.map_err(|e| self.error(e))?.into());
            }
            // Subjects grouped, in a stable order, comparing the terms' text where it lies
            // rather than writing each term out at every comparison.
            triples.sort_unstable_by(|a, b| {
                (
                    subject_key(&a.subject),
                    a.predicate.as_str(),
                    term_key(&a.object),
                )
                    .cmp(&(
                        subject_key(&b.subject),
                        b.predicate.as_str(),
                        term_key(&b.object),
                    ))
            });
            triples.dedup();
            for triple in &triples {
                writer.serialize_triple(triple).map_err(write_err)?;
            }
        }
        writer.finish().map_err(write_err)?;
        Ok(())
    }
}

/// Quads handed to the bulk loader at a time: large enough that it writes few, large files,
/// small enough that memory stays flat however many articles come.
const BULK_BATCH: usize = 500_000;
/// The bulk loader's own memory target.
const BULK_MEMORY_MB: usize = 512;

/// A bulk load in progress.
pub struct BulkLoad<'a> {
    loader: Option<BulkLoader<'a>>,
    pending: Vec<Quad>,
    path: &'a Path,
}

impl BulkLoad<'_> {
    /// Adds one article's quads (those of its graph and its shared triples) to the load.
    pub fn add_article(&mut self, iri: &str, quads: Vec<Quad>) -> Result<(), Error> {
        self.add_quads(shared::with_statements(iri, quads))
    }

    /// Adds a changed article's new version (its old one taken out already) to the load.
    pub fn add_replacement(&mut self, article: Replacement) -> Result<(), Error> {
        self.add_quads(article.quads)
    }

    fn add_quads(&mut self, quads: Vec<Quad>) -> Result<(), Error> {
        if self.pending.is_empty() {
            self.pending = quads;
        } else {
            self.pending.extend(quads);
        }
        if self.pending.len() >= BULK_BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        let quads = std::mem::take(&mut self.pending);
        match self.loader.as_mut() {
            Some(loader) if !quads.is_empty() => loader
                .load_quads(quads)
                .map_err(|e| store_error(self.path, e)),
            _ => Ok(()),
        }
    }

    /// Writes everything added into the store, all at once.
    pub fn commit(mut self) -> Result<(), Error> {
        self.flush()?;
        match self.loader.take() {
            Some(loader) => loader.commit().map_err(|e| store_error(self.path, e)),
            None => Ok(()),
        }
    }
}

/// A subject's sort key: IRIs before blank nodes, then the text.
fn subject_key(subject: &NamedOrBlankNode) -> (u8, &str) {
    match subject {
        NamedOrBlankNode::NamedNode(n) => (0, n.as_str()),
        NamedOrBlankNode::BlankNode(b) => (1, b.as_str()),
    }
}

/// An object's sort key: literals (by value, language, datatype), then IRIs, then the rest
/// (blank nodes) by their text.
fn term_key(term: &Term) -> (u8, Cow<'_, str>, &str, &str) {
    if let Term::Literal(l) = term {
        (
            0,
            l.value().into(),
            l.language().unwrap_or(""),
            l.datatype().as_str(),
        )
    } else if let Term::NamedNode(n) = term {
        (1, n.as_str().into(), "", "")
    } else {
        (2, term.to_string().into(), "", "")
    }
}

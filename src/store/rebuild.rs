//! Writing a store anew when a run replaces most of it. Taking an article's old graph out
//! costs a delete in each of the store's six indexes for every quad (see `shared`), about
//! 15 µs a quad on the bench's machine; copying a quad the run keeps into a new store, through
//! the bulk loader, about 11 µs. So when a run changes at least half of the stored articles,
//! the store is rebuilt instead ([`pays`]):
//!
//! 1. a new store is made beside the old one, in `<store>.rebuilding`;
//! 2. everything the run leaves as it is goes in: every graph but those of the changed
//!    articles, and the default graph but the shared triples that only they give;
//! 3. the run's articles go in as into any store (the changed ones as new);
//! 4. the new store is sealed and the two directories are exchanged in one step (Linux's
//!    `renameat2` with `RENAME_EXCHANGE`), then the old one is removed.
//!
//! Until the exchange the old store is whole and untouched, so a run killed at any point
//! leaves either the old store or the new one, never a mix; the half-built directory is
//! removed by the next writer. Commands that were waiting for the lock find the new store
//! (see `lock`). Where the directories cannot be exchanged (another system, a file system
//! without it) or the new one cannot be made beside the old, the changed articles are taken
//! out as usual.

use super::{GraphStore, shared};
use crate::error::Error;
use oxigraph::model::{GraphNameRef, NamedNodeRef, NamedOrBlankNode};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The fewest changed articles for which a rebuild is worth its fixed cost (a store created,
/// the ontology loaded, sealed and exchanged): below it, taking the old graphs out takes well
/// under a second anyway.
pub const REBUILD_FLOOR: usize = 64;

/// Whether writing the store anew costs less than taking `changed` of its `stored` articles
/// out: a kept article costs about as much to copy as a changed one to take out.
pub fn pays(stored: usize, changed: usize) -> bool {
    changed >= REBUILD_FLOOR && changed * 2 >= stored
}

/// Where the store at `store` (a canonical path) is rebuilt: `<store>.rebuilding`, beside it.
fn staging_path(store: &Path) -> Option<PathBuf> {
    let mut name = store.file_name()?.to_os_string();
    name.push(".rebuilding");
    Some(store.with_file_name(name))
}

fn dir_error(path: &Path, source: std::io::Error) -> Error {
    Error::StoreDirectory {
        path: path.to_path_buf(),
        source,
    }
}

/// The two directories [`prepare`] exchanges to find whether the file system can.
const PROBES: [&str; 2] = ["policegraph-probe-a", "policegraph-probe-b"];

/// Whether a directory entry is one a store or a rebuild's preparation makes: RocksDB's files,
/// policegraph's, or a probe.
fn is_store_entry(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    super::is_policegraph_file(name.as_ref().as_ref())
        || PROBES.contains(&name.as_ref())
        || ["CURRENT", "IDENTITY", "LOCK", "LOG"].contains(&name.as_ref())
        || ["LOG.old.", "MANIFEST-", "OPTIONS-"]
            .iter()
            .any(|prefix| name.starts_with(prefix))
        || [".sst", ".log", ".dbtmp", ".blob"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

/// Whether `dir` is what a rebuild leaves when killed: the half-built store (or the old one,
/// after the exchange), at any stage. A directory holding anything else is not policegraph's to
/// remove.
fn is_leftover(dir: &Path) -> std::io::Result<bool> {
    for entry in std::fs::read_dir(dir)? {
        if !is_store_entry(&entry?.file_name()) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Removes what a killed rebuild of the store at `store` left beside it. Called by a writer,
/// with the store's lock held, so no rebuild of it is under way.
pub(super) fn remove_leftover(store: &Path) -> Result<(), Error> {
    let Ok(store) = std::fs::canonicalize(store) else {
        return Ok(());
    };
    let Some(staging) = staging_path(&store) else {
        return Ok(());
    };
    match is_leftover(&staging) {
        Ok(true) => std::fs::remove_dir_all(&staging).map_err(|e| dir_error(&staging, e)),
        _ => Ok(()),
    }
}

/// Exchanges two directories in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Makes the empty directory `staging` and checks that two directories in it can be
/// exchanged: if they can, so can the store and `staging`, on the same file system.
fn prepare(staging: &Path) -> std::io::Result<()> {
    std::fs::create_dir(staging)?;
    let (a, b) = (staging.join(PROBES[0]), staging.join(PROBES[1]));
    std::fs::create_dir(&a)?;
    std::fs::create_dir(&b)?;
    let exchanged = exchange(&a, &b);
    std::fs::remove_dir(&a)?;
    std::fs::remove_dir(&b)?;
    exchanged
}

impl GraphStore {
    /// Starts a rebuild of this store: a new, empty store beside it (see the module), or
    /// `None` where it cannot be made there or put in place in one step.
    pub fn start_rebuild(&self) -> Result<Option<GraphStore>, Error> {
        let Some(staging) = std::fs::canonicalize(&self.path)
            .ok()
            .and_then(|store| staging_path(&store))
        else {
            return Ok(None);
        };
        if staging.exists() {
            // Not a leftover (the writer's open removed those): someone else's directory.
            return Ok(None);
        }
        if prepare(&staging).is_err() {
            let _ = std::fs::remove_dir_all(&staging);
            return Ok(None);
        }
        match GraphStore::open(&staging) {
            Ok(rebuilt) => Ok(Some(rebuilt)),
            Err(err) => {
                let _ = std::fs::remove_dir_all(&staging);
                Err(err)
            }
        }
    }

    /// Copies into `rebuilt` everything of this store that the articles of `leaving` do not
    /// take with them: every graph but theirs, and the default graph but the shared triples
    /// that only they give, with their statements (see `shared`).
    pub fn copy_kept(&self, rebuilt: &GraphStore, leaving: &HashSet<&str>) -> Result<(), Error> {
        let dropped = shared::forgotten(&self.store, leaving).map_err(|e| self.error(e))?;
        let mut load = rebuilt.bulk_load();
        let default: Vec<_> = self
            .store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .filter(|quad| quad.as_ref().map_or(true, |q| !dropped.contains(q)))
            .collect::<Result<_, _>>()
            .map_err(|e| self.error(e))?;
        load.add_quads(default)?;
        for graph in self.store.named_graphs() {
            let graph = graph.map_err(|e| self.error(e))?;
            if matches!(&graph, NamedOrBlankNode::NamedNode(g) if leaving.contains(g.as_str())) {
                continue;
            }
            let quads: Vec<_> = self
                .store
                .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
                .collect::<Result<_, _>>()
                .map_err(|e| self.error(e))?;
            load.add_quads(quads)?;
        }
        load.commit()
    }

    /// Copies into `rebuilt` the old version of each article of `changed` that did not go in
    /// (its file gone or unreadable since the survey, or its load failed), with the shared
    /// triples it gives: an article whose new version is missing keeps its old one.
    pub fn keep_missing(
        &self,
        rebuilt: &GraphStore,
        changed: &HashSet<String>,
    ) -> Result<(), Error> {
        let mut load = rebuilt.bulk_load();
        for iri in changed {
            if rebuilt.has_graph(iri)? {
                continue;
            }
            let article = NamedNodeRef::new_unchecked(iri);
            let quads =
                shared::with_descriptions(&self.store, article).map_err(|e| self.error(e))?;
            load.add_quads(quads)?;
        }
        load.commit()
    }

    /// Puts the store `rebuilt` (from [`GraphStore::start_rebuild`], everything loaded) in
    /// this one's place: seals it, exchanges the two directories, and removes this one's
    /// (which a failure here leaves for the next writer to remove). This store's lock is held
    /// until the exchange is done.
    pub fn replace_with(self, rebuilt: GraphStore) -> Result<(), Error> {
        let staging = rebuilt.path.clone();
        rebuilt.close()?;
        let GraphStore {
            store, lock, path, ..
        } = self;
        drop(store);
        let current = std::fs::canonicalize(&path).map_err(|e| dir_error(&path, e))?;
        exchange(&current, &staging).map_err(|e| dir_error(&path, e))?;
        let _ = std::fs::remove_dir_all(&staging);
        drop(lock);
        Ok(())
    }

    /// Gives up a rebuild: closes the new store and removes its directory, leaving the old
    /// store as it was.
    pub fn abandon_rebuild(rebuilt: GraphStore) {
        let staging = rebuilt.path.clone();
        drop(rebuilt);
        let _ = std::fs::remove_dir_all(&staging);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::ID;
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
    use std::collections::BTreeSet;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// An article's quads: a headline in its graph, and a person's name shared in the default
    /// graph.
    fn article(n: usize, person: &str) -> (String, Vec<Quad>) {
        let iri = format!("{ID}article/{n}");
        let graph = NamedNode::new_unchecked(&iri);
        let quads = vec![
            Quad::new(
                graph.clone(),
                NamedNode::new_unchecked("https://schema.org/headline"),
                Literal::new_simple_literal(format!("article {n}")),
                GraphName::NamedNode(graph),
            ),
            Quad::new(
                NamedNode::new_unchecked(format!("{ID}person/{person}")),
                NamedNode::new_unchecked("http://xmlns.com/foaf/0.1/name"),
                Literal::new_simple_literal(person),
                GraphName::DefaultGraph,
            ),
        ];
        (iri, quads)
    }

    fn all_quads(store: &GraphStore) -> Result<BTreeSet<String>, Box<dyn std::error::Error>> {
        let mut quads = BTreeSet::new();
        for quad in store.store.iter() {
            quads.insert(quad?.to_string());
        }
        Ok(quads)
    }

    /// A rebuild leaves out the changed articles with what only they give; one whose new version
    /// never came keeps its old version, shared triples and all; the rebuilt store takes the old
    /// one's place and nothing is left beside it.
    #[test]
    fn a_rebuild_leaves_out_the_changed_articles_and_keeps_those_not_loaded_again() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("store");
        let store = GraphStore::open(&path)?;
        let mut load = store.bulk_load();
        let (one, quads) = article(1, "alan-marsh");
        load.add_article(&one, quads)?;
        let (two, quads) = article(2, "beth-keane");
        load.add_article(&two, quads)?;
        let (three, quads) = article(3, "beth-keane");
        load.add_article(&three, quads)?;
        load.commit()?;
        let before = all_quads(&store)?;

        let rebuilt = store
            .start_rebuild()?
            .ok_or("no rebuild on this file system")?;
        let changed: HashSet<String> = [one.clone(), two.clone()].into();
        let leaving: HashSet<&str> = changed.iter().map(String::as_str).collect();
        store.copy_kept(&rebuilt, &leaving)?;
        let kept = all_quads(&rebuilt)?;
        assert!(!rebuilt.has_graph(&one)? && !rebuilt.has_graph(&two)?);
        assert!(rebuilt.has_graph(&three)?);
        assert!(
            !kept.iter().any(|q| q.contains("alan-marsh")),
            "a person only a changed article named was kept"
        );
        assert!(
            kept.iter().any(|q| q.contains("\"beth-keane\"")),
            "a person a kept article names went"
        );

        store.keep_missing(&rebuilt, &changed)?;
        assert_eq!(
            all_quads(&rebuilt)?,
            before,
            "the articles not loaded again did not get their old versions back"
        );
        store.replace_with(rebuilt)?;
        assert!(!dir.path().join("store.rebuilding").exists());
        let reopened = GraphStore::open_read_only(&path)?;
        assert_eq!(all_quads(&reopened)?, before);
        Ok(())
    }
}

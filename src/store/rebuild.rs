//! Writing a store anew when a run replaces most of it. Taking an article's old graph out
//! costs a delete in each of the store's six indexes for every quad (see `shared`), about
//! 15 µs a quad on a store of 3,000 articles and 23 µs on one of 10,000; copying a quad the
//! run keeps into a new store, through the bulk loader, about 11 µs. So when a run changes at
//! least half of the stored articles, the store is rebuilt instead ([`pays`]):
//!
//! 1. a new store is made beside the old one's directory, in `<directory>.rebuilding`, marked
//!    as a rebuild's ([`MARK`]), with the old directory's permissions;
//! 2. everything the run leaves as it is goes in: every graph but those of the changed
//!    articles, and the default graph but the shared triples that only they give;
//! 3. the run's articles go in as into any store (the changed ones as new), and a changed
//!    article whose new version did not go in gets its old one back;
//! 4. both stores are closed and sealed, their locks still held; the old directory is marked,
//!    the two are exchanged in one step (Linux's `renameat2` with `RENAME_EXCHANGE`), and the
//!    old one, now under the `.rebuilding` name, is removed.
//!
//! Until the exchange the old store's articles are as they were, so a run killed at any point
//! leaves either the old store or the new one, never a mix; the next writer removes a marked
//! `.rebuilding` directory, and nothing unmarked. Commands that were waiting for the lock find
//! the new store (see `lock`). A store is changed in place instead where it cannot be rebuilt
//! safely: its directory holds files that are not the store's, is a mount point, is the
//! working directory, or could not be given the old one's owner; the directory beside it
//! cannot be made or exchanged; or a directory of that name is not a rebuild's.

use super::{GraphStore, shared};
use crate::error::Error;
use oxigraph::model::{GraphNameRef, NamedNodeRef, NamedOrBlankNode};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The fewest changed articles for which a rebuild is worth its fixed cost (a store created,
/// the ontology loaded, sealed and exchanged): below it, taking the old graphs out takes well
/// under a second anyway.
const REBUILD_FLOOR: usize = 64;

/// The file that marks a directory as a rebuild's: the new store while it is built, the old
/// one from just before the exchange. Only a marked `.rebuilding` directory is ever removed.
pub(super) const MARK: &str = "policegraph-rebuilding";

/// The two directories [`prepare`] exchanges to find whether the file system can.
const PROBES: [&str; 2] = ["policegraph-probe-a", "policegraph-probe-b"];

/// Whether writing the store anew costs less than taking `changed` of its `stored` articles
/// out: a kept article costs about as much to copy as a changed one to take out.
pub fn pays(stored: usize, changed: usize) -> bool {
    changed >= REBUILD_FLOOR && changed * 2 >= stored
}

/// The store's directory (links resolved) and the directory it is rebuilt in, beside it.
fn places(store: &Path) -> Option<(PathBuf, PathBuf)> {
    let store = std::fs::canonicalize(store).ok()?;
    let mut name = store.file_name()?.to_os_string();
    name.push(".rebuilding");
    let staging = store.with_file_name(name);
    Some((store, staging))
}

/// Removes what a killed rebuild of the store at `store` left beside it: a marked
/// `.rebuilding` directory. Called by a writer with the store's lock held; a rebuild holds
/// that lock until it has removed its own, so none is under way.
pub(super) fn remove_leftover(store: &Path) -> Result<(), Error> {
    let Some((_, staging)) = places(store) else {
        return Ok(());
    };
    if !staging.join(MARK).exists() {
        // Killed before it was marked, a rebuild leaves an empty directory.
        let _ = std::fs::remove_dir(&staging);
        return Ok(());
    }
    match std::fs::remove_dir_all(&staging) {
        Err(source) if source.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::StoreDirectory {
                path: staging,
                source,
            })
        }
        _ => Ok(()),
    }
}

/// Whether a directory entry is one a store holds: RocksDB's files or policegraph's.
fn is_store_entry(name: &std::ffi::OsStr) -> bool {
    if super::is_policegraph_file(name) {
        return true;
    }
    let name = name.to_string_lossy();
    ["CURRENT", "IDENTITY", "LOCK", "LOG"].contains(&name.as_ref())
        || ["LOG.old.", "MANIFEST-", "OPTIONS-"]
            .iter()
            .any(|prefix| name.starts_with(prefix))
        || [".sst", ".log", ".blob"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

/// Whether the directory `store` may be exchanged for another and removed: it holds only the
/// store's files (anything else would go with it), is not a mount point (which cannot be
/// moved), and is not this process's working directory.
fn may_move(store: &Path) -> std::io::Result<bool> {
    for entry in std::fs::read_dir(store)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() || !is_store_entry(&entry.file_name()) {
            return Ok(false);
        }
    }
    let working = std::env::current_dir()?;
    Ok(!working.starts_with(store) && !is_mount_point(store))
}

/// Whether `dir` (a canonical path) is a mount point, as the system's mount table says.
#[cfg(target_os = "linux")]
fn is_mount_point(dir: &Path) -> bool {
    let Ok(table) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return true;
    };
    let dir = dir.to_string_lossy();
    table
        .lines()
        .filter_map(|line| line.split(' ').nth(4))
        .any(|point| unescape_mount_point(point) == dir)
}

#[cfg(not(target_os = "linux"))]
fn is_mount_point(_dir: &Path) -> bool {
    true
}

/// A mount point as the mount table writes it, with space, tab, newline and backslash as
/// octal escapes (`\040`).
fn unescape_mount_point(point: &str) -> String {
    let mut out = String::new();
    let mut rest = point;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let code = rest
            .get(at + 1..at + 4)
            .and_then(|o| u8::from_str_radix(o, 8).ok());
        match code {
            Some(byte) => {
                out.push(char::from(byte));
                rest = &rest[at + 4..];
            }
            None => {
                out.push('\\');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
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

/// Readies the directory `staging`, made by the caller, for the store at `store`: marks it,
/// gives it the store directory's permissions, and checks that it has the same owner and
/// group, and that two directories in it can be exchanged (if they can, so can `staging` and
/// `store`, beside it on the same file system).
fn prepare(store: &Path, staging: &Path) -> std::io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    std::fs::write(staging.join(MARK), "")?;
    let old = std::fs::metadata(store)?;
    std::fs::set_permissions(staging, old.permissions())?;
    let new = std::fs::metadata(staging)?;
    if (new.uid(), new.gid(), new.mode()) != (old.uid(), old.gid(), old.mode()) {
        return Ok(false);
    }
    let (a, b) = (staging.join(PROBES[0]), staging.join(PROBES[1]));
    std::fs::create_dir(&a)?;
    std::fs::create_dir(&b)?;
    let exchanged = exchange(&a, &b);
    std::fs::remove_dir(&a)?;
    std::fs::remove_dir(&b)?;
    Ok(exchanged.is_ok())
}

impl GraphStore {
    /// Starts a rebuild of this store: a new, empty store beside it (see the module), or
    /// `None` where the store cannot be rebuilt safely.
    pub fn start_rebuild(&self) -> Result<Option<GraphStore>, Error> {
        let Some((store, staging)) = places(&self.path) else {
            return Ok(None);
        };
        if !may_move(&store).unwrap_or(false) || std::fs::create_dir(&staging).is_err() {
            // A directory of that name that is not a leftover (the writer's open removed those)
            // is someone else's: left alone.
            return Ok(None);
        }
        let opened = match prepare(&store, &staging) {
            Ok(true) => GraphStore::open(&staging).map(Some),
            _ => Ok(None),
        };
        if !matches!(opened, Ok(Some(_))) {
            let _ = std::fs::remove_dir_all(&staging);
        }
        opened
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
    /// this one's place: closes and seals both, keeping their locks; marks this one's
    /// directory; exchanges the two; removes this one's (a failure there leaves it, marked,
    /// for the next writer) and lets the locks go. On an error before the exchange, the new
    /// store is removed and this one stays as it was, sealed.
    pub fn replace_with(self, rebuilt: GraphStore) -> Result<(), Error> {
        let staging = rebuilt.path.clone();
        let new_lock = match rebuilt.close_keeping_lock() {
            Ok(lock) => lock,
            Err(err) => {
                let _ = std::fs::remove_dir_all(&staging);
                self.close()?;
                return Err(err);
            }
        };
        let path = self.path.clone();
        let old_lock = self.close_keeping_lock()?;
        let placed = std::fs::canonicalize(&path).and_then(|current| {
            std::fs::write(current.join(MARK), "")?;
            if let Err(err) = exchange(&current, &staging) {
                let _ = std::fs::remove_file(current.join(MARK));
                return Err(err);
            }
            let _ = std::fs::remove_file(current.join(MARK));
            Ok(())
        });
        let _ = std::fs::remove_dir_all(&staging);
        drop((new_lock, old_lock));
        placed.map_err(|source| Error::RebuildNotPlaced { path, source })
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

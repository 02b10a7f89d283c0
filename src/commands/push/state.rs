//! What a store remembers of each remote it pushed to: the hash of every graph the remote
//! accepted, in `<store>/push-state/<hash of the protocol and URL>.tsv` (`hash<TAB>graph` a
//! line, after a comment naming the remote). It is rewritten whole, through a temporary file
//! renamed into place, every few seconds while a push runs and at its end, so that an
//! interrupted push leaves a state that is true, and the next push resends only what the remote
//! may lack. It lives beside the store's own files, which a push never writes.
//!
//! A push that ends with every graph on the remote also records the store's fingerprint
//! ([`GraphStore::fingerprint`](crate::store::GraphStore::fingerprint)) and how many graphs
//! there were (`# complete GRAPHS FINGERPRINT`): while the store keeps that fingerprint, the
//! next push knows without reading a graph that there is nothing to send.

use super::Protocol;
use crate::error::Error;
use crate::rdf::sha256_hex;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The state folder inside the store directory.
pub(crate) const FOLDER: &str = "push-state";
/// The line that records a complete push: `# complete GRAPHS FINGERPRINT`.
const COMPLETE: &str = "# complete ";
/// How often a running push saves its state.
const SAVE_EVERY: Duration = Duration::from_secs(2);

/// The graphs one remote holds, as far as this store knows.
pub(super) struct PushState {
    path: PathBuf,
    remote: String,
    hashes: BTreeMap<String, String>,
    /// The fingerprint of the store a push completed from, and its number of graphs.
    complete: Option<(String, usize)>,
    changed: bool,
    saved: Instant,
}

impl PushState {
    /// The state of the remote at `url` spoken to with `protocol` (empty if never pushed to).
    pub(super) fn load(store: &Path, url: &str, protocol: Protocol) -> Result<Self, Error> {
        let remote = format!("{protocol:?} {url}");
        let name = format!("{}.tsv", &sha256_hex(&remote)[..16]);
        let path = store.join(FOLDER).join(name);
        let mut hashes = BTreeMap::new();
        let mut complete = None;
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                for line in text.lines() {
                    if let Some(rest) = line.strip_prefix(COMPLETE) {
                        complete = rest.split_once(' ').and_then(|(graphs, fingerprint)| {
                            Some((fingerprint.to_owned(), graphs.parse().ok()?))
                        });
                    } else if let Some((hash, graph)) = line.split_once('\t') {
                        hashes.insert(graph.to_owned(), hash.to_owned());
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::PushState { path, source }),
        }
        Ok(PushState {
            path,
            remote,
            hashes,
            complete,
            changed: false,
            saved: Instant::now(),
        })
    }

    /// The hash of each graph the remote holds.
    pub(super) fn hashes(&self) -> HashMap<String, String> {
        self.hashes
            .iter()
            .map(|(g, h)| (g.clone(), h.clone()))
            .collect()
    }

    /// How many graphs the remote holds, if a push completed from a store of this fingerprint
    /// (then nothing has changed since, and nothing needs sending).
    pub(super) fn complete_from(&self, fingerprint: &str) -> Option<usize> {
        let (recorded, graphs) = self.complete.as_ref()?;
        (recorded == fingerprint).then_some(*graphs)
    }

    /// Records that the remote accepted `graph` with this hash.
    pub(super) fn record(&mut self, graph: String, hash: String) {
        self.hashes.insert(graph, hash);
        self.changed = true;
    }

    /// Forgets that a push completed (before one that sends: until it completes, the remote
    /// may lack something).
    pub(super) fn forget_complete(&mut self) {
        if self.complete.take().is_some() {
            self.changed = true;
        }
    }

    /// Records that the remote now holds every one of the `graphs` graphs of the store of
    /// this fingerprint.
    pub(super) fn record_complete(&mut self, fingerprint: String, graphs: usize) {
        if self.complete.as_ref() != Some(&(fingerprint.clone(), graphs)) {
            self.complete = Some((fingerprint, graphs));
            self.changed = true;
        }
    }

    /// Saves if the last save is a while ago. A failure here is left to the final save.
    pub(super) fn save_now_and_then(&mut self) {
        if self.saved.elapsed() >= SAVE_EVERY {
            let _ = self.save();
        }
    }

    /// Writes the state, whole, in place of the old one.
    pub(super) fn save(&mut self) -> Result<(), Error> {
        if !self.changed {
            return Ok(());
        }
        let error = |source| Error::PushState {
            path: self.path.clone(),
            source,
        };
        let folder = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder).map_err(error)?;
        let mut file = tempfile::NamedTempFile::new_in(folder).map_err(error)?;
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        writeln!(out, "# graphs pushed to {}", self.remote).map_err(error)?;
        if let Some((fingerprint, graphs)) = &self.complete {
            writeln!(out, "{COMPLETE}{graphs} {fingerprint}").map_err(error)?;
        }
        for (graph, hash) in &self.hashes {
            writeln!(out, "{hash}\t{graph}").map_err(error)?;
        }
        out.flush().map_err(error)?;
        drop(out);
        file.persist(&self.path).map_err(|e| error(e.error))?;
        self.changed = false;
        self.saved = Instant::now();
        Ok(())
    }
}

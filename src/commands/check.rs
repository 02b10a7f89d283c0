//! `policegraph check`: reads the whole store to find damage, and says what it found.

use super::Outcome;
use crate::error::Error;
use crate::store::GraphStore;
use std::path::Path;

/// Checks the store at `path`: its files against the seal its last writer left, every table
/// file's size and footer (RocksDB, at open), and every quad through two of its indexes. Damage
/// is an error (exit 1) that says what to do.
pub(super) fn check(path: &Path) -> Result<Outcome, Error> {
    if !path.join("CURRENT").exists() {
        return Err(Error::NoStore {
            path: path.to_path_buf(),
        });
    }
    let started = std::time::Instant::now();
    let store = GraphStore::open_every_file(path)?;
    let quads = store.read_everything()?;
    store.close()?;
    eprintln!(
        "store {} is sound: {quads} quads read in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Success)
}

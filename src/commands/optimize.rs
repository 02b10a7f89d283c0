//! `policegraph optimize`: compacts the store after a large ingest.

use super::Outcome;
use crate::error::Error;
use crate::store::GraphStore;
use std::path::Path;

/// Compacts the store at `path` and says how long it took. A damaged store is named, not
/// compacted: opening it checks every table file.
pub(super) fn optimize(path: &Path) -> Result<Outcome, Error> {
    let started = std::time::Instant::now();
    let store = GraphStore::open_every_file(path)?;
    store.optimize()?;
    store.close()?;
    eprintln!(
        "optimized store {} in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Success)
}

//! The seal: the list of the store's table files (`*.sst`) with their sizes, written by a
//! writer that closed the store cleanly, and checked by every later open. RocksDB reads a table
//! file only when a lookup needs it, so a damaged file (truncated by a full disk, a bad copy or
//! a crash of the disk) would otherwise surface, if at all, in the middle of a query, where
//! Oxigraph 0.5 may retry the failing read forever. A file missing or of another size than
//! sealed is damage, named at once.
//!
//! A writer removes the seal before it changes anything and writes a new one only after it has
//! closed the store, so a killed writer leaves no seal (and nothing to compare) rather than a
//! stale one: the next writer that closes cleanly seals the store again.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// The seal's file in the store directory.
pub(super) const SEAL: &str = "policegraph-seal";

/// What a check of the seal found wrong.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(super) struct Damage(String);

/// The table files of the store directory and their sizes.
fn table_files(store: &Path) -> std::io::Result<BTreeMap<String, u64>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(store)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".sst") && !name.starts_with("bulk-") {
            files.insert(name, entry.metadata()?.len());
        }
    }
    Ok(files)
}

/// Removes the seal (before a writer opens the store).
pub(super) fn unseal(store: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(store.join(SEAL)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Writes the seal (after a writer closed the store), through a temporary file renamed into
/// place.
pub(super) fn seal(store: &Path) -> std::io::Result<()> {
    let mut text = String::new();
    for (name, size) in table_files(store)? {
        text.push_str(&format!("{name} {size}\n"));
    }
    let mut file = tempfile::NamedTempFile::new_in(store)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(store.join(SEAL)).map_err(|e| e.error)?;
    Ok(())
}

/// Compares the table files with the seal, if there is one. A seal that cannot be read is
/// treated as none (the check is a safeguard, not a condition of use).
pub(super) fn check(store: &Path) -> std::io::Result<Result<(), Damage>> {
    let Ok(text) = std::fs::read_to_string(store.join(SEAL)) else {
        return Ok(Ok(()));
    };
    let files = table_files(store)?;
    for line in text.lines() {
        let Some((name, size)) = line.rsplit_once(' ') else {
            continue;
        };
        let Ok(sealed) = size.parse::<u64>() else {
            continue;
        };
        match files.get(name) {
            None => return Ok(Err(Damage(format!("table file {name} is missing")))),
            Some(&found) if found != sealed => {
                return Ok(Err(Damage(format!(
                    "table file {name} has {found} bytes where {sealed} were written"
                ))));
            }
            Some(_) => {}
        }
    }
    Ok(Ok(()))
}

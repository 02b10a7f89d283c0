//! Who may have the store open at once: any number of readers (`query`, `export`, `dot`,
//! `check`) or one writer (`ingest`, `optimize`), never both. Oxigraph documents opening a store
//! read-only beside a writer as undefined behaviour (the writer's compactions delete files the
//! reader is about to read), so every open takes an advisory lock first:
//!
//! - the writer lock, held exclusively by a writer for as long as the store is open: a second
//!   writer is refused at once, with a one-line error;
//! - the access lock, held exclusively by a writer and shared by readers: a reader that finds a
//!   writer waits for it to finish (saying so once on stderr), and a writer waits for the
//!   readers that are running.
//!
//! The locks are `flock`s on two files in the store directory (std `File::lock`), released by
//! the system when the process ends, however it ends (a `kill -9` leaves no stale lock).

use crate::error::Error;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::Path;

/// Held exclusively by the one writer.
const WRITER: &str = "policegraph-writer.lock";
/// Held exclusively by the writer, shared by readers.
const ACCESS: &str = "policegraph-access.lock";

/// Whether a file of the store directory is one of these lock files (not RocksDB's).
pub(super) fn is_lock_file(name: &std::ffi::OsStr) -> bool {
    name == WRITER || name == ACCESS
}

/// The locks a process holds on a store, released when dropped.
#[derive(Debug)]
pub(super) struct StoreLock {
    files: Vec<(&'static str, File)>,
}

impl StoreLock {
    /// Whether the files locked are still those of the store directory `store`. A rebuild
    /// (see `rebuild`) exchanges the store directory for a new one while others wait for its
    /// lock: a process that was waiting holds the old directory's lock when it gets it, and
    /// must lock the new one's instead.
    #[cfg(unix)]
    fn still_in(&self, store: &Path) -> Result<bool, Error> {
        use std::os::unix::fs::MetadataExt;
        for (name, file) in &self.files {
            let locked = file.metadata().map_err(|e| lock_error(store, name, e))?;
            match std::fs::metadata(store.join(name)) {
                Ok(now) if (now.dev(), now.ino()) == (locked.dev(), locked.ino()) => {}
                Ok(_) => return Ok(false),
                Err(e) if e.kind() == ErrorKind::NotFound => return Ok(false),
                Err(e) => return Err(lock_error(store, name, e)),
            }
        }
        Ok(true)
    }

    /// Elsewhere a store is never rebuilt (see `rebuild`): its lock files stay where they are.
    #[cfg(not(unix))]
    fn still_in(&self, _store: &Path) -> Result<bool, Error> {
        Ok(true)
    }
}

fn lock_error(store: &Path, file: &str, source: std::io::Error) -> Error {
    Error::StoreLockFile {
        path: store.join(file),
        source,
    }
}

/// Opens (creating if needed) one lock file of the store directory `store`.
fn open_lock_file(store: &Path, name: &str) -> Result<File, Error> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(store.join(name))
        .map_err(|e| lock_error(store, name, e))
}

/// Takes the writer's locks on the existing directory `store`: refuses at once if another
/// writer has it, waits (saying so) while readers do.
pub(super) fn lock_for_writing(store: &Path) -> Result<StoreLock, Error> {
    loop {
        let lock = try_lock_for_writing(store)?;
        if lock.still_in(store)? {
            return Ok(lock);
        }
    }
}

/// [`lock_for_writing`] on the lock files found at the start, whichever directory holds them
/// by the time the locks are taken.
fn try_lock_for_writing(store: &Path) -> Result<StoreLock, Error> {
    let writer = open_lock_file(store, WRITER)?;
    match writer.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(Error::StoreLocked {
                path: store.to_path_buf(),
                source: None,
            });
        }
        Err(TryLockError::Error(e)) => return Err(lock_error(store, WRITER, e)),
    }
    let access = open_lock_file(store, ACCESS)?;
    match access.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            waiting(
                store,
                "the commands reading it (query, export, dot, check, push, or a running serve: stop it with Ctrl-C)",
            );
            access.lock().map_err(|e| lock_error(store, ACCESS, e))?;
        }
        Err(TryLockError::Error(e)) => return Err(lock_error(store, ACCESS, e)),
    }
    Ok(StoreLock {
        files: vec![(WRITER, writer), (ACCESS, access)],
    })
}

/// Takes a reader's shared lock on the store directory `store`, waiting (saying so) while a
/// writer has it. A store whose directory this process may not write, and which has no lock
/// file yet, was never opened for writing by this version of policegraph: it is read without a
/// lock.
pub(super) fn lock_for_reading(store: &Path) -> Result<Option<StoreLock>, Error> {
    loop {
        match try_lock_for_reading(store)? {
            Some(lock) if !lock.still_in(store)? => continue,
            lock => return Ok(lock),
        }
    }
}

/// [`lock_for_reading`] on the lock file found at the start, whichever directory holds it by
/// the time the lock is taken.
fn try_lock_for_reading(store: &Path) -> Result<Option<StoreLock>, Error> {
    let access = match open_lock_file(store, ACCESS) {
        Ok(file) => file,
        Err(Error::StoreLockFile { source, .. })
            if matches!(
                source.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            match File::open(store.join(ACCESS)) {
                Ok(file) => file,
                Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(lock_error(store, ACCESS, e)),
            }
        }
        Err(e) => return Err(e),
    };
    match access.try_lock_shared() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            waiting(store, "the ingest or optimize writing it");
            access
                .lock_shared()
                .map_err(|e| lock_error(store, ACCESS, e))?;
        }
        Err(TryLockError::Error(e)) => return Err(lock_error(store, ACCESS, e)),
    }
    Ok(Some(StoreLock {
        files: vec![(ACCESS, access)],
    }))
}

/// Says on stderr, once, that a command waits for another. (A notice, not an error: the
/// command goes on when the other ends. The store layer prints it itself so that every command
/// that opens a store says it the same way.)
fn waiting(store: &Path, for_what: &str) {
    eprintln!(
        "policegraph: store {}: waiting for {for_what} to finish",
        store.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_taken_before_the_directory_was_exchanged_is_taken_again_on_the_new_one()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let store = dir.path().join("store");
        std::fs::create_dir(&store)?;
        let old = lock_for_reading(&store)?.ok_or("no lock")?;
        assert!(old.still_in(&store)?);
        // What a rebuild does while a reader waits: another directory under the store's name.
        std::fs::rename(&store, dir.path().join("old"))?;
        std::fs::create_dir(&store)?;
        assert!(!old.still_in(&store)?, "the old directory's lock passed");
        let new = lock_for_reading(&store)?.ok_or("no lock")?;
        assert!(new.still_in(&store)?);
        drop((old, new));
        let writer = lock_for_writing(&store)?;
        assert!(writer.still_in(&store)?);
        Ok(())
    }

    /// A reader that was waiting for a writer while the store's directory was exchanged for
    /// another (a rebuild) ends up holding the new directory's lock, not the old one's.
    #[test]
    fn a_reader_waiting_across_an_exchange_ends_with_the_new_directorys_lock()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let store = dir.path().join("store");
        std::fs::create_dir(&store)?;
        let writer = lock_for_writing(&store)?;
        let reader = std::thread::spawn({
            let store = store.clone();
            move || lock_for_reading(&store).map_err(|e| e.to_string())
        });
        // Time for the reader to open the old directory's lock file and wait on it.
        std::thread::sleep(std::time::Duration::from_millis(500));
        std::fs::rename(&store, dir.path().join("old"))?;
        std::fs::create_dir(&store)?;
        drop(writer);
        let lock = reader.join().map_err(|_| "the reader panicked")??;
        let lock = lock.ok_or("no lock")?;
        assert!(
            lock.still_in(&store)?,
            "the reader kept the old directory's lock"
        );
        Ok(())
    }
}

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
    _files: Vec<File>,
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
        _files: vec![writer, access],
    })
}

/// Takes a reader's shared lock on the store directory `store`, waiting (saying so) while a
/// writer has it. A store whose directory this process may not write, and which has no lock
/// file yet, was never opened for writing by this version of policegraph: it is read without a
/// lock.
pub(super) fn lock_for_reading(store: &Path) -> Result<Option<StoreLock>, Error> {
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
        _files: vec![access],
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

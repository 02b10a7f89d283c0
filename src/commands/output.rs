//! Where results go: stdout, or the file given with `-o`, replaced only when the command
//! succeeds.

use crate::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A failed write to stdout.
pub(super) fn stdout_error(source: std::io::Error) -> Error {
    Error::Write {
        path: "stdout".into(),
        source,
    }
}

/// Writes to `-o FILE` through a temporary file renamed into place on success, or to stdout;
/// `body` gets the writer and the name its errors give (`stdout` or the file). A symbolic link
/// is written through (the file it points to is replaced, the link stays); a read-only file is
/// refused, not replaced.
pub(super) fn write_output(
    output: Option<&Path>,
    body: impl FnOnce(&mut dyn Write, &str) -> Result<(), Error>,
) -> Result<(), Error> {
    let Some(output) = output else {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        body(&mut out, "stdout")?;
        return out.flush().map_err(stdout_error);
    };
    let name = output.display().to_string();
    let write_err = |source| Error::Write {
        path: name.clone(),
        source,
    };
    let path = follow_links(output).map_err(write_err)?;
    let existing = match std::fs::metadata(&path) {
        Ok(metadata) => Some(metadata),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(write_err(e)),
    };
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        return Err(Error::ReadOnlyOutput {
            path: output.to_path_buf(),
        });
    }
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        // A device or a pipe (`-o /dev/stdout`) is written to, not replaced.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .map_err(write_err)?;
        let mut out = std::io::BufWriter::new(file);
        body(&mut out, &name)?;
        return out.flush().map_err(write_err);
    }
    let existing = existing.map(|m| m.permissions());
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(write_err)?;
    {
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        body(&mut out, &name)?;
        out.flush().map_err(write_err)?;
    }
    file.as_file().sync_all().map_err(write_err)?;
    // A temporary file is private: the output keeps the permissions of the file it replaces,
    // or is an ordinary file.
    let permissions = match existing {
        Some(permissions) => permissions,
        None => new_file_permissions(file.as_file()).map_err(write_err)?,
    };
    file.as_file()
        .set_permissions(permissions)
        .map_err(write_err)?;
    file.persist(&path).map_err(|e| write_err(e.error))?;
    Ok(())
}

/// The permissions of a new output file: readable by all, writable by its owner (elsewhere than
/// Unix, those the temporary file has).
fn new_file_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file;
        Ok(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        file.metadata().map(|m| m.permissions())
    }
}

/// The file a path names once symbolic links are followed (the path itself if it is no link);
/// the file need not exist (a link may point to a file not written yet).
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // As the system does, give up after 40 links.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path),
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

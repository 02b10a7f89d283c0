//! Where results go: stdout, or the file given with `-o`, replaced only when the command
//! succeeds.

use crate::error::Error;
use std::io::Write;
use std::path::Path;

/// A failed write to stdout.
pub(super) fn stdout_error(source: std::io::Error) -> Error {
    Error::Write {
        path: "stdout".into(),
        source,
    }
}

/// Writes to `-o FILE` through a temporary file renamed into place on success, or to stdout.
pub(super) fn write_output(
    output: Option<&Path>,
    body: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    let Some(path) = output else {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        body(&mut out)?;
        return out.flush().map_err(stdout_error);
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let write_err = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(write_err)?;
    {
        let mut out = std::io::BufWriter::new(file.as_file_mut());
        body(&mut out)?;
        out.flush().map_err(write_err)?;
    }
    // A temporary file is private; the output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(0o644);
        file.as_file().set_permissions(mode).map_err(write_err)?;
    }
    file.persist(path).map_err(|e| write_err(e.error))?;
    Ok(())
}

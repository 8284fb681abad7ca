//! Writing a fixed file without losing anything: the new text goes to a temporary file
//! in the directory of the file it replaces (the target of a symbolic link, so the link
//! stays a link), with the file's permissions and owner; the file's bytes are compared
//! with the bytes that were linted just before the temporary file is renamed over it. A
//! file changed since it was linted, or read-only, is left alone.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written: it changed since it was linted, it is read-only, or an
/// I/O error.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Changed,
    ReadOnly,
    Io(String),
}

/// Replaces the file at `path`, whose linted text (without a byte-order mark) was `old`,
/// by `new`, keeping the byte-order mark the file has.
pub fn replace(path: &Path, old: &str, new: &str) -> Result<(), Refusal> {
    let io = |e: std::io::Error| Refusal::Io(lint_core::source::io_reason(&e));
    let target = real_path(path).map_err(io)?;
    let meta = std::fs::metadata(&target).map_err(io)?;
    if is_read_only(&target, &meta) {
        return Err(Refusal::ReadOnly);
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let holds_old = |bytes: &[u8], bom: &[u8]| bytes.strip_prefix(bom) == Some(old.as_bytes());
    let before = std::fs::read(&target).map_err(io)?;
    let bom = bom_of(&before);
    if !holds_old(&before, bom) {
        return Err(Refusal::Changed);
    }
    let mut tmp = tempfile::Builder::new().prefix(".maplint-fix").tempfile_in(dir).map_err(io)?;
    tmp.as_file().set_permissions(meta.permissions()).map_err(io)?;
    keep_owner(tmp.as_file(), &meta)?;
    tmp.write_all(bom).and_then(|()| tmp.write_all(new.as_bytes())).and_then(|()| tmp.flush()).map_err(io)?;
    // The last look before the rename: the file must still hold the linted bytes.
    if !holds_old(&std::fs::read(&target).map_err(io)?, bom) {
        return Err(Refusal::Changed);
    }
    tmp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

/// The file a path names: itself, or the final target of a symbolic link.
fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        std::fs::canonicalize(path)
    } else {
        Ok(path.to_path_buf())
    }
}

/// A file is read-only when its mode grants no write permission (also to root, whom the
/// mode does not stop), or when this process may not open it for writing.
fn is_read_only(path: &Path, meta: &std::fs::Metadata) -> bool {
    meta.permissions().readonly()
        || std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied)
}

/// Gives the temporary file the owner and group of the file it replaces, when they differ
/// (a file of another user fixed by root); an error when that is not allowed, so that the
/// file is left alone rather than handed to another owner.
#[cfg(unix)]
fn keep_owner(tmp: &std::fs::File, meta: &std::fs::Metadata) -> Result<(), Refusal> {
    use std::os::unix::fs::MetadataExt;
    let why = |e: std::io::Error| Refusal::Io(format!("cannot keep its owner ({})", lint_core::source::io_reason(&e)));
    let mine = tmp.metadata().map_err(why)?;
    if (mine.uid(), mine.gid()) == (meta.uid(), meta.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(tmp, Some(meta.uid()), Some(meta.gid())).map_err(why)
}

#[cfg(not(unix))]
fn keep_owner(_tmp: &std::fs::File, _meta: &std::fs::Metadata) -> Result<(), Refusal> {
    Ok(())
}

/// The byte-order mark a file starts with, if any.
fn bom_of(bytes: &[u8]) -> &'static [u8] {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    if bytes.starts_with(BOM) {
        BOM
    } else {
        &[]
    }
}

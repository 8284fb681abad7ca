//! The cache for re-runs: per package, one file holding, for each of its files, the
//! content hash and what the engine made of it (facts and local findings, or "not
//! parsed" with the names of interest it was checked against, or why it failed to parse).
//! Package rules always run again, over the cached facts.
//!
//! Layout: `<cache dir>/CACHEDIR.TAG`, `<cache dir>/.gitignore` (`*`), and
//! `<cache dir>/<version>-<settings hash>/<package hash>.bin`. An entry file is a header
//! (magic, length, checksum) and a `postcard` payload; one that is missing, truncated,
//! corrupt or of another format is ignored and rebuilt, never trusted. Writes go to a
//! temporary file renamed over the entry, so a reader never sees half of one. A cache
//! that cannot be written (a read-only tree) is skipped without a word; one whose path is
//! a symbolic link or not a directory is not used (`Cache::open` says why).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::facts::FileFacts;
use crate::prefilter::Interest;
use crate::settings::Settings;

/// The first bytes of an entry file; the digit is the format's version.
const MAGIC: &[u8; 8] = b"MAPLINTA";
/// Magic, payload length, payload checksum.
const HEADER: usize = 8 + 8 + 8;

/// What the engine made of one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FileState {
    /// Parsed: its facts, and its local findings when they were looked for (files read
    /// for facts only have none).
    Parsed { facts: Box<FileFacts>, diagnostics: Option<Vec<Diagnostic>> },
    /// Not parsed: the prefilter showed it cannot matter, or (`test_file`) it is test code
    /// as a whole, held back whatever it holds. Its malformed suppression comments (line,
    /// what is wrong), which are reported all the same; whether the local rules' triggers
    /// were looked for (they are only in files whose findings are reported).
    Unparsed { malformed: Vec<(u32, String)>, for_report: bool, test_file: bool },
    /// It could not be parsed or analysed: why.
    Failed(String),
}

/// When a file was last changed, as far as the file system tells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub mtime_ns: u128,
    pub size: u64,
}

impl Stamp {
    /// The stamp of a file's metadata; `None` when the modification time is unknown or
    /// so recent that a change within the same clock tick could go unseen.
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let mtime = meta.modified().ok()?;
        let recent = SystemTime::now().duration_since(mtime).map_or(true, |age| age < Duration::from_secs(2));
        if recent {
            return None;
        }
        let mtime_ns = mtime.duration_since(UNIX_EPOCH).ok()?.as_nanos();
        Some(Stamp { mtime_ns, size: meta.len() })
    }
}

/// One file's entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The absolute path.
    pub path: String,
    /// `None`: the content must be hashed again to use the record.
    pub stamp: Option<Stamp>,
    /// `xxh3` of the file's bytes.
    pub hash: u64,
    pub state: FileState,
}

/// One package's entry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PackageEntry {
    /// The names of interest every `Unparsed` file was checked against.
    pub interest: Interest,
    pub files: Vec<FileRecord>,
}

/// The cache of one project for one version and one set of settings.
#[derive(Clone, Debug)]
pub struct Cache {
    /// The cache directory (`.maplint_cache`).
    root: PathBuf,
    /// `<root>/<version>-<settings hash>`.
    dir: PathBuf,
}

impl Cache {
    /// The cache under `root` for these settings. Nothing is read or written yet.
    pub fn new(root: &Path, settings: &Settings) -> Cache {
        let key = format!("{}-{:016x}", env!("CARGO_PKG_VERSION"), settings_hash(settings));
        Cache { root: root.to_path_buf(), dir: root.join(key) }
    }

    /// The cache under `root`, unless `root` (or the directory of these settings below
    /// it) is a symbolic link or exists and is not a directory: such a cache is not used,
    /// so that nothing is written through a link to elsewhere. The error names the path
    /// and says why.
    pub fn open(root: &Path, settings: &Settings) -> Result<Cache, (PathBuf, &'static str)> {
        let cache = Cache::new(root, settings);
        for dir in [&cache.root, &cache.dir] {
            if let Some(why) = not_a_directory(dir) {
                return Err((dir.clone(), why));
            }
        }
        Ok(cache)
    }

    /// The entry file of a package.
    fn entry_path(&self, package: Option<&Path>) -> PathBuf {
        let id = package.map_or_else(String::new, |p| p.to_string_lossy().into_owned());
        self.dir.join(format!("{:016x}.bin", xxhash_rust::xxh3::xxh3_64(id.as_bytes())))
    }

    /// The package's entry, if a sound one is stored.
    pub fn load(&self, package: Option<&Path>) -> Option<PackageEntry> {
        let bytes = std::fs::read(self.entry_path(package)).ok()?;
        decode(&bytes)
    }

    /// Stores the package's entry; failures are ignored.
    pub fn store(&self, package: Option<&Path>, entry: &PackageEntry) {
        let Some(bytes) = encode(entry) else { return };
        if self.prepare().is_err() {
            return;
        }
        let _ = write_atomic(&self.entry_path(package), &bytes);
    }

    /// Creates the directories and the marker files. A directory whose mode forbids
    /// writing is left alone, also when the user is one the mode does not stop (root).
    fn prepare(&self) -> std::io::Result<()> {
        let existing = self.dir.ancestors().find(|d| d.exists()).unwrap_or(Path::new("/"));
        if std::fs::metadata(existing)?.permissions().readonly() {
            return Err(std::io::ErrorKind::PermissionDenied.into());
        }
        std::fs::create_dir_all(&self.dir)?;
        // Checked again now that they exist: nothing is written through a link.
        if not_a_directory(&self.root).or_else(|| not_a_directory(&self.dir)).is_some() {
            return Err(std::io::ErrorKind::AlreadyExists.into());
        }
        let tag = self.root.join("CACHEDIR.TAG");
        if !tag.exists() {
            let text = "Signature: 8a477f597d28d172789f06886806bc55\n\
                        # This file is a cache directory tag created by maplint.\n\
                        # For information about cache directory tags see https://bford.info/cachedir/\n";
            write_atomic(&tag, text.as_bytes())?;
        }
        let ignore = self.root.join(".gitignore");
        if !ignore.exists() {
            write_atomic(&ignore, b"# Automatically created by maplint.\n*\n")?;
        }
        Ok(())
    }
}

/// Why a cache directory that exists cannot be used: it is a symbolic link, or not a
/// directory. `None` when it is a directory or does not exist.
fn not_a_directory(dir: &Path) -> Option<&'static str> {
    let meta = std::fs::symlink_metadata(dir).ok()?;
    if meta.file_type().is_symlink() {
        Some("is a symbolic link")
    } else if !meta.is_dir() {
        Some("exists and is not a directory")
    } else {
        None
    }
}

/// A hash of the settings that change what the engine stores for a file: the selected
/// rules (local findings and the prefilter's seeds), the configured map types, the rule
/// options, and whether test code is reported (else files that are test code as a whole
/// are never parsed).
fn settings_hash(settings: &Settings) -> u64 {
    let key =
        format!("{:?}|{:?}|{:?}|{}", settings.selected, settings.map_types, settings.rules, settings.include_tests);
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

/// The bytes of an entry file.
pub fn encode(entry: &PackageEntry) -> Option<Vec<u8>> {
    let payload = postcard::to_allocvec(entry).ok()?;
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    Some(out)
}

/// The entry an entry file holds; `None` for anything but a whole, sound one.
pub fn decode(bytes: &[u8]) -> Option<PackageEntry> {
    let (header, payload) = bytes.split_at_checked(HEADER)?;
    let word = |i: usize| header.get(i..i + 8).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes);
    if &header[..8] != MAGIC || word(8)? != payload.len() as u64 || word(16)? != xxhash_rust::xxh3::xxh3_64(payload) {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

/// Writes a file through a temporary file in the same directory and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests;

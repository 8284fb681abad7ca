//! Which linted file a profile's source path names: the one sharing the longest path
//! suffix with it, compared component by component against the file's absolute path, so
//! that absolute paths, paths relative to another directory, paths shortened to their
//! last components (dhat keeps three) and paths of another checkout all match.

use std::collections::HashMap;
use std::path::{Component, Path};

/// The linted files, by file name.
pub struct Files<'a> {
    by_name: HashMap<&'a str, Vec<(usize, Vec<String>)>>,
}

/// What a profile path matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    File(usize),
    /// Several linted files share its longest suffix.
    Ambiguous,
    None,
}

impl<'a> Files<'a> {
    /// `files`: display paths (relative to `cwd`, or absolute).
    pub fn new(files: &'a [String], cwd: &Path) -> Files<'a> {
        let mut by_name: HashMap<&str, Vec<(usize, Vec<String>)>> = HashMap::new();
        for (i, f) in files.iter().enumerate() {
            let Some(name) = f.rsplit('/').next() else { continue };
            let absolute = components(&cwd.join(f).to_string_lossy());
            by_name.entry(name).or_default().push((i, absolute));
        }
        Files { by_name }
    }

    /// The linted file a profile path names. A relative profile path (shortened, as dhat
    /// writes them) must be a whole suffix of the file's path: `serde-1.0.0/src/lib.rs` is
    /// not your `src/lib.rs`. An absolute one (another checkout) must share a directory
    /// as well as the file name, and never names the Rust toolchain's or downloaded
    /// crates' sources.
    pub fn find(&self, path: &str) -> Match {
        let parts = components(path);
        let absolute = path.starts_with(['/', '\\']) || path.as_bytes().get(1) == Some(&b':');
        let Some(name) = parts.last() else { return Match::None };
        if external(&parts) {
            return Match::None;
        }
        let Some(candidates) = self.by_name.get(name.as_str()) else { return Match::None };
        let mut best = (0, Match::None);
        for (i, file) in candidates {
            let common = parts.iter().rev().zip(file.iter().rev()).take_while(|(a, b)| a == b).count();
            let whole = common == parts.len();
            if !whole && (!absolute || common < 2) {
                continue;
            }
            if common > best.0 {
                best = (common, Match::File(*i));
            } else if common == best.0 {
                best.1 = Match::Ambiguous;
            }
        }
        best.1
    }
}

/// A path's normal components (`\` read as `/`; `.` dropped, `..` applied).
fn components(path: &str) -> Vec<String> {
    let unified = path.replace('\\', "/");
    let mut out: Vec<String> = Vec::new();
    for c in Path::new(&unified).components() {
        match c {
            Component::Normal(s) => out.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => drop(out.pop()),
            _ => {}
        }
    }
    out
}

/// Sources of the toolchain (`/rustc/<hash>/library/..`, `lib/rustlib/src/..`) or of
/// crates cargo downloaded (`.cargo/registry/src/..`, `.cargo/git/checkouts/..`).
fn external(parts: &[String]) -> bool {
    let at = |i: usize| parts.get(i).map_or("", String::as_str);
    (at(0) == "rustc" && at(2) == "library")
        || parts.windows(2).any(|w| {
            matches!(
                (w[0].as_str(), w[1].as_str()),
                (".cargo", "registry") | (".cargo", "git") | ("rustlib", "src") | ("cargo", "registry")
            )
        })
}

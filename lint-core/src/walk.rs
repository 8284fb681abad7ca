//! Finding the files to lint: walking directories with ripgrep's `ignore` walker
//! (`.gitignore` honoured, `target/`, hidden directories and symlinks skipped), explicit
//! file arguments, `--exclude` globs, and the package each file belongs to (SPEC §1).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use globset::{Glob, GlobMatcher};

use crate::settings::Settings;

/// A file the engine will read.
#[derive(Clone, Debug)]
pub struct FileJob {
    /// The path as it is opened.
    pub path: PathBuf,
    /// The path shown to users: relative to the current directory, `/`-separated.
    pub display: String,
    /// Findings are reported only in files the user asked for; the other files of their
    /// packages are read for facts only.
    pub report: bool,
    /// The package root (directory of the nearest `Cargo.toml` with `[package]`).
    pub package: Option<PathBuf>,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    pub jobs: Vec<FileJob>,
    /// Entries the walk could not visit: (display path, reason).
    pub skipped: Vec<(String, String)>,
}

/// Walks the given paths. A named path that does not exist is an error.
pub fn discover(paths: &[PathBuf], settings: &Settings) -> Result<Discovery, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let excludes = Excludes::new(&settings.exclude, &cwd)?;
    let mut packages = PackageFinder::default();
    let mut found: BTreeMap<PathBuf, FileJob> = BTreeMap::new();
    // The directory walk (index into `walked`) that found each file first.
    let mut walk_of: HashMap<PathBuf, usize> = HashMap::new();
    let mut walked: Vec<PathBuf> = Vec::new();
    let mut out = Discovery::default();

    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("{}: no such file or directory", p.display()),
            _ => format!("{}: {}", p.display(), crate::source::io_reason(&e)),
        })?;
        if meta.is_dir() {
            let w = walked.len();
            walked.push(absolute(&cwd, p));
            for path in walk_dir(p, settings, &excludes, &cwd, &mut out.skipped) {
                let abs = absolute(&cwd, &path);
                if let std::collections::btree_map::Entry::Vacant(e) = found.entry(abs.clone()) {
                    e.insert(job(path, &cwd, true));
                    walk_of.insert(abs, w);
                }
            }
        } else {
            let abs = absolute(&cwd, p);
            if excludes.is_excluded(&abs) {
                continue;
            }
            if !meta.is_file() {
                out.skipped.push((display(&cwd, p), "not a regular file".to_string()));
                continue;
            }
            if p.extension() != Some(std::ffi::OsStr::new("rs")) {
                out.skipped.push((display(&cwd, p), "not a Rust source file".to_string()));
                continue;
            }
            found.insert(abs, job(p.clone(), &cwd, true));
        }
    }

    // Index the whole package of every reported file (facts only, no findings). A package
    // inside a walked directory that the walk reached has all its files found already.
    let mut roots = BTreeSet::new();
    let mut reached = HashSet::new();
    packages.prime(found.keys());
    for (abs, job) in found.iter_mut() {
        job.package = packages.package_of(abs);
        if let Some(root) = &job.package {
            roots.insert(root.clone());
            if let Some(&w) = walk_of.get(abs).filter(|&&w| root.starts_with(&walked[w])) {
                reached.insert((w, root.clone()));
            }
        }
    }
    for root in roots {
        if (0..walked.len()).any(|w| reached.contains(&(w, root.clone()))) {
            continue;
        }
        let mut ignored = Vec::new();
        for path in walk_dir(&root, settings, &excludes, &cwd, &mut ignored) {
            let abs = absolute(&cwd, &path);
            if found.contains_key(&abs) || packages.package_of(&abs).as_deref() != Some(&root) {
                continue;
            }
            let mut j = job(path, &cwd, false);
            j.package = Some(root.clone());
            found.insert(abs, j);
        }
    }
    out.jobs = found.into_values().collect();
    Ok(out)
}

fn job(path: PathBuf, cwd: &Path, report: bool) -> FileJob {
    FileJob { display: display(cwd, &path), path, report, package: None }
}

/// The `.rs` files under `dir`, in path order. The walk runs on `settings.jobs` threads;
/// the entries it cannot visit go to `skipped`.
fn walk_dir(
    dir: &Path,
    settings: &Settings,
    excludes: &Excludes,
    cwd: &Path,
    skipped: &mut Vec<(String, String)>,
) -> Vec<PathBuf> {
    let honour = !settings.no_ignore;
    if honour {
        let abs = absolute(cwd, dir);
        if let Some(bad) = abs.ancestors().find_map(blocking_ignore_file) {
            skipped.push((display(cwd, dir), format!("not walked: {} is not a regular file", display(cwd, &bad))));
            return Vec::new();
        }
    }
    let blocked = std::sync::Arc::new(Mutex::new(Vec::new()));
    let blocked_in_filter = blocked.clone();
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .hidden(true)
        .parents(honour)
        .ignore(honour)
        .git_ignore(honour)
        .git_global(honour)
        .git_exclude(honour)
        .require_git(false)
        .follow_links(false)
        .threads(settings.jobs);
    let ex = excludes.clone();
    let cwd_owned = cwd.to_path_buf();
    builder.filter_entry(move |e| {
        let is_dir = e.file_type().is_some_and(|t| t.is_dir());
        if is_dir && e.depth() > 0 && e.file_name() == "target" {
            return false;
        }
        if ex.is_excluded(&absolute(&cwd_owned, e.path())) {
            return false;
        }
        if let Some(bad) = if is_dir && honour { blocking_ignore_file(e.path()) } else { None } {
            let reason = format!("not walked: {} is not a regular file", display(&cwd_owned, &bad));
            lock(&blocked_in_filter).push((display(&cwd_owned, e.path()), reason));
            return false;
        }
        true
    });
    let files = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(e) => {
                    let is_rs =
                        e.file_type().is_some_and(|t| t.is_file()) && e.path().extension().is_some_and(|x| x == "rs");
                    if is_rs {
                        lock(&files).push(e.into_path());
                    }
                }
                Err(err) => {
                    let path = error_path(&err).map(|p| display(cwd, p)).unwrap_or_default();
                    lock(&errors).push((path, walk_reason(&err)));
                }
            }
            ignore::WalkState::Continue
        })
    });
    skipped.append(&mut lock(&errors));
    skipped.append(&mut lock(&blocked));
    let mut files = files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort();
    files
}

/// A lock that a panicking holder left poisoned still holds what was pushed before.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// An ignore file of `dir` that exists but is neither a file nor a directory: the walker
/// would block reading it (a FIFO) or never finish (a device).
fn blocking_ignore_file(dir: &Path) -> Option<PathBuf> {
    [".gitignore", ".ignore", ".git/info/exclude"]
        .iter()
        .map(|name| dir.join(name))
        .find(|p| std::fs::metadata(p).is_ok_and(|m| !m.is_file() && !m.is_dir()))
}

fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}

fn walk_reason(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_reason(err),
        ignore::Error::Io(e) => crate::source::io_reason(e),
        ignore::Error::Loop { .. } => "symlink loop".to_string(),
        other => other.to_string(),
    }
}

/// The path joined to `cwd` when relative, with `.` components removed.
pub fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    let joined = if p.is_absolute() { p.to_path_buf() } else { cwd.join(p) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The path shown to users: relative to `cwd` when inside it, `/`-separated.
pub fn display(cwd: &Path, p: &Path) -> String {
    let abs = absolute(cwd, p);
    let shown = match abs.strip_prefix(cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => abs,
    };
    let parts: Vec<String> = shown
        .components()
        .map(|c| match c {
            Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    let joined = parts.join("/");
    if shown.has_root() && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// `--exclude` and configuration `exclude` globs, each relative to its directory.
#[derive(Clone, Default)]
struct Excludes {
    globs: Vec<(PathBuf, GlobMatcher, bool)>,
}

impl Excludes {
    fn new(patterns: &[(PathBuf, String)], cwd: &Path) -> Result<Excludes, String> {
        let mut globs = Vec::new();
        for (base, pat) in patterns {
            let anchored = pat.contains('/');
            let trimmed = pat.trim_start_matches("./").trim_end_matches('/');
            let glob = globset::GlobBuilder::new(trimmed)
                .literal_separator(anchored)
                .build()
                .or_else(|_| Glob::new(trimmed))
                .map_err(|e| format!("invalid exclude pattern `{pat}`: {e}"))?;
            globs.push((absolute(cwd, base), glob.compile_matcher(), anchored));
        }
        Ok(Excludes { globs })
    }

    fn is_excluded(&self, abs: &Path) -> bool {
        self.globs.iter().any(|(base, m, anchored)| {
            let Ok(rel) = abs.strip_prefix(base) else {
                return false;
            };
            if *anchored {
                let mut p = rel;
                loop {
                    if m.is_match(p) {
                        return true;
                    }
                    match p.parent() {
                        Some(parent) if !parent.as_os_str().is_empty() => p = parent,
                        _ => return false,
                    }
                }
            }
            rel.components().any(|c| m.is_match(Path::new(c.as_os_str())))
        })
    }
}

/// Finds and remembers package roots.
#[derive(Default)]
struct PackageFinder {
    is_package: HashMap<PathBuf, bool>,
    /// The package of the files of each directory seen.
    of_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl PackageFinder {
    /// Reads, in parallel, the manifests that `package_of` reads for these files: each
    /// directory above a file, from its own up to the first package root.
    fn prime<'p>(&mut self, files: impl Iterator<Item = &'p PathBuf>) {
        use rayon::prelude::*;
        let mut level: BTreeSet<&Path> = files.filter_map(|f| f.parent()).collect();
        while !level.is_empty() {
            let unknown: Vec<&Path> = level.iter().copied().filter(|d| !self.is_package.contains_key(*d)).collect();
            let read: Vec<bool> = unknown.par_iter().map(|d| has_package_table(&d.join("Cargo.toml"))).collect();
            self.is_package.extend(unknown.iter().map(|d| d.to_path_buf()).zip(read));
            level = level
                .into_iter()
                .filter(|d| self.is_package.get(*d) == Some(&false))
                .filter_map(Path::parent)
                .collect();
        }
    }

    fn package_of(&mut self, file: &Path) -> Option<PathBuf> {
        let parent = file.parent()?;
        if let Some(known) = self.of_dir.get(parent) {
            return known.clone();
        }
        let mut dir = Some(parent);
        let mut found = None;
        while let Some(d) = dir {
            let known = self.is_package.get(d).copied();
            let is = known.unwrap_or_else(|| {
                let v = has_package_table(&d.join("Cargo.toml"));
                self.is_package.insert(d.to_path_buf(), v);
                v
            });
            if is {
                found = Some(d.to_path_buf());
                break;
            }
            dir = d.parent();
        }
        self.of_dir.insert(parent.to_path_buf(), found.clone());
        found
    }
}

fn has_package_table(manifest: &Path) -> bool {
    // Reading a FIFO named Cargo.toml would block.
    if !std::fs::metadata(manifest).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(manifest) else {
        return false;
    };
    match text.parse::<toml::Table>() {
        Ok(t) => t.get("package").is_some_and(|p| p.is_table()),
        Err(_) => text.lines().any(|l| l.trim() == "[package]"),
    }
}

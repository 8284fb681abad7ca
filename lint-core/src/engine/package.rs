//! One package's way through the engine: each file is read (or found unchanged in the
//! cache), the prefilter's first round parses the files holding a seed, later rounds parse
//! the files that mention the package's names of interest until none is added; then the
//! package index, the package rules, and the suppression and resolution of the package's
//! findings. The package's facts live only while it runs.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{analyze_source, meta_of, Skipped};
use crate::cache::{Cache, FileRecord, FileState, PackageEntry, Stamp};
use crate::diagnostic::Diagnostic;
use crate::facts::FileFacts;
use crate::finding::Finding;
use crate::index::{IndexedFile, PackageIndex};
use crate::prefilter::{grow, with_declarations, Interest, Matcher, Seeds};
use crate::rule::Rule;
use crate::settings::Settings;
use crate::source::SourceText;
use crate::suppress::Suppressions;
use crate::walk::{self, FileJob};

mod report;
use report::findings;

/// What every package shares.
pub(super) struct Shared<'a> {
    pub settings: &'a Settings,
    /// The selected rules.
    pub rules: &'a [&'static dyn Rule],
    pub all_rules: &'a [&'static dyn Rule],
    /// The selected local rules.
    pub local: &'a [&'a dyn Rule],
    pub seeds: &'a Seeds,
    pub resolve: &'a (dyn Fn(&str) -> Option<&'static str> + Sync),
    pub cache: Option<&'a Cache>,
    pub cwd: &'a Path,
    /// The packages of the tree that are test code, as a whole or in part (`manifest`).
    pub test_packages: &'a crate::manifest::TestPackages,
    /// An unsaved buffer (absolute path, text) read instead of that file on disk; the
    /// cache is then not written.
    pub buffer: Option<(&'a Path, &'a str)>,
}

impl Shared<'_> {
    /// A file's text: the buffer's for the buffer's file, else the file on disk.
    fn read(&self, path: &Path, abs: &Path) -> Result<SourceText, String> {
        match self.buffer {
            Some((file, text)) if file == abs => Ok(SourceText::new(text.to_string())),
            _ => SourceText::read(path),
        }
    }

    /// Whether a file is the buffer's: its stamp on disk says nothing of its text.
    fn is_buffer(&self, abs: &Path) -> bool {
        self.buffer.is_some_and(|(file, _)| file == abs)
    }
}

/// What a package adds to the report.
#[derive(Default)]
pub(super) struct PackageReport {
    pub findings: Vec<Finding>,
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<String>,
    pub files_scanned: usize,
    pub files_parsed: usize,
    pub sources: BTreeMap<String, String>,
}

/// A file of the package being worked on.
struct Work<'j> {
    job: &'j FileJob,
    /// The absolute path: the cache's key, and where test directories are recognised.
    abs: PathBuf,
    /// `Err`: the file cannot be read, and why.
    record: Result<FileRecord, String>,
    /// The record is not the one the cache holds.
    changed: bool,
    /// Not parsed, and checked against the cached names of interest only.
    checked_old: bool,
    /// Parsed in this run (not taken from the cache).
    parsed: bool,
    /// Taken from the cache: the content is the cached one.
    cached: bool,
    /// The text that was parsed, kept for the files whose findings are reported: findings
    /// are resolved, and fixes computed, on exactly the bytes that were linted.
    text: Option<SourceText>,
    /// The text of a file read and left unparsed, kept while the prefilter's later rounds
    /// may scan it again, so that it is read once.
    pending: Option<SourceText>,
    /// The file is test code as a whole (`held_back`): left unparsed, it stays so.
    test_file: bool,
}

impl Work<'_> {
    fn facts(&self) -> Option<&crate::facts::FileFacts> {
        match &self.record {
            Ok(FileRecord { state: FileState::Parsed { facts, .. }, .. }) => Some(facts),
            _ => None,
        }
    }

    fn is_unparsed(&self) -> bool {
        matches!(&self.record, Ok(FileRecord { state: FileState::Unparsed { .. }, .. }))
    }

    /// Left unparsed, and may be parsed by a later round.
    fn may_parse(&self) -> bool {
        self.is_unparsed() && !self.test_file
    }
}

/// Whether the prefilter holds a file back as test code as a whole, known before any file
/// is parsed, when test code is not reported: under the package's `tests/`, `benches/` or
/// `examples/`, or in a test-support package or test-only target directory (`manifest`).
/// No finding is reported there and its facts never count for production code (SPEC §1),
/// so it is not parsed unless it declares a module under `#[path = ".."]`, which may place
/// a file of the package in the module tree. Without the prefilter (and on small trees)
/// every file is parsed, and every syntax error reported.
fn held_back(sh: &Shared, job: &FileJob, abs: &Path) -> bool {
    !sh.settings.include_tests
        && !sh.settings.no_prefilter
        && (crate::testcode::is_test_path(abs, job.package.as_deref())
            || sh.test_packages.is_test(job.package.as_deref(), abs))
}

/// Runs one package: `members` are its files, in path order.
pub(super) fn run(sh: &Shared, root: Option<&Path>, members: &[&FileJob]) -> PackageReport {
    let cached = sh.cache.and_then(|c| c.load(root));
    let (old_interest, old_count, mut by_path) = match cached {
        Some(e) => {
            let count = e.files.len();
            let map: HashMap<String, FileRecord> = e.files.into_iter().map(|r| (r.path.clone(), r)).collect();
            (Some(e.interest), count, map)
        }
        None => (None, 0, HashMap::new()),
    };
    let firsts: Vec<(&FileJob, PathBuf, Option<FileRecord>)> = members
        .iter()
        .map(|job| {
            let abs = walk::absolute(sh.cwd, &job.path);
            let cached = by_path.remove(abs.to_string_lossy().as_ref());
            (*job, abs, cached)
        })
        .collect();
    let mut works: Vec<Work> =
        firsts.into_par_iter().map(|(job, abs, cached)| first_pass(sh, job, abs, cached)).collect();

    // When every file was found unchanged in the cache, so are the names of interest.
    let unchanged = works.iter().all(|w| w.cached) && old_count == works.len();
    let interest = match &old_interest {
        Some(old) if unchanged => old.clone(),
        _ if sh.settings.no_prefilter => Interest::default(),
        _ if !sh.seeds.needs_interest() => {
            ancestors(sh, root, &mut works, &mut Ancestry::default());
            Interest::default()
        }
        _ => rounds(sh, root, &mut works, old_interest.as_ref()),
    };
    for w in &mut works {
        w.pending = None;
    }

    let mut report = findings(sh, root, &mut works);
    report.files_parsed = works.iter().filter(|w| w.parsed).count();
    if let Some(cache) = sh.cache.filter(|_| sh.buffer.is_none()) {
        let dirty = works.iter().any(|w| w.changed)
            || old_interest.as_ref() != Some(&interest)
            || old_count != works.iter().filter(|w| w.record.is_ok()).count();
        if dirty {
            let files = works.into_iter().filter_map(|w| w.record.ok()).collect();
            cache.store(root, &PackageEntry { interest, files });
        }
    }
    report
}

/// Reads a file, or takes it from the cache when unchanged, and parses it when it holds a
/// seed.
fn first_pass<'j>(sh: &Shared, job: &'j FileJob, abs: PathBuf, cached: Option<FileRecord>) -> Work<'j> {
    let test_file = held_back(sh, job, &abs);
    // The stamp serves the cache only: without one, no `stat` is spent on it.
    let stamp = if sh.is_buffer(&abs) || sh.cache.is_none() {
        None
    } else {
        std::fs::metadata(&job.path).ok().as_ref().and_then(Stamp::of)
    };
    // A file that became test code as a whole, or stopped being it (its package's
    // manifest changed), is read again.
    let usable = |r: &FileRecord| match &r.state {
        FileState::Parsed { diagnostics, .. } => (diagnostics.is_some() || !job.report) && !test_file,
        FileState::Unparsed { test_file: true, .. } => test_file,
        FileState::Unparsed { for_report, .. } => {
            !test_file && !sh.settings.no_prefilter && (*for_report || !job.report)
        }
        FileState::Failed(_) => !test_file,
    };
    let from_cache = |record: FileRecord, changed: bool| {
        let checked_old = matches!(record.state, FileState::Unparsed { .. });
        Work {
            job,
            abs: abs.clone(),
            record: Ok(record),
            changed,
            checked_old,
            parsed: false,
            cached: true,
            text: None,
            pending: None,
            test_file,
        }
    };
    let cached = match cached.filter(|r| usable(r)) {
        Some(c) if stamp.is_some() && c.stamp == stamp => return from_cache(c, false),
        other => other,
    };
    let src = match sh.read(&job.path, &abs) {
        Ok(src) => src,
        Err(reason) => {
            return Work {
                job,
                abs,
                record: Err(reason),
                changed: true,
                checked_old: false,
                parsed: false,
                cached: false,
                text: None,
                pending: None,
                test_file,
            }
        }
    };
    let hash = xxhash_rust::xxh3::xxh3_64(src.text.as_bytes());
    if let Some(mut c) = cached.filter(|c| c.hash == hash) {
        let changed = c.stamp != stamp;
        c.stamp = stamp;
        let mut w = from_cache(c, changed);
        w.text = job.report.then_some(src);
        return w;
    }
    let bytes = src.text.as_bytes();
    let parsed = if test_file {
        crate::prefilter::declares_path_module(bytes)
    } else {
        sh.settings.no_prefilter || sh.seeds.matches(bytes, job.report)
    };
    let state = if parsed {
        parse(sh, job, &abs, &src)
    } else {
        FileState::Unparsed { malformed: malformed(&src.text, sh.resolve), for_report: job.report, test_file }
    };
    let record = FileRecord { path: abs.to_string_lossy().into_owned(), stamp, hash, state };
    let (text, pending) = if parsed { (job.report.then_some(src), None) } else { (None, Some(src)) };
    Work {
        job,
        abs,
        record: Ok(record),
        changed: true,
        checked_old: false,
        parsed,
        cached: false,
        text,
        pending,
        test_file,
    }
}

/// The prefilter's later rounds: parses the files that mention the package's names of
/// interest until no file is added. Returns the final names, which every file left
/// unparsed was checked against.
fn rounds(sh: &Shared, root: Option<&Path>, works: &mut [Work], old: Option<&Interest>) -> Interest {
    let mut last: Option<Interest> = None;
    let mut base = Interest::new(sh.settings);
    let mut ancestry = Ancestry::default();
    // The works whose facts `base` has seen: at a fixpoint for them, they add no name
    // until another file's facts do.
    let mut seen: HashSet<usize> = HashSet::new();
    loop {
        let before = base.len();
        for (i, w) in works.iter().enumerate() {
            if let Some(f) = w.facts().filter(|_| seen.insert(i)) {
                f.names_of_interest(&mut base);
            }
        }
        if base.len() != before {
            grow(&mut base, works.iter().filter_map(Work::facts));
        }
        let ix = with_declarations(&base, works.iter().filter_map(Work::facts));
        let wanted = |old: bool| works.iter().any(|w| w.may_parse() && w.checked_old == old);
        let matcher = |wanted: bool, since: Option<&Interest>| {
            wanted.then(|| Matcher::new(&since.map_or_else(|| ix.clone(), |l| ix.minus(l))))
        };
        let fresh = matcher(wanted(false), last.as_ref());
        let since_old = matcher(wanted(true), old);
        let added: usize = works
            .par_iter_mut()
            .filter(|w| w.may_parse())
            .map(|w| {
                let m = if w.checked_old { &since_old } else { &fresh };
                w.checked_old = false;
                usize::from(m.as_ref().is_some_and(|m| !m.is_empty() && rescan(sh, w, &|t| m.matches(t))))
            })
            .sum::<usize>()
            + ancestors(sh, root, works, &mut ancestry);
        last = Some(ix);
        if added == 0 {
            return last.unwrap_or_default();
        }
    }
}

/// The files that may declare the module of a parsed file, gathered once per parsed file.
#[derive(Default)]
struct Ancestry {
    /// The works (by index) whose ancestor files are in `wanted`.
    done: HashSet<usize>,
    wanted: HashSet<PathBuf>,
}

/// Parses the unparsed files that may declare the module of a parsed file (see
/// `modtree::ancestor_files`) and do declare a module, until none is added; returns how
/// many were parsed.
fn ancestors(sh: &Shared, root: Option<&Path>, works: &mut [Work], ancestry: &mut Ancestry) -> usize {
    let mut total = 0;
    loop {
        for (i, w) in works.iter().enumerate() {
            if w.facts().is_some() && ancestry.done.insert(i) {
                ancestry.wanted.extend(crate::modtree::ancestor_files(&w.abs, root));
            }
        }
        let wanted = &ancestry.wanted;
        let added: usize = works
            .par_iter_mut()
            .filter(|w| w.may_parse() && wanted.contains(&w.abs))
            .map(|w| usize::from(rescan(sh, w, &crate::prefilter::declares_module_file)))
            .sum();
        if added == 0 {
            return total;
        }
        total += added;
    }
}

/// Reads an unparsed file again and parses it when it matches; true when it was parsed.
fn rescan(sh: &Shared, w: &mut Work, matches: &(dyn Fn(&[u8]) -> bool + Sync)) -> bool {
    let src = match w.pending.take().map_or_else(|| sh.read(&w.job.path, &w.abs), Ok) {
        Ok(src) => src,
        Err(reason) => {
            w.record = Err(reason);
            w.changed = true;
            return false;
        }
    };
    if !matches(src.text.as_bytes()) {
        w.pending = Some(src);
        return false;
    }
    let state = parse(sh, w.job, &w.abs, &src);
    if let Ok(r) = &mut w.record {
        let hash = xxhash_rust::xxh3::xxh3_64(src.text.as_bytes());
        if hash != r.hash {
            (r.hash, r.stamp) = (hash, None);
        }
        r.state = state;
    }
    w.changed = true;
    w.parsed = true;
    if w.job.report {
        w.text = Some(src);
    }
    true
}

/// Parses and analyses a file; a panic inside becomes a failure of that file.
fn parse(sh: &Shared, job: &FileJob, abs: &Path, src: &SourceText) -> FileState {
    let result = catch_unwind(AssertUnwindSafe(|| {
        analyze_source(src, abs, job.package.as_deref(), sh.local, sh.settings, sh.resolve, job.report)
    }));
    proc_macro2::extra::invalidate_current_thread_spans();
    match result {
        Ok(Ok((facts, diagnostics))) => {
            FileState::Parsed { facts: Box::new(facts), diagnostics: job.report.then_some(diagnostics) }
        }
        Ok(Err(reason)) => FileState::Failed(reason),
        Err(payload) => {
            let what = super::panic_message(&*payload);
            FileState::Failed(format!("internal error while analysing this file: {what}"))
        }
    }
}

/// The malformed suppression comments of a file that is not parsed.
fn malformed(text: &str, resolve: &dyn Fn(&str) -> Option<&'static str>) -> Vec<(u32, String)> {
    if memchr::memmem::find(text.as_bytes(), b"maplint:").is_none() {
        return Vec::new();
    }
    Suppressions::parse(text, resolve).malformed
}

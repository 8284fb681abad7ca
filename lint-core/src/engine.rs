//! The pipeline: walk -> per package, in parallel (`engine::package`): read each file,
//! prefilter, parse the files that can matter once -> local rules and facts -> drop the
//! tree -> package index -> package rules -> resolve, suppress, filter; then merge and
//! sort. Nothing here prints; the binary formats the `Report`.

mod package;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::cache::Cache;
use crate::diagnostic::Diagnostic;
use crate::facts::{self, FileFacts};
use crate::finding::Finding;
use crate::prefilter::Seeds;
use crate::rule::{Rule, RuleMeta};
use crate::settings::Settings;
use crate::source::SourceText;
use crate::suppress::Suppressions;
use crate::walk::{self, FileJob};

/// Stack size of the worker threads: deep but legal nesting must not overflow.
pub(crate) const WORKER_STACK: usize = 256 << 20;

/// A file that could not be linted, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by path, line, column, code.
    pub findings: Vec<Finding>,
    pub skipped: Vec<Skipped>,
    /// Malformed suppression comments: "path:line: what is wrong".
    pub warnings: Vec<String>,
    /// Files linted (read for findings), not counting files read for facts only.
    pub files_scanned: usize,
    /// Files parsed in this run, files read for facts included: the others were found
    /// unchanged in the cache, or shown by the prefilter not to matter.
    pub files_parsed: usize,
    /// Every Rust file the run read, linted or read for facts, by display path, sorted:
    /// a heap profile's frames are matched against them.
    pub files: Vec<String>,
    /// The heap profile the findings were measured against (`--profile`), as shown to
    /// users: set by the binary, which fills `Finding::profile`.
    pub profile: Option<String>,
    pub elapsed_ms: u128,
    /// The text of every file with a finding, by display path.
    pub sources: BTreeMap<String, String>,
    /// The rules that ran, in registry order (SARIF lists them as the run's rules).
    pub rules: Vec<&'static RuleMeta>,
}

/// An editor's unsaved text of one file: it stands for the file's content on disk.
#[derive(Clone, Copy, Debug)]
pub struct Buffer<'a> {
    /// The file (absolute, or relative to the current directory); it must exist on disk,
    /// which places it in its package.
    pub path: &'a Path,
    pub text: &'a str,
}

/// Lints the given paths with the selected rules.
pub fn run(paths: &[PathBuf], all_rules: &[&'static dyn Rule], settings: &Settings) -> Result<Report, String> {
    run_with(paths, all_rules, settings, None)
}

/// Lints one file whose text is an unsaved buffer, with the facts of the rest of its
/// package from the files on disk and the cache; findings are reported in that file only.
/// The cache is read, never written: it holds what is on disk.
pub fn run_buffer(buffer: Buffer, all_rules: &[&'static dyn Rule], settings: &Settings) -> Result<Report, String> {
    run_with(&[buffer.path.to_path_buf()], all_rules, settings, Some(buffer))
}

fn run_with(
    paths: &[PathBuf],
    all_rules: &[&'static dyn Rule],
    settings: &Settings,
    buffer: Option<Buffer>,
) -> Result<Report, String> {
    let start = Instant::now();
    let rules: Vec<&'static dyn Rule> =
        all_rules.iter().copied().filter(|r| settings.is_selected(r.meta().code)).collect();
    let local: Vec<&dyn Rule> = rules.iter().copied().filter(|r| r.is_local()).collect();
    let selected: Vec<&dyn Rule> = rules.iter().map(|r| *r as &dyn Rule).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.jobs)
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("maplint-{i}"))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let discovery = pool.install(|| walk::discover(paths, settings))?;
    // A small tree is parsed whole: parsing is cheap there, and every syntax error is reported.
    let whole;
    let settings = if !settings.no_prefilter && discovery.jobs.len() < settings.prefilter_min_files {
        whole = Settings { no_prefilter: true, ..settings.clone() };
        &whole
    } else {
        settings
    };
    let resolve = |word: &str| resolve_rule(all_rules, word);
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let seeds = Seeds::new(&selected, settings);
    let mut warnings = Vec::new();
    let cache = settings.cache_dir.as_deref().and_then(|dir| match Cache::open(dir, settings) {
        Ok(cache) => Some(cache),
        Err((path, why)) => {
            warnings.push(format!("cache directory {} {why}; not used", walk::display(&cwd, &path)));
            None
        }
    });
    let roots: Vec<&Path> = discovery
        .jobs
        .iter()
        .filter_map(|j| j.package.as_deref())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let test_packages = pool.install(|| crate::manifest::test_packages(&roots));
    let buffer = buffer.map(|b| (walk::absolute(&cwd, b.path), b.text));
    let shared = package::Shared {
        settings,
        rules: &rules,
        all_rules,
        local: &local,
        seeds: &seeds,
        resolve: &resolve,
        cache: cache.as_ref(),
        cwd: &cwd,
        test_packages: &test_packages,
        buffer: buffer.as_ref().map(|(path, text)| (path.as_path(), *text)),
    };

    // Files are grouped by package; each package runs on its own, and keeps its facts
    // only while it runs.
    let mut packages: BTreeMap<Option<PathBuf>, Vec<&FileJob>> = BTreeMap::new();
    for job in &discovery.jobs {
        packages.entry(job.package.clone()).or_default().push(job);
    }
    let packages: Vec<(Option<PathBuf>, Vec<&FileJob>)> = packages.into_iter().collect();
    let parts: Vec<package::PackageReport> = pool.install(|| {
        packages.par_iter().map(|(root, members)| package::run(&shared, root.as_deref(), members)).collect()
    });

    let mut report = Report { rules: rules.iter().map(|r| r.meta()).collect(), warnings, ..Report::default() };
    report.files = discovery.jobs.iter().map(|j| j.display.clone()).collect();
    report.files.sort();
    report.files.dedup();
    for (path, reason) in discovery.skipped {
        report.skipped.push(Skipped { path, reason });
    }
    for part in parts {
        report.findings.extend(part.findings);
        report.skipped.extend(part.skipped);
        report.warnings.extend(part.warnings);
        report.files_scanned += part.files_scanned;
        report.files_parsed += part.files_parsed;
        report.sources.extend(part.sources);
    }
    report.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report.findings.dedup();
    report.skipped.sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
    report.skipped.dedup();
    report.warnings.sort();
    report.elapsed_ms = start.elapsed().as_millis();
    Ok(report)
}

/// The message a caught panic carries (`panic!("..")` or a formatted one), or
/// `unknown panic`; for the reasons of files whose analysis panicked.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// A rule's metadata by code.
pub fn meta_of(rules: &[&'static dyn Rule], code: &str) -> Option<&'static RuleMeta> {
    rules.iter().map(|r| r.meta()).find(|m| m.code == code)
}

/// A rule code or kebab-case name to its code.
pub fn resolve_rule(rules: &[&'static dyn Rule], word: &str) -> Option<&'static str> {
    rules.iter().map(|r| r.meta()).find(|m| m.code.eq_ignore_ascii_case(word) || m.name == word).map(|m| m.code)
}

/// Parses and analyses one file: its facts, and its local findings when `report`.
pub fn analyze_source(
    src: &SourceText,
    path: &Path,
    package: Option<&Path>,
    local: &[&dyn Rule],
    settings: &Settings,
    resolve: &dyn Fn(&str) -> Option<&'static str>,
    report: bool,
) -> Result<(FileFacts, Vec<Diagnostic>), String> {
    let file = crate::syntax::parse_file(&src.text)?;
    let in_test_file = crate::testcode::is_test_path(path, package);
    let mut diagnostics =
        if report { crate::traverse::run_local_rules(&file, local, settings, in_test_file) } else { Vec::new() };
    if !diagnostics.is_empty() {
        let spans: Vec<_> = diagnostics.iter().map(|d| d.span).collect();
        for (d, anchor) in diagnostics.iter_mut().zip(crate::syntax::anchor_lines(&file, &spans)) {
            d.anchor_line = d.anchor_line.or(anchor);
        }
    }
    // Without a `maplint:` comment there is nothing to suppress and nothing malformed.
    let suppressions = if memchr::memmem::find(src.text.as_bytes(), b"maplint:").is_some() {
        Suppressions::parse(&src.text, resolve)
    } else {
        Suppressions::default()
    };
    let mut facts = facts::extract(&file, suppressions, in_test_file, settings);
    for need in diagnostics.iter().flat_map(|d| &d.needs_types) {
        let sig = &mut facts.signatures;
        crate::semantic::needed_names(need, &mut |name, is_fn| {
            let list = if is_fn { &mut sig.asked_fns } else { &mut sig.asked_types };
            if !list.iter().any(|n| n == name) {
                list.push(name.to_string());
            }
        });
    }
    Ok((facts, diagnostics))
}

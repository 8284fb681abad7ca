//! The pipeline: walk -> read and parse each file once, in parallel -> local rules and
//! facts -> drop the tree -> package index -> package rules -> resolve, suppress, filter
//! and sort. Nothing here prints; the binary formats the `Report`.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::facts::{self, FileFacts};
use crate::finding::Finding;
use crate::index::{IndexedFile, PackageIndex};
use crate::rule::{Rule, RuleMeta};
use crate::settings::Settings;
use crate::source::SourceText;
use crate::suppress::Suppressions;
use crate::walk::{self, FileJob};

/// Stack size of the worker threads: deep but legal nesting must not overflow.
const WORKER_STACK: usize = 256 << 20;

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
    pub elapsed_ms: u128,
    /// The text of every file with a finding, by display path.
    pub sources: BTreeMap<String, String>,
    /// The rules that ran, in registry order (SARIF lists them as the run's rules).
    pub rules: Vec<&'static RuleMeta>,
}

/// What the per-file stage produces.
struct FileOutcome {
    facts: FileFacts,
    diagnostics: Vec<Diagnostic>,
    skipped: Option<String>,
}

/// Lints the given paths with the selected rules.
pub fn run(paths: &[PathBuf], all_rules: &[&'static dyn Rule], settings: &Settings) -> Result<Report, String> {
    let start = Instant::now();
    let rules: Vec<&'static dyn Rule> =
        all_rules.iter().copied().filter(|r| settings.is_selected(r.meta().code)).collect();
    let local: Vec<&dyn Rule> = rules.iter().copied().filter(|r| r.is_local()).collect();
    let discovery = walk::discover(paths, settings)?;
    let resolve = |word: &str| resolve_rule(all_rules, word);

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(settings.jobs)
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("maplint-{i}"))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let outcomes: Vec<FileOutcome> = pool
        .install(|| discovery.jobs.par_iter().map(|job| analyze_guarded(job, &local, settings, &resolve)).collect());

    let mut report = Report { rules: rules.iter().map(|r| r.meta()).collect(), ..Report::default() };
    for (path, reason) in discovery.skipped {
        report.skipped.push(Skipped { path, reason });
    }
    let mut pending: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for (job, out) in discovery.jobs.iter().zip(&outcomes) {
        if let Some(reason) = &out.skipped {
            if job.report {
                report.skipped.push(Skipped { path: job.display.clone(), reason: reason.clone() });
            }
            continue;
        }
        if job.report {
            report.files_scanned += 1;
        }
        for (line, what) in &out.facts.suppressions.malformed {
            if job.report {
                report.warnings.push(format!("{}:{}: malformed suppression comment: {}", job.display, line, what));
            }
        }
    }

    // Group files by package and run the package rules over the merged facts.
    let mut packages: BTreeMap<Option<PathBuf>, Vec<usize>> = BTreeMap::new();
    for (i, job) in discovery.jobs.iter().enumerate() {
        if outcomes[i].skipped.is_none() {
            packages.entry(job.package.clone()).or_default().push(i);
        }
    }
    for (root, members) in packages {
        let files = members
            .iter()
            .map(|&i| IndexedFile {
                display: &discovery.jobs[i].display,
                facts: &outcomes[i].facts,
                report: discovery.jobs[i].report,
            })
            .collect();
        let index = PackageIndex::new(root, files, settings);
        for &i in &members {
            for d in &outcomes[i].diagnostics {
                let keep = match &d.needs_hash_map {
                    None => true,
                    Some(name) => index.map_kind(name).is_some_and(|k| k.is_hash_based()),
                };
                if keep {
                    pending.entry(i).or_default().push(d.clone());
                }
            }
        }
        for rule in &rules {
            let mut out = Vec::new();
            rule.check_package(&index, &mut out);
            for (k, d) in out {
                if let Some(&i) = members.get(k) {
                    pending.entry(i).or_default().push(d);
                }
            }
        }
    }

    // Filter, suppress and resolve, one file at a time.
    for (i, diags) in pending {
        let job = &discovery.jobs[i];
        if !job.report {
            continue;
        }
        let supp = &outcomes[i].facts.suppressions;
        let kept: Vec<Diagnostic> = diags
            .into_iter()
            .filter(|d| settings.include_tests || !d.in_test)
            .filter(|d| settings.is_selected(&d.code))
            .filter(|d| !supp.allows(&d.code, d.span.start.line, d.anchor_line))
            .collect();
        if kept.is_empty() {
            continue;
        }
        let Ok(src) = SourceText::read(&job.path) else {
            report.skipped.push(Skipped { path: job.display.clone(), reason: "file changed during the run".into() });
            continue;
        };
        for d in kept {
            let Some(meta) = meta_of(all_rules, &d.code) else { continue };
            let level = settings.severity.get(meta.code).copied().unwrap_or(meta.level);
            report.findings.push(Finding::resolve(d, meta, level, &job.display, &src));
        }
        report.sources.insert(job.display.clone(), src.text);
    }
    report.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report.findings.dedup();
    report.skipped.sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
    report.skipped.dedup();
    report.warnings.sort();
    report.elapsed_ms = start.elapsed().as_millis();
    Ok(report)
}

/// A rule's metadata by code.
pub fn meta_of(rules: &[&'static dyn Rule], code: &str) -> Option<&'static RuleMeta> {
    rules.iter().map(|r| r.meta()).find(|m| m.code == code)
}

/// A rule code or kebab-case name to its code.
pub fn resolve_rule(rules: &[&'static dyn Rule], word: &str) -> Option<&'static str> {
    rules.iter().map(|r| r.meta()).find(|m| m.code.eq_ignore_ascii_case(word) || m.name == word).map(|m| m.code)
}

fn analyze_guarded(
    job: &FileJob,
    local: &[&dyn Rule],
    settings: &Settings,
    resolve: &(dyn Fn(&str) -> Option<&'static str> + Sync),
) -> FileOutcome {
    let result = catch_unwind(AssertUnwindSafe(|| analyze(job, local, settings, resolve)));
    proc_macro2::extra::invalidate_current_thread_spans();
    result.unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        skipped(format!("internal error while analysing this file: {what}"))
    })
}

fn skipped(reason: String) -> FileOutcome {
    FileOutcome { facts: FileFacts::default(), diagnostics: Vec::new(), skipped: Some(reason) }
}

/// Reads, parses and analyses one file.
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
    let suppressions = Suppressions::parse(&src.text, resolve);
    Ok((facts::extract(&file, suppressions, in_test_file, settings), diagnostics))
}

fn analyze(
    job: &FileJob,
    local: &[&dyn Rule],
    settings: &Settings,
    resolve: &(dyn Fn(&str) -> Option<&'static str> + Sync),
) -> FileOutcome {
    let src = match SourceText::read(&job.path) {
        Ok(s) => s,
        Err(reason) => return skipped(reason),
    };
    // Package roots are absolute: so must the path be that is placed under one.
    let path = std::env::current_dir().map(|cwd| walk::absolute(&cwd, &job.path)).unwrap_or_else(|_| job.path.clone());
    match analyze_source(&src, &path, job.package.as_deref(), local, settings, resolve, job.report) {
        Ok((facts, diagnostics)) => FileOutcome { facts, diagnostics, skipped: None },
        Err(reason) => skipped(reason),
    }
}

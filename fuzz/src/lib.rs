//! Helpers shared by the fuzz targets: settings that select every rule, and the
//! per-file analysis the engine runs on one file, called directly so that a panic
//! reaches libFuzzer instead of being caught and reported as a skipped file.

use std::path::Path;

use lint_core::finding::Finding;
use lint_core::index::{IndexedFile, PackageIndex};
use lint_core::source::SourceText;
use lint_core::{Diagnostic, Rule, Settings};

/// Settings with every rule of `rules::ALL` selected and test code included.
pub fn all_rules(jobs: usize) -> Settings {
    let mut s = Settings { jobs, include_tests: true, no_ignore: true, ..Settings::default() };
    s.selected.extend(rules::ALL.iter().map(|r| r.meta().code.to_string()));
    s
}

/// What one analysis of a file produced, compared between two runs.
#[derive(Debug, PartialEq, Eq)]
pub struct Analysis {
    pub facts: lint_core::facts::FileFacts,
    pub diagnostics: Vec<Diagnostic>,
    pub findings: Vec<Finding>,
}

/// Analyses one file the way the engine does (local rules, facts, the package stage
/// with this file as its only member, resolution of every finding against the text).
pub fn analyze(src: &SourceText, settings: &Settings) -> Result<Analysis, String> {
    let local: Vec<&dyn Rule> = rules::ALL.iter().copied().filter(|r| r.is_local()).collect();
    let resolve = |word: &str| lint_core::engine::resolve_rule(rules::ALL, word);
    let path = Path::new("src/lib.rs");
    let result = lint_core::engine::analyze_source(src, path, Some(Path::new("")), &local, settings, &resolve, true);
    // The engine drops the thread's span table after every file; so must we, or it
    // grows with every input.
    proc_macro2::extra::invalidate_current_thread_spans();
    let (facts, mut diagnostics) = result?;

    let index =
        PackageIndex::new(None, vec![IndexedFile { display: "src/lib.rs", facts: &facts, report: true }], settings);
    diagnostics.retain(|d| match &d.needs_hash_map {
        None => true,
        Some(name) => index.map_kind(name).is_some_and(|k| k.is_hash_based()),
    });
    for s in &facts.structs {
        for f in &s.fields {
            let _ = index.map_kind_of(&f.ty);
        }
    }
    for rule in rules::ALL {
        let mut out = Vec::new();
        rule.check_package(&index, &mut out);
        diagnostics.extend(out.into_iter().map(|(_, d)| d));
    }
    let mut findings = Vec::new();
    for d in &diagnostics {
        let Some(meta) = lint_core::engine::meta_of(rules::ALL, &d.code) else { continue };
        findings.push(Finding::resolve(d.clone(), meta, meta.level, "src/lib.rs", src));
    }
    drop(index);
    Ok(Analysis { facts, diagnostics, findings })
}

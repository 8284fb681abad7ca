//! The checks of the fuzz targets, also run on every saved crash input by
//! `rules/tests/regressions.rs`: the per-file analysis the engine runs on one file,
//! called directly so that a panic reaches libFuzzer instead of being caught and
//! reported as a skipped file, and the whole engine on a small package cut from the
//! input, on one and on two threads.

use std::path::{Path, PathBuf};

use lint_core::finding::Finding;
use lint_core::index::{IndexedFile, PackageIndex};
use lint_core::source::SourceText;
use lint_core::{Diagnostic, Rule, Settings};

/// Where the pieces of a package input go, after `src/lib.rs`.
const MODULES: [&str; 4] = ["src/m0.rs", "src/m1/mod.rs", "tests/t2.rs", "benches/b3.rs"];

/// A line of its own that separates the pieces of a package input, when it has some.
pub const SPLIT: &str = "\n//--split--\n";

/// Settings with every rule of `rules::ALL` selected and test code included.
pub fn all_rules(jobs: usize) -> Settings {
    let mut s = Settings { jobs, include_tests: true, no_ignore: true, ..Settings::default() };
    s.selected.extend(rules::ALL.iter().map(|r| r.meta().code.to_string()));
    s
}

/// The bytes as one source file: parsing and the analysis must not panic, and two
/// analyses must agree exactly.
pub fn check_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = lint_core::syntax::parse_file(text);
    proc_macro2::extra::invalidate_current_thread_spans();
    // The engine skips files with NUL bytes as binary before parsing them.
    if text.contains('\0') {
        return;
    }
    let settings = all_rules(1);
    let src = SourceText::new(text.to_string());
    let first = analyze(&src, &settings);
    let second = analyze(&src, &settings);
    assert_eq!(first, second, "two analyses of the same input differ");
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

    let index = PackageIndex::new(
        None,
        vec![IndexedFile { display: "src/lib.rs", facts: &facts, report: true, module: vec![] }],
        settings,
    );
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

/// The bytes as a small package on disk, linted by the whole engine with every rule on
/// one and on two threads: no file skipped for an internal error, the same report.
pub fn check_package(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(dir) = tempfile::tempdir() else { return };
    if write_package(dir.path(), &split(&text)).is_err() {
        return;
    }
    let paths = [dir.path().to_path_buf()];
    let one = lint_core::run(&paths, rules::ALL, &all_rules(1)).expect("the run fails");
    let two = lint_core::run(&paths, rules::ALL, &all_rules(2)).expect("the run fails");
    for s in one.skipped.iter().chain(&two.skipped) {
        assert!(!s.reason.contains("internal error"), "{}: {}", s.path, s.reason);
    }
    assert_eq!(one.findings, two.findings, "findings differ between -j 1 and -j 2");
    assert_eq!(one.skipped, two.skipped);
    assert_eq!(one.warnings, two.warnings);
    assert_eq!(one.files_scanned, two.files_scanned);
    assert_eq!(one.sources, two.sources);
}

/// The body of `src/lib.rs` and of each module file: the input split at `SPLIT` lines
/// when it has some, else cut at line boundaries into three to five pieces.
pub fn split(text: &str) -> Vec<String> {
    let marked: Vec<&str> = text.split(SPLIT).collect();
    if marked.len() > 2 {
        // `src/lib.rs` and three modules as marked; whatever follows goes to the fourth.
        let keep = MODULES.len();
        let mut pieces: Vec<String> = marked.iter().take(keep).map(|s| s.to_string()).collect();
        if marked.len() > keep {
            pieces.push(marked[keep..].join(SPLIT));
        }
        return pieces;
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let count = 3 + lines.len() % 3;
    let per = lines.len().div_ceil(count).max(1);
    let mut pieces: Vec<String> = lines.chunks(per).map(|c| c.concat()).collect();
    while pieces.len() < 3 {
        pieces.push(String::new());
    }
    pieces
}

/// Writes a package: `Cargo.toml`, `src/lib.rs` (the first piece, declaring the first
/// two modules) and the other pieces at `MODULES`.
pub fn write_package(root: &Path, pieces: &[String]) -> std::io::Result<()> {
    std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"fuzzed\"\nversion = \"0.1.0\"\nedition = \"2021\"\n")?;
    let (lib, modules) = pieces.split_first().map_or(("", &[][..]), |(l, m)| (l.as_str(), m));
    let mut lib = lib.to_string();
    for (i, _) in modules.iter().enumerate().take(2) {
        lib.push_str(&format!("\nmod m{i};"));
    }
    write(root.join("src/lib.rs"), &lib)?;
    for (path, body) in MODULES.iter().zip(modules) {
        write(root.join(path), body)?;
    }
    Ok(())
}

fn write(path: PathBuf, body: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, body)
}

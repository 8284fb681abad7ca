//! Running the engine on a tree and rendering its whole report, for comparisons byte
//! for byte.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use lint_core::{Report, Settings};

pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

/// Every rule selected.
pub fn all_rules() -> Settings {
    let mut s = Settings { jobs: 2, ..Settings::default() };
    s.selected = rules::ALL.iter().map(|r| r.meta().code.to_string()).collect();
    s
}

pub fn run(path: &Path, settings: &Settings) -> Report {
    lint_core::run(&[path.to_path_buf()], rules::ALL, settings).unwrap()
}

/// Everything a run reports, as JSON: findings, skipped files, warnings, files scanned.
pub fn render(r: &Report) -> String {
    let doc = serde_json::json!({
        "findings": r.findings,
        "skipped": r.skipped,
        "warnings": r.warnings,
        "files_scanned": r.files_scanned,
        "sources": r.sources,
    });
    serde_json::to_string_pretty(&doc).unwrap()
}

/// Copies a directory tree.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

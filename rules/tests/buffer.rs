//! An unsaved buffer stands for its file: its findings are the buffer's, the facts of the
//! other files of its package come from disk (and the cache), and the cache is never
//! written from a buffer.

mod common;

use std::path::Path;

use common::all_rules;
use lint_core::{Buffer, Settings};

const GROWS: &str = "use std::collections::HashMap;\n\
use std::sync::{LazyLock, Mutex};\n\
pub static SEEN: LazyLock<Mutex<HashMap<u64, String>>> = LazyLock::new(Default::default);\n\
pub fn remember(id: u64, name: String) {\n    SEEN.lock().unwrap().insert(id, name);\n}\n";

/// A package whose `src/seen.rs` is empty on disk, with `src/forget.rs` holding `forget`.
fn package(forget: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"buf\"\nversion = \"0.1.0\"\n").unwrap();
    std::fs::write(root.join("src/lib.rs"), "mod forget;\nmod seen;\n").unwrap();
    std::fs::write(root.join("src/seen.rs"), "").unwrap();
    std::fs::write(root.join("src/forget.rs"), forget).unwrap();
    tmp
}

fn lint_buffer(root: &Path, text: &str, settings: &Settings) -> Vec<(String, u32, String)> {
    let path = root.join("src/seen.rs");
    let report = lint_core::run_buffer(Buffer { path: &path, text }, rules::ALL, settings).unwrap();
    report.findings.iter().map(|f| (f.code.to_string(), f.location.line, f.path.clone())).collect()
}

#[test]
fn the_buffer_is_linted_not_the_file_on_disk() {
    let tmp = package("pub fn nothing() {}\n");
    let found = lint_buffer(tmp.path(), GROWS, &all_rules());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1), ("ML001", 3));
    assert!(found[0].2.ends_with("src/seen.rs"), "{found:?}");
    // The file on disk is empty: a plain run finds nothing.
    let plain = lint_core::run(&[tmp.path().to_path_buf()], rules::ALL, &all_rules()).unwrap();
    assert!(plain.findings.is_empty(), "{:?}", plain.findings);
}

#[test]
fn removal_in_another_file_on_disk_clears_the_buffer_finding() {
    let tmp = package("pub fn forget(id: u64) {\n    crate::seen::SEEN.lock().unwrap().remove(&id);\n}\n");
    assert_eq!(lint_buffer(tmp.path(), GROWS, &all_rules()), Vec::new());
}

#[test]
fn a_buffer_that_does_not_parse_is_skipped_not_fatal() {
    let tmp = package("pub fn nothing() {}\n");
    let path = tmp.path().join("src/seen.rs");
    let text = "use std::collections::HashMap;\npub fn remember(id: u64 {\n";
    let report = lint_core::run_buffer(Buffer { path: &path, text }, rules::ALL, &all_rules()).unwrap();
    assert!(report.findings.is_empty());
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert!(report.skipped[0].path.ends_with("src/seen.rs"));
}

#[test]
fn a_buffer_run_reads_the_cache_and_never_writes_it() {
    let tmp = package("pub fn nothing() {}\n");
    let cache = tmp.path().join("cache");
    let settings = Settings { cache_dir: Some(cache.clone()), ..all_rules() };
    assert_eq!(lint_buffer(tmp.path(), GROWS, &settings).len(), 1);
    assert!(!cache.exists(), "a buffer run wrote the cache");
    // A plain run fills it; the buffer still wins over the cached (empty) file.
    lint_core::run(&[tmp.path().to_path_buf()], rules::ALL, &settings).unwrap();
    assert!(cache.exists());
    assert_eq!(lint_buffer(tmp.path(), GROWS, &settings).len(), 1);
}

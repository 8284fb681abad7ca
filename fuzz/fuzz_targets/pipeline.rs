//! Arbitrary bytes as a small package on disk (a `Cargo.toml`, `src/lib.rs` and two to
//! four more files cut from the input), linted by the whole engine with every rule, on
//! one and on two worker threads: no panic, no file skipped for an internal error, and
//! the same report both times.

#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;

/// Where the pieces of the input go, after `src/lib.rs`.
const MODULES: [&str; 4] = ["src/m0.rs", "src/m1/mod.rs", "tests/t2.rs", "benches/b3.rs"];

/// A line of its own that separates the pieces, when the input has one.
const SPLIT: &str = "\n//--split--\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pieces = split(&text);
    let Ok(dir) = tempfile::tempdir() else { return };
    if write_package(dir.path(), &pieces).is_err() {
        return;
    }
    let paths = [dir.path().to_path_buf()];
    let one = lint_core::run(&paths, rules::ALL, &maplint_fuzz::all_rules(1)).expect("the run fails");
    let two = lint_core::run(&paths, rules::ALL, &maplint_fuzz::all_rules(2)).expect("the run fails");
    for s in one.skipped.iter().chain(&two.skipped) {
        assert!(!s.reason.contains("internal error"), "{}: {}", s.path, s.reason);
    }
    assert_eq!(one.findings, two.findings, "findings differ between -j 1 and -j 2");
    assert_eq!(one.skipped, two.skipped);
    assert_eq!(one.warnings, two.warnings);
    assert_eq!(one.files_scanned, two.files_scanned);
    assert_eq!(one.sources, two.sources);
});

/// The body of `src/lib.rs` and of each module file: the input split at `SPLIT` lines
/// when it has some, else cut at line boundaries into three to five pieces.
fn split(text: &str) -> Vec<String> {
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

fn write_package(root: &Path, pieces: &[String]) -> std::io::Result<()> {
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

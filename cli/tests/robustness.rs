//! Guard rails against hostile conditions, tested by running the `maplint` binary on trees
//! generated at test time (SPEC §7): a 50 MB file, files deleted while the run goes on,
//! a read-only tree that must be left exactly as it was, and output that is byte for
//! byte the same whatever `--jobs`.
//! The trees are built on two findings: ML005 (`m.get(&k.to_string())`) and ML004 (a
//! `HashMap` built on every iteration of a loop).

#[path = "robustness/huge.rs"]
mod huge;
#[path = "robustness/jobs.rs"]
mod jobs;
#[path = "robustness/readonly.rs"]
mod readonly;
#[path = "robustness/vanishing.rs"]
mod vanishing;

use std::path::Path;
use std::process::{Command, Output};

/// A package manifest.
pub const MANIFEST: &str = "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";

/// A file with an ML005 finding on line 4, column 11, named after `tag`.
pub fn lookup(tag: &str) -> String {
    format!(
        "use std::collections::HashMap;\n\npub fn price_{tag}(m: &HashMap<String, u32>, k: &str) -> Option<&u32> {{\n    m.get(&k.to_string())\n}}\n"
    )
}

/// A function with an ML004 finding on its third line, column 21.
pub fn rebuilt(tag: &str) -> String {
    format!("pub fn rebuild_{tag}(n: u32) {{\n    for _ in 0..n {{\n        let mut m = HashMap::new();\n        m.insert(1, 2);\n    }}\n}}\n")
}

/// A temporary directory holding these files.
pub fn tree(files: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_files(dir.path(), files);
    dir
}

pub fn write_files(root: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("a directory");
        }
        std::fs::write(&full, text).expect("a file");
    }
}

/// Runs `maplint ARGS` in `dir`.
pub fn maplint(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("maplint runs")
}

pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_maplint"));
    c.args(args).current_dir(dir).env_remove("NO_COLOR");
    c
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The `path:line:col: level CODE` part of each concise line.
pub fn concise(out: &Output) -> Vec<String> {
    stdout(out).lines().map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).collect()
}

/// Asserts that a run ended with status 0 or 1 and printed no panic or internal error.
pub fn assert_clean_end(out: &Output, what: &str) {
    let err = stderr(out);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{what}: status {:?}\n{err}", out.status);
    assert!(!err.contains("panicked") && !err.contains("internal error"), "{what}: {err}");
}

//! Running the binary on testdata/profile and reading what it says.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

pub const APP: &str = "testdata/profile/app";
pub const SOURCE: &str = "testdata/profile/app/src/maps.rs";
pub const DHAT: &str = "testdata/profile/dhat-heap.json";
pub const PPROF: &str = "testdata/profile/heap.pb.gz";

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs maplint in `dir` with every rule selected.
pub fn maplint_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_maplint"))
        .current_dir(dir)
        .args(["--select", "all", "--color", "never", "--no-cache"])
        .args(args)
        .output()
        .expect("the maplint binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// Runs maplint at the repository root.
pub fn maplint(args: &[&str]) -> Run {
    maplint_in(&root(), args)
}

/// The findings of a `--format json` run.
pub fn findings(run: &Run) -> Vec<Value> {
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).expect("a JSON document");
    doc["findings"].as_array().expect("findings").clone()
}

/// The 1-based number of the one line of the app's source holding `text`.
pub fn line_of(text: &str) -> u64 {
    let source = std::fs::read_to_string(root().join(SOURCE)).expect("the app's source");
    let lines: Vec<usize> = source.lines().enumerate().filter(|(_, l)| l.contains(text)).map(|(i, _)| i + 1).collect();
    assert_eq!(lines.len(), 1, "`{text}` should be on one line of {SOURCE}");
    lines[0] as u64
}

/// `(code, line)` of each finding, in output order.
pub fn heads(findings: &[Value]) -> Vec<(String, u64)> {
    findings.iter().map(|f| (f["code"].as_str().unwrap_or("").to_string(), f["line"].as_u64().unwrap_or(0))).collect()
}

/// The bytes attached to each finding, in output order (`None`: no match).
pub fn bytes(findings: &[Value]) -> Vec<Option<u64>> {
    findings.iter().map(|f| f["profile"]["bytes"].as_u64()).collect()
}

/// Asserts the findings are ordered by bytes, largest first, unmatched ones last.
#[track_caller]
pub fn assert_ordered(findings: &[Value]) {
    let b = bytes(findings);
    let key = |x: &Option<u64>| x.map_or((1, 0), |n| (0, u64::MAX - n));
    assert!(b.windows(2).all(|w| key(&w[0]) <= key(&w[1])), "not ordered by bytes: {b:?}");
}

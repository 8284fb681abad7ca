//! The pre-commit case (SPEC §1): naming single files still indexes their whole package,
//! so a removal in another file counts, while findings are reported only in the named
//! files.

use std::path::Path;
use std::process::Command;

const PACKAGE: &str = "testdata/ML001-unbounded-growth/single_file/src";

/// Runs the binary on one file with ML001 selected: (exit code, concise lines).
fn lint(file: &str) -> (i32, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_maplint"))
        .current_dir(root)
        .args(["--format", "concise", "--select", "ML001", "--color", "never"])
        .arg(format!("{PACKAGE}/{file}"))
        .output()
        .expect("the maplint binary runs");
    let stdout = String::from_utf8(out.stdout).expect("utf-8 output");
    (out.status.code().unwrap_or(-1), stdout.lines().map(str::to_string).collect())
}

/// `path:line:col: level CODE` of a concise line, without the message.
fn heads(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| l.split(' ').take(3).collect::<Vec<_>>().join(" ")).collect()
}

#[test]
fn removal_in_another_file_counts_and_findings_stay_in_the_named_file() {
    let (code, lines) = lint("registry.rs");
    assert_eq!(heads(&lines), vec![format!("{PACKAGE}/registry.rs:6:8: warning ML001")]);
    assert!(lines[0].contains("static `AUDIT: LazyLock<Mutex<HashMap<u64, String>>>`"), "{}", lines[0]);
    assert_eq!(code, 1);
}

#[test]
fn the_other_file_reports_its_own_finding_only() {
    let (code, lines) = lint("cleanup.rs");
    assert_eq!(heads(&lines), vec![format!("{PACKAGE}/cleanup.rs:7:8: warning ML001")]);
    assert!(lines[0].contains("static `GONE: LazyLock<Mutex<HashSet<u64>>>`"), "{}", lines[0]);
    assert_eq!(code, 1);
}

#[test]
fn a_file_without_findings_is_clean() {
    let (code, lines) = lint("lib.rs");
    assert_eq!(lines, Vec::<String>::new());
    assert_eq!(code, 0);
}

//! Big files: a 50 MB source file is linted to its end within a time limit and the
//! other files of the package keep their findings; a file with tens of thousands of
//! findings takes time in proportion to them, not to their square.

use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use super::{command, concise, lookup, rebuilt, stderr, tree, MANIFEST};

const SIZE: usize = 50 * 1024 * 1024;

/// A debug build on a busy machine lints the file in well under a minute; a hang or a
/// quadratic pass would not finish in five.
/// A hang guard, not a timing: linear work takes seconds even on a loaded machine, the
/// quadratic passes these tests keep out took far longer than this.
const DEADLINE: Duration = Duration::from_secs(900);

/// Generated-looking code: functions between long comments and long string constants,
/// then one ML005 finding in the last function. Returns the text and the finding's line.
fn huge_file() -> (String, usize) {
    let prose = "the price of an item is looked up by its name in the map of prices; ".repeat(40);
    let mut text = String::with_capacity(SIZE + 4096);
    text.push_str("use std::collections::HashMap;\n");
    let mut i = 0;
    while text.len() < SIZE {
        text.push_str(&format!(
            "// {}\npub const NOTE_{i}: &str = \"{}\";\npub fn price_{i}(m: &HashMap<String, u32>, k: &str) -> Option<u32> {{\n    m.get(k).copied()\n}}\n",
            &prose[..900],
            &prose[..2000],
        ));
        i += 1;
    }
    text.push_str("pub fn last(m: &HashMap<String, u32>, k: &str) -> Option<&u32> {\n    m.get(&k.to_string())\n}\n");
    let line = text.lines().count() - 1;
    (text, line)
}

/// Runs the command, killing it after `limit`; stdout and stderr go through files so
/// that neither pipe can fill up while it runs.
fn output_within(mut cmd: std::process::Command, limit: Duration) -> (Output, Duration) {
    let logs = tempfile::tempdir().expect("a temporary directory");
    let out_path = logs.path().join("stdout");
    let err_path = logs.path().join("stderr");
    cmd.stdout(Stdio::from(std::fs::File::create(&out_path).expect("a file")))
        .stderr(Stdio::from(std::fs::File::create(&err_path).expect("a file")));
    let start = Instant::now();
    let mut child = cmd.spawn().expect("maplint starts");
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("maplint did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let elapsed = start.elapsed();
    let stdout = std::fs::read(&out_path).expect("stdout");
    let stderr = std::fs::read(&err_path).expect("stderr");
    (Output { status, stdout, stderr }, elapsed)
}

#[test]
fn a_fifty_megabyte_file_is_linted_to_its_end() {
    let (huge, line) = huge_file();
    assert!(huge.len() >= SIZE);
    let after = format!("{}\n{}", lookup("after"), rebuilt("after"));
    let dir = tree(&[
        ("Cargo.toml".into(), MANIFEST.into()),
        ("src/lib.rs".into(), lookup("lib")),
        ("src/huge.rs".into(), huge),
        ("src/after.rs".into(), after),
    ]);
    let (out, elapsed) = output_within(command(dir.path(), &["--format", "concise", "."]), DEADLINE);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "nothing is skipped");
    assert_eq!(
        concise(&out),
        [
            "src/after.rs:4:11: warning ML005".to_string(),
            "src/after.rs:9:21: warning ML004".to_string(),
            format!("src/huge.rs:{line}:11: warning ML005"),
            "src/lib.rs:4:11: warning ML005".to_string(),
        ],
        "after {elapsed:?}"
    );
}

#[test]
fn thirty_thousand_findings_in_one_file_take_linear_time() {
    const FUNCTIONS: usize = 3_000;
    const PER_FUNCTION: usize = 10;
    let mut text = String::from("use std::collections::HashMap;\n");
    let mut lines = Vec::new();
    for i in 0..FUNCTIONS {
        text.push_str(&format!("pub fn prices_{i}(m: &HashMap<String, u32>, k: &str) {{\n"));
        let first = 2 + i * (2 * PER_FUNCTION + 2);
        for j in 0..PER_FUNCTION {
            text.push_str("    // maplint: allow(ML004) -- another rule\n    let _ = m.get(&k.to_string());\n");
            lines.push(first + 2 + 2 * j);
        }
        text.push_str("}\n");
    }
    let dir = tree(&[("Cargo.toml".into(), MANIFEST.into()), ("src/lib.rs".into(), text)]);
    // A debug build needs seconds; with a pass per finding over the file's lines, nodes
    // or suppression comments it needed many minutes.
    let (out, elapsed) = output_within(command(dir.path(), &["--format", "concise", "."]), DEADLINE);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let expected: Vec<String> = lines.iter().map(|l| format!("src/lib.rs:{l}:19: warning ML005")).collect();
    let found = concise(&out);
    assert!(found == expected, "after {elapsed:?}: {} findings, from {:?}", found.len(), found.first());
}

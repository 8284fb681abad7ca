//! The README's first commands work in a fresh clone: `cargo run --release --
//! testdata/demo` lints the demo service shipped in the repository, which holds one
//! finding of each default rule, and exits 1 because it found something.

use std::path::Path;

use crate::common::*;

/// The commands of the README's first code block.
fn first_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README.md");
    let block = readme.split("```").nth(1).expect("a code block in README.md");
    block
        .lines()
        .skip(1)
        .map(|l| l.split(" #").next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn the_readme_starts_with_the_demo_and_the_tests() {
    assert_eq!(first_commands(), ["cargo run --release -- testdata/demo", "cargo test --workspace"]);
}

#[test]
fn the_demo_has_one_finding_of_each_default_rule() {
    let mut cmd = maplint();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(["--no-cache", "--format", "concise", "testdata/demo"]);
    let r = run_limited(cmd);
    r.assert_code(1);
    assert_eq!(r.stderr, "");
    let mut codes: Vec<&str> = r.lines().iter().filter_map(|l| l.split(' ').nth(2)).collect();
    codes.sort();
    let defaults: Vec<&str> =
        rules::ALL.iter().map(|r| r.meta()).filter(|m| m.group == lint_core::Group::Default).map(|m| m.code).collect();
    assert_eq!(codes, defaults, "{}", r.stdout);
    assert!(r.lines().iter().all(|l| l.starts_with("testdata/demo/src/")), "{}", r.stdout);
}

//! Runs that have nothing to do say so: an empty selection is a usage error (exit 2), a
//! tree without Rust files is a warning (exit 0), and a named file that is not Rust is
//! skipped with its reason.

use crate::common::*;

const NO_RULE: &str =
    "error: no rule is selected: --select, --ignore and the configuration leave nothing to run (see --list-rules)\n";

#[test]
fn an_empty_selection_is_a_usage_error() {
    let t = Tree::new();
    t.file("src/a.rs", LOOKUP);
    for args in [&["--select", ""][..], &["--select", "ML005", "--ignore", "ML005"], &["--ignore", "default"]] {
        let r = t.run(args);
        r.assert_code(2);
        assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("", NO_RULE), "{args:?}");
    }
    t.file("maplint.toml", "select = []\n");
    let r = t.run(&["--format", "concise"]);
    r.assert_code(2);
    assert_eq!(r.stderr, NO_RULE);
}

#[test]
fn a_tree_without_rust_files_says_so_and_exits_0() {
    let t = Tree::new();
    t.file("docs/notes.txt", "no code here\n").file("docs/target/x.rs", LOOKUP).dir("empty");
    for dir in ["docs", "empty"] {
        let r = t.run(&["--format", "concise", dir]);
        r.assert_code(0);
        assert_eq!((r.stdout.as_str(), r.stderr.clone()), ("", format!("warning: no Rust files found under {dir}\n")));
    }
    let r = t.run_in("docs", &["--format", "concise"], &[]);
    r.assert_code(0);
    assert_eq!(r.stderr, "warning: no Rust files found under .\n");
}

#[test]
fn a_named_file_that_is_not_rust_is_skipped() {
    let t = Tree::new();
    t.file("notes.txt", "fn f(m: &Index, k: &str) -> bool { m.contains_key(&k.to_string()) }\n")
        .file("src/a.rs", LOOKUP);
    let r = t.run(&["--format", "concise", "notes.txt"]);
    r.assert_code(0);
    assert_eq!((r.stdout.as_str(), r.stderr.as_str()), ("", "warning: skipped notes.txt: not a Rust source file\n"));
    let r = t.run(&["--format", "concise", "notes.txt", "src/a.rs"]);
    r.assert_code(1);
    assert_eq!(r.lines(), [lookup_line("src/a.rs", 2)]);
    assert_eq!(r.stderr, "warning: skipped notes.txt: not a Rust source file\n");
}

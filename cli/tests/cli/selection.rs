//! `--select`, `--ignore` and `--extend-select` with codes, names and groups.

use crate::common::*;

fn selected(args: &[&str]) -> (Option<i32>, Vec<String>) {
    let t = Tree::new();
    t.file("lib.rs", LOOKUP);
    let r = t.run(&[&["--format", "concise"][..], args].concat());
    assert_eq!(r.stderr, "", "{args:?}");
    (r.code, r.lines().iter().map(|l| l.to_string()).collect())
}

#[test]
fn words_that_select_ml005() {
    for args in [
        &[][..],
        &["--select", "ML005"],
        &["--select", "ml005"],
        &["--select", "key-allocation-lookup"],
        &["--select", "default"],
        &["--select", "all"],
        &["--select", "ML001,ML005"],
        &["--select", "ML001", "--select", "ML005"],
        &["--select", "pedantic", "--extend-select", "ML005"],
        &["--select", "pedantic", "--extend-select", "key-allocation-lookup"],
        &["--extend-select", "pedantic"],
        &["--select", "all", "--ignore", "pedantic"],
        &["--select", "all", "--ignore", "ML001,ML002"],
    ] {
        assert_eq!(selected(args), (Some(1), vec![lookup_line("lib.rs", 2)]), "{args:?}");
    }
}

#[test]
fn words_that_leave_ml005_out() {
    for args in [
        &["--select", "pedantic"][..],
        &["--select", "ML001"],
        &["--select", "unbounded-growth,ML006"],
        &["--ignore", "ML005"],
        &["--ignore", "key-allocation-lookup"],
        &["--select", "all", "--ignore", "default"],
    ] {
        assert_eq!(selected(args), (Some(0), vec![]), "{args:?}");
    }
    // Words that leave no rule at all are a usage error (tests in `nothing_to_lint`).
}

#[test]
fn group_and_rule_words_are_checked() {
    let t = Tree::new();
    t.file("lib.rs", LOOKUP);
    for word in ["ML000", "ML5", "key_allocation_lookup", "defaults", "everything"] {
        let r = t.run(&["--format", "concise", "--select", word]);
        r.assert_code(2);
        assert!(r.stderr.starts_with(&format!("error: unknown rule or group `{word}`")), "{word}: {}", r.stderr);
    }
}

//! Exit statuses: 0 clean, 1 findings at or above `--fail-on`, 2 usage and I/O errors.

use crate::common::*;

fn one_finding() -> Tree {
    let t = Tree::new();
    t.file("src/lib.rs", LOOKUP);
    t
}

#[test]
fn clean_tree_exits_0_and_prints_nothing() {
    let t = Tree::new();
    t.file("src/lib.rs", CLEAN);
    let r = t.run(&["--format", "concise"]);
    r.assert_code(0);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "");
}

#[test]
fn findings_exit_1_with_the_default_fail_on() {
    let r = one_finding().run(&["--format", "concise", "."]);
    r.assert_code(1);
    assert_eq!(r.lines(), [lookup_line("src/lib.rs", 2)]);
    assert_eq!(r.stderr, "");
}

#[test]
fn fail_on_sets_the_threshold() {
    let t = one_finding();
    // ML005 is a warning: it fails at `warning` and `note`, not at `error` or `never`.
    for (fail_on, code) in [("error", 0), ("warning", 1), ("note", 1), ("never", 0)] {
        let r = t.run(&["--format", "concise", "--fail-on", fail_on]);
        r.assert_code(code);
        assert_eq!(r.lines(), [lookup_line("src/lib.rs", 2)], "--fail-on {fail_on} still prints the finding");
    }
}

#[test]
fn a_named_path_that_does_not_exist_exits_2_naming_it() {
    let t = one_finding();
    let r = t.run(&["--format", "concise", "src", "no/such.rs"]);
    r.assert_code(2);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "error: no/such.rs: no such file or directory\n");
}

#[test]
fn an_unknown_rule_exits_2_naming_it() {
    let t = one_finding();
    for flag in ["--select", "--ignore", "--extend-select"] {
        let r = t.run(&["--format", "concise", flag, "ML005,ML999"]);
        r.assert_code(2);
        assert_eq!(r.stdout, "", "{flag}");
        assert!(r.stderr.starts_with("error: unknown rule or group `ML999`"), "{flag}: {}", r.stderr);
        assert_eq!(r.err_lines().len(), 1, "{flag}: {}", r.stderr);
    }
}

#[test]
fn an_unwritable_output_file_exits_2_naming_it() {
    let t = one_finding();
    t.file("plain-file", "");
    for target in ["missing-dir/out.json", "plain-file/out.json", "src"] {
        let r = t.run(&["--format", "json", "-o", target]);
        r.assert_code(2);
        assert_eq!(r.stdout, "", "-o {target}");
        assert!(r.stderr.starts_with(&format!("error: cannot write {target}: ")), "-o {target}: {}", r.stderr);
    }
}

#[test]
fn the_output_file_receives_the_report_and_the_status_stays() {
    let t = one_finding();
    let r = t.run(&["--format", "concise", "-o", "out.txt", "src"]);
    r.assert_code(1);
    assert_eq!(r.stdout, "");
    let written = std::fs::read_to_string(t.path("out.txt")).expect("the output file");
    assert_eq!(written, format!("{}\n", lookup_line("src/lib.rs", 2)));
}

#[test]
fn a_bad_option_value_is_a_usage_error() {
    let t = one_finding();
    for args in [["--format", "xml"], ["--fail-on", "always"], ["--color", "sometimes"]] {
        let r = t.run(&args);
        r.assert_code(2);
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(r.stderr.starts_with("error: invalid value"), "{args:?}: {}", r.stderr);
    }
}

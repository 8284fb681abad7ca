//! The prefilter never changes the result: the whole `testdata/` tree, with every rule
//! selected and test code reported or not, gives the same report, byte for byte, whether
//! every file is parsed or only those the prefilter keeps.

mod common;

use common::{all_rules, render, run, testdata};

#[test]
fn the_prefilter_changes_nothing_on_the_fixtures() {
    for include_tests in [false, true] {
        let on = lint_core::Settings { include_tests, ..all_rules() };
        let off = lint_core::Settings { no_prefilter: true, ..on.clone() };
        let (with, without) = (run(&testdata(), &on), run(&testdata(), &off));
        assert_eq!(render(&with), render(&without), "include-tests = {include_tests}");
        assert!(with.findings.len() > 50, "{} findings", with.findings.len());
        assert!(
            with.files_parsed < without.files_parsed,
            "the prefilter parsed {} files of {}",
            with.files_parsed,
            without.files_parsed
        );
    }
}

#[test]
fn files_that_cannot_matter_are_not_parsed() {
    let dir = testdata().join("cross-file");
    let with = run(&dir, &all_rules());
    let without = run(&dir, &lint_core::Settings { no_prefilter: true, ..all_rules() });
    assert_eq!(render(&with), render(&without));
    // Only `plain.rs` needs no parse (`lib.rs` declares the modules: the module tree and
    // test code depend on it); the malformed suppression comment of `plain.rs` is
    // reported all the same.
    assert_eq!((with.files_parsed, without.files_parsed), (17, 18));
    let warnings: Vec<&str> = with.warnings.iter().map(|w| w.rsplit("cross-file/").next().unwrap_or("")).collect();
    assert_eq!(warnings, ["src/plain.rs:2: malformed suppression comment: unknown rule `ML999`"]);
}

//! Every finding's headline fits on one line of an annotation: at most 160 characters,
//! checked on every fixture folder of `testdata/` with every rule and test code included.
//! Lists, evidence and why a finding costs belong in its labels, notes and help.

mod common;

/// The longest headline GitHub annotations and editors show whole.
const MAX_HEADLINE: usize = 160;

#[test]
fn every_headline_fits_in_160_characters() {
    let mut settings = common::all_rules();
    settings.include_tests = true;
    let mut dirs: Vec<_> = std::fs::read_dir(common::testdata()).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    let mut too_long = Vec::new();
    let mut checked = 0;
    for dir in dirs.into_iter().filter(|d| d.is_dir()) {
        let report = lint_core::run(std::slice::from_ref(&dir), rules::ALL, &settings).unwrap();
        for f in &report.findings {
            checked += 1;
            let n = f.message.chars().count();
            if n > MAX_HEADLINE || f.message.contains('\n') {
                too_long.push(format!("{}:{}: {} ({n} characters) {}", f.path, f.location.line, f.code, f.message));
            }
        }
    }
    assert!(checked > 100, "only {checked} findings under testdata/");
    assert!(too_long.is_empty(), "headlines over {MAX_HEADLINE} characters:\n{}", too_long.join("\n"));
}

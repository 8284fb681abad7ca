//! The fixture harness: every folder of `testdata/` is linted and its findings compared,
//! exactly, with the `//~ MLxxx` markers written on the lines where findings must be.
//! A folder named after a rule (`ML002-missing-presize`) runs that rule alone; other
//! folders run every rule. Files named `pass.rs` must have no marker and no finding.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lint_core::Settings;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

fn settings_for(dir: &str) -> Settings {
    let mut s = Settings { jobs: 2, ..Settings::default() };
    let code = dir.split('-').next().unwrap_or("");
    for r in rules::ALL {
        if r.meta().code == code || !dir.starts_with("ML") {
            s.selected.insert(r.meta().code.to_string());
        }
    }
    assert!(!s.selected.is_empty(), "{dir}: no rule is named {code}");
    s
}

/// Every `.rs` file under a folder, recursively, sorted.
fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// (display path, line) -> codes expected there.
fn markers(files: &[PathBuf], cwd: &Path) -> BTreeMap<(String, u32), Vec<String>> {
    let mut out: BTreeMap<(String, u32), Vec<String>> = BTreeMap::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        let display = lint_core::walk::display(cwd, f);
        for (i, line) in text.lines().enumerate() {
            let Some(at) = line.find("//~") else { continue };
            for code in line[at + 3..].split_whitespace().take_while(|w| w.starts_with("ML")) {
                assert!(
                    f.file_name().unwrap() != "pass.rs",
                    "{display}:{}: pass.rs files must not carry markers",
                    i + 1
                );
                out.entry((display.clone(), i as u32 + 1)).or_default().push(code.to_string());
            }
        }
    }
    for codes in out.values_mut() {
        codes.sort();
    }
    out
}

#[test]
fn fixtures_match_their_markers() {
    let cwd = std::env::current_dir().unwrap();
    let mut dirs: Vec<_> = std::fs::read_dir(testdata()).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in dirs.into_iter().filter(|d| d.is_dir()) {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files = Vec::new();
        rs_files(&dir, &mut files);
        let expected = markers(&files, &cwd);
        let report = lint_core::run(std::slice::from_ref(&dir), rules::ALL, &settings_for(&name)).unwrap();
        assert!(report.skipped.is_empty(), "{name}: skipped files: {:?}", report.skipped);
        let mut found: BTreeMap<(String, u32), Vec<String>> = BTreeMap::new();
        for f in &report.findings {
            found.entry((f.path.clone(), f.location.line)).or_default().push(f.code.to_string());
        }
        for codes in found.values_mut() {
            codes.sort();
        }
        for key in expected.keys().chain(found.keys()).collect::<std::collections::BTreeSet<_>>() {
            let (e, f) = (expected.get(key), found.get(key));
            if e != f {
                let msgs: Vec<_> = report
                    .findings
                    .iter()
                    .filter(|x| x.path == key.0 && x.location.line == key.1)
                    .map(|x| format!("{} {}", x.code, x.message))
                    .collect();
                failures.push(format!("{}:{}: expected {:?}, found {:?} {:?}", key.0, key.1, e, f, msgs));
            }
        }
        checked += 1;
    }
    assert!(checked > 0, "no fixture folders under testdata/");
    assert!(failures.is_empty(), "fixture mismatches:\n{}", failures.join("\n"));
}

#[test]
fn every_rule_has_fail_and_pass_fixtures() {
    for r in rules::ALL {
        let m = r.meta();
        let dir = testdata().join(format!("{}-{}", m.code, m.name));
        for f in ["fail.rs", "pass.rs"] {
            assert!(dir.join(f).is_file(), "missing {}", dir.join(f).display());
        }
    }
}

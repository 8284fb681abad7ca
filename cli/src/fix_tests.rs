//! Tests of `fix`: fixes planned over a synthetic report, overlapping and invalid edits,
//! atomic writes that skip files changed since the run, and the unified diff.

use super::*;
use lint_core::finding::{FoundEdit, Location};
use lint_core::{Finding, Level};

const TEXT: &str =
    "fn f(users: &[u32]) {\n    let mut m = HashMap::new();\n    for u in users { m.insert(*u, ()); }\n}\n";

fn loc(start: usize, end: usize) -> Location {
    Location {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
        byte_start: start,
        byte_end: end,
        byte_column: 1,
        end_byte_column: 1,
    }
}

fn fix(edits: &[(usize, usize, &str)]) -> FoundFix {
    FoundFix {
        message: "pre-size the map".to_string(),
        edits: edits.iter().map(|&(s, e, r)| FoundEdit { location: loc(s, e), replacement: r.to_string() }).collect(),
    }
}

fn finding(path: &str, f: Option<FoundFix>) -> Finding {
    Finding {
        code: "ML002",
        name: "missing-presize",
        level: Level::Warning,
        message: "m is filled in a loop".to_string(),
        help: "pre-size it".to_string(),
        path: path.to_string(),
        location: loc(0, 0),
        labels: Vec::new(),
        notes: Vec::new(),
        fix: f,
        fingerprint: "0".to_string(),
        sites: Vec::new(),
        profile: None,
    }
}

/// The byte range of `needle` in `TEXT`.
fn range(needle: &str) -> (usize, usize) {
    let s = TEXT.find(needle).unwrap_or(0);
    (s, s + needle.len())
}

fn presize() -> FoundFix {
    let (s, e) = range("HashMap::new()");
    fix(&[(s, e, "HashMap::with_capacity(users.len())")])
}

#[test]
fn applies_a_fix() {
    let (new, applied) = apply(TEXT, &[&presize()]);
    assert_eq!(applied, 1);
    assert_eq!(new, TEXT.replace("HashMap::new()", "HashMap::with_capacity(users.len())"));
}

#[test]
fn applies_several_edits_from_the_end_backwards() {
    let (a, b) = (range("HashMap::new()"), range("m.insert"));
    let f1 = fix(&[(a.0, a.1, "BTreeMap::new()")]);
    let f2 = fix(&[(b.0, b.0 + 1, "map"), (a.0 - 4, a.0 - 3, "map")]);
    let (new, applied) = apply(TEXT, &[&f1, &f2]);
    assert_eq!(applied, 2);
    assert_eq!(
        new,
        "fn f(users: &[u32]) {\n    let mut map = BTreeMap::new();\n    for u in users { map.insert(*u, ()); }\n}\n"
    );
}

#[test]
fn refuses_overlapping_fixes() {
    let (s, e) = range("HashMap::new()");
    let inner = fix(&[(s, s + 7, "BTreeMap")]);
    let same_insert_a = fix(&[(0, 0, "// a\n")]);
    let same_insert_b = fix(&[(0, 0, "// b\n")]);
    let (new, applied) = apply(TEXT, &[&presize(), &inner, &same_insert_a, &same_insert_b]);
    assert_eq!(applied, 2);
    assert_eq!(new, format!("// a\n{}", TEXT.replace("HashMap::new()", "HashMap::with_capacity(users.len())")));
    // An insertion strictly inside a replaced range conflicts too.
    let inside = fix(&[(s + 3, s + 3, "x")]);
    assert_eq!(apply(TEXT, &[&presize(), &inside]).1, 1);
    // A fix whose own edits overlap is refused whole.
    let selfish = fix(&[(s, e, "a"), (s + 1, s + 2, "b")]);
    assert_eq!(apply(TEXT, &[&selfish]), (TEXT.to_string(), 0));
}

#[test]
fn refuses_invalid_offsets() {
    let past_end = fix(&[(TEXT.len(), TEXT.len() + 1, "x")]);
    let reversed = fix(&[(5, 4, "x")]);
    let empty = fix(&[]);
    let text = "let é = 1;";
    let mid_char = fix(&[(5, 6, "e")]);
    assert_eq!(apply(TEXT, &[&past_end, &reversed, &empty]), (TEXT.to_string(), 0));
    assert_eq!(apply(text, &[&mid_char]), (text.to_string(), 0));
}

fn report(path: &str, text: &str, findings: Vec<Finding>) -> Report {
    let mut r = Report { findings, ..Report::default() };
    r.sources.insert(path.to_string(), text.to_string());
    r
}

#[test]
fn plans_only_files_with_applicable_fixes() {
    let r = report(
        "src/lib.rs",
        TEXT,
        vec![
            finding("src/lib.rs", Some(presize())),
            finding("src/lib.rs", None),
            finding("src/other.rs", Some(presize())),
        ],
    );
    let plans = plan(&r);
    assert_eq!(plans.len(), 1, "src/other.rs has no source text in the report");
    assert_eq!(plans[0].path, "src/lib.rs");
    assert_eq!((plans[0].applied, plans[0].refused), (1, 0));
    assert_eq!(
        diff(&plans),
        "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -1,4 +1,4 @@\n fn f(users: &[u32]) {\n-    let mut m = HashMap::new();\n+    let mut m = HashMap::with_capacity(users.len());\n     for u in users { m.insert(*u, ()); }\n }\n"
    );
}

#[test]
fn writes_atomically_and_keeps_the_byte_order_mark() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("lib.rs");
    std::fs::write(&path, format!("\u{feff}{TEXT}"))?;
    let shown = path.to_string_lossy().into_owned();
    let plans = plan(&report(&shown, TEXT, vec![finding(&shown, Some(presize()))]));
    let results = write(&plans);
    assert!(matches!(results.as_slice(), [Ok(_)]), "{results:?}");
    let expected = TEXT.replace("HashMap::new()", "HashMap::with_capacity(users.len())");
    assert_eq!(std::fs::read_to_string(&path)?, format!("\u{feff}{expected}"));
    let names: Vec<_> = std::fs::read_dir(dir.path())?.filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("lib.rs")], "no temporary file is left behind");
    Ok(())
}

#[test]
fn skips_a_file_changed_since_the_run() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("lib.rs");
    let edited = format!("// edited meanwhile\n{TEXT}");
    std::fs::write(&path, &edited)?;
    let shown = path.to_string_lossy().into_owned();
    let plans = plan(&report(&shown, TEXT, vec![finding(&shown, Some(presize()))]));
    let results = write(&plans);
    assert_eq!(results, vec![Err(NotWritten { path: shown.clone(), why: Refusal::Changed })]);
    assert_eq!(std::fs::read_to_string(&path)?, edited);
    Ok(())
}

//! ML002's fixes and wording, checked against the fixture: every `//~ ML002 fix: TEXT`
//! marker states the exact replacement of the constructor (`fix: none` for no fix).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lint_core::{Finding, Settings};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/ML002-missing-presize")
}

fn findings(path: &Path) -> Vec<Finding> {
    let mut s = Settings { jobs: 1, ..Settings::default() };
    s.selected.insert("ML002".to_string());
    let report = lint_core::run(&[path.to_path_buf()], crate::ALL, &s).unwrap();
    report.findings
}

#[test]
fn fixes_match_the_markers() {
    let path = fixture().join("fail.rs");
    let text = std::fs::read_to_string(&path).unwrap();
    let expected: BTreeMap<u32, String> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| l.split_once("//~ ML002 fix: ").map(|(_, fix)| (i as u32 + 1, fix.trim().to_string())))
        .collect();
    let found: BTreeMap<u32, String> = findings(&path)
        .into_iter()
        .map(|f| {
            let fix = f.fix.as_ref().map_or("none".to_string(), |x| x.edits[0].replacement.clone());
            (f.location.line, fix)
        })
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn the_spec_example_reads_well() {
    let path = fixture().join("fail.rs");
    let f = findings(&path).into_iter().find(|f| f.location.line == 11).unwrap();
    assert_eq!(f.message, "`by_id` (`HashMap`) starts empty and is filled in a loop over `users` of known length");
    assert_eq!(f.notes, ["it rehashes as it grows: about log2(n) reallocations, each of which moves every entry"]);
    assert_eq!(
        f.help,
        "create it with its final capacity: `HashMap::with_capacity(users.len())`; as the loop only inserts, \
         `.collect()` or `by_id.extend(..)` would also reserve from the iterator's length"
    );
    let labels: Vec<(u32, &str)> = f.labels.iter().map(|l| (l.location.line, l.message.as_str())).collect();
    assert_eq!(
        labels,
        [(12, "this loop's length is known before it starts: `users.len()`"), (13, "one insert per iteration")]
    );
    let fix = f.fix.unwrap();
    assert_eq!(fix.message, "create `by_id` with `HashMap::with_capacity(users.len())`");
    assert_eq!((fix.edits[0].location.column, fix.edits[0].location.end_column), (21, 35));
}

//! Baselines, `--statistics`, `--exit-zero`, `--explain`, `--list-rules`, and the README
//! rules table kept in sync with the rules' metadata.

use crate::support::{concise, maplint, stderr, stdout, tree, LOOKUP};

#[allow(dead_code)]
#[path = "../../src/explain.rs"]
mod explain;

const TWO: &str = "use std::collections::HashMap;\n\nfn a(m: &HashMap<String, u32>, k: &str) -> bool {\n    m.contains_key(&k.to_string()) || m.contains_key(&k.to_string())\n}\n\nfn b(m: &HashMap<String, u32>, k: &str) -> bool {\n    m.contains_key(&k.to_string()) || m.contains_key(&k.to_string())\n}\n";

#[test]
fn a_baseline_suppresses_every_recorded_finding_and_survives_lines_added_above() {
    let dir = tree(&[("src/lib.rs", LOOKUP), ("src/two.rs", TWO)]);
    assert_eq!(concise(&maplint(dir.path(), &["--format", "concise"])).len(), 5);

    let out = maplint(dir.path(), &["--write-baseline", "maplint-baseline.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(stderr(&out), "wrote 5 findings to the baseline maplint-baseline.json\n");
    let text = std::fs::read_to_string(dir.path().join("maplint-baseline.json")).unwrap_or_default();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(doc["version"], 1);
    let entries = doc["findings"].as_array().cloned().unwrap_or_default();
    assert_eq!(entries.len(), 5);
    assert_eq!(entries[0]["path"], "src/lib.rs");
    assert_eq!(entries[0]["code"], "ML005");
    assert!(entries.iter().all(|e| e["fingerprint"].as_str().is_some_and(|f| f.len() == 16)));

    let out = maplint(dir.path(), &["--format", "concise", "--baseline", "maplint-baseline.json"]);
    assert_eq!((concise(&out).len(), out.status.code()), (0, Some(0)));

    // Unrelated lines added at the top of each file move every finding down a line.
    for name in ["src/lib.rs", "src/two.rs"] {
        let path = dir.path().join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        std::fs::write(&path, format!("//! A new first line.\n{text}")).ok();
    }
    let out = maplint(dir.path(), &["--format", "concise", "--baseline", "maplint-baseline.json"]);
    assert_eq!((concise(&out).len(), out.status.code()), (0, Some(0)), "{}", stdout(&out));

    // A new finding is reported, the recorded ones are not.
    std::fs::write(dir.path().join("src/new.rs"), LOOKUP).ok();
    let out = maplint(dir.path(), &["--format", "concise", "--baseline", "maplint-baseline.json"]);
    assert_eq!(concise(&out), ["src/new.rs:4:11: warning ML005"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_missing_or_invalid_baseline_is_an_error() {
    let dir = tree(&[
        ("src/lib.rs", LOOKUP),
        ("bad.json", "{\"findings\": 3}"),
        ("old.json", "{\"version\": 9, \"findings\": []}"),
    ]);
    let out = maplint(dir.path(), &["--baseline", "missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "error: missing.json: cannot read the baseline: file not found\n");
    let out = maplint(dir.path(), &["--baseline", "bad.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: bad.json: not a maplint baseline: "), "{}", stderr(&out));
    let out = maplint(dir.path(), &["--baseline", "old.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "error: old.json: baseline version 9 is not supported (expected 1)\n");
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = tree(&[("src/lib.rs", LOOKUP), ("src/two.rs", TWO)]);
    let out = maplint(dir.path(), &["--statistics"]);
    assert_eq!(stdout(&out), "5 ML005 key-allocation-lookup\n5 total\n");
    assert_eq!(out.status.code(), Some(1));
    let out = maplint(dir.path(), &["--statistics", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert_eq!(
        doc,
        serde_json::json!({ "statistics": [{ "code": "ML005", "name": "key-allocation-lookup", "count": 5 }], "total": 5 })
    );
    let clean = tree(&[("src/lib.rs", "fn main() {}\n")]);
    let out = maplint(clean.path(), &["--statistics"]);
    assert_eq!((stdout(&out).as_str(), out.status.code()), ("0 total\n", Some(0)));
}

#[test]
fn exit_zero_reports_but_succeeds() {
    let dir = tree(&[("src/lib.rs", LOOKUP)]);
    let out = maplint(dir.path(), &["--format", "concise", "--exit-zero"]);
    assert_eq!(concise(&out), ["src/lib.rs:4:11: warning ML005"]);
    assert_eq!(out.status.code(), Some(0));
    // Errors still exit 2.
    assert_eq!(maplint(dir.path(), &["--exit-zero", "missing"]).status.code(), Some(2));
}

#[test]
fn explain_prints_the_rule_documentation() {
    let dir = tree(&[]);
    let by_code = maplint(dir.path(), &["--explain", "ml005"]);
    let by_name = maplint(dir.path(), &["--explain", "key-allocation-lookup"]);
    assert_eq!(by_code.status.code(), Some(0));
    assert_eq!(by_code.stdout, by_name.stdout);
    let text = stdout(&by_code);
    assert!(
        text.starts_with(
            "# ML005 key-allocation-lookup\n\nLevel: warning. Group: default (runs unless deselected).\n\n\
             An owned string or buffer allocated only to look a key up.\n\n## What it flags\n"
        ),
        "{text}"
    );
    assert!(text.contains("## Instead\n"));
    let pedantic = stdout(&maplint(dir.path(), &["--explain", "ML007"]));
    assert!(
        pedantic.starts_with("# ML007 retained-capacity\n\nLevel: note. Group: pedantic (runs only when selected).\n")
    );
    let out = maplint(dir.path(), &["--explain", "ML099"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "error: unknown rule `ML099` (see --list-rules)\n");
}

#[test]
fn list_rules_prints_one_line_per_rule() {
    let out = maplint(tree(&[]).path(), &["--list-rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + rules::ALL.len());
    assert_eq!(lines[0], "code   name                    level    group     summary");
    assert_eq!(
        lines[5],
        "ML005  key-allocation-lookup   warning  default   An owned string or buffer allocated only to look a key up."
    );
    assert!(lines[7].starts_with("ML007  retained-capacity       note     pedantic  "));
}

/// The README rules table is generated from the rules' metadata. When this fails, run
/// `UPDATE_README=1 cargo test --test config readme` and commit README.md.
#[test]
fn readme_rules_table_matches_the_rules() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap_or_default();
    let table = explain::readme_table(rules::ALL);
    let Some(expected) = explain::replace_table(&readme, &table) else {
        panic!("README.md lacks the `{}` / `{}` markers", explain::TABLE_START, explain::TABLE_END);
    };
    if readme == expected {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(path, &expected).ok();
        return;
    }
    panic!(
        "the README rules table is out of date with the rules' metadata; run\n    \
         UPDATE_README=1 cargo test --test config readme\nThe table should be:\n{table}"
    );
}

/// `docs/rules/MLxxx.md`, where the editor's diagnostics link (`codeDescription`) and the
/// GitHub Action's summary point, holds each rule's `--explain` text. When this fails, run
/// `UPDATE_DOCS=1 cargo test --test config rule_documents` and commit docs/rules/.
#[test]
fn rule_documents_match_the_rules() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let mut stale = Vec::new();
    for rule in rules::ALL {
        let code = rule.meta().code;
        let path = dir.join(format!("{code}.md"));
        let expected = explain::explain(code, rules::ALL).unwrap();
        if std::fs::read_to_string(&path).ok().as_deref() == Some(expected.as_str()) {
            continue;
        }
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &expected).unwrap();
        } else {
            stale.push(code);
        }
    }
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    files.sort();
    let expected: Vec<String> = rules::ALL.iter().map(|r| format!("{}.md", r.meta().code)).collect();
    assert!(
        stale.is_empty(),
        "docs/rules/ is out of date for {stale:?}; run\n    UPDATE_DOCS=1 cargo test --test config rule_documents"
    );
    assert_eq!(files, expected, "docs/rules/ holds one document per rule, and nothing else");
}

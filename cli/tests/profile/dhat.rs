//! dhat's profile of the app: each finding gets exactly what dhat counted for the
//! workload that exercises it (dhat-phases.json, measured by the app with
//! `dhat::HeapStats` before and after each workload), at the site the rule names.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{assert_ordered, findings, heads, line_of, maplint, maplint_in, root, APP, DHAT};

/// What dhat counted for each workload, by the code of the rule it exercises.
fn phases() -> BTreeMap<String, (u64, u64)> {
    let text = std::fs::read_to_string(root().join("testdata/profile/dhat-phases.json")).expect("phases");
    let doc: BTreeMap<String, Value> = serde_json::from_str(&text).expect("phases JSON");
    doc.into_iter()
        .map(|(code, v)| (code, (v["bytes"].as_u64().expect("bytes"), v["blocks"].as_u64().expect("blocks"))))
        .collect()
}

/// Where each workload allocates: the line of its site in the app.
fn site_lines() -> BTreeMap<&'static str, u64> {
    BTreeMap::from([
        ("ML001", line_of("SEEN.lock().unwrap().insert(")),
        ("ML002", line_of("by_name.insert(")),
        ("ML003", line_of("self.nodes.insert(")),
        ("ML004", line_of("*counts.entry(")),
        ("ML005", line_of("prices.get(&k.to_string())")),
        ("ML007", line_of("PENDING.lock().unwrap().insert(")),
        ("ML008", line_of("self.pages.insert(")),
    ])
}

#[test]
fn each_finding_gets_what_dhat_counted_at_its_sites_largest_first() {
    let run = maplint(&["--format", "json", "--profile", DHAT, APP]);
    assert_eq!(run.stderr, "");
    let found = findings(&run);
    let phases = phases();
    let sites = site_lines();
    let cold = (String::from("ML005"), line_of("prices.get(&key.to_owned())"));
    // Every workload's finding, by dhat's bytes, then the lookup never called.
    let mut expected: Vec<(&String, &(u64, u64))> = phases.iter().collect();
    expected.sort_by_key(|(_, (bytes, _))| std::cmp::Reverse(*bytes));
    let codes: Vec<String> = heads(&found).into_iter().map(|(c, _)| c).collect();
    let mut want: Vec<String> = expected.iter().map(|(c, _)| c.to_string()).collect();
    want.push("ML005".to_string());
    assert_eq!(codes, want);
    assert_eq!(heads(&found).last(), Some(&cold));
    assert_eq!(found.last().map(|f| &f["profile"]), Some(&Value::Null));
    for f in &found[..found.len() - 1] {
        let code = f["code"].as_str().unwrap_or("");
        let (bytes, blocks) = phases[code];
        let site = serde_json::json!([{ "path": "testdata/profile/app/src/maps.rs", "line": sites[code], "bytes": bytes, "blocks": blocks }]);
        assert_eq!(f["profile"], serde_json::json!({ "bytes": bytes, "blocks": blocks, "sites": site }), "{code}");
    }
    assert_ordered(&found);
}

#[test]
fn the_same_profile_matches_from_another_directory_and_another_checkout() {
    let here = findings(&maplint(&["--format", "json", "--profile", DHAT, APP]));
    // From inside the app: paths are `src/maps.rs` now.
    let app = root().join(APP);
    let inside = findings(&maplint_in(&app, &["--format", "json", "--profile", "../dhat-heap.json", "src"]));
    // A copy of the app in another checkout, with the profile given by an absolute path
    // (dhat names the file `app/src/maps.rs`).
    let copy = tempfile::tempdir().expect("temp dir");
    let dest = copy.path().join("checkout/app");
    std::fs::create_dir_all(dest.join("src")).expect("mkdir");
    for f in ["Cargo.toml", "src/main.rs", "src/maps.rs"] {
        std::fs::copy(app.join(f), dest.join(f)).expect("copy");
    }
    let profile = root().join(DHAT);
    let elsewhere =
        findings(&maplint_in(copy.path(), &["--format", "json", "--profile", profile.to_str().unwrap(), "checkout"]));
    let measures = |fs: &[Value]| -> Vec<(u64, Value, Value)> {
        fs.iter()
            .map(|f| (f["line"].as_u64().unwrap(), f["profile"]["bytes"].clone(), f["profile"]["blocks"].clone()))
            .collect()
    };
    assert_eq!(measures(&inside), measures(&here));
    assert_eq!(measures(&elsewhere), measures(&here));
}

#[test]
fn text_notes_and_sarif_properties_carry_the_measure() {
    let text = maplint(&["--profile", DHAT, APP]);
    assert_eq!(text.code, 1);
    let notes: Vec<&str> = text.stdout.lines().filter(|l| l.contains("= profile:")).map(str::trim).collect();
    assert_eq!(notes.len(), 7, "{}", text.stdout);
    assert_eq!(notes[0], "= profile: 2.1 MB in 9 allocations at these sites");
    assert_eq!(notes[6], "= profile: 100.0 kB in 10,000 allocations at these sites");
    let first = text.stdout.lines().next().unwrap_or("");
    assert!(first.starts_with("note[ML008]"), "{first}");

    let json = findings(&maplint(&["--format", "json", "--profile", DHAT, APP]));
    let sarif = maplint(&["--format", "sarif", "--profile", DHAT, APP]);
    let doc: Value = serde_json::from_str(&sarif.stdout).expect("SARIF");
    let results = doc["runs"][0]["results"].as_array().expect("results");
    let from_sarif: Vec<&Value> = results.iter().map(|r| &r["properties"]["profile"]).collect();
    let from_json: Vec<&Value> = json.iter().map(|f| &f["profile"]).collect();
    assert_eq!(from_sarif, from_json);
    assert!(results.last().is_some_and(|r| r["properties"].as_object().is_some_and(|p| p.contains_key("profile"))));
}

#[test]
fn without_a_profile_the_output_has_no_profile_key_and_keeps_its_order() {
    let found = findings(&maplint(&["--format", "json", APP]));
    assert!(found.iter().all(|f| f.get("profile").is_none()));
    let lines: Vec<u64> = heads(&found).iter().map(|(_, l)| *l).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
}

#[test]
fn a_profile_of_other_code_is_a_warning() {
    let run = maplint(&["--format", "concise", "--profile", DHAT, "testdata/ML002-missing-presize"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("warning: testdata/profile/dhat-heap.json: the profile matches no finding: none of its ")
            && run.stderr.contains("source files is among the linted files"),
        "{}",
        run.stderr
    );
}

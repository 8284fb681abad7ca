//! The output formats: text (snapshot, timing redacted), concise (exact lines), json
//! (snapshot and the document shape of SPEC §6); paths relative to the current directory
//! and `/`-separated; columns counted in characters.

use crate::common::*;
use crate::snapshot;

const PRICES: &str = "//! Prices.
use std::collections::HashMap;

pub fn price(prices: &HashMap<String, u64>, name: &str, id: u32) -> Option<u64> {
    prices.get(&name.to_string()).or_else(|| prices.get(&format!(\"user:{id}\"))).copied()
}
";

const BYTES: &str = "pub fn has(set: &std::collections::HashSet<Vec<u8>>, key: &[u8]) -> bool {
    set.contains(&key.to_vec())
}
";

fn sample() -> Tree {
    let t = Tree::new();
    t.file("src/lib.rs", PRICES).file("src/bytes/mod.rs", BYTES).file("src/clean.rs", CLEAN);
    t
}

#[test]
fn text() {
    let r = sample().run(&["--select", "ML005", "--format", "text", "--color", "never"]);
    r.assert_code(1);
    assert_eq!(r.stderr, "");
    let last = r.lines().last().copied().unwrap_or_default();
    assert!(last.starts_with("3 problems (0 errors, 3 warnings, 0 notes) in 2 files; scanned 3 files in "), "{last}");
    snapshot!("text", redact_timing(&r.stdout));
}

#[test]
fn text_is_the_default_format() {
    let t = sample();
    let default = t.run(&["--select", "ML005"]);
    let text = t.run(&["--select", "ML005", "--format", "text"]);
    assert_eq!(redact_timing(&default.stdout), redact_timing(&text.stdout));
}

#[test]
fn text_of_a_clean_tree_is_the_summary_line() {
    let t = Tree::new();
    t.file("a.rs", CLEAN);
    let r = t.run(&["--format", "text"]);
    r.assert_code(0);
    assert_eq!(
        redact_timing(&r.stdout),
        "0 problems (0 errors, 0 warnings, 0 notes) in 0 files; scanned 1 file in [T] ms\n"
    );
}

#[test]
fn concise() {
    let r = sample().run(&["--select", "ML005", "--format", "concise"]);
    r.assert_code(1);
    assert_eq!(
        r.lines(),
        [
            "src/bytes/mod.rs:2:18: warning ML005 `set.contains(..)` allocates a `Vec` (`.to_vec()`) only to look a key \
             up: the lookup borrows it and it is freed at once",
            "src/lib.rs:5:16: warning ML005 `prices.get(..)` allocates a `String` (`.to_string()`) only to look a key \
             up: the lookup borrows it and it is freed at once",
            "src/lib.rs:5:57: warning ML005 `prices.get(..)` allocates a `String` (`format!`) only to look a key up: the \
             lookup borrows it and it is freed at once",
        ]
    );
}

#[test]
fn json() {
    let r = sample().run(&["--select", "ML005", "--format", "json"]);
    r.assert_code(1);
    assert_eq!(r.stderr, "");
    snapshot!("json", &r.stdout);
}

#[test]
fn an_output_file_holds_the_same_bytes_as_stdout() {
    let t = sample();
    for format in ["concise", "json"] {
        let printed = t.run(&["--select", "ML005", "--format", format]);
        let written = t.run(&["--select", "ML005", "--format", format, "-o", "report.out"]);
        written.assert_code(1);
        assert_eq!(written.stdout, "");
        assert_eq!(std::fs::read_to_string(t.path("report.out")).ok(), Some(printed.stdout), "--format {format}");
    }
}

#[test]
fn json_has_the_document_shape_of_the_spec() {
    let r = sample().run(&["--select", "ML005", "--format", "json"]);
    let doc = r.json();
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&doc), ["findings", "skipped", "summary", "version"]);
    assert_eq!(doc["version"], env!("CARGO_PKG_VERSION"));
    let findings = doc["findings"].as_array().expect("findings is an array");
    assert_eq!(findings.len(), 3);
    for f in findings {
        assert_eq!(
            keys(f),
            [
                "code",
                "column",
                "end_column",
                "end_line",
                "fingerprint",
                "fix",
                "help",
                "labels",
                "level",
                "line",
                "message",
                "name",
                "notes",
                "path"
            ]
        );
        assert_eq!(f["code"], "ML005");
        assert_eq!(f["name"], "key-allocation-lookup");
        assert_eq!(f["level"], "warning");
        assert!(f["labels"].is_array() && f["fix"].is_null());
        assert!(f["fingerprint"].as_str().is_some_and(|s| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit())));
        assert!(f["help"].as_str().is_some_and(|h| !h.is_empty()));
    }
    assert_eq!(doc["skipped"], serde_json::json!([]));
    assert_eq!(
        doc["summary"],
        serde_json::json!({"findings": 3, "errors": 0, "warnings": 3, "notes": 0, "files_with_findings": 2,
                           "files_scanned": 3, "files_skipped": 0})
    );
}

#[test]
fn fingerprints_survive_lines_added_above() {
    let t = sample();
    let before = t.run(&["--select", "ML005", "--format", "json"]).json();
    t.file("src/lib.rs", format!("// A new comment.\n\n{PRICES}"));
    let after = t.run(&["--select", "ML005", "--format", "json"]).json();
    let at = |doc: &serde_json::Value, i: usize| {
        (doc["findings"][i]["line"].clone(), doc["findings"][i]["fingerprint"].clone())
    };
    for i in 1..3 {
        let (line_before, fp_before) = at(&before, i);
        let (line_after, fp_after) = at(&after, i);
        assert_eq!(line_after.as_u64(), line_before.as_u64().map(|l| l + 2));
        assert_eq!(fp_after, fp_before);
    }
    assert_eq!(at(&after, 0), at(&before, 0), "the other file's finding is untouched");
}

#[test]
fn paths_are_relative_to_the_current_directory() {
    let t = sample();
    let abs_src = t.path("src").display().to_string();
    let expected = ["src/bytes/mod.rs:2:18", "src/lib.rs:5:16", "src/lib.rs:5:57"];
    for arg in ["src", "./src", "src/", abs_src.as_str(), "src/../src"] {
        let r = t.run(&["--select", "ML005", "--format", "concise", arg]);
        let got: Vec<String> = r.lines().iter().map(|l| l.split(": ").next().unwrap_or_default().to_string()).collect();
        assert_eq!(got, expected, "argument {arg}");
    }
    let r = t.run_in("src", &["--select", "ML005", "--format", "concise"], &[]);
    let got: Vec<&str> = r.lines().iter().map(|l| l.split(": ").next().unwrap_or_default()).collect();
    assert_eq!(got, ["bytes/mod.rs:2:18", "lib.rs:5:16", "lib.rs:5:57"]);
}

#[test]
fn paths_outside_the_current_directory_are_absolute() {
    let t = sample();
    let r = t.run_in("src/bytes", &["--select", "ML005", "--format", "json", "../lib.rs"], &[]);
    let doc = r.json();
    assert_eq!(doc["findings"][0]["path"], format!("{}/src/lib.rs", t.root().display()));
}

#[test]
fn columns_count_characters_after_tabs_and_multibyte_text() {
    let t = Tree::new();
    let line = "\tlet clé = \"🗝\"; let _ = m.get(&clé.to_string());";
    t.file("keys.rs", format!("fn f(m: &Index) {{\n{line}\n}}\n"));
    let r = t.run(&["--format", "json"]);
    r.assert_code(1);
    let f = &r.json()["findings"][0];
    // `&clé.to_string()` starts at character 31 of the line (byte 35) and is 16 characters long.
    let start = line.find("&clé").map(|b| line[..b].chars().count() + 1);
    assert_eq!(start, Some(31));
    assert_eq!(
        (&f["line"], &f["column"], &f["end_line"], &f["end_column"]),
        (&2.into(), &31.into(), &2.into(), &47.into())
    );
    let c = t.run(&["--format", "concise"]);
    assert!(c.stdout.starts_with("keys.rs:2:31: warning ML005 "), "{}", c.stdout);
    let text = t.run(&["--format", "text"]);
    snapshot!("text_tabs_and_multibyte", redact_timing(&text.stdout));
}

//! The integration formats end to end: the built binary on a small package made at test
//! time (ML005 findings, a file whose name has a space and non-ASCII letters, a line with
//! multi-byte characters before a finding, an unparsable file), checked the way their
//! consumers read them.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const LIB: &str = "use std::collections::HashMap;

pub fn price(prices: &HashMap<String, u64>, name: &str) -> Option<u64> {
    prices.get(&name.to_string()).copied()
}

pub fn café(prix: &HashMap<String, u64>, nom: &str) -> bool { /* € */ prix.contains_key(&nom.to_owned()) }
";

const SET: &str = "use std::collections::HashSet;

pub fn has(names: &HashSet<String>, n: &str) -> bool {
    names.contains(&n.to_owned())
}
";

/// A fresh copy of the test package, in a directory of its own for each test.
fn tree(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("formats-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src/my module")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"probe\"\nversion = \"0.1.0\"\nedition = \"2021\"\n")
        .unwrap();
    std::fs::write(dir.join("src/lib.rs"), LIB).unwrap();
    std::fs::write(dir.join("src/my module/ünï.rs"), SET).unwrap();
    // It holds ML005's trigger, so the prefilter has it parsed (and fail).
    std::fs::write(dir.join("src/broken.rs"), "fn broken( {\n    m.get(&k.to_string());\n").unwrap();
    dir
}

/// Runs maplint in `dir` on `.` with ML005 selected: (stdout, stderr, exit status).
fn maplint(dir: &Path, format: &str) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_maplint"))
        .args(["--select", "ML005", "--format", format, "."])
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (text(out.stdout), text(out.stderr), out.status.code().unwrap_or(-1))
}

fn run_ok(dir: &Path, format: &str) -> String {
    let (stdout, stderr, code) = maplint(dir, format);
    assert_eq!(code, 1, "findings exit 1; stderr: {stderr}");
    assert_eq!(stderr, "warning: skipped src/broken.rs: syntax error at 1:12: cannot tokenize\n");
    stdout
}

fn sarif(dir: &Path) -> Value {
    serde_json::from_str(&run_ok(dir, "sarif")).unwrap()
}

/// Replaces the JSON encoding of each string at `pointers` in `raw` by a placeholder, so
/// the snapshot keeps the output's own layout and key order.
fn redact(raw: &str, v: &Value, pointers: &[(&str, &str)]) -> String {
    let mut out = raw.to_string();
    for (pointer, placeholder) in pointers {
        let value = v.pointer(pointer).unwrap_or_else(|| panic!("{pointer} missing"));
        out = out.replace(&serde_json::to_string(value).unwrap(), &format!("\"{placeholder}\""));
    }
    out
}

#[test]
fn sarif_snapshot() {
    let raw = run_ok(&tree("sarif"), "sarif");
    let v: Value = serde_json::from_str(&raw).unwrap();
    let redacted = redact(
        &raw,
        &v,
        &[
            ("/runs/0/originalUriBaseIds/%SRCROOT%/uri", "[file URI of the current directory]"),
            ("/runs/0/tool/driver/semanticVersion", "[version]"),
            // The explanations belong to the rules and change with them.
            ("/runs/0/tool/driver/rules/0/fullDescription/text", "[first paragraph of the explanation]"),
            ("/runs/0/tool/driver/rules/0/help/text", "[explanation]"),
        ],
    );
    insta::assert_snapshot!("sarif", redacted);
}

#[test]
fn sarif_srcroot_is_the_current_directory() {
    let dir = tree("srcroot");
    let v = sarif(&dir);
    let uri = v["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap().to_string();
    assert_eq!(uri, format!("file://{}/", dir.to_string_lossy().replace(' ', "%20")));
}

#[test]
fn sarif_rule_index_points_at_its_rule() {
    let dir = tree("rule-index");
    let out = Command::new(env!("CARGO_BIN_EXE_maplint"))
        .args(["--select", "ML001,ML003,ML005", "--format", "sarif", "."])
        .current_dir(&dir)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["ML001", "ML003", "ML005"]);
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for r in results {
        assert_eq!(r["ruleId"], "ML005");
        assert_eq!(r["ruleIndex"], 2);
    }
}

#[test]
fn sarif_uris_are_relative_and_percent_encoded() {
    let v = sarif(&tree("uris"));
    let run = &v["runs"][0];
    let uris: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, ["src/lib.rs", "src/lib.rs", "src/my%20module/%C3%BCn%C3%AF.rs"]);
    let note = &run["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "src/broken.rs");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!("github", run_ok(&tree("github"), "github"));
}

#[test]
fn github_escapes_properties_and_data() {
    let dir = tree("github-escape");
    std::fs::write(
        dir.join("src/odd,na:me.rs"),
        "pub fn pct(c: &std::collections::HashMap<&str, std::collections::HashMap<String, u8>>, k: &str) -> bool {\n    c[\"50%\"].contains_key(&k.to_string())\n}\n",
    )
    .unwrap();
    let out = run_ok(&dir, "github");
    let line = out.lines().find(|l| l.contains("odd")).unwrap();
    assert!(
        line.starts_with(
            "::warning file=src/odd%2Cna%3Ame.rs,line=2,col=27,endLine=2,endColumn=41,\
             title=ML005 key-allocation-lookup::`c[\"50%25\"]` (`std::collections::HashMap<String, u8>`): `.contains_key(..)` allocates"
        ),
        "{line}"
    );
    assert!(line.contains("then frees it%0Ahelp: look up with the borrowed form"), "{line}");
}

#[test]
fn gitlab_snapshot() {
    let out = run_ok(&tree("gitlab"), "gitlab");
    let v: Value = serde_json::from_str(&out).unwrap();
    let fingerprints: std::collections::BTreeSet<&str> =
        v.as_array().unwrap().iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(fingerprints.len(), 3, "fingerprints are unique");
    insta::assert_snapshot!("gitlab", out);
}

#[test]
fn rdjson_snapshot() {
    insta::assert_snapshot!("rdjson", run_ok(&tree("rdjson"), "rdjson"));
}

#[test]
fn rdjson_columns_count_utf8_bytes() {
    let v: Value = serde_json::from_str(&run_ok(&tree("rdjson-bytes"), "rdjson")).unwrap();
    let d = &v["diagnostics"][1];
    assert_eq!(d["location"]["path"], "src/lib.rs");
    let line = LIB.lines().nth(6).unwrap();
    let start = line.find("&nom").unwrap();
    let end = start + "&nom.to_owned()".len();
    assert_eq!(d["location"]["range"]["start"], serde_json::json!({"line": 7, "column": start + 1}));
    assert_eq!(d["location"]["range"]["end"], serde_json::json!({"line": 7, "column": end + 1}));
    // Three bytes more than characters before it: `é` is two bytes, `€` three.
    assert_eq!(start, line[..start].chars().count() + 3);
}

#[test]
fn rustc_json_snapshot() {
    let out = run_ok(&tree("rustc-json"), "rustc-json");
    let redacted: Vec<String> = out
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            redact(line, &v, &[("/code/explanation", "[explanation]")])
        })
        .collect();
    insta::assert_snapshot!("rustc_json", redacted.join("\n"));
}

/// What rust-analyzer's flycheck deserializes each line of the check command into.
#[derive(serde::Deserialize)]
#[serde(untagged)]
#[allow(dead_code, clippy::large_enum_variant)]
enum JsonMessage {
    Cargo(cargo_metadata::Message),
    Rustc(cargo_metadata::diagnostic::Diagnostic),
}

#[test]
fn rustc_json_lines_are_rustc_diagnostics() {
    use cargo_metadata::diagnostic::{Diagnostic, DiagnosticLevel};
    let dir = tree("rustc-json-parse");
    let out = run_ok(&dir, "rustc-json");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    for line in lines {
        let d: Diagnostic = serde_json::from_str(line).unwrap();
        assert!(matches!(serde_json::from_str::<JsonMessage>(line).unwrap(), JsonMessage::Rustc(_)));
        assert_eq!(d.level, DiagnosticLevel::Warning);
        assert_eq!(d.code.as_ref().unwrap().code, "ML005");
        let span = &d.spans[0];
        assert!(span.is_primary);
        let text = std::fs::read_to_string(dir.join(&span.file_name)).unwrap();
        assert!(text[span.byte_start as usize..span.byte_end as usize].starts_with('&'));
        let quoted = &span.text[0];
        let line_text = text.lines().nth(span.line_start - 1).unwrap();
        assert_eq!(quoted.text, line_text);
        let highlighted: String = line_text
            .chars()
            .skip(quoted.highlight_start - 1)
            .take(quoted.highlight_end - quoted.highlight_start)
            .collect();
        assert_eq!(highlighted, text[span.byte_start as usize..span.byte_end as usize]);
        assert_eq!(d.children[0].level, DiagnosticLevel::Help);
        assert!(d.rendered.unwrap().starts_with("warning[ML005]: "));
    }
}

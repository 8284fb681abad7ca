//! Unit tests of the integration formats on hand-made findings with secondary labels, a
//! fix, multi-line spans and repeated fingerprints, which no rule produces yet.

use std::path::Path;

use lint_core::finding::{FoundEdit, FoundFix, FoundLabel, Location};
use lint_core::source::SourceText;
use lint_core::{Finding, Level, Pos, Report, Span};
use serde_json::Value;

const SRC: &str =
    "fn f(v: &[u32]) {\n    let mut m = HashMap::new();\n    for x in v {\n        m.insert(x, 1);\n    }\n}\n";

fn loc(line: u32, column: u32, end_line: u32, end_column: u32) -> Location {
    let src = SourceText::new(SRC.to_string());
    Location::resolve(Span { start: Pos { line, column }, end: Pos { line: end_line, column: end_column } }, &src)
}

fn finding(path: &str) -> Finding {
    Finding {
        code: "ML002",
        name: "missing-presize",
        level: Level::Warning,
        message: "`m` (`HashMap`) is filled in a loop over `v` without reserving capacity".to_string(),
        help: "create it with `HashMap::with_capacity(v.len())`".to_string(),
        path: path.to_string(),
        location: loc(2, 17, 2, 31),
        labels: vec![FoundLabel { message: "filled here [per item]".to_string(), location: loc(4, 9, 4, 23) }],
        notes: Vec::new(),
        fix: Some(FoundFix {
            message: "pre-size the map".to_string(),
            edits: vec![FoundEdit {
                location: loc(2, 17, 2, 31),
                replacement: "HashMap::with_capacity(v.len())".to_string(),
            }],
        }),
        fingerprint: "00000000000000aa".to_string(),
        sites: Vec::new(),
        profile: None,
    }
}

fn report(findings: Vec<Finding>) -> Report {
    let mut r = Report { findings, ..Report::default() };
    for f in &r.findings {
        r.sources.insert(f.path.clone(), SRC.to_string());
    }
    r.rules = rules::ALL.iter().map(|r| r.meta()).collect();
    r
}

fn sarif(r: &Report) -> Value {
    serde_json::from_str(&super::sarif::render(r, Path::new("/work/my repo"))).unwrap()
}

#[test]
fn sarif_fix_related_locations_and_links() {
    let v = sarif(&report(vec![finding("src/lib.rs")]));
    let run = &v["runs"][0];
    assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///work/my%20repo/");
    let res = &run["results"][0];
    assert_eq!(res["ruleId"], "ML002");
    assert_eq!(res["ruleIndex"], 1);
    assert_eq!(run["tool"]["driver"]["rules"][1]["id"], "ML002");
    assert_eq!(
        res["message"]["text"],
        "`m` (`HashMap`) is filled in a loop over `v` without reserving capacity (see [filled here \\[per item\\]](1))\n\
         help: create it with `HashMap::with_capacity(v.len())`"
    );
    let related = &res["relatedLocations"][0];
    assert_eq!(related["id"], 1);
    assert_eq!(related["message"]["text"], "filled here [per item]");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 4);
    let change = &res["fixes"][0]["artifactChanges"][0];
    assert_eq!(res["fixes"][0]["description"]["text"], "pre-size the map");
    assert_eq!(change["artifactLocation"]["uri"], "src/lib.rs");
    assert_eq!(change["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let rep = &change["replacements"][0];
    assert_eq!(
        rep["deletedRegion"],
        serde_json::json!({"startLine": 2, "startColumn": 17, "endLine": 2, "endColumn": 31})
    );
    assert_eq!(rep["insertedContent"]["text"], "HashMap::with_capacity(v.len())");
    assert_eq!(res["partialFingerprints"]["maplint/v1"], "00000000000000aa");
}

#[test]
fn sarif_repeated_fingerprints_are_numbered() {
    let v = sarif(&report(vec![finding("src/lib.rs"), finding("src/lib.rs")]));
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results[0]["partialFingerprints"]["maplint/v1"], "00000000000000aa");
    assert_eq!(results[1]["partialFingerprints"]["maplint/v1"], "00000000000000aa:2");
    // The same line, so the same line hash: only maplint's key tells them apart.
    let hash = &results[0]["partialFingerprints"]["primaryLocationLineHash"];
    assert!(hash.is_string());
    assert_eq!(&results[1]["partialFingerprints"]["primaryLocationLineHash"], hash);
}

#[test]
fn sarif_uris() {
    use super::sarif::uri::{directory_uri, percent_encode};
    assert_eq!(percent_encode("src/my module/ünï,x:y.rs", false), "src/my%20module/%C3%BCn%C3%AF%2Cx%3Ay.rs");
    assert_eq!(percent_encode("a%b#c?d", false), "a%25b%23c%3Fd");
    assert_eq!(directory_uri(Path::new("/home/a b")), "file:///home/a%20b/");
    assert_eq!(directory_uri(Path::new("/")), "file:///");
    let v = sarif(&report(vec![finding("/elsewhere/lib.rs")]));
    let art = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(art["uri"], "file:///elsewhere/lib.rs");
    assert!(art.get("uriBaseId").is_none());
}

#[test]
fn github_multi_line_findings_have_no_columns() {
    let mut f = finding("src/a,b:c%.rs");
    f.location = loc(3, 5, 5, 6);
    f.message = "100% of\r\nthe map: grows".to_string();
    f.help = String::new();
    let out = super::github::render(&report(vec![f]));
    assert_eq!(
        out,
        "::warning file=src/a%2Cb%3Ac%25.rs,line=3,endLine=5,title=ML002 missing-presize::100%25 of%0D%0Athe map: grows\n"
    );
}

#[test]
fn rdjson_suggestions_and_related_locations() {
    let v: Value = serde_json::from_str(&super::rdjson::render(&report(vec![finding("src/lib.rs")]))).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["suggestions"][0]["range"]["start"], serde_json::json!({"line": 2, "column": 17}));
    assert_eq!(d["suggestions"][0]["range"]["end"], serde_json::json!({"line": 2, "column": 31}));
    assert_eq!(d["suggestions"][0]["text"], "HashMap::with_capacity(v.len())");
    assert_eq!(d["related_locations"][0]["message"], "filled here [per item]");
    assert_eq!(d["related_locations"][0]["location"]["range"]["start"]["line"], 4);
}

#[test]
fn rustc_json_labels_help_and_machine_applicable_fix() {
    use cargo_metadata::diagnostic::{Applicability, Diagnostic, DiagnosticLevel};
    let mut multi = finding("src/lib.rs");
    multi.location = loc(3, 5, 5, 6);
    multi.fix = None;
    let out = super::rustc_json::render(&report(vec![finding("src/lib.rs"), multi]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    let d: Diagnostic = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(d.level, DiagnosticLevel::Warning);
    assert_eq!(d.code.as_ref().map(|c| c.code.as_str()), Some("ML002"));
    assert_eq!(d.spans.len(), 2);
    assert!(d.spans[0].is_primary);
    assert_eq!(d.spans[0].text[0].text, "    let mut m = HashMap::new();");
    assert_eq!((d.spans[0].text[0].highlight_start, d.spans[0].text[0].highlight_end), (17, 31));
    assert!(!d.spans[1].is_primary);
    assert_eq!(d.spans[1].label.as_deref(), Some("filled here [per item]"));
    assert_eq!(d.children[0].level, DiagnosticLevel::Help);
    assert_eq!(d.children[0].message, "create it with `HashMap::with_capacity(v.len())`");
    let fix = &d.children[1];
    assert_eq!(fix.message, "pre-size the map");
    assert_eq!(fix.spans[0].suggested_replacement.as_deref(), Some("HashMap::with_capacity(v.len())"));
    assert_eq!(fix.spans[0].suggestion_applicability, Some(Applicability::MachineApplicable));
    assert_eq!((fix.spans[0].byte_start, fix.spans[0].byte_end), (34, 48));
    assert!(d.rendered.as_deref().unwrap_or("").starts_with("warning[ML002]: `m` (`HashMap`) is filled"));

    // A span over three lines quotes each, highlighted from its start, to its end.
    let d: Diagnostic = serde_json::from_str(lines[1]).unwrap();
    let t: Vec<(usize, usize)> = d.spans[0].text.iter().map(|l| (l.highlight_start, l.highlight_end)).collect();
    assert_eq!(t, vec![(5, 17), (1, 24), (1, 6)]);
    assert_eq!(d.children.len(), 1);
}

#[test]
fn sarif_full_description_is_the_first_paragraph_within_1024_characters() {
    use super::sarif::full_description;
    use lint_core::{Group, RuleMeta};
    let meta = |explanation: &'static str| RuleMeta {
        code: "ML999",
        name: "test-rule",
        level: Level::Note,
        group: Group::Pedantic,
        summary: "The summary.",
        explanation,
        precision: "high",
    };
    let m = meta("## What it flags\n\nA map\nfilled `twice`.\n\n## Why\n\nBecause.\n");
    assert_eq!(full_description(&m), "A map filled `twice`.");
    assert_eq!(full_description(&meta("## Only a heading\n")), "The summary.");
    let long: &'static str = Box::leak(format!("{}\n", "Word word word. ".repeat(100)).into_boxed_str());
    let d = full_description(&meta(long));
    assert!(d.chars().count() <= 1024 && d.ends_with("word."), "{d}");
}

#[test]
fn sarif_keeps_the_most_severe_findings_within_the_limit() {
    let mut fs: Vec<Finding> = (0..5).map(|_| finding("src/lib.rs")).collect();
    fs[1].level = Level::Error;
    fs[3].level = Level::Note;
    fs[4].level = Level::Error;
    assert_eq!(super::sarif::kept_findings(&report(fs.clone()), 3), vec![0, 1, 4]);
    assert_eq!(super::sarif::kept_findings(&report(fs), 5), vec![0, 1, 2, 3, 4]);
}

#[test]
fn github_skipped_files_are_warnings() {
    let mut r = report(Vec::new());
    r.skipped = vec![
        lint_core::Skipped { path: "src/a b.rs".to_string(), reason: "not valid UTF-8".to_string() },
        lint_core::Skipped { path: String::new(), reason: "symlink loop".to_string() },
    ];
    assert_eq!(
        super::github::render(&r),
        "::warning file=src/a b.rs,title=maplint skipped a file::skipped src/a b.rs: not valid UTF-8\n\
         ::warning title=maplint skipped a file::skipped: symlink loop\n"
    );
}

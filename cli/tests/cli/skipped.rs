//! Files that cannot be linted are listed on stderr as `warning: skipped PATH: REASON`;
//! the run goes on and the other files' findings are reported. A file that does not parse
//! is listed when it needed parsing: when it names a map type or holds a rule's trigger
//! (the prefilter), or with `--no-prefilter`.

use crate::common::*;

/// A tree with one good file and one file of each kind that is skipped.
fn mixed() -> Tree {
    let t = Tree::new();
    t.file("src/good.rs", lookup_at(1))
        .file("src/latin1.rs", b"// caf\xe9\nfn f() {}\n")
        .file("src/binary.rs", b"fn f() {}\n\x00\x01\x02\x03")
        .file("src/unbalanced.rs", "use std::collections::HashMap;\nfn f( {\n")
        .file("src/unparsable.rs", "struct S {\n    a: HashMap<u8, u8>\n    b: u8,\n}\n");
    t
}

const SKIPPED: [&str; 4] = [
    "warning: skipped src/binary.rs: binary file (contains NUL bytes)",
    "warning: skipped src/latin1.rs: not valid UTF-8 (invalid byte at offset 6)",
    "warning: skipped src/unbalanced.rs: syntax error at 2:7: cannot tokenize",
    "warning: skipped src/unparsable.rs: syntax error at 3:5: expected `,`",
];

#[test]
fn bad_files_are_listed_and_good_findings_stay() {
    let r = mixed().run(&["--format", "concise"]);
    r.assert_code(1);
    assert_eq!(r.lines(), [lookup_line("src/good.rs", 3)]);
    assert_eq!(r.err_lines(), SKIPPED);
}

#[test]
fn named_bad_files_are_listed_too() {
    let r = mixed().run(&["--format", "concise", "src/unparsable.rs", "src/good.rs", "src/binary.rs"]);
    r.assert_code(1);
    assert_eq!(r.lines(), [lookup_line("src/good.rs", 3)]);
    assert_eq!(r.err_lines(), [SKIPPED[0], SKIPPED[3]]);
}

#[test]
fn only_skipped_files_exit_0() {
    let t = Tree::new();
    t.file("bad.rs", "fn f(m: HashSet<u8> {\n");
    let r = t.run(&["--format", "concise"]);
    r.assert_code(0);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "warning: skipped bad.rs: syntax error at 1:21: cannot tokenize\n");
}

#[test]
fn a_small_tree_is_parsed_whole_so_every_syntax_error_is_listed() {
    let t = Tree::new();
    t.file("good.rs", LOOKUP).file("bad.rs", "fn f( {\n").file("prose.rs", "this is not rust\n");
    for args in [&["--format", "concise"][..], &["--format", "concise", "--no-prefilter"]] {
        let r = t.run(args);
        r.assert_code(1);
        assert_eq!(r.lines(), [lookup_line("good.rs", 2)]);
        assert_eq!(
            r.err_lines(),
            [
                "warning: skipped bad.rs: syntax error at 1:7: cannot tokenize",
                "warning: skipped prose.rs: syntax error at 1:6: expected `!`",
            ],
            "{args:?}"
        );
    }
}

#[test]
fn json_lists_skipped_files_and_counts_them() {
    let r = mixed().run(&["--format", "json"]);
    r.assert_code(1);
    let doc = r.json();
    let skipped: Vec<String> = doc["skipped"]
        .as_array()
        .expect("skipped is an array")
        .iter()
        .map(|s| {
            format!("warning: skipped {}: {}", s["path"].as_str().unwrap_or("?"), s["reason"].as_str().unwrap_or("?"))
        })
        .collect();
    assert_eq!(skipped, SKIPPED);
    assert_eq!(doc["summary"]["files_scanned"], 1);
    assert_eq!(doc["summary"]["files_skipped"], 4);
    assert_eq!(doc["summary"]["findings"], 1);
    assert_eq!(r.err_lines(), SKIPPED, "stderr lists them in every format");
}

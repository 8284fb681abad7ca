//! A hostile tree made at test time: 20,000-deep nesting, binary data and invalid UTF-8
//! named `.rs`, CRLF and byte-order marks, a FIFO, symlink loops, a dangling symlink,
//! unreadable files, odd file names. The run must end (0 or 1), keep the good files'
//! findings exact and list the bad files as skipped.

use std::fmt::Write;

use crate::common::*;

const DEEP: usize = 20_000;

fn deep(open: &str, middle: &str, close: &str) -> String {
    format!("{}{middle}{}", open.repeat(DEEP), close.repeat(DEEP))
}

/// A first line that makes the prefilter parse a file (it names a map type).
const SEED: &str = "type Seed = HashMap<u8, u8>;\n";

/// (file, contents) of every file too deep to parse.
fn too_deep() -> Vec<(&'static str, String)> {
    let seeded = |path, text: String| (path, format!("{SEED}{text}"));
    vec![
        seeded("deep/parens.rs", format!("fn f() {{ let x = {}; }}\n", deep("(", "1", ")"))),
        seeded("deep/blocks.rs", format!("fn f() {}\n", deep("{", "", "}"))),
        seeded("deep/generics.rs", format!("type T = {};\n", deep("Vec<", "u8", ">"))),
        seeded("deep/ref_types.rs", format!("type T = {};\n", deep("&", "u8", ""))),
        seeded("deep/ref_patterns.rs", format!("fn f(y: u8) {{ let {} = y; }}\n", deep("&", "x", ""))),
        seeded("deep/tuple_patterns.rs", format!("fn f(y: u8) {{ let {} = y; }}\n", deep("(", "x", ")"))),
        seeded("deep/macro_call.rs", format!("m!({});\n", deep("[", "", "]"))),
        seeded("deep/closures.rs", format!("fn f() {{ let c = {}; }}\n", deep("|x| ", "1", ""))),
        seeded("deep/fn_pointers.rs", format!("type T = {};\n", deep("fn() -> ", "u8", ""))),
    ]
}

/// A lookup nested in 100 blocks: deep, but well within what is parsed.
fn nested_lookup() -> String {
    format!(
        "fn nested(m: &HashMap, k: &str) {{{}\n    m.contains_key(&k.to_string());\n{}}}\n",
        "{".repeat(100),
        "}".repeat(100)
    )
}

#[cfg(unix)]
fn make_fifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn hostile_tree() {
    use std::os::unix::ffi::OsStrExt;

    let t = Tree::new();
    t.file("good/lib.rs", LOOKUP).file("good/nested.rs", nested_lookup());
    for (path, text) in too_deep() {
        t.file(path, text);
    }
    t.file("deep/chain.rs", format!("{SEED}fn f() {{ x{}; }}\n", ".a".repeat(60_000)));
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 + 3) as u8).collect();
    t.file("bad/binary.rs", binary)
        .file("bad/invalid_utf8.rs", b"fn f() {}\n// \xc3\x28\n")
        .file("text/crlf.rs", lookup_at(1).replace('\n', "\r\n"))
        .file("text/bom.rs", format!("\u{feff}{LOOKUP}"))
        .file("text/bom_crlf.rs", format!("\u{feff}{}", LOOKUP.replace('\n', "\r\n")))
        .file(
            "text/bom_first_line.rs",
            "\u{feff}fn f(m: &HashMap, k: &str) -> bool { m.contains_key(&k.to_string()) }\n",
        )
        .file("text/shebang.rs", format!("#!/usr/bin/env run-cargo-script\n{LOOKUP}"))
        .file("text/empty.rs", "")
        .file("text/comments_only.rs", "// nothing here\n/* at all */\n")
        .file("names/with space/naïve café.rs", LOOKUP)
        .file("names/日本語.rs", LOOKUP)
        .file("fifo_manifest/src/lib.rs", LOOKUP)
        .file("fifo_ignore/lib.rs", LOOKUP)
        .file("perm/secret.rs", LOOKUP)
        .file("perm/locked/inner.rs", LOOKUP);
    t.file_raw(std::ffi::OsStr::from_bytes(b"names/latin1_\xe9.rs"), LOOKUP);
    t.dir("special");
    make_fifo(&t.path("special/pipe.rs"));
    make_fifo(&t.path("fifo_manifest/Cargo.toml"));
    make_fifo(&t.path("fifo_ignore/.gitignore"));
    t.symlink("loop_b.rs", "special/loop_a.rs")
        .symlink("loop_a.rs", "special/loop_b.rs")
        .symlink(".", "special/self_dir")
        .symlink("..", "special/parent_dir")
        .symlink("no/such/file.rs", "special/dangling.rs");
    chmod(&t.path("perm/secret.rs"), 0o000);
    chmod(&t.path("perm/locked"), 0o000);
    // As root, permissions do not stop reads: then the files are linted.
    let secret_readable = std::fs::read(t.path("perm/secret.rs")).is_ok();
    let locked_readable = std::fs::read_dir(t.path("perm/locked")).is_ok();

    let r = t.run(&["--format", "concise"]);
    let named_fifo = t.run(&["--format", "concise", "special/pipe.rs", "good/lib.rs"]);
    let json = t.run(&["--format", "json", "-j", "1"]);
    chmod(&t.path("perm/locked"), 0o755);
    chmod(&t.path("perm/secret.rs"), 0o644);

    r.assert_code(1);
    let mut findings = vec![
        lookup_line("fifo_manifest/src/lib.rs", 2),
        lookup_line("good/lib.rs", 2),
        lookup_line("good/nested.rs", 2),
        lookup_line("names/latin1_\u{fffd}.rs", 2),
        lookup_line("names/with space/naïve café.rs", 2),
        lookup_line("names/日本語.rs", 2),
    ];
    if locked_readable {
        findings.push(lookup_line("perm/locked/inner.rs", 2));
    }
    if secret_readable {
        findings.push(lookup_line("perm/secret.rs", 2));
    }
    findings.extend([
        lookup_line("text/bom.rs", 2),
        lookup_line("text/bom_crlf.rs", 2),
        format!("text/bom_first_line.rs:1:53: warning ML005 {LOOKUP_MSG}"),
        lookup_line("text/crlf.rs", 3),
        lookup_line("text/shebang.rs", 3),
    ]);
    assert_eq!(r.lines(), findings);

    let mut skipped = vec![
        "warning: skipped bad/binary.rs: binary file (contains NUL bytes)".to_string(),
        "warning: skipped bad/invalid_utf8.rs: not valid UTF-8 (invalid byte at offset 13)".to_string(),
    ];
    for (path, _) in too_deep() {
        skipped.push(format!("warning: skipped {path}: nesting deeper than 256 levels (257)"));
    }
    skipped.push("warning: skipped deep/chain.rs: a statement of more than 50000 tokens".to_string());
    skipped.push("warning: skipped fifo_ignore: not walked: fifo_ignore/.gitignore is not a regular file".to_string());
    if !locked_readable {
        skipped.push("warning: skipped perm/locked: permission denied".to_string());
    }
    if !secret_readable {
        skipped.push("warning: skipped perm/secret.rs: permission denied".to_string());
    }
    skipped.sort();
    assert_eq!(r.err_lines(), skipped);

    named_fifo.assert_code(1);
    assert_eq!(named_fifo.lines(), [lookup_line("good/lib.rs", 2)]);
    assert_eq!(named_fifo.stderr, "warning: skipped special/pipe.rs: not a regular file\n");

    json.assert_code(1);
    let doc = json.json();
    let mut listed = String::new();
    for s in doc["skipped"].as_array().into_iter().flatten() {
        let _ = writeln!(
            listed,
            "warning: skipped {}: {}",
            s["path"].as_str().unwrap_or("?"),
            s["reason"].as_str().unwrap_or("?")
        );
    }
    assert_eq!(listed, json.stderr);
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(findings.len()));
}

#[cfg(unix)]
#[test]
fn named_symlink_loops_and_dangling_links_are_missing_paths() {
    let t = Tree::new();
    t.file("good.rs", LOOKUP).symlink("loop_b.rs", "loop_a.rs").symlink("loop_a.rs", "loop_b.rs");
    t.symlink("nowhere.rs", "dangling.rs");
    let dangling = t.run(&["--format", "concise", "good.rs", "dangling.rs"]);
    dangling.assert_code(2);
    assert_eq!(dangling.stderr, "error: dangling.rs: no such file or directory\n");
    let looped = t.run(&["--format", "concise", "loop_a.rs"]);
    looped.assert_code(2);
    assert!(looped.stderr.starts_with("error: loop_a.rs: "), "{}", looped.stderr);
    // Walking the directory that holds them is fine.
    let walked = t.run(&["--format", "concise"]);
    walked.assert_code(1);
    assert_eq!(walked.lines(), [lookup_line("good.rs", 2)]);
    assert_eq!(walked.stderr, "");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_gitignore_above_the_walked_directory_does_not_block() {
    let t = Tree::new();
    t.file("src/lib.rs", LOOKUP);
    make_fifo(&t.path(".gitignore"));
    let r = t.run_in("src", &["--format", "concise"], &[]);
    r.assert_code(0);
    // Both lie outside the current directory, so they are shown absolute.
    let root = t.root().display();
    assert_eq!(r.stderr, format!("warning: skipped {root}/src: not walked: {root}/.gitignore is not a regular file\n"));
    let r = t.run_in("src", &["--format", "concise", "--no-ignore"], &[]);
    assert_eq!(r.lines(), [lookup_line("lib.rs", 2)]);
}

//! The same tree gives byte-identical output whatever the thread count.

use crate::common::*;

/// 50 files in nested directories and two packages; file `i` holds `i % 4` findings, and
/// every tenth file is skipped.
fn generated() -> (Tree, usize) {
    let t = Tree::new();
    t.package("pkg_a", "pkg-a").package("pkg_b", "pkg-b");
    let mut expected = 0;
    for i in 0..50 {
        let dir = ["pkg_a/src", "pkg_b/src/deep/er", "loose", "loose/x"][i % 4];
        let path = format!("{dir}/file_{i:02}.rs");
        if i % 10 == 9 {
            t.file(&path, "type Index = HashMap<String, u8>;\nfn broken( {\n");
            continue;
        }
        let mut text = format!("//! File {i}.\n");
        for j in 0..i % 4 {
            text.push_str(&format!(
                "fn f{j}(m: &HashMap, k: &str) -> bool {{\n    m.contains_key(&k.to_string())\n}}\n"
            ));
            text.push_str(&format!("fn g{j}(m: &HashMap, k: &[u8]) {{ m.remove(&k.to_vec()); }}\n"));
            expected += 2;
        }
        t.file(&path, text);
    }
    (t, expected)
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let (t, expected) = generated();
    for format in ["concise", "json"] {
        let one = t.run(&["--format", format, "-j", "1"]);
        let four = t.run(&["--format", format, "-j", "4"]);
        one.assert_code(1);
        four.assert_code(1);
        assert!(one.stdout == four.stdout, "--format {format}: -j 1 and -j 4 differ");
        assert_eq!(one.stderr, four.stderr, "--format {format}");
        let again = t.run(&["--format", format, "-j", "4"]);
        assert!(again.stdout == four.stdout, "--format {format}: two runs with -j 4 differ");
    }
    let text = |j: &str| redact_timing(&t.run(&["--format", "text", "--color", "never", "-j", j]).stdout);
    assert!(text("1") == text("4"), "--format text: -j 1 and -j 4 differ");

    let r = t.run(&["--format", "concise", "-j", "3"]);
    assert_eq!(r.lines().len(), expected);
    assert_eq!(r.err_lines().len(), 5, "{}", r.stderr);
    // Sorted by path, then line and column.
    let key = |l: &&str| {
        let mut parts = l.splitn(4, ':');
        let path = parts.next().unwrap_or_default().to_string();
        let line: u32 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let col: u32 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        (path, line, col)
    };
    let lines = r.lines();
    let mut sorted = lines.clone();
    sorted.sort_by_key(key);
    assert_eq!(lines, sorted);
    assert!(lines.first().is_some_and(|l| l.starts_with("loose/file_02.rs:3:20: warning ML005 ")), "{lines:?}");
}

//! Findings in test code (`#[cfg(test)]`, `#[test]` functions, modules with a test name,
//! a package's `tests/`, `benches/` and `examples/`) are reported only with
//! `--include-tests`.

use crate::common::*;

const LIB: &str = "pub fn production(m: &HashMap, k: &str) -> bool {
    m.contains_key(&k.to_string())
}

#[test]
fn a_test(m: &HashMap, k: &str) {
    let _ = m.contains_key(&k.to_string());
}

#[tokio::test]
async fn an_async_test(m: &HashMap, k: &str) {
    let _ = m.contains_key(&k.to_string());
}

#[cfg(test)]
mod tests {
    fn helper(m: &HashMap) -> bool {
        m.contains_key(&\"k\".to_string())
    }
}

#[cfg(all(test, feature = \"slow\"))]
fn slow_helper(m: &HashMap) -> bool {
    m.contains_key(&\"k\".to_string())
}

#[cfg(not(test))]
fn not_test(m: &HashMap) -> bool {
    m.contains_key(&\"k\".to_string())
}
";

fn package() -> Tree {
    let t = Tree::new();
    t.package("", "p")
        .file("src/lib.rs", LIB)
        .file("tests/it.rs", LOOKUP)
        .file("benches/speed.rs", LOOKUP)
        .file("examples/demo/main.rs", LOOKUP)
        .file("src/tests.rs", LOOKUP);
    t
}

fn locations(r: &Run) -> Vec<&str> {
    r.lines().iter().filter_map(|l| l.split(": ").next()).collect()
}

#[test]
fn test_code_is_not_reported_by_default() {
    let r = package().run(&["--format", "concise", "--select", "ML005"]);
    r.assert_code(1);
    // `src/tests.rs` is the module `tests`, a test name, though no `mod tests;` declares it.
    assert_eq!(locations(&r), ["src/lib.rs:2:20", "src/lib.rs:29:20"]);
}

#[test]
fn include_tests_reports_it() {
    let r = package().run(&["--format", "concise", "--select", "ML005", "--include-tests"]);
    r.assert_code(1);
    assert_eq!(
        locations(&r),
        [
            "benches/speed.rs:2:20",
            "examples/demo/main.rs:2:20",
            "src/lib.rs:2:20",
            "src/lib.rs:7:28",
            "src/lib.rs:12:28",
            "src/lib.rs:18:24",
            "src/lib.rs:24:20",
            "src/lib.rs:29:20",
            "src/tests.rs:2:20",
            "tests/it.rs:2:20",
        ]
    );
}

#[test]
fn named_test_files_are_still_test_code() {
    let t = package();
    let r = t.run(&["--format", "concise", "tests/it.rs"]);
    r.assert_code(0);
    assert_eq!(r.stdout, "");
    let r = t.run(&["--format", "concise", "--include-tests", "tests/it.rs"]);
    assert_eq!(r.lines(), [lookup_line("tests/it.rs", 2)]);
}

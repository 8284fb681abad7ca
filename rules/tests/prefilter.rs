//! The prefilter never changes the result: the whole `testdata/` tree, with every rule
//! selected and test code reported or not, gives the same report, byte for byte, whether
//! every file is parsed or only those the prefilter keeps.

mod common;

use common::{all_rules, render, run, testdata};

/// The tree at `dir` linted with every rule, with the prefilter and without: the two
/// reports must be the same, byte for byte. Returns both.
fn with_and_without(dir: &std::path::Path) -> (lint_core::Report, lint_core::Report) {
    let with = run(dir, &all_rules());
    let without = run(dir, &lint_core::Settings { no_prefilter: true, ..all_rules() });
    assert_eq!(render(&with), render(&without));
    (with, without)
}

/// A package named `name` in a new temporary directory: its `Cargo.toml` written.
fn package(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    write_file(dir.path(), "Cargo.toml", &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n"));
    dir
}

/// Writes `text` to `path` under `root`, creating its directories.
fn write_file(root: &std::path::Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create");
    std::fs::write(path, text).expect("write");
}

#[test]
fn the_prefilter_changes_nothing_on_the_fixtures() {
    for include_tests in [false, true] {
        let on = lint_core::Settings { include_tests, ..all_rules() };
        let off = lint_core::Settings { no_prefilter: true, ..on.clone() };
        let (with, without) = (run(&testdata(), &on), run(&testdata(), &off));
        assert_eq!(render(&with), render(&without), "include-tests = {include_tests}");
        assert!(with.findings.len() > 50, "{} findings", with.findings.len());
        assert!(
            with.files_parsed < without.files_parsed,
            "the prefilter parsed {} files of {}",
            with.files_parsed,
            without.files_parsed
        );
    }
}

#[test]
fn files_that_cannot_matter_are_not_parsed() {
    let dir = testdata().join("cross-file");
    let (with, without) = with_and_without(&dir);
    // Only `plain.rs` needs no parse (`lib.rs` declares the modules: the module tree and
    // test code depend on it); the malformed suppression comment of `plain.rs` is
    // reported all the same.
    assert_eq!((with.files_parsed, without.files_parsed), (17, 18));
    let warnings: Vec<&str> = with.warnings.iter().map(|w| w.rsplit("cross-file/").next().unwrap_or("")).collect();
    assert_eq!(warnings, ["src/plain.rs:2: malformed suppression comment: unknown rule `ML999`"]);
}

/// Functions whose names every file calls or defines (`len`, `clear`, `new`) are names of
/// interest only where they may reach a map: an accessor returning a count, a method
/// emptying a map under a map method's own name, a constructor returning a struct around
/// a map make no file that merely calls or defines such a name worth parsing.
#[test]
fn common_function_names_do_not_parse_every_file() {
    let dir = package("names");
    let write = |path: &str, text: &str| write_file(dir.path(), path, text);
    write(
        "src/lib.rs",
        "mod other;\nuse std::collections::HashMap;\n\
         pub struct Registry { map: HashMap<u64, u64> }\n\
         impl Registry {\n\
             pub fn new() -> Registry { Registry { map: HashMap::new() } }\n\
             pub fn len(&self) -> usize { self.map.len() }\n\
             pub fn clear(&mut self) { self.map.clear() }\n\
         }\n",
    );
    write(
        "src/other.rs",
        "pub struct Names { list: Vec<String> }\n\
         impl Names {\n\
             pub fn new() -> Names { Names { list: Vec::new() } }\n\
             pub fn reset(&mut self) { if self.list.len() > 1 { self.list.clear() } }\n\
         }\n",
    );
    let (with, without) = with_and_without(dir.path());
    assert_eq!((with.files_parsed, without.files_parsed), (1, 2), "`other.rs` calls `len`, `clear` and `new`");
}

/// A map handed to `Type::f(..)` makes only the files defining an `f` in an impl of `Type`
/// (or of a trait `Type`) worth parsing, not every file defining an `f`.
#[test]
fn a_call_qualified_by_a_type_parses_only_that_type_s_impls() {
    let dir = package("qualified");
    let write = |path: &str, text: &str| write_file(dir.path(), path, text);
    write(
        "src/lib.rs",
        "mod planner;\nmod snapshot;\nuse std::collections::HashMap;\nuse std::sync::{Arc, Mutex};\n\
         pub struct Sweeper { swept: Arc<Mutex<HashMap<u64, u64>>> }\n\
         impl Sweeper {\n\
             pub fn new() -> Sweeper { Sweeper { swept: Arc::new(Mutex::new(HashMap::new())) } }\n\
             pub fn record(&self, k: u64) { self.swept.lock().unwrap().insert(k, 1); }\n\
             pub fn prune(&self) { self.swept.lock().unwrap().retain(|k, _| *k > 1); }\n\
             pub fn plan(&self) { planner::Planner::new(&self.swept); }\n\
         }\n",
    );
    write(
        "src/planner.rs",
        "pub struct Planner;\n\
         impl Planner { pub fn new<T>(swept: &T) -> Planner { let _ = swept; Planner } }\n",
    );
    write(
        "src/snapshot.rs",
        "pub struct Snapshot;\n\
         impl Snapshot { pub fn new<T>(table: &T) -> Snapshot { let _ = table; Snapshot } }\n",
    );
    let (with, without) = with_and_without(dir.path());
    assert_eq!(with.findings.len(), 1, "{}", render(&with));
    assert_eq!((with.files_parsed, without.files_parsed), (2, 3), "`snapshot.rs` defines another type's `new`");
}

/// A file that is test code as a whole (under `tests/`, `benches/` or `examples/`) reports
/// nothing and its facts never count, so the prefilter does not parse it unless test code
/// is reported; without the prefilter it is parsed, and its syntax error reported. One
/// that declares a module under `#[path = ".."]` is parsed all the same (it may place a
/// file in the module tree).
#[test]
fn the_prefilter_holds_test_files_back_unless_test_code_is_reported() {
    let dir = package("held");
    let grows = "use std::collections::HashMap;\nuse std::sync::{LazyLock, Mutex};\n\
                 static SEEN: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default);\n\
                 pub fn see(id: u64) {\n    SEEN.lock().unwrap().insert(id, id);\n}\n";
    write_file(dir.path(), "src/lib.rs", grows);
    write_file(dir.path(), "tests/it.rs", "use std::collections::HashMap;\nfn broken( {}\n");
    write_file(dir.path(), "benches/b.rs", &grows.replace("SEEN", "TRIED"));
    write_file(dir.path(), "examples/e.rs", "#[path = \"../src/lib.rs\"]\nmod lib;\nfn main() {}\n");
    let reasons = |r: &lint_core::Report| r.skipped.iter().map(|s| s.reason.clone()).collect::<Vec<_>>();
    let broken = ["syntax error at 2:10: cannot tokenize"];
    for include_tests in [false, true] {
        let on = lint_core::Settings { include_tests, ..all_rules() };
        let with = run(dir.path(), &on);
        let without = run(dir.path(), &lint_core::Settings { no_prefilter: true, ..on.clone() });
        assert_eq!(format!("{:?}", with.findings), format!("{:?}", without.findings));
        // The static grown in `src/lib.rs` is reported; the one in `benches/b.rs` only when
        // test code is.
        let root = dir.path().to_string_lossy().into_owned();
        let mut found: Vec<String> =
            with.findings.iter().map(|f| format!("{} {}", f.code, f.path.trim_start_matches(root.as_str()))).collect();
        found.sort();
        let mut expected = vec!["ML001 /src/lib.rs".to_string()];
        if include_tests {
            expected.insert(0, "ML001 /benches/b.rs".to_string());
        }
        assert_eq!(found, expected);
        assert_eq!(without.files_parsed, 4);
        assert_eq!(reasons(&without), broken);
        if include_tests {
            assert_eq!((with.files_parsed, reasons(&with)), (4, broken.map(String::from).to_vec()));
        } else {
            assert_eq!(with.files_parsed, 2, "src/lib.rs, and examples/e.rs for its `#[path]` module");
            assert!(with.skipped.is_empty(), "{:?}", with.skipped);
        }
    }
}

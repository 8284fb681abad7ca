//! Walking directories: `.gitignore` (with and without a `.git` directory), `--no-ignore`,
//! `target/` and hidden directories, symlinks, explicit files, `--exclude`, loose files
//! and several packages.

use crate::common::*;

/// The paths of the findings of a concise run.
fn finding_paths(r: &Run) -> Vec<String> {
    let mut paths: Vec<String> = r.lines().iter().filter_map(|l| l.split(':').next()).map(String::from).collect();
    paths.dedup();
    paths
}

fn ignoring_tree(with_git: bool) -> Tree {
    let t = Tree::new();
    t.file(".gitignore", "/generated/\n*.gen.rs\n")
        .file("src/lib.rs", LOOKUP)
        .file("src/parser.gen.rs", LOOKUP)
        .file("generated/out.rs", LOOKUP)
        .file("src/sub/.gitignore", "local.rs\n")
        .file("src/sub/local.rs", LOOKUP)
        .file("src/sub/kept.rs", LOOKUP);
    if with_git {
        t.dir(".git");
    }
    t
}

#[test]
fn gitignore_is_honoured_with_or_without_a_git_directory() {
    for with_git in [false, true] {
        let r = ignoring_tree(with_git).run(&["--format", "concise"]);
        r.assert_code(1);
        assert_eq!(finding_paths(&r), ["src/lib.rs", "src/sub/kept.rs"], "with .git: {with_git}");
        assert_eq!(r.stderr, "");
    }
}

#[test]
fn no_ignore_lints_ignored_files() {
    let r = ignoring_tree(true).run(&["--format", "concise", "--no-ignore"]);
    r.assert_code(1);
    assert_eq!(
        finding_paths(&r),
        ["generated/out.rs", "src/lib.rs", "src/parser.gen.rs", "src/sub/kept.rs", "src/sub/local.rs"]
    );
}

#[test]
fn dot_ignore_files_are_honoured() {
    let t = Tree::new();
    t.file(".ignore", "skip.rs\n").file("skip.rs", LOOKUP).file("keep.rs", LOOKUP);
    assert_eq!(finding_paths(&t.run(&["--format", "concise"])), ["keep.rs"]);
    assert_eq!(finding_paths(&t.run(&["--format", "concise", "--no-ignore"])), ["keep.rs", "skip.rs"]);
}

#[test]
fn target_and_hidden_directories_are_skipped() {
    let t = Tree::new();
    t.file("src/lib.rs", LOOKUP)
        .file("target/debug/build/out.rs", LOOKUP)
        .file("crates/a/target/gen.rs", LOOKUP)
        .file(".hidden/x.rs", LOOKUP)
        .file("src/.cache/y.rs", LOOKUP)
        .file("src/targets/z.rs", LOOKUP);
    for extra in [&[][..], &["--no-ignore"][..]] {
        let r = t.run(&[&["--format", "concise"][..], extra].concat());
        assert_eq!(finding_paths(&r), ["src/lib.rs", "src/targets/z.rs"], "{extra:?}");
        assert_eq!(r.stderr, "");
    }
}

#[test]
fn a_named_target_or_hidden_directory_is_walked() {
    let t = Tree::new();
    t.file("target/gen.rs", LOOKUP).file(".hidden/x.rs", LOOKUP);
    assert_eq!(finding_paths(&t.run(&["--format", "concise", "target", ".hidden"])), [".hidden/x.rs", "target/gen.rs"]);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_when_walking() {
    let t = Tree::new();
    t.file("outside/far.rs", LOOKUP).file("tree/src/lib.rs", LOOKUP);
    t.symlink("../../outside/far.rs", "tree/src/link.rs").symlink("../outside", "tree/linked_dir");
    let r = t.run_in("tree", &["--format", "concise"], &[]);
    r.assert_code(1);
    assert_eq!(finding_paths(&r), ["src/lib.rs"]);
    assert_eq!(r.stderr, "");
    // Named on the command line, a symlink is linted under the name given.
    let named = t.run_in("tree", &["--format", "concise", "src/link.rs"], &[]);
    assert_eq!(named.lines(), [lookup_line("src/link.rs", 2)]);
}

#[test]
fn explicit_files_are_always_linted() {
    let t = ignoring_tree(true);
    t.file("target/gen.rs", LOOKUP).file(".hidden/x.rs", LOOKUP).file("notes/script.txt", LOOKUP);
    let r = t.run(&[
        "--format",
        "concise",
        "generated/out.rs",
        "src/parser.gen.rs",
        "src/sub/local.rs",
        "target/gen.rs",
        ".hidden/x.rs",
        "notes/script.txt",
    ]);
    r.assert_code(1);
    assert_eq!(
        finding_paths(&r),
        [".hidden/x.rs", "generated/out.rs", "src/parser.gen.rs", "src/sub/local.rs", "target/gen.rs"]
    );
    // Any Rust file, that is: a file that is not `.rs` is skipped with the reason.
    assert_eq!(r.stderr, "warning: skipped notes/script.txt: not a Rust source file\n");
}

#[test]
fn a_file_named_twice_is_reported_once() {
    let t = Tree::new();
    t.file("src/lib.rs", LOOKUP);
    let r = t.run(&["--format", "concise", "src/lib.rs", "./src/lib.rs", "src"]);
    assert_eq!(r.lines(), [lookup_line("src/lib.rs", 2)]);
}

#[test]
fn exclude_globs() {
    let t = Tree::new();
    t.file("src/lib.rs", LOOKUP)
        .file("src/gen/a.rs", LOOKUP)
        .file("src/schema.generated.rs", LOOKUP)
        .file("vendor/gen/b.rs", LOOKUP)
        .file("tools/x.rs", LOOKUP);
    let run = |args: &[&str]| finding_paths(&t.run(&[&["--format", "concise"][..], args].concat()));
    // A glob without `/` matches any path component.
    assert_eq!(run(&["--exclude", "gen"]), ["src/lib.rs", "src/schema.generated.rs", "tools/x.rs"]);
    // A glob with `/` is anchored at the current directory.
    assert_eq!(
        run(&["--exclude", "src/gen"]),
        ["src/lib.rs", "src/schema.generated.rs", "tools/x.rs", "vendor/gen/b.rs"]
    );
    assert_eq!(
        run(&["--exclude", "*.generated.rs", "--exclude", "tools"]),
        ["src/gen/a.rs", "src/lib.rs", "vendor/gen/b.rs"]
    );
    assert_eq!(run(&["--exclude", "src/**/*.rs"]), ["tools/x.rs", "vendor/gen/b.rs"]);
    // It applies to files named on the command line as well (the pre-commit case).
    assert_eq!(run(&["--exclude", "gen", "src/gen/a.rs", "src/lib.rs"]), ["src/lib.rs"]);
}

#[test]
fn loose_files_outside_any_package_are_linted() {
    let t = Tree::new();
    t.file("script.rs", LOOKUP).file("misc/tool.rs", LOOKUP).file("misc/tests/check.rs", LOOKUP);
    let r = t.run(&["--format", "concise"]);
    // With no package there is no `tests/` directory of a package: nothing is test code.
    assert_eq!(finding_paths(&r), ["misc/tests/check.rs", "misc/tool.rs", "script.rs"]);
}

#[test]
fn several_packages_in_one_run() {
    let t = Tree::new();
    t.file("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n")
        .package("crates/a", "a")
        .package("crates/b", "b")
        .file("crates/a/src/lib.rs", LOOKUP)
        .file("crates/b/src/lib.rs", lookup_at(2))
        .file("crates/b/src/inner/mod.rs", LOOKUP)
        .file("xtask/main.rs", LOOKUP);
    let r = t.run(&["--format", "concise"]);
    r.assert_code(1);
    assert_eq!(
        r.lines(),
        [
            lookup_line("crates/a/src/lib.rs", 2),
            lookup_line("crates/b/src/inner/mod.rs", 2),
            lookup_line("crates/b/src/lib.rs", 4),
            lookup_line("xtask/main.rs", 2),
        ]
    );
}

#[test]
fn naming_one_file_reports_only_that_file() {
    let t = Tree::new();
    t.package("", "p").file("src/lib.rs", LOOKUP).file("src/other.rs", LOOKUP);
    let r = t.run(&["--format", "json", "src/other.rs"]);
    r.assert_code(1);
    let doc = r.json();
    let paths: Vec<&str> =
        doc["findings"].as_array().into_iter().flatten().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(paths, ["src/other.rs"]);
    assert_eq!(doc["summary"]["files_scanned"], 1);
}

//! Configuration files, baselines, fixes and the rule documentation commands, tested by
//! running the `maplint` binary over small trees written to temporary directories.
//! ML005 (`m.get(&k.to_string())`) is the finding the trees are built on.

#[path = "config/commands.rs"]
mod commands;
#[path = "config/fixes.rs"]
mod fixes;
#[path = "config/support.rs"]
mod support;

use support::{concise, maplint, tree, LOOKUP};

/// A package with one ML005 finding in `src/lib.rs`, and `extra` files.
fn package(extra: &[(&str, &str)]) -> tempfile::TempDir {
    let mut files = vec![("Cargo.toml", "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n"), ("src/lib.rs", LOOKUP)];
    files.extend_from_slice(extra);
    tree(&files)
}

#[test]
fn without_configuration_the_default_applies() {
    let dir = package(&[]);
    let out = maplint(dir.path(), &["--format", "concise", "."]);
    assert_eq!(concise(&out), ["src/lib.rs:4:11: warning ML005"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn each_configuration_location_is_found() {
    let cases: &[(&str, &str)] = &[
        ("maplint.toml", "[severity]\nML005 = \"note\"\n"),
        (".maplint.toml", "[severity]\nML005 = \"note\"\n"),
        (
            "Cargo.toml",
            "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n[package.metadata.maplint.severity]\nML005 = \"note\"\n",
        ),
        ("Cargo.toml", "[workspace]\n[workspace.metadata.maplint]\nseverity = { ML005 = \"note\" }\n"),
    ];
    for (name, text) in cases {
        let dir = tree(&[("src/lib.rs", LOOKUP), (name, text)]);
        let out = maplint(dir.path(), &["--format", "concise", "src"]);
        assert_eq!(concise(&out), ["src/lib.rs:4:11: note ML005"], "{name}: {text}");
        assert_eq!(out.status.code(), Some(0), "{name}");
    }
}

#[test]
fn the_first_configuration_found_wins() {
    // In one directory: maplint.toml, then .maplint.toml, then Cargo.toml.
    let manifest =
        "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n[package.metadata.maplint]\nignore = [\"ML005\"]\n";
    let dir = package(&[
        ("Cargo.toml", manifest),
        ("maplint.toml", "severity = { ML005 = \"error\" }\n"),
        (".maplint.toml", "severity = { ML005 = \"note\" }\n"),
    ]);
    assert_eq!(concise(&maplint(dir.path(), &["--format", "concise"])), ["src/lib.rs:4:11: error ML005"]);
    std::fs::remove_file(dir.path().join("maplint.toml")).ok();
    assert_eq!(concise(&maplint(dir.path(), &["--format", "concise"])), ["src/lib.rs:4:11: note ML005"]);
    std::fs::remove_file(dir.path().join(".maplint.toml")).ok();
    assert!(concise(&maplint(dir.path(), &["--format", "concise"])).is_empty());

    // The nearest directory wins, searching from the first path's directory upwards.
    let dir = tree(&[
        ("maplint.toml", "ignore = [\"ML005\"]\n"),
        ("sub/maplint.toml", "severity = { key-allocation-lookup = \"note\" }\n"),
        ("sub/src/lib.rs", LOOKUP),
    ]);
    let out = maplint(dir.path(), &["--format", "concise", "sub/src/lib.rs"]);
    assert_eq!(concise(&out), ["sub/src/lib.rs:4:11: note ML005"]);
    let out = maplint(&dir.path().join("sub/src"), &["--format", "concise"]);
    assert_eq!(concise(&out), ["lib.rs:4:11: note ML005"]);
    assert!(concise(&maplint(dir.path(), &["--format", "concise", "."])).is_empty());
}

#[test]
fn config_names_a_file_and_no_config_ignores_all() {
    let dir = package(&[
        ("maplint.toml", "ignore = [\"ML005\"]\n"),
        ("elsewhere/strict.toml", "severity = { ML005 = \"error\" }\n"),
    ]);
    assert!(concise(&maplint(dir.path(), &["--format", "concise"])).is_empty());
    let out = maplint(dir.path(), &["--format", "concise", "--config", "elsewhere/strict.toml"]);
    assert_eq!(concise(&out), ["src/lib.rs:4:11: error ML005"]);
    let out = maplint(dir.path(), &["--format", "concise", "--no-config"]);
    assert_eq!(concise(&out), ["src/lib.rs:4:11: warning ML005"]);
    let out = maplint(dir.path(), &["--config", "missing.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(support::stderr(&out), "error: missing.toml: cannot read the configuration: file not found\n");
}

#[test]
fn the_command_line_overrides_the_file() {
    let ignoring = package(&[("maplint.toml", "ignore = [\"ML005\"]\n")]);
    let selecting_other = package(&[("maplint.toml", "select = [\"ML002\"]\nextend-select = [\"ML003\"]\n")]);
    let found = ["src/lib.rs:4:11: warning ML005"];
    let none: [&str; 0] = [];
    let cases: &[(&tempfile::TempDir, &[&str], &[&str])] = &[
        (&selecting_other, &[], &none),
        (&selecting_other, &["--select", "ML005"], &found),
        (&selecting_other, &["--extend-select", "key-allocation-lookup"], &found),
        // The file's `ignore` holds against groups, not against a rule named on the line.
        (&ignoring, &["--select", "all"], &none),
        (&ignoring, &["--select", "ML005"], &found),
        (&ignoring, &["--extend-select", "ML005"], &found),
        (&ignoring, &["--select", "ML005", "--ignore", "ML005"], &none),
    ];
    for (dir, flags, expected) in cases {
        let mut args = vec!["--format", "concise"];
        args.extend_from_slice(flags);
        assert_eq!(concise(&maplint(dir.path(), &args)), *expected, "{flags:?}");
    }
}

#[test]
fn exclude_is_relative_to_the_configuration_file() {
    let dir = tree(&[
        ("sub/maplint.toml", "exclude = [\"src/skip.rs\", \"generated\"]\n"),
        ("sub/src/skip.rs", LOOKUP),
        ("sub/src/keep.rs", LOOKUP),
        ("sub/src/generated/a.rs", LOOKUP),
        ("other/src/skip.rs", LOOKUP),
    ]);
    let out = maplint(dir.path(), &["--format", "concise", "sub", "other"]);
    assert_eq!(concise(&out), ["other/src/skip.rs:4:11: warning ML005", "sub/src/keep.rs:4:11: warning ML005"]);
    // Explicit file arguments (the pre-commit case) are excluded too.
    let out = maplint(dir.path(), &["--format", "concise", "sub/src/skip.rs", "sub/src/keep.rs"]);
    assert_eq!(concise(&out), ["sub/src/keep.rs:4:11: warning ML005"]);
    // From inside the directory the same globs apply.
    let out = maplint(&dir.path().join("sub/src"), &["--format", "concise", "."]);
    assert_eq!(concise(&out), ["keep.rs:4:11: warning ML005"]);
}

#[test]
fn severity_changes_the_level_and_the_exit_status() {
    let dir = package(&[("maplint.toml", "[severity]\nkey-allocation-lookup = \"error\"\n")]);
    let out = maplint(dir.path(), &["--format", "concise", "--fail-on", "error"]);
    assert_eq!(concise(&out), ["src/lib.rs:4:11: error ML005"]);
    assert_eq!(out.status.code(), Some(1));
    let dir = package(&[("maplint.toml", "[severity]\nML005 = \"note\"\n")]);
    let out = maplint(dir.path(), &["--format", "concise"]);
    assert_eq!(concise(&out), ["src/lib.rs:4:11: note ML005"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(maplint(dir.path(), &["--fail-on", "note"]).status.code(), Some(1));
}

#[test]
fn include_tests_reports_test_code() {
    let in_tests = "#[cfg(test)]\nmod tests {\n    use std::collections::HashMap;\n    fn f(m: &HashMap<String, u32>, k: &str) -> Option<&u32> {\n        m.get(&k.to_string())\n    }\n}\n";
    let dir = package(&[("src/t.rs", in_tests)]);
    let out = maplint(dir.path(), &["--format", "concise"]);
    assert_eq!(concise(&out), ["src/lib.rs:4:11: warning ML005"]);
    std::fs::write(dir.path().join("maplint.toml"), "include-tests = true\n").ok();
    let out = maplint(dir.path(), &["--format", "concise"]);
    assert_eq!(concise(&out), ["src/lib.rs:4:11: warning ML005", "src/t.rs:5:15: warning ML005"]);
}

#[test]
fn invalid_configuration_is_an_error_naming_the_key_and_the_file() {
    let cases: &[(&str, &str, &str)] = &[
        ("maplint.toml", "foo = 1\n", "error: maplint.toml: unknown key `foo` (known keys: select, ignore, extend-select, include-tests, exclude, map-types, severity, rules)\n"),
        ("maplint.toml", "select = [\"ML099\"]\n", "error: maplint.toml: unknown rule or group `ML099` in `select`\n"),
        ("maplint.toml", "[severity]\nML099 = \"note\"\n", "error: maplint.toml: unknown rule `ML099` in `severity` (see --list-rules)\n"),
        ("maplint.toml", "[severity]\nML005 = \"fatal\"\n", "error: maplint.toml: `severity.ML005` must be one of \"error\", \"warning\", \"note\", found the string \"fatal\"\n"),
        ("maplint.toml", "[rules.ML099]\n", "error: maplint.toml: unknown rule `ML099` in `rules` (see --list-rules)\n"),
        ("maplint.toml", "[rules.unbounded-growth]\nplain = true\n", "error: maplint.toml: unknown key `rules.unbounded-growth.plain` (options of ML001: plain-fields, removal-methods)\n"),
        ("maplint.toml", "[rules.ML002]\nmin-bytes = 1\n", "error: maplint.toml: unknown key `rules.ML002.min-bytes` (ML002 has no options)\n"),
        ("maplint.toml", "include-tests = \"yes\"\n", "error: maplint.toml: `include-tests` must be a boolean (true or false), found the string \"yes\"\n"),
        ("maplint.toml", "exclude = \"target\"\n", "error: maplint.toml: `exclude` must be a list of strings, found the string \"target\"\n"),
        ("maplint.toml", "[rules.ML008]\nmin-bytes = -1\n", "error: maplint.toml: `rules.ML008.min-bytes` must be a non-negative integer, found the integer -1\n"),
        ("maplint.toml", "[rules.ML001]\nplain-fields = 1\n", "error: maplint.toml: `rules.ML001.plain-fields` must be a boolean (true or false), found the integer 1\n"),
        (".maplint.toml", "map-types = [1]\n", "error: .maplint.toml: `map-types` must be a list of strings, found the integer 1\n"),
        ("Cargo.toml", "[package]\nname = \"d\"\n[package.metadata.maplint]\nselct = []\n", "error: Cargo.toml: unknown key `package.metadata.maplint.selct` (known keys: select, ignore, extend-select, include-tests, exclude, map-types, severity, rules)\n"),
        ("maplint.toml", "select = [\n", "error: maplint.toml: invalid TOML: TOML parse error at line 1, column 12: invalid array: expected `]`\n"),
    ];
    for (name, text, expected) in cases {
        let dir = tree(&[("src/lib.rs", LOOKUP), (name, text)]);
        let out = maplint(dir.path(), &["src"]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert_eq!(support::stderr(&out), *expected, "{text}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn valid_rule_options_are_accepted() {
    let text = "map-types = [\"Registry\"]\n[rules.ML001]\nplain-fields = true\nremoval-methods = [\"evict\"]\n\
                [rules.interior-mutable-key]\nignore-types = [\"Handle\"]\n[rules.ML008]\nmin-bytes = 1024\n";
    let dir = package(&[("maplint.toml", text)]);
    let out = maplint(dir.path(), &["--format", "concise"]);
    assert_eq!(concise(&out), ["src/lib.rs:4:11: warning ML005"], "{}", support::stderr(&out));
}

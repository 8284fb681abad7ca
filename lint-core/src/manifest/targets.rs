//! What a package's manifest and layout show of its targets (SPEC §1 "Test code"): whether
//! it builds a library or a binary, which directories only its test, bench and example
//! targets compile, and whether it lies in a test directory of an enclosing package or
//! workspace.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::read;
use crate::modtree::normalize;

/// The directories of a package (or of an enclosing package or workspace) that hold test
/// code; a package placed in one of them is test code as a whole (cargo-fuzz keeps its
/// package in `fuzz/`).
const TEST_DIRS: [&str; 4] = ["tests", "benches", "examples", "fuzz"];

/// The `[[name]]` target array of a manifest.
fn targets<'m>(m: &'m toml::Table, kind: &str) -> impl Iterator<Item = &'m toml::Value> {
    m.get(kind).and_then(|t| t.as_array()).into_iter().flatten()
}

/// Whether the package builds a library: a `[lib]` table or `src/lib.rs`.
fn has_lib(root: &Path, m: &toml::Table) -> bool {
    m.get("lib").is_some_and(|l| l.is_table()) || root.join("src/lib.rs").is_file()
}

/// Whether the package builds a binary: a `[[bin]]` target, `src/main.rs` or `src/bin/`.
pub(super) fn has_bin(root: &Path, m: &toml::Table) -> bool {
    targets(m, "bin").next().is_some() || root.join("src/main.rs").is_file() || root.join("src/bin").is_dir()
}

/// Whether the package has a test, bench or example target, declared or found in
/// `tests/`, `benches/` or `examples/`.
fn has_test_targets(root: &Path, m: &toml::Table) -> bool {
    ["test", "bench", "example"].iter().any(|k| targets(m, k).next().is_some())
        || ["tests", "benches", "examples"].iter().any(|d| root.join(d).is_dir())
}

/// A package with test, bench or example targets and neither a library nor a binary:
/// everything it compiles is compiled for tests (an integration-test package whose
/// `[[test]]` targets live in `failpoints/` and `integrations/`).
pub(super) fn only_test_targets(root: &Path, m: &toml::Table) -> bool {
    !has_lib(root, m) && !has_bin(root, m) && has_test_targets(root, m)
}

/// The directories whose files only test, bench and example targets compile: the
/// directory of each such target's `path`, unless it is the package root or `src/`
/// (shared with the library), lies outside the package, or holds the file of a library
/// or binary target. (`tests/`, `benches/` and `examples/` are test code by their name.)
pub(super) fn test_target_dirs(root: &Path, m: &toml::Table) -> Vec<PathBuf> {
    let path_of = |t: &toml::Value| t.get("path").and_then(|p| p.as_str()).map(|p| normalize(&root.join(p)));
    let mut production: Vec<PathBuf> = vec![root.join("src/lib.rs"), root.join("src/main.rs"), root.join("src/bin")];
    production.extend(m.get("lib").and_then(path_of));
    production.extend(targets(m, "bin").filter_map(path_of));
    let mut dirs: Vec<PathBuf> = ["test", "bench", "example"]
        .iter()
        .flat_map(|k| targets(m, k).filter_map(path_of))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .filter(|d| d.starts_with(root) && d != root && *d != root.join("src"))
        .filter(|d| !production.iter().any(|p| p.starts_with(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

/// Whether the package lies in `tests/`, `benches/`, `examples/` or `fuzz/` of a
/// directory above it that holds a package or a workspace manifest (a test runner in the
/// workspace's `tests/runner/`, a cargo-fuzz package in `fuzz/`).
pub(super) fn in_test_dir(root: &Path, seen: &mut HashMap<PathBuf, Option<toml::Table>>) -> bool {
    root.ancestors().skip(1).any(|dir| {
        let Some(first) = root.strip_prefix(dir).ok().and_then(|rel| rel.components().next()) else { return false };
        if !TEST_DIRS.iter().any(|d| first.as_os_str() == *d) {
            return false;
        }
        let m = seen.entry(dir.to_path_buf()).or_insert_with(|| read(&dir.join("Cargo.toml")));
        m.as_ref().is_some_and(|m| m.contains_key("package") || m.contains_key("workspace"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::tests::write;

    fn table(s: &str) -> toml::Table {
        s.parse().unwrap()
    }

    #[test]
    fn targets_of_a_package() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let m =
            table("[[test]]\nname = 'it'\npath = 'integrations/mod.rs'\n[[bench]]\nname = 'b'\npath = 'perf/b.rs'\n");
        write(root, "integrations/mod.rs", "");
        assert!(only_test_targets(root, &m));
        assert_eq!(test_target_dirs(root, &m), vec![root.join("integrations"), root.join("perf")]);
        write(root, "src/lib.rs", "");
        assert!(!only_test_targets(root, &m));
        assert!(!only_test_targets(root, &table("[[bin]]\nname = 'x'\npath = 'x.rs'\n[[test]]\nname = 't'\n")));
        assert!(!only_test_targets(tmp.path().join("empty").as_path(), &table("")));
        // A target in `src/`, beside the package root, or sharing a directory with a
        // binary target compiles files the library or the binary may compile too.
        let shared = table(
            "[[bin]]\nname = 'tool'\npath = 'tools/tool.rs'\n[[example]]\nname = 'e'\npath = 'tools/demo.rs'\n\
             [[test]]\nname = 'a'\npath = 'src/a.rs'\n[[test]]\nname = 'r'\npath = 'r.rs'\n\
             [[test]]\nname = 'o'\npath = '../other/o.rs'\n",
        );
        assert!(test_target_dirs(root, &shared).is_empty());
    }

    #[test]
    fn packages_in_test_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let ws = tmp.path().join("ws");
        write(&ws, "Cargo.toml", "[workspace]\nmembers = ['tests/runner', 'fuzz', 'app']\n");
        write(&ws, "app/Cargo.toml", "[package]\nname = 'app'\n");
        let mut seen = HashMap::new();
        assert!(in_test_dir(&ws.join("tests/runner"), &mut seen));
        assert!(in_test_dir(&ws.join("fuzz"), &mut seen));
        assert!(in_test_dir(&ws.join("app/examples/demo"), &mut seen));
        assert!(!in_test_dir(&ws.join("app"), &mut seen));
        // A `tests/` directory with no manifest above it is no package's.
        assert!(!in_test_dir(&tmp.path().join("tests/lone"), &mut seen));
    }
}

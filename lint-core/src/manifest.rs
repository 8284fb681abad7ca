//! Packages that are test code because of their manifest and place (SPEC §1 "Test code"):
//!
//! - a package with only test, bench and example targets, and the directories only such
//!   targets compile (`targets`);
//! - a package in `tests/`, `benches/`, `examples/` or `fuzz/` of an enclosing package or
//!   workspace (`targets`);
//! - a package whose name starts or ends with a test word or is a test module name
//!   (`test_pd_client`, `language-tests`: the package-level analogue of test module names,
//!   `testcode::is_test_package_name`);
//! - a **test-support package**: one that the packages of the tree name only under
//!   `[dev-dependencies]` (also `[target.'cfg(..)'.dev-dependencies]`) or from test code,
//!   never from production code under `[dependencies]` or `[build-dependencies]`. Test
//!   support is transitive: a mock cluster named under `[dependencies]` by other test
//!   helpers is test support too (a fixpoint from the packages above). A package with a
//!   binary target is never test support for the way it is named: a program runs on its
//!   own, whoever depends on it (an integration-test package naming the server's command
//!   line crate must not turn it, and every library only it names, into test code).
//!
//! A dependency names a package of the tree by its `path`, also through the workspace's
//! `[workspace.dependencies]` for `name.workspace = true`; without a path, by package name
//! (the key, or its `package = ".."` when renamed) within the same workspace only: crates
//! of unrelated projects scanned together do not make each other test code.

mod targets;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::modtree::normalize;
use crate::testcode::is_test_package_name;

/// A package of the tree.
struct Package<'r> {
    root: &'r Path,
    manifest: toml::Table,
    name: String,
    /// The directory of the workspace manifest it belongs to.
    workspace: Option<PathBuf>,
}

/// The packages of the tree that are test code, as a whole or in part.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestPackages {
    /// The roots of the packages that are test code as a whole.
    pub whole: BTreeSet<PathBuf>,
    /// Per package root, the directories that only its test, bench and example targets
    /// compile.
    pub dirs: BTreeMap<PathBuf, Vec<PathBuf>>,
}

impl TestPackages {
    /// Whether the file at `path`, of the package at `root`, is test code by its package.
    pub fn is_test(&self, root: Option<&Path>, path: &Path) -> bool {
        let Some(root) = root else { return false };
        self.whole.contains(root) || self.dirs.get(root).is_some_and(|ds| ds.iter().any(|d| path.starts_with(d)))
    }
}

/// The test packages among the packages at `roots`.
pub fn test_packages(roots: &[&Path]) -> TestPackages {
    use rayon::prelude::*;
    // Every manifest read below is a root's or one above a root (a workspace's, a test
    // directory's parent package): all are read and parsed at once, in parallel.
    let dirs: BTreeSet<&Path> = roots.iter().flat_map(|r| r.ancestors()).collect();
    let mut manifests: HashMap<PathBuf, Option<toml::Table>> =
        dirs.into_par_iter().map(|d| (d.to_path_buf(), read(&d.join("Cargo.toml")))).collect();
    let packages: Vec<Package> = roots
        .iter()
        .filter_map(|r| {
            let manifest = manifests.get(*r)?.clone()?;
            let name = manifest.get("package")?.get("name")?.as_str()?.to_string();
            let workspace = workspace_of(r, &mut manifests);
            Some(Package { root: r, manifest, name: normal_name(&name), workspace })
        })
        .collect();
    let mut test: Vec<bool> = packages
        .iter()
        .map(|p| {
            is_test_package_name(&p.name)
                || targets::only_test_targets(p.root, &p.manifest)
                || targets::in_test_dir(p.root, &mut manifests)
        })
        .collect();
    let named_by = namings(&packages, &manifests);
    let has_bin: Vec<bool> = packages.iter().map(|p| targets::has_bin(p.root, &p.manifest)).collect();
    // The least fixpoint: a package joins once every package naming it is test code or
    // names it under dev-dependencies; joining only ever adds, so the order is irrelevant.
    loop {
        let mut changed = false;
        for (i, by) in named_by.iter().enumerate() {
            if test[i] || has_bin[i] || by.is_empty() || !by.iter().all(|&(q, dev)| dev || test[q]) {
                continue;
            }
            test[i] = true;
            changed = true;
        }
        if !changed {
            break;
        }
    }
    let mut out = TestPackages::default();
    for (p, test) in packages.iter().zip(test) {
        if test {
            out.whole.insert(p.root.to_path_buf());
            continue;
        }
        let dirs = targets::test_target_dirs(p.root, &p.manifest);
        if !dirs.is_empty() {
            out.dirs.insert(p.root.to_path_buf(), dirs);
        }
    }
    out
}

/// For each package, the packages naming it as a dependency (by index), each with whether
/// it does so under dev-dependencies.
fn namings(packages: &[Package], manifests: &HashMap<PathBuf, Option<toml::Table>>) -> Vec<Vec<(usize, bool)>> {
    let mut named_by: Vec<Vec<(usize, bool)>> = vec![Vec::new(); packages.len()];
    for (qi, q) in packages.iter().enumerate() {
        let ws = q.workspace.as_ref().and_then(|w| Some((w, ws_deps(manifests.get(w)?.as_ref()?)?)));
        for (table, dev) in dependency_tables(&q.manifest) {
            for (key, value) in table {
                let inherited = value.get("workspace").and_then(|w| w.as_bool()) == Some(true);
                let (dir, value) = match ws.as_ref().and_then(|(w, deps)| Some((*w, deps.get(key)?))) {
                    Some((w, v)) if inherited => (w.as_path(), v),
                    _ => (q.root, value),
                };
                let target = match value.get("path").and_then(|p| p.as_str()) {
                    Some(p) => {
                        let at = normalize(&dir.join(p));
                        packages.iter().position(|p| p.root == at)
                    }
                    None => {
                        let wanted = dep_package(key, value);
                        let same_ws = |p: &Package| q.workspace.is_some() && p.workspace == q.workspace;
                        packages.iter().position(|p| same_ws(p) && p.name == wanted)
                    }
                };
                if let Some(t) = target.filter(|&t| t != qi) {
                    named_by[t].push((qi, dev));
                }
            }
        }
    }
    named_by
}

fn read(path: &Path) -> Option<toml::Table> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    std::fs::read_to_string(path).ok()?.parse::<toml::Table>().ok()
}

/// `-` and `_` are the same in package names.
fn normal_name(name: &str) -> String {
    name.replace('-', "_")
}

/// The dependency tables of a manifest, with whether each is a dev-dependencies table.
fn dependency_tables(m: &toml::Table) -> Vec<(&toml::Table, bool)> {
    const KINDS: [(&str, bool); 5] = [
        ("dependencies", false),
        ("build-dependencies", false),
        ("build_dependencies", false),
        ("dev-dependencies", true),
        ("dev_dependencies", true),
    ];
    let targets = m.get("target").and_then(|t| t.as_table());
    let tables = std::iter::once(m).chain(targets.into_iter().flat_map(|t| t.values().filter_map(|t| t.as_table())));
    tables.flat_map(|t| KINDS.iter().filter_map(move |(key, dev)| Some((t.get(*key)?.as_table()?, *dev)))).collect()
}

/// The package a dependency entry names: its `package = ".."`, else its key.
fn dep_package(key: &str, value: &toml::Value) -> String {
    normal_name(value.get("package").and_then(|p| p.as_str()).unwrap_or(key))
}

/// The `[workspace.dependencies]` of a workspace manifest.
fn ws_deps(m: &toml::Table) -> Option<&toml::Table> {
    m.get("workspace")?.get("dependencies")?.as_table()
}

/// The directory of the nearest manifest above `root` (itself included) with a
/// `[workspace]` table.
fn workspace_of(root: &Path, seen: &mut HashMap<PathBuf, Option<toml::Table>>) -> Option<PathBuf> {
    for dir in root.ancestors() {
        let m = seen.entry(dir.to_path_buf()).or_insert_with(|| read(&dir.join("Cargo.toml")));
        if m.as_ref().is_some_and(|m| m.contains_key("workspace")) {
            return Some(dir.to_path_buf());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn write(dir: &Path, rel: &str, text: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn dev_only_packages_are_test_support() {
        let tmp = tempfile::tempdir().unwrap();
        let (ws, d) = (tmp.path().join("ws"), tmp.path());
        let deps = "[workspace.dependencies]\nmem = { path = 'mem', package = 'mem-store' }\n";
        write(&ws, "Cargo.toml", &format!("[workspace]\nmembers = ['*']\n{deps}"));
        let pkg = |name: &str| format!("[package]\nname = '{name}'\nversion = '0.1.0'\n");
        let app = "[dev-dependencies]\nmem.workspace = true\n\
                   [target.'cfg(unix)'.dev-dependencies]\nfake_disk = { path = '../disk' }\n";
        write(&ws, "app/Cargo.toml", &format!("{}{app}", pkg("app")));
        write(&ws, "mem/Cargo.toml", &pkg("mem-store"));
        write(&ws, "disk/Cargo.toml", &pkg("fake-disk"));
        write(&ws, "util/Cargo.toml", &pkg("util"));
        let cli = "[dependencies]\nutil = { path = '../util' }\n\
                   [dev-dependencies]\nutil2 = { path = '../util', package = 'util' }\n";
        write(&ws, "cli/Cargo.toml", &format!("{}{cli}", pkg("cli")));
        // Another project scanned beside the workspace names `lone` only as a
        // dev-dependency, by name: `lone` belongs to no workspace of theirs.
        write(d, "other/Cargo.toml", &format!("{}[dev-dependencies]\nlone = '1'\n", pkg("other")));
        write(d, "lone/Cargo.toml", &pkg("lone"));
        let roots: Vec<PathBuf> =
            ["ws/app", "ws/mem", "ws/disk", "ws/util", "ws/cli", "other", "lone"].iter().map(|r| d.join(r)).collect();
        let refs: Vec<&Path> = roots.iter().map(PathBuf::as_path).collect();
        let got: Vec<PathBuf> = test_packages(&refs).whole.into_iter().collect();
        assert_eq!(got, vec![ws.join("disk"), ws.join("mem")]);
    }

    #[test]
    fn test_support_is_transitive() {
        let tmp = tempfile::tempdir().unwrap();
        let ws = tmp.path();
        write(ws, "Cargo.toml", "[workspace]\nmembers = ['*']\n");
        let pkg = |name: &str, deps: &str| format!("[package]\nname = '{name}'\nversion = '0.1.0'\n{deps}");
        // `cluster` is named under [dependencies] only by `harness`, a dev-dependency of
        // `server`; `store` by `cluster` and by `server` in production.
        write(ws, "server/Cargo.toml", &pkg("server", "[dependencies]\nstore = { path = '../store' }\n[dev-dependencies]\nharness = { path = '../harness' }\ncli = { path = '../cli' }\n"));
        write(
            ws,
            "harness/Cargo.toml",
            &pkg("harness", "[dependencies]\ncluster = { path = '../cluster' }\nsim = { path = '../sim' }\n"),
        );
        write(
            ws,
            "cluster/Cargo.toml",
            &pkg("cluster", "[dependencies]\nstore = { path = '../store' }\nmockdisk = { path = '../mockdisk' }\n"),
        );
        write(ws, "store/Cargo.toml", &pkg("store", ""));
        write(ws, "mockdisk/Cargo.toml", &pkg("mockdisk", ""));
        // A program named only by test support or under [dev-dependencies] runs on its
        // own: not test support.
        write(ws, "sim/Cargo.toml", &pkg("sim", ""));
        write(ws, "sim/src/main.rs", "");
        write(ws, "cli/Cargo.toml", &pkg("cli", "[dependencies]\nflags = { path = '../flags' }\n"));
        write(ws, "cli/src/main.rs", "");
        write(ws, "flags/Cargo.toml", &pkg("flags", ""));
        // Names with a test word; `attest` has none.
        write(ws, "fake/Cargo.toml", &pkg("fake_pd_testutil", ""));
        write(ws, "lang/Cargo.toml", &pkg("language-tests", "[dependencies]\nrunner = { path = '../runner' }\n"));
        write(ws, "runner/Cargo.toml", &pkg("runner", ""));
        write(ws, "attest/Cargo.toml", &pkg("attest", ""));
        let names = [
            "server", "harness", "cluster", "store", "mockdisk", "sim", "cli", "flags", "fake", "lang", "runner",
            "attest",
        ];
        let roots: Vec<PathBuf> = names.iter().map(|r| ws.join(r)).collect();
        let refs: Vec<&Path> = roots.iter().map(PathBuf::as_path).collect();
        let got: Vec<PathBuf> = test_packages(&refs).whole.into_iter().collect();
        let want = ["cluster", "fake", "harness", "lang", "mockdisk", "runner"];
        assert_eq!(got, want.map(|r| ws.join(r)));
    }

    #[test]
    fn test_targets_and_test_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let ws = tmp.path();
        write(ws, "Cargo.toml", "[workspace]\nmembers = ['*', 'tests/*']\n");
        let pkg = |name: &str, rest: &str| format!("[package]\nname = '{name}'\nversion = '0.1.0'\n{rest}");
        write(ws, "suite/Cargo.toml", &pkg("suite", "[[test]]\nname = 'it'\npath = 'cases/mod.rs'\n"));
        write(ws, "tests/sqlrun/Cargo.toml", &pkg("sqlrun", ""));
        write(ws, "tests/sqlrun/src/main.rs", "");
        write(ws, "db/Cargo.toml", &pkg("db", "[[bench]]\nname = 'load'\npath = 'perf/load.rs'\n"));
        write(ws, "db/src/lib.rs", "");
        let roots: Vec<PathBuf> = ["suite", "tests/sqlrun", "db"].iter().map(|r| ws.join(r)).collect();
        let refs: Vec<&Path> = roots.iter().map(PathBuf::as_path).collect();
        let t = test_packages(&refs);
        assert_eq!(t.whole.into_iter().collect::<Vec<_>>(), vec![ws.join("suite"), ws.join("tests/sqlrun")]);
        let t = test_packages(&refs);
        let db = ws.join("db");
        assert!(t.is_test(Some(&db), &db.join("perf/load/util.rs")));
        assert!(!t.is_test(Some(&db), &db.join("src/lib.rs")));
        assert!(!t.is_test(None, &db.join("perf/load.rs")));
    }
}

//! Test-support packages (SPEC §1 "Test code"): a package of the scanned tree that the
//! other packages of the tree name only under `[dev-dependencies]` (also
//! `[target.'cfg(..)'.dev-dependencies]`), never under `[dependencies]` or
//! `[build-dependencies]`, is test code as a whole. A dependency names a package of the
//! tree by its `path`, also through the workspace's `[workspace.dependencies]` for
//! `name.workspace = true`; without a path, by package name (the key, or its
//! `package = ".."` when renamed) within the same workspace only: crates of unrelated
//! projects scanned together do not make each other test code.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::modtree::normalize;

/// How packages of the tree name one package.
#[derive(Clone, Copy, Default)]
struct Named {
    dev: bool,
    normal: bool,
}

/// A package of the tree.
struct Package<'r> {
    root: &'r Path,
    manifest: toml::Table,
    name: String,
    /// The directory of the workspace manifest it belongs to.
    workspace: Option<PathBuf>,
}

/// The package roots, among `roots`, of the test-support packages.
pub fn test_support_packages(roots: &[&Path]) -> BTreeSet<PathBuf> {
    let mut manifests: HashMap<PathBuf, Option<toml::Table>> = HashMap::new();
    let packages: Vec<Package> = roots
        .iter()
        .filter_map(|r| {
            let manifest = read(&r.join("Cargo.toml"))?;
            let name = manifest.get("package")?.get("name")?.as_str()?.to_string();
            let workspace = workspace_of(r, &mut manifests);
            Some(Package { root: r, manifest, name: normal_name(&name), workspace })
        })
        .collect();
    let mut named: BTreeMap<&Path, Named> = BTreeMap::new();
    for q in &packages {
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
                        packages.iter().find(|p| p.root == at)
                    }
                    None => {
                        let wanted = dep_package(key, value);
                        let same_ws = |p: &&Package| q.workspace.is_some() && p.workspace == q.workspace;
                        packages.iter().filter(same_ws).find(|p| p.name == wanted)
                    }
                };
                let Some(target) = target.filter(|t| t.root != q.root) else { continue };
                let entry = named.entry(target.root).or_default();
                if dev {
                    entry.dev = true;
                } else {
                    entry.normal = true;
                }
            }
        }
    }
    named.into_iter().filter(|(_, n)| n.dev && !n.normal).map(|(r, _)| r.to_path_buf()).collect()
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

    fn write(dir: &Path, rel: &str, text: &str) {
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
        let got: Vec<PathBuf> = test_support_packages(&refs).into_iter().collect();
        assert_eq!(got, vec![ws.join("disk"), ws.join("mem")]);
    }
}

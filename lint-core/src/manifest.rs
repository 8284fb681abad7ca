//! Test-support packages (SPEC §1 "Test code"): a package of the scanned tree that the
//! other packages of the tree name only under `[dev-dependencies]` (also
//! `[target.'cfg(..)'.dev-dependencies]`), never under `[dependencies]` or
//! `[build-dependencies]`, is test code as a whole. Dependencies are matched by package
//! name: the key, or its `package = ".."` when renamed, also through the workspace's
//! `[workspace.dependencies]` for `name.workspace = true`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// How packages of the tree name one package.
#[derive(Clone, Copy, Default)]
struct Named {
    dev: bool,
    normal: bool,
}

/// The package roots, among `roots`, of the test-support packages.
pub fn test_support_packages(roots: &[&Path]) -> BTreeSet<PathBuf> {
    let mut workspaces: HashMap<PathBuf, Option<toml::Table>> = HashMap::new();
    let manifests: Vec<(&Path, toml::Table)> =
        roots.iter().filter_map(|r| Some((*r, read(&r.join("Cargo.toml"))?))).collect();
    let mut named: BTreeMap<String, BTreeMap<&Path, Named>> = BTreeMap::new();
    for (root, m) in &manifests {
        let ws = workspace_deps(root, &mut workspaces);
        for (table, dev) in dependency_tables(m) {
            for (key, value) in table {
                let entry = named.entry(dep_package(key, value, ws.as_ref())).or_default().entry(root).or_default();
                if dev {
                    entry.dev = true;
                } else {
                    entry.normal = true;
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    for (root, m) in &manifests {
        let Some(name) = m.get("package").and_then(|p| p.get("name")).and_then(|n| n.as_str()) else { continue };
        let Some(by) = named.get(&normal_name(name)) else { continue };
        let others = by.iter().filter(|(r, _)| **r != *root).map(|(_, n)| *n);
        let (dev, normal) = others.fold((false, false), |(d, n), x| (d || x.dev, n || x.normal));
        if dev && !normal {
            out.insert(root.to_path_buf());
        }
    }
    out
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

/// The package a dependency entry names.
fn dep_package(key: &str, value: &toml::Value, ws: Option<&toml::Table>) -> String {
    let renamed = |v: &toml::Value| v.get("package").and_then(|p| p.as_str()).map(str::to_string);
    if let Some(p) = renamed(value) {
        return normal_name(&p);
    }
    let inherited = value.get("workspace").and_then(|w| w.as_bool()) == Some(true);
    if inherited {
        if let Some(p) = ws.and_then(|ws| ws.get(key)).and_then(renamed) {
            return normal_name(&p);
        }
    }
    normal_name(key)
}

/// The `[workspace.dependencies]` of the nearest manifest above `root` (itself included)
/// with a `[workspace]` table.
fn workspace_deps(root: &Path, seen: &mut HashMap<PathBuf, Option<toml::Table>>) -> Option<toml::Table> {
    for dir in root.ancestors() {
        let m = seen.entry(dir.to_path_buf()).or_insert_with(|| read(&dir.join("Cargo.toml")));
        if let Some(ws) = m.as_ref().and_then(|m| m.get("workspace")) {
            return ws.get("dependencies").and_then(|d| d.as_table()).cloned();
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
        let d = tmp.path();
        write(
            d,
            "Cargo.toml",
            "[workspace]\nmembers = ['*']\n[workspace.dependencies]\nmem = { path = 'mem', package = 'mem-store' }\n",
        );
        let pkg = |name: &str| format!("[package]\nname = '{name}'\nversion = '0.1.0'\n");
        write(d, "app/Cargo.toml", &format!("{}[dev-dependencies]\nmem.workspace = true\n[target.'cfg(unix)'.dev-dependencies]\nfake_disk = {{ path = '../disk' }}\n", pkg("app")));
        write(d, "mem/Cargo.toml", &pkg("mem-store"));
        write(d, "disk/Cargo.toml", &pkg("fake-disk"));
        write(d, "util/Cargo.toml", &pkg("util"));
        write(d, "cli/Cargo.toml", &format!("{}[dependencies]\nutil = {{ path = '../util' }}\n[dev-dependencies]\nutil2 = {{ path = '../util', package = 'util' }}\n", pkg("cli")));
        let roots: Vec<PathBuf> = ["app", "mem", "disk", "util", "cli"].iter().map(|r| d.join(r)).collect();
        let refs: Vec<&Path> = roots.iter().map(PathBuf::as_path).collect();
        let got: Vec<PathBuf> = test_support_packages(&refs).into_iter().collect();
        assert_eq!(got, vec![d.join("disk"), d.join("mem")]);
    }
}

//! The module tree of a package: which module each file is (`mod x;` in `src/a.rs` is
//! `src/a/x.rs` or `src/a/x/mod.rs`; in `lib.rs`, `main.rs` or a `mod.rs` it is `x.rs` or
//! `x/mod.rs` beside it; `#[path = ".."]` names the file), from the crate roots of the
//! package (`src/lib.rs`, `src/main.rs`, `src/bin/*`, `build.rs`, `tests/*`, `benches/*`,
//! `examples/*`). A file no declaration reaches is placed by its path (`src/a/b.rs` is
//! `a::b`).
//!
//! It also decides which files are test code because of their place in the tree: a file
//! declared under a test attribute or with a test name (`#[cfg(test)] mod tests;`,
//! `mod test_utils;`) is test code, and so is every module below it (SPEC §1 "Test code").
//! The tree is built from every parsed file's `NameFacts` each run, so no file's cached
//! facts depend on another file.

use std::collections::{HashMap, VecDeque};
use std::path::{Component, Path, PathBuf};

use crate::facts::names::NameFacts;
use crate::testcode::{is_test_module_name, is_test_path};

/// The module of each file of a package, and whether the file is test code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModuleTree {
    /// The module path of each file from its crate root (empty for a root).
    pub module: Vec<Vec<String>>,
    /// The file is test code as a whole.
    pub test: Vec<bool>,
}

/// Builds the tree of one package. `files` are its files (absolute paths), with the name
/// facts of those that were parsed.
pub fn build(root: Option<&Path>, files: &[(&Path, Option<&NameFacts>)]) -> ModuleTree {
    let by_path: HashMap<PathBuf, usize> = files.iter().enumerate().map(|(i, (p, _))| (normalize(p), i)).collect();
    let mut module: Vec<Option<Vec<String>>> = vec![None; files.len()];
    let mut test = vec![false; files.len()];
    let mut queue = VecDeque::new();
    for (i, (p, _)) in files.iter().enumerate() {
        if is_crate_root(p, root) {
            module[i] = Some(Vec::new());
            test[i] = is_test_path(p, root);
            queue.push_back(i);
        }
    }
    while let Some(i) = queue.pop_front() {
        let (path, Some(names)) = files[i] else { continue };
        let here = module[i].clone().unwrap_or_default();
        let mod_rs = is_crate_root(path, root) || path.file_name().is_some_and(|n| n == "mod.rs");
        for d in names.mods.iter().filter(|d| !d.inline) {
            let Some(child) = child_file(path, mod_rs, &d.module, &d.name, d.path_attr.as_deref(), &by_path) else {
                continue;
            };
            if module[child].is_some() {
                continue;
            }
            let mut m = here.clone();
            m.extend(d.module.iter().cloned());
            m.push(d.name.clone());
            module[child] = Some(m);
            test[child] = test[i] || d.test;
            queue.push_back(child);
        }
    }
    let module: Vec<Vec<String>> = module
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            m.unwrap_or_else(|| {
                let m = module_by_path(files[i].0, root);
                test[i] = is_test_path(files[i].0, root) || m.iter().any(|s| is_test_module_name(s));
                m
            })
        })
        .collect();
    ModuleTree { module, test }
}

/// The files that may declare the module of `path` or one of its ancestors, short of
/// `#[path = ".."]`: `mod.rs`, `lib.rs` and `main.rs` of each directory from the file's
/// own up to the package root, and the `<dir>.rs` beside each of those directories. The
/// prefilter parses them (when they declare a module) for every file it parses, so that
/// the file's place in the tree is the same whether every file is parsed or not.
pub fn ancestor_files(path: &Path, root: Option<&Path>) -> Vec<PathBuf> {
    let Some(root) = root else { return Vec::new() };
    let mut out = Vec::new();
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| d.starts_with(root)) {
        out.extend(["mod.rs", "lib.rs", "main.rs"].map(|f| d.join(f)));
        if d == root {
            break;
        }
        if let (Some(parent), Some(name)) = (d.parent(), d.file_name()) {
            out.push(parent.join(format!("{}.rs", name.to_string_lossy())));
        }
        dir = d.parent();
    }
    out.retain(|p| p != path);
    out
}

/// The file a `mod name;` declaration names, if it is a file of the package.
fn child_file(
    parent: &Path,
    mod_rs: bool,
    inline: &[String],
    name: &str,
    path_attr: Option<&str>,
    by_path: &HashMap<PathBuf, usize>,
) -> Option<usize> {
    let dir = parent.parent()?;
    if let Some(p) = path_attr {
        let mut base = dir.to_path_buf();
        if !inline.is_empty() && !mod_rs {
            base.push(parent.file_stem()?);
        }
        inline.iter().for_each(|m| base.push(m));
        return by_path.get(&normalize(&base.join(p))).copied();
    }
    let mut base = dir.to_path_buf();
    if !mod_rs {
        base.push(parent.file_stem()?);
    }
    inline.iter().for_each(|m| base.push(m));
    let file = base.join(format!("{name}.rs"));
    let nested = base.join(name).join("mod.rs");
    by_path.get(&normalize(&file)).or_else(|| by_path.get(&normalize(&nested))).copied()
}

/// Whether a file is a crate root of its package.
fn is_crate_root(path: &Path, root: Option<&Path>) -> bool {
    let Some(rel) = root.and_then(|r| path.strip_prefix(r).ok()) else { return false };
    let parts: Vec<&str> = rel.components().filter_map(|c| c.as_os_str().to_str()).collect();
    match parts.as_slice() {
        ["src", "lib.rs" | "main.rs"] | ["build.rs"] => true,
        ["src", "bin", f] | ["tests" | "benches" | "examples", f] => f.ends_with(".rs"),
        ["src", "bin", _, "main.rs"] | ["tests" | "benches" | "examples", _, "main.rs"] => true,
        _ => false,
    }
}

/// The module path of a file that no declaration reaches, from its path below the
/// package's `src/` (or the package root): `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`.
fn module_by_path(path: &Path, root: Option<&Path>) -> Vec<String> {
    let rel = match root.and_then(|r| path.strip_prefix(r).ok()) {
        Some(rel) => rel.strip_prefix("src").unwrap_or(rel),
        None => Path::new(path.file_name().unwrap_or_default()),
    };
    let mut parts: Vec<String> = rel.components().filter_map(|c| c.as_os_str().to_str()).map(str::to_string).collect();
    if let Some(last) = parts.pop() {
        let stem = last.strip_suffix(".rs").unwrap_or(&last);
        let top = parts.is_empty() && (stem == "lib" || stem == "main");
        if stem != "mod" && !top {
            parts.push(stem.to_string());
        }
    }
    parts
}

/// A path with `.` and `..` components resolved lexically.
pub(crate) fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::names::ModDecl;

    fn decl(name: &str, test: bool, path_attr: Option<&str>) -> ModDecl {
        let path_attr = path_attr.map(str::to_string);
        ModDecl { module: vec![], name: name.to_string(), path_attr, inline: false, test }
    }

    #[test]
    fn ancestors() {
        let got = ancestor_files(Path::new("/p/src/a/b.rs"), Some(Path::new("/p")));
        let want = [
            "/p/src/a/mod.rs",
            "/p/src/a/lib.rs",
            "/p/src/a/main.rs",
            "/p/src/a.rs",
            "/p/src/mod.rs",
            "/p/src/lib.rs",
            "/p/src/main.rs",
            "/p/src.rs",
            "/p/mod.rs",
            "/p/lib.rs",
            "/p/main.rs",
        ];
        assert_eq!(got, want.map(PathBuf::from));
        assert!(ancestor_files(Path::new("/p/src/a.rs"), None).is_empty());
    }

    #[test]
    fn modules_and_test_code() {
        let root = Path::new("/p");
        let lib = NameFacts {
            mods: vec![decl("a", false, None), decl("tests", true, None), decl("fake", true, Some("fakes/mem.rs"))],
            uses: vec![],
        };
        let a = NameFacts { mods: vec![decl("inner", false, None)], uses: vec![] };
        let tests = NameFacts { mods: vec![decl("helpers", false, None)], uses: vec![] };
        let paths: Vec<PathBuf> = [
            "/p/src/lib.rs",
            "/p/src/a.rs",
            "/p/src/a/inner/mod.rs",
            "/p/src/tests.rs",
            "/p/src/tests/helpers.rs",
            "/p/src/fakes/mem.rs",
            "/p/src/loose/test_utils.rs",
            "/p/src/orphan.rs",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let facts = [Some(&lib), Some(&a), None, Some(&tests), None, None, None, None];
        let files: Vec<(&Path, Option<&NameFacts>)> = paths.iter().map(PathBuf::as_path).zip(facts).collect();
        let t = build(Some(root), &files);
        let shown: Vec<(String, bool)> = t.module.iter().map(|m| m.join("::")).zip(t.test.iter().copied()).collect();
        let want = [
            ("", false),
            ("a", false),
            ("a::inner", false),
            ("tests", true),
            ("tests::helpers", true),
            ("fake", true),
            ("loose::test_utils", true),
            ("orphan", false),
        ];
        assert_eq!(shown, want.map(|(m, t)| (m.to_string(), t)));
    }
}

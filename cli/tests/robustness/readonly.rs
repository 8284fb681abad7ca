//! A read-only tree is left exactly as it was: every way of running maplint that writes
//! nothing (no `--fix`, output and baselines elsewhere) leaves the contents, modes and
//! modification times of every entry unchanged, adds no entry (no cache directory), and
//! writes nothing to `HOME` or `TMPDIR` either. Tests may run as root, for whom the
//! missing write permission stops nothing: the snapshot comparison is the real check.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{assert_clean_end, command, lookup, rebuilt, write_files, MANIFEST};

/// What is compared of each entry.
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    mode: u32,
    modified: SystemTime,
    /// A file's bytes, a symlink's target; empty for a directory.
    content: Vec<u8>,
}

/// Every entry under `root` (itself included), without following symlinks.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        let meta = std::fs::symlink_metadata(&p).expect("metadata");
        let content = if meta.is_dir() {
            for e in std::fs::read_dir(&p).expect("a readable directory") {
                stack.push(e.expect("an entry").path());
            }
            Vec::new()
        } else if meta.file_type().is_symlink() {
            std::fs::read_link(&p).expect("a link").into_os_string().into_encoded_bytes()
        } else {
            std::fs::read(&p).expect("a readable file")
        };
        let modified = meta.modified().expect("a modification time");
        out.insert(
            p.strip_prefix(root).expect("under the root").to_path_buf(),
            Entry { mode: meta.mode(), modified, content },
        );
    }
    out
}

/// Sets or clears the write bits of everything under `root`.
fn set_writable(root: &Path, writable: bool) {
    for path in snapshot(root).into_keys() {
        let full = root.join(path);
        let Ok(meta) = std::fs::symlink_metadata(&full) else { continue };
        if meta.file_type().is_symlink() {
            continue;
        }
        let mode = meta.permissions().mode();
        let mode = if writable { mode | 0o200 } else { mode & !0o222 };
        std::fs::set_permissions(&full, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }
}

/// Makes the tree writable again when the test ends, so that it can be removed.
struct Restore<'a>(&'a Path);

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        set_writable(self.0, true);
    }
}

fn files() -> Vec<(String, String)> {
    let both = format!("{}\n{}", lookup("lib"), rebuilt("lib"));
    let mut files = vec![
        ("Cargo.toml".to_string(), format!("{MANIFEST}\n[package.metadata.maplint]\nextend-select = [\"ML007\"]\n")),
        ("maplint.toml".into(), "[severity]\nML004 = \"note\"\n".into()),
        (".gitignore".into(), "ignored/\n".into()),
        ("src/lib.rs".into(), both),
        ("src/deep/a/b/c.rs".into(), lookup("c")),
        ("tests/t.rs".into(), lookup("t")),
        ("ignored/x.rs".into(), lookup("x")),
        (".hidden/y.rs".into(), lookup("y")),
        ("target/z.rs".into(), lookup("z")),
    ];
    for i in 0..20 {
        files.push((format!("src/m{i}.rs"), format!("{}\n{}", lookup(&i.to_string()), rebuilt(&i.to_string()))));
    }
    files
}

#[test]
fn a_read_only_tree_is_left_exactly_as_it_was() {
    let base = tempfile::tempdir().expect("a temporary directory");
    let outside = tempfile::tempdir().expect("a temporary directory");
    let home = tempfile::tempdir().expect("a temporary directory");
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let root = base.path().join("tree");
    write_files(&root, &files());
    std::os::unix::fs::symlink("src/lib.rs", root.join("link.rs")).expect("a symlink");
    set_writable(base.path(), false);
    let _restore = Restore(base.path());
    let before = snapshot(base.path());

    let report = outside.path().join("report.json");
    let baseline = outside.path().join("baseline.json");
    let (report, baseline) = (report.to_str().expect("UTF-8"), baseline.to_str().expect("UTF-8"));
    let tree = root.to_str().expect("UTF-8");
    let runs: &[(&Path, &[&str])] = &[
        (&root, &[]),
        (&root, &["--format", "json"]),
        (&root, &["--format", "concise", "--include-tests", "-j", "3"]),
        (&root, &["--statistics"]),
        (&root, &["--diff"]),
        (&root, &["--no-config", "--no-ignore", "--select", "all", "."]),
        (&root, &["src/lib.rs", "link.rs", "ignored/x.rs"]),
        (&root, &["--explain", "ML004"]),
        (&root, &["--list-rules"]),
        (&root, &["--format", "json", "-o", report]),
        (&root, &["--write-baseline", baseline]),
        (&root, &["--baseline", baseline]),
        (base.path(), &["tree"]),
        (outside.path(), &["--format", "concise", tree]),
    ];
    for (cwd, args) in runs {
        let out = command(cwd, args)
            .env("HOME", home.path())
            .env("XDG_CACHE_HOME", home.path().join(".cache"))
            .env("TMPDIR", tmp.path())
            .output()
            .expect("maplint runs");
        assert_clean_end(&out, &format!("{args:?}"));
    }

    let after = snapshot(base.path());
    let changed: BTreeSet<_> = before.keys().chain(after.keys()).filter(|k| before.get(*k) != after.get(*k)).collect();
    assert!(changed.is_empty(), "changed, added or removed: {changed:?}");
    let written: Vec<_> = snapshot(outside.path()).into_keys().collect();
    let expected: Vec<PathBuf> = ["", "baseline.json", "report.json"].iter().map(PathBuf::from).collect();
    assert_eq!(written, expected);
    assert_eq!(snapshot(home.path()).len(), 1, "nothing in HOME");
    assert_eq!(snapshot(tmp.path()).len(), 1, "nothing in TMPDIR");
}

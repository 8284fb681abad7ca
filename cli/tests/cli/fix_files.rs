//! What `--fix` does to the files it writes: a symbolic link stays a link and its target
//! is fixed; a read-only file is left alone with a warning naming it; the mode and the
//! owner of a fixed file are kept.

#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};

use crate::common::*;

/// A file with one ML002 finding on line 4.
const PRESIZE: &str = "use std::collections::HashMap;\n\npub fn index(users: &[u32]) -> HashMap<u32, usize> {\n    \
                       let mut by_id = HashMap::new();\n    for (n, u) in users.iter().enumerate() {\n        \
                       by_id.insert(*u, n);\n    }\n    by_id\n}\n";

fn fixed() -> String {
    PRESIZE.replace("HashMap::new()", "HashMap::with_capacity(users.len())")
}

fn read(t: &Tree, rel: &str) -> String {
    std::fs::read_to_string(t.path(rel)).expect("read a file")
}

#[test]
fn a_symlink_is_fixed_in_its_target_and_stays_a_link() {
    let t = Tree::new();
    t.file("shared/index.rs", PRESIZE).dir("src").symlink("../shared/index.rs", "src/lib.rs");
    let r = t.run(&["--fix", "--format", "concise", "src/lib.rs"]);
    r.assert_code(0);
    assert_eq!(r.stderr, "fixed src/lib.rs: 1 finding\nfixed 1 finding; 0 findings remaining\n");
    let link = std::fs::symlink_metadata(t.path("src/lib.rs")).expect("the link");
    assert!(link.file_type().is_symlink(), "the link was replaced by a regular file");
    assert_eq!(
        std::fs::read_link(t.path("src/lib.rs")).expect("read the link"),
        std::path::Path::new("../shared/index.rs")
    );
    assert_eq!(read(&t, "shared/index.rs"), fixed());
    let names: Vec<_> =
        std::fs::read_dir(t.path("src")).expect("list").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names, ["lib.rs"], "nothing else is written beside the link");
}

#[test]
fn a_read_only_file_is_left_alone_with_a_warning() {
    let t = Tree::new();
    t.file("src/locked.rs", PRESIZE).file("src/open.rs", PRESIZE);
    std::fs::set_permissions(t.path("src/locked.rs"), std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let r = t.run(&["--fix", "--format", "concise"]);
    r.assert_code(1);
    assert_eq!(
        r.err_lines(),
        [
            "warning: src/locked.rs is read-only; not fixed",
            "fixed src/open.rs: 1 finding",
            "fixed 1 finding; 1 finding remaining"
        ]
    );
    assert_eq!(r.lines().len(), 1, "{}", r.stdout);
    assert!(r.lines()[0].starts_with("src/locked.rs:4:21: warning ML002 "), "{}", r.stdout);
    assert_eq!(read(&t, "src/locked.rs"), PRESIZE);
    assert_eq!(read(&t, "src/open.rs"), fixed());
    let mode = std::fs::metadata(t.path("src/locked.rs")).expect("metadata").permissions().mode();
    assert_eq!(mode & 0o7777, 0o444);
}

#[test]
fn a_fixed_file_keeps_its_mode_and_owner() {
    let t = Tree::new();
    t.file("src/lib.rs", PRESIZE);
    let path = t.path("src/lib.rs");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    // Run as root, maplint may fix a file of another user: it must stay theirs.
    let root = std::fs::metadata(&path).expect("metadata").uid() == 0;
    if root {
        std::os::unix::fs::chown(&path, Some(4321), Some(4322)).expect("chown");
    }
    let before = std::fs::metadata(&path).expect("metadata");
    t.run(&["--fix", "--format", "concise"]).assert_code(0);
    assert_eq!(read(&t, "src/lib.rs"), fixed());
    let after = std::fs::metadata(&path).expect("metadata");
    assert_eq!(after.permissions().mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert_ne!(after.ino(), before.ino(), "written to a new file and renamed over the old one");
    if root {
        assert_eq!((after.uid(), after.gid()), (4321, 4322));
    }
}

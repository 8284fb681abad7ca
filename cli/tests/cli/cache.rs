//! The cache for re-runs: where it lives, what it holds, and that it never changes the
//! output nor fails a run.

use crate::common::*;

/// The files under a directory, relative and sorted.
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap_or(&p).display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_cache_lives_in_the_current_directory_and_changes_nothing() {
    let t = Tree::new();
    t.file("src/a.rs", LOOKUP).file("src/b.rs", CLEAN);
    let cold = t.run(&["--format", "json"]);
    let files = listing(&t.path(".maplint_cache"));
    assert!(files.contains(&"CACHEDIR.TAG".to_string()) && files.contains(&".gitignore".to_string()), "{files:?}");
    assert_eq!(files.iter().filter(|f| f.ends_with(".bin")).count(), 1, "one entry for the files under no package");
    let warm = t.run(&["--format", "json"]);
    let none = t.run(&["--format", "json", "--no-cache"]);
    assert_eq!(cold.stdout, warm.stdout);
    assert_eq!(cold.stdout, none.stdout);
    assert_eq!(cold.stderr, warm.stderr);
}

#[test]
fn no_cache_writes_nothing() {
    let t = Tree::new();
    t.file("src/a.rs", LOOKUP);
    t.run(&["--format", "concise", "--no-cache"]).assert_code(1);
    assert_eq!(listing(t.root()), ["src/a.rs"]);
}

#[test]
fn cache_dir_names_the_directory() {
    let t = Tree::new();
    t.file("src/a.rs", LOOKUP);
    let r = t.run(&["--format", "concise", "--cache-dir", "elsewhere/c"]);
    r.assert_code(1);
    assert!(!t.path(".maplint_cache").exists());
    assert!(t.path("elsewhere/c/CACHEDIR.TAG").is_file());
    let conflict = t.run(&["--no-cache", "--cache-dir", "x"]);
    conflict.assert_code(2);
}

#[test]
fn the_cache_lives_beside_the_configuration_file() {
    let t = Tree::new();
    t.file("proj/maplint.toml", "include-tests = false\n").file("proj/src/a.rs", LOOKUP);
    t.run_in("proj/src", &["--format", "concise", "."], &[]).assert_code(1);
    assert!(t.path("proj/.maplint_cache/CACHEDIR.TAG").is_file());
    assert!(!t.path("proj/src/.maplint_cache").exists());
}

#[test]
fn a_cache_path_that_is_a_file_is_not_used_with_one_warning() {
    let t = Tree::new();
    t.file("src/a.rs", LOOKUP).file(".maplint_cache", "");
    let r = t.run(&["--format", "concise"]);
    r.assert_code(1);
    assert_eq!(r.lines(), [lookup_line("src/a.rs", 2)]);
    assert_eq!(r.stderr, "warning: cache directory .maplint_cache exists and is not a directory; not used\n");
    assert_eq!(t.run(&["--format", "concise"]).stdout, r.stdout);
    assert_eq!(std::fs::read(t.path(".maplint_cache")).expect("read"), b"");
}

#[cfg(unix)]
#[test]
fn a_cache_path_that_is_a_symlink_is_not_used_and_nothing_is_written_through_it() {
    for target in ["elsewhere", "nowhere"] {
        let t = Tree::new();
        t.file("src/a.rs", LOOKUP).dir("elsewhere").symlink(target, ".maplint_cache");
        let r = t.run(&["--format", "concise"]);
        r.assert_code(1);
        assert_eq!(r.lines(), [lookup_line("src/a.rs", 2)]);
        assert_eq!(r.stderr, "warning: cache directory .maplint_cache is a symbolic link; not used\n");
        assert_eq!(listing(&t.path("elsewhere")), Vec::<String>::new(), "{target}");
        assert!(!t.path("nowhere").exists(), "{target}");
        // --fix lints twice when it fixes something; the warning is given once.
        t.file("src/b.rs", "fn f(xs: &[u8]) {\n    let mut s = std::collections::HashSet::new();\n    for x in xs {\n        s.insert(*x);\n    }\n}\n");
        let fix = t.run(&["--fix", "--format", "concise"]);
        assert_eq!(
            fix.err_lines(),
            [
                "fixed src/b.rs: 1 finding",
                "fixed 1 finding; 1 finding remaining",
                "warning: cache directory .maplint_cache is a symbolic link; not used"
            ]
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_below_the_cache_directory_is_not_written_through() {
    let t = Tree::new();
    t.file("src/a.rs", LOOKUP).dir("elsewhere");
    t.run(&["--format", "concise"]).assert_code(1);
    let versions: Vec<_> = std::fs::read_dir(t.path(".maplint_cache"))
        .expect("the cache")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(versions.len(), 1, "{versions:?}");
    std::fs::remove_dir_all(&versions[0]).expect("remove");
    std::os::unix::fs::symlink(t.path("elsewhere"), &versions[0]).expect("symlink");
    let r = t.run(&["--format", "concise"]);
    assert_eq!(r.lines(), [lookup_line("src/a.rs", 2)]);
    let shown = versions[0].strip_prefix(t.root()).expect("under the tree").display().to_string();
    assert_eq!(r.stderr, format!("warning: cache directory {shown} is a symbolic link; not used\n"));
    assert_eq!(listing(&t.path("elsewhere")), Vec::<String>::new());
}

#[test]
fn a_damaged_entry_is_rebuilt() {
    let t = Tree::new();
    t.file("src/a.rs", LOOKUP);
    let first = t.run(&["--format", "concise"]);
    for f in listing(&t.path(".maplint_cache")).iter().filter(|f| f.ends_with(".bin")) {
        std::fs::write(t.path(&format!(".maplint_cache/{f}")), b"MAPLINT2 not an entry").expect("write");
    }
    let again = t.run(&["--format", "concise"]);
    assert_eq!(first.stdout, again.stdout);
    assert_eq!(again.stderr, "");
}

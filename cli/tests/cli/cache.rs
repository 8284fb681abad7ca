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
fn an_unwritable_cache_is_skipped_silently() {
    let t = Tree::new();
    // Not a directory: nothing can be written under it, not even as root.
    t.file("src/a.rs", LOOKUP).file(".maplint_cache", "");
    let r = t.run(&["--format", "concise"]);
    r.assert_code(1);
    assert_eq!(r.lines(), [lookup_line("src/a.rs", 2)]);
    assert_eq!(r.stderr, "");
    assert_eq!(t.run(&["--format", "concise"]).stdout, r.stdout);
}

#[test]
fn a_damaged_entry_is_rebuilt() {
    let t = Tree::new();
    t.file("src/a.rs", LOOKUP);
    let first = t.run(&["--format", "concise"]);
    for f in listing(&t.path(".maplint_cache")).iter().filter(|f| f.ends_with(".bin")) {
        std::fs::write(t.path(&format!(".maplint_cache/{f}")), b"MAPLINT1 not an entry").expect("write");
    }
    let again = t.run(&["--format", "concise"]);
    assert_eq!(first.stdout, again.stdout);
    assert_eq!(again.stderr, "");
}

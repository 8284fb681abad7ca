//! Files and directories deleted while maplint walks and reads the tree: the run ends
//! with status 0 or 1, reports every file that stayed, and names only deleted paths as
//! skipped.

use std::time::Duration;

use super::{assert_clean_end, command, concise, lookup, stderr, tree, MANIFEST};

const KEPT: usize = 300;
const DIRS: usize = 30;
const PER_DIR: usize = 20;

fn package() -> tempfile::TempDir {
    let mut files = vec![("Cargo.toml".to_string(), MANIFEST.to_string()), ("src/lib.rs".into(), lookup("lib"))];
    for i in 0..KEPT {
        files.push((format!("src/kept/k{i}.rs"), lookup(&format!("k{i}"))));
    }
    for d in 0..DIRS {
        for f in 0..PER_DIR {
            files.push((format!("src/doomed/d{d}/f{f}.rs"), lookup(&format!("d{d}_{f}"))));
        }
    }
    tree(&files)
}

/// Deletes the doomed files one by one (pausing `pause` every ten files), and every
/// third doomed directory as a whole.
fn delete_doomed(root: std::path::PathBuf, pause: Duration) {
    let mut n = 0;
    for d in (0..DIRS).rev() {
        let dir = root.join(format!("src/doomed/d{d}"));
        if d % 3 == 0 {
            let _ = std::fs::remove_dir_all(&dir);
            continue;
        }
        for f in 0..PER_DIR {
            let _ = std::fs::remove_file(dir.join(format!("f{f}.rs")));
            n += 1;
            if n % 10 == 0 {
                std::thread::sleep(pause);
            }
        }
    }
}

#[test]
fn files_deleted_during_the_run_end_it_cleanly() {
    for pause in [Duration::ZERO, Duration::from_micros(500), Duration::from_millis(3)] {
        let dir = package();
        let child = command(dir.path(), &["--format", "concise", "-j", "2", "."])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("maplint starts");
        let root = dir.path().to_path_buf();
        let deleter = std::thread::spawn(move || delete_doomed(root, pause));
        let out = child.wait_with_output().expect("maplint ends");
        deleter.join().expect("the deleting thread ends");

        let what = format!("pause {pause:?}");
        assert_clean_end(&out, &what);
        assert_eq!(out.status.code(), Some(1), "{what}");
        let found = concise(&out);
        for i in 0..KEPT {
            let expected = format!("src/kept/k{i}.rs:4:11: warning ML005");
            assert!(found.contains(&expected), "{what}: {expected} is missing");
        }
        assert!(found.contains(&"src/lib.rs:4:11: warning ML005".to_string()), "{what}");
        for line in &found {
            assert!(
                line.starts_with("src/kept/") || line.starts_with("src/doomed/") || line.starts_with("src/lib.rs"),
                "{what}: {line}"
            );
        }
        for line in stderr(&out).lines() {
            assert!(line.starts_with("warning: skipped src/doomed/"), "{what}: {line}");
        }
    }
}

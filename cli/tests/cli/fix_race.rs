//! `--fix` on a tree of 1,500 files while one of them is edited: whenever the edit lands
//! (before the file is read, between the read and the write, or after the write), the
//! edited file ends exactly as edited, or as edited with a correct fix, never anything
//! else; every other file gets its fix.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;

/// Files in the tree: enough for a run to last while the edits land.
const FILES: usize = 1_500;

/// A file with one ML002 finding, fixed by `fixed`.
fn presize(i: usize) -> String {
    format!(
        "use std::collections::HashMap;\n\npub fn index_{i}(users: &[u32]) -> HashMap<u32, usize> {{\n    \
         let mut by_id = HashMap::new();\n    for (n, u) in users.iter().enumerate() {{\n        \
         by_id.insert(*u, n);\n    }}\n    by_id\n}}\n"
    )
}

/// The text with its ML002 fix applied.
fn fixed(text: &str) -> String {
    text.replace("HashMap::new()", "HashMap::with_capacity(users.len())")
}

/// The edit: lines added above the map, so that every offset of the original moves, and
/// a renamed function; the finding stays.
fn edited(i: usize) -> String {
    presize(i).replace("pub fn index_", "// edited while maplint ran\n// (a second line)\npub fn reindex_")
}

fn name(i: usize) -> String {
    format!("src/m{i:04}.rs")
}

/// One run of `maplint --fix` with the middle file edited `delay` after the start.
/// Returns whether the edited file was fixed, and the run's stderr.
fn run_with_edit_after(delay: Duration) -> (bool, String) {
    let t = Tree::new();
    t.package("", "big");
    for i in 0..FILES {
        t.file(&name(i), presize(i));
    }
    let target = FILES / 2;
    let mut cmd = maplint();
    cmd.current_dir(t.root()).args(["--fix", "--format", "concise", "-j", "2", "."]);
    cmd.env("HOME", t.root()).env("XDG_CONFIG_HOME", t.root());
    cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    let start = Instant::now();
    let child = cmd.spawn().expect("start maplint");
    std::thread::sleep(delay.saturating_sub(start.elapsed()));
    std::fs::write(t.path(&name(target)), edited(target)).expect("edit the file");
    let out = child.wait_with_output().expect("wait for maplint");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{:?}: {stderr}", out.status);

    let text = std::fs::read_to_string(t.path(&name(target))).expect("read the edited file");
    let was_fixed = text == fixed(&edited(target));
    assert!(
        was_fixed || text == edited(target),
        "edit after {delay:?}: the edited file is neither as edited nor as edited and fixed:\n{text}\nstderr:\n{stderr}"
    );
    let warned = stderr.contains(&format!("{} changed during the run; not fixed", name(target)));
    assert!(!warned || !was_fixed, "a file both fixed and reported as changed:\n{stderr}");
    let reported = stderr.contains(&format!("fixed {}: 1 finding", name(target)));
    assert!(!was_fixed || reported, "a fixed file not named as fixed:\n{stderr}");
    for i in (0..FILES).filter(|&i| i != target) {
        let text = std::fs::read_to_string(t.path(&name(i))).expect("read a file");
        assert_eq!(text, fixed(&presize(i)), "{} after an edit at {delay:?}", name(i));
    }
    (was_fixed, stderr)
}

#[test]
fn an_edit_during_fix_is_never_damaged() {
    // One run without an edit that lands during it, to place the others: its length sets
    // the later delays, so that some edits land between the read and the write.
    let start = Instant::now();
    run_with_edit_after(Duration::ZERO);
    let length = start.elapsed();
    let mut delays: Vec<Duration> = [20, 50, 100, 200].map(Duration::from_millis).to_vec();
    delays.push(length / 2);
    for delay in delays {
        let (was_fixed, stderr) = run_with_edit_after(delay);
        let outcome = if was_fixed { "edited and fixed" } else { "left as edited" };
        eprintln!("edit after {delay:?}: {outcome}; {}", stderr.lines().last().unwrap_or(""));
    }
}

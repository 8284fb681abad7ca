//! The same tree gives byte-identical output, standard error included, whatever the
//! number of worker threads (SPEC §7 "Deterministic"). Only the time in the text
//! format's summary line (`scanned S files in T ms`) may differ.

use super::{lookup, maplint, rebuilt, stderr, tree, MANIFEST};

const PER_PACKAGE: usize = 100;

/// A workspace of two packages, 200 source files in nested folders: a quarter clean, the
/// others with an ML005 finding, half of those with an ML004 finding too, some with the
/// ML005 finding suppressed. Returns the tree and the expected concise prefixes.
fn workspace() -> (tempfile::TempDir, Vec<String>) {
    let mut files = vec![("Cargo.toml".to_string(), "[workspace]\nmembers = [\"crates/*\"]\n".to_string())];
    let mut expected = Vec::new();
    for package in ["alpha", "beta"] {
        files.push((format!("crates/{package}/Cargo.toml"), MANIFEST.replace("demo", package)));
        for i in 0..PER_PACKAGE {
            let path = format!("crates/{package}/src/g{}/f{i}.rs", i / 10);
            let tag = format!("{package}_{i}");
            let text = match i % 4 {
                0 => format!("pub fn clean_{tag}(v: &[u32]) -> u32 {{\n    v.iter().sum()\n}}\n"),
                1 if i % 7 == 0 => format!("// maplint: allow-file(ML005)\n{}", lookup(&tag)),
                1 => lookup(&tag),
                _ => format!("{}\n{}", lookup(&tag), rebuilt(&tag)),
            };
            if i % 4 != 0 && !(i % 4 == 1 && i % 7 == 0) {
                expected.push(format!("{path}:4:11: warning ML005"));
            }
            if i % 4 >= 2 {
                expected.push(format!("{path}:9:21: warning ML004"));
            }
            files.push((path, text));
        }
        files.push((format!("crates/{package}/src/odd.rs"), "// maplint: allow(ML999)\npub fn f() {}\n".into()));
        // It names a map type, so the prefilter has it parsed (and fail).
        let broken = "use std::collections::HashMap;\npub fn broken( {\n";
        files.push((format!("crates/{package}/src/broken.rs"), broken.into()));
    }
    expected.sort();
    (tree(&files), expected)
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let (dir, expected) = workspace();
    for format in [
        &["--format", "concise"][..],
        &["--format", "json"],
        &["--format", "text", "--color", "never"],
        &["--statistics"],
    ] {
        let mut outputs = Vec::new();
        for jobs in ["1", "2", "8"] {
            let mut args = format.to_vec();
            args.extend(["-j", jobs, "."]);
            let out = maplint(dir.path(), &args);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
            outputs.push((jobs, without_time(out.stdout.clone()), out));
        }
        let (_, first_stdout, first) = &outputs[0];
        assert!(!first.stdout.is_empty());
        assert_eq!(
            stderr(first).lines().filter(|l| l.starts_with("warning: skipped")).count(),
            2,
            "the two broken files: {}",
            stderr(first)
        );
        for (jobs, stdout, out) in &outputs[1..] {
            assert!(stdout == first_stdout, "{format:?}: -j {jobs} differs from -j 1 on stdout");
            assert!(out.stderr == first.stderr, "{format:?}: -j {jobs} differs from -j 1 on stderr");
        }
        if format.contains(&"concise") {
            let mut found: Vec<String> = String::from_utf8_lossy(&first.stdout)
                .lines()
                .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
                .collect();
            found.sort();
            assert_eq!(found, expected);
        }
    }
}

/// The output with the milliseconds of the text summary line blanked.
fn without_time(stdout: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(stdout).expect("UTF-8 output");
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        match line.rsplit_once(" in ").filter(|(head, tail)| head.contains("; scanned ") && tail.ends_with(" ms\n")) {
            Some((head, _)) => out.push_str(&format!("{head} in T ms\n")),
            None => out.push_str(line),
        }
    }
    out.into_bytes()
}

//! Files that are no heap profile stop the run with exit status 2 and a message naming
//! the file and what is wrong with it.

use crate::support::{maplint, root, APP, DHAT, PPROF};

/// Writes `bytes` to a temporary file named `name` and runs maplint with it as profile:
/// the one line maplint prints on stderr.
fn refused(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let run = maplint(&["--profile", path.to_str().unwrap(), APP]);
    assert_eq!(run.code, 2, "stdout: {}\nstderr: {}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "");
    let shown = path.display().to_string();
    let line = run.stderr.trim_end().to_string();
    assert!(line.starts_with(&format!("error: {shown}: ")), "{line}");
    line[format!("error: {shown}: ").len()..].to_string()
}

#[test]
fn garbage_is_not_a_heap_profile() {
    assert_eq!(
        refused("heap.prof", b"\x00\x01\x02 this is no profile \xff\xfe\xfd"),
        "not a heap profile: neither dhat's JSON (dhat-heap.json) nor a pprof protobuf (.pb.gz or .pb)"
    );
    assert_eq!(refused("empty.json", b""), "the file is empty: not a heap profile");
}

#[test]
fn a_truncated_pprof_profile_is_refused() {
    let whole = std::fs::read(root().join(PPROF)).expect("the pprof profile");
    let why = refused("heap.pb.gz", &whole[..whole.len() / 2]);
    assert!(why.starts_with("truncated or corrupt gzip data: "), "{why}");
}

#[test]
fn a_truncated_dhat_profile_is_refused() {
    let whole = std::fs::read(root().join(DHAT)).expect("the dhat profile");
    let why = refused("dhat-heap.json", &whole[..whole.len() / 2]);
    assert!(why.starts_with("truncated or malformed JSON: EOF while parsing"), "{why}");
}

#[test]
fn json_of_another_shape_is_refused() {
    // maplint's own JSON report.
    let report = maplint(&["--format", "json", APP]).stdout;
    let why = refused("report.json", report.as_bytes());
    assert!(why.starts_with("JSON, but not a dhat heap profile (dhat-heap.json): missing field"), "{why}");
    let why = refused("adhoc.json", br#"{"dhatFileVersion": 2, "mode": "rust-ad-hoc", "pps": [], "ftbl": []}"#);
    assert_eq!(why, "a dhat profile in mode `rust-ad-hoc` counts no heap bytes: profile in heap mode");
}

#[test]
fn gzip_of_something_else_is_refused() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"dhatFileVersion\": 2}").expect("gzip");
    let why = refused("heap.pb.gz", &gz.finish().expect("gzip"));
    assert!(why.starts_with("gzip data, but not a pprof profile: not a pprof protobuf"), "{why}");
}

#[test]
fn a_missing_profile_is_an_error() {
    let run = maplint(&["--profile", "no-such-profile.pb.gz", APP]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error: cannot read the profile no-such-profile.pb.gz: "), "{}", run.stderr);
}

//! Unit tests of the profile readers and the path matching, on small inputs; the
//! profiles of real profilers are tested in cli/tests/profile.rs.

use std::path::Path;

use super::dhat::location;
use super::paths::{Files, Match};

#[test]
fn dhat_frames_give_their_file_and_line() {
    assert_eq!(location("0x10d8f0e1b: app::fill (src/lib.rs:12:5)"), Some(("src/lib.rs", 12)));
    assert_eq!(location("0x4: <&mut (dyn a::W) as a::W>::f (src/m.rs:7:1)"), Some(("src/m.rs", 7)));
    assert_eq!(location("0x109156: main (main.c:5)"), Some(("main.c", 5)));
    assert_eq!(location(r"0x1: f (C:\w\src\lib.rs:3:9)"), Some((r"C:\w\src\lib.rs", 3)));
    assert_eq!(location("0x4C2DB6F: malloc (in /usr/lib/vgpreload_dhat.so)"), None);
    assert_eq!(location("[root]"), None);
}

#[test]
fn paths_match_by_their_longest_common_suffix() {
    let files = vec!["src/lib.rs".to_string(), "crates/a/src/map.rs".to_string(), "crates/b/src/map.rs".to_string()];
    let f = Files::new(&files, Path::new("/work/proj"));
    assert_eq!(f.find("src/lib.rs"), Match::File(0));
    assert_eq!(f.find("/home/ci/proj/src/lib.rs"), Match::File(0));
    assert_eq!(f.find("/work/proj/src/lib.rs"), Match::File(0));
    assert_eq!(f.find("a/src/map.rs"), Match::File(1));
    assert_eq!(f.find("/elsewhere/crates/b/src/map.rs"), Match::File(2));
    assert_eq!(f.find("src/map.rs"), Match::Ambiguous);
    assert_eq!(f.find("lib.rs"), Match::File(0));
    // One component in common besides a directory that differs: another file.
    assert_eq!(f.find("/home/ci/other/lib.rs"), Match::None);
    // The toolchain's and downloaded crates' sources never match.
    assert_eq!(f.find("/rustc/0123abcd/library/std/src/lib.rs"), Match::None);
    assert_eq!(f.find("/home/u/.cargo/registry/src/index.crates.io-1/x-1.0/src/lib.rs"), Match::None);
}

#[test]
fn files_that_are_no_profile_are_refused() {
    let err = |bytes: &[u8]| super::read(bytes).err().unwrap_or_default();
    assert!(err(b"").contains("empty"));
    assert!(err(b"\x00\x01garbage\xff\xfe").contains("not a heap profile"), "{}", err(b"\x00\x01garbage\xff\xfe"));
    assert!(err(br#"{"version": 1, "findings": []}"#).contains("not a dhat heap profile"));
    assert!(err(
        br#"{"dhatFileVersion": 2, "mode": "rust-heap", "pps": [{"tb": 1, "tbk": 1, "fs": [5]}], "ftbl": ["[root]"]}"#
    )
    .contains("frame table has 1 entries"));
    assert!(err(br#"{"dhatFileVersion": 2, "mode": "rust-ad-hoc", "pps": [], "ftbl": []}"#).contains("rust-ad-hoc"));
    assert!(err(b"{\"dhatFileVersion\": 2, \"mo").contains("truncated"));
    assert!(err(b"\x1f\x8b\x08\x00\x00\x00").contains("truncated or corrupt gzip"));
}

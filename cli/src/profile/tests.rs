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
    // A shortened path must be a whole suffix: a dependency's `src/lib.rs` is not ours.
    assert_eq!(f.find("serde-1.0.0/src/lib.rs"), Match::None);
    assert_eq!(f.find(r"C:\ci\proj\src\lib.rs"), Match::File(0));
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

/// A pprof profile of one sample through two locations, the second with an inlined
/// call, with the given sample types and values.
fn pprof(types: &[(&str, &str)], values: &[i64]) -> Vec<u8> {
    use prost::Message;

    use super::proto::{Function, Line, Location, Profile, Sample, ValueType};
    let mut strings = vec![String::new(), "src/lib.rs".to_string(), "src/inner.rs".to_string()];
    let mut sample_type = Vec::new();
    for (t, u) in types {
        strings.push(t.to_string());
        strings.push(u.to_string());
        sample_type.push(ValueType { r#type: strings.len() as i64 - 2, unit: strings.len() as i64 - 1 });
    }
    let line = |function_id, line| Line { function_id, line };
    Profile {
        sample_type,
        sample: vec![Sample { location_id: vec![2, 1], value: values.to_vec() }],
        location: vec![
            Location { id: 1, line: vec![line(1, 12)] },
            Location { id: 2, line: vec![line(2, 5), line(1, 0), line(9, 3)] },
        ],
        function: vec![Function { id: 1, filename: 1 }, Function { id: 2, filename: 2 }],
        string_table: strings,
    }
    .encode_to_vec()
}

#[test]
fn pprof_heap_profiles_give_allocated_bytes_and_blocks_first() {
    let all =
        [("alloc_objects", "count"), ("alloc_space", "bytes"), ("inuse_objects", "count"), ("inuse_space", "bytes")];
    let p = super::read(&pprof(&all, &[3, 300, 1, 100])).expect("a pprof profile");
    assert_eq!((p.stacks[0].bytes, p.stacks[0].blocks, p.counts_blocks), (300, 3, true));
    // Frames: inner.rs:5, then lib.rs:12; a line 0 and an unknown function are ignored.
    let frames: Vec<(&str, u32)> = p.stacks[0].frames.iter().map(|&(f, l)| (p.files[f as usize].as_str(), l)).collect();
    assert_eq!(frames, [("src/inner.rs", 5), ("src/lib.rs", 12)]);
    assert_eq!((p.frames_seen, p.frames_without_line), (4, 2));

    let inuse = super::read(&pprof(&[("inuse_space", "bytes")], &[4096])).expect("jemalloc_pprof's shape");
    assert_eq!((inuse.stacks[0].bytes, inuse.counts_blocks), (4096, false));

    let cpu = super::read(&pprof(&[("samples", "count"), ("cpu", "nanoseconds")], &[1, 10])).err();
    assert_eq!(
        cpu.as_deref(),
        Some(
            "a pprof profile with no heap sample type (alloc_space or inuse_space in bytes); it has: \
             samples/count, cpu/nanoseconds"
        )
    );
}

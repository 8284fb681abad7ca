//! Entry files: what is stored is what is loaded; anything else is ignored.

use super::*;

fn entry() -> PackageEntry {
    let mut interest = Interest::default();
    interest.holder("Registry");
    let parsed = FileRecord {
        path: "/p/src/lib.rs".into(),
        stamp: Some(Stamp { mtime_ns: 1, size: 2 }),
        hash: 3,
        state: FileState::Parsed { facts: Box::default(), diagnostics: Some(vec![]) },
    };
    let unparsed = FileRecord {
        path: "/p/src/a.rs".into(),
        stamp: None,
        hash: 4,
        state: FileState::Unparsed {
            malformed: vec![(1, "unknown rule `X`".into())],
            for_report: true,
            test_file: false,
        },
    };
    let failed = FileRecord { path: "/p/src/b.rs".into(), stamp: None, hash: 5, state: FileState::Failed("x".into()) };
    PackageEntry { interest, files: vec![parsed, unparsed, failed] }
}

#[test]
fn entries_round_trip_and_damage_is_refused() {
    let e = entry();
    let bytes = encode(&e).unwrap();
    assert_eq!(decode(&bytes), Some(e));
    assert_eq!(decode(&bytes[..bytes.len() - 1]), None, "truncated");
    assert_eq!(decode(&bytes[..10]), None, "truncated header");
    assert_eq!(decode(b""), None);
    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    assert_eq!(decode(&flipped), None, "checksum");
    let mut magic = bytes.clone();
    magic[7] ^= 1;
    assert_eq!(decode(&magic), None, "another format");
}

#[test]
fn stores_under_the_version_and_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join(".maplint_cache");
    let settings = Settings::default();
    let cache = Cache::new(&root, &settings);
    let pkg = Path::new("/p");
    assert_eq!(cache.load(Some(pkg)), None);
    cache.store(Some(pkg), &entry());
    assert_eq!(cache.load(Some(pkg)), Some(entry()));
    assert_eq!(cache.load(None), None, "another package");
    assert!(std::fs::read_to_string(root.join("CACHEDIR.TAG")).unwrap().starts_with("Signature: 8a477f597d28d172"));
    assert_eq!(std::fs::read_to_string(root.join(".gitignore")).unwrap().lines().last(), Some("*"));

    let other = Settings { map_types: vec!["Registry".into()], ..Settings::default() };
    assert_eq!(Cache::new(&root, &other).load(Some(pkg)), None, "other settings, other entries");
    let tests = Settings { include_tests: true, ..Settings::default() };
    assert_eq!(Cache::new(&root, &tests).load(Some(pkg)), None, "test files parsed, other entries");
    let same = Settings { jobs: 7, ..Settings::default() };
    assert_eq!(Cache::new(&root, &same).load(Some(pkg)), Some(entry()), "settings that change no entry");

    // A damaged entry file is ignored, and the next store replaces it.
    let file = cache.entry_path(Some(pkg));
    std::fs::write(&file, b"MAPLINT2 garbage").unwrap();
    assert_eq!(cache.load(Some(pkg)), None);
    cache.store(Some(pkg), &entry());
    assert_eq!(cache.load(Some(pkg)), Some(entry()));
}

#[test]
fn an_unwritable_cache_is_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let blocked = tmp.path().join("file");
    std::fs::write(&blocked, b"").unwrap();
    // The cache directory would have to be inside a regular file.
    let cache = Cache::new(&blocked.join(".maplint_cache"), &Settings::default());
    cache.store(None, &entry());
    assert_eq!(cache.load(None), None);
}

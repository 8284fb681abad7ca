//! The cache never changes the result: a cold run, a warm run, a run after files changed
//! (also files the prefilter had left unparsed), a run over a damaged cache and a run with
//! other settings all report what a run without the cache reports, byte for byte.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::{all_rules, copy_tree, render, run, testdata};
use lint_core::Settings;

fn cached(dir: &Path) -> Settings {
    Settings { cache_dir: Some(dir.to_path_buf()), ..all_rules() }
}

/// Sets a file's modification time an hour back (a fresh one is never trusted).
fn age(path: &Path) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(3600)).unwrap();
}

/// A copy of `testdata/cross-file`, aged, and a cache directory beside it.
fn tree() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("tree");
    copy_tree(&testdata().join("cross-file"), &tree);
    for e in std::fs::read_dir(tree.join("src")).unwrap() {
        age(&e.unwrap().path());
    }
    let cache = tmp.path().join(".maplint_cache");
    (tmp, tree, cache)
}

fn entry_files(cache: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for d in std::fs::read_dir(cache).unwrap() {
        let d = d.unwrap().path();
        if d.is_dir() {
            out.extend(std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().path()));
        }
    }
    out
}

#[test]
fn a_warm_run_parses_nothing_and_reports_the_same() {
    let (_tmp, tree, cache) = tree();
    let expected = render(&run(&tree, &all_rules()));
    let cold = run(&tree, &cached(&cache));
    assert_eq!(render(&cold), expected);
    // One file of `cross-file/src` matters to nothing; `lib.rs` declares the modules
    // and is always parsed.
    assert_eq!(cold.files_parsed, 17);
    let warm = run(&tree, &cached(&cache));
    assert_eq!(render(&warm), expected);
    assert_eq!(warm.files_parsed, 0);
    assert!(cache.join("CACHEDIR.TAG").is_file());
    assert_eq!(std::fs::read_to_string(cache.join(".gitignore")).unwrap().lines().last(), Some("*"));
    let dirs: Vec<String> =
        std::fs::read_dir(&cache).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(dirs.iter().any(|d| d.starts_with(&format!("{}-", env!("CARGO_PKG_VERSION")))), "{dirs:?}");
}

#[test]
fn changed_files_are_read_again() {
    let (_tmp, tree, cache) = tree();
    run(&tree, &cached(&cache));

    // Touched: read and hashed again, not parsed.
    let presize = tree.join("src/presize.rs");
    std::fs::write(&presize, std::fs::read(&presize).unwrap()).unwrap();
    let touched = run(&tree, &cached(&cache));
    assert_eq!(render(&touched), render(&run(&tree, &all_rules())));
    assert_eq!(touched.files_parsed, 0);

    // Edited: the finding moves down a line.
    let text = std::fs::read_to_string(&presize).unwrap();
    std::fs::write(&presize, format!("\n{text}")).unwrap();
    let edited = run(&tree, &cached(&cache));
    assert_eq!(render(&edited), render(&run(&tree, &all_rules())));
    assert_eq!(edited.files_parsed, 1);
    assert!(edited.findings.iter().any(|f| f.path.ends_with("presize.rs") && f.location.line == 6));

    // A file left unparsed starts to matter when a static it names is declared.
    std::fs::write(
        tree.join("src/later.rs"),
        "pub fn bump() {\n    crate::maps::LATER.lock().unwrap().insert(1, 1);\n}\n",
    )
    .unwrap();
    age(&tree.join("src/later.rs"));
    let before = run(&tree, &cached(&cache));
    assert_eq!(render(&before), render(&run(&tree, &all_rules())));
    assert!(!before.findings.iter().any(|f| f.message.contains("LATER")));
    let maps = tree.join("src/maps.rs");
    let text = std::fs::read_to_string(&maps).unwrap();
    std::fs::write(
        &maps,
        format!("{text}\npub static LATER: LazyLock<Mutex<HashMap<u64, u64>>> = LazyLock::new(Default::default);\n"),
    )
    .unwrap();
    let after = run(&tree, &cached(&cache));
    assert_eq!(render(&after), render(&run(&tree, &all_rules())));
    assert!(after.findings.iter().any(|f| f.code == "ML001" && f.message.contains("LATER")));
    assert_eq!(after.files_parsed, 2, "maps.rs, and later.rs now that it names a static of interest");
}

/// A way to damage an entry file.
type Damage = fn(&[u8]) -> Vec<u8>;

#[test]
fn a_damaged_cache_is_ignored_and_rebuilt() {
    let (_tmp, tree, cache) = tree();
    let expected = render(&run(&tree, &all_rules()));
    run(&tree, &cached(&cache));
    let damage: [Damage; 4] = [
        |b| b[..b.len() / 2].to_vec(),
        |_| Vec::new(),
        |b| b.iter().map(|x| x ^ 0x55).collect(),
        |b| {
            let mut v = b.to_vec();
            let last = v.len() - 1;
            v[last] ^= 1;
            v
        },
    ];
    for d in damage {
        for f in entry_files(&cache) {
            std::fs::write(&f, d(&std::fs::read(&f).unwrap())).unwrap();
        }
        let r = run(&tree, &cached(&cache));
        assert_eq!(render(&r), expected);
        assert_eq!(r.files_parsed, 17, "nothing damaged is trusted");
        assert_eq!(run(&tree, &cached(&cache)).files_parsed, 0, "the entry was rebuilt");
    }
}

#[test]
fn other_settings_use_other_entries() {
    let (_tmp, tree, cache) = tree();
    run(&tree, &cached(&cache));
    let other = Settings { map_types: vec!["Registry".into()], ..cached(&cache) };
    let r = run(&tree, &other);
    assert_eq!(render(&r), render(&run(&tree, &Settings { cache_dir: None, ..other.clone() })));
    assert_eq!(r.files_parsed, 17);
    assert_eq!(run(&tree, &other).files_parsed, 0);
    assert_eq!(run(&tree, &cached(&cache)).files_parsed, 0, "the first settings' entries are still there");
    let fewer = Settings { selected: ["ML005".to_string()].into(), ..cached(&cache) };
    let r = run(&tree, &fewer);
    assert_eq!(r.files_parsed, 2, "the file with an allocating lookup, and lib.rs for the module tree");
    assert_eq!(r.findings.len(), 1);
}

/// Ages every file of a tree.
fn age_tree(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            age_tree(&p);
        } else {
            age(&p);
        }
    }
}

/// Which packages are test code comes from the manifests, read on every run: a warm run
/// reports what a run without the cache reports, also once a manifest changed.
#[test]
fn test_packages_follow_their_manifests_on_warm_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let (tree, cache) = (tmp.path().join("tree"), tmp.path().join(".maplint_cache"));
    copy_tree(&testdata().join("test-code"), &tree);
    age_tree(&tree);
    for include_tests in [false, true] {
        let settings = Settings { include_tests, ..cached(&cache) };
        let expected = render(&run(&tree, &Settings { cache_dir: None, ..settings.clone() }));
        assert_eq!(render(&run(&tree, &settings)), expected);
        let warm = run(&tree, &settings);
        assert_eq!(render(&warm), expected);
        assert_eq!(warm.files_parsed, 0);
    }
    let kit = |r: &lint_core::Report| r.findings.iter().filter(|f| f.path.contains("ledger_test_kit")).count();
    assert_eq!(kit(&run(&tree, &cached(&cache))), 0);
    // Renamed without its test word, the package is production code.
    let manifest = tree.join("ledger_test_kit/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace("name = \"ledger_test_helpers\"", "name = \"ledger_kit\"")).unwrap();
    let renamed = run(&tree, &cached(&cache));
    assert_eq!(render(&renamed), render(&run(&tree, &all_rules())));
    assert_eq!(kit(&renamed), 1);
}

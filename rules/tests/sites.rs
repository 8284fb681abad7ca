//! Where each rule says a finding's memory is allocated (`Finding::sites`, what a heap
//! profile is matched against): the growth calls of a map, in whatever file they are,
//! for ML001, ML003, ML007 and ML008; the constructor and the insert for ML002; the
//! constructor and the calls on the map for ML004; otherwise the finding's own lines.

mod common;

use common::{all_rules, run, testdata};

/// `CODE file:line -> [file:line, ..]` for every finding under a testdata folder
/// (file names only; a site spanning several lines as `line-end`).
fn sites(dir: &str) -> Vec<String> {
    let report = run(&testdata().join(dir), &all_rules());
    let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    report
        .findings
        .iter()
        .map(|f| {
            let sites: Vec<String> = f
                .sites
                .iter()
                .map(|s| match s.end_line == s.line {
                    true => format!("{}:{}", name(&s.path), s.line),
                    false => format!("{}:{}-{}", name(&s.path), s.line, s.end_line),
                })
                .collect();
            format!("{} {}:{} -> {}", f.code, name(&f.path), f.location.line, sites.join(", "))
        })
        .collect()
}

#[test]
fn sites_across_the_files_of_a_package() {
    assert_eq!(
        sites("cross-file"),
        [
            "ML005 lookup.rs:3 -> lookup.rs:3",
            // No allocation at a key type: its own line.
            "ML006 maps.rs:11 -> maps.rs:11",
            // Never filled: their own lines.
            "ML003 maps.rs:12 -> maps.rs:12",
            "ML008 maps.rs:13 -> maps.rs:13",
            "ML001 maps.rs:17 -> login.rs:3",
            "ML007 maps.rs:20 -> maps.rs:23",
            "ML007 maps.rs:27 -> maps.rs:30",
            "ML002 presize.rs:5 -> presize.rs:5, presize.rs:7",
            "ML004 rebuild.rs:7 -> rebuild.rs:7, rebuild.rs:9, rebuild.rs:11",
        ]
    );
    assert_eq!(
        sites("sites-elsewhere"),
        [
            "ML003 store.rs:8 -> fill.rs:9",
            "ML008 store.rs:9 -> fill.rs:13",
            // A growth call written over several lines: the line of its method name.
            "ML001 store.rs:13 -> fill.rs:18",
        ]
    );
}

#[test]
fn sites_of_the_profiled_app() {
    assert_eq!(
        sites("profile"),
        [
            "ML001 maps.rs:11 -> maps.rs:43",
            "ML007 maps.rs:14 -> maps.rs:77",
            "ML003 maps.rs:23 -> maps.rs:33",
            "ML008 maps.rs:24 -> maps.rs:37",
            "ML002 maps.rs:48 -> maps.rs:48, maps.rs:50",
            "ML004 maps.rs:58 -> maps.rs:58, maps.rs:60, maps.rs:62",
            "ML005 maps.rs:70 -> maps.rs:70",
            "ML005 maps.rs:87 -> maps.rs:87",
        ]
    );
}

#[test]
fn the_path_of_a_site_in_another_file_is_its_display_path() {
    let report = run(&testdata().join("sites-elsewhere"), &all_rules());
    for f in &report.findings {
        let fill = f.path.replace("store.rs", "fill.rs");
        assert_eq!(f.sites.iter().map(|s| s.path.as_str()).collect::<Vec<_>>(), [fill.as_str()], "{}", f.code);
    }
}

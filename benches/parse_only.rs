//! The parse-only baseline of `benches/corpus.sh`: walks the given paths with the same
//! `ignore` settings as maplint (`.gitignore` honoured without a `.git` directory, hidden
//! entries, `target/` and symlinks skipped), reads every `.rs` file and parses it with
//! `syn::parse_file` (the same features as maplint: full, visit, span locations) in a rayon
//! pool of `-j N` threads. Prints the files parsed, the files that failed and the bytes read.
//!
//! Build with `cargo build --release --bench parse_only`; run the binary it names with
//! `[-j N] PATH...`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

fn rust_files(root: &Path, out: &mut Vec<PathBuf>) {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .hidden(true)
        .parents(true)
        .ignore(true)
        .git_ignore(true)
        .git_global(true)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| !(e.depth() > 0 && e.file_type().is_some_and(|t| t.is_dir()) && e.file_name() == "target"));
    for entry in builder.build().flatten() {
        if entry.file_type().is_some_and(|t| t.is_file()) && entry.path().extension().is_some_and(|x| x == "rs") {
            out.push(entry.into_path());
        }
    }
}

fn main() {
    let mut jobs = 0;
    let mut roots = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-j" | "--jobs" => jobs = args.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            // `cargo bench` passes `--bench`: nothing to measure without a corpus.
            "--bench" => {}
            _ => roots.push(PathBuf::from(a)),
        }
    }
    if roots.is_empty() {
        eprintln!("usage: parse_only [-j N] PATH...");
        return;
    }
    let mut files = Vec::new();
    for root in &roots {
        rust_files(root, &mut files);
    }
    files.sort();
    files.dedup();

    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).stack_size(256 << 20).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("cannot start worker threads: {e}");
            std::process::exit(2);
        }
    };
    let bytes = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let parsed = pool.install(|| {
        files
            .par_iter()
            .filter(|path| {
                let Ok(text) = std::fs::read_to_string(path) else {
                    failed.fetch_add(1, Ordering::Relaxed);
                    return false;
                };
                bytes.fetch_add(text.len(), Ordering::Relaxed);
                let ok = syn::parse_file(&text).is_ok();
                proc_macro2::extra::invalidate_current_thread_spans();
                if !ok {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
                ok
            })
            .count()
    });
    println!(
        "parsed {parsed} files, {} failed, {} bytes",
        failed.load(Ordering::Relaxed),
        bytes.load(Ordering::Relaxed)
    );
}

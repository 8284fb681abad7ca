//! One document's analysis: the configuration that applies to its file (found from the
//! file's directory upwards, as for `maplint FILE`), the client's options, the cache, then
//! `lint_core::run_buffer` with the document's text, or a plain run that refreshes the
//! cache when the text is the one on disk. A panic anywhere inside is caught and becomes
//! an error of this analysis only.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use clap::Parser;
use lint_core::{Buffer, Finding, Report};

use crate::args::Args;
use crate::config;

/// What one analysis found.
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Why the file could not be linted (it does not parse, mid-typing), if so.
    pub skipped: Option<String>,
    /// Malformed suppression comments: (1-based line, what is wrong).
    pub malformed: Vec<(u32, String)>,
}

/// Lints `text` as the content of `path`. `folder` is the workspace folder holding it (the
/// cache goes there when no configuration file does), `options` are maplint
/// command-line options.
pub fn analyse(path: &Path, text: &str, folder: Option<&Path>, options: &[String]) -> Result<Outcome, String> {
    match catch_unwind(AssertUnwindSafe(|| analyse_inner(path, text, folder, options))) {
        Ok(result) => result,
        Err(payload) => {
            let what = lint_core::engine::panic_message(&*payload);
            Err(format!("internal error while linting {}: {what}", path.display()))
        }
    }
}

fn analyse_inner(path: &Path, text: &str, folder: Option<&Path>, options: &[String]) -> Result<Outcome, String> {
    // A new file belongs to a package once it is on disk.
    if !path.is_file() {
        let skipped = Some("not on disk yet: it is linted once saved".to_string());
        return Ok(Outcome { findings: Vec::new(), skipped, malformed: Vec::new() });
    }
    let words = std::iter::once("maplint".to_string()).chain(options.iter().cloned());
    let mut args = Args::try_parse_from(words).map_err(|e| format!("initialization option `args`: {e}"))?;
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let file_config = config::load(&args, path, &cwd, rules::ALL)?;
    // Without a configuration file the cache goes to the workspace folder (where
    // `maplint .` run from the project root puts it), not the server's directory.
    if file_config.is_none() && args.cache_dir.is_none() {
        let base = folder.or_else(|| path.parent());
        args.cache_dir = base.map(|b| b.join(".maplint_cache"));
    }
    let settings = config::settings(&args, file_config.as_ref(), &cwd, rules::ALL)?;
    // The text on disk: a plain run reads it and keeps the cache up to date.
    let on_disk = std::fs::read(path).is_ok_and(|bytes| bytes == text.as_bytes());
    let report = if on_disk {
        lint_core::run(&[path.to_path_buf()], rules::ALL, &settings)?
    } else {
        lint_core::run_buffer(Buffer { path, text }, rules::ALL, &settings)?
    };
    Ok(outcome(report))
}

fn outcome(report: Report) -> Outcome {
    let skipped = report.skipped.into_iter().next().map(|s| s.reason);
    // "path:line: malformed suppression comment: what"
    let malformed = report
        .warnings
        .iter()
        .filter_map(|w| {
            let (head, what) = w.split_once(": malformed suppression comment: ")?;
            let line = head.rsplit_once(':')?.1.parse().ok()?;
            Some((line, what.to_string()))
        })
        .collect();
    Outcome { findings: report.findings, skipped, malformed }
}

//! The `maplint` binary: reads the command line, runs the engine, prints the report in
//! the chosen format and sets the exit status (0 clean, 1 findings, 2 errors).

mod args;
mod baseline;
mod config;
mod explain;
mod fix;
mod output;
mod profile;
mod select;
mod server;
mod stats;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::Buffer;

use args::{Args, ColorWhen, FailOn, Format};
use lint_core::{Level, Report, Settings};

/// Parsing allocates and frees millions of small token and tree nodes; mimalloc does it
/// in a fraction of the system allocator's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (include/mimalloc.h), which the
/// bindings do not name: how long freed pages wait before they go back to the OS.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A one-shot run frees each file's tokens and tree before it parses the next file: pages
/// given back to the OS meanwhile are faulted in and zeroed again, a tenth of a cold run.
/// They are kept until exit instead (the peak resident set is unchanged). The server,
/// which lives on, keeps mimalloc's default.
fn keep_freed_pages() {
    // SAFETY: sets one of mimalloc's documented options; `-1` means "never purge".
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

fn main() -> ExitCode {
    if std::env::args_os().nth(1).is_some_and(|w| w == "server") {
        let rest: Vec<String> = std::env::args_os().skip(2).map(|w| w.to_string_lossy().into_owned()).collect();
        return server::main(&rest);
    }
    keep_freed_pages();
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<ExitCode, String> {
    if let Some(word) = &args.explain {
        emit(args, explain::explain(word, rules::ALL)?.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.list_rules {
        emit(args, explain::list_rules(rules::ALL).as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let file_config = config::load(args, &paths[0], &cwd, rules::ALL)?;
    let settings = config::settings(args, file_config.as_ref(), &cwd, rules::ALL)?;
    let baseline = args.baseline.as_deref().map(baseline::Baseline::read).transpose()?;
    let heap = args.profile.as_deref().map(profile::load).transpose()?;

    let mut report = lint(&paths, &settings)?;
    if report.files_scanned == 0 && report.skipped.is_empty() {
        for p in &paths {
            eprintln!("warning: no Rust files found under {}", p.display());
        }
    }
    if let Some(path) = &args.write_baseline {
        warn_skipped(&report);
        baseline::write(path, &report.findings)?;
        eprintln!("wrote {} to the baseline {}", plural(report.findings.len(), "finding"), path.display());
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(b) = &baseline {
        b.filter(&mut report.findings);
    }
    if args.diff {
        warn_skipped(&report);
        return show_diff(args, &report);
    }
    if args.fix {
        report = apply_fixes(report, &paths, &settings, baseline.as_ref())?;
    }
    if let (Some(heap), Some(path)) = (&heap, &args.profile) {
        let shown = lint_core::walk::display(&cwd, path);
        for w in profile::attach(&mut report, heap, &shown, &cwd) {
            eprintln!("warning: {w}");
        }
    }
    warn_skipped(&report);
    if args.statistics {
        let text = match args.format {
            Format::Json => stats::render_json(&report.findings),
            _ => stats::render_text(&report.findings),
        };
        emit(args, text.as_bytes())?;
    } else {
        write_output(args, &report)?;
    }
    if args.exit_zero {
        return Ok(ExitCode::SUCCESS);
    }
    Ok(exit_code(args.fail_on, &report))
}

/// `--diff`: prints the fixes; exit status 1 when there is something to fix.
fn show_diff(args: &Args, report: &Report) -> Result<ExitCode, String> {
    let plans = fix::plan(report);
    emit(args, fix::diff(&plans).as_bytes())?;
    let fixes: usize = plans.iter().map(|p| p.applied).sum();
    eprintln!("{} available in {}; run with --fix to apply", plural(fixes, "fix"), plural(plans.len(), "file"));
    Ok(if fixes > 0 && !args.exit_zero { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `--fix`: writes the fixes, then lints the fixed tree again (positions and fingerprints
/// moved) and returns what remains.
fn apply_fixes(
    report: Report,
    paths: &[PathBuf],
    settings: &Settings,
    baseline: Option<&baseline::Baseline>,
) -> Result<Report, String> {
    let plans = fix::plan(&report);
    let mut fixed = 0;
    for result in fix::write(&plans) {
        match result {
            Ok(p) => {
                eprintln!("fixed {}: {}", p.path, plural(p.applied, "finding"));
                fixed += p.applied;
            }
            Err(e) => eprintln!("warning: {e}"),
        }
    }
    let mut report = report;
    if fixed > 0 {
        report = lint(paths, settings)?;
        if let Some(b) = baseline {
            b.filter(&mut report.findings);
        }
    }
    eprintln!("fixed {}; {} remaining", plural(fixed, "finding"), plural(report.findings.len(), "finding"));
    Ok(report)
}

/// Runs the engine; a panic inside one file's analysis is reported as a skipped file,
/// not printed.
fn lint(paths: &[PathBuf], settings: &Settings) -> Result<Report, String> {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let report = lint_core::run(paths, rules::ALL, settings);
    std::panic::set_hook(default_hook);
    report
}

fn plural(n: usize, what: &str) -> String {
    let s = if n == 1 {
        ""
    } else if what.ends_with('x') {
        "es"
    } else {
        "s"
    };
    format!("{n} {what}{s}")
}

fn warn_skipped(report: &Report) {
    for s in &report.skipped {
        eprintln!("warning: skipped {}: {}", s.path, s.reason);
    }
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
}

/// Writes bytes to `--output-file` or standard output.
fn emit(args: &Args, bytes: &[u8]) -> Result<(), String> {
    match &args.output_file {
        Some(path) => std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write the output: {e}")),
            }
        }
    }
}

fn write_output(args: &Args, report: &Report) -> Result<(), String> {
    let bytes = match args.format {
        Format::Text => {
            let to_terminal = args.output_file.is_none() && std::io::stdout().is_terminal();
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let colored = match args.color {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => to_terminal && !no_color,
            };
            let mut buf = if colored { Buffer::ansi() } else { Buffer::no_color() };
            output::text::render(report, &mut buf).map_err(|e| format!("cannot render: {e}"))?;
            buf.into_inner()
        }
        Format::Concise => output::concise::render(report).into_bytes(),
        Format::Json => output::json::render(report).into_bytes(),
        Format::Sarif => {
            let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
            output::sarif::render(report, &cwd).into_bytes()
        }
        Format::Github => output::github::render(report).into_bytes(),
        Format::Gitlab => output::gitlab::render(report).into_bytes(),
        Format::Rdjson => output::rdjson::render(report).into_bytes(),
        Format::RustcJson => output::rustc_json::render(report).into_bytes(),
    };
    emit(args, &bytes)
}

fn exit_code(fail_on: FailOn, report: &Report) -> ExitCode {
    let threshold = match fail_on {
        FailOn::Error => Level::Error,
        FailOn::Warning => Level::Warning,
        FailOn::Note => Level::Note,
        FailOn::Never => return ExitCode::SUCCESS,
    };
    if report.findings.iter().any(|f| f.level >= threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

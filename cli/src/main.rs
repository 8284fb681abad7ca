//! The `maplint` binary: reads the command line, runs the engine, prints the report in
//! the chosen format and sets the exit status (0 clean, 1 findings, 2 errors).

mod args;
mod output;
mod select;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::Buffer;

use args::{Args, ColorWhen, FailOn, Format};
use lint_core::{Level, Report, Settings};

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn settings(args: &Args) -> Result<Settings, String> {
    let selected = select::selection(args.select.as_deref(), &args.extend_select, &args.ignore, rules::ALL)?;
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    Ok(Settings {
        selected,
        include_tests: args.include_tests,
        exclude: args.exclude.iter().map(|g| (cwd.clone(), g.clone())).collect(),
        no_ignore: args.no_ignore,
        jobs: args.jobs.unwrap_or(0),
        ..Settings::default()
    })
}

fn run(args: &Args) -> Result<ExitCode, String> {
    let settings = settings(args)?;
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };

    // A panic inside one file's analysis is reported as a skipped file, not printed.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let report = lint_core::run(&paths, rules::ALL, &settings);
    std::panic::set_hook(default_hook);
    let report = report?;

    for s in &report.skipped {
        eprintln!("warning: skipped {}: {}", s.path, s.reason);
    }
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    write_output(args, &report)?;
    Ok(exit_code(args.fail_on, &report))
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
    match &args.output_file {
        Some(path) => std::fs::write(path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(&bytes).and_then(|_| out.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`maplint | head`) is not an error worth a message.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(format!("cannot write the output: {e}")),
            }
        }
    }
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

//! The command line of SPEC §5, declared with clap.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with source snippets (default)
    Text,
    /// one line per finding: path:line:col: level CODE message
    Concise,
    /// one JSON document with every finding
    Json,
    /// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers
    Sarif,
    /// GitHub Actions workflow commands: annotations on the changed lines
    Github,
    /// GitLab Code Quality report (a JSON array)
    Gitlab,
    /// reviewdog Diagnostic Result JSON (`reviewdog -f=rdjson`)
    Rdjson,
    /// rustc JSON diagnostics, one per line (rust-analyzer's check.overrideCommand)
    RustcJson,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Note,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Find map lifecycle and memory risks in Rust code: maps that grow forever, maps filled
/// in loops without pre-sizing, maps rebuilt every iteration, per-entry cells and locks,
/// keys allocated only to be looked up, and keys whose hash can change.
#[derive(Debug, Parser)]
#[command(name = "maplint", version, about, max_term_width = 100)]
pub struct Args {
    /// Files or directories to lint [default: .]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,

    /// Write the output to FILE instead of standard output
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Rules to run, replacing the default set: codes, names or groups (default, pedantic,
    /// all), comma-separated
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub select: Option<Vec<String>>,

    /// Rules not to run: codes, names or groups, comma-separated
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Rules to run in addition to the selected ones, comma-separated
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub extend_select: Vec<String>,

    /// Exit with status 1 when a finding at or above this level is reported
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,

    /// When to colour the text output (auto honours NO_COLOR and whether stdout is a
    /// terminal)
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorWhen,

    /// Glob of paths not to lint (repeatable)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Do not honour .gitignore and .ignore files
    #[arg(long)]
    pub no_ignore: bool,

    /// Also report findings in test code (#[cfg(test)], #[test], tests/, benches/,
    /// examples/)
    #[arg(long)]
    pub include_tests: bool,

    /// Worker threads [default: one per core]
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Neither read nor write the cache
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,

    /// Keep the cache in DIR [default: .maplint_cache beside the configuration file, else
    /// in the current directory]
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Parse every file, also those that name no map type nor anything a rule looks for
    /// (their syntax errors are then reported too)
    #[arg(long)]
    pub no_prefilter: bool,

    /// Read the configuration from FILE (a maplint.toml, or a Cargo.toml with a
    /// [package.metadata.maplint] table) instead of searching for one
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file
    #[arg(long)]
    pub no_config: bool,

    /// Do not report findings recorded in this baseline file
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every current finding in a baseline file and exit 0
    #[arg(long, value_name = "FILE", conflicts_with_all = ["fix", "diff"])]
    pub write_baseline: Option<PathBuf>,

    /// Apply machine-applicable fixes to the files, then report what remains
    #[arg(long)]
    pub fix: bool,

    /// Print the machine-applicable fixes as a unified diff and change nothing
    #[arg(long, conflicts_with_all = ["fix", "statistics"])]
    pub diff: bool,

    /// Print the number of findings per rule instead of the findings
    #[arg(long)]
    pub statistics: bool,

    /// Exit with status 0 even when findings are reported (errors still exit 2)
    #[arg(long)]
    pub exit_zero: bool,

    /// Measure each finding with a heap profile (dhat's dhat-heap.json or a pprof .pb.gz)
    /// and order the findings by the bytes allocated at their sites
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,

    /// Print the documentation of a rule (code or name) and exit
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,

    /// Print every rule's code, name, level, group and summary, and exit
    #[arg(long)]
    pub list_rules: bool,
}

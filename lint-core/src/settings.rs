//! Settings that change what the engine reports: which rules run, test code, extra map
//! types, per-rule options and severity overrides. Filled from the command line and the
//! configuration file by the binary; the engine only reads them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::diagnostic::Level;

/// Options of individual rules (`[rules.MLxxx]` in the configuration).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RuleOptions {
    /// `rules.ML001.plain-fields`: plain map fields mutated through `&mut self` count as
    /// long-lived.
    pub plain_fields: bool,
    /// `rules.ML001.removal-methods`: extra method names counted as removal evidence.
    pub removal_methods: Vec<String>,
    /// `rules.ML006.ignore-types`: key types never flagged.
    pub ignore_key_types: Vec<String>,
    /// `rules.ML008.min-bytes`: the smallest inline value size reported.
    pub min_bytes: u64,
}

impl Default for RuleOptions {
    fn default() -> Self {
        RuleOptions { plain_fields: false, removal_methods: Vec::new(), ignore_key_types: Vec::new(), min_bytes: 256 }
    }
}

/// Everything the engine needs to know besides the paths.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Codes of the rules that run (already expanded from groups and names).
    pub selected: BTreeSet<String>,
    /// Report findings in test code too.
    pub include_tests: bool,
    /// Extra map type names (`map-types`), treated as hash-based maps.
    pub map_types: Vec<String>,
    pub rules: RuleOptions,
    /// Level overrides by code.
    pub severity: BTreeMap<String, Level>,
    /// Glob patterns of paths not to lint, with the directory they are relative to.
    pub exclude: Vec<(PathBuf, String)>,
    /// Do not honour `.gitignore` and `.ignore` files.
    pub no_ignore: bool,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// Parse every file, not only those the prefilter says can matter (see `prefilter`).
    pub no_prefilter: bool,
    /// The prefilter is used only when a run reads at least this many files: a smaller
    /// tree is parsed whole, so that every syntax error in it is reported. The binary sets
    /// `PREFILTER_MIN_FILES`; 0 always prefilters.
    pub prefilter_min_files: usize,
    /// The cache directory for re-runs (see `cache`); `None`: no cache is read or written.
    pub cache_dir: Option<PathBuf>,
}

impl Settings {
    pub fn is_selected(&self, code: &str) -> bool {
        self.selected.contains(code)
    }
}

/// Below this many files a run parses every file (see `Settings::prefilter_min_files`).
pub const PREFILTER_MIN_FILES: usize = 1000;

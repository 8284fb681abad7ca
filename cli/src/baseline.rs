//! Baselines: `--write-baseline FILE` records the fingerprints of the current findings,
//! `--baseline FILE` stops reporting them, so a project can adopt maplint and fail only
//! on new findings. Fingerprints hash the code, the path and the primary line's text
//! (lint_core::finding), so they survive unrelated lines added above.

use std::collections::BTreeMap;
use std::path::Path;

use lint_core::Finding;
use serde::{Deserialize, Serialize};

/// The version of the baseline file format.
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// Informational: the fingerprint already covers the code and the path.
    path: String,
    code: String,
    fingerprint: String,
}

/// The findings a baseline accepts: how many findings of each fingerprint.
#[derive(Debug, Default)]
pub struct Baseline {
    counts: BTreeMap<String, usize>,
}

impl Baseline {
    /// Reads a baseline; a missing or malformed file is an error.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!("{}: cannot read the baseline: {}", path.display(), lint_core::source::io_reason(&e))
        })?;
        let file: BaselineFile =
            serde_json::from_str(&text).map_err(|e| format!("{}: not a maplint baseline: {e}", path.display()))?;
        if file.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (expected {VERSION})",
                path.display(),
                file.version
            ));
        }
        let mut counts = BTreeMap::new();
        for e in file.findings {
            *counts.entry(e.fingerprint).or_insert(0) += 1;
        }
        Ok(Baseline { counts })
    }

    /// Removes the findings the baseline accepts, each baseline entry accepting one
    /// finding; returns how many were removed.
    pub fn filter(&self, findings: &mut Vec<Finding>) -> usize {
        let mut left = self.counts.clone();
        let before = findings.len();
        findings.retain(|f| match left.get_mut(&f.fingerprint) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - findings.len()
    }
}

/// The baseline file for these findings: JSON, sorted, one entry per finding.
pub fn render(findings: &[Finding]) -> String {
    let mut entries: Vec<Entry> = findings
        .iter()
        .map(|f| Entry { path: f.path.clone(), code: f.code.to_string(), fingerprint: f.fingerprint.clone() })
        .collect();
    entries.sort();
    let file = BaselineFile { version: VERSION, findings: entries };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the baseline file for these findings.
pub fn write(path: &Path, findings: &[Finding]) -> Result<(), String> {
    std::fs::write(path, render(findings))
        .map_err(|e| format!("{}: cannot write the baseline: {}", path.display(), lint_core::source::io_reason(&e)))
}

//! Output formats, one module each. Every format reads the same `Report` and the rule
//! metadata; none of them knows how findings were made.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod rdjson;
pub mod rustc_json;
pub mod sarif;
pub mod text;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use lint_core::{Level, Report};

/// Where maplint lives: the SARIF driver's `informationUri` and the rule links.
pub const HOME: &str = env!("CARGO_PKG_REPOSITORY");

/// The documentation of a rule: the rules table of the README.
pub fn rule_url(_code: &str) -> String {
    format!("{HOME}#rules")
}

/// Each finding's fingerprint, made unique within the report: two findings of one rule
/// on one line share a fingerprint, and consumers (GitHub, GitLab) would merge them, so
/// the second gets `:2`, the third `:3`, in output order.
pub fn unique_fingerprints(report: &Report) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    report
        .findings
        .iter()
        .map(|f| {
            let n = seen.entry(f.fingerprint.as_str()).or_insert(0);
            *n += 1;
            if *n == 1 {
                f.fingerprint.clone()
            } else {
                format!("{}:{}", f.fingerprint, n)
            }
        })
        .collect()
}

/// `N problems (E errors, W warnings, O notes)` counts.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Counts {
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub files_with_findings: usize,
    pub files_scanned: usize,
    pub files_skipped: usize,
}

impl Counts {
    pub fn of(report: &Report) -> Counts {
        let mut c = Counts {
            findings: report.findings.len(),
            files_scanned: report.files_scanned,
            files_skipped: report.skipped.len(),
            ..Counts::default()
        };
        let mut last: Option<&str> = None;
        for f in &report.findings {
            match f.level {
                Level::Error => c.errors += 1,
                Level::Warning => c.warnings += 1,
                Level::Note => c.notes += 1,
            }
            if last != Some(f.path.as_str()) {
                c.files_with_findings += 1;
                last = Some(&f.path);
            }
        }
        c
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary line of the text format.
pub fn summary_line(report: &Report) -> String {
    let c = Counts::of(report);
    format!(
        "{} ({}, {}, {}) in {}; scanned {} in {} ms",
        plural(c.findings, "problem", "problems"),
        plural(c.errors, "error", "errors"),
        plural(c.warnings, "warning", "warnings"),
        plural(c.notes, "note", "notes"),
        plural(c.files_with_findings, "file", "files"),
        plural(c.files_scanned, "file", "files"),
        report.elapsed_ms
    )
}

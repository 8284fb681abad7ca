//! Output formats, one module each. Every format reads the same `Report` and the rule
//! metadata; none of them knows how findings were made.

pub mod concise;
pub mod json;
pub mod text;

use lint_core::{Level, Report};

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

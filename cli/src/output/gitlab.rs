//! `--format gitlab`: a GitLab Code Quality report (a Code Climate-style JSON array), for
//! `artifacts: reports: codequality`. GitLab shows each issue's description and severity
//! in the merge request and matches issues between pipelines by fingerprint.

use serde::Serialize;

use lint_core::{Level, Report};

use super::unique_fingerprints;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation<'a>,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

/// GitLab's scale is info, minor, major, critical, blocker: maplint's notes are hints,
/// its warnings real memory or time costs, its errors correctness bugs.
fn severity(l: Level) -> &'static str {
    match l {
        Level::Note => "info",
        Level::Warning => "major",
        Level::Error => "critical",
    }
}

pub fn render(report: &Report) -> String {
    let issues: Vec<Issue> = report
        .findings
        .iter()
        .zip(unique_fingerprints(report))
        .map(|(f, fingerprint)| Issue {
            description: format!("{} {}: {}", f.code, f.name, f.message),
            check_name: f.code,
            fingerprint,
            severity: severity(f.level),
            location: IssueLocation {
                path: &f.path,
                lines: Lines { begin: f.location.line, end: f.location.end_line },
            },
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    s
}

//! `--format json`: one JSON document with every finding, the skipped files and counts
//! (SPEC §6). Nothing in it depends on timing, so it is byte-identical between runs.

use serde::Serialize;

use lint_core::finding::{Location, Measure};
use lint_core::{Report, Skipped};

use super::Counts;

#[derive(Serialize)]
struct Document<'a> {
    version: &'static str,
    findings: Vec<Finding<'a>>,
    skipped: &'a [Skipped],
    summary: Counts,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'a str,
    name: &'a str,
    level: &'a str,
    message: &'a str,
    notes: &'a [String],
    help: &'a str,
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    labels: Vec<Label<'a>>,
    fix: Option<Fix<'a>>,
    fingerprint: &'a str,
    /// Present with `--profile`: what the profile measured at the finding's sites, or null.
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<Option<&'a Measure>>,
}

#[derive(Serialize)]
struct Label<'a> {
    message: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct Fix<'a> {
    message: &'a str,
    applicability: &'static str,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    replacement: &'a str,
}

fn label<'a>(message: &'a str, l: &Location) -> Label<'a> {
    Label { message, line: l.line, column: l.column, end_line: l.end_line, end_column: l.end_column }
}

pub fn render(report: &Report) -> String {
    let findings = report
        .findings
        .iter()
        .map(|f| Finding {
            code: f.code,
            name: f.name,
            level: f.level.as_str(),
            message: &f.message,
            notes: &f.notes,
            help: &f.help,
            path: &f.path,
            line: f.location.line,
            column: f.location.column,
            end_line: f.location.end_line,
            end_column: f.location.end_column,
            labels: f.labels.iter().map(|l| label(&l.message, &l.location)).collect(),
            fix: f.fix.as_ref().map(|x| Fix {
                message: &x.message,
                applicability: "machine-applicable",
                edits: x
                    .edits
                    .iter()
                    .map(|e| Edit {
                        path: &f.path,
                        line: e.location.line,
                        column: e.location.column,
                        end_line: e.location.end_line,
                        end_column: e.location.end_column,
                        replacement: &e.replacement,
                    })
                    .collect(),
            }),
            fingerprint: &f.fingerprint,
            profile: report.profile.as_ref().map(|_| f.profile.as_ref()),
        })
        .collect();
    let doc = Document {
        version: env!("CARGO_PKG_VERSION"),
        findings,
        skipped: &report.skipped,
        summary: Counts::of(report),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

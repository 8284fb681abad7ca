//! `--format rdjson`: reviewdog's Diagnostic Result JSON (`reviewdog -f=rdjson`).
//! Positions are 1-based lines and 1-based UTF-8 byte columns, ranges end-exclusive;
//! fixes become suggestions, secondary labels related locations.

use serde::Serialize;

use lint_core::finding::Location;
use lint_core::{Level, Report};

use super::{rule_url, HOME};

#[derive(Serialize)]
struct DiagnosticResult<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: RdLocation<'a>,
    severity: &'static str,
    code: Code,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct RdLocation<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: u32,
    column: usize,
}

#[derive(Serialize)]
struct Code {
    value: &'static str,
    url: String,
}

#[derive(Serialize)]
struct Suggestion {
    range: Range,
    text: String,
}

#[derive(Serialize)]
struct Related<'a> {
    message: String,
    location: RdLocation<'a>,
}

fn severity(l: Level) -> &'static str {
    match l {
        Level::Error => "ERROR",
        Level::Warning => "WARNING",
        Level::Note => "INFO",
    }
}

fn range(l: &Location) -> Range {
    Range {
        start: Position { line: l.line, column: l.byte_column },
        end: Position { line: l.end_line, column: l.end_byte_column },
    }
}

pub fn render(report: &Report) -> String {
    let diagnostics = report
        .findings
        .iter()
        .map(|f| {
            let mut message = f.message.clone();
            for note in &f.notes {
                message.push_str("\nnote: ");
                message.push_str(note);
            }
            if !f.help.is_empty() {
                message.push_str("\nhelp: ");
                message.push_str(&f.help);
            }
            Diagnostic {
                message,
                location: RdLocation { path: &f.path, range: range(&f.location) },
                severity: severity(f.level),
                code: Code { value: f.code, url: rule_url(f.code) },
                suggestions: f
                    .fix
                    .iter()
                    .flat_map(|x| &x.edits)
                    .map(|e| Suggestion { range: range(&e.location), text: e.replacement.clone() })
                    .collect(),
                related_locations: f
                    .labels
                    .iter()
                    .map(|l| Related {
                        message: l.message.clone(),
                        location: RdLocation { path: &f.path, range: range(&l.location) },
                    })
                    .collect(),
            }
        })
        .collect();
    let doc = DiagnosticResult { source: Source { name: "maplint", url: HOME }, diagnostics };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

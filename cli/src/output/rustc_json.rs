//! `--format rustc-json`: one rustc JSON diagnostic per line (the rustc book's "JSON
//! Output"), the shape `cargo check --message-format=json` wraps. rust-analyzer's
//! `check.overrideCommand` reads these lines, so maplint's findings show in the editor
//! with their labels, help and quick-fixes.

use serde::Serialize;

use lint_core::finding::Location;
use lint_core::{Finding, Level, Report};

use super::text::render_finding;

#[derive(Serialize)]
struct Diagnostic<'a> {
    #[serde(rename = "$message_type")]
    message_type: &'static str,
    message: &'a str,
    code: Option<Code>,
    level: &'static str,
    spans: Vec<Span>,
    children: Vec<Child<'a>>,
    rendered: Option<String>,
}

#[derive(Serialize)]
struct Code {
    code: &'static str,
    explanation: Option<&'static str>,
}

/// A child diagnostic (help, note, suggestion): rustc gives them no code and no rendering.
#[derive(Serialize)]
struct Child<'a> {
    message: &'a str,
    code: Option<Code>,
    level: &'static str,
    spans: Vec<Span>,
    children: Vec<Child<'a>>,
    rendered: Option<String>,
}

#[derive(Serialize)]
struct Span {
    file_name: String,
    byte_start: usize,
    byte_end: usize,
    line_start: u32,
    line_end: u32,
    /// 1-based, in characters.
    column_start: u32,
    column_end: u32,
    is_primary: bool,
    text: Vec<SpanLine>,
    label: Option<String>,
    suggested_replacement: Option<String>,
    suggestion_applicability: Option<&'static str>,
    expansion: Option<()>,
}

#[derive(Serialize)]
struct SpanLine {
    text: String,
    highlight_start: u32,
    highlight_end: u32,
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

/// The source lines a span covers, each with its highlighted columns.
fn span_lines(source: &str, l: &Location) -> Vec<SpanLine> {
    let mut out = Vec::new();
    for (i, text) in source.split('\n').enumerate().skip(l.line as usize - 1).take((l.end_line - l.line + 1) as usize) {
        let text = text.strip_suffix('\r').unwrap_or(text);
        let n = i as u32 + 1;
        let width = text.chars().count() as u32 + 1;
        out.push(SpanLine {
            text: text.to_string(),
            highlight_start: if n == l.line { l.column } else { 1 },
            highlight_end: if n == l.end_line { l.end_column } else { width },
        });
    }
    out
}

fn span(path: &str, source: &str, l: &Location, primary: bool) -> Span {
    Span {
        file_name: path.to_string(),
        byte_start: l.byte_start,
        byte_end: l.byte_end,
        line_start: l.line,
        line_end: l.end_line,
        column_start: l.column,
        column_end: l.end_column,
        is_primary: primary,
        text: if l.line >= 1 && l.end_line >= l.line { span_lines(source, l) } else { Vec::new() },
        label: None,
        suggested_replacement: None,
        suggestion_applicability: None,
        expansion: None,
    }
}

fn child<'a>(message: &'a str, spans: Vec<Span>) -> Child<'a> {
    Child { message, code: None, level: "help", spans, children: Vec::new(), rendered: None }
}

fn note(message: &str) -> Child<'_> {
    Child { level: "note", ..child(message, Vec::new()) }
}

fn diagnostic<'a>(f: &'a Finding, source: &str) -> Diagnostic<'a> {
    let mut spans = vec![span(&f.path, source, &f.location, true)];
    for l in &f.labels {
        spans.push(Span { label: Some(l.message.clone()), ..span(&f.path, source, &l.location, false) });
    }
    let mut children: Vec<Child> = f.notes.iter().map(|n| note(n)).collect();
    children.push(child(&f.help, Vec::new()));
    if let Some(fix) = &f.fix {
        let edits = fix
            .edits
            .iter()
            .map(|e| Span {
                suggested_replacement: Some(e.replacement.clone()),
                suggestion_applicability: Some("MachineApplicable"),
                ..span(&f.path, source, &e.location, true)
            })
            .collect();
        children.push(child(&fix.message, edits));
    }
    let explanation = rules::ALL.iter().map(|r| r.meta()).find(|m| m.code == f.code).map(|m| m.explanation);
    Diagnostic {
        message_type: "diagnostic",
        message: &f.message,
        code: Some(Code { code: f.code, explanation }),
        level: level(f.level),
        spans,
        children,
        rendered: Some(render_finding(f, source)),
    }
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let source = report.sources.get(&f.path).map(String::as_str).unwrap_or("");
        if let Ok(line) = serde_json::to_string(&diagnostic(f, source)) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

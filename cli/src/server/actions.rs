//! Code actions on a document's findings: the machine-applicable fix (ML002's capacity)
//! as the preferred quick fix, and `// maplint: allow(..) -- reason` comments for the
//! finding's line and for the whole file.

use std::collections::HashMap;

use lint_core::Finding;
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Position, Range, TextEdit, Url, WorkspaceEdit};

use super::convert::{self, Lines};

/// The actions for the findings of `findings` (made on `text`) whose lines meet `range`.
pub fn actions(uri: &Url, text: &str, findings: &[Finding], range: Range) -> Vec<CodeActionOrCommand> {
    let lines = Lines::new(text);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = Vec::new();
    for f in findings {
        let (first, last) = (f.location.line.saturating_sub(1), f.location.end_line.saturating_sub(1));
        if last < range.start.line || first > range.end.line {
            continue;
        }
        let diagnostic = convert::diagnostic(f, uri, &lines);
        let action = |title: String, edits: Vec<TextEdit>, preferred: bool| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), edits)])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: preferred.then_some(true),
                ..CodeAction::default()
            })
        };
        if let Some(fix) = &f.fix {
            let edits =
                fix.edits.iter().map(|e| TextEdit { range: lines.range(&e.location), new_text: e.replacement.clone() });
            out.push(action(format!("{} ({})", fix.message, f.code), edits.collect(), true));
        }
        out.push(action(
            format!("Allow {} {} on this line", f.code, f.name),
            vec![allow_line(f, &lines, newline)],
            false,
        ));
        out.push(action(
            format!("Allow {} {} in this file", f.code, f.name),
            vec![allow_file(f, &lines, newline)],
            false,
        ));
    }
    out
}

/// `// maplint: allow(CODE) -- reason` at the end of the finding's line, or, when that
/// line already ends in a comment, on a line of its own above it.
fn allow_line(f: &Finding, lines: &Lines, newline: &str) -> TextEdit {
    let line = f.location.line;
    let text = lines.line(line);
    let comment = format!("// maplint: allow({}) -- reason", f.code);
    if !text.contains("//") && !text.contains("/*") {
        let end = lines.line_end(line);
        return TextEdit { range: Range { start: end, end }, new_text: format!(" {comment}") };
    }
    let indent: String = text.chars().take_while(|c| c.is_whitespace()).collect();
    let start = Position { line: line.saturating_sub(1), character: 0 };
    TextEdit { range: Range { start, end: start }, new_text: format!("{indent}{comment}{newline}") }
}

/// `// maplint: allow-file(CODE) -- reason` as the file's first line (after a `#!` line).
fn allow_file(f: &Finding, lines: &Lines, newline: &str) -> TextEdit {
    let first = lines.line(1);
    let line = u32::from(first.starts_with("#!") && !first.starts_with("#!["));
    let start = Position { line, character: 0 };
    TextEdit {
        range: Range { start, end: start },
        new_text: format!("// maplint: allow-file({}) -- reason{newline}", f.code),
    }
}

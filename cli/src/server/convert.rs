//! Findings as LSP diagnostics: ranges in UTF-16 code units (the protocol's default
//! position encoding), the rule code with a link to its documentation, `source:
//! "maplint"`, the `help:` line, and the labels as related information.

use lint_core::finding::Location;
use lint_core::{Finding, Level};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Position, Range, Url,
};

/// Where a rule's documentation lives: `docs/rules/MLxxx.md` of the repository, rendered
/// from the rule's metadata (the same text as `maplint --explain MLxxx`).
pub fn rule_url(code: &str) -> String {
    format!("{}/blob/main/docs/rules/{code}.md", env!("CARGO_PKG_REPOSITORY"))
}

/// The lines of a text, for position conversion.
pub struct Lines<'t> {
    lines: Vec<&'t str>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Lines { lines: text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect() }
    }

    /// The text of a 1-based line ("" past the end).
    pub fn line(&self, line: u32) -> &'t str {
        self.lines.get(line.saturating_sub(1) as usize).copied().unwrap_or("")
    }

    /// A 1-based line and 1-based character column as an LSP position.
    pub fn position(&self, line: u32, column: u32) -> Position {
        let text = self.line(line);
        let character: usize = text.chars().take(column.saturating_sub(1) as usize).map(char::len_utf16).sum();
        Position { line: line.saturating_sub(1), character: character as u32 }
    }

    /// The end of a 1-based line.
    pub fn line_end(&self, line: u32) -> Position {
        let character: usize = self.line(line).chars().map(char::len_utf16).sum();
        Position { line: line.saturating_sub(1), character: character as u32 }
    }

    pub fn range(&self, l: &Location) -> Range {
        Range { start: self.position(l.line, l.column), end: self.position(l.end_line, l.end_column) }
    }
}

/// One finding of the document `uri` whose text is `lines`.
pub fn diagnostic(f: &Finding, uri: &Url, lines: &Lines) -> Diagnostic {
    let severity = match f.level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warning => DiagnosticSeverity::WARNING,
        Level::Note => DiagnosticSeverity::INFORMATION,
    };
    let related: Vec<DiagnosticRelatedInformation> = f
        .labels
        .iter()
        .map(|l| DiagnosticRelatedInformation {
            location: lsp_types::Location { uri: uri.clone(), range: lines.range(&l.location) },
            message: l.message.clone(),
        })
        .collect();
    let message = if f.help.is_empty() { f.message.clone() } else { format!("{}\nhelp: {}", f.message, f.help) };
    Diagnostic {
        range: lines.range(&f.location),
        severity: Some(severity),
        code: Some(NumberOrString::String(f.code.to_string())),
        code_description: Url::parse(&rule_url(f.code)).ok().map(|href| CodeDescription { href }),
        source: Some("maplint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// A malformed suppression comment, shown on its line.
pub fn malformed(line: u32, what: &str, lines: &Lines) -> Diagnostic {
    Diagnostic {
        range: Range { start: lines.position(line, 1), end: lines.line_end(line) },
        severity: Some(DiagnosticSeverity::WARNING),
        source: Some("maplint".to_string()),
        message: format!("malformed suppression comment: {what}"),
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_counted_in_utf16_code_units() {
        let lines = Lines::new("\u{feff}let é = 1;\r\nlet 𝕊 = m.get(&k);\n");
        assert_eq!(lines.position(1, 6), Position { line: 0, character: 5 });
        // 𝕊 is one character, two UTF-16 code units.
        assert_eq!(lines.position(2, 7), Position { line: 1, character: 7 });
        assert_eq!(lines.line_end(1), Position { line: 0, character: 10 });
        assert_eq!(lines.line(3), "");
        assert_eq!(lines.position(9, 4), Position { line: 8, character: 0 });
    }

    #[test]
    fn rule_links_point_to_the_rule_documents() {
        assert_eq!(rule_url("ML002"), "https://github.com/maplint/maplint/blob/main/docs/rules/ML002.md");
    }
}

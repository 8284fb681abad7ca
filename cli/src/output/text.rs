//! `--format text`: rustc-like diagnostics rendered by codespan-reporting, then the
//! summary line.

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};

use lint_core::{Level, Report};

fn severity(l: Level) -> Severity {
    match l {
        Level::Error => Severity::Error,
        Level::Warning => Severity::Warning,
        Level::Note => Severity::Note,
    }
}

/// Writes every finding and the summary line.
pub fn render(report: &Report, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut ids = std::collections::BTreeMap::new();
    for (path, text) in &report.sources {
        ids.insert(path.as_str(), files.add(path.as_str(), text.as_str()));
    }
    let config = term::Config::default();
    for f in &report.findings {
        let Some(&id) = ids.get(f.path.as_str()) else { continue };
        let mut labels = vec![Label::primary(id, f.location.byte_start..f.location.byte_end)];
        for l in &f.labels {
            labels.push(Label::secondary(id, l.location.byte_start..l.location.byte_end).with_message(&l.message));
        }
        let mut notes = vec![format!("help: {}", f.help)];
        if let Some(fix) = &f.fix {
            notes.push(format!("fix: {}", fix.message));
        }
        notes.push(format!("{} {}: see `maplint --explain {}`", f.code, f.name, f.code));
        let d = Diagnostic::new(severity(f.level))
            .with_code(f.code)
            .with_message(&f.message)
            .with_labels(labels)
            .with_notes(notes);
        term::emit(out, &config, &files, &d).map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    writeln!(out, "{}", super::summary_line(report))
}

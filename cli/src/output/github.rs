//! `--format github`: GitHub Actions workflow commands, one per finding, which the runner
//! turns into annotations on the pull request's changed lines:
//! `::warning file=P,line=L,col=C,endLine=..,endColumn=..,title=ML001 unbounded-growth::message`.
//! Skipped files become warnings too, so they are not lost in the log.

use std::fmt::Write;

use lint_core::{Level, Report};

fn command(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "notice",
    }
}

/// Escapes a command's message: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,` which separate properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let l = &f.location;
        let mut props = format!("file={},line={}", escape_property(&f.path), l.line);
        // Columns are meaningful to GitHub only when the annotation is on one line.
        if l.line == l.end_line {
            let _ = write!(props, ",col={},endLine={},endColumn={}", l.column, l.end_line, l.end_column);
        } else {
            let _ = write!(props, ",endLine={}", l.end_line);
        }
        let title = format!("{} {}", f.code, f.name);
        let mut message = f.message.clone();
        for note in &f.notes {
            message.push_str("\nnote: ");
            message.push_str(note);
        }
        if !f.help.is_empty() {
            message.push_str("\nhelp: ");
            message.push_str(&f.help);
        }
        let _ = writeln!(
            out,
            "::{} {},title={}::{}",
            command(f.level),
            props,
            escape_property(&title),
            escape_data(&message)
        );
    }
    for s in &report.skipped {
        let (file, what) = if s.path.is_empty() {
            (String::new(), format!("skipped: {}", s.reason))
        } else {
            (format!("file={},", escape_property(&s.path)), format!("skipped {}: {}", s.path, s.reason))
        };
        let _ = writeln!(out, "::warning {file}title=maplint skipped a file::{}", escape_data(&what));
    }
    out
}

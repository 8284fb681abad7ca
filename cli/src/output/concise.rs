//! `--format concise`: `path:line:col: level CODE message`, one finding per line.

use std::fmt::Write;

use lint_core::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            f.path,
            f.location.line,
            f.location.column,
            f.level.as_str(),
            f.code,
            f.message
        );
    }
    out
}

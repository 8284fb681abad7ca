//! `--format text`: rustc-like diagnostics rendered by codespan-reporting, then the
//! summary line.

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};

use lint_core::finding::Measure;
use lint_core::{Finding, Level, Report};

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
        term::emit(out, &config, &files, &diagnostic(f, id)).map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    writeln!(out, "{}", super::summary_line(report))
}

/// One finding as the text format shows it, without colour (rustc JSON's `rendered`).
pub fn render_finding(f: &Finding, source: &str) -> String {
    let mut files = SimpleFiles::new();
    let id = files.add(f.path.as_str(), source);
    let mut buf = Buffer::no_color();
    match term::emit(&mut buf, &term::Config::default(), &files, &diagnostic(f, id)) {
        Ok(()) => String::from_utf8_lossy(buf.as_slice()).into_owned(),
        Err(_) => format!("{}[{}]: {}\n", f.level.as_str(), f.code, f.message),
    }
}

fn diagnostic(f: &Finding, id: usize) -> Diagnostic<usize> {
    let mut labels = vec![Label::primary(id, f.location.byte_start..f.location.byte_end)];
    for l in &f.labels {
        labels.push(Label::secondary(id, l.location.byte_start..l.location.byte_end).with_message(&l.message));
    }
    let mut notes: Vec<String> = f.profile.iter().map(profile_note).collect();
    notes.extend(f.notes.iter().map(|n| format!("note: {n}")));
    notes.push(format!("help: {}", f.help));
    if let Some(fix) = &f.fix {
        notes.push(format!("fix: {}", fix.message));
    }
    notes.push(format!("{} {}: see `maplint --explain {}`", f.code, f.name, f.code));
    Diagnostic::new(severity(f.level)).with_code(f.code).with_message(&f.message).with_labels(labels).with_notes(notes)
}

/// `profile: 12.4 MB in 100,000 allocations at these sites`, then each site's share when
/// there are several.
pub fn profile_note(m: &Measure) -> String {
    let mut note = format!("profile: {} at these sites", amount(m.bytes, m.blocks));
    if m.sites.len() > 1 {
        for s in &m.sites {
            note.push_str(&format!("\n  {}:{}: {}", s.path, s.line, amount(s.bytes, s.blocks)));
        }
    }
    note
}

/// `12.4 MB in 100,000 allocations`, or `12.4 MB` when blocks are not counted.
fn amount(bytes: u64, blocks: Option<u64>) -> String {
    match blocks {
        Some(1) => format!("{} in 1 allocation", size(bytes)),
        Some(n) => format!("{} in {} allocations", size(bytes), thousands(n)),
        None => size(bytes),
    }
}

/// Bytes in decimal units: `512 B`, `1.5 kB`, `12.4 MB`, `3.0 GB`.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// `100,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod profile_tests {
    use lint_core::finding::{Measure, SiteMeasure};

    use super::{profile_note, size, thousands};

    fn site(line: u32, bytes: u64, blocks: Option<u64>) -> SiteMeasure {
        SiteMeasure { path: "src/a.rs".to_string(), line, bytes, blocks }
    }

    #[test]
    fn sizes_and_counts_read_like_a_profiler_s() {
        let sizes: Vec<String> = [0, 999, 1000, 12_449, 999_949, 999_950, 12_400_000, 3_000_000_000].map(size).into();
        assert_eq!(sizes, ["0 B", "999 B", "1.0 kB", "12.4 kB", "999.9 kB", "1.0 MB", "12.4 MB", "3.0 GB"]);
        let counts: Vec<String> = [0, 7, 999, 1000, 100_000, 1_234_567].map(thousands).into();
        assert_eq!(counts, ["0", "7", "999", "1,000", "100,000", "1,234,567"]);
    }

    #[test]
    fn the_note_lists_each_site_when_there_are_several() {
        let one = Measure { bytes: 12_400_000, blocks: Some(100_000), sites: vec![site(3, 12_400_000, Some(100_000))] };
        assert_eq!(profile_note(&one), "profile: 12.4 MB in 100,000 allocations at these sites");
        let two =
            Measure { bytes: 2_500, blocks: Some(3), sites: vec![site(9, 2_000, Some(2)), site(4, 1_000, Some(1))] };
        assert_eq!(
            profile_note(&two),
            "profile: 2.5 kB in 3 allocations at these sites\n  src/a.rs:9: 2.0 kB in 2 allocations\n  \
             src/a.rs:4: 1.0 kB in 1 allocation"
        );
        let bytes_only = Measure { bytes: 512, blocks: None, sites: vec![site(1, 512, None)] };
        assert_eq!(profile_note(&bytes_only), "profile: 512 B at these sites");
    }
}

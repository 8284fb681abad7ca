//! A finding resolved for output: rule metadata applied, positions given as lines,
//! character columns and byte offsets, and a fingerprint stable under unrelated edits.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Level, Span};
use crate::rule::RuleMeta;
use crate::source::SourceText;

/// A span resolved against its file's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
    pub end_line: u32,
    /// 1-based, exclusive, in characters.
    pub end_column: u32,
    /// Byte offsets in the file (without a byte-order mark).
    pub byte_start: usize,
    pub byte_end: usize,
    /// 1-based UTF-8 byte columns.
    pub byte_column: usize,
    pub end_byte_column: usize,
}

impl Location {
    pub fn resolve(span: Span, src: &SourceText) -> Location {
        Location {
            line: span.start.line,
            column: span.start.column,
            end_line: span.end.line,
            end_column: span.end.column,
            byte_start: src.offset(span.start),
            byte_end: src.offset(span.end),
            byte_column: src.byte_column(span.start),
            end_byte_column: src.byte_column(span.end),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FoundLabel {
    pub message: String,
    pub location: Location,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FoundEdit {
    pub location: Location,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FoundFix {
    pub message: String,
    pub edits: Vec<FoundEdit>,
}

/// An allocation site of a finding, as whole lines: the lines `line..=end_line` of `path`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FoundSite {
    pub path: String,
    pub line: u32,
    pub end_line: u32,
}

/// What a heap profile measured at a finding's sites. Each allocation point (stack) of
/// the profile counts once for the finding, and once for each site it reaches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Measure {
    pub bytes: u64,
    /// `None` when the profile counts bytes only.
    pub blocks: Option<u64>,
    /// The sites that were reached, most bytes first.
    pub sites: Vec<SiteMeasure>,
}

/// What a heap profile measured at one site of a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SiteMeasure {
    pub path: String,
    pub line: u32,
    pub bytes: u64,
    pub blocks: Option<u64>,
}

/// One reported finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub name: &'static str,
    pub level: Level,
    pub message: String,
    pub help: String,
    /// Relative to the current directory, `/`-separated.
    pub path: String,
    pub location: Location,
    pub labels: Vec<FoundLabel>,
    /// Why it costs, and evidence that does not fit the one-line message.
    pub notes: Vec<String>,
    pub fix: Option<FoundFix>,
    pub fingerprint: String,
    /// Where its memory is allocated: the rule's sites, else the primary span and the
    /// labels.
    pub sites: Vec<FoundSite>,
    /// Filled from a heap profile (`--profile`); `None` without one or without a match.
    pub profile: Option<Measure>,
}

impl Finding {
    pub fn resolve(d: Diagnostic, meta: &'static RuleMeta, level: Level, path: &str, src: &SourceText) -> Finding {
        let location = Location::resolve(d.span, src);
        let fingerprint = fingerprint(meta.code, path, src, d.span.start.line);
        let sites = found_sites(&d, path);
        Finding {
            code: meta.code,
            name: meta.name,
            level,
            message: d.message,
            help: d.help,
            path: path.to_string(),
            location,
            labels: d
                .labels
                .into_iter()
                .map(|l| FoundLabel { message: l.message, location: Location::resolve(l.span, src) })
                .collect(),
            notes: d.notes,
            fix: d.fix.map(|f| FoundFix {
                message: f.message,
                edits: f
                    .edits
                    .into_iter()
                    .map(|e| FoundEdit { location: Location::resolve(e.span, src), replacement: e.replacement })
                    .collect(),
            }),
            fingerprint,
            sites,
            profile: None,
        }
    }

    /// The key findings are sorted by: path, line, column, code.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (&self.path, self.location.line, self.location.column, self.code, &self.message)
    }
}

/// A diagnostic's allocation sites as whole lines, in order and without repeats: its own
/// sites, else its primary span and its labels.
fn found_sites(d: &Diagnostic, path: &str) -> Vec<FoundSite> {
    let own = d.sites.iter().map(|s| (s.path.as_deref().unwrap_or(path), s.span));
    let fallback = std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)).map(|span| (path, span));
    let spans: Vec<(&str, Span)> = if d.sites.is_empty() { fallback.collect() } else { own.collect() };
    let mut out: Vec<FoundSite> = Vec::with_capacity(spans.len());
    for (p, span) in spans {
        let site =
            FoundSite { path: p.to_string(), line: span.start.line, end_line: span.end.line.max(span.start.line) };
        if !out.contains(&site) {
            out.push(site);
        }
    }
    out
}

/// A hash of the code, the path, the trimmed text of the primary line and its occurrence
/// index among equal lines of the file: stable when unrelated lines are added above.
pub fn fingerprint(code: &str, path: &str, src: &SourceText, line: u32) -> String {
    let text = src.line(line).trim();
    let occurrence = src.equal_lines_before(line);
    let mut h = Fnv::default();
    for part in [code.as_bytes(), path.as_bytes(), text.as_bytes(), occurrence.to_string().as_bytes()] {
        h.write(part);
        h.write(&[0]);
    }
    format!("{:016x}", h.0)
}

/// 64-bit FNV-1a: small, stable across platforms and releases.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

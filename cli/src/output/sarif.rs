//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning (SPEC §6). One run; the driver
//! lists every rule that ran; results carry relative `%SRCROOT%` URIs, character-column
//! regions, related locations linked from the message, fingerprints and fixes; skipped
//! files are tool execution notifications.

mod linehash;
mod model;
pub mod uri;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use lint_core::finding::Location;
use lint_core::{Finding, Level, Report, RuleMeta};

use super::{rule_url, unique_fingerprints, HOME};
use model::{
    ArtifactChange, ArtifactLocation, Configuration, Driver, Fix, Help, Id, Invocation, Log, Notification,
    PhysicalLocation, Region, RelatedLocation, Replacement, ResultProperties, Rule, RuleProperties, Run, SarifLocation,
    SarifResult, Text, Tool, Uri,
};
use uri::{artifact, directory_uri};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
/// maplint's own fingerprint in `partialFingerprints` (GitHub reads only
/// `primaryLocationLineHash`; this one also survives re-indenting the line).
const FINGERPRINT_KEY: &str = "maplint/v1";
/// GitHub's limit on `fullDescription.text`.
const MAX_DESCRIPTION: usize = 1024;
/// GitHub rejects a run with more results than this.
const MAX_RESULTS: usize = 25_000;

/// The SARIF log of a run; `srcroot` is the directory finding paths are relative to.
pub fn render(report: &Report, srcroot: &Path) -> String {
    let metas = rules_of(report);
    let index: HashMap<&str, usize> = metas.iter().enumerate().map(|(i, m)| (m.code, i)).collect();
    let fingerprints = unique_fingerprints(report);
    let mut line_hashes: HashMap<&str, HashMap<u32, String>> = HashMap::new();
    let kept = kept_findings(report, MAX_RESULTS);
    let mut results = Vec::with_capacity(kept.len());
    for (i, fingerprint) in fingerprints.into_iter().enumerate().filter(|(i, _)| kept.binary_search(i).is_ok()) {
        let f = &report.findings[i];
        let hashes = line_hashes
            .entry(f.path.as_str())
            .or_insert_with(|| report.sources.get(&f.path).map(|t| linehash::line_hashes(t)).unwrap_or_default());
        let mut r = result(f, index.get(f.code).copied().unwrap_or(0), fingerprint, hashes);
        if report.profile.is_some() {
            r.properties = Some(ResultProperties { profile: f.profile.clone() });
        }
        results.push(r);
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "maplint",
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: HOME,
                    rules: metas.iter().map(|m| rule(m)).collect(),
                },
            },
            automation_details: Id { id: "maplint/" },
            original_uri_base_ids: BTreeMap::from([(SRCROOT, Uri { uri: directory_uri(srcroot) })]),
            column_kind: "unicodeCodePoints",
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications(report, report.findings.len() - kept.len()),
            }],
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

/// The indices of the findings to report, in order: all of them, or the most severe
/// `max` when there are more.
pub fn kept_findings(report: &Report, max: usize) -> Vec<usize> {
    let mut kept: Vec<usize> = (0..report.findings.len()).collect();
    if kept.len() > max {
        kept.sort_by_key(|&i| std::cmp::Reverse(report.findings[i].level));
        kept.truncate(max);
        kept.sort_unstable();
    }
    kept
}

/// The rules that ran, plus any rule a finding names that the report does not list.
fn rules_of(report: &Report) -> Vec<&'static RuleMeta> {
    let mut metas = report.rules.clone();
    for f in &report.findings {
        if !metas.iter().any(|m| m.code == f.code) {
            if let Some(r) = rules::ALL.iter().find(|r| r.meta().code == f.code) {
                metas.push(r.meta());
            }
        }
    }
    metas
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

fn rule(m: &'static RuleMeta) -> Rule {
    Rule {
        id: m.code,
        name: m.name,
        short_description: Text { text: m.summary.to_string() },
        full_description: Text { text: full_description(m) },
        help: Help { text: help_text(m), markdown: help_text(m) },
        help_uri: rule_url(m.code),
        default_configuration: Configuration { level: level(m.level) },
        properties: RuleProperties {
            tags: vec!["maplint", "memory", m.group.as_str()],
            precision: m.precision,
            problem_severity: match m.level {
                Level::Error => "error",
                Level::Warning => "warning",
                Level::Note => "recommendation",
            },
        },
    }
}

/// The explanation (Markdown reads as text too), or the summary if there is none.
fn help_text(m: &RuleMeta) -> String {
    let text = m.explanation.trim();
    if text.is_empty() {
        m.summary.to_string()
    } else {
        text.to_string()
    }
}

/// The first paragraph of the explanation (its "What it flags" section), as one line of
/// text within GitHub's 1024 characters; the summary when there is none.
pub fn full_description(m: &RuleMeta) -> String {
    let paragraph: Vec<&str> = m
        .explanation
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty() || l.starts_with('#'))
        .take_while(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("```"))
        .collect();
    let text = paragraph.join(" ");
    if text.is_empty() {
        return m.summary.to_string();
    }
    if text.chars().count() <= MAX_DESCRIPTION {
        return text;
    }
    let cut: String = text.chars().take(MAX_DESCRIPTION - 1).collect();
    match cut.rfind(". ") {
        Some(i) => cut[..=i].to_string(),
        None => format!("{}…", cut.trim_end()),
    }
}

fn region(l: &Location) -> Region {
    Region { start_line: l.line, start_column: l.column, end_line: l.end_line, end_column: l.end_column }
}

fn physical(artifact: &ArtifactLocation, l: &Location) -> PhysicalLocation {
    PhysicalLocation { artifact_location: artifact.clone(), region: Some(region(l)) }
}

fn result(f: &Finding, rule_index: usize, fingerprint: String, hashes: &HashMap<u32, String>) -> SarifResult {
    let artifact = artifact(&f.path);
    let related_locations: Vec<RelatedLocation> = f
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| RelatedLocation {
            id: i + 1,
            message: Text { text: l.message.clone() },
            physical_location: physical(&artifact, &l.location),
        })
        .collect();
    let mut partial_fingerprints = BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]);
    // The action hashes the file as it is on disk; maplint's copy has lost a byte-order
    // mark if there was one, which only changes the first line's hash: leave that one to
    // the action.
    if f.location.line > 1 {
        if let Some(h) = hashes.get(&f.location.line) {
            partial_fingerprints.insert("primaryLocationLineHash", h.clone());
        }
    }
    let fixes = f
        .fix
        .iter()
        .map(|x| Fix {
            description: Text { text: x.message.clone() },
            artifact_changes: vec![ArtifactChange {
                artifact_location: artifact.clone(),
                replacements: x
                    .edits
                    .iter()
                    .map(|e| Replacement {
                        deleted_region: region(&e.location),
                        inserted_content: Text { text: e.replacement.clone() },
                    })
                    .collect(),
            }],
        })
        .collect();
    SarifResult {
        rule_id: f.code,
        rule_index,
        level: level(f.level),
        message: Text { text: message(f) },
        locations: vec![SarifLocation { physical_location: physical(&artifact, &f.location) }],
        related_locations,
        partial_fingerprints,
        fixes,
        properties: None,
    }
}

/// The message, its secondary labels as links to the related locations (GitHub links
/// only those the message embeds), then the help.
fn message(f: &Finding) -> String {
    let mut text = f.message.clone();
    if !f.labels.is_empty() {
        let links: Vec<String> = f
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| format!("[{}]({})", escape_link_text(&l.message), i + 1))
            .collect();
        text.push_str(&format!(" (see {})", links.join(", ")));
    }
    for note in &f.notes {
        text.push_str("\nnote: ");
        text.push_str(note);
    }
    if !f.help.is_empty() {
        text.push_str("\nhelp: ");
        text.push_str(&f.help);
    }
    text
}

fn escape_link_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn notifications(report: &Report, omitted: usize) -> Vec<Notification> {
    let skipped = report.skipped.iter().map(|s| Notification {
        level: "warning",
        message: Text {
            text: if s.path.is_empty() {
                format!("skipped: {}", s.reason)
            } else {
                format!("skipped {}: {}", s.path, s.reason)
            },
        },
        locations: if s.path.is_empty() {
            Vec::new()
        } else {
            vec![SarifLocation {
                physical_location: PhysicalLocation { artifact_location: artifact(&s.path), region: None },
            }]
        },
    });
    let warnings = report.warnings.iter().map(|w| Notification {
        level: "warning",
        message: Text { text: w.clone() },
        locations: Vec::new(),
    });
    let omitted = (omitted > 0).then(|| Notification {
        level: "warning",
        message: Text {
            text: format!(
                "{omitted} less severe findings left out: GitHub code scanning accepts at most {MAX_RESULTS} results per run"
            ),
        },
        locations: Vec::new(),
    });
    skipped.chain(warnings).chain(omitted).collect()
}

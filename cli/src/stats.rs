//! `--statistics`: the number of findings per rule, most frequent first, then a total.

use std::collections::BTreeMap;

use lint_core::Finding;

/// `(count, code, name)` per rule with findings: most first, then by code.
pub fn counts(findings: &[Finding]) -> Vec<(usize, &'static str, &'static str)> {
    let mut by_code: BTreeMap<&'static str, (usize, &'static str)> = BTreeMap::new();
    for f in findings {
        by_code.entry(f.code).or_insert((0, f.name)).0 += 1;
    }
    let mut rows: Vec<_> = by_code.into_iter().map(|(code, (n, name))| (n, code, name)).collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    rows
}

/// `COUNT CODE name` lines with right-aligned counts, then `TOTAL total`.
pub fn render_text(findings: &[Finding]) -> String {
    let width = findings.len().to_string().len();
    let mut out = String::new();
    for (n, code, name) in counts(findings) {
        out.push_str(&format!("{n:>width$} {code} {name}\n"));
    }
    out.push_str(&format!("{:>width$} total\n", findings.len()));
    out
}

/// The same counts as one JSON document, for `--format json`.
pub fn render_json(findings: &[Finding]) -> String {
    let rules: Vec<_> = counts(findings)
        .into_iter()
        .map(|(count, code, name)| serde_json::json!({ "code": code, "name": name, "count": count }))
        .collect();
    let doc = serde_json::json!({ "statistics": rules, "total": findings.len() });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

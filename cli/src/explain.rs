//! The rule documentation commands, all rendered from each rule's `RuleMeta`: `--explain
//! CODE`, `--list-rules`, and the README rules table (kept in sync by a test).

use lint_core::{Rule, RuleMeta};

// The README table is rendered only by the test that keeps README.md in sync
// (cli/tests/config.rs includes this file), so the binary does not use these items.

/// The markers around the generated table in README.md.
#[allow(dead_code)]
pub const TABLE_START: &str = "<!-- rules-table:start -->";
#[allow(dead_code)]
pub const TABLE_END: &str = "<!-- rules-table:end -->";

/// A rule's metadata by code (any case) or kebab-case name.
pub fn find(word: &str, rules: &[&'static dyn Rule]) -> Option<&'static RuleMeta> {
    let w = word.trim();
    rules.iter().map(|r| r.meta()).find(|m| m.code.eq_ignore_ascii_case(w) || m.name == w)
}

/// `--explain CODE`: the rule's code, name, level, group, summary and documentation.
pub fn explain(word: &str, rules: &[&'static dyn Rule]) -> Result<String, String> {
    let m = find(word, rules).ok_or_else(|| format!("unknown rule `{}` (see --list-rules)", word.trim()))?;
    let mut out = format!("# {} {}\n\n", m.code, m.name);
    out.push_str(&format!("Level: {}. Group: {}", m.level.as_str(), m.group.as_str()));
    out.push_str(match m.group {
        lint_core::Group::Default => " (runs unless deselected).\n\n",
        lint_core::Group::Pedantic => " (runs only when selected).\n\n",
    });
    let explanation = m.explanation.trim();
    if explanation != m.summary.trim() {
        out.push_str(m.summary.trim());
        out.push_str("\n\n");
    }
    out.push_str(explanation);
    out.push('\n');
    Ok(out)
}

/// `--list-rules`: one aligned line per rule.
pub fn list_rules(rules: &[&'static dyn Rule]) -> String {
    let header = ["code", "name", "level", "group", "summary"];
    let rows: Vec<[&str; 5]> = rules
        .iter()
        .map(|r| r.meta())
        .map(|m| [m.code, m.name, m.level.as_str(), m.group.as_str(), m.summary])
        .collect();
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The README rules table, markers excluded.
#[allow(dead_code)]
pub fn readme_table(rules: &[&'static dyn Rule]) -> String {
    let mut out = String::from("| code | name | level | group | what it flags |\n");
    out.push_str("|------|------|-------|-------|---------------|\n");
    for m in rules.iter().map(|r| r.meta()) {
        let summary = m.summary.trim().replace('|', "\\|");
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            m.code,
            m.name,
            m.level.as_str(),
            m.group.as_str(),
            summary
        ));
    }
    out
}

/// The README text with the table between the markers replaced by `table`, or `None`
/// when the markers are missing or out of order.
#[allow(dead_code)]
pub fn replace_table(readme: &str, table: &str) -> Option<String> {
    let start = readme.find(TABLE_START)? + TABLE_START.len();
    let end = start + readme[start..].find(TABLE_END)?;
    Some(format!("{}\n{}{}", &readme[..start], table, &readme[end..]))
}

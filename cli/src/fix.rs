//! Machine-applicable fixes: `--fix` writes them, `--diff` shows them as a unified diff.
//!
//! Edits carry byte offsets into the text the engine read (`Report::sources`). A fix is
//! applied whole or not at all: one whose edits overlap each other, an earlier fix's
//! edits, or fall outside the text is refused. Edits are applied from the end of the
//! file backwards to the text the engine linted; `write` replaces a file only if it still
//! holds exactly those bytes (see `fix::write`).

mod write;

use std::path::Path;

pub use write::Refusal;

use lint_core::finding::FoundFix;
use lint_core::Report;

/// The fixes of one file, applied to its text in memory.
#[derive(Debug, PartialEq, Eq)]
pub struct FilePlan {
    /// The display path (relative to the current directory, or absolute).
    pub path: String,
    /// The text the engine linted (without a byte-order mark).
    pub old: String,
    pub new: String,
    /// Fixes applied, and fixes refused because their edits overlap or are invalid.
    pub applied: usize,
    pub refused: usize,
}

/// The fixes of every reported finding that has one, grouped by file; files where no
/// fix applies are left out.
pub fn plan(report: &Report) -> Vec<FilePlan> {
    let mut by_file: Vec<(&str, Vec<&FoundFix>)> = Vec::new();
    for f in &report.findings {
        let Some(fix) = &f.fix else { continue };
        match by_file.last_mut() {
            Some((path, fixes)) if *path == f.path => fixes.push(fix),
            _ => by_file.push((&f.path, vec![fix])),
        }
    }
    by_file
        .into_iter()
        .filter_map(|(path, fixes)| {
            let old = report.sources.get(path)?;
            let (new, applied) = apply(old, &fixes);
            Some(FilePlan { path: path.to_string(), old: old.clone(), new, applied, refused: fixes.len() - applied })
        })
        .filter(|p| p.applied > 0)
        .collect()
}

/// Applies the fixes that do not overlap one another, in order; returns the new text and
/// how many fixes were applied.
pub fn apply(text: &str, fixes: &[&FoundFix]) -> (String, usize) {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let mut mine: Vec<(usize, usize, &str)> =
            fix.edits.iter().map(|e| (e.location.byte_start, e.location.byte_end, e.replacement.as_str())).collect();
        mine.sort_by_key(|&(s, e, _)| (s, e));
        let valid = !mine.is_empty()
            && mine
                .iter()
                .all(|&(s, e, _)| s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e))
            && mine.windows(2).all(|w| !overlaps((w[0].0, w[0].1), (w[1].0, w[1].1)))
            && mine.iter().all(|&(s, e, _)| taken.iter().all(|&t| !overlaps((s, e), t)));
        if valid {
            taken.extend(mine.iter().map(|&(s, e, _)| (s, e)));
            edits.extend(mine);
            applied += 1;
        }
    }
    // From the end backwards, so earlier offsets stay valid.
    edits.sort_by_key(|&(s, e, _)| std::cmp::Reverse((s, e)));
    let mut out = text.to_string();
    for (s, e, replacement) in edits {
        out.replace_range(s..e, replacement);
    }
    (out, applied)
}

/// Two ranges conflict when they share a byte, or when both insert at the same offset
/// (their order would be arbitrary).
fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    (a.0 < b.1 && b.0 < a.1)
        || a == b
        || (a.0 == a.1 && b.0 <= a.0 && a.0 < b.1)
        || (b.0 == b.1 && a.0 <= b.0 && b.0 < a.1)
}

/// A planned file that was not written, and why.
#[derive(Debug, PartialEq, Eq)]
pub struct NotWritten {
    pub path: String,
    pub why: Refusal,
}

impl std::fmt::Display for NotWritten {
    /// The warning: `PATH changed during the run; not fixed`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.why {
            Refusal::Changed => write!(f, "{} changed during the run; not fixed", self.path),
            Refusal::ReadOnly => write!(f, "{} is read-only; not fixed", self.path),
            Refusal::Io(reason) => write!(f, "{}: {reason}; not fixed", self.path),
        }
    }
}

/// Writes each planned file whose bytes are still the bytes the engine linted.
pub fn write(plans: &[FilePlan]) -> Vec<Result<&FilePlan, NotWritten>> {
    plans
        .iter()
        .map(|p| {
            write::replace(Path::new(&p.path), &p.old, &p.new)
                .map(|()| p)
                .map_err(|why| NotWritten { path: p.path.clone(), why })
        })
        .collect()
}

/// A unified diff of every planned file, `a/` and `b/` prefixed like git's.
pub fn diff(plans: &[FilePlan]) -> String {
    let mut out = String::new();
    for p in plans {
        let d = similar::TextDiff::from_lines(&p.old, &p.new);
        let a = format!("a/{}", p.path.trim_start_matches('/'));
        let b = format!("b/{}", p.path.trim_start_matches('/'));
        out.push_str(&d.unified_diff().context_radius(3).header(&a, &b).to_string());
    }
    out
}

#[cfg(test)]
#[path = "fix_tests.rs"]
mod tests;

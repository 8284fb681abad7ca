//! Machine-applicable fixes: `--fix` writes them, `--diff` shows them as a unified diff.
//!
//! Edits carry byte offsets into the text the engine read (`Report::sources`). A fix is
//! applied whole or not at all: one whose edits overlap each other, an earlier fix's
//! edits, or fall outside the text is refused. Edits are applied from the end of the
//! file backwards; a file whose text changed since it was linted is left alone, and the
//! new text is written to a temporary file in the same directory and renamed over it.

use std::io::Write;
use std::path::Path;

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

/// Why a planned file was not written.
#[derive(Debug, PartialEq, Eq)]
pub struct NotWritten {
    pub path: String,
    pub reason: String,
}

/// Writes each planned file whose text is still the text the engine linted.
pub fn write(plans: &[FilePlan]) -> Vec<Result<&FilePlan, NotWritten>> {
    plans
        .iter()
        .map(|p| {
            write_one(Path::new(&p.path), &p.old, &p.new)
                .map(|()| p)
                .map_err(|reason| NotWritten { path: p.path.clone(), reason })
        })
        .collect()
}

fn write_one(path: &Path, old: &str, new: &str) -> Result<(), String> {
    let reason = |e: std::io::Error| lint_core::source::io_reason(&e);
    let bytes = std::fs::read(path).map_err(reason)?;
    const BOM: &[u8] = "\u{feff}".as_bytes();
    let (bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => (&[][..], &bytes[..]),
    };
    if body != old.as_bytes() {
        return Err("the file changed since it was linted".to_string());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path).map_err(reason)?.permissions();
    let mut tmp = tempfile::Builder::new().prefix(".maplint-fix").tempfile_in(dir).map_err(reason)?;
    tmp.write_all(bom).and_then(|()| tmp.write_all(new.as_bytes())).and_then(|()| tmp.flush()).map_err(reason)?;
    std::fs::set_permissions(tmp.path(), permissions).map_err(reason)?;
    tmp.persist(path).map_err(|e| reason(e.error))?;
    Ok(())
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

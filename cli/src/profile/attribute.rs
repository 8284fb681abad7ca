//! Attributing a profile's bytes to findings: every allocation point (stack) counts, once,
//! for each finding one of whose sites holds a frame of the stack, and once for each such
//! site. Findings are then ordered by those bytes, largest first; findings without a
//! sample keep their order, after the others.

use std::collections::HashMap;
use std::path::Path;

use lint_core::finding::{Measure, SiteMeasure};
use lint_core::Report;

use super::paths::{Files, Match};
use super::Profile;

/// A site longer than this many lines (a whole block) is matched on its first lines only.
const MAX_SITE_LINES: u32 = 64;

/// Attaches `profile` (read from `shown`) to the findings of `report` and orders them;
/// returns the warnings to print (no match, ambiguous paths).
pub fn attach(report: &mut Report, profile: &Profile, shown: &str, cwd: &Path) -> Vec<String> {
    let files = Files::new(&report.files, cwd);
    let mut ambiguous = Vec::new();
    let resolved: Vec<Option<usize>> = profile
        .files
        .iter()
        .map(|p| match files.find(p) {
            Match::File(i) => Some(i),
            Match::Ambiguous => {
                ambiguous.push(p.as_str());
                None
            }
            Match::None => None,
        })
        .collect();

    // (linted file, line) -> (finding, site) pairs whose site holds that line.
    let file_index: HashMap<&str, usize> = report.files.iter().enumerate().map(|(i, f)| (f.as_str(), i)).collect();
    let mut at: HashMap<(usize, u32), Vec<(usize, usize)>> = HashMap::new();
    for (fi, f) in report.findings.iter().enumerate() {
        for (si, s) in f.sites.iter().enumerate() {
            let Some(&file) = file_index.get(s.path.as_str()) else { continue };
            for line in s.line..=s.end_line.min(s.line.saturating_add(MAX_SITE_LINES - 1)) {
                at.entry((file, line)).or_default().push((fi, si));
            }
        }
    }

    let mut totals: Vec<Option<(u64, u64)>> = vec![None; report.findings.len()];
    let mut per_site: HashMap<(usize, usize), (u64, u64)> = HashMap::new();
    let mut matched_frames = false;
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for stack in &profile.stacks {
        hits.clear();
        for &(file, line) in &stack.frames {
            let Some(linted) = resolved[file as usize] else { continue };
            matched_frames = true;
            if let Some(pairs) = at.get(&(linted, line)) {
                hits.extend_from_slice(pairs);
            }
        }
        hits.sort_unstable();
        hits.dedup();
        let mut last = None;
        for &(fi, si) in &hits {
            let site = per_site.entry((fi, si)).or_default();
            add(site, stack.bytes, stack.blocks);
            if last != Some(fi) {
                add(totals[fi].get_or_insert((0, 0)), stack.bytes, stack.blocks);
                last = Some(fi);
            }
        }
    }

    for (fi, f) in report.findings.iter_mut().enumerate() {
        let Some((bytes, blocks)) = totals[fi] else { continue };
        let blocks_if = |n: u64| profile.counts_blocks.then_some(n);
        let mut sites: Vec<SiteMeasure> = f
            .sites
            .iter()
            .enumerate()
            .filter_map(|(si, s)| {
                let &(b, k) = per_site.get(&(fi, si))?;
                Some(SiteMeasure { path: s.path.clone(), line: s.line, bytes: b, blocks: blocks_if(k) })
            })
            .collect();
        sites.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| (&a.path, a.line).cmp(&(&b.path, b.line))));
        f.profile = Some(Measure { bytes, blocks: blocks_if(blocks), sites });
    }
    report.findings.sort_by_key(|f| match &f.profile {
        Some(m) => (false, std::cmp::Reverse(m.bytes)),
        None => (true, std::cmp::Reverse(0)),
    });
    report.profile = Some(shown.to_string());
    warnings(report, profile, shown, matched_frames, &ambiguous)
}

fn add(to: &mut (u64, u64), bytes: u64, blocks: u64) {
    to.0 = to.0.saturating_add(bytes);
    to.1 = to.1.saturating_add(blocks);
}

/// Why nothing matched, when nothing did; ambiguous paths.
fn warnings(report: &Report, profile: &Profile, shown: &str, matched_frames: bool, ambiguous: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(first) = ambiguous.first() {
        out.push(format!(
            "{shown}: {} source {} of the profile match several linted files equally well and {} ignored (`{first}`)",
            ambiguous.len(),
            if ambiguous.len() == 1 { "file" } else { "files" },
            if ambiguous.len() == 1 { "is" } else { "are" },
        ));
    }
    if report.findings.iter().any(|f| f.profile.is_some()) || report.findings.is_empty() {
        return out;
    }
    let why = if profile.frames_seen > 0 && profile.frames_seen == profile.frames_without_line {
        "none of its frames has a source file and line: build the program with debug info (and \
         jemalloc_pprof with its `symbolize` feature)"
            .to_string()
    } else if !matched_frames {
        format!(
            "none of its {} source files is among the linted files: lint the profiled program's sources",
            profile.files.len()
        )
    } else {
        "no allocation it records is at a finding's site".to_string()
    };
    out.push(format!("{shown}: the profile matches no finding: {why}"));
    out
}

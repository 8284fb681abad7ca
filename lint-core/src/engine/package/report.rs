//! The end of a package's way: the package rules over the parsed files' facts, then the
//! findings of its reported files suppressed, filtered and resolved, with the text each
//! was linted from (what `--fix` compares the file on disk with).

use super::*;

/// The package rules over the parsed files' facts, then every finding of the package's
/// reported files suppressed, filtered and resolved.
pub(super) fn findings(sh: &Shared, root: Option<&Path>, works: &mut [Work]) -> PackageReport {
    let mut out = PackageReport::default();
    for w in works.iter().filter(|w| w.job.report) {
        let display = &w.job.display;
        let malformed = match &w.record {
            Err(reason) | Ok(FileRecord { state: FileState::Failed(reason), .. }) => {
                out.skipped.push(Skipped { path: display.clone(), reason: reason.clone() });
                continue;
            }
            Ok(FileRecord { state: FileState::Parsed { facts, .. }, .. }) => &facts.suppressions.malformed,
            Ok(FileRecord { state: FileState::Unparsed { malformed, .. }, .. }) => malformed,
        };
        out.files_scanned += 1;
        for (line, what) in malformed {
            out.warnings.push(format!("{display}:{line}: malformed suppression comment: {what}"));
        }
    }

    // Test code that depends on other files: the module tree, the package's manifest.
    let paths: Vec<(&Path, _)> = works.iter().map(|w| (w.abs.as_path(), w.facts().map(|f| &f.names))).collect();
    let tree = crate::modtree::build(root, &paths);
    let in_test: Vec<bool> =
        tree.test.iter().zip(works.iter()).map(|(t, w)| *t || sh.test_packages.is_test(root, &w.abs)).collect();
    let marked: Vec<Option<FileFacts>> = works
        .iter()
        .zip(&in_test)
        .map(|(w, &test)| {
            let mut f = w.facts().filter(|f| test && !f.in_test_file)?.clone();
            f.mark_test();
            Some(f)
        })
        .collect();
    let parsed: Vec<usize> = (0..works.len()).filter(|&i| works[i].facts().is_some()).collect();
    let mut modules = tree.module;
    let files = parsed
        .iter()
        .filter_map(|&i| {
            let w = &works[i];
            let facts = marked[i].as_ref().or(w.facts())?;
            let module = std::mem::take(&mut modules[i]);
            Some(IndexedFile { display: &w.job.display, facts, report: w.job.report, module })
        })
        .collect();
    let index = PackageIndex::new(root.map(Path::to_path_buf), files, sh.settings);
    let mut pending: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for &i in &parsed {
        let Ok(FileRecord { state: FileState::Parsed { diagnostics: Some(diags), .. }, .. }) = &works[i].record else {
            continue;
        };
        for d in diags {
            let keep = match &d.needs_hash_map {
                None => true,
                Some(name) => index.map_kind(name).is_some_and(|k| k.is_hash_based()),
            } && d.needs_types.iter().all(|n| index.answers(n));
            if keep {
                let mut d = d.clone();
                d.message = crate::semantic::fill_type_slot(&d.message, &d.needs_types, &index);
                d.in_test |= in_test[i];
                pending.entry(i).or_default().push(d);
            }
        }
    }
    for rule in sh.rules {
        let mut found = Vec::new();
        rule.check_package(&index, &mut found);
        for (k, d) in found {
            if let Some(&i) = parsed.get(k) {
                pending.entry(i).or_default().push(d);
            }
        }
    }
    drop(index);

    for (i, diags) in pending {
        let (job, Some(facts)) = (works[i].job, works[i].facts()) else { continue };
        let facts: &FileFacts = facts;
        if !job.report {
            continue;
        }
        let settings = sh.settings;
        let kept: Vec<Diagnostic> = diags
            .into_iter()
            .filter(|d| settings.include_tests || !d.in_test)
            .filter(|d| settings.is_selected(&d.code))
            .filter(|d| !facts.suppressions.allows(&d.code, d.span.start.line, d.anchor_line))
            .collect();
        if kept.is_empty() {
            continue;
        }
        let Some(src) = linted_text(sh, &mut works[i]) else {
            out.skipped.push(Skipped { path: job.display.clone(), reason: "file changed during the run".into() });
            continue;
        };
        for d in kept {
            let Some(meta) = meta_of(sh.all_rules, &d.code) else { continue };
            let level = settings.severity.get(meta.code).copied().unwrap_or(meta.level);
            out.findings.push(Finding::resolve(d, meta, level, &job.display, &src));
        }
        out.sources.insert(job.display.clone(), src.text);
    }
    out
}

/// The text a file's findings were made from: the text parsed in this run, or, for a file
/// whose findings come from the cache, the file read now if its bytes are the cached ones.
/// `None` when the file changed (or vanished) since.
fn linted_text(sh: &Shared, w: &mut Work) -> Option<SourceText> {
    let Ok(record) = &w.record else { return None };
    if let Some(src) = w.text.take() {
        return Some(src);
    }
    let src = sh.read(&w.job.path, &w.abs).ok()?;
    (xxhash_rust::xxh3::xxh3_64(src.text.as_bytes()) == record.hash).then_some(src)
}

//! Test support for package rules: run one rule over one in-memory file with given
//! settings and return the lines it reports on.

use lint_core::index::{IndexedFile, PackageIndex};
use lint_core::source::SourceText;
use lint_core::{Rule, Settings};

/// The primary lines of `rule`'s findings in `src`, analysed as one file `f.rs`.
pub(crate) fn package_rule_lines(rule: &dyn Rule, src: &str, settings: &Settings) -> Vec<u32> {
    let text = SourceText::new(src.to_string());
    let path = std::path::Path::new("f.rs");
    let (facts, _) = lint_core::engine::analyze_source(&text, path, None, &[], settings, &|_| None, false)
        .expect("the test source parses");
    let files = vec![IndexedFile { display: "f.rs", facts: &facts, report: true, module: vec![] }];
    let index = PackageIndex::new(None, files, settings);
    let mut out = Vec::new();
    rule.check_package(&index, &mut out);
    out.iter().map(|(_, d)| d.span.start.line).collect()
}

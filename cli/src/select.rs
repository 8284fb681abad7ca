//! Turning `--select`, `--extend-select` and `--ignore` words (codes, names, groups) into
//! the set of rule codes that run.

use std::collections::BTreeSet;

use lint_core::{Group, Rule};

/// The codes a word names: a code (any case), a kebab-case name, or a group.
pub fn expand(word: &str, rules: &[&'static dyn Rule]) -> Result<Vec<&'static str>, String> {
    let w = word.trim();
    let metas = rules.iter().map(|r| r.meta());
    let codes: Vec<&'static str> = match w.to_ascii_lowercase().as_str() {
        "all" => metas.map(|m| m.code).collect(),
        "default" => metas.filter(|m| m.group == Group::Default).map(|m| m.code).collect(),
        "pedantic" => metas.filter(|m| m.group == Group::Pedantic).map(|m| m.code).collect(),
        _ => metas.filter(|m| m.code.eq_ignore_ascii_case(w) || m.name == w).map(|m| m.code).collect(),
    };
    if codes.is_empty() {
        return Err(format!("unknown rule or group `{w}` (see --list-rules)"));
    }
    Ok(codes)
}

/// One layer of rule selection words: the configuration file's or the command line's.
#[derive(Clone, Copy, Debug, Default)]
pub struct Layer<'a> {
    pub select: Option<&'a [String]>,
    pub extend: &'a [String],
    pub ignore: &'a [String],
}

fn expand_all(words: &[String], rules: &[&'static dyn Rule]) -> Result<Vec<&'static str>, String> {
    let mut out = Vec::new();
    for w in words.iter().filter(|w| !w.trim().is_empty()) {
        out.extend(expand(w, rules)?);
    }
    Ok(out)
}

/// The selected codes. The file layer applies to the default group (`select` replaces
/// it, `extend-select` adds, `ignore` removes); then the command line: `--select`
/// replaces the file's `select` and `extend-select`, the file's `ignore` still applies
/// except to rules the command line names by code or name, `--extend-select` adds and
/// `--ignore` removes.
pub fn selection(
    file: Option<Layer<'_>>,
    cli: Layer<'_>,
    rules: &[&'static dyn Rule],
) -> Result<BTreeSet<String>, String> {
    let file = file.unwrap_or_default();
    let default = ["default".to_string()];
    let mut set: BTreeSet<&'static str> = match (cli.select, file.select) {
        (Some(words), _) => expand_all(words, rules)?.into_iter().collect(),
        (None, file_select) => {
            let mut s: BTreeSet<_> = expand_all(file_select.unwrap_or(&default), rules)?.into_iter().collect();
            s.extend(expand_all(file.extend, rules)?);
            s
        }
    };
    // Rules the command line names one by one (not through a group) win over the file's
    // `ignore`.
    let named: BTreeSet<&'static str> = cli
        .select
        .unwrap_or_default()
        .iter()
        .chain(cli.extend)
        .filter_map(|w| lint_core::engine::resolve_rule(rules, w.trim()))
        .collect();
    for code in expand_all(file.ignore, rules)? {
        if !named.contains(code) {
            set.remove(code);
        }
    }
    set.extend(expand_all(cli.extend, rules)?);
    for code in expand_all(cli.ignore, rules)? {
        set.remove(code);
    }
    Ok(set.into_iter().map(String::from).collect())
}

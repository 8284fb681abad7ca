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

/// The selected codes: `select` (or the default group), plus `extend`, minus `ignore`.
pub fn selection(
    select: Option<&[String]>,
    extend: &[String],
    ignore: &[String],
    rules: &[&'static dyn Rule],
) -> Result<BTreeSet<String>, String> {
    let mut set = BTreeSet::new();
    let base: Vec<String> = match select {
        Some(words) => words.to_vec(),
        None => vec!["default".to_string()],
    };
    for w in base.iter().chain(extend).filter(|w| !w.trim().is_empty()) {
        set.extend(expand(w, rules)?.into_iter().map(String::from));
    }
    for w in ignore.iter().filter(|w| !w.trim().is_empty()) {
        for code in expand(w, rules)? {
            set.remove(code);
        }
    }
    Ok(set)
}

//! The textual prefilter: before a file is parsed, a scan of its bytes decides whether it
//! can produce a finding or a fact that matters for its package. Files that cannot are
//! never parsed, and contribute nothing, exactly as if they had been parsed and their
//! facts had changed no query.
//!
//! It works in rounds per package (`engine::package`). The first round parses the files
//! that hold a *seed*: a built-in map type name (`MAP_SEEDS`, which also cover the `Fx`-
//! and `A`-prefixed ones), a configured `map-types` name, or the trigger of a selected
//! local rule (`Trigger`). The facts of the parsed files give the package's names of
//! interest (`Interest`); any other file of the package that mentions, defines or
//! accesses one of them as `Matcher` says is parsed in the next round, until no file is
//! added.
//!
//! Module declarations place files in the module tree and decide which are test code: a
//! file that declares a module under `#[path = ".."]` is always parsed, and so is every
//! file that may declare the module of a parsed file (`modtree::ancestor_files`).

pub mod interest;
pub mod scan;

use aho_corasick::{AhoCorasick, MatchKind};

pub use interest::{grow, package_interest, with_declarations, Interest, MAP_SEEDS};
pub use scan::Matcher;

use crate::rule::Rule;
use crate::settings::Settings;
use scan::{in_comment_line, is_ident_byte, whole_word};

/// What a local rule needs in a file's text before it can report anything there.
#[derive(Clone, Copy)]
pub enum Trigger {
    /// Nothing: the rule may report in any file, which is therefore always parsed.
    Always,
    /// The name of a map type: built-in, configured, or a package's alias or rename of one.
    MapName,
    /// The rule's own scan of the bytes. It may say yes too often, never too rarely.
    Scan(fn(&[u8]) -> bool),
}

/// The first round's test of a file.
pub struct Seeds {
    /// Built-in and configured map type names, as substrings; `None` when no selected rule
    /// reads facts or map names.
    maps: Option<AhoCorasick>,
    scans: Vec<fn(&[u8]) -> bool>,
    /// A selected local rule may report in any file.
    always: bool,
    /// A local rule is selected: its findings may wait on declarations of other files.
    local: bool,
    /// Every file is parsed.
    all: bool,
}

impl Seeds {
    /// The seeds of the selected rules (`rules`, local and package rules).
    pub fn new(rules: &[&dyn Rule], settings: &Settings) -> Seeds {
        let mut scans = Vec::new();
        let mut always = false;
        let mut needs_maps = false;
        let mut local = false;
        for r in rules {
            if !r.is_local() {
                needs_maps = true;
                continue;
            }
            local = true;
            match r.trigger() {
                Trigger::Always => always = true,
                Trigger::MapName => needs_maps = true,
                Trigger::Scan(f) => scans.push(f),
            }
        }
        let patterns = MAP_SEEDS.iter().copied().chain(settings.map_types.iter().map(String::as_str));
        // A set the automaton cannot hold (it never happens for names) parses everything.
        // Leftmost-first semantics let the automaton use its SIMD searcher.
        let builder = |p: Vec<&str>| AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(p);
        let maps = needs_maps.then(|| builder(patterns.filter(|p| !p.is_empty()).collect()));
        match maps {
            Some(Err(_)) => Seeds { maps: None, scans, always, local, all: true },
            Some(Ok(ac)) => Seeds { maps: Some(ac), scans, always, local, all: false },
            None => Seeds { maps: None, scans, always, local, all: false },
        }
    }

    /// Whether the package's names of interest matter: some selected rule reads facts or
    /// map names, or is a local rule whose findings may ask the package about a type
    /// declared elsewhere. When not, only the first round runs.
    pub fn needs_interest(&self) -> bool {
        (self.maps.is_some() || self.local) && !self.all
    }

    /// Whether a file must be parsed in the first round. Local rules' triggers count only
    /// in files whose findings are reported.
    pub fn matches(&self, text: &[u8], report: bool) -> bool {
        if self.all || declares_path_module(text) {
            return true;
        }
        let code = |m: aho_corasick::Match| !scan::in_comment_line(text, m.start());
        if self.maps.as_ref().is_some_and(|ac| ac.find_iter(text).any(code)) {
            return true;
        }
        report && (self.always || self.scans.iter().any(|scan| scan(text)))
    }
}

/// Whether the text may declare an out-of-line module under `#[path = ".."]` (also inside
/// `cfg_attr(..)`): the word `path` followed by `=`, outside a `//` comment line.
pub fn declares_path_module(t: &[u8]) -> bool {
    let path_attr = |s: usize| {
        whole_word(t, s, s + 4)
            && !in_comment_line(t, s)
            && matches!(scan::token_after(t, s + 4).0, scan::Near::Punct(b'=') | scan::Near::Unsure)
    };
    memchr::memmem::find_iter(t, b"path").any(path_attr) && declares_module_file(t)
}

/// Whether the text may declare an out-of-line module: the word `mod`, then a name and
/// `;` (white space aside), outside a `//` comment line.
pub fn declares_module_file(t: &[u8]) -> bool {
    memchr::memmem::find_iter(t, b"mod").any(|s| {
        if !whole_word(t, s, s + 3) || in_comment_line(t, s) {
            return false;
        }
        let mut i = s + 3;
        let skip = |i: &mut usize| {
            while t.get(*i).is_some_and(|b| b.is_ascii_whitespace()) {
                *i += 1;
            }
        };
        skip(&mut i);
        let start = i;
        while t.get(i).is_some_and(|&b| is_ident_byte(b)) {
            i += 1;
        }
        if i == start {
            return false;
        }
        skip(&mut i);
        t.get(i) == Some(&b';')
    })
}

#[cfg(test)]
mod tests {
    use super::{declares_module_file, declares_path_module};

    #[test]
    fn module_declarations() {
        assert!(declares_module_file(b"#[cfg(test)]\nmod tests;\n"));
        assert!(declares_module_file(b"pub(crate) mod  a_b\n ;"));
        assert!(!declares_module_file(b"mod tests { fn f() {} }"));
        assert!(!declares_module_file(b"// mod tests;\nlet module = 1;"));
        assert!(!declares_module_file(b"fn model(); x.mod_y;"));
        assert!(declares_path_module(b"#[path = \"a_tests.rs\"]\nmod tests;"));
        assert!(declares_path_module(b"#[cfg_attr(unix, path\n= \"unix.rs\")]\nmod sys;"));
        assert!(!declares_path_module(b"mod tests;\nfn f() {}"));
        assert!(!declares_path_module(b"use std::path::Path;\nmod tests;\nfn f(path: &Path) {}"));
        assert!(!declares_path_module(b"// #[path = \"a.rs\"]\nmod tests;"));
    }
}

//! Test code as SPEC §1 defines it, as far as one item or one path shows: items under
//! `#[cfg(test)]` (also `any(test, ..)` and `all(test, ..)`, and a test feature or
//! `fuzzing` in their place), functions with a test or bench attribute, modules with a test
//! name, and files under a package's `tests/`, `benches/` and `examples/`. What depends on
//! other files (out-of-line modules, test-support packages) is decided per package in
//! `modtree` and `manifest`.
//!
//! Names are judged by words, the parts between `-` and `_`: `test_pd_client` and
//! `integration-tests` hold a test word, `attest` and `contest` do not.

use std::path::Path;

/// Names of modules that hold test code, with or without a `cfg`.
pub const TEST_MODULE_NAMES: &[&str] =
    &["test", "tests", "test_util", "test_utils", "testutil", "testutils", "test_helpers", "test_support", "testing"];

/// The words that make a package or a feature name a test one (`test_pd_client`,
/// `language-tests`, `test-utils`, `fuzzing`).
pub const TEST_WORDS: &[&str] = &["test", "tests", "testing", "testutil", "testutils", "fuzz", "fuzzing"];

/// Whether a package or feature name holds a test word (`TEST_WORDS`), case aside.
pub fn has_test_word(name: &str) -> bool {
    name.split(['-', '_']).any(|w| TEST_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t)))
}

/// Whether a package of this name is test code: its first or last word is a test word
/// (`test_pd_client`, `tests-fuzz`, `surrealql-test`, `fuzz`), or the name, `-` read as
/// `_`, is a test module name (`influxdb3_test_helpers`, `raft-test-utils`). A test word in
/// the middle (`case-test-removal`, `ab-test-service`) says what the package is about, not
/// that it is test code.
pub fn is_test_package_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(['-', '_']).collect();
    let test_word = |w: &&str| TEST_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t));
    words.first().is_some_and(test_word)
        || words.last().is_some_and(test_word)
        || is_test_module_name(&name.replace('-', "_").to_ascii_lowercase())
}

/// Whether a module of this name holds test code: one of `TEST_MODULE_NAMES`, or a name
/// whose last words are one of them but `test` (`integration_tests`, `model_testing`,
/// `raft_test_utils`). A singular `_test` is left out: it often names what a production
/// module runs (a config tool's `unit_test` command, a `self_test`, a `speed_test`),
/// while a plural, a gerund or helpers name code written for tests. `ab_testing` would be
/// taken for test code too: such a module is rare enough to be suppressed where it is.
pub fn is_test_module_name(name: &str) -> bool {
    TEST_MODULE_NAMES.contains(&name)
        || TEST_MODULE_NAMES
            .iter()
            .filter(|t| **t != "test")
            .any(|t| name.strip_suffix(t).and_then(|head| head.strip_suffix('_')).is_some_and(|head| !head.is_empty()))
}

/// Phrases of a doc comment that say an item exists for tests (lower case).
const TEST_DOC_PHRASES: &[&str] = &[
    "for test",
    "for unit test",
    "for integration test",
    "test purpose",
    "testing purpose",
    "test-only",
    "test only",
    "only used in test",
    "used only in test",
    "used in tests",
];

/// Whether a struct or enum is a test double: its name starts with `Mock`, `Fake` or `Stub`
/// followed by a capital (`MockLockManager`, `FakeClock`), or its doc comment says it
/// exists for tests (`/// A simple in-memory cache mostly useful for testing.`).
/// Such a type is test code even when it is compiled into production.
pub fn is_test_double(name: &str, attrs: &[syn::Attribute]) -> bool {
    let prefixed = ["Mock", "Fake", "Stub"]
        .iter()
        .any(|p| name.strip_prefix(p).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase())));
    prefixed || {
        let doc = doc_text(attrs).to_ascii_lowercase();
        TEST_DOC_PHRASES.iter().any(|p| doc.contains(p))
    }
}

/// The text of the `///` and `#[doc = ".."]` attributes, one line each.
fn doc_text(attrs: &[syn::Attribute]) -> String {
    let mut out = String::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let syn::Meta::NameValue(syn::MetaNameValue {
            value: syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }),
            ..
        }) = &a.meta
        {
            out.push_str(&s.value());
            out.push('\n');
        }
    }
    out
}

/// Whether a module item is test code by its own attributes or name.
pub fn is_test_mod(i: &syn::ItemMod) -> bool {
    is_test_attrs(&i.attrs) || is_test_module_name(&i.ident.to_string())
}

/// True when the attributes mark an item as test code: `#[cfg(test)]` (also inside
/// `all(..)` or `any(..)`), or an attribute whose path ends in `test` or `bench` (`#[test]`,
/// `#[tokio::test]`, `#[bench]`; `#[rstest]` is not one).
pub fn is_test_attrs(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(is_test_attr)
}

fn is_test_attr(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if let Some(last) = path.segments.last() {
        // Compared in place: most attributes are doc comments, not worth a copy of `doc`.
        let name = &last.ident;
        if name == "test" || name == "bench" {
            return true;
        }
        if name == "cfg" && path.segments.len() == 1 {
            if let syn::Meta::List(list) = &attr.meta {
                return cfg_mentions_test(&list.tokens.to_string());
            }
        }
    }
    false
}

/// `test`, `all(test, ..)`, `any(test, ..)` (compiled for tests and test helpers), nested
/// in one another; but never under `not(..)`, which compiles outside tests. In the place
/// of `test`: `fuzzing` (set by cargo-fuzz) and a feature whose name holds a test word
/// (`feature = "testing"`, `"test-utils"`, `"fuzzing"`): a feature that only tests and
/// test tooling turn on.
pub fn cfg_mentions_test(tokens: &str) -> bool {
    let t: String = tokens.chars().filter(|c| !c.is_whitespace()).collect();
    predicate_is_test(&t, 0)
}

fn predicate_is_test(p: &str, depth: usize) -> bool {
    if p == "test" || p == "fuzzing" {
        return true;
    }
    if let Some(feature) = p.strip_prefix("feature=\"").and_then(|f| f.strip_suffix('"')) {
        return has_test_word(feature);
    }
    if depth > 16 {
        return false;
    }
    let inner = p.strip_prefix("all(").or_else(|| p.strip_prefix("any(")).and_then(|s| s.strip_suffix(')'));
    inner.is_some_and(|inner| split_top(inner).into_iter().any(|q| predicate_is_test(q, depth + 1)))
}

/// The comma-separated parts of a predicate list, at the top nesting level.
fn split_top(s: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start, mut quoted) = (Vec::new(), 0usize, 0, false);
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth = depth.saturating_sub(1),
            ',' if !quoted && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// True when a file lies under `tests/`, `benches/` or `examples/` of its package root.
pub fn is_test_path(path: &Path, package_root: Option<&Path>) -> bool {
    let Some(root) = package_root else {
        return false;
    };
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    matches!(rel.components().next().and_then(|c| c.as_os_str().to_str()), Some("tests" | "benches" | "examples"))
        && rel.components().count() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(src: &str) -> Vec<syn::Attribute> {
        let item: syn::ItemFn = syn::parse_str(&format!("{src} fn f() {{}}")).unwrap();
        item.attrs
    }

    #[test]
    fn attributes() {
        assert!(is_test_attrs(&attrs("#[test]")));
        assert!(is_test_attrs(&attrs("#[tokio::test(flavor = \"multi_thread\")]")));
        assert!(is_test_attrs(&attrs("#[cfg(test)]")));
        assert!(is_test_attrs(&attrs("#[cfg(all(test, feature = \"x\"))]")));
        assert!(is_test_attrs(&attrs("#[cfg(any(test, feature = \"test-util\"))]")));
        assert!(is_test_attrs(&attrs("#[cfg(any(feature = \"a,b\", all(unix, test)))]")));
        assert!(!is_test_attrs(&attrs("#[cfg(not(test))]")));
        assert!(!is_test_attrs(&attrs("#[cfg(any(unix, not(test)))]")));
        assert!(!is_test_attrs(&attrs("#[inline]")));
    }

    #[test]
    fn test_features() {
        assert!(is_test_attrs(&attrs("#[cfg(feature = \"testing\")]")));
        assert!(is_test_attrs(&attrs("#[cfg(feature = \"test\")]")));
        assert!(is_test_attrs(&attrs("#[cfg(any(feature = \"test-utils\", feature = \"mock\"))]")));
        assert!(is_test_attrs(&attrs("#[cfg(all(unix, feature = \"test_support\"))]")));
        assert!(is_test_attrs(&attrs("#[cfg(feature = \"kafka-integration-tests\")]")));
        assert!(is_test_attrs(&attrs("#[cfg(fuzzing)]")));
        assert!(is_test_attrs(&attrs("#[cfg(feature = \"fuzzing\")]")));
        assert!(!is_test_attrs(&attrs("#[cfg(not(feature = \"testing\"))]")));
        assert!(!is_test_attrs(&attrs("#[cfg(feature = \"attestation\")]")));
        assert!(!is_test_attrs(&attrs("#[cfg(feature = \"testexport\")]")));
        assert!(!is_test_attrs(&attrs("#[cfg(feature = \"fuzzy-match\")]")));
        assert!(!is_test_attrs(&attrs("#[cfg(any(feature = \"metrics\", not(feature = \"testing\")))]")));
    }

    #[test]
    fn test_words() {
        for name in ["test_pd_client", "influxdb3_test_helpers", "tests-fuzz", "language-tests", "Fuzz", "my-testutils"]
        {
            assert!(has_test_word(name), "{name}");
        }
        for name in ["attest", "contest", "latest", "fuzzy", "testexport", "protest-kit", ""] {
            assert!(!has_test_word(name), "{name}");
        }
    }

    #[test]
    fn package_names() {
        for name in ["test_pd_client", "influxdb3_test_helpers", "tests-fuzz", "surrealql-test", "fuzz", "my-testutils"]
        {
            assert!(is_test_package_name(name), "{name}");
        }
        for name in ["case-test-removal-in-test-module", "ab-test-service", "attest", "latest", "protest-kit", ""] {
            assert!(!is_test_package_name(name), "{name}");
        }
    }

    #[test]
    fn module_names() {
        let m: syn::ItemMod = syn::parse_str("mod test_utils;").unwrap();
        assert!(is_test_mod(&m));
        let m: syn::ItemMod = syn::parse_str("#[cfg(any(test, feature = \"fake\"))] mod fake;").unwrap();
        assert!(is_test_mod(&m));
        let m: syn::ItemMod = syn::parse_str("mod testimony;").unwrap();
        assert!(!is_test_mod(&m));
        for name in ["integration_tests", "model_testing", "raft_test_utils", "wal_testutil", "fs_test_support"] {
            assert!(is_test_module_name(name), "{name}");
        }
        for name in ["unit_test", "self_test", "latest", "contests", "_tests", "attesting", "tests_common"] {
            assert!(!is_test_module_name(name), "{name}");
        }
    }

    #[test]
    fn paths() {
        let root = Path::new("/p");
        assert!(is_test_path(Path::new("/p/tests/a.rs"), Some(root)));
        assert!(is_test_path(Path::new("/p/examples/x/main.rs"), Some(root)));
        assert!(!is_test_path(Path::new("/p/src/tests.rs"), Some(root)));
        assert!(!is_test_path(Path::new("/p/tests/a.rs"), None));
    }
}

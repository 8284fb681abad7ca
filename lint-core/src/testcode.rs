//! Test code as SPEC §1 defines it: items under `#[cfg(test)]`, functions with a test or
//! bench attribute, and files under a package's `tests/`, `benches/` and `examples/`.

use std::path::Path;

/// True when the attributes mark an item as test code: `#[cfg(test)]` (also inside
/// `all(..)`), or an attribute whose path ends in `test` or `bench` (`#[test]`,
/// `#[tokio::test]`, `#[bench]`, `#[rstest]` is not one).
pub fn is_test_attrs(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(is_test_attr)
}

fn is_test_attr(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if let Some(last) = path.segments.last() {
        let name = last.ident.to_string();
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

/// `test`, `all(test, ..)`; but not `not(test)` nor `any(test, ..)`, which also
/// compile outside tests.
fn cfg_mentions_test(tokens: &str) -> bool {
    let t: String = tokens.chars().filter(|c| !c.is_whitespace()).collect();
    if t == "test" {
        return true;
    }
    if let Some(inner) = t.strip_prefix("all(").and_then(|s| s.strip_suffix(')')) {
        return inner.split(',').any(|p| p == "test");
    }
    false
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
        assert!(!is_test_attrs(&attrs("#[cfg(not(test))]")));
        assert!(!is_test_attrs(&attrs("#[inline]")));
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

//! The byte scans: words, the tokens around them, and method calls with their arguments.

use super::*;

fn at(t: &str, word: &str) -> (usize, usize) {
    let s = t.find(word).unwrap();
    (s, s + word.len())
}

#[test]
fn whole_words() {
    let t = b"a HashMap_x Map r#Map";
    assert!(!whole_word(t, 2, 9));
    assert!(whole_word(t, 12, 15));
    assert!(whole_word(t, 18, 21));
    assert!(whole_word("é Map".as_bytes(), 3, 6), "a non-ASCII neighbour counts as a boundary");
}

#[test]
fn tokens_around_a_word() {
    let t = b"pub struct\n    Cache";
    assert_eq!(token_before(t, 15), Near::Word(b"struct"));
    assert_eq!(token_before(b"x . cache", 4), Near::Punct(b'.'));
    assert_eq!(token_before(b"Cache", 0), Near::Edge);
    assert_eq!(token_before(b"struct /* c */ Cache", 15), Near::Unsure);
    assert_eq!(token_before(b"struct // c\nCache", 12), Near::Unsure);
    assert_eq!(token_before(b"struct\n  // c\n  /// d\nCache", 22), Near::Word(b"struct"));
    assert_eq!(token_after(b"map :: new", 3), (Near::Punct(b':'), Some(b':')));
    assert_eq!(token_after(b"map: u8", 3), (Near::Punct(b':'), Some(b' ')));
    assert_eq!(token_after(b"map // c\n: u8", 3), (Near::Unsure, None));
}

#[test]
fn comment_lines() {
    let t = "/// A Cache\n    // Cache\nlet x = 1; // Cache\n";
    let at = |n: usize| t.match_indices("Cache").nth(n).unwrap().0;
    assert!(in_comment_line(t.as_bytes(), at(0)));
    assert!(in_comment_line(t.as_bytes(), at(1)));
    assert!(!in_comment_line(t.as_bytes(), at(2)), "code precedes the comment");
}

#[test]
fn definitions() {
    for (text, word) in [
        ("pub struct Cache {", "Cache"),
        ("pub(crate) enum Cache", "Cache"),
        ("use a::B as Cache;", "Cache"),
        ("pub use a::{b::{C as Cache, D}};", "Cache"),
        ("#[cfg(x)]\nuse a::B as Cache;", "Cache"),
        ("fn f() {\n    use a::B as Cache;\n}", "Cache"),
        ("type Cache<T> = X;", "Cache"),
        ("const PAGE: usize = 4;", "PAGE"),
        ("static mut PAGE: u8 = 0;", "PAGE"),
        ("lazy_static! { static ref PAGE: X = y(); }", "PAGE"),
        ("struct /* why */ Cache;", "Cache"),
    ] {
        assert!(is_definition(text.as_bytes(), at(text, word).0), "{text}");
    }
    for (text, word) in [
        ("let c: Cache = x;", "Cache"),
        ("impl Cache {", "Cache"),
        ("fn f() -> Cache", "Cache"),
        ("use a::b; fn f() -> u8 { x as usize }", "usize"),
        ("fn f() -> u8 {\n    // use the low bits\n    x as usize\n}", "usize"),
        ("fn f() -> u8 {\n    // the last one\n    usize::from(x)\n}", "usize"),
        ("fn f(v: &mut Vec<u8>)", "Vec"),
        ("fn f(p: *const u8)", "u8"),
        ("fn f() -> &'static str", "str"),
        ("match x { ref Cache => 1 }", "Cache"),
    ] {
        assert!(!is_definition(text.as_bytes(), at(text, word).0), "{text}");
    }
}

#[test]
fn field_accesses_and_declarations() {
    for text in ["x.map.insert(1)", "x\n    .map", "(self).map.clear()", "x . /* c */ map"] {
        let (s, e) = at(text, "map");
        assert!(is_field_access(text.as_bytes(), s, e), "{text}");
    }
    for text in ["self.map.insert(1)", "self\n    .map", "x.map(|v| v)", "x.map::<u8>()", "let map = 1;", "map: u8"] {
        let (s, e) = at(text, "map");
        assert!(!is_field_access(text.as_bytes(), s, e), "{text}");
    }
    for text in ["struct S { map: u8 }", "S { map : 1 }", "map // c\n: u8"] {
        assert!(is_declaration(text.as_bytes(), at(text, "map").1), "{text}");
    }
    for text in ["map::insert()", "let map = 1;"] {
        assert!(!is_declaration(text.as_bytes(), at(text, "map").1), "{text}");
    }
}

#[test]
fn matcher_classes() {
    let mut ix = Interest::default();
    ix.mention("REGISTRY");
    ix.define("Page");
    ix.field("sessions");
    ix.field_decl.insert("sessions".into());
    ix.implemented("Key");
    ix.called("registry");
    ix.defined("lock_or_heal");
    let m = Matcher::new(&ix);
    assert!(m.matches(b"fn f() { REGISTRY.lock(); }"));
    assert!(!m.matches(b"fn f() { REGISTRY_X.lock(); }"));
    assert!(m.matches(b"pub type Page = [u8; 4];"));
    assert!(!m.matches(b"fn f(p: Page) {}"));
    assert!(m.matches(b"fn f(s: &S) { s.sessions.len(); }"));
    assert!(m.matches(b"struct T { sessions: u8 }"));
    assert!(!m.matches(b"fn sessions() { self.sessions.len(); }"));
    assert!(m.matches(b"impl PartialEq for Key { }"));
    assert!(m.matches(b"impl<'a> std::hash::Hash for &'a Key { }"));
    assert!(m.matches(b"impl Ord for crate::keys::Key { }"));
    assert!(!m.matches(b"#[derive(Hash)] struct K { k: Key }"), "a key inside another type");
    assert!(!m.matches(b"fn f(k: Key) {}"));
    assert!(!m.matches(b"fn f(k: Key) -> Hasher {}"), "a trait named as a whole word");
    assert!(m.matches(b"fn f() { registry().lock(); }"));
    assert!(m.matches(b"impl S { pub(crate) fn lock_or_heal(&self) {} }"));
    assert!(m.matches(b"fn r#lock_or_heal() {}"));
    assert!(!m.matches(b"fn f(&self) { self.m.lock_or_heal(); lock_or_heal(x) }"), "calls of a helper");
    assert!(!m.matches(b"// the registry"));
    assert!(!m.matches(b"/// REGISTRY holds them"));
    assert!(!m.matches(b"nothing here"));
    assert!(Matcher::new(&Interest::default()).is_empty());
}

#[test]
fn a_function_defined_in_the_impls_of_a_type() {
    let mut ix = Interest::default();
    ix.defined_in("new", "Planner");
    ix.defined_in("compact", "Compact");
    let m = Matcher::new(&ix);
    assert!(m.matches(b"impl<'a> Planner<'a> { pub fn new(m: &M) -> Self { .. } }"));
    assert!(m.matches(b"impl Default for crate::plan::Planner { fn new() {} }"));
    assert!(m.matches(b"impl<T> Planner<T> where T: Send { fn new() {} }"));
    assert!(m.matches(b"impl Build for &'a mut Planner { fn new() {} }"));
    assert!(m.matches(b"pub trait Compact { fn compact(t: &T) {} }"));
    assert!(m.matches(b"impl Compact for Janitor { fn compact(t: &T) {} }"));
    assert!(!m.matches(b"impl Snapshot { fn new(t: &T) -> Self { Planner::new(t) } }"), "another type's `new`");
    assert!(!m.matches(b"impl Planner { fn plan(&self) {} }"), "no `fn new`");
    assert!(!m.matches(b"// impl Planner\nimpl Snapshot { fn new() {} }"), "a comment");
}

#[test]
fn lookup_calls_with_allocating_arguments() {
    let scan = CallScan::new(&["get", "contains_key"], &["to_string", "format", "String"]);
    let yes = |t: &str| scan.may_match(t.as_bytes());
    assert!(yes("m.get(&k.to_string())"));
    assert!(yes("m\n    .contains_key(\n        &format!(\"{a}\"),\n    )"));
    assert!(yes("m.get(&String::from(\"(\"))"));
    assert!(yes("m.get::<str>(k).map(|v| v.to_string())"), "a turbofish counts");
    assert!(yes("m.get(r\"x\").to_string()"), "a raw string counts");
    assert!(yes("m.get(/* ) */ k).to_string()"), "a comment counts");
    assert!(!yes("m.get(k).to_string()"));
    assert!(!yes("m.get(\")\").to_string()"));
    assert!(!yes("m.get(')').to_string()"));
    assert!(!yes("m.get('\\'').to_string()"));
    assert!(!yes("m.get(&'a x).to_string()"));
    assert!(!yes("get(k.to_string())"), "not a method call");
    assert!(!yes("m.get(&k)"), "no allocating word anywhere");
}

#[test]
fn lookup_calls_of_a_bound_local() {
    let scan = CallScan::new(&["get", "contains"], &[".to_string();", "= format!("]);
    let yes = |t: &str| scan.may_call_with_local(t.as_bytes());
    assert!(yes("let k = format!(\"{a}\");\nm.get(&k)"));
    assert!(yes("let k = n.to_string();\nv.contains(&*k)"));
    assert!(yes("let k = n.to_string();\nm.get( k.as_str() )"));
    assert!(yes("let k = n.to_string();\nm.get(k.as_ref())"));
    assert!(yes("let r#k = n.to_string();\nm.get(&r#k)"), "a raw name");
    assert!(yes("let /* key */ k2 = n.to_string();\nm.get(&k)"), "a comment: any name may be bound");
    assert!(yes("let k // key\n= n.to_string();\nm.get(&k)"), "a comment: any name may be bound");
    assert!(!yes("let k = n.to_string();\nm.get(k)"), "not borrowed");
    assert!(!yes("let k = n.to_string();\nm.get(*k)"), "not borrowed");
    assert!(!yes("let k = n.to_string();\nm.get(&k[1..])"), "not the local itself");
    assert!(!yes("let j = n.to_string();\nm.get(&k)"), "`k` is not let-bound");
    assert!(!yes("let mut k = n.to_string();\nm.get(&k)"), "a mutable binding");
    assert!(!yes("let k: String = n.to_string();\nm.get(&k)"), "a written type");
    assert!(!yes("// let k = n.to_string();\nm.get(&k)"), "a comment line");
    assert!(!yes("for k in a { x.to_string(); }\nm.get(&k)"), "bound by a `for`");
    assert!(!yes("let k = n.to_string();\nm.get(0)"));
    assert!(!yes("let k = n.to_string();\nget(&k)"), "not a method call");
    assert!(!yes("m.get(&k)"), "no key bound anywhere");
}

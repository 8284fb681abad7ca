//! Unit tests of the type queries: resolution, maps and their locks, cells, interior-
//! mutable fields, trait impl reads, inline array sizes, and message texts.

use super::*;
use crate::facts::FileFacts;
use crate::index::IndexedFile;
use crate::settings::Settings;
use crate::source::SourceText;

fn facts(src: &str) -> FileFacts {
    let text = SourceText::new(src.to_string());
    let path = std::path::Path::new("f.rs");
    crate::engine::analyze_source(&text, path, None, &[], &Settings::default(), &|_| None, false).unwrap().0
}

/// Runs `f` over the index of a package made of these files.
fn with_index<R>(srcs: &[&str], f: impl FnOnce(&PackageIndex) -> R) -> R {
    let settings = Settings { map_types: vec!["Registry".into()], ..Settings::default() };
    let facts: Vec<FileFacts> = srcs.iter().map(|s| facts(s)).collect();
    let files = facts.iter().map(|f| IndexedFile { display: "f.rs", facts: f, report: true, module: vec![] }).collect();
    let index = PackageIndex::new(None, files, &settings);
    f(&index)
}

fn ty(s: &str) -> TypeExpr {
    TypeExpr::from_syn(&syn::parse_str(s).unwrap())
}

const ALIASES: &str = "
use std::collections::HashMap as Map;
use std::sync::Arc as Shared;
type Cells<T> = Rc<RefCell<T>>;
type ById<V> = Map<u64, V>;
type Chain<V> = ById<V>;
type Result<T> = std::result::Result<T, Error>;
type Page = [u8; PAGE];
const PAGE: usize = 4096;
type Node = HashMap<u8, u8>;
struct Node { id: u8 }
";

#[test]
fn resolves_generic_chained_aliases_and_renames() {
    with_index(&[ALIASES], |ix| {
        let r = |s: &str| ix.resolve_type(&ty(s)).to_string();
        assert_eq!(r("Chain<Cells<Node>>"), "HashMap<u64, Rc<RefCell<Node>>>");
        assert_eq!(r("Vec<Shared<Page>>"), "Vec<Arc<[u8; PAGE]>>");
        assert_eq!(r("Result<ById<u8>>"), "std::result::Result<HashMap<u64, u8>, Error>");
        // `Node` is both an alias and a struct: ambiguous, left as written.
        assert_eq!(r("Node"), "Node");
        assert_eq!(r("std::result::Result<u8, ()>"), "std::result::Result<u8, ()>");
    });
}

#[test]
fn resolved_spans_point_at_the_use_site() {
    with_index(&[ALIASES], |ix| {
        let written = ty("Vec<ById<Cells<u8>>>");
        let resolved = ix.resolve_type(&written);
        let map = &resolved.args()[0];
        let value = &map.args()[1];
        // The map comes from `ById<..>`, the value from the written `Cells<u8>`.
        assert_eq!(map.span, written.args()[0].span);
        assert_eq!(value.span, written.args()[0].args()[0].span);
        assert_eq!(value.args()[0].span, value.span);
        assert!(!same_alias_expansion(map, &[value.span]));
        assert!(same_alias_expansion(map, &[map.args()[0].span]));
        assert_eq!(type_text(&written, map), "`ById<Cells<u8>>` (`HashMap<u64, Rc<RefCell<u8>>>`)");
        assert_eq!(slot_text(&written, map, value), "`Cells<u8>` (`Rc<RefCell<u8>>`)");
        assert_eq!(slot_text(&written, map, &map.args()[0]), "`u64`");
    });
}

#[test]
fn resolution_is_bounded() {
    let src = "type A0 = (u8, u8); type A1 = (A0, A0); type A2 = (A1, A1); type A3 = (A2, A2); \
               type A4 = (A3, A3); type A5 = (A4, A4); type A6 = (A5, A5); type A7 = (A6, A6); \
               type A8 = (A7, A7); type A9 = (A8, A8); type A10 = (A9, A9); type A11 = (A10, A10); \
               type A12 = (A11, A11); type Loop = Vec<Loop>;";
    with_index(&[src], |ix| {
        assert!(ix.resolve_type(&ty("A12")).to_string().contains('_'));
        assert_eq!(ix.resolve_type(&ty("Loop")).to_string(), "Vec<Loop>");
    });
}

#[test]
fn maps_and_the_locks_around_them() {
    with_index(&[ALIASES], |ix| {
        let maps = |s: &str| {
            let r = ix.resolve_type(&ty(s));
            ix.maps_in(&r)
                .iter()
                .map(|m| (m.map.name().unwrap_or("").to_string(), m.is_set, m.lock.map(|l| l.exclusive)))
                .collect::<Vec<_>>()
        };
        let s = |x: &str| x.to_string();
        assert_eq!(
            maps("Mutex<Option<HashMap<u8, HashSet<u8>>>>"),
            vec![(s("HashMap"), false, Some(true)), (s("HashSet"), true, Some(true)),]
        );
        assert_eq!(maps("RwLock<ById<u8>>"), vec![(s("HashMap"), false, Some(false))]);
        assert_eq!(maps("Mutex<Arc<BTreeMap<u8, u8>>>"), vec![(s("BTreeMap"), false, None)]);
        assert_eq!(maps("Vec<(Registry<u8, u8>, &HashMap<u8, u8>)>"), vec![(s("Registry"), false, None)]);
        assert_eq!(maps("Foo<HashMap<u8, u8>>"), vec![(s("HashMap"), false, None)]);
    });
}

#[test]
fn cells_and_cell_wrappers() {
    let src = "
struct Wrapper { state: Mutex<u8>, inner: Inner, _p: PhantomData<u8> }
struct Inner { flag: Cell<bool> }
struct WithData { id: u64, state: Mutex<u8> }
struct Cycle { next: Cycle }
struct Handle { inner: Inner, id: u64 }
";
    with_index(&[src], |ix| {
        let cell = |s: &str| ix.cell_in(&ix.resolve_type(&ty(s))).map(|c| c.what);
        assert_eq!(cell("RefCell<u8>"), Some("`RefCell`".into()));
        assert_eq!(cell("tokio::sync::RwLock<u8>"), Some("`RwLock`".into()));
        assert_eq!(cell("Wrapper"), Some("`Wrapper`, whose field `state` is a `Mutex`".into()));
        assert_eq!(cell("Inner"), Some("`Inner`, whose field `flag` is a `Cell`".into()));
        assert_eq!(cell("WithData"), Some("`WithData`, whose field `state` is a `Mutex`".into()));
        assert_eq!(cell("Cycle"), None);
        assert_eq!(cell("Handle"), None, "a lock two structs down is not a per-entry cell");
        assert_eq!(cell("OnceLock<u8>"), None);
        assert_eq!(cell("AtomicU64"), None);
    });
    // A crate-local `Cell` shadows `std::cell::Cell` unless the path says otherwise.
    with_index(&["struct Cell { row: u32 }"], |ix| {
        assert!(ix.cell_in(&ty("Cell")).is_none());
        assert_eq!(ix.cell_in(&ty("std::cell::Cell<u8>")).map(|c| c.what), Some("`Cell`".into()));
    });
}

#[test]
fn interior_mutable_fields_and_impl_reads() {
    let src = "
type Counter = AtomicU64;
struct Key { id: u64, hits: Arc<Counter>, once: OnceLock<String>, name: String }
impl Hash for Key { fn hash<H: Hasher>(&self, h: &mut H) { self.id.hash(h); self.hits.load(Relaxed).hash(h); } }
impl PartialEq for Key { fn eq(&self, o: &Self) -> bool { self.id == o.id } }
";
    with_index(&[src], |ix| {
        let def = ix.structs_named("Key")[0];
        let fields: Vec<_> = ix.interior_mutable_fields(def).into_iter().map(|(f, n)| (f.name.clone(), n)).collect();
        assert_eq!(fields, vec![("hits".to_string(), "AtomicU64".to_string()), ("once".into(), "OnceLock".into())]);
        let impls: Vec<_> = ix.trait_impls_for(def, &[TraitKind::Hash]).collect();
        assert_eq!(impls.len(), 1);
        assert_eq!(impls[0].1.read_of("hits").map(|r| r.span.start.line), Some(4));
        assert!(impls[0].1.read_of("once").is_none());
        assert_eq!(ix.trait_impls_for(def, &[TraitKind::Ord]).count(), 0);
    });
}

#[test]
fn inline_array_sizes() {
    with_index(&[ALIASES], |ix| {
        let bytes = |s: &str| ix.inline_array_bytes(&ix.resolve_type(&ty(s)));
        assert_eq!(bytes("[u8; 256]"), Some(256));
        assert_eq!(bytes("Page"), Some(4096));
        assert_eq!(bytes("[[f64; 4]; 8]"), Some(256));
        assert_eq!(bytes("[usize; 4]"), Some(32));
        assert_eq!(bytes("[u8; OTHER]"), None);
        assert_eq!(bytes("[String; 64]"), None);
        assert_eq!(bytes("[u8; 2 * 1024]"), None);
        assert_eq!(bytes("[[u128; 18446744073709551615]; 2]"), None);
    });
}

#[test]
fn type_sites_cover_fields_and_written_types() {
    let src = "
struct S { m: HashMap<u8, u8> }
#[cfg(test)]
struct T { m: HashMap<u8, u8> }
static X: Mutex<Registry> = f();
";
    with_index(&[src], |ix| {
        let sites: Vec<_> = ix.type_sites().iter().map(|s| (s.describe(), s.anchor_line, s.in_test)).collect();
        assert_eq!(
            sites,
            vec![
                ("field `m` of `S`".to_string(), 2, false),
                ("field `m` of `T`".to_string(), 4, true),
                ("static `X`".to_string(), 5, false),
            ]
        );
    });
}

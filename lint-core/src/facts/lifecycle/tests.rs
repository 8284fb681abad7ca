//! Extraction tests: which sites, roots and declarations a snippet yields.

use super::vocab::{BORROW_MUT, LOCK};
use super::{extract, Root, SiteKind, StaticForm};

fn sites(src: &str) -> Vec<(Root, SiteKind, String, u32, Option<String>)> {
    let file = syn::parse_file(src).unwrap();
    let facts = extract(&file, false, &["evict".to_string()]);
    facts.sites.into_iter().map(|s| (s.root, s.kind, s.method, s.chain, s.constructs)).collect()
}

fn st(name: &str) -> Root {
    Root::Static(name.to_string())
}

#[test]
fn statics_and_chains() {
    let got = sites(
        "fn f(k: u64) {
            CACHE.lock().unwrap().insert(k, 1);
            NAME.with(|m| m.borrow_mut().remove(&k));
            let g = CACHE.lock().unwrap();
            if g.len() >= MAX { return; }
            std::mem::take(&mut *CACHE.lock().unwrap());
            CACHE.lock().unwrap().evict();
            let CACHE = 1;
            CACHE.insert(2);
        }",
    );
    assert_eq!(
        got,
        vec![
            (st("CACHE"), SiteKind::Growth, "insert".into(), LOCK, None),
            (st("NAME"), SiteKind::Removal, "remove".into(), BORROW_MUT, None),
            (st("CACHE"), SiteKind::SizeCheck, "len()".into(), LOCK, None),
            (st("CACHE"), SiteKind::Reassign, "mem::take".into(), LOCK, None),
            (st("CACHE"), SiteKind::Removal, "evict".into(), LOCK, None),
        ]
    );
}

#[test]
fn fields_guards_entries_and_constructors() {
    let got = sites(
        "impl Cache {
            fn new() -> Self { let c = Cache::default(); c.map.insert(1, 2); c }
            fn put(&self, k: u64) {
                let mut g = self.inner.write();
                g.map.entry(k).or_default();
                if let Entry::Occupied(o) = self.by_id.lock().entry(k) { o.remove(); }
                self.by_id = HashMap::new();
            }
        }",
    );
    let field = |f: &str| Root::Field(f.to_string());
    let typed = |f: &str| Root::TypedField { ty: "Cache".into(), field: f.to_string() };
    assert_eq!(
        got,
        vec![
            (field("map"), SiteKind::Growth, "insert".into(), 0, Some("Cache".into())),
            (field("map"), SiteKind::Growth, "entry(..).or_default".into(), 0, None),
            (typed("by_id"), SiteKind::Removal, "OccupiedEntry::remove".into(), LOCK, None),
            (typed("by_id"), SiteKind::Reassign, "=".into(), 0, None),
        ]
    );
}

#[test]
fn declarations_and_accessors() {
    let file = syn::parse_file(
        "lazy_static! { static ref A: Mutex<HashMap<u8, u8>> = Mutex::new(HashMap::new()); }
        fn reg() -> &'static Mutex<HashSet<u8>> {
            static R: OnceLock<Mutex<HashSet<u8>>> = OnceLock::new();
            R.get_or_init(Default::default)
        }
        fn add() { reg().lock().unwrap().insert(1); }",
    )
    .unwrap();
    let facts = extract(&file, false, &[]);
    let decls: Vec<_> = facts.statics.iter().map(|s| (s.name.as_str(), s.form, s.local_id)).collect();
    assert_eq!(decls, vec![("A", StaticForm::LazyStatic, None), ("R", StaticForm::Item, Some(0))]);
    assert_eq!(facts.accessors.len(), 1);
    assert_eq!((facts.accessors[0].name.as_str(), &facts.accessors[0].root), ("reg", &Root::LocalStatic(0)));
    assert_eq!(facts.sites.len(), 1);
    assert_eq!((&facts.sites[0].root, facts.sites[0].chain), (&Root::Call { name: "reg".into(), direct: true }, LOCK));
}

#[test]
fn an_accessor_returns_what_may_be_a_map() {
    let file = syn::parse_file(
        "impl Registry {
            fn map(&self) -> &HashMap<u8, u8> { &self.map }
            fn maybe(&self) -> Option<&Inner> { self.inner.as_ref() }
            fn context(&self) -> &Context { &self.context }
            fn len(&self) -> usize { self.map.len() }
            fn size_hint(&self) -> (usize, Option<usize>) { self.map.size_hint() }
            fn is_empty(&self) -> Result<bool, Error> { Ok(self.map.is_empty()) }
        }",
    )
    .unwrap();
    let facts = extract(&file, false, &[]);
    let names: Vec<&str> = facts.accessors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["map", "maybe", "context"], "a count, a pair of counts or a flag reaches no map");
}

#[test]
fn only_parameters_handed_a_map_and_accessors_of_one_reach_it() {
    let file = syn::parse_file(
        "impl Registry {
            fn new() -> Self { Self::default() }
            fn default() -> Self { Self::new() }
            fn map(&self) -> &HashMap<u8, u8> { &self.map }
            fn fill(&mut self) { Entry::new(&mut self.map); Label::new(self.name); }
        }
        fn label(name: Name) { Tag::from(name); }
        fn entry(m: &mut Table) { Slot::wrap(m); }",
    )
    .unwrap();
    let facts = extract(&file, false, &[]);
    let mut ix = crate::prefilter::Interest::default();
    ix.field("map");
    ix.defined("entry");
    ix.param("entry", 0);
    for _ in 0..3 {
        facts.names_of_interest(&mut ix);
    }
    let set = |s: &std::collections::BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>();
    assert_eq!(set(&ix.accessors), ["map"], "`new` and `default` only call each other");
    assert_eq!(set(&ix.called), ["map"]);
    assert_eq!(set(&ix.defined), ["entry"], "`self.name` is no map, nor `label`'s parameter");
    let types = |n: &str| ix.defined_in.get(n).map(set);
    assert_eq!((types("new"), types("wrap")), (Some(vec!["Entry".into()]), Some(vec!["Slot".into()])));
    assert!(ix.is_param("new", 0) && ix.is_param("wrap", 0) && !ix.is_param("from", 0));
}

/// A call names the type (or trait) before its function, not `Self` nor a module; a
/// parameter's root names the impl (or trait) its function is written in.
#[test]
fn calls_qualified_by_a_type_and_the_owners_of_parameters() {
    let file = syn::parse_file(
        "impl Registry {
            fn fill(&mut self) {
                Entry::new(&mut self.map);
                Self::grow(&mut self.map);
                table::load(&mut self.map);
                <Slot as Store>::put(&mut self.map);
                self.keep(&mut self.map);
            }
        }
        impl Store for Slot { fn put(m: &mut HashMap<u8, u8>) { m.clear(); } }
        trait Sweep { fn sweep(m: &mut HashMap<u8, u8>) { m.clear(); } }
        fn load(m: &mut HashMap<u8, u8>) { m.clear(); }",
    )
    .unwrap();
    let facts = extract(&file, false, &[]);
    let calls: Vec<(&str, Option<&str>)> =
        facts.passes.iter().map(|p| (p.callee.as_str(), p.qualifier.as_deref())).collect();
    assert_eq!(calls, [("new", Some("Entry")), ("grow", None), ("load", None), ("put", Some("Store")), ("keep", None)]);
    let owners: Vec<(String, super::FnOwner)> = facts
        .sites
        .iter()
        .filter_map(|s| match &s.root {
            Root::Param { func, owner, .. } => Some((func.clone(), owner.clone())),
            _ => None,
        })
        .collect();
    let owner = |ty: Option<&str>, of_trait: Option<&str>| super::FnOwner {
        ty: ty.map(String::from),
        of_trait: of_trait.map(String::from),
    };
    assert_eq!(
        owners,
        [
            ("put".to_string(), owner(Some("Slot"), Some("Store"))),
            ("sweep".to_string(), owner(None, Some("Sweep"))),
            ("load".to_string(), owner(None, None)),
        ]
    );
    assert!(owners[0].1.answers(Some("Slot")) && owners[0].1.answers(Some("Store")) && owners[0].1.answers(None));
    assert!(!owners[0].1.answers(Some("Entry")) && !owners[2].1.answers(Some("Table")));
}

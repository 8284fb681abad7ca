//! Names of interest: what holds a map, what names one, and what a later round adds.

use super::*;

fn ty(s: &str) -> TypeExpr {
    TypeExpr::from_syn(&syn::parse_str(s).unwrap())
}

#[test]
fn holds_maps_and_holders() {
    let mut ix = Interest::default();
    assert!(ix.holds(&ty("Arc<Mutex<FxHashMap<u8, u8>>>")));
    assert!(!ix.holds(&ty("Vec<Registry>")));
    ix.holder("Registry");
    assert!(ix.holds(&ty("Vec<Registry>")));
    assert!(ix.mention.contains("Registry"));
    ix.define_maps(&ty("Result<Box<HashMap<Key, [u8; PAGE]>>, Error>"));
    let names: Vec<&str> = ix.define.iter().map(String::as_str).collect();
    assert_eq!(names, ["Box", "HashMap", "Key", "PAGE", "Result", "u8"], "not Error, beside the map");
    let mut paged = Interest::default();
    paged.holder("Page");
    paged.define_maps(&ty("crate::a::Page<[u8; LEN], dyn Fn>"));
    let names: Vec<&str> = paged.define.iter().map(String::as_str).collect();
    assert_eq!(names, ["LEN", "Page", "u8"]);
}

#[test]
fn map_like_names_name_maps_and_struct_holders_do_not() {
    let mut ix = Interest::default();
    ix.holder("Registry");
    ix.map_like("Table");
    assert!(ix.holds(&ty("Registry")) && !ix.may_name_map(&ty("Registry")), "a struct around a map");
    assert!(ix.may_name_map(&ty("Arc<Table>")));
    assert!(ix.may_name_map(&ty("Option<FxHashMap<u8, Registry>>")));
    assert!(ix.holders.contains("Table") && ix.mention.contains("Table"));
}

#[test]
fn minus_keeps_new_names() {
    let mut a = Interest::default();
    a.field("cache");
    a.mention("CACHE");
    let mut b = a.clone();
    b.field("map");
    let d = b.minus(&a);
    assert_eq!(d.field.iter().collect::<Vec<_>>(), ["map"]);
    assert!(d.mention.is_empty());
    assert!(a.minus(&b).is_empty());
}

#[test]
fn minus_keeps_new_types_of_a_function_defined_in_impls() {
    let mut a = Interest::default();
    a.defined_in("new", "Planner");
    let mut b = a.clone();
    b.defined_in("new", "Compactor");
    b.defined_in("open", "Store");
    let d = b.minus(&a);
    let types = |ix: &Interest, n: &str| ix.defined_in.get(n).map(|s| s.iter().cloned().collect::<Vec<_>>());
    assert_eq!(types(&d, "new"), Some(vec!["Compactor".to_string()]));
    assert_eq!(types(&d, "open"), Some(vec!["Store".to_string()]));
    assert_eq!(b.len(), a.len() + 2);
    a.defined("open");
    assert!(!b.minus(&a).defined_in.contains_key("open"), "looked for anywhere already");
    assert!(b.is_function("new") && !b.is_function("plan"));
}

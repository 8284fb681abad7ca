//! Name resolution over small packages written inline.

use super::*;
use crate::settings::Settings;

/// (module path, source) per file.
fn facts(files: &[(&str, &str)]) -> Vec<(Vec<String>, FileFacts)> {
    files
        .iter()
        .map(|(m, src)| {
            let file = syn::parse_file(src).unwrap();
            let module = m.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
            (module, crate::facts::extract(&file, Default::default(), false, &Settings::default()))
        })
        .collect()
}

fn show(model: &NameModel, r: Resolution) -> String {
    match r {
        Resolution::Items(ids) => ids.iter().map(|i| model.qualified(*i)).collect::<Vec<_>>().join(", "),
        other => format!("{other:?}"),
    }
}

#[test]
fn resolves_like_rustc() {
    let files = facts(&[
        ("", "mod config; pub mod engine; mod a; mod b; pub use engine::Runtime as Rt;"),
        ("config", "use tokio::runtime::Runtime; use crate::engine::{self, Backend as B}; static RT: u8 = 0;"),
        ("engine", "pub struct Runtime; pub struct Backend; mod inner { pub struct Inner; }"),
        ("a", "pub struct Inner; use super::*;"),
        ("b", "pub struct Inner; use crate::a::*; use some_crate::*;"),
    ]);
    let refs: Vec<(&[String], &FileFacts)> = files.iter().map(|(m, f)| (m.as_slice(), f)).collect();
    let model = NameModel::new(&refs);
    let path = |s: &str| s.split("::").map(str::to_string).collect::<Vec<_>>();
    let at = |file: usize, p: &str| show(&model, model.resolve(model.scope(file, &[]), &path(p), Ns::Type));
    assert_eq!(at(1, "Runtime"), "External", "imported from another crate");
    assert_eq!(at(1, "B"), "engine::Backend");
    assert_eq!(at(1, "engine::Runtime"), "engine::Runtime");
    assert_eq!(at(1, "crate::Rt"), "engine::Runtime", "a re-export under another name");
    assert_eq!(at(1, "std::sync::Mutex"), "External");
    assert_eq!(at(3, "Inner"), "a::Inner", "its own item first");
    assert_eq!(at(4, "Inner"), "b::Inner");
    assert_eq!(at(3, "Runtime"), "Unknown", "a glob of the crate root, which does not hold it");
    assert_eq!(at(3, "Rt"), "engine::Runtime", "through the glob of the crate root");
    assert_eq!(at(2, "inner::Inner"), "engine::inner::Inner");
    assert_eq!(at(2, "super::a::Inner"), "a::Inner");
    let value = show(&model, model.resolve(model.scope(1, &[]), &path("RT"), Ns::Value));
    assert_eq!(value, "config::RT");
    assert_eq!(model.all_named("Inner", Ns::Type).len(), 3);
}

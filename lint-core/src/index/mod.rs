//! The per-package index: the facts of every file of one package, merged, and the
//! queries rules make of them. Type resolution (aliases, renames) lives here; queries
//! about long-lived maps in `index::lifecycle`, about types and impls in
//! `index::typeinfo`.

mod known;
pub mod lifecycle;
pub mod names;
pub mod typeinfo;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

use crate::facts::signatures::{FnSig, StaticSig};
use crate::facts::{FileFacts, StructDef, TypeAlias};
use crate::maptypes::{builtin_map_kind, MapKind};
use crate::settings::Settings;
use crate::types::{TypeExpr, TypeKind};

/// One file of a package, as the index sees it.
pub struct IndexedFile<'a> {
    pub display: &'a str,
    pub facts: &'a FileFacts,
    /// Findings may be reported in this file.
    pub report: bool,
    /// The file's module path from its crate root (`modtree`).
    pub module: Vec<String>,
}

/// The merged facts of one package.
pub struct PackageIndex<'a> {
    pub root: Option<PathBuf>,
    pub files: Vec<IndexedFile<'a>>,
    pub settings: &'a Settings,
    aliases: HashMap<&'a str, &'a TypeAlias>,
    renames: HashMap<&'a str, &'a str>,
    structs: HashMap<&'a str, Vec<&'a StructDef>>,
    consts: HashMap<&'a str, u64>,
    /// Functions and methods with a declared return type, by name.
    fns: HashMap<&'a str, Vec<&'a FnSig>>,
    statics: HashMap<&'a str, Vec<&'a StaticSig>>,
    /// Modules, items and imports: what a name written in a module denotes.
    pub names: names::NameModel<'a>,
}

impl<'a> PackageIndex<'a> {
    pub fn new(root: Option<PathBuf>, files: Vec<IndexedFile<'a>>, settings: &'a Settings) -> Self {
        let mut aliases = HashMap::new();
        let mut renames = HashMap::new();
        let mut structs: HashMap<&str, Vec<&StructDef>> = HashMap::new();
        let mut consts = HashMap::new();
        let mut fns: HashMap<&str, Vec<&FnSig>> = HashMap::new();
        let mut statics: HashMap<&str, Vec<&StaticSig>> = HashMap::new();
        for f in &files {
            for s in &f.facts.signatures.fns {
                fns.entry(s.name.as_str()).or_default().push(s);
            }
            for s in &f.facts.signatures.statics {
                statics.entry(s.name.as_str()).or_default().push(s);
            }
            for s in &f.facts.structs {
                structs.entry(s.name.as_str()).or_default().push(s);
            }
            for c in &f.facts.consts {
                consts.entry(c.name.as_str()).or_insert(c.value);
            }
            // An alias or rename of test code (an example's `type Router = HashMap<..>`)
            // never names a production type of the same name (SPEC §1, test code).
            if f.facts.in_test_file {
                continue;
            }
            for a in &f.facts.aliases {
                aliases.entry(a.name.as_str()).or_insert(a);
            }
            for (alias, original) in &f.facts.renames {
                renames.entry(alias.as_str()).or_insert(original.as_str());
            }
        }
        // A name that is an alias in one module and a struct or enum in another is
        // ambiguous by bare name: no map is assumed (SPEC §1, names and identity).
        aliases.retain(|name, _| !structs.contains_key(name));
        let modules: Vec<(&[String], &'a FileFacts)> = files.iter().map(|f| (f.module.as_slice(), f.facts)).collect();
        let names = names::NameModel::new(&modules);
        PackageIndex { root, files, settings, aliases, renames, structs, consts, fns, statics, names }
    }

    /// The crate-local structs and enums of this name (several when modules reuse a
    /// name).
    pub fn structs_named(&self, name: &str) -> &[&'a StructDef] {
        self.structs.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every crate-local struct and enum of the package.
    pub fn all_structs(&self) -> impl Iterator<Item = &'a StructDef> + '_ {
        self.files.iter().flat_map(|f| f.facts.structs.iter())
    }

    /// The value of a crate-local integer `const`/`static`.
    pub fn int_const(&self, name: &str) -> Option<u64> {
        self.consts.get(name).copied()
    }

    /// Resolves a type name through the package's aliases and renames (chains included)
    /// to a map kind. Names in the `map-types` setting are hash-based maps.
    pub fn map_kind(&self, name: &str) -> Option<MapKind> {
        let mut name = name;
        for _ in 0..16 {
            if let Some(kind) = builtin_map_kind(name) {
                return Some(kind);
            }
            if self.settings.map_types.iter().any(|m| m == name) {
                return Some(MapKind::Hash);
            }
            if let Some(original) = self.renames.get(name).filter(|o| **o != name) {
                name = original;
            } else if let Some(target) = self.aliases.get(name).and_then(|a| a.target.name()) {
                if target == name {
                    return None;
                }
                name = target;
            } else {
                return None;
            }
        }
        None
    }

    /// The map kind of a written type's head, through aliases and renames.
    pub fn map_kind_of(&self, ty: &TypeExpr) -> Option<MapKind> {
        self.map_kind(self.expand(ty).name()?)
    }

    /// Expands the head of a type through crate-local aliases (substituting generic
    /// arguments) and `use .. as` renames, until it is no alias. Spans inside the result
    /// may point into the alias definition: report on the written type's span. An alias
    /// is expanded once per chain: inside `type Result<T> = std::result::Result<T, E>` the
    /// name `Result` is not the alias again (Rust forbids recursive aliases).
    pub fn expand<'t>(&self, ty: &'t TypeExpr) -> Cow<'t, TypeExpr> {
        let mut cur: Cow<'t, TypeExpr> = Cow::Borrowed(ty);
        let mut expanded: Vec<&str> = Vec::new();
        for _ in 0..16 {
            let Some(name) = cur.name() else { return cur };
            if builtin_map_kind(name).is_some() {
                return cur;
            }
            if let Some(original) = self.renames.get(name).filter(|o| **o != name) {
                let mut t = cur.into_owned();
                if let TypeKind::Path { segments, .. } = &mut t.kind {
                    if let Some(last) = segments.last_mut() {
                        *last = original.to_string();
                    }
                }
                cur = Cow::Owned(t);
                continue;
            }
            let Some(alias) = self.aliases.get(name) else { return cur };
            if expanded.contains(&alias.name.as_str()) {
                return cur;
            }
            expanded.push(alias.name.as_str());
            let arg_nodes: Vec<usize> = cur.args().iter().map(nodes).collect();
            if substituted_nodes(&alias.target, &alias.params, &arg_nodes) > MAX_EXPANDED_NODES {
                return cur;
            }
            let mut target = alias.target.clone();
            substitute(&mut target, &alias.params, cur.args());
            target.span = cur.span;
            cur = Cow::Owned(target);
        }
        cur
    }
}

/// Expansion stops before a type grows past this many nodes: a generic alias that names
/// itself (`type A<T> = A<(T, T, T)>;`) multiplies its size at every step.
const MAX_EXPANDED_NODES: usize = 4096;

/// The number of nodes of a type.
fn nodes(ty: &TypeExpr) -> usize {
    substituted_nodes(ty, &[], &[])
}

/// The number of nodes `ty` would have once `substitute` put arguments of `arg_nodes`
/// nodes in place of `params`.
fn substituted_nodes(ty: &TypeExpr, params: &[String], arg_nodes: &[usize]) -> usize {
    let sum = |elems: &[TypeExpr]| {
        elems.iter().fold(0usize, |n, t| n.saturating_add(substituted_nodes(t, params, arg_nodes)))
    };
    match &ty.kind {
        TypeKind::Path { segments, args } if segments.len() == 1 && args.is_empty() => {
            params.iter().position(|p| p == &segments[0]).and_then(|i| arg_nodes.get(i).copied()).unwrap_or(1)
        }
        TypeKind::Path { args, .. } => sum(args).saturating_add(1),
        TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) | TypeKind::Array { elem, .. } => {
            substituted_nodes(elem, params, arg_nodes).saturating_add(1)
        }
        TypeKind::Tuple(elems) => sum(elems).saturating_add(1),
        TypeKind::Traits(_) | TypeKind::Other => 1,
    }
}

/// Replaces the alias parameters named in `params` by `args` inside `ty`.
fn substitute(ty: &mut TypeExpr, params: &[String], args: &[TypeExpr]) {
    if let TypeKind::Path { segments, args: inner } = &ty.kind {
        if segments.len() == 1 && inner.is_empty() {
            if let Some(i) = params.iter().position(|p| p == &segments[0]) {
                if let Some(arg) = args.get(i) {
                    *ty = arg.clone();
                }
                return;
            }
        }
    }
    match &mut ty.kind {
        TypeKind::Path { args: inner, .. } => inner.iter_mut().for_each(|t| substitute(t, params, args)),
        TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) | TypeKind::Array { elem, .. } => {
            substitute(elem, params, args)
        }
        TypeKind::Tuple(elems) => elems.iter_mut().for_each(|t| substitute(t, params, args)),
        TypeKind::Traits(_) | TypeKind::Other => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maptypes::MapKind;

    fn field_types(text: &str) -> (FileFacts, Vec<TypeExpr>) {
        let file = crate::syntax::parse_file(text).expect("parses");
        let facts = crate::facts::extract(&file, Default::default(), false, &Settings::default());
        let types = facts.structs.iter().flat_map(|s| s.fields.iter().map(|f| f.ty.clone())).collect();
        (facts, types)
    }

    #[test]
    fn aliases_expand_but_never_explode() {
        let settings = Settings::default();
        let (facts, types) = field_types(
            "type Map<V> = std::collections::HashMap<String, V>;\n\
             type A<T> = A<(T, T, T, T, T, T, T, T)>;\n\
             struct S { m: Map<u8>, a: A<u8> }\n",
        );
        let index = PackageIndex::new(
            None,
            vec![IndexedFile { display: "lib.rs", facts: &facts, report: true, module: vec![] }],
            &settings,
        );
        assert_eq!(index.map_kind_of(&types[0]), Some(MapKind::Hash));
        assert_eq!(index.expand(&types[0]).args().len(), 2);
        // Each step multiplies the self-referential alias by eight: expansion stops
        // before the type passes the node limit.
        let expanded = index.expand(&types[1]);
        assert!(nodes(&expanded) <= MAX_EXPANDED_NODES, "{} nodes", nodes(&expanded));
        assert_eq!(index.map_kind_of(&types[1]), None);
    }
}

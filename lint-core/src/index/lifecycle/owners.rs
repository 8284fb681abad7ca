//! Owners of maps across a package (SPEC §1): the structs whose owners go away (every
//! place holding them releases them, or they are only ever local values), the map fields
//! of actors (grown inside an event loop), and key types bounded by the program.

use std::collections::{BTreeMap, BTreeSet};

use crate::facts::lifecycle::builds::BuildCtx;
use crate::facts::lifecycle::{Root, SiteKind};
use crate::facts::StructDef;
use crate::index::names::{ItemId, ModId};
use crate::index::PackageIndex;
use crate::types::{TypeExpr, TypeKind};

/// Methods called from an event loop are followed this deep.
const MAX_CALL_DEPTH: usize = 3;

/// How a field holds a struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// By value or through wrappers (`through_rc`: an `Arc`/`Rc` is on the way).
    Plain { through_rc: bool },
    /// In an `Option`.
    Optional,
    /// As an element or value of a collection.
    Collection,
    /// As a future or stream of a collection that drops each when it completes
    /// (`FuturesUnordered`, `JoinSet`): released without removal evidence.
    Drained,
}

/// Collections whose elements come and go.
fn is_collection(name: &str) -> bool {
    matches!(name, "Vec" | "VecDeque" | "LinkedList" | "BinaryHeap" | "Slab" | "SmallVec" | "BTreeMap" | "BTreeSet")
}

/// Collections of futures or streams that drop each as it completes.
fn is_drained(name: &str) -> bool {
    matches!(name, "FuturesUnordered" | "FuturesOrdered" | "JoinSet" | "SelectAll")
}

impl<'a> PackageIndex<'a> {
    /// How `ty` holds the struct `target`, if it does (the first occurrence).
    fn form_of(&self, ty: &TypeExpr, target: &str, depth: usize) -> Option<Form> {
        if depth > 16 {
            return None;
        }
        let expanded = self.expand(ty);
        match &expanded.kind {
            TypeKind::Path { segments, args } => {
                let name = segments.last()?.as_str();
                if name == target {
                    return Some(Form::Plain { through_rc: false });
                }
                // A weak reference keeps nothing alive.
                if name == "Weak" {
                    return None;
                }
                let (i, inner) =
                    args.iter().enumerate().find_map(|(i, a)| Some((i, self.form_of(a, target, depth + 1)?)))?;
                Some(match (name, inner) {
                    ("Option", Form::Plain { .. }) => Form::Optional,
                    (n, Form::Plain { .. }) if is_drained(n) => Form::Drained,
                    (n, Form::Plain { .. }) if is_collection(n) || self.map_kind(n).is_some() => Form::Collection,
                    ("Arc" | "Rc", Form::Plain { .. }) => Form::Plain { through_rc: true },
                    // A crate-local generic struct holds its argument the way its fields
                    // hold the parameter (`Tracked<F> { futs: FuturesUnordered<F> }`).
                    (n, Form::Plain { through_rc }) => match self.param_form(n, i, depth) {
                        Some(Form::Plain { through_rc: rc }) => Form::Plain { through_rc: through_rc || rc },
                        Some(f) => f,
                        None => inner,
                    },
                    (_, f) => f,
                })
            }
            // A borrow keeps nothing alive: the owner is elsewhere.
            TypeKind::Ref { .. } | TypeKind::Ptr(_) => None,
            TypeKind::Slice(elem) | TypeKind::Array { elem, .. } => {
                self.form_of(elem, target, depth + 1).map(|_| Form::Collection)
            }
            TypeKind::Tuple(elems) => elems.iter().find_map(|e| self.form_of(e, target, depth + 1)),
            TypeKind::Traits(_) | TypeKind::Other => None,
        }
    }

    /// How the fields of the crate-local generic struct `name` hold its type parameter
    /// `index`, when the package has one struct of that name declaring it: the first
    /// field's form.
    fn param_form(&self, name: &str, index: usize, depth: usize) -> Option<Form> {
        let [def] = self.structs_named(name) else { return None };
        let param = def.params.get(index)?;
        def.fields.iter().find_map(|f| self.form_of(&f.ty, param, depth + 1))
    }

    /// Those of `candidates` whose maps are bounded by their owner's life (SPEC §1,
    /// "Owners that go away"), test code aside.
    pub fn released_structs(&self, candidates: &BTreeSet<&str>) -> BTreeSet<String> {
        let mut returned = BTreeSet::new();
        let mut released_fields: BTreeSet<(Option<&str>, &str)> = BTreeSet::new();
        let mut replaced = BTreeSet::new();
        let mut builds: BTreeMap<&str, Vec<&BuildCtx>> = BTreeMap::new();
        for f in self.files.iter().filter(|f| !f.facts.in_test_file) {
            for b in &f.facts.lifecycle.builds {
                builds.entry(b.ty.as_str()).or_default().push(&b.ctx);
            }
        }
        for f in &self.files {
            let lc = &f.facts.lifecycle;
            returned.extend(lc.returned.iter().chain(&lc.escaped).chain(&lc.defaults).map(String::as_str));
            for s in lc.sites.iter().filter(|s| !s.in_test) {
                if !matches!(s.kind, SiteKind::Removal | SiteKind::BulkRemoval | SiteKind::Reassign) {
                    continue;
                }
                match &s.root {
                    Root::TypedField { ty, field } => drop(released_fields.insert((Some(ty.as_str()), field.as_str()))),
                    Root::Field(field) => drop(released_fields.insert((None, field.as_str()))),
                    Root::SelfValue(ty) if s.kind == SiteKind::Reassign => drop(replaced.insert(ty.as_str())),
                    _ => {}
                }
            }
        }
        let defs: Vec<&StructDef> = self.all_structs().filter(|s| !s.in_test).collect();
        let statics: Vec<&TypeExpr> = self
            .files
            .iter()
            .flat_map(|f| f.facts.lifecycle.statics.iter().filter(|s| !s.in_test).map(|s| &s.ty))
            .collect();
        let mut holders: BTreeMap<String, Vec<(&StructDef, &str, &TypeExpr)>> = BTreeMap::new();
        for d in &defs {
            for f in &d.fields {
                let mut names = BTreeSet::new();
                type_names(&self.resolve_type(&f.ty), &mut names, 0);
                for n in names.into_iter().filter(|n| *n != d.name) {
                    holders.entry(n).or_default().push((*d, f.name.as_str(), &f.ty));
                }
            }
        }
        let cx = Cx { index: self, returned, released_fields, replaced, statics, holders, builds };
        let mut memo = BTreeMap::new();
        candidates.iter().filter(|n| cx.released(n, &mut memo, 0)).map(|n| n.to_string()).collect()
    }

    /// Map fields of actors: (struct, field) grown inside an event loop of a method of
    /// the struct taking `&mut self` or `self`, or in a method that loop calls; with the
    /// loop's method.
    /// The struct is resolved in the module of the growth site, and must be one struct.
    pub fn actor_fields(&self) -> BTreeMap<(ItemId, String), String> {
        let mut out = BTreeMap::new();
        for f in &self.files {
            let lc = &f.facts.lifecycle;
            for (id, info) in lc.funcs.iter().enumerate() {
                let (Some(ty), true, true) = (&info.ty, info.owns_self, info.event_loop) else { continue };
                if f.facts.in_test_file {
                    continue;
                }
                // Methods reached from the loop, by name.
                let mut called: BTreeSet<&str> = lc
                    .self_calls
                    .iter()
                    .filter(|(c, _, in_loop)| *c as usize == id && *in_loop)
                    .map(|(_, m, _)| m.as_str())
                    .collect();
                for _ in 1..MAX_CALL_DEPTH {
                    let more: Vec<&str> = self
                        .files
                        .iter()
                        .flat_map(|g| {
                            let l = &g.facts.lifecycle;
                            l.self_calls.iter().filter(|(c, _, _)| {
                                l.funcs.get(*c as usize).is_some_and(|fi| {
                                    fi.ty.as_deref() == Some(ty.as_str()) && called.contains(fi.name.as_str())
                                })
                            })
                        })
                        .map(|(_, m, _)| m.as_str())
                        .collect();
                    called.extend(more);
                }
                for (gi, g) in self.files.iter().enumerate() {
                    let l = &g.facts.lifecycle;
                    for s in l.sites.iter().filter(|s| s.kind == SiteKind::Growth && !s.in_test) {
                        let Root::TypedField { ty: sty, field } = &s.root else { continue };
                        let Some(fi) = s.func.and_then(|i| l.funcs.get(i as usize)) else { continue };
                        if sty != ty || fi.ty.as_deref() != Some(ty.as_str()) {
                            continue;
                        }
                        let in_loop = std::ptr::eq(g, f) && s.func == Some(id as u32) && s.in_event_loop;
                        if in_loop || called.contains(fi.name.as_str()) {
                            let scope = self.names.scope(gi, &s.module);
                            if let [id] = self.structs_by_path(scope, std::slice::from_ref(ty))[..] {
                                out.entry((id, field.clone())).or_insert_with(|| info.name.clone());
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// Whether a key type is bounded by the program (SPEC §2 ML001): `bool`, `u8`, `i8`,
    /// `()`, `&str` (a borrowed key of a long-lived map is `&'static str`), `TypeId`, a
    /// crate-local enum whose variants carry no data, and tuples, arrays and `Option`s of
    /// these; also `http::StatusCode` (a three-digit code, unless the package defines its
    /// own `StatusCode`).
    /// `key` is resolved in `scope`, the module where its map's type is written.
    pub fn key_bounded(&self, key: &TypeExpr, scope: ModId) -> bool {
        self.bounded_at(&self.resolve_type_in(key, scope), 0)
    }

    fn bounded_at(&self, key: &TypeExpr, depth: usize) -> bool {
        if depth > 8 {
            return false;
        }
        let key = self.expand(key);
        match &key.kind {
            TypeKind::Tuple(elems) => elems.iter().all(|e| self.bounded_at(e, depth + 1)),
            TypeKind::Array { elem, .. } => self.bounded_at(elem, depth + 1),
            TypeKind::Ref { elem, .. } => {
                matches!(&elem.kind, TypeKind::Path { segments, .. } if segments.len() == 1 && segments[0] == "str")
                    || self.bounded_at(elem, depth + 1) && !matches!(elem.kind, TypeKind::Slice(_))
            }
            TypeKind::Path { segments, args } if args.is_empty() => {
                let Some(name) = segments.last() else { return false };
                if matches!(name.as_str(), "bool" | "u8" | "i8" | "TypeId") {
                    return true;
                }
                // Resolved, a name of another crate is spelled with that crate's path and
                // denotes no crate-local type (`local_structs_of`).
                let defs = self.local_structs_of(&key);
                // `http::StatusCode` holds a three-digit code by construction: 900 keys at most.
                (defs.is_empty() && name == "StatusCode")
                    || !defs.is_empty() && defs.iter().all(|d| d.is_enum && d.fields.is_empty())
            }
            // `None` is one more key.
            TypeKind::Path { args, .. } if args.len() == 1 && self.known_name(&key) == Some("Option") => {
                self.bounded_at(&args[0], depth + 1)
            }
            _ => false,
        }
    }
}

/// Every path name in a type.
fn type_names(ty: &TypeExpr, out: &mut BTreeSet<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    match &ty.kind {
        TypeKind::Path { segments, args } => {
            if let Some(last) = segments.last() {
                out.insert(last.clone());
            }
            args.iter().for_each(|a| type_names(a, out, depth + 1));
        }
        TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) | TypeKind::Array { elem, .. } => {
            type_names(elem, out, depth + 1)
        }
        TypeKind::Tuple(elems) => elems.iter().for_each(|e| type_names(e, out, depth + 1)),
        TypeKind::Traits(_) | TypeKind::Other => {}
    }
}

/// What `released` needs about the package.
struct Cx<'i, 'a> {
    index: &'i PackageIndex<'a>,
    /// Types some function returns, lets escape, or builds by `#[derive(Default)]`.
    returned: BTreeSet<&'a str>,
    /// (struct, field) with removal, `take()` or assignment; `None`: any struct.
    released_fields: BTreeSet<(Option<&'a str>, &'a str)>,
    /// Types whose whole value is replaced (`*self = ..`).
    replaced: BTreeSet<&'a str>,
    statics: Vec<&'a TypeExpr>,
    /// The fields whose type names a struct, by the struct's name.
    holders: BTreeMap<String, Vec<(&'a StructDef, &'a str, &'a TypeExpr)>>,
    /// Where the package's functions build each struct (`facts::lifecycle::builds`).
    builds: BTreeMap<&'a str, Vec<&'a BuildCtx>>,
}

impl Cx<'_, '_> {
    /// The fields holding `s`: (holder, field name, form).
    fn places(&self, s: &str) -> Vec<(&StructDef, &str, Form)> {
        let Some(fields) = self.holders.get(s) else { return Vec::new() };
        fields.iter().filter_map(|(d, f, ty)| Some((*d, *f, self.index.form_of(ty, s, 0)?))).collect()
    }

    fn only_local(&self, s: &str) -> bool {
        !self.returned.contains(s)
    }

    fn released(&self, s: &str, memo: &mut BTreeMap<String, bool>, depth: usize) -> bool {
        if let Some(r) = memo.get(s) {
            return *r;
        }
        if depth > 6 {
            return false;
        }
        // Assume not released while deciding (cycles).
        memo.insert(s.to_string(), false);
        let r = self.decide(s, memo, depth);
        memo.insert(s.to_string(), r);
        r
    }

    /// Whether every value of `s` the package builds is built per call of a running
    /// object's method, or into a struct that is (`facts::lifecycle::builds`).
    fn built_per_call(&self, s: &str, depth: usize) -> bool {
        if depth > 4 {
            return false;
        }
        let Some(builds) = self.builds.get(s) else { return false };
        builds.iter().all(|b| match b {
            BuildCtx::PerCall => true,
            BuildCtx::Into(t) => t != s && self.built_per_call(t, depth + 1),
            BuildCtx::Other => false,
        })
    }

    fn decide(&self, s: &str, memo: &mut BTreeMap<String, bool>, depth: usize) -> bool {
        if self.statics.iter().any(|t| self.index.form_of(t, s, 0).is_some()) {
            return false;
        }
        if self.built_per_call(s, 0) {
            return true;
        }
        let places = self.places(s);
        if places.is_empty() {
            return self.only_local(s);
        }
        // An enum's variant goes when the value is assigned anew.
        let is_enum = {
            let defs = self.index.structs_named(s);
            !defs.is_empty() && defs.iter().all(|d| d.is_enum)
        };
        places.iter().all(|(h, field, form)| {
            // A holder that is itself only ever a local value goes away with its function.
            if self.only_local(&h.name) && self.places(&h.name).is_empty() {
                return true;
            }
            let emptied = self.released_fields.contains(&(Some(h.name.as_str()), *field))
                || self.released_fields.contains(&(None, *field));
            match form {
                // A variant holding `s` goes when the enum value is replaced (`*self =
                // ..`) or released by its own holders (an `Option` taken, ...).
                _ if h.is_enum => self.replaced.contains(h.name.as_str()) || self.released(&h.name, memo, depth + 1),
                Form::Drained => true,
                Form::Optional | Form::Collection => emptied,
                Form::Plain { through_rc: false } if is_enum && emptied => true,
                Form::Plain { through_rc: true } => false,
                Form::Plain { through_rc: false } => self.released(&h.name, memo, depth + 1),
            }
        })
    }
}

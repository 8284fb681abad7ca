//! The names of interest of a package: what an unparsed file must mention, define or
//! access before its facts could change a finding. Each part of the facts adds what it
//! knows (`FileFacts`, `TypeFacts` and `LifecycleFacts` each have a `names_of_interest`
//! method); `package_interest` repeats them to a fixpoint.
//!
//! The sets err on the side of too many names: a name too many only parses a file that
//! did not need it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::facts::FileFacts;
use crate::settings::Settings;
use crate::types::{ArrayLen, TypeExpr, TypeKind};

/// Substrings of every built-in map type name (`FxHashMap`, `AHashSet`, ... included).
pub const MAP_SEEDS: &[&str] =
    &["HashMap", "HashSet", "BTreeMap", "BTreeSet", "IndexMap", "IndexSet", "DashMap", "DashSet"];

/// Whether a name holds one of `MAP_SEEDS` (`FxHashMap`, `AHashSet`, ...).
fn is_map_seed(name: &str) -> bool {
    // Every seed ends in `Map` or `Set`.
    (name.contains("Map") || name.contains("Set")) && MAP_SEEDS.iter().any(|s| name.contains(s))
}

/// Path segments that never name a crate-local item.
const NOT_ITEMS: &[&str] = &["crate", "self", "super", "Self", "std", "core", "alloc"];

/// The names of interest of one package.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interest {
    /// Type names that hold a map: configured map types, aliases and renames of map types,
    /// structs and enums with a field that holds one. Each is also in `mention`.
    pub holders: BTreeSet<String>,
    /// Those of `holders` that may name a map itself rather than a struct or enum around
    /// one: configured map types, aliases and renames.
    pub map_like: BTreeSet<String>,
    /// Names that matter wherever a file mentions them: holders and statics holding maps.
    pub mention: BTreeSet<String>,
    /// Names that matter where a file defines them (`struct`, `enum`, `type`, `use .. as`,
    /// `const`, `static`): every type name written in a type that holds a map, and in the
    /// fields of the crate-local types named there.
    pub define: BTreeSet<String>,
    /// Named fields that hold maps: they matter where a file accesses one on another
    /// receiver than `self` (`x.name`, which the package resolves by the field's name).
    pub field: BTreeSet<String>,
    /// Those of `field` that a single parsed struct declares: another struct declaring a
    /// field of that name (`name: T`) would make `x.name` ambiguous.
    pub field_decl: BTreeSet<String>,
    /// Crate-local types named in a map's type, whose hand-written `Hash`, `PartialEq`,
    /// `Ord` and `PartialOrd` impls matter: a file that mentions one and one of those
    /// traits.
    pub implemented: BTreeSet<String>,
    /// Functions and methods that may return a long-lived map (accessors), or whose
    /// callers decide a fact: a file that calls or defines one (`name(`).
    pub called: BTreeSet<String>,
    /// Those of `called` that are accessors which may return a map (`Root::Call`).
    pub accessors: BTreeSet<String>,
    /// Functions and methods whose definition alone matters (a helper a map goes through,
    /// a function handed a map, one a pending finding asks about): a file that defines one
    /// (`fn name`).
    pub defined: BTreeSet<String>,
    /// Functions and methods whose definition matters only in an impl of one of the types
    /// (or traits) named, by name: a call qualified by a type (`Type::f(..)`) hands them a
    /// map (`FnOwner::answers`). A file that defines one and names one of its types where
    /// an impl or a trait may name it.
    pub defined_in: BTreeMap<String, BTreeSet<String>>,
    /// The parameters, by function name and index (receiver not counted), that some call
    /// hands what may be a map: only those parameters may reach one (`Root::Param`).
    pub params: BTreeMap<String, BTreeSet<usize>>,
}

/// Adds a name to a set, unless it names nothing (`_`, empty).
fn add(set: &mut BTreeSet<String>, name: &str) {
    if !name.is_empty() && name != "_" && !set.contains(name) {
        set.insert(name.to_string());
    }
}

impl Interest {
    /// The interest every package starts from: the configured map types.
    pub fn new(settings: &Settings) -> Interest {
        let mut ix = Interest::default();
        for m in &settings.map_types {
            ix.map_like(m);
        }
        ix
    }

    /// Whether a type name denotes a map or a type holding one.
    pub fn is_holder(&self, name: &str) -> bool {
        is_map_seed(name) || self.holders.contains(name)
    }

    /// Whether a written type names a map or a type holding one anywhere inside.
    pub fn holds(&self, ty: &TypeExpr) -> bool {
        let mut found = false;
        for_each_name(ty, &mut |n| found |= self.is_holder(n), 0);
        found
    }

    pub fn holder(&mut self, name: &str) {
        add(&mut self.holders, name);
        self.mention(name);
    }

    /// A holder that may name a map itself (see `map_like`).
    pub fn map_like(&mut self, name: &str) {
        add(&mut self.map_like, name);
        self.holder(name);
    }

    /// Whether a written type may name a map itself, not only a struct or enum around
    /// one: a built-in map type or a `map_like` name anywhere inside.
    pub fn may_name_map(&self, ty: &TypeExpr) -> bool {
        let mut found = false;
        for_each_name(ty, &mut |n| found |= is_map_seed(n) || self.map_like.contains(n), 0);
        found
    }

    pub fn mention(&mut self, name: &str) {
        add(&mut self.mention, name);
    }

    pub fn define(&mut self, name: &str) {
        if !NOT_ITEMS.contains(&name) {
            add(&mut self.define, name);
        }
    }

    /// Every name a written type makes the package look up (the last segment of each
    /// path, array length constants), for `define`.
    pub fn define_all(&mut self, ty: &TypeExpr) {
        for_each_item_name(ty, &mut |n| self.define(n), 0);
    }

    /// The names of a type holding maps that the package looks up to judge them, for
    /// `define`: every name inside a map (or a type holding one) and the names of the types
    /// around it. A name beside the map (`Error` in `Result<HashMap<K, V>, Error>`) is
    /// looked up only to find maps in it, and a file that makes it hold one names a map
    /// or a holder.
    pub fn define_maps(&mut self, ty: &TypeExpr) {
        self.define_around_maps(ty, 0);
    }

    /// Defines the names on the way to and inside the maps of `ty`; true when it holds one.
    fn define_around_maps(&mut self, ty: &TypeExpr, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        let inside = |ix: &mut Interest, t: &TypeExpr| for_each_item_name(t, &mut |n| ix.define(n), depth);
        match &ty.kind {
            TypeKind::Path { segments, args } => {
                let name = segments.last().map(String::as_str).unwrap_or("");
                if self.is_holder(name) {
                    inside(self, ty);
                    return true;
                }
                let mut holds = false;
                for a in args {
                    holds |= self.define_around_maps(a, depth + 1);
                }
                if holds {
                    self.define(name);
                }
                holds
            }
            TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) => {
                self.define_around_maps(elem, depth + 1)
            }
            TypeKind::Array { elem, len } => {
                let holds = self.define_around_maps(elem, depth + 1);
                if let (true, ArrayLen::Const(c)) = (holds, len) {
                    self.define(c);
                }
                holds
            }
            TypeKind::Tuple(elems) => {
                let mut holds = false;
                for e in elems {
                    holds |= self.define_around_maps(e, depth + 1);
                }
                holds
            }
            TypeKind::Traits(_) | TypeKind::Other => false,
        }
    }

    /// A field that holds a map. Tuple fields are left out: `x.0` is never resolved by the
    /// field's name, and `self.0` names its impl's type, a holder.
    pub fn field(&mut self, name: &str) {
        if !name.starts_with(|c: char| c.is_ascii_digit()) {
            add(&mut self.field, name);
        }
    }

    pub fn implemented(&mut self, name: &str) {
        add(&mut self.implemented, name);
    }

    pub fn called(&mut self, name: &str) {
        add(&mut self.called, name);
    }

    /// An accessor that may return a map: a file calling it may reach the map.
    pub fn accessor(&mut self, name: &str) {
        add(&mut self.accessors, name);
        self.called(name);
    }

    pub fn defined(&mut self, name: &str) {
        add(&mut self.defined, name);
    }

    /// A function whose definition matters in an impl of `ty` (or a trait `ty`) only.
    pub fn defined_in(&mut self, name: &str, ty: &str) {
        if !name.is_empty() && !self.defined_in.get(name).is_some_and(|s| s.contains(ty)) {
            self.defined_in.entry(name.to_string()).or_default().insert(ty.to_string());
        }
    }

    /// A call hands what may be a map to parameter `index` of function `name`.
    pub fn param(&mut self, name: &str, index: usize) {
        if !self.params.get(name).is_some_and(|s| s.contains(&index)) {
            self.params.entry(name.to_string()).or_default().insert(index);
        }
    }

    /// Whether parameter `index` of function `name` may reach a map.
    pub fn is_param(&self, name: &str, index: usize) -> bool {
        self.params.get(name).is_some_and(|s| s.contains(&index))
    }

    /// Whether a function of this name matters, for its calls or its definition.
    pub fn is_function(&self, name: &str) -> bool {
        self.called.contains(name) || self.defined.contains(name) || self.defined_in.contains_key(name)
    }

    fn sets(&self) -> [&BTreeSet<String>; 10] {
        [
            &self.holders,
            &self.map_like,
            &self.mention,
            &self.define,
            &self.field,
            &self.field_decl,
            &self.implemented,
            &self.called,
            &self.accessors,
            &self.defined,
        ]
    }

    /// The number of names, to detect a fixpoint.
    pub fn len(&self) -> usize {
        self.sets().iter().map(|s| s.len()).sum::<usize>()
            + self.params.values().map(BTreeSet::len).sum::<usize>()
            + self.defined_in.values().map(BTreeSet::len).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.sets().iter().all(|s| s.is_empty()) && self.params.is_empty() && self.defined_in.is_empty()
    }

    /// The names of `self` that `other` lacks.
    pub fn minus(&self, other: &Interest) -> Interest {
        let diff = |a: &BTreeSet<String>, b: &BTreeSet<String>| a.difference(b).cloned().collect();
        Interest {
            holders: diff(&self.holders, &other.holders),
            map_like: diff(&self.map_like, &other.map_like),
            mention: diff(&self.mention, &other.mention),
            define: diff(&self.define, &other.define),
            field: diff(&self.field, &other.field),
            field_decl: diff(&self.field_decl, &other.field_decl),
            implemented: diff(&self.implemented, &other.implemented),
            called: diff(&self.called, &other.called),
            accessors: diff(&self.accessors, &other.accessors),
            defined: diff(&self.defined, &other.defined),
            // A type is new for a name unless `other` looked for the name's definition
            // anywhere, or in that type's impls.
            defined_in: self
                .defined_in
                .iter()
                .filter(|(name, _)| !other.defined.contains(*name))
                .filter_map(|(name, tys)| {
                    let seen = other.defined_in.get(name);
                    let new: BTreeSet<String> =
                        tys.iter().filter(|t| !seen.is_some_and(|s| s.contains(*t))).cloned().collect();
                    (!new.is_empty()).then(|| (name.clone(), new))
                })
                .collect(),
            params: self
                .params
                .iter()
                .filter_map(|(name, set)| {
                    let new: BTreeSet<usize> = set.iter().filter(|i| !other.is_param(name, **i)).copied().collect();
                    (!new.is_empty()).then(|| (name.clone(), new))
                })
                .collect(),
        }
    }
}

/// The interest of a package whose parsed files have these facts: `grow` from the
/// configured map types, then `with_declarations`.
pub fn package_interest<'a>(facts: impl Iterator<Item = &'a FileFacts> + Clone, settings: &Settings) -> Interest {
    let mut ix = Interest::new(settings);
    grow(&mut ix, facts.clone());
    with_declarations(&ix, facts)
}

/// Adds every part's `names_of_interest` to `ix`, again until no name is added. Facts
/// only add names, so a package's interest can grow from that of a subset of its files.
pub fn grow<'a>(ix: &mut Interest, facts: impl Iterator<Item = &'a FileFacts> + Clone) {
    loop {
        let before = ix.len();
        for f in facts.clone() {
            f.names_of_interest(ix);
        }
        if ix.len() == before {
            return;
        }
    }
}

/// `ix` with `field_decl`: the map fields whose name a single parsed struct declares.
pub fn with_declarations<'a>(ix: &Interest, facts: impl Iterator<Item = &'a FileFacts>) -> Interest {
    let mut declared: BTreeMap<&str, usize> = BTreeMap::new();
    for f in facts {
        for s in f.structs.iter().filter(|s| !s.is_enum) {
            for fd in s.fields.iter().filter(|fd| ix.field.contains(&fd.name)) {
                *declared.entry(fd.name.as_str()).or_default() += 1;
            }
        }
    }
    let mut out = ix.clone();
    out.field_decl.clear();
    for (name, _) in declared.into_iter().filter(|(_, n)| *n == 1) {
        add(&mut out.field_decl, name);
    }
    out
}

/// Calls `f` with the names a type makes the package look up: the last segment of each
/// path and array length constants.
fn for_each_item_name(ty: &TypeExpr, f: &mut dyn FnMut(&str), depth: usize) {
    if depth > 64 {
        return;
    }
    match &ty.kind {
        TypeKind::Path { segments, args } => {
            if let Some(last) = segments.last() {
                f(last);
            }
            args.iter().for_each(|a| for_each_item_name(a, f, depth + 1));
        }
        TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) => {
            for_each_item_name(elem, f, depth + 1)
        }
        TypeKind::Array { elem, len } => {
            if let ArrayLen::Const(c) = len {
                f(c);
            }
            for_each_item_name(elem, f, depth + 1);
        }
        TypeKind::Tuple(elems) => elems.iter().for_each(|e| for_each_item_name(e, f, depth + 1)),
        TypeKind::Traits(_) | TypeKind::Other => {}
    }
}

/// Calls `f` with every name written in a type: path segments, trait names and array
/// length constants.
pub fn for_each_name(ty: &TypeExpr, f: &mut dyn FnMut(&str), depth: usize) {
    if depth > 64 {
        return;
    }
    match &ty.kind {
        TypeKind::Path { segments, args } => {
            segments.iter().for_each(|s| f(s));
            args.iter().for_each(|a| for_each_name(a, f, depth + 1));
        }
        TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) => for_each_name(elem, f, depth + 1),
        TypeKind::Array { elem, len } => {
            if let ArrayLen::Const(c) = len {
                f(c);
            }
            for_each_name(elem, f, depth + 1);
        }
        TypeKind::Tuple(elems) => elems.iter().for_each(|e| for_each_name(e, f, depth + 1)),
        TypeKind::Traits(names) => names.iter().for_each(|n| f(n)),
        TypeKind::Other => {}
    }
}

#[cfg(test)]
mod tests;

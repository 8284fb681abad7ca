//! Resolving the sites of every file to the long-lived maps they reach: a root names a
//! place (a static, a struct field, a whole struct value), possibly through accessor
//! functions; a place holds a map, or a struct whose map fields a replacement or an
//! escape reaches too.

use std::collections::HashMap;

use super::held::Holding;
use super::{LongLivedMap, Owner, Reach};
use crate::facts::lifecycle::{vocab, Accessor, Call, FieldAlias, FnOwner, Pass, Root, Site, SiteKind, StaticDecl};
use crate::facts::{FieldDef, StructDef};
use crate::index::names::{ItemId, ModId, Resolution};
use crate::index::PackageIndex;
use crate::maptypes::MapKind;

/// The access-chain steps that reach inside a lock or cell with write access.
const WRITE_ACCESS: u32 = vocab::LOCK | vocab::WRITE | vocab::BORROW_MUT | vocab::GET_MUT;

/// Accessors calling accessors are followed this deep.
const MAX_ACCESSOR_DEPTH: usize = 3;

/// Something a root can denote.
#[derive(Clone, Copy)]
pub(super) enum Place<'a> {
    Static(&'a StaticDecl),
    Field(&'a StructDef, &'a FieldDef),
    /// The whole value of a struct type (`*self = ..`).
    Whole(ItemId),
}

/// A place reached by a root, with the access chain and clone flag of accessors on the
/// way.
pub(super) struct Target<'a> {
    pub(super) place: Place<'a>,
    chain: u32,
    via_clone: bool,
}

/// Lookup tables for one package.
pub(super) struct Tables<'a> {
    statics: HashMap<&'a str, Vec<(usize, &'a StaticDecl)>>,
    local_statics: HashMap<(usize, u32), &'a StaticDecl>,
    fields_by_name: HashMap<&'a str, Vec<(&'a StructDef, &'a FieldDef)>>,
    accessors: HashMap<&'a str, Vec<(usize, &'a Accessor)>>,
    /// Map index by the address of its declaration.
    map_of: HashMap<usize, usize>,
    /// Map indices of the fields of each struct.
    maps_in_struct: HashMap<ItemId, Vec<usize>>,
    /// What each static's or field's type holds, by the address of its declaration:
    /// computed once, however many sites reach it.
    pub(super) holdings: HashMap<usize, Holding>,
    /// Passthrough helpers: (name, is a function) -> chain.
    passthroughs: HashMap<(&'a str, bool), u32>,
    /// Rooted arguments by (callee, index), with their file.
    passes: HashMap<(&'a str, usize), Vec<(usize, &'a Pass)>>,
    /// Fields initialised from a rooted clone, by field name, with their file.
    field_aliases: HashMap<&'a str, Vec<(usize, &'a FieldAlias)>>,
    /// The package's functions and methods by name, with where each is written (test
    /// code aside).
    functions: HashMap<&'a str, Vec<FnOwner>>,
    /// Method calls by name, with their file (test files aside).
    pub(super) calls: HashMap<&'a str, Vec<(usize, &'a Call)>>,
}

pub(super) fn addr<T>(x: &T) -> usize {
    x as *const T as usize
}

impl<'a> PackageIndex<'a> {
    pub(super) fn tables(&self, maps: &[LongLivedMap<'a>]) -> Tables<'a> {
        let mut t = Tables {
            statics: HashMap::new(),
            local_statics: HashMap::new(),
            fields_by_name: HashMap::new(),
            accessors: HashMap::new(),
            map_of: HashMap::new(),
            maps_in_struct: HashMap::new(),
            holdings: HashMap::new(),
            passthroughs: HashMap::new(),
            passes: HashMap::new(),
            field_aliases: HashMap::new(),
            functions: Default::default(),
            calls: HashMap::new(),
        };
        for (fi, f) in self.files.iter().enumerate() {
            let lc = &f.facts.lifecycle;
            for st in &lc.statics {
                match st.local_id {
                    Some(id) => drop(t.local_statics.insert((fi, id), st)),
                    None => t.statics.entry(st.name.as_str()).or_default().push((fi, st)),
                }
            }
            for a in lc.accessors.iter().filter(|a| !a.in_test) {
                t.accessors.entry(a.name.as_str()).or_default().push((fi, a));
            }
            for p in lc.passthroughs.iter().filter(|p| !p.in_test) {
                *t.passthroughs.entry((p.name.as_str(), p.param)).or_default() |= p.chain;
            }
            for p in lc.passes.iter().filter(|p| !p.in_test) {
                t.passes.entry((p.callee.as_str(), p.index)).or_default().push((fi, p));
            }
            for a in &lc.field_aliases {
                t.field_aliases.entry(a.field.as_str()).or_default().push((fi, a));
            }
            if !f.facts.in_test_file {
                for f in &lc.funcs {
                    let owner = FnOwner { ty: f.ty.clone(), of_trait: f.of_trait.clone() };
                    t.functions.entry(f.name.as_str()).or_default().push(owner);
                }
                for c in &lc.calls {
                    t.calls.entry(c.name.as_str()).or_default().push((fi, c));
                }
            }
            for s in f.facts.structs.iter().filter(|s| !s.is_enum) {
                let scope = self.names.scope(fi, &s.module);
                for field in &s.fields {
                    t.fields_by_name.entry(field.name.as_str()).or_default().push((s, field));
                    t.holdings.insert(addr(field), self.holding(&field.ty, scope));
                }
            }
            for st in &lc.statics {
                t.holdings.insert(addr(st), self.holding(&st.ty, self.names.scope(fi, &st.module)));
            }
        }
        for (i, m) in maps.iter().enumerate() {
            match m.owner {
                Owner::Static(s) => drop(t.map_of.insert(addr(s), i)),
                Owner::Field { strukt, field } => {
                    t.map_of.insert(addr(field), i);
                    if let Some(id) = self.names.id_of(strukt) {
                        t.maps_in_struct.entry(id).or_default().push(i);
                    }
                }
            }
        }
        t
    }

    /// Attaches to each map the sites that reach it.
    pub(super) fn attach_sites(&self, maps: &mut [LongLivedMap<'a>]) {
        let t = self.tables(maps);
        let mut found: Vec<Vec<Reach<'a>>> = vec![Vec::new(); maps.len()];
        let mut teardowns = std::collections::BTreeMap::new();
        for (fi, f) in self.files.iter().enumerate() {
            for site in &f.facts.lifecycle.sites {
                if self.escapes_to_own_function(&t, site) {
                    continue;
                }
                let scope = self.names.scope(fi, &site.module);
                // Teardown in `impl Drop` of the map's owner is no removal during its life.
                // Leaving a removal out can make a finding: the owner must be certain.
                let torn_down = site.drop_of.as_ref().map(|d| {
                    let ids = self.structs_by_path(scope, std::slice::from_ref(d));
                    if ids.len() == 1 {
                        self.structs_inside(&ids, true)
                    } else {
                        Default::default()
                    }
                });
                let Some((root, chain)) = through_helpers(&t, site) else { continue };
                let teardown = site.kind == SiteKind::BulkRemoval && self.at_teardown(&t, fi, site, &mut teardowns);
                let (targets, certain) = self.targets(&t, fi, scope, &root, 0);
                for mut target in targets {
                    target.chain |= chain;
                    for i in self.maps_reached(&t, maps, site, &target, certain) {
                        if let (Some(within), Owner::Field { strukt, .. }) = (&torn_down, maps[i].owner) {
                            if self.names.id_of(strukt).is_some_and(|id| within.contains(&id)) {
                                continue;
                            }
                        }
                        let here = found[i].iter().any(|r| std::ptr::eq(r.site, site));
                        if (!site.in_test || maps[i].in_test()) && !here {
                            found[i].push(Reach { file: fi, site, certain, teardown });
                        }
                    }
                }
            }
        }
        for (m, sites) in maps.iter_mut().zip(found) {
            m.sites = sites;
        }
    }

    /// A map handed to a function of the package: that function's own sites (through its
    /// parameter) say what happens to it.
    /// A parameter handed on is no evidence either: whether it is a map at all depends on
    /// its callers.
    fn escapes_to_own_function(&self, t: &Tables<'a>, site: &Site) -> bool {
        if site.kind != SiteKind::Escape {
            return false;
        }
        if matches!(site.root, Root::Param { .. }) {
            return true;
        }
        let callee = site.method.split('`').nth(1).unwrap_or("");
        let (qualifier, name) = match callee.rsplit_once("::") {
            Some((q, name)) => (Some(q), name),
            None => (None, callee),
        };
        t.functions.get(name).is_some_and(|owners| owners.iter().any(|o| o.answers(qualifier)))
    }

    /// The places a root written in `file`, module `scope`, denotes, and whether it
    /// denotes exactly one.
    pub(super) fn targets(
        &self,
        t: &Tables<'a>,
        file: usize,
        scope: ModId,
        root: &Root,
        depth: usize,
    ) -> (Vec<Target<'a>>, bool) {
        let plain = |places: Vec<Place<'a>>| {
            let certain = places.len() == 1;
            (places.into_iter().map(|place| Target { place, chain: 0, via_clone: false }).collect(), certain)
        };
        match root {
            Root::Static(name) => {
                let all = t.statics.get(name.as_str()).map_or(&[][..], Vec::as_slice);
                let chosen: Vec<_> = match self.statics_by_name(scope, name) {
                    (ids, Resolution::Items(_)) => {
                        all.iter().filter(|(_, s)| self.names.id_of(*s).is_some_and(|i| ids.contains(&i))).collect()
                    }
                    (_, Resolution::External) => Vec::new(),
                    // Unresolved: a static of this file, else every static of the name.
                    (_, Resolution::Unknown) => {
                        let here: Vec<_> = all.iter().filter(|(f, _)| *f == file).collect();
                        if here.is_empty() {
                            all.iter().collect()
                        } else {
                            here
                        }
                    }
                };
                plain(chosen.into_iter().map(|(_, s)| Place::Static(s)).collect())
            }
            Root::LocalStatic(id) => {
                plain(t.local_statics.get(&(file, *id)).map(|s| Place::Static(s)).into_iter().collect())
            }
            Root::Param { func, index, owner } if depth < MAX_ACCESSOR_DEPTH => {
                let passes = t.passes.get(&(func.as_str(), *index)).map_or(&[][..], Vec::as_slice);
                let mut out = Vec::new();
                for (pf, p) in passes.iter().filter(|(_, p)| owner.answers(p.qualifier.as_deref())) {
                    let pscope = self.names.scope(*pf, &p.module);
                    let (inner, _) = self.targets(t, *pf, pscope, &p.root, depth + 1);
                    out.extend(inner.into_iter().map(|x| Target {
                        place: x.place,
                        chain: x.chain | p.chain,
                        via_clone: x.via_clone || p.via_clone,
                    }));
                }
                // A parameter may receive other maps from callers out of sight.
                (out, false)
            }
            Root::Param { .. } => (Vec::new(), false),
            Root::TypedField { ty, field } => {
                let ids = self.structs_by_path(scope, std::slice::from_ref(ty));
                let (mut out, certain) = plain(
                    ids.iter()
                        .flat_map(|id| self.names.get(*id).structs.iter().filter(|s| !s.is_enum))
                        .flat_map(|s| s.fields.iter().filter(|f| &f.name == field).map(move |f| Place::Field(s, f)))
                        .collect(),
                );
                self.aliased(t, Some(&ids), field, depth, &mut out);
                (out, certain)
            }
            Root::Field(name) => {
                let (mut out, certain) = plain(
                    t.fields_by_name
                        .get(name.as_str())
                        .into_iter()
                        .flatten()
                        .map(|(s, f)| Place::Field(s, f))
                        .collect(),
                );
                self.aliased(t, None, name, depth, &mut out);
                (out, certain)
            }
            Root::SelfValue(ty) => match self.structs_by_path(scope, std::slice::from_ref(ty)).first() {
                Some(id) => plain(vec![Place::Whole(*id)]),
                None => (Vec::new(), false),
            },
            Root::Call { name, direct } if depth < MAX_ACCESSOR_DEPTH => {
                let accessors = t.accessors.get(name.as_str()).map_or(&[][..], Vec::as_slice);
                let mut out = Vec::new();
                let mut certain = *direct && accessors.len() == 1;
                for (af, a) in accessors {
                    let scope = self.names.scope(*af, &a.module);
                    let (inner, c) = self.targets(t, *af, scope, &a.root, depth + 1);
                    certain &= c;
                    out.extend(inner.into_iter().map(|x| Target {
                        place: x.place,
                        chain: x.chain | a.chain,
                        via_clone: x.via_clone || a.via_clone,
                    }));
                }
                (out, certain)
            }
            Root::Call { .. } => (Vec::new(), false),
        }
    }

    /// The places of the maps a field was initialised from by a shared clone.
    /// With `ty`, only fields of those structs (any candidate of the alias's struct name:
    /// an alias only adds places a removal may reach).
    fn aliased(&self, t: &Tables<'a>, ty: Option<&[ItemId]>, field: &str, depth: usize, out: &mut Vec<Target<'a>>) {
        if depth >= MAX_ACCESSOR_DEPTH {
            return;
        }
        for (af, a) in t.field_aliases.get(field).into_iter().flatten() {
            let ascope = self.names.scope(*af, &a.module);
            if let Some(ids) = ty {
                let of = self.structs_by_path(ascope, std::slice::from_ref(&a.ty));
                if !of.iter().any(|id| ids.contains(id)) {
                    continue;
                }
            }
            let (inner, _) = self.targets(t, *af, ascope, &a.root, depth + 1);
            out.extend(inner.into_iter().map(|x| Target { place: x.place, chain: x.chain, via_clone: true }));
        }
    }

    /// The maps a site reaches through one target place.
    fn maps_reached(
        &self,
        t: &Tables<'a>,
        maps: &[LongLivedMap<'a>],
        site: &Site,
        target: &Target<'a>,
        certain: bool,
    ) -> Vec<usize> {
        let chain = site.chain | target.chain;
        let via_clone = site.via_clone || target.via_clone;
        let shared_escape = site.kind == SiteKind::Escape && site.method.starts_with("& ");
        let (decl, owner_struct) = match target.place {
            Place::Static(s) => (Some(addr(s)), None),
            Place::Field(s, f) => (Some(addr(f)), Some(s.name.as_str())),
            Place::Whole(id) => (None, Some(self.names.get(id).name)),
        };
        let holding = match (decl.and_then(|d| t.holdings.get(&d)), target.place) {
            (Some(h), _) => h.clone(),
            (None, Place::Whole(id)) => Holding::Struct {
                ids: vec![id],
                behind_im: false,
                only_local_cells: false,
                shared_by_clone: false,
                behind_lock: false,
                through_rc: false,
                only_rwlock: false,
            },
            (None, _) => Holding::Nothing,
        };
        match holding {
            Holding::Map(held) => {
                let key = match target.place {
                    Place::Static(s) => addr(s),
                    Place::Field(_, f) => addr(f),
                    Place::Whole(_) => return Vec::new(),
                };
                let Some(&i) = t.map_of.get(&key) else { return Vec::new() };
                if via_clone && !held.shared_by_clone {
                    return Vec::new();
                }
                if shared_escape && !held.behind_im && held.kind != MapKind::Dash {
                    return Vec::new();
                }
                let in_construction = matches!(maps[i].owner, Owner::Field { .. })
                    && site.constructs.is_some()
                    && site.constructs.as_deref() == owner_struct;
                if site.kind == SiteKind::Growth && (!certain || !held.writable_through(chain) || in_construction) {
                    return Vec::new();
                }
                if site.kind == SiteKind::Reassign && in_construction {
                    return Vec::new();
                }
                vec![i]
            }
            // Replacing a whole struct value replaces the maps inside it.
            // An assignment to a value that only shares a map through an `Arc`/`Rc` leaves
            // the map alive in its other holders.
            // Through the lock the `Arc` shares (`*self.s.lock() = S::default()`,
            // `mem::take(&mut *guard)`), the value every holder sees is replaced.
            Holding::Struct { ids, shared_by_clone, through_rc, behind_lock, .. }
                if site.kind == SiteKind::Reassign && certain =>
            {
                let inside_cell = behind_lock && chain & WRITE_ACCESS != 0;
                if (via_clone && !shared_by_clone) || (through_rc && !inside_cell) {
                    return Vec::new();
                }
                let within = self.structs_inside(&ids, true);
                within
                    .iter()
                    .flat_map(|s| t.maps_in_struct.get(s).into_iter().flatten().copied())
                    .filter(|i| !maps[*i].held.through_rc)
                    .collect()
            }
            _ => Vec::new(),
        }
    }
}

/// The root a site reaches once its helpers are looked through, with their access chain:
/// each helper must return its receiver (or parameter) through the chain; a method that
/// is no such helper is taken as an accessor of that name (as before the helpers), a
/// function that is none leaves the site unrooted.
fn through_helpers(t: &Tables<'_>, site: &Site) -> Option<(Root, u32)> {
    resolve_through(t, &site.root, &site.through)
}

/// `through_helpers` for a root reached through the methods and functions `through`.
pub(super) fn resolve_through(t: &Tables<'_>, root: &Root, through: &[String]) -> Option<(Root, u32)> {
    let mut chain = 0;
    for (i, name) in through.iter().enumerate() {
        let (name, param) = match name.strip_prefix("fn ") {
            Some(n) => (n, true),
            None => (name.as_str(), false),
        };
        match t.passthroughs.get(&(name, param)) {
            Some(c) => chain |= c,
            None if param => return None,
            None => {
                let last = through[i..].iter().rev().find(|n| !n.starts_with("fn "))?;
                return Some((Root::Call { name: last.clone(), direct: false }, 0));
            }
        }
    }
    Some((root.clone(), chain))
}

//! Resolving the sites of every file to the long-lived maps they reach: a root names a
//! place (a static, a struct field, a whole struct value), possibly through accessor
//! functions; a place holds a map, or a struct whose map fields a replacement or an
//! escape reaches too.

use std::collections::HashMap;

use super::held::Holding;
use super::{LongLivedMap, Owner};
use crate::facts::lifecycle::{Accessor, Root, Site, SiteKind, StaticDecl};
use crate::facts::{FieldDef, StructDef};
use crate::index::names::{ItemId, ModId, Resolution};
use crate::index::PackageIndex;
use crate::maptypes::MapKind;

/// Accessors calling accessors are followed this deep.
const MAX_ACCESSOR_DEPTH: usize = 3;

/// Something a root can denote.
#[derive(Clone, Copy)]
enum Place<'a> {
    /// A static and the index of its file.
    Static(usize, &'a StaticDecl),
    Field(&'a StructDef, &'a FieldDef),
    /// The whole value of a struct type (`*self = ..`).
    Whole(ItemId),
}

/// A place reached by a root, with the access chain and clone flag of accessors on the
/// way.
struct Target<'a> {
    place: Place<'a>,
    chain: u32,
    via_clone: bool,
}

/// Lookup tables for one package.
struct Tables<'a> {
    statics: HashMap<&'a str, Vec<(usize, &'a StaticDecl)>>,
    local_statics: HashMap<(usize, u32), &'a StaticDecl>,
    fields_by_name: HashMap<&'a str, Vec<(&'a StructDef, &'a FieldDef)>>,
    accessors: HashMap<&'a str, Vec<(usize, &'a Accessor)>>,
    /// Map index by the address of its declaration.
    map_of: HashMap<usize, usize>,
    /// Map indices of the fields of each struct.
    maps_in_struct: HashMap<ItemId, Vec<usize>>,
}

fn addr<T>(x: &T) -> usize {
    x as *const T as usize
}

impl<'a> PackageIndex<'a> {
    fn tables(&self, maps: &[LongLivedMap<'a>]) -> Tables<'a> {
        let mut t = Tables {
            statics: HashMap::new(),
            local_statics: HashMap::new(),
            fields_by_name: HashMap::new(),
            accessors: HashMap::new(),
            map_of: HashMap::new(),
            maps_in_struct: HashMap::new(),
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
            for s in f.facts.structs.iter().filter(|s| !s.is_enum) {
                for field in &s.fields {
                    t.fields_by_name.entry(field.name.as_str()).or_default().push((s, field));
                }
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
        let mut found: Vec<Vec<(usize, &'a Site)>> = vec![Vec::new(); maps.len()];
        for (fi, f) in self.files.iter().enumerate() {
            for site in &f.facts.lifecycle.sites {
                let scope = self.names.scope(fi, &site.module);
                let (targets, certain) = self.targets(&t, fi, scope, &site.root, 0);
                for target in targets {
                    for i in self.maps_reached(&t, maps, site, &target, certain) {
                        if !site.in_test || maps[i].in_test() {
                            found[i].push((fi, site));
                        }
                    }
                }
            }
        }
        for (m, sites) in maps.iter_mut().zip(found) {
            m.sites = sites;
        }
    }

    /// The places a root written in `file`, module `scope`, denotes, and whether it
    /// denotes exactly one.
    fn targets(&self, t: &Tables<'a>, file: usize, scope: ModId, root: &Root, depth: usize) -> (Vec<Target<'a>>, bool) {
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
                plain(chosen.into_iter().map(|(f, s)| Place::Static(*f, s)).collect())
            }
            Root::LocalStatic(id) => {
                plain(t.local_statics.get(&(file, *id)).map(|s| Place::Static(file, s)).into_iter().collect())
            }
            Root::TypedField { ty, field } => plain(
                self.structs_by_path(scope, std::slice::from_ref(ty))
                    .into_iter()
                    .flat_map(|id| self.names.get(id).structs.iter().filter(|s| !s.is_enum))
                    .flat_map(|s| s.fields.iter().filter(|f| &f.name == field).map(move |f| Place::Field(s, f)))
                    .collect(),
            ),
            Root::Field(name) => plain(
                t.fields_by_name.get(name.as_str()).into_iter().flatten().map(|(s, f)| Place::Field(s, f)).collect(),
            ),
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
        let (owner_struct, holding) = match target.place {
            Place::Static(f, s) => (None, self.holding(&s.ty, self.names.scope(f, &s.module))),
            Place::Field(s, f) => {
                let scope = self.names.id_of(s).map_or(ModId::ROOT, |id| self.names.get(id).module);
                (Some(s.name.as_str()), self.holding(&f.ty, scope))
            }
            Place::Whole(id) => {
                let holding = Holding::Struct {
                    ids: vec![id],
                    behind_im: false,
                    only_local_cells: false,
                    shared_by_clone: false,
                };
                (Some(self.names.get(id).name), holding)
            }
        };
        match holding {
            Holding::Map(held) => {
                let key = match target.place {
                    Place::Static(_, s) => addr(s),
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
            Holding::Struct { ids, shared_by_clone, .. } if site.kind == SiteKind::Reassign && certain => {
                if via_clone && !shared_by_clone {
                    return Vec::new();
                }
                let within = self.structs_within(&ids);
                within.iter().flat_map(|s| t.maps_in_struct.get(s).into_iter().flatten().copied()).collect()
            }
            _ => Vec::new(),
        }
    }
}

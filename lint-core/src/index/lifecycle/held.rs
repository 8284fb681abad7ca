//! What a written type holds, looking through wrapper types (SPEC §1): a map (with the
//! wrappers it sits behind) or a crate-local struct; and the structs of a package that are
//! held behind a lock or reachable from a static.

use std::collections::{BTreeMap, BTreeSet};

use crate::facts::lifecycle::vocab;
use crate::index::names::{ItemId, ModId};
use crate::index::PackageIndex;
use crate::maptypes::{is_interior_mutable, is_wrapper, MapKind};
use crate::types::{TypeExpr, TypeKind};

/// Struct fields are followed this deep from a static's type (SPEC §1).
pub const MAX_REACH: usize = 4;

/// What a type holds through its wrappers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holding {
    Map(HeldMap),
    /// A crate-local struct (several candidates when its name cannot be resolved);
    /// whether an interior-mutable wrapper is on the way (and whether all of them are
    /// single-threaded cells), and whether a clone shares it (an `Arc`/`Rc` is the
    /// outermost wrapper).
    Struct {
        ids: Vec<ItemId>,
        behind_im: bool,
        only_local_cells: bool,
        shared_by_clone: bool,
        /// A lock or cell other than the `OnceLock`-like ones is on the way: the struct
        /// can change after it was built.
        behind_lock: bool,
        /// An `Arc`/`Rc` is on the way: other holders may share the struct.
        through_rc: bool,
        /// Every lock on the way is an `RwLock`: the struct changes only where one is
        /// locked for writing.
        only_rwlock: bool,
    },
    Nothing,
}

/// A map behind wrappers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldMap {
    pub kind: MapKind,
    /// An interior-mutable wrapper is on the way (`Mutex<HashMap<..>>`).
    pub behind_im: bool,
    /// The innermost lock or cell the map sits in (`OnceLock`-like wrappers aside).
    pub innermost_cell: Option<String>,
    /// The outermost wrapper, `OnceLock`-like wrappers aside, is an `Arc` or `Rc`: a
    /// clone shares the map.
    pub shared_by_clone: bool,
    /// Every interior-mutable wrapper on the way is single-threaded (`RefCell`, `Cell`,
    /// `UnsafeCell`, `OnceCell`, `LazyCell`).
    pub only_local_cells: bool,
    /// An `Arc`/`Rc` is on the way: other holders may share the map.
    pub through_rc: bool,
    /// An interior-mutable wrapper other than the `OnceLock`-like ones is on the way.
    pub behind_lock: bool,
    /// The key type (the element type of a set), as expanded at the map.
    pub key: Option<TypeExpr>,
}

impl HeldMap {
    /// Whether a call through the access chain `chain` can change the map: a map in a
    /// `Mutex` is reached through `.lock()`, in an `RwLock` through `.write()`, in a
    /// `RefCell` through `.borrow_mut()`, and a concurrent map through anything.
    pub fn writable_through(&self, chain: u32) -> bool {
        if self.kind == MapKind::Dash {
            return true;
        }
        let need = match self.innermost_cell.as_deref() {
            None => return true,
            Some("Mutex") => vocab::LOCK,
            Some("RwLock") => vocab::WRITE,
            Some("RefCell") => vocab::BORROW_MUT,
            Some("UnsafeCell") => vocab::GET,
            Some("Cell") => 0,
            Some(_) => return false,
        };
        chain & (need | vocab::GET_MUT) != 0
    }
}

/// `OnceLock`-like wrappers: they only initialise, and dereference to their content.
fn is_once(name: &str) -> bool {
    matches!(name, "OnceCell" | "OnceLock" | "LazyLock" | "Lazy" | "LazyCell")
}

impl PackageIndex<'_> {
    /// What `ty`, written in module `scope`, holds, through wrappers, aliases and renames.
    pub fn holding(&self, ty: &TypeExpr, scope: ModId) -> Holding {
        let mut cur = self.expand(ty).into_owned();
        let (mut behind_im, mut innermost_cell, mut shared_by_clone) = (false, None, None);
        let (mut only_local_cells, mut behind_lock, mut through_rc) = (true, false, false);
        let mut only_rwlock = true;
        for _ in 0..16 {
            let t = cur.peel_refs();
            let Some(name) = t.name() else { return Holding::Nothing };
            if let Some(kind) = self.map_kind(name) {
                let shared_by_clone = shared_by_clone.unwrap_or(false);
                let only_local_cells = behind_im && only_local_cells;
                let key = t.args().first().map(|k| self.expand(k).into_owned());
                return Holding::Map(HeldMap {
                    kind,
                    behind_im,
                    innermost_cell,
                    shared_by_clone,
                    only_local_cells,
                    through_rc,
                    behind_lock,
                    key,
                });
            }
            if is_wrapper(name) {
                through_rc |= name == "Arc" || name == "Rc";
                if is_interior_mutable(name) {
                    behind_im = true;
                    behind_lock |= !is_once(name);
                    only_rwlock &= is_once(name) || name == "RwLock";
                    only_local_cells &= matches!(name, "RefCell" | "Cell" | "UnsafeCell" | "OnceCell" | "LazyCell");
                }
                if !is_once(name) {
                    if is_interior_mutable(name) {
                        innermost_cell = Some(name.to_string());
                    }
                    shared_by_clone.get_or_insert(name == "Arc" || name == "Rc");
                }
                let Some(inner) = t.args().first() else { return Holding::Nothing };
                cur = self.expand(inner).into_owned();
                continue;
            }
            let ids = self.structs_at(scope, t);
            if !ids.is_empty() {
                let shared_by_clone = shared_by_clone.unwrap_or(false);
                let only_local_cells = behind_im && only_local_cells;
                let only_rwlock = behind_lock && only_rwlock;
                return Holding::Struct {
                    ids,
                    behind_im,
                    only_local_cells,
                    shared_by_clone,
                    behind_lock,
                    through_rc,
                    only_rwlock,
                };
            }
            return Holding::Nothing;
        }
        Holding::Nothing
    }

    /// The held map of `ty`, written in module `scope`, if it holds one.
    pub fn held_map(&self, ty: &TypeExpr, scope: ModId) -> Option<HeldMap> {
        match self.holding(ty, scope) {
            Holding::Map(m) => Some(m),
            _ => None,
        }
    }

    /// Crate-local structs held behind an interior-mutable wrapper in a field or static
    /// of the package, with the holder's name (test code aside). A struct held in a
    /// single-threaded cell (`RefCell<S>`) counts only when the holder is a static or is
    /// itself stored somewhere (`owned`): a builder's `RefCell` lives as long as the builder.
    /// A struct behind `RwLock`s only that nothing locks for writing is frozen
    /// (`frozen.rs`).
    pub fn locked_structs(&self, owned: &BTreeSet<ItemId>) -> BTreeMap<ItemId, String> {
        let mut out = BTreeMap::new();
        // Computed at the first holder behind `RwLock`s only: most packages have none.
        let mut written: Option<super::frozen::WriteLocked> = None;
        let mut frozen = |only_rwlock: bool, decl: usize| {
            only_rwlock && !written.get_or_insert_with(|| self.write_locked()).contains_addr(decl)
        };
        for (fi, f) in self.files.iter().enumerate() {
            for s in f.facts.structs.iter().filter(|s| !s.in_test) {
                let scope = self.names.scope(fi, &s.module);
                let own = self.names.id_of(s);
                for field in &s.fields {
                    // Behind `OnceCell`/`LazyLock` alone a struct is frozen once built.
                    if let Holding::Struct { ids, behind_lock: true, only_local_cells, only_rwlock, .. } =
                        self.holding(&field.ty, scope)
                    {
                        if (!only_local_cells || own.is_some_and(|o| owned.contains(&o)))
                            && !frozen(only_rwlock, super::resolve::addr(field))
                        {
                            for id in ids {
                                out.entry(id).or_insert_with(|| format!("{}::{}", s.name, field.name));
                            }
                        }
                    }
                }
            }
            for st in f.facts.lifecycle.statics.iter().filter(|s| !s.in_test) {
                let scope = self.names.scope(fi, &st.module);
                if let Holding::Struct { ids, behind_lock: true, only_rwlock, .. } = self.holding(&st.ty, scope) {
                    if frozen(only_rwlock, super::resolve::addr(st)) {
                        continue;
                    }
                    for id in ids {
                        out.entry(id).or_insert_with(|| st.name.clone());
                    }
                }
            }
        }
        out
    }

    /// Crate-local structs reachable from the type of a static through wrappers and
    /// struct fields (to depth 4) with a lock on the way, with the static's name (test
    /// code aside). Without a lock, a static's structs are frozen once initialised.
    pub fn reachable_structs(&self) -> BTreeMap<ItemId, String> {
        let mut out: BTreeMap<ItemId, String> = BTreeMap::new();
        for (fi, f) in self.files.iter().enumerate() {
            for st in f.facts.lifecycle.statics.iter().filter(|s| !s.in_test) {
                let scope = self.names.scope(fi, &st.module);
                let Holding::Struct { ids, behind_lock, .. } = self.holding(&st.ty, scope) else { continue };
                let mut seen = BTreeSet::new();
                let mut frontier: Vec<(ItemId, bool)> = ids.into_iter().map(|id| (id, behind_lock)).collect();
                for _ in 0..MAX_REACH {
                    let mut next = Vec::new();
                    for (s, locked) in frontier {
                        if !seen.insert((s, locked)) {
                            continue;
                        }
                        if locked {
                            out.entry(s).or_insert_with(|| st.name.clone());
                        }
                        let item = self.names.get(s);
                        for def in item.structs.iter().filter(|d| !d.is_enum) {
                            for field in &def.fields {
                                if let Holding::Struct { ids, behind_lock, .. } = self.holding(&field.ty, item.module) {
                                    next.extend(ids.into_iter().map(|id| (id, locked || behind_lock)));
                                }
                            }
                        }
                    }
                    frontier = next;
                }
            }
        }
        out
    }

    /// Crate-local structs stored by value (not behind a reference) in a field, static
    /// or type alias of the package, other than in their own fields (test code aside).
    pub fn owned_structs(&self) -> BTreeSet<ItemId> {
        let mut out = BTreeSet::new();
        for (fi, f) in self.files.iter().enumerate() {
            for s in f.facts.structs.iter().filter(|s| !s.in_test) {
                let scope = self.names.scope(fi, &s.module);
                let own = self.names.id_of(s);
                for field in &s.fields {
                    self.owned_in(&field.ty, scope, own, &mut out, 0);
                }
            }
            for st in f.facts.lifecycle.statics.iter().filter(|s| !s.in_test) {
                self.owned_in(&st.ty, self.names.scope(fi, &st.module), None, &mut out, 0);
            }
            for a in &f.facts.aliases {
                self.owned_in(&a.target, self.names.scope(fi, &a.module), None, &mut out, 0);
            }
        }
        out
    }

    /// The structs held in the fields of the structs `ids`, recursively (depth 4), and
    /// `ids` themselves.
    pub fn structs_within(&self, ids: &[ItemId]) -> BTreeSet<ItemId> {
        self.structs_inside(ids, false)
    }

    /// As `structs_within`; with `owned_only`, structs held through an `Arc`/`Rc` (which
    /// other holders may share) or only borrowed (`&S`: owned elsewhere) are not followed.
    pub fn structs_inside(&self, ids: &[ItemId], owned_only: bool) -> BTreeSet<ItemId> {
        let mut seen = BTreeSet::new();
        let mut frontier = ids.to_vec();
        for _ in 0..MAX_REACH {
            let mut next = Vec::new();
            for s in frontier {
                if !seen.insert(s) {
                    continue;
                }
                let item = self.names.get(s);
                for def in item.structs.iter().filter(|d| !d.is_enum) {
                    for field in &def.fields {
                        let Holding::Struct { ids, through_rc, .. } = self.holding(&field.ty, item.module) else {
                            continue;
                        };
                        if !owned_only {
                            next.extend(ids);
                        } else if !through_rc {
                            // A struct only borrowed (`&'a S`) is owned elsewhere.
                            let mut owned = BTreeSet::new();
                            self.owned_in(&field.ty, item.module, None, &mut owned, 0);
                            next.extend(ids.into_iter().filter(|id| owned.contains(id)));
                        }
                    }
                }
            }
            frontier = next;
        }
        seen
    }

    /// The crate-local structs named in `ty` outside references and pointers, except
    /// `skip`.
    fn owned_in(&self, ty: &TypeExpr, scope: ModId, skip: Option<ItemId>, out: &mut BTreeSet<ItemId>, depth: usize) {
        if depth > 16 {
            return;
        }
        match &ty.kind {
            TypeKind::Path { args, .. } => {
                out.extend(self.structs_at(scope, ty).into_iter().filter(|id| Some(*id) != skip));
                args.iter().for_each(|a| self.owned_in(a, scope, skip, out, depth + 1));
            }
            TypeKind::Tuple(elems) => elems.iter().for_each(|e| self.owned_in(e, scope, skip, out, depth + 1)),
            TypeKind::Array { elem, .. } | TypeKind::Slice(elem) => self.owned_in(elem, scope, skip, out, depth + 1),
            TypeKind::Ref { .. } | TypeKind::Ptr(_) | TypeKind::Traits(_) | TypeKind::Other => {}
        }
    }
}

//! Queries about written types, crate-local structs and `Hash`/`PartialEq`/`Ord` impls
//! over the merged type facts of a package: the examined type sites, deep resolution of
//! aliases and renames (`resolve`), the maps inside a type with the lock around each,
//! what a struct's fields hold, and who owns a map's values (`owners`).

mod owners;
mod resolve;
mod text;

pub use resolve::same_alias_expansion;
pub use text::{slot_text, type_text, written_at};

use crate::facts::typeinfo::{Position, TraitImpl, TraitKind};
use crate::facts::{FieldDef, StructDef};
use crate::maptypes::{builtin_map_kind, is_atomic, is_set_name, MapKind};
use crate::types::{ArrayLen, TypeExpr, TypeKind};

use super::names::{ModId, Ns, Resolution};
use super::PackageIndex;

/// The types that make a value a shared cell behind `Rc`/`Arc`/`Box` (SPEC §2 ML003).
const CELLS: &[&str] = &["Cell", "RefCell", "UnsafeCell", "Mutex", "RwLock"];

/// A type written in an examined position, as the rules see it.
#[derive(Clone, Copy, Debug)]
pub struct TypeSite<'a> {
    /// The file's index in `PackageIndex::files`.
    pub file: usize,
    pub ty: &'a TypeExpr,
    pub position: Position,
    /// The field, static, const, alias, binding or function name (may be empty).
    pub owner: &'a str,
    /// For fields: the struct or enum.
    pub parent: Option<&'a StructDef>,
    pub anchor_line: u32,
    pub in_test: bool,
    /// The module the type is written in: where its names are resolved.
    pub scope: ModId,
}

impl TypeSite<'_> {
    /// The site in words, for messages: "field `nodes` of `Graph`", "static `CACHE`".
    pub fn describe(&self) -> String {
        let owner = self.owner;
        match self.position {
            Position::Field => match self.parent {
                Some(s) if s.is_enum && owner.starts_with(|c: char| c.is_ascii_digit()) => {
                    format!("a field of enum `{}`", s.name)
                }
                Some(s) => format!("field `{owner}` of `{}`", s.name),
                None => format!("field `{owner}`"),
            },
            Position::Static => format!("static `{owner}`"),
            Position::Const => format!("const `{owner}`"),
            Position::Alias => format!("type alias `{owner}`"),
            Position::Let if owner.is_empty() => "a `let` binding".to_string(),
            Position::Let => format!("`let {owner}`"),
            Position::Return => format!("the return type of `{owner}`"),
            Position::Turbofish => "a turbofish".to_string(),
        }
    }
}

/// The cell a map's value holds (see `PackageIndex::cell_in`).
#[derive(Clone, Debug)]
pub struct CellIn<'a> {
    /// For messages: "`RefCell`", "`Session`, whose field `state` is a `Mutex`".
    pub what: String,
    /// The cell's type, resolved.
    pub cell: TypeExpr,
    /// The crate-local struct and its field holding the cell, when it is one.
    pub field: Option<(&'a StructDef, &'a FieldDef)>,
}

/// A lock around a map in the same written type.
#[derive(Clone, Copy, Debug)]
pub struct EnclosingLock<'t> {
    pub ty: &'t TypeExpr,
    /// `Mutex` (not `RwLock` nor `RefCell`, which lend shared borrows).
    pub exclusive: bool,
}

/// A map type found inside a resolved type.
#[derive(Clone, Copy, Debug)]
pub struct MapUse<'t> {
    pub map: &'t TypeExpr,
    pub kind: MapKind,
    pub is_set: bool,
    /// The key, or the element of a set.
    pub key: Option<&'t TypeExpr>,
    /// The value of a map (`None` for sets).
    pub value: Option<&'t TypeExpr>,
    /// The nearest `Mutex`, `RwLock` or `RefCell` holding the map, through `Box`,
    /// `Option`, `Vec`, `VecDeque`, tuples, arrays and the values of other maps; an
    /// `Arc` or `Rc` in between ends the search (the inner part can be shared and
    /// reached without the outer lock).
    pub lock: Option<EnclosingLock<'t>>,
}

impl MapUse<'_> {
    /// The value of a map or the element of a set.
    pub fn slot(&self) -> Option<&TypeExpr> {
        if self.is_set {
            self.key
        } else {
            self.value
        }
    }
}

impl<'a> PackageIndex<'a> {
    /// Every examined type site of the package: struct and enum fields, then the written
    /// types of `facts::typeinfo`, file by file.
    pub fn type_sites(&self) -> Vec<TypeSite<'a>> {
        let mut out = Vec::new();
        for (file, f) in self.files.iter().enumerate() {
            for s in &f.facts.structs {
                let scope = self.names.scope(file, &s.module);
                for fd in &s.fields {
                    out.push(TypeSite {
                        file,
                        ty: &fd.ty,
                        position: Position::Field,
                        owner: &fd.name,
                        parent: Some(s),
                        anchor_line: fd.anchor_line,
                        in_test: s.in_test,
                        scope,
                    });
                }
            }
            for w in &f.facts.types.written {
                out.push(TypeSite {
                    file,
                    ty: &w.ty,
                    position: w.position,
                    owner: &w.owner,
                    parent: None,
                    anchor_line: w.anchor_line,
                    in_test: w.in_test,
                    scope: self.names.scope(file, &w.module),
                });
            }
        }
        out
    }

    /// The name of a resolved path type when it denotes the well-known type of that name:
    /// `None` when a crate-local struct or enum of the same name shadows it.
    pub fn known_name<'t>(&self, ty: &'t TypeExpr) -> Option<&'t str> {
        let TypeKind::Path { segments, .. } = &ty.kind else { return None };
        let name = segments.last()?;
        if !self.local_structs_of(ty).is_empty() {
            return None;
        }
        Some(name)
    }

    /// The crate-local structs and enums a resolved path type names (see `resolve_type_in`:
    /// a name imported from another crate is resolved to that crate's path, an ambiguous
    /// crate-local one to its `crate::` path). A bare name no module resolved denotes
    /// every struct or enum of that name.
    pub fn local_structs_of(&self, ty: &TypeExpr) -> Vec<&'a StructDef> {
        let TypeKind::Path { segments, .. } = &ty.kind else { return Vec::new() };
        let Some(name) = segments.last() else { return Vec::new() };
        let first = segments[0].as_str();
        let from_root = first == "crate" || (segments.len() > 1 && self.names.is_top_module(first));
        if from_root {
            let path = if first == "crate" { &segments[1..] } else { &segments[..] };
            if let Resolution::Items(ids) = self.names.resolve(ModId::ROOT, path, Ns::Type) {
                return ids.iter().flat_map(|id| self.names.get(*id).structs.iter().copied()).collect();
            }
        } else if segments.len() > 1 && !matches!(first, "self" | "super") {
            // Another crate's path (`tokio::runtime::Runtime`, `std::sync::Mutex`).
            return Vec::new();
        }
        self.structs_named(name).to_vec()
    }

    /// The module a crate-local struct or enum is declared in.
    pub fn module_of(&self, def: &StructDef) -> ModId {
        self.names.id_of(def).map_or(ModId::ROOT, |id| self.names.get(id).module)
    }

    /// The map kind of a resolved type's head (built-in names and `map-types`).
    fn resolved_map_kind(&self, ty: &TypeExpr) -> Option<MapKind> {
        let name = ty.name()?;
        builtin_map_kind(name).or_else(|| self.settings.map_types.iter().any(|m| m == name).then_some(MapKind::Hash))
    }

    /// Every map type inside a resolved type (see `resolve_type`), outermost first.
    /// Maps behind references and raw pointers are skipped: they are declared, and
    /// examined, where they are owned.
    pub fn maps_in<'t>(&self, resolved: &'t TypeExpr) -> Vec<MapUse<'t>> {
        let mut out = Vec::new();
        self.collect_maps(resolved, None, &mut out);
        out
    }

    fn collect_maps<'t>(&self, ty: &'t TypeExpr, lock: Option<EnclosingLock<'t>>, out: &mut Vec<MapUse<'t>>) {
        match &ty.kind {
            TypeKind::Path { args, .. } => {
                if let Some(kind) = self.resolved_map_kind(ty) {
                    let is_set = ty.name().is_some_and(is_set_name);
                    let value = if is_set { None } else { args.get(1) };
                    out.push(MapUse { map: ty, kind, is_set, key: args.first(), value, lock });
                    args.iter().for_each(|a| self.collect_maps(a, lock, out));
                    return;
                }
                // `Mutex` and `RefCell` are exclusive (SPEC §2 ML003); an `RwLock` lends
                // shared read locks, under which a per-entry lock is a deliberate pattern.
                let inner = match self.known_name(ty) {
                    Some("Mutex" | "RefCell") => Some(EnclosingLock { ty, exclusive: true }),
                    Some("RwLock") => Some(EnclosingLock { ty, exclusive: false }),
                    Some("Box" | "Option" | "Vec" | "VecDeque") => lock,
                    _ => None,
                };
                args.iter().for_each(|a| self.collect_maps(a, inner, out));
            }
            TypeKind::Tuple(elems) => elems.iter().for_each(|e| self.collect_maps(e, lock, out)),
            TypeKind::Array { elem, .. } | TypeKind::Slice(elem) => self.collect_maps(elem, lock, out),
            TypeKind::Ref { .. } | TypeKind::Ptr(_) | TypeKind::Traits(_) | TypeKind::Other => {}
        }
    }

    /// When `ty` (resolved) is a cell type (`Cell`, `RefCell`, `UnsafeCell`, `Mutex`,
    /// `RwLock`) or a crate-local struct/enum with a direct field of such a type, says
    /// which. Deeper fields do not count: a handle with a lock somewhere inside is not a
    /// per-entry cell.
    pub fn cell_in(&self, ty: &TypeExpr) -> Option<CellIn<'a>> {
        if let Some(name) = self.known_name(ty).filter(|n| CELLS.contains(n)) {
            return Some(CellIn { what: format!("`{name}`"), cell: ty.clone(), field: None });
        }
        for def in self.local_structs_of(ty) {
            for f in &def.fields {
                let fty = self.resolve_type_in(&f.ty, self.module_of(def));
                if let Some(name) = self.known_name(&fty).filter(|n| CELLS.contains(n)) {
                    let what = format!("`{}`, whose field `{}` is a `{name}`", def.name, f.name);
                    return Some(CellIn { what, cell: fty, field: Some((def, f)) });
                }
            }
        }
        None
    }

    /// The fields of a crate-local struct or enum whose type is interior-mutable
    /// (`Cell`, `RefCell`, `UnsafeCell`, `Mutex`, `RwLock`, `OnceCell`, `OnceLock`,
    /// `LazyCell`, `LazyLock`, `Lazy`, `Atomic*`), directly, through aliases, or inside
    /// `Arc`, `Rc`, `Box`, `Option`, `Vec` or `VecDeque`; with the interior-mutable
    /// type's name.
    pub fn interior_mutable_fields<'s>(&self, def: &'s StructDef) -> Vec<(&'s FieldDef, String)> {
        def.fields
            .iter()
            .filter_map(|f| {
                let ty = self.resolve_type_in(&f.ty, self.module_of(def));
                self.interior_mutable_name(&ty, 0).map(|n| (f, n))
            })
            .collect()
    }

    fn interior_mutable_name(&self, ty: &TypeExpr, depth: usize) -> Option<String> {
        let name = self.known_name(ty)?;
        if is_atomic(name) || crate::maptypes::is_interior_mutable(name) {
            return Some(name.to_string());
        }
        match name {
            "Arc" | "Rc" | "Box" | "Option" | "Vec" | "VecDeque" if depth < 8 => {
                self.interior_mutable_name(ty.args().first()?, depth + 1)
            }
            _ => None,
        }
    }

    /// The hand-written impls of `kinds` for the crate-local struct or enum `def`, with
    /// their file: the impls whose type resolves to it, or names it without resolving.
    pub fn trait_impls_for<'s>(
        &'s self,
        def: &'s StructDef,
        kinds: &'s [TraitKind],
    ) -> impl Iterator<Item = (usize, &'a TraitImpl)> + 's {
        let id = self.names.id_of(def);
        self.files.iter().enumerate().flat_map(move |(i, f)| {
            f.facts
                .types
                .impls
                .iter()
                .filter(move |t| t.self_ty == def.name && kinds.contains(&t.kind))
                .filter(move |t| {
                    let scope = self.names.scope(i, &t.module);
                    match self.names.resolve(scope, std::slice::from_ref(&t.self_ty), Ns::Type) {
                        Resolution::Items(ids) => match id {
                            Some(id) => ids.contains(&id),
                            None => true,
                        },
                        Resolution::External => false,
                        Resolution::Unknown => true,
                    }
                })
                .map(move |t| (i, t))
        })
    }

    /// The size in bytes of an inline array of primitives (`[u8; 4096]`, `[[f32; 4]; N]`
    /// with `N` a crate-local integer const), when it is known.
    pub fn inline_array_bytes(&self, ty: &TypeExpr) -> Option<u64> {
        let TypeKind::Array { elem, len } = &ty.kind else { return None };
        let n = match len {
            ArrayLen::Lit(n) => *n,
            ArrayLen::Const(c) => self.int_const(c)?,
            ArrayLen::Other => return None,
        };
        let each = self.inline_array_bytes(elem).or_else(|| primitive_size(elem))?;
        n.checked_mul(each)
    }
}

/// Crates whose types are never crate-local.
fn is_std_root(seg: &str) -> bool {
    matches!(seg, "std" | "core" | "alloc")
}

/// The size of a primitive type, `usize`/`isize` as on 64-bit targets.
pub fn primitive_size(ty: &TypeExpr) -> Option<u64> {
    let TypeKind::Path { segments, args } = &ty.kind else { return None };
    let prefix_ok =
        segments.len() == 1 || (segments.len() == 3 && is_std_root(&segments[0]) && segments[1] == "primitive");
    if !args.is_empty() || !prefix_ok {
        return None;
    }
    Some(match segments.last()?.as_str() {
        "u8" | "i8" | "bool" => 1,
        "u16" | "i16" => 2,
        "u32" | "i32" | "f32" | "char" => 4,
        "u64" | "i64" | "f64" | "usize" | "isize" => 8,
        "u128" | "i128" => 16,
        _ => return None,
    })
}

#[cfg(test)]
mod tests;

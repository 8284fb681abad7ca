//! Queries about long-lived maps (SPEC §1) over the merged lifecycle facts of a package:
//! which statics and struct fields hold long-lived maps, and the growth, removal, shrink,
//! replacement and size-check sites that reach each of them.
//!
//! Sites are attributed asymmetrically, because a missed removal makes a false finding
//! while a missed growth only makes a missed one: a growth site counts only when its root
//! resolves to exactly one map, through an access chain that can write to it (`.lock()` for
//! a `Mutex`, `.write()` for an `RwLock`, ...), and outside the owner's constructors; a
//! removal site counts for every map it may denote.

mod frozen;
mod held;
mod owners;
mod resolve;
mod teardown;

pub use teardown::is_shutdown_name;

use std::collections::BTreeSet;

pub use held::{HeldMap, Holding};

use crate::diagnostic::{self, Span};
use crate::facts::lifecycle::{Site, SiteKind, StaticDecl, StaticForm};
use crate::facts::typeinfo::Position;
use crate::facts::{FieldDef, StructDef};
use crate::index::typeinfo::TypeSite;
use crate::index::PackageIndex;
use crate::maptypes::MapKind;
use crate::types::{TypeExpr, TypeKind};

/// What holds a long-lived map.
#[derive(Clone, Copy, Debug)]
pub enum Owner<'a> {
    Static(&'a StaticDecl),
    Field { strukt: &'a StructDef, field: &'a FieldDef },
}

/// Why a map is long-lived (SPEC §1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    Static,
    /// Behind an interior-mutable wrapper, or a concurrent map: mutated through `&self`.
    Shared,
    /// Its struct is held behind a lock in this field or static.
    LockedStruct(String),
    /// Its struct is reachable from this static.
    Reachable(String),
    /// A plain field grown by the event loop of this method of its struct (an actor).
    Actor(String),
    /// `rules.ML001.plain-fields`.
    PlainField,
}

impl Why {
    /// Why the map lives as long as the process, for messages.
    pub fn reason(&self) -> String {
        match self {
            Why::Static => "a static lives for the whole process".to_string(),
            Why::Shared => "a map shared behind a lock lives as long as its service".to_string(),
            Why::LockedStruct(h) => format!("its struct is held behind a lock in `{h}`"),
            Why::Reachable(st) => format!("it is reachable from static `{st}`"),
            Why::Actor(m) => format!("it is the state of an actor whose event loop runs in `{m}`"),
            Why::PlainField => "plain fields count as long-lived (`plain-fields`)".to_string(),
        }
    }

    /// The reason in a few words, for headlines.
    pub fn short(&self) -> String {
        match self {
            Why::Static => "alive for the whole process".to_string(),
            Why::Shared => "a shared service's map".to_string(),
            Why::LockedStruct(h) => format!("its struct is locked in `{h}`"),
            Why::Reachable(st) => format!("reachable from `{st}`"),
            Why::Actor(m) => format!("actor state of `{m}`"),
            Why::PlainField => "a plain field".to_string(),
        }
    }
}

/// A site reaching a map, and whether it reaches that map alone.
#[derive(Clone, Copy, Debug)]
pub struct Reach<'a> {
    /// Index of the site's file in `PackageIndex::files`.
    pub file: usize,
    pub site: &'a Site,
    /// The site's root denotes this map and no other.
    pub certain: bool,
    /// Bulk removal in a function that runs only as the owner goes away
    /// (`teardown.rs`).
    pub teardown: bool,
}

/// A long-lived map and the sites that reach it.
#[derive(Clone, Debug)]
pub struct LongLivedMap<'a> {
    /// Index of the declaring file in `PackageIndex::files`.
    pub file: usize,
    pub owner: Owner<'a>,
    pub held: HeldMap,
    pub why: Why,
    /// The sites reaching the map, in file order.
    pub sites: Vec<Reach<'a>>,
}

impl<'a> LongLivedMap<'a> {
    /// `SESSIONS` or `Registry::by_id`.
    pub fn name(&self) -> String {
        match self.owner {
            Owner::Static(s) => s.name.clone(),
            Owner::Field { strukt, field } => format!("{}::{}", strukt.name, field.name),
        }
    }

    /// `static `SESSIONS``, `thread-local `CACHE``, `field `Registry::by_id``.
    pub fn describe(&self) -> String {
        match self.owner {
            Owner::Static(s) if s.form == StaticForm::ThreadLocal => format!("thread-local `{}`", s.name),
            Owner::Static(s) => format!("static `{}`", s.name),
            Owner::Field { .. } => format!("field `{}`", self.name()),
        }
    }

    /// The type as written at the declaration.
    pub fn ty(&self) -> &'a TypeExpr {
        match self.owner {
            Owner::Static(s) => &s.ty,
            Owner::Field { field, .. } => &field.ty,
        }
    }

    pub fn name_span(&self) -> Span {
        match self.owner {
            Owner::Static(s) => s.name_span,
            Owner::Field { field, .. } => field.name_span,
        }
    }

    /// The first line of the declaring item or field, for suppression comments.
    pub fn anchor_line(&self) -> u32 {
        match self.owner {
            Owner::Static(s) => s.anchor_line,
            Owner::Field { field, .. } => field.anchor_line,
        }
    }

    /// The module where the map's type is written.
    pub fn scope(&self, index: &PackageIndex) -> crate::index::names::ModId {
        let module = match self.owner {
            Owner::Static(s) => &s.module,
            Owner::Field { strukt, .. } => &strukt.module,
        };
        index.names.scope(self.file, module)
    }

    pub fn in_test(&self) -> bool {
        match self.owner {
            Owner::Static(s) => s.in_test,
            Owner::Field { strukt, .. } => strukt.in_test,
        }
    }

    pub fn is_hash_based(&self) -> bool {
        self.held.kind.is_hash_based()
    }

    /// The sites of the given kinds.
    pub fn sites_where(&self, pred: impl Fn(SiteKind) -> bool) -> Vec<Reach<'a>> {
        self.sites.iter().copied().filter(|r| pred(r.site.kind)).collect()
    }

    pub fn has(&self, pred: impl Fn(SiteKind) -> bool) -> bool {
        self.sites.iter().any(|r| pred(r.site.kind))
    }

    /// The key type (element type of a set), as written or expanded at the map.
    pub fn key(&self) -> Option<&TypeExpr> {
        self.held.key.as_ref()
    }

    /// Its growth calls as a finding's allocation sites (those in another file with that
    /// file's path): where the memory of its entries and its table is allocated.
    pub fn growth_sites(&self, index: &PackageIndex) -> Vec<diagnostic::Site> {
        self.sites
            .iter()
            .filter(|r| r.site.kind == SiteKind::Growth)
            .map(|r| diagnostic::Site {
                path: (r.file != self.file).then(|| index.files[r.file].display.to_string()),
                span: r.site.span,
            })
            .collect()
    }
}

impl<'a> PackageIndex<'a> {
    /// Every long-lived map of the package with the sites that reach it, in file order.
    pub fn long_lived_maps(&self) -> Vec<LongLivedMap<'a>> {
        let mut maps = self.declared_maps();
        self.attach_sites(&mut maps);
        maps
    }

    /// Every static and struct field of the package that holds a map, long-lived or not,
    /// with the sites that reach it: where the entries of a map named by its type are
    /// allocated.
    pub fn maps_with_sites(&self) -> Vec<LongLivedMap<'a>> {
        let mut maps = Vec::new();
        for (fi, f) in self.files.iter().enumerate() {
            for st in &f.facts.lifecycle.statics {
                if let Some(held) = self.held_map(&st.ty, self.names.scope(fi, &st.module)) {
                    maps.push(LongLivedMap {
                        file: fi,
                        owner: Owner::Static(st),
                        held,
                        why: Why::Static,
                        sites: vec![],
                    });
                }
            }
            for s in f.facts.structs.iter().filter(|s| !s.is_enum) {
                let scope = self.names.scope(fi, &s.module);
                for field in &s.fields {
                    let Some(held) = self.held_map(&field.ty, scope) else { continue };
                    let owner = Owner::Field { strukt: s, field };
                    maps.push(LongLivedMap { file: fi, owner, held, why: Why::PlainField, sites: vec![] });
                }
            }
        }
        self.attach_sites(&mut maps);
        maps
    }

    /// The growth sites of the map declared at a field or static type site, among
    /// `maps_with_sites()`; empty for other sites (a `let`, an alias).
    pub fn growth_sites_at(&self, maps: &[LongLivedMap<'a>], site: &TypeSite) -> Vec<diagnostic::Site> {
        let declared = |m: &&LongLivedMap<'a>| match (m.owner, site.position) {
            (Owner::Field { strukt, field }, Position::Field) => {
                site.parent.is_some_and(|p| std::ptr::eq(p, strukt)) && field.name == site.owner
            }
            (Owner::Static(st), Position::Static) => m.file == site.file && st.name == site.owner,
            _ => false,
        };
        maps.iter().find(declared).map(|m| m.growth_sites(self)).unwrap_or_default()
    }

    fn declared_maps(&self) -> Vec<LongLivedMap<'a>> {
        let owned = self.owned_structs();
        let locked = self.locked_structs(&owned);
        let reachable = self.reachable_structs();
        let actors = self.actor_fields();
        let plain = self.settings.rules.plain_fields;
        let mut candidates: BTreeSet<&str> = BTreeSet::new();
        for (fi, f) in self.files.iter().enumerate() {
            for s in f.facts.structs.iter().filter(|s| !s.is_enum) {
                let scope = self.names.scope(fi, &s.module);
                if s.fields.iter().any(|f| self.held_map(&f.ty, scope).is_some()) {
                    candidates.insert(s.name.as_str());
                }
            }
        }
        let released = self.released_structs(&candidates);
        let mut out = Vec::new();
        for (fi, f) in self.files.iter().enumerate() {
            for st in &f.facts.lifecycle.statics {
                if let Some(held) = self.held_map(&st.ty, self.names.scope(fi, &st.module)) {
                    out.push(LongLivedMap {
                        file: fi,
                        owner: Owner::Static(st),
                        held,
                        why: Why::Static,
                        sites: vec![],
                    });
                }
            }
            for s in f.facts.structs.iter().filter(|s| !s.is_enum) {
                let (scope, id) = (self.names.scope(fi, &s.module), self.names.id_of(s));
                if released.contains(&s.name) {
                    continue;
                }
                let is_owned = id.is_some_and(|id| owned.contains(&id));
                for field in &s.fields {
                    let Some(held) = self.held_map(&field.ty, scope) else { continue };
                    // A single-threaded cell is shared only within one thread: its struct is
                    // long-lived when something keeps it, not when it is a function's local.
                    // Behind `OnceLock`-like wrappers alone a map is frozen once built.
                    let shared =
                        held.kind == MapKind::Dash || (held.behind_lock && (!held.only_local_cells || is_owned));
                    let why = if shared {
                        Why::Shared
                    } else if let Some(h) = id.and_then(|id| locked.get(&id)) {
                        Why::LockedStruct(h.clone())
                    } else if let Some(st) = id.and_then(|id| reachable.get(&id)) {
                        Why::Reachable(st.clone())
                    } else if let Some(m) = id.and_then(|id| actors.get(&(id, field.name.clone()))) {
                        Why::Actor(m.clone())
                    } else if plain {
                        Why::PlainField
                    } else {
                        continue;
                    };
                    let owner = Owner::Field { strukt: s, field };
                    out.push(LongLivedMap { file: fi, owner, held, why, sites: vec![] });
                }
            }
        }
        out
    }
}

/// A written type as text (`Mutex<HashMap<String, Session>>`); lifetimes are left out.
pub fn render(ty: &TypeExpr) -> String {
    let mut s = String::new();
    render_into(ty, &mut s, 0);
    s
}

fn render_into(ty: &TypeExpr, out: &mut String, depth: usize) {
    if depth > 16 {
        out.push_str("..");
        return;
    }
    let list = |items: &[TypeExpr], out: &mut String| {
        for (i, t) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            render_into(t, out, depth + 1);
        }
    };
    match &ty.kind {
        TypeKind::Path { segments, args } => {
            out.push_str(&segments.join("::"));
            if !args.is_empty() {
                out.push('<');
                list(args, out);
                out.push('>');
            }
        }
        TypeKind::Ref { mutable, elem } => {
            out.push_str(if *mutable { "&mut " } else { "&" });
            render_into(elem, out, depth + 1);
        }
        TypeKind::Ptr(elem) => {
            out.push_str("*const ");
            render_into(elem, out, depth + 1);
        }
        TypeKind::Tuple(elems) => {
            out.push('(');
            list(elems, out);
            out.push(')');
        }
        TypeKind::Array { elem, len } => {
            out.push('[');
            render_into(elem, out, depth + 1);
            match len {
                crate::types::ArrayLen::Lit(n) => out.push_str(&format!("; {n}]")),
                crate::types::ArrayLen::Const(c) => out.push_str(&format!("; {c}]")),
                crate::types::ArrayLen::Other => out.push_str("; _]"),
            }
        }
        TypeKind::Slice(elem) => {
            out.push('[');
            render_into(elem, out, depth + 1);
            out.push(']');
        }
        TypeKind::Traits(names) => {
            out.push_str("dyn ");
            out.push_str(&names.join(" + "));
        }
        TypeKind::Other => out.push('_'),
    }
}

/// A local map of an event loop's task or function (SPEC §1, long-lived item 4).
#[derive(Clone, Debug)]
pub struct LoopLocalMap<'a> {
    /// Index of the declaring file in `PackageIndex::files`.
    pub file: usize,
    pub local: &'a crate::facts::lifecycle::ActorLocal,
    pub held: HeldMap,
}

impl<'a> PackageIndex<'a> {
    /// The locals holding a map that are declared before an event loop and grown in it.
    pub fn loop_local_maps(&self) -> Vec<LoopLocalMap<'a>> {
        let mut out = Vec::new();
        for (fi, f) in self.files.iter().enumerate() {
            for l in &f.facts.lifecycle.actor_locals {
                if let Some(held) = self.held_map(&l.ty, self.names.scope(fi, &l.module)) {
                    out.push(LoopLocalMap { file: fi, local: l, held });
                }
            }
        }
        out
    }
}

//! Who owns a map's values (SPEC §2 ML003): whether a value read from the map at a type
//! site gets another owner anywhere in the package (`facts::typeinfo::shares`), and
//! whether a lock written in a type is asynchronous (imported from `tokio`, `futures`,
//! `async_lock`, ... in the file where it is written).

use crate::facts::lifecycle::Root;
use crate::facts::typeinfo::imports::ASYNC_CRATES;
use crate::facts::typeinfo::{MapRoot, Position, ValueShare};
use crate::facts::StructDef;
use crate::types::{TypeExpr, TypeKind};

use super::{written_at, TypeSite};
use crate::index::PackageIndex;

/// Alias uses followed when an alias's map is reached through the types that use it.
const MAX_ALIAS_HOPS: usize = 2;

impl PackageIndex<'_> {
    /// The first place where a value read from the map written at `site` gets another
    /// owner, with its file: `None` when, as far as the package shows (test code
    /// included), the map is the sole owner of its values.
    pub fn value_shared(&self, site: &TypeSite) -> Option<(usize, &ValueShare)> {
        let mut roots = Vec::new();
        self.site_roots(site, &mut roots, 0);
        self.files.iter().enumerate().find_map(|(file, f)| {
            f.facts
                .types
                .shares
                .iter()
                .find(|s| {
                    roots.iter().any(|(root, only_in)| *root == s.root && !matches!(only_in, Some(i) if *i != file))
                })
                .map(|s| (file, s))
        })
    }

    /// The roots that denote the map of a site; a local's root counts in its file only.
    fn site_roots(&self, site: &TypeSite, out: &mut Vec<(MapRoot, Option<usize>)>, hops: usize) {
        let owner = site.owner.to_string();
        match site.position {
            // Enum fields are reached by patterns only, never as `x.f`.
            Position::Field if site.parent.is_some_and(|p| p.is_enum) => {}
            Position::Field => {
                let ty = site.parent.map(|p| p.name.clone());
                out.push((MapRoot::Field { ty: ty.clone(), field: owner.clone() }, None));
                out.push((MapRoot::Field { ty: None, field: owner.clone() }, None));
                self.accessors_of(
                    |r| match r {
                        Root::TypedField { ty: t, field } => Some(t) == ty.as_ref() && *field == owner,
                        Root::Field(field) => *field == owner,
                        _ => false,
                    },
                    out,
                );
            }
            Position::Static | Position::Const => {
                out.push((MapRoot::Static(owner.clone()), None));
                self.accessors_of(|r| matches!(r, Root::Static(n) if *n == owner), out);
            }
            Position::Let | Position::Turbofish => out.push((MapRoot::Local(site.anchor_line), Some(site.file))),
            Position::Return => out.push((MapRoot::Call(owner), None)),
            Position::Alias if hops < MAX_ALIAS_HOPS => {
                for user in self.type_sites().iter().filter(|s| names(s.ty, &owner)) {
                    self.site_roots(user, out, hops + 1);
                }
            }
            Position::Alias => {}
        }
    }

    /// The calls of the accessors (functions returning a map) whose root passes `is_it`.
    fn accessors_of(&self, is_it: impl Fn(&Root) -> bool, out: &mut Vec<(MapRoot, Option<usize>)>) {
        for f in &self.files {
            for a in f.facts.lifecycle.accessors.iter().filter(|a| is_it(&a.root)) {
                out.push((MapRoot::Call(a.name.clone()), None));
            }
        }
    }

    /// Whether the resolved lock type `node`, resolved from the type `written` in `file`
    /// (directly or through an alias), is an asynchronous lock: its path starts with an
    /// async crate or with a name the file imports from one.
    pub fn is_async_lock(&self, file: usize, written: &TypeExpr, node: &TypeExpr) -> bool {
        let TypeKind::Path { segments, .. } = &node.kind else { return false };
        if segments.len() > 1 && ASYNC_CRATES.contains(&segments[0].as_str()) {
            return true;
        }
        let Some(written) = written_at(written, node.span) else { return false };
        let Some(name) = written.name() else { return false };
        if self.async_in(file, written) {
            return true;
        }
        // From an alias: the alias's target, read in the files that define it.
        let lock = node.name().unwrap_or("");
        self.files.iter().enumerate().any(|(file, f)| {
            f.facts.aliases.iter().any(|a| a.name == name && self.async_lock_in(file, &a.target, lock, 0))
        })
    }

    /// The file that declares a crate-local struct or enum.
    pub fn file_of(&self, def: &StructDef) -> Option<usize> {
        self.files.iter().position(|f| f.facts.structs.iter().any(|s| std::ptr::eq(s, def)))
    }

    /// Whether a written path names an async lock in `file`.
    fn async_in(&self, file: usize, written: &TypeExpr) -> bool {
        let TypeKind::Path { segments, .. } = &written.kind else { return false };
        let imports = self.files.get(file).map_or(&[][..], |f| f.facts.types.async_imports.as_slice());
        segments.first().is_some_and(|s| ASYNC_CRATES.contains(&s.as_str()) || imports.contains(s))
    }

    /// Whether `ty`, written in `file`, holds a lock named `lock` (before renames) that is
    /// asynchronous there.
    fn async_lock_in(&self, file: usize, ty: &TypeExpr, lock: &str, depth: usize) -> bool {
        if depth > 16 {
            return false;
        }
        match &ty.kind {
            TypeKind::Path { segments, args } => {
                let here = segments.last().is_some_and(|n| self.unrenamed(n) == lock) && self.async_in(file, ty);
                here || args.iter().any(|a| self.async_lock_in(file, a, lock, depth + 1))
            }
            TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) | TypeKind::Array { elem, .. } => {
                self.async_lock_in(file, elem, lock, depth + 1)
            }
            TypeKind::Tuple(elems) => elems.iter().any(|e| self.async_lock_in(file, e, lock, depth + 1)),
            TypeKind::Traits(_) | TypeKind::Other => false,
        }
    }
}

/// Whether a written type names `name` anywhere (a use of the alias `name`).
fn names(ty: &TypeExpr, name: &str) -> bool {
    let mut found = false;
    crate::prefilter::interest::for_each_name(ty, &mut |n| found |= n == name, 0);
    found
}

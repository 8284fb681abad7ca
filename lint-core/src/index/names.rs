//! Names and identity (SPEC §1): the package's modules, the items each declares, and the
//! resolution of a name written in a module the way rustc resolves it, as far as the syntax
//! shows: items of the module, `use` imports (renames, groups, globs of crate-local
//! modules, re-exports), and `crate::`, `self::` and `super::` paths. Structs, enums,
//! aliases and statics are identified by an `ItemId`: their module path and name, never
//! their bare name.
//!
//! A name that resolves to another crate (`use tokio::runtime::Runtime;`) is `External`:
//! never a crate-local item. A name that cannot be resolved (a module of the package that
//! was not parsed, a glob of another crate, a file placed by its path only) is `Unknown`:
//! callers then consider every item of that name, and use the candidates only for facts
//! that clear a finding, or when there is a single one.

use std::collections::HashMap;

use crate::facts::lifecycle::StaticDecl;
use crate::facts::names::UseDecl;
use crate::facts::{FileFacts, StructDef, TypeAlias};
use crate::index::PackageIndex;
use crate::types::{TypeExpr, TypeKind};

/// A module of the package, interned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModId(u32);

impl ModId {
    /// The crate root.
    pub const ROOT: ModId = ModId(0);
}

/// A struct, enum, alias or static of the package: its module and name, interned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(u32);

/// What a name denotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Items of the package (several only when files share a module path).
    Items(Vec<ItemId>),
    /// An item of another crate, or nothing of this package.
    External,
    /// Not known from the facts at hand.
    Unknown,
}

/// The two namespaces items live in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ns {
    /// Structs, enums, aliases (and modules).
    Type,
    /// Statics.
    Value,
}

/// Imports and globs are followed this deep.
const MAX_DEPTH: usize = 8;

/// Lookups one resolution makes at most (globs that import each other cycle).
const MAX_STEPS: usize = 64;

#[derive(Default)]
struct Module<'a> {
    path: Vec<String>,
    parent: Option<ModId>,
    children: HashMap<String, ModId>,
    items: HashMap<(&'a str, Ns), ItemId>,
    /// Imports by the name they bind (the first of a name wins).
    uses: HashMap<&'a str, &'a UseDecl>,
    globs: Vec<&'a UseDecl>,
}

/// An item: where it is declared.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    pub module: ModId,
    pub name: &'a str,
    pub structs: Vec<&'a StructDef>,
    pub aliases: Vec<&'a TypeAlias>,
    pub statics: Vec<&'a StaticDecl>,
}

/// The modules, items and imports of one package.
#[derive(Default)]
pub struct NameModel<'a> {
    ids: HashMap<Vec<String>, ModId>,
    modules: Vec<Module<'a>>,
    items: Vec<Item<'a>>,
    /// Item of each struct, alias and module-level static, by the address of its fact.
    by_fact: HashMap<usize, ItemId>,
    /// Every item of each bare name.
    by_name: HashMap<(&'a str, Ns), Vec<ItemId>>,
    /// The module of each file (its module path from its crate root).
    file_module: Vec<ModId>,
}

fn addr<T>(x: &T) -> usize {
    x as *const T as usize
}

impl<'a> NameModel<'a> {
    /// Builds the model from each file's module path and facts.
    pub fn new(files: &[(&[String], &'a FileFacts)]) -> NameModel<'a> {
        let mut m = NameModel::default();
        m.intern(&[]);
        for (module, facts) in files {
            let fm = m.intern(module);
            m.file_module.push(fm);
            let scoped = |inline: &[String]| -> Vec<String> { module.iter().chain(inline).cloned().collect() };
            for d in &facts.names.mods {
                let mut p = scoped(&d.module);
                p.push(d.name.clone());
                m.intern(&p);
            }
            for u in &facts.names.uses {
                let id = m.intern(&scoped(&u.module));
                let module = &mut m.modules[id.0 as usize];
                if u.name == "*" {
                    module.globs.push(u);
                } else {
                    module.uses.entry(u.name.as_str()).or_insert(u);
                }
            }
            for s in &facts.structs {
                let id = m.item(&scoped(&s.module), &s.name, Ns::Type);
                m.items[id.0 as usize].structs.push(s);
                m.by_fact.insert(addr(s), id);
            }
            for a in &facts.aliases {
                let id = m.item(&scoped(&a.module), &a.name, Ns::Type);
                m.items[id.0 as usize].aliases.push(a);
                m.by_fact.insert(addr(a), id);
            }
            for st in facts.lifecycle.statics.iter().filter(|s| s.local_id.is_none()) {
                let id = m.item(&scoped(&st.module), &st.name, Ns::Value);
                m.items[id.0 as usize].statics.push(st);
                m.by_fact.insert(addr(st), id);
            }
        }
        m
    }

    fn intern(&mut self, path: &[String]) -> ModId {
        if let Some(id) = self.ids.get(path) {
            return *id;
        }
        // Parents first, so that `super` always finds one.
        let parent = path.split_last().map(|(last, parent)| (last, self.intern(parent)));
        let id = ModId(self.modules.len() as u32);
        self.modules.push(Module { path: path.to_vec(), parent: parent.map(|(_, p)| p), ..Module::default() });
        if let Some((last, p)) = parent {
            self.modules[p.0 as usize].children.insert(last.clone(), id);
        }
        self.ids.insert(path.to_vec(), id);
        id
    }

    fn item(&mut self, module: &[String], name: &'a str, ns: Ns) -> ItemId {
        let m = self.intern(module);
        if let Some(id) = self.modules[m.0 as usize].items.get(&(name, ns)) {
            return *id;
        }
        let id = ItemId(self.items.len() as u32);
        let item = Item { module: m, name, structs: vec![], aliases: vec![], statics: vec![] };
        self.items.push(item);
        self.modules[m.0 as usize].items.insert((name, ns), id);
        self.by_name.entry((name, ns)).or_default().push(id);
        id
    }

    /// The module of the file at `file` (its index among the package's files), with the
    /// inline module path of a fact inside it.
    pub fn scope(&self, file: usize, inline: &[String]) -> ModId {
        let Some(&fm) = self.file_module.get(file) else { return ModId(0) };
        inline.iter().try_fold(fm, |m, seg| self.child(m, seg)).unwrap_or(fm)
    }

    /// An item.
    pub fn get(&self, id: ItemId) -> &Item<'a> {
        &self.items[id.0 as usize]
    }

    /// The item of a struct, alias or module-level static fact of the package.
    pub fn id_of<T>(&self, fact: &T) -> Option<ItemId> {
        self.by_fact.get(&addr(fact)).copied()
    }

    /// `a::b::Name`, for messages.
    pub fn qualified(&self, id: ItemId) -> String {
        let it = self.get(id);
        let mut parts = self.modules[it.module.0 as usize].path.clone();
        parts.push(it.name.to_string());
        parts.join("::")
    }

    fn child(&self, m: ModId, name: &str) -> Option<ModId> {
        self.modules[m.0 as usize].children.get(name).copied()
    }

    fn parent(&self, m: ModId) -> Option<ModId> {
        self.modules[m.0 as usize].parent
    }

    /// Resolves a path written in module `scope`.
    pub fn resolve(&self, scope: ModId, path: &[String], ns: Ns) -> Resolution {
        let mut steps = MAX_STEPS;
        self.resolve_at(scope, path, ns, 0, &mut steps)
    }

    fn resolve_at(&self, scope: ModId, path: &[String], ns: Ns, depth: usize, steps: &mut usize) -> Resolution {
        let Some((last, init)) = path.split_last() else { return Resolution::Unknown };
        if init.is_empty() {
            return self.name_in(scope, last, ns, depth, steps);
        }
        match self.module_of(scope, init, depth, steps) {
            Ok(m) => self.name_in(m, last, ns, depth, steps),
            Err(r) => r,
        }
    }

    /// The module a path of modules denotes from `scope`.
    fn module_of(&self, scope: ModId, path: &[String], depth: usize, steps: &mut usize) -> Result<ModId, Resolution> {
        let mut segs = path.iter().map(String::as_str);
        let first = segs.next().ok_or(Resolution::Unknown)?;
        let mut m = match first {
            "" => return Err(Resolution::External),
            "crate" => ModId(0),
            "self" => scope,
            "super" => self.parent(scope).ok_or(Resolution::Unknown)?,
            "Self" => return Err(Resolution::Unknown),
            name => self.module_named(scope, name, depth, steps)?,
        };
        for seg in segs {
            m = match seg {
                "super" => self.parent(m).ok_or(Resolution::Unknown)?,
                "self" => m,
                name => match self.child(m, name) {
                    Some(c) => c,
                    None => self.module_named(m, name, depth, steps)?,
                },
            };
        }
        Ok(m)
    }

    /// The module a single name denotes in `scope`: a child module, or an import of one.
    fn module_named(&self, scope: ModId, name: &str, depth: usize, steps: &mut usize) -> Result<ModId, Resolution> {
        if let Some(c) = self.child(scope, name) {
            return Ok(c);
        }
        if depth >= MAX_DEPTH || *steps == 0 {
            return Err(Resolution::Unknown);
        }
        *steps -= 1;
        let module = &self.modules[scope.0 as usize];
        match module.uses.get(name) {
            Some(u) if u.path.len() == 1 && u.path[0] == name => Err(Resolution::External),
            Some(u) => self.module_of(scope, &u.path, depth + 1, steps),
            None if module.items.contains_key(&(name, Ns::Type)) => Err(Resolution::Unknown),
            // Not a module of this package: another crate (`tokio::..`, `std::..`).
            None => Err(Resolution::External),
        }
    }

    /// A single name in a module: its items, then its imports, then its globs.
    fn name_in(&self, scope: ModId, name: &str, ns: Ns, depth: usize, steps: &mut usize) -> Resolution {
        let module = &self.modules[scope.0 as usize];
        if let Some(id) = module.items.get(&(name, ns)) {
            return Resolution::Items(vec![*id]);
        }
        if depth >= MAX_DEPTH || *steps == 0 {
            return Resolution::Unknown;
        }
        *steps -= 1;
        if let Some(u) = module.uses.get(name) {
            return self.resolve_at(scope, &u.path, ns, depth + 1, steps);
        }
        for g in &module.globs {
            // A glob of another crate may bring any name; so may an unparsed module.
            if let Ok(m) = self.module_of(scope, &g.path, depth + 1, steps) {
                if let Resolution::Items(ids) = self.name_in(m, name, ns, depth + 1, steps) {
                    return Resolution::Items(ids);
                }
            }
        }
        // Nothing here declares it: the prelude, a macro, a glob, or a file placed by its
        // path only.
        Resolution::Unknown
    }

    /// The path a `use` of module `scope` imports under `name`, if one does.
    pub fn import_path(&self, scope: ModId, name: &str) -> Option<&[String]> {
        self.modules[scope.0 as usize].uses.get(name).map(|u| u.path.as_slice())
    }

    /// Whether the crate root has a module of this name.
    pub fn is_top_module(&self, name: &str) -> bool {
        self.child(ModId::ROOT, name).is_some()
    }

    /// The path of an item from the crate root: `crate::a::Name`.
    pub fn crate_path(&self, id: ItemId) -> Vec<String> {
        let it = self.get(id);
        let module = &self.modules[it.module.0 as usize].path;
        std::iter::once("crate".to_string()).chain(module.iter().cloned()).chain([it.name.to_string()]).collect()
    }

    /// Every item of a bare name, in any module (the candidates of an unknown name).
    pub fn all_named<'s>(&'s self, name: &'s str, ns: Ns) -> &'s [ItemId] {
        self.by_name.get(&(name, ns)).map_or(&[], Vec::as_slice)
    }
}

impl PackageIndex<'_> {
    /// The crate-local structs (not enums) a written type denotes in module `scope`: the
    /// one its path resolves to; every struct of its name when the path cannot be resolved;
    /// none when it names another crate's type.
    pub fn structs_at(&self, scope: ModId, ty: &TypeExpr) -> Vec<ItemId> {
        match &ty.kind {
            TypeKind::Path { segments, .. } => self.structs_by_path(scope, segments),
            _ => Vec::new(),
        }
    }

    /// The crate-local structs (not enums) a path denotes in module `scope` (see
    /// `structs_at`).
    pub fn structs_by_path(&self, scope: ModId, path: &[String]) -> Vec<ItemId> {
        let is_struct = |id: &ItemId| self.names.get(*id).structs.iter().any(|s| !s.is_enum);
        let Some(last) = path.last() else { return Vec::new() };
        // Most names written in types are no struct of the package: no need to resolve.
        if !self.names.all_named(last, Ns::Type).iter().any(is_struct) {
            return Vec::new();
        }
        match self.names.resolve(scope, path, Ns::Type) {
            Resolution::Items(ids) => ids.into_iter().filter(is_struct).collect(),
            Resolution::External => Vec::new(),
            Resolution::Unknown => self.names.all_named(last, Ns::Type).iter().copied().filter(is_struct).collect(),
        }
    }

    /// The module-level statics a name denotes in module `scope`; every static of its name
    /// when it cannot be resolved.
    pub fn statics_by_name(&self, scope: ModId, name: &str) -> (Vec<ItemId>, Resolution) {
        let path = [name.to_string()];
        let r = self.names.resolve(scope, &path, Ns::Value);
        let ids = match &r {
            Resolution::Items(ids) => ids.clone(),
            Resolution::External => Vec::new(),
            Resolution::Unknown => self.names.all_named(name, Ns::Value).to_vec(),
        };
        (ids, r)
    }
}

#[cfg(test)]
mod tests;

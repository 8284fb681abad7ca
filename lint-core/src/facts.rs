//! Compact, serializable facts about one file, extracted while its tree is in hand so the
//! tree can be dropped. Package rules read only these (merged in `index`).
//!
//! The common facts live here (type aliases, `use .. as` renames, suppressions); the
//! facts about long-lived maps live in `facts::lifecycle`, and those about written types,
//! structs and `Hash`/`PartialEq` impls in `facts::typeinfo`.

mod frames;
pub mod lifecycle;
pub mod names;
pub mod signatures;
pub mod typeinfo;

use serde::{Deserialize, Serialize};
use syn::visit::{self, Visit};

use crate::diagnostic::Span;
use crate::prefilter::Interest;
use crate::settings::Settings;
use crate::suppress::Suppressions;
use crate::testcode::{is_test_attrs, is_test_mod};
use crate::types::TypeExpr;

/// A crate-local `type Name<P1, P2> = Target;`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeAlias {
    pub name: String,
    /// The inline module path, within the file, of the module declaring it.
    pub module: Vec<String>,
    /// Names of the type parameters, in order.
    pub params: Vec<String>,
    pub target: TypeExpr,
}

/// A field of a crate-local struct or enum variant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    /// The field's name, or its index for tuple fields (`"0"`).
    pub name: String,
    pub ty: TypeExpr,
    /// The span of the field's name (or of its type, for tuple fields).
    pub name_span: Span,
    /// The first line of the field, attributes included (for suppression comments).
    pub anchor_line: u32,
}

/// A crate-local `struct` or `enum` (the fields of all its variants).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructDef {
    pub name: String,
    /// The inline module path, within the file, of the module declaring it.
    pub module: Vec<String>,
    pub is_enum: bool,
    pub fields: Vec<FieldDef>,
    pub span: Span,
    pub in_test: bool,
    /// The names of its type parameters, in order (`struct Tracked<F>`: `["F"]`).
    pub params: Vec<String>,
}

/// A crate-local `const` or `static` with an integer literal value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntConst {
    pub name: String,
    pub value: u64,
}

/// Everything package rules and pending findings need from one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFacts {
    pub aliases: Vec<TypeAlias>,
    /// `use path::Original as Alias;`: (alias, original last segment).
    pub renames: Vec<(String, String)>,
    pub structs: Vec<StructDef>,
    pub consts: Vec<IntConst>,
    pub suppressions: Suppressions,
    /// The file lies under tests/, benches/ or examples/ of its package.
    pub in_test_file: bool,
    pub lifecycle: lifecycle::LifecycleFacts,
    pub types: typeinfo::TypeFacts,
    /// Return types of functions and methods, types of statics, and the names pending
    /// findings ask about.
    pub signatures: signatures::Signatures,
    pub names: names::NameFacts,
}

impl FileFacts {
    /// Adds to `ix` the names that make another file's facts matter, given the names it
    /// already holds (see `prefilter`): aliases and renames of map types, structs that
    /// hold maps and the fields that do, and every name written in those types; then the
    /// names of the type and lifecycle facts.
    pub fn names_of_interest(&self, ix: &mut Interest) {
        for a in &self.aliases {
            if ix.holds(&a.target) {
                ix.map_like(&a.name);
                ix.define_maps(&a.target);
            }
            if ix.define.contains(&a.name) {
                ix.define_all(&a.target);
            }
        }
        for (alias, original) in &self.renames {
            if ix.is_holder(original) {
                ix.map_like(alias);
            }
            if ix.define.contains(alias) {
                ix.define(original);
            }
        }
        for s in &self.structs {
            let mut holds = false;
            for f in &s.fields {
                if !ix.holds(&f.ty) {
                    continue;
                }
                holds = true;
                ix.field(&f.name);
                ix.define_maps(&f.ty);
            }
            if holds {
                ix.holder(&s.name);
            }
            // A type named in a map's type: its fields decide cells and mutable keys, its
            // impls of `Hash`/`PartialEq`/`Ord` what a key reads.
            if ix.define.contains(&s.name) {
                ix.implemented(&s.name);
                s.fields.iter().for_each(|f| ix.define_all(&f.ty));
            }
        }
        self.types.names_of_interest(ix);
        self.lifecycle.names_of_interest(ix);
        self.signatures.names_of_interest(ix);
    }
}

impl FileFacts {
    /// Marks every fact of the file as test code: the file is a test module or belongs to
    /// a test-support package (what decides it lies outside the file, see `modtree`).
    pub fn mark_test(&mut self) {
        self.in_test_file = true;
        self.structs.iter_mut().for_each(|s| s.in_test = true);
        let lc = &mut self.lifecycle;
        lc.statics.iter_mut().for_each(|s| s.in_test = true);
        lc.sites.iter_mut().for_each(|s| s.in_test = true);
        lc.accessors.iter_mut().for_each(|a| a.in_test = true);
        lc.actor_locals.iter_mut().for_each(|l| l.in_test = true);
        lc.passthroughs.iter_mut().for_each(|p| p.in_test = true);
        lc.passes.iter_mut().for_each(|p| p.in_test = true);
        lc.write_locks.iter_mut().for_each(|w| w.in_test = true);
        self.types.written.iter_mut().for_each(|w| w.in_test = true);
        self.types.impls.iter_mut().for_each(|i| i.in_test = true);
    }
}

/// Extracts the facts of a parsed file.
pub fn extract(file: &syn::File, suppressions: Suppressions, in_test_file: bool, settings: &Settings) -> FileFacts {
    let facts = FileFacts { suppressions, in_test_file, ..FileFacts::default() };
    let mut c = Collector { facts, in_test: in_test_file, module: Vec::new() };
    c.visit_file(file);
    let mut facts = c.facts;
    facts.lifecycle = lifecycle::extract(file, in_test_file, &settings.rules.removal_methods);
    facts.types = typeinfo::extract(file, in_test_file);
    facts.signatures = signatures::extract(file, in_test_file);
    facts
}

struct Collector {
    facts: FileFacts,
    in_test: bool,
    /// The inline module path being visited.
    module: Vec<String>,
}

/// A struct's or enum's name and generics.
struct Item<'i> {
    name: &'i syn::Ident,
    generics: &'i syn::Generics,
}

impl Collector {
    fn with_test<F: FnOnce(&mut Self)>(&mut self, attrs: &[syn::Attribute], f: F) {
        let was = self.in_test;
        self.in_test |= is_test_attrs(attrs);
        f(self);
        self.in_test = was;
    }

    /// `double`: a test double (`testcode::is_test_double`), test code wherever it is.
    fn push_struct(&mut self, item: Item<'_>, is_enum: bool, fields: Vec<&syn::Field>, span: Span, double: bool) {
        let Item { name, generics } = item;
        let params = generics.type_params().map(|p| p.ident.to_string()).collect();
        let fields = fields
            .into_iter()
            .enumerate()
            .map(|(i, f)| FieldDef {
                name: f.ident.as_ref().map_or_else(|| i.to_string(), |id| id.to_string()),
                ty: TypeExpr::from_syn(&f.ty),
                name_span: f.ident.as_ref().map_or_else(|| Span::of(&f.ty), Span::of),
                anchor_line: Span::of(f).start.line,
            })
            .collect();
        let (name, module) = (name.to_string(), self.module.clone());
        let def = StructDef { name, module, is_enum, fields, span, in_test: self.in_test || double, params };
        self.facts.structs.push(def);
    }

    fn push_const(&mut self, name: &syn::Ident, expr: &syn::Expr) {
        if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) = expr {
            if let Ok(value) = i.base10_parse::<u64>() {
                self.facts.consts.push(IntConst { name: name.to_string(), value });
            }
        }
    }
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item_type(&mut self, i: &'ast syn::ItemType) {
        let params = i
            .generics
            .params
            .iter()
            .filter_map(|p| match p {
                syn::GenericParam::Type(t) => Some(t.ident.to_string()),
                _ => None,
            })
            .collect();
        let (name, module) = (i.ident.to_string(), self.module.clone());
        self.facts.aliases.push(TypeAlias { name, module, params, target: TypeExpr::from_syn(&i.ty) });
        visit::visit_item_type(self, i);
    }

    fn visit_item_mod(&mut self, i: &'ast syn::ItemMod) {
        let was = self.in_test;
        self.in_test |= is_test_mod(i);
        let name = i.ident.to_string();
        let decl = names::ModDecl {
            module: self.module.clone(),
            name: name.clone(),
            path_attr: names::path_attr(&i.attrs),
            inline: i.content.is_some(),
            test: self.in_test,
        };
        self.facts.names.mods.push(decl);
        self.module.push(name);
        visit::visit_item_mod(self, i);
        self.module.pop();
        self.in_test = was;
    }

    fn visit_item_use(&mut self, i: &'ast syn::ItemUse) {
        names::push_uses(&mut self.facts.names.uses, &self.module, i);
        visit::visit_item_use(self, i);
    }

    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        self.with_test(&i.attrs, |c| visit::visit_item_fn(c, i));
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        self.with_test(&i.attrs, |c| visit::visit_item_impl(c, i));
    }

    fn visit_item_struct(&mut self, i: &'ast syn::ItemStruct) {
        let double = crate::testcode::is_test_double(&i.ident.to_string(), &i.attrs);
        let item = Item { name: &i.ident, generics: &i.generics };
        self.with_test(&i.attrs, |c| c.push_struct(item, false, i.fields.iter().collect(), Span::of(i), double));
        visit::visit_item_struct(self, i);
    }

    fn visit_item_enum(&mut self, i: &'ast syn::ItemEnum) {
        let fields = i.variants.iter().flat_map(|v| v.fields.iter()).collect();
        let double = crate::testcode::is_test_double(&i.ident.to_string(), &i.attrs);
        let item = Item { name: &i.ident, generics: &i.generics };
        self.with_test(&i.attrs, |c| c.push_struct(item, true, fields, Span::of(i), double));
        visit::visit_item_enum(self, i);
    }

    fn visit_item_const(&mut self, i: &'ast syn::ItemConst) {
        self.push_const(&i.ident, &i.expr);
        visit::visit_item_const(self, i);
    }

    fn visit_item_static(&mut self, i: &'ast syn::ItemStatic) {
        self.push_const(&i.ident, &i.expr);
        visit::visit_item_static(self, i);
    }

    fn visit_use_rename(&mut self, r: &'ast syn::UseRename) {
        self.facts.renames.push((r.rename.to_string(), r.ident.to_string()));
    }
}

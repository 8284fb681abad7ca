//! Facts about written types: every type written in a position SPEC §2 examines for
//! ML003/ML006/ML008 (statics, consts, type aliases, `let` annotations, function return
//! types, turbofish on constructors and `.collect::<..>()`; struct and enum fields are
//! already in `FileFacts::structs`), and hand-written `Hash` / `PartialEq` / `Ord` /
//! `PartialOrd` impls with the fields their bodies read (`facts::typeinfo::impls`), where
//! values read from a map get another owner (`shares`, over the expressions of `reads`),
//! and the names imported from crates whose locks are asynchronous (`imports`).
//!
//! Function parameters and trait bounds are not recorded: they repeat types declared
//! elsewhere.

mod anchor;
mod impls;
pub mod imports;
mod macros;
pub mod reads;
mod shares;

use serde::{Deserialize, Serialize};
use syn::visit::{self, Visit};

use crate::maptypes::builtin_map_kind;
use crate::prefilter::Interest;
use crate::testcode::{is_test_attrs, is_test_mod};
use crate::types::{TypeExpr, TypeKind};
use anchor::Anchor;

pub use impls::{FieldRead, TraitImpl, TraitKind};
pub use reads::MapRoot;
pub use shares::{ShareKind, ValueShare};

/// Where a written type stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Position {
    /// A field of a struct or enum variant (from `FileFacts::structs`).
    Field,
    Static,
    Const,
    Alias,
    /// A `let` annotation.
    Let,
    /// A function's return type.
    Return,
    /// `Type::<..>::f(..)`, `<Type>::f(..)` or `.collect::<Type>()`.
    Turbofish,
}

/// A type written in one of the examined positions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenType {
    pub ty: TypeExpr,
    pub position: Position,
    /// The name of the static, const, alias, `let` binding or function; empty when there
    /// is none (turbofish, destructuring `let`).
    pub owner: String,
    /// The first line of the innermost statement, field or item holding the type.
    pub anchor_line: u32,
    pub in_test: bool,
    /// The inline module path, within the file, where the type is written.
    pub module: Vec<String>,
}

/// The type facts of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeFacts {
    /// Written types that may hold a map (see `could_hold_map`), in source order.
    pub written: Vec<WrittenType>,
    /// Hand-written `Hash`, `PartialEq`, `Ord` and `PartialOrd` impls.
    pub impls: Vec<TraitImpl>,
    /// Maps whose values get another owner here (first occurrence per map root).
    pub shares: Vec<ValueShare>,
    /// Names imported from crates whose locks are asynchronous (`imports`).
    pub async_imports: Vec<String>,
}

impl TypeFacts {
    /// Adds to `ix` every name written in a type that holds a map, and the statics that
    /// hold one (see `prefilter`).
    pub fn names_of_interest(&self, ix: &mut Interest) {
        for w in &self.written {
            if !ix.holds(&w.ty) {
                continue;
            }
            ix.define_maps(&w.ty);
            match w.position {
                Position::Static => ix.mention(&w.owner),
                // A caller may share the values of the map it gets; a struct around a
                // map is no map whose values are judged (`PackageIndex::maps_in`).
                Position::Return if ix.may_name_map(&w.ty) => ix.called(&w.owner),
                _ => {}
            }
        }
    }
}

/// Extracts the type facts of a parsed file.
pub fn extract(file: &syn::File, in_test_file: bool) -> TypeFacts {
    let mut c = Collector { out: TypeFacts::default(), in_test: in_test_file, anchor: Anchor::Line(1), module: vec![] };
    c.visit_file(file);
    let mut out = c.out;
    out.shares = shares::collect(file, in_test_file);
    out.async_imports.sort();
    out.async_imports.dedup();
    out
}

/// Common names that never denote a map nor a crate-local alias of one; a written type
/// made only of these (and lower-case primitives) is not kept.
const NEVER_MAP: &[&str] = &[
    "Self",
    "String",
    "Vec",
    "VecDeque",
    "Option",
    "Result",
    "Box",
    "Rc",
    "Arc",
    "Weak",
    "Cell",
    "RefCell",
    "Mutex",
    "RwLock",
    "PathBuf",
    "Path",
    "OsString",
    "OsStr",
    "Cow",
    "PhantomData",
    "Duration",
    "Instant",
    "SystemTime",
    "Ordering",
    "NonZeroUsize",
    "NonZeroU32",
    "NonZeroU64",
    "Pin",
    "BinaryHeap",
    "LinkedList",
];

/// Whether a written type can hold a map: it names a built-in map type or some
/// upper-case name that may be a crate-local alias, a rename or a configured map type.
pub fn could_hold_map(ty: &TypeExpr) -> bool {
    match &ty.kind {
        TypeKind::Path { segments, args } => {
            let name = segments.last().map(String::as_str).unwrap_or("");
            let candidate = builtin_map_kind(name).is_some()
                || (name.starts_with(|c: char| c.is_ascii_uppercase()) && !NEVER_MAP.contains(&name));
            candidate || args.iter().any(could_hold_map)
        }
        TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) | TypeKind::Array { elem, .. } => {
            could_hold_map(elem)
        }
        TypeKind::Tuple(elems) => elems.iter().any(could_hold_map),
        TypeKind::Traits(_) | TypeKind::Other => false,
    }
}

/// Whether a type may pass `could_hold_map` once converted: the same test on the syntax,
/// made first because the conversion computes spans, which is costly.
fn may_hold_map(ty: &syn::Type, depth: usize) -> bool {
    if depth > 64 {
        return true;
    }
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else { return false };
            let name = last.ident.to_string();
            let candidate = builtin_map_kind(&name).is_some()
                || (name.starts_with(|c: char| c.is_ascii_uppercase()) && !NEVER_MAP.contains(&name.as_str()));
            candidate || crate::maptypes::type_args(&p.path).into_iter().any(|a| may_hold_map(a, depth + 1))
        }
        syn::Type::Reference(r) => may_hold_map(&r.elem, depth + 1),
        syn::Type::Ptr(p) => may_hold_map(&p.elem, depth + 1),
        syn::Type::Paren(p) => may_hold_map(&p.elem, depth + 1),
        syn::Type::Group(g) => may_hold_map(&g.elem, depth + 1),
        syn::Type::Array(a) => may_hold_map(&a.elem, depth + 1),
        syn::Type::Slice(s) => may_hold_map(&s.elem, depth + 1),
        syn::Type::Tuple(t) => t.elems.iter().any(|e| may_hold_map(e, depth + 1)),
        _ => false,
    }
}

struct Collector<'ast> {
    out: TypeFacts,
    in_test: bool,
    anchor: Anchor<'ast>,
    /// The inline module path being visited.
    module: Vec<String>,
}

impl<'ast> Collector<'ast> {
    fn push(&mut self, ty: &syn::Type, position: Position, owner: String) {
        if !may_hold_map(ty, 0) {
            return;
        }
        let ty = TypeExpr::from_syn(ty);
        if could_hold_map(&ty) {
            let anchor_line = self.anchor.line();
            // Kept for the other types of the same statement or item.
            self.anchor = Anchor::Line(anchor_line);
            let (in_test, module) = (self.in_test, self.module.clone());
            let w = WrittenType { ty, position, owner, anchor_line, in_test, module };
            self.out.written.push(w);
        }
    }

    /// Visits a node as test code when its attributes say so.
    fn with_test<F: FnOnce(&mut Self)>(&mut self, attrs: &[syn::Attribute], f: F) {
        let was = self.in_test;
        self.in_test |= is_test_attrs(attrs);
        f(self);
        self.in_test = was;
    }

    /// Visits a node that starts a new anchor (statement, item).
    fn with_anchor<F: FnOnce(&mut Self)>(&mut self, anchor: Anchor<'ast>, f: F) {
        let was = self.anchor;
        self.anchor = anchor;
        f(self);
        self.anchor = was;
    }

    fn push_return(&mut self, sig: &syn::Signature) {
        if let syn::ReturnType::Type(_, ty) = &sig.output {
            if may_hold_map(ty, 0) {
                self.push(ty, Position::Return, sig.ident.to_string());
            }
        }
    }

    /// `lazy_static! { static ref NAME: T = ..; }` and `thread_local! { static NAME: T = ..; }`.
    fn push_macro_statics(&mut self, mac: &syn::Macro) {
        for s in macros::statics(mac) {
            let was = (self.in_test, self.anchor);
            self.in_test |= is_test_attrs(&s.attrs);
            self.anchor = Anchor::Line(s.line);
            self.push(&s.ty, Position::Static, s.ident.to_string());
            (self.in_test, self.anchor) = was;
        }
    }
}

/// The single name a `let` pattern binds, if it binds one.
fn binding_name(pat: &syn::Pat) -> String {
    match pat {
        syn::Pat::Ident(id) => id.ident.to_string(),
        _ => String::new(),
    }
}

impl<'ast> Visit<'ast> for Collector<'ast> {
    fn visit_item(&mut self, i: &'ast syn::Item) {
        self.with_anchor(Anchor::Item(i), |c| visit::visit_item(c, i));
    }
    fn visit_impl_item(&mut self, i: &'ast syn::ImplItem) {
        self.with_anchor(Anchor::ImplItem(i), |c| visit::visit_impl_item(c, i));
    }
    fn visit_trait_item(&mut self, i: &'ast syn::TraitItem) {
        self.with_anchor(Anchor::TraitItem(i), |c| visit::visit_trait_item(c, i));
    }
    fn visit_stmt(&mut self, s: &'ast syn::Stmt) {
        let attrs: &[syn::Attribute] = match s {
            syn::Stmt::Local(l) => &l.attrs,
            syn::Stmt::Expr(syn::Expr::Block(b), _) => &b.attrs,
            _ => &[],
        };
        self.with_test(attrs, |c| c.with_anchor(Anchor::Stmt(s), |c| visit::visit_stmt(c, s)));
    }

    fn visit_item_mod(&mut self, i: &'ast syn::ItemMod) {
        let was = self.in_test;
        self.in_test |= is_test_mod(i);
        self.module.push(i.ident.to_string());
        visit::visit_item_mod(self, i);
        self.module.pop();
        self.in_test = was;
    }
    fn visit_item_trait(&mut self, i: &'ast syn::ItemTrait) {
        self.with_test(&i.attrs, |c| visit::visit_item_trait(c, i));
    }
    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        self.with_test(&i.attrs, |c| {
            if let Some(mut t) = impls::trait_impl(i, c.in_test) {
                t.module = c.module.clone();
                c.out.impls.push(t);
            }
            visit::visit_item_impl(c, i)
        });
    }
    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        self.with_test(&i.attrs, |c| {
            c.push_return(&i.sig);
            visit::visit_item_fn(c, i)
        });
    }
    fn visit_impl_item_fn(&mut self, i: &'ast syn::ImplItemFn) {
        self.with_test(&i.attrs, |c| {
            c.push_return(&i.sig);
            visit::visit_impl_item_fn(c, i)
        });
    }
    fn visit_trait_item_fn(&mut self, i: &'ast syn::TraitItemFn) {
        self.with_test(&i.attrs, |c| {
            c.push_return(&i.sig);
            visit::visit_trait_item_fn(c, i)
        });
    }
    fn visit_item_static(&mut self, i: &'ast syn::ItemStatic) {
        self.with_test(&i.attrs, |c| {
            c.push(&i.ty, Position::Static, i.ident.to_string());
            visit::visit_item_static(c, i)
        });
    }
    fn visit_item_const(&mut self, i: &'ast syn::ItemConst) {
        self.with_test(&i.attrs, |c| {
            c.push(&i.ty, Position::Const, i.ident.to_string());
            visit::visit_item_const(c, i)
        });
    }
    fn visit_impl_item_const(&mut self, i: &'ast syn::ImplItemConst) {
        self.with_test(&i.attrs, |c| {
            c.push(&i.ty, Position::Const, i.ident.to_string());
            visit::visit_impl_item_const(c, i)
        });
    }
    fn visit_item_type(&mut self, i: &'ast syn::ItemType) {
        self.with_test(&i.attrs, |c| {
            c.push(&i.ty, Position::Alias, i.ident.to_string());
            visit::visit_item_type(c, i)
        });
    }
    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let syn::Pat::Type(t) = &l.pat {
            self.push(&t.ty, Position::Let, binding_name(&t.pat));
        }
        visit::visit_local(self, l);
    }

    fn visit_expr_path(&mut self, e: &'ast syn::ExprPath) {
        if let Some(q) = &e.qself {
            self.push(&q.ty, Position::Turbofish, String::new());
        } else if let Some(ty) = turbofish_type(&e.path) {
            self.push(&ty, Position::Turbofish, String::new());
        }
        visit::visit_expr_path(self, e);
    }
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if m.method == "collect" {
            let ty = m.turbofish.as_ref().and_then(|t| {
                t.args.iter().find_map(|g| match g {
                    syn::GenericArgument::Type(ty) => Some(ty),
                    _ => None,
                })
            });
            if let Some(ty) = ty {
                self.push(ty, Position::Turbofish, String::new());
            }
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        imports::add_async_imports(u, &mut self.out.async_imports);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.push_macro_statics(m);
        visit::visit_macro(self, m);
    }
}

/// `Type::<Args>::f`: the type path up to its last segment with generic arguments, when
/// a function segment follows it.
fn turbofish_type(path: &syn::Path) -> Option<syn::Type> {
    let segs = &path.segments;
    let last_args = segs
        .iter()
        .enumerate()
        .rev()
        .skip(1)
        .find(|(_, s)| matches!(s.arguments, syn::PathArguments::AngleBracketed(_)))?
        .0;
    let mut type_path = syn::Path { leading_colon: path.leading_colon, segments: Default::default() };
    for s in segs.iter().take(last_args + 1) {
        type_path.segments.push(s.clone());
    }
    Some(syn::Type::Path(syn::TypePath { qself: None, path: type_path }))
}

#[cfg(test)]
mod tests;

//! The declared types that known types (`semantic`) reach across files: the return
//! types of crate-local functions and methods, and the types of statics and consts.
//! Only what can answer a question is kept: functions returning `()`, `Self` alone or
//! `impl Trait` are left out.

use serde::{Deserialize, Serialize};
use syn::visit::{self, Visit};

use crate::prefilter::Interest;
use crate::testcode::is_test_attrs;
use crate::types::{TypeExpr, TypeKind};

/// A crate-local function or method with a declared return type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FnSig {
    /// The type of the `impl` for methods (last segment), `None` for free functions.
    pub owner: Option<String>,
    pub name: String,
    pub ret: TypeExpr,
    pub in_test: bool,
}

/// A crate-local `static` or `const` and its declared type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaticSig {
    pub name: String,
    pub ty: TypeExpr,
    pub in_test: bool,
}

/// The signatures of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatures {
    pub fns: Vec<FnSig>,
    pub statics: Vec<StaticSig>,
    /// Names that pending findings of this file ask the package about: types and
    /// statics (`define`), and functions and methods (`defined`).
    pub asked_types: Vec<String>,
    pub asked_fns: Vec<String>,
}

impl Signatures {
    /// The names that make another file matter to the questions of pending findings: the
    /// types and functions asked about, and the names in the declared types they lead to.
    pub fn names_of_interest(&self, ix: &mut Interest) {
        for n in &self.asked_types {
            ix.define(n);
        }
        for n in &self.asked_fns {
            ix.defined(n);
        }
        for f in &self.fns {
            if ix.is_function(&f.name) {
                ix.define_all(&f.ret);
            }
        }
        for s in &self.statics {
            if ix.define.contains(&s.name) {
                ix.define_all(&s.ty);
            }
        }
    }
}

/// Extracts the signatures of a parsed file.
pub fn extract(file: &syn::File, in_test_file: bool) -> Signatures {
    let mut c = Collector { out: Signatures::default(), owner: None, in_test: in_test_file };
    c.visit_file(file);
    c.out
}

struct Collector {
    out: Signatures,
    owner: Option<String>,
    in_test: bool,
}

impl Collector {
    fn with_test<F: FnOnce(&mut Self)>(&mut self, attrs: &[syn::Attribute], f: F) {
        let was = self.in_test;
        self.in_test |= is_test_attrs(attrs);
        f(self);
        self.in_test = was;
    }

    fn push_fn(&mut self, sig: &syn::Signature) {
        let syn::ReturnType::Type(_, ty) = &sig.output else { return };
        let ret = TypeExpr::from_syn(ty);
        let useless = match &ret.kind {
            TypeKind::Tuple(e) => e.is_empty(),
            TypeKind::Traits(_) | TypeKind::Other => true,
            TypeKind::Path { segments, args } => segments.len() == 1 && segments[0] == "Self" && args.is_empty(),
            _ => false,
        };
        if !useless {
            let name = sig.ident.to_string();
            self.out.fns.push(FnSig { owner: self.owner.clone(), name, ret, in_test: self.in_test });
        }
    }

    fn push_static(&mut self, name: &syn::Ident, ty: &syn::Type) {
        let sig = StaticSig { name: name.to_string(), ty: TypeExpr::from_syn(ty), in_test: self.in_test };
        self.out.statics.push(sig);
    }
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item_mod(&mut self, i: &'ast syn::ItemMod) {
        self.with_test(&i.attrs, |c| visit::visit_item_mod(c, i));
    }
    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        // Items nested in function bodies are not followed: they are rarely asked about.
        let owner = self.owner.take();
        self.with_test(&i.attrs, |c| c.push_fn(&i.sig));
        self.owner = owner;
    }
    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let owner = match crate::maptypes::peel_type(&i.self_ty) {
            syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        let Some(owner) = owner else { return };
        let was = self.owner.replace(owner);
        self.with_test(&i.attrs, |c| {
            for item in &i.items {
                if let syn::ImplItem::Fn(f) = item {
                    c.with_test(&f.attrs, |c| c.push_fn(&f.sig));
                }
            }
        });
        self.owner = was;
    }
    fn visit_item_trait(&mut self, _: &'ast syn::ItemTrait) {}
    fn visit_item_static(&mut self, i: &'ast syn::ItemStatic) {
        self.with_test(&i.attrs, |c| c.push_static(&i.ident, &i.ty));
    }
    fn visit_item_const(&mut self, i: &'ast syn::ItemConst) {
        self.with_test(&i.attrs, |c| c.push_static(&i.ident, &i.ty));
    }
}

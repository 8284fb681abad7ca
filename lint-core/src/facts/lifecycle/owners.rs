//! What a function tells about the owners of maps (SPEC §1, "Owners that go away" and
//! "Rooted expression"): the types it returns, the struct values it lets escape, the
//! locals it stores into a struct's fields (rooted from their declaration), and whether
//! it is a helper that returns its receiver or first parameter through an access chain.

use syn::visit::{self, Visit};

use super::vocab;
use crate::ctor::strip;
use crate::types::{TypeExpr, TypeKind};

/// Every type name written in a function's return type, `Self` as the impl's type.
pub fn returned(sig: &syn::Signature, impl_ty: Option<&str>, out: &mut Vec<String>) {
    let syn::ReturnType::Type(_, ty) = &sig.output else { return };
    names(&TypeExpr::from_syn(ty), impl_ty, out, 0);
}

fn names(ty: &TypeExpr, impl_ty: Option<&str>, out: &mut Vec<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    match &ty.kind {
        TypeKind::Path { segments, args } => {
            if let Some(last) = segments.last() {
                let name = if last == "Self" { impl_ty.unwrap_or("Self") } else { last };
                out.push(name.to_string());
            }
            args.iter().for_each(|t| names(t, impl_ty, out, depth + 1));
        }
        TypeKind::Ref { elem, .. } | TypeKind::Ptr(elem) | TypeKind::Slice(elem) | TypeKind::Array { elem, .. } => {
            names(elem, impl_ty, out, depth + 1)
        }
        TypeKind::Tuple(elems) => elems.iter().for_each(|t| names(t, impl_ty, out, depth + 1)),
        TypeKind::Traits(_) | TypeKind::Other => {}
    }
}

/// The struct type a struct literal builds, `Self` as the impl's type.
fn literal_type(s: &syn::ExprStruct, impl_ty: Option<&str>) -> Option<String> {
    let last = s.path.segments.last()?.ident.to_string();
    if last == "Self" {
        return impl_ty.map(str::to_string);
    }
    Some(last)
}

/// `S { f: x }` / `S { x }` in a body: (local `x`, struct `S`, field `f`). Such a local is
/// the field's map from its declaration on.
pub fn stored_locals(block: &syn::Block, impl_ty: Option<&str>) -> Vec<(String, String, String)> {
    struct Find<'i> {
        impl_ty: Option<&'i str>,
        out: Vec<(String, String, String)>,
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr_struct(&mut self, s: &'ast syn::ExprStruct) {
            if let Some(ty) = literal_type(s, self.impl_ty) {
                for f in &s.fields {
                    let (syn::Member::Named(field), syn::Expr::Path(p)) = (&f.member, strip(&f.expr)) else { continue };
                    if let Some(local) = p.path.get_ident().filter(|_| p.qself.is_none()) {
                        self.out.push((local.to_string(), ty.clone(), field.to_string()));
                    }
                }
            }
            visit::visit_expr_struct(self, s);
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut f = Find { impl_ty, out: Vec::new() };
    f.visit_block(block);
    f.out
}

/// The struct types whose values leave the function that builds them: a literal (or a
/// local bound to one) passed by value to a call, stored in another literal or a place,
/// or named inside a `move` closure or `async move` block.
pub fn escaped(block: &syn::Block, impl_ty: Option<&str>, out: &mut Vec<String>) {
    struct Find<'i> {
        impl_ty: Option<&'i str>,
        /// Locals bound to a struct literal, with its type.
        bound: Vec<(String, String)>,
        out: Vec<String>,
        in_move: usize,
    }
    impl Find<'_> {
        fn value_of(&self, e: &syn::Expr) -> Option<String> {
            match strip(e) {
                syn::Expr::Struct(s) => literal_type(s, self.impl_ty),
                syn::Expr::Path(p) if p.qself.is_none() => {
                    let id = p.path.get_ident()?.to_string();
                    self.bound.iter().rev().find(|(n, _)| *n == id).map(|(_, t)| t.clone())
                }
                _ => None,
            }
        }
        fn leaves(&mut self, e: &syn::Expr) {
            if let Some(t) = self.value_of(e) {
                self.out.push(t);
            }
        }
    }
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_local(&mut self, l: &'ast syn::Local) {
            if let (syn::Pat::Ident(id), Some(init)) = (super::pats::peel_pat(&l.pat), &l.init) {
                if let syn::Expr::Struct(s) = strip(&init.expr) {
                    if let Some(t) = literal_type(s, self.impl_ty) {
                        self.bound.push((id.ident.to_string(), t));
                    }
                }
            }
            visit::visit_local(self, l);
        }
        fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
            c.args.iter().for_each(|a| self.leaves(a));
            visit::visit_expr_call(self, c);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            m.args.iter().for_each(|a| self.leaves(a));
            visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_struct(&mut self, s: &'ast syn::ExprStruct) {
            s.fields.iter().for_each(|f| self.leaves(&f.expr));
            visit::visit_expr_struct(self, s);
        }
        fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
            self.leaves(&a.right);
            visit::visit_expr_assign(self, a);
        }
        fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
            self.in_move += usize::from(c.capture.is_some());
            visit::visit_expr_closure(self, c);
            self.in_move -= usize::from(c.capture.is_some());
        }
        fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
            self.in_move += usize::from(a.capture.is_some());
            visit::visit_expr_async(self, a);
            self.in_move -= usize::from(a.capture.is_some());
        }
        fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
            if self.in_move > 0 {
                let e = syn::Expr::Path(p.clone());
                self.leaves(&e);
            }
        }
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut f = Find { impl_ty, bound: Vec::new(), out: Vec::new(), in_move: 0 };
    f.visit_block(block);
    out.extend(f.out);
}

/// A helper whose body returns its receiver (a method without other parameters) or its
/// first parameter (a function) through the access chain: whether it is the parameter,
/// and the chain.
pub fn passthrough(sig: &syn::Signature, block: &syn::Block) -> Option<(bool, u32)> {
    let typed: Vec<&syn::PatType> = sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            syn::FnArg::Typed(t) => Some(t),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    let (base, param) = match (sig.receiver(), typed.first()) {
        (Some(_), None) => ("self".to_string(), false),
        (None, Some(t)) => match &*t.pat {
            syn::Pat::Ident(id) => (id.ident.to_string(), true),
            _ => return None,
        },
        _ => return None,
    };
    if matches!(sig.output, syn::ReturnType::Default) {
        return None;
    }
    let tail = super::roots::tail(block)?;
    let chain = peel(tail, &base, 0)?;
    // `fn get(&self) -> &Self { self }` is no access; at least one step is needed.
    chain.1.then_some((param, chain.0))
}

/// Peels `e` through the access chain down to the name `base`: the chain bits, and
/// whether any step was taken.
fn peel(e: &syn::Expr, base: &str, depth: usize) -> Option<(u32, bool)> {
    if depth > 32 {
        return None;
    }
    let step = |x: &syn::Expr, bit: u32| peel(x, base, depth + 1).map(|(c, _)| (c | bit, true));
    match strip(e) {
        syn::Expr::Path(p) if p.qself.is_none() && p.path.is_ident(base) => Some((0, false)),
        syn::Expr::MethodCall(m) => step(&m.receiver, vocab::chain_step(&m.method.to_string(), m.args.len())?),
        syn::Expr::Try(t) => step(&t.expr, 0),
        syn::Expr::Await(a) => step(&a.base, 0),
        syn::Expr::Reference(r) => peel(&r.expr, base, depth + 1),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => step(&u.expr, 0),
        syn::Expr::Match(m) => step(&m.expr, 0),
        _ => None,
    }
}

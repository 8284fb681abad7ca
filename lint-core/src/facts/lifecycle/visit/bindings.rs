//! Bindings that carry a rooted expression into a scope: the names of a pattern matched
//! against a rooted expression or an entry, destructured structs, and the `let`s of an
//! `if let` / `while let` chain.

use syn::visit::Visit;

use super::super::pats::{peel_pat, single_binding};
use super::super::roots::{entry_of, root_of, Bound, EntryKind, Names, Rooted};
use super::super::Root;
use super::Collector;

impl Collector<'_> {
    /// Binds the names of `pat`, matched against a rooted expression or an entry.
    pub(super) fn bind_pat(&mut self, pat: &syn::Pat, rooted: Option<Rooted>, entry: Option<(Rooted, EntryKind)>) {
        if let Some((name, variant)) = single_binding(pat) {
            if let Some(r) = rooted.filter(|_| matches!(variant.as_deref(), None | Some("Some" | "Ok"))) {
                return self.bind(name, Bound::Root(r));
            }
            if let Some((r, k)) = entry {
                let kind = match variant.as_deref() {
                    None => Some(k),
                    Some("Occupied") => Some(EntryKind::Occupied),
                    Some("Vacant") => Some(EntryKind::Vacant),
                    _ => None,
                };
                if let Some(kind) = kind {
                    return self.bind(name, Bound::Entry(r, kind));
                }
            }
        } else if let Some((ty, fields)) = self.destructured(pat) {
            for (field, name) in fields {
                let r = Rooted::new(Root::TypedField { ty: ty.clone(), field });
                self.bind(name, Bound::Root(r));
            }
            return;
        }
        self.shadow(pat);
    }

    /// `S { f, g: ref mut x, h: _, .. }`: the struct's name and (field, bound name) pairs.
    pub(super) fn destructured(&self, pat: &syn::Pat) -> Option<(String, Vec<(String, String)>)> {
        let syn::Pat::Struct(s) = peel_pat(pat) else { return None };
        let mut ty = s.path.segments.last()?.ident.to_string();
        if ty == "Self" {
            ty = self.impl_ty.clone()?;
        }
        let mut fields = Vec::new();
        for fp in &s.fields {
            match (&fp.member, &*fp.pat) {
                (syn::Member::Named(m), syn::Pat::Ident(id)) if id.subpat.is_none() => {
                    fields.push((m.to_string(), id.ident.to_string()))
                }
                // `field: _` binds nothing.
                (_, syn::Pat::Wild(_)) => {}
                _ => return None,
            }
        }
        Some((ty, fields))
    }

    /// The `let`s of an `if let .. && let ..` chain, and its other conditions.
    fn let_chain<'e>(e: &'e syn::Expr, lets: &mut Vec<&'e syn::ExprLet>, rest: &mut Vec<&'e syn::Expr>, depth: usize) {
        match e {
            syn::Expr::Let(l) => lets.push(l),
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) && depth < 64 => {
                Self::let_chain(&b.left, lets, rest, depth + 1);
                Self::let_chain(&b.right, lets, rest, depth + 1);
            }
            other => rest.push(other),
        }
    }

    /// `if let` / `while let`: the bindings hold in `body`.
    pub(super) fn conditional(&mut self, cond: &syn::Expr, body: &syn::Block) {
        let (mut lets, mut rest) = (Vec::new(), Vec::new());
        Self::let_chain(cond, &mut lets, &mut rest, 0);
        for l in &lets {
            self.visit_expr(&l.expr);
        }
        self.scoped(false, |c| {
            for l in &lets {
                let (r, e) = (root_of(&l.expr, c), entry_of(&l.expr, c));
                c.bind_pat(&l.pat, r, e);
            }
            for r in &rest {
                c.visit_expr(r);
            }
            c.visit_block(body);
        });
    }
}

/// Names resolve to the innermost binding, up to the first isolating frame (an inner
/// function); local statics are seen from any depth.
impl Names for Collector<'_> {
    fn local(&self, name: &str) -> Option<&Bound> {
        crate::facts::frames::innermost(self.frames.iter().map(|f| (f.names.as_slice(), f.isolating)), name)
    }

    fn local_static(&self, name: &str) -> Option<u32> {
        self.frames.iter().rev().find_map(|f| f.statics.iter().rev().find(|(n, _)| n == name).map(|(_, id)| *id))
    }

    fn impl_ty(&self) -> Option<&str> {
        self.impl_ty.as_deref()
    }
}

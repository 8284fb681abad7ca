//! Recording sites: growth, removal, bulk removal, shrink and replacement calls on a
//! rooted receiver, `mem::take/replace/swap`, assignments, `len()` bounds, and rooted
//! values handed to other code (escapes).

use syn::punctuated::Punctuated;
use syn::visit::Visit;

use super::roots::{entry_of, is_formatting_macro, is_self, is_self_value, member_name, root_of, EntryKind, Rooted};
use super::visit::Collector;
use super::{vocab, FieldAlias, Pass, Root, Site, SiteKind, WriteLock};
use crate::ctor::strip;
use crate::diagnostic::Span;

impl Collector<'_> {
    pub(super) fn site(&mut self, r: Rooted, kind: SiteKind, method: String, span: Span) {
        self.facts.sites.push(Site {
            root: r.root,
            kind,
            method,
            span,
            chain: r.chain,
            via_clone: r.via_clone,
            in_test: self.in_test,
            module: self.module.clone(),
            constructs: self.constructs.clone(),
            func: self.func,
            drop_of: self.drop_of.clone(),
            in_event_loop: self.in_event_loop,
            through: r.through,
        });
    }

    /// A rooted receiver taken with write access (`LifecycleFacts::write_locks`).
    pub(super) fn write_lock(&mut self, m: &syn::ExprMethodCall, method: &str) {
        let write = vocab::chain_step(method, m.args.len()).is_some_and(|b| b & (vocab::WRITE | vocab::GET_MUT) != 0)
            || vocab::is_write_access(method);
        if !write {
            return;
        }
        let (root, through) = match root_of(&m.receiver, self) {
            Some(r) => (r.root, r.through),
            // `x.0.write()` on another receiver: `root_of` leaves tuple fields out (they
            // are too often plain tuples for a growth to count), but a write may reach
            // every field named `0`, and write evidence only keeps findings.
            None => match strip(&m.receiver) {
                syn::Expr::Field(f) => (Root::Field(member_name(&f.member)), Vec::new()),
                _ => return,
            },
        };
        let lock = WriteLock { root, through, in_test: self.in_test, module: self.module.clone() };
        if !self.facts.write_locks.contains(&lock) {
            self.facts.write_locks.push(lock);
        }
    }

    /// Rooted arguments of a call: the callee's parameter is the same map. `qualifier`:
    /// the type a path call names before the function (`call_qualifier`).
    pub(super) fn passes<'e>(
        &mut self,
        callee: &str,
        qualifier: Option<&str>,
        args: impl Iterator<Item = &'e syn::Expr>,
    ) {
        if self.in_test {
            return;
        }
        for (index, a) in args.enumerate() {
            let inner = match strip(a) {
                syn::Expr::Reference(x) => &*x.expr,
                other => other,
            };
            let Some(r) = root_of(inner, self) else { continue };
            if !r.through.is_empty() || matches!(r.root, Root::Call { .. }) {
                continue;
            }
            let pass = Pass {
                callee: callee.to_string(),
                qualifier: qualifier.map(str::to_string),
                index,
                root: r.root,
                chain: r.chain,
                via_clone: r.via_clone,
                in_test: false,
                module: self.module.clone(),
            };
            if !self.facts.passes.contains(&pass) {
                self.facts.passes.push(pass);
            }
        }
    }

    pub(super) fn classify_method(&mut self, m: &syn::ExprMethodCall, method: &str) {
        let n = m.args.len();
        // The method name through the closing parenthesis, or the name alone when the
        // arguments run over several lines (cheap: no re-tokenising).
        let name = Span::of(&m.method);
        let close = Span::from_pm2(m.paren_token.span.close());
        let span = if close.end.line == name.start.line { Span { start: name.start, end: close.end } } else { name };
        if let Some((r, k)) = entry_of(&m.receiver, self) {
            let removes = matches!(method, "remove" | "remove_entry" | "swap_remove" | "shift_remove" | "remove_full");
            let (kind, what) = match k {
                EntryKind::Any if vocab::is_entry_growth(method) => (SiteKind::Growth, format!("entry(..).{method}")),
                EntryKind::Vacant
                    if vocab::is_entry_growth(method) || method == "insert" || method == "insert_entry" =>
                {
                    (SiteKind::Growth, format!("VacantEntry::{method}"))
                }
                EntryKind::Occupied | EntryKind::Any if removes => {
                    (SiteKind::Removal, format!("OccupiedEntry::{method}"))
                }
                _ => return,
            };
            return self.site(r, kind, what, span);
        }
        let kind = if vocab::is_growth(method) && !(method == "get_or_insert_with" && n == 1) {
            SiteKind::Growth
        } else if vocab::is_bulk_removal(method) {
            SiteKind::BulkRemoval
        } else if vocab::is_removal(method) || (method == "take" && n == 1) {
            SiteKind::Removal
        } else if vocab::is_shrink(method) {
            SiteKind::Shrink
        } else if vocab::is_replacement(method, n) {
            SiteKind::Reassign
        } else if self.extra_removals.iter().any(|x| x == method) {
            SiteKind::Removal
        } else {
            return;
        };
        if let Some(r) = root_of(&m.receiver, self) {
            self.site(r, kind, method.to_string(), span);
        }
    }

    /// A rooted argument of a call: the map may be changed where it is passed. The site's
    /// text names the callee as written after its qualifier (`Type::f`, `call_qualifier`).
    pub(super) fn escape(&mut self, arg: &syn::Expr, callee: &str, qualifier: Option<&str>) {
        if matches!(callee, "drop" | "force" | "get" | "ptr_eq" | "eq" | "size_of_val" | "addr_of" | "fmt" | "hash") {
            return;
        }
        let (r, how) = match strip(arg) {
            syn::Expr::Reference(x) if x.mutability.is_some() => (root_of(&x.expr, self), "&mut"),
            syn::Expr::Reference(x) => (root_of(&x.expr, self).filter(|r| !r.chained), "&"),
            other => (root_of(other, self).filter(|r| r.via_clone || r.bare_local || r.chained), "move"),
        };
        // Handing over a clone of the map's `Arc` shares it; it does not replace it.
        let r = r.filter(|r| !matches!(r.root, Root::Call { .. }) && r.through.is_empty() && !r.via_clone);
        if let Some(r) = r {
            let callee = match qualifier {
                Some(q) => format!("{q}::{callee}"),
                None => callee.to_string(),
            };
            self.site(r, SiteKind::Escape, format!("{how} to `{callee}`"), Span::of(arg));
        }
    }

    /// An argument of `mem::take/replace/swap`.
    fn mem_arg(&mut self, arg: &syn::Expr, what: &str) {
        let span = Span::of(arg);
        let (inner, by_ref) = match strip(arg) {
            syn::Expr::Reference(x) if x.mutability.is_some() => (&*x.expr, true),
            other => (other, false),
        };
        if is_self_value(inner) {
            if let Some(ty) = self.impl_ty.clone() {
                self.site(Rooted::new(Root::SelfValue(ty)), SiteKind::Reassign, what.to_string(), span);
            }
            return;
        }
        if let Some(r) = root_of(inner, self).filter(|r| !(by_ref && r.bare_local)) {
            self.site(r, SiteKind::Reassign, what.to_string(), span);
        }
    }

    /// Visits the expressions inside a macro's tokens when they may hold a site.
    pub(super) fn macro_body(&mut self, mac: &syn::Macro) {
        if is_formatting_macro(mac) || !mentions_vocab(&mac.tokens, self.extra_removals, 0) {
            return;
        }
        if let Some(arms) = super::actor::select_arms(mac) {
            for (pat, future, body) in &arms {
                self.visit_expr(future);
                self.scoped(false, |c| {
                    if let Some(p) = pat {
                        c.shadow(p);
                    }
                    c.visit_expr(body);
                });
            }
            return;
        }
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(exprs) = syn::parse::Parser::parse2(parser, mac.tokens.clone()) {
            for e in &exprs {
                self.visit_expr(e);
            }
        }
    }

    pub(super) fn on_call(&mut self, c: &syn::ExprCall) {
        let path = match strip(&c.func) {
            syn::Expr::Path(p) => Some(&p.path),
            _ => None,
        };
        let callee = path.and_then(crate::maptypes::last_ident).unwrap_or_default();
        let segs = path.map_or(0, |p| p.segments.len());
        let in_mem =
            segs == 1 || path.is_some_and(|p| p.segments.iter().rev().nth(1).is_some_and(|s| s.ident == "mem"));
        let mem_args = match callee.as_str() {
            "take" | "replace" if in_mem => 1,
            "swap" if in_mem => 2,
            _ => 0,
        };
        if mem_args > 0 && c.args.len() >= mem_args {
            for a in c.args.iter().take(mem_args) {
                self.mem_arg(a, &format!("mem::{callee}"));
            }
        } else if !(callee == "clone" && segs >= 2) {
            let qualifier = path.and_then(call_qualifier);
            for a in &c.args {
                self.escape(a, &callee, qualifier.as_deref());
            }
        }
    }

    pub(super) fn on_struct(&mut self, s: &syn::ExprStruct) {
        let ty = s.path.segments.last().map(|l| l.ident.to_string());
        let ty = if ty.as_deref() == Some("Self") { self.impl_ty.clone() } else { ty };
        if let Some(ty) = &ty {
            self.record_inits(ty, s);
        }
        for f in &s.fields {
            let Some(r) = root_of(&f.expr, self).filter(|r| r.through.is_empty()) else { continue };
            let field = member_name(&f.member);
            let own = ty.as_ref().map(|ty| Root::TypedField { ty: ty.clone(), field: field.clone() });
            if own.as_ref() == Some(&r.root) {
                // The constructor's local stored into its own field.
                continue;
            }
            if r.via_clone {
                // Another struct's field holding the same map through a shared clone.
                if let (Some(ty), false) = (ty.clone(), self.in_test) {
                    self.facts.field_aliases.push(FieldAlias {
                        ty,
                        field,
                        root: r.root,
                        via_clone: true,
                        module: self.module.clone(),
                    });
                }
            } else if r.bare_local {
                self.site(r, SiteKind::Escape, "stored in a struct".to_string(), Span::of(&f.expr));
            }
        }
    }

    pub(super) fn on_assign(&mut self, a: &syn::ExprAssign) {
        let lhs = strip(&a.left);
        if is_self_value(lhs) && !is_self(lhs) {
            if let Some(ty) = self.impl_ty.clone() {
                self.site(Rooted::new(Root::SelfValue(ty)), SiteKind::Reassign, "=".to_string(), assign_span(a));
            }
        } else if let Some(r) = root_of(lhs, self).filter(|r| !r.bare_local) {
            self.site(r, SiteKind::Reassign, "=".to_string(), assign_span(a));
        }
    }

    pub(super) fn on_binary(&mut self, b: &syn::ExprBinary) {
        use syn::BinOp::{Eq, Ge, Gt, Le, Lt};
        if matches!(b.op, Lt(_) | Le(_) | Gt(_) | Ge(_) | Eq(_)) {
            for (side, other) in [(&b.left, &b.right), (&b.right, &b.left)] {
                if is_small_literal(other) {
                    continue;
                }
                if let Some(r) = len_receiver(side, 0).and_then(|recv| root_of(recv, self)) {
                    self.site(r, SiteKind::SizeCheck, "len()".to_string(), Span::of(b));
                }
            }
        }
    }
}

/// `lhs =`: the assigned place and the `=` (the right side may be large to re-tokenise).
fn assign_span(a: &syn::ExprAssign) -> Span {
    Span { start: Span::of(&a.left).start, end: Span::of(&a.eq_token).end }
}

/// `X.len()`, also as `X.len() as u64` or `X.len() + n`: the receiver `X`.
fn len_receiver(e: &syn::Expr, depth: usize) -> Option<&syn::Expr> {
    if depth > 4 {
        return None;
    }
    match strip(e) {
        syn::Expr::MethodCall(m) if m.method == "len" && m.args.is_empty() => Some(&m.receiver),
        syn::Expr::Cast(c) => len_receiver(&c.expr, depth + 1),
        syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_) | syn::BinOp::Sub(_)) => {
            len_receiver(&b.left, depth + 1).or_else(|| len_receiver(&b.right, depth + 1))
        }
        _ => None,
    }
}

/// `0` or `1`: `len() > 0` and `len() == 1` test emptiness, not a size bound.
fn is_small_literal(e: &syn::Expr) -> bool {
    matches!(strip(e), syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) if matches!(i.base10_digits(), "0" | "1"))
}

/// Whether a macro's tokens name a method of the vocabulary (so parsing them may pay).
fn mentions_vocab(tokens: &proc_macro2::TokenStream, extra: &[String], depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    tokens.clone().into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(id) => {
            let s = id.to_string();
            vocab::is_growth(&s)
                || vocab::is_removal(&s)
                || vocab::is_shrink(&s)
                || matches!(s.as_str(), "len" | "entry" | "take" | "replace" | "swap" | "store")
                || extra.contains(&s)
        }
        proc_macro2::TokenTree::Group(g) => mentions_vocab(&g.stream(), extra, depth + 1),
        _ => false,
    })
}

/// The type a path call names before its function, by last identifier: `Type` in
/// `Type::f(..)`, `a::Type::<T>::f(..)`, and `Trait` in `<T as Trait>::f(..)`. `None` for a
/// bare call, `Self::f(..)` (a trait's default body may answer it) and a module path
/// (`a::f(..)`, told by its lower-case name).
pub(super) fn call_qualifier(path: &syn::Path) -> Option<String> {
    let q = path.segments.iter().rev().nth(1)?.ident.to_string();
    (q.starts_with(|c: char| c.is_ascii_uppercase()) && q != "Self").then_some(q)
}

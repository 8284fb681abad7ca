//! ML005 on a key bound to a local first: `let k = format!(..); m.get(&k)`, where the
//! rest of the block only looks `k` up, compares it or reads it. The allocation serves
//! nothing but the lookup, and the finding is on it.

use lint_core::ctor::{binding, strip};
use lint_core::decl;
use lint_core::traverse::LocalCx;
use lint_core::Span;
use syn::visit::{self, Visit};

use super::{diagnostic, lookup_receiver, report, LOOKUPS};
use crate::key_alloc::{allocation, borrowed_key, Forms};

/// Methods of `String`/`Vec` that only read the local.
const READS: &[&str] = &[
    "is_empty",
    "len",
    "as_str",
    "as_bytes",
    "starts_with",
    "ends_with",
    "contains",
    "chars",
    "bytes",
    "trim",
    "eq",
    "eq_ignore_ascii_case",
    "iter",
];

/// Reports the `let` statements of `block` that bind an allocated key only looked up.
pub(super) fn check(block: &syn::Block, cx: &mut LocalCx<'_>) {
    for (i, stmt) in block.stmts.iter().enumerate() {
        let syn::Stmt::Local(local) = stmt else { continue };
        let Some(b) = binding(local) else { continue };
        let Some(init) = b.init else { continue };
        if b.annotation.is_some() || b.mutable || !may_allocate(init) {
            continue;
        }
        let name = b.name.to_string();
        let rest = &block.stmts[i + 1..];
        let mut uses = Uses { name: &name, lookups: Vec::new(), other: false };
        for s in rest {
            uses.visit_stmt(s);
        }
        if uses.other {
            continue;
        }
        // The first lookup on a map (or a sequence, for `contains`) makes the finding.
        let found = uses.lookups.iter().find_map(|call| {
            let (map, needs) = lookup_receiver(call, cx)?;
            Some((*call, map, needs))
        });
        let Some((call, map, mut needs)) = found else { continue };
        let Some(k) = allocation(init, Forms::Lookup, Some(&map), cx) else { continue };
        needs.extend(k.needs.iter().cloned());
        let d = diagnostic(call, &map, &k, Span::of(init), cx)
            .with_label(Span::of(call), format!("`{name}` is only looked up, here and in reads that borrow it"));
        report(cx, d, needs);
    }
}

/// A cheap test before the uses are walked: the initialiser may be an allocating key.
fn may_allocate(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::MethodCall(m) => {
            m.args.is_empty()
                && matches!(m.method.to_string().as_str(), "to_string" | "to_owned" | "into_owned" | "to_vec")
        }
        syn::Expr::Call(c) => match &*c.func {
            syn::Expr::Path(p) => {
                let n = p.path.segments.len();
                n >= 2 && p.path.segments[n - 1].ident == "from" && p.path.segments[n - 2].ident == "String"
            }
            _ => false,
        },
        syn::Expr::Tuple(t) => t.elems.iter().any(may_allocate),
        syn::Expr::Macro(m) => m.mac.path.is_ident("format"),
        _ => false,
    }
}

/// The uses of a local: lookups that borrow it, and whether any use does more.
struct Uses<'n, 'a> {
    name: &'n str,
    lookups: Vec<&'a syn::ExprMethodCall>,
    other: bool,
}

impl Uses<'_, '_> {
    /// `k`, `&k`, `*k`, `k.as_str()`: the local itself, borrowed.
    fn is_local(&self, e: &syn::Expr) -> bool {
        match strip(e) {
            syn::Expr::Path(p) => p.path.is_ident(self.name),
            syn::Expr::Reference(r) => self.is_local(&r.expr),
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.is_local(&u.expr),
            syn::Expr::MethodCall(m) if m.args.is_empty() && m.method == "as_str" => self.is_local(&m.receiver),
            _ => false,
        }
    }
}

impl<'a> Visit<'a> for Uses<'_, 'a> {
    fn visit_expr(&mut self, e: &'a syn::Expr) {
        if self.other {
            return;
        }
        match e {
            syn::Expr::MethodCall(m) => {
                let method = m.method.to_string();
                let key = m.args.first().and_then(borrowed_key);
                if LOOKUPS.contains(&method.as_str()) && key.is_some_and(|k| self.is_local(k)) {
                    self.lookups.push(m);
                    self.visit_expr(&m.receiver);
                    m.args.iter().skip(1).for_each(|a| self.visit_expr(a));
                } else if READS.contains(&method.as_str()) && self.is_local(&m.receiver) {
                    m.args.iter().for_each(|a| self.visit_expr(a));
                } else {
                    visit::visit_expr_method_call(self, m);
                }
            }
            syn::Expr::Binary(b) if is_comparison(&b.op) => {
                for side in [&*b.left, &*b.right] {
                    if !self.is_local(side) {
                        self.visit_expr(side);
                    }
                }
            }
            syn::Expr::Path(p) if p.path.is_ident(self.name) => self.other = true,
            syn::Expr::Macro(m) if decl::mentions(&m.mac.tokens, self.name) => self.other = true,
            _ => visit::visit_expr(self, e),
        }
    }

    fn visit_stmt_macro(&mut self, m: &'a syn::StmtMacro) {
        if decl::mentions(&m.mac.tokens, self.name) {
            self.other = true;
        }
    }

    fn visit_local(&mut self, l: &'a syn::Local) {
        // A later binding of the same name: what follows is another variable.
        if decl::binds(&l.pat, self.name) {
            self.other = true;
        }
        visit::visit_local(self, l);
    }

    fn visit_item(&mut self, _: &'a syn::Item) {}
}

fn is_comparison(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(op, Eq(_) | Ne(_) | Lt(_) | Le(_) | Gt(_) | Ge(_))
}

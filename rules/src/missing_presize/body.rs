//! The body of the loop that fills the map: the `insert` executed on every iteration, and
//! whether the loop does nothing else.

use lint_core::decl;
use syn::visit::{self, Visit};

/// `m.insert(..)` executed on every iteration: in the loop body, not inside an `if` or
/// `match` branch, a nested loop, a closure, or the right side of `&&`/`||`.
pub(super) fn top_level_insert<'a>(body: &'a syn::Block, name: &str) -> Option<&'a syn::ExprMethodCall> {
    // A `let` in the body that rebinds the name inserts into another map.
    let shadowed = body.stmts.iter().any(|s| matches!(s, syn::Stmt::Local(l) if decl::binds(&l.pat, name)));
    if shadowed {
        return None;
    }
    let mut v = TopInsert { name, found: None };
    v.visit_block(body);
    v.found
}

fn is_insert_on(m: &syn::ExprMethodCall, name: &str) -> bool {
    m.method == "insert"
        && (1..=2).contains(&m.args.len())
        && matches!(lint_core::ctor::strip(&m.receiver), syn::Expr::Path(p) if p.path.is_ident(name))
}

struct TopInsert<'n, 'a> {
    name: &'n str,
    found: Option<&'a syn::ExprMethodCall>,
}

impl<'a> Visit<'a> for TopInsert<'_, 'a> {
    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        if self.found.is_none() && is_insert_on(m, self.name) {
            self.found = Some(m);
        }
        visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_if(&mut self, i: &'a syn::ExprIf) {
        self.visit_expr(&i.cond);
    }
    fn visit_expr_match(&mut self, m: &'a syn::ExprMatch) {
        self.visit_expr(&m.expr);
    }
    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        self.visit_expr(&f.expr);
    }
    fn visit_expr_while(&mut self, _: &'a syn::ExprWhile) {}
    fn visit_expr_loop(&mut self, _: &'a syn::ExprLoop) {}
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
    fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
        self.visit_expr(&b.left);
        if !matches!(b.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) {
            self.visit_expr(&b.right);
        }
    }
    fn visit_local_init(&mut self, l: &'a syn::LocalInit) {
        self.visit_expr(&l.expr);
    }
}

/// The body is `let` bindings and one `m.insert(..);`, with no early exit.
pub(super) fn only_inserts(body: &syn::Block, name: &str) -> bool {
    let mut inserts = 0;
    for s in &body.stmts {
        match s {
            syn::Stmt::Local(l) if l.init.iter().all(|i| i.diverge.is_none()) => {}
            syn::Stmt::Expr(syn::Expr::MethodCall(m), _) if is_insert_on(m, name) => inserts += 1,
            _ => return false,
        }
    }
    let exits = decl::idents(body).iter().any(|i| matches!(i.as_str(), "return" | "break" | "continue"));
    inserts == 1 && !exits && !has_try(quote::ToTokens::to_token_stream(body))
}

/// Whether the tokens hold a `?` operator.
fn has_try(ts: proc_macro2::TokenStream) -> bool {
    ts.into_iter().any(|t| match t {
        proc_macro2::TokenTree::Punct(p) => p.as_char() == '?',
        proc_macro2::TokenTree::Group(g) => has_try(g.stream()),
        _ => false,
    })
}

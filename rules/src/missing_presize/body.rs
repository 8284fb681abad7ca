//! The loop that fills the map — a `for` loop or `.for_each(|..| ..)` — and its body: the
//! `insert` executed on every iteration, whether the loop does nothing else, and whether
//! it also changes the map's size otherwise.

use lint_core::decl;
use lint_core::Span;
use syn::visit::{self, Visit};

/// The body of the filling loop.
#[derive(Clone, Copy)]
pub(super) enum Body<'a> {
    Block(&'a syn::Block),
    /// A closure body that is not a block: `|p| m.insert(p.k, p.v)`.
    Expr(&'a syn::Expr),
}

/// A loop that may fill the map: `for PAT in ITER { .. }` or `ITER.for_each(|PAT| ..)`.
pub(super) struct Fill<'a> {
    /// The iterable: the `for` expression, or the receiver of `for_each`.
    pub iter: &'a syn::Expr,
    pub body: Body<'a>,
    /// From `for` to the iterable, or the `for_each` call's method name.
    pub header: Span,
    /// The whole loop statement.
    pub span: Span,
}

impl<'a> Fill<'a> {
    /// The loop a statement is, if it is one.
    pub fn of(stmt: &'a syn::Stmt) -> Option<Fill<'a>> {
        let syn::Stmt::Expr(e, _) = stmt else { return None };
        match e {
            syn::Expr::ForLoop(f) => Some(Fill {
                iter: &f.expr,
                body: Body::Block(&f.body),
                header: Span { start: Span::from_pm2(f.for_token.span).start, end: Span::of(&*f.expr).end },
                span: Span::of(f),
            }),
            syn::Expr::MethodCall(m) if m.method == "for_each" && m.args.len() == 1 => {
                let syn::Expr::Closure(c) = &m.args[0] else { return None };
                let body = match &*c.body {
                    syn::Expr::Block(b) => Body::Block(&b.block),
                    e => Body::Expr(e),
                };
                let header = Span { start: Span::of(&*m.receiver).start, end: Span::from_pm2(m.method.span()).end };
                Some(Fill { iter: &m.receiver, body, header, span: Span::of(m) })
            }
            _ => None,
        }
    }

    /// `m.insert(..)` executed on every iteration.
    pub fn top_level_insert(&self, name: &str) -> Option<&'a syn::ExprMethodCall> {
        match self.body {
            Body::Block(b) => top_level_insert(b, name),
            Body::Expr(e) => {
                let mut v = TopInsert { name, found: None };
                v.visit_expr(e);
                v.found
            }
        }
    }

    /// The body does nothing but insert.
    pub fn only_inserts(&self, name: &str) -> bool {
        match self.body {
            Body::Block(b) => only_inserts(b, name),
            Body::Expr(syn::Expr::MethodCall(m)) => is_insert_on(m, name),
            Body::Expr(_) => false,
        }
    }

    /// The loop may end early (`break`) or skip the insert (`continue` before it): its
    /// length is only an upper bound, often a loose one (a filter).
    pub fn may_skip(&self, name: &str, insert: &syn::ExprMethodCall) -> bool {
        struct V<'n> {
            name: &'n str,
            insert_at: Span,
            found: bool,
            depth: usize,
        }
        impl<'a> Visit<'a> for V<'_> {
            fn visit_block(&mut self, b: &'a syn::Block) {
                // A branch that inserts before it continues still inserts once.
                let inserts = b.stmts.iter().any(|s| match s {
                    syn::Stmt::Expr(syn::Expr::MethodCall(m), _) => is_insert_on(m, self.name),
                    _ => false,
                });
                if self.depth > 0 && inserts {
                    return;
                }
                self.depth += 1;
                visit::visit_block(self, b);
                self.depth -= 1;
            }
            fn visit_expr_break(&mut self, b: &'a syn::ExprBreak) {
                // A labelled break may leave an outer loop; any break ends this one early.
                self.found = true;
                visit::visit_expr_break(self, b);
            }
            fn visit_expr_continue(&mut self, c: &'a syn::ExprContinue) {
                self.found |= Span::of(c).start < self.insert_at.start;
            }
            // Loops and closures inside have their own `break` and `continue`.
            fn visit_expr_for_loop(&mut self, _: &'a syn::ExprForLoop) {}
            fn visit_expr_while(&mut self, _: &'a syn::ExprWhile) {}
            fn visit_expr_loop(&mut self, _: &'a syn::ExprLoop) {}
            fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
            fn visit_item(&mut self, _: &'a syn::Item) {}
        }
        let mut v = V { name, insert_at: Span::of(insert), found: false, depth: 0 };
        match self.body {
            Body::Block(b) => v.visit_block(b),
            // A closure's `return` is its `continue`.
            Body::Expr(e) => v.visit_expr(e),
        }
        v.found
    }

    /// The body also extends, appends to, removes from, retains or clears the map: its
    /// final size is not the loop's length.
    pub fn resizes_otherwise(&self, name: &str) -> bool {
        struct V<'n> {
            name: &'n str,
            found: bool,
        }
        impl<'a> Visit<'a> for V<'_> {
            fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
                let resizing = matches!(
                    m.method.to_string().as_str(),
                    "extend" | "append" | "remove" | "retain" | "clear" | "drain" | "swap_remove" | "shift_remove"
                );
                self.found |= resizing
                    && matches!(lint_core::ctor::strip(&m.receiver), syn::Expr::Path(p) if p.path.is_ident(self.name));
                visit::visit_expr_method_call(self, m);
            }
        }
        let mut v = V { name, found: false };
        match self.body {
            Body::Block(b) => v.visit_block(b),
            Body::Expr(e) => v.visit_expr(e),
        }
        v.found
    }
}

/// `m.insert(..)` executed on every iteration: in the loop body, not inside an `if` or
/// `match` branch, a nested loop, a closure, or the right side of `&&`/`||`.
fn top_level_insert<'a>(body: &'a syn::Block, name: &str) -> Option<&'a syn::ExprMethodCall> {
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
fn only_inserts(body: &syn::Block, name: &str) -> bool {
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

//! Where a local is declared, seen from a point of a function body, and the loops
//! (SPEC §1 "Loop body") whose bodies hold that point.
//!
//! Only the nodes that contain the point are walked, so the `let` found is the one in
//! scope there: the last `let` binding the name before the point in the innermost block
//! that declares it, or the pattern of a `for`, `while let`, `if let`, `match` arm or
//! closure around the point.

use syn::visit::{self, Visit};

use super::pat_binds;
use crate::ctor::strip;
use crate::diagnostic::Span;
use crate::traverse::LoopBody;

/// How the local in scope at the point was declared.
#[derive(Clone, Copy, Debug)]
pub enum Decl<'a> {
    /// `let [mut] m[: T] = ..;`
    Let(&'a syn::Local),
    /// Bound by another pattern (a `for`, `while let`, `if let`, `match` arm or closure
    /// parameter); the span is the construct that binds it.
    Pattern(Span),
}

impl Decl<'_> {
    pub fn span(&self) -> Span {
        match self {
            Decl::Let(l) => Span::of(*l),
            Decl::Pattern(s) => *s,
        }
    }
}

/// A loop whose body holds the point.
#[derive(Clone, Copy, Debug)]
pub struct LoopAround<'a> {
    /// The whole loop expression, header included.
    pub span: Span,
    pub body: LoopBody<'a>,
}

/// What a function body says about a local name at a point.
#[derive(Clone, Debug, Default)]
pub struct Around<'a> {
    /// The declaration in scope at the point; `None` when it lies outside `body` (a
    /// parameter, a capture) or nowhere.
    pub decl: Option<Decl<'a>>,
    /// The loops around the point within its function or closure scope, outermost first.
    pub loops: Vec<LoopAround<'a>>,
}

/// Looks up `name` as seen from `at` (the span of a node inside `body`).
pub fn around<'a>(body: &'a syn::Block, name: &str, at: Span) -> Around<'a> {
    let mut w = Walker { name, at, out: Around::default() };
    w.visit_block(body);
    w.out
}

struct Walker<'n, 'a> {
    name: &'n str,
    at: Span,
    out: Around<'a>,
}

impl<'a> Walker<'_, 'a> {
    fn holds<T: syn::spanned::Spanned + ?Sized>(&self, node: &T) -> bool {
        Span::of(node).contains(&self.at)
    }

    fn bound_by(&mut self, pat: &syn::Pat, construct: Span) {
        if pat_binds(pat, self.name) {
            self.out.decl = Some(Decl::Pattern(construct));
        }
    }

    fn enter_loop(&mut self, span: Span, body: LoopBody<'a>) {
        self.out.loops.push(LoopAround { span, body });
    }

    /// `if let` / `while let` conditions (and `let` chains) binding the name.
    fn cond_binds(&self, cond: &syn::Expr) -> bool {
        match strip(cond) {
            syn::Expr::Let(l) => pat_binds(&l.pat, self.name),
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.cond_binds(&b.left) || self.cond_binds(&b.right)
            }
            _ => false,
        }
    }
}

impl<'a> Visit<'a> for Walker<'_, 'a> {
    fn visit_block(&mut self, b: &'a syn::Block) {
        if !self.holds(b) {
            return;
        }
        for s in &b.stmts {
            if let syn::Stmt::Local(l) = s {
                if Span::of(l).end <= self.at.start && pat_binds(&l.pat, self.name) {
                    self.out.decl = Some(Decl::Let(l));
                }
            }
        }
        visit::visit_block(self, b);
    }

    fn visit_stmt(&mut self, s: &'a syn::Stmt) {
        if self.holds(s) {
            visit::visit_stmt(self, s);
        }
    }

    fn visit_item(&mut self, _: &'a syn::Item) {
        // A nested item is another scope; its locals are not visible here.
    }

    fn visit_expr(&mut self, e: &'a syn::Expr) {
        if !self.holds(e) {
            return;
        }
        let span = Span::of(e);
        match e {
            syn::Expr::ForLoop(f) => {
                self.visit_expr(&f.expr);
                if self.holds(&f.body) {
                    self.bound_by(&f.pat, span);
                    self.enter_loop(span, LoopBody::Block(&f.body));
                    self.visit_block(&f.body);
                }
            }
            syn::Expr::While(w) => {
                self.visit_expr(&w.cond);
                if self.holds(&w.body) {
                    if self.cond_binds(&w.cond) {
                        self.out.decl = Some(Decl::Pattern(span));
                    }
                    self.enter_loop(span, LoopBody::Block(&w.body));
                    self.visit_block(&w.body);
                }
            }
            syn::Expr::Loop(l) => {
                self.enter_loop(span, LoopBody::Block(&l.body));
                self.visit_block(&l.body);
            }
            syn::Expr::If(i) => {
                self.visit_expr(&i.cond);
                if self.holds(&i.then_branch) && self.cond_binds(&i.cond) {
                    self.out.decl = Some(Decl::Pattern(span));
                }
                self.visit_block(&i.then_branch);
                if let Some((_, els)) = &i.else_branch {
                    self.visit_expr(els);
                }
            }
            syn::Expr::Match(m) => {
                self.visit_expr(&m.expr);
                for arm in &m.arms {
                    if self.holds(arm) {
                        self.bound_by(&arm.pat, Span::of(arm));
                        visit::visit_arm(self, arm);
                    }
                }
            }
            syn::Expr::MethodCall(m) if is_for_each(m) => {
                self.visit_expr(&m.receiver);
                if let Some(syn::Expr::Closure(c)) = m.args.first() {
                    if self.holds(&c.body) {
                        // A fresh scope whose body is the loop body.
                        self.out.loops.clear();
                        c.inputs.iter().for_each(|p| self.bound_by(p, span));
                        let body = match &*c.body {
                            syn::Expr::Block(b) => LoopBody::Block(&b.block),
                            other => LoopBody::Expr(other),
                        };
                        self.enter_loop(span, body);
                        self.visit_expr(&c.body);
                    }
                }
            }
            syn::Expr::Closure(c) => {
                if self.holds(&c.body) {
                    self.out.loops.clear();
                    c.inputs.iter().for_each(|p| self.bound_by(p, span));
                    self.visit_expr(&c.body);
                }
            }
            _ => visit::visit_expr(self, e),
        }
    }
}

/// `.for_each(|x| ..)` / `.try_for_each(|x| ..)`, as the shared traversal sees them.
fn is_for_each(m: &syn::ExprMethodCall) -> bool {
    (m.method == "for_each" || m.method == "try_for_each")
        && m.args.len() == 1
        && matches!(m.args[0], syn::Expr::Closure(_))
}

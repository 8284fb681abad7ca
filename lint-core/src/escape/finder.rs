//! The walk behind `escape`: every expression form, and the position its operands
//! are in (moved, used in place, or dropped).

use quote::ToTokens;
use syn::punctuated::Punctuated;

use super::{mentions, pat_binds, Escape, Tail, Use, UseKind};
use crate::ctor::strip;
use crate::diagnostic::Span;

pub(super) fn in_stmts(name: &str, stmts: &[syn::Stmt], tail: Tail) -> Vec<Use> {
    let mut f = Finder { name, uses: Vec::new() };
    f.stmts(stmts, tail.pos());
    f.uses
}

pub(super) fn in_expr(name: &str, expr: &syn::Expr, tail: Tail) -> Vec<Use> {
    let mut f = Finder { name, uses: Vec::new() };
    f.expr(expr, tail.pos());
    f.uses
}

/// Where an expression's value goes.
#[derive(Clone, Copy, Debug)]
enum Pos {
    /// Moved into a place named by the `Escape`.
    Value(Escape),
    /// Used where it stands (read, receiver of an operator, base of a field access).
    Place,
    /// Borrowed: `&e`. A tuple, array or struct literal here is a temporary that cannot
    /// outlive its statement, so what it holds does not escape through it.
    Borrowed,
    /// Evaluated and dropped.
    Discard,
}

impl Tail {
    fn pos(self) -> Pos {
        match self {
            Tail::Discarded => Pos::Discard,
            Tail::Escapes => Pos::Value(Escape::BlockValue),
        }
    }
}

/// Formatting, logging and assertion macros: their arguments are taken by reference.
const BY_REF_MACROS: &[&str] = &[
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
];

struct Finder<'n> {
    name: &'n str,
    uses: Vec<Use>,
}

impl Finder<'_> {
    fn is_name(&self, e: &syn::Expr) -> bool {
        match strip(e) {
            syn::Expr::Path(p) => p.qself.is_none() && p.path.get_ident().is_some_and(|i| i == self.name),
            _ => false,
        }
    }

    fn record<T: syn::spanned::Spanned + ?Sized>(&mut self, kind: UseKind, node: &T) {
        self.uses.push(Use { kind, span: Span::of(node) });
    }

    /// A mention that cannot be classified counts as a by-value use.
    fn opaque<T: ToTokens + syn::spanned::Spanned + ?Sized>(&mut self, node: &T, why: Escape) {
        if mentions(node, self.name) {
            self.record(UseKind::Escape(why), node);
        }
    }

    fn stmts(&mut self, stmts: &[syn::Stmt], tail: Pos) {
        let last = stmts.len().saturating_sub(1);
        for (i, s) in stmts.iter().enumerate() {
            match s {
                syn::Stmt::Local(l) => {
                    if let Some(init) = &l.init {
                        let pos = match &l.pat {
                            syn::Pat::Wild(_) => Pos::Place,
                            syn::Pat::Ident(p) if p.by_ref.is_some() => Pos::Borrowed,
                            _ => Pos::Value(Escape::Assigned),
                        };
                        self.expr(&init.expr, pos);
                        if let Some((_, diverge)) = &init.diverge {
                            self.expr(diverge, Pos::Discard);
                        }
                    }
                    if pat_binds(&l.pat, self.name) {
                        // Later statements name the new binding.
                        return;
                    }
                }
                syn::Stmt::Item(_) => {}
                syn::Stmt::Expr(e, semi) => {
                    let pos = if semi.is_none() && i == last { tail } else { Pos::Discard };
                    self.expr(e, pos);
                }
                syn::Stmt::Macro(m) => self.mac(&m.mac, Pos::Discard),
            }
        }
    }

    fn block(&mut self, b: &syn::Block, pos: Pos) {
        self.stmts(&b.stmts, pos);
    }

    fn expr(&mut self, e: &syn::Expr, pos: Pos) {
        use syn::Expr as E;
        match e {
            E::Path(_) => {
                if self.is_name(e) {
                    let kind = match pos {
                        Pos::Value(why) => UseKind::Escape(why),
                        Pos::Place | Pos::Borrowed | Pos::Discard => UseKind::InPlace,
                    };
                    self.record(kind, e);
                }
            }
            E::Paren(p) => self.expr(&p.expr, pos),
            E::Group(g) => self.expr(&g.expr, pos),
            E::Reference(r) => self.expr(&r.expr, Pos::Borrowed),
            E::RawAddr(r) => self.expr(&r.expr, Pos::Borrowed),
            E::Unary(u) => match u.op {
                syn::UnOp::Deref(_) => self.expr(&u.expr, Pos::Place),
                _ => self.expr(&u.expr, Pos::Value(Escape::Other)),
            },
            E::Binary(b) => self.binary(b),
            E::Assign(a) => {
                self.expr(&a.left, Pos::Place);
                self.expr(&a.right, Pos::Value(Escape::Assigned));
            }
            E::MethodCall(m) => {
                if self.is_name(&m.receiver) && (m.method == "into" || m.method == "try_into") {
                    // `m.into()` is `Into::into(m)`: a conversion that keeps the value.
                    self.record(UseKind::Escape(Escape::Argument), &m.receiver);
                } else if self.is_name(&m.receiver) {
                    self.record(UseKind::Receiver, &m.receiver);
                } else {
                    self.expr(&m.receiver, Pos::Place);
                }
                for a in &m.args {
                    self.expr(a, Pos::Value(Escape::Argument));
                }
            }
            E::Call(c) => {
                if is_mem_move(&c.func) {
                    for a in &c.args {
                        if let E::Reference(r) = strip(a) {
                            if r.mutability.is_some() && self.is_name(&r.expr) {
                                self.record(UseKind::Escape(Escape::Taken), a);
                            }
                        }
                    }
                }
                self.expr(&c.func, Pos::Place);
                for a in &c.args {
                    self.expr(a, Pos::Value(Escape::Argument));
                }
            }
            E::Field(f) => self.expr(&f.base, Pos::Place),
            E::Index(i) => {
                self.expr(&i.expr, Pos::Place);
                self.expr(&i.index, Pos::Value(Escape::Argument));
            }
            E::Tuple(t) => t.elems.iter().for_each(|x| self.expr(x, stored(pos))),
            E::Array(a) => a.elems.iter().for_each(|x| self.expr(x, stored(pos))),
            E::Struct(s) => {
                for f in &s.fields {
                    self.expr(&f.expr, stored(pos));
                }
                if let Some(rest) = &s.rest {
                    self.expr(rest, stored(pos));
                }
            }
            E::Repeat(r) => {
                self.expr(&r.expr, stored(pos));
                self.expr(&r.len, Pos::Place);
            }
            E::Range(r) => {
                for x in r.start.iter().chain(r.end.iter()) {
                    self.expr(x, Pos::Value(Escape::Stored));
                }
            }
            E::Cast(c) => self.expr(&c.expr, Pos::Value(Escape::Other)),
            E::Try(t) => self.expr(&t.expr, Pos::Value(Escape::Other)),
            E::Await(a) => self.expr(&a.base, Pos::Value(Escape::Other)),
            E::Return(r) => r.expr.iter().for_each(|x| self.expr(x, Pos::Value(Escape::Returned))),
            E::Yield(y) => y.expr.iter().for_each(|x| self.expr(x, Pos::Value(Escape::Returned))),
            E::Break(b) => b.expr.iter().for_each(|x| self.expr(x, Pos::Value(Escape::Break))),
            E::Continue(_) | E::Lit(_) => {}
            E::Block(b) => self.block(&b.block, pos),
            E::Unsafe(u) => self.block(&u.block, pos),
            E::Const(c) => self.block(&c.block, pos),
            E::TryBlock(t) => self.block(&t.block, pos),
            E::Async(a) => {
                if a.capture.is_some() {
                    self.opaque(e, Escape::MoveClosure);
                } else {
                    self.block(&a.block, Pos::Value(Escape::Returned));
                }
            }
            E::Closure(c) => {
                if c.inputs.iter().any(|p| pat_binds(p, self.name)) {
                    return;
                }
                if c.capture.is_some() {
                    self.opaque(e, Escape::MoveClosure);
                } else {
                    self.expr(&c.body, Pos::Value(Escape::Returned));
                }
            }
            E::If(i) => {
                let shadowed = self.cond(&i.cond);
                if !shadowed {
                    self.block(&i.then_branch, pos);
                }
                if let Some((_, els)) = &i.else_branch {
                    self.expr(els, pos);
                }
            }
            E::Match(m) => {
                self.expr(&m.expr, Pos::Value(Escape::Other));
                for arm in &m.arms {
                    if pat_binds(&arm.pat, self.name) {
                        continue;
                    }
                    if let Some((_, g)) = &arm.guard {
                        self.expr(g, Pos::Place);
                    }
                    self.expr(&arm.body, pos);
                }
            }
            E::ForLoop(f) => {
                let iter = strip(&f.expr);
                let borrowed = match iter {
                    E::Reference(r) => self.is_name(&r.expr),
                    _ => false,
                };
                if self.is_name(iter) || borrowed {
                    self.record(UseKind::Iterable, iter);
                } else {
                    self.expr(iter, Pos::Discard);
                }
                if !pat_binds(&f.pat, self.name) {
                    self.block(&f.body, Pos::Discard);
                }
            }
            E::While(w) => {
                if !self.cond(&w.cond) {
                    self.block(&w.body, Pos::Discard);
                }
            }
            E::Loop(l) => self.block(&l.body, Pos::Discard),
            E::Let(l) => self.expr(&l.expr, Pos::Value(Escape::Other)),
            E::Macro(m) => self.mac(&m.mac, pos),
            _ => self.opaque(e, Escape::Other),
        }
    }

    fn binary(&mut self, b: &syn::ExprBinary) {
        use syn::BinOp as B;
        match b.op {
            B::Eq(_) | B::Ne(_) | B::Lt(_) | B::Le(_) | B::Gt(_) | B::Ge(_) | B::And(_) | B::Or(_) => {
                self.expr(&b.left, Pos::Borrowed);
                self.expr(&b.right, Pos::Borrowed);
            }
            B::AddAssign(_)
            | B::SubAssign(_)
            | B::MulAssign(_)
            | B::DivAssign(_)
            | B::RemAssign(_)
            | B::BitXorAssign(_)
            | B::BitAndAssign(_)
            | B::BitOrAssign(_)
            | B::ShlAssign(_)
            | B::ShrAssign(_) => {
                self.expr(&b.left, Pos::Place);
                self.expr(&b.right, Pos::Value(Escape::Argument));
            }
            _ => {
                self.expr(&b.left, Pos::Value(Escape::Other));
                self.expr(&b.right, Pos::Value(Escape::Other));
            }
        }
    }

    /// An `if`/`while` condition, `let` chains included; true when one of its `let`
    /// patterns binds the name (the body then names another variable).
    fn cond(&mut self, c: &syn::Expr) -> bool {
        match strip(c) {
            syn::Expr::Let(l) => {
                self.expr(&l.expr, Pos::Value(Escape::Other));
                pat_binds(&l.pat, self.name)
            }
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                let left = self.cond(&b.left);
                let right = self.cond(&b.right);
                left || right
            }
            other => {
                self.expr(other, Pos::Place);
                false
            }
        }
    }

    fn mac(&mut self, mac: &syn::Macro, pos: Pos) {
        if !mentions(&mac.tokens, self.name) {
            return;
        }
        let name = mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        let args = mac.parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated).ok();
        match (name.as_str(), args) {
            (n, Some(args)) if BY_REF_MACROS.contains(&n) => {
                for a in &args {
                    match a {
                        // `name = value` format arguments are borrowed too.
                        syn::Expr::Assign(named) => self.expr(&named.right, Pos::Borrowed),
                        other => self.expr(other, Pos::Borrowed),
                    }
                }
            }
            ("vec", Some(args)) => args.iter().for_each(|a| self.expr(a, Pos::Value(Escape::Stored))),
            _ => {
                let why = match pos {
                    Pos::Value(why) => why,
                    _ => Escape::Other,
                };
                self.opaque(mac, why);
            }
        }
    }
}

/// The position of what a tuple, array or struct literal holds.
fn stored(literal: Pos) -> Pos {
    match literal {
        Pos::Borrowed => Pos::Borrowed,
        _ => Pos::Value(Escape::Stored),
    }
}

/// `std::mem::take`, `mem::replace`, `swap`, ...: they move a value out of a `&mut`.
fn is_mem_move(func: &syn::Expr) -> bool {
    let syn::Expr::Path(p) = strip(func) else { return false };
    let segs: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let Some(last) = segs.last() else { return false };
    matches!(last.as_str(), "take" | "replace" | "swap")
        && (segs.len() == 1 || segs.get(segs.len() - 2).is_some_and(|s| s == "mem"))
}

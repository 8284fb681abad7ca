//! Escape analysis for one local variable: how a named local is used inside a block or
//! an expression. A use is either *in place* — a method receiver (`m.insert(..)`,
//! `m.len()`), the iterable of a `for` loop (`for x in m`, `for x in &m`), borrowed
//! (`f(&m)`), indexed, compared, a field read, assigned to (`m = ..`), a formatting-macro
//! argument — or *by value*, where the value may leave the scope it was built in:
//! returned, `break`-ed with, passed by value to a function or method (`m.into()`
//! included: it is `Into::into(m)`), stored in a struct/tuple/array/`vec!`, bound or
//! assigned to another place, captured by a `move` closure or `async move` block, or
//! taken with `std::mem::take/replace/swap`.
//!
//! The analysis is syntactic and leans toward "escapes": a mention it cannot classify
//! (inside an unknown macro, a `match` scrutinee, `?`, `.await`) counts as a by-value use.
//! Shadowing is honoured: after `let m = ..` (or inside a closure, `for`, `match` arm or
//! `if let` whose pattern binds `m`) later mentions name another variable and are skipped.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::Visit;

use crate::diagnostic::Span;

mod finder;
pub mod scope;

/// How one mention of the local uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UseKind {
    /// The receiver of a method call: `m.insert(k, v)`, `m.into_iter()`.
    Receiver,
    /// The iterable of a `for` loop: `for x in m`, `for x in &m`, `for x in &mut m`.
    Iterable,
    /// Used where it stands: borrowed, indexed, compared, a field read, assigned to,
    /// a formatting-macro argument, or an expression statement of its own.
    InPlace,
    /// Moved (or copied) somewhere it may outlive the scope: see [`Escape`].
    Escape(Escape),
}

/// Where a by-value use sends the local.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// `return m`, the value of a closure or `async` block.
    Returned,
    /// `break m` / `break 'label m`.
    Break,
    /// Passed by value to a function or method: `f(m)`, `out.push(m)`, `tx.send(m)`,
    /// and converted with `m.into()` / `m.try_into()` (which are `Into::into(m)`).
    Argument,
    /// Stored in a struct, tuple, array, range or `vec!` literal.
    Stored,
    /// Bound or assigned to another place: `let x = m`, `x = m`, `*slot = m`.
    Assigned,
    /// The value of a block that does not discard it: `{ ..; m }`.
    BlockValue,
    /// Captured by a `move` closure or an `async move` block.
    MoveClosure,
    /// Its contents taken with `std::mem::take/replace/swap(&mut m, ..)`.
    Taken,
    /// Anything else by value: a `match`/`if let` scrutinee, `?`, `.await`, a cast, an
    /// operator, an unknown macro.
    Other,
}

/// One mention of the local.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Use {
    pub kind: UseKind,
    pub span: Span,
}

impl Use {
    pub fn escapes(&self) -> bool {
        matches!(self.kind, UseKind::Escape(_))
    }
}

/// What happens to the value of a block's or expression's last expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tail {
    /// It is dropped (a loop body, an expression statement).
    Discarded,
    /// It flows out (a block used as a value, a function body).
    Escapes,
}

/// Every use of the local `name` in `stmts`, in source order.
pub fn uses_in_stmts(name: &str, stmts: &[syn::Stmt], tail: Tail) -> Vec<Use> {
    finder::in_stmts(name, stmts, tail)
}

/// Every use of the local `name` in `expr`, in source order.
pub fn uses_in_expr(name: &str, expr: &syn::Expr, tail: Tail) -> Vec<Use> {
    finder::in_expr(name, expr, tail)
}

/// The first use that moves the local out, if any.
pub fn first_escape(uses: &[Use]) -> Option<&Use> {
    uses.iter().find(|u| u.escapes())
}

/// Whether a pattern binds `name` (`m`, `mut m`, `Some(m)`, `(a, m)`, `S { m, .. }`).
pub fn pat_binds(pat: &syn::Pat, name: &str) -> bool {
    struct Binds<'n> {
        name: &'n str,
        found: bool,
    }
    impl<'ast> Visit<'ast> for Binds<'_> {
        fn visit_pat_ident(&mut self, p: &'ast syn::PatIdent) {
            self.found |= p.ident == self.name;
            syn::visit::visit_pat_ident(self, p);
        }
    }
    let mut b = Binds { name, found: false };
    b.visit_pat(pat);
    b.found
}

/// Whether the identifier `name` occurs anywhere in the tokens of a node (macro bodies
/// included). Iterative: token trees may nest deeply.
pub fn mentions<T: ToTokens + ?Sized>(node: &T, name: &str) -> bool {
    let mut stack: Vec<TokenStream> = vec![node.to_token_stream()];
    while let Some(ts) = stack.pop() {
        for tt in ts {
            match tt {
                TokenTree::Ident(i) if i == name => return true,
                TokenTree::Group(g) => stack.push(g.stream()),
                _ => {}
            }
        }
    }
    false
}

#[cfg(test)]
mod tests;

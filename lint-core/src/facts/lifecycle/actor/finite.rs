//! Loops that end (SPEC §1, long-lived item 4): work the function itself started and
//! drains (finite streams, `select!`s racing them against timers and cancellation), and
//! debounces, whose receive is bounded by a timer that leaves the loop.

use syn::visit::{self, Visit};

use super::{is_event_source, select_arms};
use crate::ctor::{binding, strip};
use crate::facts::lifecycle::pats::peel_pat;

/// The locals of `stmts` bound to a finite stream: an initialiser or annotation that names
/// `FuturesUnordered`, `FuturesOrdered`, `JoinSet`, `join_all`/`try_join_all`, a
/// `stream::iter(..)`, or a `buffered`/`buffer_unordered` adaptor.
pub fn finite_streams(stmts: &[syn::Stmt]) -> Vec<String> {
    struct Finite(bool);
    impl<'ast> Visit<'ast> for Finite {
        fn visit_path_segment(&mut self, s: &'ast syn::PathSegment) {
            self.0 |= is_finite_name(&s.ident.to_string());
            visit::visit_path_segment(self, s);
        }
        fn visit_path(&mut self, p: &'ast syn::Path) {
            let n = p.segments.len();
            self.0 |= n >= 2 && p.segments[n - 2].ident == "stream" && p.segments[n - 1].ident == "iter";
            visit::visit_path(self, p);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            self.0 |= matches!(
                m.method.to_string().as_str(),
                "buffered" | "buffer_unordered" | "try_buffered" | "try_buffer_unordered"
            );
            visit::visit_expr_method_call(self, m);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_block(&mut self, _: &'ast syn::Block) {}
    }
    let mut out = Vec::new();
    for s in stmts {
        let syn::Stmt::Local(l) = s else { continue };
        let Some(b) = binding(l) else { continue };
        let mut f = Finite(false);
        if let Some(t) = b.annotation {
            f.visit_type(t);
        }
        if let Some(init) = b.init {
            f.visit_expr(init);
        }
        if f.0 {
            out.push(b.name.to_string());
        }
    }
    out
}

fn is_finite_name(name: &str) -> bool {
    matches!(name, "FuturesUnordered" | "FuturesOrdered" | "JoinSet" | "join_all" | "try_join_all")
}

/// `X.next()` / `X.join_next()` / `X.try_next()` on a finite stream of `finite`.
pub(super) fn drains_finite(m: &syn::ExprMethodCall, finite: &[String]) -> bool {
    matches!(m.method.to_string().as_str(), "next" | "join_next" | "try_next")
        && matches!(strip(&m.receiver), syn::Expr::Path(p)
            if p.path.get_ident().is_some_and(|id| finite.iter().any(|f| id == f)))
}

/// `e` without a trailing `.await`, parentheses aside.
fn unawait(e: &syn::Expr) -> &syn::Expr {
    match strip(e) {
        syn::Expr::Await(a) => strip(&a.base),
        other => other,
    }
}

/// A call of a function whose path ends in one of `names` (`tokio::time::sleep(..)`).
fn calls_fn(c: &syn::ExprCall, names: &[&str]) -> bool {
    matches!(&*c.func, syn::Expr::Path(p)
        if p.path.segments.last().is_some_and(|s| names.iter().any(|n| s.ident == n)))
}

/// `match timeout(d, X.recv()).await { .. }` or `match X.recv_timeout(d) { .. }` with a
/// timeout arm (`Err(..)` other than `Disconnected`, or `_`) that leaves the loop
/// (`break`, `return`): the receive waits only while events keep coming.
pub(super) fn is_debounce(m: &syn::ExprMatch) -> bool {
    let bounded = match unawait(&m.expr) {
        syn::Expr::MethodCall(mc) => mc.method == "recv_timeout",
        syn::Expr::Call(c) => {
            calls_fn(c, &["timeout"])
                && c.args.iter().any(|a| matches!(unawait(a), syn::Expr::MethodCall(mc) if is_event_source(mc, true)))
        }
        _ => false,
    };
    bounded && m.arms.iter().any(|arm| on_timeout(&arm.pat) && leaves(&arm.body))
}

/// `_`, or `Err(..)` other than `Err(RecvTimeoutError::Disconnected)` (the channel's end),
/// also as one case of `A | B`.
fn on_timeout(pat: &syn::Pat) -> bool {
    let disconnected = |p: &syn::Pat| matches!(peel_pat(p), syn::Pat::Path(pp) if pp.path.segments.last().is_some_and(|s| s.ident == "Disconnected"));
    match peel_pat(pat) {
        syn::Pat::Wild(_) => true,
        syn::Pat::Or(or) => or.cases.iter().any(on_timeout),
        syn::Pat::TupleStruct(ts) => {
            ts.path.segments.last().is_some_and(|s| s.ident == "Err") && !ts.elems.iter().any(disconnected)
        }
        _ => false,
    }
}

/// `break`, `return`, or a block ending with one.
fn leaves(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::Break(_) | syn::Expr::Return(_) => true,
        syn::Expr::Block(b) => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(e, _)) => leaves(e),
            _ => false,
        },
        _ => false,
    }
}

/// A `select!` with an arm draining a finite stream and every other arm a timer
/// (`sleep`, `sleep_until`, `timeout`), a cancellation (`cancelled()`) or `else`.
pub(super) fn select_drains_finite(mac: &syn::Macro, finite: &[String]) -> bool {
    let Some(arms) = select_arms(mac) else { return false };
    let mut drains = false;
    for (_, future, _) in &arms {
        match unawait(future) {
            syn::Expr::MethodCall(m) if drains_finite(m, finite) => drains = true,
            syn::Expr::MethodCall(m) if m.method == "cancelled" => {}
            syn::Expr::Call(c) if calls_fn(c, &["sleep", "sleep_until", "timeout"]) => {}
            syn::Expr::Verbatim(v) if v.is_empty() => {}
            _ => return false,
        }
    }
    drains
}

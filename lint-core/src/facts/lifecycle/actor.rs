//! Event loops (SPEC §1, long-lived item 4): the loops that keep an actor or a task alive
//! for the life of the process, and the local maps declared before one and grown inside it.
//!
//! An event loop waits for events: a `while let Some(..)` / `Ok(..)` over `X.recv()` (also
//! awaited) or an awaited `X.next()` / `X.accept()`; or a `loop` whose body receives
//! (`recv`, `recv_timeout`, an awaited `accept()` or `next()`) or holds a `select!`. An
//! awaited `next()` counts on an inbox: a field of `self`, or a name that says so (`rx`,
//! `inbox`, `events`, `stream`, `incoming`, ...); a directory walk or a result stream ends.
//! A `loop` that does none of these (a parser's, a retry's) and a `while let` over a plain
//! iterator's `next()` are not event loops: their state ends with the computation.
//!
//! Nor is a loop that drains work the function itself started: a `while let` over
//! `s.next().await` where `s` is a *finite stream*, a local of the same function built from
//! `FuturesUnordered`/`FuturesOrdered`/`JoinSet`, `stream::iter(..)`, `join_all(..)` or a
//! `buffered`/`buffer_unordered` adaptor (one future per node, per path: the loop ends
//! when they are done); a `loop` whose `select!` waits only on such streams, timers and
//! cancellation; and a `while let` over `recv_timeout`/`try_recv`, or a `loop` matching
//! on a receive bounded by a timer (`timeout(d, rx.recv()).await`, `rx.recv_timeout(d)`)
//! whose timeout arm leaves the loop: it ends when the channel is quiet, a debounce and not
//! a mailbox.

use syn::visit::{self, Visit};

mod finite;

pub use finite::finite_streams;
use finite::{drains_finite, is_debounce, select_drains_finite};

use super::pats::peel_pat;
use super::ActorLocal;
use crate::ctor::{binding, map_ctor, strip};
use crate::diagnostic::Span;
use crate::types::TypeExpr;

/// The body of `e` when it is an event loop; `finite` holds the finite streams in scope.
pub fn event_loop_body<'e>(e: &'e syn::Expr, finite: &[String]) -> Option<&'e syn::Block> {
    match e {
        syn::Expr::While(w) if waits_in_condition(&w.cond, finite) => Some(&w.body),
        syn::Expr::Loop(l) if loop_waits(&l.body, finite) => Some(&l.body),
        _ => None,
    }
}

/// `let Some(..) = X.recv()` / `X.recv().await` / `X.next().await` / `X.accept().await`,
/// where `X` is not a finite stream of `finite`.
pub fn waits_in_condition(cond: &syn::Expr, finite: &[String]) -> bool {
    let syn::Expr::Let(l) = strip(cond) else { return false };
    let variant = match peel_pat(&l.pat) {
        syn::Pat::TupleStruct(ts) => ts.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    if !matches!(variant.as_deref(), Some("Some" | "Ok")) {
        return false;
    }
    let (inner, awaited) = match strip(&l.expr) {
        syn::Expr::Await(a) => (&*a.base, true),
        other => (other, false),
    };
    let syn::Expr::MethodCall(m) = strip(inner) else { return false };
    !matches!(m.method.to_string().as_str(), "recv_timeout" | "try_recv")
        && !drains_finite(m, finite)
        && is_event_source(m, awaited)
}

/// `X.recv()` (awaited or not), or an awaited `X.accept()` / `X.next()` on an inbox.
pub(super) fn is_event_source(m: &syn::ExprMethodCall, awaited: bool) -> bool {
    match m.method.to_string().as_str() {
        "recv" | "recv_async" | "recv_many" | "blocking_recv" | "recv_timeout" => true,
        "accept" | "recv_from" => awaited,
        "next" | "message" => awaited && is_inbox(&m.receiver),
        _ => false,
    }
}

/// Names an inbox: `self.f`, or a name like `rx`, `inbox`, `events`, `stream`, `incoming`.
fn is_inbox(e: &syn::Expr) -> bool {
    let name = match strip(e) {
        syn::Expr::Field(f) if super::roots::is_self(&f.base) => return true,
        syn::Expr::Field(f) => match &f.member {
            syn::Member::Named(id) => id.to_string(),
            syn::Member::Unnamed(_) => return false,
        },
        syn::Expr::Path(p) => match p.path.get_ident() {
            Some(id) => id.to_string(),
            None => return false,
        },
        syn::Expr::MethodCall(m) if m.method == "as_mut" || m.method == "by_ref" => return is_inbox(&m.receiver),
        _ => return false,
    };
    let name = name.to_ascii_lowercase();
    ["rx", "recv", "inbox", "event", "stream", "incoming", "messages", "commands", "cmds", "mailbox", "subscri"]
        .iter()
        .any(|h| name.contains(h))
}

/// Whether a `loop` body waits for events (a receive, an awaited `accept`/`next` on an
/// inbox, a `select!`), outside closures and nested functions. A `select!` whose arms wait
/// only on finite streams of `finite`, timers and cancellation does not count.
pub fn loop_waits(body: &syn::Block, finite: &[String]) -> bool {
    struct Waits<'f>(bool, &'f [String]);
    impl<'ast> Visit<'ast> for Waits<'_> {
        fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
            if is_debounce(m) {
                m.arms.iter().for_each(|a| self.visit_arm(a));
            } else {
                visit::visit_expr_match(self, m);
            }
        }
        fn visit_expr_await(&mut self, a: &'ast syn::ExprAwait) {
            if let syn::Expr::MethodCall(m) = strip(&a.base) {
                self.0 |= !drains_finite(m, self.1) && is_event_source(m, true);
            }
            visit::visit_expr_await(self, a);
        }
        fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
            self.0 |= is_event_source(m, false);
            visit::visit_expr_method_call(self, m);
        }
        fn visit_macro(&mut self, m: &'ast syn::Macro) {
            if m.path.segments.last().is_some_and(|s| s.ident == "select" || s.ident == "select_biased") {
                self.0 |= !select_drains_finite(m, self.1);
            }
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut w = Waits(false, finite);
    w.visit_block(body);
    w.0
}

/// The event loop a statement is or ends with (`loop {..}`, `let x = loop {..};`).
fn stmt_loop<'s>(s: &'s syn::Stmt, finite: &[String]) -> Option<&'s syn::Block> {
    match s {
        syn::Stmt::Expr(e, _) => event_loop_body(strip(e), finite),
        syn::Stmt::Local(l) => l.init.as_ref().and_then(|i| event_loop_body(strip(&i.expr), finite)),
        _ => None,
    }
}

/// The local maps of a block that are declared before an event loop of the same block and
/// grown inside it. Whether the constructed type is a map the package decides (aliases).
/// `finite` holds the finite streams of the enclosing blocks (those of `block` are added).
pub fn locals(block: &syn::Block, finite: &[String], in_test: bool, out: &mut Vec<ActorLocal>) {
    let mut finite = finite.to_vec();
    finite.extend(finite_streams(&block.stmts));
    for (i, s) in block.stmts.iter().enumerate() {
        let syn::Stmt::Local(l) = s else { continue };
        let Some(b) = binding(l) else { continue };
        let Some(init) = b.init else { continue };
        let Some(ctor) = map_ctor(init, b.annotation) else { continue };
        let ty = match (b.annotation, ctor.type_name()) {
            (Some(t), _) => TypeExpr::from_syn(t),
            (None, Some(name)) => TypeExpr {
                kind: crate::types::TypeKind::Path { segments: vec![name], args: Vec::new() },
                span: Span::of(init),
            },
            _ => continue,
        };
        let name = b.name.to_string();
        let rest = &block.stmts[i + 1..];
        let mut growth = Vec::new();
        for s in rest {
            if let Some(body) = stmt_loop(s, &finite) {
                let mut u = Uses { name: &name, growth: Vec::new(), removed: false };
                u.visit_block(body);
                growth.extend(u.growth);
            }
        }
        if growth.is_empty() {
            continue;
        }
        let mut u = Uses { name: &name, growth: Vec::new(), removed: false };
        rest.iter().for_each(|s| u.visit_stmt(s));
        let removed = u.removed;
        out.push(ActorLocal {
            name,
            ty,
            name_span: Span::of(b.name),
            anchor_line: Span::of(l).start.line,
            growth,
            removed,
            in_test,
            module: Vec::new(),
        });
    }
}

/// How a block uses one local: growth calls on it, and removal evidence (removal calls,
/// reassignment, a `len()` compared, the map handed by `&mut` or by value elsewhere).
struct Uses<'n> {
    name: &'n str,
    growth: Vec<(String, Span)>,
    removed: bool,
}

impl Uses<'_> {
    fn is_name(&self, e: &syn::Expr) -> bool {
        matches!(strip(e), syn::Expr::Path(p) if p.qself.is_none() && p.path.is_ident(self.name))
    }

    /// `name`, `&mut name`, `name.entry(..)` (the map behind an entry).
    fn is_map(&self, e: &syn::Expr) -> bool {
        match strip(e) {
            syn::Expr::MethodCall(m) if m.method == "entry" || m.method == "and_modify" => self.is_map(&m.receiver),
            other => self.is_name(other),
        }
    }
}

impl<'ast> Visit<'ast> for Uses<'_> {
    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let method = m.method.to_string();
        if self.is_map(&m.receiver) {
            let entry = !self.is_name(&m.receiver);
            if entry && super::vocab::is_entry_growth(&method) {
                self.growth.push((format!("entry(..).{method}"), Span::of(&m.method)));
            } else if !entry && super::vocab::is_growth(&method) {
                self.growth.push((method.clone(), Span::of(&m.method)));
            } else if super::vocab::is_removal(&method) || super::vocab::is_replacement(&method, m.args.len()) {
                self.removed = true;
            }
        }
        for a in &m.args {
            self.escape(a);
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        c.args.iter().for_each(|a| self.escape(a));
        visit::visit_expr_call(self, c);
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        if self.is_name(&a.left) {
            self.removed = true;
        }
        visit::visit_expr_assign(self, a);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        for (_, future, body) in select_arms(mac).unwrap_or_default() {
            self.visit_expr(&future);
            self.visit_expr(&body);
        }
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        use syn::BinOp::{Eq, Ge, Gt, Le, Lt};
        if matches!(b.op, Lt(_) | Le(_) | Gt(_) | Ge(_) | Eq(_)) && (self.is_len(&b.left) || self.is_len(&b.right)) {
            self.removed = true;
        }
        visit::visit_expr_binary(self, b);
    }

    fn visit_expr_struct(&mut self, s: &'ast syn::ExprStruct) {
        s.fields.iter().for_each(|f| self.escape(&f.expr));
        visit::visit_expr_struct(self, s);
    }
}

impl Uses<'_> {
    /// `name.len()`, also cast (`name.len() as u64`).
    fn is_len(&self, e: &syn::Expr) -> bool {
        match strip(e) {
            syn::Expr::MethodCall(m) => m.method == "len" && self.is_name(&m.receiver),
            syn::Expr::Cast(c) => self.is_len(&c.expr),
            _ => false,
        }
    }

    /// The map passed by `&mut` or by value (`mem::take(&mut m)`, `flush(&mut m)`,
    /// `tx.send(m)`): it may be emptied out of sight.
    fn escape(&mut self, a: &syn::Expr) {
        match strip(a) {
            syn::Expr::Reference(r) if r.mutability.is_some() && self.is_name(&r.expr) => self.removed = true,
            other if self.is_name(other) => self.removed = true,
            _ => {}
        }
    }
}

/// The arms of a `select!` (tokio's and futures' syntax): `PAT = FUTURE [, if COND] =>
/// BODY`, and `else => BODY` / `default => BODY` / `complete => BODY` (no pattern).
pub fn select_arms(mac: &syn::Macro) -> Option<Vec<(Option<syn::Pat>, syn::Expr, syn::Expr)>> {
    use syn::parse::{ParseStream, Parser};
    if !mac.path.segments.last().is_some_and(|s| s.ident == "select" || s.ident == "select_biased") {
        return None;
    }
    let parser = |input: ParseStream| -> syn::Result<Vec<(Option<syn::Pat>, syn::Expr, syn::Expr)>> {
        let mut arms = Vec::new();
        if input.peek(syn::Ident) && input.fork().parse::<syn::Ident>().is_ok_and(|i| i == "biased") {
            let _: syn::Ident = input.parse()?;
            let _: syn::Token![;] = input.parse()?;
        }
        while !input.is_empty() {
            let bare = input.peek(syn::Token![else])
                || (input.peek(syn::Ident) && input.peek2(syn::Token![=>]))
                || input.peek(syn::Token![default]);
            let (pat, future) = if bare {
                let _: proc_macro2::TokenTree = input.parse()?;
                (None, syn::Expr::Verbatim(proc_macro2::TokenStream::new()))
            } else {
                let pat = syn::Pat::parse_single(input)?;
                let _: syn::Token![=] = input.parse()?;
                let future: syn::Expr = input.call(syn::Expr::parse_without_eager_brace)?;
                if input.peek(syn::Token![,]) && input.peek2(syn::Token![if]) {
                    let _: syn::Token![,] = input.parse()?;
                    let _: syn::Token![if] = input.parse()?;
                    let _: syn::Expr = input.call(syn::Expr::parse_without_eager_brace)?;
                }
                (Some(pat), future)
            };
            let _: syn::Token![=>] = input.parse()?;
            let body: syn::Expr = input.parse()?;
            arms.push((pat, future, body));
            if input.peek(syn::Token![,]) {
                let _: syn::Token![,] = input.parse()?;
            }
        }
        Ok(arms)
    };
    parser.parse2(mac.tokens.clone()).ok()
}

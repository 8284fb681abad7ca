//! Maps built in a loop body that cost nothing to rebuild, or cannot be hoisted: built
//! empty and never grown, built in a block that leaves the loop, or holding borrows of
//! data created in the iteration.

use lint_core::ctor::{strip, CtorKind, MapCtor};
use lint_core::decl;
use lint_core::traverse::{LoopBody, LoopFrame};
use syn::visit::{self, Visit};

/// Calls that grow a map.
const GROWTH: &[&str] = &["insert", "try_insert", "extend", "append", "get_or_insert_with", "entry"];

/// The block ends with `break` or `return`: what it builds is built once per loop.
pub(super) fn runs_once(block: &syn::Block) -> bool {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(e, _)) => matches!(strip(e), syn::Expr::Break(_) | syn::Expr::Return(_)),
        _ => false,
    }
}

/// Built empty without capacity and never grown in the rest of the iteration: such a map
/// allocates nothing. Lending it as `&mut` counts as growth.
pub(super) fn never_grown(ctor: &MapCtor<'_>, name: &str, rest: &[syn::Stmt]) -> bool {
    if !matches!(ctor.kind, CtorKind::New | CtorKind::Default | CtorKind::DefaultDefault | CtorKind::WithHasher) {
        return false;
    }
    let mut v = Growth { name, grown: false };
    for s in rest {
        if decl::mentions(s, name) {
            v.visit_stmt(s);
        }
    }
    !v.grown
}

struct Growth<'n> {
    name: &'n str,
    grown: bool,
}

impl Growth<'_> {
    fn is_local(&self, e: &syn::Expr) -> bool {
        matches!(strip(e), syn::Expr::Path(p) if p.path.is_ident(self.name))
    }
}

impl<'a> Visit<'a> for Growth<'_> {
    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        self.grown |= GROWTH.contains(&m.method.to_string().as_str()) && self.is_local(&m.receiver);
        visit::visit_expr_method_call(self, m);
    }
    fn visit_expr_reference(&mut self, r: &'a syn::ExprReference) {
        self.grown |= r.mutability.is_some() && self.is_local(&r.expr);
        visit::visit_expr_reference(self, r);
    }
    fn visit_macro(&mut self, m: &'a syn::Macro) {
        // What a macro does with the map is unknown: it may grow it.
        self.grown |= decl::mentions(&m.tokens, self.name);
    }
}

/// The map holds borrows of data created in the iteration, so it cannot be declared
/// before the loop: its written type holds a non-`'static` reference, or a growth call's
/// argument borrows (`&x`, `&x[..]`, `x.as_str()`, `x.as_ref()`) a binding of the loop's
/// pattern or of its body.
pub(super) fn borrows_iteration_data(
    annotation: Option<&syn::Type>,
    local: &syn::Local,
    name: &str,
    rest: &[syn::Stmt],
    frame: &LoopFrame<'_>,
) -> bool {
    let turbofish = local.init.as_ref().and_then(|i| match strip(&i.expr) {
        syn::Expr::MethodCall(m) => m.turbofish.as_ref(),
        _ => None,
    });
    let written = annotation.is_some_and(holds_borrow)
        || turbofish
            .is_some_and(|t| t.args.iter().any(|g| matches!(g, syn::GenericArgument::Type(ty) if holds_borrow(ty))));
    if written {
        return true;
    }
    let mut lets = Lets { bound: Vec::new(), refs: Vec::new() };
    for p in frame.pats {
        lets.bound.extend(pattern_names(p));
    }
    match frame.body {
        LoopBody::Block(b) => lets.visit_block(b),
        LoopBody::Expr(e) => lets.visit_expr(e),
    }
    // A written type without references and without `_` holds no borrow.
    let owned = annotation.is_some_and(|t| !holds_borrow(t) && !has_infer(t));
    if !owned && local.init.as_ref().is_some_and(|i| collects_borrows(&i.expr, &lets.bound)) {
        return true;
    }
    let mut v = BorrowedArgs { name, bound: &lets.bound, refs: &lets.refs, found: false };
    rest.iter().for_each(|s| v.visit_stmt(s));
    v.found
}

/// `x.iter()..collect()` / `M::from_iter(x.iter()..)` over a binding `x` of the iteration,
/// whose items are references: the chain iterates by reference without `.cloned()` or
/// `.copied()`, or one of its closures builds a reference (`.map(|c| &c.name)`).
fn collects_borrows(init: &syn::Expr, bound: &[String]) -> bool {
    let mut e = strip(init);
    // `M::from_iter(chain)` / `M::from(chain)`: the chain is the argument.
    if let syn::Expr::Call(c) = e {
        match c.args.first() {
            Some(a) => e = strip(a),
            None => return false,
        }
    }
    let (mut by_ref, mut owned, mut builds_ref) = (false, false, false);
    loop {
        match e {
            syn::Expr::MethodCall(m) => {
                match m.method.to_string().as_str() {
                    "iter" | "keys" | "values" => by_ref = true,
                    "cloned" | "copied" | "into_iter" | "drain" | "into_keys" | "into_values" => owned = true,
                    _ => {}
                }
                for a in &m.args {
                    if let syn::Expr::Closure(c) = strip(a) {
                        let maps = matches!(
                            m.method.to_string().as_str(),
                            "map" | "filter_map" | "flat_map" | "map_while" | "scan"
                        );
                        // A closure that maps items to something else: owned unless it
                        // builds a reference.
                        owned |= maps && !makes_reference(&c.body);
                        builds_ref |= makes_reference(&c.body);
                    }
                }
                e = strip(&m.receiver);
            }
            syn::Expr::Field(f) => e = strip(&f.base),
            syn::Expr::Reference(r) => e = strip(&r.expr),
            syn::Expr::Path(p) => {
                let of_iteration = p.path.get_ident().is_some_and(|id| bound.iter().any(|b| id == b.as_str()));
                return of_iteration && (builds_ref || (by_ref && !owned));
            }
            _ => return false,
        }
    }
}

/// Whether a written type leaves a part to inference (`HashSet<_>`).
fn has_infer(ty: &syn::Type) -> bool {
    struct V(bool);
    impl<'a> Visit<'a> for V {
        fn visit_type_infer(&mut self, _: &'a syn::TypeInfer) {
            self.0 = true;
        }
    }
    let mut v = V(false);
    v.visit_type(ty);
    v.0
}

/// Whether a closure body's value is or holds a reference: `&x`, `(&x, y)`, `x.as_str()`,
/// or `x.0` of an item `x` that is a pair of references (a map iterated by reference).
fn makes_reference(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::Reference(_) => true,
        syn::Expr::Field(f) => {
            matches!(f.member, syn::Member::Unnamed(_))
                && matches!(strip(&f.base), syn::Expr::Path(p) if p.path.get_ident().is_some())
        }
        syn::Expr::MethodCall(m) => m.args.is_empty() && (m.method == "as_str" || m.method == "as_ref"),
        syn::Expr::Tuple(t) => t.elems.iter().any(makes_reference),
        syn::Expr::Block(b) => match b.block.stmts.last() {
            Some(syn::Stmt::Expr(e, None)) => makes_reference(e),
            _ => false,
        },
        _ => false,
    }
}

/// Whether a written type holds a reference that is not `'static`.
fn holds_borrow(ty: &syn::Type) -> bool {
    struct V(bool);
    impl<'a> Visit<'a> for V {
        fn visit_type_reference(&mut self, r: &'a syn::TypeReference) {
            self.0 |= !r.lifetime.as_ref().is_some_and(|l| l.ident == "static");
            visit::visit_type_reference(self, r);
        }
    }
    let mut v = V(false);
    v.visit_type(ty);
    v.0
}

/// The names a pattern binds.
fn pattern_names(p: &syn::Pat) -> Vec<String> {
    struct V(Vec<String>);
    impl<'a> Visit<'a> for V {
        fn visit_pat_ident(&mut self, i: &'a syn::PatIdent) {
            self.0.push(i.ident.to_string());
            visit::visit_pat_ident(self, i);
        }
    }
    let mut v = V(Vec::new());
    v.visit_pat(p);
    v.0
}

/// Collects the names bound in a loop body: by `let` statements and the patterns of
/// nested `for` loops; and those declared with a reference type (`let v: &T = ..`).
struct Lets {
    bound: Vec<String>,
    refs: Vec<String>,
}

impl<'a> Visit<'a> for Lets {
    fn visit_local(&mut self, l: &'a syn::Local) {
        self.bound.extend(pattern_names(&l.pat));
        if let syn::Pat::Type(t) = &l.pat {
            if matches!(&*t.ty, syn::Type::Reference(r) if !r.lifetime.as_ref().is_some_and(|l| l.ident == "static")) {
                self.refs.extend(pattern_names(&t.pat));
            }
        }
        visit::visit_local(self, l);
    }
    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        self.bound.extend(pattern_names(&f.pat));
        visit::visit_expr_for_loop(self, f);
    }
    fn visit_item(&mut self, _: &'a syn::Item) {}
}

struct BorrowedArgs<'n> {
    name: &'n str,
    bound: &'n [String],
    refs: &'n [String],
    found: bool,
}

impl BorrowedArgs<'_> {
    /// `&x`, `&x[..]`, `&x.f`, `x.as_str()`, `x.as_ref()` with `x` bound in the iteration,
    /// or `x` declared there with a reference type.
    fn borrows(&self, e: &syn::Expr) -> bool {
        let root = match strip(e) {
            syn::Expr::Path(p) => {
                return p.path.get_ident().is_some_and(|id| self.refs.iter().any(|r| id == r.as_str()))
            }
            syn::Expr::Reference(r) => &*r.expr,
            syn::Expr::MethodCall(m) if m.args.is_empty() && (m.method == "as_str" || m.method == "as_ref") => {
                &*m.receiver
            }
            _ => return false,
        };
        let mut root = strip(root);
        loop {
            match root {
                syn::Expr::Index(i) => root = strip(&i.expr),
                syn::Expr::Field(f) => root = strip(&f.base),
                syn::Expr::Path(p) => {
                    return p.path.get_ident().is_some_and(|id| self.bound.iter().any(|b| id == b.as_str()))
                }
                _ => return false,
            }
        }
    }
}

impl<'a> Visit<'a> for BorrowedArgs<'_> {
    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        let on_map = matches!(strip(&m.receiver), syn::Expr::Path(p) if p.path.is_ident(self.name));
        // `m.extend(&other)` copies the items (`Extend<(&K, &V)>` needs `K: Copy`): it
        // keeps no borrow.
        let method = m.method.to_string();
        if on_map && GROWTH.contains(&method.as_str()) && method != "extend" && method != "append" {
            self.found |= m.args.iter().any(|a| self.borrows(a));
        }
        visit::visit_expr_method_call(self, m);
    }
}

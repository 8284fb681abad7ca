//! Local names inside a function: where a name used at some point was declared (a typed
//! parameter, a `let` with a type or an initialiser, or some other pattern), and whether a
//! piece of syntax mentions a name at all.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit::{self, Visit};

use crate::diagnostic::{Pos, Span};

/// How the binding of a name visible at some point was declared.
#[derive(Clone, Copy, Debug)]
pub enum Decl<'a> {
    /// A parameter or a `let` with a written type.
    Typed(&'a syn::Type),
    /// `let name = init;` without a type.
    Init(&'a syn::Expr),
    /// Bound by destructuring in a `let`: `let (tx, rx) = channel();` (the initialiser
    /// and the pattern).
    Destructured(&'a syn::Expr, &'a syn::Pat),
    /// Bound by the pattern of a `for` loop, or of the closure passed to `.for_each(..)`
    /// / `.try_for_each(..)`, over `source` (the iterable, or the receiver of `for_each`).
    ForPattern { pat: &'a syn::Pat, source: &'a syn::Expr },
    /// Bound by the pattern of `if let`, `while let` or `let .. else` matching `source`.
    LetPattern { pat: &'a syn::Pat, source: &'a syn::Expr },
    /// Bound by another pattern: `match`, an untyped closure parameter, a `let` without
    /// initialiser.
    Pattern,
    /// Not declared in the function: a static, a const, or a name from elsewhere.
    NotFound,
}

/// The declaration of `name` visible at `at` inside the function `sig { body }`: the
/// innermost binding whose scope holds `at` (closures on the way are looked into, nested
/// items are not).
pub fn lookup<'a>(sig: Option<&'a syn::Signature>, body: &'a syn::Block, name: &str, at: Pos) -> Decl<'a> {
    let mut f = Finder { name, at, found: Decl::NotFound };
    if let Some(sig) = sig {
        for input in &sig.inputs {
            if let syn::FnArg::Typed(pt) = input {
                f.record_typed(&pt.pat, &pt.ty);
            }
        }
    }
    f.visit_block(body);
    f.found
}

/// True when the tokens of `node` hold the identifier `name` anywhere (macro arguments
/// included). Field names and paths are counted too: the answer errs towards "used".
pub fn mentions<T: ToTokens + ?Sized>(node: &T, name: &str) -> bool {
    tokens_mention(node.to_token_stream(), name)
}

/// True when the pattern binds `name`.
pub fn binds(pat: &syn::Pat, name: &str) -> bool {
    pattern_binding(pat, name).is_some()
}

/// Every identifier in the tokens of `node` (macro arguments included), in order.
pub fn idents<T: ToTokens + ?Sized>(node: &T) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![node.to_token_stream().into_iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            None => {
                stack.pop();
            }
            Some(TokenTree::Ident(i)) => out.push(i.to_string()),
            Some(TokenTree::Group(g)) => stack.push(g.stream().into_iter()),
            Some(_) => {}
        }
    }
    out
}

fn tokens_mention(ts: TokenStream, name: &str) -> bool {
    let mut stack = vec![ts.into_iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            None => {
                stack.pop();
            }
            Some(TokenTree::Ident(i)) if i == name => return true,
            Some(TokenTree::Group(g)) => stack.push(g.stream().into_iter()),
            Some(_) => {}
        }
    }
    false
}

/// The names a pattern binds, and for a plain `name: T` / `name` pattern how.
fn pattern_binding<'a>(pat: &'a syn::Pat, name: &str) -> Option<Decl<'a>> {
    match pat {
        syn::Pat::Type(t) => match &*t.pat {
            syn::Pat::Ident(id) if id.ident == name && id.subpat.is_none() => Some(Decl::Typed(&t.ty)),
            p => pattern_binding(p, name),
        },
        syn::Pat::Ident(id) => {
            if id.ident == name {
                Some(Decl::Pattern)
            } else {
                id.subpat.as_ref().and_then(|(_, p)| pattern_binding(p, name))
            }
        }
        syn::Pat::Or(o) => o.cases.iter().find_map(|p| pattern_binding(p, name)),
        syn::Pat::Paren(p) => pattern_binding(&p.pat, name),
        syn::Pat::Reference(r) => pattern_binding(&r.pat, name),
        syn::Pat::Slice(s) => s.elems.iter().find_map(|p| pattern_binding(p, name)),
        syn::Pat::Tuple(t) => t.elems.iter().find_map(|p| pattern_binding(p, name)),
        syn::Pat::TupleStruct(t) => t.elems.iter().find_map(|p| pattern_binding(p, name)),
        syn::Pat::Struct(s) => s.fields.iter().find_map(|f| pattern_binding(&f.pat, name)),
        _ => None,
    }
    .map(|d| match d {
        Decl::Typed(_) | Decl::Init(_) if !is_plain(pat) => Decl::Pattern,
        d => d,
    })
}

/// `name` or `name: T` (possibly `mut`).
fn is_plain(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Type(t) => matches!(&*t.pat, syn::Pat::Ident(id) if id.subpat.is_none()),
        syn::Pat::Ident(id) => id.subpat.is_none(),
        _ => false,
    }
}

fn holds(span: Span, at: Pos) -> bool {
    span.start <= at && at < span.end
}

struct Finder<'n, 'a> {
    name: &'n str,
    at: Pos,
    found: Decl<'a>,
}

impl<'a> Finder<'_, 'a> {
    fn record(&mut self, pat: &'a syn::Pat) {
        if let Some(d) = pattern_binding(pat, self.name) {
            self.found = d;
        }
    }

    fn record_typed(&mut self, pat: &'a syn::Pat, ty: &'a syn::Type) {
        match pat {
            syn::Pat::Ident(id) if id.ident == self.name && id.subpat.is_none() => self.found = Decl::Typed(ty),
            p => self.record(p),
        }
    }

    /// Records a binding of `pat` as `decl` when the pattern binds the name.
    fn record_as(&mut self, pat: &'a syn::Pat, decl: Decl<'a>) {
        if let Some(d) = pattern_binding(pat, self.name) {
            self.found = match d {
                Decl::Typed(_) => d,
                _ => decl,
            };
        }
    }

    fn record_local(&mut self, l: &'a syn::Local) {
        let Some(d) = pattern_binding(&l.pat, self.name) else { return };
        self.found = match (d, &l.init) {
            (Decl::Pattern, Some(init)) if init.diverge.is_none() && is_plain(&l.pat) => Decl::Init(&init.expr),
            (Decl::Pattern, Some(init)) if init.diverge.is_none() => Decl::Destructured(&init.expr, &l.pat),
            (Decl::Pattern, Some(init)) => Decl::LetPattern { pat: &l.pat, source: &init.expr },
            (d, _) => d,
        };
    }

    /// Records the `let` patterns of an `if`/`while` condition (`let` chains included).
    fn record_lets(&mut self, cond: &'a syn::Expr) {
        match cond {
            syn::Expr::Let(l) => self.record_as(&l.pat, Decl::LetPattern { pat: &l.pat, source: &l.expr }),
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.record_lets(&b.left);
                self.record_lets(&b.right);
            }
            syn::Expr::Paren(p) => self.record_lets(&p.expr),
            _ => {}
        }
    }
}

impl<'a> Visit<'a> for Finder<'_, 'a> {
    fn visit_block(&mut self, b: &'a syn::Block) {
        if !holds(Span::from_pm2(b.brace_token.span.join()), self.at) {
            return;
        }
        for stmt in &b.stmts {
            let s = Span::of(stmt);
            if s.end <= self.at {
                if let syn::Stmt::Local(l) = stmt {
                    self.record_local(l);
                }
            } else {
                if holds(s, self.at) {
                    self.visit_stmt(stmt);
                }
                break;
            }
        }
    }

    fn visit_item(&mut self, _: &'a syn::Item) {
        // Items do not see the function's locals.
    }

    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        if holds(Span::from_pm2(f.body.brace_token.span.join()), self.at) {
            self.record_as(&f.pat, Decl::ForPattern { pat: &f.pat, source: &f.expr });
            self.visit_block(&f.body);
        }
    }

    fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
        let for_each = (m.method == "for_each" || m.method == "try_for_each") && m.args.len() == 1;
        match m.args.first() {
            Some(syn::Expr::Closure(c)) if for_each && holds(Span::of(&*c.body), self.at) => {
                self.visit_expr(&m.receiver);
                for input in &c.inputs {
                    self.record_as(input, Decl::ForPattern { pat: input, source: &m.receiver });
                }
                self.visit_expr(&c.body);
            }
            _ => visit::visit_expr_method_call(self, m),
        }
    }

    fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
        if holds(Span::of(&*c.body), self.at) {
            for input in &c.inputs {
                self.record(input);
            }
            self.visit_expr(&c.body);
        }
    }

    fn visit_arm(&mut self, a: &'a syn::Arm) {
        if holds(Span::of(a), self.at) {
            self.record(&a.pat);
            visit::visit_arm(self, a);
        }
    }

    fn visit_expr_if(&mut self, i: &'a syn::ExprIf) {
        self.visit_expr(&i.cond);
        if holds(Span::from_pm2(i.then_branch.brace_token.span.join()), self.at) {
            self.record_lets(&i.cond);
            self.visit_block(&i.then_branch);
        } else if let Some((_, e)) = &i.else_branch {
            self.visit_expr(e);
        }
    }

    fn visit_expr_while(&mut self, w: &'a syn::ExprWhile) {
        self.visit_expr(&w.cond);
        if holds(Span::from_pm2(w.body.brace_token.span.join()), self.at) {
            self.record_lets(&w.cond);
            self.visit_block(&w.body);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl_at(src: &str, name: &str) -> String {
        let f: syn::ItemFn = syn::parse_str(src).unwrap();
        // The position of the marker call `here()`.
        let at = find_marker(&f.block).expect("marker");
        match lookup(Some(&f.sig), &f.block, name, at) {
            Decl::Typed(t) => format!("typed {}", crate::ctor::type_text(t)),
            Decl::Init(e) => format!("init {}", crate::ctor::compact(&quote::quote!(#e).to_string())),
            Decl::Destructured(e, _) => {
                format!("destructured {}", crate::ctor::compact(&quote::quote!(#e).to_string()))
            }
            Decl::ForPattern { source, .. } => {
                format!("for {}", crate::ctor::compact(&quote::quote!(#source).to_string()))
            }
            Decl::LetPattern { source, .. } => {
                format!("let {}", crate::ctor::compact(&quote::quote!(#source).to_string()))
            }
            Decl::Pattern => "pattern".into(),
            Decl::NotFound => "none".into(),
        }
    }

    fn find_marker(b: &syn::Block) -> Option<Pos> {
        struct M(Option<Pos>);
        impl<'a> Visit<'a> for M {
            fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
                if matches!(&*c.func, syn::Expr::Path(p) if p.path.is_ident("here")) {
                    self.0 = Some(Span::of(c).start);
                }
                visit::visit_expr_call(self, c);
            }
        }
        let mut m = M(None);
        m.visit_block(b);
        m.0
    }

    #[test]
    fn finds_the_innermost_binding() {
        assert_eq!(decl_at("fn f(users: &[u8]) { here(); }", "users"), "typed &[u8]");
        assert_eq!(decl_at("fn f(users: &[u8]) { let users = load(); here(); }", "users"), "init load()");
        assert_eq!(decl_at("fn f() { let v: Vec<u8> = x; { here(); } }", "v"), "typed Vec<u8>");
        assert_eq!(decl_at("fn f() { here(); let v = 1; }", "v"), "none");
        assert_eq!(decl_at("fn f() { { let v = 1; } here(); }", "v"), "none");
        assert_eq!(decl_at("fn f(v: u8) { for v in xs { here(); } }", "v"), "for xs");
        assert_eq!(decl_at("fn f() { xs.iter().for_each(|(k, v)| { here(); }); }", "v"), "for xs.iter()");
        assert_eq!(decl_at("fn f() { let (a, v) = p; here(); }", "v"), "destructured p");
        assert_eq!(decl_at("fn f() { g(|v: &[u8]| { here(); }); }", "v"), "typed &[u8]");
        assert_eq!(decl_at("fn f(v: u8) { if let Some(v) = o { here(); } }", "v"), "let o");
        assert_eq!(decl_at("fn f() { let Some(v) = o else { return }; here(); }", "v"), "let o");
        assert_eq!(decl_at("fn f(v: u8) { match o { Some(v) => { here(); } _ => {} } }", "v"), "pattern");
        assert_eq!(decl_at("fn f() { const C: u8 = { let v = 1; here(); 1 }; }", "v"), "none");
    }

    #[test]
    fn mentions_names_in_macros() {
        let s: syn::Stmt = syn::parse_str("println!(\"{:?}\", m);").unwrap();
        assert!(mentions(&s, "m"));
        assert!(!mentions(&s, "n"));
    }
}

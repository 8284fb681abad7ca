//! The walk over one file that collects its statics, accessors and the sites on
//! candidate roots, keeping track of test code, the enclosing impl, whether the enclosing
//! function constructs a value, and the locals bound to rooted expressions.

use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};

use super::decls;
use super::roots::{entry_of, is_self, is_self_value, root_of, tail, Bound, EntryKind, Names, Rooted};
use super::{vocab, Accessor, LifecycleFacts, Root, Site, SiteKind};
use crate::ctor::strip;
use crate::diagnostic::Span;
use crate::testcode::is_test_attrs;

/// Collects the lifecycle facts of a file.
pub fn collect(file: &syn::File, in_test_file: bool, extra_removals: &[String]) -> LifecycleFacts {
    let mut c = Collector {
        facts: LifecycleFacts::default(),
        extra_removals,
        in_test: in_test_file,
        impl_ty: None,
        constructs: None,
        frames: vec![Frame::default()],
        block_depth: 0,
        next_id: 0,
        accessor_for: None,
    };
    c.visit_file(file);
    c.facts
}

/// The names bound in one block, closure or function.
#[derive(Default)]
struct Frame {
    /// Locals of enclosing functions are not visible past this frame (statics are).
    isolating: bool,
    names: Vec<(String, Bound)>,
    statics: Vec<(String, u32)>,
}

struct Collector<'a> {
    facts: LifecycleFacts,
    extra_removals: &'a [String],
    in_test: bool,
    impl_ty: Option<String>,
    constructs: Option<String>,
    frames: Vec<Frame>,
    block_depth: usize,
    next_id: u32,
    /// Set while entering the body of a function that may be an accessor.
    accessor_for: Option<String>,
}

impl Names for Collector<'_> {
    fn local(&self, name: &str) -> Option<&Bound> {
        for f in self.frames.iter().rev() {
            if let Some((_, b)) = f.names.iter().rev().find(|(n, _)| n == name) {
                return Some(b);
            }
            if f.isolating {
                break;
            }
        }
        None
    }

    fn local_static(&self, name: &str) -> Option<u32> {
        self.frames.iter().rev().find_map(|f| f.statics.iter().rev().find(|(n, _)| n == name).map(|(_, id)| *id))
    }

    fn impl_ty(&self) -> Option<&str> {
        self.impl_ty.as_deref()
    }
}

impl Collector<'_> {
    fn with_test<F: FnOnce(&mut Self)>(&mut self, attrs: &[syn::Attribute], f: F) {
        let was = self.in_test;
        self.in_test |= is_test_attrs(attrs);
        f(self);
        self.in_test = was;
    }

    fn scoped<F: FnOnce(&mut Self)>(&mut self, isolating: bool, f: F) {
        self.frames.push(Frame { isolating, ..Frame::default() });
        f(self);
        self.frames.pop();
    }

    fn bind(&mut self, name: String, b: Bound) {
        if let Some(f) = self.frames.last_mut() {
            f.names.push((name, b));
        }
    }

    fn shadow(&mut self, pat: &syn::Pat) {
        let mut names = Vec::new();
        pat_idents(pat, &mut names, 0);
        for n in names {
            self.bind(n, Bound::Shadow);
        }
    }

    /// Binds the names of `pat`, matched against a rooted expression or an entry.
    fn bind_pat(&mut self, pat: &syn::Pat, rooted: Option<Rooted>, entry: Option<(Rooted, EntryKind)>) {
        if let Some((name, variant)) = single_binding(pat) {
            if let Some(r) = rooted.filter(|_| matches!(variant.as_deref(), None | Some("Some" | "Ok"))) {
                return self.bind(name, Bound::Root(r));
            }
            if let Some((r, k)) = entry {
                let kind = match variant.as_deref() {
                    None => Some(k),
                    Some("Occupied") => Some(EntryKind::Occupied),
                    Some("Vacant") => Some(EntryKind::Vacant),
                    _ => None,
                };
                if let Some(kind) = kind {
                    return self.bind(name, Bound::Entry(r, kind));
                }
            }
        } else if let Some((ty, fields)) = self.destructured(pat) {
            for (field, name) in fields {
                let r = Rooted::new(Root::TypedField { ty: ty.clone(), field });
                self.bind(name, Bound::Root(r));
            }
            return;
        }
        self.shadow(pat);
    }

    /// `S { f, g: ref mut x, .. }`: the struct's name and (field, bound name) pairs.
    fn destructured(&self, pat: &syn::Pat) -> Option<(String, Vec<(String, String)>)> {
        let syn::Pat::Struct(s) = peel_pat(pat) else { return None };
        let mut ty = s.path.segments.last()?.ident.to_string();
        if ty == "Self" {
            ty = self.impl_ty.clone()?;
        }
        let mut fields = Vec::new();
        for fp in &s.fields {
            let (syn::Member::Named(m), syn::Pat::Ident(id)) = (&fp.member, &*fp.pat) else { return None };
            fields.push((m.to_string(), id.ident.to_string()));
        }
        Some((ty, fields))
    }

    fn site(&mut self, r: Rooted, kind: SiteKind, method: String, span: Span) {
        self.facts.sites.push(Site {
            root: r.root,
            kind,
            method,
            span,
            chain: r.chain,
            via_clone: r.via_clone,
            in_test: self.in_test,
            constructs: self.constructs.clone(),
        });
    }

    fn register_local_statics(&mut self, stmts: &[syn::Stmt]) {
        for s in stmts {
            let found = match s {
                syn::Stmt::Item(syn::Item::Static(i)) => vec![decls::of_item(i)],
                syn::Stmt::Item(syn::Item::Macro(m)) => decls::of_macro(&m.mac, &m.attrs),
                syn::Stmt::Macro(m) => decls::of_macro(&m.mac, &m.attrs),
                _ => continue,
            };
            for d in found {
                let id = self.next_id;
                self.next_id += 1;
                let name = d.name.to_string();
                self.facts.statics.push(d.into_fact(self.in_test, Some(id)));
                if let Some(f) = self.frames.last_mut() {
                    f.statics.push((name, id));
                }
            }
        }
    }

    fn fn_body(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let saved = std::mem::replace(&mut self.constructs, constructs(sig, self.impl_ty.as_deref()));
        self.scoped(true, |c| {
            for input in &sig.inputs {
                if let syn::FnArg::Typed(t) = input {
                    c.shadow(&t.pat);
                }
            }
            let no_args = sig.inputs.iter().all(|a| matches!(a, syn::FnArg::Receiver(_)));
            if no_args && !matches!(sig.output, syn::ReturnType::Default) {
                c.accessor_for = Some(sig.ident.to_string());
            }
            c.visit_block(block);
            c.accessor_for = None;
        });
        self.constructs = saved;
    }

    fn classify_method(&mut self, m: &syn::ExprMethodCall, method: &str) {
        let n = m.args.len();
        let span = Span { start: Span::of(&m.method).start, end: Span::of(m).end };
        if let Some((r, k)) = entry_of(&m.receiver, self) {
            let removes = matches!(method, "remove" | "remove_entry" | "swap_remove" | "shift_remove" | "remove_full");
            let (kind, what) = match k {
                EntryKind::Any if vocab::is_entry_growth(method) => (SiteKind::Growth, format!("entry(..).{method}")),
                EntryKind::Vacant if method == "insert" || method == "insert_entry" => {
                    (SiteKind::Growth, format!("VacantEntry::{method}"))
                }
                EntryKind::Occupied | EntryKind::Any if removes => {
                    (SiteKind::Removal, format!("OccupiedEntry::{method}"))
                }
                _ => return,
            };
            return self.site(r, kind, what, span);
        }
        let kind = if vocab::is_growth(method) && !(method == "get_or_insert_with" && n == 1) {
            SiteKind::Growth
        } else if vocab::is_bulk_removal(method) {
            SiteKind::BulkRemoval
        } else if vocab::is_removal(method) || (method == "take" && n == 1) {
            SiteKind::Removal
        } else if vocab::is_shrink(method) {
            SiteKind::Shrink
        } else if vocab::is_replacement(method, n) {
            SiteKind::Reassign
        } else if self.extra_removals.iter().any(|x| x == method) {
            SiteKind::Removal
        } else {
            return;
        };
        if let Some(r) = root_of(&m.receiver, self) {
            self.site(r, kind, method.to_string(), span);
        }
    }

    /// A rooted argument of a call: the map may be changed where it is passed.
    fn escape(&mut self, arg: &syn::Expr, callee: &str) {
        if matches!(callee, "drop" | "force" | "ptr_eq" | "eq" | "size_of_val" | "addr_of" | "fmt" | "hash") {
            return;
        }
        let (r, how) = match strip(arg) {
            syn::Expr::Reference(x) if x.mutability.is_some() => (root_of(&x.expr, self), "&mut"),
            syn::Expr::Reference(x) => (root_of(&x.expr, self).filter(|r| !r.chained), "&"),
            other => (root_of(other, self).filter(|r| r.via_clone || r.bare_local || r.chained), "move"),
        };
        if let Some(r) = r.filter(|r| !matches!(r.root, Root::Call(_))) {
            self.site(r, SiteKind::Escape, format!("{how} to `{callee}`"), Span::of(arg));
        }
    }

    /// An argument of `mem::take/replace/swap`.
    fn mem_arg(&mut self, arg: &syn::Expr, what: &str) {
        let span = Span::of(arg);
        let (inner, by_ref) = match strip(arg) {
            syn::Expr::Reference(x) if x.mutability.is_some() => (&*x.expr, true),
            other => (other, false),
        };
        if is_self_value(inner) {
            if let Some(ty) = self.impl_ty.clone() {
                self.site(Rooted::new(Root::SelfValue(ty)), SiteKind::Reassign, what.to_string(), span);
            }
            return;
        }
        if let Some(r) = root_of(inner, self).filter(|r| !(by_ref && r.bare_local)) {
            self.site(r, SiteKind::Reassign, what.to_string(), span);
        }
    }

    /// Visits the expressions inside a macro's tokens when they may hold a site.
    fn macro_body(&mut self, mac: &syn::Macro) {
        if !mentions_vocab(&mac.tokens, self.extra_removals, 0) {
            return;
        }
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(exprs) = syn::parse::Parser::parse2(parser, mac.tokens.clone()) {
            for e in &exprs {
                self.visit_expr(e);
            }
        }
    }

    fn let_chain<'e>(e: &'e syn::Expr, lets: &mut Vec<&'e syn::ExprLet>, rest: &mut Vec<&'e syn::Expr>) {
        match e {
            syn::Expr::Let(l) => lets.push(l),
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                Self::let_chain(&b.left, lets, rest);
                Self::let_chain(&b.right, lets, rest);
            }
            other => rest.push(other),
        }
    }

    /// `if let` / `while let`: the bindings hold in `body`.
    fn conditional(&mut self, cond: &syn::Expr, body: &syn::Block) {
        let (mut lets, mut rest) = (Vec::new(), Vec::new());
        Self::let_chain(cond, &mut lets, &mut rest);
        for l in &lets {
            self.visit_expr(&l.expr);
        }
        self.scoped(false, |c| {
            for l in &lets {
                let (r, e) = (root_of(&l.expr, c), entry_of(&l.expr, c));
                c.bind_pat(&l.pat, r, e);
            }
            for r in &rest {
                c.visit_expr(r);
            }
            c.visit_block(body);
        });
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_mod(&mut self, i: &'ast syn::ItemMod) {
        self.with_test(&i.attrs, |c| visit::visit_item_mod(c, i));
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        self.with_test(&i.attrs, |c| {
            let ty = crate::maptypes::type_path(&i.self_ty).and_then(crate::maptypes::last_ident);
            let saved = std::mem::replace(&mut c.impl_ty, ty);
            visit::visit_item_impl(c, i);
            c.impl_ty = saved;
        });
    }

    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        self.with_test(&i.attrs, |c| {
            let saved = c.impl_ty.take();
            c.fn_body(&i.sig, &i.block);
            c.impl_ty = saved;
        });
    }

    fn visit_impl_item_fn(&mut self, i: &'ast syn::ImplItemFn) {
        self.with_test(&i.attrs, |c| c.fn_body(&i.sig, &i.block));
    }

    fn visit_trait_item_fn(&mut self, i: &'ast syn::TraitItemFn) {
        self.with_test(&i.attrs, |c| {
            if let Some(b) = &i.default {
                let saved = c.impl_ty.take();
                c.fn_body(&i.sig, b);
                c.impl_ty = saved;
            }
        });
    }

    fn visit_item_static(&mut self, i: &'ast syn::ItemStatic) {
        if self.block_depth == 0 {
            let d = decls::of_item(i).into_fact(self.in_test, None);
            self.facts.statics.push(d);
        }
        self.with_test(&i.attrs, |c| c.scoped(true, |c| c.visit_expr(&i.expr)));
    }

    fn visit_item_const(&mut self, i: &'ast syn::ItemConst) {
        self.with_test(&i.attrs, |c| c.scoped(true, |c| c.visit_expr(&i.expr)));
    }

    fn visit_item_macro(&mut self, i: &'ast syn::ItemMacro) {
        let found = decls::of_macro(&i.mac, &i.attrs);
        if found.is_empty() {
            self.macro_body(&i.mac);
        } else if self.block_depth == 0 {
            for d in found {
                let d = d.into_fact(self.in_test, None);
                self.facts.statics.push(d);
            }
        }
    }

    fn visit_stmt_macro(&mut self, s: &'ast syn::StmtMacro) {
        if !decls::is_static_macro(&s.mac) {
            self.macro_body(&s.mac);
        }
    }

    fn visit_expr_macro(&mut self, e: &'ast syn::ExprMacro) {
        self.macro_body(&e.mac);
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        let accessor = self.accessor_for.take();
        self.scoped(false, |c| {
            c.register_local_statics(&b.stmts);
            c.block_depth += 1;
            visit::visit_block(c, b);
            if let Some(name) = accessor {
                if let Some(r) = tail(b).and_then(|t| root_of(t, c)) {
                    let a = Accessor { name, root: r.root, chain: r.chain, via_clone: r.via_clone, in_test: c.in_test };
                    c.facts.accessors.push(a);
                }
            }
            c.block_depth -= 1;
        });
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        self.with_test(&l.attrs, |c| {
            if let Some(init) = &l.init {
                c.visit_expr(&init.expr);
                if let Some((_, d)) = &init.diverge {
                    c.visit_expr(d);
                }
            }
            let r = l.init.as_ref().and_then(|i| root_of(&i.expr, c));
            let e = l.init.as_ref().and_then(|i| entry_of(&i.expr, c));
            c.bind_pat(&l.pat, r, e);
        });
    }

    fn visit_expr_closure(&mut self, e: &'ast syn::ExprClosure) {
        self.scoped(false, |c| {
            for p in &e.inputs {
                c.shadow(p);
            }
            c.visit_expr(&e.body);
        });
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let method = m.method.to_string();
        if let (Some(bit), Some(syn::Expr::Closure(cl))) = (vocab::with_step(&method), m.args.first()) {
            if let Some(r) = root_of(&m.receiver, self) {
                self.visit_expr(&m.receiver);
                self.scoped(false, |c| {
                    for (i, p) in cl.inputs.iter().enumerate() {
                        let bound = (i == 0).then(|| r.clone().step(bit));
                        c.bind_pat(p, bound, None);
                    }
                    c.visit_expr(&cl.body);
                });
                return;
            }
        }
        self.classify_method(m, &method);
        if vocab::chain_step(&method, m.args.len()).is_none() {
            for a in &m.args {
                self.escape(a, &method);
            }
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        let path = match strip(&c.func) {
            syn::Expr::Path(p) => Some(&p.path),
            _ => None,
        };
        let callee = path.and_then(crate::maptypes::last_ident).unwrap_or_default();
        let segs = path.map_or(0, |p| p.segments.len());
        let in_mem =
            segs == 1 || path.is_some_and(|p| p.segments.iter().rev().nth(1).is_some_and(|s| s.ident == "mem"));
        let mem_args = match callee.as_str() {
            "take" | "replace" if in_mem => 1,
            "swap" if in_mem => 2,
            _ => 0,
        };
        if mem_args > 0 && c.args.len() >= mem_args {
            for a in c.args.iter().take(mem_args) {
                self.mem_arg(a, &format!("mem::{callee}"));
            }
        } else if !(callee == "clone" && segs >= 2) {
            for a in &c.args {
                self.escape(a, &callee);
            }
        }
        visit::visit_expr_call(self, c);
    }

    fn visit_expr_struct(&mut self, s: &'ast syn::ExprStruct) {
        for f in &s.fields {
            if let Some(r) = root_of(&f.expr, self).filter(|r| r.via_clone || r.bare_local) {
                self.site(r, SiteKind::Escape, "stored in a struct".to_string(), Span::of(&f.expr));
            }
        }
        visit::visit_expr_struct(self, s);
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        visit::visit_expr_assign(self, a);
        let lhs = strip(&a.left);
        if is_self_value(lhs) && !is_self(lhs) {
            if let Some(ty) = self.impl_ty.clone() {
                self.site(Rooted::new(Root::SelfValue(ty)), SiteKind::Reassign, "=".to_string(), Span::of(a));
            }
        } else if let Some(r) = root_of(lhs, self).filter(|r| !r.bare_local) {
            self.site(r, SiteKind::Reassign, "=".to_string(), Span::of(a));
        }
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        use syn::BinOp::{Eq, Ge, Gt, Le, Lt};
        if matches!(b.op, Lt(_) | Le(_) | Gt(_) | Ge(_) | Eq(_)) {
            for (side, other) in [(&b.left, &b.right), (&b.right, &b.left)] {
                if is_small_literal(other) {
                    continue;
                }
                if let Some(r) = len_receiver(side, 0).and_then(|recv| root_of(recv, self)) {
                    self.site(r, SiteKind::SizeCheck, "len()".to_string(), Span::of(b));
                }
            }
        }
        visit::visit_expr_binary(self, b);
    }

    fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
        if !matches!(strip(&i.cond), syn::Expr::Let(_) | syn::Expr::Binary(_)) {
            return visit::visit_expr_if(self, i);
        }
        self.conditional(&i.cond, &i.then_branch);
        if let Some((_, e)) = &i.else_branch {
            self.visit_expr(e);
        }
    }

    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        self.conditional(&w.cond, &w.body);
    }

    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        self.visit_expr(&m.expr);
        let (r, e) = (root_of(&m.expr, self), entry_of(&m.expr, self));
        for arm in &m.arms {
            self.scoped(false, |c| {
                c.bind_pat(&arm.pat, r.clone(), e.clone());
                if let Some((_, g)) = &arm.guard {
                    c.visit_expr(g);
                }
                c.visit_expr(&arm.body);
            });
        }
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        self.scoped(false, |c| {
            c.shadow(&f.pat);
            c.visit_block(&f.body);
        });
    }
}

/// The type a function constructs: with no `self`, or `self` by value (a builder), and a
/// return type naming the impl's type or `Self` (also inside `Result`, `Option`, `Box`,
/// `Arc`, ...).
fn constructs(sig: &syn::Signature, impl_ty: Option<&str>) -> Option<String> {
    let syn::ReturnType::Type(_, ret) = &sig.output else { return None };
    let by_value = match sig.receiver() {
        None => false,
        Some(r) if r.reference.is_none() && r.colon_token.is_none() => true,
        Some(_) => return None,
    };
    let mut ty: &syn::Type = ret;
    let mut name = None;
    for _ in 0..4 {
        let path = crate::maptypes::type_path(ty)?;
        let last = path.segments.last()?.ident.to_string();
        if matches!(last.as_str(), "Result" | "Option" | "Box" | "Arc" | "Rc" | "Pin") {
            ty = crate::maptypes::type_args(path).into_iter().next()?;
            continue;
        }
        name = Some(if last == "Self" { impl_ty?.to_string() } else { last });
        break;
    }
    let name = name?;
    (!by_value || Some(name.as_str()) == impl_ty).then_some(name)
}

/// `x`, `mut x`, `x: T`, `Some(x)`, `Ok(x)`, `Entry::Occupied(x)`: the bound name and the
/// variant's name.
fn single_binding(pat: &syn::Pat) -> Option<(String, Option<String>)> {
    match peel_pat(pat) {
        syn::Pat::Ident(id) if id.subpat.is_none() => Some((id.ident.to_string(), None)),
        syn::Pat::TupleStruct(ts) if ts.elems.len() == 1 => {
            let syn::Pat::Ident(id) = peel_pat(&ts.elems[0]) else { return None };
            let variant = ts.path.segments.last()?.ident.to_string();
            id.subpat.is_none().then(|| (id.ident.to_string(), Some(variant)))
        }
        _ => None,
    }
}

fn peel_pat(mut pat: &syn::Pat) -> &syn::Pat {
    loop {
        match pat {
            syn::Pat::Type(t) => pat = &t.pat,
            syn::Pat::Paren(p) => pat = &p.pat,
            syn::Pat::Reference(r) => pat = &r.pat,
            _ => return pat,
        }
    }
}

/// Every name a pattern binds.
fn pat_idents(pat: &syn::Pat, out: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    let mut each = |p: &syn::Pat| pat_idents(p, out, depth + 1);
    match pat {
        syn::Pat::Ident(id) => {
            out.push(id.ident.to_string());
            if let Some((_, p)) = &id.subpat {
                pat_idents(p, out, depth + 1);
            }
        }
        syn::Pat::Struct(s) => s.fields.iter().for_each(|f| each(&f.pat)),
        syn::Pat::TupleStruct(t) => t.elems.iter().for_each(each),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(each),
        syn::Pat::Slice(s) => s.elems.iter().for_each(each),
        syn::Pat::Or(o) => o.cases.iter().for_each(each),
        syn::Pat::Type(t) => each(&t.pat),
        syn::Pat::Paren(p) => each(&p.pat),
        syn::Pat::Reference(r) => each(&r.pat),
        _ => {}
    }
}

/// `X.len()`, also as `X.len() as u64` or `X.len() + n`: the receiver `X`.
fn len_receiver(e: &syn::Expr, depth: usize) -> Option<&syn::Expr> {
    if depth > 4 {
        return None;
    }
    match strip(e) {
        syn::Expr::MethodCall(m) if m.method == "len" && m.args.is_empty() => Some(&m.receiver),
        syn::Expr::Cast(c) => len_receiver(&c.expr, depth + 1),
        syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::Add(_) | syn::BinOp::Sub(_)) => {
            len_receiver(&b.left, depth + 1).or_else(|| len_receiver(&b.right, depth + 1))
        }
        _ => None,
    }
}

/// `0` or `1`: `len() > 0` and `len() == 1` test emptiness, not a size bound.
fn is_small_literal(e: &syn::Expr) -> bool {
    matches!(strip(e), syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) if matches!(i.base10_digits(), "0" | "1"))
}

/// Whether a macro's tokens name a method of the vocabulary (so parsing them may pay).
fn mentions_vocab(tokens: &proc_macro2::TokenStream, extra: &[String], depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    tokens.clone().into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(id) => {
            let s = id.to_string();
            vocab::is_growth(&s)
                || vocab::is_removal(&s)
                || vocab::is_shrink(&s)
                || matches!(s.as_str(), "len" | "entry" | "take" | "replace" | "swap" | "store")
                || extra.contains(&s)
        }
        proc_macro2::TokenTree::Group(g) => mentions_vocab(&g.stream(), extra, depth + 1),
        _ => false,
    })
}

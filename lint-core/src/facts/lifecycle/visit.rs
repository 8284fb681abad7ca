//! The walk over one file that collects its statics, accessors and the sites on
//! candidate roots, keeping track of test code, the enclosing impl, whether the enclosing
//! function constructs a value, and the locals bound to rooted expressions.

use syn::visit::{self, Visit};

mod bindings;

use super::decls;
use super::pats::pat_idents;
use super::roots::{entry_of, root_of, tail, Bound};
use super::{vocab, Accessor, LifecycleFacts};
use crate::ctor::strip;
use crate::testcode::{is_test_attrs, is_test_mod};

/// Collects the lifecycle facts of a file.
pub fn collect(file: &syn::File, in_test_file: bool, extra_removals: &[String]) -> LifecycleFacts {
    let mut c = Collector {
        facts: LifecycleFacts::default(),
        extra_removals,
        in_test: in_test_file,
        impl_ty: None,
        trait_of: None,
        constructs: None,
        frames: vec![Frame::default()],
        block_depth: 0,
        next_id: 0,
        accessor_for: None,
        func: None,
        drop_of: None,
        in_event_loop: false,
        finite: Vec::new(),
        stored: Vec::new(),
        module: Vec::new(),
    };
    c.visit_file(file);
    let mut facts = c.facts;
    for v in [&mut facts.returned, &mut facts.escaped, &mut facts.defaults] {
        v.sort();
        v.dedup();
    }
    facts.calls.sort();
    facts.calls.dedup();
    facts
}

/// The names bound in one block, closure or function.
#[derive(Default)]
struct Frame {
    /// Locals of enclosing functions are not visible past this frame (statics are).
    isolating: bool,
    names: Vec<(String, Bound)>,
    statics: Vec<(String, u32)>,
}

pub(super) struct Collector<'a> {
    pub(super) facts: LifecycleFacts,
    pub(super) extra_removals: &'a [String],
    pub(super) in_test: bool,
    pub(super) impl_ty: Option<String>,
    /// The trait of the enclosing impl, or the enclosing trait (`FnOwner::of_trait`).
    pub(super) trait_of: Option<String>,
    pub(super) constructs: Option<String>,
    frames: Vec<Frame>,
    block_depth: usize,
    next_id: u32,
    /// Set while entering the body of a function that may be an accessor.
    pub(super) accessor_for: Option<String>,
    /// The enclosing function (`LifecycleFacts::funcs`).
    pub(super) func: Option<u32>,
    /// Inside `impl Drop for T`: `T`.
    pub(super) drop_of: Option<String>,
    pub(super) in_event_loop: bool,
    /// The finite streams (`actor::finite_streams`) of the enclosing blocks.
    pub(super) finite: Vec<String>,
    /// Locals the enclosing function stores into a struct's field: (local, struct, field).
    pub(super) stored: Vec<(String, String, String)>,
    /// The inline module path being visited.
    pub(super) module: Vec<String>,
}

impl Collector<'_> {
    fn with_test<F: FnOnce(&mut Self)>(&mut self, attrs: &[syn::Attribute], f: F) {
        let was = self.in_test;
        self.in_test |= is_test_attrs(attrs);
        f(self);
        self.in_test = was;
    }

    pub(super) fn scoped<F: FnOnce(&mut Self)>(&mut self, isolating: bool, f: F) {
        self.frames.push(Frame { isolating, ..Frame::default() });
        f(self);
        self.frames.pop();
    }

    pub(super) fn bind(&mut self, name: String, b: Bound) {
        if let Some(f) = self.frames.last_mut() {
            f.names.push((name, b));
        }
    }

    pub(super) fn shadow(&mut self, pat: &syn::Pat) {
        let mut names = Vec::new();
        pat_idents(pat, &mut names, 0);
        for n in names {
            self.bind(n, Bound::Shadow);
        }
    }

    /// Registers the statics declared in a block; returns the initialisers of those
    /// declared by macros, to visit.
    fn register_local_statics(&mut self, stmts: &[syn::Stmt]) -> Vec<syn::Expr> {
        let mut inits = Vec::new();
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
                let (decl, init) = d.into_fact(self.in_test, &self.module, Some(id));
                self.facts.statics.push(decl);
                if let Some(f) = self.frames.last_mut() {
                    f.statics.push((name, id));
                }
                inits.extend(init);
            }
        }
        inits
    }

    /// Visits the initialisers of macro-declared statics, outside any function.
    fn visit_inits(&mut self, inits: &[syn::Expr]) {
        let saved = self.constructs.take();
        for e in inits {
            self.scoped(true, |c| c.visit_expr(e));
        }
        self.constructs = saved;
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_mod(&mut self, i: &'ast syn::ItemMod) {
        let was = self.in_test;
        self.in_test |= is_test_mod(i);
        self.module.push(i.ident.to_string());
        visit::visit_item_mod(self, i);
        self.module.pop();
        self.in_test = was;
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        self.with_test(&i.attrs, |c| {
            let ty = crate::maptypes::type_path(&i.self_ty).and_then(crate::maptypes::last_ident);
            let saved = std::mem::replace(&mut c.impl_ty, ty);
            let of_trait = i.trait_.as_ref().and_then(|(_, p, _)| crate::maptypes::last_ident(p));
            let saved_trait = std::mem::replace(&mut c.trait_of, of_trait);
            let drop = i.trait_.as_ref().is_some_and(|(_, p, _)| p.segments.last().is_some_and(|s| s.ident == "Drop"));
            let drop = if drop { c.impl_ty.clone() } else { None };
            let was_drop = std::mem::replace(&mut c.drop_of, drop);
            visit::visit_item_impl(c, i);
            c.impl_ty = saved;
            c.trait_of = saved_trait;
            c.drop_of = was_drop;
        });
    }

    fn visit_item_struct(&mut self, i: &'ast syn::ItemStruct) {
        let open = matches!(i.vis, syn::Visibility::Public(_))
            && !i.fields.is_empty()
            && i.fields.iter().all(|f| matches!(f.vis, syn::Visibility::Public(_)));
        if !self.in_test && (open || super::fns::derives_default(&i.attrs)) {
            self.facts.defaults.push(i.ident.to_string());
        }
        visit::visit_item_struct(self, i);
    }

    fn visit_item_enum(&mut self, i: &'ast syn::ItemEnum) {
        if !self.in_test && super::fns::derives_default(&i.attrs) {
            self.facts.defaults.push(i.ident.to_string());
        }
        visit::visit_item_enum(self, i);
    }

    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        self.with_test(&i.attrs, |c| {
            let saved = c.impl_ty.take();
            let saved_trait = c.trait_of.take();
            c.fn_body(&i.sig, &i.block);
            c.impl_ty = saved;
            c.trait_of = saved_trait;
        });
    }

    fn visit_item_trait(&mut self, i: &'ast syn::ItemTrait) {
        let saved = self.trait_of.replace(i.ident.to_string());
        visit::visit_item_trait(self, i);
        self.trait_of = saved;
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
            let (decl, _) = decls::of_item(i).into_fact(self.in_test, &self.module, None);
            self.facts.statics.push(decl);
        }
        self.with_test(&i.attrs, |c| c.scoped(true, |c| c.visit_expr(&i.expr)));
    }

    fn visit_item_const(&mut self, i: &'ast syn::ItemConst) {
        self.with_test(&i.attrs, |c| c.scoped(true, |c| c.visit_expr(&i.expr)));
    }

    fn visit_item_macro(&mut self, i: &'ast syn::ItemMacro) {
        // Item-position macros other than these declare items, not expressions.
        let found = decls::of_macro(&i.mac, &i.attrs);
        if !found.is_empty() && self.block_depth == 0 {
            let mut inits = Vec::new();
            for d in found {
                let (decl, init) = d.into_fact(self.in_test, &self.module, None);
                self.facts.statics.push(decl);
                inits.extend(init);
            }
            self.visit_inits(&inits);
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
        if self.func.is_some() {
            let first = self.facts.actor_locals.len();
            super::actor::locals(b, &self.finite, self.in_test, &mut self.facts.actor_locals);
            for l in &mut self.facts.actor_locals[first..] {
                l.module = self.module.clone();
            }
        }
        let finite = self.finite.len();
        self.finite.extend(super::actor::finite_streams(&b.stmts));
        self.scoped(false, |c| {
            let inits = c.register_local_statics(&b.stmts);
            c.visit_inits(&inits);
            c.block_depth += 1;
            visit::visit_block(c, b);
            if let Some(name) = accessor {
                if let Some(r) = tail(b).and_then(|t| root_of(t, c)) {
                    let (chain, via_clone, in_test, module) = (r.chain, r.via_clone, c.in_test, c.module.clone());
                    let a = Accessor { name, root: r.root, chain, via_clone, in_test, module };
                    c.facts.accessors.push(a);
                }
            }
            c.block_depth -= 1;
        });
        self.finite.truncate(finite);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        self.with_test(&l.attrs, |c| {
            if let Some(init) = &l.init {
                c.visit_expr(&init.expr);
                if let Some((_, d)) = &init.diverge {
                    c.visit_expr(d);
                }
            }
            let r = c.stored_root(&l.pat).or_else(|| l.init.as_ref().and_then(|i| root_of(&i.expr, c)));
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
        self.write_lock(m, &method);
        self.record_call(m, &method);
        if vocab::chain_step(&method, m.args.len()).is_none() {
            for a in &m.args {
                self.escape(a, &method, None);
            }
            self.passes(&method, None, m.args.iter());
        }
        if super::roots::is_self(&m.receiver) {
            if let Some(f) = self.func {
                self.facts.self_calls.push((f, method.clone(), self.in_event_loop));
            }
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        self.on_call(c);
        if let syn::Expr::Path(p) = strip(&c.func) {
            if let Some(last) = p.path.segments.last() {
                let callee = last.ident.to_string();
                let qualifier = super::sites::call_qualifier(&p.path);
                // A bare `drop(x)` (or `mem::drop(x)`) is the prelude's: it hands the map
                // to no function of the package.
                if !(callee == "drop" && qualifier.is_none()) {
                    self.passes(&callee, qualifier.as_deref(), c.args.iter());
                }
            }
        }
        visit::visit_expr_call(self, c);
    }

    fn visit_expr_struct(&mut self, s: &'ast syn::ExprStruct) {
        self.on_struct(s);
        visit::visit_expr_struct(self, s);
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        visit::visit_expr_assign(self, a);
        self.on_assign(a);
    }

    fn visit_expr_binary(&mut self, b: &'ast syn::ExprBinary) {
        self.on_binary(b);
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
        let event = super::actor::waits_in_condition(&w.cond, &self.finite);
        self.event_loop(event, |c| c.conditional(&w.cond, &w.body));
    }

    fn visit_expr_loop(&mut self, l: &'ast syn::ExprLoop) {
        let event = super::actor::loop_waits(&l.body, &self.finite);
        self.event_loop(event, |c| visit::visit_expr_loop(c, l));
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

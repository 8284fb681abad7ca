//! The shared traversal: one walk over a file's tree that calls every local rule's hooks,
//! and `LocalCx`, what a rule knows at each node (loops around it, the enclosing
//! function, test code, settings).

use syn::visit::{self, Visit};

use crate::diagnostic::{Diagnostic, Span};
use crate::maptypes::{builtin_map_kind, MapKind};
use crate::rule::Rule;
use crate::semantic::infer::Scope;
use crate::semantic::{Answer, FileEnv, KnownType, Want};
use crate::settings::Settings;
use crate::testcode::{is_test_attrs, is_test_mod};

/// The body of a loop as SPEC §1 defines it.
#[derive(Clone, Copy, Debug)]
pub enum LoopBody<'ast> {
    Block(&'ast syn::Block),
    /// The body of a closure passed to `.for_each(..)` / `.try_for_each(..)`.
    Expr(&'ast syn::Expr),
}

/// A loop around the node being visited.
#[derive(Clone, Copy, Debug)]
pub struct LoopFrame<'ast> {
    pub body: LoopBody<'ast>,
    /// The loop header (`for x in xs`, `while c`, `loop`, `.for_each`), for labels.
    pub header: Span,
    /// The patterns bound afresh on each iteration: the `for` pattern, the `while let`
    /// patterns, the closure parameters of `for_each`.
    pub pats: &'ast [syn::Pat],
}

/// How a type name resolves, as far as one file can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapRef {
    Known(MapKind),
    /// Not a built-in map name: it may be a crate-local alias or rename, which the
    /// package index resolves later.
    Maybe(String),
    No,
}

/// What a local rule knows about the node it is called for.
pub struct LocalCx<'ast> {
    pub settings: &'ast Settings,
    loops: Vec<LoopFrame<'ast>>,
    /// Loop stacks saved when entering a nested fn or closure.
    saved_loops: Vec<Vec<LoopFrame<'ast>>>,
    fn_bodies: Vec<&'ast syn::Block>,
    /// The `fn` items (not closures) around the current node, with their bodies.
    item_fns: Vec<(&'ast syn::Signature, &'ast syn::Block)>,
    /// The self types of the `impl` blocks around the current node.
    impl_types: Vec<&'ast syn::Type>,
    in_test: bool,
    out: Vec<Diagnostic>,
}

impl<'ast> LocalCx<'ast> {
    fn new(settings: &'ast Settings, in_test: bool) -> Self {
        LocalCx {
            settings,
            loops: Vec::new(),
            saved_loops: Vec::new(),
            fn_bodies: Vec::new(),
            item_fns: Vec::new(),
            impl_types: Vec::new(),
            in_test,
            out: Vec::new(),
        }
    }

    /// Reports a finding at the current node.
    pub fn report(&mut self, mut d: Diagnostic) {
        d.in_test = self.in_test;
        self.out.push(d);
    }

    /// The innermost loop whose body holds the current node, within the current
    /// function or closure.
    pub fn innermost_loop(&self) -> Option<&LoopFrame<'ast>> {
        self.loops.last()
    }

    /// The body of the function or closure-free scope holding the current node.
    pub fn enclosing_fn_body(&self) -> Option<&'ast syn::Block> {
        self.fn_bodies.last().copied()
    }

    /// The innermost `fn` item holding the current node (closures are looked through):
    /// its signature and body, where the current node's locals and parameters are declared.
    pub fn enclosing_item_fn(&self) -> Option<(&'ast syn::Signature, &'ast syn::Block)> {
        self.item_fns.last().copied()
    }

    /// The scope known types are read in: the enclosing `fn` item and `impl`.
    pub fn scope(&self) -> Scope<'ast> {
        let f = self.enclosing_item_fn();
        Scope { sig: f.map(|f| f.0), body: f.map(|f| f.1), self_ty: self.impl_types.last().copied() }
    }

    /// The known type of an expression of the current function (SPEC §1), if any.
    pub fn known_type(&self, e: &syn::Expr) -> Option<KnownType> {
        self.scope().type_of(e)
    }

    /// Asks `want` of a known type, as far as this file can tell.
    pub fn ask(&self, kt: &KnownType, want: Want) -> Answer {
        crate::semantic::ask(kt, want, &FileEnv { map_types: &self.settings.map_types })
    }

    /// The type of a known type as this file tells it, or `TYPE_SLOT` for the package to
    /// fill in.
    pub fn type_text(&self, kt: &KnownType) -> String {
        crate::semantic::type_text(kt, &FileEnv { map_types: &self.settings.map_types })
            .unwrap_or_else(|| crate::semantic::TYPE_SLOT.to_string())
    }

    /// Asks `want` of the known type of `e`; an expression of unknown type answers no.
    pub fn expr_is(&self, e: &syn::Expr, want: Want) -> Answer {
        match self.known_type(e) {
            Some(kt) => self.ask(&kt, want),
            None => Answer::No,
        }
    }

    /// Whether the current node is test code.
    pub fn in_test(&self) -> bool {
        self.in_test
    }

    /// How the last segment of a type path resolves to a map type.
    pub fn map_ref(&self, path: &syn::Path) -> MapRef {
        match path.segments.last() {
            Some(last) => self.map_ref_name(&last.ident.to_string()),
            None => MapRef::No,
        }
    }

    /// How a type name resolves to a map type.
    pub fn map_ref_name(&self, name: &str) -> MapRef {
        let name = name.to_string();
        if let Some(kind) = builtin_map_kind(&name) {
            return MapRef::Known(kind);
        }
        if self.settings.map_types.iter().any(|m| m == &name) {
            return MapRef::Known(MapKind::Hash);
        }
        if name.starts_with(|c: char| c.is_ascii_uppercase()) && !is_known_non_map(&name) {
            MapRef::Maybe(name)
        } else {
            MapRef::No
        }
    }
}

/// Common std and prelude names that are never maps, to keep pending findings few.
fn is_known_non_map(name: &str) -> bool {
    matches!(
        name,
        "Vec"
            | "VecDeque"
            | "String"
            | "Self"
            | "Box"
            | "Rc"
            | "Arc"
            | "Option"
            | "Result"
            | "BinaryHeap"
            | "LinkedList"
            | "PathBuf"
            | "OsString"
            | "Mutex"
            | "RwLock"
            | "RefCell"
            | "Cell"
    )
}

/// Runs the local rules over a file; returns their findings.
pub fn run_local_rules(
    file: &syn::File,
    rules: &[&dyn Rule],
    settings: &Settings,
    in_test_file: bool,
) -> Vec<Diagnostic> {
    if rules.is_empty() {
        return Vec::new();
    }
    let mut w = Walker { rules, cx: LocalCx::new(settings, in_test_file) };
    w.visit_file(file);
    w.cx.out
}

struct Walker<'r, 'ast> {
    rules: &'r [&'r dyn Rule],
    cx: LocalCx<'ast>,
}

impl<'ast> Walker<'_, 'ast> {
    fn with_test<F: FnOnce(&mut Self)>(&mut self, attrs: &[syn::Attribute], f: F) {
        let was = self.cx.in_test;
        self.cx.in_test |= is_test_attrs(attrs);
        f(self);
        self.cx.in_test = was;
    }

    /// Enters a new function-like scope: loops outside it do not hold its nodes.
    fn with_scope<F: FnOnce(&mut Self)>(&mut self, body: Option<&'ast syn::Block>, f: F) {
        let loops = std::mem::take(&mut self.cx.loops);
        self.cx.saved_loops.push(loops);
        if let Some(b) = body {
            self.cx.fn_bodies.push(b);
        }
        f(self);
        if body.is_some() {
            self.cx.fn_bodies.pop();
        }
        self.cx.loops = self.cx.saved_loops.pop().unwrap_or_default();
    }

    /// Enters a `fn` item with a body.
    fn with_item_fn<F: FnOnce(&mut Self)>(&mut self, sig: &'ast syn::Signature, body: &'ast syn::Block, f: F) {
        self.cx.item_fns.push((sig, body));
        self.with_scope(Some(body), f);
        self.cx.item_fns.pop();
    }

    fn in_loop<F: FnOnce(&mut Self)>(&mut self, frame: LoopFrame<'ast>, f: F) {
        self.cx.loops.push(frame);
        f(self);
        self.cx.loops.pop();
    }
}

impl<'ast> Visit<'ast> for Walker<'_, 'ast> {
    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        self.with_test(&i.attrs, |w| w.with_item_fn(&i.sig, &i.block, |w| visit::visit_item_fn(w, i)));
    }
    fn visit_impl_item_fn(&mut self, i: &'ast syn::ImplItemFn) {
        self.with_test(&i.attrs, |w| w.with_item_fn(&i.sig, &i.block, |w| visit::visit_impl_item_fn(w, i)));
    }
    fn visit_trait_item_fn(&mut self, i: &'ast syn::TraitItemFn) {
        match &i.default {
            Some(body) => {
                self.with_test(&i.attrs, |w| w.with_item_fn(&i.sig, body, |w| visit::visit_trait_item_fn(w, i)))
            }
            None => self.with_test(&i.attrs, |w| w.with_scope(None, |w| visit::visit_trait_item_fn(w, i))),
        }
    }
    fn visit_item_mod(&mut self, i: &'ast syn::ItemMod) {
        let was = self.cx.in_test;
        self.cx.in_test |= is_test_mod(i);
        visit::visit_item_mod(self, i);
        self.cx.in_test = was;
    }
    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        self.cx.impl_types.push(&i.self_ty);
        self.with_test(&i.attrs, |w| visit::visit_item_impl(w, i));
        self.cx.impl_types.pop();
    }
    fn visit_item_trait(&mut self, i: &'ast syn::ItemTrait) {
        self.with_test(&i.attrs, |w| visit::visit_item_trait(w, i));
    }
    fn visit_item_const(&mut self, i: &'ast syn::ItemConst) {
        self.with_test(&i.attrs, |w| w.with_scope(None, |w| visit::visit_item_const(w, i)));
    }
    fn visit_item_static(&mut self, i: &'ast syn::ItemStatic) {
        self.with_test(&i.attrs, |w| w.with_scope(None, |w| visit::visit_item_static(w, i)));
    }
    fn visit_expr_closure(&mut self, c: &'ast syn::ExprClosure) {
        let body = match &*c.body {
            syn::Expr::Block(b) => Some(&b.block),
            _ => None,
        };
        self.with_scope(body, |w| visit::visit_expr_closure(w, c));
    }
    /// An `async` block runs later, as a future of its own: like a closure, it is not part
    /// of an enclosing loop body.
    fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
        self.with_scope(Some(&a.block), |w| visit::visit_expr_async(w, a));
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        for r in self.rules {
            r.check_block(b, &mut self.cx);
        }
        visit::visit_block(self, b);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        for r in self.rules {
            r.check_local(l, &mut self.cx);
        }
        visit::visit_local(self, l);
    }

    fn visit_stmt(&mut self, s: &'ast syn::Stmt) {
        match s {
            syn::Stmt::Local(l) => self.with_test(&l.attrs, |w| visit::visit_stmt(w, s)),
            syn::Stmt::Expr(syn::Expr::Block(b), _) if is_test_attrs(&b.attrs) => {
                self.with_test(&b.attrs, |w| visit::visit_stmt(w, s))
            }
            _ => visit::visit_stmt(self, s),
        }
    }

    fn visit_expr(&mut self, e: &'ast syn::Expr) {
        for r in self.rules {
            r.check_expr(e, &mut self.cx);
        }
        match e {
            syn::Expr::ForLoop(f) => {
                self.visit_pat(&f.pat);
                self.visit_expr(&f.expr);
                let header = header_span(f.for_token.span, Span::of(&f.expr));
                let frame = LoopFrame { body: LoopBody::Block(&f.body), header, pats: std::slice::from_ref(&*f.pat) };
                self.in_loop(frame, |w| w.visit_block(&f.body));
            }
            syn::Expr::While(wl) => {
                self.visit_expr(&wl.cond);
                let header = header_span(wl.while_token.span, Span::of(&wl.cond));
                let pats = match &*wl.cond {
                    syn::Expr::Let(l) => std::slice::from_ref(&*l.pat),
                    _ => &[],
                };
                self.in_loop(LoopFrame { body: LoopBody::Block(&wl.body), header, pats }, |w| w.visit_block(&wl.body));
            }
            syn::Expr::Loop(l) => {
                let header = Span::from_pm2(l.loop_token.span);
                self.in_loop(LoopFrame { body: LoopBody::Block(&l.body), header, pats: &[] }, |w| {
                    w.visit_block(&l.body)
                });
            }
            syn::Expr::MethodCall(m) if is_for_each(m) => {
                self.visit_expr(&m.receiver);
                let header = Span::from_pm2(m.method.span());
                for arg in &m.args {
                    if let syn::Expr::Closure(c) = arg {
                        let body = match &*c.body {
                            syn::Expr::Block(b) => LoopBody::Block(&b.block),
                            other => LoopBody::Expr(other),
                        };
                        let fn_body = match body {
                            LoopBody::Block(b) => Some(b),
                            LoopBody::Expr(_) => None,
                        };
                        // A fresh scope, then the closure body as the loop body.
                        self.with_scope(fn_body, |w| {
                            for p in &c.inputs {
                                w.visit_pat(p);
                            }
                            let pats = c.inputs.first().map_or(&[][..], std::slice::from_ref);
                            w.in_loop(LoopFrame { body, header, pats }, |w| w.visit_expr(&c.body));
                        });
                    } else {
                        self.visit_expr(arg);
                    }
                }
            }
            _ => visit::visit_expr(self, e),
        }
    }
}

fn is_for_each(m: &syn::ExprMethodCall) -> bool {
    (m.method == "for_each" || m.method == "try_for_each")
        && m.args.len() == 1
        && matches!(m.args[0], syn::Expr::Closure(_))
}

fn header_span(start: proc_macro2::Span, rest: Span) -> Span {
    Span { start: Span::from_pm2(start).start, end: rest.end }
}

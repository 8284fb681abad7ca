//! Where a value read from a map gets another owner (SPEC §2 ML003): cloned (`.clone()`,
//! `.cloned()`, `Arc::clone`, `Rc::clone`, `Arc::downgrade`), returned, passed to a
//! function or method, stored in a struct, tuple, array or place, or captured by a `move`
//! closure or `async move` block; also a clone inserted into the map, which then shares
//! its value with the inserter. One fact per map root (and per test/production code), so
//! the facts stay small.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use syn::visit::{self, Visit};

mod bind;
mod syntax;

use super::reads::{is_clone_expr, is_clone_path, map_root, value_read, Bound, MapRoot, Read, Scope, Shape};
use crate::ctor::strip;
use crate::diagnostic::Span;
use syntax::{has_turbofish, is_wrapping_variant, single_ident, LOOKS_ONLY};

/// How a value read from a map gets another owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShareKind {
    Cloned,
    Returned,
    Passed,
    Stored,
    /// Captured by a `move` closure or an `async move` block.
    Moved,
    /// Compared by address with another pointer (`Arc::ptr_eq`): another owner exists.
    Compared,
    /// Not a value: the local map itself is moved into a struct field (`S { map }`,
    /// `self.f = map`), where it is declared, and reported, again.
    IntoField,
    /// A clone inserted as a value: the inserter keeps the other owner.
    InsertedClone,
}

impl ShareKind {
    /// Whether the value must be owned for this to give it another owner.
    pub fn needs_ownership(self) -> bool {
        matches!(self, ShareKind::Passed | ShareKind::Stored | ShareKind::Moved)
    }
}

/// A value of the map at `root` shared with another owner, first occurrence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueShare {
    pub root: MapRoot,
    pub kind: ShareKind,
    pub line: u32,
    pub in_test: bool,
}

/// Collects the value shares of a file.
pub fn collect(file: &syn::File, in_test_file: bool) -> Vec<ValueShare> {
    let mut c = Collector {
        out: Vec::new(),
        seen: HashSet::new(),
        frames: vec![Frame::default()],
        impl_ty: None,
        in_test: in_test_file,
        tails: HashSet::new(),
        returns_map: None,
        cloned: HashSet::new(),
    };
    c.visit_file(file);
    c.out
}

/// The names bound in one block, closure or function.
#[derive(Default)]
struct Frame {
    names: Vec<(String, Bound)>,
    /// Names of enclosing functions are not visible past this frame.
    isolating: bool,
    /// A `move` closure or `async move` block: a value bound outside is moved in.
    moves: bool,
}

struct Collector {
    out: Vec<ValueShare>,
    seen: HashSet<(MapRoot, bool)>,
    frames: Vec<Frame>,
    impl_ty: Option<String>,
    in_test: bool,
    /// Addresses of the expressions in tail position of the function being visited.
    tails: HashSet<usize>,
    /// The function being visited, when its return type may hold a map.
    returns_map: Option<String>,
    /// Locals of the function being visited that were cloned (`x.clone()`,
    /// `Arc::clone(&x)`): inserting one shares it with the clone.
    cloned: HashSet<String>,
}

impl Scope for Collector {
    fn lookup(&self, name: &str) -> Option<&Bound> {
        crate::facts::frames::innermost(self.frames.iter().map(|f| (f.names.as_slice(), f.isolating)), name)
    }

    fn impl_ty(&self) -> Option<&str> {
        self.impl_ty.as_deref()
    }
}

impl<'ast> Visit<'ast> for Collector {
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
        if let Some(b) = &i.default {
            self.with_test(&i.attrs, |c| c.fn_body(&i.sig, b));
        }
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        self.scoped(Frame::default(), |c| visit::visit_block(c, b));
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        self.with_test(&l.attrs, |c| {
            let Some(init) = &l.init else { return c.shadow(&l.pat) };
            c.visit_expr(&init.expr);
            if let Some((_, d)) = &init.diverge {
                c.visit_expr(d);
            }
            let declares_map = match &l.pat {
                syn::Pat::Type(t) => super::may_hold_map(&t.ty, 0),
                _ => has_turbofish(&init.expr, 0),
            };
            let name = match &l.pat {
                syn::Pat::Type(t) => single_ident(&t.pat),
                p => single_ident(p),
            };
            match name.filter(|_| declares_map) {
                Some(n) => c.bind(n, Bound::Map(MapRoot::Local(Span::of(l).start.line))),
                None => c.bind_pat(&l.pat, Some(&init.expr), false),
            }
        });
    }

    fn visit_expr(&mut self, e: &'ast syn::Expr) {
        if self.tails.contains(&(e as *const syn::Expr as usize)) {
            self.share_if_value(e, ShareKind::Returned);
        }
        visit::visit_expr(self, e);
    }

    fn visit_expr_return(&mut self, r: &'ast syn::ExprReturn) {
        if let Some(e) = &r.expr {
            let e = match strip(e) {
                syn::Expr::Call(c) if c.args.len() == 1 && is_wrapping_variant(&c.func) => &c.args[0],
                other => other,
            };
            self.share_if_value(e, ShareKind::Returned);
        }
        visit::visit_expr_return(self, r);
    }

    fn visit_expr_path(&mut self, p: &'ast syn::ExprPath) {
        // A value bound outside a `move` closure or `async move` block and named inside.
        if let Some(name) = p.path.get_ident().map(|i| i.to_string()) {
            let mut crossed = false;
            for f in self.frames.iter().rev() {
                if let Some((_, b)) = f.names.iter().rev().find(|(n, _)| *n == name) {
                    if let (true, Bound::Value(read)) = (crossed, b) {
                        if read.owned {
                            let root = read.root.clone();
                            self.share(root, ShareKind::Moved, Span::of(p));
                        }
                    }
                    break;
                }
                crossed |= f.moves;
                if f.isolating {
                    break;
                }
            }
        }
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let method = m.method.to_string();
        let source = value_read(&m.receiver, self);
        if let Some(Read { root, .. }) = &source {
            let cloned = matches!(method.as_str(), "clone" | "cloned" | "to_owned") && m.args.is_empty()
                || m.args.first().is_some_and(is_clone_path);
            if cloned {
                self.share(root.clone(), ShareKind::Cloned, Span::of(&m.method));
            }
        }
        if method == "clone" && m.args.is_empty() {
            self.note_cloned(&m.receiver);
        }
        if matches!(method.as_str(), "insert" | "push" | "push_back" | "or_insert")
            && m.args.last().is_some_and(|a| is_clone_expr(a) || self.is_cloned_local(a))
        {
            let target = map_root(&m.receiver, self).or_else(|| match strip(&m.receiver) {
                syn::Expr::MethodCall(e) if e.method == "entry" => map_root(&e.receiver, self),
                _ => None,
            });
            if let Some(root) = target {
                self.share(root, ShareKind::InsertedClone, Span::of(&m.method));
            }
            self.built_from_clones(Span::of(&m.method));
        }
        if !LOOKS_ONLY.contains(&method.as_str()) {
            for a in &m.args {
                self.share_if_value(a, ShareKind::Passed);
            }
        }
        self.visit_expr(&m.receiver);
        // `map.retain(|k, v| ..)`: the second parameter is the value.
        let (source, param) = match (method.as_str(), &source) {
            ("retain", None) => (map_root(&m.receiver, self).map(|r| Read::new(r, Shape::Pairs, false)), 1),
            ("fold" | "try_fold", _) => (source, 1),
            _ => (source, 0),
        };
        for a in &m.args {
            match strip(a) {
                syn::Expr::Closure(cl) => self.closure_over(cl, source.clone(), param),
                other => self.visit_expr(other),
            }
        }
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        let callee = match strip(&c.func) {
            syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        let callee = callee.unwrap_or_default();
        if callee == "clone" && c.args.len() == 1 {
            self.note_cloned(&c.args[0]);
            self.built_from_clones(Span::of(c));
        }
        let kind = match callee.as_str() {
            "clone" | "downgrade" => Some(ShareKind::Cloned),
            "ptr_eq" => Some(ShareKind::Compared),
            c if LOOKS_ONLY.contains(&c) => None,
            _ => Some(ShareKind::Passed),
        };
        if let Some(kind) = kind {
            for a in &c.args {
                self.share_if_value(a, kind);
            }
        }
        visit::visit_expr_call(self, c);
    }

    fn visit_expr_struct(&mut self, s: &'ast syn::ExprStruct) {
        for f in &s.fields {
            self.share_if_value(&f.expr, ShareKind::Stored);
            self.moved_to_field(&f.expr);
        }
        visit::visit_expr_struct(self, s);
    }

    fn visit_expr_tuple(&mut self, t: &'ast syn::ExprTuple) {
        for e in &t.elems {
            self.share_if_value(e, ShareKind::Stored);
        }
        // `(key, value.clone())` collected into the map a function returns.
        if t.elems.len() == 2 && t.elems.last().is_some_and(is_clone_expr) {
            self.built_from_clones(Span::of(t));
        }
        visit::visit_expr_tuple(self, t);
    }

    fn visit_expr_array(&mut self, a: &'ast syn::ExprArray) {
        for e in &a.elems {
            self.share_if_value(e, ShareKind::Stored);
        }
        visit::visit_expr_array(self, a);
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        self.share_if_value(&a.right, ShareKind::Stored);
        if matches!(strip(&a.left), syn::Expr::Field(_)) {
            self.moved_to_field(&a.right);
        }
        visit::visit_expr_assign(self, a);
    }

    fn visit_expr_closure(&mut self, cl: &'ast syn::ExprClosure) {
        self.closure_over(cl, None, 0);
    }

    fn visit_expr_async(&mut self, a: &'ast syn::ExprAsync) {
        let frame = Frame { moves: a.capture.is_some(), ..Frame::default() };
        let saved = std::mem::take(&mut self.tails);
        self.scoped(frame, |c| visit::visit_expr_async(c, a));
        self.tails = saved;
    }

    fn visit_expr_if(&mut self, i: &'ast syn::ExprIf) {
        let syn::Expr::Let(l) = strip(&i.cond) else { return visit::visit_expr_if(self, i) };
        self.visit_expr(&l.expr);
        self.scoped(Frame::default(), |c| {
            c.bind_pat(&l.pat, Some(&l.expr), false);
            c.visit_block(&i.then_branch);
        });
        if let Some((_, e)) = &i.else_branch {
            self.visit_expr(e);
        }
    }

    fn visit_expr_while(&mut self, w: &'ast syn::ExprWhile) {
        let syn::Expr::Let(l) = strip(&w.cond) else { return visit::visit_expr_while(self, w) };
        self.visit_expr(&l.expr);
        self.scoped(Frame::default(), |c| {
            c.bind_pat(&l.pat, Some(&l.expr), false);
            c.visit_block(&w.body);
        });
    }

    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        self.visit_expr(&m.expr);
        for arm in &m.arms {
            self.scoped(Frame::default(), |c| {
                c.bind_pat(&arm.pat, Some(&m.expr), false);
                if let Some((_, g)) = &arm.guard {
                    c.visit_expr(g);
                }
                c.visit_expr(&arm.body);
            });
        }
    }

    fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
        self.visit_expr(&f.expr);
        self.scoped(Frame::default(), |c| {
            c.bind_pat(&f.pat, Some(&f.expr), true);
            c.visit_block(&f.body);
        });
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.macro_args(m);
    }
}

#[cfg(test)]
mod tests;

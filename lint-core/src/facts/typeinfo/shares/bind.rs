//! The scope side of the share walk: binding the names a pattern takes from a map or its
//! values, function bodies, closures over a map's values, and macro arguments.

use syn::visit::Visit;

use crate::facts::typeinfo::reads::Scope;

use super::syntax::{pat_idents, second_of_pair, tail_exprs_of_block, LOGGING_MACROS};
use super::{Collector, Frame, ShareKind, ValueShare};
use crate::diagnostic::Span;
use crate::facts::typeinfo::reads::{map_root, value_read, Bound, MapRoot, Read, Shape};
use crate::testcode::is_test_attrs;

impl Collector {
    pub(super) fn share(&mut self, root: MapRoot, kind: ShareKind, span: Span) {
        if self.seen.insert((root.clone(), self.in_test)) {
            self.out.push(ValueShare { root, kind, line: span.start.line, in_test: self.in_test });
        }
    }

    /// Records `kind` when `e` is a value read from a map. Passing, storing and moving
    /// count only for a value owned (moved out of the map): a borrowed `&Arc<T>` handed to
    /// a function usually reaches it as `&T`.
    pub(super) fn share_if_value(&mut self, e: &syn::Expr, kind: ShareKind) {
        if let Some(r) = value_read(e, self) {
            if r.owned || !kind.needs_ownership() {
                self.share(r.root, kind, Span::of(e));
            }
        }
    }

    /// A local map stored in a field, as itself or wrapped (`Arc::new(Mutex::new(map))`,
    /// `Some(map)`).
    pub(super) fn moved_to_field(&mut self, e: &syn::Expr) {
        let mut e = crate::ctor::strip(e);
        for _ in 0..8 {
            match e {
                syn::Expr::Call(c) if c.args.len() == 1 => e = crate::ctor::strip(&c.args[0]),
                syn::Expr::Path(p) => {
                    let Some(name) = p.path.get_ident().map(|i| i.to_string()) else { return };
                    if let Some(Bound::Map(root @ MapRoot::Local(_))) = self.lookup(&name) {
                        let root = root.clone();
                        self.share(root, ShareKind::IntoField, Span::of(p));
                    }
                    return;
                }
                _ => return,
            }
        }
    }

    pub(super) fn scoped<F: FnOnce(&mut Self)>(&mut self, frame: Frame, f: F) {
        self.frames.push(frame);
        f(self);
        self.frames.pop();
    }

    pub(super) fn with_test<F: FnOnce(&mut Self)>(&mut self, attrs: &[syn::Attribute], f: F) {
        let was = self.in_test;
        self.in_test |= is_test_attrs(attrs);
        f(self);
        self.in_test = was;
    }

    pub(super) fn bind(&mut self, name: String, b: Bound) {
        if let Some(f) = self.frames.last_mut() {
            f.names.push((name, b));
        }
    }

    /// Binds the names of `pat` matched against `e`: values when `e` reads a map's values
    /// (for pairs, only the names of the pair's second element), a map when `e` denotes
    /// one, else nothing in particular.
    pub(super) fn bind_pat(&mut self, pat: &syn::Pat, e: Option<&syn::Expr>, iterated: bool) {
        let read = e.and_then(|e| value_read(e, self));
        let map = e.filter(|_| read.is_none()).and_then(|e| map_root(e, self));
        let owned_map = e.is_some_and(|e| !matches!(crate::ctor::strip(e), syn::Expr::Reference(_)));
        let read = match (read, map) {
            (Some(r), _) => r,
            (None, Some(r)) if iterated => Read::new(r, Shape::Pairs, owned_map),
            (None, Some(r)) => {
                let mut names = Vec::new();
                pat_idents(pat, &mut names, 0);
                if let [name] = names.as_slice() {
                    return self.bind(name.clone(), Bound::Map(r));
                }
                return self.shadow(pat);
            }
            (None, None) => return self.shadow(pat),
        };
        let shape = read.shape;
        let mut values = Vec::new();
        let mut others = Vec::new();
        // Iterating a value that is itself a map yields pairs too.
        let pairs = shape == Shape::Pairs || (iterated && shape == Shape::One);
        match second_of_pair(pat, 0).filter(|_| pairs) {
            Some(v) => {
                pat_idents(v, &mut values, 0);
                pat_idents(pat, &mut others, 0);
            }
            None => pat_idents(pat, &mut values, 0),
        }
        for n in others.into_iter().filter(|n| !values.contains(n)) {
            self.bind(n, Bound::Other);
        }
        let shape =
            if iterated || shape == Shape::Pairs && second_of_pair(pat, 0).is_some() { Shape::One } else { shape };
        for n in values {
            self.bind(n, Bound::Value(read.clone().with_shape(shape)));
        }
    }

    pub(super) fn shadow(&mut self, pat: &syn::Pat) {
        let mut names = Vec::new();
        pat_idents(pat, &mut names, 0);
        for n in names {
            self.bind(n, Bound::Other);
        }
    }

    /// A local cloned here (`x.clone()`, `Arc::clone(&x)`).
    pub(super) fn note_cloned(&mut self, e: &syn::Expr) {
        let mut e = crate::ctor::strip(e);
        if let syn::Expr::Reference(r) = e {
            e = crate::ctor::strip(&r.expr);
        }
        if let syn::Expr::Path(p) = e {
            if let Some(id) = p.path.get_ident() {
                self.cloned.insert(id.to_string());
            }
        }
    }

    /// Whether `e` is a local cloned earlier in the function.
    pub(super) fn is_cloned_local(&self, e: &syn::Expr) -> bool {
        matches!(crate::ctor::strip(e), syn::Expr::Path(p) if p.path.get_ident().is_some_and(|i| self.cloned.contains(&i.to_string())))
    }

    /// A clone put into a map inside a function that returns a map: its values are
    /// shared with their sources.
    pub(super) fn built_from_clones(&mut self, span: Span) {
        if let Some(name) = self.returns_map.clone() {
            self.share(MapRoot::Call(name), ShareKind::InsertedClone, span);
        }
    }

    pub(super) fn fn_body(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let saved = std::mem::take(&mut self.tails);
        let saved_cloned = std::mem::take(&mut self.cloned);
        let returns_map = match &sig.output {
            syn::ReturnType::Type(_, ty) if names_builtin_map(ty, 0) => Some(sig.ident.to_string()),
            _ => None,
        };
        let saved_returns = std::mem::replace(&mut self.returns_map, returns_map);
        tail_exprs_of_block(block, &mut self.tails, 0);
        self.scoped(Frame { isolating: true, ..Frame::default() }, |c| {
            for input in &sig.inputs {
                if let syn::FnArg::Typed(t) = input {
                    c.shadow(&t.pat);
                }
            }
            c.visit_block(block);
        });
        self.tails = saved;
        self.cloned = saved_cloned;
        self.returns_map = saved_returns;
    }

    /// A closure whose parameters receive what `source` yields (when it reads a map).
    pub(super) fn closure_over(&mut self, cl: &syn::ExprClosure, source: Option<Read>, param: usize) {
        let frame = Frame { moves: cl.capture.is_some(), ..Frame::default() };
        self.scoped(frame, |c| {
            for (i, p) in cl.inputs.iter().enumerate() {
                match &source {
                    Some(read) if i == param => {
                        let mut values = Vec::new();
                        match second_of_pair(p, 0).filter(|_| read.shape == Shape::Pairs) {
                            Some(v) => pat_idents(v, &mut values, 0),
                            None => pat_idents(p, &mut values, 0),
                        }
                        c.shadow(p);
                        for n in values {
                            c.bind(n, Bound::Value(read.clone().with_shape(Shape::One)));
                        }
                    }
                    _ => c.shadow(p),
                }
            }
            let saved = std::mem::take(&mut c.tails);
            c.visit_expr(&cl.body);
            c.tails = saved;
        });
    }

    /// A macro's comma-separated arguments: each value read passed in is shared.
    pub(super) fn macro_args(&mut self, mac: &syn::Macro) {
        let name = mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        if LOGGING_MACROS.contains(&name.as_str()) {
            return;
        }
        let parser = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(exprs) = syn::parse::Parser::parse2(parser, mac.tokens.clone()) {
            for e in &exprs {
                self.share_if_value(e, ShareKind::Passed);
                self.visit_expr(e);
            }
        }
    }
}

/// Whether a written type names a built-in map type (`HashMap`, `BTreeMap`, ...) outside
/// references.
fn names_builtin_map(ty: &syn::Type, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    match ty {
        syn::Type::Path(p) => {
            p.path.segments.last().is_some_and(|s| crate::maptypes::builtin_map_kind(&s.ident.to_string()).is_some())
                || crate::maptypes::type_args(&p.path).into_iter().any(|a| names_builtin_map(a, depth + 1))
        }
        syn::Type::Tuple(t) => t.elems.iter().any(|e| names_builtin_map(e, depth + 1)),
        syn::Type::Paren(p) => names_builtin_map(&p.elem, depth + 1),
        _ => false,
    }
}

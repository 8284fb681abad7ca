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

    pub(super) fn fn_body(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let saved = std::mem::take(&mut self.tails);
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

//! The known type of an expression read off the syntax of its function (SPEC §1): the
//! declared types of parameters and annotated locals, the types locals are initialised
//! with, `self` and fields, statics, crate-local functions' and methods' return types,
//! `for` and `if let` pattern bindings, and the wrappers and guards looked through. No
//! other inference is made.

use crate::ctor::strip;
use crate::decl::{self, Decl};
use crate::diagnostic::Span;
use crate::types::{TypeExpr, TypeKind};

use super::{KnownType, Proj, Root};

/// Locals initialised from locals are followed this deep.
const MAX_DEPTH: usize = 8;

/// Where an expression sits: its function (signature and body) and the type of `Self`.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub sig: Option<&'a syn::Signature>,
    pub body: Option<&'a syn::Block>,
    pub self_ty: Option<&'a syn::Type>,
}

impl Scope<'_> {
    /// The known type of `e`, or `None`.
    pub fn type_of(&self, e: &syn::Expr) -> Option<KnownType> {
        self.expr(e, 0)
    }

    /// The known type of the local or static `name` as seen at the start of `at`.
    pub fn type_of_name(&self, name: &str, at: Span) -> Option<KnownType> {
        self.name(name, at, 0)
    }

    fn self_type(&self) -> Option<KnownType> {
        self.self_ty.map(|t| KnownType::written(TypeExpr::from_syn(t)))
    }

    /// A written type, with `Self` replaced by the `impl`'s type.
    fn written(&self, ty: &syn::Type) -> KnownType {
        let mut t = TypeExpr::from_syn(ty);
        if let (Some(s), TypeKind::Path { segments, .. }) = (self.self_ty, &t.kind) {
            if segments.len() == 1 && segments[0] == "Self" {
                t = TypeExpr::from_syn(s);
            }
        }
        KnownType::written(t)
    }

    fn expr(&self, e: &syn::Expr, depth: usize) -> Option<KnownType> {
        if depth > MAX_DEPTH {
            return None;
        }
        let d = depth + 1;
        match strip(e) {
            syn::Expr::Path(p) if p.qself.is_none() => {
                if let Some(id) = p.path.get_ident() {
                    let name = id.to_string();
                    if name == "self" {
                        return self.self_type();
                    }
                    return self.name(&name, Span::of(e), d);
                }
                let last = p.path.segments.last()?.ident.to_string();
                Some(KnownType { root: Root::Static(last), proj: Vec::new() })
            }
            syn::Expr::Reference(r) => self.expr(&r.expr, d),
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.expr(&u.expr, d),
            syn::Expr::Field(f) => {
                let member = match &f.member {
                    syn::Member::Named(id) => id.to_string(),
                    syn::Member::Unnamed(i) => i.index.to_string(),
                };
                Some(self.expr(&f.base, d)?.then(Proj::Field(member)))
            }
            syn::Expr::Index(i) if !matches!(strip(&i.index), syn::Expr::Range(_)) => {
                Some(self.expr(&i.expr, d)?.then(Proj::Index))
            }
            syn::Expr::Try(t) => Some(self.expr(&t.expr, d)?.then(Proj::Inner)),
            syn::Expr::Await(a) => self.expr(&a.base, d),
            syn::Expr::Cast(c) => Some(self.written(&c.ty)),
            syn::Expr::Lit(l) => match &l.lit {
                syn::Lit::Str(_) => Some(KnownType::written(std_type("str", l))),
                _ => None,
            },
            syn::Expr::Macro(m) if m.mac.path.is_ident("vec") => Some(KnownType::written(std_type("Vec", m))),
            syn::Expr::Macro(m) if m.mac.path.is_ident("format") => Some(KnownType::written(std_type("String", m))),
            syn::Expr::Array(a) => Some(KnownType::written(TypeExpr {
                kind: TypeKind::Array { elem: Box::new(other(a)), len: crate::types::ArrayLen::Other },
                span: Span::of(a),
            })),
            syn::Expr::Struct(s) if s.qself.is_none() => Some(self.path_type(&s.path, s.path.segments.len())),
            syn::Expr::Call(c) => self.call(c),
            syn::Expr::MethodCall(m) => self.method_call(m, d),
            _ => None,
        }
    }

    /// `T::new()`, `T::with_capacity(..)`, `S::load()`, `load()`.
    fn call(&self, c: &syn::ExprCall) -> Option<KnownType> {
        let syn::Expr::Path(p) = &*c.func else { return None };
        if p.qself.is_some() {
            return None;
        }
        let segs = &p.path.segments;
        let last = segs.last()?.ident.to_string();
        if segs.len() == 1 {
            return Some(KnownType { root: Root::Fn(last), proj: Vec::new() });
        }
        let owner = &segs[segs.len() - 2];
        if !owner.ident.to_string().starts_with(|c: char| c.is_ascii_uppercase()) {
            // `module::load()`: a free function of the crate, or of another crate.
            return Some(KnownType { root: Root::Fn(last), proj: Vec::new() });
        }
        let ty = self.path_type(&p.path, segs.len() - 1);
        match last.as_str() {
            "new" | "default" | "with_capacity" | "with_hasher" | "with_capacity_and_hasher" | "from" | "from_iter" => {
                Some(ty)
            }
            _ => Some(ty.then(Proj::Method(last))),
        }
    }

    /// The type named by the first `n` segments of a path (`Self` is the `impl`'s type).
    fn path_type(&self, path: &syn::Path, n: usize) -> KnownType {
        if n == 1 && path.segments[0].ident == "Self" {
            if let Some(t) = self.self_type() {
                return t;
            }
        }
        let segs: Vec<&syn::PathSegment> = path.segments.iter().take(n).collect();
        let args = match segs.last().map(|s| &s.arguments) {
            Some(syn::PathArguments::AngleBracketed(a)) => a
                .args
                .iter()
                .filter_map(|g| match g {
                    syn::GenericArgument::Type(t) => Some(TypeExpr::from_syn(t)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        KnownType::written(TypeExpr {
            kind: TypeKind::Path { segments: segs.iter().map(|s| s.ident.to_string()).collect(), args },
            span: Span::of(path),
        })
    }

    fn method_call(&self, m: &syn::ExprMethodCall, d: usize) -> Option<KnownType> {
        let name = m.method.to_string();
        match name.as_str() {
            "to_string" if m.args.is_empty() => Some(KnownType::written(std_type("String", m))),
            "collect" => {
                let ty = m.turbofish.as_ref()?.args.iter().find_map(|g| match g {
                    syn::GenericArgument::Type(t) => Some(t),
                    _ => None,
                })?;
                Some(self.written(ty))
            }
            "lock" | "read" | "write" | "borrow" | "borrow_mut" | "unwrap" | "expect" | "get_or_init" | "force"
            | "load" | "try_lock" | "try_read" | "try_write" | "unwrap_or_default" => {
                Some(self.expr(&m.receiver, d)?.then(Proj::Inner))
            }
            "clone" | "as_ref" | "as_mut" | "as_deref" | "as_deref_mut" | "by_ref" => self.expr(&m.receiver, d),
            _ => Some(self.expr(&m.receiver, d)?.then(Proj::Method(name))),
        }
    }

    fn name(&self, name: &str, at: Span, d: usize) -> Option<KnownType> {
        let decl = match self.body {
            Some(body) => decl::lookup(self.sig, body, name, at.start),
            None => Decl::NotFound,
        };
        match decl {
            Decl::Typed(t) => Some(self.written(t)),
            Decl::Init(e) => self.expr(e, d),
            Decl::Destructured(e, pat) => bind(pat, name, self.expr(e, d)?),
            Decl::ForPattern { pat, source } => match (self.iterated(source, d)?, pat) {
                ((item, true), syn::Pat::Tuple(t)) if t.elems.len() == 2 => bind(&t.elems[1], name, item),
                ((_, true), _) => None,
                ((item, false), pat) => bind(pat, name, item),
            },
            Decl::LetPattern { pat, source } => bind(pat, name, self.expr(source, d)?),
            Decl::Pattern => None,
            // Not a local: a static or const of the crate (upper-case by convention).
            Decl::NotFound if name.starts_with(|c: char| c.is_ascii_uppercase()) => {
                Some(KnownType { root: Root::Static(name.to_string()), proj: Vec::new() })
            }
            Decl::NotFound => None,
        }
    }

    /// The type of one item of an iteration over `source`: `X`, `&X`, `X.iter()`,
    /// `X.into_iter()`, `X.drain(..)`, `X.keys()`, `X.values()`, through `.copied()`,
    /// `.cloned()`, `.rev()` and `.enumerate()`; true when enumerated (items are
    /// `(usize, item)`).
    fn iterated(&self, source: &syn::Expr, d: usize) -> Option<(KnownType, bool)> {
        let item = match strip(source) {
            syn::Expr::Reference(r) => self.expr(&r.expr, d)?.then(Proj::Elem),
            syn::Expr::MethodCall(m) => match m.method.to_string().as_str() {
                "iter" | "iter_mut" | "into_iter" | "drain" => self.expr(&m.receiver, d)?.then(Proj::Elem),
                "keys" | "into_keys" => self.expr(&m.receiver, d)?.then(Proj::Key),
                "values" | "values_mut" | "into_values" => self.expr(&m.receiver, d)?.then(Proj::Value),
                "copied" | "cloned" | "rev" | "by_ref" | "skip" | "take" | "filter" | "peekable" | "step_by" => {
                    return self.iterated(&m.receiver, d)
                }
                "enumerate" => {
                    let (item, enumerated) = self.iterated(&m.receiver, d)?;
                    return (!enumerated).then_some((item, true));
                }
                _ => return None,
            },
            e => self.expr(e, d)?.then(Proj::Elem),
        };
        Some((item, false))
    }
}

/// The part of `ty` that `pat` binds to `name`: through tuples, references, `Some(..)`,
/// struct fields and typed sub-patterns.
fn bind(pat: &syn::Pat, name: &str, ty: KnownType) -> Option<KnownType> {
    match pat {
        syn::Pat::Ident(id) if id.ident == name => Some(ty),
        syn::Pat::Ident(id) => bind(&id.subpat.as_ref()?.1, name, ty),
        syn::Pat::Type(t) => match &*t.pat {
            syn::Pat::Ident(id) if id.ident == name => Some(KnownType::written(TypeExpr::from_syn(&t.ty))),
            p => bind(p, name, ty),
        },
        syn::Pat::Reference(r) => bind(&r.pat, name, ty),
        syn::Pat::Paren(p) => bind(&p.pat, name, ty),
        syn::Pat::Tuple(t) => {
            // A rest pattern `..` makes later positions uncertain: only those before it.
            let rest = t.elems.iter().position(|p| matches!(p, syn::Pat::Rest(_))).unwrap_or(t.elems.len());
            t.elems
                .iter()
                .take(rest)
                .enumerate()
                .find_map(|(i, p)| decl::binds(p, name).then(|| bind(p, name, ty.clone().then(Proj::Tuple(i))))?)
        }
        syn::Pat::TupleStruct(ts) if ts.path.is_ident("Some") && ts.elems.len() == 1 => {
            bind(&ts.elems[0], name, ty.then(Proj::Some))
        }
        syn::Pat::TupleStruct(ts) if ts.path.is_ident("Ok") && ts.elems.len() == 1 => {
            bind(&ts.elems[0], name, ty.then(Proj::Inner))
        }
        syn::Pat::Struct(s) => s.fields.iter().find_map(|f| {
            let member = match &f.member {
                syn::Member::Named(id) => id.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            decl::binds(&f.pat, name).then(|| bind(&f.pat, name, ty.clone().then(Proj::Field(member))))?
        }),
        _ => None,
    }
}

fn std_type<T: syn::spanned::Spanned>(name: &str, at: &T) -> TypeExpr {
    TypeExpr { kind: TypeKind::Path { segments: vec![name.to_string()], args: Vec::new() }, span: Span::of(at) }
}

fn other<T: syn::spanned::Spanned>(at: &T) -> TypeExpr {
    TypeExpr { kind: TypeKind::Other, span: Span::of(at) }
}

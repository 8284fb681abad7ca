//! Rooted expressions (SPEC §1), as far as one file can tell: an expression is peeled
//! through the access chain (`.lock()`, `.unwrap()`, `*`, `?`, `.await`, ...) down to a
//! static's name, `self.f`, `x.f`, a local bound to a rooted expression, or a call of an
//! accessor; which of these really are long-lived maps the package index decides.

use super::vocab;
use super::Root;
use crate::ctor::strip;

/// A rooted expression: its root and how it was reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rooted {
    pub root: Root,
    /// The access chain applied (`vocab::LOCK`, ...).
    pub chain: u32,
    /// Reached through `.clone()` / `Arc::clone(..)` of the root itself.
    pub via_clone: bool,
    /// The expression is nothing but a local's name: assigning to it rebinds the local.
    pub bare_local: bool,
    /// An access step (method, `*`, `?`) was applied since the root.
    pub chained: bool,
    /// Methods (and `fn name` functions) of unknown meaning applied since the root; the
    /// package decides whether they are passthrough helpers.
    pub through: Vec<String>,
}

impl Rooted {
    pub fn new(root: Root) -> Rooted {
        Rooted { root, chain: 0, via_clone: false, bare_local: false, chained: false, through: Vec::new() }
    }

    /// The expression after one more access step.
    pub fn step(mut self, bit: u32) -> Rooted {
        self.chain |= bit;
        self.chained = true;
        self.bare_local = false;
        self
    }
}

/// Which entry a name is bound to: `ROOT.entry(k)`, or its `Occupied`/`Vacant` variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Any,
    Occupied,
    Vacant,
}

/// What a local name is bound to.
#[derive(Clone, Debug)]
pub enum Bound {
    Root(Rooted),
    Entry(Rooted, EntryKind),
    /// A local that hides any static of the same name.
    Shadow,
}

/// What root resolution needs to know about the scope it is in.
pub trait Names {
    fn local(&self, name: &str) -> Option<&Bound>;
    fn local_static(&self, name: &str) -> Option<u32>;
    /// The self type of the enclosing impl.
    fn impl_ty(&self) -> Option<&str>;
}

/// Expressions nested deeper than this are not followed.
const MAX_DEPTH: usize = 64;

/// A field's name, or its index for a tuple field (`0`).
pub fn member_name(m: &syn::Member) -> String {
    match m {
        syn::Member::Named(id) => id.to_string(),
        syn::Member::Unnamed(i) => i.index.to_string(),
    }
}

/// The root of an expression, if it is rooted.
pub fn root_of(e: &syn::Expr, names: &dyn Names) -> Option<Rooted> {
    root_at(e, names, 0)
}

fn root_at(e: &syn::Expr, names: &dyn Names, depth: usize) -> Option<Rooted> {
    if depth > MAX_DEPTH {
        return None;
    }
    let next = |x: &syn::Expr| root_at(x, names, depth + 1);
    match strip(e) {
        syn::Expr::Reference(r) => next(&r.expr).map(|mut x| {
            x.bare_local = false;
            x
        }),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => next(&u.expr).map(|x| x.step(0)),
        syn::Expr::Try(t) => next(&t.expr).map(|x| x.step(0)),
        syn::Expr::Await(a) => next(&a.base).map(|x| x.step(0)),
        syn::Expr::Unsafe(u) => tail(&u.block).and_then(next),
        syn::Expr::Block(b) if b.label.is_none() => tail(&b.block).and_then(next),
        // `match X.lock() { Ok(g) => g, Err(p) => p.into_inner() }`
        syn::Expr::Match(m) => next(&m.expr).map(|x| x.step(0)),
        // `try_lock!(self.map.write())`: a wrapper macro around its first argument.
        syn::Expr::Macro(m) => {
            let first = first_macro_arg(&m.mac)?;
            next(&first).map(|x| x.step(0))
        }
        syn::Expr::MethodCall(m) => {
            let method = m.method.to_string();
            if let Some(bit) = vocab::chain_step(&method, m.args.len()) {
                return next(&m.receiver).map(|x| x.step(bit));
            }
            if method == "clone" && m.args.is_empty() {
                return next(&m.receiver).filter(|x| !x.chained).map(cloned);
            }
            if m.args.is_empty() && m.turbofish.is_none() {
                // A helper that may return its receiver (`self.m.lock_or_heal()`), else an
                // accessor of that name.
                if let Some(mut r) = next(&m.receiver) {
                    r.through.push(method);
                    return Some(r.step(0));
                }
                return Some(Rooted::new(Root::Call { name: method, direct: is_self(&m.receiver) }));
            }
            None
        }
        syn::Expr::Call(c) => {
            let syn::Expr::Path(p) = strip(&c.func) else { return None };
            let segs = &p.path.segments;
            let last = segs.last()?.ident.to_string();
            if c.args.len() == 1 && (last == "clone" || last == "downgrade") && segs.len() >= 2 {
                let ty = segs[segs.len() - 2].ident.to_string();
                if ty == "Arc" || ty == "Rc" {
                    return next(&c.args[0]).filter(|x| !x.chained).map(cloned);
                }
            }
            if c.args.is_empty() {
                return Some(Rooted::new(Root::Call { name: last, direct: true }));
            }
            // `lock_recover(&self.m)`: a helper function that may return its parameter.
            if c.args.len() == 1 && segs.len() == 1 {
                let mut r = next(&c.args[0])?;
                r.through.push(format!("fn {last}"));
                return Some(r.step(0));
            }
            None
        }
        syn::Expr::Path(p) if p.qself.is_none() => {
            let segs = &p.path.segments;
            let last = segs.last()?.ident.to_string();
            if segs.len() == 1 {
                if last == "self" {
                    return None;
                }
                match names.local(&last) {
                    Some(Bound::Root(r)) => {
                        let mut r = r.clone();
                        r.bare_local = true;
                        return Some(r);
                    }
                    Some(_) => return None,
                    None => {}
                }
                if let Some(id) = names.local_static(&last) {
                    return Some(Rooted::new(Root::LocalStatic(id)));
                }
            }
            is_static_name(&last).then(|| Rooted::new(Root::Static(last)))
        }
        syn::Expr::Field(f) => {
            let field = member_name(&f.member);
            if is_self(&f.base) {
                let ty = names.impl_ty()?.to_string();
                return Some(Rooted::new(Root::TypedField { ty, field }));
            }
            // Tuple fields of other receivers are too often plain tuples.
            matches!(f.member, syn::Member::Named(_)).then(|| Rooted::new(Root::Field(field)))
        }
        _ => None,
    }
}

/// The first argument of a macro that may wrap an access (`try_lock!(x.write())`);
/// logging, formatting and assertion macros are never such wrappers.
fn first_macro_arg(mac: &syn::Macro) -> Option<syn::Expr> {
    if is_formatting_macro(mac) {
        return None;
    }
    let parser = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_separated_nonempty;
    let args = syn::parse::Parser::parse2(parser, mac.tokens.clone()).ok()?;
    args.into_iter().next()
}

/// Logging, formatting, quoting and assertion macros: their arguments are read, not
/// changed, and never wrap an access.
pub fn is_formatting_macro(mac: &syn::Macro) -> bool {
    let Some(last) = mac.path.segments.last() else { return true };
    let name = last.ident.to_string();
    matches!(
        name.as_str(),
        "format"
            | "format_args"
            | "print"
            | "println"
            | "eprint"
            | "eprintln"
            | "write"
            | "writeln"
            | "panic"
            | "trace"
            | "debug"
            | "info"
            | "warn"
            | "error"
            | "event"
            | "span"
            | "quote"
            | "quote_spanned"
            | "parse_quote"
            | "concat"
            | "stringify"
            | "include_str"
            | "include_bytes"
            | "env"
            | "cfg"
            | "vec"
            | "matches"
            | "todo"
            | "unreachable"
            | "unimplemented"
            | "debug_assert"
            | "debug_assert_eq"
            | "debug_assert_ne"
            | "assert_eq"
            | "assert_ne"
            | "macro_rules"
    )
}

fn cloned(mut x: Rooted) -> Rooted {
    x.via_clone = true;
    x.bare_local = false;
    x
}

/// The tail expression of a block.
pub fn tail(b: &syn::Block) -> Option<&syn::Expr> {
    match b.stmts.last()? {
        syn::Stmt::Expr(e, None) => Some(e),
        _ => None,
    }
}

/// By convention statics are upper case (rustc warns otherwise): `CACHE`, `Self::REG`.
pub(super) fn is_static_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.chars().any(|c| c.is_ascii_lowercase())
}

/// `self`, possibly parenthesised.
pub fn is_self(e: &syn::Expr) -> bool {
    matches!(strip(e), syn::Expr::Path(p) if p.qself.is_none() && p.path.is_ident("self"))
}

/// `*self` or `self`: the whole value of the impl's type.
pub fn is_self_value(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => is_self(&u.expr),
        other => is_self(other),
    }
}

/// `ROOT.entry(k)` (optionally followed by `.and_modify(..)`), or a local bound to an
/// entry: the map's root and which entry.
pub fn entry_of(e: &syn::Expr, names: &dyn Names) -> Option<(Rooted, EntryKind)> {
    match strip(e) {
        syn::Expr::MethodCall(m) if m.method == "and_modify" && m.args.len() == 1 => entry_of(&m.receiver, names),
        syn::Expr::MethodCall(m) if m.method == "entry" && m.args.len() == 1 => {
            root_of(&m.receiver, names).map(|r| (r, EntryKind::Any))
        }
        syn::Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            match names.local(&p.path.segments[0].ident.to_string()) {
                Some(Bound::Entry(r, k)) => Some((r.clone(), *k)),
                _ => None,
            }
        }
        _ => None,
    }
}

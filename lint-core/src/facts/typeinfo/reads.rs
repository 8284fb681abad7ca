//! Expressions that denote a map (`map_root`) or the values read from one (`value_read`),
//! as far as one file can tell: a static, `self.f` in an impl, `x.f`, a local bound to
//! one of these or declared with a written map type, the result of a call; and their
//! `get`, `get_mut`, `remove`, indexing, `entry(..).or_*`, iteration and the adaptors
//! that keep the value (`unwrap`, `?`, `find`, `next`, ...).

use serde::{Deserialize, Serialize};

use crate::ctor::strip;

/// What an expression that denotes a map is rooted in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MapRoot {
    /// A path ending in an upper-case name (a static or const).
    Static(String),
    /// `self.f` inside an impl of `ty`, or `x.f` on another receiver (`ty` unknown).
    Field { ty: Option<String>, field: String },
    /// A local declared by the `let` statement that starts on this line of the file.
    Local(u32),
    /// The result of calling the function or method of this name.
    Call(String),
}

/// What a value read yields: one value (or a reference, `Option`, guard of one), an
/// iterator of `(key, value)` pairs, an iterator of values, or an entry (`entry(k)`,
/// also matched as `Entry::Occupied(e)`), whose `get`, `insert`, ... yield the value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    One,
    Pairs,
    Values,
    Entry,
}

/// What a local name is bound to.
#[derive(Clone, Debug)]
pub enum Bound {
    Map(MapRoot),
    Value(Read),
    /// Anything else: hides statics and outer bindings of the same name.
    Other,
}

/// Name lookup in the scope being visited.
pub trait Scope {
    fn lookup(&self, name: &str) -> Option<&Bound>;
    /// The self type of the enclosing impl.
    fn impl_ty(&self) -> Option<&str>;
}

/// Steps that reach through a wrapper to the map: locks, `Option`, `Arc`, lazies.
const TO_MAP: &[&str] = &[
    "lock",
    "read",
    "write",
    "borrow",
    "borrow_mut",
    "try_lock",
    "try_read",
    "try_write",
    "unwrap",
    "expect",
    "as_ref",
    "as_mut",
    "deref",
    "deref_mut",
    "load",
    "load_full",
    "get",
    "get_mut",
    "pin",
    "clone",
    "blocking_lock",
    "blocking_read",
    "blocking_write",
];

/// Reads of one value: `get(k)`, `remove(k)`, ...
const READ_ONE: &[&str] =
    &["get", "get_mut", "remove", "swap_remove", "shift_remove", "get_index", "get_index_mut", "get_key_value"];

/// Reads that move the value out of the map.
const REMOVE: &[&str] = &["remove", "swap_remove", "shift_remove"];

/// `entry(k)` followed by one of these yields the entry's value.
const FROM_ENTRY: &[&str] = &["or_insert", "or_insert_with", "or_insert_with_key", "or_default", "into_mut"];

/// Methods of an entry that yield its value.
const ENTRY_VALUE: &[&str] = &["get", "get_mut", "into_mut", "insert", "or_insert", "or_insert_with", "or_default"];

/// Steps that keep what a read yields (a value, an `Option` of one, an iterator).
const KEEP: &[&str] = &[
    "unwrap",
    "expect",
    "unwrap_or",
    "unwrap_or_else",
    "unwrap_or_default",
    "ok",
    "ok_or",
    "ok_or_else",
    "as_ref",
    "as_mut",
    "as_deref",
    "value",
    "value_mut",
    "into_value",
    "filter",
    "find",
    "next",
    "next_back",
    "last",
    "nth",
    "rev",
    "skip",
    "take",
    "skip_while",
    "take_while",
    "peekable",
    "step_by",
    "min_by_key",
    "max_by_key",
    "min_by",
    "max_by",
    "collect",
    "into_iter",
    "iter",
    "flatten",
];

/// Expressions nested deeper than this are not followed.
const MAX_DEPTH: usize = 48;

/// The map an expression denotes, if it denotes one.
pub fn map_root(e: &syn::Expr, scope: &dyn Scope) -> Option<MapRoot> {
    map_root_at(e, scope, 0)
}

fn map_root_at(e: &syn::Expr, scope: &dyn Scope, depth: usize) -> Option<MapRoot> {
    if depth > MAX_DEPTH {
        return None;
    }
    let next = |x: &syn::Expr| map_root_at(x, scope, depth + 1);
    match strip(e) {
        syn::Expr::Reference(r) => next(&r.expr),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => next(&u.expr),
        syn::Expr::Try(t) => next(&t.expr),
        syn::Expr::Await(a) => next(&a.base),
        syn::Expr::MethodCall(m) => {
            // A map that is the value of another map (`outer.entry(k).or_default()`) is
            // reached through the outer map's root.
            if let Some(r) = value_read_at(e, scope, depth + 1).filter(|r| r.shape == Shape::One) {
                return Some(r.root);
            }
            let method = m.method.to_string();
            if TO_MAP.contains(&method.as_str()) && (m.args.is_empty() || method == "expect") {
                // A lock taken on a value locks that value, not the map.
                if value_read_at(&m.receiver, scope, depth + 1).is_some() {
                    return None;
                }
                return next(&m.receiver);
            }
            (m.args.is_empty() && m.turbofish.is_none()).then_some(MapRoot::Call(method))
        }
        syn::Expr::Call(c) => {
            let syn::Expr::Path(p) = strip(&c.func) else { return None };
            let last = p.path.segments.last()?.ident.to_string();
            if last == "clone" && c.args.len() == 1 {
                return next(&c.args[0]);
            }
            last.starts_with(|c: char| c.is_ascii_lowercase() || c == '_').then_some(MapRoot::Call(last))
        }
        syn::Expr::Path(p) if p.qself.is_none() => {
            let segs = &p.path.segments;
            let last = segs.last()?.ident.to_string();
            if segs.len() == 1 {
                match scope.lookup(&last) {
                    Some(Bound::Map(r)) => return Some(r.clone()),
                    Some(_) => return None,
                    None => {}
                }
            }
            is_static_name(&last).then_some(MapRoot::Static(last))
        }
        syn::Expr::Field(f) => {
            let field = match &f.member {
                syn::Member::Named(id) => id.to_string(),
                syn::Member::Unnamed(i) => i.index.to_string(),
            };
            let ty = if is_self(&f.base) { Some(scope.impl_ty()?.to_string()) } else { None };
            Some(MapRoot::Field { ty, field })
        }
        _ => None,
    }
}

/// A value read: the map it comes from, what it yields, and whether it is owned (moved
/// out of the map: `remove`, `drain`, `into_values`, ...) rather than borrowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    pub root: MapRoot,
    pub shape: Shape,
    pub owned: bool,
}

impl Read {
    pub fn new(root: MapRoot, shape: Shape, owned: bool) -> Read {
        Read { root, shape, owned }
    }

    pub fn with_shape(self, shape: Shape) -> Read {
        Read { shape, ..self }
    }
}

/// The map a value read comes from, and what it yields.
pub fn value_read(e: &syn::Expr, scope: &dyn Scope) -> Option<Read> {
    value_read_at(e, scope, 0)
}

fn value_read_at(e: &syn::Expr, scope: &dyn Scope, depth: usize) -> Option<Read> {
    if depth > MAX_DEPTH {
        return None;
    }
    let next = |x: &syn::Expr| value_read_at(x, scope, depth + 1);
    match strip(e) {
        syn::Expr::Reference(r) => next(&r.expr).map(|r| Read { owned: false, ..r }),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => next(&u.expr),
        syn::Expr::Try(t) => next(&t.expr),
        syn::Expr::Await(a) => next(&a.base),
        syn::Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            match scope.lookup(&p.path.segments[0].ident.to_string()) {
                Some(Bound::Value(r)) => Some(r.clone()),
                _ => None,
            }
        }
        // `pair.1` of a `(key, value)` pair.
        syn::Expr::Field(f) if matches!(&f.member, syn::Member::Unnamed(i) if i.index == 1) => {
            next(&f.base).map(|r| r.with_shape(Shape::One))
        }
        syn::Expr::Index(i) => map_root_at(&i.expr, scope, depth + 1).map(|r| Read::new(r, Shape::One, false)),
        syn::Expr::MethodCall(m) => {
            let method = m.method.to_string();
            let method = method.as_str();
            let on_map = |shape, owned| map_root_at(&m.receiver, scope, depth + 1).map(|r| Read::new(r, shape, owned));
            if READ_ONE.contains(&method) && !m.args.is_empty() {
                return on_map(Shape::One, REMOVE.contains(&method));
            }
            if FROM_ENTRY.contains(&method) {
                if let Some(r) = entry_root(&m.receiver, scope, depth + 1) {
                    return Some(Read::new(r, Shape::One, false));
                }
            }
            if method == "entry" && m.args.len() == 1 {
                return on_map(Shape::Entry, false);
            }
            if ENTRY_VALUE.contains(&method) {
                if let Some(r) = next(&m.receiver).filter(|r| r.shape == Shape::Entry) {
                    return Some(r.with_shape(Shape::One));
                }
            }
            if m.args.is_empty() {
                match method {
                    "values" | "values_mut" => return on_map(Shape::Values, false),
                    "into_values" => return on_map(Shape::Values, true),
                    "iter" | "iter_mut" | "into_iter" | "drain" => {
                        if let Some(r) = on_map(Shape::Pairs, matches!(method, "into_iter" | "drain")) {
                            return Some(r);
                        }
                    }
                    _ => {}
                }
            }
            if KEEP.contains(&method) {
                return next(&m.receiver);
            }
            None
        }
        _ => None,
    }
}

/// `X.entry(k)` (optionally followed by `.and_modify(..)`): the map `X`.
fn entry_root(e: &syn::Expr, scope: &dyn Scope, depth: usize) -> Option<MapRoot> {
    match strip(e) {
        syn::Expr::MethodCall(m) if m.method == "and_modify" && depth < MAX_DEPTH => {
            entry_root(&m.receiver, scope, depth + 1)
        }
        syn::Expr::MethodCall(m) if m.method == "entry" && m.args.len() == 1 => map_root_at(&m.receiver, scope, depth),
        _ => None,
    }
}

/// `x.clone()`, `Arc::clone(&x)`, `Rc::clone(&x)`, `Clone::clone(&x)`: a new owner of `x`.
pub fn is_clone_expr(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::MethodCall(m) => m.method == "clone" && m.args.is_empty(),
        syn::Expr::Call(c) => is_clone_path(&c.func) && c.args.len() == 1,
        _ => false,
    }
}

/// A path to a clone function: `Arc::clone`, `Rc::clone`, `Clone::clone`.
pub fn is_clone_path(e: &syn::Expr) -> bool {
    matches!(strip(e), syn::Expr::Path(p) if p.path.segments.len() >= 2 && p.path.segments.last().is_some_and(|s| s.ident == "clone"))
}

/// By convention statics are upper case (rustc warns otherwise): `CACHE`, `Self::REG`.
fn is_static_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.chars().any(|c| c.is_ascii_lowercase())
}

/// `self`, possibly parenthesised.
fn is_self(e: &syn::Expr) -> bool {
    matches!(strip(e), syn::Expr::Path(p) if p.qself.is_none() && p.path.is_ident("self"))
}

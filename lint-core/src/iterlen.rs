//! Iterables whose length is known before a loop runs: ranges `a..b` / `a..=b`, and a
//! collection `X` iterated as `X`, `&X`, `&mut X`, `X.iter()`, `X.iter_mut()`,
//! `X.into_iter()`, `X.keys()`, `X.values()` or `X.drain(..)`, optionally followed by
//! `.enumerate() .rev() .copied() .cloned() .map(..) .inspect(..) .zip(Y)`. Also the
//! expression of that length, as text to write in a fix.

use crate::ctor::strip;
use crate::decl::Decl;

/// How the collection is iterated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `X` (by value, or whatever `X` is).
    Bare,
    IntoIter,
    Ref,
    RefMut,
    Iter,
    IterMut,
    Keys,
    Values,
    Drain,
}

impl Form {
    /// Whether the form iterates a collection only if `X`'s declared type says so:
    /// `X` / `X.into_iter()` may be any iterator, `&mut X` a borrowed iterator.
    pub fn needs_collection_type(self) -> bool {
        matches!(self, Form::Bare | Form::IntoIter | Form::RefMut)
    }
}

/// What the loop iterates, and so how long it is.
#[derive(Clone, Copy, Debug)]
pub enum Iterable<'a> {
    Range {
        start: Option<&'a syn::Expr>,
        end: &'a syn::Expr,
        inclusive: bool,
    },
    /// A collection `X` (a place: a local, a field, an indexed element); its length is
    /// `X.len()`.
    Collection {
        place: &'a syn::Expr,
        form: Form,
    },
}

const ADAPTERS_0: &[&str] = &["enumerate", "rev", "copied", "cloned"];
const ADAPTERS_1: &[&str] = &["map", "inspect", "zip"];

/// Recognises an iterable of known length, as far as syntax can tell. For `Collection`
/// the caller still checks the declared type of the place when `form` needs one.
pub fn iterable(expr: &syn::Expr) -> Option<Iterable<'_>> {
    let mut e = strip(expr);
    while let syn::Expr::MethodCall(m) = e {
        let name = m.method.to_string();
        let adapter = (m.args.is_empty() && ADAPTERS_0.contains(&name.as_str()))
            || (m.args.len() == 1 && ADAPTERS_1.contains(&name.as_str()));
        if !adapter {
            break;
        }
        e = strip(&m.receiver);
    }
    match e {
        syn::Expr::Range(r) => range(r),
        syn::Expr::Reference(r) => {
            let form = if r.mutability.is_some() { Form::RefMut } else { Form::Ref };
            collection(&r.expr, form)
        }
        syn::Expr::MethodCall(m) => {
            let form = match (m.method.to_string().as_str(), m.args.len()) {
                ("iter", 0) => Form::Iter,
                ("iter_mut", 0) => Form::IterMut,
                ("into_iter", 0) => Form::IntoIter,
                ("keys", 0) => Form::Keys,
                ("values", 0) => Form::Values,
                ("drain", 0) => Form::Drain,
                ("drain", 1) if matches!(strip(&m.args[0]), syn::Expr::Range(r) if r.start.is_none() && r.end.is_none()) => {
                    Form::Drain
                }
                _ => return None,
            };
            if let syn::Expr::Range(r) = strip(&m.receiver) {
                return if form == Form::IntoIter { range(r) } else { None };
            }
            collection(&m.receiver, form)
        }
        _ => collection(e, Form::Bare),
    }
}

fn range(r: &syn::ExprRange) -> Option<Iterable<'_>> {
    let end = r.end.as_deref()?;
    Some(Iterable::Range { start: r.start.as_deref(), end, inclusive: matches!(r.limits, syn::RangeLimits::Closed(_)) })
}

fn collection(e: &syn::Expr, form: Form) -> Option<Iterable<'_>> {
    let place = strip(e);
    is_place(place).then_some(Iterable::Collection { place, form })
}

/// A local, a path, a field of a place, or an element of a place indexed by a simple
/// expression: something `X.len()` can be written of without running code twice.
pub fn is_place(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::Path(p) => p.qself.is_none(),
        syn::Expr::Field(f) => is_place(&f.base),
        syn::Expr::Index(i) => is_place(&i.expr) && is_simple(&i.index),
        _ => false,
    }
}

/// An expression that is cheap and side-effect free to evaluate once more: literals,
/// places, `.len()`, `.min(..)`/`.max(..)`, casts, arithmetic and ranges of those.
pub fn is_simple(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::Lit(_) => true,
        syn::Expr::Path(_) | syn::Expr::Field(_) | syn::Expr::Index(_) => is_place(e),
        syn::Expr::Cast(c) => is_simple(&c.expr),
        syn::Expr::Unary(u) => matches!(u.op, syn::UnOp::Neg(_)) && is_simple(&u.expr),
        syn::Expr::Binary(b) => is_arith(&b.op) && is_simple(&b.left) && is_simple(&b.right),
        syn::Expr::Range(r) => r.start.iter().chain(&r.end).all(|e| is_simple(e)),
        syn::Expr::MethodCall(m) => {
            let name = m.method.to_string();
            let pure = match m.args.len() {
                0 => name == "len",
                1 => matches!(name.as_str(), "min" | "max" | "saturating_sub" | "saturating_add"),
                _ => false,
            };
            pure && is_simple(&m.receiver) && m.args.iter().all(is_simple)
        }
        _ => false,
    }
}

fn is_arith(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(op, Add(_) | Sub(_) | Mul(_) | Div(_) | Rem(_) | Shl(_) | Shr(_) | BitAnd(_) | BitOr(_))
}

/// What a declared type or initialiser says about a local iterated as a collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeClass {
    /// `Vec`, slice, array, `VecDeque`, a map or set type: it has `len()` and iterating
    /// it yields exactly that many items.
    Collection,
    /// A type known to have no `len()` or an unknown length when iterated (`Option`,
    /// iterators, receivers, `impl Iterator`).
    NoLen,
    /// Any other declared type.
    Other,
    Unknown,
}

/// Classifies the declaration of a local; `is_map` says whether a type name is a map type.
pub fn classify(decl: Decl<'_>, is_map: &dyn Fn(&str) -> bool) -> TypeClass {
    match decl {
        Decl::Typed(t) => classify_type(t, is_map),
        Decl::Init(e) => classify_init(e, is_map),
        Decl::Destructured(e, _) => match strip(e) {
            // `let (tx, rx) = mpsc::channel();`: a receiver, iterated until the channel closes.
            syn::Expr::Call(c) if call_name(c).is_some_and(|n| n.contains("channel") || n.ends_with("bounded")) => {
                TypeClass::NoLen
            }
            _ => TypeClass::Unknown,
        },
        Decl::ForPattern { .. } | Decl::LetPattern { .. } | Decl::Pattern | Decl::NotFound => TypeClass::Unknown,
    }
}

/// Classifies a written type, looking through `&` and `&mut`.
pub fn classify_type(ty: &syn::Type, is_map: &dyn Fn(&str) -> bool) -> TypeClass {
    match crate::maptypes::peel_type(ty) {
        syn::Type::Slice(_) | syn::Type::Array(_) => TypeClass::Collection,
        syn::Type::ImplTrait(_) | syn::Type::TraitObject(_) => TypeClass::NoLen,
        syn::Type::Path(p) => match p.path.segments.last() {
            Some(s) => classify_name(&s.ident.to_string(), is_map),
            None => TypeClass::Unknown,
        },
        _ => TypeClass::Other,
    }
}

fn classify_name(name: &str, is_map: &dyn Fn(&str) -> bool) -> TypeClass {
    const COLLECTIONS: &[&str] =
        &["Vec", "VecDeque", "SmallVec", "ArrayVec", "TinyVec", "ThinVec", "BinaryHeap", "Drain", "IntoIter"];
    const NO_LEN: &[&str] = &[
        "Option", "Result", "Receiver", "Peekable", "Lines", "Chars", "Bytes", "Split", "Path", "PathBuf", "String",
        "str", "Box", "Rc", "Arc",
    ];
    if COLLECTIONS.contains(&name) || is_map(name) {
        TypeClass::Collection
    } else if NO_LEN.contains(&name) || name.ends_with("Iter") || name.ends_with("Iterator") {
        TypeClass::NoLen
    } else {
        TypeClass::Other
    }
}

/// The last segment of a call's function path.
fn call_name(c: &syn::ExprCall) -> Option<String> {
    match &*c.func {
        syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Classifies a `let` initialiser: `vec![..]`, array literals, `Vec::..` (and other
/// collection constructors) and `.collect::<Vec<..>>()` are collections; an iterator
/// chain is not.
pub fn classify_init(e: &syn::Expr, is_map: &dyn Fn(&str) -> bool) -> TypeClass {
    match strip(e) {
        syn::Expr::Macro(m) if m.mac.path.is_ident("vec") => TypeClass::Collection,
        syn::Expr::Array(_) | syn::Expr::Repeat(_) => TypeClass::Collection,
        syn::Expr::Call(c) => match &*c.func {
            // `T::new(..)`: a value of type `T`.
            syn::Expr::Path(p) if p.path.segments.len() >= 2 => {
                let ty = p.path.segments[p.path.segments.len() - 2].ident.to_string();
                if ty.starts_with(|c: char| c.is_ascii_uppercase()) {
                    classify_name(&ty, is_map)
                } else {
                    TypeClass::Unknown
                }
            }
            _ => TypeClass::Unknown,
        },
        syn::Expr::MethodCall(m) if m.method == "collect" => {
            let ty = m.turbofish.as_ref().and_then(|t| {
                t.args.iter().find_map(|g| match g {
                    syn::GenericArgument::Type(ty) => Some(ty),
                    _ => None,
                })
            });
            match ty.map(|t| classify_type(t, is_map)) {
                Some(TypeClass::Collection) => TypeClass::Collection,
                _ => TypeClass::Unknown,
            }
        }
        syn::Expr::MethodCall(m) => {
            let name = m.method.to_string();
            let iterator = matches!(
                name.as_str(),
                "iter" | "into_iter" | "iter_mut" | "peekable" | "lines" | "chars" | "bytes" | "split" | "filter"
            ) || name.starts_with("split");
            if iterator {
                TypeClass::NoLen
            } else {
                TypeClass::Unknown
            }
        }
        _ => TypeClass::Unknown,
    }
}

/// The integer type of an expression, as far as syntax tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntTy {
    Usize,
    /// An unsuffixed integer literal: it takes whatever type is asked of it.
    Flexible,
    Other,
}

fn combine(a: IntTy, b: IntTy) -> IntTy {
    match (a, b) {
        (IntTy::Usize, _) | (_, IntTy::Usize) => IntTy::Usize,
        (IntTy::Flexible, IntTy::Flexible) => IntTy::Flexible,
        _ => IntTy::Other,
    }
}

/// The integer type of `e`; `local` gives the type of a local name.
pub fn int_ty(e: &syn::Expr, local: &dyn Fn(&str) -> IntTy) -> IntTy {
    match strip(e) {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => match i.suffix() {
            "" => IntTy::Flexible,
            "usize" => IntTy::Usize,
            _ => IntTy::Other,
        },
        syn::Expr::Path(p) => match p.path.get_ident() {
            Some(id) => local(&id.to_string()),
            None => IntTy::Other,
        },
        syn::Expr::MethodCall(m) => match m.method.to_string().as_str() {
            "len" | "count" | "capacity" => IntTy::Usize,
            "min" | "max" | "saturating_sub" | "saturating_add" => {
                m.args.iter().fold(int_ty(&m.receiver, local), |t, a| combine(t, int_ty(a, local)))
            }
            _ => IntTy::Other,
        },
        syn::Expr::Cast(c) => match crate::maptypes::type_path(&c.ty) {
            Some(p) if p.is_ident("usize") => IntTy::Usize,
            _ => IntTy::Other,
        },
        syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::Shl(_) | syn::BinOp::Shr(_)) => int_ty(&b.left, local),
        syn::Expr::Binary(b) if is_arith(&b.op) => combine(int_ty(&b.left, local), int_ty(&b.right, local)),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => int_ty(&u.expr, local),
        _ => IntTy::Other,
    }
}

/// The source text of a node (as written), or its tokens printed compactly.
pub fn text_of<T: syn::spanned::Spanned + quote::ToTokens>(node: &T) -> String {
    node.span().source_text().unwrap_or_else(|| crate::ctor::compact(&node.to_token_stream().to_string()))
}

/// The value of an integer literal.
fn int_lit(e: &syn::Expr) -> Option<u128> {
    match strip(e) {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse::<u128>().ok(),
        _ => None,
    }
}

/// The text of `e`, parenthesised unless it is a single term.
fn atomic(e: &syn::Expr) -> String {
    let e = strip(e);
    let t = text_of(e);
    match e {
        syn::Expr::Binary(_) | syn::Expr::Cast(_) | syn::Expr::Unary(_) | syn::Expr::Range(_) => format!("({t})"),
        _ => t,
    }
}

/// `e` as a `usize` expression.
fn as_usize(e: &syn::Expr, local: &dyn Fn(&str) -> IntTy) -> String {
    match (int_ty(e, local), int_lit(e)) {
        (_, Some(v)) => v.to_string(),
        (IntTy::Usize, _) => text_of(strip(e)),
        _ => format!("{} as usize", atomic(e)),
    }
}

/// The length of an iterable, as a `usize` expression to write where the map is
/// constructed, or `None` when writing it would run code twice.
pub fn len_text(it: &Iterable<'_>, local: &dyn Fn(&str) -> IntTy) -> Option<String> {
    match *it {
        Iterable::Collection { place, .. } => Some(format!("{}.len()", text_of(place))),
        Iterable::Range { start, end, inclusive } => {
            if !is_simple(end) || !start.iter().all(|e| is_simple(e)) {
                return None;
            }
            let plus = if inclusive { " + 1" } else { "" };
            let start = start.filter(|s| int_lit(s) != Some(0));
            let Some(start) = start else {
                return Some(format!("{}{plus}", as_usize(end, local)));
            };
            if let (Some(a), Some(b)) = (int_lit(start), int_lit(end)) {
                return Some(b.saturating_sub(a).saturating_add(u128::from(inclusive)).to_string());
            }
            // `b - a` would underflow on an empty range (`1..v.len()` with `v` empty).
            let receiver = match (int_ty(end, local), int_lit(end)) {
                (_, Some(v)) => format!("{v}usize"),
                (IntTy::Usize, _) => atomic(end),
                _ => format!("({} as usize)", atomic(end)),
            };
            Some(format!("{receiver}.saturating_sub({}){plus}", as_usize(start, local)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn len(src: &str) -> Option<String> {
        let e: syn::Expr = syn::parse_str(src).unwrap();
        let local = |n: &str| if n == "n" { IntTy::Usize } else { IntTy::Other };
        iterable(&e).and_then(|it| len_text(&it, &local))
    }

    #[test]
    fn lengths() {
        assert_eq!(len("0..n").as_deref(), Some("n"));
        assert_eq!(len("0..k").as_deref(), Some("k as usize"));
        assert_eq!(len("1..=n").as_deref(), Some("n.saturating_sub(1) + 1"));
        assert_eq!(len("0..=n").as_deref(), Some("n + 1"));
        assert_eq!(len("a..b").as_deref(), Some("(b as usize).saturating_sub(a as usize)"));
        assert_eq!(len("2..10").as_deref(), Some("8"));
        assert_eq!(len("1..=10u8").as_deref(), Some("10"));
        assert_eq!(len("(0..v.len()).rev()").as_deref(), Some("v.len()"));
        assert_eq!(len("1..v.len() - 1").as_deref(), Some("(v.len() - 1).saturating_sub(1)"));
        assert_eq!(len("users.iter().enumerate().map(|(i, u)| (u, i))").as_deref(), Some("users.len()"));
        assert_eq!(len("&self.items").as_deref(), Some("self.items.len()"));
        assert_eq!(len("a.drain(..).zip(b.iter())").as_deref(), Some("a.len()"));
        assert_eq!(len("0..next()"), None);
        assert!(iterable(&syn::parse_str("xs.iter().filter(|x| x.ok)").unwrap()).is_none());
        assert!(iterable(&syn::parse_str("text.lines()").unwrap()).is_none());
        assert!(iterable(&syn::parse_str("0..").unwrap()).is_none());
        assert!(iterable(&syn::parse_str("load().iter()").unwrap()).is_none());
        assert!(iterable(&syn::parse_str("v.drain(1..)").unwrap()).is_none());
    }
}

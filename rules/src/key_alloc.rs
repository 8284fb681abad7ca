//! Keys that allocate an owned copy of something the code already holds borrowed, shared
//! by ML005 (lookups) and ML009 (`entry`): `X.to_string()`, `X.to_owned()`,
//! `String::from(X)`, `X.into_owned()` of text, `X.to_vec()` of a slice, and for lookups
//! also `format!(..)` and tuples holding one of these. Whether `X` is text or a slice is
//! asked of its known type (SPEC §1): an id's `.to_string()` has no borrowed form.

use lint_core::ctor::strip;
use lint_core::semantic::{Answer, KnownType, Proj, TypeNeed, Want};
use lint_core::traverse::LocalCx;

/// How a key is allocated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alloc {
    ToString,
    ToOwned,
    StringFrom,
    IntoOwned,
    ToVec,
    Format,
    /// A tuple with at least one allocating member.
    Tuple,
}

impl Alloc {
    /// What is allocated, for messages.
    pub fn what(self) -> &'static str {
        match self {
            Alloc::ToString => "a `String` (`.to_string()`)",
            Alloc::ToOwned => "an owned copy (`.to_owned()`)",
            Alloc::StringFrom => "a `String` (`String::from`)",
            Alloc::IntoOwned => "an owned copy (`.into_owned()`)",
            Alloc::ToVec => "a `Vec` (`.to_vec()`)",
            Alloc::Format => "a `String` (`format!`)",
            Alloc::Tuple => "a tuple of owned values",
        }
    }
}

/// An allocating key: how, the borrowed form to suggest, and the questions about known
/// types left to the package.
pub struct KeyAlloc {
    pub alloc: Alloc,
    pub borrowed: String,
    pub needs: Vec<TypeNeed>,
}

/// Which forms count: lookups also take `format!` keys and tuples.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Forms {
    Lookup,
    Entry,
}

/// `E` allocates a key with a borrowed form. `map` is the map's known type, whose key
/// type being `String` lets `to_owned`, `String::from` and `into_owned` of any `X` count.
pub fn allocation(e: &syn::Expr, forms: Forms, map: Option<&KnownType>, cx: &LocalCx<'_>) -> Option<KeyAlloc> {
    let key_is_string = || match map {
        Some(m) => cx.ask(&m.clone().then(Proj::Key), Want::String),
        None => Answer::No,
    };
    let text = |x: &syn::Expr| cx.expr_is(x, Want::Text);
    let done = |alloc, borrowed, answer: Answer| Some(KeyAlloc { alloc, borrowed, needs: answer.needs()? });
    match strip(e) {
        syn::Expr::MethodCall(m) if m.args.is_empty() => {
            let x = &*m.receiver;
            let recv = lint_core::iterlen::text_of(x);
            match m.method.to_string().as_str() {
                "to_string" => done(Alloc::ToString, recv, text(x)),
                "to_owned" => {
                    let answer = text(x).or(|| cx.expr_is(x, Want::Slice)).or(key_is_string);
                    done(Alloc::ToOwned, recv, answer)
                }
                "into_owned" => done(Alloc::IntoOwned, format!("&*{recv}"), text(x).or(key_is_string)),
                "to_vec" => done(Alloc::ToVec, recv, cx.expr_is(x, Want::Slice)),
                _ => None,
            }
        }
        syn::Expr::Call(c) if c.args.len() == 1 => {
            let syn::Expr::Path(p) = &*c.func else { return None };
            let n = p.path.segments.len();
            let is_from = n >= 2 && p.path.segments[n - 1].ident == "from" && p.path.segments[n - 2].ident == "String";
            if !is_from {
                return None;
            }
            let x = &c.args[0];
            done(Alloc::StringFrom, lint_core::iterlen::text_of(x), text(x).or(key_is_string))
        }
        syn::Expr::Macro(m) if forms == Forms::Lookup && m.mac.path.is_ident("format") => {
            Some(KeyAlloc { alloc: Alloc::Format, borrowed: "..".to_string(), needs: Vec::new() })
        }
        syn::Expr::Tuple(t) if forms == Forms::Lookup => {
            // The first allocating member decides; the map's key type says nothing of it.
            let mut needs = None;
            for member in &t.elems {
                if let Some(k) = allocation(member, Forms::Lookup, None, cx) {
                    needs = Some(k.needs);
                    break;
                }
            }
            Some(KeyAlloc { alloc: Alloc::Tuple, borrowed: "..".to_string(), needs: needs? })
        }
        _ => None,
    }
}

/// The key expression `E` of a lookup argument `&E`, `E.as_str()`, `&*E`, `E.as_ref()`.
pub fn borrowed_key(arg: &syn::Expr) -> Option<&syn::Expr> {
    let inner = match strip(arg) {
        syn::Expr::Reference(r) if r.mutability.is_none() => match strip(&r.expr) {
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => &*u.expr,
            e => e,
        },
        syn::Expr::MethodCall(m) if (m.method == "as_str" || m.method == "as_ref") && m.args.is_empty() => &*m.receiver,
        _ => return None,
    };
    Some(strip(inner))
}

/// An expression as written, on one line, shortened to its last `max` characters.
pub fn describe(e: &syn::Expr, max: usize) -> String {
    shorten(&lint_core::iterlen::text_of(e), max)
}

/// Text on one line, shortened to its last `max` characters.
fn shorten(text: &str, max: usize) -> String {
    // Line breaks inside a method chain (`x\n    .f`) are dropped, other runs of space kept as one.
    let mut s = String::new();
    for w in text.split_whitespace() {
        if !s.is_empty() && !w.starts_with('.') && !s.ends_with('.') {
            s.push(' ');
        }
        s.push_str(w);
    }
    if s.chars().count() > max {
        let tail: String = s.chars().rev().take(max - 3).collect::<Vec<_>>().into_iter().rev().collect();
        format!("...{tail}")
    } else {
        s
    }
}

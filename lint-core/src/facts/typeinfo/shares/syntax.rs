//! The syntax the share walk reads: names a pattern binds, the value part of a
//! `(key, value)` pattern, tail expressions of a function (also inside `Some(..)`,
//! `Ok(..)`), turbofish initialisers, and
//! the callees and macros that only look at their arguments.

use std::collections::HashSet;

use crate::ctor::strip;
pub(crate) use crate::facts::lifecycle::pat_idents;

/// Callees that only look at their arguments.
pub const LOOKS_ONLY: &[&str] = &[
    "drop",
    "strong_count",
    "weak_count",
    "ptr_eq",
    "as_ptr",
    "size_of_val",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "hash",
    "fmt",
    "contains",
    "contains_key",
    "get",
    "get_mut",
    "remove",
    "lock",
    "borrow",
    "borrow_mut",
];

/// Macros whose arguments are only formatted, logged or compared.
pub const LOGGING_MACROS: &[&str] = &[
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "panic",
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "event",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "matches",
    "todo",
    "unreachable",
    "unimplemented",
    "quote",
    "parse_quote",
    "macro_rules",
];

/// The single name a pattern binds (`x`, `mut x`), if it is one.
pub fn single_ident(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(id) if id.subpat.is_none() => Some(id.ident.to_string()),
        _ => None,
    }
}

/// In a pattern matching a `(key, value)` pair (also inside `Some(..)`, `&`, `Ok(..)`):
/// the value's part.
pub fn second_of_pair(pat: &syn::Pat, depth: usize) -> Option<&syn::Pat> {
    if depth > 8 {
        return None;
    }
    match pat {
        syn::Pat::Tuple(t) if t.elems.len() == 2 => t.elems.iter().nth(1),
        syn::Pat::TupleStruct(t) if t.elems.len() == 1 => second_of_pair(&t.elems[0], depth + 1),
        syn::Pat::Reference(r) => second_of_pair(&r.pat, depth + 1),
        syn::Pat::Paren(p) => second_of_pair(&p.pat, depth + 1),
        syn::Pat::Type(t) => second_of_pair(&t.pat, depth + 1),
        _ => None,
    }
}

/// Whether a `let` initialiser names its type with a turbofish (`HashMap::<K, V>::new()`,
/// `.collect::<HashMap<..>>()`): then a type site was recorded on that statement.
pub fn has_turbofish(e: &syn::Expr, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    match strip(e) {
        syn::Expr::Call(c) => match strip(&c.func) {
            syn::Expr::Path(p) => {
                p.qself.is_some()
                    || p.path.segments.iter().any(|s| matches!(s.arguments, syn::PathArguments::AngleBracketed(_)))
            }
            _ => false,
        },
        syn::Expr::MethodCall(m) => m.turbofish.is_some() || has_turbofish(&m.receiver, depth + 1),
        syn::Expr::Try(t) => has_turbofish(&t.expr, depth + 1),
        _ => false,
    }
}

/// `Some`, `Ok`, `Err`: returning `Some(x)` returns `x`.
pub fn is_wrapping_variant(func: &syn::Expr) -> bool {
    matches!(strip(func), syn::Expr::Path(p) if p.path.get_ident().is_some_and(|i| i == "Some" || i == "Ok" || i == "Err"))
}

/// The expressions in tail position of a function body: its tail expression, through
/// blocks, `if`/`else` branches and `match` arms.
pub fn tail_exprs_of_block(b: &syn::Block, out: &mut HashSet<usize>, depth: usize) {
    if let Some(syn::Stmt::Expr(e, None)) = b.stmts.last() {
        tail_exprs(e, out, depth + 1);
    }
}

fn tail_exprs(e: &syn::Expr, out: &mut HashSet<usize>, depth: usize) {
    if depth > 32 {
        return;
    }
    out.insert(e as *const syn::Expr as usize);
    match e {
        syn::Expr::Paren(p) => tail_exprs(&p.expr, out, depth + 1),
        syn::Expr::Block(b) => tail_exprs_of_block(&b.block, out, depth + 1),
        syn::Expr::Unsafe(u) => tail_exprs_of_block(&u.block, out, depth + 1),
        syn::Expr::If(i) => {
            tail_exprs_of_block(&i.then_branch, out, depth + 1);
            if let Some((_, e)) = &i.else_branch {
                tail_exprs(e, out, depth + 1);
            }
        }
        syn::Expr::Match(m) => m.arms.iter().for_each(|a| tail_exprs(&a.body, out, depth + 1)),
        syn::Expr::Call(c) if c.args.len() == 1 && is_wrapping_variant(&c.func) => {
            tail_exprs(&c.args[0], out, depth + 1)
        }
        _ => {}
    }
}

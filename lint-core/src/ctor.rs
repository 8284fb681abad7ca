//! Recognising map constructors in expressions (`M::new()`, `M::default()`,
//! `Default::default()` with an annotated binding, `M::with_capacity(..)`,
//! `M::with_hasher(..)`, `M::from(..)`, `.collect::<M<..>>()`), and `let` bindings of a
//! single name.

use crate::diagnostic::Span;

/// How a map is constructed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CtorKind {
    New,
    /// `M::default()`
    Default,
    /// `Default::default()`: the type comes from the binding's annotation.
    DefaultDefault,
    WithCapacity,
    WithHasher,
    WithCapacityAndHasher,
    From,
    /// `.collect()` / `.collect::<M>()`
    Collect,
}

/// A constructor call and the map type it builds, as written.
#[derive(Clone, Debug)]
pub struct MapCtor<'a> {
    pub kind: CtorKind,
    /// For `M::f(..)` calls the function path (`std::collections::HashMap::new`); for
    /// `Default::default()` and `.collect()` the annotated or turbofish type's path.
    /// `type_name` reads the type's name off either.
    pub type_path: Option<&'a syn::Path>,
    /// The written type, for messages (`HashMap<u32, String>` or `HashMap`).
    pub type_text: String,
    /// The arguments of the call (the hasher of `with_hasher`, ...).
    pub args: Vec<&'a syn::Expr>,
    /// The whole constructor expression.
    pub span: Span,
}

/// A `let` that binds one name: `let [mut] name[: T] = init;`.
#[derive(Clone, Debug)]
pub struct Binding<'a> {
    pub name: &'a syn::Ident,
    pub mutable: bool,
    pub annotation: Option<&'a syn::Type>,
    pub init: Option<&'a syn::Expr>,
}

/// The binding of a `let` statement with a single identifier pattern.
pub fn binding(local: &syn::Local) -> Option<Binding<'_>> {
    let (pat, annotation) = match &local.pat {
        syn::Pat::Type(t) => (&*t.pat, Some(&*t.ty)),
        p => (p, None),
    };
    let syn::Pat::Ident(id) = pat else { return None };
    if id.by_ref.is_some() || id.subpat.is_some() {
        return None;
    }
    Some(Binding {
        name: &id.ident,
        mutable: id.mutability.is_some(),
        annotation,
        init: local.init.as_ref().filter(|i| i.diverge.is_none()).map(|i| &*i.expr),
    })
}

/// Recognises a map constructor; `annotation` is the binding's declared type, if any.
/// Whether the type really is a map is the caller's question (`LocalCx::map_ref`).
pub fn map_ctor<'a>(expr: &'a syn::Expr, annotation: Option<&'a syn::Type>) -> Option<MapCtor<'a>> {
    let annotated = annotation.and_then(crate::maptypes::type_path);
    // A node's span rebuilds its tokens: computed only for a constructor.
    let span = || Span::of(expr);
    match strip(expr) {
        syn::Expr::Call(call) => {
            let syn::Expr::Path(func) = &*call.func else { return None };
            if func.qself.is_some() {
                return None;
            }
            let segs = &func.path.segments;
            let last = segs.last()?.ident.to_string();
            let args: Vec<&syn::Expr> = call.args.iter().collect();
            if segs.len() == 2 && segs[0].ident == "Default" && last == "default" {
                let path = annotated?;
                return Some(MapCtor {
                    kind: CtorKind::DefaultDefault,
                    type_path: Some(path),
                    type_text: type_text(annotation?),
                    args,
                    span: span(),
                });
            }
            if segs.len() < 2 {
                return None;
            }
            let kind = match last.as_str() {
                "new" => CtorKind::New,
                "default" => CtorKind::Default,
                "with_capacity" => CtorKind::WithCapacity,
                "with_hasher" => CtorKind::WithHasher,
                "with_capacity_and_hasher" => CtorKind::WithCapacityAndHasher,
                "from" | "from_iter" => CtorKind::From,
                _ => return None,
            };
            let type_seg = &segs[segs.len() - 2];
            let type_text = match annotation {
                Some(t) if annotated.is_some_and(|p| same_last(p, &type_seg.ident)) => type_text(t),
                _ => {
                    let mut s = type_seg.ident.to_string();
                    if let syn::PathArguments::AngleBracketed(a) = &type_seg.arguments {
                        s.push_str(compact(&quote::quote!(#a).to_string()).trim_start_matches("::"));
                    }
                    s
                }
            };
            // For calls the function path is kept; `type_name` reads its second-to-last
            // segment.
            Some(MapCtor { kind, type_path: Some(&func.path), type_text, args, span: span() })
        }
        syn::Expr::MethodCall(m) if m.method == "collect" && m.args.is_empty() => {
            let turbofish = m.turbofish.as_ref().and_then(|t| {
                t.args.iter().find_map(|g| match g {
                    syn::GenericArgument::Type(ty) => Some(ty),
                    _ => None,
                })
            });
            let ty = turbofish.or(annotation)?;
            let path = crate::maptypes::type_path(ty)?;
            Some(MapCtor {
                kind: CtorKind::Collect,
                type_path: Some(path),
                type_text: type_text(ty),
                args: vec![],
                span: span(),
            })
        }
        _ => None,
    }
}

impl MapCtor<'_> {
    /// The name of the constructed type (last segment of the type path).
    pub fn type_name(&self) -> Option<String> {
        let path = self.type_path?;
        let segs = &path.segments;
        let is_fn_path = matches!(
            self.kind,
            CtorKind::New
                | CtorKind::Default
                | CtorKind::WithCapacity
                | CtorKind::WithHasher
                | CtorKind::WithCapacityAndHasher
                | CtorKind::From
        );
        let seg = if is_fn_path { segs.iter().rev().nth(1)? } else { segs.last()? };
        Some(seg.ident.to_string())
    }
}

fn same_last(path: &syn::Path, ident: &syn::Ident) -> bool {
    path.segments.last().is_some_and(|s| &s.ident == ident)
}

/// Strips parentheses and groups.
pub fn strip(mut e: &syn::Expr) -> &syn::Expr {
    loop {
        match e {
            syn::Expr::Paren(p) => e = &p.expr,
            syn::Expr::Group(g) => e = &g.expr,
            _ => return e,
        }
    }
}

/// A type as written, compacted (`HashMap<u32, String>`).
pub fn type_text(ty: &syn::Type) -> String {
    compact(&quote::quote!(#ty).to_string())
}

/// Tidies the spacing of tokens printed by `quote`.
pub fn compact(s: &str) -> String {
    let mut out = s.replace(" < ", "<").replace("< ", "<").replace(" >", ">").replace(" ,", ",");
    out = out.replace(" :: ", "::").replace(":: ", "::").replace(" ::", "::").replace("& ", "&");
    out = out
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ;", ";")
        .replace("[ ", "[")
        .replace(" ]", "]");
    // `, (` lost its space with ` (` above.
    let out = out.replace(" .", ".").replace(". ", ".").replace(",(", ", (");
    // An index `c ["k"]` reads `c["k"]`; a slice type after `<` or `,` keeps its space.
    let mut tidy = String::with_capacity(out.len());
    let mut chars = out.chars().peekable();
    while let Some(c) = chars.next() {
        let prev = tidy.chars().last();
        if c == ' ' && chars.peek() == Some(&'[') && prev.is_some_and(|p| p.is_alphanumeric() || "_)]".contains(p)) {
            continue;
        }
        tidy.push(c);
    }
    tidy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctor(src: &str, ann: Option<&str>) -> Option<(CtorKind, String, String)> {
        let e: syn::Expr = syn::parse_str(src).unwrap();
        let t: Option<syn::Type> = ann.map(|a| syn::parse_str(a).unwrap());
        let e: &'static syn::Expr = Box::leak(Box::new(e));
        let t: Option<&'static syn::Type> = t.map(|t| &*Box::leak(Box::new(t)));
        map_ctor(e, t).map(|c| (c.kind, c.type_name().unwrap_or_default(), c.type_text))
    }

    #[test]
    fn compacts_indexing_but_not_slice_types() {
        assert_eq!(compact(r#"c ["50%"] . contains_key"#), r#"c["50%"].contains_key"#);
        assert_eq!(compact("HashMap < u32 , [u8 ; 4] >"), "HashMap<u32, [u8; 4]>");
    }

    #[test]
    fn recognises_constructors() {
        assert_eq!(ctor("HashMap::new()", None), Some((CtorKind::New, "HashMap".into(), "HashMap".into())));
        assert_eq!(
            ctor("std::collections::HashMap::<u32, String>::with_capacity(4)", None),
            Some((CtorKind::WithCapacity, "HashMap".into(), "HashMap<u32, String>".into()))
        );
        assert_eq!(
            ctor("Default::default()", Some("FxHashMap<u32, u8>")),
            Some((CtorKind::DefaultDefault, "FxHashMap".into(), "FxHashMap<u32, u8>".into()))
        );
        assert_eq!(ctor("Default::default()", None), None);
        assert_eq!(
            ctor("xs.iter().collect::<HashSet<_>>()", None),
            Some((CtorKind::Collect, "HashSet".into(), "HashSet<_>".into()))
        );
        assert_eq!(ctor("foo()", None), None);
    }
}

//! `TypeExpr`: a compact, serializable form of a written type, kept in the facts after
//! the syntax tree is dropped. Rules and the index reason about types only through it.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Span;

/// Types nested deeper than this are cut off as `Other`.
const MAX_DEPTH: usize = 32;

/// A written type and where it was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeExpr {
    pub kind: TypeKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TypeKind {
    /// A path type: every segment's name (`["std", "sync", "Mutex"]`) and the generic
    /// type arguments of the last segment.
    Path {
        segments: Vec<String>,
        args: Vec<TypeExpr>,
    },
    Ref {
        mutable: bool,
        elem: Box<TypeExpr>,
    },
    Ptr(Box<TypeExpr>),
    Tuple(Vec<TypeExpr>),
    Array {
        elem: Box<TypeExpr>,
        len: ArrayLen,
    },
    Slice(Box<TypeExpr>),
    /// `dyn A + B` / `impl A + B`: the trait names.
    Traits(Vec<String>),
    Other,
}

/// The length of an array type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArrayLen {
    Lit(u64),
    /// A path to a constant: its last segment.
    Const(String),
    Other,
}

/// The span of a type, as `Span::of` gives it: from its first token to its last. A path
/// type's are read off the path, since `Span::of` prints the whole type to find them, and
/// `TypeExpr::convert` asks again at each level of a nested type (`A<B<C<..>>>`).
fn span_of(ty: &syn::Type) -> Span {
    match ty {
        syn::Type::Path(p) if p.qself.is_none() => {
            let first =
                p.path.leading_colon.map(|c| c.spans[0]).or_else(|| p.path.segments.first().map(|s| s.ident.span()));
            let last = p.path.segments.last().and_then(|s| match &s.arguments {
                syn::PathArguments::None => Some(s.ident.span()),
                syn::PathArguments::AngleBracketed(a) => Some(a.gt_token.span),
                syn::PathArguments::Parenthesized(_) => None,
            });
            match (first, last) {
                (Some(first), Some(last)) => Span { start: Span::from_pm2(first).start, end: Span::from_pm2(last).end },
                _ => Span::of(ty),
            }
        }
        _ => Span::of(ty),
    }
}

impl TypeExpr {
    pub fn from_syn(ty: &syn::Type) -> TypeExpr {
        Self::convert(ty, 0)
    }

    fn convert(ty: &syn::Type, depth: usize) -> TypeExpr {
        let span = span_of(ty);
        let sub = |t: &syn::Type| Box::new(Self::convert(t, depth + 1));
        let kind = if depth > MAX_DEPTH {
            TypeKind::Other
        } else {
            match ty {
                syn::Type::Path(p) if p.qself.is_none() => TypeKind::Path {
                    segments: p.path.segments.iter().map(|s| s.ident.to_string()).collect(),
                    args: crate::maptypes::type_args(&p.path)
                        .into_iter()
                        .map(|t| Self::convert(t, depth + 1))
                        .collect(),
                },
                syn::Type::Reference(r) => TypeKind::Ref { mutable: r.mutability.is_some(), elem: sub(&r.elem) },
                syn::Type::Ptr(p) => TypeKind::Ptr(sub(&p.elem)),
                syn::Type::Paren(p) => return Self::convert(&p.elem, depth + 1),
                syn::Type::Group(g) => return Self::convert(&g.elem, depth + 1),
                syn::Type::Tuple(t) => TypeKind::Tuple(t.elems.iter().map(|e| Self::convert(e, depth + 1)).collect()),
                syn::Type::Array(a) => TypeKind::Array { elem: sub(&a.elem), len: array_len(&a.len) },
                syn::Type::Slice(s) => TypeKind::Slice(sub(&s.elem)),
                syn::Type::TraitObject(t) => TypeKind::Traits(bound_names(&t.bounds)),
                syn::Type::ImplTrait(t) => TypeKind::Traits(bound_names(&t.bounds)),
                _ => TypeKind::Other,
            }
        };
        TypeExpr { kind, span }
    }

    /// The last path segment, for path types.
    pub fn name(&self) -> Option<&str> {
        match &self.kind {
            TypeKind::Path { segments, .. } => segments.last().map(String::as_str),
            _ => None,
        }
    }

    /// The generic type arguments of a path type (empty otherwise).
    pub fn args(&self) -> &[TypeExpr] {
        match &self.kind {
            TypeKind::Path { args, .. } => args,
            _ => &[],
        }
    }

    /// This type with references stripped.
    pub fn peel_refs(&self) -> &TypeExpr {
        match &self.kind {
            TypeKind::Ref { elem, .. } => elem.peel_refs(),
            _ => self,
        }
    }
}

/// Renders the type compactly for messages (`HashMap<u32, Rc<RefCell<Node>>>`). Only
/// what `TypeExpr` keeps is shown: lifetimes and const generic arguments are dropped,
/// an unknown type or array length is `_`.
impl std::fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |f: &mut std::fmt::Formatter<'_>, items: &[TypeExpr]| -> std::fmt::Result {
            for (i, t) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{t}")?;
            }
            Ok(())
        };
        match &self.kind {
            TypeKind::Path { segments, args } => {
                f.write_str(&segments.join("::"))?;
                if !args.is_empty() {
                    f.write_str("<")?;
                    list(f, args)?;
                    f.write_str(">")?;
                }
                Ok(())
            }
            TypeKind::Ref { mutable, elem } => write!(f, "&{}{elem}", if *mutable { "mut " } else { "" }),
            TypeKind::Ptr(elem) => write!(f, "*{elem}"),
            TypeKind::Tuple(elems) => {
                f.write_str("(")?;
                list(f, elems)?;
                f.write_str(if elems.len() == 1 { ",)" } else { ")" })
            }
            TypeKind::Array { elem, len } => match len {
                ArrayLen::Lit(n) => write!(f, "[{elem}; {n}]"),
                ArrayLen::Const(c) => write!(f, "[{elem}; {c}]"),
                ArrayLen::Other => write!(f, "[{elem}; _]"),
            },
            TypeKind::Slice(elem) => write!(f, "[{elem}]"),
            TypeKind::Traits(names) => write!(f, "dyn {}", names.join(" + ")),
            TypeKind::Other => f.write_str("_"),
        }
    }
}

fn array_len(e: &syn::Expr) -> ArrayLen {
    match e {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => {
            i.base10_parse::<u64>().map(ArrayLen::Lit).unwrap_or(ArrayLen::Other)
        }
        syn::Expr::Path(p) => p.path.segments.last().map_or(ArrayLen::Other, |s| ArrayLen::Const(s.ident.to_string())),
        syn::Expr::Group(g) => array_len(&g.expr),
        syn::Expr::Paren(p) => array_len(&p.expr),
        syn::Expr::Block(b) if b.block.stmts.len() == 1 => match &b.block.stmts[0] {
            syn::Stmt::Expr(e, None) => array_len(e),
            _ => ArrayLen::Other,
        },
        _ => ArrayLen::Other,
    }
}

fn bound_names(bounds: &syn::punctuated::Punctuated<syn::TypeParamBound, syn::token::Plus>) -> Vec<String> {
    bounds
        .iter()
        .filter_map(|b| match b {
            syn::TypeParamBound::Trait(t) => t.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_type_s_span_is_read_off_its_path_as_span_of_gives_it() {
        let text =
            "type T = (\n  ::std::collections::HashMap<String, Vec<Vec<u8>>>,\n  Option<Box<dyn Fn(u8) -> u8>>,\n  \
                    a::B,\n  C<'a, D<E>, 3>,\n  <X as Y>::Z,\n  F<G>,\n  dyn Fn(u8) -> Vec<u8>,\n  &'a mut [u8; 4],\n  \
                    UInt<UInt<UTerm, B1>, B0>\n);";
        let file: syn::File = syn::parse_str(text).unwrap();
        let syn::Item::Type(alias) = &file.items[0] else { panic!("an alias") };
        let syn::Type::Tuple(tuple) = &*alias.ty else { panic!("a tuple") };
        let mut paths = 0;
        for ty in &tuple.elems {
            assert_eq!(span_of(ty), Span::of(ty), "{}", quote::quote!(#ty));
            paths += usize::from(matches!(ty, syn::Type::Path(p) if p.qself.is_none()));
        }
        assert_eq!(paths, 6);
    }

    #[test]
    fn converts() {
        let ty: syn::Type = syn::parse_str("&'a std::collections::HashMap<String, [u8; 512]>").unwrap();
        let t = TypeExpr::from_syn(&ty);
        let map = t.peel_refs();
        assert_eq!(map.name(), Some("HashMap"));
        assert_eq!(map.args()[0].name(), Some("String"));
        assert!(matches!(map.args()[1].kind, TypeKind::Array { len: ArrayLen::Lit(512), .. }));
        assert_eq!(t.to_string(), "&std::collections::HashMap<String, [u8; 512]>");
    }
}

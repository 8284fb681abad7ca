//! Hand-written `impl Hash`, `impl PartialEq`, `impl Ord` and `impl PartialOrd`, with the
//! fields their method bodies read: `self.f`, `other.f` (any parameter), tuple fields
//! `self.0`, and fields named in destructuring patterns (`let Self { f, .. } = self`,
//! `Self::Variant { f, .. }`, `Self(a, _)`). Calls to helper methods are not followed.
//! A field read only for its address (`Rc::ptr_eq(&self.f, ..)`, `Arc::as_ptr(&self.f)`,
//! `ptr::eq(&*self.f, ..)`, `self.f.as_ptr()`) is marked as identity.

use serde::{Deserialize, Serialize};
use syn::visit::{self, Visit};

use crate::diagnostic::Span;

/// Which comparison or hashing trait an impl implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TraitKind {
    Hash,
    PartialEq,
    /// `Ord` and `PartialOrd`: what ordered maps (`BTreeMap`, `BTreeSet`) rely on.
    Ord,
}

impl TraitKind {
    /// The trait's name for messages.
    pub fn name(self) -> &'static str {
        match self {
            TraitKind::Hash => "Hash",
            TraitKind::PartialEq => "PartialEq",
            TraitKind::Ord => "Ord",
        }
    }
}

/// A field a trait impl reads, and where it first reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRead {
    /// The field's name, or its index for tuple fields (`"0"`).
    pub name: String,
    pub span: Span,
    /// The impl also fills the field itself (`self.f.set(..)`, `.store(..)`,
    /// `.get_or_init(..)`, `*self.f.borrow_mut() = ..`): a memo of the other parts (a
    /// cached hash) or a statistic, not an input that others change.
    pub memo: bool,
    /// Every read of the field only takes its address (`Rc::ptr_eq`, `Arc::as_ptr`,
    /// `ptr::eq`, `.as_ptr()`): pointer identity, which never changes.
    pub identity: bool,
}

/// A hand-written `impl Hash for T` (or `PartialEq`, `Ord`, `PartialOrd`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraitImpl {
    pub kind: TraitKind,
    /// The last segment of the implementing type's path.
    pub self_ty: String,
    /// Every field read, first occurrence each, in source order.
    pub reads: Vec<FieldRead>,
    /// The line of the `impl` header.
    pub line: u32,
    pub in_test: bool,
    /// The inline module path, within the file, of the impl.
    pub module: Vec<String>,
}

impl TraitImpl {
    /// Where the impl reads the field of this name, if it does.
    pub fn read_of(&self, field: &str) -> Option<&FieldRead> {
        self.reads.iter().find(|r| r.name == field)
    }
}

/// The trait impl's facts, when `i` implements one of the traits above.
pub fn trait_impl(i: &syn::ItemImpl, in_test: bool) -> Option<TraitImpl> {
    let (_, path, _) = i.trait_.as_ref()?;
    let kind = match path.segments.last()?.ident.to_string().as_str() {
        "Hash" => TraitKind::Hash,
        "PartialEq" => TraitKind::PartialEq,
        "Ord" | "PartialOrd" => TraitKind::Ord,
        _ => return None,
    };
    let syn::Type::Path(self_ty) = crate::maptypes::peel_type(&i.self_ty) else { return None };
    let self_ty = self_ty.path.segments.last()?.ident.to_string();
    let mut reads = Reads { self_ty: &self_ty, params: Vec::new(), out: Vec::new() };
    for item in &i.items {
        if let syn::ImplItem::Fn(f) = item {
            reads.params = f
                .sig
                .inputs
                .iter()
                .filter_map(|a| match a {
                    syn::FnArg::Receiver(_) => Some("self".to_string()),
                    syn::FnArg::Typed(t) => match &*t.pat {
                        syn::Pat::Ident(id) => Some(id.ident.to_string()),
                        _ => None,
                    },
                })
                .collect();
            // Patterns in the parameters (`fn eq(&self, Self { a, .. }: &Self)`) read too.
            for input in &f.sig.inputs {
                if let syn::FnArg::Typed(t) = input {
                    reads.visit_pat(&t.pat);
                }
            }
            reads.visit_block(&f.block);
        }
    }
    let reads = reads.out;
    let line = Span::from_pm2(i.impl_token.span).start.line;
    Some(TraitImpl { kind, self_ty, reads, line, in_test, module: Vec::new() })
}

struct Reads<'a> {
    self_ty: &'a str,
    params: Vec<String>,
    out: Vec<FieldRead>,
}

impl Reads<'_> {
    fn push(&mut self, name: String, span: Span) {
        self.push_read(name, span, false);
    }

    fn push_read(&mut self, name: String, span: Span, memo: bool) {
        self.add(name, span, memo, false);
    }

    fn add(&mut self, name: String, span: Span, memo: bool, identity: bool) {
        match self.out.iter_mut().find(|r| r.name == name) {
            Some(r) => {
                r.memo |= memo;
                r.identity &= identity;
            }
            None => self.out.push(FieldRead { name, span, memo, identity }),
        }
    }

    /// An argument or receiver whose address is taken: a field read only for identity;
    /// anything else is visited as usual.
    fn address_of(&mut self, e: &syn::Expr) {
        let mut inner = e;
        loop {
            match inner {
                syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => inner = &u.expr,
                syn::Expr::Reference(r) => inner = &r.expr,
                syn::Expr::Paren(p) => inner = &p.expr,
                _ => break,
            }
        }
        match self.field_read(inner) {
            Some(f) => self.add(member_name(&f.member), Span::of(f), false, true),
            None => self.visit_expr(e),
        }
    }

    /// The field at the root of a place written through (`*self.f.borrow_mut()`,
    /// `self.f.lock().unwrap().x`), marked as filled by the impl.
    fn mark_written(&mut self, mut e: &syn::Expr) {
        loop {
            match e {
                syn::Expr::Paren(p) => e = &p.expr,
                syn::Expr::Group(g) => e = &g.expr,
                syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => e = &u.expr,
                syn::Expr::MethodCall(m) => e = &m.receiver,
                syn::Expr::Try(t) => e = &t.expr,
                syn::Expr::Index(i) => e = &i.expr,
                syn::Expr::Field(f) => match self.field_read(e) {
                    Some(_) => return self.push_read(member_name(&f.member), Span::of(f), true),
                    None => e = &f.base,
                },
                _ => return,
            }
        }
    }

    /// `param.f` (through parentheses, references and dereferences): the field read.
    fn field_read<'e>(&self, e: &'e syn::Expr) -> Option<&'e syn::ExprField> {
        let mut e = e;
        loop {
            match e {
                syn::Expr::Paren(p) => e = &p.expr,
                syn::Expr::Group(g) => e = &g.expr,
                syn::Expr::Reference(r) => e = &r.expr,
                syn::Expr::Field(f) if base_ident(&f.base).is_some_and(|b| self.params.contains(&b)) => return Some(f),
                _ => return None,
            }
        }
    }

    /// `Self`, `T`, `Self::Variant`, `T::Variant` (also with a module prefix).
    fn is_own_path(&self, path: &syn::Path) -> bool {
        let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let own = |s: &String| s == "Self" || s == self.self_ty;
        match segs.as_slice() {
            [.., last] if own(last) => true,
            [.., ty, _variant] => own(ty),
            _ => false,
        }
    }
}

/// Methods that fill an interior-mutable field.
const WRITES: &[&str] = &[
    "set",
    "store",
    "swap",
    "replace",
    "take",
    "get_or_init",
    "get_or_try_init",
    "get_or_insert_with",
    "compare_exchange",
    "compare_exchange_weak",
    "fetch_add",
    "fetch_sub",
    "fetch_or",
    "fetch_and",
    "fetch_max",
    "fetch_min",
    "fetch_update",
];

fn member_name(m: &syn::Member) -> String {
    match m {
        syn::Member::Named(id) => id.to_string(),
        syn::Member::Unnamed(i) => i.index.to_string(),
    }
}

/// The base of a field access, through parentheses, references and dereferences.
fn base_ident(mut e: &syn::Expr) -> Option<String> {
    loop {
        match e {
            syn::Expr::Paren(p) => e = &p.expr,
            syn::Expr::Group(g) => e = &g.expr,
            syn::Expr::Reference(r) => e = &r.expr,
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => e = &u.expr,
            syn::Expr::Path(p) if p.qself.is_none() => return p.path.get_ident().map(|i| i.to_string()),
            _ => return None,
        }
    }
}

/// Functions that take only the address of their arguments: `Rc::ptr_eq`, `Arc::as_ptr`,
/// `ptr::eq`, `ptr::addr_eq`, `ptr::addr_of`.
fn is_address_fn(path: &syn::Path) -> bool {
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    match segs.as_slice() {
        [.., last] if matches!(last.as_str(), "ptr_eq" | "as_ptr" | "addr_eq" | "addr_of") => true,
        [.., module, last] => module == "ptr" && last == "eq",
        _ => false,
    }
}

impl<'ast> Visit<'ast> for Reads<'_> {
    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        match crate::ctor::strip(&c.func) {
            syn::Expr::Path(p) if p.qself.is_none() && is_address_fn(&p.path) => {
                c.args.iter().for_each(|a| self.address_of(a))
            }
            _ => visit::visit_expr_call(self, c),
        }
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        if matches!(m.method.to_string().as_str(), "as_ptr" | "ptr_eq") {
            self.address_of(&m.receiver);
            m.args.iter().for_each(|a| self.address_of(a));
            return;
        }
        if WRITES.contains(&m.method.to_string().as_str()) {
            if let Some(f) = self.field_read(&m.receiver) {
                self.push_read(member_name(&f.member), Span::of(f), true);
            }
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_assign(&mut self, a: &'ast syn::ExprAssign) {
        self.mark_written(&a.left);
        visit::visit_expr_assign(self, a);
    }

    fn visit_expr_field(&mut self, f: &'ast syn::ExprField) {
        if base_ident(&f.base).is_some_and(|b| self.params.contains(&b)) {
            self.push(member_name(&f.member), Span::of(f));
        }
        visit::visit_expr_field(self, f);
    }

    fn visit_pat_struct(&mut self, p: &'ast syn::PatStruct) {
        if self.is_own_path(&p.path) {
            for fp in &p.fields {
                if !matches!(&*fp.pat, syn::Pat::Wild(_)) {
                    self.push(member_name(&fp.member), Span::of(fp));
                }
            }
        }
        visit::visit_pat_struct(self, p);
    }

    fn visit_pat_tuple_struct(&mut self, p: &'ast syn::PatTupleStruct) {
        if self.is_own_path(&p.path) {
            for (i, e) in p.elems.iter().enumerate() {
                match e {
                    syn::Pat::Rest(_) => break,
                    syn::Pat::Wild(_) => {}
                    _ => self.push(i.to_string(), Span::of(e)),
                }
            }
        }
        visit::visit_pat_tuple_struct(self, p);
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {
        // Nested items are other code.
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(src: &str) -> Option<(TraitKind, String, Vec<String>)> {
        let i: syn::ItemImpl = syn::parse_str(src).unwrap();
        trait_impl(&i, false).map(|t| (t.kind, t.self_ty, t.reads.into_iter().map(|r| r.name).collect()))
    }

    #[test]
    fn field_reads() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            reads("impl std::hash::Hash for Key { fn hash<H: Hasher>(&self, h: &mut H) { self.id.hash(h); (*self).hits.get().hash(h); } }"),
            Some((TraitKind::Hash, "Key".into(), s(&["id", "hits"])))
        );
        assert_eq!(
            reads("impl PartialEq for Key { fn eq(&self, other: &Self) -> bool { let Self { a, b: _, .. } = self; *a == other.0 && local.c } }"),
            Some((TraitKind::PartialEq, "Key".into(), s(&["a", "0"])))
        );
        assert_eq!(
            reads("impl<T> Ord for E<T> { fn cmp(&self, o: &Self) -> Ordering { match self { E::A(x, _) => x.cmp(o), Self::B { n, .. } => n.cmp(o) } } }"),
            Some((TraitKind::Ord, "E".into(), s(&["0", "n"])))
        );
        assert_eq!(reads("impl Display for Key { fn fmt(&self) { self.a; } }"), None);
        let i: syn::ItemImpl = syn::parse_str(
            "impl Hash for K { fn hash(&self) { \
                 self.h.get_or_init(|| self.x).hash(); \
                 if let Some(c) = self.c.get() { c } else { self.c.set(Some(1)); } \
                 *self.m.borrow_mut() = None; \
                 self.n.lock().unwrap().hash(); \
                 self.calls.fetch_add(1, Relaxed); \
             } }",
        )
        .unwrap();
        let t = trait_impl(&i, false).unwrap();
        let memo: Vec<_> = t.reads.iter().map(|r| (r.name.as_str(), r.memo)).collect();
        assert_eq!(memo, vec![("h", true), ("x", false), ("c", true), ("m", true), ("n", false), ("calls", true)]);
        assert_eq!(
            reads("impl Hash for Key { fn hash(&self) { fn inner(s: &S) { s.x; } } }").map(|r| r.2),
            Some(vec![])
        );
    }

    #[test]
    fn address_reads_are_identity() {
        let identity = |src: &str| {
            let i: syn::ItemImpl = syn::parse_str(src).unwrap();
            trait_impl(&i, false).unwrap().reads.into_iter().map(|r| (r.name, r.identity)).collect::<Vec<_>>()
        };
        assert_eq!(
            identity("impl PartialEq for K { fn eq(&self, o: &Self) -> bool { Rc::ptr_eq(&self.a, &o.a) && std::ptr::eq(&*self.b, &*o.b) } }"),
            vec![("a".to_string(), true), ("b".to_string(), true)]
        );
        assert_eq!(
            identity("impl Hash for K { fn hash(&self) { (Arc::as_ptr(&self.a) as usize).hash(h); self.b.as_ptr().hash(h); self.a.lock().hash(h); } }"),
            vec![("a".to_string(), false), ("b".to_string(), true)]
        );
    }
}

//! The anchor of a written type: the first line of the innermost statement or item
//! holding it, which suppression comments and `let` roots refer to.

use crate::diagnostic::Span;

/// The innermost statement or item being visited. Its first line is computed only when
/// a type is kept: a node's span is costly (its tokens are rebuilt), and few nodes hold one.
#[derive(Clone, Copy)]
pub(super) enum Anchor<'ast> {
    Line(u32),
    Item(&'ast syn::Item),
    ImplItem(&'ast syn::ImplItem),
    TraitItem(&'ast syn::TraitItem),
    Stmt(&'ast syn::Stmt),
}

impl Anchor<'_> {
    pub(super) fn line(self) -> u32 {
        match self {
            Anchor::Line(l) => l,
            Anchor::Item(i) => item_line(i),
            Anchor::ImplItem(syn::ImplItem::Fn(f)) => {
                head_line(&f.attrs, &[vis_span(&f.vis), f.defaultness.map(|d| d.span)], || Span::of(&f.sig))
            }
            Anchor::ImplItem(i) => Span::of(i).start.line,
            Anchor::TraitItem(syn::TraitItem::Fn(f)) => head_line(&f.attrs, &[], || Span::of(&f.sig)),
            Anchor::TraitItem(i) => Span::of(i).start.line,
            Anchor::Stmt(syn::Stmt::Local(l)) => head_line(&l.attrs, &[Some(l.let_token.span)], || Span::of(l)),
            Anchor::Stmt(syn::Stmt::Item(i)) => item_line(i),
            Anchor::Stmt(s) => Span::of(s).start.line,
        }
    }
}

/// The first line of an item. Items with a body are read from their head: the span of a
/// whole node rebuilds every token in it.
fn item_line(i: &syn::Item) -> u32 {
    match i {
        syn::Item::Fn(f) => head_line(&f.attrs, &[vis_span(&f.vis)], || Span::of(&f.sig)),
        syn::Item::Impl(m) => {
            let heads = [m.defaultness.map(|d| d.span), m.unsafety.map(|u| u.span), Some(m.impl_token.span)];
            head_line(&m.attrs, &heads, || Span::of(i))
        }
        syn::Item::Mod(m) => {
            let heads = [vis_span(&m.vis), m.unsafety.map(|u| u.span), Some(m.mod_token.span)];
            head_line(&m.attrs, &heads, || Span::of(i))
        }
        syn::Item::Trait(t) => {
            let heads =
                [vis_span(&t.vis), t.unsafety.map(|u| u.span), t.auto_token.map(|a| a.span), Some(t.trait_token.span)];
            head_line(&t.attrs, &heads, || Span::of(i))
        }
        syn::Item::Struct(s) => head_line(&s.attrs, &[vis_span(&s.vis), Some(s.struct_token.span)], || Span::of(i)),
        syn::Item::Enum(e) => head_line(&e.attrs, &[vis_span(&e.vis), Some(e.enum_token.span)], || Span::of(i)),
        _ => Span::of(i).start.line,
    }
}

/// The line of the first token of a node whose tokens are printed as: its outer
/// attributes, then the first of `heads` that is present, else what `rest` spans.
fn head_line(attrs: &[syn::Attribute], heads: &[Option<proc_macro2::Span>], rest: impl FnOnce() -> Span) -> u32 {
    if let Some(a) = attrs.iter().find(|a| matches!(a.style, syn::AttrStyle::Outer)) {
        return Span::from_pm2(a.pound_token.span).start.line;
    }
    match heads.iter().flatten().next() {
        Some(s) => Span::from_pm2(*s).start.line,
        None => rest().start.line,
    }
}

/// The span of the `pub` of a visibility, if written.
fn vis_span(v: &syn::Visibility) -> Option<proc_macro2::Span> {
    match v {
        syn::Visibility::Public(p) => Some(p.span),
        syn::Visibility::Restricted(r) => Some(r.pub_token.span),
        syn::Visibility::Inherited => None,
    }
}

#[cfg(test)]
mod tests {
    use syn::visit::{self, Visit};

    use super::Anchor;
    use crate::diagnostic::Span;

    /// Compares every anchor's line with the first line of its whole span.
    struct Check(usize);

    impl Check {
        fn same(&mut self, anchor: Anchor, whole: Span) {
            assert_eq!(anchor.line(), whole.start.line, "at {whole:?}");
            self.0 += 1;
        }
    }

    impl<'ast> Visit<'ast> for Check {
        fn visit_item(&mut self, i: &'ast syn::Item) {
            self.same(Anchor::Item(i), Span::of(i));
            visit::visit_item(self, i);
        }
        fn visit_impl_item(&mut self, i: &'ast syn::ImplItem) {
            self.same(Anchor::ImplItem(i), Span::of(i));
            visit::visit_impl_item(self, i);
        }
        fn visit_trait_item(&mut self, i: &'ast syn::TraitItem) {
            self.same(Anchor::TraitItem(i), Span::of(i));
            visit::visit_trait_item(self, i);
        }
        fn visit_stmt(&mut self, s: &'ast syn::Stmt) {
            self.same(Anchor::Stmt(s), Span::of(s));
            visit::visit_stmt(self, s);
        }
    }

    #[test]
    fn head_lines_are_the_first_lines_of_the_nodes() {
        let text = "
/// A doc line.
#[derive(Debug)]
pub
struct A { m: HashMap<u8, u8> }
enum E { X }
pub(crate)
enum F { Y }
unsafe
impl Send for A {}
impl A {
    #[inline]
    pub fn f(&self) -> HashMap<u8, u8> {
        #![allow(unused)]
        #[allow(unused)]
        let a: HashMap<u8, u8> = HashMap::new();
        let
            b = 1;
        fn inner() {}
        a
    }
    default
    fn g() {}
    const C: u8 = 1;
}
pub unsafe
auto trait T {}
trait U {
    /// Doc.
    fn h(&self) -> u8 { 1 }
    fn i(&self);
}
#[cfg(test)]
mod tests {
    fn k() {}
}
pub mod m;
async fn l() { x(); }
fn n()
{
    #![allow(unused)]
}
";
        let file = crate::syntax::parse_file(text).unwrap();
        let mut check = Check(0);
        check.visit_file(&file);
        assert_eq!(check.0, 24);
    }
}

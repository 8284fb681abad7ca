//! Static declarations: `static` items, and the statics declared by `lazy_static! {
//! static ref NAME: T = ..; }` and `thread_local! { static NAME: T = ..; }`, whose bodies
//! `syn` leaves as tokens.

use syn::parse::{ParseStream, Parser};

use super::{StaticDecl, StaticForm};
use crate::diagnostic::Span;
use crate::testcode::is_test_attrs;
use crate::types::TypeExpr;

/// A static declaration as found in the tree, before it gets its scope.
pub struct Decl {
    pub name: syn::Ident,
    pub ty: TypeExpr,
    pub form: StaticForm,
    pub anchor_line: u32,
    pub is_test: bool,
    /// The initialiser of a macro-declared static (`syn` keeps a `static` item's own).
    pub init: Option<syn::Expr>,
}

impl Decl {
    pub fn into_fact(self, in_test: bool, module: &[String], local_id: Option<u32>) -> (StaticDecl, Option<syn::Expr>) {
        let decl = StaticDecl {
            name: self.name.to_string(),
            module: module.to_vec(),
            ty: self.ty,
            form: self.form,
            name_span: Span::of(&self.name),
            anchor_line: self.anchor_line,
            in_test: in_test || self.is_test,
            local_id,
        };
        (decl, self.init)
    }
}

/// The declaration of a `static` item.
pub fn of_item(i: &syn::ItemStatic) -> Decl {
    Decl {
        name: i.ident.clone(),
        ty: TypeExpr::from_syn(&i.ty),
        form: StaticForm::Item,
        anchor_line: i
            .attrs
            .first()
            .map_or_else(|| Span::of(&i.static_token), Span::of)
            .start
            .line
            .min(Span::of(&i.static_token).start.line),
        is_test: is_test_attrs(&i.attrs),
        init: None,
    }
}

/// Whether a macro is `lazy_static!` or `thread_local!`.
pub fn is_static_macro(mac: &syn::Macro) -> bool {
    mac.path.segments.last().is_some_and(|s| s.ident == "lazy_static" || s.ident == "thread_local")
}

/// The statics declared by a `lazy_static!` or `thread_local!` invocation; empty for
/// other macros. A body that does not parse yields the declarations before the error.
pub fn of_macro(mac: &syn::Macro, attrs: &[syn::Attribute]) -> Vec<Decl> {
    let Some(last) = mac.path.segments.last() else { return Vec::new() };
    let form = if last.ident == "lazy_static" {
        StaticForm::LazyStatic
    } else if last.ident == "thread_local" {
        StaticForm::ThreadLocal
    } else {
        return Vec::new();
    };
    let outer_test = is_test_attrs(attrs);
    let mut out = Vec::new();
    let parser = |input: ParseStream| -> syn::Result<()> {
        while !input.is_empty() {
            let inner = input.call(syn::Attribute::parse_outer)?;
            let start = input.span();
            let _: syn::Visibility = input.parse()?;
            let static_token: syn::Token![static] = input.parse()?;
            if form == StaticForm::LazyStatic {
                let _: syn::Token![ref] = input.parse()?;
            }
            let name: syn::Ident = input.parse()?;
            let _: syn::Token![:] = input.parse()?;
            let ty: syn::Type = input.parse()?;
            let _: syn::Token![=] = input.parse()?;
            let init: syn::Expr = input.parse()?;
            let first = inner.first().map_or_else(|| Span::from_pm2(start), Span::of);
            let first = first.start.line.min(Span::of(&static_token).start.line);
            out.push(Decl {
                name,
                ty: TypeExpr::from_syn(&ty),
                form,
                anchor_line: first,
                is_test: outer_test || is_test_attrs(&inner),
                init: Some(init),
            });
            if input.is_empty() {
                break;
            }
            let _: syn::Token![;] = input.parse()?;
        }
        Ok(())
    };
    // A malformed body keeps the declarations parsed before the error.
    let _ = parser.parse2(mac.tokens.clone());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(src: &str) -> Vec<(String, StaticForm, u32)> {
        let m: syn::Macro = syn::parse_str(src).unwrap();
        of_macro(&m, &[]).into_iter().map(|d| (d.name.to_string(), d.form, d.anchor_line)).collect()
    }

    #[test]
    fn macro_bodies() {
        let lazy = "lazy_static! {\n    /// doc\n    pub static ref A: Mutex<HashMap<u8, u8>> = Mutex::new(HashMap::new());\n    static ref B: u8 = 1;\n}";
        assert_eq!(
            names(lazy),
            vec![("A".to_string(), StaticForm::LazyStatic, 2), ("B".to_string(), StaticForm::LazyStatic, 4)]
        );
        let tl = "std::thread_local! { static C: RefCell<HashSet<u32>> = const { RefCell::new(HashSet::new()) } }";
        assert_eq!(names(tl), vec![("C".to_string(), StaticForm::ThreadLocal, 1)]);
        assert_eq!(
            names("thread_local! { static D: u8 = 1; static oops }"),
            vec![("D".to_string(), StaticForm::ThreadLocal, 1)]
        );
        assert!(names("vec![1, 2]").is_empty());
    }
}

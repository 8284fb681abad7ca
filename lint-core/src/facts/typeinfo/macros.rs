//! The statics declared inside `lazy_static! { .. }` and `thread_local! { .. }`, whose
//! bodies `syn` leaves as tokens: `#[attrs] vis static [ref] NAME: T = EXPR;` each.

use syn::parse::Parser;

use crate::diagnostic::Span;

/// A static declared in a macro body.
pub struct MacroStatic {
    pub attrs: Vec<syn::Attribute>,
    pub ident: syn::Ident,
    pub ty: syn::Type,
    /// The first line of the declaration, attributes included.
    pub line: u32,
}

/// The statics of a `lazy_static!` or `thread_local!` invocation (any path prefix); a
/// malformed body yields those parsed before the error.
pub fn statics(mac: &syn::Macro) -> Vec<MacroStatic> {
    let Some(name) = mac.path.segments.last().map(|s| s.ident.to_string()) else { return Vec::new() };
    if name != "lazy_static" && name != "thread_local" {
        return Vec::new();
    }
    let mut found = Vec::new();
    let _ = (|input: syn::parse::ParseStream| parse_statics(input, &mut found)).parse2(mac.tokens.clone());
    found
}

fn parse_statics(input: syn::parse::ParseStream, out: &mut Vec<MacroStatic>) -> syn::Result<()> {
    while !input.is_empty() {
        let attrs = input.call(syn::Attribute::parse_outer)?;
        let vis: syn::Visibility = input.parse()?;
        let static_token: syn::Token![static] = input.parse()?;
        if input.peek(syn::Token![ref]) {
            input.parse::<syn::Token![ref]>()?;
        }
        let ident: syn::Ident = input.parse()?;
        input.parse::<syn::Token![:]>()?;
        let ty: syn::Type = input.parse()?;
        let first = attrs.first().map(Span::of).or_else(|| match vis {
            syn::Visibility::Inherited => None,
            ref v => Some(Span::of(v)),
        });
        let line = first.unwrap_or_else(|| Span::from_pm2(static_token.span)).start.line;
        out.push(MacroStatic { attrs, ident, ty, line });
        input.parse::<syn::Token![=]>()?;
        input.parse::<syn::Expr>()?;
        if !input.is_empty() {
            input.parse::<syn::Token![;]>()?;
        }
    }
    Ok(())
}

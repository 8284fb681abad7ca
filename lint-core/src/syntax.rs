//! Parsing a file with `syn` without ever overflowing the stack, and finding the anchor
//! of a finding (the innermost statement, field or item holding it) for suppression.

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};

use crate::diagnostic::Span;

/// Deeper bracket nesting than this is refused before `syn` sees it.
pub const MAX_NESTING: usize = 256;

/// Parses a file's text (byte-order mark already removed).
pub fn parse_file(text: &str) -> Result<syn::File, String> {
    // A shebang line is blanked rather than removed, so positions stay the same.
    let owned;
    let text = if text.starts_with("#!") && !text.starts_with("#![") {
        let end = text.find('\n').unwrap_or(text.len());
        owned = format!("{}{}", " ".repeat(text[..end].chars().count()), &text[end..]);
        &owned
    } else {
        text
    };
    let tokens: TokenStream = text.parse().map_err(|e: proc_macro2::LexError| {
        let at = e.span().start();
        format!("syntax error at {}:{}: cannot tokenize", at.line, at.column + 1)
    })?;
    let depth = nesting_depth(&tokens);
    if depth > MAX_NESTING {
        return Err(format!("nesting deeper than {MAX_NESTING} levels ({depth})"));
    }
    syn::parse2::<syn::File>(tokens).map_err(|e| {
        let at = e.span().start();
        format!("syntax error at {}:{}: {}", at.line, at.column + 1, e)
    })
}

/// The deepest nesting of a token stream, computed without recursion: bracket groups,
/// plus, within a group, open `<` angle brackets (reset at `;` and braces) and runs of prefix
/// operators (`&&&&x`), which `syn` also parses recursively.
fn nesting_depth(tokens: &TokenStream) -> usize {
    struct Level {
        iter: proc_macro2::token_stream::IntoIter,
        angle: usize,
        run: usize,
    }
    let level = |ts: TokenStream| Level { iter: ts.into_iter(), angle: 0, run: 0 };
    let mut stack = vec![level(tokens.clone())];
    let mut max = 0;
    while let Some(top) = stack.last_mut() {
        let Some(tt) = top.iter.next() else {
            stack.pop();
            continue;
        };
        match &tt {
            TokenTree::Punct(p) => match p.as_char() {
                '<' => top.angle += 1,
                '>' => top.angle = top.angle.saturating_sub(1),
                ';' => top.angle = 0,
                '&' | '*' | '-' | '!' => top.run += 1,
                _ => top.run = 0,
            },
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => {
                top.angle = 0;
                top.run = 0;
            }
            _ => top.run = 0,
        }
        let inner = top.angle.max(top.run);
        let here = stack.len() - 1 + inner;
        if let TokenTree::Group(g) = tt {
            stack.push(level(g.stream()));
        }
        max = max.max(here).max(stack.len() - 1);
        if max > MAX_NESTING {
            break;
        }
    }
    max
}

/// For each span, the first line of the innermost statement, struct field, variant or
/// item that holds it.
pub fn anchor_lines(file: &syn::File, spans: &[Span]) -> Vec<Option<u32>> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].start);
    let mut a = Anchors { spans, order, best: vec![None; spans.len()] };
    a.visit_file(file);
    a.best
}

struct Anchors<'s> {
    spans: &'s [Span],
    /// Indices of `spans` sorted by start, so that a node looks only at the spans that
    /// start inside it, not at every finding of the file.
    order: Vec<usize>,
    best: Vec<Option<u32>>,
}

impl Anchors<'_> {
    fn node<T: syn::spanned::Spanned>(&mut self, n: &T) {
        let s = Span::of(n);
        let from = self.order.partition_point(|&i| self.spans[i].start < s.start);
        for &i in &self.order[from..] {
            let target = &self.spans[i];
            if target.start > s.end {
                break;
            }
            if s.contains(target) {
                self.best[i] = Some(s.start.line);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Anchors<'_> {
    fn visit_stmt(&mut self, n: &'ast syn::Stmt) {
        self.node(n);
        visit::visit_stmt(self, n);
    }
    fn visit_item(&mut self, n: &'ast syn::Item) {
        self.node(n);
        visit::visit_item(self, n);
    }
    fn visit_field(&mut self, n: &'ast syn::Field) {
        self.node(n);
        visit::visit_field(self, n);
    }
    fn visit_variant(&mut self, n: &'ast syn::Variant) {
        self.node(n);
        visit::visit_variant(self, n);
    }
    fn visit_impl_item(&mut self, n: &'ast syn::ImplItem) {
        self.node(n);
        visit::visit_impl_item(self, n);
    }
    fn visit_trait_item(&mut self, n: &'ast syn::TraitItem) {
        self.node(n);
        visit::visit_trait_item(self, n);
    }
}

#[cfg(test)]
mod anchor_tests {
    use super::*;

    #[test]
    fn anchors_are_the_innermost_statement_or_item() {
        let file =
            parse_file("fn f() {\n    let a = 1;\n    if a > 0 {\n        g(\n            a);\n    }\n}\nstruct S;\n")
                .expect("parses");
        let span = |line, column, end_column| Span {
            start: crate::diagnostic::Pos { line, column },
            end: crate::diagnostic::Pos { line, column: end_column },
        };
        // Out of order: the call's argument (in the statement from line 4), `S`, `a` in
        // the `let`, and a span outside every node.
        let spans = [span(5, 13, 14), span(8, 8, 9), span(2, 9, 10), span(9, 1, 2)];
        assert_eq!(anchor_lines(&file, &spans), [Some(4), Some(8), Some(2), None]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_deep_nesting_and_reports_errors() {
        let deep = format!("fn f() {{ let x = {}1{}; }}", "(".repeat(20_000), ")".repeat(20_000));
        assert!(parse_file(&deep).unwrap_err().starts_with("nesting deeper than 256 levels"));
        let bad = parse_file("fn f( {").unwrap_err();
        assert!(bad.starts_with("syntax error at 1:"), "{bad}");
        assert!(parse_file("#!/usr/bin/env run\nfn main() {}").is_ok());
        let generic = format!("type T = {}u8{};", "Vec<".repeat(20_000), ">".repeat(20_000));
        assert!(parse_file(&generic).unwrap_err().starts_with("nesting deeper"));
        let refs = format!("type T = {}u8;", "&".repeat(20_000));
        assert!(parse_file(&refs).unwrap_err().starts_with("nesting deeper"));
        let many = format!("fn f() {{ {} }}", "if a < b { x(); } ".repeat(2_000));
        assert!(parse_file(&many).is_ok());
    }
}

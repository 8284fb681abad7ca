//! Parsing a file with `syn` without ever overflowing the stack, and finding the anchor
//! of a finding (the innermost statement, field or item holding it) for suppression.

mod lexed;
mod nesting;
#[cfg(test)]
mod nesting_oracle;

use proc_macro2::TokenStream;
use syn::visit::{self, Visit};

use crate::diagnostic::Span;
pub use nesting::{MAX_NESTING, MAX_SEGMENT};

/// Parses a file's text (byte-order mark already removed).
pub fn parse_file(text: &str) -> Result<syn::File, String> {
    // A shebang line is blanked rather than removed, so positions stay the same.
    let owned;
    let text = if text.starts_with("#!") && !text.starts_with("#![") {
        let end = text.find('\n').unwrap_or(text.len());
        let blanks = text[..end].chars().count();
        let mut blanked = String::with_capacity(blanks + text.len() - end);
        for _ in 0..blanks {
            blanked.push(' ');
        }
        blanked.push_str(&text[end..]);
        owned = blanked;
        &owned
    } else {
        text
    };
    let tokens: TokenStream = text.parse().map_err(|e: proc_macro2::LexError| {
        let at = e.span().start();
        format!("syntax error at {}:{}: cannot tokenize", at.line, at.column + 1)
    })?;
    // Most files are read off their bytes as far from either limit; the others are walked
    // token by token, and the tokens come back (moved, not copied) only when no deeper
    // than `MAX_NESTING`.
    let shallow = lexed::estimate(text).is_some_and(|e| e.depth <= MAX_NESTING / 2 && e.longest <= MAX_SEGMENT / 2);
    let tokens = if shallow {
        tokens
    } else {
        let walked = nesting::nesting_depth(tokens)?;
        let Some(tokens) = walked.tokens else {
            return Err(format!("nesting deeper than {MAX_NESTING} levels ({})", walked.depth));
        };
        tokens
    };
    syn::parse2::<syn::File>(tokens).map_err(|e| {
        let at = e.span().start();
        format!("syntax error at {}:{}: {}", at.line, at.column + 1, e)
    })
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
    /// Records the node as the anchor of the spans inside it; false when there is none,
    /// and so none inside the nodes within it, which are then not visited (a node's span
    /// rebuilds its tokens).
    fn node<T: syn::spanned::Spanned>(&mut self, n: &T) -> bool {
        let s = Span::of(n);
        let from = self.order.partition_point(|&i| self.spans[i].start < s.start);
        let mut any = false;
        for &i in &self.order[from..] {
            let target = &self.spans[i];
            if target.start > s.end {
                break;
            }
            if s.contains(target) {
                self.best[i] = Some(s.start.line);
                any = true;
            }
        }
        any
    }
}

impl<'ast> Visit<'ast> for Anchors<'_> {
    fn visit_stmt(&mut self, n: &'ast syn::Stmt) {
        if self.node(n) {
            visit::visit_stmt(self, n);
        }
    }
    fn visit_item(&mut self, n: &'ast syn::Item) {
        if self.node(n) {
            visit::visit_item(self, n);
        }
    }
    fn visit_field(&mut self, n: &'ast syn::Field) {
        if self.node(n) {
            visit::visit_field(self, n);
        }
    }
    fn visit_variant(&mut self, n: &'ast syn::Variant) {
        if self.node(n) {
            visit::visit_variant(self, n);
        }
    }
    fn visit_impl_item(&mut self, n: &'ast syn::ImplItem) {
        if self.node(n) {
            visit::visit_impl_item(self, n);
        }
    }
    fn visit_trait_item(&mut self, n: &'ast syn::TraitItem) {
        if self.node(n) {
            visit::visit_trait_item(self, n);
        }
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
        // Near the limit, the tokens are walked: the depth is the same to the level. `syn`
        // recurses once per level: on a worker's stack, as the engine gives.
        let near = std::thread::Builder::new().stack_size(crate::engine::WORKER_STACK).spawn(|| {
            let nested = |n: usize| format!("fn f() {{ let x = {}1{}; }}", "(".repeat(n), ")".repeat(n));
            assert!(parse_file(&nested(200)).is_ok());
            assert!(parse_file(&nested(253)).is_ok());
            assert_eq!(parse_file(&nested(254)).unwrap_err(), "nesting deeper than 256 levels (257)");
        });
        near.expect("spawn").join().expect("no failure");
        let bad = parse_file("fn f( {").unwrap_err();
        assert!(bad.starts_with("syntax error at 1:"), "{bad}");
        assert!(parse_file("#!/usr/bin/env run\nfn main() {}").is_ok());
        let generic = format!("type T = {}u8{};", "Vec<".repeat(20_000), ">".repeat(20_000));
        assert!(parse_file(&generic).unwrap_err().starts_with("nesting deeper"));
        let refs = format!("type T = {}u8;", "&".repeat(20_000));
        assert!(parse_file(&refs).unwrap_err().starts_with("nesting deeper"));
        let many = format!("fn f() {{ {} }}", "if a < b { x(); } ".repeat(2_000));
        assert!(parse_file(&many).is_ok());
        // Recursion without brackets: closures, return types, pointers, assignments.
        for (head, tail) in [
            ("fn f() { let x = ", "|| "),
            ("fn f() { let x = ", "|a, b| "),
            ("fn f() { let x = ", "move |a| "),
            ("type T = ", "fn() -> "),
            ("type T = ", "*const "),
            ("type T = ", "&'a "),
            ("type T = ", "&mut "),
            ("fn f() { ", "a = "),
            ("fn f() { ", "return "),
            ("fn f() { let ", "a @ "),
        ] {
            let close = if head.contains('{') { " }" } else { "" };
            let text = format!("{head}{}1;{close}", tail.repeat(20_000));
            assert!(parse_file(&text).unwrap_err().starts_with("nesting deeper"), "{head}{tail}");
        }
        let statements = format!("fn f() {{ {} }}", "if a { b(); } ".repeat(20_000));
        assert!(parse_file(&statements).is_ok());
        let arms = format!("fn f() {{ match x {{ {} }} }}", "E::A => { 1 } _ => { 2 } ".repeat(6_000));
        assert!(parse_file(&arms).is_ok());
        let blocks = format!("fn f() {{ x{}; }}", " + { 1 }".repeat(30_000));
        assert_eq!(parse_file(&blocks).unwrap_err(), "a statement of more than 50000 tokens");
        let chain = format!("fn f() {{ x{}; }}", ".a".repeat(30_000));
        assert_eq!(parse_file(&chain).unwrap_err(), "a statement of more than 50000 tokens");
        let ok = "fn f(v: &[u8]) -> impl Fn(u8) -> bool + '_ { let c = |a: &u8, b| a | b || !c; \
                  move |x| v.iter().any(|&y| y == x && a <= b) }";
        assert!(parse_file(ok).is_ok());
    }
}

//! Parsing a file with `syn` without ever overflowing the stack, and finding the anchor
//! of a finding (the innermost statement, field or item holding it) for suppression.

use proc_macro2::{Spacing, TokenStream, TokenTree};
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
    let depth = nesting_depth(&tokens)?;
    if depth > MAX_NESTING {
        return Err(format!("nesting deeper than {MAX_NESTING} levels ({depth})"));
    }
    syn::parse2::<syn::File>(tokens).map_err(|e| {
        let at = e.span().start();
        format!("syntax error at {}:{}: {}", at.line, at.column + 1, e)
    })
}

/// Statements of more tokens than this (at one bracket level, between `;` or `,`) are refused:
/// long postfix and binary chains nest `syn`'s tree one level per operator.
pub const MAX_SEGMENT: usize = 50_000;

/// Keywords that start an item, whose body's closing brace ends the statement.
const ITEM_WORDS: &[&str] = &[
    "pub",
    "fn",
    "impl",
    "struct",
    "enum",
    "union",
    "mod",
    "trait",
    "extern",
    "unsafe",
    "async",
    "const",
    "macro_rules",
];

/// Keywords after which a prefix operator run goes on (`&mut *const &'a dyn x`).
const PREFIX_WORDS: &[&str] = &["mut", "const", "raw", "dyn", "impl", "move", "async", "static", "ref", "box"];
/// Keywords that open a construct lasting to the end of the expression.
const TAIL_WORDS: &[&str] = &["return", "break", "yield", "become", "let", "if", "while", "match"];

/// What came before a token within its group.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    Start,
    Operand,
    Keyword,
    Punct(char, Spacing),
}

/// The state of one bracket group while its tokens are read.
struct Level {
    iter: proc_macro2::token_stream::IntoIter,
    /// The estimated depth at which this group opened.
    base: usize,
    /// Open `<` angle brackets (until `;` or a brace).
    angle: usize,
    /// A run of prefix operators (`&&&&x`, `- - x`, `&mut *const`).
    run: usize,
    /// Constructs that last to the end of the expression: closures, `->` return types,
    /// assignments, `@` bindings and the keywords of `TAIL_WORDS`.
    tail: usize,
    /// Between the bars of a closure's parameters, where `,` ends nothing.
    params: bool,
    /// The last `|` was a binary operator (so is a second one joined to it).
    binary_pipe: bool,
    /// Tokens since the last `;` or `,`, or since the end of the last item.
    len: usize,
    /// The current statement started with an item keyword or an attribute: its body's
    /// closing brace ends it.
    item: bool,
    /// The last token was a brace group: a word or an attribute after it starts a new
    /// statement (`if a { x } if b { y }`, match arms `A => { x } B => { y }`).
    after_brace: bool,
    prev: Prev,
}

impl Level {
    fn new(ts: TokenStream, base: usize) -> Level {
        Level {
            iter: ts.into_iter(),
            base,
            angle: 0,
            run: 0,
            tail: 0,
            params: false,
            binary_pipe: false,
            len: 0,
            item: false,
            after_brace: false,
            prev: Prev::Start,
        }
    }

    fn punct(&mut self, p: &proc_macro2::Punct) {
        let c = p.as_char();
        let joined_to = |x: char| self.prev == Prev::Punct(x, Spacing::Joint);
        match c {
            '<' => self.angle += 1,
            // `->` opens a return type; `=>` ends a match arm's pattern.
            '>' if joined_to('-') => self.tail += 1,
            '>' if joined_to('=') => self.params = false,
            '>' => self.angle = self.angle.saturating_sub(1),
            ';' => {
                (self.angle, self.run, self.tail, self.params, self.len) = (0, 0, 0, false, 0);
            }
            ',' => {
                self.run = 0;
                self.len = 0;
                if self.angle == 0 && !self.params {
                    self.tail = 0;
                }
            }
            '&' | '*' | '-' | '!' => self.run += 1,
            '\'' => {}
            '|' => {
                if self.params {
                    self.params = false;
                } else if self.prev == Prev::Operand || (joined_to('|') && self.binary_pipe) {
                    self.binary_pipe = true;
                } else {
                    self.binary_pipe = false;
                    self.params = true;
                    self.tail += 1;
                }
            }
            '=' if p.spacing() == Spacing::Alone
                && !matches!(self.prev, Prev::Punct('=' | '!' | '<' | '>', Spacing::Joint)) =>
            {
                self.tail += 1;
                self.run = 0;
            }
            '@' => self.tail += 1,
            _ => self.run = 0,
        }
        self.prev = Prev::Punct(c, p.spacing());
    }

    fn ident(&mut self, i: &proc_macro2::Ident) {
        let word = i.to_string();
        let lifetime = self.prev == Prev::Punct('\'', Spacing::Joint);
        if TAIL_WORDS.contains(&word.as_str()) {
            self.tail += 1;
            self.prev = Prev::Keyword;
        } else if PREFIX_WORDS.contains(&word.as_str()) {
            self.prev = Prev::Keyword;
        } else {
            if !lifetime {
                self.run = 0;
            }
            self.prev = Prev::Operand;
        }
    }
}

/// The deepest recursion `syn` (and a visitor of its tree) could need for a token stream,
/// estimated without recursion: each bracket group adds one level, and so, within a group,
/// does every construct `syn` parses recursively without a group of its own: open `<`
/// angle brackets, prefix operators (`&&&&x`), and closures, `->` return types,
/// assignments, `@` bindings, `return`, `break`, `let`, `if`, `while` and `match` until the
/// end of their expression. The levels of the enclosing groups add up. Errs when a
/// statement is longer than `MAX_SEGMENT` tokens.
fn nesting_depth(tokens: &TokenStream) -> Result<usize, String> {
    let mut stack = vec![Level::new(tokens.clone(), 0)];
    let mut max = 0;
    while let Some(top) = stack.last_mut() {
        let Some(tt) = top.iter.next() else {
            stack.pop();
            continue;
        };
        top.len += 1;
        // A word (but `else` and `as`, which go on) or an attribute right after a block
        // starts a new statement.
        let after_brace = std::mem::take(&mut top.after_brace);
        let starts = match &tt {
            TokenTree::Ident(i) => i != "else" && i != "as",
            TokenTree::Punct(p) => p.as_char() == '#',
            _ => false,
        };
        if after_brace && starts {
            top.len = 1;
        }
        if top.len == 1 {
            top.item = match &tt {
                TokenTree::Ident(i) => ITEM_WORDS.iter().any(|w| i == w),
                TokenTree::Punct(p) => p.as_char() == '#',
                _ => false,
            };
        }
        if top.len > MAX_SEGMENT {
            return Err(format!("a statement of more than {MAX_SEGMENT} tokens"));
        }
        match &tt {
            TokenTree::Punct(p) => top.punct(p),
            TokenTree::Ident(i) => top.ident(i),
            TokenTree::Literal(_) => {
                top.run = 0;
                top.prev = Prev::Operand;
            }
            TokenTree::Group(_) => {}
        }
        let here = top.base + top.angle + top.run + top.tail;
        max = max.max(here);
        if let TokenTree::Group(g) = tt {
            if g.delimiter() == proc_macro2::Delimiter::Brace {
                (top.angle, top.tail, top.params, top.after_brace) = (0, 0, false, true);
                if top.item {
                    (top.len, top.item) = (0, false);
                }
            }
            top.run = 0;
            top.prev = Prev::Operand;
            max = max.max(here + 1);
            stack.push(Level::new(g.stream(), here + 1));
        }
        if max > MAX_NESTING {
            break;
        }
    }
    Ok(max)
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

//! Unit tests of the escape analysis (one statement list per idea, with the exact uses
//! expected) and of the scope lookup.

use super::*;

fn uses(src: &str) -> Vec<UseKind> {
    let block: syn::Block = syn::parse_str(&format!("{{ {src} }}")).expect("test source parses");
    uses_in_stmts("m", &block.stmts, Tail::Discarded).into_iter().map(|u| u.kind).collect()
}

fn escape(src: &str) -> Option<Escape> {
    uses(src).into_iter().find_map(|k| match k {
        UseKind::Escape(e) => Some(e),
        _ => None,
    })
}

use Escape as E;
use UseKind::{InPlace, Iterable, Receiver};

#[test]
fn in_place_uses() {
    assert_eq!(uses("m.insert(1, 2); let n = m.len();"), vec![Receiver, Receiver]);
    assert_eq!(uses("for (k, v) in &m {} for x in m {}"), vec![Iterable, Iterable]);
    assert_eq!(uses("f(&m); g(&mut m); let r = &m; m[&k] += 1;"), vec![InPlace; 4]);
    assert_eq!(uses("if m == other && m.is_empty() { }"), vec![InPlace, Receiver]);
    assert_eq!(
        uses("println!(\"{:?}\", m); assert_eq!(m, n); assert!(m.is_empty());"),
        vec![InPlace, InPlace, Receiver]
    );
    assert_eq!(uses("m = HashMap::new(); m;"), vec![InPlace, InPlace]);
    assert_eq!(uses("let _ = m; xs.iter().for_each(|x| { m.insert(*x, 1); });"), vec![InPlace, Receiver]);
    assert_eq!(uses("out.push(m.clone()); tx.send(m.into_iter().collect());"), vec![Receiver, Receiver]);
}

#[test]
fn escapes() {
    assert_eq!(escape("return m;"), Some(E::Returned));
    assert_eq!(escape("loop { break m; }"), Some(E::Break));
    assert_eq!(escape("out.push(m);"), Some(E::Argument));
    assert_eq!(escape("tx.send(m).unwrap();"), Some(E::Argument));
    assert_eq!(escape("consume(m);"), Some(E::Argument));
    assert_eq!(escape("all.insert(k, m);"), Some(E::Argument));
    assert_eq!(escape("let s = S { map: m };"), Some(E::Stored));
    assert_eq!(escape("let s = S { m };"), Some(E::Stored));
    assert_eq!(escape("let t = (1, m);"), Some(E::Stored));
    assert_eq!(escape("let a = [m];"), Some(E::Stored));
    assert_eq!(escape("let v = vec![m];"), Some(E::Stored));
    assert_eq!(escape("x = m;"), Some(E::Assigned));
    assert_eq!(escape("let y = m;"), Some(E::Assigned));
    assert_eq!(escape("*slot = m;"), Some(E::Assigned));
    assert_eq!(escape("let h = std::thread::spawn(move || m.len());"), Some(E::MoveClosure));
    assert_eq!(escape("let f = async move { m.len() };"), Some(E::MoveClosure));
    assert_eq!(escape("let f = || consume(m);"), Some(E::Argument));
    assert_eq!(escape("let f = || m;"), Some(E::Returned));
    assert_eq!(escape("out.push(std::mem::take(&mut m));"), Some(E::Taken));
    assert_eq!(escape("let old = mem::replace(&mut m, HashMap::new());"), Some(E::Taken));
    assert_eq!(escape("let v = if c { m } else { HashMap::new() };"), Some(E::Assigned));
    assert_eq!(escape("match m { x => drop(x) }"), Some(E::Other));
    assert_eq!(escape("dbg!(m);"), Some(E::Other));
    assert_eq!(escape("out.push(Some(m));"), Some(E::Argument));
    assert_eq!(escape("let shared: Arc<HashMap<u8, u8>> = m.into();"), Some(E::Argument));
}

#[test]
fn block_values() {
    let block: syn::Block = syn::parse_str("{ m.insert(1, 2); m }").expect("parses");
    let u = uses_in_stmts("m", &block.stmts, Tail::Escapes);
    assert_eq!(first_escape(&u).map(|u| u.kind), Some(UseKind::Escape(E::BlockValue)));
    let u = uses_in_stmts("m", &block.stmts, Tail::Discarded);
    assert_eq!(first_escape(&u), None);
}

#[test]
fn shadowing() {
    assert_eq!(uses("let m = 5; out.push(m);"), vec![]);
    assert_eq!(uses("let m = m.len(); out.push(m);"), vec![Receiver]);
    assert_eq!(uses("xs.iter().map(|m| out.push(m));"), vec![]);
    assert_eq!(uses("for m in xs { out.push(m); }"), vec![]);
    assert_eq!(uses("if let Some(m) = opt { out.push(m); }"), vec![]);
    assert_eq!(uses("match opt { Some(m) => out.push(m), None => {} }"), vec![]);
    assert_eq!(escape("let mm = 1; out.push(mm);"), None);
}

#[test]
fn patterns_and_mentions() {
    let pat = |s: &str| -> syn::Pat {
        let local: syn::Stmt = syn::parse_str(&format!("let {s} = x;")).expect("parses");
        match local {
            syn::Stmt::Local(l) => l.pat,
            _ => unreachable!(),
        }
    };
    assert!(pat_binds(&pat("(a, Some(mut m))"), "m"));
    assert!(pat_binds(&pat("S { m, .. }"), "m"));
    assert!(!pat_binds(&pat("S { m: n, .. }"), "m"));
    let e: syn::Expr = syn::parse_str("foo!(a, [b, (m)])").expect("parses");
    assert!(mentions(&e, "m"));
    assert!(!mentions(&e, "c"));
}

#[test]
fn borrowed_temporaries() {
    assert_eq!(uses("report(&(m, 1));"), vec![InPlace]);
    assert_eq!(uses("if (m, 1) == other { }"), vec![InPlace]);
    assert_eq!(escape("out.extend([m].into_iter());"), Some(E::Stored));
    assert_eq!(escape("out.push((m, 1).0);"), Some(E::Stored));
}

/// `around` at the first `m = ..` assignment of a function body: the declaration's line
/// (`None` when not in the body) and the number of loops around it.
fn around_assign(src: &str) -> (Option<u32>, usize) {
    let f: syn::ItemFn = syn::parse_str(src).expect("test source parses");
    let at = find_assign(&f.block).expect("an assignment to m");
    let a = scope::around(&f.block, "m", at);
    (a.decl.map(|d| d.span().start.line), a.loops.len())
}

fn find_assign(b: &syn::Block) -> Option<Span> {
    struct F(Option<Span>);
    impl<'a> syn::visit::Visit<'a> for F {
        fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
            if self.0.is_none() && quote::quote!(#a).to_string().starts_with("m =") {
                self.0 = Some(Span::of(a));
            }
        }
    }
    let mut f = F(None);
    f.visit_block(b);
    f.0
}

#[test]
fn declarations_in_scope() {
    let src = "fn f() {\n let m = 1;\n { let m = 2; }\n for x in xs {\n while c {\n m = 3;\n }\n }\n}";
    assert_eq!(around_assign(src), (Some(2), 2));
    let src = "fn f() {\n for x in xs {\n let mut m = 1;\n m = 3;\n }\n}";
    assert_eq!(around_assign(src), (Some(3), 1));
    let src = "fn f(mut m: u8) {\n loop {\n xs.iter().for_each(|x| m = 3);\n }\n}";
    assert_eq!(around_assign(src), (None, 1));
    let src = "fn f() {\n for mut m in xs {\n m = 3;\n }\n}";
    assert_eq!(around_assign(src), (Some(2), 1));
    let src = "fn f() {\n let mut m = 0;\n for x in xs {\n let g = || { m = 3; };\n }\n}";
    assert_eq!(around_assign(src), (Some(2), 0));
}

//! Unit tests of the escape analysis: one statement list per idea, with the exact uses
//! expected.

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
